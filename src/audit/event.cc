// Canonical event encoding: "GAE1", seq and time as 8-byte big-endian, then outcome as one byte,
// then actor, role, action, object, detail each as a 4-byte big-endian length and UTF-8 bytes.
#include "audit/event.h"

namespace ganreg::audit {
namespace {
constexpr std::string_view kMagic = "GAE1";

void PutU64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}
void PutString(std::string& out, std::string_view s) {
  auto n = static_cast<uint32_t>(s.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>(n >> (8 * i)));
  out.append(s);
}
uint64_t GetU64(std::string_view s, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = v << 8 | static_cast<uint8_t>(s[at + i]);
  return v;
}
bool GetString(std::string_view& in, std::string* out) {
  if (in.size() < 4) return false;
  uint32_t n = 0;
  for (size_t i = 0; i < 4; ++i) n = n << 8 | static_cast<uint8_t>(in[i]);
  in.remove_prefix(4);
  if (in.size() < n) return false;
  out->assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}
}  // namespace

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kDone: return "done";
    case Outcome::kDenied: return "denied";
    case Outcome::kFailed: return "failed";
    case Outcome::kRejected: return "rejected";
  }
  return "?";
}

std::string EncodeEvent(const Event& e) {
  std::string out;
  out.reserve(64 + e.actor.size() + e.role.size() + e.action.size() + e.object.size() +
              e.detail.size());
  out.append(kMagic);
  PutU64(out, static_cast<uint64_t>(e.seq));
  PutU64(out, static_cast<uint64_t>(e.time));
  out.push_back(static_cast<char>(e.outcome));
  PutString(out, e.actor);
  PutString(out, e.role);
  PutString(out, e.action);
  PutString(out, e.object);
  PutString(out, e.detail);
  return out;
}

int64_t PeekSeq(std::string_view body) {
  if (body.size() < 20 || body.substr(0, 4) != kMagic) return -1;
  return static_cast<int64_t>(GetU64(body, 4));
}

Result<Event> DecodeEvent(std::string_view body) {
  if (body.size() < 21 || body.substr(0, 4) != kMagic) {
    return Status::DataLoss("audit event body is malformed");
  }
  Event e;
  e.seq = static_cast<int64_t>(GetU64(body, 4));
  e.time = static_cast<int64_t>(GetU64(body, 12));
  auto outcome = static_cast<uint8_t>(body[20]);
  if (outcome > static_cast<uint8_t>(Outcome::kRejected)) {
    return Status::DataLoss("audit event has an unknown outcome");
  }
  e.outcome = static_cast<Outcome>(outcome);
  std::string_view rest = body.substr(21);
  if (!GetString(rest, &e.actor) || !GetString(rest, &e.role) || !GetString(rest, &e.action) ||
      !GetString(rest, &e.object) || !GetString(rest, &e.detail) || !rest.empty()) {
    return Status::DataLoss("audit event body is malformed");
  }
  return e;
}

}  // namespace ganreg::audit
