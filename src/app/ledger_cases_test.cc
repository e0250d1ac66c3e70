// The office ledgers through the one door: the inquiry book (S-INQ-1..6; rules refused with their
// id and reason, entries sealed under the ledgers category, reading granted and audited), the
// portable-media list (S-STO-2) and the disposal record (S-STO-4, S-STO-5). Synthetic data only.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "app/registry.h"
#include "app/testing/training.h"
#include "audit/event.h"
#include "store/database.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC)
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadPw[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw2[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitialPw[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
constexpr char kBody[] = "模擬総合病院";
constexpr char kBodyNumber[] = "03-0000-1111";
constexpr char kSecretContent[] = "架空患者ヤマダの届出票の記載について";

class LedgerCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_ledger_app_" + std::to_string(std::random_device{}()));
    InitRequest req{dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}};
    auto r = InitRegistry(req, clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto reg = Registry::Open(dir_ / "reg", clock_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    registry_ = std::move(reg).value();
    head_ = Login("head1", kHeadPw);
    ASSERT_TRUE(head_);
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
  // head1 → lead1 (not a custodian) → staff1; neither holds the ledgers grant.
  std::unique_ptr<Session> Staff() {
    EXPECT_TRUE(head_->AddUser({"lead1", model::Role::kTaskLead, kLeadPw, "", false}).ok());
    auto lead = Login("lead1", kLeadPw);
    EXPECT_TRUE(lead->ChangePassword(kLeadPw, kLeadPw2).ok());
    EXPECT_TRUE(
        lead->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitialPw, "head1", false}).ok());
    auto staff = Login("staff1", kStaffInitialPw);
    EXPECT_TRUE(staff->ChangePassword(kStaffInitialPw, kStaffPw).ok());
    return staff;
  }
  InquiryRequest Inbound(std::string group, std::string channel, bool personal) {
    InquiryRequest q;
    q.group = std::move(group);
    q.channel = std::move(channel);
    q.counterpart = kBody;
    q.content = kSecretContent;
    q.personal = personal;
    return q;
  }
  int64_t Record(const InquiryRequest& q) {
    auto r = head_->RecordInquiry(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : 0;
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
  std::string Bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void ExpectRefused(const Status& s, std::string_view rule) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
    EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
  }

  FixedClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_;
};

TEST_F(LedgerCasesTest, SInq3OnlyCustodiansRegisterCallbackNumbers) {
  auto staff = Staff();
  auto denied = staff->AddInquiryContact(kBody, kBodyNumber, "ア");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  auto added = head_->AddInquiryContact(kBody, kBodyNumber, "ア");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(head_->AddInquiryContact(kBody, kBodyNumber, "ア").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(head_->AddInquiryContact(kBody, "03-0000-2222", "カ").status().code(),
            StatusCode::kInvalidArgument);
  auto list = staff->ListInquiryContacts();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].phone, kBodyNumber);
  EXPECT_EQ(Events().back().action, "inquiry.contact-list");
}

TEST_F(LedgerCasesTest, SInq5TheBookIsEncryptedInTheStore) {
  int64_t id = Record(Inbound("ア", "letter", true));
  ASSERT_GT(id, 0);
  head_.reset();
  registry_.reset();  // close the store so the WAL is checkpointed
  for (const char* f : {"registry.db", "registry.db-wal"}) {
    const std::string bytes = Bytes(dir_ / "reg" / f);
    EXPECT_EQ(bytes.find(kSecretContent), std::string::npos) << f;
    EXPECT_EQ(bytes.find(kBody), std::string::npos) << f;
  }
}

TEST_F(LedgerCasesTest, SInq5ReadingNeedsTheLedgersGrantAndIsAudited) {
  auto staff = Staff();
  // Writing needs no grant: the entry is sealed to the category's public key.
  auto recorded = staff->RecordInquiry(Inbound("エ", "email", false));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  auto denied = staff->ListInquiries();
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  auto events = Events();
  EXPECT_EQ(events.back().action, "inquiry.list");
  EXPECT_EQ(events.back().outcome, audit::Outcome::kDenied);
  EXPECT_EQ(staff->ShowInquiry(recorded->id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Events().back().action, "inquiry.show");
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDenied);
  // With the grant the same request reads the book, and the read is audited.
  ASSERT_TRUE(test_support::RecordPassedTraining(*head_, kNow, {"staff1"}).ok());  // S-HUM-1
  ASSERT_TRUE(head_->Grant("staff1", "ledgers").ok());
  auto staff2 = Login("staff1", kStaffPw);
  auto shown = staff2->ShowInquiry(recorded->id);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->content, kSecretContent);
  EXPECT_EQ(shown->handled_by, "staff1");
  EXPECT_EQ(Events().back().action, "inquiry.show");
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDone);
  auto list = staff2->ListInquiries();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_F(LedgerCasesTest, SInq2GroupsIToENeverAnsweredAboutPersonalInformation) {
  for (const char* g : {"イ", "ウ", "エ"}) {
    int64_t id = Record(Inbound(g, "letter", true));
    auto r = head_->AnswerInquiry({id, "回答します", "", ""});
    ExpectRefused(r.status(), "S-INQ-2");
    auto events = Events();
    EXPECT_EQ(events.back().action, "inquiry.answer");
    EXPECT_NE(events.back().detail.find("S-INQ-2"), std::string::npos);
  }
  int64_t general = Record(Inbound("ウ", "email", false));
  EXPECT_TRUE(head_->AnswerInquiry({general, "公表資料をご覧ください", "", ""}).ok());
}

TEST_F(LedgerCasesTest, SInq2GroupOOnlyWhenEscalatedAsGroupA) {
  InquiryRequest q = Inbound("オ", "letter", true);
  q.verified_facts = "利用申出の承認番号";
  ExpectRefused(head_->AnswerInquiry({Record(q), "回答", "", ""}).status(), "S-INQ-2");
  q.escalated = true;
  EXPECT_TRUE(head_->AnswerInquiry({Record(q), "回答", "", ""}).ok());
  // Only group オ is escalated.
  InquiryRequest a = Inbound("ア", "letter", true);
  a.escalated = true;
  EXPECT_EQ(head_->RecordInquiry(a).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LedgerCasesTest, SInq3PhoneAnsweredOnlyByCallBackToARegisteredNumber) {
  ASSERT_TRUE(head_->AddInquiryContact(kBody, kBodyNumber, "ア").ok());
  InquiryRequest q = Inbound("ア", "phone", false);
  auto recorded = head_->RecordInquiry(q);
  ASSERT_TRUE(recorded.ok());
  EXPECT_NE(recorded->may_answer.find("S-INQ-3"), std::string::npos);
  ExpectRefused(head_->AnswerInquiry({recorded->id, "回答", "", ""}).status(), "S-INQ-3");
  // The number the caller gave is not registered: refused, and the number is not audited.
  auto wrong = head_->AnswerInquiry({recorded->id, "回答", "090-9999-8888", ""});
  ExpectRefused(wrong.status(), "S-INQ-3");
  EXPECT_EQ(Events().back().detail.find("090"), std::string::npos);
  auto ok = head_->AnswerInquiry({recorded->id, "回答", "0300001111", ""});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto shown = head_->ShowInquiry(recorded->id);
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->answers.size(), 1u);
  EXPECT_EQ(shown->answers[0].callback_to, "0300001111");
}

TEST_F(LedgerCasesTest, SInq4GroupAPersonalNeedsVerificationFacts) {
  ASSERT_TRUE(head_->AddInquiryContact(kBody, kBodyNumber, "ア").ok());
  int64_t id = Record(Inbound("ア", "phone", true));
  ExpectRefused(head_->AnswerInquiry({id, "回答", kBodyNumber, ""}).status(), "S-INQ-4");
  auto ok = head_->AnswerInquiry({id, "回答", kBodyNumber, "届出日 2026-10-01、届出 3件"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(LedgerCasesTest, SInq6OutboundPhoneAndFaxOnlyUnderTheConditions) {
  InquiryRequest q = Inbound("ア", "phone", true);
  q.outbound = true;
  ExpectRefused(head_->RecordInquiry(q).status(), "S-INQ-6");
  q.condition = "registered-contact-few-cases";
  q.urgent = true;
  q.cases = 3;
  ExpectRefused(head_->RecordInquiry(q).status(), "S-INQ-6");  // no filed contact
  ASSERT_TRUE(head_->AddInquiryContact(kBody, kBodyNumber, "ア").ok());
  EXPECT_TRUE(head_->RecordInquiry(q).ok());
  InquiryRequest fax = q;
  fax.channel = "fax";
  ExpectRefused(head_->RecordInquiry(fax).status(), "S-INQ-6");
  fax.test_fax_staff = {"head1", "lead1"};
  EXPECT_TRUE(head_->RecordInquiry(fax).ok());
  InquiryRequest patient = Inbound("エ", "letter", false);
  patient.outbound = true;
  ExpectRefused(head_->RecordInquiry(patient).status(), "S-INQ-6");
}

TEST_F(LedgerCasesTest, SInq5TheBookIsAppendOnlyAndItsClearFlagsAreBound) {
  int64_t id = Record(Inbound("ア", "letter", true));
  head_.reset();
  registry_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").string().c_str(), &db), SQLITE_OK);
  // Append-only: the store itself refuses a change.
  EXPECT_NE(sqlite3_exec(db, "UPDATE inquiry_book SET personal = 0", nullptr, nullptr, nullptr),
            SQLITE_OK);
  // An attacker who drops the trigger and turns the flag off breaks the entry's seal.
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER inquiry_book_append_only; "
                             "UPDATE inquiry_book SET personal = 0",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reg = Registry::Open(dir_ / "reg", clock_);
  ASSERT_TRUE(reg.ok());
  registry_ = std::move(reg).value();
  head_ = Login("head1", kHeadPw);
  EXPECT_EQ(head_->ShowInquiry(id).status().code(), StatusCode::kDataLoss);
}

TEST_F(LedgerCasesTest, AnInquiryIsCorrectedByANewEntryAndTheOldOneStays) {
  int64_t first = Record(Inbound("エ", "letter", false));
  InquiryRequest fix = Inbound("エ", "email", false);  // it came by e-mail, not by letter
  fix.corrects = first;
  auto second = head_->RecordInquiry(fix);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  // The book lists the current version; the corrected one is still there to show.
  auto list = head_->ListInquiries();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, second->id);
  EXPECT_EQ((*list)[0].corrects, first);
  auto old = head_->ShowInquiry(first);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->channel, "letter");
  EXPECT_EQ(old->corrected_by, second->id);
  // The corrected entry is answered through its correction, and corrected once.
  EXPECT_EQ(head_->AnswerInquiry({first, "回答", "", ""}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(head_->AnswerInquiry({second->id, "回答", "", ""}).ok());
  EXPECT_EQ(head_->RecordInquiry(fix).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(LedgerCasesTest, AnAnswerIsCorrectedByANewAnswerCheckedAgainAndTheOldOneStays) {
  ASSERT_TRUE(head_->AddInquiryContact(kBody, kBodyNumber, "ア").ok());
  int64_t id = Record(Inbound("ア", "phone", true));
  auto first = head_->AnswerInquiry({id, "受付済みと回答", kBodyNumber, "届出日 2026-10-01"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // The correction is checked against S-INQ-2..4 like the answer it corrects.
  InquiryAnswerRequest fix{id, "未受付と回答（訂正）", "090-9999-8888", "届出日 2026-10-01", *first};
  ExpectRefused(head_->AnswerInquiry(fix).status(), "S-INQ-3");
  EXPECT_EQ(Events().back().detail.find("090"), std::string::npos);
  fix.callback_to = kBodyNumber;
  fix.verified_facts = "";
  ExpectRefused(head_->AnswerInquiry(fix).status(), "S-INQ-4");
  fix.verified_facts = "届出日 2026-10-01、届出 2件";
  auto second = head_->AnswerInquiry(fix);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto events = Events();
  EXPECT_EQ(events.back().action, "inquiry.answer");
  EXPECT_NE(events.back().detail.find(fmt::format("corrects={}", *first)), std::string::npos);
  EXPECT_EQ(events.back().detail.find("未受付"), std::string::npos);  // the text stays sealed
  // Both answers stay; the first is marked corrected, the correction counts.
  auto shown = head_->ShowInquiry(id);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ASSERT_EQ(shown->answers.size(), 2u);
  EXPECT_EQ(shown->answers[0].text, "受付済みと回答");
  EXPECT_EQ(shown->answers[0].corrected_by, *second);
  EXPECT_EQ(shown->answers[1].corrects, *first);
  EXPECT_EQ(shown->answers[1].corrected_by, 0);
  // An answer is corrected once (a later fix corrects the correction), only by an answer to the
  // same inquiry, and only an answer is corrected this way.
  EXPECT_EQ(head_->AnswerInquiry(fix).status().code(), StatusCode::kFailedPrecondition);
  fix.corrects = id;
  EXPECT_EQ(head_->AnswerInquiry(fix).status().code(), StatusCode::kInvalidArgument);
  int64_t other = Record(Inbound("ア", "letter", false));
  fix.corrects = *second;
  fix.inquiry_id = other;
  fix.callback_to = "";
  EXPECT_EQ(head_->AnswerInquiry(fix).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LedgerCasesTest, AnAnswerToACorrectedInquiryIsCorrectedThroughTheCurrentVersion) {
  int64_t first = Record(Inbound("ウ", "letter", false));
  auto answer = head_->AnswerInquiry({first, "公表資料を案内", "", ""});
  ASSERT_TRUE(answer.ok());
  InquiryRequest fix = Inbound("ウ", "email", false);  // it came by e-mail
  fix.corrects = first;
  auto current = head_->RecordInquiry(fix);
  ASSERT_TRUE(current.ok()) << current.status().ToString();
  EXPECT_EQ(head_->AnswerInquiry({first, "訂正", "", "", *answer}).status().code(),
            StatusCode::kFailedPrecondition);  // answered through the current version
  auto fixed = head_->AnswerInquiry({current->id, "公表資料の所在を案内", "", "", *answer});
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  auto list = head_->ListInquiries();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  ASSERT_EQ((*list)[0].answers.size(), 2u);
  EXPECT_EQ((*list)[0].answers[0].corrected_by, *fixed);
  EXPECT_EQ((*list)[0].answers[1].text, "公表資料の所在を案内");
  // The inquiry turns out to concern a person: the current version's rules apply (S-INQ-2).
  InquiryRequest personal = Inbound("ウ", "email", true);
  personal.corrects = current->id;
  auto latest = head_->RecordInquiry(personal);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ExpectRefused(head_->AnswerInquiry({latest->id, "個人について回答", "", "", *fixed}).status(),
                "S-INQ-2");
}

TEST_F(LedgerCasesTest, SInq5TheInquiryBookPrintsWithItsAnswersAndCorrections) {
  int64_t id = Record(Inbound("ア", "letter", true));
  auto first = head_->AnswerInquiry({id, "模擬回答その一", "", "届出 3件"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(head_->AnswerInquiry({id, "模擬回答その二", "", "届出 3件", *first}).ok());
  const auto out = dir_ / "book.html";
  auto printed = head_->PrintLedger("inquiries", "", "", out);
  ASSERT_TRUE(printed.ok()) << printed.status().ToString();
  EXPECT_EQ(printed->entries, 3);
  const std::string html = Bytes(out);
  for (std::string_view text : {"問合せ記録", kSecretContent, kBody, "模擬回答その一",
                                "模擬回答その二"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  EXPECT_NE(html.find(fmt::format("#{}を訂正", *first)), std::string::npos);
  // Without the ledgers grant the clear columns print and the sealed ones are withheld.
  auto staff = Staff();
  auto withheld = staff->PrintLedger("inquiries", "", "", dir_ / "staff.html");
  ASSERT_TRUE(withheld.ok()) << withheld.status().ToString();
  EXPECT_TRUE(withheld->sealed_withheld);
  EXPECT_EQ(Bytes(dir_ / "staff.html").find(kSecretContent), std::string::npos);
  EXPECT_EQ(Bytes(dir_ / "staff.html").find("模擬回答"), std::string::npos);
}

DisposalContractRequest Contract() {
  DisposalContractRequest c;
  c.contractor = "模擬溶解株式会社";
  c.ref = "委託契約 R8-015";
  c.confidentiality_clause = true;
  c.checked_on = "2026-04-01";
  c.valid_until = "2027-03-31";
  return c;
}

DisposalRequest ByContractor() {
  DisposalRequest d;
  d.item = "保存期間を終えた紙の届出票（2019年診断分）";
  d.method = "dissolve";
  d.place = "contractor";
  d.witnesses = {"模擬溶解株式会社 担当者", "staff1"};
  d.date = "2026-11-24";
  d.time = "10:30";
  d.approved_by = "lead1";
  d.contract = "委託契約 R8-015";
  d.certificate = "模擬溶解 廃棄証明書 第0456号";
  return d;
}

DisposalRequest Shred(double strip, double particle) {
  DisposalRequest d;
  d.item = "不要になった届出票の写し";
  d.method = "shred";
  d.strip_width_mm = strip;
  d.particle_mm2 = particle;
  d.place = "room";
  d.witnesses = {"head1"};
  return d;
}

TEST_F(LedgerCasesTest, SSto2MediaListedWithReceivedAndDisposedDates) {
  auto added = head_->AddMedium("USB-001", "usb", "2026-11-01");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->disposed, "");
  EXPECT_EQ(head_->AddMedium("USB-001", "usb", "2026-11-01").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(head_->AddMedium("FD-1", "floppy", "2026-11-01").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(head_->AddMedium("CD-9", "cd-r", "2026-13-01").status().code(),
            StatusCode::kInvalidArgument);
  DisposalRequest d = Shred(0, 0);
  d.item = "USB-001 受領済み届出票ファイル";
  d.method = "physical-destroy";
  d.medium_id = "USB-001";
  d.date = "2026-11-20";
  // A listed medium is stored material, never temporary: a task lead (or head) approves.
  ExpectRefused(head_->RecordDisposal(d).status(), "STO-P4");
  d.approved_by = "head1";
  auto disposed = head_->RecordDisposal(d);
  ASSERT_TRUE(disposed.ok()) << disposed.status().ToString();
  auto media = head_->ListMedia();
  ASSERT_TRUE(media.ok());
  ASSERT_EQ(media->size(), 1u);
  EXPECT_EQ((*media)[0].received, "2026-11-01");
  EXPECT_EQ((*media)[0].disposed, "2026-11-20");
  // A medium is disposed of once; an unlisted one cannot be.
  EXPECT_EQ(head_->RecordDisposal(d).status().code(), StatusCode::kFailedPrecondition);
  d.medium_id = "USB-404";
  EXPECT_EQ(head_->RecordDisposal(d).status().code(), StatusCode::kNotFound);
}

TEST_F(LedgerCasesTest, SSto5ShreddingRulesAreEnforcedWithTheReason) {
  auto coarse = head_->RecordDisposal(Shred(2.0, 30.0));
  EXPECT_EQ(coarse.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(coarse.status().message().find("S-STO-5"), std::string::npos);
  EXPECT_EQ(Events().back().action, "disposal.record");
  EXPECT_NE(Events().back().detail.find("S-STO-5"), std::string::npos);
  DisposalRequest combined = Shred(2.0, 30.0);
  combined.combined_with = "incineration";
  EXPECT_TRUE(head_->RecordDisposal(combined).ok());
  EXPECT_TRUE(head_->RecordDisposal(Shred(1.0, 10.0)).ok());
  auto list = head_->ListDisposals();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
}

TEST_F(LedgerCasesTest, SSto4PlaceAndPeopleAreEnforced) {
  auto staff = Staff();
  DisposalRequest outside = Shred(1.0, 10.0);
  outside.place = "designated-outside";
  auto refused = staff->RecordDisposal(outside);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("S-STO-4"), std::string::npos);
  outside.witnesses = {"staff1", "lead1"};
  EXPECT_TRUE(staff->RecordDisposal(outside).ok());
  ASSERT_TRUE(head_->CheckDisposalContract(Contract()).ok());
  DisposalRequest contractor = ByContractor();
  contractor.witnesses = {"模擬溶解株式会社 担当者"};
  ExpectRefused(staff->RecordDisposal(contractor).status(), "S-STO-4");
  contractor.witnesses.push_back("staff1");
  auto ok = staff->RecordDisposal(contractor);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->staff_present, "staff1");
}

TEST_F(LedgerCasesTest, SSto5OnlyTheHeadChecksAContractorsConfidentialityClause) {
  auto staff = Staff();
  auto lead = Login("lead1", kLeadPw2);
  EXPECT_EQ(lead->CheckDisposalContract(Contract()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Events().back().outcome, audit::Outcome::kDenied);
  DisposalContractRequest no_clause = Contract();
  no_clause.confidentiality_clause = false;
  ExpectRefused(head_->CheckDisposalContract(no_clause).status(), "S-STO-5");
  auto checked = head_->CheckDisposalContract(Contract());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->checked_by, "head1");
  EXPECT_EQ(checked->checked_on, "2026-04-01");
  EXPECT_EQ(Events().back().action, "disposal.contract-check");
  EXPECT_EQ(head_->CheckDisposalContract(Contract()).status().code(), StatusCode::kAlreadyExists);
  // The contract ended earlier than recorded: a correction, the old check stays.
  DisposalContractRequest fix = Contract();
  fix.valid_until = "2026-12-31";
  fix.corrects = checked->id;
  auto corrected = head_->CheckDisposalContract(fix);
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(head_->CheckDisposalContract(fix).status().code(), StatusCode::kFailedPrecondition);
  auto list = staff->ListDisposalContracts();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].valid_until, "2027-03-31");
  EXPECT_EQ((*list)[0].corrected_by, corrected->id);
}

TEST_F(LedgerCasesTest, SSto5AContractorsDisposalNamesACheckedContractAndItsApprover) {
  auto staff = Staff();
  DisposalRequest d = ByContractor();
  // No contract the head checked: refused with the rule, and the refusal audited.
  ExpectRefused(staff->RecordDisposal(d).status(), "S-STO-5");
  EXPECT_EQ(Events().back().action, "disposal.record");
  EXPECT_NE(Events().back().detail.find("S-STO-5"), std::string::npos);
  d.contract = "";
  ExpectRefused(staff->RecordDisposal(d).status(), "S-STO-5");
  ASSERT_TRUE(head_->CheckDisposalContract(Contract()).ok());
  d.contract = Contract().ref;
  d.approved_by = "";
  ExpectRefused(staff->RecordDisposal(d).status(), "STO-P4");
  d.approved_by = "staff1";  // task staff do not approve disposals
  ExpectRefused(staff->RecordDisposal(d).status(), "STO-P4");
  d.approved_by = "lead1";
  d.date = "2026-03-31";  // before the head checked the contract
  ExpectRefused(staff->RecordDisposal(d).status(), "S-STO-5");
  d.date = "2026-11-24";
  auto ok = staff->RecordDisposal(d);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto book = staff->ListDisposals();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 1u);
  const DisposalEntry& e = (*book)[0];
  EXPECT_EQ(e.contract, Contract().ref);
  EXPECT_EQ(e.contractor, "模擬溶解株式会社");
  EXPECT_EQ(e.clause_checked_by, "head1");
  EXPECT_EQ(e.approved_by, "lead1");
  EXPECT_EQ(e.certificate, "模擬溶解 廃棄証明書 第0456号");
  EXPECT_EQ(e.time, "10:30");
  // A contract and a certificate belong to a contractor's disposal only.
  DisposalRequest room = Shred(1.0, 10.0);
  room.certificate = "証明書";
  EXPECT_EQ(staff->RecordDisposal(room).status().code(), StatusCode::kInvalidArgument);
  // The printed record carries the contract, the head's check and the approver.
  ASSERT_TRUE(staff->PrintLedger("disposals", "", "", dir_ / "d.html").ok());
  const std::string html = Bytes(dir_ / "d.html");
  for (std::string_view text : {"模擬溶解株式会社", "委託契約 R8-015", "守秘義務条項確認 head1",
                                "第0456号", "2026-11-24 10:30"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
}

TEST_F(LedgerCasesTest, SSto2TheMediaAndDisposalLedgersAreAppendOnly) {
  ASSERT_TRUE(head_->AddMedium("CD-001", "cd-r", "2026-11-01").ok());
  ASSERT_TRUE(head_->RecordDisposal(Shred(1.0, 10.0)).ok());
  head_.reset();
  registry_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "reg" / "registry.db").string().c_str(), &db), SQLITE_OK);
  for (const char* sql : {"UPDATE media SET received = '2026-01-01'", "DELETE FROM media",
                          "UPDATE disposals SET place = 'room'", "DELETE FROM disposals"}) {
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
}

TEST_F(LedgerCasesTest, ADisposalIsCorrectedByANewEntryAndTheOldOneStays) {
  ASSERT_TRUE(head_->AddMedium("USB-002", "usb", "2026-11-01").ok());
  DisposalRequest d = Shred(0, 0);
  d.item = "USB-002";
  d.method = "erase-software";
  d.medium_id = "USB-002";
  d.date = "2026-11-10";
  d.approved_by = "head1";
  auto first = head_->RecordDisposal(d);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // The date was wrong: a correcting entry, itself checked against the rules.
  DisposalRequest fix = d;
  fix.date = "2026-11-12";
  fix.corrects = first->id;
  fix.place = "designated-outside";
  ExpectRefused(head_->RecordDisposal(fix).status(), "S-STO-4");
  fix.place = "room";
  auto second = head_->RecordDisposal(fix);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->corrects, first->id);
  auto media = head_->ListMedia();
  ASSERT_TRUE(media.ok());
  EXPECT_EQ((*media)[0].disposed, "2026-11-12");
  auto book = head_->ListDisposals();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 2u);
  EXPECT_EQ((*book)[0].date, "2026-11-10");  // never overwritten
  // An entry is corrected once; a later fix corrects the correction.
  EXPECT_EQ(head_->RecordDisposal(fix).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace ganreg::app
