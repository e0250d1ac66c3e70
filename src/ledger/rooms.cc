// Key-box and entry/exit rules (S-STO-1, S-ENT-1, PHY-2).
#include "ledger/rooms.h"

#include <algorithm>

#include <fmt/format.h>

namespace ganreg::ledger {

std::string_view KeyboxActionId(KeyboxAction a) {
  switch (a) {
    case KeyboxAction::kOpen: return "open";
    case KeyboxAction::kLock: return "lock";
    case KeyboxAction::kCount: return "count";
  }
  return "?";
}

std::optional<KeyboxAction> ParseKeyboxAction(std::string_view id) {
  for (auto a : {KeyboxAction::kOpen, KeyboxAction::kLock, KeyboxAction::kCount}) {
    if (KeyboxActionId(a) == id) return a;
  }
  return std::nullopt;
}

Status CheckKeybox(KeyboxAction action, bool open, int64_t expected, int64_t counted) {
  switch (action) {
    case KeyboxAction::kOpen:
      if (open) {
        return Status::FailedPrecondition(
            "S-STO-1: キーボックスは開いています（施錠の記録がない） / the key box is open "
            "already: its locking was not recorded; record `keybox lock` first");
      }
      return Status::Ok();
    case KeyboxAction::kLock:
      if (!open) {
        return Status::FailedPrecondition(
            "S-STO-1: キーボックスは施錠されています（開錠の記録がない） / the key box is locked "
            "already: its opening was not recorded");
      }
      return Status::Ok();
    case KeyboxAction::kCount:
      if (expected <= 0) {
        return Status::InvalidArgument(
            "保管すべき鍵の本数が必要です / give the number of keys that belong in the box "
            "(--expected, S-ENT-1)");
      }
      if (counted < 0 || counted > expected) {
        return Status::InvalidArgument(fmt::format(
            "数えた本数{}は0〜{} / the keys counted are 0–{}, not {}", counted, expected,
            expected, counted));
      }
      return Status::Ok();
  }
  return Status::Ok();
}

std::optional<std::string> ParseClock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  if ((s[0] - '0') * 10 + (s[1] - '0') > 23 || (s[3] - '0') * 10 + (s[4] - '0') > 59) {
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::string> ParseMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  if (m < 1 || m > 12 || s[0] == '0') return std::nullopt;
  return std::string(s);
}

Status CheckVisit(const Visit& v, const std::vector<std::string>& approvers,
                  const std::vector<std::string>& staff) {
  if (v.name.empty() || v.affiliation.empty() || v.purpose.empty()) {
    return Status::InvalidArgument(
        "来訪者の氏名・所属・目的が必要です / the visitor's name, affiliation and purpose are "
        "required (F-1)");
  }
  if (!ParseClock(v.time_in)) {
    return Status::InvalidArgument(
        fmt::format("入室時刻は HH:MM / the time in is HH:MM, not '{}'", v.time_in));
  }
  if (!v.pledge) {
    return Status::FailedPrecondition(
        "S-ENT-1: 入室前に誓約書（第5号様式）の提出が必要 / a visitor submits the pledge "
        "(第5号様式) before entering (PHY-2): record it with --pledge");
  }
  if (std::find(approvers.begin(), approvers.end(), v.approved_by) == approvers.end()) {
    return Status::FailedPrecondition(fmt::format(
        "S-ENT-1: 入室は作業責任者の承認が必要（{}は作業責任者ではない） / entry needs the "
        "approval of a task lead (or the head); '{}' is not one (PHY-2)",
        v.approved_by, v.approved_by));
  }
  if (std::find(staff.begin(), staff.end(), v.escort) == staff.end()) {
    return Status::FailedPrecondition(fmt::format(
        "S-ENT-1: 来訪者（清掃員を含む）には職員が付き添う（{}は職員ではない） / a visitor, "
        "cleaners included, is escorted by a staff member; '{}' is not an active account "
        "(PHY-2)", v.escort, v.escort));
  }
  return Status::Ok();
}

}  // namespace ganreg::ledger
