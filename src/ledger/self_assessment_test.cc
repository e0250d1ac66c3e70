// The September self-assessment (S-CHK-1): the checklist is data with a rule id on every item;
// each evidence rule turns from met to not met when the records change; an answer cannot
// override the records; the sign-off needs every item resolved and every unmet one's action;
// the report is one self-contained HTML page.
#include "ledger/self_assessment.h"

#include <gtest/gtest.h>

#include <set>

#include "ledger/people.h"
#include "report/render.h"

namespace ganreg::ledger {
namespace {

// A registry whose records evidence everything, on 2026-09-15.
AssessmentFacts Good() {
  AssessmentFacts f;
  f.year = 2026;
  f.due.today = 20260915;
  f.due.approved_plan_years = {2026};
  f.due.id_audit_dates = {20260410};
  f.due.registry_created = 20250101;
  f.due.has_contact_network = true;
  f.due.first_entry_month = "2026-08";
  f.due.checked_months = {"2026-08"};
  DueFacts::Account staff;
  staff.name = "staff1";
  staff.role = "task-staff";
  staff.password_expires = 20261020;
  staff.last_pass = 20260415;
  staff.briefed_new = true;
  DueFacts::Account head = staff;
  head.name = "head1";
  head.role = "head";
  f.due.accounts = {head, staff};
  f.accounts = {{"head1", "head", "init", "", true, false},
                {"lead1", "task-lead", "head1", "", true, false},
                {"staff1", "task-staff", "lead1", "head1", false, false}};
  f.grants = 2;
  f.audit_intact = true;
  f.audit_events = 120;
  f.contact_network_updated = "2026-04-01";
  f.keybox_entries = 10;
  f.visits = 2;
  f.media = 1;
  f.due.media = {{"USB-01", 20260801, false}};
  f.disposals = 3;
  f.takeouts = 1;
  f.inquiries = 4;
  f.handover = 9;
  f.acquisitions = 9;
  f.maintenance = 1;
  f.definition_updates = 1;
  // Last September's action carried out as a recorded revision (S-CHK-1).
  f.due.signed_assessments = {{2025, 20250920, {"1-06"}, {}}};
  return f;
}

Prefill EvaluateNo(std::string_view no, const AssessmentFacts& f) {
  const ChecklistItem* item = FindChecklistItem(no);
  EXPECT_NE(item, nullptr) << no;
  return item ? Evaluate(*item, f) : Prefill{};
}

TEST(SelfAssessmentTest, EveryItemNamesARuleAndTheNumbersAreUnique) {
  std::set<std::string_view> seen;
  int from_records = 0;
  for (const auto& item : Checklist()) {
    EXPECT_TRUE(seen.insert(item.no).second) << item.no;
    EXPECT_FALSE(item.rules.empty()) << item.no;
    EXPECT_FALSE(item.text_ja.empty()) << item.no;
    EXPECT_FALSE(item.text_en.empty()) << item.no;
    if (item.evidence != Evidence::kPerson) ++from_records;
  }
  EXPECT_GE(Checklist().size(), 40u);
  EXPECT_GE(from_records, 20);
  // The items new after H30.3 (S-CHK-1) are there: No. 28, 55, 89, 91.
  for (const char* no : {"No. 28", "No. 55", "No. 89", "No. 91"}) {
    bool found = false;
    for (const auto& item : Checklist()) found = found || item.text_en.find(no) != std::string::npos;
    EXPECT_TRUE(found) << no;
  }
}

TEST(SelfAssessmentTest, AllEvidenceMetWhenTheRecordsAreComplete) {
  const AssessmentFacts f = Good();
  for (const auto& item : Checklist()) {
    Prefill p = Evaluate(item, f);
    if (item.evidence == Evidence::kPerson) {
      EXPECT_FALSE(p.from_records) << item.no;
      EXPECT_EQ(p.finding, Finding::kNeedsAnswer) << item.no;
    } else {
      EXPECT_TRUE(p.from_records) << item.no << " " << p.note;
      EXPECT_EQ(p.finding, Finding::kMet) << item.no << " " << p.note;
    }
  }
}

TEST(SelfAssessmentTest, EvidenceTurnsToNotMetWhenTheRecordsChange) {
  AssessmentFacts f = Good();
  f.due.accounts[1].last_pass = 20260310;  // S-HUM-1: passed last fiscal year only
  EXPECT_EQ(EvaluateNo("2-02", f).finding, Finding::kNotMet);
  f = Good();
  f.due.id_audit_dates = {20260512};  // S-SYS-3: done, but not in April
  Prefill late = EvaluateNo("3-06", f);
  EXPECT_EQ(late.finding, Finding::kNotMet);
  EXPECT_NE(late.note.find("2026-05-12"), std::string::npos) << late.note;
  f = Good();
  f.audit_intact = false;
  f.audit_problem = "event 7: hash mismatch";
  EXPECT_EQ(EvaluateNo("3-08", f).finding, Finding::kNotMet);
  f = Good();
  f.due.incidents = {{3, {"cause"}}};  // S-INC-1
  EXPECT_EQ(EvaluateNo("1-05", f).finding, Finding::kNotMet);
  f = Good();
  f.due.keybox_open_days_without_count = {20260902};  // S-ENT-1
  EXPECT_EQ(EvaluateNo("4-01", f).finding, Finding::kNotMet);
  f = Good();
  f.due.first_entry_month = "2026-06";  // June and July not checked (S-ENT-1)
  Prefill months = EvaluateNo("4-02", f);
  EXPECT_EQ(months.finding, Finding::kNotMet);
  EXPECT_NE(months.note.find("2026-06, 2026-07"), std::string::npos) << months.note;
  f = Good();
  f.due.media = {{"USB-01", 20250801, false}};  // S-STO-2: kept past a year
  EXPECT_EQ(EvaluateNo("6-02", f).finding, Finding::kNotMet);
  f = Good();
  f.takeouts_late = {"#2 due 2026-09-01"};
  EXPECT_EQ(EvaluateNo("6-03", f).finding, Finding::kNotMet);
  f = Good();
  f.accounts.push_back({"lead2", "task-lead", "head1", "", true, false});  // S-SYS-1: three
  EXPECT_EQ(EvaluateNo("3-04", f).finding, Finding::kNotMet);
  f = Good();
  f.due.untracked_handover = {{12, 20260905}};  // S-TRN-1: a CD-R with no delivery record
  EXPECT_EQ(EvaluateNo("5-01", f).finding, Finding::kNotMet);
  f = Good();
  f.due.approved_plan_years = {2025};
  EXPECT_EQ(EvaluateNo("2-01", f).finding, Finding::kNotMet);
  f = Good();
  f.due.has_contact_network = false;  // S-INC-2
  EXPECT_EQ(EvaluateNo("1-06", f).finding, Finding::kNotMet);
  f = Good();
  f.due.accounts[1].briefed_new = false;  // S-HUM-3: staff1 was never briefed by the head
  Prefill briefing = EvaluateNo("2-04", f);
  EXPECT_EQ(briefing.finding, Finding::kNotMet);
  EXPECT_NE(briefing.note.find("staff1"), std::string::npos) << briefing.note;
  f = Good();
  f.inquiries_unanswered = 1;  // S-INQ-5: an inquiry in the book without its answer
  EXPECT_EQ(EvaluateNo("8-01", f).finding, Finding::kNotMet);
  f = Good();
  f.contractor_disposals = 1;
  f.contractor_unchecked = {"#4"};  // S-STO-5: dissolved by a contractor, no contract checked
  Prefill contract = EvaluateNo("6-05", f);
  EXPECT_EQ(contract.finding, Finding::kNotMet);
  EXPECT_NE(contract.note.find("#4"), std::string::npos) << contract.note;
  f.contractor_unchecked.clear();
  EXPECT_EQ(EvaluateNo("6-05", f).finding, Finding::kMet);
  f.disposals = 0;  // nothing recorded may mean nothing was disposed of: a person answers
  EXPECT_EQ(EvaluateNo("6-05", f).finding, Finding::kNeedsAnswer);
}

TEST(SelfAssessmentTest, NoRecordsMeansAPersonAnswers) {
  AssessmentFacts f = Good();
  f.maintenance = 0;  // S-SYS-6: nothing recorded may mean nothing was done
  Prefill p = EvaluateNo("7-02", f);
  EXPECT_FALSE(p.from_records);
  EXPECT_EQ(p.finding, Finding::kNeedsAnswer);
}

TEST(SelfAssessmentTest, SChk1AnswersCannotOverrideTheRecords) {
  AssessmentFacts f = Good();
  f.due.approved_plan_years.clear();
  const ChecklistItem& plan = *FindChecklistItem("2-01");
  Prefill p = Evaluate(plan, f);
  Status s = CheckAnswer(plan, p, AnswerStatus::kMet, "計画は紙で承認済み", "");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("S-CHK-1"), std::string::npos);
  EXPECT_TRUE(CheckAnswer(plan, p, AnswerStatus::kNone, "", "10月に計画を承認する").ok());
  // A person's item needs a status and an evidence note; not met needs the action.
  const ChecklistItem& posted = *FindChecklistItem("3-03");
  Prefill ask = Evaluate(posted, f);
  EXPECT_EQ(CheckAnswer(posted, ask, AnswerStatus::kNone, "x", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckAnswer(posted, ask, AnswerStatus::kMet, "", "").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckAnswer(posted, ask, AnswerStatus::kNotMet, "付箋を発見", "").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckAnswer(posted, ask, AnswerStatus::kNotMet, "付箋を発見", "全席を点検").ok());
}

TEST(SelfAssessmentTest, SChk1SignOffNeedsEveryItemAndEveryAction) {
  AssessmentFacts f = Good();
  f.due.approved_plan_years.clear();
  std::vector<ItemState> items;
  for (const auto& item : Checklist()) {
    ItemState s;
    s.item = &item;
    s.prefill = Evaluate(item, f);
    if (!s.prefill.from_records) {
      s.answer = AnswerStatus::kMet;
      s.note = "確認済み";
    }
    items.push_back(s);
  }
  Status s = CheckSignOff(items);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("2-01"), std::string::npos) << s.message();
  for (auto& i : items) {
    if (i.Result() == "not-met") i.action = "計画を承認する";
  }
  EXPECT_TRUE(CheckSignOff(items).ok());
  items[6].answer = AnswerStatus::kNone;  // 1-07, a person's item, unanswered
  ASSERT_EQ(items[6].item->no, "1-07");
  EXPECT_NE(CheckSignOff(items).message().find("1-07"), std::string::npos);
}

TEST(SelfAssessmentTest, TheReportIsOneSelfContainedJapanesePage) {
  AssessmentFacts f = Good();
  AssessmentReport r;
  r.registry = "模擬県<がん>登録室";
  r.year = 2026;
  for (const auto& item : Checklist()) {
    ItemState s;
    s.item = &item;
    s.prefill = Evaluate(item, f);
    r.items.push_back(s);
  }
  r.items[0].note = "<script>alert(1)</script>";
  report::Document doc = AssessmentDocument(r);
  doc.SetPrinted("2026-09-30T10:00", 0);
  std::string html = report::RenderHtml(doc);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(html.find("自己点検報告書"), std::string::npos);
  EXPECT_NE(html.find("未署名"), std::string::npos);  // a draft until signed
  EXPECT_NE(html.find("模擬県&lt;がん&gt;登録室"), std::string::npos);
  for (const char* external : {"<script", "src=", "href=", "http://", "https://", "@import"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("S-HUM-1"), std::string::npos);
}

TEST(SelfAssessmentTest, SChk1LastYearsActionsAreCarriedOutAsRevisions) {
  AssessmentFacts f = Good();
  EXPECT_EQ(EvaluateNo("1-03", f).finding, Finding::kMet);
  f.due.signed_assessments[0].unrevised = {"1-06"};  // the action with no revision recorded
  Prefill owed = EvaluateNo("1-03", f);
  EXPECT_TRUE(owed.from_records);
  EXPECT_EQ(owed.finding, Finding::kNotMet);
  EXPECT_NE(owed.note.find("1-06"), std::string::npos) << owed.note;
  f.due.signed_assessments.clear();  // no assessment of 2025 in ganreg: a person answers
  EXPECT_FALSE(EvaluateNo("1-03", f).from_records);
}

TEST(SelfAssessmentTest, Org6TheExternalAuditWithinFiveYearsAndReported) {
  AssessmentFacts f = Good();  // none recorded, records since 2025: within 5 years
  EXPECT_EQ(EvaluateNo("1-04", f).finding, Finding::kMet);
  f.due.registry_created = 20190101;
  EXPECT_EQ(EvaluateNo("1-04", f).finding, Finding::kNotMet);
  f.due.external_audits = {{1, 20230601, 0, "模擬監査法人"}};  // not reported
  EXPECT_EQ(EvaluateNo("1-04", f).finding, Finding::kNotMet);
  f.due.external_audits[0].reported = 20230701;
  EXPECT_EQ(EvaluateNo("1-04", f).finding, Finding::kMet);
  f.due.external_audits = {{1, 20210601, 20210701, "模擬監査法人"}};  // more than 5 years
  EXPECT_EQ(EvaluateNo("1-04", f).finding, Finding::kNotMet);
}

TEST(SelfAssessmentTest, SChk1ARevisionAnswersAnActionTheHeadDecided) {
  std::vector<ItemState> states;
  for (const auto& item : Checklist()) {
    ItemState s;
    s.item = &item;
    s.prefill = Evaluate(item, Good());
    if (item.no == "1-06") s.action = "緊急連絡網を作成する";
    states.push_back(s);
  }
  ProcedureRevision r{2026, {"1-06"}, "緊急時対応手順", "連絡網を作成", "head1", 20260920};
  EXPECT_TRUE(CheckRevision(r, states, {"head1"}, 20260910, 20260925).ok());
  ProcedureRevision no_action = r;
  no_action.items = {"1-06", "2-01"};
  Status s = CheckRevision(no_action, states, {"head1"}, 20260910, 20260925);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("2-01"), std::string::npos) << s.message();
  ProcedureRevision by_lead = r;
  by_lead.decided_by = "lead1";
  EXPECT_NE(CheckRevision(by_lead, states, {"head1"}, 20260910, 20260925).message().find("S-CHK-1"),
            std::string::npos);
  ProcedureRevision early = r;
  early.decided_on = 20260901;
  EXPECT_EQ(CheckRevision(early, states, {"head1"}, 20260910, 20260925).code(),
            StatusCode::kFailedPrecondition);
  ProcedureRevision unknown = r;
  unknown.items = {"99-99"};
  EXPECT_EQ(CheckRevision(unknown, states, {"head1"}, 20260910, 20260925).code(),
            StatusCode::kInvalidArgument);
  ProcedureRevision empty = r;
  empty.change.clear();
  EXPECT_EQ(CheckRevision(empty, states, {"head1"}, 20260910, 20260925).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ganreg::ledger
