// Incidents (S-INC-1, S-INC-2): the kinds, the steps of an incident record and the reporting
// chain (head → governor and NCC; governor → ministry), as pure functions, no I/O. The app layer
// seals each incident's account and each step's note under the ledgers category.
//
//   Status s = ledger::CheckStep(ledger::Step::kGovernorToMinistry, "2026-11-25T10:00",
//                                incident, steps_so_far, "2026-11-25T12:00");
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

enum class IncidentKind { kLeak, kLoss, kUnauthorisedAccess, kSystemFault, kOther };
std::string_view IncidentKindId(IncidentKind k);  // "leak", "loss", "unauthorised-access", …
std::optional<IncidentKind> ParseIncidentKind(std::string_view id);

// The steps of an incident record. The first four are the office's own (report to the head,
// containment, cause, recurrence prevention); the next three are the reporting chain of
// S-INC-1; kNotified records any further notification and to whom; kNote adds to the timeline.
enum class Step {
  kReportedToHead,
  kContained,
  kCause,
  kPrevention,
  kHeadToGovernor,
  kHeadToNcc,
  kGovernorToMinistry,
  kNotified,
  kNote,
};
std::string_view StepId(Step s);     // "reported-to-head", "contained", "cause", …
std::string_view StepLabel(Step s);  // 登録室責任者へ報告, …
std::optional<Step> ParseStep(std::string_view id);

// The steps every incident must have before it is closed, in order.
const std::vector<Step>& RequiredSteps();

struct StepDone {
  Step step;
  std::string done_at;  // YYYY-MM-DDTHH:MM (Japan)
};

// "YYYY-MM-DDTHH:MM" with a real date and time; nullopt otherwise. Compares as text.
std::optional<std::string> ParseLocalTime(std::string_view s);

// Checks a new step against the ones recorded (S-INC-1): the chain steps once each, the head
// reports to the governor and the NCC only after the incident was reported to the head, the
// governor reports to the ministry only after the head's report to the governor; no step before
// the incident occurred, before the step it follows, or after `now_local`. `to` is required
// for kNotified; `note` for cause and prevention. kFailedPrecondition naming S-INC-1.
Status CheckStep(Step step, std::string_view done_at, std::string_view occurred,
                 const std::vector<StepDone>& done, std::string_view now_local,
                 std::string_view note, std::string_view to);

// The required steps not done yet.
std::vector<Step> MissingSteps(const std::vector<StepDone>& done);

// The law that applies, if the kind names one (S-INC-1: unauthorised access is handled under
// the Unauthorized Computer Access Law); "" otherwise.
std::string_view ApplicableLaw(IncidentKind k);

}  // namespace ganreg::ledger
