// Incidents (S-INC-1, S-INC-2), the key box (S-STO-1, S-ENT-1), the entry/exit log with its
// monthly check (S-ENT-1, PHY-2) and `due`, through the one door: rules refused with their id,
// sealed texts absent from the store files, reading guarded by the ledgers grant, and due items
// that appear and go away with the records. Real registry files, a fixed clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "app/registry.h"
#include "app/testing/training.h"
#include "audit/event.h"
#include "store/database.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;  // 2026-11-25T09:46:40Z = 18:46 in Japan
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw2[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
constexpr char kSecretSummary[] = "架空患者タナカの届出票の写しを紛失";
constexpr char kVisitor[] = "架空　清掃員";

class OfficeCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_office_" + std::to_string(std::random_device{}()));
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
  std::string Bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void ExpectRefused(const Status& s, std::string_view rule) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
  }
  static bool Has(const std::vector<DueEntry>& items, std::string_view rule,
                  std::string_view word) {
    return std::any_of(items.begin(), items.end(), [&](const DueEntry& d) {
      return d.rule == rule && d.what.find(word) != std::string::npos;
    });
  }
  VisitRequest Visit() {
    return {"2026-11-24", "09:10", kVisitor, "模擬ビル管理", "清掃", true, "lead1", "staff1", 0};
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_, lead_, staff_;
};

TEST_F(OfficeCasesTest, SInc1TheReportingChainAndTheSealedAccount) {
  auto incident = staff_->ReportIncident({"loss", "2026-11-24T10:00", kSecretSummary});
  ASSERT_TRUE(incident.ok()) << incident.status().ToString();
  EXPECT_EQ(incident->missing.size(), 7u);
  const int64_t id = incident->id;
  // Task staff do not record the chain; the head's reports are the head's.
  EXPECT_EQ(staff_->RecordIncidentStep({id, "reported-to-head", "", "", ""}).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(lead_->RecordIncidentStep({id, "reported-to-head", "2026-11-24T10:30", "", ""}).ok());
  ExpectRefused(lead_->RecordIncidentStep({id, "head-to-governor", "2026-11-24T11:00", "", ""})
                    .status(), "S-INC-1");
  ExpectRefused(head_->RecordIncidentStep({id, "governor-to-ministry", "2026-11-24T11:00", "", ""})
                    .status(), "S-INC-1");
  ASSERT_TRUE(head_->RecordIncidentStep({id, "head-to-governor", "2026-11-24T11:00", "", ""}).ok());
  ASSERT_TRUE(head_->RecordIncidentStep({id, "head-to-ncc", "2026-11-24T11:10", "", ""}).ok());
  ASSERT_TRUE(
      lead_->RecordIncidentStep({id, "governor-to-ministry", "2026-11-24T15:00", "", ""}).ok());
  ASSERT_TRUE(lead_->RecordIncidentStep({id, "notified", "", "", "模擬総合病院"}).ok());
  ASSERT_TRUE(lead_->RecordIncidentStep({id, "contained", "", "保管庫を確認", ""}).ok());
  auto shown = head_->ShowIncident(id);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->summary, kSecretSummary);
  EXPECT_EQ(shown->steps.size(), 6u);
  EXPECT_EQ(shown->missing, (std::vector<std::string>{"cause", "prevention"}));
  EXPECT_TRUE(shown->law.empty());
  // Reading needs the ledgers grant (and so training first, S-HUM-1).
  EXPECT_EQ(staff_->ListIncidents().status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(test_support::RecordPassedTraining(*head_, kNow, {"staff1"}).ok());
  ASSERT_TRUE(head_->Grant("staff1", "ledgers").ok());
  auto as_staff = Login("staff1", kStaffPw)->ListIncidents();
  ASSERT_TRUE(as_staff.ok()) << as_staff.status().ToString();
  EXPECT_EQ((*as_staff)[0].steps[4].to, "模擬総合病院");
  // Unauthorised access names its law.
  auto hack = staff_->ReportIncident({"unauthorised-access", "2026-11-25T08:00", "不審なログイン"});
  ASSERT_TRUE(hack.ok());
  EXPECT_NE(hack->law.find("Unauthorized Computer Access Law"), std::string::npos);
  EXPECT_EQ(staff_->ReportIncident({"loss", "2026-11-26T08:00", "x"}).status().code(),
            StatusCode::kInvalidArgument);  // in the future
  head_.reset();
  lead_.reset();
  staff_.reset();
  registry_.reset();
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    const std::string bytes = Bytes(dir_ / "reg" / f);
    EXPECT_EQ(bytes.find(kSecretSummary), std::string::npos) << f;
    EXPECT_EQ(bytes.find("模擬総合病院"), std::string::npos) << f;
  }
}

TEST_F(OfficeCasesTest, SInc2TheContactNetworkCarriesItsDate) {
  EXPECT_EQ(head_->ShowContactNetwork().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lead_->SetContactNetwork("2026-11-01", "x").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(head_->SetContactNetwork("2026-12-01", "x").status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(head_->SetContactNetwork("2026-11-01", "責任者 head1 090-0000-0000").ok());
  auto shown = head_->ShowContactNetwork();
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->updated_on, "2026-11-01");
  EXPECT_NE(shown->text.find("090-0000-0000"), std::string::npos);
}

TEST_F(OfficeCasesTest, SSto1KeyBoxAlternatesAndSEnt1TheCountIsKept) {
  EXPECT_EQ(staff_->RecordKeybox({"open", 0, 0, ""}).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(lead_->RecordKeybox({"open", 0, 0, ""}).ok());
  ExpectRefused(lead_->RecordKeybox({"open", 0, 0, ""}).status(), "S-STO-1");
  auto count = lead_->RecordKeybox({"count", 6, 5, "1本不足"});
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_TRUE(count->keys_missing);
  ASSERT_TRUE(head_->RecordKeybox({"lock", 0, 0, ""}).ok());
  ExpectRefused(head_->RecordKeybox({"lock", 0, 0, ""}).status(), "S-STO-1");
  auto log = staff_->ListKeybox();
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ((*log)[1].action, "count");
}

TEST_F(OfficeCasesTest, SEnt1VisitorsAndTheMonthlyCheck) {
  VisitRequest no_pledge = Visit();
  no_pledge.pledge = false;
  ExpectRefused(staff_->RecordVisit(no_pledge).status(), "S-ENT-1");
  VisitRequest staff_approved = Visit();
  staff_approved.approved_by = "staff1";
  ExpectRefused(staff_->RecordVisit(staff_approved).status(), "S-ENT-1");
  VisitRequest unescorted = Visit();
  unescorted.escort = "visitor-friend";
  ExpectRefused(staff_->RecordVisit(unescorted).status(), "S-ENT-1");
  auto entry = staff_->RecordVisit(Visit());
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(staff_->RecordExit(entry->id, "09:00").status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(staff_->RecordExit(entry->id, "10:05").ok());
  EXPECT_EQ(staff_->RecordExit(entry->id, "10:06").status().code(),
            StatusCode::kFailedPrecondition);
  // A correction appends and names the entry it corrects.
  VisitRequest fix = Visit();
  fix.time_in = "09:15";
  fix.corrects = entry->id;
  ASSERT_TRUE(staff_->RecordVisit(fix).ok());
  EXPECT_EQ(staff_->RecordVisit(fix).status().code(), StatusCode::kFailedPrecondition);
  // Without the ledgers grant the names are withheld; with it they are shown.
  auto withheld = staff_->ListVisits("2026-11");
  ASSERT_TRUE(withheld.ok()) << withheld.status().ToString();
  ASSERT_EQ(withheld->size(), 2u);
  EXPECT_TRUE((*withheld)[0].sealed);
  EXPECT_TRUE((*withheld)[0].name.empty());
  EXPECT_EQ((*withheld)[0].corrected_by, (*withheld)[1].id);
  auto shown = head_->ListVisits("");
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ((*shown)[0].name, kVisitor);
  EXPECT_EQ((*shown)[0].time_out, "10:05");
  // The task lead's monthly check: once, not for a month to come, not by task staff.
  EXPECT_EQ(staff_->CheckEntryLog("2026-11", "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(lead_->CheckEntryLog("2026-12", "").status().code(), StatusCode::kInvalidArgument);
  auto check = lead_->CheckEntryLog("2026-11", "異常なし");
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->entries, 2);
  EXPECT_EQ(lead_->CheckEntryLog("2026-11", "").status().code(), StatusCode::kFailedPrecondition);
  head_.reset();
  lead_.reset();
  staff_.reset();
  registry_.reset();
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    EXPECT_EQ(Bytes(dir_ / "reg" / f).find(kVisitor), std::string::npos) << f;
  }
}

TEST_F(OfficeCasesTest, DueItemsComeFromTheRecordsAndGoAwayWhenRecorded) {
  EXPECT_EQ(staff_->Due().status().code(), StatusCode::kPermissionDenied);
  auto due = head_->Due();
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_TRUE(Has(*due, "S-HUM-1", "staff1"));
  EXPECT_TRUE(Has(*due, "S-HUM-1", "plan"));
  EXPECT_TRUE(Has(*due, "S-HUM-3", "staff1"));
  EXPECT_TRUE(Has(*due, "S-SYS-3", "2026"));
  EXPECT_TRUE(Has(*due, "S-INC-2", "contact network"));
  EXPECT_FALSE(Has(*due, "S-HUM-1", "head1"));  // the head plans the training
  // Record the evidence; each item goes away.
  ASSERT_TRUE(test_support::RecordPassedTraining(*head_, kNow, {"staff1", "lead1"}).ok());
  ASSERT_TRUE(head_->RecordBriefing({"new-staff", "staff1", "", "", ""}).ok());
  ASSERT_TRUE(head_->RecordBriefing({"new-staff", "lead1", "", "", ""}).ok());
  ASSERT_TRUE(head_->RecordIdAudit({"april", {"head1", "lead1", "staff1"}, {}, ""}).ok());
  ASSERT_TRUE(head_->SetContactNetwork("2026-11-01", "連絡網").ok());
  due = head_->Due();
  ASSERT_TRUE(due.ok());
  for (const auto& d : *due) ADD_FAILURE() << d.rule << " " << d.what;
  // A month later: the entry log of November awaits its check; the key box was left open.
  ASSERT_TRUE(staff_->RecordVisit(Visit()).ok());
  ASSERT_TRUE(lead_->RecordKeybox({"open", 0, 0, ""}).ok());
  clock_.Advance(10 * 86400);  // 2026-12-05
  due = head_->Due();
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(Has(*due, "S-ENT-1", "2026-11"));
  EXPECT_TRUE(Has(*due, "S-ENT-1", "2026-11-25"));  // no end-of-day key count
  EXPECT_TRUE(Has(*due, "S-STO-1", "key box"));
  ASSERT_TRUE(lead_->CheckEntryLog("2026-11", "").ok());
  EXPECT_FALSE(Has(*head_->Due(), "S-ENT-1", "entry/exit log for 2026-11"));
}

}  // namespace
}  // namespace ganreg::app
