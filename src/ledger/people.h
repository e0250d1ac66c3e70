// People (S-HUM-1..3, S-SYS-3): training plans, sessions, tests and retests, briefings, and
// the user-ID audit — the rules an entry must satisfy as pure functions, no I/O. The app layer
// stores what passes, audits every entry, and asks TrainingCurrent() before a grant.
//
//   auto topics = ledger::ParseTopics("rules,roles,after-leaving");
//   Status s = ledger::CheckPlan({2026, "4月研修", *topics, 80});
//   bool ok = ledger::TrainingCurrent(tests_of_staff1, 20261125);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

// S-HUM-2: what a curriculum must cover — the rules on personal information (statutory
// confidentiality, the manual, the room's procedures), each person's role and responsibility,
// and confidentiality after leaving.
enum class Topic { kRules, kRoles, kAfterLeaving };
std::string_view TopicId(Topic t);  // "rules", "roles", "after-leaving"
// "rules,roles,after-leaving" → topics; kInvalidArgument naming an unknown one.
Result<std::vector<Topic>> ParseTopics(std::string_view list);
std::string JoinTopics(const std::vector<Topic>& topics);

struct Plan {
  int64_t fiscal_year = 0;  // April of that year to March of the next
  std::string title;
  std::vector<Topic> covers;
  int64_t pass_mark = 0;    // the test's pass mark, 1–100
};
// kInvalidArgument for a missing field or a pass mark outside 1–100; kFailedPrecondition
// naming S-HUM-2 for a curriculum that leaves a topic out.
Status CheckPlan(const Plan& plan);

// The fiscal year (年度) of a date yyyymmdd: 2027-03-31 → 2026, 2027-04-01 → 2027.
int64_t FiscalYear(int32_t yyyymmdd);

// One test result, as the currency rule needs it.
struct TestResult {
  int64_t id = 0;
  std::string person;
  int32_t date = 0;  // yyyymmdd of the session
  bool passed = false;
  int64_t corrects = 0;  // the result this one corrects (that one no longer counts)
};
// The date of `person`'s latest passed result that no later result corrects; nullopt if none.
std::optional<int32_t> LastPass(const std::vector<TestResult>& tests, std::string_view person);
// S-HUM-1 ("at least once a year"): a record is current when the person passed a test on a
// session dated within the year up to `today` (a pass on 2025-11-26 is current on 2026-11-25,
// one on 2025-11-25 no longer is).
bool TrainingCurrent(const std::vector<TestResult>& tests, std::string_view person,
                     int32_t today);
// The same date one year earlier (29 February → 28 February).
int32_t OneYearBefore(int32_t yyyymmdd);
// yyyymmdd plus `days` (negative allowed).
int32_t AddDays(int32_t yyyymmdd, int days);

// Briefings by the head (S-HUM-3).
enum class BriefingKind { kNewStaff, kLeaver };
std::string_view BriefingKindId(BriefingKind k);  // "new-staff", "leaver"
std::optional<BriefingKind> ParseBriefingKind(std::string_view id);

// The user-ID audit (S-SYS-3): every account checked against its holder. Names given as
// confirmed or mismatched must be accounts; every active account must be one or the other.
// kFailedPrecondition naming S-SYS-3 and the accounts left out; kInvalidArgument for an
// unknown name or one given both ways.
Status CheckIdAudit(const std::vector<std::string>& active_accounts,
                    const std::vector<std::string>& all_accounts,
                    const std::vector<std::string>& confirmed,
                    const std::vector<std::string>& mismatched);

}  // namespace ganreg::ledger
