// Subcommands of `ganreg`. Each one: parse → open registry → log in → one app call → print.
#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/registry.h"
#include "cli/common.h"
#include "cli/demo.h"
#include "cli/transfer_commands.h"
#include "cli/exit_codes.h"
#include "cli/ledger_commands.h"
#include "cli/death_commands.h"
#include "cli/linkage_commands.h"
#include "cli/serve_commands.h"
#include "core/files.h"
#include "synth/synth.h"

namespace ganreg::cli {

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kPermissionDenied:
    case StatusCode::kFailedPrecondition: return kExitPermissionDenied;
    case StatusCode::kUnauthenticated: return kExitUnauthenticated;
    case StatusCode::kRejected: return kExitRejected;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kDataLoss: return kExitTampered;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kUnavailable:
    case StatusCode::kInternal: return kExitFailure;
  }
  return kExitFailure;
}

namespace {

void PrintIntake(const app::IntakeResult& r, std::string_view file) {
  if (r.duplicate) {
    fmt::print("{}: 受付済み already received — {}; 追加なし nothing added\n", file, r.reason);
    return;
  }
  if (r.rejected) {
    fmt::print("{}: 受付不可 REJECTED (file #{} kept encrypted and recorded)\n  {}\n", file,
               r.file_id, r.reason);
    return;
  }
  fmt::print("{}: file #{} encoding {}: 読込 read {} = 受理 accepted {} + 保留 held back {}\n", file,
             r.file_id, r.encoding, r.rows_read, r.rows_accepted, r.rows_held);
  for (const auto& issue : r.issues) fmt::print("  {}\n", issue);
  if (r.issue_count > static_cast<int64_t>(r.issues.size())) {
    fmt::print("  … {} more problems: ganreg file show {}\n",
               r.issue_count - static_cast<int64_t>(r.issues.size()), r.file_id);
  }
}

int IntakeExit(const app::IntakeResult& r) {
  if (r.rejected) return kExitRejected;
  if (r.rows_held > 0) return kExitHeldBack;
  return kExitOk;
}

void PrintHandover(const std::vector<app::HandoverEntry>& book) {
  fmt::print("配送物等受渡簿 hand-over book ({} entries)\n", book.size());
  fmt::print("{:>4}  {:<20}  {:<8}  {:<10}  {:<12}  {:<7}  {}\n", "no", "date (UTC)", "in/out",
             "by", "sender/to", "medium", "content → recipient");
  for (const auto& e : book) {
    fmt::print("{:>4}  {:<20}  {:<8}  {:<10}  {:<12}  {:<7}  {} → {}\n", e.id, FormatUtc(e.at),
               e.direction == "receipt" ? "受領 in" : "発送 out", e.handled_by, e.counterpart,
               e.medium, e.summary, e.recipient);
    if (e.has_delivery) {  // S-TRN-1, S-TRN-5 (ganreg ledger delivery)
      fmt::print("      配送 delivery: {}{}{}{}{}\n", e.method,
                 e.tracking.empty() ? "" : " " + e.tracking,
                 e.carriers.empty() ? "" : " 運搬 carriers " + e.carriers,
                 e.unused_medium ? " 未使用媒体 unused medium" : "",
                 e.opened_in_room ? " 室内開封 opened in the room" : "");
    } else if (e.medium != "online") {
      fmt::print("      配送 delivery: 未記録 not recorded (ganreg ledger delivery {})\n", e.id);
    }
  }
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"ganreg — がん登録室の安全管理 data office for population-based cancer registries"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `ganreg init --registry DIR`
  app.set_version_flag("--version", "ganreg 0.1.0");
  Globals g;
  AddGlobals(app, g);
  int rc = kExitOk;

  // ---- init ----
  auto* init = app.add_subcommand("init", "create a registry (the head's account, keys, recovery key)");
  std::string init_head, init_name = "模擬県がん登録室", init_kdf = "interactive", init_recovery;
  init->add_option("--head", init_head, "login id of the registry head")->required();
  init->add_option("--name", init_name, "registry name");
  init->add_option("--kdf-profile", init_kdf, "Argon2id cost: interactive (default), moderate, minimum (tests only)");
  init->add_option("--recovery-key-out", init_recovery, "where to write the recovery key (default DIR/RECOVERY-KEY.txt)");
  init->callback([&] {
    if (g.registry.empty()) {
      rc = Fail(Status::InvalidArgument("give --registry DIR"));
      return;
    }
    auto pw = Password(g.password_file, "head's password");
    if (!pw.ok()) {
      rc = Fail(pw.status());
      return;
    }
    auto r = app::InitRegistry({g.registry, init_name, init_head, *pw, init_kdf, init_recovery},
                               Clock::System());
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    fmt::print("登録室を作成しました registry created: {} ({})\n", g.registry, r->registry_id);
    if (Status cert = EnsureCertificate(g.registry); !cert.ok()) {
      rc = Fail(cert);
      return;
    }
    fmt::print("復旧鍵 recovery key written ONCE to {}\n"
               "  → move it to the safe (金庫) now and delete every other copy.\n",
               r->recovery_key_file.string());
  });

  // ---- recovery ----
  auto* recovery = app.add_subcommand("recovery", "use the recovery key from the safe");
  recovery->require_subcommand(1);
  auto* rreset = recovery->add_subcommand(
      "reset-custodian", "give a custodian who lost the password a new one, with every category");
  std::string rr_name, rr_key, rr_new;
  rreset->add_option("NAME", rr_name)->required();
  rreset->add_option("--recovery-key", rr_key, "the recovery key file from the safe")->required();
  rreset->add_option("--new-password-file", rr_new)->required();
  rreset->callback([&] {
    if (g.registry.empty()) {
      rc = Fail(Status::InvalidArgument("give --registry DIR (or GANREG_REGISTRY)"));
      return;
    }
    auto np = ReadPasswordFile(rr_new);
    if (!np.ok()) {
      rc = Fail(np.status());
      return;
    }
    auto reg = app::Registry::Open(g.registry, Clock::System());
    if (!reg.ok()) {
      rc = Fail(reg.status());
      return;
    }
    Status st = (*reg)->RecoverCustodian(rr_key, rr_name, *np);
    if (!st.ok()) {
      rc = Fail(st);
      return;
    }
    fmt::print("復旧しました custodian {} restored with a new password and every category; "
               "return the recovery key to the safe\n", rr_name);
  });

  // ---- user ----
  auto* user = app.add_subcommand("user", "accounts and the work-assignment table");
  user->require_subcommand(1);
  auto* uadd = user->add_subcommand("add", "create an account");
  std::string ua_name, ua_role, ua_instructed, ua_initial;
  bool ua_system_lead = false;
  uadd->add_option("NAME", ua_name)->required();
  uadd->add_option("--role", ua_role, "head, task-lead, task-staff, admin-staff")->required();
  uadd->add_option("--instructed-by", ua_instructed, "the head whose instruction this follows");
  uadd->add_flag("--system-lead", ua_system_lead, "make this task lead the second custodian");
  uadd->add_option("--initial-password-file", ua_initial, "initial password (the user must change it)")->required();
  uadd->callback([&] {
    auto role = model::ParseRole(ua_role);
    if (!role) {
      rc = Fail(Status::InvalidArgument(fmt::format("unknown role '{}'", ua_role)));
      return;
    }
    auto initial = ReadPasswordFile(ua_initial);
    if (!initial.ok()) {
      rc = Fail(initial.status());
      return;
    }
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AddUser({ua_name, *role, *initial, ua_instructed, ua_system_lead});
      if (!r.ok()) return Fail(r.status());
      fmt::print("利用者を登録しました user added: {} ({}{}); created by {}{}\n", r->name,
                 model::RoleId(r->role), r->custodian ? ", custodian" : "", s.actor().name,
                 ua_instructed.empty() ? "" : ", instructed by " + ua_instructed);
      return kExitOk;
    });
  });
  auto* ugrant = user->add_subcommand("grant", "grant an information category");
  auto* urevoke = user->add_subcommand("revoke", "revoke an information category");
  std::string ug_name, ug_cat;
  for (auto* c : {ugrant, urevoke}) {
    c->add_option("NAME", ug_name)->required();
    c->add_option("CATEGORY", ug_cat, "notification-identity, notification-clinical, ledgers")->required();
  }
  ugrant->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.Grant(ug_name, ug_cat);
      if (!st.ok()) return Fail(st);
      fmt::print("付与しました granted: {} → {}\n", ug_cat, ug_name);
      return kExitOk;
    });
  });
  urevoke->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.Revoke(ug_name, ug_cat);
      if (!st.ok()) return Fail(st);
      fmt::print("取り消しました revoked: {} from {}\n", ug_cat, ug_name);
      return kExitOk;
    });
  });
  auto* upasswd = user->add_subcommand("passwd", "change your own password");
  std::string up_new;
  upasswd->add_option("--new-password-file", up_new)->required();
  upasswd->callback([&] {
    auto np = ReadPasswordFile(up_new);
    if (!np.ok()) {
      rc = Fail(np.status());
      return;
    }
    auto old = Password(g.password_file, "password");
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.ChangePassword(*old, *np);
      if (!st.ok()) return Fail(st);
      fmt::print("パスワードを変更しました password changed; next change due in 60 days\n");
      return kExitOk;
    });
  });
  auto* udisable = user->add_subcommand("disable", "disable a leaver's account and destroy its key slots");
  std::string ud_name;
  udisable->add_option("NAME", ud_name)->required();
  udisable->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.DisableUser(ud_name);
      if (!st.ok()) return Fail(st);
      fmt::print("無効化しました disabled: {} (key slots destroyed)\n", ud_name);
      return kExitOk;
    });
  });
  auto* ulist = user->add_subcommand("list", "accounts and their grants (the work-assignment table)");
  ulist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListUsers();
      if (!r.ok()) return Fail(r.status());
      fmt::print("{:<12} {:<12} {:<9} {:<10} {:<12} {}\n", "user", "role", "state", "created by",
                 "instructed", "categories");
      for (const auto& u : *r) {
        std::string state = u.disabled ? "disabled" : u.locked ? "locked" : u.password_expired ? "pw-change" : "active";
        std::string cats;
        for (const auto& c : u.categories) cats += (cats.empty() ? "" : ",") + c;
        fmt::print("{:<12} {:<12} {:<9} {:<10} {:<12} {}\n",
                   u.name + (u.custodian ? "*" : ""), model::RoleId(u.role), state, u.created_by,
                   u.instructed_by, cats);
      }
      fmt::print("(* = custodian: holds the administrator role, S-SYS-1)\n");
      return kExitOk;
    });
  });

  // ---- intake ----
  auto* intake = app.add_subcommand(
      "intake", "take in a notification file, or a transfer package (one, or its two parts)");
  std::vector<std::string> in_files;
  std::string in_from, in_medium, in_encoding = "auto", in_receipt;
  intake->add_option("FILE", in_files, "a CSV file, or package(s)")->required()->expected(1, 2);
  intake->add_option("--from", in_from, "sender's 10-digit medical institution code (CSV only)");
  intake->add_option("--medium", in_medium, "online, cd-r, usb, paper")->required();
  intake->add_option("--encoding", in_encoding, "utf-8, cp932 or auto (default; CSV only)");
  intake->add_option("--receipt-out", in_receipt, "where to write the signed receipt (packages)");
  intake->callback([&] {
    if (LooksLikePackage(in_files.front())) {
      // The sender is taken from the package's signature, not from --from.
      rc = IntakePackages(g, in_files, in_medium, in_receipt);
      return;
    }
    if (in_files.size() != 1 || in_from.empty()) {
      rc = Fail(Status::InvalidArgument("a CSV file is taken in one at a time, with --from CODE"));
      return;
    }
    const std::string& in_file = in_files.front();
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.Intake({in_file, in_from, in_medium, in_encoding, ""});
      if (!r.ok()) return Fail(r.status());
      PrintIntake(*r, in_file);
      return IntakeExit(*r);
    });
  });

  // ---- file ----
  auto* file = app.add_subcommand("file", "received files");
  file->require_subcommand(1);
  auto* fshow = file->add_subcommand("show", "a received file and the report of its held-back rows");
  int64_t fs_id = 0;
  fshow->add_option("FILE_ID", fs_id)->required();
  fshow->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.FileReport(fs_id);
      if (!r.ok()) return Fail(r.status());
      fmt::print("file #{} {} from {}: {} — read {} = accepted {} + held back {}\n", r->file_id,
                 r->display_name, r->hospital_code, r->status, r->rows_read, r->rows_accepted,
                 r->rows_held);
      if (!r->reason.empty()) fmt::print("  {}\n", r->reason);
      for (const auto& i : r->issues) fmt::print("  {}\n", i);
      return kExitOk;
    });
  });

  // ---- notification ----
  auto* notif = app.add_subcommand("notification", "notifications");
  notif->require_subcommand(1);
  auto* nlist = notif->add_subcommand("list", "list notifications (clinical part)");
  int64_t nl_limit = 50, nl_offset = 0;
  nlist->add_option("--limit", nl_limit);
  nlist->add_option("--offset", nl_offset);
  nlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListNotifications(nl_limit, nl_offset);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{:<17} {:<11} {:>5} {:>5}  {:<6} {:<7} {}\n", "key no.", "hospital", "file",
                 "line", "site", "morph.", "diagnosed");
      for (const auto& n : *r) {
        fmt::print("{:<17} {:<11} {:>5} {:>5}  {:<6} {:<7} {}\n", n.key_no, n.hospital_code,
                   n.file_id, n.line, n.primary_site, n.morphology, n.diagnosis_date);
      }
      return kExitOk;
    });
  });
  auto* nshow = notif->add_subcommand("show", "one notification");
  int64_t ns_key = 0;
  bool ns_identity = false;
  nshow->add_option("KEYNO", ns_key)->required();
  nshow->add_flag("--identity", ns_identity, "also show the identity part (needs the grant; audited)");
  nshow->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowNotification(ns_key, ns_identity);
      if (!r.ok()) return Fail(r.status());
      fmt::print("key no. {}  hospital {}  file #{} line {}\n", r->summary.key_no,
                 r->summary.hospital_code, r->summary.file_id, r->summary.line);
      for (const auto& d : model::Items()) {
        if (d.part == model::Part::kIdentity && !r->has_identity) continue;
        fmt::print("  {:<28} {:<24} {}\n", d.label, d.id, r->row[d.item]);
      }
      return kExitOk;
    });
  });

  // ---- ledger ----
  auto* ledger = app.add_subcommand("ledger", "ledgers");
  ledger->require_subcommand(1);
  auto* lshow = ledger->add_subcommand("show", "show a ledger");
  std::string ls_name;
  lshow->add_option("LEDGER", ls_name, "handover")->required()->check(CLI::IsMember({"handover"}));
  lshow->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.HandoverBook();
      if (!r.ok()) return Fail(r.status());
      PrintHandover(*r);
      return kExitOk;
    });
  });

  // ---- audit ----
  auto* audit = app.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* averify = audit->add_subcommand("verify", "check the whole chain and its checkpoints");
  std::vector<std::string> av_checkpoints;
  averify->add_option("--checkpoint", av_checkpoints, "exported checkpoint file(s) to check against");
  averify->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      std::vector<std::filesystem::path> files(av_checkpoints.begin(), av_checkpoints.end());
      auto r = s.VerifyAudit(files);
      if (!r.ok()) return Fail(r.status());
      if (!r->intact) {
        fmt::print("監査証跡 audit trail: 改ざんを検出 BROKEN at event #{}: {}\n", r->first_bad_seq,
                   r->problem);
        return kExitTampered;
      }
      fmt::print("監査証跡 audit trail: 正常 OK — {} events, {} checkpoints verified\n", r->events,
                 r->checkpoints);
      return kExitOk;
    });
  });
  auto* aexport = audit->add_subcommand("export-checkpoint", "sign the current head and write it to FILE");
  std::string ae_file;
  aexport->add_option("FILE", ae_file)->required();
  aexport->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ExportCheckpoint(ae_file);
      if (!r.ok()) return Fail(r.status());
      fmt::print("checkpoint at event #{} written to {}; keep it outside the registry\n", *r, ae_file);
      return kExitOk;
    });
  });

  // ---- synth ----
  auto* synth = app.add_subcommand("synth", "synthetic data (invented people only)");
  synth->require_subcommand(1);
  auto* snotif = synth->add_subcommand("notifications", "write a synthetic notification file");
  uint64_t sn_rows = 100, sn_seed = 1, sn_faulty = 0;
  std::string sn_out, sn_encoding = "utf-8", sn_data;
  bool sn_bom = false, sn_lf = false;
  snotif->add_option("--rows", sn_rows);
  snotif->add_option("--seed", sn_seed);
  snotif->add_option("--out", sn_out)->required();
  snotif->add_option("--encoding", sn_encoding, "utf-8 or cp932");
  snotif->add_option("--faulty-rows", sn_faulty, "rows with one injected fault each");
  snotif->add_option("--data-dir", sn_data, "name and place data (default: the build's data folder)");
  snotif->add_flag("--bom", sn_bom, "start a UTF-8 file with a BOM");
  snotif->add_flag("--lf", sn_lf, "LF line endings instead of CRLF");
  snotif->callback([&] {
    auto enc = text::ParseEncoding(sn_encoding);
    if (!enc.ok()) {
      rc = Fail(enc.status());
      return;
    }
    synth::NotificationOptions o;
    o.rows = sn_rows;
    o.seed = sn_seed;
    o.encoding = *enc;
    o.bom = sn_bom;
    o.crlf = !sn_lf;
    o.faulty_rows = sn_faulty;
    o.today = JapanDate(Clock::System().NowSeconds());
    o.data_dir = sn_data.empty() ? synth::DefaultDataDir() : std::filesystem::path(sn_data);
    auto r = synth::WriteNotifications(o, sn_out);
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    fmt::print("{}: {} synthetic rows ({}), {} with injected faults\n", sn_out, r->rows,
               sn_encoding, r->faults.size());
    for (const auto& f : r->faults) fmt::print("  line {}: {} ({})\n", f.line, f.item, f.kind);
  });

  AddTransferCommands(app, g, rc);
  AddLinkageCommands(app, g, rc);
  AddLedgerCommands(app, g, rc);
  AddServeCommands(app, g, rc);
  AddOfficeCommands(app, g, rc);
  AddDeathCommands(app, g, rc);  // deaths and the follow-back (issue #5); after `synth`
  AddRegisterCommands(app, g, rc);

  // ---- demo ----
  auto* demo = app.add_subcommand("demo", "create a demo registry with synthetic staff and files");
  DemoOptions demo_options;
  demo->add_option("--dir", demo_options.dir, "a new folder for the demo registry")->required();
  demo->add_option("--data-dir", demo_options.data_dir, "synthetic name and place data");
  demo->add_option("--kdf-profile", demo_options.kdf_profile, "Argon2id cost");
  demo->add_option("--rows", demo_options.rows, "rows per hospital file");
  demo->callback([&] { rc = RunDemo(demo_options); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return rc;
}

}  // namespace ganreg::cli
