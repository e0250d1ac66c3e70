// The demo: every step goes through the app layer exactly as the subcommands do.
#include "cli/demo.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "app/registry.h"
#include "app/transfer.h"
#include "cli/exit_codes.h"
#include "cli/serve_commands.h"
#include "core/clock.h"
#include "core/files.h"
#include "model/notification.h"
#include "synth/synth.h"

namespace ganreg::cli {
namespace {

namespace fs = std::filesystem;

struct DemoUser {
  const char* name;
  model::Role role;
  const char* initial;
  const char* password;  // synthetic demo passwords, printed for the newcomer
};

constexpr DemoUser kHead{"head", model::Role::kHead, "", "Kaede#Tree-2611"};
constexpr DemoUser kLead{"lead", model::Role::kTaskLead, "Ume#Start-7q3", "Momiji#Leaf-5821"};
constexpr DemoUser kStaff1{"staff1", model::Role::kTaskStaff, "Kiri#Start-9w4", "Sumire#Bloom-4730"};
constexpr DemoUser kStaff2{"staff2", model::Role::kTaskStaff, "Nara#Start-2e8", "Tsubaki#Red-6194"};
constexpr DemoUser kAdmin{"admin1", model::Role::kAdminStaff, "Yuzu#Start-5r1", "Kikyo#Blue-8302"};

#define DEMO_TRY(expr)                                                               \
  do {                                                                               \
    ::ganreg::Status demo_status_ = (expr);                                          \
    if (!demo_status_.ok()) {                                                        \
      fmt::print(stderr, "ganreg demo: {} failed: {}\n", #expr, demo_status_.ToString()); \
      return ExitCodeFor(demo_status_);                                              \
    }                                                                                \
  } while (0)

template <class T>
Status StatusOf(const Result<T>& r) {
  return r.ok() ? Status::Ok() : r.status();
}

// Two small files from two more hospitals about the same invented people, written the way
// hospitals differ: a kanji variant (髙/高) and another address notation for one person, and
// one given name that differs — the pair a reviewer must decide.
std::string LinkageCsv(const std::vector<std::array<const char*, 5>>& rows) {
  std::string out;
  for (const auto& d : model::Items()) out += (out.empty() ? "" : ",") + std::string(d.label);
  out += "\r\n";
  for (const auto& r : rows) {
    out += fmt::format("{},{},{},1,{},13,{},7,C18.7,814032,1,2,1,20250310,8,410,410,1,2,2,1,2,2,"
                       "2,2,,\r\n",
                       r[0], r[1], r[2], r[3], r[4]);
  }
  return out;
}

}  // namespace

int RunDemo(const DemoOptions& o) {
  const fs::path root = o.dir;
  std::error_code ec;
  if (fs::exists(root, ec) && !fs::is_empty(root, ec)) {
    fmt::print(stderr, "ganreg demo: {} is not empty; give a new folder\n", root.string());
    return kExitUsage;
  }
  const fs::path reg_dir = root / "registry", incoming = root / "incoming",
                 passwords = root / "passwords", safe = root / "safe";
  for (const auto& d : {incoming, passwords, safe}) fs::create_directories(d, ec);
  const Clock& clock = Clock::System();

  fmt::print("== 1. 登録室の作成 creating the registry ==\n");
  auto init = app::InitRegistry(
      {reg_dir, "デモ県がん登録室", kHead.name, kHead.password, o.kdf_profile, {}}, clock);
  DEMO_TRY(StatusOf(init));
  // The operator moves the recovery key to the safe, as init asks.
  fs::rename(init->recovery_key_file, safe / "RECOVERY-KEY.txt", ec);
  fmt::print("registry {} created; recovery key moved to {}\n", reg_dir.string(),
             (safe / "RECOVERY-KEY.txt").string());
  DEMO_TRY(EnsureCertificate(reg_dir.string()));

  auto reg = app::Registry::Open(reg_dir, clock);
  DEMO_TRY(StatusOf(reg));
  auto login = [&](const DemoUser& u, const char* pw) { return (*reg)->Login(u.name, pw); };

  fmt::print("\n== 2. 利用者と作業分担表 staff and the work-assignment table ==\n");
  auto head = login(kHead, kHead.password);
  DEMO_TRY(StatusOf(head));
  DEMO_TRY(StatusOf((*head)->AddUser({kLead.name, kLead.role, kLead.initial, "", true})));
  {
    auto lead = login(kLead, kLead.initial);
    DEMO_TRY(StatusOf(lead));
    DEMO_TRY((*lead)->ChangePassword(kLead.initial, kLead.password));
    for (const DemoUser* u : {&kStaff1, &kStaff2, &kAdmin}) {
      DEMO_TRY(StatusOf((*lead)->AddUser({u->name, u->role, u->initial, kHead.name, false})));
    }
  }
  for (const DemoUser* u : {&kStaff1, &kStaff2, &kAdmin}) {
    auto s = login(*u, u->initial);
    DEMO_TRY(StatusOf(s));
    DEMO_TRY((*s)->ChangePassword(u->initial, u->password));
  }
  // S-HUM-1: a grant of personal information needs a passed training test, so the head's
  // approved April plan, a session and everyone's test come first.
  {
    const int32_t today = JapanDate(Clock::System().NowSeconds());
    const int64_t fiscal_year = today / 100 % 100 >= 4 ? today / 10000 : today / 10000 - 1;
    auto plan = (*head)->AddTrainingPlan(
        {fiscal_year, "4月研修", "rules,roles,after-leaving", 80});
    DEMO_TRY(StatusOf(plan));
    DEMO_TRY(StatusOf((*head)->ApproveTrainingPlan(plan->id)));
    std::vector<std::string> people = {kLead.name, kStaff1.name, kStaff2.name, kAdmin.name};
    auto session = (*head)->RecordTrainingSession(
        {plan->id, "", kHead.name, "個人情報保護の規程、役割と責任、退職後の守秘義務", people, {}});
    DEMO_TRY(StatusOf(session));
    for (const auto& p : people) {
      DEMO_TRY(StatusOf((*head)->RecordTrainingTest({session->id, p, 90, 0, 0})));
    }
    fmt::print("研修 training: plan #{} approved, session #{}, {} passed the test (S-HUM-1)\n",
               plan->id, session->id, people.size());
  }
  DEMO_TRY((*head)->Grant(kStaff1.name, "notification-identity"));
  DEMO_TRY((*head)->Grant(kStaff1.name, "notification-clinical"));
  DEMO_TRY((*head)->Grant(kStaff1.name, "inbound"));
  DEMO_TRY((*head)->Grant(kStaff2.name, "notification-clinical"));
  DEMO_TRY((*head)->Grant(kLead.name, "notification-clinical"));
  auto users = (*head)->ListUsers();
  DEMO_TRY(StatusOf(users));
  for (const auto& u : *users) {
    std::string cats;
    for (const auto& c : u.categories) cats += (cats.empty() ? "" : ", ") + c;
    fmt::print("  {:<7} {:<11} {}{}\n", u.name, model::RoleId(u.role),
               u.custodian ? "[custodian] " : "", cats.empty() ? "(no categories)" : cats);
  }
  for (const DemoUser* u : {&kHead, &kLead, &kStaff1, &kStaff2, &kAdmin}) {
    DEMO_TRY(WriteFileAtomically(passwords / (std::string(u->name) + ".txt"),
                                 std::string(u->password) + "\n"));
  }

  fmt::print("\n== 3. 合成届出ファイル synthetic notification files from hospitals ==\n");
  struct HospitalFile {
    const char* code;
    const char* name;
    text::Encoding encoding;
    bool bom, crlf;
    uint64_t rows, faulty, seed;
    const char* medium;
  };
  const HospitalFile files[] = {
      {"1310000011", "h1310000011-utf8bom.csv", text::Encoding::kUtf8, true, true, o.rows, 0, 11, "online"},
      {"2710000022", "h2710000022-cp932.csv", text::Encoding::kCp932, false, true, o.rows, 0, 22, "cd-r"},
      {"0110000033", "h0110000033-faulty.csv", text::Encoding::kUtf8, false, false, o.rows / 2, 6, 33, "usb"},
  };
  synth::NotificationOptions so;
  so.today = JapanDate(clock.NowSeconds());
  so.data_dir = o.data_dir.empty() ? synth::DefaultDataDir() : fs::path(o.data_dir);
  for (const auto& f : files) {
    so.rows = f.rows;
    so.faulty_rows = f.faulty;
    so.seed = f.seed;
    so.encoding = f.encoding;
    so.bom = f.bom;
    so.crlf = f.crlf;
    auto r = synth::WriteNotifications(so, incoming / f.name);
    DEMO_TRY(StatusOf(r));
    fmt::print("  {} from {}: {} rows, {}{}, {} faulty\n", f.name, f.code, r->rows,
               text::EncodingName(f.encoding), f.bom ? "+BOM" : "", r->faults.size());
  }
  {
    std::ofstream other(incoming / "h1310000044-other-layout.csv", std::ios::binary);
    other << "患者ID,氏名,生年月日,部位\r\n1,(synthetic),19500101,C18\r\n";
  }
  fmt::print("  h1310000044-other-layout.csv: a file in another layout\n");

  fmt::print("\n== 4. 受付 intake (staff1) ==\n");
  auto staff1 = login(kStaff1, kStaff1.password);
  DEMO_TRY(StatusOf(staff1));
  auto take = [&](const char* name, const char* code, const char* medium) -> Status {
    auto r = (*staff1)->Intake({incoming / name, code, medium, std::nullopt, ""});
    if (!r.ok()) return r.status();
    if (r->duplicate) {
      fmt::print("  {}: already received ({}); nothing added\n", name, r->reason);
    } else if (r->rejected) {
      fmt::print("  {}: REJECTED, kept encrypted as file #{}: {}\n", name, r->file_id, r->reason);
    } else {
      fmt::print("  {}: file #{} ({}) read {} = accepted {} + held back {}\n", name, r->file_id,
                 r->encoding, r->rows_read, r->rows_accepted, r->rows_held);
      for (const auto& i : r->issues) fmt::print("      {}\n", i);
    }
    return Status::Ok();
  };
  for (const auto& f : files) DEMO_TRY(take(f.name, f.code, f.medium));
  DEMO_TRY(take("h1310000044-other-layout.csv", "1310000044", "paper"));
  DEMO_TRY(take(files[0].name, files[0].code, "online"));  // sent twice by mistake

  fmt::print("\n== 4b. 移送パッケージ a transfer package from a hospital with its own key ==\n");
  {
    const fs::path hospital = root / "hospital-1310000055";
    fs::create_directories(hospital, ec);
    const char* key_password = "Hinoki#Key-3357";
    DEMO_TRY(app::GenerateKeyPair(hospital / "hospital", "1310000055", key_password));
    DEMO_TRY((*head)->AddPartner("1310000055", hospital / "hospital.pub").status());
    DEMO_TRY((*head)->ExportRegistryPublicKey(hospital / "registry.pub"));
    so.rows = o.rows / 2;
    so.faulty_rows = 0;
    so.seed = 55;
    so.encoding = text::Encoding::kCp932;
    so.bom = false;
    so.crlf = true;
    DEMO_TRY(StatusOf(synth::WriteNotifications(so, hospital / "notifications.csv")));
    app::PackRequest pack;
    pack.csv = hospital / "notifications.csv";
    pack.to = {hospital / "registry.pub"};
    pack.sign_with = hospital / "hospital.key";
    pack.password = key_password;
    pack.out = hospital / "notifications.grp";
    auto packed = app::PackNotifications(pack, clock);
    DEMO_TRY(StatusOf(packed));
    fmt::print("  hospital 1310000055 packed {} rows (identity and clinical parts sealed apart, "
               "signed): {}\n", packed->rows, pack.out.string());
    auto r = (*staff1)->IntakePackage({{pack.out}, "online", {}});
    DEMO_TRY(StatusOf(r));
    fmt::print("  staff1 took it in: package {} from {}: read {} = accepted {} + held back {}\n",
               r->package_id.substr(0, 12), r->sender, r->rows_read, r->rows_accepted,
               r->rows_held);
    auto receipt = app::CheckReceipt(r->receipt, hospital / "registry.pub");
    DEMO_TRY(StatusOf(receipt));
    fmt::print("  the hospital checks the signed receipt {}: {} ({} rows accepted)\n",
               r->receipt.filename().string(), receipt->outcome, receipt->rows_accepted);
  }

  fmt::print("\n== 5. 配送物等受渡簿 hand-over book ==\n");
  auto book = (*staff1)->HandoverBook();
  DEMO_TRY(StatusOf(book));
  for (const auto& e : *book) {
    fmt::print("  #{} {} {} by {} from {} via {}: {} → {}\n", e.id, FormatUtc(e.at),
               e.direction == "receipt" ? "受領 receipt" : "発送 dispatch", e.handled_by,
               e.counterpart, e.medium, e.summary, e.recipient);
  }

  fmt::print("\n== 6. 個人識別情報の閲覧 identity access, by grant ==\n");
  auto list = (*staff1)->ListNotifications(1, 0);
  DEMO_TRY(StatusOf(list));
  if (!list->empty()) {
    int64_t key_no = (*list)[0].key_no;
    auto shown = (*staff1)->ShowNotification(key_no, true);
    fmt::print("  staff1 (identity granted) views key no. {}: {}\n", key_no,
               shown.ok() ? "shown (audited)" : shown.status().ToString());
    auto staff2 = login(kStaff2, kStaff2.password);
    DEMO_TRY(StatusOf(staff2));
    auto denied = (*staff2)->ShowNotification(key_no, true);
    fmt::print("  staff2 (clinical only) asks for the identity: {}\n",
               denied.ok() ? "SHOWN (unexpected!)" : denied.status().ToString());
    auto clinical = (*staff2)->ShowNotification(key_no, false);
    fmt::print("  staff2 reads the clinical part: site {} morphology {}\n",
               clinical.ok() ? clinical->summary.primary_site : "?",
               clinical.ok() ? clinical->summary.morphology : "?");
  }

  fmt::print("\n== 7. 照合 linkage (staff1: identity and clinical grants) ==\n");
  {
    DEMO_TRY(WriteFileAtomically(
        incoming / "h1310000066-linkage.csv",
        LinkageCsv({{"L0001", "タカハシ　イチロウ", "髙橋　一郎", "19480715",
                     "新宿区西新宿二丁目8番1号"},
                    {"L0002", "ヤマグチ　ケンジ", "山口　健二", "19620403",
                     "練馬区豊玉北六丁目12番1号"}})));
    DEMO_TRY(WriteFileAtomically(
        incoming / "h1310000077-linkage.csv",
        LinkageCsv({{"M0001", "タカハシ　イチロウ", "高橋　一郎", "19480715", "新宿区西新宿2-8-1"},
                    {"M0002", "ヤマグチ　コウジ", "山口　浩二", "19620403",
                     "練馬区豊玉北六丁目12番1号"}})));
    DEMO_TRY(take("h1310000066-linkage.csv", "1310000066", "online"));
    DEMO_TRY(take("h1310000077-linkage.csv", "1310000077", "online"));
    auto linked = (*staff1)->Link();
    DEMO_TRY(StatusOf(linked));
    fmt::print("  ganreg link: notifications {} → persons {}; automatic links {}; "
               "review queue open {}\n",
               linked->notifications, linked->persons, linked->auto_links, linked->review_open);
  }

  fmt::print("\n== 8. 監査証跡 audit trail ==\n");
  auto admin = login(kAdmin, kAdmin.password);
  DEMO_TRY(StatusOf(admin));
  auto cp = (*head)->ExportCheckpoint(safe / "audit-checkpoint.txt");
  DEMO_TRY(StatusOf(cp));
  fmt::print("  checkpoint at event #{} exported to {}\n", *cp,
             (safe / "audit-checkpoint.txt").string());
  auto v = (*admin)->VerifyAudit({safe / "audit-checkpoint.txt"});
  DEMO_TRY(StatusOf(v));
  fmt::print("  ganreg audit verify: {} — {} events, {} checkpoints\n",
             v->intact ? "OK 正常" : "BROKEN " + v->problem, v->events, v->checkpoints);

  fmt::print("\n== 次に try next (ganreg is build/ganreg) ==\n"
             "  export GANREG_REGISTRY={} GANREG_USER=staff1 GANREG_PASSWORD_FILE={}\n"
             "  ganreg notification list\n  ganreg notification show KEYNO --identity\n"
             "  ganreg ledger show handover\n  ganreg file show 3\n"
             "  GANREG_USER=admin1 GANREG_PASSWORD_FILE={}/admin1.txt ganreg audit verify\n"
             "Demo accounts (synthetic; passwords in {}): head, lead, staff1, staff2, admin1\n"
             "Web client: build/ganreg serve --registry {}  (scripts/demo.sh starts it)\n",
             reg_dir.string(), (passwords / "staff1.txt").string(), passwords.string(),
             passwords.string(), reg_dir.string());
  return v->intact ? kExitOk : kExitTampered;
}

}  // namespace ganreg::cli
