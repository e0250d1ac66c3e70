// The registers of issue #4's fourth slice (docs/openapi.yaml): procedure revisions decided from
// the self-assessment (S-CHK-1), external audits (ORG-6) and the storage schedule with its
// retention periods (F-7). Each route is one use case of the one door; the rules (who decides,
// which items, which dates) are the app layer's to check.
#include "web/api_util.h"

namespace ganreg::web::internal {

namespace {

using R = const httplib::Request&;
using S = app::Session&;

Json RevisionJson(const app::RevisionView& v) {
  return {{"id", v.id},
          {"at", v.at},
          {"year", v.year},
          {"items", v.items},
          {"procedure", v.procedure},
          {"change", v.change},
          {"decided_by", v.decided_by},
          {"decided_on", v.decided_on},
          {"recorded_by", v.recorded_by},
          {"corrects", v.corrects},
          {"corrected_by", v.corrected_by}};
}

// ?year=Y: one self-assessment's revisions (absent: every year).
Result<Json> Revisions(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t year, QueryNumber(req, "year", 0, 0, 9999));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListProcedureRevisions(year));
  return Json{{"revisions", JsonList(list, RevisionJson)}};
}

Result<Json> RecordRevision(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::RevisionRequest r;
  GANREG_ASSIGN_OR_RETURN(r.year, BodyInt(body, "year"));
  GANREG_ASSIGN_OR_RETURN(r.items, BodyList(body, "items"));
  GANREG_ASSIGN_OR_RETURN(r.procedure, StringField(body, "procedure"));
  GANREG_ASSIGN_OR_RETURN(r.change, StringField(body, "change"));
  GANREG_ASSIGN_OR_RETURN(r.decided_by, StringField(body, "decided_by"));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.RecordProcedureRevision(r));
  return RevisionJson(v);
}

Json ExternalAuditJson(const app::ExternalAuditView& v) {
  return {{"id", v.id},
          {"at", v.at},
          {"date", v.date},
          {"auditor", v.auditor},
          {"committee", v.committee},
          {"findings", v.findings},
          {"actions", v.actions},
          {"reported_on", v.reported_on},
          {"recorded_by", v.recorded_by},
          {"corrects", v.corrects},
          {"corrected_by", v.corrected_by}};
}

Result<Json> ExternalAudits(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListExternalAudits());
  return Json{{"audits", JsonList(list, ExternalAuditJson)}};
}

Result<Json> RecordExternalAudit(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::ExternalAuditRequest r;
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.auditor, StringField(body, "auditor"));
  GANREG_ASSIGN_OR_RETURN(r.committee, StringField(body, "committee"));
  GANREG_ASSIGN_OR_RETURN(r.findings, StringField(body, "findings"));
  GANREG_ASSIGN_OR_RETURN(r.actions, StringField(body, "actions"));
  GANREG_ASSIGN_OR_RETURN(r.reported_on, StringField(body, "reported_on"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.RecordExternalAudit(r));
  return ExternalAuditJson(v);
}

Json RetentionJson(const app::RetentionView& v) {
  return {{"id", v.id},         {"at", v.at},
          {"kind", v.kind},     {"kind_label", v.kind_label},
          {"medium", v.medium}, {"months", v.months},
          {"place", v.place},   {"method", v.method},
          {"set_by", v.set_by}, {"in_force", v.in_force}};
}

Result<Json> RetentionRules(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListRetentionRules());
  return Json{{"rules", JsonList(list, RetentionJson)}};
}

Result<Json> SetRetentionRule(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::RetentionRequest r;
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.medium, StringField(body, "medium"));
  GANREG_ASSIGN_OR_RETURN(r.months, BodyInt(body, "months"));
  GANREG_ASSIGN_OR_RETURN(r.place, StringField(body, "place"));
  GANREG_ASSIGN_OR_RETURN(r.method, StringField(body, "method"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.SetRetentionRule(r));
  return RetentionJson(v);
}

}  // namespace

std::vector<Route> RegisterRoutes() {
  return {
      {"GET", "/api/revisions", Revisions},
      {"POST", "/api/revisions", RecordRevision},
      {"GET", "/api/external-audits", ExternalAudits},
      {"POST", "/api/external-audits", RecordExternalAudit},
      {"GET", "/api/retention", RetentionRules},
      {"POST", "/api/retention", SetRetentionRule},
  };
}

}  // namespace ganreg::web::internal
