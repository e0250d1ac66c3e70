// Use cases through the one door: accounts, grants enforced by keys, intake, audit.
#include "app/registry.h"
#include "app/testing/training.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "app/internal.h"
#include "audit/event.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "text/encoding.h"
#include "validate/notification_reader.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC)
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";

std::string Header() {
  std::string h;
  for (const auto& d : model::Items()) {
    if (!h.empty()) h += ',';
    h += d.label;
  }
  return h;
}

// A row valid under every rule (colon, surgery here, no residual tumour).
std::string ValidRow(int n, std::string_view name = "試験　太郎") {
  return fmt::format("A{:04},シケン　タロウ,{},1,19500102,13,千代田区千代田{}-1,7,C18.7,814032,1,2,1,"
                     "20250310,8,410,410,1,2,2,1,2,2,2,2,,",
                     n, name, n);
}

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_app_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    auto r = InitRegistry(req, clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    Open();
  }
  void TearDown() override {
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    registry_.reset();
    auto r = Registry::Open(dir_ / "reg", clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
  }
  std::unique_ptr<Session> Login(std::string_view user, std::string_view pw) {
    auto s = registry_->Login(user, pw);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  // head1 → lead1 (system task lead) → staff1 (password changed by staff1).
  void MakeStaff() {
    auto head = Login("head1", kHeadPw);
    ASSERT_TRUE(head->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", true}).ok());
    auto lead = Login("lead1", kLeadPw);
    ASSERT_TRUE(lead->ChangePassword(kLeadPw, "Lx8%hQz3@wNe").ok());
    auto added = lead->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    auto staff = Login("staff1", kStaffInitialPw);
    ASSERT_TRUE(staff->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    // S-HUM-1: staff1 passes training, so that the tests below may grant categories.
    Status trained = test_support::RecordPassedTraining(*head, kNow, {"staff1"});
    ASSERT_TRUE(trained.ok()) << trained.ToString();
  }
  std::filesystem::path WriteCsv(const std::string& name, const std::vector<std::string>& rows) {
    std::filesystem::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    out << Header() << "\r\n";
    for (const auto& r : rows) out << r << "\r\n";
    return p;
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
  std::string FileBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
};

// The associated data of the parts is part of the stored format (store-schema.md): records
// written before must keep opening.
TEST(AssociatedDataTest, PartsAreBoundToKeyNumberAndFileAsDocumented) {
  EXPECT_EQ(internal::IdentityAd(1234567890123456, 7), "ganreg/v1/identity/1234567890123456/7");
  EXPECT_EQ(internal::ClinicalAd(9999999999999999, 123456), "ganreg/v1/clinical/9999999999999999/123456");
  std::string ad = "something longer that is replaced entirely, not appended to";
  internal::ClinicalAd(1000000000000000, 1, &ad);
  EXPECT_EQ(ad, "ganreg/v1/clinical/1000000000000000/1");
  EXPECT_EQ(internal::HeldRowAd(3, 42), "ganreg/v1/held/3/42");
}

TEST_F(RegistryTest, InitWritesTheRecoveryKeyOnceAndTheHeadLogsIn) {
  EXPECT_TRUE(registry_->recovery_key_not_moved());
  std::string text = FileBytes(dir_ / "reg" / "RECOVERY-KEY.txt");
  EXPECT_NE(text.find("secret-key: "), std::string::npos);
  auto head = Login("head1", kHeadPw);
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->actor().role, model::Role::kHead);
  EXPECT_TRUE(head->actor().custodian);
  EXPECT_FALSE(head->must_change_password());
}

TEST_F(RegistryTest, TheRecoveryKeyRestoresAHeadWhoLostThePassword) {
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Intake({WriteCsv("h1.csv", {ValidRow(1)}), "1310000001", "online",
                            std::nullopt, ""}).ok());
  head.reset();
  // Someone else's file is not the recovery key.
  std::filesystem::path fake = dir_ / "fake.txt";
  std::ofstream(fake) << "secret-key: " << crypto::ToHex(crypto::RandomBytes(32)) << "\n";
  EXPECT_EQ(registry_->RecoverCustodian(fake, "head1", "Nw5@fYc8#rTq").code(),
            StatusCode::kUnauthenticated);
  ASSERT_TRUE(registry_->RecoverCustodian(dir_ / "reg" / "RECOVERY-KEY.txt", "head1",
                                          "Nw5@fYc8#rTq").ok());
  EXPECT_EQ(registry_->Login("head1", kHeadPw).status().code(), StatusCode::kUnauthenticated);
  auto restored = Login("head1", "Nw5@fYc8#rTq");
  auto list = restored->ListNotifications(10, 0);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  auto shown = restored->ShowNotification((*list)[0].key_no, true);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->row[model::Item::kName], "試験　太郎");
  EXPECT_EQ(Events().back().action, "notification.show-identity");
  bool recorded = false;
  for (const auto& e : Events()) recorded = recorded || e.action == "recovery.reset-custodian";
  EXPECT_TRUE(recorded);
}

TEST_F(RegistryTest, InitRefusesAWeakHeadPassword) {
  InitRequest req{dir_ / "reg2", "試験県がん登録室", "head1", "password1", "minimum", {}};
  auto r = InitRegistry(req, clock_);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "reg2" / "registry.db"));
}

TEST_F(RegistryTest, WrongPasswordsLockTheAccountAndAreAudited) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(registry_->Login("head1", "Wrong#pass9x").status().code(),
              StatusCode::kUnauthenticated);
  }
  auto locked = registry_->Login("head1", kHeadPw);
  EXPECT_EQ(locked.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(locked.status().message().find("locked"), std::string::npos);
  int denied = 0;
  for (const auto& e : Events()) {
    if (e.action == "session.login" && e.outcome == audit::Outcome::kDenied) ++denied;
  }
  EXPECT_EQ(denied, 6);
  clock_.Advance(16 * 60);  // the lock lasts 15 minutes
  EXPECT_NE(Login("head1", kHeadPw), nullptr);
}

TEST_F(RegistryTest, ExpiredPasswordAllowsOnlyAChangeAndNoReuse) {
  clock_.Advance(61 * internal::kSecondsPerDay);
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->must_change_password());
  EXPECT_EQ(head->ListUsers().status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(head->ChangePassword(kHeadPw, kHeadPw).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(head->ChangePassword(kHeadPw, "Nw5@fYc8#rTq").ok());
  EXPECT_TRUE(head->ListUsers().ok());
  // Back to the first password later: refused as reuse.
  clock_.Advance(61 * internal::kSecondsPerDay);
  auto again = Login("head1", "Nw5@fYc8#rTq");
  Status reuse = again->ChangePassword("Nw5@fYc8#rTq", kHeadPw);
  EXPECT_EQ(reuse.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(reuse.message().find("used before"), std::string::npos);
}

TEST_F(RegistryTest, AccountsFollowTheHeadsInstructionAndBothNamesAreRecorded) {
  MakeStaff();
  auto lead = Login("lead1", "Lx8%hQz3@wNe");
  auto no_instruction = lead->AddUser({"staff2", model::Role::kTaskStaff, kStaffInitialPw, "", false});
  EXPECT_EQ(no_instruction.status().code(), StatusCode::kPermissionDenied);
  auto head = Login("head1", kHeadPw);
  auto users = head->ListUsers();
  ASSERT_TRUE(users.ok());
  bool found = false;
  for (const auto& u : *users) {
    if (u.name == "staff1") {
      found = true;
      EXPECT_EQ(u.created_by, "lead1");
      EXPECT_EQ(u.instructed_by, "head1");
    }
  }
  EXPECT_TRUE(found);
  // Never more than two custodians (S-SYS-1).
  auto third = head->AddUser({"lead2", model::Role::kTaskLead, kLeadPw, "", true});
  EXPECT_EQ(third.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(RegistryTest, NewAccountsMustChangeTheirInitialPassword) {
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", false}).ok());
  auto lead = Login("lead1", kLeadPw);
  EXPECT_TRUE(lead->must_change_password());
  EXPECT_EQ(lead->HandoverBook().status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(RegistryTest, IntakeSplitsEncryptsAndHoldsFaultyRowsBack) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Grant("staff1", "notification-clinical").ok());
  auto staff = Login("staff1", kStaffPw);
  std::string bad_date = ValidRow(3);
  bad_date.replace(bad_date.find("19500102"), 8, "19500231");
  auto csv = WriteCsv("h1.csv", {ValidRow(1, "試験　花子"), ValidRow(2), bad_date});
  auto r = staff->Intake({csv, "1310000001", "online", std::nullopt, ""});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_read, 3);
  EXPECT_EQ(r->rows_accepted, 2);
  EXPECT_EQ(r->rows_held, 1);
  ASSERT_FALSE(r->issues.empty());
  EXPECT_NE(r->issues[0].find("h1.csv:4: birth_date"), std::string::npos) << r->issues[0];
  EXPECT_EQ(r->issues[0].find("19500231"), std::string::npos) << "identity value in report";

  auto list = staff->ListNotifications(100, 0);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].primary_site, "C18.7");

  auto book = staff->HandoverBook();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 1u);
  EXPECT_EQ((*book)[0].counterpart, "1310000001");
  EXPECT_EQ((*book)[0].handled_by, "staff1");
  EXPECT_EQ((*book)[0].medium, "online");

  // No name, reading, birth date or address in clear anywhere in the store or its WAL.
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    std::string bytes = FileBytes(dir_ / "reg" / f);
    for (std::string_view secret : {"試験", "花子", "シケン", "19500102", "千代田区"}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in " << f;
    }
  }
}

// A file is read as UTF-8 without a first pass over it; one that stops being UTF-8 after its
// first piece (64 KiB) is read again from the start as what it is, its first reading undone.
TEST_F(RegistryTest, AFileThatIsNotUtf8AfterAllIsReadAgainWithNothingCountedTwice) {
  auto head = Login("head1", kHeadPw);
  std::string ids;  // a header of item ids: ASCII, the same in UTF-8 and CP932
  for (const auto& d : model::Items()) ids += (ids.empty() ? "" : ",") + std::string(d.id);
  std::string ascii = ids + "\r\n";
  for (int i = 0; ascii.size() < 80 * 1024; ++i) {  // held back: the names are not Japanese
    ascii += fmt::format(
        "B{:04},SHIKEN TARO,SHIKEN TARO,1,19500102,13,CHIYODA {},7,C18.7,814032,"
        "1,2,1,20250310,8,410,410,1,2,2,1,2,2,2,2,,\r\n",
        i, i);
  }
  const int64_t held = std::count(ascii.begin(), ascii.end(), '\n') - 1;
  std::string japanese;
  for (int i = 1; i <= 3; ++i) japanese += ValidRow(i) + "\r\n";
  auto cp932 = text::Utf8ToCp932(japanese);
  ASSERT_TRUE(cp932.ok()) << cp932.status().ToString();
  std::filesystem::path p = dir_ / "late.csv";
  std::ofstream(p, std::ios::binary) << ascii << *cp932;

  auto r = head->Intake({p, "1310000001", "online", std::nullopt, ""});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->rejected) << r->reason;
  EXPECT_EQ(r->encoding, "cp932");
  EXPECT_EQ(r->rows_read, held + 3);
  EXPECT_EQ(r->rows_accepted, 3);
  EXPECT_EQ(r->rows_held, held);
  auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->CountNotifications().value(), 3);
  EXPECT_EQ((*db)->CountHeldRows().value(), held);

  // Neither UTF-8 nor CP932 after the first piece: refused with the answer of the pass that
  // settles the encoding first, and nothing of the first reading is left.
  std::filesystem::path bad = dir_ / "bad.csv";
  std::ofstream(bad, std::ios::binary) << ascii << "\xFF\xFF\r\n";
  auto checked = validate::NotificationReader::Open(bad, "bad.csv", std::nullopt, 20261125);
  ASSERT_FALSE(checked.ok());
  auto refused = head->Intake({bad, "1310000001", "online", std::nullopt, ""});
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_TRUE(refused->rejected);
  EXPECT_EQ(refused->reason, checked.status().message());
  EXPECT_EQ(refused->rows_read, 0);
  EXPECT_EQ((*db)->CountNotifications().value(), 3);
  EXPECT_EQ((*db)->CountHeldRows().value(), held);
}

TEST_F(RegistryTest, TheSameFileTwiceAddsNothing) {
  auto head = Login("head1", kHeadPw);
  auto csv = WriteCsv("h1.csv", {ValidRow(1)});
  ASSERT_TRUE(head->Intake({csv, "1310000001", "online", std::nullopt, ""}).ok());
  auto again = head->Intake({csv, "1310000001", "usb", std::nullopt, ""});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(head->ListNotifications(100, 0)->size(), 1u);
  EXPECT_EQ(head->HandoverBook()->size(), 1u);
  // One kept original, no temporary left behind by the second attempt.
  std::vector<std::string> kept;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "reg" / "originals")) {
    kept.push_back(e.path().filename().string());
  }
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].find("incoming"), std::string::npos);
}

TEST_F(RegistryTest, AFileOfAnotherLayoutIsRejectedKeptAndRecorded) {
  auto head = Login("head1", kHeadPw);
  std::filesystem::path p = dir_ / "other.csv";
  std::ofstream(p) << "id,name,dob\n1,x,y\n";
  auto r = head->Intake({p, "1310000001", "cd-r", std::nullopt, ""});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->rejected);
  EXPECT_FALSE(r->reason.empty());
  EXPECT_EQ(head->HandoverBook()->size(), 1u);
  int originals = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "reg" / "originals")) {
    (void)e;
    ++originals;
  }
  EXPECT_EQ(originals, 1);
  bool recorded = false;
  for (const auto& e : Events()) {
    if (e.action == "intake.file") {
      EXPECT_EQ(e.outcome, audit::Outcome::kRejected);
      recorded = true;
    }
  }
  EXPECT_TRUE(recorded);
}

TEST_F(RegistryTest, LoginsAndLogoutsAreAuditEvents) {
  const size_t before = Events().size();
  auto head = Login("head1", kHeadPw);
  ASSERT_NE(head, nullptr);
  auto events = Events();
  ASSERT_EQ(events.size(), before + 1) << "one event for the login";
  EXPECT_EQ(events.back().action, "session.login");
  EXPECT_EQ(events.back().actor, "head1");
  EXPECT_EQ(events.back().object, "user:head1");
  EXPECT_EQ(events.back().outcome, audit::Outcome::kDone);
  ASSERT_TRUE(head->Logout("").ok());
  events = Events();
  ASSERT_EQ(events.size(), before + 2);
  EXPECT_EQ(events.back().action, "session.logout");
  EXPECT_EQ(events.back().actor, "head1");
  EXPECT_EQ(events.back().outcome, audit::Outcome::kDone);
  // Inside a group commit the logout is a part of the group's transaction.
  auto again = Login("head1", kHeadPw);
  ASSERT_TRUE(registry_->RunGrouped([&] { ASSERT_TRUE(again->Logout("expired").ok()); }).ok());
  events = Events();
  EXPECT_EQ(events.back().action, "session.logout");
  EXPECT_EQ(events.back().detail, "expired");
}

TEST_F(RegistryTest, WithoutTheIdentityGrantTheIdentityIsDeniedAndAudited) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Grant("staff1", "notification-clinical").ok());
  auto csv = WriteCsv("h1.csv", {ValidRow(1)});
  ASSERT_TRUE(head->Intake({csv, "1310000001", "online", std::nullopt, ""}).ok());
  auto staff = Login("staff1", kStaffPw);
  auto list = staff->ListNotifications(10, 0);
  ASSERT_TRUE(list.ok());
  int64_t key_no = (*list)[0].key_no;
  EXPECT_TRUE(staff->ShowNotification(key_no, false).ok());
  auto denied = staff->ShowNotification(key_no, true);
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  const auto events = Events();
  const auto& last = events.back();
  EXPECT_EQ(last.action, "notification.show-identity");
  EXPECT_EQ(last.outcome, audit::Outcome::kDenied);
  EXPECT_EQ(last.object, fmt::format("key:{}", key_no));
  // With the grant, the same request shows the identity.
  ASSERT_TRUE(head->Grant("staff1", "notification-identity").ok());
  auto staff2 = Login("staff1", kStaffPw);
  auto shown = staff2->ShowNotification(key_no, true);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->row[model::Item::kName], "試験　太郎");
}

// An attacker holding the database file and staff1's password, bypassing ganreg's checks.
TEST_F(RegistryTest, WithTheDatabaseAndPasswordTheIdentityStillCannotBeDecrypted) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Grant("staff1", "notification-clinical").ok());
  auto csv = WriteCsv("h1.csv", {ValidRow(1)});
  ASSERT_TRUE(head->Intake({csv, "1310000001", "online", std::nullopt, ""}).ok());
  head.reset();
  registry_.reset();

  auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
  ASSERT_TRUE(db.ok());
  auto staff = (*db)->FindUser("staff1");
  ASSERT_TRUE(staff.ok());
  auto sk = internal::OpenUserSecret(*staff, kStaffPw, crypto::KdfProfile::Minimum());
  ASSERT_TRUE(sk.ok());
  auto slots = (*db)->KeySlotsOf(staff->id);
  ASSERT_TRUE(slots.ok());
  auto batch = (*db)->FindBatchKey(1, "notification-identity");
  ASSERT_TRUE(batch.ok());
  auto id_cat = (*db)->CurrentCategoryKey("notification-identity");
  for (const auto& slot : *slots) {
    EXPECT_NE(slot.category, "notification-identity");
    auto category_key = crypto::OpenSealed(staff->public_key, *sk, slot.sealed_key);
    ASSERT_TRUE(category_key.ok());
    // No key the staff member holds opens the identity batch key.
    EXPECT_FALSE(crypto::OpenSealed(id_cat->public_key, *category_key, batch->sealed_key).ok());
  }
  EXPECT_FALSE(crypto::OpenSealed(staff->public_key, *sk, batch->sealed_key).ok());
}

TEST_F(RegistryTest, DisablingALeaverDestroysTheirKeySlots) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Grant("staff1", "notification-identity").ok());
  ASSERT_TRUE(head->DisableUser("staff1").ok());
  EXPECT_EQ(registry_->Login("staff1", kStaffPw).status().code(), StatusCode::kUnauthenticated);
  auto users = head->ListUsers();
  for (const auto& u : *users) {
    if (u.name == "staff1") {
      EXPECT_TRUE(u.disabled);
      EXPECT_TRUE(u.categories.empty());
    }
  }
}

TEST_F(RegistryTest, RevokingAGrantTakesTheKeyAway) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  ASSERT_TRUE(head->Grant("staff1", "notification-clinical").ok());
  ASSERT_TRUE(head->Intake({WriteCsv("h1.csv", {ValidRow(1)}), "1310000001", "online",
                            std::nullopt, ""}).ok());
  EXPECT_TRUE(Login("staff1", kStaffPw)->ListNotifications(10, 0).ok());
  ASSERT_TRUE(head->Revoke("staff1", "notification-clinical").ok());
  EXPECT_EQ(Login("staff1", kStaffPw)->ListNotifications(10, 0).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(RegistryTest, OnlyCustodiansGrantAndRefusalsAreAudited) {
  MakeStaff();
  auto staff = Login("staff1", kStaffPw);
  EXPECT_EQ(staff->Grant("staff1", "notification-identity").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Events().back().action, "user.grant");
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDenied);
}

TEST_F(RegistryTest, TheTrailVerifiesAfterWorkAndEventsCarryNoNames) {
  MakeStaff();
  auto head = Login("head1", kHeadPw);
  auto csv = WriteCsv("h1.csv", {ValidRow(1)});
  ASSERT_TRUE(head->Intake({csv, "1310000001", "online", std::nullopt, ""}).ok());
  auto list = head->ListNotifications(10, 0);
  ASSERT_TRUE(head->ShowNotification((*list)[0].key_no, true).ok());
  ASSERT_TRUE(head->ExportCheckpoint(dir_ / "cp.txt").ok());
  auto v = head->VerifyAudit({dir_ / "cp.txt"});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
  EXPECT_GE(v->checkpoints, 2);
  for (const auto& e : Events()) {
    EXPECT_EQ(e.detail.find("試験"), std::string::npos);
    EXPECT_EQ(e.object.find("試験"), std::string::npos);
  }
}

}  // namespace
}  // namespace ganreg::app
