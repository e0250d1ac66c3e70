// People through the one door (issue #4): training plans approved by the head (S-HUM-2,
// S-HUM-3), sessions and tests with retests and corrections (S-HUM-1), the grant refused without
// current training, briefings by the head (S-HUM-3) and the user-ID audit (S-SYS-3). Real
// registry files, a fixed clock; synthetic staff only.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <random>

#include "app/registry.h"
#include "app/testing/training.h"
#include "audit/event.h"
#include "store/database.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC), fiscal year 2026
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw2[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";

class PeopleCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_people_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    ASSERT_TRUE(InitRegistry(req, clock_).ok());
    registry_ = std::move(Registry::Open(dir_ / "reg", clock_)).value();
    head_ = Login("head1", kHeadPw);
    ASSERT_TRUE(head_->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", true}).ok());
    lead_ = Login("lead1", kLeadPw);
    ASSERT_TRUE(lead_->ChangePassword(kLeadPw, kLeadPw2).ok());
    lead_ = Login("lead1", kLeadPw2);
    ASSERT_TRUE(
        lead_->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false}).ok());
    ASSERT_TRUE(Login("staff1", kStaffInitialPw)->ChangePassword(kStaffInitialPw, kStaffPw).ok());
  }
  void TearDown() override {
    head_.reset();
    lead_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Session> Login(std::string_view user, std::string_view pw) {
    auto s = registry_->Login(user, pw);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  int64_t ApprovedPlan(int64_t pass_mark = 80) {
    auto plan = head_->AddTrainingPlan({2026, "4月研修", "rules,roles,after-leaving", pass_mark});
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_TRUE(head_->ApproveTrainingPlan(plan->id).ok());
    return plan->id;
  }
  int64_t Session1(int64_t plan) {
    auto s = lead_->RecordTrainingSession(
        {plan, "2026-11-20", "lead1", "個人情報の規程・役割・退職後", {"staff1", "lead1"},
         {"委託　架空"}});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? s->id : 0;
  }
  std::vector<audit::Event> Events() {
    auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
    std::vector<audit::Event> out;
    EXPECT_TRUE((*db)->ScanAudit([&](int64_t, std::string_view body, std::string_view) {
      out.push_back(audit::DecodeEvent(body).value());
      return Status::Ok();
    }).ok());
    return out;
  }
  static void ExpectRefused(const Status& s, std::string_view rule) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_, lead_;
};

TEST_F(PeopleCasesTest, SHum2AndSHum3PlansCoverTheCurriculumAndOnlyTheHeadApproves) {
  auto partial = lead_->AddTrainingPlan({2026, "4月研修", "rules,roles", 80});
  ExpectRefused(partial.status(), "S-HUM-2");
  auto plan = lead_->AddTrainingPlan({2026, "4月研修", "rules,roles,after-leaving", 80});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // S-HUM-3: no session under a plan the head has not approved; only the head approves.
  auto early = lead_->RecordTrainingSession({plan->id, "", "lead1", "内容", {"staff1"}, {}});
  ExpectRefused(early.status(), "S-HUM-3");
  EXPECT_EQ(lead_->ApproveTrainingPlan(plan->id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Events().back().action, "training.plan-approve");
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDenied);
  ASSERT_TRUE(head_->ApproveTrainingPlan(plan->id).ok());
  EXPECT_EQ(head_->ApproveTrainingPlan(plan->id).status().code(), StatusCode::kFailedPrecondition);
  // S-HUM-1: a session belongs to the plan's fiscal year (April 2026 – March 2027).
  auto outside = lead_->RecordTrainingSession({plan->id, "2026-03-31", "lead1", "内容",
                                               {"staff1"}, {}});
  ExpectRefused(outside.status(), "S-HUM-1");
  auto unknown = lead_->RecordTrainingSession({plan->id, "", "lead1", "内容", {"nobody"}, {}});
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_GT(Session1(plan->id), 0);
  EXPECT_EQ(Login("staff1", kStaffPw)->ListTraining().status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(PeopleCasesTest, SHum1TestsAttendanceRetestsAndCorrections) {
  int64_t session = Session1(ApprovedPlan(80));
  // Only attendees are tested.
  ExpectRefused(lead_->RecordTrainingTest({session, "head1", 90, 0, 0}).status(), "S-HUM-1");
  auto failed = lead_->RecordTrainingTest({session, "staff1", 60, 0, 0});
  ASSERT_TRUE(failed.ok()) << failed.status().ToString();
  EXPECT_FALSE(failed->passed);
  EXPECT_EQ(failed->pass_mark, 80);
  // A second first attempt is refused: it is a retest or a correction.
  ExpectRefused(lead_->RecordTrainingTest({session, "staff1", 85, 0, 0}).status(), "S-HUM-1");
  auto passed_lead = lead_->RecordTrainingTest({session, "lead1", 95, 0, 0});
  ASSERT_TRUE(passed_lead.ok());
  // A retest follows a failed result only.
  ExpectRefused(lead_->RecordTrainingTest({session, "lead1", 99, passed_lead->id, 0}).status(),
                "S-HUM-1");
  auto retest = lead_->RecordTrainingTest({session, "staff1", 85, failed->id, 0});
  ASSERT_TRUE(retest.ok()) << retest.status().ToString();
  EXPECT_TRUE(retest->passed);
  EXPECT_EQ(lead_->RecordTrainingTest({session, "staff1", 90, failed->id, 0}).status().code(),
            StatusCode::kFailedPrecondition);  // retested already
  // A correction appends; the corrected result stays, marked.
  auto corrected = lead_->RecordTrainingTest({session, "lead1", 75, 0, passed_lead->id});
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_FALSE(corrected->passed);
  auto records = head_->ListTraining();
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->tests.size(), 4u);
  EXPECT_EQ(records->tests[1].corrected_by, corrected->id);
  ASSERT_EQ(records->sessions.size(), 1u);
  EXPECT_EQ(records->sessions[0].contractors, std::vector<std::string>{"委託　架空"});
  for (const auto& st : records->standing) {
    if (st.person == "staff1") {
      EXPECT_TRUE(st.current);
    }
    if (st.person == "lead1") {
      EXPECT_FALSE(st.current);  // its pass was corrected to a fail
    }
  }
  // The store refuses to change a result behind the door's back (append-only).
  head_.reset();
  lead_.reset();
  registry_.reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").c_str(), &raw), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE training_tests SET score = 100", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM training_tests", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
}

TEST_F(PeopleCasesTest, SHum1AGrantNeedsCurrentTraining) {
  Status refused = head_->Grant("staff1", "notification-identity");
  ExpectRefused(refused, "S-HUM-1");
  EXPECT_EQ(Events().back().action, "user.grant");
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDenied);
  int64_t session = Session1(ApprovedPlan(80));
  ASSERT_TRUE(lead_->RecordTrainingTest({session, "staff1", 50, 0, 0}).ok());
  ExpectRefused(head_->Grant("staff1", "notification-identity"), "S-HUM-1");  // failed
  auto tests = head_->ListTraining();
  ASSERT_TRUE(lead_->RecordTrainingTest({session, "staff1", 90, tests->tests[0].id, 0}).ok());
  EXPECT_TRUE(head_->Grant("staff1", "notification-identity").ok());
  // One year after the pass, a further grant is refused until the next training.
  clock_.Advance(366 * 86400);
  ExpectRefused(head_->Grant("staff1", "ledgers"), "S-HUM-1");
}

TEST_F(PeopleCasesTest, SHum3TheHeadGivesBriefings) {
  auto by_lead = lead_->RecordBriefing({"new-staff", "staff1", "lead1", "", ""});
  ExpectRefused(by_lead.status(), "S-HUM-3");
  auto ok = lead_->RecordBriefing({"new-staff", "staff1", "head1", "2026-11-02", "規程と役割"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->given_by, "head1");
  EXPECT_EQ(head_->RecordBriefing({"farewell", "staff1", "", "", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(head_->RecordBriefing({"leaver", "nobody", "", "", ""}).status().code(),
            StatusCode::kNotFound);
  auto list = head_->ListBriefings();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].person, "staff1");
}

TEST_F(PeopleCasesTest, SSys3EveryAccountIsCheckedAgainstItsHolder) {
  auto accounts = lead_->IdAuditAccounts();
  ASSERT_TRUE(accounts.ok());
  ASSERT_EQ(accounts->size(), 3u);
  // Every active account must be confirmed or reported.
  auto partial = lead_->RecordIdAudit({"april", {"head1", "lead1"}, {}, ""});
  ExpectRefused(partial.status(), "S-SYS-3");
  EXPECT_NE(partial.status().message().find("staff1"), std::string::npos);
  auto done = lead_->RecordIdAudit({"april", {"head1", "lead1"}, {{"staff1", "異動済み"}}, "4月"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->accounts, 3);
  EXPECT_EQ(done->mismatches, 1);
  // Recording is for the custodians (the head and the system task lead).
  auto staff = Login("staff1", kStaffPw);
  EXPECT_EQ(staff->RecordIdAudit({"april", {"head1", "lead1", "staff1"}, {}, ""}).status().code(),
            StatusCode::kPermissionDenied);
  auto list = head_->ListIdAudits();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].items.size(), 3u);
  EXPECT_EQ(Events().back().action, "id-audit.list");
}

}  // namespace
}  // namespace ganreg::app
