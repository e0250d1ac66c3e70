// The ledgers' routes (docs/openapi.yaml): the September self-assessment (S-CHK-1) with its
// HTML report, the inquiry book (S-INQ-1..6) with its call-back numbers, portable media
// (S-STO-2), disposals (S-STO-4, S-STO-5), the take-out and return register (STO-3), the
// maintenance record (S-SYS-6), the acquisition register (S-ACQ-2, S-ACQ-4), definition updates
// (S-SYS-4) and how a hand-over entry travelled (S-ACQ-5, S-TRN-1, S-TRN-5). Each route is one
// use case of the one door.
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "web/api_util.h"

namespace ganreg::web::internal {

namespace {

using R = const httplib::Request&;
using S = app::Session&;

// ---- the self-assessment ----

Json AssessmentJson(const app::AssessmentView& v) {
  return {{"year", v.year},
          {"started_at", v.started_at},
          {"started_by", v.started_by},
          {"evaluated_at", v.evaluated_at},
          {"signed_at", v.signed_at},
          {"signed_by", v.signed_by},
          {"met", v.met},
          {"not_met", v.not_met},
          {"not_applicable", v.not_applicable},
          {"unanswered", v.unanswered},
          {"items", JsonList(v.items, [](const app::AssessmentItemView& i) {
             return Json{
                 {"no", i.no},           {"section", i.section},   {"text_ja", i.text_ja},
                 {"text_en", i.text_en}, {"rules", i.rules},       {"from_records", i.from_records},
                 {"finding", i.finding}, {"evidence", i.evidence}, {"answer", i.answer},
                 {"note", i.note},       {"action", i.action},     {"answered_by", i.answered_by},
                 {"result", i.result}};
           })}};
}

Result<Json> ShowAssessment(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t year, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto v, s.ShowSelfAssessment(year));
  return AssessmentJson(v);
}

Result<Json> StartAssessment(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(int64_t year, BodyInt(body, "year"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.StartSelfAssessment(year));
  return AssessmentJson(v);
}

Result<Json> AnswerAssessment(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::AssessmentAnswerRequest r;
  GANREG_ASSIGN_OR_RETURN(r.year, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(r.item, StringField(body, "item"));
  GANREG_ASSIGN_OR_RETURN(r.status, StringField(body, "status"));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(r.action, StringField(body, "action"));
  GANREG_RETURN_IF_ERROR(s.AnswerSelfAssessment(r));
  return Json{{"ok", true}};
}

Result<Json> SignAssessment(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t year, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(auto v, s.SignSelfAssessment(year, note));
  return AssessmentJson(v);
}

// The report as the CLI writes it (one self-contained page), through a private folder that is
// removed at once; answered as text/html (Route::html).
Result<Json> AssessmentReport(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t year, PathNumber(req, 1));
  std::string tmpl = (std::filesystem::temp_directory_path() / "ganreg-report-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return Status::Unavailable("no private folder for the report could be made");
  }
  const std::filesystem::path dir = tmpl, out = dir / "report.html";
  auto written = s.WriteSelfAssessmentReport(year, out);
  std::string html;
  if (written.ok()) {
    std::ifstream in(out, std::ios::binary);
    html.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  GANREG_RETURN_IF_ERROR(written.status());
  return Json{{"html", std::move(html)}};
}

// ---- registers ----

Json TakeoutJson(const app::TakeoutView& t) {
  return {{"id", t.id},
          {"at", t.at},
          {"date", t.date},
          {"time_out", t.time_out},
          {"taken_by", t.taken_by},
          {"kind", t.kind},
          {"quantity", t.quantity},
          {"approved_by", t.approved_by},
          {"due_back", t.due_back},
          {"what", t.what},
          {"reason", t.reason},
          {"sealed", t.sealed},
          {"corrects", t.corrects},
          {"corrected_by", t.corrected_by},
          {"returned", t.returned},
          {"returned_date", t.returned_date},
          {"returned_time", t.returned_time},
          {"returned_by", t.returned_by},
          {"return_note", t.return_note},
          {"returned_count", t.returned_count},
          {"missing", t.missing},
          {"overdue", t.overdue}};
}

Result<Json> Takeouts(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListTakeouts());
  return Json{{"takeouts", JsonList(list, TakeoutJson)}};
}

Result<Json> RecordTakeout(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::TakeoutRequest r;
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.what, StringField(body, "what"));
  GANREG_ASSIGN_OR_RETURN(r.reason, StringField(body, "reason"));
  GANREG_ASSIGN_OR_RETURN(r.quantity, BodyInt(body, "quantity"));
  GANREG_ASSIGN_OR_RETURN(r.taken_by, StringField(body, "taken_by"));
  GANREG_ASSIGN_OR_RETURN(r.approved_by, StringField(body, "approved_by"));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.time_out, StringField(body, "time_out"));
  GANREG_ASSIGN_OR_RETURN(r.due_back, StringField(body, "due_back"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto t, s.RecordTakeout(r));
  return TakeoutJson(t);
}

Result<Json> ReturnTakeout(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::TakeoutReturnRequest r;
  GANREG_ASSIGN_OR_RETURN(r.takeout_id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.time_in, StringField(body, "time_in"));
  GANREG_ASSIGN_OR_RETURN(r.returned_count, BodyInt(body, "returned_count", -1));
  GANREG_ASSIGN_OR_RETURN(r.note, StringField(body, "note"));
  GANREG_ASSIGN_OR_RETURN(auto t, s.RecordTakeoutReturn(r));
  return TakeoutJson(t);
}

Json MaintenanceJson(const app::MaintenanceView& m) {
  return {{"id", m.id},
          {"at", m.at},
          {"date", m.date},
          {"time_from", m.time_from},
          {"time_to", m.time_to},
          {"worker_kind", m.worker_kind},
          {"worker", m.worker},
          {"affiliation", m.affiliation},
          {"work", m.work},
          {"result", m.result},
          {"approved_by", m.approved_by},
          {"witness", m.witness},
          {"recorded_by", m.recorded_by},
          {"nda", m.nda},
          {"sealed", m.sealed},
          {"corrects", m.corrects},
          {"corrected_by", m.corrected_by}};
}

Result<Json> Maintenance(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListMaintenance());
  return Json{{"maintenance", JsonList(list, MaintenanceJson)}};
}

Result<Json> RecordMaintenance(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::MaintenanceRequest r;
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.time_from, StringField(body, "time_from"));
  GANREG_ASSIGN_OR_RETURN(r.time_to, StringField(body, "time_to"));
  GANREG_ASSIGN_OR_RETURN(r.worker_kind, StringField(body, "worker_kind"));
  GANREG_ASSIGN_OR_RETURN(r.worker, StringField(body, "worker"));
  GANREG_ASSIGN_OR_RETURN(r.affiliation, StringField(body, "affiliation"));
  GANREG_ASSIGN_OR_RETURN(r.work, StringField(body, "work"));
  GANREG_ASSIGN_OR_RETURN(r.result, StringField(body, "result"));
  GANREG_ASSIGN_OR_RETURN(r.approved_by, StringField(body, "approved_by"));
  GANREG_ASSIGN_OR_RETURN(r.witness, StringField(body, "witness"));
  GANREG_ASSIGN_OR_RETURN(r.nda, BodyBool(body, "nda"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto m, s.RecordMaintenance(r));
  return MaintenanceJson(m);
}

Json AcquisitionJson(const app::AcquisitionView& a) {
  return {{"id", a.id},
          {"at", a.at},
          {"date", a.date},
          {"kind", a.kind},
          {"kind_label", a.kind_label},
          {"medium", a.medium},
          {"route", a.route},
          {"source", a.source},
          {"count", a.count},
          {"tracking", a.tracking},
          {"carriers", a.carriers},
          {"storage", a.storage},
          {"received_by", a.received_by},
          {"corrects", a.corrects},
          {"corrected_by", a.corrected_by},
          {"handover_id", a.handover_id},
          {"disposal_id", a.disposal_id}};
}

Result<Json> Acquisitions(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(std::string kind, QueryText(req, "kind"));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListAcquisitions(kind));
  return Json{{"acquisitions", JsonList(list, AcquisitionJson)}};
}

Result<Json> RecordAcquisition(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::AcquisitionRequest r;
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.medium, StringField(body, "medium"));
  GANREG_ASSIGN_OR_RETURN(r.route, StringField(body, "route"));
  GANREG_ASSIGN_OR_RETURN(r.source, StringField(body, "source"));
  GANREG_ASSIGN_OR_RETURN(r.count, BodyInt(body, "count"));
  GANREG_ASSIGN_OR_RETURN(r.tracking, StringField(body, "tracking"));
  GANREG_ASSIGN_OR_RETURN(r.carriers, BodyList(body, "carriers"));
  GANREG_ASSIGN_OR_RETURN(r.storage, StringField(body, "storage"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto a, s.RecordAcquisition(r));
  return AcquisitionJson(a);
}

Json DefinitionJson(const app::DefinitionView& d) {
  return {{"id", d.id},
          {"at", d.at},
          {"kind", d.kind},
          {"code", d.code},
          {"change", d.change},
          {"changed_on", d.changed_on},
          {"applied_on", d.applied_on},
          {"source", d.source},
          {"description", d.description},
          {"recorded_by", d.recorded_by},
          {"corrects", d.corrects},
          {"corrected_by", d.corrected_by},
          {"partner_registered", d.partner_registered}};
}

Result<Json> Definitions(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListDefinitionUpdates());
  return Json{{"definitions", JsonList(list, DefinitionJson)}};
}

Result<Json> RecordDefinition(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::DefinitionRequest r;
  GANREG_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(r.code, StringField(body, "code"));
  GANREG_ASSIGN_OR_RETURN(r.change, StringField(body, "change"));
  GANREG_ASSIGN_OR_RETURN(r.changed_on, StringField(body, "changed_on"));
  GANREG_ASSIGN_OR_RETURN(r.applied_on, StringField(body, "applied_on"));
  GANREG_ASSIGN_OR_RETURN(r.source, StringField(body, "source"));
  GANREG_ASSIGN_OR_RETURN(r.description, StringField(body, "description"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto d, s.RecordDefinitionUpdate(r));
  return DefinitionJson(d);
}

// How a hand-over book entry travelled, added once.
Result<Json> HandoverDelivery(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::HandoverDeliveryRequest r;
  GANREG_ASSIGN_OR_RETURN(r.entry, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(r.method, StringField(body, "method"));
  GANREG_ASSIGN_OR_RETURN(r.tracking, StringField(body, "tracking"));
  GANREG_ASSIGN_OR_RETURN(r.unused_medium, BodyBool(body, "unused_medium"));
  GANREG_ASSIGN_OR_RETURN(r.carriers, BodyList(body, "carriers"));
  GANREG_ASSIGN_OR_RETURN(r.opened_in_room, BodyBool(body, "opened_in_room"));
  GANREG_ASSIGN_OR_RETURN(auto e, s.RecordHandoverDelivery(r));
  return HandoverEntryJson(e);
}

// ---- the inquiry book (S-INQ-1..6), portable media (S-STO-2), disposals (S-STO-4, S-STO-5) ----

Json InquiryJson(const app::InquiryView& q) {
  return {{"id", q.id},
          {"at", q.at},
          {"handled_by", q.handled_by},
          {"group", q.group},
          {"channel", q.channel},
          {"direction", q.direction},
          {"personal", q.personal},
          {"escalated", q.escalated},
          {"counterpart", q.counterpart},
          {"content", q.content},
          {"verified_facts", q.verified_facts},
          {"condition", q.condition},
          {"urgent", q.urgent},
          {"cases", q.cases},
          {"test_fax_staff", q.test_fax_staff},
          {"may_answer", q.may_answer},
          {"answers", JsonList(q.answers,
                               [](const app::InquiryAnswerView& a) {
                                 return Json{{"id", a.id},
                                             {"at", a.at},
                                             {"handled_by", a.handled_by},
                                             {"text", a.text},
                                             {"callback_to", a.callback_to},
                                             {"verified_facts", a.verified_facts},
                                             {"corrects", a.corrects},
                                             {"corrected_by", a.corrected_by}};
                               })},
          {"corrects", q.corrects},
          {"corrected_by", q.corrected_by}};
}

Result<Json> Inquiry(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto q, s.ShowInquiry(id));
  return InquiryJson(q);
}

Result<Json> RecordInquiry(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::InquiryRequest r;
  GANREG_ASSIGN_OR_RETURN(r.group, StringField(body, "group"));
  GANREG_ASSIGN_OR_RETURN(r.channel, StringField(body, "channel"));
  GANREG_ASSIGN_OR_RETURN(r.counterpart, StringField(body, "counterpart"));
  GANREG_ASSIGN_OR_RETURN(r.content, StringField(body, "content"));
  GANREG_ASSIGN_OR_RETURN(r.personal, BodyBool(body, "personal"));
  GANREG_ASSIGN_OR_RETURN(r.verified_facts, StringField(body, "verified_facts"));
  GANREG_ASSIGN_OR_RETURN(r.escalated, BodyBool(body, "escalated"));
  GANREG_ASSIGN_OR_RETURN(r.outbound, BodyBool(body, "outbound"));
  GANREG_ASSIGN_OR_RETURN(r.condition, StringField(body, "condition"));
  GANREG_ASSIGN_OR_RETURN(r.urgent, BodyBool(body, "urgent"));
  GANREG_ASSIGN_OR_RETURN(r.cases, BodyInt(body, "cases"));
  GANREG_ASSIGN_OR_RETURN(r.test_fax_staff, BodyList(body, "test_fax_staff"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(auto q, s.RecordInquiry(r));
  return Json{{"id", q.id}, {"may_answer", q.may_answer}};
}

Result<Json> AnswerInquiry(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::InquiryAnswerRequest r;
  GANREG_ASSIGN_OR_RETURN(r.inquiry_id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(r.answer, StringField(body, "answer"));
  GANREG_ASSIGN_OR_RETURN(r.callback_to, StringField(body, "callback_to"));
  GANREG_ASSIGN_OR_RETURN(r.verified_facts, StringField(body, "verified_facts"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(int64_t id, s.AnswerInquiry(r));
  return Json{{"id", id}};
}

Json ContactJson(const app::InquiryContact& c) {
  return {{"id", c.id},       {"body", c.body},         {"phone", c.phone},
          {"group", c.group}, {"added_at", c.added_at}, {"added_by", c.added_by}};
}

Result<Json> InquiryContacts(S s, R) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListInquiryContacts());
  return Json{{"contacts", JsonList(list, ContactJson)}};
}

Result<Json> AddInquiryContact(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string name, StringField(body, "body"));
  GANREG_ASSIGN_OR_RETURN(std::string phone, StringField(body, "phone"));
  GANREG_ASSIGN_OR_RETURN(std::string group, StringField(body, "group"));
  GANREG_ASSIGN_OR_RETURN(auto c, s.AddInquiryContact(name, phone, group));
  return ContactJson(c);
}

Result<Json> AddMedium(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string id, StringField(body, "id"));
  GANREG_ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind"));
  GANREG_ASSIGN_OR_RETURN(std::string received, StringField(body, "received"));
  GANREG_ASSIGN_OR_RETURN(auto m, s.AddMedium(id, kind, received));
  return Json{{"id", m.id},
              {"kind", m.kind},
              {"received", m.received},
              {"disposed", m.disposed},
              {"added_at", m.added_at},
              {"added_by", m.added_by}};
}

Result<Json> RecordDisposal(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::DisposalRequest r;
  GANREG_ASSIGN_OR_RETURN(r.item, StringField(body, "item"));
  GANREG_ASSIGN_OR_RETURN(r.medium_id, StringField(body, "medium_id"));
  GANREG_ASSIGN_OR_RETURN(r.method, StringField(body, "method"));
  GANREG_ASSIGN_OR_RETURN(r.strip_width_mm, BodyDouble(body, "strip_width_mm"));
  GANREG_ASSIGN_OR_RETURN(r.particle_mm2, BodyDouble(body, "particle_mm2"));
  GANREG_ASSIGN_OR_RETURN(r.combined_with, StringField(body, "combined_with"));
  GANREG_ASSIGN_OR_RETURN(r.place, StringField(body, "place"));
  GANREG_ASSIGN_OR_RETURN(r.witnesses, BodyList(body, "witnesses"));
  GANREG_ASSIGN_OR_RETURN(r.date, StringField(body, "date"));
  GANREG_ASSIGN_OR_RETURN(r.corrects, BodyInt(body, "corrects"));
  GANREG_ASSIGN_OR_RETURN(r.time, StringField(body, "time"));
  GANREG_ASSIGN_OR_RETURN(r.approved_by, StringField(body, "approved_by"));  // STO-P4
  GANREG_ASSIGN_OR_RETURN(r.contract, StringField(body, "contract"));        // S-STO-5
  GANREG_ASSIGN_OR_RETURN(r.certificate, StringField(body, "certificate"));
  GANREG_ASSIGN_OR_RETURN(r.acquisition, BodyInt(body, "acquisition"));  // F-7
  GANREG_ASSIGN_OR_RETURN(auto d, s.RecordDisposal(r));
  return DisposalJson(d);
}

}  // namespace

Json DisposalJson(const app::DisposalEntry& d) {
  return {{"id", d.id},
          {"date", d.date},
          {"time", d.time},
          {"recorded_by", d.recorded_by},
          {"item", d.item},
          {"medium_id", d.medium_id},
          {"method", d.method},
          {"place", d.place},
          {"witnesses", d.witnesses},
          {"approved_by", d.approved_by},
          {"contract", d.contract},
          {"contractor", d.contractor},
          {"clause_checked_by", d.clause_checked_by},
          {"certificate", d.certificate},
          {"acquisition", d.acquisition},
          {"corrects", d.corrects},
          {"corrected_by", d.corrected_by}};
}

Json HandoverEntryJson(const app::HandoverEntry& e) {
  return {{"id", e.id},
          {"at", e.at},
          {"direction", e.direction},
          {"handled_by", e.handled_by},
          {"counterpart", e.counterpart},
          {"recipient", e.recipient},
          {"summary", e.summary},
          {"medium", e.medium},
          {"file_id", e.file_id},
          {"has_delivery", e.has_delivery},
          {"method", e.method},
          {"tracking", e.tracking},
          {"carriers", e.carriers},
          {"unused_medium", e.unused_medium},
          {"opened_in_room", e.opened_in_room}};
}

void SendHtmlPage(httplib::Response& res, const std::string& html) {
  // The CSP allows exactly the page's own style elements, by their SHA-256 (no 'unsafe-inline').
  std::string styles;
  for (size_t at = 0; (at = html.find("<style>", at)) != std::string::npos;) {
    at += 7;
    const size_t end = html.find("</style>", at);
    if (end == std::string::npos) break;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(html.data() + at), end - at, digest);
    unsigned char b64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
    const int n = EVP_EncodeBlock(b64, digest, SHA256_DIGEST_LENGTH);
    styles += fmt::format(" 'sha256-{}'", std::string_view(reinterpret_cast<char*>(b64), n));
    at = end;
  }
  res.headers.erase("Content-Security-Policy");
  res.set_header("Content-Security-Policy",
                 fmt::format("default-src 'none'; style-src{}; img-src data:; form-action 'none'; "
                             "frame-ancestors 'none'; base-uri 'none'",
                             styles.empty() ? " 'none'" : styles));
  res.status = 200;
  res.set_content(html, "text/html; charset=utf-8");
}

std::vector<Route> LedgerRoutes() {
  std::vector<Route> routes = {
      {"POST", "/api/self-assessment", StartAssessment},
      {"GET", R"(/api/self-assessment/(\d+))", ShowAssessment},
      {"POST", R"(/api/self-assessment/(\d+)/answer)", AnswerAssessment},
      {"POST", R"(/api/self-assessment/(\d+)/sign)", SignAssessment},
      {"GET", R"(/api/self-assessment/(\d+)/report)", AssessmentReport},
      {"GET", "/api/takeouts", Takeouts},
      {"POST", "/api/takeouts", RecordTakeout},
      {"POST", R"(/api/takeouts/(\d+)/return)", ReturnTakeout},
      {"GET", "/api/maintenance", Maintenance},
      {"POST", "/api/maintenance", RecordMaintenance},
      {"GET", "/api/acquisitions", Acquisitions},
      {"POST", "/api/acquisitions", RecordAcquisition},
      {"GET", "/api/definitions", Definitions},
      {"POST", "/api/definitions", RecordDefinition},
      {"POST", R"(/api/handover/(\d+)/delivery)", HandoverDelivery},
      {"POST", "/api/inquiries", RecordInquiry},
      {"GET", R"(/api/inquiries/(\d+))", Inquiry},
      {"POST", R"(/api/inquiries/(\d+)/answer)", AnswerInquiry},
      {"GET", "/api/inquiry-contacts", InquiryContacts},
      {"POST", "/api/inquiry-contacts", AddInquiryContact},
      {"POST", "/api/media", AddMedium},
      {"POST", "/api/disposals", RecordDisposal},
  };
  for (auto& r : routes) r.html = r.pattern.ends_with("/report");
  return routes;
}

}  // namespace ganreg::web::internal
