// The people rules (S-HUM-1..3, S-SYS-3) and the calendar arithmetic they need.
#include "ledger/people.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ganreg::ledger {

std::string_view TopicId(Topic t) {
  switch (t) {
    case Topic::kRules: return "rules";
    case Topic::kRoles: return "roles";
    case Topic::kAfterLeaving: return "after-leaving";
  }
  return "?";
}

Result<std::vector<Topic>> ParseTopics(std::string_view list) {
  std::vector<Topic> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view one = list.substr(start, comma == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : comma - start);
    if (!one.empty()) {
      bool found = false;
      for (Topic t : {Topic::kRules, Topic::kRoles, Topic::kAfterLeaving}) {
        if (TopicId(t) == one) {
          if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
          found = true;
        }
      }
      if (!found) {
        return Status::InvalidArgument(fmt::format(
            "研修項目は rules, roles, after-leaving / unknown curriculum topic '{}' (rules, roles, "
            "after-leaving)", one));
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string JoinTopics(const std::vector<Topic>& topics) {
  std::string out;
  for (Topic t : topics) {
    if (!out.empty()) out += ',';
    out += TopicId(t);
  }
  return out;
}

Status CheckPlan(const Plan& p) {
  if (p.title.empty()) return Status::InvalidArgument("研修計画の名称がありません / the title is missing");
  if (p.fiscal_year < 2000 || p.fiscal_year > 2200) {
    return Status::InvalidArgument(fmt::format("年度が不正です / fiscal year {} is not plausible",
                                               p.fiscal_year));
  }
  if (p.pass_mark < 1 || p.pass_mark > 100) {
    return Status::InvalidArgument(fmt::format(
        "合格点は1〜100 / the pass mark is 1–100, not {} (S-HUM-1)", p.pass_mark));
  }
  std::vector<std::string> missing;
  for (Topic t : {Topic::kRules, Topic::kRoles, Topic::kAfterLeaving}) {
    if (std::find(p.covers.begin(), p.covers.end(), t) == p.covers.end()) {
      missing.emplace_back(TopicId(t));
    }
  }
  if (!missing.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "S-HUM-2: 研修内容に不足があります（個人情報の規程、各人の役割と責任、退職後の守秘義務）: "
        "{} / the curriculum must cover the rules on personal information, each person's role "
        "and responsibility, and confidentiality after leaving; missing: {}",
        fmt::join(missing, ", "), fmt::join(missing, ", ")));
  }
  return Status::Ok();
}

int64_t FiscalYear(int32_t d) {
  const int64_t year = d / 10000, month = d / 100 % 100;
  return month >= 4 ? year : year - 1;
}

namespace {
std::chrono::sys_days ToDays(int32_t d) {
  using namespace std::chrono;
  return sys_days{year_month_day{year{d / 10000}, month{static_cast<unsigned>(d / 100 % 100)},
                                 day{static_cast<unsigned>(d % 100)}}};
}
int32_t FromDays(std::chrono::sys_days days) {
  std::chrono::year_month_day ymd{days};
  return static_cast<int32_t>(int(ymd.year()) * 10000 + unsigned(ymd.month()) * 100 +
                              unsigned(ymd.day()));
}
}  // namespace

int32_t AddDays(int32_t d, int days) { return FromDays(ToDays(d) + std::chrono::days{days}); }

int32_t OneYearBefore(int32_t d) {
  int32_t back = d - 10000;
  if (back % 10000 == 229) {
    // 29 February a year earlier does not exist (a leap day is never followed by another).
    back -= 1;
  }
  return back;
}

std::optional<int32_t> LastPass(const std::vector<TestResult>& tests, std::string_view person) {
  std::set<int64_t> corrected;
  for (const auto& t : tests) {
    if (t.corrects != 0) corrected.insert(t.corrects);
  }
  std::optional<int32_t> last;
  for (const auto& t : tests) {
    if (t.person != person || !t.passed || corrected.count(t.id) != 0) continue;
    if (!last || t.date > *last) last = t.date;
  }
  return last;
}

bool TrainingCurrent(const std::vector<TestResult>& tests, std::string_view person,
                     int32_t today) {
  auto last = LastPass(tests, person);
  return last && *last > OneYearBefore(today) && *last <= today;
}

std::string_view BriefingKindId(BriefingKind k) {
  switch (k) {
    case BriefingKind::kNewStaff: return "new-staff";
    case BriefingKind::kLeaver: return "leaver";
  }
  return "?";
}

std::optional<BriefingKind> ParseBriefingKind(std::string_view id) {
  for (auto k : {BriefingKind::kNewStaff, BriefingKind::kLeaver}) {
    if (BriefingKindId(k) == id) return k;
  }
  return std::nullopt;
}

Status CheckIdAudit(const std::vector<std::string>& active,
                    const std::vector<std::string>& all,
                    const std::vector<std::string>& confirmed,
                    const std::vector<std::string>& mismatched) {
  auto known = [&](const std::string& n) {
    return std::find(all.begin(), all.end(), n) != all.end();
  };
  for (const auto* list : {&confirmed, &mismatched}) {
    for (const auto& n : *list) {
      if (!known(n)) {
        return Status::InvalidArgument(fmt::format(
            "アカウント{}はありません / '{}' is not an account of this registry", n, n));
      }
    }
  }
  for (const auto& n : confirmed) {
    if (std::find(mismatched.begin(), mismatched.end(), n) != mismatched.end()) {
      return Status::InvalidArgument(fmt::format(
          "{}が一致・不一致の両方にあります / '{}' is given both as confirmed and as a mismatch",
          n, n));
    }
  }
  std::vector<std::string> left_out;
  for (const auto& n : active) {
    if (std::find(confirmed.begin(), confirmed.end(), n) == confirmed.end() &&
        std::find(mismatched.begin(), mismatched.end(), n) == mismatched.end()) {
      left_out.push_back(n);
    }
  }
  if (!left_out.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "S-SYS-3: すべての利用者IDを本人と照合してください。未確認: {} / every user ID is "
        "checked against its holder; not checked: {} (--confirmed or --mismatch)",
        fmt::join(left_out, ", "), fmt::join(left_out, ", ")));
  }
  return Status::Ok();
}

}  // namespace ganreg::ledger
