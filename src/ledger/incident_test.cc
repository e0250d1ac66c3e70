// The incident record's steps and the S-INC-1 reporting chain: head → governor and NCC only
// after the report to the head; governor → ministry only after the head's report to the governor.
#include "ledger/incident.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

constexpr char kOccurred[] = "2026-11-20T09:00";
constexpr char kNow[] = "2026-11-25T17:00";

void ExpectRefused(const Status& s) {
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("S-INC-1"), std::string::npos) << s.message();
}

TEST(IncidentTest, SInc1TheChainGoesThroughTheHead) {
  std::vector<StepDone> done;
  ExpectRefused(CheckStep(Step::kHeadToGovernor, "2026-11-20T10:00", kOccurred, done, kNow, "", ""));
  ExpectRefused(CheckStep(Step::kHeadToNcc, "2026-11-20T10:00", kOccurred, done, kNow, "", ""));
  ExpectRefused(
      CheckStep(Step::kGovernorToMinistry, "2026-11-20T10:00", kOccurred, done, kNow, "", ""));
  ASSERT_TRUE(CheckStep(Step::kReportedToHead, "2026-11-20T09:30", kOccurred, done, kNow, "", "").ok());
  done.push_back({Step::kReportedToHead, "2026-11-20T09:30"});
  // Not dated before the report it follows.
  ExpectRefused(CheckStep(Step::kHeadToGovernor, "2026-11-20T09:00", kOccurred, done, kNow, "", ""));
  ASSERT_TRUE(CheckStep(Step::kHeadToGovernor, "2026-11-20T11:00", kOccurred, done, kNow, "", "").ok());
  done.push_back({Step::kHeadToGovernor, "2026-11-20T11:00"});
  EXPECT_TRUE(CheckStep(Step::kHeadToNcc, "2026-11-20T11:05", kOccurred, done, kNow, "", "").ok());
  EXPECT_TRUE(
      CheckStep(Step::kGovernorToMinistry, "2026-11-20T15:00", kOccurred, done, kNow, "", "").ok());
  // Once each.
  EXPECT_EQ(CheckStep(Step::kHeadToGovernor, "2026-11-21T11:00", kOccurred, done, kNow, "", "").code(),
            StatusCode::kFailedPrecondition);
}

TEST(IncidentTest, StepsNeedTheirContentAndAPlausibleTime) {
  std::vector<StepDone> done;
  EXPECT_EQ(CheckStep(Step::kCause, "2026-11-21T10:00", kOccurred, done, kNow, "", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckStep(Step::kNotified, "2026-11-21T10:00", kOccurred, done, kNow, "", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckStep(Step::kContained, "2026-11-19T10:00", kOccurred, done, kNow, "x", "").code(),
            StatusCode::kInvalidArgument);  // before it occurred
  EXPECT_EQ(CheckStep(Step::kContained, "2026-11-26T10:00", kOccurred, done, kNow, "x", "").code(),
            StatusCode::kInvalidArgument);  // in the future
  EXPECT_EQ(CheckStep(Step::kContained, "2026-11-21 10:00", kOccurred, done, kNow, "x", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseLocalTime("2026-02-30T10:00"));
  EXPECT_FALSE(ParseLocalTime("2026-02-10T24:00"));
}

TEST(IncidentTest, MissingStepsAndTheLawThatApplies) {
  std::vector<StepDone> done = {{Step::kReportedToHead, "x"}, {Step::kContained, "x"}};
  auto missing = MissingSteps(done);
  ASSERT_EQ(missing.size(), 5u);
  EXPECT_EQ(missing.front(), Step::kCause);
  EXPECT_EQ(missing.back(), Step::kGovernorToMinistry);
  EXPECT_NE(std::string(ApplicableLaw(IncidentKind::kUnauthorisedAccess)).find("Unauthorized"),
            std::string::npos);
  EXPECT_TRUE(ApplicableLaw(IncidentKind::kLoss).empty());
}

}  // namespace
}  // namespace ganreg::ledger
