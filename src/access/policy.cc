// Role table. Each allowed pair cites the rule it comes from.
#include "access/policy.h"

#include <fmt/format.h>

namespace ganreg::access {

using model::Role;

std::string_view ActionId(Action a) {
  switch (a) {
    case Action::kUserAdd: return "user.add";
    case Action::kUserGrant: return "user.grant";
    case Action::kUserRevoke: return "user.revoke";
    case Action::kUserDisable: return "user.disable";
    case Action::kUserList: return "user.list";
    case Action::kUserChangeOwnPassword: return "user.passwd";
    case Action::kIntake: return "intake.file";
    case Action::kNotificationList: return "notification.list";
    case Action::kNotificationShow: return "notification.show";
    case Action::kNotificationShowIdentity: return "notification.show-identity";
    case Action::kHeldRowsShow: return "intake.held-rows";
    case Action::kLedgerShow: return "ledger.show";
    case Action::kAuditVerify: return "audit.verify";
    case Action::kAuditExportCheckpoint: return "audit.export-checkpoint";
    case Action::kPartnerAdd: return "partner.add";
    case Action::kPartnerRevoke: return "partner.revoke";
    case Action::kPartnerList: return "partner.list";
    case Action::kRegistryPublicKey: return "registry.public-key";
    case Action::kPackageVerify: return "package.verify";
    case Action::kPackageIntake: return "intake.package";
    case Action::kDispatch: return "dispatch.package";
    case Action::kLinkRun: return "link.run";
    case Action::kReviewNext: return "review.next";
    case Action::kReviewDecide: return "review.decide";
    case Action::kReviewUndo: return "review.undo";
    case Action::kConsolidate: return "consolidate.run";
    case Action::kTumourList: return "tumour.list";
    case Action::kTumourShow: return "tumour.show";
    case Action::kQcList: return "qc.list";
    case Action::kQcAccept: return "qc.accept";
    case Action::kInquiryContactAdd: return "inquiry.contact-add";
    case Action::kInquiryContactList: return "inquiry.contact-list";
    case Action::kInquiryRecord: return "inquiry.record";
    case Action::kInquiryAnswer: return "inquiry.answer";
    case Action::kInquiryList: return "inquiry.list";
    case Action::kInquiryShow: return "inquiry.show";
    case Action::kMediaAdd: return "media.add";
    case Action::kMediaList: return "media.list";
    case Action::kDisposalRecord: return "disposal.record";
    case Action::kDisposalList: return "disposal.list";
    case Action::kDashboard: return "dashboard.show";
    case Action::kFileList: return "intake.files";
    case Action::kAuditList: return "audit.list";
    case Action::kTrainingPlanAdd: return "training.plan-add";
    case Action::kTrainingPlanApprove: return "training.plan-approve";
    case Action::kTrainingSession: return "training.session";
    case Action::kTrainingTest: return "training.test";
    case Action::kTrainingList: return "training.list";
    case Action::kBriefingRecord: return "briefing.record";
    case Action::kBriefingList: return "briefing.list";
    case Action::kIdAuditList: return "id-audit.list";
    case Action::kIdAuditRecord: return "id-audit.record";
    case Action::kIncidentReport: return "incident.report";
    case Action::kIncidentStep: return "incident.step";
    case Action::kIncidentList: return "incident.list";
    case Action::kContactNetworkSet: return "incident.network-set";
    case Action::kContactNetworkShow: return "incident.network-show";
    case Action::kKeyboxRecord: return "keybox.record";
    case Action::kKeyboxList: return "keybox.list";
    case Action::kEntryRecord: return "entry-log.record";
    case Action::kEntryList: return "entry-log.list";
    case Action::kEntryCheck: return "entry-log.check";
    case Action::kDue: return "due.list";
    // ---- deaths and the follow-back (issue #5) ----
    case Action::kDeathIntake: return "death.intake";
    case Action::kDeathList: return "death.list";
    case Action::kDeathReviewNext: return "death.review-next";
    case Action::kDeathReviewDecide: return "death.review-decide";
    case Action::kDeathReviewUndo: return "death.review-undo";
    case Action::kFollowbackList: return "followback.list";
    case Action::kFollowbackExport: return "followback.export";
    case Action::kFollowbackAnswer: return "followback.answer";
    case Action::kSelfAssessmentStart: return "self-assessment.start";
    case Action::kSelfAssessmentAnswer: return "self-assessment.answer";
    case Action::kSelfAssessmentSign: return "self-assessment.sign";
    case Action::kSelfAssessmentShow: return "self-assessment.show";
    case Action::kSelfAssessmentReport: return "self-assessment.report";
    case Action::kTakeoutRecord: return "takeout.record";
    case Action::kTakeoutList: return "takeout.list";
    case Action::kMaintenanceRecord: return "maintenance.record";
    case Action::kMaintenanceList: return "maintenance.list";
    case Action::kAcquisitionRecord: return "acquisition.record";
    case Action::kRevisionRecord: return "self-assessment.revise";
    case Action::kRevisionList: return "self-assessment.revisions";
    case Action::kExternalAuditRecord: return "external-audit.record";
    case Action::kExternalAuditList: return "external-audit.list";
    case Action::kRetentionSet: return "retention.set";
    case Action::kRetentionList: return "retention.list";
    case Action::kDisposalContractCheck: return "disposal.contract-check";
    case Action::kDisposalContractList: return "disposal.contract-list";
    case Action::kAcquisitionList: return "acquisition.list";
    case Action::kDefinitionRecord: return "definition.record";
    case Action::kDefinitionList: return "definition.list";
    case Action::kLedgerPrint: return "ledger.print";
    case Action::kHandoverDelivery: return "ledger.handover-delivery";
  }
  return "?";
}

namespace {
bool Allowed(const Actor& actor, Action action) {
  const Role r = actor.role;
  const bool registry_staff = r == Role::kHead || r == Role::kTaskLead || r == Role::kTaskStaff;
  switch (action) {
    case Action::kUserAdd:
      return r == Role::kHead || r == Role::kTaskLead;  // S-SYS-2; details in AuthorizeAccountCreation
    case Action::kUserGrant:
    case Action::kUserRevoke:
    case Action::kUserDisable:
      return actor.custodian;  // S-SYS-1: the two administrators keep the work-assignment table
    case Action::kUserList:
      return r == Role::kHead || r == Role::kTaskLead;  // S-SYS-3: the April ID check
    case Action::kUserChangeOwnPassword:
      return true;  // S-PWD-3: each user manages their own password
    case Action::kIntake:
    case Action::kNotificationList:
    case Action::kNotificationShow:
    case Action::kNotificationShowIdentity:
    case Action::kHeldRowsShow:
      // Registry work; which categories a person may read is the grant's (S-ROLE-3).
      return registry_staff;
    case Action::kLedgerShow:
      return true;
    case Action::kAuditVerify:
      return r == Role::kHead || r == Role::kTaskLead || r == Role::kAdminStaff;
    case Action::kAuditExportCheckpoint:
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kPartnerAdd:
    case Action::kPartnerRevoke:
      // S-SYS-4: hospital definitions are kept by the system task lead (a custodian) or the head.
      return actor.custodian;
    case Action::kPartnerList:
    case Action::kRegistryPublicKey:
      return true;
    case Action::kPackageVerify:
    case Action::kPackageIntake:
    case Action::kDispatch:
      return registry_staff;  // opening the parts also needs the inbound grant (keys)
    case Action::kLinkRun:
    case Action::kReviewNext:
    case Action::kReviewDecide:
    case Action::kReviewUndo:
      // Registry work (S-ROLE-1); reading the names also needs the identity and clinical grants,
      // which the keys enforce (S-ROLE-3).
      return registry_staff;
    case Action::kConsolidate:
    case Action::kTumourList:
    case Action::kTumourShow:
    case Action::kQcList:
    case Action::kQcAccept:
      // Registry work (S-ROLE-1, review and consolidation 審査整理); the records are readable
      // only with the clinical grant, which the keys enforce (S-ROLE-3).
      return registry_staff;
    case Action::kInquiryContactAdd:
      // S-INQ-3: the numbers call-backs may go to are kept by the custodians, as the partner
      // definitions are (S-SYS-4), so a caller's number cannot slip in through a clerk.
      return actor.custodian;
    case Action::kInquiryContactList:
    case Action::kInquiryRecord:
    case Action::kInquiryAnswer:
    case Action::kInquiryList:
    case Action::kInquiryShow:
      // F-14: administration-section staff take inquiries, the task lead calls back; reading and
      // answering also need the ledgers grant, which the key enforces (S-INQ-5).
      return true;
    case Action::kMediaAdd:
    case Action::kMediaList:
    case Action::kDisposalRecord:
    case Action::kDisposalList:
      return true;  // F-6, F-18: any office member keeps these ledgers; each entry is audited
    case Action::kDashboard:
      return true;  // each user sees their own password expiry; counts carry no personal data
    case Action::kFileList:
      return registry_staff;  // as the held-back rows report
    case Action::kAuditList:
      // As verification: the custodians and the administration staff who keep the checks.
      return r == Role::kHead || r == Role::kTaskLead || r == Role::kAdminStaff;
    // ---- ledgers, second slice ----
    case Action::kTrainingPlanAdd:
    case Action::kTrainingSession:
    case Action::kTrainingTest:
      // S-HUM-1: the head plans training; S-HUM-3: the task lead trains every April.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kTrainingPlanApprove:
      return r == Role::kHead;  // S-HUM-3: the head approves the training plan
    case Action::kTrainingList:
    case Action::kBriefingList:
      return r == Role::kHead || r == Role::kTaskLead;  // S-HUM-3: the head checks the records
    case Action::kBriefingRecord:
      // S-HUM-3: the head briefs (the app checks that the head gave it); a task lead may enter it.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kIdAuditList:
      return r == Role::kHead || r == Role::kTaskLead;  // S-SYS-3
    case Action::kIdAuditRecord:
      return actor.custodian;  // S-SYS-1, S-SYS-3: the account managers record the check
    case Action::kIncidentReport:
      return true;  // S-INC-1: whoever finds an incident records it; it goes to the head
    case Action::kIncidentStep:
      return r == Role::kHead || r == Role::kTaskLead;  // the head's chain (the app checks who)
    case Action::kIncidentList:
    case Action::kContactNetworkShow:
      return true;  // contents need the ledgers grant, which the key enforces
    case Action::kContactNetworkSet:
      return r == Role::kHead;  // S-INC-2: the head keeps the emergency contact network
    case Action::kKeyboxRecord:
      // S-STO-1: the key box's key is held by the task lead (or the head); S-ENT-1: they count.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kKeyboxList:
    case Action::kEntryRecord:
    case Action::kEntryList:
      return true;  // S-ENT-1: the staff in charge update the log; names need the ledgers grant
    case Action::kEntryCheck:
      return r == Role::kHead || r == Role::kTaskLead;  // S-ENT-1: checked by the task lead
    case Action::kDue:
      return r == Role::kHead || r == Role::kTaskLead;  // lists every account's state
    // ---- deaths and the follow-back (issue #5) ----
    case Action::kDeathIntake:
    case Action::kDeathList:
    case Action::kDeathReviewNext:
    case Action::kDeathReviewDecide:
    case Action::kDeathReviewUndo:
    case Action::kFollowbackList:
    case Action::kFollowbackAnswer:
      // Registry work (S-ACQ-2 イ, S-ROLE-1: acquisition, review and consolidation); reading
      // names, dates and causes also needs the grants, which the keys enforce (S-ROLE-3).
      return registry_staff;
    case Action::kFollowbackExport:
      // A list of names that leaves the registry for hospitals: task leads and the head decide
      // what is sent (S-INQ-6: inquiries that carry personal information go out under the
      // task lead's control).
      return r == Role::kHead || r == Role::kTaskLead;
    // ---- ledgers, third slice ----
    case Action::kSelfAssessmentStart:
    case Action::kSelfAssessmentAnswer:
    case Action::kSelfAssessmentShow:
    case Action::kSelfAssessmentReport:
      // S-CHK-1: the head runs the evaluation; the task leads answer for their tasks.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kSelfAssessmentSign:
      return r == Role::kHead;  // S-CHK-1: the head's own evaluation
    case Action::kTakeoutRecord:
    case Action::kTakeoutList:
      return registry_staff;  // STO-3: the staff who move material record it; a lead approves
    case Action::kMaintenanceRecord:
      // S-SYS-6, SYS-P2: the system task lead (or the head) keeps the maintenance record.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kMaintenanceList:
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kAcquisitionRecord:
      return registry_staff;  // S-ACQ-4: the acquisition staff fill in the register
    case Action::kAcquisitionList:
      return true;
    case Action::kDefinitionRecord:
      return actor.custodian;  // S-SYS-4: as partner definitions, by the custodians
    case Action::kDefinitionList:
      return true;
    case Action::kLedgerPrint:
      return true;  // what a ledger shows is checked per ledger (sealed parts need the grant)
    case Action::kHandoverDelivery:
      return registry_staff;  // S-ACQ-5: the staff who received or sent it
    // ---- ledgers, fourth slice ----
    case Action::kRevisionRecord:
    case Action::kRevisionList:
      // S-CHK-1: the head decides revisions (checked per entry); a task lead may write them down.
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kExternalAuditRecord:
      return r == Role::kHead;  // ORG-6: the head commissions the audit and reports its result
    case Action::kExternalAuditList:
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kRetentionSet:
      // STO-P5, F-7: the storage task lead keeps the storage schedule (or the head).
      return r == Role::kHead || r == Role::kTaskLead;
    case Action::kRetentionList:
      return true;
    case Action::kDisposalContractCheck:
      return r == Role::kHead;  // S-STO-5: the head checks the contract's confidentiality clause
    case Action::kDisposalContractList:
      return true;  // F-6: whoever records a contractor's disposal names the contract
  }
  return false;
}
}  // namespace

Status Authorize(const Actor& actor, Action action) {
  if (Allowed(actor, action)) return Status::Ok();
  if (action == Action::kUserGrant || action == Action::kUserRevoke ||
      action == Action::kUserDisable) {
    return Status::PermissionDenied(fmt::format(
        "{} is not a custodian (only the head and the system task lead keep the work-assignment "
        "table)", actor.name));
  }
  return Status::PermissionDenied(
      fmt::format("role {} may not do {}", model::RoleId(actor.role), ActionId(action)));
}

Status AuthorizeAccountCreation(const Actor& actor, Role new_role, bool new_custodian,
                                std::string_view instructed_by,
                                std::optional<Role> instructing_role) {
  if (new_role == Role::kHead) {
    return Status::PermissionDenied("a registry has one head, created by `ganreg init`");
  }
  if (actor.role == Role::kHead) {
    if (new_role != Role::kTaskLead) {
      return Status::PermissionDenied(
          "the head creates task leads; other accounts are created by a task lead on the head's "
          "instruction (S-SYS-2)");
    }
    return Status::Ok();
  }
  if (actor.role == Role::kTaskLead) {
    if (new_role == Role::kTaskLead || new_custodian) {
      return Status::PermissionDenied("only the head creates task leads");
    }
    if (instructed_by.empty()) {
      return Status::PermissionDenied(
          "a task lead creates accounts on the head's instruction: name the head with "
          "--instructed-by (S-SYS-2)");
    }
    if (instructing_role != Role::kHead) {
      return Status::PermissionDenied(
          fmt::format("'{}' is not an active head of this registry", instructed_by));
    }
    return Status::Ok();
  }
  return Status::PermissionDenied(
      fmt::format("role {} may not create accounts", model::RoleId(actor.role)));
}

}  // namespace ganreg::access
