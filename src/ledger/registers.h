// Registers of the third slice (issue #4): the take-out and return register (持出し管理台帳, F-3,
// checklist Nos. 58-59), the maintenance record for direct database work (S-SYS-6, F-8), the
// acquisition register per kind of information (S-ACQ-2, S-ACQ-4, F-4) and the hospital and
// municipality definition updates (S-SYS-4, F-13) — the rules an entry must satisfy, as pure
// functions, no I/O. Each returns kInvalidArgument for a missing or malformed field and
// kFailedPrecondition naming the rule otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

// Material taken out of the room. `approvers`: active heads and task leads; `staff`: active
// accounts. STO-3 (No. 58): who, when, how much, why, approved by a task lead (or the head) who
// is not the one taking it; S-SYS-7: PCs used in the room are never taken out; S-STO-3: the
// date it comes back is set at take-out, not before the day it leaves.
struct Takeout {
  std::string kind;      // paper, usb, cd-r (pc: refused, S-SYS-7)
  std::string what, reason;
  int64_t quantity = 0;  // e.g. sheets, or media
  std::string taken_by, approved_by;
  int32_t date = 0, due_back = 0;  // yyyymmdd
  std::string time_out;            // HH:MM
};
Status CheckTakeout(const Takeout& t, const std::vector<std::string>& approvers,
                    const std::vector<std::string>& staff);
// Its return (No. 59): by an active account, not before it left; fewer items back than out is
// recorded and flagged (an incident to report, S-INC-1), more is an error.
Status CheckTakeoutReturn(int32_t out_date, std::string_view time_out, int64_t quantity,
                          int32_t date, std::string_view time_in, int64_t returned_count);

// Direct work on the database server. S-SYS-6: worker, work done and result; SYS-R1: an outside
// worker works under a confidentiality agreement, approved beforehand, with a staff member
// present throughout; PHY-R6: work in critical places by more than one person — a staff worker
// has another account as witness.
struct Maintenance {
  std::string worker_kind;  // staff, contractor
  std::string worker;       // a login id (staff) or a name (contractor; sealed)
  std::string affiliation;  // the contractor's company (sealed)
  std::string work, result;
  std::string approved_by, witness;
  bool nda = false;
  std::string time_from, time_to;  // HH:MM
};
Status CheckMaintenance(const Maintenance& m, const std::vector<std::string>& approvers,
                        const std::vector<std::string>& staff);

// One acquisition (S-ACQ-2 kinds ア–エ; S-ACQ-4 register per kind, naming the medium).
// S-ACQ-1/S-TRN-1: online in principle; media and paper only by a means that leaves a delivery
// record (a tracking number); S-TRN-5: carried by hand only by two or more staff.
struct Acquisition {
  std::string kind;    // notification, death, address-change, linkage-file
  std::string medium;  // electronic, paper
  std::string route;   // online, tracked-delivery, hand-carried
  std::string source;  // the body it came from
  int64_t count = 0;
  std::string tracking;
  std::vector<std::string> carriers;
  std::string storage;
};
Status CheckAcquisition(const Acquisition& a, const std::vector<std::string>& staff);
std::string_view AcquisitionKindLabel(std::string_view kind);  // "届出票・遡り調査票 (ア)" …

// A definition update (S-SYS-4): a hospital (10-digit medical institution code) or a
// municipality (6-digit local-government code); applied on or after the day it changed.
struct DefinitionUpdate {
  std::string kind;    // hospital, municipality
  std::string code;
  std::string change;  // add, change, remove
  int32_t changed_on = 0, applied_on = 0;
  std::string source, description;
};
Status CheckDefinitionUpdate(const DefinitionUpdate& d);
// Days allowed between a definition's change and its update before `due` lists it (S-SYS-4:
// "promptly").
inline constexpr int kDefinitionPromptDays = 30;

// An external audit (ORG-6, F-15): an outside body audits the room every 4-5 years; the head
// compiles the result and reports it to the governor's officer (総括責任者). The audit is not in
// the future; its report (0: not yet) not before the audit nor in the future.
struct ExternalAudit {
  int32_t date = 0;  // yyyymmdd
  std::string auditor, committee, findings, actions;
  int32_t reported_on = 0;
};
Status CheckExternalAudit(const ExternalAudit& a, int32_t today);

// A row of the storage schedule (保管場所及び保管方法に関する規程, F-7; STO-P5): for a kind of
// information (S-ACQ-2) on a medium, where and how it is kept and for how many months after its
// receipt. The latest row for a kind and medium is the one in force.
struct RetentionRule {
  std::string kind, medium;  // as the acquisition register's
  int64_t months = 0;        // 1 to 600
  std::string place, method;
};
Status CheckRetentionRule(const RetentionRule& r);

// How a hand-over book entry on media or paper travelled (S-ACQ-5, S-TRN-1, S-TRN-5).
// `direction`: receipt or dispatch; `medium`: the entry's (cd-r, usb, paper; online entries
// need no delivery, kFailedPrecondition). A tracked service needs its tracking number (S-TRN-1),
// carrying by hand two or more active staff (S-TRN-5); media sent out are unused (S-TRN-1);
// a delivery received is opened inside the room (S-ACQ-5).
struct DeliveryRoute {
  std::string direction, medium;
  std::string method;  // letter-pack, registered-mail, specified-record-mail, yu-pack, hand-carried
  std::string tracking;
  bool unused_medium = false;
  std::vector<std::string> carriers;
  bool opened_in_room = false;
};
Status CheckDelivery(const DeliveryRoute& d, const std::vector<std::string>& staff);

}  // namespace ganreg::ledger
