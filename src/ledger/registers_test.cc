// The take-out register (STO-3, S-SYS-7), the maintenance record (S-SYS-6, SYS-R1, PHY-R6), the
// acquisition register (S-ACQ-2, S-ACQ-4, S-TRN-1, S-TRN-5) and definition updates (S-SYS-4):
// entries that break a rule are refused with the rule's id.
#include "ledger/registers.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

const std::vector<std::string> kApprovers = {"head1", "lead1"};
const std::vector<std::string> kStaff = {"head1", "lead1", "staff1", "staff2"};

void ExpectRule(const Status& s, std::string_view rule) {
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
}

Takeout GoodTakeout() {
  return {"paper", "届出票R 20枚", "複写", 20, "staff1", "lead1", 20261125, 20261125, "10:00"};
}

TEST(RegistersTest, TakeoutNeedsApprovalByAnotherLeadAndNeverAPc) {
  EXPECT_TRUE(CheckTakeout(GoodTakeout(), kApprovers, kStaff).ok());
  Takeout t = GoodTakeout();
  t.kind = "pc";
  ExpectRule(CheckTakeout(t, kApprovers, kStaff), "S-SYS-7");
  t = GoodTakeout();
  t.approved_by = "staff2";
  ExpectRule(CheckTakeout(t, kApprovers, kStaff), "STO-3");
  t = GoodTakeout();
  t.taken_by = "lead1";
  ExpectRule(CheckTakeout(t, kApprovers, kStaff), "STO-3");
  t = GoodTakeout();
  t.due_back = 20261124;
  ExpectRule(CheckTakeout(t, kApprovers, kStaff), "S-STO-3");
  t = GoodTakeout();
  t.reason.clear();
  EXPECT_EQ(CheckTakeout(t, kApprovers, kStaff).code(), StatusCode::kInvalidArgument);
}

TEST(RegistersTest, TakeoutReturnComesAfterAndCountsNoMore) {
  EXPECT_TRUE(CheckTakeoutReturn(20261125, "10:00", 20, 20261125, "15:00", 20).ok());
  EXPECT_TRUE(CheckTakeoutReturn(20261125, "10:00", 20, 20261126, "09:00", 19).ok());
  EXPECT_FALSE(CheckTakeoutReturn(20261125, "10:00", 20, 20261125, "09:00", 20).ok());
  EXPECT_FALSE(CheckTakeoutReturn(20261125, "10:00", 20, 20261125, "15:00", 21).ok());
}

Maintenance GoodMaintenance() {
  return {"contractor", "架空　保守員", "模擬システム株式会社", "索引の再構築", "正常終了",
          "lead1",      "staff1",       true,                   "13:00",        "14:30"};
}

TEST(RegistersTest, SSys6MaintenanceRecordsResultWitnessAndAgreement) {
  EXPECT_TRUE(CheckMaintenance(GoodMaintenance(), kApprovers, kStaff).ok());
  Maintenance m = GoodMaintenance();
  m.result.clear();
  ExpectRule(CheckMaintenance(m, kApprovers, kStaff), "S-SYS-6");
  m = GoodMaintenance();
  m.nda = false;
  ExpectRule(CheckMaintenance(m, kApprovers, kStaff), "SYS-R1");
  m = GoodMaintenance();
  m.witness = "visitor";
  ExpectRule(CheckMaintenance(m, kApprovers, kStaff), "PHY-R6");
  m = GoodMaintenance();
  m.approved_by = "staff2";
  ExpectRule(CheckMaintenance(m, kApprovers, kStaff), "SYS-R1");
  m = GoodMaintenance();
  m.worker_kind = "staff";
  m.worker = "staff1";
  ExpectRule(CheckMaintenance(m, kApprovers, kStaff), "PHY-R6");  // witnessing oneself
  m.witness = "staff2";
  EXPECT_TRUE(CheckMaintenance(m, kApprovers, kStaff).ok());
}

Acquisition GoodAcquisition() {
  return {"notification", "electronic", "tracked-delivery", "模擬総合病院", 12, "1234-5678-9012",
          {},             "キャビネットA"};
}

TEST(RegistersTest, SAcq4AcquisitionsNameKindMediumAndATrackedRoute) {
  EXPECT_TRUE(CheckAcquisition(GoodAcquisition(), kStaff).ok());
  Acquisition a = GoodAcquisition();
  a.tracking.clear();
  ExpectRule(CheckAcquisition(a, kStaff), "S-TRN-1");
  a = GoodAcquisition();
  a.route = "post";
  ExpectRule(CheckAcquisition(a, kStaff), "S-TRN-1");
  a = GoodAcquisition();
  a.route = "hand-carried";
  a.carriers = {"staff1"};
  ExpectRule(CheckAcquisition(a, kStaff), "S-TRN-5");
  a.carriers = {"staff1", "staff2"};
  EXPECT_TRUE(CheckAcquisition(a, kStaff).ok());
  a = GoodAcquisition();
  a.kind = "lab-result";
  EXPECT_EQ(CheckAcquisition(a, kStaff).code(), StatusCode::kInvalidArgument);
  a = GoodAcquisition();
  a.medium = "fax";
  EXPECT_EQ(CheckAcquisition(a, kStaff).code(), StatusCode::kInvalidArgument);
}

TEST(RegistersTest, SSys4DefinitionUpdatesCarryACodeAndComeAfterTheChange) {
  DefinitionUpdate d{"hospital", "1310000001", "change", 20261101, 20261105, "国がん通知",
                     "名称変更"};
  EXPECT_TRUE(CheckDefinitionUpdate(d).ok());
  d.applied_on = 20261031;
  ExpectRule(CheckDefinitionUpdate(d), "S-SYS-4");
  d = {"municipality", "13101", "add", 20261101, 20261101, "x", "y"};
  EXPECT_EQ(CheckDefinitionUpdate(d).code(), StatusCode::kInvalidArgument);
  d.code = "131016";
  EXPECT_TRUE(CheckDefinitionUpdate(d).ok());
}

TEST(RegistersTest, SAcq5STrn1STrn5HowAHandOverTravelled) {
  DeliveryRoute d{"receipt", "cd-r", "letter-pack", "1234-5678", false, {}, true};
  EXPECT_TRUE(CheckDelivery(d, kStaff).ok());
  d.tracking.clear();
  ExpectRule(CheckDelivery(d, kStaff), "S-TRN-1");
  d = {"receipt", "paper", "ordinary-post", "", false, {}, true};
  ExpectRule(CheckDelivery(d, kStaff), "S-TRN-1");
  d = {"receipt", "usb", "letter-pack", "1", false, {}, false};
  ExpectRule(CheckDelivery(d, kStaff), "S-ACQ-5");  // opened outside the room
  d = {"dispatch", "cd-r", "yu-pack", "1", false, {}, false};
  ExpectRule(CheckDelivery(d, kStaff), "S-TRN-1");  // not confirmed unused
  d.unused_medium = true;
  EXPECT_TRUE(CheckDelivery(d, kStaff).ok());
  d = {"dispatch", "paper", "hand-carried", "", false, {"staff1"}, false};
  ExpectRule(CheckDelivery(d, kStaff), "S-TRN-5");
  d.carriers = {"staff1", "staff2"};
  EXPECT_TRUE(CheckDelivery(d, kStaff).ok());
  d = {"receipt", "online", "letter-pack", "1", false, {}, true};
  ExpectRule(CheckDelivery(d, kStaff), "S-ACQ-1");
}

TEST(RegistersTest, Org6AnExternalAuditHasItsBodyFindingsAndPossibleDates) {
  ExternalAudit a{20261120, "模擬監査法人", "他県登録室・有識者・患者", "指摘なし", "", 20261124};
  EXPECT_TRUE(CheckExternalAudit(a, 20261125).ok());
  ExternalAudit no_body = a;
  no_body.auditor.clear();
  EXPECT_EQ(CheckExternalAudit(no_body, 20261125).code(), StatusCode::kInvalidArgument);
  ExternalAudit reported_early = a;
  reported_early.reported_on = 20261101;
  Status s = CheckExternalAudit(reported_early, 20261125);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("ORG-6"), std::string::npos);
  EXPECT_EQ(CheckExternalAudit(a, 20261110).code(), StatusCode::kFailedPrecondition);  // future
}

TEST(RegistersTest, TheStorageScheduleNamesKindMediumPeriodPlaceAndMethod) {
  RetentionRule r{"notification", "paper", 12, "鍵付き書庫", "施錠保管"};
  EXPECT_TRUE(CheckRetentionRule(r).ok());
  for (auto broken : {RetentionRule{"recipes", "paper", 12, "a", "b"},
                      RetentionRule{"notification", "usb", 12, "a", "b"},
                      RetentionRule{"notification", "paper", 0, "a", "b"},
                      RetentionRule{"notification", "paper", 601, "a", "b"},
                      RetentionRule{"notification", "paper", 12, "", "b"}}) {
    EXPECT_EQ(CheckRetentionRule(broken).code(), StatusCode::kInvalidArgument) << broken.kind;
  }
}

}  // namespace
}  // namespace ganreg::ledger
