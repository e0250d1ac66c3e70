// The records' routes (docs/openapi.yaml): consolidated tumours and their quality checks, the
// death information forms, the death/person review queue and the DCN follow-back (issue #5).
// Each route is one use case of the one door; the keys it needs (clinical, identity) are the
// door's to check.
#include "model/death.h"
#include "model/notification.h"
#include "web/api_util.h"

namespace ganreg::web::internal {

namespace {

using R = const httplib::Request&;
using S = app::Session&;

// ---- tumours and quality checks ----

Json FlagJson(const app::TumourFlagView& f) {
  return {{"tumour_id", f.tumour_id},  {"check_id", f.check_id}, {"severity", f.severity},
          {"status", f.status},        {"message", f.message},   {"decided_by", f.decided_by},
          {"decided_at", f.decided_at}};
}

Result<Json> Tumours(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t person, QueryNumber(req, "person", 0, 0, int64_t{1} << 50));
  GANREG_ASSIGN_OR_RETURN(int64_t limit, QueryNumber(req, "limit", 50, 1, 1000));
  GANREG_ASSIGN_OR_RETURN(int64_t offset, QueryNumber(req, "offset", 0, 0, int64_t{1} << 40));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListTumours(person, limit, offset));
  return Json{{"tumours", JsonList(list,
                                   [](const app::TumourSummary& t) {
                                     return Json{{"tumour_id", t.tumour_id},
                                                 {"person_id", t.person_id},
                                                 {"primary_site", t.primary_site},
                                                 {"morphology", t.morphology},
                                                 {"diagnosis_date", t.diagnosis_date},
                                                 {"notifications", t.notifications},
                                                 {"open_flags", t.open_flags}};
                                   })},
              {"limit", limit},
              {"offset", offset}};
}

Result<Json> Tumour(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t id, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(auto v, s.ShowTumour(id));
  return Json{{"tumour_id", v.tumour_id},
              {"person_id", v.person_id},
              {"status", v.status},
              {"notifications", v.notifications},
              {"items", JsonList(v.items,
                                 [](const app::TumourItemView& i) {
                                   return Json{{"id", i.id},
                                               {"label", i.label},
                                               {"value", i.value},
                                               {"source_key_no", std::to_string(i.source_key_no)},
                                               {"source_hospital", i.source_hospital}};
                                 })},
              {"morphology", v.morphology},
              {"flags", JsonList(v.flags, FlagJson)},
              {"consolidated_at", v.consolidated_at},
              {"consolidated_by", v.consolidated_by},
              {"death_id", v.death_id},
              {"death_case", v.death_case}};
}

Result<Json> QcFlags(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t all, QueryNumber(req, "all", 0, 0, 1));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListQcFlags(all == 1));
  return Json{{"flags", JsonList(list, FlagJson)}};
}

// {"tumour_id": N, "check_id": "…"}
Result<Json> QcAccept(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(int64_t tumour, BodyInt(body, "tumour_id"));
  GANREG_ASSIGN_OR_RETURN(std::string check, StringField(body, "check_id"));
  GANREG_RETURN_IF_ERROR(s.AcceptQcFlag(tumour, check));
  return Json{{"ok", true}};
}

// ---- deaths, their review, the follow-back ----

Result<Json> Deaths(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t limit, QueryNumber(req, "limit", 50, 1, 1000));
  GANREG_ASSIGN_OR_RETURN(int64_t offset, QueryNumber(req, "offset", 0, 0, int64_t{1} << 40));
  GANREG_ASSIGN_OR_RETURN(auto list, s.ListDeaths(limit, offset));
  return Json{{"deaths", JsonList(list,
                                  [](const app::DeathSummary& d) {
                                    return Json{{"death_id", d.death_id},
                                                {"file_id", d.file_id},
                                                {"line", d.line},
                                                {"death_date", d.death_date},
                                                {"cause", d.cause},
                                                {"place_kind", d.place_kind},
                                                {"place_institution", d.place_institution},
                                                {"person_id", d.person_id},
                                                {"link_method", d.link_method},
                                                {"case_status", d.case_status}};
                                  })},
              {"limit", limit},
              {"offset", offset}};
}

Result<Json> DeathReviewNext(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t blind, QueryNumber(req, "blind", 0, 0, 1));
  GANREG_ASSIGN_OR_RETURN(auto item, s.DeathReviewNext(blind == 1));
  if (!item) return Json{{"pair", nullptr}};
  Json death = Json::object(), labels = Json::object();
  for (const auto& d : model::DeathItems()) {
    death[std::string(d.id)] = item->death[d.item];
    labels[std::string(d.id)] = d.label;
  }
  Json notification = Json::object();
  for (const auto& d : model::Items()) {
    notification[std::string(d.id)] = item->notification_row[d.item];
    labels.emplace(std::string(d.id), d.label);
  }
  Json contributions = Json::array();
  for (const auto& c : item->contributions) {
    contributions.push_back({{"field", c.field}, {"level", c.level}, {"weight", c.weight}});
  }
  return Json{{"pair",
               {{"id", item->pair_id},
                {"death_id", item->death_id},
                {"key_no", std::to_string(item->key_no)},
                {"person_id", item->person_id},
                {"death", death},
                {"hospital_code", item->notification.hospital_code},
                {"notification", notification},
                {"differing", item->differing},
                {"blind", item->blind},
                {"weight", item->weight},
                {"contributions", contributions},
                {"open_pairs", item->open_pairs}}},
              {"labels", labels}};
}

Result<Json> DeathReviewDecide(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t pair, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string decision, StringField(body, "decision"));
  GANREG_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  if (decision != "same" && decision != "different") {
    return Status::InvalidArgument("decision must be \"same\" or \"different\"");
  }
  GANREG_RETURN_IF_ERROR(s.DeathReviewDecide(pair, decision == "same", std::move(note)));
  return Json{{"ok", true}};
}

Result<Json> DeathReviewUndo(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t pair, PathNumber(req, 1));
  GANREG_RETURN_IF_ERROR(s.DeathReviewUndo(pair));
  return Json{{"ok", true}};
}

Result<Json> Followback(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(std::string hospital, QueryText(req, "hospital"));
  GANREG_ASSIGN_OR_RETURN(std::string status, QueryText(req, "status"));
  if (status == "all") status.clear();
  GANREG_ASSIGN_OR_RETURN(auto list, s.FollowbackList(hospital, status));
  return Json{{"cases", JsonList(list, [](const app::FollowbackEntry& f) {
                 return Json{{"death_id", f.death_id},   {"status", f.status},
                             {"hospital", f.hospital},   {"death_date", f.death_date},
                             {"cause", f.cause},         {"place_kind", f.place_kind},
                             {"opened_at", f.opened_at}, {"person_id", f.person_id},
                             {"closed_at", f.closed_at}, {"closed_by", f.closed_by}};
               })}};
}

// {"answer": "notified" | "dco", "note": …}
Result<Json> FollowbackAnswer(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t death, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  GANREG_ASSIGN_OR_RETURN(std::string answer, StringField(body, "answer"));
  GANREG_ASSIGN_OR_RETURN(std::string note, StringField(body, "note"));
  GANREG_RETURN_IF_ERROR(s.FollowbackAnswer(death, answer, std::move(note)));
  return Json{{"ok", true}};
}

}  // namespace

std::vector<Route> RecordRoutes() {
  return {
      {"GET", "/api/tumours", Tumours},
      {"GET", R"(/api/tumours/(\d+))", Tumour},
      {"GET", "/api/qc", QcFlags},
      {"POST", "/api/qc/accept", QcAccept},
      {"GET", "/api/deaths", Deaths},
      {"GET", "/api/death-review/next", DeathReviewNext},
      {"POST", R"(/api/death-review/(\d+)/decide)", DeathReviewDecide},
      {"POST", R"(/api/death-review/(\d+)/undo)", DeathReviewUndo},
      {"GET", "/api/followback", Followback},
      {"POST", R"(/api/followback/(\d+)/answer)", FollowbackAnswer},
  };
}

}  // namespace ganreg::web::internal
