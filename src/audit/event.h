// One audit event and its canonical bytes (docs/formats/audit-chain.md).
// Events carry key numbers and file numbers, never a patient's name or other identity value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg::audit {

enum class Outcome { kDone, kDenied, kFailed, kRejected };
std::string_view OutcomeName(Outcome o);  // "done", "denied", "failed", "rejected"

struct Event {
  int64_t seq = 0;     // 1, 2, 3 … assigned by AuditLog::Append
  int64_t time = 0;    // UTC seconds
  std::string actor;   // staff login id ("" before authentication: the attempted id is in object)
  std::string role;    // actor's role id
  std::string action;  // e.g. "intake.file", "notification.show-identity"
  std::string object;  // e.g. "file:3", "key:4821…", "user:yamada"
  Outcome outcome = Outcome::kDone;
  std::string detail;  // counts and reasons, no personal information
};

// Canonical bytes: the hashed and stored body.
std::string EncodeEvent(const Event& e);
// kDataLoss if `body` is not a well-formed event.
Result<Event> DecodeEvent(std::string_view body);
// The sequence number stored in a body, read without decoding the rest (-1 if malformed).
int64_t PeekSeq(std::string_view body);

}  // namespace ganreg::audit
