// What is due (`ganreg due`): what the calendar and the rules say is due or overdue, computed
// from the registry's own records — a pure function of the facts the app layer gathers.
//
//   ledger::DueFacts f; f.today = 20261125; … 
//   for (const auto& item : ledger::WhatIsDue(f)) print(item.rule, item.what, item.due);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ganreg::ledger {

struct DueFacts {
  int32_t today = 0;  // yyyymmdd, Japan
  struct Account {
    std::string name, role;
    bool disabled = false;
    int32_t password_expires = 0;  // yyyymmdd the password expires (S-PWD-2)
    bool must_change = false;      // an initial password not yet changed
    std::optional<int32_t> last_pass;  // latest passed training test (S-HUM-1)
    bool briefed_new = false;      // new-staff briefing recorded (S-HUM-3)
    bool briefed_leaver = false;   // leaver briefing recorded (S-HUM-3)
  };
  std::vector<Account> accounts;
  std::vector<int64_t> approved_plan_years;  // fiscal years with an approved training plan
  std::vector<int32_t> id_audit_dates;       // S-SYS-3
  int32_t registry_created = 0;              // yyyymmdd of the first account (init)
  int32_t last_personnel_change = 0;         // yyyymmdd an account was last created or disabled
  std::optional<std::string> first_entry_month;  // YYYY-MM of the first entry-log entry
  std::vector<std::string> checked_months;       // entry-log months checked (S-ENT-1)
  struct Medium {
    std::string id;
    int32_t received = 0;
    bool disposed = false;
  };
  std::vector<Medium> media;
  struct OpenIncident {
    int64_t id = 0;
    std::vector<std::string> missing_steps;
  };
  std::vector<OpenIncident> incidents;
  std::vector<int32_t> keybox_open_days_without_count;  // before today (S-ENT-1)
  bool keybox_open_now = false;
  bool has_contact_network = false;  // S-INC-2
  // ---- third slice ----
  std::vector<int64_t> signed_assessment_years;  // September self-assessments signed (S-CHK-1)
  struct OpenTakeout {
    int64_t id = 0;
    int32_t due_back = 0;  // yyyymmdd
  };
  std::vector<OpenTakeout> open_takeouts;  // taken out, not returned, not corrected (STO-3)
  struct UntrackedHandover {
    int64_t id = 0;
    int32_t date = 0;  // yyyymmdd of the entry
  };
  // Hand-over entries on media or paper without their delivery details (S-TRN-1).
  std::vector<UntrackedHandover> untracked_handover;
  // ---- fourth slice ----
  // Each signed self-assessment: the unmet items whose action was decided, and of those the
  // ones with no procedure revision recorded yet (S-CHK-1: procedures revised by the results).
  struct SignedAssessment {
    int64_t year = 0;
    int32_t signed_on = 0;  // yyyymmdd
    std::vector<std::string> actions;    // not-met items with their action decided
    std::vector<std::string> unrevised;  // of those, the ones no revision answers
  };
  std::vector<SignedAssessment> signed_assessments;
  // External audits (ORG-6, F-15), current entries (a corrected one left out).
  struct ExternalAudit {
    int64_t id = 0;
    int32_t date = 0;      // yyyymmdd of the audit
    int32_t reported = 0;  // yyyymmdd its result was reported to the governor's officer, or 0
    std::string auditor;
  };
  std::vector<ExternalAudit> external_audits;
  // Acquisitions whose kind and medium have a retention period in the storage schedule (F-7),
  // not disposed of yet (S-STO-3, STO-P5).
  struct Retained {
    int64_t acquisition = 0;
    std::string kind, medium;
    int32_t received = 0;  // yyyymmdd
    int64_t months = 0;    // the retention period in force for its kind and medium
  };
  std::vector<Retained> retained;
};

struct DueItem {
  std::string rule;  // "S-HUM-1", …
  std::string what;  // Japanese, then English
  int32_t due = 0;   // yyyymmdd it is (or was) due
  bool overdue = false;
};

// Days before a password expires from which it is listed.
inline constexpr int kPasswordWarningDays = 14;
// A listed medium is due for disposal this long after it was received (F-7: "half a year to one
// year after receipt" for the shortest-kept material; the registry sets the longest of these).
inline constexpr int kMediumKeepDays = 365;

// A procedure revision is due this long after the self-assessment that decided it was signed
// (ganreg's default: the manual asks for revisions "according to the results", no period).
inline constexpr int kRevisionDays = 90;
// The external audit (ORG-6): every 4-5 years — listed from 4 years after the last audit (or
// after the registry's records began), overdue after 5.
inline constexpr int kExternalAuditListYears = 4, kExternalAuditYears = 5;
// A retained acquisition is listed this many days before its retention period ends.
inline constexpr int kRetentionWarningDays = 30;

// `yyyymmdd` plus `months` calendar months (the day kept, or the month's last day).
int32_t AddMonths(int32_t yyyymmdd, int64_t months);

// Everything due or overdue on facts.today, overdue first, then by date.
std::vector<DueItem> WhatIsDue(const DueFacts& facts);

}  // namespace ganreg::ledger
