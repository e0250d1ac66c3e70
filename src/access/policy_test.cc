// The role table and the account-creation rule (S-SYS-1, S-SYS-2).
#include "access/policy.h"

#include <gtest/gtest.h>

namespace ganreg::access {
namespace {

using model::Role;

Actor Head() { return {"head1", Role::kHead, true}; }
Actor Lead(bool custodian = false) { return {"lead1", Role::kTaskLead, custodian}; }
Actor Staff() { return {"staff1", Role::kTaskStaff, false}; }
Actor Admin() { return {"admin1", Role::kAdminStaff, false}; }

TEST(AuthorizeTest, OnlyCustodiansGrant) {
  EXPECT_TRUE(Authorize(Head(), Action::kUserGrant).ok());
  EXPECT_TRUE(Authorize(Lead(true), Action::kUserGrant).ok());
  EXPECT_EQ(Authorize(Lead(false), Action::kUserGrant).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Authorize(Staff(), Action::kUserRevoke).code(), StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, AdministrationStaffDoNoRegistryWork) {
  EXPECT_EQ(Authorize(Admin(), Action::kIntake).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Authorize(Admin(), Action::kNotificationShowIdentity).code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(Admin(), Action::kAuditVerify).ok());
}

TEST(AuthorizeTest, TaskStaffTakeInAndRead) {
  EXPECT_TRUE(Authorize(Staff(), Action::kIntake).ok());
  EXPECT_TRUE(Authorize(Staff(), Action::kNotificationList).ok());
  EXPECT_EQ(Authorize(Staff(), Action::kUserAdd).code(), StatusCode::kPermissionDenied);
}

TEST(AuthorizeTest, OnlyCustodiansKeepPartnerDefinitions) {
  EXPECT_TRUE(Authorize(Head(), Action::kPartnerAdd).ok());
  EXPECT_TRUE(Authorize(Lead(true), Action::kPartnerRevoke).ok());
  EXPECT_FALSE(Authorize(Lead(false), Action::kPartnerAdd).ok());
  EXPECT_FALSE(Authorize(Staff(), Action::kPartnerAdd).ok());
  EXPECT_TRUE(Authorize(Staff(), Action::kPackageIntake).ok());
  EXPECT_FALSE(Authorize(Admin(), Action::kPackageIntake).ok());
}

TEST(AuthorizeTest, RegistryStaffLinkAndReview) {
  for (Action a : {Action::kLinkRun, Action::kReviewNext, Action::kReviewDecide,
                   Action::kReviewUndo}) {
    EXPECT_TRUE(Authorize(Head(), a).ok());
    EXPECT_TRUE(Authorize(Lead(), a).ok());
    EXPECT_TRUE(Authorize(Staff(), a).ok());
    EXPECT_EQ(Authorize(Admin(), a).code(), StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(ActionId(Action::kLinkRun), "link.run");
  EXPECT_EQ(ActionId(Action::kReviewUndo), "review.undo");
}

// Tumours (issue #5): consolidation and the quality checks are registry work.
TEST(AuthorizeTest, RegistryStaffConsolidateAndCheckTumours) {
  for (Action a : {Action::kConsolidate, Action::kTumourList, Action::kTumourShow,
                   Action::kQcList, Action::kQcAccept}) {
    EXPECT_TRUE(Authorize(Head(), a).ok());
    EXPECT_TRUE(Authorize(Staff(), a).ok());
    EXPECT_EQ(Authorize(Admin(), a).code(), StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(ActionId(Action::kConsolidate), "consolidate.run");
  EXPECT_EQ(ActionId(Action::kQcAccept), "qc.accept");
}

// S-INQ-3: only custodians register the numbers a call-back may go to.
TEST(AuthorizeTest, SInq3OnlyCustodiansRegisterCallbackNumbers) {
  EXPECT_TRUE(Authorize(Head(), Action::kInquiryContactAdd).ok());
  EXPECT_TRUE(Authorize(Lead(true), Action::kInquiryContactAdd).ok());
  EXPECT_EQ(Authorize(Lead(false), Action::kInquiryContactAdd).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Authorize(Admin(), Action::kInquiryContactAdd).code(), StatusCode::kPermissionDenied);
}

// F-14, F-6, F-18: administration staff take inquiries and keep the media and disposal ledgers;
// the inquiry book's contents are guarded by the ledgers key, not by the role.
TEST(AuthorizeTest, EveryRoleKeepsTheOfficeLedgers) {
  for (const Actor& a : {Head(), Lead(), Staff(), Admin()}) {
    for (Action act : {Action::kInquiryRecord, Action::kInquiryAnswer, Action::kInquiryList,
                       Action::kInquiryShow, Action::kMediaAdd, Action::kMediaList,
                       Action::kDisposalRecord, Action::kDisposalList}) {
      EXPECT_TRUE(Authorize(a, act).ok()) << a.name << " " << ActionId(act);
    }
  }
  EXPECT_EQ(ActionId(Action::kInquiryAnswer), "inquiry.answer");
  EXPECT_EQ(ActionId(Action::kDisposalRecord), "disposal.record");
}

// S-STO-5: the head, and only the head, checks a disposal contractor's confidentiality clause.
TEST(AuthorizeTest, SSto5OnlyTheHeadChecksADisposalContract) {
  EXPECT_TRUE(Authorize(Head(), Action::kDisposalContractCheck).ok());
  for (const Actor& a : {Lead(true), Lead(), Staff(), Admin()}) {
    EXPECT_EQ(Authorize(a, Action::kDisposalContractCheck).code(), StatusCode::kPermissionDenied);
    EXPECT_TRUE(Authorize(a, Action::kDisposalContractList).ok());
  }
  EXPECT_EQ(ActionId(Action::kDisposalContractCheck), "disposal.contract-check");
}

TEST(AuthorizeTest, EveryoneChangesTheirOwnPassword) {
  for (const Actor& a : {Head(), Lead(), Staff(), Admin()}) {
    EXPECT_TRUE(Authorize(a, Action::kUserChangeOwnPassword).ok());
  }
}

TEST(AccountCreationTest, HeadCreatesTaskLeadsOnly) {
  EXPECT_TRUE(AuthorizeAccountCreation(Head(), Role::kTaskLead, true, "", std::nullopt).ok());
  EXPECT_FALSE(AuthorizeAccountCreation(Head(), Role::kTaskStaff, false, "", std::nullopt).ok());
  EXPECT_FALSE(AuthorizeAccountCreation(Head(), Role::kHead, false, "", std::nullopt).ok());
}

TEST(AccountCreationTest, TaskLeadNeedsTheHeadsInstruction) {
  EXPECT_FALSE(AuthorizeAccountCreation(Lead(), Role::kTaskStaff, false, "", std::nullopt).ok());
  EXPECT_FALSE(
      AuthorizeAccountCreation(Lead(), Role::kTaskStaff, false, "staff9", Role::kTaskStaff).ok());
  EXPECT_TRUE(AuthorizeAccountCreation(Lead(), Role::kTaskStaff, false, "head1", Role::kHead).ok());
  EXPECT_TRUE(AuthorizeAccountCreation(Lead(), Role::kAdminStaff, false, "head1", Role::kHead).ok());
  EXPECT_FALSE(AuthorizeAccountCreation(Lead(), Role::kTaskLead, false, "head1", Role::kHead).ok());
}

TEST(AccountCreationTest, StaffCreateNoAccounts) {
  EXPECT_FALSE(AuthorizeAccountCreation(Staff(), Role::kTaskStaff, false, "head1", Role::kHead).ok());
}

// Deaths and the follow-back (issue #5, S-ACQ-2 イ): registry work; only the head and task
// leads export a hospital's list of names to send.
TEST(AuthorizeTest, DeathsAndFollowBack) {
  for (Action a : {Action::kDeathIntake, Action::kDeathList, Action::kDeathReviewNext,
                   Action::kDeathReviewDecide, Action::kDeathReviewUndo, Action::kFollowbackList,
                   Action::kFollowbackAnswer}) {
    EXPECT_TRUE(Authorize(Staff(), a).ok());
    EXPECT_TRUE(Authorize(Lead(), a).ok());
    EXPECT_EQ(Authorize(Admin(), a).code(), StatusCode::kPermissionDenied);
  }
  EXPECT_TRUE(Authorize(Head(), Action::kFollowbackExport).ok());
  EXPECT_TRUE(Authorize(Lead(), Action::kFollowbackExport).ok());
  EXPECT_EQ(Authorize(Staff(), Action::kFollowbackExport).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ActionId(Action::kDeathIntake), "death.intake");
  EXPECT_EQ(ActionId(Action::kFollowbackExport), "followback.export");
}

}  // namespace
}  // namespace ganreg::access
