// The door's mechanism (Run) and the use cases on accounts, notifications, ledgers and audit.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "access/password_policy.h"
#include "app/internal.h"
#include "app/door.h"
#include "app/registry.h"
#include "audit/audit_log.h"
#include "core/files.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;
using internal::kSecondsPerDay;

Session::Session(Registry& registry) : registry_(registry), db_(*registry.db_) {}
Session::~Session() = default;

Status Session::Logout(std::string_view reason) {
  const bool grouped = db_.in_transaction();  // see Registry::RunGrouped
  GANREG_RETURN_IF_ERROR(grouped ? db_.Savepoint("logout") : db_.Begin());
  audit::Event e{0, registry_.clock_->NowSeconds(), actor_.name,
                 std::string(model::RoleId(actor_.role)), "session.logout",
                 fmt::format("user:{}", actor_.name), audit::Outcome::kDone, std::string(reason)};
  auto seq = audit::Append(db_, e);
  Status s = seq.ok() ? (grouped ? db_.ReleaseSavepoint("logout") : db_.Commit()) : seq.status();
  if (!s.ok()) {
    if (grouped) {
      (void)db_.RollbackToSavepoint("logout");
    } else {
      db_.Rollback();
    }
  }
  return s;
}

int64_t Session::password_expires_at() const {
  return password_changed_at_ + access::kPasswordMaxAgeDays * kSecondsPerDay;
}

namespace {
audit::Outcome OutcomeOf(const Status& s) {
  return s.code() == StatusCode::kPermissionDenied || s.code() == StatusCode::kFailedPrecondition
             ? audit::Outcome::kDenied
             : audit::Outcome::kFailed;
}
}  // namespace

Status Session::RecordRefusal(Action action, const std::string& object, const Status& why) {
  const bool grouped = db_.in_transaction();  // see Registry::RunGrouped
  GANREG_RETURN_IF_ERROR(grouped ? db_.Savepoint("refusal") : db_.Begin());
  audit::Event e{0, registry_.clock_->NowSeconds(), actor_.name,
                 std::string(model::RoleId(actor_.role)), std::string(access::ActionId(action)),
                 object, OutcomeOf(why), why.message()};
  auto seq = audit::Append(db_, e);
  Status s = seq.ok() ? (grouped ? db_.ReleaseSavepoint("refusal") : db_.Commit()) : seq.status();
  if (!s.ok()) {
    if (grouped) {
      (void)db_.RollbackToSavepoint("refusal");
    } else {
      db_.Rollback();
    }
    return s;
  }
  return Status::Ok();
}

Status Session::MaybeCheckpoint(int64_t seq) {
  if (seq % internal::kCheckpointEvery != 0) return Status::Ok();
  auto audit_key = CategoryKey(model::Category::kAudit);
  if (!audit_key.ok()) return Status::Ok();  // a leaver mid-session; the next user signs
  GANREG_ASSIGN_OR_RETURN(std::string sealed, db_.GetMeta("audit_signing_key_sealed"));
  GANREG_ASSIGN_OR_RETURN(auto category, db_.CurrentCategoryKey(model::CategoryId(model::Category::kAudit)));
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes signer,
                          crypto::OpenSealed(category.public_key, **audit_key, sealed));
  return audit::MakeCheckpoint(db_, signer, registry_.audit_public_key_, registry_.id_,
                               registry_.clock_->NowSeconds())
      .status();
}

Result<const crypto::SecretBytes*> Session::CategoryKey(model::Category category) {
  auto it = category_keys_.find(category);
  if (it != category_keys_.end()) return it->second.get();
  std::string id(model::CategoryId(category));
  GANREG_ASSIGN_OR_RETURN(auto current, db_.CurrentCategoryKey(id));
  auto slot = db_.FindKeySlot(user_id_, id, current.version);
  if (!slot.ok()) {
    if (slot.status().code() == StatusCode::kNotFound) {
      // S-ROLE-3: the work-assignment table does not give this person that information.
      return Status::PermissionDenied(fmt::format(
          "{} holds no grant for information category '{}' ({})", actor_.name, id,
          model::CategoryLabel(category)));
    }
    return slot.status();
  }
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                          crypto::OpenSealed(user_public_key_, *user_secret_key_, slot->sealed_key));
  auto owned = std::make_unique<crypto::SecretBytes>(std::move(key));
  const crypto::SecretBytes* ptr = owned.get();
  category_keys_.emplace(category, std::move(owned));
  return ptr;
}

Result<const crypto::SecretBytes*> Session::BatchKey(int64_t file_id, model::Category category) {
  auto cache_key = std::make_pair(file_id, category);
  auto it = batch_keys_.find(cache_key);
  if (it != batch_keys_.end()) return it->second.get();
  GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(category));
  std::string id(model::CategoryId(category));
  GANREG_ASSIGN_OR_RETURN(auto batch, db_.FindBatchKey(file_id, id));
  GANREG_ASSIGN_OR_RETURN(auto category_key, db_.CurrentCategoryKey(id));
  if (batch.category_version != category_key.version) {
    return Status::Unavailable(fmt::format(
        "file #{} is sealed under an older key of '{}'; key rotation is not supported yet", file_id, id));
  }
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                          crypto::OpenSealed(category_key.public_key, *ck, batch.sealed_key));
  auto owned = std::make_unique<crypto::SecretBytes>(std::move(key));
  const crypto::SecretBytes* ptr = owned.get();
  batch_keys_.emplace(cache_key, std::move(owned));
  return ptr;
}

// ---------------------------------------------------------------- accounts

namespace {
UserInfo ToInfo(const store::UserRecord& u, const std::vector<store::KeySlotRecord>& slots,
                int64_t now) {
  UserInfo i;
  i.name = u.name;
  i.role = model::ParseRole(u.role).value_or(model::Role::kTaskStaff);
  i.custodian = u.custodian;
  i.disabled = u.disabled_at != 0;
  i.locked = u.locked_until > now;
  i.password_expired = u.must_change_password ||
                       now - u.password_changed_at > access::kPasswordMaxAgeDays * kSecondsPerDay;
  i.password_changed_at = u.password_changed_at;
  i.created_by = u.created_by;
  i.instructed_by = u.instructed_by;
  for (const auto& s : slots) {
    if (s.category != model::CategoryId(model::Category::kAudit)) i.categories.push_back(s.category);
  }
  return i;
}
}  // namespace

Result<UserInfo> Session::AddUser(const AddUserRequest& req) {
  return Run<UserInfo>(Action::kUserAdd, "user:" + req.name, [&](Work& w) -> Result<UserInfo> {
    std::optional<model::Role> instructing_role;
    if (!req.instructed_by.empty()) {
      auto head = db_.FindUser(req.instructed_by);
      if (head.ok() && head->disabled_at == 0) instructing_role = model::ParseRole(head->role);
    }
    GANREG_RETURN_IF_ERROR(access::AuthorizeAccountCreation(
        actor_, req.role, req.system_lead, req.instructed_by, instructing_role));
    if (req.system_lead) {
      // S-SYS-1: exactly two know the administrator password — the head and the system task lead.
      GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
      for (const auto& u : users) {
        if (u.custodian && u.disabled_at == 0 && u.role != "head") {
          return Status::FailedPrecondition(fmt::format(
              "'{}' is already the system task lead; a registry has only two custodians (S-SYS-1)",
              u.name));
        }
      }
    }
    if (req.name.empty() || req.name.size() > 64 ||
        req.name.find_first_of(" \t\r\n:/\\") != std::string::npos) {
      return Status::InvalidArgument("a login id is 1–64 characters without spaces, ':' or '/'");
    }
    GANREG_ASSIGN_OR_RETURN(auto policy,
                            access::PasswordPolicy::Load(access::PasswordPolicy::DefaultListPath()));
    GANREG_RETURN_IF_ERROR(policy.Check(req.initial_password, {req.name, registry_.name_})
                               .WithContext("initial password"));
    GANREG_ASSIGN_OR_RETURN(auto profile, crypto::KdfProfile::Named(registry_.kdf_profile_));
    GANREG_ASSIGN_OR_RETURN(auto cred,
                            internal::SealCredentials(req.name, req.initial_password, profile, nullptr));
    const int64_t now = registry_.clock_->NowSeconds();
    store::UserRecord u;
    u.name = req.name;
    u.role = std::string(model::RoleId(req.role));
    u.custodian = req.system_lead;
    u.password_verifier = cred.verifier;
    u.kdf_salt = cred.salt;
    u.public_key = cred.public_key;
    u.sealed_secret_key = cred.sealed_secret_key;
    u.password_changed_at = now;
    u.must_change_password = true;  // S-PWD-3: the user makes their own password
    u.created_at = now;
    u.created_by = actor_.name;
    u.instructed_by = req.instructed_by;
    GANREG_ASSIGN_OR_RETURN(u.id, db_.InsertUser(u));
    // Every active account holds the audit category, so that any session can sign checkpoints.
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* audit_key, CategoryKey(model::Category::kAudit));
    std::string audit_id(model::CategoryId(model::Category::kAudit));
    GANREG_ASSIGN_OR_RETURN(auto audit_cat, db_.CurrentCategoryKey(audit_id));
    GANREG_RETURN_IF_ERROR(db_.PutKeySlot({u.id, audit_id, audit_cat.version,
                                           crypto::SealTo(u.public_key, audit_key->span()), now,
                                           actor_.name}));
    w.detail = fmt::format("role={}{} instructed_by={}", u.role,
                           u.custodian ? " custodian" : "", req.instructed_by);
    GANREG_ASSIGN_OR_RETURN(auto slots, db_.KeySlotsOf(u.id));
    return ToInfo(u, slots, now);
  });
}

Status Session::Grant(std::string_view user, std::string_view category) {
  auto r = Run<bool>(Action::kUserGrant, fmt::format("user:{}", user), [&](Work& w) -> Result<bool> {
    auto c = model::ParseCategory(category);
    if (!c || *c == model::Category::kAudit) {
      return Status::InvalidArgument(fmt::format(
          "unknown information category '{}' (notification-identity, notification-clinical, "
          "ledgers, inbound)", category));
    }
    GANREG_ASSIGN_OR_RETURN(auto target, db_.FindUser(user));
    if (target.disabled_at != 0) {
      return Status::FailedPrecondition(fmt::format("account '{}' is disabled", user));
    }
    // S-HUM-1 (issue #4): every grantable category holds personal information, so a grant
    // needs a passed training test within the last year. The head is exempt: the head plans
    // and approves the training (S-HUM-1, S-HUM-3) and holds every category from init.
    if (target.role != model::RoleId(model::Role::kHead)) {
      GANREG_ASSIGN_OR_RETURN(bool trained,
                              internal::HasCurrentTraining(
                                  db_, target.name, JapanDate(registry_.clock_->NowSeconds())));
      if (!trained) {
        return Status::FailedPrecondition(fmt::format(
            "S-HUM-1: {}は1年以内の研修・試験の合格記録がないため個人情報の区分を付与できません / "
            "{} has no training test passed within the last year, so no personal-information "
            "category is granted (record it: ganreg training session …, training test …)",
            target.name, target.name));
      }
    }
    auto key = CategoryKey(*c);
    if (!key.ok()) {
      return Status::FailedPrecondition(fmt::format(
          "{} does not hold '{}' and so cannot grant it", actor_.name, category));
    }
    GANREG_ASSIGN_OR_RETURN(auto current, db_.CurrentCategoryKey(category));
    GANREG_RETURN_IF_ERROR(db_.PutKeySlot({target.id, std::string(category), current.version,
                                           crypto::SealTo(target.public_key, (*key)->span()),
                                           registry_.clock_->NowSeconds(), actor_.name}));
    w.detail = fmt::format("category={}", category);
    return true;
  });
  return r.status();
}

Status Session::Revoke(std::string_view user, std::string_view category) {
  auto r = Run<bool>(Action::kUserRevoke, fmt::format("user:{}", user), [&](Work& w) -> Result<bool> {
    auto c = model::ParseCategory(category);
    if (!c || *c == model::Category::kAudit) {
      return Status::InvalidArgument(fmt::format("unknown information category '{}'", category));
    }
    GANREG_ASSIGN_OR_RETURN(auto target, db_.FindUser(user));
    GANREG_RETURN_IF_ERROR(db_.DeleteKeySlots(target.id, category));
    w.detail = fmt::format("category={}", category);
    return true;
  });
  return r.status();
}

Status Session::DisableUser(std::string_view user) {
  auto r = Run<bool>(Action::kUserDisable, fmt::format("user:{}", user), [&](Work& w) -> Result<bool> {
    GANREG_ASSIGN_OR_RETURN(auto target, db_.FindUser(user));
    if (target.name == actor_.name) {
      return Status::FailedPrecondition("a custodian cannot disable their own account");
    }
    if (target.role == "head") {
      return Status::FailedPrecondition("the head's account cannot be disabled");
    }
    if (target.disabled_at != 0) {
      return Status::FailedPrecondition(fmt::format("account '{}' is already disabled", user));
    }
    // S-PWD-4: a leaver's account goes, and with it every key slot it held.
    GANREG_RETURN_IF_ERROR(db_.SetUserDisabled(target.id, registry_.clock_->NowSeconds()));
    GANREG_ASSIGN_OR_RETURN(auto slots, db_.KeySlotsOf(target.id));
    GANREG_RETURN_IF_ERROR(db_.DeleteKeySlots(target.id, std::nullopt));
    w.detail = fmt::format("key slots destroyed={}", slots.size());
    return true;
  });
  return r.status();
}

Status Session::ChangePassword(std::string_view old_password, std::string_view new_password) {
  auto r = Run<bool>(Action::kUserChangeOwnPassword, "user:" + actor_.name,
                     [&](Work& w) -> Result<bool> {
    GANREG_ASSIGN_OR_RETURN(auto u, db_.FindUserById(user_id_));
    if (!crypto::VerifyPassword(u.password_verifier, old_password)) {
      return Status::PermissionDenied("the current password is wrong");
    }
    GANREG_ASSIGN_OR_RETURN(auto policy,
                            access::PasswordPolicy::Load(access::PasswordPolicy::DefaultListPath()));
    GANREG_RETURN_IF_ERROR(policy.Check(new_password, {u.name, registry_.name_}));
    // S-PWD-2: never an earlier password.
    GANREG_ASSIGN_OR_RETURN(auto history, db_.PasswordHistory(u.id));
    history.push_back(u.password_verifier);
    for (const auto& v : history) {
      if (crypto::VerifyPassword(v, new_password)) {
        return Status::InvalidArgument("the new password was used before (S-PWD-2)");
      }
    }
    GANREG_ASSIGN_OR_RETURN(auto profile, crypto::KdfProfile::Named(registry_.kdf_profile_));
    GANREG_ASSIGN_OR_RETURN(auto cred, internal::SealCredentials(u.name, new_password, profile,
                                                                 user_secret_key_.get()));
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_RETURN_IF_ERROR(db_.AddPasswordHistory(u.id, u.password_verifier, now));
    u.password_verifier = cred.verifier;
    u.kdf_salt = cred.salt;
    u.sealed_secret_key = cred.sealed_secret_key;
    u.password_changed_at = now;
    u.must_change_password = false;
    GANREG_RETURN_IF_ERROR(db_.UpdateUserCredentials(u));
    w.detail = "password changed";
    return true;
  });
  if (r.ok()) {
    must_change_password_ = false;
    password_changed_at_ = registry_.clock_->NowSeconds();
  }
  return r.status();
}

Result<std::vector<UserInfo>> Session::ListUsers() {
  return Run<std::vector<UserInfo>>(Action::kUserList, "users",
                                    [&](Work& w) -> Result<std::vector<UserInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<UserInfo> out;
    for (const auto& u : users) {
      GANREG_ASSIGN_OR_RETURN(auto slots, db_.KeySlotsOf(u.id));
      out.push_back(ToInfo(u, slots, registry_.clock_->NowSeconds()));
    }
    w.detail = fmt::format("accounts={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- notifications

namespace {
void FillSummary(const model::NotificationRow& row, NotificationSummary* s) {
  s->primary_site = row[model::Item::kPrimarySite];
  s->morphology = row[model::Item::kMorphology];
  s->diagnosis_date = row[model::Item::kDiagnosisDate];
}
}  // namespace

Result<std::vector<NotificationSummary>> Session::ListNotifications(int64_t limit, int64_t offset) {
  return Run<std::vector<NotificationSummary>>(
      Action::kNotificationList, "notifications",
      [&](Work& w) -> Result<std::vector<NotificationSummary>> {
        GANREG_ASSIGN_OR_RETURN(auto records, db_.ListClinical(limit, offset));
        std::vector<NotificationSummary> out;
        out.reserve(records.size());
        crypto::ScrubbedBuffer pt;
        model::NotificationRow row;  // reused: its strings keep their capacity
        std::string ad;              // likewise
        for (const auto& r : records) {
          GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* key,
                                  BatchKey(r.file_id, model::Category::kNotificationClinical));
          internal::ClinicalAd(r.key_no, r.file_id, &ad);
          GANREG_RETURN_IF_ERROR(crypto::DecryptInto(*key, r.ciphertext, ad, &pt));
          GANREG_RETURN_IF_ERROR(model::DecodePart(pt.view(), model::Part::kClinical, &row));
          NotificationSummary s{r.key_no, r.file_id, r.line, r.hospital_code, r.received_at, {}, {}, {}};
          FillSummary(row, &s);
          out.push_back(std::move(s));
        }
        w.detail = fmt::format("listed={} offset={}", out.size(), offset);
        return out;
      });
}

Result<NotificationView> Session::ShowNotification(int64_t key_no, bool identity) {
  Action action = identity ? Action::kNotificationShowIdentity : Action::kNotificationShow;
  return Run<NotificationView>(action, fmt::format("key:{}", key_no),
                               [&](Work&) -> Result<NotificationView> {
    GANREG_ASSIGN_OR_RETURN(auto clinical, db_.FindClinical(key_no));
    NotificationView v;
    v.summary = {clinical.key_no, clinical.file_id, clinical.line, clinical.hospital_code,
                 clinical.received_at, {}, {}, {}};
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck,
                            BatchKey(clinical.file_id, model::Category::kNotificationClinical));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                            crypto::Decrypt(*ck, clinical.ciphertext,
                                            internal::ClinicalAd(key_no, clinical.file_id)));
    GANREG_RETURN_IF_ERROR(model::DecodePart(cpt.view(), model::Part::kClinical, &v.row));
    FillSummary(v.row, &v.summary);
    if (identity) {
      // Enforced by keys: without the grant there is no category key to open the batch key.
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik,
                              BatchKey(clinical.file_id, model::Category::kNotificationIdentity));
      GANREG_ASSIGN_OR_RETURN(auto rec, db_.FindIdentity(key_no));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                              crypto::Decrypt(*ik, rec.ciphertext,
                                              internal::IdentityAd(key_no, rec.file_id)));
      GANREG_RETURN_IF_ERROR(model::DecodePart(ipt.view(), model::Part::kIdentity, &v.row));
      v.has_identity = true;
    }
    return v;
  });
}

Result<HeldFileReport> Session::FileReport(int64_t file_id) {
  return Run<HeldFileReport>(Action::kHeldRowsShow, fmt::format("file:{}", file_id),
                             [&](Work&) -> Result<HeldFileReport> {
    GANREG_ASSIGN_OR_RETURN(auto f, db_.FindFile(file_id));
    HeldFileReport r{f.id, f.display_name, f.hospital_code, f.status, f.reason,
                     f.rows_read, f.rows_accepted, f.rows_held, {}};
    GANREG_ASSIGN_OR_RETURN(auto held, db_.HeldRowsOf(file_id));
    for (const auto& h : held) {
      size_t start = 0;
      while (start < h.issues.size()) {
        size_t nl = h.issues.find('\n', start);
        if (nl == std::string::npos) nl = h.issues.size();
        r.issues.push_back(h.issues.substr(start, nl - start));
        start = nl + 1;
      }
    }
    return r;
  });
}

// ---------------------------------------------------------------- ledgers

Result<std::vector<HandoverEntry>> Session::HandoverBook() {
  return Run<std::vector<HandoverEntry>>(Action::kLedgerShow, "ledger:handover",
                                         [&](Work& w) -> Result<std::vector<HandoverEntry>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListHandover());
    GANREG_ASSIGN_OR_RETURN(auto deliveries, db_.ListHandoverDeliveries());
    std::map<int64_t, const store::HandoverDeliveryRecord*> delivery_of;
    for (const auto& d : deliveries) delivery_of[d.handover_id] = &d;
    std::vector<HandoverEntry> out;
    for (auto& r : rows) {
      HandoverEntry e;
      e.id = r.id;
      e.at = r.at;
      e.direction = r.direction;
      e.handled_by = r.handled_by;
      e.counterpart = r.counterpart;
      e.recipient = r.recipient;
      e.summary = r.summary;
      e.medium = r.medium;
      e.file_id = r.file_id;
      if (auto it = delivery_of.find(r.id); it != delivery_of.end()) {
        e.has_delivery = true;
        e.method = it->second->method;
        e.tracking = it->second->tracking;
        e.carriers = it->second->carriers;
        e.unused_medium = it->second->unused_medium;
        e.opened_in_room = it->second->opened_in_room;
      }
      out.push_back(std::move(e));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- audit

Result<AuditVerifyResult> Session::VerifyAudit(const std::vector<std::filesystem::path>& files) {
  return Run<AuditVerifyResult>(Action::kAuditVerify, "audit",
                                [&](Work& w) -> Result<AuditVerifyResult> {
    std::vector<audit::Checkpoint> exported;
    for (const auto& f : files) {
      GANREG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(f));
      auto cp = audit::ParseCheckpoint(text);
      if (!cp.ok()) return cp.status().WithContext(f.string());
      exported.push_back(std::move(cp).value());
    }
    // Reads the chain as committed; this use case's own event is appended after the check.
    GANREG_ASSIGN_OR_RETURN(auto report, audit::Verify(db_, registry_.audit_public_key_,
                                                       registry_.id_, exported));
    w.outcome = report.intact ? audit::Outcome::kDone : audit::Outcome::kFailed;
    w.detail = report.intact ? fmt::format("intact events={} checkpoints={}", report.events,
                                           report.checkpoints)
                             : fmt::format("BROKEN first_bad={} {}", report.first_bad_seq,
                                           report.problem);
    return AuditVerifyResult{report.intact, report.events, report.checkpoints,
                             report.first_bad_seq, report.problem};
  });
}

Result<int64_t> Session::ExportCheckpoint(const std::filesystem::path& out) {
  return Run<int64_t>(Action::kAuditExportCheckpoint, "audit", [&](Work& w) -> Result<int64_t> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* audit_key,
                            CategoryKey(model::Category::kAudit));
    GANREG_ASSIGN_OR_RETURN(std::string sealed, db_.GetMeta("audit_signing_key_sealed"));
    GANREG_ASSIGN_OR_RETURN(auto category,
                            db_.CurrentCategoryKey(model::CategoryId(model::Category::kAudit)));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes signer,
                            crypto::OpenSealed(category.public_key, *audit_key, sealed));
    GANREG_ASSIGN_OR_RETURN(auto cp, audit::MakeCheckpoint(db_, signer, registry_.audit_public_key_,
                                                           registry_.id_,
                                                           registry_.clock_->NowSeconds()));
    GANREG_RETURN_IF_ERROR(WriteNewFile(out, audit::FormatCheckpoint(cp)));
    w.detail = fmt::format("checkpoint seq={}", cp.seq);
    return cp.seq;
  });
}

}  // namespace ganreg::app
