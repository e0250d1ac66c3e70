// The September self-assessment (自己点検, S-CHK-1): the checklist as data — every item in our
// own words, grouped, with the rule ids it checks and, where ganreg holds the evidence, the
// evidence rule that pre-fills it — and the rules an answer and the head's sign-off must meet.
// Pure functions, no I/O; the app layer gathers the facts, stores findings and answers.
//
//   for (const auto& item : ledger::Checklist()) {
//     ledger::Prefill p = ledger::Evaluate(item, facts);  // met / not met / needs a person
//   }
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger/due.h"
#include "report/document.h"

namespace ganreg::ledger {

// Where an item's evidence comes from. kPerson: only a person can answer it.
enum class Evidence {
  kPerson,
  kRoles,              // a head and task leads are designated (S-ROLE-1)
  kWorkAssignment,     // grants = the work-assignment table (S-ROLE-3)
  kCustodians,         // two custodians at most, the head one of them (S-SYS-1)
  kRegistration,       // accounts created on the head's instruction (S-SYS-2)
  kInitialPasswords,   // every initial password changed by its holder (S-PWD-3)
  kPasswordAge,        // no password older than 60 days (S-PWD-2)
  kIdAudit,            // the April user-ID audit of the year (S-SYS-3)
  kTrainingPlan,       // an approved plan for the fiscal year (S-HUM-1, S-HUM-3)
  kTrainingPassed,     // every staff account passed this fiscal year (S-HUM-1)
  kBriefings,          // new staff and leavers briefed (S-HUM-3)
  kAuditChain,         // the audit trail verifies intact (tamper evidence)
  kIncidentsClosed,    // every incident's reporting chain complete (S-INC-1)
  kContactNetwork,     // the emergency contact network with its date (S-INC-2)
  kKeyCounts,          // keys counted each day the box was opened; box locked (S-STO-1, S-ENT-1)
  kEntryChecks,        // the entry/exit log checked each month (S-ENT-1)
  kVisitors,           // visitors' entries recorded, each checked at entry (PHY-2)
  kMediaList,          // no listed medium kept past its period (S-STO-2)
  kDisposals,          // disposals recorded, each checked at entry (S-STO-4, S-STO-5)
  kDisposalContracts,  // contractors disposed only under contracts the head checked (S-STO-5)
  kTakeouts,           // material taken out came back in time (checklist Nos. 58-59)
  kInquiries,          // every inquiry in the book has its answer (S-INQ-5)
  kHandover,           // receipts and dispatches in the hand-over book (S-ACQ-5)
  kDeliveries,         // media and paper only by tracked delivery or two carriers (S-TRN-1/5)
  kAcquisitions,       // the acquisition register kept (S-ACQ-4)
  kMaintenance,        // direct database work recorded with a witness (S-SYS-6)
  kDefinitions,        // hospital/municipality definition updates recorded (S-SYS-4)
  kRevisions,          // last year's unmet items each answered by a procedure revision (S-CHK-1)
  kExternalAudit,      // an outside audit within 5 years, its result reported (ORG-6)
};

struct ChecklistItem {
  std::string_view no;       // "1-01": section and number (our numbering)
  std::string_view section;  // the section's heading, Japanese then English
  std::string_view text_ja, text_en;
  std::string_view rules;    // the rule ids it checks, "S-HUM-1, S-HUM-3"
  Evidence evidence = Evidence::kPerson;
};

// Every item, in order. The numbering is ganreg's: the manual's own item numbers were not all
// recovered (requirements catalogue §3.3); where known they are named in the text (No. 28 …).
std::span<const ChecklistItem> Checklist();
const ChecklistItem* FindChecklistItem(std::string_view no);

// What the records say, gathered by the app layer for one evaluation.
struct AssessmentFacts {
  int64_t year = 0;  // the assessment's year (its September)
  DueFacts due;      // as `due` reads them; due.today = the evaluation date
  struct Account {
    std::string name, role, created_by, instructed_by;
    bool custodian = false, disabled = false;
  };
  std::vector<Account> accounts;
  int64_t grants = 0;                   // key slots held by accounts other than the head
  bool audit_intact = false;
  int64_t audit_events = 0;
  std::string audit_problem;
  int64_t incidents = 0;                // recorded, all time
  std::string contact_network_updated;  // YYYY-MM-DD of the latest, "" if none
  int64_t keybox_entries = 0;           // in the period
  int64_t visits = 0;                   // entry-log entries in the period
  int64_t media = 0;                    // listed media, all time
  int64_t disposals = 0;                // in the period
  int64_t contractor_disposals = 0;     // of which by a contractor (current entries)
  std::vector<std::string> contractor_unchecked;  // "#4": by a contractor, no checked contract
  int64_t takeouts = 0;                 // in the period
  std::vector<std::string> takeouts_late;  // "#3 due 2026-09-01": not back by their date
  int64_t inquiries = 0, inquiries_unanswered = 0;  // current entries, all time
  int64_t handover = 0;                 // in the period
  int64_t handover_media = 0;           // of which on media or paper
  int64_t acquisitions = 0;             // in the period
  int64_t maintenance = 0;              // in the period
  int64_t definition_updates = 0;       // in the period
};

// The period an assessment looks back over: from the previous September 1 to the evaluation.
int32_t PeriodStart(int64_t year);

enum class Finding { kMet, kNotMet, kNeedsAnswer };
std::string_view FindingId(Finding f);  // "met", "not-met", "needs-answer"
std::optional<Finding> ParseFinding(std::string_view id);

struct Prefill {
  bool from_records = false;  // "evidence from records"; false: "needs a person's answer"
  Finding finding = Finding::kNeedsAnswer;
  std::string note;           // what the records show, Japanese then English
};
Prefill Evaluate(const ChecklistItem& item, const AssessmentFacts& facts);

// A person's answer.
enum class AnswerStatus { kNone, kMet, kNotMet, kNotApplicable };
std::string_view AnswerStatusId(AnswerStatus s);  // "", "met", "not-met", "not-applicable"
std::optional<AnswerStatus> ParseAnswerStatus(std::string_view id);

// S-CHK-1 at entry. An item the records evidence (from_records) takes no status other than the
// records' own — a checkbox cannot override the ledgers; the fact is recorded in its ledger — but
// may take a note and the action decided. Any other item needs a status and an evidence note.
// A not-met item needs the action decided (procedures are revised by the results).
// kInvalidArgument for a missing field; kFailedPrecondition naming S-CHK-1 otherwise.
Status CheckAnswer(const ChecklistItem& item, const Prefill& prefill, AnswerStatus status,
                   std::string_view note, std::string_view action);

// One item as it stands: the records' finding and the latest answer folded together.
struct ItemState {
  const ChecklistItem* item = nullptr;
  Prefill prefill;
  AnswerStatus answer = AnswerStatus::kNone;  // the latest answer's status, kNone if none
  std::string note, action, answered_by;      // the latest non-empty of each
  // The result: "met", "not-met", "not-applicable" or "needs-answer".
  std::string Result() const;
};

// S-CHK-1 at sign-off: every item has a result, and every not-met item its action. Returns
// kFailedPrecondition naming S-CHK-1 and the items that are not ready.
Status CheckSignOff(const std::vector<ItemState>& items);

// A procedure revision decided from a self-assessment's results (S-CHK-1: the head "revises
// procedures according to the results"): the items whose action it carries out, the procedure
// (rule, form, practice) revised and how, decided by the head on a date.
struct ProcedureRevision {
  int64_t year = 0;
  std::vector<std::string> items;  // "1-06", …
  std::string procedure, change;
  std::string decided_by;
  int32_t decided_on = 0;  // yyyymmdd
};
// S-CHK-1 at entry. `states`: the year's items as they stand; `heads`: active heads; `started`:
// the day the assessment began. kInvalidArgument for a missing field or an unknown item;
// kFailedPrecondition naming S-CHK-1: an item with no action decided in that assessment (a
// revision answers an action decided from the results), a decision by someone not the head,
// dated before the assessment began or after today.
Status CheckRevision(const ProcedureRevision& r, const std::vector<ItemState>& states,
                     const std::vector<std::string>& heads, int32_t started, int32_t today);

// One revision as the report lists it.
struct RevisionLine {
  int64_t id = 0;
  std::string items, procedure, change, decided_by, decided_on;
};

// The printable report (Japanese first): summary, every item by section with its rules, result,
// where the evidence came from and the actions decided — one document, printed as HTML or PDF
// (report/render.h).
struct AssessmentReport {
  std::string registry;
  int64_t year = 0;
  std::string started_at, started_by, evaluated_at;
  std::string signed_at, signed_by;  // "" while not signed: printed as a draft
  std::vector<ItemState> items;
  std::vector<RevisionLine> revisions;  // recorded for this year's actions (S-CHK-1)
};
report::Document AssessmentDocument(const AssessmentReport& report);

}  // namespace ganreg::ledger
