// End to end, issue #4 second slice, through the real ganreg binary: training before a grant
// (S-HUM-1, exit 3 with the rule), plans approved by the head (S-HUM-2, S-HUM-3), the user-ID
// audit (S-SYS-3), an incident with its chain (S-INC-1), the key box (S-STO-1), the entry/exit
// log (S-ENT-1) and `ganreg due`. The clock is the real one, so dates are today's.
#include <gtest/gtest.h>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"

namespace ganreg::e2e {
namespace {

class OfficeTest : public RegistryFixture {
 protected:
  RunResult Lead(std::vector<std::string> args) const {
    return Ganreg(As("lead1", "lead.pw", std::move(args)));
  }
};

TEST_F(OfficeTest, SHum1AGrantIsRefusedWithoutTrainingAndAllowedAfter) {
  // lead1 has no training record yet (the fixture trained staff1 only).
  RunResult refused = Head({"user", "grant", "lead1", "ledgers"});
  EXPECT_EQ(refused.exit_code, 3) << refused.all();
  EXPECT_NE(refused.err.find("S-HUM-1"), std::string::npos) << refused.err;
  TrainAndPass({"lead1"});
  Expect(0, As("head1", "head.pw", {"user", "grant", "lead1", "ledgers"}));
  RunResult list = Head({"training", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.all();
  EXPECT_NE(list.out.find("lead1"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("有効 current"), std::string::npos) << list.out;
}

TEST_F(OfficeTest, SHum2AndSHum3PlanRulesAndRetests) {
  RunResult partial = Lead({"training", "plan", "add", "--year", FiscalYearNow(), "--title", "研修",
                            "--covers", "rules,roles", "--pass-mark", "80"});
  EXPECT_EQ(partial.exit_code, 3) << partial.all();
  EXPECT_NE(partial.err.find("S-HUM-2"), std::string::npos) << partial.err;
  RunResult plan = Expect(0, As("lead1", "lead.pw",
                                {"training", "plan", "add", "--year", FiscalYearNow(), "--title",
                                 "研修", "--covers", "rules,roles,after-leaving", "--pass-mark",
                                 "80"}));
  const std::string id = std::to_string(Number(plan.out, "training plan #"));
  RunResult early = Lead({"training", "session", "--plan", id, "--trainer", "lead1", "--content",
                          "内容", "--attendees", "staff1"});
  EXPECT_EQ(early.exit_code, 3) << early.all();
  EXPECT_NE(early.err.find("S-HUM-3"), std::string::npos) << early.err;
  EXPECT_EQ(Lead({"training", "plan", "approve", id}).exit_code, 3);
  Expect(0, As("head1", "head.pw", {"training", "plan", "approve", id}));
  RunResult session = Expect(0, As("lead1", "lead.pw",
                                   {"training", "session", "--plan", id, "--trainer", "lead1",
                                    "--content", "内容", "--attendees", "staff1"}));
  const std::string sid = std::to_string(Number(session.out, "training session #"));
  RunResult failed = Expect(0, As("lead1", "lead.pw", {"training", "test", "--session", sid,
                                                        "--person", "staff1", "--score", "55"}));
  EXPECT_NE(failed.out.find("不合格 failed"), std::string::npos) << failed.out;
  const std::string rid = std::to_string(Number(failed.out, "result #"));
  RunResult again = Lead({"training", "test", "--session", sid, "--person", "staff1", "--score",
                          "90"});
  EXPECT_EQ(again.exit_code, 3) << again.all();
  Expect(0, As("lead1", "lead.pw", {"training", "test", "--session", sid, "--person", "staff1",
                                    "--score", "90", "--retest-of", rid}));
}

TEST_F(OfficeTest, SSys3IdAuditListsEveryAccountAndRecordsTheResult) {
  RunResult accounts = Head({"id-audit", "accounts"});
  EXPECT_EQ(accounts.exit_code, 0) << accounts.all();
  for (const char* n : {"head1", "lead1", "staff1"}) {
    EXPECT_NE(accounts.out.find(n), std::string::npos) << accounts.out;
  }
  RunResult partial = Head({"id-audit", "record", "--confirmed", "head1,lead1"});
  EXPECT_EQ(partial.exit_code, 3) << partial.all();
  EXPECT_NE(partial.err.find("S-SYS-3"), std::string::npos) << partial.err;
  Expect(0, As("head1", "head.pw", {"id-audit", "record", "--confirmed", "head1,lead1",
                                    "--mismatch", "staff1=異動", "--note", "4月の照合"}));
  RunResult list = Head({"id-audit", "list"});
  EXPECT_NE(list.out.find("mismatch: staff1"), std::string::npos) << list.out;
}

TEST_F(OfficeTest, SInc1IncidentChainAndSSto1KeyBoxAndSEnt1EntryLog) {
  RunResult rep = Expect(0, As("staff1", "staff.pw",
                               {"incident", "report", "--kind", "unauthorised-access",
                                "--occurred", "2020-01-01T09:00", "--summary", "不審なログイン"}));
  EXPECT_NE(rep.out.find("Unauthorized Computer Access Law"), std::string::npos) << rep.out;
  const std::string iid = std::to_string(Number(rep.out, "incident #"));
  RunResult chain = Head({"incident", "step", iid, "--step", "head-to-governor"});
  EXPECT_EQ(chain.exit_code, 3) << chain.all();
  EXPECT_NE(chain.err.find("S-INC-1"), std::string::npos) << chain.err;
  Expect(0, As("lead1", "lead.pw", {"incident", "step", iid, "--step", "reported-to-head"}));
  Expect(0, As("head1", "head.pw", {"incident", "step", iid, "--step", "head-to-governor"}));
  RunResult shown = Head({"incident", "show", iid});
  EXPECT_EQ(shown.exit_code, 0) << shown.all();
  EXPECT_NE(shown.out.find("不審なログイン"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("head-to-ncc"), std::string::npos) << shown.out;  // still missing
  EXPECT_EQ(Staff({"incident", "show", iid}).exit_code, 3);  // no ledgers grant

  Expect(0, As("lead1", "lead.pw", {"keybox", "open"}));
  RunResult twice = Lead({"keybox", "open"});
  EXPECT_EQ(twice.exit_code, 3) << twice.all();
  EXPECT_NE(twice.err.find("S-STO-1"), std::string::npos) << twice.err;
  RunResult count = Expect(0, As("lead1", "lead.pw",
                                 {"keybox", "count", "--expected", "6", "--counted", "5"}));
  EXPECT_NE(count.out.find("missing"), std::string::npos) << count.out;
  Expect(0, As("lead1", "lead.pw", {"keybox", "lock"}));

  std::vector<std::string> visit = {"entry-log", "record", "--time-in", "09:10", "--name",
                                    "架空　清掃員", "--affiliation", "模擬ビル管理", "--purpose",
                                    "清掃", "--approved-by", "lead1", "--escort", "staff1"};
  RunResult no_pledge = Staff(visit);
  EXPECT_EQ(no_pledge.exit_code, 3) << no_pledge.all();
  EXPECT_NE(no_pledge.err.find("S-ENT-1"), std::string::npos) << no_pledge.err;
  visit.push_back("--pledge");
  RunResult in = Expect(0, As("staff1", "staff.pw", visit));
  Expect(0, As("staff1", "staff.pw", {"entry-log", "exit",
                                      std::to_string(Number(in.out, "entry #")), "--time-out",
                                      "23:59"}));
  RunResult withheld = Staff({"entry-log", "list"});
  EXPECT_NE(withheld.out.find("names need the ledgers grant"), std::string::npos) << withheld.out;
  RunResult names = Head({"entry-log", "list"});
  EXPECT_NE(names.out.find("架空　清掃員"), std::string::npos) << names.out;
}

TEST_F(OfficeTest, DueListsWhatTheRecordsLack) {
  RunResult due = Head({"due"});
  EXPECT_EQ(due.exit_code, 0) << due.all();
  EXPECT_NE(due.out.find("S-SYS-3"), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("S-INC-2"), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("lead1: 研修・試験に未合格"), std::string::npos) << due.out;
  EXPECT_EQ(due.out.find("staff1: 研修・試験に未合格"), std::string::npos) << due.out;
  EXPECT_EQ(Staff({"due"}).exit_code, 3);
  s_.Write("network.txt", "責任者 head1 090-0000-0000\n");
  Expect(0, As("head1", "head.pw", {"incident", "network", "set", "--updated", "2020-04-01",
                                    "--file", (s_ / "network.txt").string()}));
  EXPECT_EQ(Head({"due"}).out.find("S-INC-2"), std::string::npos);
}

}  // namespace
}  // namespace ganreg::e2e
