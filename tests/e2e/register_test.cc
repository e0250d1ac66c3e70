// End to end, issue #4 third slice, through the real ganreg binary: the September
// self-assessment (S-CHK-1) started, answered, refused with the rule, signed and printed; the
// take-out register (STO-3), the maintenance record (S-SYS-6), the acquisition register
// (S-ACQ-4, S-TRN-1), definition updates (S-SYS-4) and `ledger print`. The clock is the real one.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"
#include "report/testing/pdf_text.h"

namespace ganreg::e2e {
namespace {

class RegisterTest : public RegistryFixture {
 protected:
  RunResult Lead(std::vector<std::string> args) const {
    return Ganreg(As("lead1", "lead.pw", std::move(args)));
  }
  static std::string YearNow() {
    std::time_t t = std::time(nullptr) + 9 * 3600;  // Japan
    std::tm tm{};
    gmtime_r(&t, &tm);
    return std::to_string(tm.tm_year + 1900);
  }
  static void ExpectRule(const RunResult& r, const std::string& rule) {
    EXPECT_EQ(r.exit_code, 3) << r.all();
    EXPECT_NE(r.err.find(rule), std::string::npos) << r.err;
  }
};

TEST_F(RegisterTest, SChk1SelfAssessmentStartAnswerSignReport) {
  const std::string y = YearNow();
  EXPECT_EQ(Staff({"self-assessment", "start", "--year", y}).exit_code, 3);
  RunResult start = Expect(0, As("head1", "head.pw", {"self-assessment", "start", "--year", y}));
  EXPECT_NE(start.out.find("記録から from records"), std::string::npos) << start.out;
  EXPECT_NE(start.out.find("要回答 a person's answer"), std::string::npos) << start.out;
  // The audit chain is evidenced by the records: an answer cannot say otherwise.
  ExpectRule(Lead({"self-assessment", "answer", "--year", y, "3-08", "--status", "not-met",
                   "--note", "x", "--action", "y"}),
             "S-CHK-1");
  ExpectRule(Head({"self-assessment", "sign", "--year", y}), "S-CHK-1");
  // Answer every item: a person's items met with a note; unmet record items get an action.
  std::regex item_line(R"(^  (\d-\d\d)  )");
  int items = 0;
  std::istringstream lines(start.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, item_line)) continue;
    ++items;
    RunResult a = Lead({"self-assessment", "answer", "--year", y, m[1], "--status", "met",
                        "--note", "手順書と現場で確認"});
    if (a.exit_code != 0) {
      Expect(0, As("lead1", "lead.pw", {"self-assessment", "answer", "--year", y, m[1], "--note",
                                        "記録を確認", "--action", "手順を見直す"}));
    }
  }
  EXPECT_GE(items, 40);
  Expect(0, As("head1", "head.pw", {"self-assessment", "sign", "--year", y}));
  ExpectRule(Lead({"self-assessment", "answer", "--year", y, "3-03", "--status", "met", "--note",
                   "x"}),
             "S-CHK-1");  // closed once signed
  const std::string out = (s_ / "report.html").string();
  Expect(0, As("head1", "head.pw", {"self-assessment", "report", "--year", y, "--out", out}));
  const std::string html = ReadAll(out);
  EXPECT_NE(html.find("自己点検報告書"), std::string::npos);
  EXPECT_NE(html.find("手順を見直す"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  // Signed: the September item is closed; the actions' procedure revisions are due (S-CHK-1).
  const std::string due = Head({"due"}).out;
  EXPECT_EQ(due.find("自己点検と責任者の署名"), std::string::npos) << due;
  EXPECT_NE(due.find("手順の改訂"), std::string::npos) << due;
}

TEST_F(RegisterTest, SChk1ChecklistRunPrefillsAnswersSignsAndPrintsHtmlAndPdf) {
  ASSERT_TRUE(report::testing::HavePoppler()) << "pdftotext, pdfinfo (Debian: poppler-utils)";
  const std::string y = YearNow();
  // First run: the checklist started and pre-filled; the draft report in both formats.
  const auto draft = s_ / "draft";
  RunResult first = Expect(0, As("head1", "head.pw",
                                 {"checklist", "run", "--year", y, "--out", draft.string()}));
  EXPECT_NE(first.out.find("report.pdf"), std::string::npos) << first.out;
  EXPECT_NE(ReadAll((draft / "report.html").string()).find("自己点検報告書"), std::string::npos);
  report::testing::PdfText pdf(draft / "report.pdf");
  EXPECT_GE(pdf.PageCount(), 2);
  EXPECT_NE(pdf.All().find("未署名（下書き）"), std::string::npos);
  // The same folder again: the reports are never overwritten.
  EXPECT_NE(Ganreg(As("head1", "head.pw",
                      {"checklist", "run", "--year", y, "--out", draft.string()})).exit_code, 0);

  // The head's answers from a file: a person's items met with a note, each unmet item of the
  // records with its action — and one line that breaks S-CHK-1 (a checkbox against the records).
  RunResult show = Expect(0, As("head1", "head.pw", {"self-assessment", "show", "--year", y}));
  std::string answers = "# item\tstatus\tnote\taction\n3-08\tnot-met\tx\ty\n";
  std::regex item_line(R"(^  (\d-\d\d)  )");
  std::istringstream lines(show.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, item_line)) continue;
    if (line.find("要回答") != std::string::npos) {
      answers += m[1].str() + "\tmet\t手順書と現場で確認\n";
    } else if (line.find("NOT MET") != std::string::npos) {
      answers += m[1].str() + "\t\t記録を確認\t手順を見直す\n";
    }
  }
  const auto answers_file = s_ / "answers.tsv";
  std::ofstream(answers_file) << answers;
  const auto final_dir = s_ / "final";
  RunResult run = Ganreg(As("head1", "head.pw",
                            {"checklist", "run", "--year", y, "--out", final_dir.string(),
                             "--answers", answers_file.string(), "--sign"}));
  // The refused line is named with the rule and the exit code says so; the rest went in.
  EXPECT_EQ(run.exit_code, 3) << run.all();
  EXPECT_NE(run.err.find("answers.tsv:2"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("S-CHK-1"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("署名しました signed"), std::string::npos) << run.all();
  report::testing::PdfText signed_pdf(final_dir / "report.pdf");
  const std::string text = signed_pdf.All();
  EXPECT_EQ(text.find("未署名"), std::string::npos);
  EXPECT_NE(text.find("手順を見直す"), std::string::npos);
  EXPECT_NE(text.find("head1"), std::string::npos);
  // Signed: the September item is closed; the actions' procedure revisions are due (S-CHK-1).
  const std::string due = Head({"due"}).out;
  EXPECT_EQ(due.find("自己点検と責任者の署名"), std::string::npos) << due;
  EXPECT_NE(due.find("手順の改訂"), std::string::npos) << due;
}

TEST_F(RegisterTest, RegistersRefuseWhatBreaksTheRulesAndPrint) {
  ExpectRule(Staff({"takeout", "record", "--kind", "paper", "--what", "届出票R", "--quantity",
                    "20", "--reason", "複写", "--approved-by", "staff1", "--time-out", "00:00"}),
             "STO-3");
  RunResult t = Expect(0, As("staff1", "staff.pw",
                             {"takeout", "record", "--kind", "paper", "--what", "届出票R",
                              "--quantity", "20", "--reason", "複写", "--approved-by", "lead1",
                              "--time-out", "00:00"}));
  const std::string id = std::to_string(Number(t.out, "take-out #"));
  RunResult list = Staff({"takeout", "list"});
  EXPECT_NE(list.out.find("needs the ledgers grant"), std::string::npos) << list.out;
  RunResult back = Expect(0, As("staff1", "staff.pw",
                                {"takeout", "return", id, "--time-in", "23:59", "--count", "19"}));
  EXPECT_NE(back.out.find("missing"), std::string::npos) << back.out;

  ExpectRule(Lead({"maintenance", "record", "--worker-kind", "contractor", "--worker",
                   "架空　保守員", "--affiliation", "模擬システム", "--work", "索引の再構築",
                   "--result", "正常終了", "--approved-by", "lead1", "--witness", "staff1",
                   "--from", "00:00", "--to", "00:01"}),
             "SYS-R1");
  ExpectRule(Staff({"acquisition", "record", "--kind", "notification", "--medium", "paper",
                    "--route", "tracked-delivery", "--source", "模擬総合病院", "--count", "3",
                    "--storage", "キャビネットA"}),
             "S-TRN-1");
  Expect(0, As("staff1", "staff.pw",
               {"acquisition", "record", "--kind", "notification", "--medium", "paper",
                "--route", "tracked-delivery", "--tracking", "1234-5678", "--source",
                "模擬総合病院", "--count", "3", "--storage", "キャビネットA"}));
  EXPECT_EQ(Staff({"definition", "record", "--kind", "hospital", "--code", "1310000001",
                   "--change", "change", "--changed-on", "2020-01-01", "--description", "名称変更",
                   "--source", "通知"}).exit_code,
            3);
  Expect(0, As("lead1", "lead.pw",
               {"definition", "record", "--kind", "hospital", "--code", "1310000001", "--change",
                "change", "--changed-on", "2020-01-01", "--description", "名称変更", "--source",
                "通知"}));

  // A CD-R received (another layout: rejected but in the hand-over book): how it travelled.
  const std::string cd = s_.Write("other.csv", "id,name\n1,x\n").string();
  EXPECT_EQ(Staff({"intake", cd, "--from", "1310000001", "--medium", "cd-r"}).exit_code, 5);
  EXPECT_NE(Staff({"ledger", "show", "handover"}).out.find("未記録 not recorded"),
            std::string::npos);
  ExpectRule(Staff({"ledger", "delivery", "1", "--method", "letter-pack", "--opened-in-room"}),
             "S-TRN-1");
  Expect(0, As("staff1", "staff.pw", {"ledger", "delivery", "1", "--method", "letter-pack",
                                      "--tracking", "LP-0001", "--opened-in-room"}));
  EXPECT_NE(Staff({"ledger", "show", "handover"}).out.find("LP-0001"), std::string::npos);

  const std::string page = (s_ / "takeouts.html").string();
  RunResult print = Expect(0, As("head1", "head.pw", {"ledger", "print", "takeouts", "--out", page}));
  const std::string html = ReadAll(page);
  EXPECT_NE(html.find("持出し管理台帳"), std::string::npos);
  EXPECT_NE(html.find("届出票R"), std::string::npos);  // the head holds the ledgers grant
  const std::string acq = (s_ / "acq.html").string();
  Expect(0, As("staff1", "staff.pw", {"ledger", "print", "acquisitions", "--out", acq}));
  EXPECT_NE(ReadAll(acq).find("1234-5678"), std::string::npos);
  EXPECT_EQ(Head({"ledger", "print", "recipes", "--out", (s_ / "x.html").string()}).exit_code, 2);
  // On A4 paper: the same ledger as a PDF, in Japanese.
  const auto pdf = s_ / "takeouts.pdf";
  RunResult printed = Expect(0, As("head1", "head.pw", {"ledger", "print", "takeouts", "--from",
                                                        "2000-01-01", "--out", pdf.string()}));
  EXPECT_NE(printed.out.find("A4 1 page(s)"), std::string::npos) << printed.out;
  report::testing::PdfText text(pdf);
  EXPECT_EQ(text.PageCount(), 1);
  EXPECT_NE(text.All().find("持出し管理台帳"), std::string::npos);
  EXPECT_NE(text.All().find("届出票R"), std::string::npos);
  EXPECT_EQ(Head({"ledger", "print", "takeouts", "--out", (s_ / "x.txt").string()}).exit_code, 2);
}

}  // namespace
}  // namespace ganreg::e2e
