// The incident steps and the reporting chain (S-INC-1).
#include "ledger/incident.h"

#include <algorithm>

#include <fmt/format.h>

#include "ledger/disposal.h"

namespace ganreg::ledger {

std::string_view IncidentKindId(IncidentKind k) {
  switch (k) {
    case IncidentKind::kLeak: return "leak";
    case IncidentKind::kLoss: return "loss";
    case IncidentKind::kUnauthorisedAccess: return "unauthorised-access";
    case IncidentKind::kSystemFault: return "system-fault";
    case IncidentKind::kOther: return "other";
  }
  return "?";
}

std::optional<IncidentKind> ParseIncidentKind(std::string_view id) {
  for (auto k : {IncidentKind::kLeak, IncidentKind::kLoss, IncidentKind::kUnauthorisedAccess,
                 IncidentKind::kSystemFault, IncidentKind::kOther}) {
    if (IncidentKindId(k) == id) return k;
  }
  return std::nullopt;
}

namespace {
constexpr Step kAllSteps[] = {Step::kReportedToHead,  Step::kContained,   Step::kCause,
                              Step::kPrevention,      Step::kHeadToGovernor, Step::kHeadToNcc,
                              Step::kGovernorToMinistry, Step::kNotified, Step::kNote};
}

std::string_view StepId(Step s) {
  switch (s) {
    case Step::kReportedToHead: return "reported-to-head";
    case Step::kContained: return "contained";
    case Step::kCause: return "cause";
    case Step::kPrevention: return "prevention";
    case Step::kHeadToGovernor: return "head-to-governor";
    case Step::kHeadToNcc: return "head-to-ncc";
    case Step::kGovernorToMinistry: return "governor-to-ministry";
    case Step::kNotified: return "notified";
    case Step::kNote: return "note";
  }
  return "?";
}

std::string_view StepLabel(Step s) {
  switch (s) {
    case Step::kReportedToHead: return "登録室責任者へ報告";
    case Step::kContained: return "被害の拡大防止";
    case Step::kCause: return "原因の究明";
    case Step::kPrevention: return "再発防止策";
    case Step::kHeadToGovernor: return "責任者から総括責任者（知事）へ報告";
    case Step::kHeadToNcc: return "責任者から国立がん研究センターへ報告";
    case Step::kGovernorToMinistry: return "総括責任者から厚生労働省へ報告";
    case Step::kNotified: return "通知";
    case Step::kNote: return "経過";
  }
  return "?";
}

std::optional<Step> ParseStep(std::string_view id) {
  for (Step s : kAllSteps) {
    if (StepId(s) == id) return s;
  }
  return std::nullopt;
}

const std::vector<Step>& RequiredSteps() {
  static const std::vector<Step> kRequired = {
      Step::kReportedToHead, Step::kContained,  Step::kCause,
      Step::kPrevention,     Step::kHeadToGovernor, Step::kHeadToNcc,
      Step::kGovernorToMinistry};
  return kRequired;
}

std::optional<std::string> ParseLocalTime(std::string_view s) {
  if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
  if (!ParseDate(s.substr(0, 10))) return std::nullopt;
  for (size_t i : {11, 12, 14, 15}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[11] - '0') * 10 + (s[12] - '0');
  const int m = (s[14] - '0') * 10 + (s[15] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return std::string(s);
}

namespace {
Status Refuse(std::string_view ja, std::string_view en) {
  return Status::FailedPrecondition(fmt::format("S-INC-1: {} / {}", ja, en));
}
const StepDone* Find(const std::vector<StepDone>& done, Step s) {
  for (const auto& d : done) {
    if (d.step == s) return &d;
  }
  return nullptr;
}
}  // namespace

Status CheckStep(Step step, std::string_view done_at, std::string_view occurred,
                 const std::vector<StepDone>& done, std::string_view now_local,
                 std::string_view note, std::string_view to) {
  if (!ParseLocalTime(done_at)) {
    return Status::InvalidArgument(fmt::format(
        "実施日時は YYYY-MM-DDTHH:MM / the time done is YYYY-MM-DDTHH:MM, not '{}'", done_at));
  }
  if (done_at < occurred) {
    return Status::InvalidArgument(fmt::format(
        "実施日時が発生日時（{}）より前です / the step is dated before the incident occurred ({})",
        occurred, occurred));
  }
  if (done_at > now_local) {
    return Status::InvalidArgument("実施日時が未来です / the step is dated in the future");
  }
  if (step == Step::kNotified && to.empty()) {
    return Status::InvalidArgument("通知先がありません / name whom it was notified to (--to)");
  }
  if ((step == Step::kCause || step == Step::kPrevention || step == Step::kContained ||
       step == Step::kNote) && note.empty()) {
    return Status::InvalidArgument(fmt::format(
        "{}の内容がありません / say what was found or done (--note)", StepLabel(step)));
  }
  const bool once = step != Step::kNotified && step != Step::kNote;
  if (once) {
    if (const StepDone* d = Find(done, step)) {
      return Status::FailedPrecondition(fmt::format(
          "{}は記録済み（{}） / step '{}' was recorded already ({}); add a note instead",
          StepLabel(step), d->done_at, StepId(step), d->done_at));
    }
  }
  // The chain: who reports to whom, and after what.
  auto after = [&](Step before) -> Status {
    const StepDone* d = Find(done, before);
    if (!d) {
      return Refuse(fmt::format("{}の前に{}が必要", StepLabel(step), StepLabel(before)),
                    fmt::format("'{}' comes after '{}', which is not recorded", StepId(step),
                                StepId(before)));
    }
    if (done_at < d->done_at) {
      return Refuse(fmt::format("{}は{}（{}）より後", StepLabel(step), StepLabel(before),
                                d->done_at),
                    fmt::format("'{}' cannot be dated before '{}' ({})", StepId(step),
                                StepId(before), d->done_at));
    }
    return Status::Ok();
  };
  switch (step) {
    case Step::kHeadToGovernor:
    case Step::kHeadToNcc:
      return after(Step::kReportedToHead);
    case Step::kGovernorToMinistry:
      return after(Step::kHeadToGovernor);
    default:
      return Status::Ok();
  }
}

std::vector<Step> MissingSteps(const std::vector<StepDone>& done) {
  std::vector<Step> out;
  for (Step s : RequiredSteps()) {
    if (!Find(done, s)) out.push_back(s);
  }
  return out;
}

std::string_view ApplicableLaw(IncidentKind k) {
  return k == IncidentKind::kUnauthorisedAccess
             ? "不正アクセス行為の禁止等に関する法律 Unauthorized Computer Access Law (S-INC-1)"
             : "";
}

}  // namespace ganreg::ledger
