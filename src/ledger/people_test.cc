// The people rules: S-HUM-2 curriculum, S-HUM-1 currency of a pass ("at least once a year"),
// corrections that take a pass back, and the S-SYS-3 rule that every user ID is checked.
#include "ledger/people.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

TEST(PeopleTest, SHum2APlanMustCoverEveryTopic) {
  auto all = ParseTopics("rules,roles,after-leaving");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(CheckPlan({2026, "4月研修", *all, 80}).ok());
  auto partial = ParseTopics("rules,roles");
  Status s = CheckPlan({2026, "4月研修", *partial, 80});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("S-HUM-2"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("after-leaving"), std::string::npos) << s.message();
  EXPECT_EQ(ParseTopics("rules,gossip").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPlan({2026, "4月研修", *all, 0}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPlan({2026, "4月研修", *all, 101}).code(), StatusCode::kInvalidArgument);
}

TEST(PeopleTest, FiscalYearStartsInApril) {
  EXPECT_EQ(FiscalYear(20270331), 2026);
  EXPECT_EQ(FiscalYear(20270401), 2027);
  EXPECT_EQ(FiscalYear(20261125), 2026);
}

TEST(PeopleTest, SHum1APassIsCurrentForOneYear) {
  std::vector<TestResult> t = {{1, "staff1", 20251126, true, 0}};
  EXPECT_TRUE(TrainingCurrent(t, "staff1", 20261125));
  EXPECT_FALSE(TrainingCurrent(t, "staff1", 20261126));  // one year on: no longer current
  EXPECT_FALSE(TrainingCurrent(t, "staff2", 20261125));
  EXPECT_FALSE(TrainingCurrent({{1, "staff1", 20261120, false, 0}}, "staff1", 20261125));
  EXPECT_EQ(OneYearBefore(20280229), 20270228);
  EXPECT_EQ(AddDays(20261231, 1), 20270101);
  EXPECT_EQ(AddDays(20240301, -1), 20240229);
}

TEST(PeopleTest, SHum1ACorrectedPassNoLongerCounts) {
  // #1 recorded a pass by mistake; #2 corrects it to a fail.
  std::vector<TestResult> t = {{1, "staff1", 20261120, true, 0}, {2, "staff1", 20261120, false, 1}};
  EXPECT_FALSE(TrainingCurrent(t, "staff1", 20261125));
  t.push_back({3, "staff1", 20261124, true, 0});  // the retest passed
  EXPECT_EQ(LastPass(t, "staff1"), 20261124);
}

TEST(PeopleTest, SSys3EveryActiveAccountIsChecked) {
  const std::vector<std::string> active = {"head1", "lead1", "staff1"};
  const std::vector<std::string> all = {"head1", "lead1", "staff1", "gone1"};
  EXPECT_TRUE(CheckIdAudit(active, all, {"head1", "lead1"}, {"staff1"}).ok());
  Status s = CheckIdAudit(active, all, {"head1", "lead1"}, {});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("S-SYS-3"), std::string::npos);
  EXPECT_NE(s.message().find("staff1"), std::string::npos);
  EXPECT_EQ(CheckIdAudit(active, all, {"head1", "lead1", "staff1", "nobody"}, {}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckIdAudit(active, all, {"head1", "lead1", "staff1"}, {"staff1"}).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ganreg::ledger
