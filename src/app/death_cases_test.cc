// Deaths through the one door (issue #5, S-ACQ-2 イ): intake of death information forms (parts
// sealed like a notification's, faulty rows held back, duplicates, the hand-over book), linking a
// death to at most one person, the death date in the tumour record, the DCN follow-back per
// hospital and its answers (notified, DCO), the review queue, and the grants enforced by the
// keys. Invented people only.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "app/registry.h"
#include "app/testing/training.h"
#include "crypto/secret_bytes.h"
#include "store/database.h"

namespace ganreg::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC)
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kHospital[] = "1310000001";
constexpr char kOtherHospital[] = "1310000002";
constexpr char kChiyoda[] = "131016";  // 千代田区: 全国地方公共団体コード with its check digit

std::string NotificationHeader() {
  std::string h;
  for (const auto& d : model::Items()) {
    if (!h.empty()) h += ',';
    h += d.label;
  }
  return h;
}
constexpr char kDeathHeader[] =
    "カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,"
    "死亡したところの種別,死亡した施設";

struct Person {
  std::string kana, name, sex, birth, address;
};
const Person kSato{"サトウ　タロウ", "佐藤　太郎", "1", "19500312", "八王子市元本郷町三丁目24番1号"};
const Person kSuzuki{"スズキ　ハナコ", "鈴木　花子", "2", "19421105", "町田市森野二丁目2番22号"};
// Never notified: dies of cancer (DCN) or of a heart attack (nothing to follow back).
const Person kTanaka{"タナカ　ジロウ", "田中　次郎", "1", "19380220", "練馬区豊玉北六丁目12番1号"};
const Person kIto{"イトウ　サブロウ", "伊藤　三郎", "1", "19410101", "府中市宮西町二丁目24番"};
const Person kKato{"カトウ　ミチコ", "加藤　美智子", "2", "19450808", "調布市小島町一丁目1番1号"};

std::string NotificationRow(const std::string& record_no, const Person& p, std::string site,
                            std::string morphology, std::string date) {
  return fmt::format("{},{},{},{},{},13,{},7,{},{},1,2,1,{},8,410,410,1,2,2,1,2,2,2,2,,",
                     record_no, p.kana, p.name, p.sex, p.birth, p.address, site, morphology,
                     date);
}

std::string DeathRow(const Person& p, const std::string& died, const std::string& cause,
                     const std::string& kind, const std::string& institution,
                     bool with_kana = true) {
  return fmt::format("{},{},{},{},13,{},{},{},{},{}", with_kana ? p.kana : "", p.name, p.sex,
                     p.birth, p.address, died, cause, kind, institution);
}

class DeathCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_deaths_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    auto r = InitRegistry(req, clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto reg = Registry::Open(dir_ / "reg", clock_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(reg).value();
    auto s = registry_->Login("head1", kHeadPw);
    ASSERT_TRUE(s.ok());
    head_ = std::move(s).value();
  }
  void TearDown() override {
    head_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path Write(const std::string& name, const std::string& header,
                              const std::vector<std::string>& rows) {
    std::filesystem::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    out << header << "\r\n";
    for (const auto& r : rows) out << r << "\r\n";
    return p;
  }
  void TakeInNotifications(const std::string& name, const std::string& hospital,
                           const std::vector<std::string>& rows) {
    auto r = head_->Intake({Write(name, NotificationHeader(), rows), hospital, "online",
                            std::nullopt, ""});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows_held, 0) << (r->issues.empty() ? "" : r->issues[0]);
  }
  IntakeResult TakeInDeaths(const std::string& name, const std::vector<std::string>& rows) {
    auto r = head_->IntakeDeaths({Write(name, kDeathHeader, rows), kChiyoda, "online",
                                  std::nullopt, ""});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IntakeResult{};
  }
  std::unique_ptr<Session> Staff(const std::vector<std::string>& grants) {
    EXPECT_TRUE(head_->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", true}).ok());
    auto lead = registry_->Login("lead1", kLeadPw);
    EXPECT_TRUE((*lead)->ChangePassword(kLeadPw, "Lx8%hQz3@wNe").ok());
    EXPECT_TRUE((*lead)
                    ->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false})
                    .ok());
    EXPECT_TRUE(test_support::RecordPassedTraining(*head_, kNow, {"staff1"}).ok());
    for (const auto& g : grants) EXPECT_TRUE(head_->Grant("staff1", g).ok());
    auto staff = registry_->Login("staff1", kStaffInitialPw);
    EXPECT_TRUE((*staff)->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    auto again = registry_->Login("staff1", kStaffPw);
    return std::move(again).value();
  }
  std::map<int64_t, DeathSummary> Deaths() {
    std::map<int64_t, DeathSummary> out;
    auto list = head_->ListDeaths(1000, 0);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    for (const auto& d : *list) out[d.death_id] = d;
    return out;
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_;
};

// S-ACQ-2 イ: identity part under notification-identity, the rest under notification-clinical;
// faulty rows held back with FILE:LINE: ITEM: REASON and no identity value; a duplicate adds
// nothing; every receipt in the hand-over book (S-ACQ-5).
TEST_F(DeathCasesTest, IntakeSealsPartsHoldsFaultyRowsAndRecordsTheReceipt) {
  const IntakeResult r = TakeInDeaths(
      "deaths-2026-10.csv",
      {DeathRow(kTanaka, "20261001", "C34.1", "1", kHospital),
       DeathRow(kIto, "20261002", "I21.9", "6", "", false),
       DeathRow(kKato, "20261003", "肺がん", "1", kHospital),
       DeathRow(kSuzuki, "19300101", "C50.9", "1", kHospital)});
  EXPECT_EQ(r.rows_read, 4);
  EXPECT_EQ(r.rows_accepted, 2);
  EXPECT_EQ(r.rows_held, 2);
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0],
            "deaths-2026-10.csv:4: underlying_cause: '肺がん' is not an ICD-10 code (e.g. C18.7, "
            "C187, I21.9)");
  EXPECT_EQ(r.issues[1], "deaths-2026-10.csv:5: D1 birth_date/death_date: the death date is "
                         "before the birth date");
  for (const auto& i : r.issues) {
    EXPECT_THAT(i, testing::Not(HasSubstr("加藤")));
    EXPECT_THAT(i, testing::Not(HasSubstr("19421105")));
  }
  // The same bytes again: nothing added.
  auto again = head_->IntakeDeaths({dir_ / "deaths-2026-10.csv", kChiyoda, "online",
                                    std::nullopt, "again.csv"});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(Deaths().size(), 2u);
  // The hand-over book names the municipality and the kind of form.
  auto book = head_->HandoverBook();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 1u);
  EXPECT_EQ(book->back().counterpart, kChiyoda);
  EXPECT_THAT(book->back().summary, HasSubstr("死亡者情報票"));
  // No name in clear anywhere in the store file.
  head_.reset();
  registry_.reset();
  std::ifstream db(dir_ / "reg" / "registry.db", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("田中"), std::string::npos);
  EXPECT_EQ(bytes.find("C34.1"), std::string::npos);
}

TEST_F(DeathCasesTest, IntakeRefusesAnUnknownSenderAndAnotherLayout) {
  auto bad = head_->IntakeDeaths({Write("d.csv", kDeathHeader, {}), "131017", "online",
                                  std::nullopt, ""});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);  // check digit wrong
  auto notification = head_->IntakeDeaths(
      {Write("n.csv", NotificationHeader(), {}), "ncc", "online", std::nullopt, ""});
  ASSERT_TRUE(notification.ok());
  EXPECT_TRUE(notification->rejected);
}

// The linkage model links a death to its person; the tumour takes the death date from the form;
// a cancer death with no notification becomes a DCN follow-back case at the hospital of death;
// a non-cancer death with no notification is nothing to follow back.
TEST_F(DeathCasesTest, LinkGivesTumoursTheDeathDateAndListsDcnPerHospital) {
  TakeInNotifications("h1.csv", kHospital,
                      {NotificationRow("A1", kSato, "C18.7", "814032", "20250310"),
                       NotificationRow("A2", kSuzuki, "C50.9", "850032", "20240601")});
  TakeInDeaths("deaths.csv",
               {DeathRow(kSato, "20261010", "C18.7", "1", kHospital, false),  // no reading
                DeathRow(kTanaka, "20261011", "C34.1", "1", kOtherHospital),
                DeathRow(kIto, "20261012", "I21.9", "6", ""),
                DeathRow(kKato, "20261013", "C25.0", "6", "")});
  auto link = head_->Link(false);
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  EXPECT_EQ(link->deaths.deaths, 4);
  EXPECT_EQ(link->deaths.linked, 1);
  EXPECT_EQ(link->deaths.dcn_new, 2);  // 田中 (hospital) and 加藤 (at home)
  EXPECT_EQ(link->deaths.followback_open, 2);

  auto deaths = Deaths();
  ASSERT_EQ(deaths.size(), 4u);
  EXPECT_NE(deaths[1].person_id, 0);
  EXPECT_EQ(deaths[1].link_method, "auto");
  EXPECT_EQ(deaths[2].case_status, "followback");
  EXPECT_EQ(deaths[3].case_status, "");  // not a cancer death
  EXPECT_EQ(deaths[4].case_status, "followback");

  // 佐藤's tumour: death date from the death form (source: the form).
  auto tumours = head_->ListTumours(deaths[1].person_id, 10, 0);
  ASSERT_TRUE(tumours.ok());
  ASSERT_EQ(tumours->size(), 1u);
  auto view = head_->ShowTumour(tumours->front().tumour_id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->death_id, 1);
  EXPECT_EQ(view->death_case, "");  // notified before death: not a DCN case
  for (const auto& item : view->items) {
    if (item.id != "death_date") continue;
    EXPECT_EQ(item.value, "20261010");
    EXPECT_THAT(item.source_hospital, HasSubstr("death form 1"));
  }

  // The follow-back list, per hospital: the hospital of death; none to ask for a death at home.
  auto list = head_->FollowbackList(kOtherHospital, "followback");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().death_id, 2);
  EXPECT_EQ(list->front().cause, "C34.1");
  auto all = head_->FollowbackList("", "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().hospital, "");  // sorted by hospital: none first

  // The export for the hospital holds what it needs to find its patient.
  auto n = head_->FollowbackExport({kOtherHospital, dir_ / "fb.csv", "csv"});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  std::ifstream in(dir_ / "fb.csv");
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(csv, HasSubstr("2,タナカ　ジロウ,田中　次郎,1,19380220,13,"));
  EXPECT_EQ(std::filesystem::status(dir_ / "fb.csv").permissions() &
                (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  // Never over an existing file; no list for a hospital without cases.
  EXPECT_EQ(head_->FollowbackExport({kOtherHospital, dir_ / "fb.csv", "csv"}).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(head_->FollowbackExport({kHospital, dir_ / "none.csv", "csv"}).status().code(),
            StatusCode::kNotFound);

  // For a browser's download: the same list in memory, no file anywhere, audited as such.
  crypto::SecretBytes list_bytes;
  app::FollowbackExportRequest download{kOtherHospital, "", "text", &list_bytes};
  auto m = head_->FollowbackExport(download);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(*m, 1);
  EXPECT_THAT(std::string(list_bytes.view()), HasSubstr("田中　次郎（タナカ　ジロウ）"));
  auto events = head_->ListAuditEvents(0, 1);
  ASSERT_TRUE(events.ok() && !events->empty());
  EXPECT_EQ(events->front().action, "followback.export");
  EXPECT_THAT(events->front().detail, HasSubstr("to=download"));
  EXPECT_THAT(events->front().detail, Not(HasSubstr("田中")));
}

// The same death in two files (the municipality's forms, then the national system's): the later
// form is found as a repeat of the earlier (the model links them, the death date is the same)
// and opens no second follow-back case; another cancer death in the second file does.
TEST_F(DeathCasesTest, RepeatedDeathFormsAcrossFilesOpenOneFollowbackCase) {
  TakeInNotifications("h1.csv", kHospital,
                      {NotificationRow("A1", kSato, "C18.7", "814032", "20250310")});
  TakeInDeaths("deaths-1.csv", {DeathRow(kTanaka, "20261011", "C34.1", "1", kOtherHospital),
                                DeathRow(kKato, "20261013", "C25.0", "6", "")});
  TakeInDeaths("deaths-2.csv",
               {DeathRow(kTanaka, "20261011", "C34.1", "1", kOtherHospital, false),
                DeathRow(kIto, "20261020", "C16.9", "1", kOtherHospital)});
  auto link = head_->Link(false);
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  EXPECT_EQ(link->deaths.deaths, 4);
  EXPECT_EQ(link->deaths.duplicates, 1);
  EXPECT_EQ(link->deaths.dcn_new, 3);  // 田中 once, 加藤, 伊藤
  auto list = head_->FollowbackList(kOtherHospital, "followback");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().death_id, 1);  // the first form keeps the case
  EXPECT_EQ(list->back().death_id, 4);
  auto deaths = Deaths();
  EXPECT_EQ(deaths[3].case_status, "");
  // Linking again finds the same: nothing new.
  auto again = head_->Link(false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->deaths.dcn_new, 0);
  EXPECT_EQ(again->deaths.duplicates, 1);
}

// Answers: a hospital's notification, once taken in and linked, turns the DCN case into a
// notified case (by the link itself); "no record" makes it DCO. A notified DCN is shown on the
// tumour.
TEST_F(DeathCasesTest, FollowbackAnswersMakeNotifiedAndDcoCases) {
  TakeInNotifications("h1.csv", kHospital,
                      {NotificationRow("A1", kSato, "C18.7", "814032", "20250310")});
  TakeInDeaths("deaths.csv", {DeathRow(kTanaka, "20261011", "C34.1", "1", kOtherHospital),
                              DeathRow(kKato, "20261013", "C25.0", "1", kOtherHospital)});
  ASSERT_TRUE(head_->Link(false).ok());
  // "notified" before the notification is linked: refused with what to do.
  Status early = head_->FollowbackAnswer(1, "notified", "");
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.message(), HasSubstr("ganreg link"));
  // The hospital answers with a notification (遡り調査票) for 田中.
  TakeInNotifications("fb-answer.csv", kOtherHospital,
                      {NotificationRow("B7", kTanaka, "C34.1", "814033", "20260801")});
  auto link = head_->Link(false);
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  EXPECT_EQ(link->deaths.notified, 1);
  EXPECT_EQ(link->deaths.followback_open, 1);
  // 加藤: no record at the hospital → death certificate only.
  ASSERT_TRUE(head_->FollowbackAnswer(2, "dco", "カルテなし").ok());
  EXPECT_EQ(head_->FollowbackAnswer(2, "dco", "").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(head_->FollowbackAnswer(99, "dco", "").code(), StatusCode::kNotFound);
  auto deaths = Deaths();
  EXPECT_EQ(deaths[1].case_status, "notified");
  EXPECT_EQ(deaths[2].case_status, "dco");
  auto dco = head_->FollowbackList("", "dco");
  ASSERT_TRUE(dco.ok());
  ASSERT_EQ(dco->size(), 1u);
  EXPECT_EQ(dco->front().closed_by, "head1");
  // 田中's tumour is a DCN case with the death date from the form.
  auto tumours = head_->ListTumours(deaths[1].person_id, 10, 0);
  ASSERT_TRUE(tumours.ok());
  ASSERT_EQ(tumours->size(), 1u);
  auto view = head_->ShowTumour(tumours->front().tumour_id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->death_case, "dcn");
  EXPECT_EQ(view->death_id, 1);
}

// A death whose identity is only close to a person's goes to the death review queue and is not
// a DCN case while it waits; "same" links it (a death links to one person at most), undo
// unlinks, "different" is remembered.
TEST_F(DeathCasesTest, ReviewQueueLinksOnSameAndRemembersDifferent) {
  TakeInNotifications("h1.csv", kHospital,
                      {NotificationRow("A1", kSato, "C18.7", "814032", "20250310")});
  // Same family name, birth date and address, another given name (in kanji and reading): as
  // twins are, a review and never an automatic link.
  Person near = kSato;
  near.kana = "サトウ　イチロウ";
  near.name = "佐藤　一郎";
  TakeInDeaths("deaths.csv", {DeathRow(near, "20261010", "C18.7", "1", kHospital)});
  auto link = head_->Link(false);
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  ASSERT_EQ(link->deaths.review_new, 1) << "linked=" << link->deaths.linked;
  EXPECT_EQ(link->deaths.dcn_new, 0);  // waiting for review, not followed back yet
  auto next = head_->DeathReviewNext(false);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_TRUE(next->has_value());
  const DeathReviewItem item = **next;
  EXPECT_EQ(item.death_id, 1);
  EXPECT_THAT(item.differing, testing::Contains("name"));
  EXPECT_THAT(item.differing, testing::Not(testing::Contains("address")));
  EXPECT_FALSE(item.contributions.empty());
  auto blind = head_->DeathReviewNext(true);
  ASSERT_TRUE(blind.ok());
  EXPECT_TRUE((*blind)->contributions.empty());

  ASSERT_TRUE(head_->DeathReviewDecide(item.pair_id, true, "同一人物").ok());
  EXPECT_EQ(head_->DeathReviewDecide(item.pair_id, true, "").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Deaths()[1].person_id, item.person_id);
  EXPECT_EQ(Deaths()[1].link_method, "review");
  // A later link keeps the reviewer's decision.
  ASSERT_TRUE(head_->Link(false).ok());
  EXPECT_EQ(Deaths()[1].person_id, item.person_id);

  ASSERT_TRUE(head_->DeathReviewUndo(item.pair_id).ok());
  EXPECT_EQ(Deaths()[1].person_id, 0);
  // Asked again at the next link; "different" then keeps them apart, and the death, a cancer
  // death with no person, is followed back.
  ASSERT_TRUE(head_->Link(false).ok());
  ASSERT_TRUE(head_->DeathReviewDecide(item.pair_id, false, "別人").ok());
  auto after = head_->Link(false);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Deaths()[1].person_id, 0);
  EXPECT_EQ(after->deaths.dcn_new, 1);
  EXPECT_EQ(Deaths()[1].case_status, "followback");
}

// S-ROLE-3: the keys enforce the grants. Without the clinical grant no death's date or cause is
// read; without the identity grant linking and the export are refused (audited).
TEST_F(DeathCasesTest, GrantsAreEnforcedByTheKeys) {
  TakeInDeaths("deaths.csv", {DeathRow(kTanaka, "20261011", "C34.1", "1", kOtherHospital)});
  auto staff = Staff({"notification-clinical"});
  ASSERT_NE(staff, nullptr);
  // Taking a file in needs no grant; reading dates and causes needs the clinical one.
  auto list = staff->ListDeaths(10, 0);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->size(), 1u);
  EXPECT_EQ(staff->Link(false).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(staff->DeathReviewNext(false).status().code(), StatusCode::kPermissionDenied);
  // Task staff do not export lists of names (S-ROLE-1: the task lead decides what is sent).
  EXPECT_EQ(staff->FollowbackExport({kOtherHospital, dir_ / "x.csv", "csv"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.csv"));
}

}  // namespace
}  // namespace ganreg::app
