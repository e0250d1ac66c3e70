// Who may do what: the roles of S-ROLE-1 and the account rules of S-SYS-1/S-SYS-2, as pure
// functions (no I/O). The app layer asks here before every use case; information categories
// are additionally enforced by keys (a user without a category's key cannot decrypt it).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "model/roles.h"

namespace ganreg::access {

enum class Action {
  kUserAdd,
  kUserGrant,
  kUserRevoke,
  kUserDisable,
  kUserList,
  kUserChangeOwnPassword,
  kIntake,
  kNotificationList,
  kNotificationShow,
  kNotificationShowIdentity,
  kHeldRowsShow,
  kLedgerShow,
  kAuditVerify,
  kAuditExportCheckpoint,
  kPartnerAdd,         // register or replace a partner's public key (S-SYS-4)
  kPartnerRevoke,
  kPartnerList,
  kRegistryPublicKey,  // export the registry's receiving and signing public keys
  kPackageVerify,
  kPackageIntake,
  kDispatch,           // send a file out as a transfer package (recorded in the hand-over book)
  kLinkRun,            // link every notification to a person (issue #5)
  kReviewNext,         // the next candidate pair, both sides' identity items (an identity read)
  kReviewDecide,       // a reviewer's "same" or "different"
  kReviewUndo,         // undo a decision (unmerge), history kept
  // Tumours (issue #5): consolidation and the quality checks.
  kConsolidate,        // group notifications into tumours and build their records
  kTumourList,
  kTumourShow,
  kQcList,             // tumours flagged by the quality checks
  kQcAccept,           // a flag looked at and left as it is
  // Ledgers (issue #4). The inquiry book's contents are further guarded by the ledgers key.
  kInquiryContactAdd,  // register a body's number for call-backs (S-INQ-3)
  kInquiryContactList,
  kInquiryRecord,      // record an inbound or outbound inquiry (S-INQ-5, S-INQ-6)
  kInquiryAnswer,      // record the answer, checked against S-INQ-2..4
  kInquiryList,        // read the book (needs the ledgers grant)
  kInquiryShow,
  kMediaAdd,           // portable-media list (S-STO-2)
  kMediaList,
  kDisposalRecord,     // disposal record, checked against S-STO-4/S-STO-5
  kDisposalList,
  // The office's overview (issue #6).
  kDashboard,          // what is waiting: held-back rows, review queue, password expiry
  kFileList,           // the received files with their accepted and held-back counts
  kAuditList,          // read the audit trail's events (the viewer)
  // Ledgers, second slice (issue #4): people, incidents, rooms and keys, what is due.
  kTrainingPlanAdd,      // a training plan for a fiscal year (S-HUM-1, S-HUM-2)
  kTrainingPlanApprove,  // the head approves it (S-HUM-3)
  kTrainingSession,      // a session with its attendance (S-HUM-1)
  kTrainingTest,         // a test result or retest (S-HUM-1)
  kTrainingList,
  kBriefingRecord,       // the head's briefing for new staff or a leaver (S-HUM-3)
  kBriefingList,
  kIdAuditList,          // every account against its holder (S-SYS-3)
  kIdAuditRecord,
  kIncidentReport,       // an incident record (S-INC-1), sealed under ledgers
  kIncidentStep,         // a step of it or of the reporting chain
  kIncidentList,         // read incidents (needs the ledgers grant)
  kContactNetworkSet,    // the emergency contact network with its update date (S-INC-2)
  kContactNetworkShow,
  kKeyboxRecord,         // key box opened, locked, keys counted (S-STO-1, S-ENT-1)
  kKeyboxList,
  kEntryRecord,          // a visitor's entry or exit (S-ENT-1, PHY-2)
  kEntryList,            // read the entry/exit log (names need the ledgers grant)
  kEntryCheck,           // the task lead's monthly check (S-ENT-1)
  kDue,                  // what is due or overdue
  // ---- deaths and the follow-back (issue #5; S-ACQ-2 イ) ----
  kDeathIntake,          // take a death information form file in
  kDeathList,            // deaths with their link and case (dates and causes: clinical grant)
  kDeathReviewNext,      // the next death/person pair, both sides' identity (an identity read)
  kDeathReviewDecide,
  kDeathReviewUndo,
  kFollowbackList,       // the follow-back (遡り調査) cases per hospital
  kFollowbackExport,     // a hospital's follow-back list with identities, to send
  kFollowbackAnswer,     // a hospital's answer: notified, or death certificate only
  // Ledgers, third slice (issue #4): self-assessment, registers, printing.
  kSelfAssessmentStart,   // the September self-assessment, pre-filled from the records (S-CHK-1)
  kSelfAssessmentAnswer,  // a person's answer to an item
  kSelfAssessmentSign,    // the head's sign-off (S-CHK-1)
  kSelfAssessmentShow,    // the items as they stand
  kSelfAssessmentReport,  // the printable report
  kTakeoutRecord,         // material taken out of the room, or its return (STO-3)
  kTakeoutList,           // the register (what and why need the ledgers grant)
  kMaintenanceRecord,     // direct work on the database (S-SYS-6)
  kMaintenanceList,
  kAcquisitionRecord,     // the acquisition register per kind of information (S-ACQ-4)
  kAcquisitionList,
  kDefinitionRecord,      // a hospital or municipality definition update (S-SYS-4)
  kDefinitionList,
  kLedgerPrint,           // a ledger as a printable page
  kHandoverDelivery,      // how a hand-over entry on media or paper travelled (S-TRN-1, S-TRN-5)
  // Ledgers, fourth slice (issue #4).
  kRevisionRecord,        // a procedure revision decided from the self-assessment (S-CHK-1)
  kRevisionList,
  kExternalAuditRecord,   // the 4-5-yearly external audit and its report (ORG-6)
  kExternalAuditList,
  kRetentionSet,          // a row of the storage schedule: retention per kind and medium (F-7)
  kRetentionList,
  // Issue #4, closing: the head's check of a disposal contractor's contract (S-STO-5).
  kDisposalContractCheck,  // the head records the contract and its confidentiality clause
  kDisposalContractList,
};

std::string_view ActionId(Action a);  // the audit event's action, e.g. "user.add"

struct Actor {
  std::string name;
  model::Role role;
  bool custodian = false;  // head or the system task lead (S-SYS-1)
};

// OK or kPermissionDenied with the reason ("role task-staff may not add users").
Status Authorize(const Actor& actor, Action action);

// The account-creation rule (S-SYS-2): the head creates task leads (and may name one of them
// the system task lead, the second custodian); a task lead creates task staff and
// administration staff on the instruction of a head, named in `instructed_by`.
// `instructing_role` is the role of the named instructor (nullopt if no such active user).
Status AuthorizeAccountCreation(const Actor& actor, model::Role new_role, bool new_custodian,
                                std::string_view instructed_by,
                                std::optional<model::Role> instructing_role);

}  // namespace ganreg::access
