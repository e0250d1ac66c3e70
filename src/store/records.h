// Typed rows of the store. Binary fields (keys, ciphertexts, digests) are byte strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ganreg::store {

struct UserRecord {
  int64_t id = 0;
  std::string name;               // login id (staff, not patients)
  std::string role;               // "head", "task-lead", "task-staff", "admin-staff"
  bool custodian = false;         // holds the administrator role (S-SYS-1): head + system task lead
  std::string password_verifier;  // Argon2id string
  std::string kdf_salt;           // salt of the key-encryption key
  std::string public_key;         // X25519
  std::string sealed_secret_key;  // X25519 secret, AEAD under the password-derived key
  int64_t password_changed_at = 0;
  bool must_change_password = false;  // set on accounts created or reset by someone else
  int failed_logins = 0;
  int64_t locked_until = 0;
  int64_t created_at = 0;
  std::string created_by;
  std::string instructed_by;  // the head whose instruction the creation followed (S-SYS-2)
  int64_t disabled_at = 0;    // 0 = active
};

struct CategoryKeyRecord {
  std::string category;
  int version = 1;
  std::string public_key;  // X25519; anyone may seal batch keys to it
  int64_t created_at = 0;
};

// A category's secret key sealed to one holder's public key. holder 0 = the recovery key.
struct KeySlotRecord {
  int64_t holder = 0;
  std::string category;
  int version = 1;
  std::string sealed_key;
  int64_t granted_at = 0;
  std::string granted_by;
};

struct FileRecord {
  int64_t id = 0;
  std::string digest;        // BLAKE2b-256 of the received bytes
  std::string display_name;  // base name as received
  std::string hospital_code;
  std::string medium;        // online, cd-r, usb, paper
  std::string encoding;
  int64_t received_at = 0;
  std::string received_by;
  std::string status;        // "accepted" (rows read, some maybe held back) or "rejected"
  std::string reason;        // why rejected
  int64_t rows_read = 0;
  int64_t rows_accepted = 0;
  int64_t rows_held = 0;
  std::string original;      // file name of the encrypted original under originals/
  int64_t bytes = 0;
};

struct BatchKeyRecord {
  int64_t file_id = 0;
  std::string category;
  int category_version = 1;
  std::string sealed_key;  // the batch's data key sealed to the category public key
};

struct IdentityRecord {
  int64_t key_no = 0;
  int64_t file_id = 0;
  std::string ciphertext;
};

struct ClinicalRecord {
  int64_t key_no = 0;
  int64_t file_id = 0;
  int64_t line = 0;
  std::string hospital_code;  // from the file's record
  int64_t received_at = 0;    // from the file's record
  std::string ciphertext;
};

// One accepted notification as intake writes it (views into the caller's buffers).
struct NotificationInsert {
  int64_t key_no = 0;
  int64_t line = 0;
  std::string_view identity_ciphertext;
  std::string_view clinical_ciphertext;
};

struct HeldRowRecord {
  int64_t file_id = 0;
  int64_t line = 0;
  std::string issues;      // the validation report lines (no identity values)
  std::string ciphertext;  // the raw row, under the identity batch key
};

struct HandoverRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string direction;   // "receipt" or "dispatch"
  std::string handled_by;  // who received or sent
  std::string counterpart; // sender (receipt) or recipient (dispatch)
  std::string recipient;   // who it was for
  std::string summary;     // content summary, no personal information
  std::string medium;
  int64_t file_id = 0;
};

// A hospital (or other body) whose packages the registry accepts (S-SYS-4).
struct PartnerRecord {
  std::string code;         // 10-digit medical institution code
  std::string name;
  std::string box_key;      // X25519 public key
  std::string sign_key;     // Ed25519 public key
  std::string fingerprint;
  int64_t registered_at = 0;
  std::string registered_by;
  int64_t revoked_at = 0;   // 0 = in force
};

struct PackageRecord {
  std::string package_id;
  int64_t file_id = 0;
  std::string sender;
  std::string purpose;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct CheckpointRecord {
  int64_t seq = 0;
  std::string hash;
  int64_t at = 0;
  std::string signature;
};

// ---- linkage (issue #5) ----

// One notification's person.
struct LinkRecord {
  int64_t key_no = 0;
  int64_t person_id = 0;
  int64_t linked_at = 0;
  std::string linked_by;
  std::string method;  // "auto", "review" (joined by a reviewer's "same"), "single"
};

// One change of a notification's person (old_person 0: first link).
struct LinkHistoryRecord {
  int64_t id = 0;
  int64_t key_no = 0;
  int64_t old_person = 0;
  int64_t new_person = 0;
  int64_t at = 0;
  std::string changed_by;
  std::string reason;  // "link", "same", "undo"
  int64_t pair_id = 0; // the review pair behind a "same" or "undo"
};

// A candidate pair between the two thresholds, and the reviewer's decision.
struct ReviewPairRecord {
  int64_t id = 0;
  int64_t key_a = 0;  // key_a < key_b
  int64_t key_b = 0;
  double weight = 0.0;
  std::string explanation;  // per field: "FIELD LEVEL WEIGHT" lines, never a value
  std::string status;       // "open", "same", "different", "undone"
  std::string decided_by;
  int64_t decided_at = 0;
  std::string note;
  int64_t created_at = 0;
};

struct ReviewHistoryRecord {
  int64_t id = 0;
  int64_t pair_id = 0;
  std::string action;  // "same", "different", "undo"
  std::string decided_by;
  int64_t at = 0;
  std::string note;
};

// A notification's two encrypted parts, as the linkage use case reads them (views valid only
// during the callback).
struct NotificationParts {
  int64_t key_no = 0;
  int64_t file_id = 0;
  std::string_view identity_ciphertext;
  std::string_view clinical_ciphertext;
};

// ---- ledgers (issue #4) ----

// A number registered beforehand for a body, the only kind a call-back may go to (S-INQ-3).
struct InquiryContactRecord {
  int64_t id = 0;
  std::string body;   // the organisation's name or code
  std::string phone;
  std::string group;  // "ア" … "オ"
  int64_t added_at = 0;
  std::string added_by;
};

// One entry of the inquiry book (S-INQ-5): an inquiry, or an answer to one (ref_id).
struct InquiryEntryRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string handled_by;
  std::string kind;       // "inquiry" or "answer"
  int64_t ref_id = 0;     // answer: the inquiry it answers
  int64_t corrects = 0;   // a correction: the entry it corrects
  std::string group, channel, direction;  // "ア"…; "letter"…; "inbound"/"outbound"
  bool personal = false;
  bool escalated = false;
  int category_version = 1;
  std::string sealed_key;  // the entry's data key sealed to the ledgers category public key
  std::string ciphertext;  // counterpart, content, answer … under the data key
};

// A portable medium that holds personal information (S-STO-2).
struct MediumRecord {
  std::string id;        // the label on the medium
  std::string kind;      // "usb", "cd-r", "paper-file"
  std::string received;  // YYYY-MM-DD
  int64_t added_at = 0;
  std::string added_by;
  std::string disposed;  // YYYY-MM-DD of its disposal record, "" while kept (read only)
};

// One entry of the disposal record (消去・廃棄記録簿, S-STO-4, S-STO-5, F-6).
struct DisposalRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string date;  // YYYY-MM-DD of the disposal
  std::string recorded_by;
  std::string item;
  std::string medium_id;  // "" if not a listed medium
  std::string method;
  double strip_width_mm = 0;
  double particle_mm2 = 0;
  std::string combined_with;  // "", "dissolution", "incineration"
  std::string place;          // "room", "designated-outside", "contractor"
  std::string witnesses;      // comma-separated names
  std::string staff_present;  // the staff member present throughout a contractor's disposal
  int64_t corrects = 0;
  // Migration 11 ('' / 0 in rows written before):
  std::string time;         // "HH:MM" it was done, "" if not given
  std::string approved_by;  // the task lead or head who approved it (STO-P4)
  int64_t contract_id = 0;  // a contractor's disposal: the contract it was done under (S-STO-5)
  std::string certificate;  // the contractor's certificate of destruction, if given
};

// A disposal contractor's contract with the head's check of its confidentiality clause
// (S-STO-5); a correction is a new row naming the one it corrects.
struct DisposalContractRecord {
  int64_t id = 0, at = 0;
  std::string contractor, ref;
  bool clause = false;
  std::string checked_by, checked_on, valid_until;  // YYYY-MM-DD; valid_until "" if open-ended
  int64_t corrects = 0;
};

// ---- ledgers, second slice (issue #4): people, incidents, key box, entry/exit log ----

// A training plan for a fiscal year (S-HUM-1), with the curriculum it covers (S-HUM-2).
struct TrainingPlanRecord {
  int64_t id = 0;
  int64_t at = 0;
  int64_t fiscal_year = 0;  // April of that year to March of the next
  std::string title;
  std::string covers;       // comma-separated curriculum topics
  int64_t pass_mark = 0;    // 1–100
  std::string planned_by;
  std::string approved_by;  // "" until the head approves it (S-HUM-3; read only)
  int64_t approved_at = 0;
};

// A session held under a plan; attendance is kept beside it (S-HUM-1).
struct TrainingSessionRecord {
  int64_t id = 0;
  int64_t at = 0;
  int64_t plan_id = 0;
  std::string date;  // YYYY-MM-DD
  std::string trainer, content, recorded_by;
};

struct AttendanceRecord {
  int64_t session_id = 0;
  std::string attendee;     // an account's login id, or a contractor's name
  bool contractor = false;
};

// A test result (S-HUM-1): the pass mark is the plan's at the time; a retest names the failed
// result it repeats; a correction names the result it corrects.
struct TrainingTestRecord {
  int64_t id = 0;
  int64_t at = 0;
  int64_t session_id = 0;
  std::string person, date;
  int64_t score = 0, pass_mark = 0;
  bool passed = false;
  int64_t retest_of = 0, corrects = 0;
  std::string recorded_by;
};

// A briefing by the head for new staff or a leaver (S-HUM-3).
struct BriefingRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string kind;  // "new-staff", "leaver"
  std::string person, date, given_by, note, recorded_by;
};

// The user-ID audit (S-SYS-3): one row per audit, one item per account.
struct IdAuditRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string date, trigger, reviewer;  // trigger: "april", "personnel-change"
  int64_t accounts = 0, mismatches = 0;
  std::string note;
};

struct IdAuditItemRecord {
  int64_t audit_id = 0;
  std::string account, role, state;  // state: "active", "disabled"
  std::string status;                // "match", "mismatch"
  std::string note;
};

// A record sealed under the ledgers category: the shape shared by incidents, their steps, the
// emergency contact network and the entry/exit log.
struct SealedPart {
  int64_t category_version = 1;
  std::string sealed_key;  // the entry's data key sealed to the ledgers public key
  std::string ciphertext;
};

struct IncidentRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string reported_by;
  std::string occurred;  // YYYY-MM-DDTHH:MM (Japan)
  std::string kind;      // "leak", "loss", "unauthorised-access", "system-fault", "other"
  SealedPart sealed;     // summary
};

struct IncidentStepRecord {
  int64_t id = 0;
  int64_t incident_id = 0;
  int64_t at = 0;
  std::string step;     // "reported-to-head", "contained", … (ledger/incident.h)
  std::string done_at;  // YYYY-MM-DDTHH:MM (Japan)
  std::string recorded_by;
  SealedPart sealed;    // note (to whom, what was done)
};

struct ContactNetworkRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string updated_on;  // YYYY-MM-DD (S-INC-2)
  std::string recorded_by;
  SealedPart sealed;       // the network's text
};

struct KeyboxRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string date;
  std::string action;  // "open", "lock", "count"
  std::string by_user;
  int64_t expected = 0, counted = 0;  // count only
  std::string note;
};

// A visitor's entry (F-1, PHY-2): name, affiliation and purpose sealed.
struct EntryRecord {
  int64_t id = 0;
  int64_t at = 0;
  std::string date, time_in;
  bool pledge = false;
  std::string approved_by, escort, recorded_by;
  int64_t corrects = 0;
  SealedPart sealed;
  std::string time_out;  // from entry_exits, "" while inside (read only)
};

struct EntryCheckRecord {
  std::string month;  // YYYY-MM
  int64_t at = 0;
  std::string checked_by;
  int64_t entries = 0;
  std::string note;
};

// ---- tumours (issue #5, consolidation) ----

// A data key drawn by one consolidation run, sealed to the notification-clinical category's
// public key; the tumour records that run wrote are encrypted under it.
struct TumourKeyRecord {
  int64_t id = 0;
  int category_version = 1;
  std::string sealed_key;
  int64_t created_at = 0;
};

// One tumour: its person, and its consolidated record encrypted (format: docs/consolidation.md).
struct TumourRow {
  int64_t tumour_id = 0;
  int64_t person_id = 0;
  std::string status;  // "current", or "retired" (its notifications now belong to other tumours)
  int64_t key_id = 0;  // TumourKeyRecord::id
  std::string ciphertext;
  int64_t consolidated_at = 0;
  std::string consolidated_by;
};

// Which tumour a notification belongs to (key numbers and ids only).
struct TumourMemberRecord {
  int64_t key_no = 0;
  int64_t tumour_id = 0;
  int64_t person_id = 0;
};

// A quality check a tumour fails. Only the check's id is kept in clear, never a value.
struct TumourFlagRecord {
  int64_t tumour_id = 0;
  std::string check_id;
  std::string severity;  // "error", "warning"
  std::string status;    // "open", or "accepted" (looked at and left as it is)
  int64_t raised_at = 0;
  std::string decided_by;
  int64_t decided_at = 0;
};

// ---- deaths and the follow-back (issue #5; S-ACQ-2 イ) ----

// One accepted death information form: both parts encrypted under its file's batch keys.
struct DeathRecord {
  int64_t id = 0;
  int64_t file_id = 0;
  int64_t line = 0;
  std::string identity_ciphertext;
  std::string clinical_ciphertext;
};

// The person a death belongs to (a death links to at most one person).
struct DeathLinkRecord {
  int64_t death_id = 0;
  int64_t person_id = 0;
  int64_t key_no = 0;   // the person's notification the death was linked through
  double weight = 0.0;
  std::string method;   // "auto", "review"
  int64_t linked_at = 0;
  std::string linked_by;
};

// A death and a candidate person's notification between the two thresholds.
struct DeathReviewPairRecord {
  int64_t id = 0;
  int64_t death_id = 0;
  int64_t key_no = 0;
  double weight = 0.0;
  std::string explanation;  // "FIELD LEVEL WEIGHT" lines, never a value
  std::string status;       // "open", "same", "different", "undone"
  std::string decided_by;
  int64_t decided_at = 0;
  std::string note;
  int64_t created_at = 0;
};

// A cancer death with no notification (DCN) and what the follow-back found.
struct DeathCaseRecord {
  int64_t death_id = 0;
  std::string status;    // "followback", "notified", "dco"
  std::string hospital;  // the institution to ask; "" = none (docs/followback.md)
  int64_t opened_at = 0;
  int64_t person_id = 0;  // notified: the person the death links to
  int64_t closed_at = 0;
  std::string closed_by;
  std::string note;
};

// ---- ledgers, third slice (issue #4): self-assessment, take-out register, maintenance record,
// acquisition register, definition updates (migration 9) ----

// The September self-assessment of one calendar year (S-CHK-1).
struct SelfAssessmentRecord {
  int64_t year = 0;
  int64_t started_at = 0;
  std::string started_by;
};

// What one evaluation of the records found for one checklist item (kept per evaluation).
struct FindingRecord {
  int64_t year = 0, evaluation = 0;
  std::string item;
  int64_t at = 0;
  std::string source;   // "records", "person"
  std::string finding;  // "met", "not-met", "needs-answer"
  std::string note;     // what the records show
};

// A person's answer to an item; a later answer to the same item supersedes it.
struct AssessmentAnswerRecord {
  int64_t id = 0, year = 0;
  std::string item;
  int64_t at = 0;
  std::string answered_by;
  std::string status;  // "", "met", "not-met", "not-applicable" ("" = note or action only)
  std::string note, action;
};

struct SignOffRecord {
  int64_t year = 0, at = 0;
  std::string signed_by;
  int64_t evaluation = 0;  // the evaluation stored at signing, the one the report shows
  std::string note;
};

// Material taken out of the room (F-3, checklist No. 58): what and why sealed.
struct TakeoutRecord {
  int64_t id = 0, at = 0;
  std::string date, time_out, taken_by;
  std::string kind;  // "paper", "usb", "cd-r"
  int64_t quantity = 0;
  std::string approved_by, due_back;
  int64_t corrects = 0;
  SealedPart sealed;  // {"what","reason"}
  // From takeout_returns (read only); returned_count -1 while out.
  std::string returned_date, returned_time, returned_by, return_note;
  int64_t returned_count = -1;
};

struct TakeoutReturnRecord {
  int64_t takeout_id = 0, at = 0;
  std::string date, time_in, returned_by;
  int64_t returned_count = 0;
  std::string note;
};

// Maintenance touching the database directly (S-SYS-6, F-8): the worker sealed.
struct MaintenanceRecord {
  int64_t id = 0, at = 0;
  std::string date, time_from, time_to;
  std::string worker_kind;  // "staff", "contractor"
  std::string work, result, approved_by, witness;
  bool nda = false;
  std::string recorded_by;
  int64_t corrects = 0;
  SealedPart sealed;  // {"worker","affiliation"}
};

// One acquisition (S-ACQ-2, S-ACQ-4, F-4); no personal information.
struct AcquisitionRecord {
  int64_t id = 0, at = 0;
  std::string date, kind, medium, route, source;
  int64_t count = 0;
  std::string tracking, carriers, storage, received_by;
  int64_t corrects = 0;
  int64_t handover_id = 0;  // filled by the system from this hand-over book entry (0: by hand)
};

// A hospital or municipality definition change applied (S-SYS-4, F-13).
struct DefinitionUpdateRecord {
  int64_t id = 0, at = 0;
  std::string kind, code, change, changed_on, applied_on, source, description, recorded_by;
  int64_t corrects = 0;
};

// How a hand-over entry on media or paper travelled (S-TRN-1, S-TRN-5).
struct HandoverDeliveryRecord {
  int64_t handover_id = 0, at = 0;
  std::string method;  // letter-pack, registered-mail, specified-record-mail, yu-pack, hand-carried
  std::string tracking;
  bool unused_medium = false;
  std::string carriers;  // comma-separated accounts
  bool opened_in_room = false;
  std::string recorded_by;
};

// ---- ledgers, fourth slice (issue #4; migration 10) ----

// A procedure revision decided from a self-assessment's results (S-CHK-1).
struct RevisionRecord {
  int64_t id = 0, at = 0, year = 0;
  std::string items;  // comma-separated checklist items, "1-06,3-03"
  std::string procedure, change, decided_by, decided_on, recorded_by;
  int64_t corrects = 0;
};

// An external audit (ORG-6, F-15).
struct ExternalAuditRecord {
  int64_t id = 0, at = 0;
  std::string date, auditor, committee, findings, actions;
  std::string reported_on;  // "" until reported to the governor's officer
  std::string recorded_by;
  int64_t corrects = 0;
};

// A row of the storage schedule (F-7): the latest per kind and medium is in force.
struct RetentionRuleRecord {
  int64_t id = 0, at = 0;
  std::string kind, medium;
  int64_t months = 0;
  std::string place, method, set_by;
};

// An acquisition disposed of at the end of its retention (a disposal record naming it).
struct AcquisitionDisposalRecord {
  int64_t acquisition_id = 0, disposal_id = 0, at = 0;
};

}  // namespace ganreg::store
