// Transfer-package subcommands over the app layer (issue #3).
#include "cli/transfer_commands.h"

#include <fstream>

#include <fmt/format.h>

#include "app/transfer.h"
#include "cli/exit_codes.h"
#include "core/files.h"

namespace ganreg::cli {

bool LooksLikePackage(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic && std::string_view(magic, 8) == "GNRGXFER";
}

int IntakePackages(const Globals& g, const std::vector<std::string>& files,
                   const std::string& medium, const std::string& receipt_out) {
  return WithSession(g, [&](app::Session& s) {
    app::IntakePackageRequest req;
    for (const auto& f : files) req.files.emplace_back(f);
    req.medium = medium;
    req.receipt_out = receipt_out;
    auto r = s.IntakePackage(req);
    if (!r.ok()) return Fail(r.status());
    if (r->duplicate) {
      fmt::print("{}: 受付済み already received — {}; 追加なし nothing added\n", files.front(),
                 r->reason);
      return kExitOk;
    }
    fmt::print("{}: package {} from {}: file #{}: 読込 read {} = 受理 accepted {} + 保留 held back {}\n",
               files.front(), r->package_id, r->sender, r->file_id, r->rows_read, r->rows_accepted,
               r->rows_held);
    for (const auto& issue : r->issues) fmt::print("  {}\n", issue);
    fmt::print("受領書 receipt for the sender: {}\n", r->receipt.string());
    return r->rows_held > 0 ? kExitHeldBack : kExitOk;
  });
}

void AddTransferCommands(CLI::App& app, Globals& g, int& rc) {
  // ---- keygen (hospital or registry staff; no registry needed) ----
  auto* keygen = app.add_subcommand("keygen", "make a key pair for transfer packages");
  static std::string kg_out, kg_name, kg_pwfile;
  keygen->add_option("--out", kg_out, "PREFIX: writes PREFIX.pub and PREFIX.key")->required();
  keygen->add_option("--name", kg_name, "whose key this is (e.g. the hospital code)");
  keygen->add_option("--key-password-file", kg_pwfile, "password that seals PREFIX.key")->required();
  keygen->callback([&] {
    auto pw = ReadPasswordFile(kg_pwfile);
    if (!pw.ok()) {
      rc = Fail(pw.status());
      return;
    }
    Status s = app::GenerateKeyPair(kg_out, kg_name.empty() ? kg_out : kg_name, *pw);
    if (!s.ok()) {
      rc = Fail(s);
      return;
    }
    fmt::print("鍵を作成しました key pair written: {0}.pub (give it to the registry), {0}.key "
               "(keep it; sealed under your password)\n", kg_out);
  });

  // ---- partner (registry) ----
  auto* partner = app.add_subcommand("partner", "hospitals whose packages are accepted (S-SYS-4)");
  partner->require_subcommand(1);
  auto* padd = partner->add_subcommand("add", "register (or replace) a hospital's public key");
  static std::string pa_code, pa_key;
  padd->add_option("HOSPITAL_CODE", pa_code)->required();
  padd->add_option("--public-key", pa_key)->required();
  padd->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AddPartner(pa_code, pa_key);
      if (!r.ok()) return Fail(r.status());
      fmt::print("登録しました partner registered: {} ({}) fingerprint {}\n", r->code, r->name,
                 r->fingerprint);
      return kExitOk;
    });
  });
  auto* prevoke = partner->add_subcommand("revoke", "stop accepting a hospital's key");
  static std::string pr_code;
  prevoke->add_option("HOSPITAL_CODE", pr_code)->required();
  prevoke->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.RevokePartner(pr_code);
      if (!st.ok()) return Fail(st);
      fmt::print("失効しました revoked: {}\n", pr_code);
      return kExitOk;
    });
  });
  auto* plist = partner->add_subcommand("list", "registered partners");
  plist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListPartners();
      if (!r.ok()) return Fail(r.status());
      for (const auto& p : *r) {
        fmt::print("{}  {:<20} {}  registered {} by {}{}\n", p.code, p.name, p.fingerprint,
                   FormatUtc(p.registered_at), p.registered_by, p.revoked ? "  REVOKED" : "");
      }
      return kExitOk;
    });
  });

  // ---- registry public-key ----
  auto* registry = app.add_subcommand("registry", "the registry itself");
  registry->require_subcommand(1);
  auto* rkey = registry->add_subcommand("public-key", "write the registry's public key for hospitals");
  static std::string rk_out;
  rkey->add_option("--out", rk_out)->required();
  rkey->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.ExportRegistryPublicKey(rk_out);
      if (!st.ok()) return Fail(st);
      fmt::print("公開鍵 registry public key written to {}\n", rk_out);
      return kExitOk;
    });
  });

  // ---- pack (hospital) ----
  auto* pack = app.add_subcommand("pack", "validate, split, seal and sign a notification file");
  static std::string pk_file, pk_sign, pk_out, pk_keypw, pk_passfile;
  static std::vector<std::string> pk_to, pk_to_identity, pk_to_clinical;
  static bool pk_split = false, pk_allow_invalid = false;
  pack->add_option("FILE", pk_file)->required();
  pack->add_option("--to", pk_to, "recipient public key file(s) of both parts");
  pack->add_option("--to-identity", pk_to_identity,
                   "recipient public key file(s) of the identity part only (S-TRN-2)");
  pack->add_option("--to-clinical", pk_to_clinical,
                   "recipient public key file(s) of the clinical part only (S-TRN-2)");
  pack->add_option("--sign-with", pk_sign, "your PREFIX.key")->required();
  pack->add_option("--key-password-file", pk_keypw, "password of PREFIX.key (default: --password-file)");
  pack->add_option("--out", pk_out)->required();
  pack->add_option("--passphrase-file", pk_passfile, "also seal with a passphrase (S-TRN-3)");
  pack->add_flag("--split", pk_split, "write the identity and clinical parts as two packages");
  pack->add_flag("--allow-invalid", pk_allow_invalid, "pack a file whose rows intake would hold back");
  pack->callback([&] {
    auto pw = ReadPasswordFile(pk_keypw.empty() ? g.password_file : pk_keypw);
    if (!pw.ok()) {
      rc = Fail(pw.status());
      return;
    }
    app::PackRequest req;
    req.csv = pk_file;
    for (const auto& t : pk_to) req.to.emplace_back(t);
    for (const auto& t : pk_to_identity) req.to_identity.emplace_back(t);
    for (const auto& t : pk_to_clinical) req.to_clinical.emplace_back(t);
    req.sign_with = pk_sign;
    req.password = *pw;
    req.out = pk_out;
    req.split = pk_split;
    req.allow_invalid = pk_allow_invalid;
    if (!pk_passfile.empty()) {
      auto pp = ReadPasswordFile(pk_passfile);
      if (!pp.ok()) {
        rc = Fail(pp.status());
        return;
      }
      req.passphrase = *pp;
    }
    auto r = app::PackNotifications(req, Clock::System());
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    for (size_t i = 0; i < r->files.size(); ++i) {
      fmt::print("{}: package {} ({} rows)\n", r->files[i].string(), r->package_ids[i], r->rows);
    }
  });

  // ---- verify (registry) ----
  auto* verify = app.add_subcommand("verify", "check a package: intact, from a registered sender");
  static std::string vf_file;
  verify->add_option("PACKAGE", vf_file)->required();
  verify->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.VerifyPackage(vf_file);
      if (!r.ok()) return Fail(r.status());
      // Packages live at most 60 days (the national electronic files' limit); show what is left.
      const int64_t left = r->expires_at - Clock::System().NowSeconds();
      const std::string remaining =
          left >= 86400 ? fmt::format("{} days left", left / 86400) : "less than a day left";
      fmt::print("正常 OK: package {} from {} ({}), purpose {}, created {}, expires {} (有効期限 "
                 "60日以内 valid for at most 60 days; {}), parts {}{}\n",
                 r->package_id, r->sender_code, r->sender_name, r->purpose,
                 FormatUtc(r->created_at), FormatUtc(r->expires_at), remaining, r->parts.size(),
                 r->parts_verified ? ", contents verified" : " (contents not opened: no inbound grant)");
      return kExitOk;
    });
  });

  // ---- dispatch (registry → hospitals, users) ----
  auto* dispatch = app.add_subcommand("dispatch", "send a file out as a package; recorded in the hand-over book");
  static std::string dp_file, dp_recipient, dp_summary, dp_medium, dp_out, dp_purpose = "extract";
  static std::string dp_passfile;
  static std::vector<std::string> dp_to;
  dispatch->add_option("FILE", dp_file)->required();
  dispatch->add_option("--to", dp_to, "recipient public key file(s)");
  dispatch->add_option("--passphrase-file", dp_passfile,
                       "also seal with a passphrase, for a partner without a key (S-TRN-3)");
  dispatch->add_option("--recipient", dp_recipient, "who it is for (hand-over book)")->required();
  dispatch->add_option("--summary", dp_summary, "content summary, no personal information")->required();
  dispatch->add_option("--medium", dp_medium, "online, cd-r, usb, paper")->required();
  dispatch->add_option("--purpose", dp_purpose);
  dispatch->add_option("--out", dp_out)->required();
  dispatch->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      app::DispatchRequest req;
      req.file = dp_file;
      for (const auto& t : dp_to) req.to.emplace_back(t);
      req.recipient = dp_recipient;
      req.summary = dp_summary;
      req.medium = dp_medium;
      req.purpose = dp_purpose;
      req.out = dp_out;
      if (!dp_passfile.empty()) {
        auto pp = ReadPasswordFile(dp_passfile);
        if (!pp.ok()) return Fail(pp.status());
        req.passphrase = *pp;
      }
      auto r = s.Dispatch(req);
      if (!r.ok()) return Fail(r.status());
      fmt::print("発送 dispatched: package {} written to {}; recorded in the hand-over book\n", *r,
                 dp_out);
      return kExitOk;
    });
  });

  // ---- unpack (recipient side) ----
  auto* unpack = app.add_subcommand("unpack", "open the parts of a package sealed to your key");
  static std::string up_file, up_key, up_keypw, up_from, up_dir, up_passfile;
  unpack->add_option("PACKAGE", up_file)->required();
  unpack->add_option("--key", up_key, "your PREFIX.key");
  unpack->add_option("--key-password-file", up_keypw);
  unpack->add_option("--passphrase-file", up_passfile, "open parts wrapped under a passphrase");
  unpack->add_option("--from-key", up_from, "the sender's public key (e.g. the registry's)")->required();
  unpack->add_option("--out-dir", up_dir)->required();
  unpack->callback([&] {
    std::string pw;
    if (!up_key.empty()) {
      auto read = ReadPasswordFile(up_keypw);
      if (!read.ok()) {
        rc = Fail(read.status());
        return;
      }
      pw = *read;
    }
    std::optional<std::string> passphrase;
    if (!up_passfile.empty()) {
      auto pp = ReadPasswordFile(up_passfile);
      if (!pp.ok()) {
        rc = Fail(pp.status());
        return;
      }
      passphrase = *pp;
    }
    auto r = app::UnpackPackage(up_file, up_key, pw, up_from, up_dir, Clock::System(), passphrase);
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    for (const auto& f : *r) fmt::print("{}\n", f.string());
  });

  // ---- readdress (re-seal the key header only) ----
  auto* readdress = app.add_subcommand("readdress", "address a package to other recipients without re-encrypting it");
  static std::string ra_file, ra_key, ra_keypw, ra_out, ra_passfile;
  static std::vector<std::string> ra_to;
  static bool ra_keep = false;
  readdress->add_option("PACKAGE", ra_file)->required();
  readdress->add_option("--to", ra_to, "new recipient public key file(s)")->required();
  readdress->add_option("--key", ra_key,
                        "your PREFIX.key: opens the parts sealed to it, and signs")->required();
  readdress->add_option("--passphrase-file", ra_passfile,
                        "opens the parts wrapped under a passphrase (e.g. a passphrase-only package)");
  readdress->add_option("--key-password-file", ra_keypw)->required();
  readdress->add_flag("--keep", ra_keep, "keep the current recipients too");
  readdress->add_option("--out", ra_out)->required();
  readdress->callback([&] {
    auto pw = ReadPasswordFile(ra_keypw);
    if (!pw.ok()) {
      rc = Fail(pw.status());
      return;
    }
    std::optional<std::string> passphrase;
    if (!ra_passfile.empty()) {
      auto pp = ReadPasswordFile(ra_passfile);
      if (!pp.ok()) {
        rc = Fail(pp.status());
        return;
      }
      passphrase = *pp;
    }
    std::vector<std::filesystem::path> to(ra_to.begin(), ra_to.end());
    Status st = app::ReaddressPackage(ra_file, ra_key, *pw, to, ra_keep, ra_out, passphrase);
    if (!st.ok()) {
      rc = Fail(st);
      return;
    }
    fmt::print("{}: re-addressed (payload unchanged)\n", ra_out);
  });

  // ---- verify-receipt (hospital) ----
  auto* vreceipt = app.add_subcommand("verify-receipt", "check a registry's signed receipt");
  static std::string vr_file, vr_key;
  vreceipt->add_option("RECEIPT", vr_file)->required();
  vreceipt->add_option("--registry-key", vr_key, "the registry's public key file")->required();
  vreceipt->callback([&] {
    auto r = app::CheckReceipt(vr_file, vr_key);
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    fmt::print("受領書は正当です receipt verified: package {} {} by registry {} on {}: read {} = "
               "accepted {} + held back {}\n", r->package_id, r->outcome, r->registry_id,
               FormatUtc(r->received_at), r->rows_read, r->rows_accepted, r->rows_held);
  });
}

}  // namespace ganreg::cli
