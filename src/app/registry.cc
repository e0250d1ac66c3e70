// Creating and opening a registry, and logging in.
#include "app/registry.h"

#include <charconv>

#include <fmt/format.h>

#include "access/password_policy.h"
#include "app/internal.h"
#include "audit/audit_log.h"
#include "core/files.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace ganreg::app {

using internal::kSecondsPerDay;

namespace internal {
std::string UserKeyAd(std::string_view user) { return fmt::format("ganreg/v1/user-key/{}", user); }
namespace {
// "<prefix><a>/<b>" into `out`.
void PartAd(std::string_view prefix, int64_t a, int64_t b, std::string* out) {
  char buf[24];  // an int64_t has at most 20 characters
  out->assign(prefix);
  out->append(buf, std::to_chars(buf, buf + sizeof buf, a).ptr);
  out->push_back('/');
  out->append(buf, std::to_chars(buf, buf + sizeof buf, b).ptr);
}
}  // namespace
void IdentityAd(int64_t key_no, int64_t file_id, std::string* out) {
  PartAd("ganreg/v1/identity/", key_no, file_id, out);
}
void ClinicalAd(int64_t key_no, int64_t file_id, std::string* out) {
  PartAd("ganreg/v1/clinical/", key_no, file_id, out);
}
std::string IdentityAd(int64_t key_no, int64_t file_id) {
  std::string ad;
  IdentityAd(key_no, file_id, &ad);
  return ad;
}
std::string ClinicalAd(int64_t key_no, int64_t file_id) {
  std::string ad;
  ClinicalAd(key_no, file_id, &ad);
  return ad;
}
std::string HeldRowAd(int64_t file_id, int64_t line) {
  return fmt::format("ganreg/v1/held/{}/{}", file_id, line);
}

Result<Credentials> SealCredentials(std::string_view user, std::string_view password,
                                    const crypto::KdfProfile& profile,
                                    const crypto::SecretBytes* existing_secret) {
  Credentials c;
  GANREG_ASSIGN_OR_RETURN(c.verifier, crypto::HashPassword(password, profile));
  c.salt = crypto::RandomBytes(crypto::kSaltBytes);
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, crypto::DeriveKey(password, c.salt, profile));
  if (existing_secret != nullptr) {
    c.public_key = crypto::BoxPublicKeyOf(*existing_secret);
    c.sealed_secret_key = crypto::Encrypt(kek, existing_secret->view(), UserKeyAd(user));
  } else {
    crypto::BoxKeyPair kp = crypto::BoxKeyPair::Generate();
    c.public_key = kp.public_key;
    c.sealed_secret_key = crypto::Encrypt(kek, kp.secret_key.view(), UserKeyAd(user));
  }
  return c;
}

Result<crypto::SecretBytes> OpenUserSecret(const store::UserRecord& user, std::string_view password,
                                           const crypto::KdfProfile& profile) {
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes kek,
                          crypto::DeriveKey(password, user.kdf_salt, profile));
  auto sk = crypto::Decrypt(kek, user.sealed_secret_key, UserKeyAd(user.name));
  if (!sk.ok()) {
    return Status::DataLoss(fmt::format("the key pair of user '{}' does not open: the account's "
                                        "key material is damaged", user.name));
  }
  return sk;
}
}  // namespace internal

namespace {
Result<access::PasswordPolicy> LoadPolicy() {
  return access::PasswordPolicy::Load(access::PasswordPolicy::DefaultListPath());
}
}  // namespace

Result<InitResult> InitRegistry(const InitRequest& req, const Clock& clock) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  namespace fs = std::filesystem;
  if (req.registry_name.empty()) return Status::InvalidArgument("the registry needs a name");
  if (req.head_name.empty()) return Status::InvalidArgument("the head needs a login id");
  GANREG_ASSIGN_OR_RETURN(crypto::KdfProfile profile, crypto::KdfProfile::Named(req.kdf_profile));
  GANREG_ASSIGN_OR_RETURN(access::PasswordPolicy policy, LoadPolicy());
  GANREG_RETURN_IF_ERROR(policy.Check(req.head_password, {req.head_name, req.registry_name})
                             .WithContext("head's password"));
  std::error_code ec;
  if (fs::exists(req.dir, ec) && !fs::is_empty(req.dir, ec)) {
    return Status::AlreadyExists(fmt::format("{}: folder is not empty", req.dir.string()));
  }
  fs::create_directories(req.dir / "originals", ec);
  if (ec) {
    return Status::Unavailable(fmt::format("{}: cannot create: {}", req.dir.string(), ec.message()));
  }
  fs::permissions(req.dir, fs::perms::owner_all, ec);
  const int64_t now = clock.NowSeconds();
  const std::string registry_id = crypto::ToHex(crypto::RandomBytes(16));
  const fs::path recovery_file =
      req.recovery_key_file.empty() ? req.dir / internal::kRecoveryFileName : req.recovery_key_file;

  GANREG_ASSIGN_OR_RETURN(auto db, store::Database::Open(req.dir / "registry.db", {.create = true}));
  GANREG_RETURN_IF_ERROR(db->Begin());
  auto work = [&]() -> Status {
    GANREG_RETURN_IF_ERROR(db->PutMeta("registry_id", registry_id));
    GANREG_RETURN_IF_ERROR(db->PutMeta("registry_name", req.registry_name));
    GANREG_RETURN_IF_ERROR(db->PutMeta("kdf_profile", req.kdf_profile));
    GANREG_RETURN_IF_ERROR(db->PutMeta("created_at", std::to_string(now)));

    // The head's account.
    GANREG_ASSIGN_OR_RETURN(auto cred, internal::SealCredentials(req.head_name, req.head_password,
                                                                 profile, nullptr));
    store::UserRecord head;
    head.name = req.head_name;
    head.role = std::string(model::RoleId(model::Role::kHead));
    head.custodian = true;
    head.password_verifier = cred.verifier;
    head.kdf_salt = cred.salt;
    head.public_key = cred.public_key;
    head.sealed_secret_key = cred.sealed_secret_key;
    head.password_changed_at = now;
    head.created_at = now;
    head.created_by = "init";
    GANREG_ASSIGN_OR_RETURN(int64_t head_id, db->InsertUser(head));

    // The recovery key: every category is also sealed to it (holder 0).
    crypto::BoxKeyPair recovery = crypto::BoxKeyPair::Generate();
    GANREG_RETURN_IF_ERROR(db->PutMeta("recovery_public_key", recovery.public_key));

    // One key pair per information category (S-ROLE-3), sealed to the head and to recovery.
    crypto::SecretBytes audit_category_secret;
    std::string audit_category_public;
    for (model::Category c : model::kAllCategories) {
      crypto::BoxKeyPair kp = crypto::BoxKeyPair::Generate();
      std::string id(model::CategoryId(c));
      GANREG_RETURN_IF_ERROR(db->InsertCategoryKey({id, 1, kp.public_key, now}));
      GANREG_RETURN_IF_ERROR(db->PutKeySlot(
          {head_id, id, 1, crypto::SealTo(head.public_key, kp.secret_key.span()), now, "init"}));
      GANREG_RETURN_IF_ERROR(db->PutKeySlot(
          {0, id, 1, crypto::SealTo(recovery.public_key, kp.secret_key.span()), now, "init"}));
      if (c == model::Category::kAudit) {
        audit_category_secret = std::move(kp.secret_key);
        audit_category_public = kp.public_key;
      }
    }
    // The checkpoint signing key, readable by every holder of the audit category.
    crypto::SignKeyPair signer = crypto::SignKeyPair::Generate();
    GANREG_RETURN_IF_ERROR(db->PutMeta("audit_public_key", signer.public_key));
    GANREG_RETURN_IF_ERROR(db->PutMeta(
        "audit_signing_key_sealed", crypto::SealTo(audit_category_public, signer.secret_key.span())));

    audit::Event e{0, now, req.head_name, "head", "registry.init", "registry:" + registry_id,
                   audit::Outcome::kDone,
                   fmt::format("categories={} kdf={}", model::kAllCategories.size(),
                               req.kdf_profile)};
    GANREG_RETURN_IF_ERROR(audit::Append(*db, e).status());
    GANREG_RETURN_IF_ERROR(
        audit::MakeCheckpoint(*db, signer.secret_key, signer.public_key, registry_id, now).status());

    // Written once; the program reminds the operator until it is moved to the safe.
    std::string text = fmt::format(
        "ganreg recovery key v1\nregistry: {}\nregistry-name: {}\ncreated: {}\nsecret-key: {}\n"
        "\n# Move this file to the registry's safe (金庫) now and delete every other copy.\n"
        "# It opens every information category of this registry.\n",
        registry_id, req.registry_name, FormatUtc(now), crypto::ToHex(recovery.secret_key.view()));
    Status w = WriteNewFile(recovery_file, text);
    crypto::Wipe(text.data(), text.size());
    return w;
  };
  Status s = work();
  if (!s.ok()) {
    db->Rollback();
    db.reset();
    std::filesystem::remove_all(req.dir, ec);
    return s;
  }
  GANREG_RETURN_IF_ERROR(db->Commit());
  return InitResult{registry_id, recovery_file};
}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Open(const std::filesystem::path& dir,
                                                 const Clock& clock) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  std::unique_ptr<Registry> r(new Registry());
  r->dir_ = dir;
  r->clock_ = &clock;
  auto db = store::Database::Open(dir / "registry.db", {});
  if (!db.ok()) {
    if (db.status().code() == StatusCode::kNotFound) {
      return Status::NotFound(fmt::format("{}: not a registry (run `ganreg init` first)", dir.string()));
    }
    return db.status();
  }
  r->db_ = std::move(db).value();
  GANREG_ASSIGN_OR_RETURN(r->id_, r->db_->GetMeta("registry_id"));
  GANREG_ASSIGN_OR_RETURN(r->name_, r->db_->GetMeta("registry_name"));
  GANREG_ASSIGN_OR_RETURN(r->kdf_profile_, r->db_->GetMeta("kdf_profile"));
  GANREG_ASSIGN_OR_RETURN(r->audit_public_key_, r->db_->GetMeta("audit_public_key"));
  return r;
}

Status Registry::RunGrouped(const std::function<void()>& body) {
  GANREG_RETURN_IF_ERROR(db_->Begin());
  body();
  Status s = db_->Commit();
  if (!s.ok()) db_->Rollback();
  return s;
}

bool Registry::recovery_key_not_moved() const {
  std::error_code ec;
  return std::filesystem::exists(dir_ / internal::kRecoveryFileName, ec);
}

Status Registry::RecoverCustodian(const std::filesystem::path& recovery_key, std::string_view user,
                                  std::string_view new_password) {
  const int64_t now = clock_->NowSeconds();
  GANREG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(recovery_key));
  std::string hex;
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    std::string_view line(text.data() + at, (nl == std::string::npos ? text.size() : nl) - at);
    if (line.rfind("secret-key: ", 0) == 0) hex = line.substr(12);
    at = nl == std::string::npos ? text.size() : nl + 1;
  }
  auto raw = crypto::FromHex(hex);
  crypto::Wipe(text.data(), text.size());
  if (!raw.ok() || raw->size() != crypto::kKeyBytes) {
    return Status::Unauthenticated(fmt::format("{}: not a recovery key file", recovery_key.string()));
  }
  crypto::SecretBytes secret = crypto::SecretBytes::CopyOf(*raw);
  crypto::Wipe(raw->data(), raw->size());
  GANREG_ASSIGN_OR_RETURN(std::string recovery_public, db_->GetMeta("recovery_public_key"));
  if (!crypto::BytesEqual(crypto::BoxPublicKeyOf(secret), recovery_public)) {
    return Status::Unauthenticated("this is not the recovery key of this registry");
  }
  GANREG_ASSIGN_OR_RETURN(auto u, db_->FindUser(user));
  if (!u.custodian || u.disabled_at != 0) {
    return Status::FailedPrecondition(fmt::format(
        "'{}' is not an active custodian; the recovery key restores custodians only", user));
  }
  GANREG_ASSIGN_OR_RETURN(access::PasswordPolicy policy, LoadPolicy());
  GANREG_RETURN_IF_ERROR(policy.Check(new_password, {u.name, name_}));
  GANREG_ASSIGN_OR_RETURN(crypto::KdfProfile profile, crypto::KdfProfile::Named(kdf_profile_));
  GANREG_RETURN_IF_ERROR(db_->Begin());
  auto work = [&]() -> Status {
    GANREG_ASSIGN_OR_RETURN(auto history, db_->PasswordHistory(u.id));
    history.push_back(u.password_verifier);
    for (const auto& v : history) {
      if (crypto::VerifyPassword(v, new_password)) {
        return Status::InvalidArgument("the new password was used before (S-PWD-2)");
      }
    }
    GANREG_ASSIGN_OR_RETURN(auto cred, internal::SealCredentials(u.name, new_password, profile, nullptr));
    GANREG_RETURN_IF_ERROR(db_->AddPasswordHistory(u.id, u.password_verifier, now));
    u.password_verifier = cred.verifier;
    u.kdf_salt = cred.salt;
    u.public_key = cred.public_key;
    u.sealed_secret_key = cred.sealed_secret_key;
    u.password_changed_at = now;
    u.must_change_password = false;
    GANREG_RETURN_IF_ERROR(db_->UpdateUserCredentials(u));
    // The old slots were sealed to the lost key pair; every category is sealed anew.
    GANREG_RETURN_IF_ERROR(db_->DeleteKeySlots(u.id, std::nullopt));
    GANREG_ASSIGN_OR_RETURN(auto slots, db_->KeySlotsOf(0));
    for (const auto& slot : slots) {
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                              crypto::OpenSealed(recovery_public, secret, slot.sealed_key));
      GANREG_RETURN_IF_ERROR(db_->PutKeySlot({u.id, slot.category, slot.version,
                                              crypto::SealTo(u.public_key, key.span()), now,
                                              "recovery"}));
    }
    audit::Event e{0, now, "recovery", "recovery", "recovery.reset-custodian",
                   fmt::format("user:{}", u.name), audit::Outcome::kDone,
                   fmt::format("categories={}", slots.size())};
    return audit::Append(*db_, e).status();
  };
  Status s = work();
  if (!s.ok()) {
    db_->Rollback();
    return s;
  }
  return db_->Commit();
}

Result<std::unique_ptr<Session>> Registry::Login(std::string_view user, std::string_view password) {
  const int64_t now = clock_->NowSeconds();
  GANREG_ASSIGN_OR_RETURN(crypto::KdfProfile profile, crypto::KdfProfile::Named(kdf_profile_));
  // Failed attempts are audited in their own transaction: there is no session to attach them to.
  auto refuse = [&](const std::string& actor, const std::string& role, const std::string& detail,
                    std::string message) -> Status {
    Status s = db_->Begin();
    if (s.ok()) {
      audit::Event e{0, now, actor, role, "session.login", fmt::format("user:{}", user),
                     audit::Outcome::kDenied, detail};
      s = audit::Append(*db_, e).status();
      if (s.ok()) s = db_->Commit();
      if (!s.ok()) db_->Rollback();
    }
    if (!s.ok()) return s;
    return Status::Unauthenticated(std::move(message));
  };
  auto found = db_->FindUser(user);
  if (!found.ok()) {
    if (found.status().code() != StatusCode::kNotFound) return found.status();
    // Burn the same time as a real check so unknown ids are not revealed by timing.
    (void)crypto::HashPassword(password, profile);
    return refuse("", "", "unknown user", "unknown user or wrong password");
  }
  store::UserRecord u = std::move(found).value();
  if (u.disabled_at != 0) {
    return refuse(u.name, u.role, "account disabled",
                  fmt::format("account '{}' is disabled", u.name));
  }
  if (u.locked_until > now) {
    return refuse(u.name, u.role, "account locked",
                  fmt::format("account '{}' is locked until {} after {} failed logins", u.name,
                              FormatUtc(u.locked_until), access::kMaxFailedLogins));
  }
  if (!crypto::VerifyPassword(u.password_verifier, password)) {
    int failures = u.failed_logins + 1;
    int64_t locked_until = 0;
    std::string detail = fmt::format("wrong password ({} of {})", failures, access::kMaxFailedLogins);
    if (failures >= access::kMaxFailedLogins) {
      locked_until = now + access::kLockoutSeconds;
      failures = 0;
      detail = fmt::format("wrong password; account locked for {} minutes",
                           access::kLockoutSeconds / 60);
    }
    GANREG_RETURN_IF_ERROR(db_->UpdateUserLoginState(u.id, failures, locked_until));
    return refuse(u.name, u.role, detail,
                  locked_until ? fmt::format("wrong password; account '{}' is now locked until {}",
                                             u.name, FormatUtc(locked_until))
                               : std::string("unknown user or wrong password"));
  }
  if (u.failed_logins != 0) GANREG_RETURN_IF_ERROR(db_->UpdateUserLoginState(u.id, 0, 0));
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes sk, internal::OpenUserSecret(u, password, profile));

  std::unique_ptr<Session> s(new Session(*this));
  auto role = model::ParseRole(u.role);
  if (!role) return Status::DataLoss(fmt::format("user '{}' has an unknown role", u.name));
  s->actor_ = {u.name, *role, u.custodian};
  s->user_id_ = u.id;
  s->password_changed_at_ = u.password_changed_at;
  // S-PWD-2: at least every 60 days; S-PWD-3: a password set by another must be replaced.
  s->must_change_password_ = u.must_change_password ||
                             now - u.password_changed_at > access::kPasswordMaxAgeDays * kSecondsPerDay;
  s->user_secret_key_ = std::make_unique<crypto::SecretBytes>(std::move(sk));
  s->user_public_key_ = u.public_key;
  // A successful login is an event too, in its own transaction (issue #6): the trail shows
  // who was at work when, not only who failed to get in.
  {
    Status st = db_->Begin();
    if (st.ok()) {
      audit::Event e{0, now, u.name, u.role, "session.login", fmt::format("user:{}", u.name),
                     audit::Outcome::kDone,
                     s->must_change_password_ ? "password change required" : ""};
      st = audit::Append(*db_, e).status();
      if (st.ok()) st = db_->Commit();
      if (!st.ok()) db_->Rollback();
    }
    GANREG_RETURN_IF_ERROR(st);
  }
  return s;
}

}  // namespace ganreg::app
