// The JSON API under /api/ (docs/openapi.yaml): each route is one use case of the one door,
// its request read from the query or a small JSON body, its result written as JSON. Nothing
// here checks a permission itself — the door does, and records every refusal.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>

#include "model/notification.h"
#include "model/roles.h"
#include "web/internal.h"
#include "web/json_writer.h"

namespace ganreg::web::internal {

namespace {

// ---- reading requests ----

Result<int64_t> QueryInt(const httplib::Request& req, const char* name, int64_t fallback,
                         int64_t lo, int64_t hi) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n < lo || n > hi) {
    return Status::InvalidArgument(
        fmt::format("query parameter '{}' must be a whole number from {} to {}", name, lo, hi));
  }
  return n;
}

Result<int64_t> PathInt(const httplib::Request& req, size_t i) {
  const std::string v = req.matches[i].str();
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Status::InvalidArgument("the number in the address is out of range");
  }
  return n;
}

Result<bool> BoolField(const Json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end()) return false;
  if (!it->is_boolean()) {
    return Status::InvalidArgument(fmt::format("'{}' must be true or false", name));
  }
  return it->get<bool>();
}

// ---- writing results ----

Json ItemsJson(const model::NotificationRow& row, bool identity) {
  Json items = Json::object();
  for (const auto& d : model::Items()) {
    if (d.part == model::Part::kIdentity && !identity) continue;
    items[std::string(d.id)] = row[d.item];
  }
  return items;
}

Json SummaryJson(const app::NotificationSummary& s) {
  return {{"key_no", std::to_string(s.key_no)}, {"file_id", s.file_id},
          {"line", s.line},                     {"hospital_code", s.hospital_code},
          {"received_at", s.received_at},       {"primary_site", s.primary_site},
          {"morphology", s.morphology},         {"diagnosis_date", s.diagnosis_date}};
}

Json FileJson(const app::ReceivedFile& f) {
  return {{"id", f.id},
          {"display_name", f.display_name},
          {"hospital_code", f.hospital_code},
          {"medium", f.medium},
          {"encoding", f.encoding},
          {"received_at", f.received_at},
          {"received_by", f.received_by},
          {"status", f.status},
          {"reason", f.reason},
          {"rows_read", f.rows_read},
          {"rows_accepted", f.rows_accepted},
          {"rows_held", f.rows_held},
          {"bytes", f.bytes}};
}

Json UserJson(const app::UserInfo& u) {
  return {{"name", u.name},
          {"role", model::RoleId(u.role)},
          {"custodian", u.custodian},
          {"disabled", u.disabled},
          {"locked", u.locked},
          {"password_expired", u.password_expired},
          {"password_changed_at", u.password_changed_at},
          {"created_by", u.created_by},
          {"instructed_by", u.instructed_by},
          {"categories", u.categories}};
}

Json IntakeJson(const app::IntakeResult& r) {
  Json out{{"file_id", r.file_id},
           {"duplicate", r.duplicate},
           {"rejected", r.rejected},
           {"reason", r.reason},
           {"encoding", r.encoding},
           {"rows_read", r.rows_read},
           {"rows_accepted", r.rows_accepted},
           {"rows_held", r.rows_held},
           {"issue_count", r.issue_count},
           {"issues", r.issues}};
  if (!r.package_id.empty()) {
    out["package_id"] = r.package_id;
    out["sender"] = r.sender;
    out["receipt"] = r.receipt.filename().string();
  }
  return out;
}

Json SideJson(const app::ReviewSide& s) {
  return {{"key_no", std::to_string(s.key_no)},
          {"person_id", s.person_id},
          {"summary", SummaryJson(s.summary)},
          {"items", ItemsJson(s.row, true)}};
}

template <class T, class F>
Json ListJson(const std::vector<T>& v, F&& one) {
  Json a = Json::array();
  for (const auto& x : v) a.push_back(one(x));
  return a;
}

Json Ok() { return Json{{"ok", true}}; }

// ---- the routes ----

Result<Json> Dashboard(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto d, s.ShowDashboard());
  return Json{{"user", d.user},
              {"role", d.role},
              {"custodian", d.custodian},
              {"categories", d.categories},
              {"must_change_password", d.must_change_password},
              {"password_expires_at", d.password_expires_at},
              {"password_days_left", d.password_days_left},
              {"recovery_key_not_moved", d.recovery_key_not_moved},
              {"notifications", d.notifications},
              {"held_rows", d.held_rows},
              {"files_with_held_rows", d.files_with_held_rows},
              {"review_open", d.review_open},
              {"recent_files", ListJson(d.recent_files, FileJson)}};
}

Result<Json> Files(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 100, 1, 1000));
  GANREG_ASSIGN_OR_RETURN(auto files, s.ListFiles(limit));
  return Json{{"files", ListJson(files, FileJson)}};
}

Result<Json> FileReport(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathInt(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto r, s.FileReport(id));
  return Json{{"file_id", r.file_id},       {"display_name", r.display_name},
              {"hospital_code", r.hospital_code}, {"status", r.status},
              {"reason", r.reason},         {"rows_read", r.rows_read},
              {"rows_accepted", r.rows_accepted}, {"rows_held", r.rows_held},
              {"issues", r.issues}};
}

// SummaryJson's members, written without a document tree (the list is the busiest answer).
void WriteSummary(JsonWriter& w, const app::NotificationSummary& s) {
  w.BeginObject();
  w.Key("key_no");
  char digits[24];  // as a string: key numbers reach 2^63, beyond a browser's exact integers
  const char* end = std::to_chars(digits, digits + sizeof digits, s.key_no).ptr;
  w.String(std::string_view(digits, static_cast<size_t>(end - digits)));
  w.Key("file_id");
  w.Int(s.file_id);
  w.Key("line");
  w.Int(s.line);
  w.Key("hospital_code");
  w.String(s.hospital_code);
  w.Key("received_at");
  w.Int(s.received_at);
  w.Key("primary_site");
  w.String(s.primary_site);
  w.Key("morphology");
  w.String(s.morphology);
  w.Key("diagnosis_date");
  w.String(s.diagnosis_date);
  w.EndObject();
}

Result<std::function<std::string()>> Notifications(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 50, 1, 1000));
  GANREG_ASSIGN_OR_RETURN(int64_t offset, QueryInt(req, "offset", 0, 0, int64_t{1} << 40));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListNotifications(limit, offset));
  return std::function<std::string()>([list = std::move(list), limit, offset] {
    JsonWriter w(64 + list.size() * 200);
    w.BeginObject();
    w.Key("notifications");
    w.BeginArray();
    for (const auto& n : list) WriteSummary(w, n);
    w.EndArray();
    w.Key("limit");
    w.Int(limit);
    w.Key("offset");
    w.Int(offset);
    w.EndObject();
    return std::move(w).Take();
  });
}

Result<Json> Notification(app::Session& s, const httplib::Request& req, bool identity) {
  GANREG_ASSIGN_OR_RETURN(int64_t key, PathInt(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto v, s.ShowNotification(key, identity));
  return Json{{"summary", SummaryJson(v.summary)},
              {"has_identity", v.has_identity},
              {"items", ItemsJson(v.row, v.has_identity)}};
}

Result<Json> Link(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto r, s.Link());
  return Json{{"notifications", r.notifications}, {"persons", r.persons},
              {"new_persons", r.new_persons},     {"auto_links", r.auto_links},
              {"refused_links", r.refused_links}, {"review_new", r.review_new},
              {"review_open", r.review_open},     {"relinked", r.relinked},
              {"estimated", r.estimated}};
}

Result<Json> ReviewNext(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t blind, QueryInt(req, "blind", 0, 0, 1));
  GANREG_ASSIGN_OR_RETURN(auto item, s.ReviewNext(blind == 1));
  if (!item) return Json{{"pair", nullptr}};
  Json differing = Json::array();
  for (auto i : item->differing) differing.push_back(model::Def(i).id);
  Json contributions = Json::array();
  for (const auto& c : item->contributions) {
    contributions.push_back({{"field", c.field}, {"level", c.level}, {"weight", c.weight}});
  }
  Json labels = Json::object();
  for (const auto& d : model::Items()) labels[std::string(d.id)] = d.label;
  return Json{{"pair",
               {{"id", item->pair_id},
                {"a", SideJson(item->a)},
                {"b", SideJson(item->b)},
                {"differing", differing},
                {"blind", item->blind},
                {"weight", item->weight},
                {"contributions", contributions},
                {"open_pairs", item->open_pairs}}},
              {"labels", labels}};
}

Result<Json> ReviewDecide(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t pair, PathInt(req, 1));
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string decision, StringField(body, "decision"));
  GANREG_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  if (decision != "same" && decision != "different") {
    return Status::InvalidArgument("decision must be \"same\" or \"different\"");
  }
  GANREG_RETURN_IF_ERROR(s.ReviewDecide(pair, decision == "same", std::move(note)));
  return Ok();
}

Result<Json> ReviewUndo(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t pair, PathInt(req, 1));
  GANREG_RETURN_IF_ERROR(s.ReviewUndo(pair));
  return Ok();
}

Result<Json> Handover(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto book, s.HandoverBook());
  return Json{{"entries", ListJson(book, HandoverEntryJson)}};
}

Result<Json> Users(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto users, s.ListUsers());
  Json categories = Json::array();
  for (auto c : {model::Category::kNotificationIdentity, model::Category::kNotificationClinical,
                 model::Category::kLedgers, model::Category::kInbound}) {
    categories.push_back(model::CategoryId(c));
  }
  return Json{{"users", ListJson(users, UserJson)}, {"categories", categories}};
}

Result<Json> AddUser(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::AddUserRequest r;
  GANREG_ASSIGN_OR_RETURN(r.name, StringField(body, "name"));
  GANREG_ASSIGN_OR_RETURN(std::string role, StringField(body, "role"));
  GANREG_ASSIGN_OR_RETURN(r.initial_password, StringField(body, "initial_password"));
  GANREG_ASSIGN_OR_RETURN(r.instructed_by, StringField(body, "instructed_by"));
  GANREG_ASSIGN_OR_RETURN(r.system_lead, BoolField(body, "system_lead"));
  auto parsed = model::ParseRole(role);
  if (!parsed) return Status::InvalidArgument(fmt::format("unknown role '{}'", role.substr(0, 40)));
  r.role = *parsed;
  GANREG_ASSIGN_OR_RETURN(auto u, s.AddUser(r));
  return UserJson(u);
}

// grant, revoke: {"user": …, "category": …}; disable: {"user": …}. Login ids travel in the
// body, not the address.
Result<Json> UserChange(app::Session& s, const httplib::Request& req, std::string_view what) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string user, StringField(body, "user"));
  if (what == "disable") {
    GANREG_RETURN_IF_ERROR(s.DisableUser(user));
    return Ok();
  }
  GANREG_ASSIGN_OR_RETURN(std::string category, StringField(body, "category"));
  GANREG_RETURN_IF_ERROR(what == "grant" ? s.Grant(user, category) : s.Revoke(user, category));
  return Ok();
}

Result<Json> ChangePassword(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string old_password, StringField(body, "old_password"));
  GANREG_ASSIGN_OR_RETURN(std::string new_password, StringField(body, "new_password"));
  GANREG_RETURN_IF_ERROR(s.ChangePassword(old_password, new_password));
  return Json{{"ok", true}, {"password_expires_at", s.password_expires_at()}};
}

Result<Json> Partners(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListPartners());
  return Json{{"partners", ListJson(list, [](const app::PartnerInfo& p) {
                 return Json{{"code", p.code},
                             {"name", p.name},
                             {"fingerprint", p.fingerprint},
                             {"registered_at", p.registered_at},
                             {"registered_by", p.registered_by},
                             {"revoked", p.revoked}};
               })}};
}

Result<Json> Inquiries(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListInquiries());
  return Json{{"inquiries", ListJson(list, [](const app::InquiryView& q) {
                 return Json{{"id", q.id},
                             {"at", q.at},
                             {"handled_by", q.handled_by},
                             {"group", q.group},
                             {"channel", q.channel},
                             {"direction", q.direction},
                             {"personal", q.personal},
                             {"counterpart", q.counterpart},
                             {"content", q.content},
                             {"may_answer", q.may_answer},
                             {"answers", q.answers.size()},
                             {"corrects", q.corrects},
                             {"corrected_by", q.corrected_by}};
               })}};
}

Result<Json> Media(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListMedia());
  return Json{{"media", ListJson(list, [](const app::MediumInfo& m) {
                 return Json{{"id", m.id},           {"kind", m.kind},
                             {"received", m.received}, {"disposed", m.disposed},
                             {"added_at", m.added_at}, {"added_by", m.added_by}};
               })}};
}

Result<Json> Disposals(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListDisposals());
  return Json{{"disposals", ListJson(list, DisposalJson)}};
}

Result<Json> AuditEvents(app::Session& s, const httplib::Request& req) {
  GANREG_ASSIGN_OR_RETURN(int64_t before, QueryInt(req, "before", 0, 0, int64_t{1} << 62));
  GANREG_ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", 100, 1, 1000));
  GANREG_ASSIGN_OR_RETURN(auto events, s.ListAuditEvents(before, limit));
  return Json{{"events", ListJson(events, [](const app::AuditEventView& e) {
                 return Json{{"seq", e.seq},       {"time", e.time},     {"actor", e.actor},
                             {"role", e.role},     {"action", e.action}, {"object", e.object},
                             {"outcome", e.outcome}, {"detail", e.detail}};
               })}};
}

Result<Json> AuditVerify(app::Session& s, const httplib::Request&) {
  GANREG_ASSIGN_OR_RETURN(auto r, s.VerifyAudit({}));
  return Json{{"ok", r.intact},
              {"events", r.events},
              {"checkpoints", r.checkpoints},
              {"first_bad_seq", r.first_bad_seq},
              {"problem", r.problem}};
}

}  // namespace

Result<Json> ParseBody(const httplib::Request& req) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return Status::InvalidArgument("send the request body as application/json");
  }
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return Status::InvalidArgument("the request body is not valid JSON (or not UTF-8)");
  }
  if (!body.is_object()) return Status::InvalidArgument("the request body must be a JSON object");
  return body;
}

Result<std::string> StringField(const Json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Status::InvalidArgument(fmt::format("'{}' must be a string", name));
  return it->get<std::string>();
}

Status CheckUploadName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") {
    return Status::InvalidArgument("the uploaded file needs a plain file name");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
      return Status::InvalidArgument(
          "the uploaded file's name must not hold a path or control characters");
    }
  }
  return Status::Ok();
}

Json IntakeResultJson(const app::IntakeResult& result) { return IntakeJson(result); }

Result<Json> TakeInUpload(app::Session& session, const Upload& up,
                          const std::filesystem::path& receipts) {
  const std::string medium = up.medium.empty() ? "online" : up.medium;
  char magic[8] = {};
  {
    std::ifstream in(up.file, std::ios::binary);
    in.read(magic, sizeof magic);
    if (in.gcount() == sizeof magic && std::string_view(magic, 8) == "GNRGXFER") {
      std::error_code ec;
      std::filesystem::create_directories(receipts, ec);
      // The package under its own name, for the hand-over book and the receipt's name.
      const std::filesystem::path named = up.file.parent_path() / (up.file.filename().string() +
                                                                   "-" + up.filename);
      std::filesystem::rename(up.file, named, ec);
      if (ec) return Status::Unavailable("the upload could not be stored");
      app::IntakePackageRequest r;
      r.files = {named};
      r.medium = medium;
      r.receipt_out = receipts / (up.filename + ".receipt");
      for (int i = 2; std::filesystem::exists(r.receipt_out, ec); ++i) {
        r.receipt_out = receipts / fmt::format("{}.{}.receipt", up.filename, i);
      }
      auto result = session.IntakePackage(r);
      std::filesystem::rename(named, up.file, ec);
      GANREG_RETURN_IF_ERROR(result.status());
      return IntakeJson(*result);
    }
  }
  app::IntakeRequest r;
  r.file = up.file;
  r.hospital_code = up.hospital_code;
  r.medium = medium;
  if (!up.encoding.empty()) r.encoding = up.encoding;
  r.display_name = up.filename;
  GANREG_ASSIGN_OR_RETURN(auto result, session.Intake(r));
  return IntakeJson(result);
}

std::vector<Route> ApiRoutes() {
  using R = const httplib::Request&;
  using S = app::Session&;
  std::vector<Route> routes = {
      {"GET", "/api/dashboard", Dashboard},
      {"GET", "/api/files", Files},
      {"GET", R"(/api/files/(\d+))", FileReport},
      {"GET", "/api/notifications", nullptr, Notifications},
      {"GET", R"(/api/notifications/(\d+))", [](S s, R r) { return Notification(s, r, false); }},
      {"GET", R"(/api/notifications/(\d+)/identity)",
       [](S s, R r) { return Notification(s, r, true); }},
      {"POST", "/api/link", Link},
      {"GET", "/api/review/next", ReviewNext},
      {"POST", R"(/api/review/(\d+)/decide)", ReviewDecide},
      {"POST", R"(/api/review/(\d+)/undo)", ReviewUndo},
      {"GET", "/api/handover", Handover},
      {"GET", "/api/users", Users},
      {"POST", "/api/users", AddUser},
      {"POST", "/api/users/grant", [](S s, R r) { return UserChange(s, r, "grant"); }},
      {"POST", "/api/users/revoke", [](S s, R r) { return UserChange(s, r, "revoke"); }},
      {"POST", "/api/users/disable", [](S s, R r) { return UserChange(s, r, "disable"); }},
      {"POST", "/api/password", ChangePassword},
      {"GET", "/api/partners", Partners},
      {"GET", "/api/inquiries", Inquiries},
      {"GET", "/api/media", Media},
      {"GET", "/api/disposals", Disposals},
      {"GET", "/api/audit", AuditEvents},
      {"POST", "/api/audit/verify", AuditVerify},
  };
  for (auto group : {OfficeRoutes, LedgerRoutes, RecordRoutes, RegisterRoutes, PrintRoutes}) {
    for (auto& r : group()) routes.push_back(std::move(r));
  }
  return routes;
}

}  // namespace ganreg::web::internal
