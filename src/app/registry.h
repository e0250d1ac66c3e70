// THE ONE DOOR. Every operation on registry data is a use case here: it checks the actor's
// permission (access/), runs in one store transaction, and appends one audit event in that same
// transaction — or, when refused, records the denial in its own. The CLI, the HTTP server and
// the tests all come through this header.
//
//   auto reg = app::Registry::Open(dir, Clock::System());
//   auto session = (*reg)->Login("yamada", password);        // keys unlocked for this session
//   auto result = (*session)->Intake({.file = "h1.csv", .hospital_code = "1310000001",
//                                     .medium = "online"});
//
// Thread-safety: a Registry and its Sessions are used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "core/clock.h"
#include "core/result.h"
#include "model/death.h"
#include "model/notification.h"
#include "model/roles.h"

namespace ganreg::store {
class Database;
struct FileRecord;
}
namespace ganreg::validate {
class NotificationReader;
}
namespace ganreg::crypto {
class SecretBytes;
}
namespace ganreg::linkage {
class RecordSet;
struct ModelParameters;
}

namespace ganreg::app {

class Session;

struct InitRequest {
  std::filesystem::path dir;          // must not exist, or be empty
  std::string registry_name;          // e.g. "試験県がん登録室"
  std::string head_name;              // login id of the registry head
  std::string head_password;
  std::string kdf_profile = "interactive";  // Argon2id cost: interactive, moderate, minimum
  std::filesystem::path recovery_key_file;  // default: DIR/RECOVERY-KEY.txt
};

struct InitResult {
  std::string registry_id;
  std::filesystem::path recovery_key_file;
};

// Creates a registry: the store, one key pair per information category, the audit signing key,
// the recovery key (written once, to be moved to the safe) and the head's account, which holds
// every category. kAlreadyExists if DIR holds anything; kInvalidArgument for a weak password.
Result<InitResult> InitRegistry(const InitRequest& request, const Clock& clock);

class Registry {
 public:
  // kNotFound if DIR is not a registry; kDataLoss if its store is damaged.
  static Result<std::unique_ptr<Registry>> Open(const std::filesystem::path& dir,
                                                const Clock& clock);
  ~Registry();

  // Authenticates `user`. kUnauthenticated for an unknown user, a wrong password (counted;
  // the account locks after access::kMaxFailedLogins for access::kLockoutSeconds), a locked or
  // a disabled account. Each attempt is an audit event ("session.login", done or denied). A
  // session whose password is older than 60 days (S-PWD-2) or was set by someone else may only
  // change it.
  Result<std::unique_ptr<Session>> Login(std::string_view user, std::string_view password);

  // Restores a custodian (the head or the system task lead) who lost their password, with the
  // recovery key from the safe: a new key pair under `new_password`, and every information
  // category sealed to it again from the recovery key's slots. The recovery key is the
  // authentication; the use case is audited (actor "recovery"). kUnauthenticated if the file is
  // not this registry's recovery key; kFailedPrecondition if `user` is not an active custodian.
  Status RecoverCustodian(const std::filesystem::path& recovery_key, std::string_view user,
                          std::string_view new_password);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::filesystem::path& dir() const { return dir_; }
  // Group commit, for a server answering many users at once: runs `body` — several use cases,
  // each through the door of its own Session of this Registry — inside one store transaction,
  // so that all their audit events reach the disk with one sync. Each use case is a savepoint
  // of it: one's failure undoes only its own work (and is recorded). Not for Login. If the
  // commit fails, none of the use cases happened: the caller must not report their results.
  Status RunGrouped(const std::function<void()>& body);

  // True while the recovery key file written by init still lies in the registry folder.
  bool recovery_key_not_moved() const;

 private:
  friend class Session;
  Registry() = default;
  std::filesystem::path dir_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<store::Database> db_;
  std::string id_, name_, kdf_profile_, audit_public_key_;
};

// ---- requests and results of the use cases ----

struct UserInfo {
  std::string name;
  model::Role role;
  bool custodian = false;
  bool disabled = false;
  bool locked = false;
  bool password_expired = false;
  int64_t password_changed_at = 0;
  std::string created_by, instructed_by;
  std::vector<std::string> categories;  // granted information categories (the table's column)
};

struct AddUserRequest {
  std::string name;
  model::Role role = model::Role::kTaskStaff;
  std::string initial_password;  // to be changed by the user at first login (S-PWD-3)
  std::string instructed_by;     // the head whose instruction this follows (S-SYS-2)
  bool system_lead = false;      // make this task lead the second custodian (S-SYS-1)
};

struct IntakeRequest {
  std::filesystem::path file;
  std::string hospital_code;   // 10-digit medical institution code of the sender
  std::string medium;          // online, cd-r, usb, paper (S-ACQ-1)
  std::optional<std::string> encoding;  // utf-8, cp932; auto-detected when absent
  std::string display_name;    // default: the file's base name
};

struct IntakeResult {
  int64_t file_id = 0;
  bool duplicate = false;      // the same bytes were taken in before: nothing was added
  bool rejected = false;       // the whole file was refused (kept encrypted, recorded)
  std::string reason;          // why rejected, or which earlier file it duplicates
  std::string encoding;
  int64_t rows_read = 0, rows_accepted = 0, rows_held = 0;
  int64_t issue_count = 0;
  std::vector<std::string> issues;  // "FILE:LINE: ITEM: REASON", the first kMaxReportedIssues
  // Transfer packages only:
  std::string package_id, sender;
  std::filesystem::path receipt;     // the signed receipt written for the sender
  static constexpr size_t kMaxReportedIssues = 200;
};

struct NotificationSummary {
  int64_t key_no = 0;
  int64_t file_id = 0;
  int64_t line = 0;
  std::string hospital_code;
  int64_t received_at = 0;
  std::string primary_site, morphology, diagnosis_date;  // from the clinical part
};

struct NotificationView {
  NotificationSummary summary;
  model::NotificationRow row;  // clinical items always; identity items only if requested
  bool has_identity = false;
};

struct HeldFileReport {
  int64_t file_id = 0;
  std::string display_name, hospital_code, status, reason;
  int64_t rows_read = 0, rows_accepted = 0, rows_held = 0;
  std::vector<std::string> issues;
};

struct HandoverEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::string direction, handled_by, counterpart, recipient, summary, medium;
  int64_t file_id = 0;
  // How it travelled, for media and paper (issue #4 third slice; S-TRN-1, S-TRN-5).
  bool has_delivery = false;
  std::string method, tracking, carriers;
  bool unused_medium = false, opened_in_room = false;
};

struct PartnerInfo {
  std::string code, name, fingerprint;
  int64_t registered_at = 0;
  std::string registered_by;
  bool revoked = false;
};

struct IntakePackageRequest {
  // One package holding both parts, or two packages (identity, clinical) that travelled apart.
  std::vector<std::filesystem::path> files;
  std::string medium;                  // online, cd-r, usb, paper
  std::filesystem::path receipt_out;   // default: the (first) package's path + ".receipt"
};

struct DispatchRequest {
  std::filesystem::path file;                    // what to send (e.g. an extract)
  std::vector<std::filesystem::path> to;         // recipients' public key files
  // For a partner without a key pair: also (or only) sealed with a passphrase, which must meet
  // S-TRN-3 (≥ 8 characters of letters, digits and symbols, not guessable) and travels apart.
  std::optional<std::string> passphrase;
  std::string recipient;                         // who it is for, for the hand-over book
  std::string purpose = "extract";
  std::string summary;                           // content summary (no personal information)
  std::string medium;                            // online, cd-r, usb, paper
  std::filesystem::path out;                     // the package to write
  int expires_days = 60;
};

struct PackageCheck {
  std::string package_id, sender_code, sender_name, purpose;
  int64_t created_at = 0, expires_at = 0;
  std::vector<std::string> parts;
  bool parts_verified = false;  // every part addressed to this registry decrypted and matched
};

// ---- linkage (issue #5; src/app/linkage_cases.cc) ----

// What a consolidation run did (src/app/tumour_cases.cc); a link run ends with one.
struct ConsolidationReport {
  int64_t persons = 0;        // persons whose tumours were (re)built by this run
  int64_t notifications = 0;  // notifications of those persons, decrypted for it
  int64_t tumours = 0;        // current tumours in the registry after the run
  int64_t new_tumours = 0;    // tumour ids given for the first time
  int64_t changed = 0;        // tumour records rewritten (new, or their values changed)
  int64_t retired = 0;        // tumour ids whose notifications all went to other tumours
  int64_t open_flags = 0;     // quality-check flags open after the run
};


// What linking the death information forms did (the end of a link run; src/app/death_cases.cc).
struct DeathLinkReport {
  int64_t deaths = 0;          // death forms in the registry
  int64_t linked = 0;          // deaths linked to a person after the run
  int64_t auto_links = 0;      // of which by the model this run
  int64_t changed = 0;         // deaths whose person changed (or that got or lost one)
  int64_t review_new = 0;      // death/person pairs put into the death review queue
  int64_t review_open = 0;
  int64_t dcn_new = 0;         // cancer deaths with no notification, new follow-back cases
  // Death forms that repeat an earlier one (another file with the same death: the same person by
  // the model and the same death date): they open no follow-back case of their own.
  int64_t duplicates = 0;
  int64_t followback_open = 0; // follow-back cases waiting for an answer
  int64_t notified = 0;        // DCN cases whose death now links to a notified person
  int64_t dco = 0;             // death certificate only cases
};

struct LinkReport {
  int64_t notifications = 0;
  int64_t persons = 0;         // distinct persons after the run
  int64_t new_persons = 0;     // persons given an id for the first time by this run
  int64_t auto_links = 0;      // pairs at match level (joined unless a "different" forbids it)
  int64_t refused_links = 0;   // match-level pairs not joined because of a reviewer's "different"
  int64_t review_new = 0;      // pairs put into the review queue by this run
  int64_t review_open = 0;     // pairs open in the queue after the run
  int64_t relinked = 0;        // notifications whose person changed
  bool estimated = false;      // m and u estimated from this registry (else reference values)
  bool incremental = false;    // only pairs involving new notifications were compared
  int64_t new_notifications = 0;  // notifications linked for the first time
  int64_t compared_pairs = 0;  // candidate pairs compared by the model
  ConsolidationReport tumours; // the consolidation run at the end of the link (same transaction)
  DeathLinkReport deaths;      // deaths linked before the consolidation (issue #5, S-ACQ-2 イ)
};

// One field's share of a pair's match weight (log2 Bayes factor): the score's waterfall.
struct FieldContribution {
  std::string field;  // "family", "given", "birth_date", "sex", "address", "prior", "frequency"
  std::string level;  // "exact", "different", …
  double weight = 0.0;
};

struct ReviewSide {
  int64_t key_no = 0;
  int64_t person_id = 0;  // 0 if not linked yet
  NotificationSummary summary;
  model::NotificationRow row;  // identity and clinical items
};

struct ReviewItem {
  int64_t pair_id = 0;
  ReviewSide a, b;
  std::vector<model::Item> differing;  // items whose values differ between the two sides
  bool blind = false;                  // the score is withheld from the reviewer
  double weight = 0.0;                 // 0 when blind
  std::vector<FieldContribution> contributions;  // empty when blind
  int64_t open_pairs = 0;              // open pairs in the queue, this one included
};

// ---- tumours and consolidation (issue #5; src/app/tumour_cases.cc) ----


struct TumourItemView {
  std::string id, label, value;
  int64_t source_key_no = 0;     // the notification that gave the value; 0 if none had one
  std::string source_hospital;
};

struct TumourFlagView {
  int64_t tumour_id = 0;
  std::string check_id, severity, status, message;  // message: with the tumour's values
  std::string decided_by;
  int64_t decided_at = 0;
};

struct TumourView {
  int64_t tumour_id = 0, person_id = 0;
  std::string status;                  // current, retired
  std::vector<int64_t> notifications;  // key numbers
  std::vector<TumourItemView> items;   // every consolidated item, in the record's order
  std::string morphology;              // the 6-digit code put together
  std::vector<TumourFlagView> flags;
  int64_t consolidated_at = 0;
  std::string consolidated_by;
  // Deaths (issue #5): the person's death form, and "dcn" when the case was first known from
  // it and notified after the follow-back (death_date's source is then the death form).
  int64_t death_id = 0;
  std::string death_case;
};

struct TumourSummary {
  int64_t tumour_id = 0, person_id = 0;
  std::string primary_site, morphology, diagnosis_date;
  int64_t notifications = 0;
  int64_t open_flags = 0;
};

// ---- ledgers (issue #4; src/app/ledger_cases.cc) ----

// A number registered beforehand for a body: the only kind a call-back may go to (S-INQ-3).
struct InquiryContact {
  int64_t id = 0;
  std::string body, phone, group;
  int64_t added_at = 0;
  std::string added_by;
};

struct InquiryRequest {
  std::string group;    // ア, イ, ウ, エ, オ (S-INQ-1)
  std::string channel;  // letter, email, phone, fax
  std::string counterpart;  // the body (as registered for call-backs), or the person
  std::string content;
  bool personal = false;    // concerns personal information
  std::string verified_facts;  // facts asked to verify the inquirer (S-INQ-4)
  bool escalated = false;   // group オ treated as group ア (S-INQ-2)
  // Outbound (registry → hospitals, municipalities; S-INQ-6):
  bool outbound = false;
  std::string condition;    // known-staff, registered-contact-few-cases, identified
  bool urgent = false;
  int64_t cases = 0;
  std::vector<std::string> test_fax_staff;
  // A correction: the whole inquiry again, naming the entry it corrects (which stays as it was).
  int64_t corrects = 0;
};

struct RecordedInquiry {
  int64_t id = 0;
  std::string may_answer;  // what may be answered, and how (S-INQ-2, S-INQ-3)
};

struct InquiryAnswerRequest {
  int64_t inquiry_id = 0;
  std::string answer;
  std::string callback_to;     // the number called back (phone inquiries, S-INQ-3)
  std::string verified_facts;  // facts asked at the call-back (S-INQ-4)
  // A correction: the whole answer again, naming the answer it corrects (which stays as it was).
  int64_t corrects = 0;
};

struct InquiryAnswerView {
  int64_t id = 0, at = 0;
  std::string handled_by, text, callback_to, verified_facts;
  int64_t corrects = 0;      // the answer this one corrects
  int64_t corrected_by = 0;  // the later answer that corrects this one (0: current)
};

struct InquiryView {
  int64_t id = 0, at = 0;
  std::string handled_by, group, channel, direction;
  bool personal = false, escalated = false;
  std::string counterpart, content, verified_facts, condition;
  bool urgent = false;
  int64_t cases = 0;
  std::vector<std::string> test_fax_staff;
  std::string may_answer;
  std::vector<InquiryAnswerView> answers;  // to this entry and every entry it corrects
  int64_t corrects = 0;      // the entry this one corrects
  int64_t corrected_by = 0;  // the later entry that corrects this one (0: current)
};

// A portable medium that holds personal information (S-STO-2).
struct MediumInfo {
  std::string id, kind, received;  // received: YYYY-MM-DD
  std::string disposed;            // YYYY-MM-DD of its disposal record; "" while kept
  int64_t added_at = 0;
  std::string added_by;
};

struct DisposalRequest {
  std::string item;       // what is disposed of (never personal information)
  std::string medium_id;  // a listed medium, if it is one: its disposed date is then set
  std::string method;     // shred, dissolve, incinerate, erase-software, physical-destroy
  double strip_width_mm = 0, particle_mm2 = 0;  // shredding (S-STO-5)
  std::string combined_with;  // "", dissolution, incineration
  std::string place;          // room, designated-outside, contractor (S-STO-4)
  std::vector<std::string> witnesses;  // who did it or was present
  std::string date;           // YYYY-MM-DD; default: today in Japan
  int64_t corrects = 0;       // the entry this one corrects (append-only: it stays as it was)
  int64_t acquisition = 0;    // an acquisition disposed of at the end of its retention (F-7)
  std::string time;           // HH:MM it was done (F-6), optional
  // STO-P4: the task lead (or head) who approved it; needed unless the material is temporary
  // (a listed medium, an acquisition and a contractor's disposal never are).
  std::string approved_by;
  std::string contract;     // contractor: the contract's reference, as the head checked it (S-STO-5)
  std::string certificate;  // contractor: its certificate of destruction, where it gives one
};

struct DisposalEntry {
  int64_t id = 0, at = 0;
  std::string date, recorded_by, item, medium_id, method;
  double strip_width_mm = 0, particle_mm2 = 0;
  std::string combined_with, place, witnesses, staff_present;
  int64_t corrects = 0;
  int64_t acquisition = 0;  // the acquisition it disposed of, if any
  std::string time, approved_by;
  std::string contract, contractor, clause_checked_by;  // the contract named, as checked
  std::string certificate;
  int64_t corrected_by = 0;  // the later entry that corrects this one (0: current)
};

// The head's check of a disposal contractor's contract (S-STO-5).
struct DisposalContractRequest {
  std::string contractor, ref;
  bool confidentiality_clause = false;  // the head found the clause in the contract
  std::string checked_on;               // YYYY-MM-DD; default: today in Japan
  std::string valid_until;              // YYYY-MM-DD the contract ends; "" if open-ended
  int64_t corrects = 0;                 // the check this one corrects (it stays as it was)
};

struct DisposalContractView {
  int64_t id = 0, at = 0;
  std::string contractor, ref;
  bool clause = false;
  std::string checked_by, checked_on, valid_until;
  int64_t corrects = 0, corrected_by = 0;
};

// ---- the office's overview (issue #6; src/app/overview_cases.cc) ----

struct ReceivedFile {
  int64_t id = 0;
  std::string display_name, hospital_code, medium, encoding, received_by, status, reason;
  int64_t received_at = 0;
  int64_t rows_read = 0, rows_accepted = 0, rows_held = 0, bytes = 0;
};

// What is waiting for the user today. Counts only: no personal information.
struct Dashboard {
  std::string user, role;
  bool custodian = false;
  std::vector<std::string> categories;  // the user's grants
  bool must_change_password = false;
  int64_t password_expires_at = 0;      // UTC seconds
  int64_t password_days_left = 0;
  bool recovery_key_not_moved = false;  // RECOVERY-KEY.txt still lies in the registry folder
  int64_t notifications = 0;
  int64_t held_rows = 0;                // rows held back, in every file
  int64_t files_with_held_rows = 0;     // among the recent files
  int64_t review_open = 0;              // open pairs in the linkage review queue
  std::vector<ReceivedFile> recent_files;  // newest first, at most 10
};

struct AuditEventView {
  int64_t seq = 0, time = 0;
  std::string actor, role, action, object, outcome, detail;
};

// ---- ledgers, second slice (issue #4; src/app/people_cases.cc, src/app/office_cases.cc) ----

struct TrainingPlanRequest {
  int64_t fiscal_year = 0;  // April of that year to March of the next
  std::string title;
  std::string covers;       // "rules,roles,after-leaving" (S-HUM-2)
  int64_t pass_mark = 0;    // 1–100
};

struct TrainingPlanInfo {
  int64_t id = 0, at = 0, fiscal_year = 0;
  std::string title, covers;
  int64_t pass_mark = 0;
  std::string planned_by, approved_by;  // approved_by: "" until the head approves (S-HUM-3)
  int64_t approved_at = 0;
};

struct TrainingSessionRequest {
  int64_t plan_id = 0;
  std::string date;     // YYYY-MM-DD; default today (Japan)
  std::string trainer;  // who gave it
  std::string content;  // what was taught
  std::vector<std::string> attendees;    // accounts
  std::vector<std::string> contractors;  // contractor staff (S-HUM-1), by name
};

struct TrainingSessionInfo {
  int64_t id = 0, at = 0, plan_id = 0;
  std::string date, trainer, content, recorded_by;
  std::vector<std::string> attendees, contractors;
};

struct TrainingTestRequest {
  int64_t session_id = 0;
  std::string person;
  int64_t score = 0;      // 0–100
  int64_t retest_of = 0;  // a failed result this retest repeats (S-HUM-1)
  int64_t corrects = 0;   // a result this entry corrects (which stays as it was)
};

struct TrainingTestInfo {
  int64_t id = 0, at = 0, session_id = 0;
  std::string person, date;
  int64_t score = 0, pass_mark = 0;
  bool passed = false;
  int64_t retest_of = 0, corrects = 0, corrected_by = 0;
  std::string recorded_by;
};

// Where one account stands with training (S-HUM-1).
struct TrainingStanding {
  std::string person;
  std::string last_pass;  // YYYY-MM-DD, "" if never
  bool current = false;   // passed within the last year: may be granted categories
};

struct TrainingRecords {
  std::vector<TrainingPlanInfo> plans;
  std::vector<TrainingSessionInfo> sessions;
  std::vector<TrainingTestInfo> tests;
  std::vector<TrainingStanding> standing;  // every active account except the head
};

struct BriefingRequest {
  std::string kind;      // new-staff, leaver (S-HUM-3)
  std::string person;    // the account briefed
  std::string given_by;  // the head who gave it; default: the actor
  std::string date;      // YYYY-MM-DD; default today
  std::string note;
};

struct BriefingInfo {
  int64_t id = 0, at = 0;
  std::string kind, person, date, given_by, note, recorded_by;
};

// One account as the user-ID audit shows it (S-SYS-3).
struct AccountCheck {
  std::string name, role, state;  // state: active, disabled
  std::string created_by, instructed_by;
  int64_t created_at = 0, password_changed_at = 0;
  std::vector<std::string> categories;
  std::string last_pass;   // training (S-HUM-1), "" if never
  bool briefed = false;    // new-staff briefing recorded (S-HUM-3)
};

struct IdAuditRequest {
  std::string trigger = "april";        // april, personnel-change
  std::vector<std::string> confirmed;   // accounts whose holder was confirmed
  std::vector<std::pair<std::string, std::string>> mismatched;  // account, what was found
  std::string note;
};

struct IdAuditItem {
  std::string account, role, state, status, note;  // status: match, mismatch
};

struct IdAuditInfo {
  int64_t id = 0, at = 0;
  std::string date, trigger, reviewer;
  int64_t accounts = 0, mismatches = 0;
  std::string note;
  std::vector<IdAuditItem> items;
};

struct IncidentRequest {
  std::string kind;      // leak, loss, unauthorised-access, system-fault, other
  std::string occurred;  // YYYY-MM-DDTHH:MM (Japan)
  std::string summary;   // what happened (sealed: it may hold personal information)
};

struct IncidentStepRequest {
  int64_t incident_id = 0;
  std::string step;     // reported-to-head, contained, cause, prevention, head-to-governor,
                        // head-to-ncc, governor-to-ministry, notified, note
  std::string done_at;  // YYYY-MM-DDTHH:MM (Japan); default now
  std::string note;     // what was done or found (sealed)
  std::string to;       // whom it was notified to (sealed)
};

struct IncidentStepView {
  int64_t id = 0, at = 0;
  std::string step, label, done_at, recorded_by, note, to;
};

struct IncidentView {
  int64_t id = 0, at = 0;
  std::string reported_by, occurred, kind, summary;
  std::string law;  // the law that applies (unauthorised access), or ""
  std::vector<IncidentStepView> steps;
  std::vector<std::string> missing;  // required steps not recorded yet
};

struct ContactNetworkView {
  int64_t id = 0, at = 0;
  std::string updated_on, recorded_by, text;
};

struct KeyboxRequest {
  std::string action;  // open, lock, count
  int64_t expected = 0, counted = 0;  // count: keys that belong in the box, keys found
  std::string note;
};

struct KeyboxEntry {
  int64_t id = 0, at = 0;
  std::string date, action, by;
  int64_t expected = 0, counted = 0;
  std::string note;
  bool keys_missing = false;  // a count short of the expected number
};

struct VisitRequest {
  std::string date;     // YYYY-MM-DD; default today
  std::string time_in;  // HH:MM
  std::string name, affiliation, purpose;  // sealed
  bool pledge = false;  // the pledge (第5号様式) was received
  std::string approved_by, escort;
  int64_t corrects = 0;
};

struct VisitView {
  int64_t id = 0, at = 0;
  std::string date, time_in, time_out;
  std::string name, affiliation, purpose;  // "" without the ledgers grant
  bool sealed = false;                     // names withheld (no ledgers grant)
  bool pledge = false;
  std::string approved_by, escort, recorded_by;
  int64_t corrects = 0, corrected_by = 0;
};

struct EntryCheckInfo {
  std::string month;
  int64_t at = 0;
  std::string checked_by;
  int64_t entries = 0;
  std::string note;
};

struct DueEntry {
  std::string rule, what;
  std::string due;  // YYYY-MM-DD
  bool overdue = false;
};

// ---- ledgers, third slice (issue #4; src/app/assessment_cases.cc, register_cases.cc) ----

// One checklist item as it stands (S-CHK-1).
struct AssessmentItemView {
  std::string no, section, text_ja, text_en, rules;
  bool from_records = false;  // "evidence from records"; false: "needs a person's answer"
  std::string finding;        // the records' finding: met, not-met, needs-answer
  std::string evidence;       // what the records show
  std::string answer, note, action, answered_by;  // the latest answer
  std::string result;         // met, not-met, not-applicable, needs-answer
};

struct AssessmentView {
  int64_t year = 0;
  int64_t started_at = 0;
  std::string started_by;
  int64_t evaluated_at = 0;   // when the records were read for `items`
  int64_t signed_at = 0;      // 0 while not signed
  std::string signed_by;
  int64_t met = 0, not_met = 0, not_applicable = 0, unanswered = 0;
  std::vector<AssessmentItemView> items;
  int report_pages = 0;  // pages of the PDF report written, if one was
};

struct AssessmentAnswerRequest {
  int64_t year = 0;
  std::string item;    // "2-01"
  std::string status;  // met, not-met, not-applicable, or "" (a note or action only)
  std::string note;    // the evidence note
  std::string action;  // the action decided (a procedure revision) for an unmet item
};

struct TakeoutRequest {
  std::string kind;    // paper, usb, cd-r
  std::string what, reason;  // sealed
  int64_t quantity = 0;
  std::string taken_by;      // default: the actor
  std::string approved_by;
  std::string date;          // YYYY-MM-DD; default today
  std::string time_out;      // HH:MM
  std::string due_back;      // YYYY-MM-DD; default the same day
  int64_t corrects = 0;
};

struct TakeoutReturnRequest {
  int64_t takeout_id = 0;
  std::string date;     // default today
  std::string time_in;  // HH:MM
  int64_t returned_count = -1;  // default: the quantity taken out
  std::string note;
};

struct TakeoutView {
  int64_t id = 0, at = 0;
  std::string date, time_out, taken_by, kind;
  int64_t quantity = 0;
  std::string approved_by, due_back;
  std::string what, reason;  // "" without the ledgers grant
  bool sealed = false;
  int64_t corrects = 0, corrected_by = 0;
  bool returned = false;
  std::string returned_date, returned_time, returned_by, return_note;
  int64_t returned_count = 0;
  bool missing = false;  // fewer came back than went out
  bool overdue = false;  // not back and past its date
};

struct MaintenanceRequest {
  std::string date;  // default today
  std::string time_from, time_to;
  std::string worker_kind;           // staff, contractor
  std::string worker, affiliation;   // sealed
  std::string work, result;
  std::string approved_by, witness;
  bool nda = false;
  int64_t corrects = 0;
};

struct MaintenanceView {
  int64_t id = 0, at = 0;
  std::string date, time_from, time_to, worker_kind, worker, affiliation, work, result;
  std::string approved_by, witness, recorded_by;
  bool nda = false, sealed = false;
  int64_t corrects = 0, corrected_by = 0;
};

struct AcquisitionRequest {
  std::string date;  // default today
  std::string kind, medium, route, source;
  int64_t count = 0;
  std::string tracking;
  std::vector<std::string> carriers;
  std::string storage;
  int64_t corrects = 0;
};

struct AcquisitionView {
  int64_t id = 0, at = 0;
  std::string date, kind, kind_label, medium, route, source;
  int64_t count = 0;
  std::string tracking, carriers, storage, received_by;
  int64_t corrects = 0, corrected_by = 0;
  int64_t handover_id = 0;  // filled by the system from this hand-over entry (0: by hand)
  int64_t disposal_id = 0;  // the disposal record that disposed of it (0: kept)
};

// ---- ledgers, fourth slice (issue #4) ----

// A procedure revision decided from the self-assessment's results (S-CHK-1).
struct RevisionRequest {
  int64_t year = 0;                // the self-assessment whose actions it carries out
  std::vector<std::string> items;  // its checklist items, each with an action decided
  std::string procedure;           // the rule, form or practice revised
  std::string change;              // what changed
  std::string decided_by;          // the head; "" = you (then you must be the head)
  std::string date;                // YYYY-MM-DD decided; default today
  int64_t corrects = 0;
};

struct RevisionView {
  int64_t id = 0, at = 0, year = 0;
  std::string items, procedure, change, decided_by, decided_on, recorded_by;
  int64_t corrects = 0, corrected_by = 0;
};

// An external audit (ORG-6, F-15).
struct ExternalAuditRequest {
  std::string date;         // YYYY-MM-DD of the audit; default today
  std::string auditor;      // the outside body
  std::string committee;    // its members' groups (other registries, privacy experts, patients)
  std::string findings, actions;
  std::string reported_on;  // YYYY-MM-DD reported to the governor's officer; "" not yet
  int64_t corrects = 0;
};

struct ExternalAuditView {
  int64_t id = 0, at = 0;
  std::string date, auditor, committee, findings, actions, reported_on, recorded_by;
  int64_t corrects = 0, corrected_by = 0;
};

// A row of the storage schedule (F-7): retention per kind of information and medium.
struct RetentionRequest {
  std::string kind;    // notification, death, address-change, linkage-file
  std::string medium;  // electronic, paper
  int64_t months = 0;  // kept this long after receipt
  std::string place, method;
};

struct RetentionView {
  int64_t id = 0, at = 0;
  std::string kind, kind_label, medium;
  int64_t months = 0;
  std::string place, method, set_by;
  bool in_force = false;  // the latest row for its kind and medium
};

struct DefinitionRequest {
  std::string kind;  // hospital, municipality
  std::string code, change;  // add, change, remove
  std::string changed_on;    // YYYY-MM-DD the definition changed
  std::string applied_on;    // default today
  std::string source, description;
  int64_t corrects = 0;
};

struct DefinitionView {
  int64_t id = 0, at = 0;
  std::string kind, code, change, changed_on, applied_on, source, description, recorded_by;
  int64_t corrects = 0, corrected_by = 0;
  bool partner_registered = false;  // a hospital registered with `partner add`
};

struct HandoverDeliveryRequest {
  int64_t entry = 0;   // the hand-over book entry
  std::string method;  // letter-pack, registered-mail, specified-record-mail, yu-pack, hand-carried
  std::string tracking;
  bool unused_medium = false;         // dispatch on media: the medium was unused (S-TRN-1)
  std::vector<std::string> carriers;  // hand-carried: two or more staff (S-TRN-5)
  bool opened_in_room = false;        // receipt: opened inside the registry room (S-ACQ-5)
};

// Where a printed document goes (PrintLedger, WriteSelfAssessmentReport): a new file, or — for
// a browser's download, so that nothing is written to disk on the server — memory.
struct PrintOutput {
  std::filesystem::path file;   // a new file; its name gives the format (.pdf, .html)
  std::string format;           // with `into`: pdf or html
  std::string* into = nullptr;  // set: the document is handed back here instead of written
};

struct LedgerPrintResult {
  std::string kind;
  int64_t entries = 0;
  bool sealed_withheld = false;  // sealed columns left out (no ledgers grant)
  int pages = 0;                 // A4 pages of a PDF (0 for HTML)
};

struct AuditVerifyResult {
  bool intact = true;
  int64_t events = 0, checkpoints = 0, first_bad_seq = 0;
  std::string problem;
};

// ---- deaths and the follow-back (issue #5, S-ACQ-2 イ; src/app/death_cases.cc) ----

struct DeathIntakeRequest {
  std::filesystem::path file;
  std::string source;   // 6-digit local-government code of the municipality, or "ncc"
  std::string medium;   // online, cd-r, usb, paper (S-ACQ-1)
  std::optional<std::string> encoding;  // utf-8, cp932; auto-detected when absent
  std::string display_name;             // default: the file's base name
};

struct DeathSummary {
  int64_t death_id = 0, file_id = 0, line = 0;
  std::string death_date, cause, place_kind, place_institution;  // clinical part
  int64_t person_id = 0;   // 0: not linked
  std::string link_method; // "auto", "review", ""
  std::string case_status; // "followback", "notified", "dco", ""
};

struct DeathReviewItem {
  int64_t pair_id = 0, death_id = 0, key_no = 0, person_id = 0;
  model::DeathRow death;               // both parts
  NotificationSummary notification;
  model::NotificationRow notification_row;  // identity and clinical items
  std::vector<std::string> differing;  // ids of the identity items that differ
  bool blind = false;
  double weight = 0.0;
  std::vector<FieldContribution> contributions;
  int64_t open_pairs = 0;
};

struct FollowbackEntry {
  int64_t death_id = 0;
  std::string status;    // followback, notified, dco
  std::string hospital;  // the institution asked; "" = none to ask (place of death not medical)
  std::string death_date, cause, place_kind;
  int64_t opened_at = 0, person_id = 0, closed_at = 0;
  std::string closed_by;
};

struct FollowbackExportRequest {
  std::string hospital;           // the institution whose open cases are listed
  std::filesystem::path out;      // a new file (mode 0600); it holds names
  std::string format = "csv";     // csv, text (a printable page)
  // Set: the list is handed back here (a browser's download; wiped when dropped) instead of
  // written to `out`.
  crypto::SecretBytes* into = nullptr;
};

class Session {
 public:
  ~Session();
  const access::Actor& actor() const { return actor_; }
  // True if the password must be changed before anything else (expired, or set by another).
  bool must_change_password() const { return must_change_password_; }
  int64_t password_expires_at() const;
  // Records the end of the session ("session.logout", with `reason`: "" for a logout the user
  // asked for, "expired" for one ended by the idle or total time). Needs no permission; the
  // caller drops the session afterwards (its keys go with it). A login is recorded by Login.
  Status Logout(std::string_view reason);

  // -- accounts and the work-assignment table --
  Result<UserInfo> AddUser(const AddUserRequest& request);
  Status Grant(std::string_view user, std::string_view category);
  Status Revoke(std::string_view user, std::string_view category);
  Status DisableUser(std::string_view user);
  Status ChangePassword(std::string_view old_password, std::string_view new_password);
  Result<std::vector<UserInfo>> ListUsers();

  // -- intake --
  Result<IntakeResult> Intake(const IntakeRequest& request);
  Result<HeldFileReport> FileReport(int64_t file_id);

  // -- notifications --
  Result<std::vector<NotificationSummary>> ListNotifications(int64_t limit, int64_t offset);
  // With `identity`, decrypts the identity part: kPermissionDenied (audited) without the
  // notification-identity grant.
  Result<NotificationView> ShowNotification(int64_t key_no, bool identity);

  // -- ledgers --
  Result<std::vector<HandoverEntry>> HandoverBook();

  // -- transfer packages (issue #3) --
  Result<PartnerInfo> AddPartner(std::string_view code, const std::filesystem::path& public_key);
  Status RevokePartner(std::string_view code);
  Result<std::vector<PartnerInfo>> ListPartners();
  // Writes the registry's public key (receiving key = the inbound category's; signing key = the
  // audit key that also signs receipts) for hospitals to address packages to.
  Status ExportRegistryPublicKey(const std::filesystem::path& out);
  // Checks a package: structure and signature, a registered sender in force, addressed to this
  // registry, not expired; with the inbound grant also every part's contents. kRejected with the
  // reason for a package that must not be taken in.
  Result<PackageCheck> VerifyPackage(const std::filesystem::path& file);
  // Takes a package in: the checks above, a replayed package recognised (nothing added), parts
  // opened with the inbound key (kPermissionDenied without the grant), rows joined by key number
  // and taken in exactly as a CSV file is, and a signed receipt written for the sender.
  Result<IntakeResult> IntakePackage(const IntakePackageRequest& request);

  // Sends a file out (S-TRN-1, S-TRN-6): sealed to the recipients' public keys as a transfer
  // package signed by the registry, and recorded in the hand-over book as a dispatch.
  Result<std::string> Dispatch(const DispatchRequest& request);

  // -- linkage and review (issue #5) --
  // Links every notification to a person: decrypts each one's identity and clinical parts in
  // memory (kPermissionDenied, audited, without both grants), runs the linkage model, keeps
  // person ids stable across runs, joins reviewers' "same" pairs and never joins their
  // "different" ones, and queues the pairs between the two thresholds for review.
  // Incremental by default: when an earlier run left its parameters and every notification not
  // yet linked came after the linked ones, only pairs involving a new notification are compared
  // (with those parameters; earlier persons stay joined). `full` relinks everything and
  // estimates the parameters again. Ends by consolidating the changed persons' tumours.
  Result<LinkReport> Link(bool full = false);
  // The oldest open review pair whose two notifications are not one person already, both
  // sides' items with the differences marked; with `blind` the score is withheld. An identity
  // read (needs both grants). nullopt if the queue is empty.
  Result<std::optional<ReviewItem>> ReviewNext(bool blind);
  // A reviewer's decision on an open pair: "same" merges the two persons (the later id goes
  // into the earlier), "different" is remembered and never joined or proposed again.
  // kFailedPrecondition if the pair is decided already; kNotFound for an unknown pair.
  Status ReviewDecide(int64_t pair, bool same, std::string note);
  // Undoes a decision: a "same" is unmerged (each notification gets back the person id it had
  // before the merge, unless a later run moved it), a "different" forgotten. History is kept.
  Status ReviewUndo(int64_t pair);

  // -- tumours and consolidation (issue #5) --
  // Groups each person's notifications into tumours by the IARC/IACR multiple-primary rules and
  // builds one consolidated record per tumour (docs/consolidation.md), encrypted under the
  // notification-clinical category; runs the quality checks on each. Only persons whose
  // notifications changed since the last run are rebuilt, unless `all`. Needs the identity
  // (sex, birth date → age) and clinical grants (kPermissionDenied, audited). Tumour ids stay
  // stable: a tumour keeps the id most of its notifications had.
  Result<ConsolidationReport> Consolidate(bool all);
  // Current tumours (clinical grant): person_id 0 = all persons.
  Result<std::vector<TumourSummary>> ListTumours(int64_t person_id, int64_t limit, int64_t offset);
  // One tumour with each item's source notification and its flags (clinical grant). kNotFound.
  Result<TumourView> ShowTumour(int64_t tumour_id);
  // Quality-check flags with their messages (clinical grant): open ones, or all with `all`.
  Result<std::vector<TumourFlagView>> ListQcFlags(bool all);
  // Marks a flag as looked at and correct as it is; it stays accepted until the tumour's record
  // changes. kNotFound for an unknown flag; kFailedPrecondition if accepted already.
  Status AcceptQcFlag(int64_t tumour_id, std::string_view check_id);

  // -- ledgers (issue #4) --
  // Registers a number for call-backs to `body` (custodians; S-INQ-3). kAlreadyExists if known.
  Result<InquiryContact> AddInquiryContact(std::string_view body, std::string_view phone,
                                           std::string_view group);
  Result<std::vector<InquiryContact>> ListInquiryContacts();
  // Records an inquiry in the inquiry book (S-INQ-5), sealed to the ledgers category (no grant
  // is needed to write, as none is needed to take a file in). Outbound phone/FAX inquiries are
  // refused (kFailedPrecondition, the rule named) unless S-INQ-6's conditions hold.
  Result<RecordedInquiry> RecordInquiry(const InquiryRequest& request);
  // Records the answer to an inquiry after checking S-INQ-2..4 (kFailedPrecondition naming the
  // rule). Needs the ledgers grant: the inquiry is decrypted to check it. With `corrects`, a new
  // answer entry that corrects an earlier answer to this inquiry (or to a version it corrects),
  // checked again; the corrected answer stays. kNotFound / kInvalidArgument if `corrects` is no
  // answer of this inquiry; kFailedPrecondition if it was corrected already.
  Result<int64_t> AnswerInquiry(const InquiryAnswerRequest& request);
  // The book, decrypted (kPermissionDenied, audited, without the ledgers grant).
  Result<std::vector<InquiryView>> ListInquiries();
  Result<InquiryView> ShowInquiry(int64_t id);

  // The portable-media list (S-STO-2): kAlreadyExists for a listed id.
  Result<MediumInfo> AddMedium(std::string_view id, std::string_view kind,
                               std::string_view received);
  Result<std::vector<MediumInfo>> ListMedia();
  // Records a disposal after checking S-STO-5 (shredding) and S-STO-4 (place and people):
  // kFailedPrecondition naming the rule. A listed medium gets its disposed date; kNotFound for
  // an unlisted one, kFailedPrecondition for one disposed of already. The same for a named
  // acquisition (S-STO-3, F-7: kNotFound if unknown, kFailedPrecondition if disposed of).
  Result<DisposalEntry> RecordDisposal(const DisposalRequest& request);
  Result<std::vector<DisposalEntry>> ListDisposals();
  // The head records a disposal contractor's contract with the check of its confidentiality
  // clause (S-STO-5; kPermissionDenied for anyone else, kFailedPrecondition naming S-STO-5
  // without the clause). A contractor's disposal names a current check by its reference.
  // kAlreadyExists if the reference is recorded (correct it with `corrects`).
  Result<DisposalContractView> CheckDisposalContract(const DisposalContractRequest& request);
  Result<std::vector<DisposalContractView>> ListDisposalContracts();

  // -- the office's overview (issue #6) --
  Result<Dashboard> ShowDashboard();
  Result<std::vector<ReceivedFile>> ListFiles(int64_t limit);  // newest first
  // Events with seq < `before_seq` (0: from the newest), newest first, at most `limit`.
  Result<std::vector<AuditEventView>> ListAuditEvents(int64_t before_seq, int64_t limit);
  // -- ledgers, second slice (issue #4): people (S-HUM-1..3, S-SYS-3) --
  // A plan for a fiscal year; kFailedPrecondition (S-HUM-2) if the curriculum leaves a topic out.
  Result<TrainingPlanInfo> AddTrainingPlan(const TrainingPlanRequest& request);
  // The head's approval (S-HUM-3); kFailedPrecondition if approved already.
  Result<TrainingPlanInfo> ApproveTrainingPlan(int64_t plan_id);
  // A session with attendance, only under an approved plan and within its fiscal year (S-HUM-1,
  // S-HUM-3); attendees must be active accounts.
  Result<TrainingSessionInfo> RecordTrainingSession(const TrainingSessionRequest& request);
  // A test result against the plan's pass mark: only for someone who attended (S-HUM-1); one
  // first test per person and session, further attempts are retests of a failed result.
  Result<TrainingTestInfo> RecordTrainingTest(const TrainingTestRequest& request);
  Result<TrainingRecords> ListTraining();
  // A briefing given by the head (S-HUM-3), for an account.
  Result<BriefingInfo> RecordBriefing(const BriefingRequest& request);
  Result<std::vector<BriefingInfo>> ListBriefings();
  // Every account against its holder (S-SYS-3): the list to check, then the result recorded —
  // refused (S-SYS-3) unless every active account is confirmed or reported as a mismatch.
  Result<std::vector<AccountCheck>> IdAuditAccounts();
  Result<IdAuditInfo> RecordIdAudit(const IdAuditRequest& request);
  Result<std::vector<IdAuditInfo>> ListIdAudits();

  // -- incidents (S-INC-1, S-INC-2); contents sealed under ledgers --
  Result<IncidentView> ReportIncident(const IncidentRequest& request);
  // A step, checked against the chain (S-INC-1); the head's reports are recorded by the head.
  Result<IncidentStepView> RecordIncidentStep(const IncidentStepRequest& request);
  Result<std::vector<IncidentView>> ListIncidents();  // needs the ledgers grant
  Result<IncidentView> ShowIncident(int64_t id);
  // The emergency contact network as text with its update date (S-INC-2); each call appends.
  Result<ContactNetworkView> SetContactNetwork(std::string_view updated_on, std::string_view text);
  Result<ContactNetworkView> ShowContactNetwork();  // the latest; kNotFound if none

  // -- rooms and keys (S-STO-1, S-ENT-1, PHY-2) --
  Result<KeyboxEntry> RecordKeybox(const KeyboxRequest& request);
  Result<std::vector<KeyboxEntry>> ListKeybox();
  // A visitor's entry, refused (S-ENT-1) without the pledge, a task lead's approval or an escort.
  Result<VisitView> RecordVisit(const VisitRequest& request);
  Result<VisitView> RecordExit(int64_t entry_id, std::string_view time_out);
  // The log of `month` (YYYY-MM, "" for all); names decrypted only with the ledgers grant.
  Result<std::vector<VisitView>> ListVisits(std::string_view month);
  // The task lead's monthly check (S-ENT-1); once per month, not for a month still to come.
  Result<EntryCheckInfo> CheckEntryLog(std::string_view month, std::string_view note);
  Result<std::vector<EntryCheckInfo>> ListEntryChecks();

  // -- what is due --
  Result<std::vector<DueEntry>> Due();

  // -- ledgers, third slice (issue #4) --
  // The September self-assessment (S-CHK-1). Start: the year's assessment with every checklist
  // item pre-filled from the records (kAlreadyExists if started; kInvalidArgument for a year to
  // come). Answer: checked by ledger::CheckAnswer (kFailedPrecondition naming S-CHK-1), refused
  // once signed. Sign: the head, after every item has a result and every unmet one its action;
  // the records are read again and that evaluation is the one kept and reported.
  Result<AssessmentView> StartSelfAssessment(int64_t year);
  Status AnswerSelfAssessment(const AssessmentAnswerRequest& request);
  Result<AssessmentView> SignSelfAssessment(int64_t year, std::string_view note);
  // Unsigned: the records read now; signed: the evaluation kept at signing.
  Result<AssessmentView> ShowSelfAssessment(int64_t year);
  // Writes the report (Japanese first) to each of `outs`, new files, from one reading of the
  // records: an A4 PDF for a name ending in .pdf, a self-contained HTML page for .html
  // (kInvalidArgument for another name, before anything is written; kAlreadyExists for a file
  // that exists). One audit event for all of them.
  Result<AssessmentView> WriteSelfAssessmentReport(int64_t year,
                                                   const std::vector<std::filesystem::path>& outs);
  Result<AssessmentView> WriteSelfAssessmentReport(int64_t year, const std::filesystem::path& out);
  // The same, each output a file or memory (PrintOutput::into; kInvalidArgument for a format
  // other than pdf or html).
  Result<AssessmentView> WriteSelfAssessmentReport(int64_t year,
                                                   const std::vector<PrintOutput>& outs);

  // The take-out and return register (STO-3, checklist Nos. 58-59); what and why sealed.
  Result<TakeoutView> RecordTakeout(const TakeoutRequest& request);
  Result<TakeoutView> RecordTakeoutReturn(const TakeoutReturnRequest& request);
  Result<std::vector<TakeoutView>> ListTakeouts();
  // The maintenance record (S-SYS-6); an outside worker's name and company sealed.
  Result<MaintenanceView> RecordMaintenance(const MaintenanceRequest& request);
  Result<std::vector<MaintenanceView>> ListMaintenance();
  // The acquisition register (S-ACQ-2, S-ACQ-4); `kind` "" lists every kind.
  Result<AcquisitionView> RecordAcquisition(const AcquisitionRequest& request);
  Result<std::vector<AcquisitionView>> ListAcquisitions(std::string_view kind);
  // Hospital and municipality definition updates (S-SYS-4), by the custodians.
  Result<DefinitionView> RecordDefinitionUpdate(const DefinitionRequest& request);
  Result<std::vector<DefinitionView>> ListDefinitionUpdates();
  // How a hand-over book entry on media or paper travelled, added once (ledger::CheckDelivery:
  // kFailedPrecondition naming S-ACQ-1, S-ACQ-5, S-TRN-1 or S-TRN-5); kNotFound for no entry.
  Result<HandoverEntry> RecordHandoverDelivery(const HandoverDeliveryRequest& request);
  // A ledger as a printable document (Japanese headings) written to `out`, a new file: an A4 PDF
  // if it ends in .pdf, a self-contained HTML page if in .html (kInvalidArgument otherwise):
  // handover, media, disposals, keybox, entry-log, takeouts, maintenance, acquisitions,
  // definitions, revisions, external-audits, retention (kInvalidArgument for another). Sealed
  // columns are printed only with the ledgers grant; `from`/`to` (YYYY-MM-DD, "" = open) bound
  // the entries by date.
  Result<LedgerPrintResult> PrintLedger(std::string_view kind, std::string_view from,
                                        std::string_view to, const std::filesystem::path& out);
  // The same into a file or memory (PrintOutput::into: a browser's download; kInvalidArgument
  // for a format other than pdf or html). The same permission and audit event.
  Result<LedgerPrintResult> PrintLedger(std::string_view kind, std::string_view from,
                                        std::string_view to, const PrintOutput& out);

  // -- ledgers, fourth slice (issue #4) --
  // A procedure revision decided from the year's self-assessment (S-CHK-1), checked by
  // ledger::CheckRevision (kFailedPrecondition naming S-CHK-1: an item with no action decided,
  // a decision not the head's, a date outside the assessment); kNotFound for no assessment.
  Result<RevisionView> RecordProcedureRevision(const RevisionRequest& request);
  Result<std::vector<RevisionView>> ListProcedureRevisions(int64_t year);  // 0: every year
  // The external audit (ORG-6), by the head; kFailedPrecondition naming ORG-6 for dates that
  // cannot be.
  Result<ExternalAuditView> RecordExternalAudit(const ExternalAuditRequest& request);
  Result<std::vector<ExternalAuditView>> ListExternalAudits();
  // A row of the storage schedule (F-7); the latest per kind and medium is in force, and `due`
  // lists acquisitions of that kind and medium whose period ends.
  Result<RetentionView> SetRetentionRule(const RetentionRequest& request);
  Result<std::vector<RetentionView>> ListRetentionRules();

  // -- audit --
  Result<AuditVerifyResult> VerifyAudit(const std::vector<std::filesystem::path>& checkpoints);
  // Signs the current head and writes it to `out` (a new file) to be kept outside the registry.
  Result<int64_t> ExportCheckpoint(const std::filesystem::path& out);

  // -- deaths and the follow-back (issue #5, S-ACQ-2 イ; src/app/death_cases.cc) --
  // Takes a death information form file in like a notification file: digest (a duplicate adds
  // nothing), the original kept encrypted, each valid row split into an identity part
  // (notification-identity) and a clinical part (date, cause and place of death;
  // notification-clinical) under fresh batch keys, faulty rows held back with their report, and
  // the hand-over book entry. Linking happens in `Link`.
  Result<IntakeResult> IntakeDeaths(const DeathIntakeRequest& request);
  // Deaths with their clinical items, person and case (clinical grant).
  Result<std::vector<DeathSummary>> ListDeaths(int64_t limit, int64_t offset);
  // The oldest open death/person pair (both grants); nullopt if none.
  Result<std::optional<DeathReviewItem>> DeathReviewNext(bool blind);
  // "same" links the death to the pair's person (and rebuilds that person's tumours);
  // "different" keeps the person from ever being linked to that death.
  Status DeathReviewDecide(int64_t pair, bool same, std::string note);
  Status DeathReviewUndo(int64_t pair);
  // Follow-back cases (clinical grant), of one hospital or all ("" ), of a status or all ("").
  Result<std::vector<FollowbackEntry>> FollowbackList(std::string_view hospital,
                                                      std::string_view status);
  // Writes a hospital's open follow-back cases with the identities the hospital needs to find
  // its patient (both grants); returns the number of cases. Send it with `dispatch`. With
  // `request.into` the list is handed back in memory instead (a download; nothing on disk).
  Result<int64_t> FollowbackExport(const FollowbackExportRequest& request);
  // Records a hospital's answer: "notified" (its notification was taken in and the death now
  // links to a person) or "dco" (no record: death certificate only).
  Status FollowbackAnswer(int64_t death_id, std::string_view answer, std::string note);

 private:
  friend class Registry;
  struct Work;
  Session(Registry& registry);

  // The door: permission check, one transaction, one audit event.
  template <class T, class F>
  Result<T> Run(access::Action action, std::string object, F&& work);
  Status RecordRefusal(access::Action action, const std::string& object, const Status& why);
  Result<const crypto::SecretBytes*> CategoryKey(model::Category category);
  Result<const crypto::SecretBytes*> BatchKey(int64_t file_id, model::Category category);
  Status MaybeCheckpoint(int64_t seq);
  // What intake needs to know of a file, whatever its form (CSV, or a transfer package's parts).
  struct IntakeSource {
    std::filesystem::path file;   // kept, encrypted, as the original
    std::vector<std::filesystem::path> more_files;  // kept beside it (a package's other half)
    std::string display, hospital_code, medium, encoding;
    std::string kind;             // content summary for the hand-over book
    std::function<Result<std::unique_ptr<validate::NotificationReader>>()> open_reader;
    // Optional first try (validate::NotificationReader::OpenAssumingUtf8); open_reader reads the
    // file again if it is not UTF-8 after all.
    std::function<Result<std::unique_ptr<validate::NotificationReader>>()> open_reader_assuming_utf8;
    std::function<Status(int64_t file_id)> after_file;  // more records of the same receipt
  };
  Result<IntakeResult> TakeIn(const IntakeSource& source, Work& w);
  Status StoreRows(validate::NotificationReader& reader, std::string_view display,
                   const crypto::SecretBytes& identity_key, const crypto::SecretBytes& clinical_key,
                   store::FileRecord* file, IntakeResult* result);

  // Tumours (issue #5): the consolidation shared by Link and Consolidate, inside their
  // transaction; and the data key a tumour record was sealed under.
  Result<ConsolidationReport> ConsolidateWithin(bool all);
  // The same, also rebuilding `also` (persons whose death changed; issue #5).
  Result<ConsolidationReport> ConsolidateWithin(bool all, const std::vector<int64_t>& also);
  // Links every death form to at most one person of `records` (the notifications, in the order
  // of `keys`, with their persons in `person_of`), by the linkage model with `parameters`;
  // appends the deaths to `records`. Fills the follow-back cases. Returns the persons whose
  // death changed in `changed_persons`. Inside Link's transaction (src/app/death_cases.cc).
  Result<DeathLinkReport> LinkDeathsWithin(linkage::RecordSet& records,
                                           const std::vector<int64_t>& keys,
                                           const std::vector<int64_t>& person_of,
                                           const linkage::ModelParameters& parameters,
                                           bool term_frequency,
                                           std::vector<int64_t>* changed_persons);
  Result<const crypto::SecretBytes*> TumourKey(int64_t key_id);
  std::map<int64_t, std::unique_ptr<crypto::SecretBytes>> tumour_keys_;

  Registry& registry_;
  store::Database& db_;
  access::Actor actor_;
  int64_t user_id_ = 0;
  int64_t password_changed_at_ = 0;
  bool must_change_password_ = false;
  std::unique_ptr<crypto::SecretBytes> user_secret_key_;
  std::string user_public_key_;
  std::map<model::Category, std::unique_ptr<crypto::SecretBytes>> category_keys_;
  std::map<std::pair<int64_t, model::Category>, std::unique_ptr<crypto::SecretBytes>> batch_keys_;
};

}  // namespace ganreg::app
