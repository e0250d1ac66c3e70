// The office's routes (docs/openapi.yaml): training (S-HUM-1..3), briefings, the April user-ID
// audit (S-SYS-3), incidents and the emergency contact network (S-INC-1, S-INC-2), the key box
// and the entry/exit log (S-STO-1, S-ENT-1), and what is due. Each route is one use case of the
// one door; nothing here checks a permission or a rule itself.
#include "web/api_util.h"

namespace ganreg::web::internal {

namespace {

using R = const httplib::Request&;
using S = app::Session&;

// ---- training, briefings, the ID audit ----

Json PlanJson(const app::TrainingPlanInfo& p) {
  return {{"id", p.id},
          {"at", p.at},
          {"fiscal_year", p.fiscal_year},
          {"title", p.title},
          {"covers", p.covers},
          {"pass_mark", p.pass_mark},
          {"planned_by", p.planned_by},
          {"approved_by", p.approved_by},
          {"approved_at", p.approved_at}};
}

Json SessionJson(const app::TrainingSessionInfo& s) {
  return {{"id", s.id},
          {"at", s.at},
          {"plan_id", s.plan_id},
          {"date", s.date},
          {"trainer", s.trainer},
          {"content", s.content},
          {"recorded_by", s.recorded_by},
          {"attendees", s.attendees},
          {"contractors", s.contractors}};
}

Json TestJson(const app::TrainingTestInfo& t) {
  return {{"id", t.id},
          {"at", t.at},
          {"session_id", t.session_id},
          {"person", t.person},
          {"date", t.date},
          {"score", t.score},
          {"pass_mark", t.pass_mark},
          {"passed", t.passed},
          {"retest_of", t.retest_of},
          {"corrects", t.corrects},
          {"corrected_by", t.corrected_by},
          {"recorded_by", t.recorded_by}};
}

Result<Json> Training(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto r, s.ListTraining());
  return Json{
      {"plans", JsonList(r.plans, PlanJson)},
      {"sessions", JsonList(r.sessions, SessionJson)},
      {"tests", JsonList(r.tests, TestJson)},
      {"standing", JsonList(r.standing, [](const app::TrainingStanding& st) {
         return Json{{"person", st.person}, {"last_pass", st.last_pass}, {"current", st.current}};
       })}};
}

Result<Json> AddPlan(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::TrainingPlanRequest r;
  GANREG_ASSIGN_OR_RETURN(r.fiscal_year, BodyInt(body, "fiscal_year"));
  GANREG_ASSIGN_OR_RETURN(r.title, StringField(body, "title"));
  GANREG_ASSIGN_OR_RETURN(r.covers, StringField(body, "covers"));
  GANREG_ASSIGN_OR_RETURN(r.pass_mark, BodyInt(body, "pass_mark"));
  GANREG_ASSIGN_OR_RETURN(auto p, s.AddTrainingPlan(r));
  return PlanJson(p);
}

Result<Json> ApprovePlan(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto p, s.ApproveTrainingPlan(id));
  return PlanJson(p);
}

Result<Json> AddSession(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::TrainingSessionRequest r;
  GANREG_ASSIGN_OR_RETURN(r.plan_id, BodyInt(body, "plan_id"));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.trainer, StringField(body, "trainer"));
  GANREG_ASSIGN_OR_RETURN(r.content, StringField(body, "content"));
  GANREG_ASSIGN_OR_RETURN(r.attendees, BodyList(body, "attendees"));
  GANREG_ASSIGN_OR_RETURN(r.contractors, BodyList(body, "contractors"));
  GANREG_ASSIGN_OR_RETURN(auto out, s.RecordTrainingSession(r));
  return SessionJson(out);
}

Result<Json> AddTest(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::TrainingTestRequest r;
  GANREG_ASSIGN_OR_RETURN(r.session_id, BodyInt(body, "session_id"));
  GANREG_ASSIGN_OR_RETURN(r.person, StringField(body, "person"));
  GANREG_ASSIGN_OR_RETURN(r.score, BodyInt(body, "score"));
  GANREG_ASSIGN_OR_RETURN(r.retest_of, BodyInt(body, "retest_of"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto out, s.RecordTrainingTest(r));
  return TestJson(out);
}

Json BriefingJson(const app::BriefingInfo& b) {
  return {{"id", b.id},     {"at", b.at},
          {"kind", b.kind}, {"person", b.person},
          {"date", b.date}, {"given_by", b.given_by},
          {"note", b.note}, {"recorded_by", b.recorded_by}};
}

Result<Json> Briefings(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListBriefings());
  return Json{{"briefings", JsonList(list, BriefingJson)}};
}

Result<Json> AddBriefing(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::BriefingRequest r;
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.person, StringField(body, "person"));
  GANREG_ASSIGN_OR_RETURN(r.given_by, StringField(body, "given_by"));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(auto b, s.RecordBriefing(r));
  return BriefingJson(b);
}

Result<Json> IdAuditAccounts(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.IdAuditAccounts());
  return Json{{"accounts", JsonList(list, [](const app::AccountCheck& a) {
                 return Json{{"name", a.name},
                             {"role", a.role},
                             {"state", a.state},
                             {"created_by", a.created_by},
                             {"instructed_by", a.instructed_by},
                             {"created_at", a.created_at},
                             {"password_changed_at", a.password_changed_at},
                             {"categories", a.categories},
                             {"last_pass", a.last_pass},
                             {"briefed", a.briefed}};
               })}};
}

Json IdAuditJson(const app::IdAuditInfo& a) {
  return {{"id", a.id},
          {"at", a.at},
          {"date", a.date},
          {"trigger", a.trigger},
          {"reviewer", a.reviewer},
          {"accounts", a.accounts},
          {"mismatches", a.mismatches},
          {"note", a.note},
          {"items", JsonList(a.items, [](const app::IdAuditItem& i) {
             return Json{{"account", i.account},
                         {"role", i.role},
                         {"state", i.state},
                         {"status", i.status},
                         {"note", i.note}};
           })}};
}

Result<Json> IdAudits(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListIdAudits());
  return Json{{"audits", JsonList(list, IdAuditJson)}};
}

// {"trigger": "april", "confirmed": [...], "mismatched": [{"account": …, "found": …}], "note"}
Result<Json> RecordIdAudit(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::IdAuditRequest r;
  GANREG_ASSIGN_OR_RETURN(std::string trigger, StringField(body, "trigger"));
  if (!trigger.empty()) r.trigger = trigger;
  GANREG_ASSIGN_OR_RETURN(r.confirmed, BodyList(body, "confirmed"));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  if (auto it = body.find("mismatched"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) {
      return Status::InvalidArgument("'mismatched' must be a list of {account, found}");
    }
    for (const auto& m : *it) {
      if (!m.is_object()) {
        return Status::InvalidArgument("'mismatched' must be a list of {account, found}");
      }
      GANREG_ASSIGN_OR_RETURN(std::string account, StringField(m, "account"));
      GANREG_ASSIGN_OR_RETURN(std::string found, StringField(m, "found"));
      r.mismatched.emplace_back(std::move(account), std::move(found));
    }
  }
  GANREG_ASSIGN_OR_RETURN(auto a, s.RecordIdAudit(r));
  return IdAuditJson(a);
}

// ---- incidents ----

Json StepJson(const app::IncidentStepView& st) {
  return {{"id", st.id},           {"at", st.at},
          {"step", st.step},       {"label", st.label},
          {"done_at", st.done_at}, {"recorded_by", st.recorded_by},
          {"note", st.note},       {"to", st.to}};
}

Json IncidentJson(const app::IncidentView& v) {
  return {{"id", v.id},
          {"at", v.at},
          {"reported_by", v.reported_by},
          {"occurred", v.occurred},
          {"kind", v.kind},
          {"summary", v.summary},
          {"law", v.law},
          {"steps", JsonList(v.steps, StepJson)},
          {"missing", v.missing}};
}

Result<Json> Incidents(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListIncidents());
  return Json{{"incidents", JsonList(list, IncidentJson)}};
}

Result<Json> Incident(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto v, s.ShowIncident(id));
  return IncidentJson(v);
}

Result<Json> ReportIncident(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::IncidentRequest r;
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.occurred, StringField(body, "occurred"));
  GANREG_ASSIGN_OR_RETURN(r.summary, StringField(body, "summary"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.ReportIncident(r));
  return IncidentJson(v);
}

Result<Json> IncidentStep(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::IncidentStepRequest r;
  GANREG_ASSIGN_OR_RETURN(r.incident_id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(r.step, StringField(body, "step"));
  GANREG_ASSIGN_OR_RETURN(r.done_at, StringField(body, "done_at"));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(r.to, StringField(body, "to"));
  GANREG_ASSIGN_OR_RETURN(auto step, s.RecordIncidentStep(r));
  return StepJson(step);
}

Json NetworkJson(const app::ContactNetworkView& n) {
  return {{"id", n.id},
          {"at", n.at},
          {"updated_on", n.updated_on},
          {"recorded_by", n.recorded_by},
          {"text", n.text}};
}

Result<Json> ContactNetwork(S s, R) {
  auto n = s.ShowContactNetwork();
  if (!n.ok() && n.status().code() == StatusCode::kNotFound) return Json{{"network", nullptr}};
  GANREG_RETURN_IF_ERROR(n.status());
  return Json{{"network", NetworkJson(*n)}};
}

Result<Json> SetContactNetwork(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string updated_on, StringField(body, "updated_on"));
  GANREG_ASSIGN_OR_RETURN(std::string text, StringField(body, "text"));
  GANREG_ASSIGN_OR_RETURN(auto n, s.SetContactNetwork(updated_on, text));
  return Json{{"network", NetworkJson(n)}};
}

// ---- rooms and keys ----

Json KeyboxJson(const app::KeyboxEntry& k) {
  return {{"id", k.id},           {"at", k.at},     {"date", k.date},
          {"action", k.action},   {"by", k.by},     {"expected", k.expected},
          {"counted", k.counted}, {"note", k.note}, {"keys_missing", k.keys_missing}};
}

Result<Json> Keybox(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListKeybox());
  return Json{{"entries", JsonList(list, KeyboxJson)}};
}

Result<Json> RecordKeybox(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::KeyboxRequest r;
  GANREG_ASSIGN_OR_RETURN(r.action, StringField(body, "action"));
  GANREG_ASSIGN_OR_RETURN(r.expected, BodyInt(body, "expected"));
  GANREG_ASSIGN_OR_RETURN(r.counted, BodyInt(body, "counted"));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(auto k, s.RecordKeybox(r));
  return KeyboxJson(k);
}

Json VisitJson(const app::VisitView& v) {
  return {{"id", v.id},
          {"at", v.at},
          {"date", v.date},
          {"time_in", v.time_in},
          {"time_out", v.time_out},
          {"name", v.name},
          {"affiliation", v.affiliation},
          {"purpose", v.purpose},
          {"sealed", v.sealed},
          {"pledge", v.pledge},
          {"approved_by", v.approved_by},
          {"escort", v.escort},
          {"recorded_by", v.recorded_by},
          {"corrects", v.corrects},
          {"corrected_by", v.corrected_by}};
}

Result<Json> Visits(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(std::string month, QueryText(req, "month"));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListVisits(month));
  return Json{{"visits", JsonList(list, VisitJson)}};
}

Result<Json> RecordVisit(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::VisitRequest r;
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.time_in, StringField(body, "time_in"));
  GANREG_ASSIGN_OR_RETURN(r.name, StringField(body, "name"));
  GANREG_ASSIGN_OR_RETURN(r.affiliation, StringField(body, "affiliation"));
  GANREG_ASSIGN_OR_RETURN(r.purpose, StringField(body, "purpose"));
  GANREG_ASSIGN_OR_RETURN(r.pledge, BodyBool(body, "pledge"));
  GANREG_ASSIGN_OR_RETURN(r.approved_by, StringField(body, "approved_by"));
  GANREG_ASSIGN_OR_RETURN(r.escort, StringField(body, "escort"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.RecordVisit(r));
  return VisitJson(v);
}

Result<Json> RecordExit(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string time_out, StringField(body, "time_out"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.RecordExit(id, time_out));
  return VisitJson(v);
}

Json EntryCheckJson(const app::EntryCheckInfo& c) {
  return {{"month", c.month},
          {"at", c.at},
          {"checked_by", c.checked_by},
          {"entries", c.entries},
          {"note", c.note}};
}

Result<Json> EntryChecks(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListEntryChecks());
  return Json{{"checks", JsonList(list, EntryCheckJson)}};
}

Result<Json> CheckEntryLog(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string month, StringField(body, "month"));
  GANREG_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(auto c, s.CheckEntryLog(month, note));
  return EntryCheckJson(c);
}

Result<Json> Due(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.Due());
  return Json{
      {"due", JsonList(list, [](const app::DueEntry& d) {
         return Json{{"rule", d.rule}, {"what", d.what}, {"due", d.due}, {"overdue", d.overdue}};
       })}};
}

}  // namespace

std::vector<Route> OfficeRoutes() {
  return {
      {"GET", "/api/due", Due},
      {"GET", "/api/training", Training},
      {"POST", "/api/training/plans", AddPlan},
      {"POST", R"(/api/training/plans/(\d+)/approve)", ApprovePlan},
      {"POST", "/api/training/sessions", AddSession},
      {"POST", "/api/training/tests", AddTest},
      {"GET", "/api/briefings", Briefings},
      {"POST", "/api/briefings", AddBriefing},
      {"GET", "/api/id-audit/accounts", IdAuditAccounts},
      {"GET", "/api/id-audits", IdAudits},
      {"POST", "/api/id-audits", RecordIdAudit},
      {"GET", "/api/incidents", Incidents},
      {"POST", "/api/incidents", ReportIncident},
      {"GET", R"(/api/incidents/(\d+))", Incident},
      {"POST", R"(/api/incidents/(\d+)/steps)", IncidentStep},
      {"GET", "/api/contact-network", ContactNetwork},
      {"POST", "/api/contact-network", SetContactNetwork},
      {"GET", "/api/keybox", Keybox},
      {"POST", "/api/keybox", RecordKeybox},
      {"GET", "/api/entry-log", Visits},
      {"POST", "/api/entry-log", RecordVisit},
      {"POST", R"(/api/entry-log/(\d+)/exit)", RecordExit},
      {"GET", "/api/entry-log/checks", EntryChecks},
      {"POST", "/api/entry-log/checks", CheckEntryLog},
  };
}

}  // namespace ganreg::web::internal
