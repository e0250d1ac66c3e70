// Use cases of transfer packages (issue #3): partners (S-SYS-4), the registry's public key,
// verifying and taking in packages (S-TRN-2, S-ACQ-1, S-ACQ-5), receipts; and the hospital side.
#include <set>

#include <fmt/format.h>

#include "access/password_policy.h"
#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "app/transfer.h"
#include "core/files.h"
#include "crypto/crypto.h"
#include "ledger/handover.h"
#include "transfer/package.h"

namespace ganreg::app {

namespace {
PartnerInfo ToInfo(const store::PartnerRecord& p) {
  return {p.code, p.name, p.fingerprint, p.registered_at, p.registered_by, p.revoked_at != 0};
}

bool AddressedTo(const transfer::PartInfo& part, const std::string& fingerprint) {
  for (const auto& r : part.recipients) {
    if (r == fingerprint) return true;
  }
  return false;
}
}  // namespace

Result<PartnerInfo> Session::AddPartner(std::string_view code, const std::filesystem::path& file) {
  return Run<PartnerInfo>(Action::kPartnerAdd, fmt::format("partner:{}", code),
                          [&](Work& w) -> Result<PartnerInfo> {
    if (!internal::IsInstitutionCode(code)) {
      return Status::InvalidArgument(
          fmt::format("'{}' is not a 10-digit medical institution code", code));
    }
    GANREG_ASSIGN_OR_RETURN(transfer::PublicKey key, transfer::ReadPublicKey(file));
    store::PartnerRecord p;
    p.code = code;
    p.name = key.name;
    p.box_key = key.box_key;
    p.sign_key = key.sign_key;
    p.fingerprint = key.Fingerprint();
    p.registered_at = registry_.clock_->NowSeconds();
    p.registered_by = actor_.name;
    GANREG_ASSIGN_OR_RETURN(auto other, db_.FindPartnerBySignKey(p.sign_key));
    if (other && other->code != p.code) {
      return Status::AlreadyExists(
          fmt::format("this key is registered already for {}", other->code));
    }
    GANREG_ASSIGN_OR_RETURN(auto earlier, db_.FindPartner(code));
    GANREG_RETURN_IF_ERROR(db_.PutPartner(p));
    // S-SYS-4: the definition update is recorded (the event carries the old and new keys).
    w.detail = fmt::format("fingerprint={}{}", p.fingerprint,
                           earlier ? " replaces " + earlier->fingerprint : "");
    return ToInfo(p);
  });
}

Status Session::RevokePartner(std::string_view code) {
  return Run<bool>(Action::kPartnerRevoke, fmt::format("partner:{}", code),
                   [&](Work& w) -> Result<bool> {
           GANREG_ASSIGN_OR_RETURN(auto p, db_.FindPartner(code));
           if (!p) return Status::NotFound(fmt::format("no partner {}", code));
           p->revoked_at = registry_.clock_->NowSeconds();
           GANREG_RETURN_IF_ERROR(db_.PutPartner(*p));
           w.detail = fmt::format("fingerprint={}", p->fingerprint);
           return true;
         })
      .status();
}

Result<std::vector<PartnerInfo>> Session::ListPartners() {
  return Run<std::vector<PartnerInfo>>(Action::kPartnerList, "partners",
                                       [&](Work&) -> Result<std::vector<PartnerInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListPartners());
    std::vector<PartnerInfo> out;
    for (const auto& p : rows) out.push_back(ToInfo(p));
    return out;
  });
}

namespace {
// The registry as a transfer party: its receiving key is the inbound category's public key,
// its signing key the audit key (which also signs checkpoints).
Result<transfer::PublicKey> RegistryKey(store::Database& db, const std::string& registry_id,
                                        const std::string& audit_public_key) {
  GANREG_ASSIGN_OR_RETURN(auto inbound,
                          db.CurrentCategoryKey(model::CategoryId(model::Category::kInbound)));
  return transfer::PublicKey{"registry:" + registry_id, inbound.public_key, audit_public_key};
}
}  // namespace

Status Session::ExportRegistryPublicKey(const std::filesystem::path& out) {
  return Run<bool>(Action::kRegistryPublicKey, "registry", [&](Work& w) -> Result<bool> {
           GANREG_ASSIGN_OR_RETURN(auto key, RegistryKey(db_, registry_.id_,
                                                         registry_.audit_public_key_));
           GANREG_RETURN_IF_ERROR(WriteNewFile(out, transfer::FormatPublicKey(key)));
           w.detail = fmt::format("fingerprint={}", key.Fingerprint());
           return true;
         })
      .status();
}

namespace {
struct CheckedPackage {
  std::unique_ptr<transfer::PackageReader> reader;
  store::PartnerRecord sender;
};

// The checks every package passes before anything of it is used. kRejected names the reason.
Result<CheckedPackage> CheckPackage(store::Database& db, const std::filesystem::path& file,
                                    const transfer::PublicKey& registry, int64_t now) {
  auto reader = transfer::PackageReader::Open(file);
  if (!reader.ok()) {
    if (reader.status().code() == StatusCode::kDataLoss) {
      return Status::Rejected(reader.status().message());
    }
    return reader.status();
  }
  const transfer::Manifest& m = (*reader)->manifest();
  GANREG_ASSIGN_OR_RETURN(auto sender, db.FindPartnerBySignKey(m.sender.sign_key));
  if (!sender) {
    return Status::Rejected(fmt::format(
        "{}: signed by {} ({}), which is not a registered partner of this registry",
        file.string(), m.sender.name, m.sender.Fingerprint()));
  }
  if (sender->revoked_at != 0) {
    return Status::Rejected(fmt::format("{}: signed by {} whose key was revoked on {}",
                                        file.string(), sender->code, FormatUtc(sender->revoked_at)));
  }
  if (m.ExpiredAt(now)) {
    return Status::Rejected(
        fmt::format("{}: the package expired on {}", file.string(), FormatUtc(m.expires_at)));
  }
  const std::string mine = registry.Fingerprint();
  bool any = false;
  for (const auto& part : m.parts) any = any || AddressedTo(part, mine);
  if (!any) {
    return Status::Rejected(
        fmt::format("{}: no part is addressed to this registry ({})", file.string(), mine));
  }
  return CheckedPackage{std::move(reader).value(), std::move(sender).value()};
}
}  // namespace

Result<PackageCheck> Session::VerifyPackage(const std::filesystem::path& file) {
  return Run<PackageCheck>(Action::kPackageVerify, "package:" + file.filename().string(),
                           [&](Work& w) -> Result<PackageCheck> {
    GANREG_ASSIGN_OR_RETURN(auto registry, RegistryKey(db_, registry_.id_, registry_.audit_public_key_));
    GANREG_ASSIGN_OR_RETURN(auto checked,
                            CheckPackage(db_, file, registry, registry_.clock_->NowSeconds()));
    const transfer::Manifest& m = checked.reader->manifest();
    PackageCheck c{m.package_id, checked.sender.code, checked.sender.name, m.purpose,
                   m.created_at, m.expires_at, {}, false};
    for (const auto& p : m.parts) c.parts.push_back(p.name);
    w.object = "package:" + m.package_id;
    // With the inbound grant, every part addressed to us is decrypted to nowhere and matched.
    auto inbound = CategoryKey(model::Category::kInbound);
    if (inbound.ok()) {
      for (const auto& p : m.parts) {
        if (!AddressedTo(p, registry.Fingerprint())) continue;
        Status s = checked.reader->VerifyPart(p.name, registry.box_key, **inbound);
        if (!s.ok()) return Status::Rejected(s.message());
      }
      c.parts_verified = true;
    }
    w.detail = fmt::format("sender={} parts={} contents={}", c.sender_code, c.parts.size(),
                           c.parts_verified ? "verified" : "not opened (no inbound grant)");
    return c;
  });
}

Result<IntakeResult> Session::IntakePackage(const IntakePackageRequest& req) {
  const std::string display = req.files.empty() ? "" : req.files.front().filename().string();
  return Run<IntakeResult>(Action::kPackageIntake, "package:" + display,
                           [&](Work& w) -> Result<IntakeResult> {
    if (req.files.empty() || req.files.size() > 2) {
      return Status::InvalidArgument("give one package, or the identity and clinical packages");
    }
    if (req.medium != "online" && req.medium != "cd-r" && req.medium != "usb" &&
        req.medium != "paper") {
      return Status::InvalidArgument(
          fmt::format("--medium '{}' is not one of online, cd-r, usb, paper", req.medium));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(auto registry, RegistryKey(db_, registry_.id_, registry_.audit_public_key_));
    std::vector<CheckedPackage> packages;
    for (const auto& f : req.files) {
      GANREG_ASSIGN_OR_RETURN(auto checked, CheckPackage(db_, f, registry, now));
      packages.push_back(std::move(checked));
    }
    if (packages.size() == 2 && packages[0].sender.code != packages[1].sender.code) {
      return Status::Rejected("the two packages come from different senders");
    }
    // Which package holds which part.
    transfer::PackageReader* identity = nullptr;
    transfer::PackageReader* clinical = nullptr;
    std::vector<std::string> ids;
    for (auto& p : packages) {
      ids.push_back(p.reader->manifest().package_id);
      for (const auto& part : p.reader->manifest().parts) {
        if (part.name == "identity" && AddressedTo(part, registry.Fingerprint())) identity = p.reader.get();
        if (part.name == "clinical" && AddressedTo(part, registry.Fingerprint())) clinical = p.reader.get();
      }
    }
    if (identity == nullptr || clinical == nullptr) {
      return Status::Rejected(
          "the package(s) do not hold both an identity and a clinical part addressed to this "
          "registry");
    }
    w.object = "package:" + ids.front();
    // A replayed package (the same id, whatever its bytes) is recognised and adds nothing.
    for (const auto& id : ids) {
      GANREG_ASSIGN_OR_RETURN(auto seen, db_.FindPackage(id));
      if (seen) {
        IntakeResult dup;
        dup.duplicate = true;
        dup.file_id = seen->file_id;
        dup.package_id = id;
        dup.sender = seen->sender;
        dup.reason = fmt::format("package {} was taken in before as file #{}", id, seen->file_id);
        w.detail = "replayed package: nothing added";
        return dup;
      }
    }
    // S-TRN-2: only a holder of the inbound grant may open the parts.
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* inbound, CategoryKey(model::Category::kInbound));
    const std::string sender = packages.front().sender.code;
    const int32_t today = JapanDate(now);
    IntakeSource source;
    source.file = req.files.front();
    source.more_files.assign(req.files.begin() + 1, req.files.end());
    source.display = display;
    source.hospital_code = sender;
    source.medium = req.medium;
    source.encoding = "utf-8";
    source.kind = fmt::format("移送パッケージ (transfer package) {}", ids.front().substr(0, 12));
    source.open_reader = [&]() {
      return transfer::OpenNotificationParts(*identity, *clinical, registry.box_key, *inbound,
                                             display, today);
    };
    source.after_file = [&](int64_t file_id) -> Status {
      for (auto& p : packages) {
        const transfer::Manifest& m = p.reader->manifest();
        GANREG_RETURN_IF_ERROR(db_.InsertPackage(
            {m.package_id, file_id, sender, m.purpose, m.created_at, m.expires_at}));
      }
      return Status::Ok();
    };
    GANREG_ASSIGN_OR_RETURN(IntakeResult r, TakeIn(source, w));
    r.package_id = ids.front();
    r.sender = sender;
    if (r.duplicate) return r;
    // The signed receipt for the sender (written after the rows; a retry writes it again).
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* audit_key, CategoryKey(model::Category::kAudit));
    GANREG_ASSIGN_OR_RETURN(std::string sealed, db_.GetMeta("audit_signing_key_sealed"));
    GANREG_ASSIGN_OR_RETURN(auto audit_cat,
                            db_.CurrentCategoryKey(model::CategoryId(model::Category::kAudit)));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes signer,
                            crypto::OpenSealed(audit_cat.public_key, *audit_key, sealed));
    transfer::Receipt receipt;
    receipt.package_id = ids.front();
    receipt.registry_id = registry_.id_;
    receipt.registry = registry;
    receipt.received_at = now;
    receipt.rows_read = static_cast<uint64_t>(r.rows_read);
    receipt.rows_accepted = static_cast<uint64_t>(r.rows_accepted);
    receipt.rows_held = static_cast<uint64_t>(r.rows_held);
    receipt.outcome = r.rejected ? "rejected" : "accepted";
    r.receipt = req.receipt_out.empty() ? std::filesystem::path(req.files.front().string() + ".receipt")
                                        : req.receipt_out;
    GANREG_RETURN_IF_ERROR(WriteFileAtomically(r.receipt, transfer::FormatReceipt(receipt, signer), 0644));
    w.detail += fmt::format(" sender={} package={}", sender, ids.front());
    return r;
  });
}

Result<std::string> Session::Dispatch(const DispatchRequest& req) {
  return Run<std::string>(Action::kDispatch, "dispatch:" + req.file.filename().string(),
                          [&](Work& w) -> Result<std::string> {
    auto medium = ledger::ParseMedium(req.medium);
    if (!medium) {
      return Status::InvalidArgument(
          fmt::format("--medium '{}' is not one of online, cd-r, usb, paper", req.medium));
    }
    if (req.to.empty() && !req.passphrase) {
      return Status::InvalidArgument("give at least one recipient (--to) or a passphrase");
    }
    if (req.recipient.empty() || req.summary.empty()) {
      return Status::InvalidArgument(
          "the hand-over book needs the recipient and a content summary (S-ACQ-5)");
    }
    std::vector<transfer::PublicKey> recipients;
    for (const auto& f : req.to) {
      GANREG_ASSIGN_OR_RETURN(auto k, transfer::ReadPublicKey(f));
      recipients.push_back(std::move(k));
    }
    // The registry signs with its signing key (the audit key, held by every active account).
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* audit_key, CategoryKey(model::Category::kAudit));
    GANREG_ASSIGN_OR_RETURN(std::string sealed, db_.GetMeta("audit_signing_key_sealed"));
    GANREG_ASSIGN_OR_RETURN(auto audit_cat,
                            db_.CurrentCategoryKey(model::CategoryId(model::Category::kAudit)));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes sign_secret,
                            crypto::OpenSealed(audit_cat.public_key, *audit_key, sealed));
    GANREG_ASSIGN_OR_RETURN(auto registry, RegistryKey(db_, registry_.id_, registry_.audit_public_key_));
    transfer::SecretKey signer;
    signer.public_key = registry;
    signer.sign_secret = std::move(sign_secret);
    signer.box_secret = crypto::SecretBytes::Random(crypto::kKeyBytes);  // not used for signing
    const int64_t now = registry_.clock_->NowSeconds();
    transfer::PartSource part = transfer::FilePart("data", req.file, recipients);
    part.passphrase = req.passphrase;
    GANREG_ASSIGN_OR_RETURN(
        auto m, transfer::WritePackage(req.purpose, now,
                                       now + int64_t{req.expires_days} * internal::kSecondsPerDay,
                                       {part}, signer, req.out));
    // S-ACQ-5 / S-TRN-5: every dispatch is in the hand-over book.
    ledger::Delivery d;
    d.at = now;
    d.handled_by = actor_.name;
    d.counterpart = recipients.empty() ? req.recipient : recipients.front().name;
    d.recipient = req.recipient;
    d.summary = fmt::format("{} (package {})", req.summary, m.package_id.substr(0, 12));
    d.medium = *medium;
    GANREG_RETURN_IF_ERROR(ledger::RecordDispatch(db_, d).status());
    w.object = "package:" + m.package_id;
    w.detail = fmt::format("purpose={} recipients={} medium={}", req.purpose, recipients.size(),
                           req.medium);
    return m.package_id;
  });
}

// ---------------------------------------------------------------- hospital side

Status GenerateKeyPair(const std::filesystem::path& prefix, std::string_view name,
                       std::string_view password) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  return transfer::WriteKeyPair(prefix, name, password);
}

Result<PackResult> PackNotifications(const PackRequest& req, const Clock& clock) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  // S-TRN-2: each part is sealed to its own recipients (common ones plus its own).
  if ((req.to.empty() && req.to_identity.empty() && !req.passphrase) ||
      (req.to.empty() && req.to_clinical.empty() && !req.passphrase)) {
    return Status::InvalidArgument(
        "give at least one recipient for each part (--to, or --to-identity and --to-clinical) or "
        "a passphrase");
  }
  GANREG_ASSIGN_OR_RETURN(transfer::SecretKey signer,
                          transfer::ReadSecretKey(req.sign_with, req.password));
  auto read_keys = [](const std::vector<std::filesystem::path>& common,
                      const std::vector<std::filesystem::path>& own)
      -> Result<std::vector<transfer::PublicKey>> {
    std::vector<transfer::PublicKey> keys;
    std::set<std::string> seen;
    for (const auto* list : {&common, &own}) {
      for (const auto& f : *list) {
        GANREG_ASSIGN_OR_RETURN(auto k, transfer::ReadPublicKey(f));
        if (seen.insert(k.Fingerprint()).second) keys.push_back(std::move(k));
      }
    }
    return keys;
  };
  GANREG_ASSIGN_OR_RETURN(auto identity_to, read_keys(req.to, req.to_identity));
  GANREG_ASSIGN_OR_RETURN(auto clinical_to, read_keys(req.to, req.to_clinical));
  const int64_t now = clock.NowSeconds();
  GANREG_ASSIGN_OR_RETURN(auto parts,
                          transfer::NotificationPartSources(req.csv, req.csv.filename().string(),
                                                            JapanDate(now), req.allow_invalid));
  parts.identity.recipients = std::move(identity_to);
  parts.clinical.recipients = std::move(clinical_to);
  parts.identity.passphrase = req.passphrase;
  parts.clinical.passphrase = req.passphrase;
  const int64_t expires = now + int64_t{req.expires_days} * internal::kSecondsPerDay;
  PackResult result;
  result.rows = parts.rows;
  auto write = [&](std::vector<transfer::PartSource> list, const std::filesystem::path& out) -> Status {
    GANREG_ASSIGN_OR_RETURN(auto m, transfer::WritePackage(req.purpose, now, expires, list, signer, out));
    result.files.push_back(out);
    result.package_ids.push_back(m.package_id);
    return Status::Ok();
  };
  if (req.split) {
    // S-TRN-2: the two parts travel as separate files, joinable only through the key number.
    std::filesystem::path base = req.out;
    base.replace_extension();
    GANREG_RETURN_IF_ERROR(write({parts.identity}, base.string() + ".identity.grp"));
    GANREG_RETURN_IF_ERROR(write({parts.clinical}, base.string() + ".clinical.grp"));
  } else {
    GANREG_RETURN_IF_ERROR(write({parts.identity, parts.clinical}, req.out));
  }
  return result;
}

Status ReaddressPackage(const std::filesystem::path& in, const std::filesystem::path& key_file,
                        std::string_view password, const std::vector<std::filesystem::path>& to,
                        bool keep, const std::filesystem::path& out,
                        const std::optional<std::string>& passphrase) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  GANREG_ASSIGN_OR_RETURN(transfer::SecretKey holder, transfer::ReadSecretKey(key_file, password));
  std::vector<transfer::PublicKey> recipients;
  for (const auto& f : to) {
    GANREG_ASSIGN_OR_RETURN(auto k, transfer::ReadPublicKey(f));
    recipients.push_back(std::move(k));
  }
  return transfer::Readdress(in, transfer::ReaddressHolder{&holder, passphrase}, recipients, keep,
                             holder, out);
}

Result<std::vector<std::filesystem::path>> UnpackPackage(
    const std::filesystem::path& in, const std::filesystem::path& key_file,
    std::string_view password, const std::filesystem::path& expected_sender,
    const std::filesystem::path& out_dir, const Clock& clock,
    const std::optional<std::string>& passphrase) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  std::optional<transfer::SecretKey> me;
  if (!key_file.empty()) {
    GANREG_ASSIGN_OR_RETURN(me, transfer::ReadSecretKey(key_file, password));
  } else if (!passphrase) {
    return Status::InvalidArgument("give your key (--key) or the passphrase");
  }
  GANREG_ASSIGN_OR_RETURN(transfer::PublicKey sender, transfer::ReadPublicKey(expected_sender));
  GANREG_ASSIGN_OR_RETURN(auto reader, transfer::PackageReader::Open(in));
  const transfer::Manifest& m = reader->manifest();
  if (!crypto::BytesEqual(m.sender.sign_key, sender.sign_key)) {
    return Status::Rejected(fmt::format("{}: signed by {} ({}), not by {}", in.string(),
                                        m.sender.name, m.sender.Fingerprint(), sender.name));
  }
  if (m.ExpiredAt(clock.NowSeconds())) {
    return Status::Rejected(fmt::format("{}: the package expired on {}", in.string(),
                                        FormatUtc(m.expires_at)));
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  std::vector<std::filesystem::path> written;
  const std::string mine = me ? me->public_key.Fingerprint() : "";
  for (const auto& part : m.parts) {
    const bool by_key = me && AddressedTo(part, mine);
    if (!by_key && !(passphrase && part.passphrase)) continue;
    std::filesystem::path out = out_dir / part.name;
    std::string tmp = out.string() + ".part";
    std::FILE* f = std::fopen(tmp.c_str(), "wbx");
    if (f == nullptr) return Status::AlreadyExists(fmt::format("{}: cannot create", tmp));
    auto sink = [&](std::string_view c) {
      return std::fwrite(c.data(), 1, c.size(), f) == c.size()
                 ? Status::Ok()
                 : Status::Unavailable(tmp + ": write failed");
    };
    Status st = by_key ? reader->ReadPart(part.name, me->public_key.box_key, me->box_secret, sink)
                       : reader->ReadPartWithPassphrase(part.name, *passphrase, sink);
    std::fclose(f);
    if (!st.ok()) {
      std::filesystem::remove(tmp, ec);  // nothing of a part that did not verify is left
      return st;
    }
    std::filesystem::rename(tmp, out, ec);
    if (ec) return Status::Unavailable(fmt::format("{}: {}", out.string(), ec.message()));
    written.push_back(out);
  }
  if (written.empty()) {
    return Status::PermissionDenied(fmt::format(
        "{}: no part opens with {}", in.string(), me ? "key " + mine : std::string("a passphrase")));
  }
  return written;
}

Result<ReceiptInfo> CheckReceipt(const std::filesystem::path& receipt,
                                 const std::filesystem::path& registry_key) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  GANREG_ASSIGN_OR_RETURN(auto key, transfer::ReadPublicKey(registry_key));
  GANREG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(receipt));
  GANREG_ASSIGN_OR_RETURN(auto r, transfer::VerifyReceipt(text, key));
  return ReceiptInfo{r.package_id, r.registry_id, r.outcome, r.received_at,
                     r.rows_read, r.rows_accepted, r.rows_held};
}

}  // namespace ganreg::app
