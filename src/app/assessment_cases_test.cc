// The September self-assessment through the one door (S-CHK-1): items pre-filled from the real
// records of a registry that has lived since March, answers checked (a checkbox cannot override
// the ledgers), the head's sign-off refused until every item is resolved, `due` listing it until
// signed, the signed evaluation kept, a tampered audit trail turning an item to not met, and the
// report written as one self-contained page and as an A4 PDF in Japanese (read back with
// pdftotext). Real registry files, a clock that moves.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "app/registry.h"
#include "app/testing/training.h"
#include "report/testing/pdf_text.h"

namespace ganreg::app {
namespace {

constexpr int64_t kMarch20 = 1773968400;  // 2026-03-20T01:00Z: the registry begins
constexpr int64_t kApril10 = 1775782800;  // the April training and user-ID audit
constexpr int64_t kSept10 = 1789002000;   // the September self-assessment
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw2[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";

class AssessmentCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_assess_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    ASSERT_TRUE(InitRegistry(req, clock_).ok());
    registry_ = std::move(Registry::Open(dir_ / "reg", clock_)).value();
    head_ = Login("head1", kHeadPw);
    ASSERT_TRUE(head_->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", false}).ok());
    ASSERT_TRUE(Login("lead1", kLeadPw)->ChangePassword(kLeadPw, kLeadPw2).ok());
    lead_ = Login("lead1", kLeadPw2);
    ASSERT_TRUE(
        lead_->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false}).ok());
    ASSERT_TRUE(Login("staff1", kStaffInitialPw)->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    staff_ = Login("staff1", kStaffPw);
    // April: training passed, briefings given, the user-ID audit done (S-HUM-1/3, S-SYS-3).
    clock_.Set(kApril10);
    ASSERT_TRUE(test_support::RecordPassedTraining(*head_, kApril10, {"lead1", "staff1"}).ok());
    ASSERT_TRUE(head_->RecordBriefing({"new-staff", "lead1", "", "", ""}).ok());
    ASSERT_TRUE(head_->RecordBriefing({"new-staff", "staff1", "", "", ""}).ok());
    ASSERT_TRUE(head_->RecordIdAudit({"april", {"head1", "lead1", "staff1"}, {}, ""}).ok());
    clock_.Set(kSept10);
  }
  void TearDown() override {
    head_.reset();
    lead_.reset();
    staff_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Session> Login(std::string_view user, std::string_view pw) {
    auto s = registry_->Login(user, pw);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  static const AssessmentItemView& Item(const AssessmentView& v, std::string_view no) {
    auto it = std::find_if(v.items.begin(), v.items.end(),
                           [&](const auto& i) { return i.no == no; });
    EXPECT_NE(it, v.items.end()) << no;
    return *it;
  }
  static void ExpectRefused(const Status& s, std::string_view rule) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
  }
  // Answers every item the records do not decide, as lead1: met, with a note.
  void AnswerPersonItems(const AssessmentView& v) {
    for (const auto& i : v.items) {
      if (i.from_records) continue;
      Status s = lead_->AnswerSelfAssessment({2026, i.no, "met", "手順書と現場で確認", ""});
      ASSERT_TRUE(s.ok()) << i.no << " " << s.ToString();
    }
  }
  bool DueHas(std::string_view rule) {
    auto due = head_->Due();
    EXPECT_TRUE(due.ok()) << due.status().ToString();
    return std::any_of(due->begin(), due->end(), [&](const auto& d) { return d.rule == rule; });
  }

  FixedClock clock_{kMarch20};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_, lead_, staff_;
};

TEST_F(AssessmentCasesTest, SChk1StartPrefillsEachItemFromTheRecords) {
  EXPECT_EQ(staff_->StartSelfAssessment(2026).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(head_->StartSelfAssessment(2027).status().code(), StatusCode::kInvalidArgument);
  auto v = head_->StartSelfAssessment(2026);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_GE(v->items.size(), 40u);
  // Training done this fiscal year, the April ID audit, the audit chain: from the records.
  for (const char* no : {"2-01", "2-02", "2-04", "3-04", "3-05", "3-06", "3-08"}) {
    EXPECT_TRUE(Item(*v, no).from_records) << no;
    EXPECT_EQ(Item(*v, no).result, "met") << no << " " << Item(*v, no).evidence;
  }
  // Passwords set in March are older than 60 days by September (S-PWD-2).
  EXPECT_EQ(Item(*v, "3-02").result, "not-met");
  EXPECT_EQ(Item(*v, "1-06").result, "not-met");  // no emergency contact network (S-INC-2)
  // What no record shows needs a person: posted passwords (No. 28), no maintenance recorded.
  EXPECT_FALSE(Item(*v, "3-03").from_records);
  EXPECT_EQ(Item(*v, "3-03").result, "needs-answer");
  EXPECT_EQ(Item(*v, "7-02").result, "needs-answer");
  EXPECT_EQ(head_->StartSelfAssessment(2026).status().code(), StatusCode::kAlreadyExists);
  // The evidence changes with the records: the contact network recorded, the item is met.
  ASSERT_TRUE(head_->SetContactNetwork("2026-09-01", "責任者 head1 090-0000-0000").ok());
  auto shown = head_->ShowSelfAssessment(2026);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(Item(*shown, "1-06").result, "met");
}

TEST_F(AssessmentCasesTest, SChk1AnswersSignOffAndDue) {
  EXPECT_TRUE(DueHas("S-CHK-1"));  // September, not signed
  auto v = head_->StartSelfAssessment(2026);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  // A checkbox cannot override the records (S-CHK-1).
  ExpectRefused(lead_->AnswerSelfAssessment({2026, "3-02", "met", "変更済みのはず", ""}),
                "S-CHK-1");
  ExpectRefused(lead_->AnswerSelfAssessment({2026, "3-03", "not-met", "付箋を発見", ""}),
                "S-CHK-1");  // not met without the action decided
  EXPECT_EQ(lead_->AnswerSelfAssessment({2026, "99-99", "met", "x", ""}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(staff_->AnswerSelfAssessment({2026, "3-03", "met", "x", ""}).code(),
            StatusCode::kPermissionDenied);
  ExpectRefused(head_->SignSelfAssessment(2026, "").status(), "S-CHK-1");  // nothing answered
  AnswerPersonItems(*v);
  // Still refused: the unmet items from the records have no action yet.
  Status early = head_->SignSelfAssessment(2026, "").status();
  ExpectRefused(early, "S-CHK-1");
  EXPECT_NE(early.message().find("3-02"), std::string::npos) << early.message();
  ASSERT_TRUE(lead_->AnswerSelfAssessment(
                       {2026, "3-02", "", "", "パスワード変更日を毎月確認する手順を追加"}).ok());
  ASSERT_TRUE(lead_->AnswerSelfAssessment({2026, "1-06", "", "", "緊急連絡網を作成する"}).ok());
  ASSERT_TRUE(lead_->AnswerSelfAssessment({2026, "3-03", "not-met", "付箋を1件発見",
                                           "全席の点検を毎月行う"}).ok());
  EXPECT_EQ(lead_->SignSelfAssessment(2026, "").status().code(), StatusCode::kPermissionDenied);
  auto signed_view = head_->SignSelfAssessment(2026, "手順書を改訂");
  ASSERT_TRUE(signed_view.ok()) << signed_view.status().ToString();
  EXPECT_EQ(signed_view->signed_by, "head1");
  EXPECT_EQ(Item(*signed_view, "3-03").result, "not-met");
  EXPECT_EQ(signed_view->unanswered, 0);
  // The September item is closed; what stays due under S-CHK-1 is revising the procedures.
  auto due = head_->Due();
  ASSERT_TRUE(due.ok());
  for (const auto& d : *due) {
    if (d.rule == "S-CHK-1") {
      EXPECT_NE(d.what.find("手順の改訂"), std::string::npos) << d.what;
    }
  }
  // Closed once signed; the kept evaluation does not move with later records.
  ExpectRefused(lead_->AnswerSelfAssessment({2026, "3-03", "met", "撤去済み", ""}), "S-CHK-1");
  ExpectRefused(head_->SignSelfAssessment(2026, "").status(), "S-CHK-1");
  ASSERT_TRUE(head_->SetContactNetwork("2026-09-10", "連絡網").ok());
  auto after = head_->ShowSelfAssessment(2026);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Item(*after, "1-06").result, "not-met");
  EXPECT_EQ(Item(*after, "1-06").action, "緊急連絡網を作成する");

  // The report: one self-contained page, Japanese first, signed.
  const auto out = dir_ / "report.html";
  ASSERT_TRUE(head_->WriteSelfAssessmentReport(2026, out).ok());
  std::ifstream in(out);
  const std::string html((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(html.find("自己点検報告書"), std::string::npos);
  EXPECT_NE(html.find("head1"), std::string::npos);
  EXPECT_NE(html.find("全席の点検を毎月行う"), std::string::npos);
  EXPECT_EQ(html.find("未署名"), std::string::npos);
  for (const char* external : {"<script", "src=", "href=", "http:", "https:"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_FALSE(head_->WriteSelfAssessmentReport(2026, out).ok());  // never overwrites

  // The same report in memory, for a browser's download.
  std::string pdf;
  auto in_memory =
      head_->WriteSelfAssessmentReport(2026, std::vector<app::PrintOutput>{{{}, "pdf", &pdf}});
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_GE(in_memory->report_pages, 1);
}

TEST_F(AssessmentCasesTest, SChk1ATamperedAuditTrailIsNotMet) {
  ASSERT_TRUE(head_->StartSelfAssessment(2026).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").string().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE audit_events SET body = CAST(body || 'x' AS BLOB) WHERE seq = 3", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto v = head_->ShowSelfAssessment(2026);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(Item(*v, "3-08").result, "not-met");
  EXPECT_NE(Item(*v, "3-08").evidence.find("3"), std::string::npos);
}

TEST_F(AssessmentCasesTest, SChk1TheReportIsAJapanesePdfThatFollowsTheRecords) {
  ASSERT_TRUE(report::testing::HavePoppler()) << "pdftotext, pdfinfo (Debian: poppler-utils)";
  ASSERT_TRUE(head_->StartSelfAssessment(2026).ok());
  // A file name of no known format writes nothing, not even the PDF beside it.
  EXPECT_EQ(head_->WriteSelfAssessmentReport(2026, std::vector<std::filesystem::path>{
                                                       dir_ / "r.pdf", dir_ / "r.txt"})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.pdf"));

  // No emergency contact network yet: 1-06 is not met, from the records (S-INC-2).
  auto first = head_->WriteSelfAssessmentReport(
      2026, std::vector<std::filesystem::path>{dir_ / "1.html", dir_ / "1.pdf"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Item(*first, "1-06").result, "not-met");
  ASSERT_TRUE(std::filesystem::exists(dir_ / "1.html"));
  report::testing::PdfText pdf(dir_ / "1.pdf");
  EXPECT_EQ(pdf.PageCount(), first->report_pages);
  EXPECT_GE(first->report_pages, 2);
  EXPECT_NE(pdf.Info().find("A4"), std::string::npos);
  const auto pages = pdf.Pages();
  ASSERT_EQ(static_cast<int>(pages.size()), first->report_pages);
  std::string all;
  for (size_t n = 0; n < pages.size(); ++n) {
    EXPECT_NE(pages[n].find(fmt::format("{} / {}", n + 1, pages.size())), std::string::npos);
    all += pages[n];
  }
  for (const char* text : {"自己点検報告書", "模擬県がん登録室", "未署名（下書き）",
                           "決定した改善措置", "緊急連絡網"}) {
    EXPECT_NE(all.find(text), std::string::npos) << text;
  }
  for (const auto& i : first->items) EXPECT_NE(all.find(i.no), std::string::npos) << i.no;
  const int not_met = report::testing::Count(all, "× 不適");
  EXPECT_EQ(not_met, first->not_met);

  // The evidence changes: the network is recorded, and the next report shows 1-06 met.
  ASSERT_TRUE(head_->SetContactNetwork("2026-09-10", "連絡網").ok());
  auto second = head_->WriteSelfAssessmentReport(2026, dir_ / "2.pdf");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Item(*second, "1-06").result, "met");
  EXPECT_EQ(report::testing::Count(report::testing::PdfText(dir_ / "2.pdf").All(), "× 不適"),
            not_met - 1);
}

TEST_F(AssessmentCasesTest, SChk1ProceduresAreRevisedByTheResultsAndDueUntilThen) {
  auto v = head_->StartSelfAssessment(2026);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  // A first assessment in ganreg: last year's revisions are a person's answer.
  EXPECT_FALSE(Item(*v, "1-03").from_records);
  // The external audit (ORG-6): none yet, the registry's records began in March.
  EXPECT_TRUE(Item(*v, "1-04").from_records);
  EXPECT_EQ(Item(*v, "1-04").result, "met");
  AnswerPersonItems(*v);
  ASSERT_TRUE(lead_->AnswerSelfAssessment({2026, "3-02", "", "", "パスワード変更日を毎月確認"}).ok());
  ASSERT_TRUE(lead_->AnswerSelfAssessment({2026, "1-06", "", "", "緊急連絡網を作成する"}).ok());
  // Before the sign-off a revision may already be decided — but only for an action decided.
  ExpectRefused(head_->RecordProcedureRevision(
                         {2026, {"2-01"}, "研修計画", "4月に実施", "", "", 0}).status(),
                "S-CHK-1");
  ASSERT_TRUE(head_->SignSelfAssessment(2026, "").ok());
  // Signed: each action decided for an unmet item is due as a recorded revision (S-CHK-1).
  auto due = head_->Due();
  ASSERT_TRUE(due.ok());
  const auto owed = std::count_if(due->begin(), due->end(), [](const auto& d) {
    return d.rule == "S-CHK-1" && d.what.find("手順の改訂") != std::string::npos;
  });
  EXPECT_EQ(owed, 2);
  // The head decides: a task lead may write it down, not decide it.
  ExpectRefused(lead_->RecordProcedureRevision(
                         {2026, {"1-06"}, "緊急時対応手順", "連絡網を作成し掲示", "lead1", "", 0})
                    .status(),
                "S-CHK-1");
  ExpectRefused(lead_->RecordProcedureRevision({2026, {"1-06"}, "緊急時対応手順",
                                                "連絡網を作成し掲示", "head1", "2026-03-01", 0})
                    .status(),
                "S-CHK-1");  // decided before the assessment began
  EXPECT_EQ(staff_->RecordProcedureRevision(
                      {2026, {"1-06"}, "緊急時対応手順", "連絡網を作成", "head1", "", 0})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(head_->RecordProcedureRevision({2025, {"1-06"}, "手順", "変更", "", "", 0})
                .status()
                .code(),
            StatusCode::kNotFound);
  auto r = lead_->RecordProcedureRevision(
      {2026, {"1-06", "3-02"}, "緊急時対応手順・パスワード管理手順",
       "緊急連絡網を作成して更新日を記載、パスワード変更日を毎月確認", "head1", "", 0});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->items, "1-06,3-02");
  EXPECT_EQ(r->decided_by, "head1");
  EXPECT_FALSE(DueHas("S-CHK-1"));
  auto list = lead_->ListProcedureRevisions(2026);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  // A correction replaces it: the corrected entry no longer counts.
  auto fixed = head_->RecordProcedureRevision(
      {2026, {"1-06"}, "緊急時対応手順", "緊急連絡網を作成", "", "", r->id});
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_TRUE(DueHas("S-CHK-1"));  // 3-02 is owed again
  list = lead_->ListProcedureRevisions(0);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].corrected_by, fixed->id);

  // The report lists the revisions beside the actions they answer.
  ASSERT_TRUE(report::testing::HavePoppler());
  ASSERT_TRUE(head_->WriteSelfAssessmentReport(2026, dir_ / "rev.pdf").ok());
  const std::string text = report::testing::PdfText(dir_ / "rev.pdf").All();
  EXPECT_NE(text.find("手順の改訂 Procedure revisions"), std::string::npos);
  EXPECT_NE(text.find("緊急時対応手順"), std::string::npos);
  EXPECT_NE(text.find(fmt::format("#{}", fixed->id)), std::string::npos);
  EXPECT_NE(text.find("未記録 not recorded"), std::string::npos);  // 3-02's action

  // Append-only: the revisions cannot be changed or removed under the door.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").string().c_str(), &db), SQLITE_OK);
  for (const char* sql : {"UPDATE procedure_revisions SET change = 'x'",
                          "DELETE FROM procedure_revisions"}) {
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace ganreg::app
