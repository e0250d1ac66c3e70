// End to end, issue #4: the inquiry book through the real ganreg binary — call-back numbers,
// answers refused with the rule (exit 3), the book sealed, and reading granted (S-INQ-1..6) —
// and the portable-media list with the disposal record (S-STO-2, S-STO-4, S-STO-5).
#include <gtest/gtest.h>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"

namespace ganreg::e2e {
namespace {

constexpr char kBody[] = "模擬総合病院";
constexpr char kContent[] = "架空患者サトウの届出票について";

class LedgerTest : public RegistryFixture {
 protected:
  // Records an inbound inquiry as head1 and returns its id (from "inquiry #N").
  int RecordInquiry(std::vector<std::string> args) {
    std::vector<std::string> all = {"inquiry", "record", "--counterpart", kBody, "--content",
                                    kContent};
    all.insert(all.end(), args.begin(), args.end());
    RunResult r = Head(all);
    EXPECT_EQ(r.exit_code, 0) << r.all();
    auto at = r.out.find("inquiry #");
    return at == std::string::npos ? 0 : std::stoi(r.out.substr(at + 9));
  }
};

TEST_F(LedgerTest, SInq3CallBackOnlyToTheRegisteredNumber) {
  // Only custodians register numbers.
  RunResult denied = Staff({"inquiry", "contact", "add", kBody, "--phone", "03-0000-1111",
                            "--group", "ア"});
  EXPECT_EQ(denied.exit_code, 3) << denied.all();
  Expect(0, As("head1", "head.pw", {"inquiry", "contact", "add", kBody, "--phone",
                                    "03-0000-1111", "--group", "ア"}));
  int id = RecordInquiry({"--group", "ア", "--channel", "phone"});
  ASSERT_GT(id, 0);
  RunResult on_the_spot = Head({"inquiry", "answer", std::to_string(id), "--answer", "回答"});
  EXPECT_EQ(on_the_spot.exit_code, 3) << on_the_spot.all();
  EXPECT_NE(on_the_spot.err.find("S-INQ-3"), std::string::npos) << on_the_spot.err;
  RunResult callers = Head({"inquiry", "answer", std::to_string(id), "--answer", "回答",
                            "--callback-to", "090-9999-8888"});
  EXPECT_EQ(callers.exit_code, 3) << callers.all();
  Expect(0, As("head1", "head.pw", {"inquiry", "answer", std::to_string(id), "--answer",
                                    "回答しました", "--callback-to", "03-0000-1111"}));
  RunResult shown = Head({"inquiry", "show", std::to_string(id)});
  EXPECT_EQ(shown.exit_code, 0) << shown.all();
  EXPECT_NE(shown.out.find("回答しました"), std::string::npos) << shown.out;
}

TEST_F(LedgerTest, SInq2PersonalAnswerToGroupUIsRefusedWithTheRule) {
  int id = RecordInquiry({"--group", "ウ", "--channel", "email", "--personal"});
  RunResult r = Head({"inquiry", "answer", std::to_string(id), "--answer", "回答"});
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_NE(r.err.find("S-INQ-2"), std::string::npos) << r.err;
}

TEST_F(LedgerTest, SInq6OutboundFaxNeedsTheConditionsAndATestFax) {
  std::vector<std::string> fax = {"--group", "ア", "--channel", "fax", "--personal",
                                  "--outbound", "--condition", "identified", "--urgent"};
  std::vector<std::string> args = {"inquiry", "record", "--counterpart", kBody, "--content",
                                   kContent};
  args.insert(args.end(), fax.begin(), fax.end());
  RunResult refused = Head(args);
  EXPECT_EQ(refused.exit_code, 3) << refused.all();
  EXPECT_NE(refused.err.find("S-INQ-6"), std::string::npos) << refused.err;
  args.insert(args.end(), {"--test-fax-staff", "head1,lead1"});
  RunResult ok = Head(args);
  EXPECT_EQ(ok.exit_code, 0) << ok.all();
}

TEST_F(LedgerTest, SInq5TheBookIsSealedAndReadOnlyWithTheLedgersGrant) {
  RunResult rec = Staff({"inquiry", "record", "--group", "エ", "--channel", "letter",
                         "--counterpart", "匿名の市民", "--content", kContent});
  EXPECT_EQ(rec.exit_code, 0) << rec.all();
  RunResult denied = Staff({"inquiry", "list"});
  EXPECT_EQ(denied.exit_code, 3) << denied.all();
  RunResult list = Head({"inquiry", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.all();
  EXPECT_NE(list.out.find(kContent), std::string::npos) << list.out;
  EXPECT_EQ(ReadAll(std::filesystem::path(reg_) / "registry.db").find(kContent),
            std::string::npos);
  Expect(0, As("head1", "head.pw", {"audit", "verify"}));
}

TEST_F(LedgerTest, SSto2DisposingAListedMediumSetsItsDisposedDate) {
  Expect(0, As("staff1", "staff.pw", {"media", "add", "CD-R-007", "--kind", "cd-r",
                                      "--received", "2025-01-10"}));
  Expect(0, As("staff1", "staff.pw", {"disposal", "record", "--item", "CD-R-007 受領ファイル",
                                      "--medium-id", "CD-R-007", "--method", "physical-destroy",
                                      "--place", "room", "--witnesses", "staff1", "--date",
                                      "2025-02-20", "--approved-by", "lead1"}));
  RunResult list = Staff({"media", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.all();
  EXPECT_NE(list.out.find("2025-01-10"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("2025-02-20"), std::string::npos) << list.out;
}

TEST_F(LedgerTest, SSto5AndSSto4RefusedWithTheReason) {
  RunResult coarse = Staff({"disposal", "record", "--item", "届出票の写し", "--method", "shred",
                            "--strip-width-mm", "2", "--particle-mm2", "30", "--place", "room",
                            "--witnesses", "staff1"});
  EXPECT_EQ(coarse.exit_code, 3) << coarse.all();
  EXPECT_NE(coarse.err.find("S-STO-5"), std::string::npos) << coarse.err;
  Expect(0, As("staff1", "staff.pw", {"disposal", "record", "--item", "届出票の写し", "--method",
                                      "shred", "--strip-width-mm", "2", "--particle-mm2", "30",
                                      "--combined-with", "incineration", "--place", "room",
                                      "--witnesses", "staff1"}));
  RunResult alone = Staff({"disposal", "record", "--item", "届出票の写し", "--method", "shred",
                           "--strip-width-mm", "1", "--particle-mm2", "10", "--place",
                           "designated-outside", "--witnesses", "staff1"});
  EXPECT_EQ(alone.exit_code, 3) << alone.all();
  EXPECT_NE(alone.err.find("S-STO-4"), std::string::npos) << alone.err;
  Expect(0, As("staff1", "staff.pw", {"disposal", "record", "--item", "届出票の写し", "--method",
                                      "shred", "--strip-width-mm", "1", "--particle-mm2", "10",
                                      "--place", "designated-outside", "--witnesses",
                                      "staff1,lead1"}));
  RunResult book = Staff({"disposal", "list"});
  EXPECT_EQ(book.exit_code, 0) << book.all();
  EXPECT_NE(book.out.find("(2 entries)"), std::string::npos) << book.out;
}

TEST_F(LedgerTest, AnAnswerIsCorrectedByANewAnswerCheckedAgain) {
  Expect(0, As("head1", "head.pw", {"inquiry", "contact", "add", kBody, "--phone",
                                    "03-0000-1111", "--group", "ア"}));
  int id = RecordInquiry({"--group", "ア", "--channel", "phone"});
  RunResult first = Expect(0, As("head1", "head.pw", {"inquiry", "answer", std::to_string(id),
                                                       "--answer", "受付済み", "--callback-to",
                                                       "03-0000-1111"}));
  auto at = first.out.find("answer #");
  ASSERT_NE(at, std::string::npos) << first.out;
  const std::string answer = std::to_string(std::stoi(first.out.substr(at + 8)));
  // The correction is checked like an answer: never a number the caller gave (S-INQ-3).
  RunResult callers = Head({"inquiry", "answer", std::to_string(id), "--answer", "未受付",
                            "--callback-to", "090-9999-8888", "--corrects", answer});
  EXPECT_EQ(callers.exit_code, 3) << callers.all();
  EXPECT_NE(callers.err.find("S-INQ-3"), std::string::npos) << callers.err;
  Expect(0, As("head1", "head.pw", {"inquiry", "answer", std::to_string(id), "--answer",
                                    "未受付（訂正）", "--callback-to", "03-0000-1111",
                                    "--corrects", answer}));
  // The book lists the answer that counts; `show` both, the first marked corrected.
  RunResult list = Head({"inquiry", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.all();
  EXPECT_NE(list.out.find("未受付（訂正）"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("受付済み"), std::string::npos) << list.out;
  RunResult shown = Head({"inquiry", "show", std::to_string(id)});
  EXPECT_NE(shown.out.find("受付済み"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("corrected by"), std::string::npos) << shown.out;
  const std::string pdf = (s_ / "inquiries.pdf").string();
  Expect(0, As("head1", "head.pw", {"ledger", "print", "inquiries", "--out", pdf}));
}

TEST_F(LedgerTest, SSto5AContractorDisposesOnlyUnderAContractTheHeadChecked) {
  std::vector<std::string> dissolve = {
      "disposal", "record", "--item", "保存期間を終えた紙の届出票", "--method", "dissolve",
      "--place", "contractor", "--witnesses", "staff1", "--approved-by", "lead1",
      "--contract", "R8-015", "--certificate", "証明書 第0456号"};
  RunResult unchecked = Staff(dissolve);
  EXPECT_EQ(unchecked.exit_code, 3) << unchecked.all();
  EXPECT_NE(unchecked.err.find("S-STO-5"), std::string::npos) << unchecked.err;
  // Only the head checks the clause; a contract without one is refused.
  RunResult lead = Ganreg(As("lead1", "lead.pw", {"disposal", "contract", "check", "R8-015",
                                                  "--contractor", "模擬溶解株式会社",
                                                  "--confidentiality-clause"}));
  EXPECT_EQ(lead.exit_code, 3) << lead.all();
  RunResult no_clause = Head({"disposal", "contract", "check", "R8-015", "--contractor",
                              "模擬溶解株式会社"});
  EXPECT_EQ(no_clause.exit_code, 3) << no_clause.all();
  EXPECT_NE(no_clause.err.find("S-STO-5"), std::string::npos) << no_clause.err;
  Expect(0, As("head1", "head.pw", {"disposal", "contract", "check", "R8-015", "--contractor",
                                    "模擬溶解株式会社", "--confidentiality-clause"}));
  Expect(0, As("staff1", "staff.pw", dissolve));
  RunResult book = Staff({"disposal", "list"});
  EXPECT_EQ(book.exit_code, 0) << book.all();
  for (const char* text : {"R8-015", "模擬溶解株式会社", "clause checked by head1",
                           "approved by lead1", "証明書 第0456号"}) {
    EXPECT_NE(book.out.find(text), std::string::npos) << text << "\n" << book.out;
  }
}

}  // namespace
}  // namespace ganreg::e2e
