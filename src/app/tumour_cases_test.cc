// Tumours through the one door (issue #5): consolidation after linking, stable tumour ids, the
// records encrypted under the clinical category, the quality checks and their review, and the
// grants enforced by the keys. Invented people only.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <random>

#include "app/registry.h"
#include "app/testing/training.h"
#include "audit/event.h"
#include "store/database.h"

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

struct Person {
  std::string kana, name, sex, birth, address;
};
struct Tumour {
  std::string site, morphology, basis, date, chemotherapy = "2";
};

// A row valid under every rule: operated here, no residual tumour.
std::string Row(const std::string& record_no, const Person& p, const Tumour& t) {
  return fmt::format("{},{},{},{},{},13,{},7,{},{},1,2,{},{},8,410,410,1,2,2,1,2,{},2,2,,",
                     record_no, p.kana, p.name, p.sex, p.birth, p.address, t.site, t.morphology,
                     t.basis, t.date, t.chemotherapy);
}

const Person kTakahashiA{"タカハシ　イチロウ", "髙橋　一郎", "1", "19480715",
                         "新宿区西新宿二丁目8番1号"};
const Person kTakahashiB{"タカハシ　イチロウ", "高橋　一郎", "1", "19480715", "新宿区西新宿2-8-1"};
const Person kSato{"サトウ　タロウ", "佐藤　太郎", "1", "19500312", "八王子市元本郷町三丁目24番1号"};
// A man with a cervix code: valid at intake, caught by the sex/site check.
const Person kKobayashi{"コバヤシ　マコト", "小林　誠", "1", "19700101", "町田市森野二丁目2番22号"};
const Person kTwinA{"ヤマグチ　ケンジ", "山口　健二", "1", "19620403", "練馬区豊玉北六丁目12番1号"};
const Person kTwinB{"ヤマグチ　コウジ", "山口　浩二", "1", "19620403", "練馬区豊玉北六丁目12番1号"};

const Tumour kColonHistology{"C18.7", "814032", "1", "20250310"};
const Tumour kColonClinical{"C18.9", "800039", "5", "20250301"};
const Tumour kStomach{"C16.2", "821132", "1", "20250601"};

class TumourCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_tumour_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    auto r = InitRegistry(req, clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto reg = Registry::Open(dir_ / "reg", clock_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(reg).value();
    head_ = Login("head1", kHeadPw);
  }
  void TearDown() override {
    head_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Session> Login(std::string_view user, std::string_view pw) {
    auto s = registry_->Login(user, pw);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  std::unique_ptr<Session> ClinicalOnlyStaff() {
    EXPECT_TRUE(head_->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", true}).ok());
    auto lead = Login("lead1", kLeadPw);
    EXPECT_TRUE(lead->ChangePassword(kLeadPw, "Lx8%hQz3@wNe").ok());
    EXPECT_TRUE(
        lead->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false}).ok());
    // S-HUM-1: a grant follows a passed training test.
    EXPECT_TRUE(test_support::RecordPassedTraining(*head_, kNow, {"staff1"}).ok());
    EXPECT_TRUE(head_->Grant("staff1", "notification-clinical").ok());
    auto staff = Login("staff1", kStaffInitialPw);
    EXPECT_TRUE(staff->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    return Login("staff1", kStaffPw);
  }
  void TakeIn(const std::string& name, const std::string& hospital,
              const std::vector<std::string>& rows) {
    std::filesystem::path p = dir_ / name;
    {
      std::ofstream out(p, std::ios::binary);
      out << Header() << "\r\n";
      for (const auto& r : rows) out << r << "\r\n";
    }
    auto r = head_->Intake({p, hospital, "online", std::nullopt, ""});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows_held, 0) << (r->issues.empty() ? "" : r->issues[0]);
  }
  // Tumour id and record of each notification, by its 診療録番号.
  std::map<std::string, TumourView> TumoursByRecordNo() {
    std::map<std::string, TumourView> out;
    auto list = head_->ListTumours(0, 1000, 0);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    for (const auto& t : *list) {
      auto v = head_->ShowTumour(t.tumour_id);
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      for (int64_t key : v->notifications) {
        auto n = head_->ShowNotification(key, true);
        EXPECT_TRUE(n.ok());
        out[n->row[model::Item::kMedicalRecordNo]] = *v;
      }
    }
    return out;
  }
  static const TumourItemView& Item(const TumourView& v, std::string_view id) {
    for (const auto& i : v.items) {
      if (i.id == id) return i;
    }
    ADD_FAILURE() << "no item " << id;
    static TumourItemView none;
    return none;
  }
  std::vector<audit::Event> Events() {
    auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
    std::vector<audit::Event> out;
    EXPECT_TRUE((*db)
                    ->ScanAudit([&](int64_t, std::string_view body, std::string_view) {
                      out.push_back(audit::DecodeEvent(body).value());
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_;
};

TEST_F(TumourCasesTest, LinkConsolidatesNotificationsIntoTumoursWithSources) {
  TakeIn("h1.csv", "1310000001",
         {Row("A0001", kTakahashiA, kColonHistology), Row("A0002", kSato, kStomach),
          Row("A0003", kKobayashi, {"C53.9", "807032", "1", "20250205"})});
  TakeIn("h2.csv", "1310000002",
         {Row("B0001", kTakahashiB, kColonClinical), Row("B0002", kTakahashiB, kStomach)});
  auto link = head_->Link();
  ASSERT_TRUE(link.ok()) << link.status().ToString();
  EXPECT_EQ(link->persons, 3);
  // 高橋: colon (two hospitals, one tumour) and a second primary in the stomach; 佐藤; 小林.
  EXPECT_EQ(link->tumours.tumours, 4);
  EXPECT_EQ(link->tumours.new_tumours, 4);
  EXPECT_EQ(link->tumours.open_flags, 1);

  auto by = TumoursByRecordNo();
  ASSERT_EQ(by.size(), 5u);
  EXPECT_EQ(by["A0001"].tumour_id, by["B0001"].tumour_id);
  EXPECT_NE(by["A0001"].tumour_id, by["B0002"].tumour_id);
  EXPECT_EQ(by["A0001"].person_id, by["B0002"].person_id);
  const TumourView& colon = by["A0001"];
  EXPECT_EQ(colon.notifications.size(), 2u);
  // The earliest date (h2's clinical diagnosis), the most specific site and morphology and the
  // most valid basis (h1's histology), each with the hospital it came from.
  EXPECT_EQ(Item(colon, "diagnosis_date").value, "20250301");
  EXPECT_EQ(Item(colon, "diagnosis_date").source_hospital, "1310000002");
  EXPECT_EQ(Item(colon, "first_hospital").value, "1310000002");
  EXPECT_EQ(Item(colon, "primary_site").value, "C18.7");
  EXPECT_EQ(Item(colon, "primary_site").source_hospital, "1310000001");
  EXPECT_EQ(colon.morphology, "814032");
  EXPECT_EQ(Item(colon, "basis_of_diagnosis").value, "1");
  EXPECT_EQ(Item(colon, "age_at_diagnosis").value, "76");
  EXPECT_EQ(Item(colon, "sex").value, "1");
  EXPECT_TRUE(colon.flags.empty());

  // 小林: a man with a cervix code is flagged (sex/site), with the values in the message.
  const TumourView& flagged = by["A0003"];
  ASSERT_EQ(flagged.flags.size(), 1u);
  EXPECT_EQ(flagged.flags[0].check_id, "sex-site");
  EXPECT_EQ(flagged.flags[0].severity, "error");
  EXPECT_NE(flagged.flags[0].message.find("C53.9"), std::string::npos);

  // Tumour records hold no identity and are encrypted: no site code, name or birth date in clear.
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    std::ifstream in(dir_ / "reg" / f, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    for (std::string_view secret : {"C18.7", "C53.9", "814032", "19480715", "橋"}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in " << f;
    }
  }
  // The link's audit event counts tumours too.
  bool found = false;
  for (const auto& e : Events()) {
    if (e.action == "link.run" && e.detail.find("tumours=4") != std::string::npos) found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(TumourCasesTest, TumourIdsAreStableAndOnlyChangedPersonsAreRebuilt) {
  TakeIn("h1.csv", "1310000001",
         {Row("A0001", kTakahashiA, kColonHistology), Row("A0002", kSato, kStomach)});
  ASSERT_TRUE(head_->Link().ok());
  auto first = TumoursByRecordNo();

  auto again = head_->Link();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->incremental);
  EXPECT_EQ(again->compared_pairs, 0);
  auto full = head_->Link(true);
  ASSERT_TRUE(full.ok());
  EXPECT_FALSE(full->incremental);
  EXPECT_EQ(full->relinked, 0);
  EXPECT_EQ(again->tumours.persons, 0);  // nothing changed: nothing decrypted, nothing rebuilt
  EXPECT_EQ(again->tumours.changed, 0);
  auto all = head_->Consolidate(true);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->persons, 2);
  EXPECT_EQ(all->changed, 0);  // rebuilt, found equal, left as they were

  // A later notification of 佐藤's stomach cancer (chemotherapy at another hospital): the same
  // tumour id, its record updated; only 佐藤 is rebuilt.
  TakeIn("h3.csv", "1310000003",
         {Row("C0001", kSato, {"C16.9", "814039", "3", "20250710", "1"})});
  auto link = head_->Link();
  ASSERT_TRUE(link.ok());
  EXPECT_TRUE(link->incremental);  // only the new notification's pairs were compared
  EXPECT_EQ(link->new_notifications, 1);
  EXPECT_EQ(link->tumours.persons, 1);
  EXPECT_EQ(link->tumours.notifications, 2);
  EXPECT_EQ(link->tumours.new_tumours, 0);
  EXPECT_EQ(link->tumours.changed, 1);
  auto after = TumoursByRecordNo();
  EXPECT_EQ(after["A0001"].tumour_id, first["A0001"].tumour_id);
  EXPECT_EQ(after["A0002"].tumour_id, first["A0002"].tumour_id);
  EXPECT_EQ(after["C0001"].tumour_id, first["A0002"].tumour_id);
  EXPECT_EQ(Item(after["A0002"], "chemotherapy").value, "1");
  EXPECT_EQ(Item(after["A0002"], "chemotherapy").source_hospital, "1310000003");
  EXPECT_EQ(after["A0002"].morphology, "821132");  // 8211 from histology over 8140 from cytology
}

TEST_F(TumourCasesTest, AReviewersMergeJoinsTumoursAndUndoSplitsThem) {
  TakeIn("h1.csv", "1310000001", {Row("A0001", kTwinA, kColonHistology)});
  TakeIn("h2.csv", "1310000002", {Row("B0001", kTwinB, kColonHistology)});
  auto link = head_->Link();
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->tumours.tumours, 2);
  auto next = head_->ReviewNext(true);
  ASSERT_TRUE(next.ok() && next->has_value());
  const int64_t pair = (*next)->pair_id;
  auto before = TumoursByRecordNo();

  ASSERT_TRUE(head_->ReviewDecide(pair, true, "").ok());
  auto merged = head_->Consolidate(false);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->persons, 2);  // the person that went and the one that stayed
  EXPECT_EQ(merged->tumours, 1);
  EXPECT_EQ(merged->retired, 1);
  auto one = TumoursByRecordNo();
  EXPECT_EQ(one["A0001"].tumour_id, one["B0001"].tumour_id);
  EXPECT_EQ(one["A0001"].tumour_id, before["A0001"].tumour_id);  // the older id stays

  ASSERT_TRUE(head_->ReviewUndo(pair).ok());
  auto split = head_->Consolidate(false);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->tumours, 2);
  auto two = TumoursByRecordNo();
  EXPECT_EQ(two["A0001"].tumour_id, before["A0001"].tumour_id);
  // A retired id is never given again: the split-off tumour gets a new one.
  EXPECT_NE(two["B0001"].tumour_id, before["B0001"].tumour_id);
  EXPECT_NE(two["B0001"].tumour_id, two["A0001"].tumour_id);
}

TEST_F(TumourCasesTest, FlagsAreListedAndAcceptedOnce) {
  TakeIn("h1.csv", "1310000001",
         {Row("A0001", kKobayashi, {"C53.9", "807032", "1", "20250205"}),
          Row("A0002", kSato, kStomach)});
  ASSERT_TRUE(head_->Link().ok());
  auto open = head_->ListQcFlags(false);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  ASSERT_EQ(open->size(), 1u);
  const int64_t tumour = (*open)[0].tumour_id;
  EXPECT_EQ((*open)[0].check_id, "sex-site");
  EXPECT_EQ(head_->AcceptQcFlag(tumour, "age-range").code(), StatusCode::kNotFound);
  ASSERT_TRUE(head_->AcceptQcFlag(tumour, "sex-site").ok());
  EXPECT_EQ(head_->AcceptQcFlag(tumour, "sex-site").code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(head_->ListQcFlags(false)->empty());
  auto all = head_->ListQcFlags(true);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].status, "accepted");
  EXPECT_EQ((*all)[0].decided_by, "head1");
  // An unchanged record keeps its accepted flag through another consolidation.
  ASSERT_TRUE(head_->Consolidate(true).ok());
  EXPECT_TRUE(head_->ListQcFlags(false)->empty());
}

TEST_F(TumourCasesTest, GrantsAreEnforcedByTheKeys) {
  TakeIn("h1.csv", "1310000001", {Row("A0001", kSato, kStomach)});
  ASSERT_TRUE(head_->Link().ok());
  auto staff = ClinicalOnlyStaff();
  ASSERT_NE(staff, nullptr);
  // Consolidation reads sex and birth date: the identity grant is needed.
  auto denied = staff->Consolidate(false);
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("notification-identity"), std::string::npos);
  // Tumour records are clinical: the clinical grant reads them.
  auto list = staff->ListTumours(0, 10, 0);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].primary_site, "C16.2");
  EXPECT_TRUE(staff->ShowTumour((*list)[0].tumour_id).ok());
  EXPECT_EQ(staff->ShowTumour(999).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(head_->Revoke("staff1", "notification-clinical").ok());
  auto staff2 = Login("staff1", kStaffPw);
  EXPECT_EQ(staff2->ListTumours(0, 10, 0).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(staff2->ListQcFlags(false).status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace ganreg::app
