// Schema of the registry store (docs/formats/store-schema.md describes each table).
#include "store/migrations.h"

#include <array>

namespace ganreg::store::internal {
namespace {
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT;

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  role                 TEXT NOT NULL CHECK (role IN ('head','task-lead','task-staff','admin-staff')),
  custodian            INTEGER NOT NULL DEFAULT 0,
  password_verifier    TEXT NOT NULL,
  kdf_salt             BLOB NOT NULL,
  public_key           BLOB NOT NULL,
  sealed_secret_key    BLOB NOT NULL,
  password_changed_at  INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER NOT NULL DEFAULT 0,
  created_at           INTEGER NOT NULL,
  created_by           TEXT NOT NULL,
  instructed_by        TEXT NOT NULL DEFAULT '',
  disabled_at          INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE password_history (
  user_id  INTEGER NOT NULL REFERENCES users(id),
  verifier TEXT NOT NULL,
  at       INTEGER NOT NULL
) STRICT;

CREATE TABLE category_keys (
  category   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  public_key BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (category, version)
) STRICT;

-- holder 0 is the recovery key kept in the safe.
CREATE TABLE key_slots (
  holder     INTEGER NOT NULL,
  category   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  sealed_key BLOB NOT NULL,
  granted_at INTEGER NOT NULL,
  granted_by TEXT NOT NULL,
  PRIMARY KEY (holder, category, version)
) STRICT;

CREATE TABLE files (
  id            INTEGER PRIMARY KEY,
  digest        BLOB NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  hospital_code TEXT NOT NULL,
  medium        TEXT NOT NULL,
  encoding      TEXT NOT NULL,
  received_at   INTEGER NOT NULL,
  received_by   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('accepted','rejected')),
  reason        TEXT NOT NULL DEFAULT '',
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_accepted INTEGER NOT NULL DEFAULT 0,
  rows_held     INTEGER NOT NULL DEFAULT 0,
  original      TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  CHECK (rows_read = rows_accepted + rows_held)
) STRICT;

CREATE TABLE batch_keys (
  file_id          INTEGER NOT NULL REFERENCES files(id),
  category         TEXT NOT NULL,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  PRIMARY KEY (file_id, category)
) STRICT;

-- Identity and clinical parts, joined by the random key number. Both parts of one notification
-- are stored under the same row number, so that the one index on the key number serves both;
-- the row number says nothing the key number does not. file_id is not a declared foreign key:
-- these are the hot tables of intake, and the intake use case writes them with their file row in
-- one transaction.
CREATE TABLE identities (
  row        INTEGER PRIMARY KEY,
  key_no     INTEGER NOT NULL,
  file_id    INTEGER NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;

CREATE TABLE clinicals (
  row        INTEGER PRIMARY KEY,
  key_no     INTEGER NOT NULL UNIQUE,
  file_id    INTEGER NOT NULL,
  line       INTEGER NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;

CREATE TABLE held_rows (
  file_id    INTEGER NOT NULL REFERENCES files(id),
  line       INTEGER NOT NULL,
  issues     TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  PRIMARY KEY (file_id, line)
) STRICT;

CREATE TABLE handover_book (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('receipt','dispatch')),
  handled_by  TEXT NOT NULL,
  counterpart TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  summary     TEXT NOT NULL,
  medium      TEXT NOT NULL,
  file_id     INTEGER
) STRICT;

CREATE TABLE audit_events (
  seq  INTEGER PRIMARY KEY,
  body BLOB NOT NULL,
  hash BLOB NOT NULL
) STRICT;

CREATE TABLE audit_checkpoints (
  seq       INTEGER PRIMARY KEY,
  hash      BLOB NOT NULL,
  at        INTEGER NOT NULL,
  signature BLOB NOT NULL
) STRICT;
)sql";

// Transfer packages (issue #3): registered partners (S-SYS-4) and the packages received.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE partners (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  box_key       BLOB NOT NULL,
  sign_key      BLOB NOT NULL,
  fingerprint   TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  registered_by TEXT NOT NULL,
  revoked_at    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE packages (
  package_id  TEXT PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES files(id),
  sender      TEXT NOT NULL,
  purpose     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;
)sql";

// Linkage (issue #5): each notification's person, the review queue, and the history that lets a
// decision be undone. Key numbers and person ids only: no identity value is ever stored here in
// clear (a pair's explanation names fields and agreement levels, never their values).
constexpr std::string_view kV3 = R"sql(
CREATE TABLE links (
  key_no    INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  linked_at INTEGER NOT NULL,
  linked_by TEXT NOT NULL,
  method    TEXT NOT NULL CHECK (method IN ('auto','review','single'))
) STRICT;
CREATE INDEX links_by_person ON links(person_id);

-- Every change of a notification's person: by a link run, a reviewer's "same", or an undo.
-- old_person 0 = the notification's first link.
CREATE TABLE link_history (
  id         INTEGER PRIMARY KEY,
  key_no     INTEGER NOT NULL,
  old_person INTEGER NOT NULL,
  new_person INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  reason     TEXT NOT NULL CHECK (reason IN ('link','same','undo')),
  pair_id    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX link_history_by_pair ON link_history(pair_id);

CREATE TABLE review_pairs (
  id          INTEGER PRIMARY KEY,
  key_a       INTEGER NOT NULL,
  key_b       INTEGER NOT NULL,
  weight      REAL NOT NULL,
  explanation TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open'
              CHECK (status IN ('open','same','different','undone')),
  decided_by  TEXT NOT NULL DEFAULT '',
  decided_at  INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  CHECK (key_a < key_b),
  UNIQUE (key_a, key_b)
) STRICT;

CREATE TABLE review_history (
  id         INTEGER PRIMARY KEY,
  pair_id    INTEGER NOT NULL REFERENCES review_pairs(id),
  action     TEXT NOT NULL CHECK (action IN ('same','different','undo')),
  decided_by TEXT NOT NULL,
  at         INTEGER NOT NULL,
  note       TEXT NOT NULL
) STRICT;
)sql";

// Ledgers (issue #4): the inquiry book (S-INQ-5) with the numbers registered per body for
// call-backs (S-INQ-3), the portable-media list (S-STO-2) and the disposal record (S-STO-4/5).
// Append-only by design: a correction is a new row naming the one it corrects (`corrects`), a
// medium's disposal is a disposal row naming it, and triggers refuse UPDATE and DELETE.
// An inquiry entry keeps in clear only what the rules need and holds no personal information
// (group, channel, direction, flags); counterpart, content and answer are sealed (ledgers).
constexpr std::string_view kV4 = R"sql(
CREATE TABLE inquiry_contacts (
  id       INTEGER PRIMARY KEY,
  body     TEXT NOT NULL,
  phone    TEXT NOT NULL,
  grp      TEXT NOT NULL CHECK (grp IN ('ア','イ','ウ','エ','オ')),
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  UNIQUE (body, phone)
) STRICT;

CREATE TABLE inquiry_book (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  handled_by       TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('inquiry','answer')),
  ref_id           INTEGER NOT NULL DEFAULT 0,
  corrects         INTEGER NOT NULL DEFAULT 0,
  grp              TEXT NOT NULL CHECK (grp IN ('ア','イ','ウ','エ','オ')),
  channel          TEXT NOT NULL CHECK (channel IN ('letter','email','phone','fax')),
  direction        TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
  personal         INTEGER NOT NULL,
  escalated        INTEGER NOT NULL,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;
CREATE INDEX inquiry_book_by_ref ON inquiry_book(ref_id);

CREATE TABLE media (
  id       TEXT PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('usb','cd-r','paper-file')),
  received TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL
) STRICT;

CREATE TABLE disposals (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  date           TEXT NOT NULL,
  recorded_by    TEXT NOT NULL,
  item           TEXT NOT NULL,
  medium_id      TEXT NOT NULL DEFAULT '',
  method         TEXT NOT NULL CHECK (method IN ('shred','dissolve','incinerate',
                                                 'erase-software','physical-destroy')),
  strip_width_mm REAL NOT NULL DEFAULT 0,
  particle_mm2   REAL NOT NULL DEFAULT 0,
  combined_with  TEXT NOT NULL DEFAULT '' CHECK (combined_with IN ('','dissolution',
                                                                   'incineration')),
  place          TEXT NOT NULL CHECK (place IN ('room','designated-outside','contractor')),
  witnesses      TEXT NOT NULL,
  staff_present  TEXT NOT NULL DEFAULT '',
  corrects       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX disposals_by_medium ON disposals(medium_id);

CREATE TRIGGER inquiry_contacts_append_only BEFORE UPDATE ON inquiry_contacts
  BEGIN SELECT RAISE(ABORT, 'inquiry_contacts is append-only'); END;
CREATE TRIGGER inquiry_contacts_no_delete BEFORE DELETE ON inquiry_contacts
  BEGIN SELECT RAISE(ABORT, 'inquiry_contacts is append-only'); END;
CREATE TRIGGER inquiry_book_append_only BEFORE UPDATE ON inquiry_book
  BEGIN SELECT RAISE(ABORT, 'inquiry_book is append-only'); END;
CREATE TRIGGER inquiry_book_no_delete BEFORE DELETE ON inquiry_book
  BEGIN SELECT RAISE(ABORT, 'inquiry_book is append-only'); END;
CREATE TRIGGER media_append_only BEFORE UPDATE ON media
  BEGIN SELECT RAISE(ABORT, 'media is append-only'); END;
CREATE TRIGGER media_no_delete BEFORE DELETE ON media
  BEGIN SELECT RAISE(ABORT, 'media is append-only'); END;
CREATE TRIGGER disposals_append_only BEFORE UPDATE ON disposals
  BEGIN SELECT RAISE(ABORT, 'disposals is append-only'); END;
CREATE TRIGGER disposals_no_delete BEFORE DELETE ON disposals
  BEGIN SELECT RAISE(ABORT, 'disposals is append-only'); END;
)sql";

// Ledgers, second slice (issue #4): people (S-HUM-1..3, S-SYS-3), incidents (S-INC-1, S-INC-2),
// the key box (S-STO-1, S-ENT-1) and the entry/exit log with its monthly check (S-ENT-1, PHY-2).
// Append-only like migration 4: triggers refuse UPDATE and DELETE; a correction is a new row
// naming the one it corrects. Texts that may hold personal information (an incident's account,
// the emergency contact network, a visitor's name) are sealed under the ledgers category; what
// stays clear is what the rules and `ganreg due` need (dates, kinds, staff login ids, flags).
constexpr std::string_view kV5 = R"sql(
CREATE TABLE training_plans (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL,
  title       TEXT NOT NULL,
  covers      TEXT NOT NULL,
  pass_mark   INTEGER NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
  planned_by  TEXT NOT NULL
) STRICT;

CREATE TABLE training_plan_approvals (
  plan_id     INTEGER PRIMARY KEY REFERENCES training_plans(id),
  at          INTEGER NOT NULL,
  approved_by TEXT NOT NULL
) STRICT;

CREATE TABLE training_sessions (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  plan_id     INTEGER NOT NULL REFERENCES training_plans(id),
  date        TEXT NOT NULL,
  trainer     TEXT NOT NULL,
  content     TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

CREATE TABLE training_attendance (
  session_id  INTEGER NOT NULL REFERENCES training_sessions(id),
  attendee    TEXT NOT NULL,
  contractor  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, attendee)
) STRICT;

CREATE TABLE training_tests (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  session_id  INTEGER NOT NULL REFERENCES training_sessions(id),
  person      TEXT NOT NULL,
  date        TEXT NOT NULL,
  score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  pass_mark   INTEGER NOT NULL,
  passed      INTEGER NOT NULL,
  retest_of   INTEGER NOT NULL DEFAULT 0,
  corrects    INTEGER NOT NULL DEFAULT 0,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX training_tests_by_person ON training_tests(person);

CREATE TABLE briefings (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('new-staff','leaver')),
  person      TEXT NOT NULL,
  date        TEXT NOT NULL,
  given_by    TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL
) STRICT;

CREATE TABLE id_audits (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  date        TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('april','personnel-change')),
  reviewer    TEXT NOT NULL,
  accounts    INTEGER NOT NULL,
  mismatches  INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE id_audit_items (
  audit_id    INTEGER NOT NULL REFERENCES id_audits(id),
  account     TEXT NOT NULL,
  role        TEXT NOT NULL,
  state       TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('match','mismatch')),
  note        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (audit_id, account)
) STRICT;

CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  reported_by      TEXT NOT NULL,
  occurred         TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('leak','loss','unauthorised-access',
                                                   'system-fault','other')),
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;

CREATE TABLE incident_steps (
  id               INTEGER PRIMARY KEY,
  incident_id      INTEGER NOT NULL REFERENCES incidents(id),
  at               INTEGER NOT NULL,
  step             TEXT NOT NULL,
  done_at          TEXT NOT NULL,
  recorded_by      TEXT NOT NULL,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;
CREATE INDEX incident_steps_by_incident ON incident_steps(incident_id);

CREATE TABLE contact_networks (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  updated_on       TEXT NOT NULL,
  recorded_by      TEXT NOT NULL,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;

CREATE TABLE keybox_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  date        TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('open','lock','count')),
  by_user     TEXT NOT NULL,
  expected    INTEGER NOT NULL DEFAULT 0,
  counted     INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE entry_log (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  date             TEXT NOT NULL,
  time_in          TEXT NOT NULL,
  pledge           INTEGER NOT NULL,
  approved_by      TEXT NOT NULL,
  escort           TEXT NOT NULL,
  recorded_by      TEXT NOT NULL,
  corrects         INTEGER NOT NULL DEFAULT 0,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;

CREATE TABLE entry_exits (
  entry_id    INTEGER PRIMARY KEY REFERENCES entry_log(id),
  at          INTEGER NOT NULL,
  time_out    TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

CREATE TABLE entry_log_checks (
  month       TEXT PRIMARY KEY,
  at          INTEGER NOT NULL,
  checked_by  TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER training_plans_append_only BEFORE UPDATE ON training_plans
  BEGIN SELECT RAISE(ABORT, 'training_plans is append-only'); END;
CREATE TRIGGER training_plans_no_delete BEFORE DELETE ON training_plans
  BEGIN SELECT RAISE(ABORT, 'training_plans is append-only'); END;
CREATE TRIGGER training_plan_approvals_append_only BEFORE UPDATE ON training_plan_approvals
  BEGIN SELECT RAISE(ABORT, 'training_plan_approvals is append-only'); END;
CREATE TRIGGER training_plan_approvals_no_delete BEFORE DELETE ON training_plan_approvals
  BEGIN SELECT RAISE(ABORT, 'training_plan_approvals is append-only'); END;
CREATE TRIGGER training_sessions_append_only BEFORE UPDATE ON training_sessions
  BEGIN SELECT RAISE(ABORT, 'training_sessions is append-only'); END;
CREATE TRIGGER training_sessions_no_delete BEFORE DELETE ON training_sessions
  BEGIN SELECT RAISE(ABORT, 'training_sessions is append-only'); END;
CREATE TRIGGER training_attendance_append_only BEFORE UPDATE ON training_attendance
  BEGIN SELECT RAISE(ABORT, 'training_attendance is append-only'); END;
CREATE TRIGGER training_attendance_no_delete BEFORE DELETE ON training_attendance
  BEGIN SELECT RAISE(ABORT, 'training_attendance is append-only'); END;
CREATE TRIGGER training_tests_append_only BEFORE UPDATE ON training_tests
  BEGIN SELECT RAISE(ABORT, 'training_tests is append-only'); END;
CREATE TRIGGER training_tests_no_delete BEFORE DELETE ON training_tests
  BEGIN SELECT RAISE(ABORT, 'training_tests is append-only'); END;
CREATE TRIGGER briefings_append_only BEFORE UPDATE ON briefings
  BEGIN SELECT RAISE(ABORT, 'briefings is append-only'); END;
CREATE TRIGGER briefings_no_delete BEFORE DELETE ON briefings
  BEGIN SELECT RAISE(ABORT, 'briefings is append-only'); END;
CREATE TRIGGER id_audits_append_only BEFORE UPDATE ON id_audits
  BEGIN SELECT RAISE(ABORT, 'id_audits is append-only'); END;
CREATE TRIGGER id_audits_no_delete BEFORE DELETE ON id_audits
  BEGIN SELECT RAISE(ABORT, 'id_audits is append-only'); END;
CREATE TRIGGER id_audit_items_append_only BEFORE UPDATE ON id_audit_items
  BEGIN SELECT RAISE(ABORT, 'id_audit_items is append-only'); END;
CREATE TRIGGER id_audit_items_no_delete BEFORE DELETE ON id_audit_items
  BEGIN SELECT RAISE(ABORT, 'id_audit_items is append-only'); END;
CREATE TRIGGER incidents_append_only BEFORE UPDATE ON incidents
  BEGIN SELECT RAISE(ABORT, 'incidents is append-only'); END;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
  BEGIN SELECT RAISE(ABORT, 'incidents is append-only'); END;
CREATE TRIGGER incident_steps_append_only BEFORE UPDATE ON incident_steps
  BEGIN SELECT RAISE(ABORT, 'incident_steps is append-only'); END;
CREATE TRIGGER incident_steps_no_delete BEFORE DELETE ON incident_steps
  BEGIN SELECT RAISE(ABORT, 'incident_steps is append-only'); END;
CREATE TRIGGER contact_networks_append_only BEFORE UPDATE ON contact_networks
  BEGIN SELECT RAISE(ABORT, 'contact_networks is append-only'); END;
CREATE TRIGGER contact_networks_no_delete BEFORE DELETE ON contact_networks
  BEGIN SELECT RAISE(ABORT, 'contact_networks is append-only'); END;
CREATE TRIGGER keybox_log_append_only BEFORE UPDATE ON keybox_log
  BEGIN SELECT RAISE(ABORT, 'keybox_log is append-only'); END;
CREATE TRIGGER keybox_log_no_delete BEFORE DELETE ON keybox_log
  BEGIN SELECT RAISE(ABORT, 'keybox_log is append-only'); END;
CREATE TRIGGER entry_log_append_only BEFORE UPDATE ON entry_log
  BEGIN SELECT RAISE(ABORT, 'entry_log is append-only'); END;
CREATE TRIGGER entry_log_no_delete BEFORE DELETE ON entry_log
  BEGIN SELECT RAISE(ABORT, 'entry_log is append-only'); END;
CREATE TRIGGER entry_exits_append_only BEFORE UPDATE ON entry_exits
  BEGIN SELECT RAISE(ABORT, 'entry_exits is append-only'); END;
CREATE TRIGGER entry_exits_no_delete BEFORE DELETE ON entry_exits
  BEGIN SELECT RAISE(ABORT, 'entry_exits is append-only'); END;
CREATE TRIGGER entry_log_checks_append_only BEFORE UPDATE ON entry_log_checks
  BEGIN SELECT RAISE(ABORT, 'entry_log_checks is append-only'); END;
CREATE TRIGGER entry_log_checks_no_delete BEFORE DELETE ON entry_log_checks
  BEGIN SELECT RAISE(ABORT, 'entry_log_checks is append-only'); END;
)sql";

// Tumours (issue #5): consolidated tumour records, encrypted under a data key per consolidation run
// that is sealed to the notification-clinical category (like a file's batch key); which tumour each
// notification belongs to; and the quality checks each tumour fails (check ids only, never values).
constexpr std::string_view kV6 = R"sql(
CREATE TABLE tumour_keys (
  id               INTEGER PRIMARY KEY,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  created_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE tumours (
  tumour_id       INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('current','retired')),
  key_id          INTEGER NOT NULL REFERENCES tumour_keys(id),
  ciphertext      BLOB NOT NULL,
  consolidated_at INTEGER NOT NULL,
  consolidated_by TEXT NOT NULL
) STRICT;
CREATE INDEX tumours_by_person ON tumours(person_id);

CREATE TABLE tumour_members (
  key_no    INTEGER PRIMARY KEY,
  tumour_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL
) STRICT;
CREATE INDEX tumour_members_by_tumour ON tumour_members(tumour_id);

CREATE TABLE tumour_flags (
  tumour_id  INTEGER NOT NULL,
  check_id   TEXT NOT NULL,
  severity   TEXT NOT NULL CHECK (severity IN ('error','warning')),
  status     TEXT NOT NULL CHECK (status IN ('open','accepted')),
  raised_at  INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tumour_id, check_id)
) STRICT;
)sql";

// Death information forms (issue #5; S-ACQ-2 イ) and the follow-back (遡り調査). A death form's
// identity and clinical parts are encrypted under its file's batch keys, like a notification's;
// the file itself is a row of `files` (digest, original, hand-over book) marked in `death_files`.
// Links, review pairs and cases hold ids, weights, field/level names and the hospital to ask —
// never a name, a date or a cause in clear.
constexpr std::string_view kV7 = R"sql(
CREATE TABLE death_files (
  file_id INTEGER PRIMARY KEY REFERENCES files(id),
  source  TEXT NOT NULL
) STRICT;

CREATE TABLE deaths (
  id       INTEGER PRIMARY KEY,
  file_id  INTEGER NOT NULL REFERENCES files(id),
  line     INTEGER NOT NULL,
  identity BLOB NOT NULL,
  clinical BLOB NOT NULL,
  UNIQUE (file_id, line)
) STRICT;

-- A death links to at most one person (the primary key), through one of the person's
-- notifications (key_no: the best-scoring one when linked).
CREATE TABLE death_links (
  death_id  INTEGER PRIMARY KEY REFERENCES deaths(id),
  person_id INTEGER NOT NULL,
  key_no    INTEGER NOT NULL,
  weight    REAL NOT NULL,
  method    TEXT NOT NULL CHECK (method IN ('auto','review')),
  linked_at INTEGER NOT NULL,
  linked_by TEXT NOT NULL
) STRICT;
CREATE INDEX death_links_by_person ON death_links(person_id);

CREATE TABLE death_review_pairs (
  id          INTEGER PRIMARY KEY,
  death_id    INTEGER NOT NULL REFERENCES deaths(id),
  key_no      INTEGER NOT NULL,
  weight      REAL NOT NULL,
  explanation TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open'
              CHECK (status IN ('open','same','different','undone')),
  decided_by  TEXT NOT NULL DEFAULT '',
  decided_at  INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  UNIQUE (death_id, key_no)
) STRICT;

CREATE TABLE death_review_history (
  id         INTEGER PRIMARY KEY,
  pair_id    INTEGER NOT NULL REFERENCES death_review_pairs(id),
  action     TEXT NOT NULL CHECK (action IN ('same','different','undo')),
  decided_by TEXT NOT NULL,
  at         INTEGER NOT NULL,
  note       TEXT NOT NULL
) STRICT;

-- A cancer death no notification was found for (DCN): followed back to a hospital, then either
-- notified (the hospital's notification linked) or DCO (death certificate only).
CREATE TABLE death_cases (
  death_id  INTEGER PRIMARY KEY REFERENCES deaths(id),
  status    TEXT NOT NULL CHECK (status IN ('followback','notified','dco')),
  hospital  TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  person_id INTEGER NOT NULL DEFAULT 0,
  closed_at INTEGER NOT NULL DEFAULT 0,
  closed_by TEXT NOT NULL DEFAULT '',
  note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX death_cases_by_person ON death_cases(person_id);
)sql";

// Notifications in blocks (issue #2, intake throughput): the identity and clinical parts of up to
// a few hundred notifications of one file in one row of each table, each part still its own
// AEAD record (associated data: part, key number, file), found by its key number through the
// block's key-number range. A block's key numbers rise strictly and span less than 2^32, so the
// blocks that may hold key number K are those with first_key in [K - 2^32, K] and
// last_key >= K: one index range. Parts stay apart: identities in identity_blocks, clinical
// parts in clinical_blocks; the same block id joins them. Rows taken in before this migration
// stay in `identities` and `clinicals` (read, never written again).
// entries: per notification, key number (8 bytes LE), line (8 bytes LE, clinical only) and
// ciphertext length (4 bytes LE); ciphertexts: the records, concatenated in the same order.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE clinical_blocks (
  id            INTEGER PRIMARY KEY,
  file_id       INTEGER NOT NULL,
  first_key     INTEGER NOT NULL,
  last_key      INTEGER NOT NULL,
  notifications INTEGER NOT NULL,
  entries       BLOB NOT NULL,
  ciphertexts   BLOB NOT NULL,
  CHECK (notifications >= 1 AND first_key <= last_key AND last_key - first_key < 4294967296
         AND length(entries) = 20 * notifications)
) STRICT;
CREATE INDEX clinical_blocks_by_key ON clinical_blocks(first_key, last_key);

CREATE TABLE identity_blocks (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL,
  entries     BLOB NOT NULL,
  ciphertexts BLOB NOT NULL
) STRICT;
)sql";

// Triggers that make a table append-only (migrations 9–11): UPDATE and DELETE are refused.
#define GANREG_APPEND_ONLY(t)                                                   \
  "CREATE TRIGGER " t "_append_only BEFORE UPDATE ON " t                        \
  " BEGIN SELECT RAISE(ABORT, '" t " is append-only'); END;\n"                  \
  "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                          \
  " BEGIN SELECT RAISE(ABORT, '" t " is append-only'); END;\n"

// Ledgers, third slice (issue #4): the September self-assessment (S-CHK-1) with each evaluation's
// findings kept, the answers and the head's sign-off; the take-out and return register (STO-3,
// checklist Nos. 58-59); the maintenance record for direct database work (S-SYS-6, SYS-R1,
// PHY-R6); the acquisition register per kind of information (S-ACQ-2, S-ACQ-4); hospital and
// municipality definition updates (S-SYS-4). Append-only like migrations 4 and 5: triggers
// refuse UPDATE and DELETE, a correction is a new row naming the one it corrects. What may be
// personal information (what was taken out and why, an outside worker's name) is sealed under
// the ledgers category; dates, kinds, counts and staff login ids stay clear for `due`. And the
// delivery details of hand-over book entries on media or paper (S-ACQ-5, S-TRN-1, S-TRN-5).
constexpr std::string_view kV9 = R"sql(
CREATE TABLE self_assessments (
  year        INTEGER PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  started_by  TEXT NOT NULL
) STRICT;

CREATE TABLE self_assessment_findings (
  year        INTEGER NOT NULL REFERENCES self_assessments(year),
  evaluation  INTEGER NOT NULL,
  item        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('records','person')),
  finding     TEXT NOT NULL CHECK (finding IN ('met','not-met','needs-answer')),
  note        TEXT NOT NULL,
  PRIMARY KEY (year, evaluation, item)
) STRICT;

CREATE TABLE self_assessment_answers (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL REFERENCES self_assessments(year),
  item        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  answered_by TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('','met','not-met','not-applicable')),
  note        TEXT NOT NULL,
  action      TEXT NOT NULL
) STRICT;
CREATE INDEX self_assessment_answers_by_year ON self_assessment_answers(year);

CREATE TABLE self_assessment_signoffs (
  year        INTEGER PRIMARY KEY REFERENCES self_assessments(year),
  at          INTEGER NOT NULL,
  signed_by   TEXT NOT NULL,
  evaluation  INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE takeouts (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  date             TEXT NOT NULL,
  time_out         TEXT NOT NULL,
  taken_by         TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('paper','usb','cd-r')),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  approved_by      TEXT NOT NULL,
  due_back         TEXT NOT NULL,
  corrects         INTEGER NOT NULL DEFAULT 0,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;

CREATE TABLE takeout_returns (
  takeout_id     INTEGER PRIMARY KEY REFERENCES takeouts(id),
  at             INTEGER NOT NULL,
  date           TEXT NOT NULL,
  time_in        TEXT NOT NULL,
  returned_by    TEXT NOT NULL,
  returned_count INTEGER NOT NULL CHECK (returned_count >= 0),
  note           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE maintenance_log (
  id               INTEGER PRIMARY KEY,
  at               INTEGER NOT NULL,
  date             TEXT NOT NULL,
  time_from        TEXT NOT NULL,
  time_to          TEXT NOT NULL,
  worker_kind      TEXT NOT NULL CHECK (worker_kind IN ('staff','contractor')),
  work             TEXT NOT NULL,
  result           TEXT NOT NULL,
  approved_by      TEXT NOT NULL,
  witness          TEXT NOT NULL,
  nda              INTEGER NOT NULL,
  recorded_by      TEXT NOT NULL,
  corrects         INTEGER NOT NULL DEFAULT 0,
  category_version INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  ciphertext       BLOB NOT NULL
) STRICT;

CREATE TABLE acquisitions (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  date        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('notification','death','address-change',
                                                'linkage-file')),
  medium      TEXT NOT NULL CHECK (medium IN ('electronic','paper')),
  route       TEXT NOT NULL CHECK (route IN ('online','tracked-delivery','hand-carried')),
  source      TEXT NOT NULL,
  count       INTEGER NOT NULL CHECK (count > 0),
  tracking    TEXT NOT NULL DEFAULT '',
  carriers    TEXT NOT NULL DEFAULT '',
  storage     TEXT NOT NULL,
  received_by TEXT NOT NULL,
  corrects    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE definition_updates (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('hospital','municipality')),
  code        TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('add','change','remove')),
  changed_on  TEXT NOT NULL,
  applied_on  TEXT NOT NULL,
  source      TEXT NOT NULL,
  description TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  corrects    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- How a hand-over book entry on media or paper travelled (S-ACQ-5, S-TRN-1, S-TRN-5): added once
-- to an entry that intake or dispatch wrote.
CREATE TABLE handover_deliveries (
  handover_id    INTEGER PRIMARY KEY REFERENCES handover_book(id),
  at             INTEGER NOT NULL,
  method         TEXT NOT NULL CHECK (method IN ('letter-pack','registered-mail',
                                                 'specified-record-mail','yu-pack',
                                                 'hand-carried')),
  tracking       TEXT NOT NULL DEFAULT '',
  unused_medium  INTEGER NOT NULL,
  carriers       TEXT NOT NULL DEFAULT '',
  opened_in_room INTEGER NOT NULL,
  recorded_by    TEXT NOT NULL
) STRICT;
)sql"
    GANREG_APPEND_ONLY("self_assessments") GANREG_APPEND_ONLY("self_assessment_findings")
    GANREG_APPEND_ONLY("self_assessment_answers") GANREG_APPEND_ONLY("self_assessment_signoffs")
    GANREG_APPEND_ONLY("takeouts") GANREG_APPEND_ONLY("takeout_returns")
    GANREG_APPEND_ONLY("maintenance_log") GANREG_APPEND_ONLY("acquisitions")
    GANREG_APPEND_ONLY("definition_updates") GANREG_APPEND_ONLY("handover_deliveries");

// Version 10 (issue #4, fourth slice): procedure revisions decided from the self-assessment
// (S-CHK-1); acquisition register entries filled by the system from the hand-over book entry they
// came from (S-ACQ-4, one per entry); external audits (ORG-6, F-15); the storage schedule with
// retention periods per kind of information and medium (F-7, STO-P5); and which acquisitions a
// disposal record disposed of (S-STO-3). Append-only like every ledger.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE procedure_revisions (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  year        INTEGER NOT NULL REFERENCES self_assessments(year),
  items       TEXT NOT NULL,
  procedure   TEXT NOT NULL,
  change      TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_on  TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  corrects    INTEGER NOT NULL DEFAULT 0
) STRICT;

ALTER TABLE acquisitions ADD COLUMN handover_id INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX acquisitions_by_handover ON acquisitions(handover_id) WHERE handover_id <> 0;

CREATE TABLE external_audits (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  date        TEXT NOT NULL,
  auditor     TEXT NOT NULL,
  committee   TEXT NOT NULL,
  findings    TEXT NOT NULL,
  actions     TEXT NOT NULL,
  reported_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  corrects    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE retention_rules (
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  kind   TEXT NOT NULL CHECK (kind IN ('notification','death','address-change','linkage-file')),
  medium TEXT NOT NULL CHECK (medium IN ('electronic','paper')),
  months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 600),
  place  TEXT NOT NULL,
  method TEXT NOT NULL,
  set_by TEXT NOT NULL
) STRICT;

CREATE TABLE acquisition_disposals (
  acquisition_id INTEGER PRIMARY KEY REFERENCES acquisitions(id),
  disposal_id    INTEGER NOT NULL REFERENCES disposals(id),
  at             INTEGER NOT NULL
) STRICT;
)sql"
    GANREG_APPEND_ONLY("procedure_revisions") GANREG_APPEND_ONLY("external_audits")
    GANREG_APPEND_ONLY("retention_rules") GANREG_APPEND_ONLY("acquisition_disposals");

// Version 11 (issue #4): the disposal record carries what F-6 and S-STO-5 name — the time it was
// done, the task lead's approval (STO-P4), the contract a contractor disposed under and the
// contractor's certificate of destruction; the contracts of disposal contractors with the head's
// check of their confidentiality clause (S-STO-5). Rows written before keep '' and 0.
constexpr std::string_view kV11 = R"sql(
CREATE TABLE disposal_contracts (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  contractor  TEXT NOT NULL,
  ref         TEXT NOT NULL,
  clause      INTEGER NOT NULL CHECK (clause IN (0, 1)),
  checked_by  TEXT NOT NULL,
  checked_on  TEXT NOT NULL,
  valid_until TEXT NOT NULL DEFAULT '',
  corrects    INTEGER NOT NULL DEFAULT 0
) STRICT;

ALTER TABLE disposals ADD COLUMN time TEXT NOT NULL DEFAULT '';
ALTER TABLE disposals ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE disposals ADD COLUMN contract_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE disposals ADD COLUMN certificate TEXT NOT NULL DEFAULT '';
)sql"
    GANREG_APPEND_ONLY("disposal_contracts");
#undef GANREG_APPEND_ONLY

constexpr std::array<std::string_view, 11> kMigrations = {kV1, kV2, kV3, kV4,  kV5, kV6,
                                                          kV7, kV8, kV9, kV10, kV11};
}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

}  // namespace ganreg::store::internal
