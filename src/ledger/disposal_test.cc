// The disposal rules (S-STO-4, S-STO-5, STO-P4): each refuses with its id and reason; the allowed
// case passes. And the media kinds and dates of the portable-media list (S-STO-2).
#include "ledger/disposal.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

const std::vector<std::string> kStaff = {"head1", "lead1", "staff1"};
const std::vector<std::string> kLeads = {"head1", "lead1"};  // who may approve (STO-P4)
const std::vector<std::string> kHeads = {"head1"};

Disposal Shred(double strip, double particle) {
  Disposal d;
  d.item = "不要になった届出票の写し 2026年10月分";
  d.method = DisposalMethod::kShred;
  d.strip_width_mm = strip;
  d.particle_mm2 = particle;
  d.place = DisposalPlace::kRoom;
  d.witnesses = {"staff1"};
  return d;
}

DisposalContract Contract() {
  DisposalContract c;
  c.contractor = "模擬溶解株式会社";
  c.ref = "委託契約 R8-015";
  c.confidentiality_clause = true;
  c.checked_by = "head1";
  c.checked_on = 20260401;
  c.valid_until = 20270331;
  return c;
}

Disposal ByContractor() {
  Disposal d;
  d.item = "保存期間を終えた紙の届出票 2019年診断分";
  d.method = DisposalMethod::kDissolve;
  d.place = DisposalPlace::kContractor;
  d.witnesses = {"模擬溶解株式会社 担当者", "staff1"};
  d.date = 20261120;
  d.approved_by = "lead1";
  d.contract = Contract();
  return d;
}

void ExpectRefused(const Status& s, std::string_view rule) {
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
}

TEST(DisposalRuleTest, SSto5FineShreddingAlonePasses) {
  EXPECT_TRUE(CheckDisposal(Shred(1.0, 10.0), kStaff, kLeads).ok());
  EXPECT_TRUE(CheckDisposal(Shred(0.8, 4.0), kStaff, kLeads).ok());
}

TEST(DisposalRuleTest, SSto5CoarserShreddingOnlyCombinedWithDissolutionOrIncineration) {
  ExpectRefused(CheckDisposal(Shred(2.0, 30.0), kStaff, kLeads), "S-STO-5");
  ExpectRefused(CheckDisposal(Shred(1.0, 12.0), kStaff, kLeads), "S-STO-5");  // particles too large alone
  Disposal d = Shred(2.0, 30.0);
  d.combined_with = Combined::kDissolution;
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
  d.combined_with = Combined::kIncineration;
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
}

TEST(DisposalRuleTest, SSto5TooCoarseEvenCombinedIsRefused) {
  Disposal d = Shred(3.0, 20.0);
  d.combined_with = Combined::kIncineration;
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
  d = Shred(2.0, 31.0);
  d.combined_with = Combined::kDissolution;
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
}

TEST(DisposalRuleTest, SSto5ShreddingNeedsItsMeasurements) {
  EXPECT_EQ(CheckDisposal(Shred(0, 0), kStaff, kLeads).code(), StatusCode::kInvalidArgument);
  Disposal erase = Shred(0, 0);
  erase.method = DisposalMethod::kEraseSoftware;
  EXPECT_TRUE(CheckDisposal(erase, kStaff, kLeads).ok());
}

TEST(DisposalRuleTest, SSto4OutsideTheRoomSeveralStaff) {
  Disposal d = Shred(1.0, 10.0);
  d.place = DisposalPlace::kDesignatedOutside;
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-4");
  d.witnesses = {"staff1", "staff1"};  // one person named twice is one person
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-4");
  d.witnesses = {"staff1", "業者の人"};  // someone who is not staff does not count
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-4");
  d.witnesses = {"staff1", "lead1"};
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
}

TEST(DisposalRuleTest, SSto4ByAContractorAStaffMemberPresentThroughout) {
  Disposal d;
  d.item = "保存期間を終えた紙の届出票";
  d.method = DisposalMethod::kDissolve;
  d.place = DisposalPlace::kContractor;
  d.witnesses = {"模擬溶解株式会社 担当者"};
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-4");
  d.witnesses.push_back("lead1");
  d.approved_by = "lead1";
  d.contract = Contract();
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
}

TEST(DisposalRuleTest, SSto5TheHeadChecksTheContractsConfidentialityClause) {
  EXPECT_TRUE(CheckDisposalContract(Contract(), kHeads, 20261125).ok());
  DisposalContract c = Contract();
  c.confidentiality_clause = false;
  ExpectRefused(CheckDisposalContract(c, kHeads, 20261125), "S-STO-5");
  c = Contract();
  c.checked_by = "lead1";  // a task lead does not check it: the head does
  ExpectRefused(CheckDisposalContract(c, kHeads, 20261125), "S-STO-5");
  c = Contract();
  c.ref.clear();
  EXPECT_EQ(CheckDisposalContract(c, kHeads, 20261125).code(), StatusCode::kInvalidArgument);
  c = Contract();
  c.checked_on = 20261126;  // tomorrow
  EXPECT_EQ(CheckDisposalContract(c, kHeads, 20261125).code(), StatusCode::kInvalidArgument);
}

TEST(DisposalRuleTest, SSto5AContractorDisposesOnlyUnderACheckedContractInForce) {
  Disposal d = ByContractor();
  d.contract.reset();
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
  d.contract = Contract();
  d.contract->confidentiality_clause = false;  // a contract whose clause nobody checked
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
  d = ByContractor();
  d.date = 20250331;  // before the head checked the contract
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
  d.date = 20280401;  // after it ended
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "S-STO-5");
  d.date = 20261120;
  d.certificate = "模擬溶解 証明書 第123号";
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
  // A contract and a certificate belong to a contractor's disposal only.
  Disposal room = Shred(1.0, 10.0);
  room.certificate = "証明書";
  EXPECT_EQ(CheckDisposal(room, kStaff, kLeads).code(), StatusCode::kInvalidArgument);
}

TEST(DisposalRuleTest, StoP4StoredMaterialAndContractorsNeedATaskLeadsApproval) {
  Disposal d = Shred(1.0, 10.0);
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());  // temporary material: no approval needed
  d.stored_material = true;                            // a listed medium or an acquired form
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "STO-P4");
  d.approved_by = "staff1";  // staff do not approve
  ExpectRefused(CheckDisposal(d, kStaff, kLeads), "STO-P4");
  d.approved_by = "lead1";
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
  Disposal c = ByContractor();
  c.approved_by.clear();
  ExpectRefused(CheckDisposal(c, kStaff, kLeads), "STO-P4");
}

TEST(DisposalRuleTest, TheTimeIsHoursAndMinutes) {
  Disposal d = Shred(1.0, 10.0);
  d.time = "14:30";
  EXPECT_TRUE(CheckDisposal(d, kStaff, kLeads).ok());
  for (const char* bad : {"24:00", "9:30", "14-30", "14:60"}) {
    d.time = bad;
    EXPECT_EQ(CheckDisposal(d, kStaff, kLeads).code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(DisposalRuleTest, TheItemAndAWitnessAreRequired) {
  Disposal d = Shred(1.0, 10.0);
  d.item.clear();
  EXPECT_EQ(CheckDisposal(d, kStaff, kLeads).code(), StatusCode::kInvalidArgument);
  d = Shred(1.0, 10.0);
  d.witnesses.clear();
  EXPECT_EQ(CheckDisposal(d, kStaff, kLeads).code(), StatusCode::kInvalidArgument);
}

TEST(DisposalParseTest, KindsMethodsPlacesAndDates) {
  EXPECT_EQ(ParseMediumKind("paper-file"), MediumKind::kPaperFile);
  EXPECT_FALSE(ParseMediumKind("floppy").has_value());
  EXPECT_EQ(ParseMethod("physical-destroy"), DisposalMethod::kPhysicalDestroy);
  EXPECT_EQ(ParsePlace("designated-outside"), DisposalPlace::kDesignatedOutside);
  EXPECT_EQ(ParseCombined(""), Combined::kNone);
  EXPECT_EQ(ParseDate("2026-02-28"), 20260228);
  EXPECT_FALSE(ParseDate("2026-02-29").has_value());
  EXPECT_EQ(ParseDate("2028-02-29"), 20280229);
  EXPECT_FALSE(ParseDate("2026/01/01").has_value());
  EXPECT_EQ(FormatDate(20261125), "2026-11-25");
}

}  // namespace
}  // namespace ganreg::ledger
