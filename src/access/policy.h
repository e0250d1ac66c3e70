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
