// Linkage through the one door: link, review next / decide / undo, grants enforced by keys,
// stable person ids. Invented people only.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>

#include "app/registry.h"
#include "app/testing/training.h"
#include "audit/audit_log.h"
#include "audit/event.h"
#include "linkage/testing/synthetic.h"
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

// A row valid under every rule, with the identity items of `p`.
std::string Row(const std::string& record_no, const Person& p) {
  return fmt::format(
      "{},{},{},{},{},13,{},7,C18.7,814032,1,2,1,"
      "20250310,8,410,410,1,2,2,1,2,2,2,2,,",
      record_no, p.kana, p.name, p.sex, p.birth, p.address);
}

// One person written by two hospitals: a variant kanji (髙/高) and another address notation.
const Person kTakahashiA{"タカハシ　イチロウ", "髙橋　一郎", "1", "19480715",
                         "新宿区西新宿二丁目8番1号"};
const Person kTakahashiB{"タカハシ　イチロウ", "高橋　一郎", "1", "19480715", "新宿区西新宿2-8-1"};
// Two namesakes born the same year: different people.
const Person kSatoA{"サトウ　タロウ", "佐藤　太郎", "1", "19500312",
                    "八王子市元本郷町三丁目24番1号"};
const Person kSatoB{"サトウ　タロウ", "佐藤　太郎", "1", "19501102",
                    "世田谷区世田谷四丁目21番27号"};
// Twins: same family name, birth date and address, other given names — a review pair.
const Person kTwinA{"ヤマグチ　ケンジ", "山口　健二", "1", "19620403", "練馬区豊玉北六丁目12番1号"};
const Person kTwinB{"ヤマグチ　コウジ", "山口　浩二", "1", "19620403", "練馬区豊玉北六丁目12番1号"};

class LinkageCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_link_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    auto r = InitRegistry(req, clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto reg = Registry::Open(dir_ / "reg", clock_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(reg).value();
  }
  void TearDown() override {
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Session> Login(std::string_view user, std::string_view pw) {
    auto s = registry_->Login(user, pw);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  // head1 → lead1 (system task lead) → staff1, who holds the clinical grant only.
  std::unique_ptr<Session> ClinicalOnlyStaff() {
    auto head = Login("head1", kHeadPw);
    EXPECT_TRUE(head->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", true}).ok());
    auto lead = Login("lead1", kLeadPw);
    EXPECT_TRUE(lead->ChangePassword(kLeadPw, "Lx8%hQz3@wNe").ok());
    EXPECT_TRUE(
        lead->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false}).ok());
    EXPECT_TRUE(test_support::RecordPassedTraining(*head, kNow, {"staff1"}).ok());  // S-HUM-1
    EXPECT_TRUE(head->Grant("staff1", "notification-clinical").ok());
    auto staff = Login("staff1", kStaffInitialPw);
    EXPECT_TRUE(staff->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    return Login("staff1", kStaffPw);
  }
  void TakeIn(Session& s, const std::string& name, const std::string& hospital,
              const std::vector<std::string>& rows) {
    std::filesystem::path p = dir_ / name;
    {
      std::ofstream out(p, std::ios::binary);
      out << Header() << "\r\n";
      for (const auto& r : rows) out << r << "\r\n";
    }
    auto r = s.Intake({p, hospital, "online", std::nullopt, ""});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rows_held, 0) << (r->issues.empty() ? "" : r->issues[0]);
  }
  // The person of each notification, by its 診療録番号 (opened with the head's grants).
  std::map<std::string, int64_t> PersonsByRecordNo(Session& s) {
    std::map<std::string, int64_t> out;
    auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
    EXPECT_TRUE(db.ok());
    auto links = (*db)->ListLinks();
    EXPECT_TRUE(links.ok());
    for (const auto& l : *links) {
      auto v = s.ShowNotification(l.key_no, true);
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      out[v->row[model::Item::kMedicalRecordNo]] = l.person_id;
    }
    return out;
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
  // Two hospitals' files holding the three cases above.
  void TakeInTheCases(Session& s) {
    TakeIn(s, "h1.csv", "1310000001",
           {Row("A0001", kTakahashiA), Row("A0002", kSatoA), Row("A0003", kTwinA)});
    TakeIn(s, "h2.csv", "1310000002",
           {Row("B0001", kTakahashiB), Row("B0002", kSatoB), Row("B0003", kTwinB)});
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
};

TEST_F(LinkageCasesTest, OnePersonFromTwoHospitalsNamesakesApartTwinsToReview) {
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  auto report = head->Link();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->notifications, 6);
  EXPECT_EQ(report->persons, 5);
  EXPECT_EQ(report->new_persons, 5);
  EXPECT_FALSE(report->estimated);
  EXPECT_EQ(report->review_new, 1);
  EXPECT_EQ(report->review_open, 1);

  auto persons = PersonsByRecordNo(*head);
  ASSERT_EQ(persons.size(), 6u);
  EXPECT_EQ(persons["A0001"], persons["B0001"]);  // 髙橋 and 高橋: one person
  EXPECT_NE(persons["A0002"], persons["B0002"]);  // two 佐藤 太郎 born in 1950
  EXPECT_NE(persons["A0003"], persons["B0003"]);  // twins wait for a reviewer

  // The audit event counts, and names no one.
  const auto events = Events();
  const audit::Event* link = nullptr;
  for (const auto& e : events) {
    if (e.action == "link.run") link = &e;
  }
  ASSERT_NE(link, nullptr);
  EXPECT_NE(link->detail.find("notifications=6 persons=5"), std::string::npos) << link->detail;
  for (const auto& e : events) {
    for (std::string_view name : {"橋", "佐藤", "山口", "タカハシ"}) {
      EXPECT_EQ(e.detail.find(name), std::string::npos) << e.detail;
    }
  }
  // Links and the review queue hold key numbers and levels: no name, birth date or address.
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    std::ifstream in(dir_ / "reg" / f, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    for (std::string_view secret : {"橋", "佐藤", "山口", "ヤマグチ", "19620403", "練馬区"}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in " << f;
    }
  }
}

TEST_F(LinkageCasesTest, PersonIdsAreStableAcrossRunsAndNewNotificationsJoinThem) {
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  ASSERT_TRUE(head->Link().ok());
  auto first = PersonsByRecordNo(*head);
  auto again = head->Link();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_persons, 0);
  EXPECT_EQ(again->relinked, 0);
  EXPECT_EQ(again->review_new, 0);  // the open pair is not queued twice
  EXPECT_EQ(again->review_open, 1);
  EXPECT_EQ(PersonsByRecordNo(*head), first);

  // A third hospital reports 髙橋 一郎 again: the notification joins the existing person.
  TakeIn(*head, "h3.csv", "1310000003", {Row("C0001", kTakahashiB)});
  auto third = head->Link();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->new_persons, 0);
  auto after = PersonsByRecordNo(*head);
  EXPECT_EQ(after["C0001"], first["A0001"]);
  for (const auto& [record_no, person] : first) EXPECT_EQ(after[record_no], person) << record_no;
}

TEST_F(LinkageCasesTest, ReviewShowsThePairAndBlindModeHidesTheScore) {
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  ASSERT_TRUE(head->Link().ok());
  auto next = head->ReviewNext(false);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_TRUE(next->has_value());
  const ReviewItem& item = **next;
  EXPECT_EQ(item.open_pairs, 1);
  std::set<std::string> names = {item.a.row[model::Item::kName], item.b.row[model::Item::kName]};
  EXPECT_EQ(names, (std::set<std::string>{"山口　健二", "山口　浩二"}));
  auto differs = [&](model::Item i) {
    return std::find(item.differing.begin(), item.differing.end(), i) != item.differing.end();
  };
  EXPECT_TRUE(differs(model::Item::kName));
  EXPECT_TRUE(differs(model::Item::kKanaName));
  EXPECT_FALSE(differs(model::Item::kBirthDate));
  EXPECT_FALSE(differs(model::Item::kAddress));
  EXPECT_NE(item.weight, 0.0);
  ASSERT_GE(item.contributions.size(), 5u);
  EXPECT_EQ(item.contributions[0].field, "family");
  EXPECT_EQ(item.contributions[0].level, "exact");
  EXPECT_GT(item.contributions[0].weight, 0.0);
  EXPECT_EQ(item.contributions[1].field, "given");
  EXPECT_LT(item.contributions[1].weight, 0.0);

  auto blind = head->ReviewNext(true);
  ASSERT_TRUE(blind.ok() && blind->has_value());
  EXPECT_TRUE((*blind)->blind);
  EXPECT_EQ((*blind)->weight, 0.0);
  EXPECT_TRUE((*blind)->contributions.empty());
  EXPECT_EQ((*blind)->pair_id, item.pair_id);

  // Each look is an identity read in the trail, by pair and key numbers.
  const auto events = Events();
  EXPECT_EQ(events.back().action, "review.next");
  EXPECT_EQ(events.back().object, fmt::format("pair:{}", item.pair_id));
  EXPECT_NE(events.back().detail.find("identity read"), std::string::npos);
}

TEST_F(LinkageCasesTest, ADifferentDecisionIsNeverProposedAgain) {
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  ASSERT_TRUE(head->Link().ok());
  auto next = head->ReviewNext(true);
  ASSERT_TRUE(next.ok() && next->has_value());
  const int64_t pair = (*next)->pair_id;
  ASSERT_TRUE(head->ReviewDecide(pair, false, "双子（名が異なる）").ok());
  EXPECT_EQ(head->ReviewDecide(pair, true, "").code(), StatusCode::kFailedPrecondition);
  auto empty = head->ReviewNext(false);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());

  auto again = head->Link();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->review_new, 0);
  EXPECT_EQ(again->review_open, 0);
  EXPECT_FALSE(head->ReviewNext(false)->has_value());
  auto persons = PersonsByRecordNo(*head);
  EXPECT_NE(persons["A0003"], persons["B0003"]);

  // The decision names its reviewer and keeps the note.
  auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
  auto rec = (*db)->FindReviewPair(pair);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->status, "different");
  EXPECT_EQ(rec->decided_by, "head1");
  EXPECT_EQ(rec->note, "双子（名が異なる）");
  EXPECT_EQ((*db)->ReviewHistoryOf(pair)->size(), 1u);
}

TEST_F(LinkageCasesTest, SameMergesAndUndoRestoresWithHistory) {
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  ASSERT_TRUE(head->Link().ok());
  const auto before = PersonsByRecordNo(*head);
  auto next = head->ReviewNext(false);
  ASSERT_TRUE(next.ok() && next->has_value());
  const int64_t pair = (*next)->pair_id;

  ASSERT_TRUE(head->ReviewDecide(pair, true, "同一人物（名の誤記）").ok());
  auto merged = PersonsByRecordNo(*head);
  EXPECT_EQ(merged["A0003"], merged["B0003"]);
  EXPECT_EQ(merged["A0003"], std::min(before.at("A0003"), before.at("B0003")));
  // A later run keeps the reviewer's merge.
  auto relinked = head->Link();
  ASSERT_TRUE(relinked.ok());
  EXPECT_EQ(relinked->persons, 4);
  EXPECT_EQ(PersonsByRecordNo(*head), merged);

  ASSERT_TRUE(head->ReviewUndo(pair).ok());
  EXPECT_EQ(PersonsByRecordNo(*head), before);
  EXPECT_EQ(head->ReviewUndo(pair).code(), StatusCode::kFailedPrecondition);
  auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
  auto history = (*db)->ReviewHistoryOf(pair);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "same");
  EXPECT_EQ((*history)[1].action, "undo");
  EXPECT_EQ((*db)->FindReviewPair(pair)->status, "undone");
  // The undone pair is asked again by the next run.
  auto asked = head->Link();
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->review_open, 1);
  EXPECT_EQ(PersonsByRecordNo(*head), before);
}

TEST_F(LinkageCasesTest, APairMadeMootByAMergeIsNotShown) {
  auto head = Login("head1", kHeadPw);
  // B0003 and C0003 are one person (linked automatically); A0003 is asked against each.
  TakeIn(*head, "h1.csv", "1310000001", {Row("A0003", kTwinA)});
  TakeIn(*head, "h2.csv", "1310000002", {Row("B0003", kTwinB)});
  TakeIn(*head, "h3.csv", "1310000003", {Row("C0003", kTwinB)});
  auto report = head->Link();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->persons, 2);
  EXPECT_EQ(report->review_open, 2);
  auto first = head->ReviewNext(true);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->open_pairs, 2);
  ASSERT_TRUE(head->ReviewDecide((*first)->pair_id, true, "").ok());
  // The other pair now asks about one person: nothing is left to decide.
  auto next = head->ReviewNext(true);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
  auto persons = PersonsByRecordNo(*head);
  EXPECT_EQ(persons["A0003"], persons["B0003"]);
  EXPECT_EQ(persons["B0003"], persons["C0003"]);
}

TEST_F(LinkageCasesTest, WithoutTheIdentityGrantLinkAndReviewAreDeniedAndAudited) {
  auto staff = ClinicalOnlyStaff();
  ASSERT_NE(staff, nullptr);
  auto head = Login("head1", kHeadPw);
  TakeInTheCases(*head);
  auto link = staff->Link();
  EXPECT_EQ(link.status().code(), StatusCode::kPermissionDenied);
  auto events = Events();
  EXPECT_EQ(events.back().action, "link.run");
  EXPECT_EQ(events.back().outcome, audit::Outcome::kDenied);
  EXPECT_EQ(events.back().actor, "staff1");

  ASSERT_TRUE(head->Link().ok());
  auto next = staff->ReviewNext(false);
  EXPECT_EQ(next.status().code(), StatusCode::kPermissionDenied);
  events = Events();
  EXPECT_EQ(events.back().action, "review.next");
  EXPECT_EQ(events.back().outcome, audit::Outcome::kDenied);
}

// A registry large enough for the model to estimate its own parameters: a synthetic population
// with ground truth (kanji variants, typos, moves, marriages, twins) taken in as one file.
TEST_F(LinkageCasesTest, AnEstimatedModelLinksASyntheticPopulationThroughTheDoor) {
  linkage::testing::SyntheticOptions options;
  options.persons = 1200;
  options.seed = 7;
  const auto data = linkage::testing::MakePopulation(options);
  ASSERT_GT(data.records.size(), 1600u);
  std::vector<std::string> rows;
  for (size_t i = 0; i < data.records.size(); ++i) {
    const auto& in = data.records[i];
    rows.push_back(fmt::format(
        "S{:05},{},{},{},{},{:02},{},7,C18.7,814032,1,2,1,20250310,8,410,"
        "410,1,2,2,1,2,2,2,2,,",
        i, in.kana_name, in.name, in.sex, in.birth_date, in.prefecture_code, in.address));
  }
  auto head = Login("head1", kHeadPw);
  std::filesystem::path p = dir_ / "population.csv";
  {
    std::ofstream out(p, std::ios::binary);
    out << Header() << "\r\n";
    for (const auto& r : rows) out << r << "\r\n";
  }
  auto intake = head->Intake({p, "1310000001", "online", std::nullopt, ""});
  ASSERT_TRUE(intake.ok()) << intake.status().ToString();
  // Rows the validator holds back (e.g. a birth date in a form it refuses) are simply left out.
  ASSERT_GT(intake->rows_accepted, 1000) << (intake->issues.empty() ? "" : intake->issues[0]);

  auto report = head->Link();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->estimated);
  EXPECT_EQ(report->notifications, intake->rows_accepted);

  // The line of each notification gives its record in the population, the link its person.
  auto list = head->ListNotifications(1'000'000, 0);
  ASSERT_TRUE(list.ok());
  auto db = store::Database::Open(dir_ / "reg" / "registry.db", {});
  ASSERT_TRUE(db.ok());
  std::vector<uint32_t> truth, predicted;
  std::map<int64_t, uint32_t> dense;
  for (const auto& n : *list) {
    auto link = (*db)->FindLink(n.key_no);
    ASSERT_TRUE(link.ok() && link->has_value());
    truth.push_back(data.person_of[static_cast<size_t>(n.line - 2)]);
    auto [it, inserted] =
        dense.try_emplace((*link)->person_id, static_cast<uint32_t>(dense.size()));
    predicted.push_back(it->second);
  }
  const auto q = linkage::testing::EvaluateClusters(truth, predicted);
  std::printf("notifications %lld persons %lld review %lld: P %.4f R %.4f F1 %.4f\n",
              static_cast<long long>(report->notifications),
              static_cast<long long>(report->persons), static_cast<long long>(report->review_open),
              q.precision, q.recall, q.f1);
  EXPECT_GE(q.precision, 0.95) << "recall " << q.recall;
  EXPECT_GE(q.f1, 0.90) << "precision " << q.precision << " recall " << q.recall;
  EXPECT_EQ(report->persons, static_cast<int64_t>(dense.size()));
}

}  // namespace
}  // namespace ganreg::app
