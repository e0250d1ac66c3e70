// Rooms and keys (S-STO-1, S-ENT-1, catalogue PHY-2): the key-box log with the end-of-day key
// count, and the entry/exit log for visitors with its monthly check — the rules an entry must
// satisfy, as pure functions, no I/O.
//
//   Status s = ledger::CheckKeybox(ledger::KeyboxAction::kOpen, last_state);
//   Status v = ledger::CheckVisit(visit, approvers, staff);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

enum class KeyboxAction { kOpen, kLock, kCount };
std::string_view KeyboxActionId(KeyboxAction a);  // "open", "lock", "count"
std::optional<KeyboxAction> ParseKeyboxAction(std::string_view id);

// S-STO-1: every opening and locking of the key box is recorded, so the log alternates: an open
// box is not opened again, a locked one not locked again. `open` is the box's state from the
// log (false for a new registry). A count (S-ENT-1) needs the number of keys expected (> 0) and
// counted (≥ 0, not more than expected). kFailedPrecondition naming the rule.
Status CheckKeybox(KeyboxAction action, bool open, int64_t expected, int64_t counted);

// One visitor's entry (入退室管理簿 F-1, 誓約書 F-2).
struct Visit {
  std::string name, affiliation, purpose;  // sealed
  std::string time_in;                     // HH:MM
  bool pledge = false;                     // the pledge (第5号様式) was received
  std::string approved_by;                 // the task lead who approved the entry
  std::string escort;                      // the staff member who accompanied the visitor
};

// PHY-2 / S-ENT-1: a visitor (cleaners included) enters only with the pledge received, the
// entry approved by a task lead (or the head) — `approvers` — and escorted by a staff member —
// `staff` (active accounts). kInvalidArgument for a missing field; kFailedPrecondition naming
// the rule otherwise.
Status CheckVisit(const Visit& v, const std::vector<std::string>& approvers,
                  const std::vector<std::string>& staff);

// "HH:MM", 00:00–23:59; nullopt otherwise.
std::optional<std::string> ParseClock(std::string_view s);
// "YYYY-MM" with a real month; nullopt otherwise.
std::optional<std::string> ParseMonth(std::string_view s);

}  // namespace ganreg::ledger
