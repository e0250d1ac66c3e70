// The key box (S-STO-1: every opening and locking recorded, so the log alternates; S-ENT-1: the
// end-of-day count) and the visitor rules of S-ENT-1 / PHY-2 (pledge, approval, escort).
#include "ledger/rooms.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

TEST(RoomsTest, SSto1OpeningAndLockingAlternate) {
  EXPECT_TRUE(CheckKeybox(KeyboxAction::kOpen, false, 0, 0).ok());
  Status twice = CheckKeybox(KeyboxAction::kOpen, true, 0, 0);
  EXPECT_EQ(twice.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(twice.message().find("S-STO-1"), std::string::npos);
  EXPECT_TRUE(CheckKeybox(KeyboxAction::kLock, true, 0, 0).ok());
  EXPECT_EQ(CheckKeybox(KeyboxAction::kLock, false, 0, 0).code(),
            StatusCode::kFailedPrecondition);
}

TEST(RoomsTest, SEnt1TheCountNeedsItsNumbers) {
  EXPECT_TRUE(CheckKeybox(KeyboxAction::kCount, false, 6, 6).ok());
  EXPECT_TRUE(CheckKeybox(KeyboxAction::kCount, false, 6, 5).ok());  // recorded: a key missing
  EXPECT_EQ(CheckKeybox(KeyboxAction::kCount, false, 0, 0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckKeybox(KeyboxAction::kCount, false, 6, 7).code(), StatusCode::kInvalidArgument);
}

TEST(RoomsTest, SEnt1VisitorsNeedPledgeApprovalAndEscort) {
  const std::vector<std::string> approvers = {"head1", "lead1"};
  const std::vector<std::string> staff = {"head1", "lead1", "staff1"};
  Visit v{"架空　清掃員", "模擬ビル管理", "清掃", "09:10", true, "lead1", "staff1"};
  EXPECT_TRUE(CheckVisit(v, approvers, staff).ok());
  auto refused = [&](Visit w) {
    Status s = CheckVisit(w, approvers, staff);
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_NE(s.message().find("S-ENT-1"), std::string::npos) << s.message();
  };
  Visit no_pledge = v;
  no_pledge.pledge = false;
  refused(no_pledge);
  Visit staff_approved = v;
  staff_approved.approved_by = "staff1";
  refused(staff_approved);
  Visit unescorted = v;
  unescorted.escort = "";
  refused(unescorted);
  Visit no_name = v;
  no_name.name = "";
  EXPECT_EQ(CheckVisit(no_name, approvers, staff).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseClock("24:00"));
  EXPECT_TRUE(ParseMonth("2026-11"));
  EXPECT_FALSE(ParseMonth("2026-13"));
}

}  // namespace
}  // namespace ganreg::ledger
