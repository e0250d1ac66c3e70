// `ganreg due` computed from the records: each rule's item appears when its evidence is missing
// and goes away when it is recorded (S-HUM-1, S-HUM-3, S-SYS-3, S-ENT-1, S-CHK-1, S-PWD-2,
// S-STO-2, S-INC-1, S-INC-2). A fixed date stands in for the clock.
#include "ledger/due.h"
#include "ledger/people.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace ganreg::ledger {
namespace {

bool Has(const std::vector<DueItem>& items, std::string_view rule, std::string_view word) {
  return std::any_of(items.begin(), items.end(), [&](const DueItem& i) {
    return i.rule == rule && i.what.find(word) != std::string::npos;
  });
}

DueFacts Quiet(int32_t today) {
  DueFacts f;
  f.today = today;
  f.approved_plan_years = {FiscalYear(today)};
  f.id_audit_dates = {static_cast<int32_t>(FiscalYear(today) * 10000 + 410)};
  f.has_contact_network = true;
  f.signed_assessment_years = {today / 10000};
  DueFacts::Account staff;
  staff.name = "staff1";
  staff.role = "task-staff";
  staff.password_expires = AddDays(today, 50);
  staff.last_pass = static_cast<int32_t>(FiscalYear(today) * 10000 + 415);
  staff.briefed_new = true;
  f.accounts.push_back(staff);
  return f;
}

TEST(DueTest, NothingDueWhenEverythingIsRecorded) {
  EXPECT_TRUE(WhatIsDue(Quiet(20261125)).empty());
}

TEST(DueTest, SHum1TrainingAndPlan) {
  DueFacts f = Quiet(20261125);
  f.accounts[0].last_pass.reset();
  f.approved_plan_years.clear();
  auto items = WhatIsDue(f);
  EXPECT_TRUE(Has(items, "S-HUM-1", "staff1"));
  EXPECT_TRUE(Has(items, "S-HUM-1", "plan"));
  // Passed last year only: the April training of this year is overdue after April.
  f = Quiet(20261125);
  f.accounts[0].last_pass = 20260310;
  items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-HUM-1", "April"));
  EXPECT_TRUE(items[0].overdue);
  EXPECT_EQ(items[0].due, 20260430);
}

TEST(DueTest, SSys3TheAprilIdAudit) {
  DueFacts f = Quiet(20270405);  // a new fiscal year: last year's audit does not count
  f.id_audit_dates = {20260410};
  auto items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-SYS-3", "2027"));
  f.id_audit_dates.push_back(20270402);
  EXPECT_FALSE(Has(WhatIsDue(f), "S-SYS-3", "2027"));
}

TEST(DueTest, SSys3AfterAPersonnelChange) {
  DueFacts f = Quiet(20261125);
  f.registry_created = 20250601;
  f.last_personnel_change = 20261101;  // an account created after the April audit
  EXPECT_TRUE(Has(WhatIsDue(f), "S-SYS-3", "2026-11-01"));
  f.id_audit_dates.push_back(20261102);
  EXPECT_FALSE(Has(WhatIsDue(f), "S-SYS-3", "2026-11-01"));
  // A registry created after April: no April item this year, but the change is due.
  DueFacts young = Quiet(20261125);
  young.id_audit_dates.clear();
  young.registry_created = 20261120;
  young.last_personnel_change = 20261120;
  auto items = WhatIsDue(young);
  EXPECT_FALSE(Has(items, "S-SYS-3", "April"));
  EXPECT_TRUE(Has(items, "S-SYS-3", "personnel change"));
}

TEST(DueTest, SEnt1MonthlyEntryLogChecks) {
  DueFacts f = Quiet(20261125);
  f.first_entry_month = "2026-09";
  f.checked_months = {"2026-09"};
  auto items = WhatIsDue(f);
  EXPECT_TRUE(Has(items, "S-ENT-1", "2026-10"));
  EXPECT_FALSE(Has(items, "S-ENT-1", "2026-09"));
  EXPECT_FALSE(Has(items, "S-ENT-1", "2026-11"));  // the month is not over
  f.checked_months.push_back("2026-10");
  EXPECT_FALSE(Has(WhatIsDue(f), "S-ENT-1", "2026-10"));
}

TEST(DueTest, SeptemberSelfAssessmentPasswordsMediaIncidentsNetwork) {
  DueFacts f = Quiet(20260915);
  f.signed_assessment_years.clear();  // not signed yet (S-CHK-1)
  f.accounts[0].password_expires = 20260920;
  f.media = {{"USB-01", 20250901, false}, {"USB-02", 20260901, false}, {"CD-01", 20240101, true}};
  f.incidents = {{3, {"cause", "head-to-governor"}}};
  f.has_contact_network = false;
  auto items = WhatIsDue(f);
  EXPECT_TRUE(Has(items, "S-CHK-1", "September"));
  EXPECT_TRUE(Has(items, "S-PWD-2", "staff1"));
  EXPECT_TRUE(Has(items, "S-STO-2", "USB-01"));
  EXPECT_FALSE(Has(items, "S-STO-2", "USB-02"));
  EXPECT_FALSE(Has(items, "S-STO-2", "CD-01"));
  EXPECT_TRUE(Has(items, "S-INC-1", "head-to-governor"));
  EXPECT_TRUE(Has(items, "S-INC-2", "contact network"));
  EXPECT_FALSE(Has(WhatIsDue(Quiet(20261015)), "S-CHK-1", "September"));
}

TEST(DueTest, SHum3LeaversAreBriefed) {
  DueFacts f = Quiet(20261125);
  DueFacts::Account gone;
  gone.name = "gone1";
  gone.role = "task-staff";
  gone.disabled = true;
  f.accounts.push_back(gone);
  EXPECT_TRUE(Has(WhatIsDue(f), "S-HUM-3", "gone1"));
  f.accounts.back().briefed_leaver = true;
  EXPECT_FALSE(Has(WhatIsDue(f), "S-HUM-3", "gone1"));
}

TEST(DueTest, SChk1TheSeptemberSelfAssessmentUntilSigned) {
  DueFacts f = Quiet(20260915);
  f.signed_assessment_years.clear();
  auto items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-CHK-1", "September"));
  EXPECT_FALSE(items[0].overdue);
  EXPECT_EQ(items[0].due, 20260930);
  // Still listed, overdue, in October until the head signs; gone once signed.
  f.today = 20261015;
  items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-CHK-1", "September"));
  EXPECT_TRUE(items[0].overdue);
  f.signed_assessment_years = {2026};
  EXPECT_FALSE(Has(WhatIsDue(f), "S-CHK-1", "September"));
  // Not before September, nor for a registry that began after September.
  f = Quiet(20260815);
  f.signed_assessment_years.clear();
  EXPECT_FALSE(Has(WhatIsDue(f), "S-CHK-1", "September"));
  f.today = 20261115;
  f.registry_created = 20261001;
  EXPECT_FALSE(Has(WhatIsDue(f), "S-CHK-1", "September"));
}

TEST(DueTest, STrn1DeliveriesWithoutTheirRecord) {
  DueFacts f = Quiet(20261125);
  f.untracked_handover = {{7, 20261120}};
  auto items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-TRN-1", "#7"));
  EXPECT_TRUE(items[0].overdue);
}

TEST(DueTest, SSto3TakeOutsNotBackByTheirDate) {
  DueFacts f = Quiet(20261125);
  f.open_takeouts = {{4, 20261120}, {5, 20261125}, {6, 20261130}};
  auto items = WhatIsDue(f);
  EXPECT_TRUE(Has(items, "S-STO-3", "#4"));
  EXPECT_TRUE(Has(items, "S-STO-3", "#5"));
  EXPECT_FALSE(Has(items, "S-STO-3", "#6"));
  EXPECT_TRUE(items[0].overdue);
}

TEST(DueTest, MonthsAreCalendarMonths) {
  EXPECT_EQ(AddMonths(20260131, 1), 20260228);
  EXPECT_EQ(AddMonths(20261125, 12), 20271125);
  EXPECT_EQ(AddMonths(20241231, 14), 20260228);
  EXPECT_EQ(AddMonths(20260315, 60), 20310315);
}

TEST(DueTest, SChk1EachActionOfASignedAssessmentIsDueAsARevision) {
  DueFacts f = Quiet(20261125);
  f.signed_assessments = {{2026, 20260925, {"1-06", "3-02"}, {"3-02"}}};
  auto items = WhatIsDue(f);
  EXPECT_TRUE(Has(items, "S-CHK-1", "3-02"));
  EXPECT_FALSE(Has(items, "S-CHK-1", "1-06"));
  auto it = std::find_if(items.begin(), items.end(),
                         [](const DueItem& i) { return i.rule == "S-CHK-1"; });
  ASSERT_NE(it, items.end());
  EXPECT_EQ(it->due, AddDays(20260925, kRevisionDays));
  f.signed_assessments[0].unrevised.clear();
  EXPECT_TRUE(WhatIsDue(f).empty());
}

TEST(DueTest, Org6TheExternalAuditEveryFourToFiveYears) {
  DueFacts f = Quiet(20261125);
  f.registry_created = 20230401;  // records began 3 years ago: nothing yet
  EXPECT_TRUE(WhatIsDue(f).empty());
  f.registry_created = 20220401;  // 4 years: listed, due at 5
  auto items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "ORG-6", "4-5"));
  EXPECT_EQ(items[0].due, 20270401);
  EXPECT_FALSE(items[0].overdue);
  f.registry_created = 20210401;  // 5 years and more: overdue
  EXPECT_TRUE(WhatIsDue(f)[0].overdue);
  f.external_audits = {{1, 20240601, 20240701, "模擬監査法人"}};  // audited two years ago
  EXPECT_TRUE(WhatIsDue(f).empty());
  f.external_audits[0].reported = 0;  // its result not reported to the governor's officer
  EXPECT_TRUE(Has(WhatIsDue(f), "ORG-6", "報告"));
}

TEST(DueTest, SSto3RetentionPeriodsThatHaveEnded) {
  DueFacts f = Quiet(20261125);
  f.retained = {{7, "notification", "paper", 20251201, 12}};  // ends 2026-12-01: within 30 days
  auto items = WhatIsDue(f);
  ASSERT_TRUE(Has(items, "S-STO-3", "取得#7"));
  EXPECT_EQ(items[0].due, 20261201);
  EXPECT_FALSE(items[0].overdue);
  f.retained[0].received = 20250601;  // ended in June
  EXPECT_TRUE(WhatIsDue(f)[0].overdue);
  f.retained[0].months = 36;
  EXPECT_TRUE(WhatIsDue(f).empty());
}

}  // namespace
}  // namespace ganreg::ledger
