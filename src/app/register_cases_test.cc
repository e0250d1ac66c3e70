// The third slice's registers through the one door: take-outs approved and returned (STO-3,
// S-SYS-7) with what and why sealed and overdue returns in `due`; the maintenance record
// (S-SYS-6, SYS-R1, PHY-R6) with the outside worker sealed; the acquisition register per kind
// (S-ACQ-2, S-ACQ-4, S-TRN-1, S-TRN-5); definition updates by the custodians (S-SYS-4); printable
// ledgers that withhold sealed columns without the grant; append-only tables. Real registry
// files, a fixed clock.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "app/registry.h"
#include "app/testing/training.h"
#include "model/notification.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;  // 2026-11-25T09:46:40Z = 18:46 in Japan
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw2[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
constexpr char kWhat[] = "架空患者タナカの届出票R 20枚";
constexpr char kWorker[] = "架空　保守員";

class RegisterCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_registers_" + std::to_string(std::random_device{}()));
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
  TakeoutRequest Takeout() {
    return {"paper", kWhat, "複写のため", 20, "", "lead1", "2026-11-25", "10:00", "2026-11-26", 0};
  }
  // A notification file in the national layout with rows `rows` (synthetic people).
  std::filesystem::path WriteCsv(const std::string& name, int first, int rows) {
    std::string header;
    for (const auto& d : model::Items()) {
      if (!header.empty()) header += ",";
      header += d.label;
    }
    std::filesystem::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    out << header << "\r\n";
    for (int n = first; n < first + rows; ++n) {
      out << fmt::format("A{:04},シケン　タロウ,試験　太郎,1,19500102,13,千代田区千代田{}-1,7,"
                         "C18.7,814032,1,2,1,20250310,8,410,410,1,2,2,1,2,2,2,2,,\r\n",
                         n, n);
    }
    return p;
  }
  bool DueHas(std::string_view rule, std::string_view text = "") {
    auto due = head_->Due();
    EXPECT_TRUE(due.ok()) << due.status().ToString();
    return std::any_of(due->begin(), due->end(), [&](const auto& d) {
      return d.rule == rule && d.what.find(text) != std::string::npos;
    });
  }
  void CloseAll() {
    head_.reset();
    lead_.reset();
    staff_.reset();
    registry_.reset();
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_, lead_, staff_;
};

TEST_F(RegisterCasesTest, Sto3TakeOutApprovedReturnedAndDueWhenLate) {
  TakeoutRequest self_approved = Takeout();
  self_approved.approved_by = "staff1";
  ExpectRefused(staff_->RecordTakeout(self_approved).status(), "STO-3");
  TakeoutRequest pc = Takeout();
  pc.kind = "pc";
  ExpectRefused(staff_->RecordTakeout(pc).status(), "S-SYS-7");
  auto t = staff_->RecordTakeout(Takeout());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->taken_by, "staff1");
  // Without the ledgers grant the register is listed with what and why withheld.
  auto withheld = staff_->ListTakeouts();
  ASSERT_TRUE(withheld.ok()) << withheld.status().ToString();
  ASSERT_EQ(withheld->size(), 1u);
  EXPECT_TRUE((*withheld)[0].sealed);
  EXPECT_TRUE((*withheld)[0].what.empty());
  auto shown = head_->ListTakeouts();
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ((*shown)[0].what, kWhat);
  // Not back by its date: `due` lists it (S-STO-3) until the return is recorded.
  clock_.Advance(3 * 86400);  // 2026-11-28
  auto due = head_->Due();
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(std::any_of(due->begin(), due->end(), [&](const auto& d) {
    return d.rule == "S-STO-3" && d.overdue;
  }));
  EXPECT_EQ(staff_->RecordTakeoutReturn({t->id, "2026-11-25", "09:00", -1, ""}).status().code(),
            StatusCode::kInvalidArgument);  // before it left
  auto back = staff_->RecordTakeoutReturn({t->id, "2026-11-27", "09:30", 19, "1枚不足"});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->missing);
  EXPECT_EQ(staff_->RecordTakeoutReturn({t->id, "", "10:00", -1, ""}).status().code(),
            StatusCode::kFailedPrecondition);  // once
  due = head_->Due();
  ASSERT_TRUE(due.ok());
  EXPECT_FALSE(std::any_of(due->begin(), due->end(),
                           [&](const auto& d) { return d.rule == "S-STO-3"; }));
  // A correction appends and names the entry it corrects.
  TakeoutRequest fix = Takeout();
  fix.quantity = 21;
  fix.corrects = t->id;
  ASSERT_TRUE(staff_->RecordTakeout(fix).ok());
  EXPECT_EQ(staff_->RecordTakeout(fix).status().code(), StatusCode::kFailedPrecondition);
  CloseAll();
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    EXPECT_EQ(Bytes(dir_ / "reg" / f).find(kWhat), std::string::npos) << f;
  }
}

TEST_F(RegisterCasesTest, SSys6MaintenanceWithWitnessAgreementAndSealedWorker) {
  MaintenanceRequest m{"", "13:00", "14:30", "contractor", kWorker, "模擬システム株式会社",
                       "索引の再構築", "正常終了", "lead1", "staff1", false, 0};
  EXPECT_EQ(staff_->RecordMaintenance(m).status().code(), StatusCode::kPermissionDenied);
  ExpectRefused(lead_->RecordMaintenance(m).status(), "SYS-R1");
  m.nda = true;
  m.result = "";
  ExpectRefused(lead_->RecordMaintenance(m).status(), "S-SYS-6");
  m.result = "正常終了";
  auto r = lead_->RecordMaintenance(m);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto list = head_->ListMaintenance();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)[0].worker, kWorker);
  auto sealed = lead_->ListMaintenance();  // lead1 holds no ledgers grant
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE((*sealed)[0].sealed);
  EXPECT_EQ((*sealed)[0].work, "索引の再構築");
  CloseAll();
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    EXPECT_EQ(Bytes(dir_ / "reg" / f).find(kWorker), std::string::npos) << f;
  }
}

TEST_F(RegisterCasesTest, SAcq4AcquisitionRegisterPerKind) {
  AcquisitionRequest a{"", "notification", "paper", "tracked-delivery", "模擬総合病院", 12, "",
                       {}, "キャビネットA", 0};
  ExpectRefused(staff_->RecordAcquisition(a).status(), "S-TRN-1");
  a.tracking = "1234-5678-9012";
  ASSERT_TRUE(staff_->RecordAcquisition(a).ok());
  AcquisitionRequest carried{"", "death", "paper", "hand-carried", "模擬市", 3, "", {"staff1"},
                             "キャビネットB", 0};
  ExpectRefused(staff_->RecordAcquisition(carried).status(), "S-TRN-5");
  carried.carriers = {"staff1", "lead1"};
  ASSERT_TRUE(staff_->RecordAcquisition(carried).ok());
  AcquisitionRequest online{"", "notification", "electronic", "online", "模擬総合病院", 40, "",
                            {}, "registry", 0};
  ASSERT_TRUE(staff_->RecordAcquisition(online).ok());
  auto all = staff_->ListAcquisitions("");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].kind, "death");  // one register per kind, media apart
  auto notifications = staff_->ListAcquisitions("notification");
  ASSERT_TRUE(notifications.ok());
  ASSERT_EQ(notifications->size(), 2u);
  EXPECT_EQ((*notifications)[0].medium, "electronic");
  EXPECT_EQ(staff_->ListAcquisitions("lab").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RegisterCasesTest, SSys4DefinitionUpdatesByTheCustodians) {
  DefinitionRequest d{"hospital", "1310000001", "change", "2026-11-20", "", "国がん通知",
                      "名称変更 模擬総合病院→模擬医療センター", 0};
  EXPECT_EQ(lead_->RecordDefinitionUpdate(d).status().code(), StatusCode::kPermissionDenied);
  DefinitionRequest backwards = d;
  backwards.applied_on = "2026-11-19";
  ExpectRefused(head_->RecordDefinitionUpdate(backwards).status(), "S-SYS-4");
  auto r = head_->RecordDefinitionUpdate(d);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->applied_on, "2026-11-25");
  EXPECT_FALSE(r->partner_registered);
  auto list = staff_->ListDefinitionUpdates();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
}

TEST_F(RegisterCasesTest, PrintedLedgersWithholdSealedColumnsWithoutTheGrant) {
  ASSERT_TRUE(staff_->RecordTakeout(Takeout()).ok());
  const auto staff_out = dir_ / "staff.html";
  auto p = staff_->PrintLedger("takeouts", "", "", staff_out);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->sealed_withheld);
  EXPECT_EQ(Bytes(staff_out).find(kWhat), std::string::npos);
  const auto head_out = dir_ / "head.html";
  ASSERT_TRUE(head_->PrintLedger("takeouts", "2026-11-01", "2026-11-30", head_out).ok());
  const std::string html = Bytes(head_out);
  EXPECT_NE(html.find("持出し管理台帳"), std::string::npos);
  EXPECT_NE(html.find(kWhat), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  auto none = head_->PrintLedger("takeouts", "2026-12-01", "", dir_ / "none.html");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->entries, 0);
  EXPECT_EQ(head_->PrintLedger("recipes", "", "", dir_ / "x.html").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(head_->PrintLedger("takeouts", "", "", head_out).ok());  // never overwrites
  EXPECT_EQ(staff_->PrintLedger("maintenance", "", "", dir_ / "m.html").status().code(),
            StatusCode::kPermissionDenied);  // as its listing
  // The entry/exit log prints the visitor's sealed name for the head only.
  ASSERT_TRUE(staff_->RecordVisit({"2026-11-25", "09:10", "架空　清掃員", "模擬ビル管理", "清掃",
                                   true, "lead1", "staff1", 0}).ok());
  ASSERT_TRUE(head_->PrintLedger("entry-log", "", "", dir_ / "entries.html").ok());
  EXPECT_NE(Bytes(dir_ / "entries.html").find("架空　清掃員"), std::string::npos);
  ASSERT_TRUE(staff_->PrintLedger("entry-log", "", "", dir_ / "entries2.html").ok());
  EXPECT_EQ(Bytes(dir_ / "entries2.html").find("架空　清掃員"), std::string::npos);
}

// A browser's download: the same document handed back in memory, nothing written to disk, one
// audit event that says where it went.
TEST_F(RegisterCasesTest, APrintedLedgerCanBeHandedBackInMemory) {
  ASSERT_TRUE(staff_->RecordTakeout(Takeout()).ok());
  std::string html;
  auto p = head_->PrintLedger("takeouts", "2026-11-01", "2026-11-30",
                              app::PrintOutput{{}, "html", &html});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->entries, 1);
  EXPECT_NE(html.find("持出し管理台帳"), std::string::npos);
  EXPECT_NE(html.find(kWhat), std::string::npos);
  std::string pdf;
  auto q = head_->PrintLedger("takeouts", "", "", app::PrintOutput{{}, "pdf", &pdf});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_GE(q->pages, 1);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  auto events = head_->ListAuditEvents(0, 1);
  ASSERT_TRUE(events.ok() && !events->empty());
  EXPECT_EQ(events->front().action, "ledger.print");
  EXPECT_EQ(events->front().object, "ledger:takeouts");
  EXPECT_NE(events->front().detail.find("format=pdf to=download"), std::string::npos)
      << events->front().detail;
  std::string none;
  EXPECT_EQ(head_->PrintLedger("takeouts", "", "", app::PrintOutput{{}, "docx", &none})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(none.empty());
}

TEST_F(RegisterCasesTest, SAcq5HowAHandOverOnMediaTravelled) {
  // A file on CD-R (of another layout: rejected, but received and in the hand-over book).
  const auto csv = dir_ / "other.csv";
  std::ofstream(csv) << "id,name\n1,x\n";
  ASSERT_TRUE(staff_->Intake({csv, "1310000001", "cd-r", std::nullopt, ""}).ok());
  auto book = staff_->HandoverBook();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 1u);
  const int64_t entry = (*book)[0].id;
  EXPECT_FALSE((*book)[0].has_delivery);
  auto due = head_->Due();
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(std::any_of(due->begin(), due->end(),
                          [](const auto& d) { return d.rule == "S-TRN-1"; }));
  ExpectRefused(staff_->RecordHandoverDelivery({entry, "letter-pack", "", false, {}, true})
                    .status(), "S-TRN-1");  // no tracking number
  ExpectRefused(staff_->RecordHandoverDelivery({entry, "letter-pack", "1234", false, {}, false})
                    .status(), "S-ACQ-5");  // not confirmed opened in the room
  ExpectRefused(staff_->RecordHandoverDelivery({entry, "hand-carried", "", false, {"staff1"}, true})
                    .status(), "S-TRN-5");
  auto r = staff_->RecordHandoverDelivery({entry, "letter-pack", "1234-5678", false, {}, true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(staff_->RecordHandoverDelivery({entry, "yu-pack", "1", false, {}, true})
                .status().code(), StatusCode::kFailedPrecondition);  // once
  book = staff_->HandoverBook();
  ASSERT_TRUE(book.ok());
  EXPECT_TRUE((*book)[0].has_delivery);
  EXPECT_EQ((*book)[0].tracking, "1234-5678");
  due = head_->Due();
  ASSERT_TRUE(due.ok());
  EXPECT_FALSE(std::any_of(due->begin(), due->end(),
                           [](const auto& d) { return d.rule == "S-TRN-1"; }));
  EXPECT_EQ(staff_->RecordHandoverDelivery({99, "yu-pack", "1", false, {}, true}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(RegisterCasesTest, TheNewTablesAreAppendOnly) {
  ASSERT_TRUE(staff_->RecordTakeout(Takeout()).ok());
  ASSERT_TRUE(head_->StartSelfAssessment(2026).ok());
  ASSERT_TRUE(staff_->Intake({WriteCsv("h1.csv", 1, 1), "1310000001", "online", std::nullopt, ""})
                  .ok());
  ASSERT_TRUE(lead_->SetRetentionRule({"notification", "electronic", 12, "書庫", "保管"}).ok());
  ASSERT_TRUE(head_->RecordExternalAudit({"2026-11-20", "模擬監査法人", "", "指摘なし", "", "", 0})
                  .ok());
  ASSERT_TRUE(staff_->RecordDisposal({"届出票ファイル", "", "erase-software", 0, 0, "", "room",
                                      {"staff1", "lead1"}, "", 0, 1, "", "lead1", "", ""}).ok());
  CloseAll();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").string().c_str(), &db), SQLITE_OK);
  for (const char* sql :
       {"UPDATE takeouts SET quantity = 1", "DELETE FROM takeouts",
        "UPDATE self_assessment_findings SET finding = 'met'",
        "DELETE FROM self_assessment_findings", "DELETE FROM self_assessments",
        "UPDATE external_audits SET findings = ''",
        "DELETE FROM retention_rules", "DELETE FROM acquisition_disposals",
        "UPDATE acquisitions SET handover_id = 0"}) {
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
}

TEST_F(RegisterCasesTest, SAcq4IntakeFillsTheAcquisitionRegisterWithWhatItKnows) {
  // An online file: its entry at once — kind, medium, route, source, count, date, receiver.
  ASSERT_TRUE(staff_->Intake({WriteCsv("h1.csv", 1, 3), "1310000001", "online", std::nullopt, ""})
                  .ok());
  auto book = staff_->HandoverBook();
  ASSERT_TRUE(book.ok());
  auto list = staff_->ListAcquisitions("");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  const AcquisitionView& a = (*list)[0];
  EXPECT_EQ(a.kind, "notification");
  EXPECT_EQ(a.medium, "electronic");
  EXPECT_EQ(a.route, "online");
  EXPECT_EQ(a.source, "1310000001");
  EXPECT_EQ(a.count, 3);
  EXPECT_EQ(a.date, "2026-11-25");
  EXPECT_EQ(a.received_by, "staff1");
  EXPECT_EQ(a.handover_id, (*book)[0].id);
  // A file on CD-R: the route is known only once the hand-over book records how it travelled.
  ASSERT_TRUE(staff_->Intake({WriteCsv("h2.csv", 10, 2), "1310000002", "cd-r", std::nullopt, ""})
                  .ok());
  EXPECT_EQ(staff_->ListAcquisitions("")->size(), 1u);
  book = staff_->HandoverBook();
  const int64_t entry = book->back().id;
  ASSERT_TRUE(
      staff_->RecordHandoverDelivery({entry, "letter-pack", "LP-77", false, {}, true}).ok());
  list = staff_->ListAcquisitions("notification");
  ASSERT_EQ(list->size(), 2u);
  const auto cd = std::find_if(list->begin(), list->end(),
                               [&](const auto& x) { return x.handover_id == entry; });
  ASSERT_NE(cd, list->end());
  EXPECT_EQ(cd->route, "tracked-delivery");
  EXPECT_EQ(cd->tracking, "LP-77");
  EXPECT_EQ(cd->count, 2);
  EXPECT_EQ(cd->source, "1310000002");
  // A file refused whole brought no rows: the hand-over book has it, the register does not.
  const auto other = dir_ / "other.csv";
  std::ofstream(other) << "id,name\n1,x\n";
  ASSERT_TRUE(staff_->Intake({other, "1310000003", "online", std::nullopt, ""}).ok());
  EXPECT_EQ(staff_->ListAcquisitions("")->size(), 2u);
  // The printed register says which entries the system filled.
  ASSERT_TRUE(staff_->PrintLedger("acquisitions", "", "", dir_ / "acq.html").ok());
  EXPECT_NE(Bytes(dir_ / "acq.html").find(fmt::format("受渡簿#{}から自動", entry)),
            std::string::npos);
}

TEST_F(RegisterCasesTest, Org6TheExternalAuditEveryFourToFiveYears) {
  EXPECT_FALSE(DueHas("ORG-6"));  // the records began today
  ExternalAuditRequest req{"2026-11-20", "模擬監査法人", "他県登録室職員・個人情報保護の有識者・患者代表",
                           "重大な指摘なし", "鍵の管理表を改める", "", 0};
  EXPECT_EQ(lead_->RecordExternalAudit(req).status().code(), StatusCode::kPermissionDenied);
  ExternalAuditRequest early = req;
  early.reported_on = "2026-11-19";
  ExpectRefused(head_->RecordExternalAudit(early).status(), "ORG-6");  // reported before it
  ExternalAuditRequest future = req;
  future.date = "2026-12-01";
  ExpectRefused(head_->RecordExternalAudit(future).status(), "ORG-6");
  auto a = head_->RecordExternalAudit(req);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(DueHas("ORG-6", "報告"));  // the result is still to be reported
  ExternalAuditRequest reported = req;
  reported.reported_on = "2026-11-24";
  reported.corrects = a->id;
  ASSERT_TRUE(head_->RecordExternalAudit(reported).ok());
  EXPECT_FALSE(DueHas("ORG-6"));
  // Four years on the next audit is listed; after five it is overdue.
  clock_.Advance(int64_t{4} * 366 * 86400);
  auto due = head_->Due();
  ASSERT_TRUE(due.ok());
  auto it = std::find_if(due->begin(), due->end(), [](const auto& d) { return d.rule == "ORG-6"; });
  ASSERT_NE(it, due->end());
  EXPECT_FALSE(it->overdue);
  EXPECT_EQ(it->due, "2031-11-20");
  clock_.Advance(int64_t{366} * 86400);
  due = head_->Due();
  it = std::find_if(due->begin(), due->end(), [](const auto& d) { return d.rule == "ORG-6"; });
  ASSERT_NE(it, due->end());
  EXPECT_TRUE(it->overdue);
  auto list = lead_->ListExternalAudits();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].corrected_by, (*list)[1].id);
}

TEST_F(RegisterCasesTest, SSto3RetentionPeriodsEndAndADisposalClosesThem) {
  ASSERT_TRUE(staff_->Intake({WriteCsv("h1.csv", 1, 1), "1310000001", "online", std::nullopt, ""})
                  .ok());
  const int64_t acq = (*staff_->ListAcquisitions(""))[0].id;
  RetentionRequest rule{"notification", "electronic", 12, "登録室の鍵付き書庫", "暗号化して保管"};
  EXPECT_EQ(staff_->SetRetentionRule(rule).status().code(), StatusCode::kPermissionDenied);
  RetentionRequest zero = rule;
  zero.months = 0;
  EXPECT_EQ(lead_->SetRetentionRule(zero).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(lead_->SetRetentionRule({"notification", "electronic", 24, "書庫", "保管"}).ok());
  ASSERT_TRUE(lead_->SetRetentionRule(rule).ok());  // the latest row is in force
  auto rules = staff_->ListRetentionRules();
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_FALSE((*rules)[0].in_force);
  EXPECT_TRUE((*rules)[1].in_force);
  EXPECT_FALSE(DueHas("S-STO-3"));
  clock_.Advance(int64_t{340} * 86400);  // 2027-10-31: the period ends 2027-11-25
  EXPECT_TRUE(DueHas("S-STO-3", fmt::format("取得#{}", acq)));
  DisposalRequest d{"届出票ファイル（取得#1）", "", "erase-software", 0, 0, "", "room",
                    {"staff1", "lead1"}, "", 0, 99, "", "lead1", "", ""};
  EXPECT_EQ(staff_->RecordDisposal(d).status().code(), StatusCode::kNotFound);
  d.acquisition = acq;
  d.approved_by = "";  // acquired material is never temporary: a task lead approves (STO-P4)
  ExpectRefused(staff_->RecordDisposal(d).status(), "STO-P4");
  d.approved_by = "lead1";
  auto done = staff_->RecordDisposal(d);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->acquisition, acq);
  EXPECT_FALSE(DueHas("S-STO-3"));
  EXPECT_EQ((*staff_->ListAcquisitions(""))[0].disposal_id, done->id);
  ExpectRefused(staff_->RecordDisposal(d).status(), "S-STO-3");  // disposed of once
}

}  // namespace
}  // namespace ganreg::app
