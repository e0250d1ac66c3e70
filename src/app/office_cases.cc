// Use cases of the office ledgers, second slice (issue #4): incidents with their reporting chain
// and the emergency contact network (S-INC-1, S-INC-2), the key box (S-STO-1, S-ENT-1), the
// entry/exit log with its monthly check (S-ENT-1, PHY-2), and what is due. Texts that may hold
// personal information are sealed under the ledgers category (docs/formats/store-schema.md);
// the rules are ledger/'s pure functions.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "crypto/crypto.h"
#include "ledger/disposal.h"
#include "access/password_policy.h"
#include "ledger/due.h"
#include "ledger/incident.h"
#include "ledger/people.h"
#include "ledger/rooms.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace internal {

Result<store::SealedPart> SealLedgerPart(store::Database& db, std::string_view plaintext,
                                         std::string_view ad) {
  GANREG_ASSIGN_OR_RETURN(auto cat,
                          db.CurrentCategoryKey(model::CategoryId(model::Category::kLedgers)));
  crypto::SecretBytes key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  store::SealedPart part;
  part.category_version = cat.version;
  part.sealed_key = crypto::SealTo(cat.public_key, key.span());
  part.ciphertext = crypto::Encrypt(key, plaintext, ad);
  return part;
}

Result<crypto::SecretBytes> OpenLedgerPart(store::Database& db, const crypto::SecretBytes& ck,
                                           const store::SealedPart& part, std::string_view ad) {
  GANREG_ASSIGN_OR_RETURN(auto cat,
                          db.CurrentCategoryKey(model::CategoryId(model::Category::kLedgers)));
  if (cat.version != part.category_version) {
    return Status::Unavailable(
        "an entry is sealed under an older ledgers key; key rotation is not supported yet");
  }
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                          crypto::OpenSealed(cat.public_key, ck, part.sealed_key));
  return crypto::Decrypt(key, part.ciphertext, ad);
}

std::string JapanLocalTime(int64_t seconds) {
  return FormatUtc(seconds + 9 * 3600).substr(0, 16);
}

}  // namespace internal

namespace {

constexpr model::Category kBook = model::Category::kLedgers;

// Associated data: the row's table, id and every clear field the rules read, so that a clear
// field changed in the file makes the sealed part fail to open.
std::string IncidentAd(const store::IncidentRecord& r) {
  return fmt::format("ganreg.incident.v1/{}/{}/{}/{}", r.id, r.occurred, r.kind, r.reported_by);
}
std::string StepAd(const store::IncidentStepRecord& r) {
  return fmt::format("ganreg.incident-step.v1/{}/{}/{}/{}", r.id, r.incident_id, r.step,
                     r.done_at);
}
std::string NetworkAd(const store::ContactNetworkRecord& r) {
  return fmt::format("ganreg.contact-network.v1/{}/{}", r.id, r.updated_on);
}
std::string EntryAd(const store::EntryRecord& r) {
  return fmt::format("ganreg.entry-log.v1/{}/{}/{}/{}/{}/{}/{}", r.id, r.date, r.time_in,
                     r.pledge ? 1 : 0, r.approved_by, r.escort, r.corrects);
}

Result<nlohmann::json> OpenJson(store::Database& db, const crypto::SecretBytes& ck,
                                const store::SealedPart& part, const std::string& ad,
                                std::string_view what) {
  GANREG_ASSIGN_OR_RETURN(auto plain, internal::OpenLedgerPart(db, ck, part, ad));
  auto j = nlohmann::json::parse(plain.view(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::DataLoss(fmt::format("{}: an entry cannot be read", what));
  }
  return j;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<IncidentView> IncidentOf(store::Database& db, const crypto::SecretBytes& ck,
                                const store::IncidentRecord& r) {
  IncidentView v;
  v.id = r.id;
  v.at = r.at;
  v.reported_by = r.reported_by;
  v.occurred = r.occurred;
  v.kind = r.kind;
  GANREG_ASSIGN_OR_RETURN(auto j, OpenJson(db, ck, r.sealed, IncidentAd(r), "incidents"));
  v.summary = Str(j, "summary");
  if (auto k = ledger::ParseIncidentKind(r.kind)) v.law = std::string(ledger::ApplicableLaw(*k));
  GANREG_ASSIGN_OR_RETURN(auto steps, db.StepsOf(r.id));
  std::vector<ledger::StepDone> done;
  for (const auto& s : steps) {
    GANREG_ASSIGN_OR_RETURN(auto sj, OpenJson(db, ck, s.sealed, StepAd(s), "incidents"));
    auto step = ledger::ParseStep(s.step);
    v.steps.push_back({s.id, s.at, s.step,
                       step ? std::string(ledger::StepLabel(*step)) : s.step, s.done_at,
                       s.recorded_by, Str(sj, "note"), Str(sj, "to")});
    if (step) done.push_back({*step, s.done_at});
  }
  for (auto m : ledger::MissingSteps(done)) v.missing.emplace_back(ledger::StepId(m));
  return v;
}

}  // namespace

// ---------------------------------------------------------------- incidents

Result<IncidentView> Session::ReportIncident(const IncidentRequest& req) {
  return Run<IncidentView>(Action::kIncidentReport, "incident",
                           [&](Work& w) -> Result<IncidentView> {
    auto kind = ledger::ParseIncidentKind(req.kind);
    if (!kind) {
      return Status::InvalidArgument(fmt::format(
          "種類は leak, loss, unauthorised-access, system-fault, other / unknown kind '{}'",
          req.kind));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    if (!ledger::ParseLocalTime(req.occurred)) {
      return Status::InvalidArgument(fmt::format(
          "発生日時は YYYY-MM-DDTHH:MM / the time it occurred is YYYY-MM-DDTHH:MM, not '{}'",
          req.occurred));
    }
    if (req.occurred > internal::JapanLocalTime(now)) {
      return Status::InvalidArgument("発生日時が未来です / the time it occurred is in the future");
    }
    if (req.summary.empty()) {
      return Status::InvalidArgument("事故の概要が必要です / say what happened (--summary)");
    }
    store::IncidentRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextSealedId(store::Database::SealedTable::kIncidents));
    r.at = now;
    r.reported_by = actor_.name;
    r.occurred = req.occurred;
    r.kind = req.kind;
    nlohmann::json j = {{"summary", req.summary}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), IncidentAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertIncident(r));
    w.object = fmt::format("incident:{}", r.id);
    w.detail = fmt::format("kind={} occurred={}", r.kind, r.occurred);  // the account is sealed
    IncidentView v;
    v.id = r.id;
    v.at = r.at;
    v.reported_by = r.reported_by;
    v.occurred = r.occurred;
    v.kind = r.kind;
    v.summary = req.summary;
    v.law = std::string(ledger::ApplicableLaw(*kind));
    for (auto m : ledger::RequiredSteps()) v.missing.emplace_back(ledger::StepId(m));
    return v;
  });
}

Result<IncidentStepView> Session::RecordIncidentStep(const IncidentStepRequest& req) {
  return Run<IncidentStepView>(Action::kIncidentStep, fmt::format("incident:{}", req.incident_id),
                               [&](Work& w) -> Result<IncidentStepView> {
    auto step = ledger::ParseStep(req.step);
    if (!step) {
      return Status::InvalidArgument(fmt::format(
          "手順は reported-to-head, contained, cause, prevention, head-to-governor, head-to-ncc, "
          "governor-to-ministry, notified, note / unknown step '{}'", req.step));
    }
    GANREG_ASSIGN_OR_RETURN(auto incident, db_.FindIncident(req.incident_id));
    if (!incident) {
      return Status::NotFound(fmt::format("事故#{}はありません / no incident #{}",
                                          req.incident_id, req.incident_id));
    }
    // S-INC-1: the head reports to the governor and to the NCC.
    if ((*step == ledger::Step::kHeadToGovernor || *step == ledger::Step::kHeadToNcc) &&
        actor_.role != model::Role::kHead) {
      return Status::FailedPrecondition(fmt::format(
          "S-INC-1: {}は登録室責任者が行い記録する / the head makes and records '{}'",
          ledger::StepLabel(*step), req.step));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    const std::string now_local = internal::JapanLocalTime(now);
    const std::string done_at = req.done_at.empty() ? now_local : req.done_at;
    GANREG_ASSIGN_OR_RETURN(auto steps, db_.StepsOf(incident->id));
    std::vector<ledger::StepDone> done;
    for (const auto& s : steps) {
      if (auto st = ledger::ParseStep(s.step)) done.push_back({*st, s.done_at});
    }
    GANREG_RETURN_IF_ERROR(ledger::CheckStep(*step, done_at, incident->occurred, done, now_local,
                                             req.note, req.to));
    store::IncidentStepRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id,
                            db_.NextSealedId(store::Database::SealedTable::kIncidentSteps));
    r.incident_id = incident->id;
    r.at = now;
    r.step = req.step;
    r.done_at = done_at;
    r.recorded_by = actor_.name;
    nlohmann::json j = {{"note", req.note}, {"to", req.to}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), StepAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertIncidentStep(r));
    w.detail = fmt::format("step={} done_at={}", r.step, r.done_at);
    return IncidentStepView{r.id,        r.at,     r.step, std::string(ledger::StepLabel(*step)),
                            r.done_at,   r.recorded_by, req.note, req.to};
  });
}

Result<std::vector<IncidentView>> Session::ListIncidents() {
  return Run<std::vector<IncidentView>>(Action::kIncidentList, "ledger:incidents",
                                        [&](Work& w) -> Result<std::vector<IncidentView>> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListIncidents());
    std::vector<IncidentView> out;
    for (const auto& r : rows) {
      GANREG_ASSIGN_OR_RETURN(auto v, IncidentOf(db_, *ck, r));
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<IncidentView> Session::ShowIncident(int64_t id) {
  return Run<IncidentView>(Action::kIncidentList, fmt::format("incident:{}", id),
                           [&](Work&) -> Result<IncidentView> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto r, db_.FindIncident(id));
    if (!r) return Status::NotFound(fmt::format("事故#{}はありません / no incident #{}", id, id));
    return IncidentOf(db_, *ck, *r);
  });
}

Result<ContactNetworkView> Session::SetContactNetwork(std::string_view updated_on,
                                                      std::string_view text) {
  return Run<ContactNetworkView>(Action::kContactNetworkSet, "contact-network",
                                 [&](Work& w) -> Result<ContactNetworkView> {
    auto d = ledger::ParseDate(updated_on);
    const int64_t now = registry_.clock_->NowSeconds();
    if (!d || *d > JapanDate(now)) {
      return Status::InvalidArgument(fmt::format(
          "作成・更新日は今日までの YYYY-MM-DD / the update date is YYYY-MM-DD, not in the "
          "future (S-INC-2), not '{}'", updated_on));
    }
    if (text.empty()) return Status::InvalidArgument("連絡網が空です / the network is empty");
    store::ContactNetworkRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id,
                            db_.NextSealedId(store::Database::SealedTable::kContactNetworks));
    r.at = now;
    r.updated_on = ledger::FormatDate(*d);
    r.recorded_by = actor_.name;
    nlohmann::json j = {{"text", std::string(text)}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), NetworkAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertContactNetwork(r));
    w.object = fmt::format("contact-network:{}", r.id);
    w.detail = fmt::format("updated_on={}", r.updated_on);
    return ContactNetworkView{r.id, r.at, r.updated_on, r.recorded_by, std::string(text)};
  });
}

Result<ContactNetworkView> Session::ShowContactNetwork() {
  return Run<ContactNetworkView>(Action::kContactNetworkShow, "contact-network",
                                 [&](Work&) -> Result<ContactNetworkView> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto r, db_.LatestContactNetwork());
    if (!r) {
      return Status::NotFound("緊急連絡網は未登録 / no emergency contact network recorded (S-INC-2)");
    }
    GANREG_ASSIGN_OR_RETURN(auto j, OpenJson(db_, *ck, r->sealed, NetworkAd(*r), "network"));
    return ContactNetworkView{r->id, r->at, r->updated_on, r->recorded_by, Str(j, "text")};
  });
}

// ---------------------------------------------------------------- key box

namespace {
KeyboxEntry KeyboxOf(const store::KeyboxRecord& r) {
  return {r.id,       r.at,      r.date, r.action, r.by_user, r.expected,
          r.counted,  r.note,    r.action == "count" && r.counted < r.expected};
}
// The box's state from its log: open after an "open" not followed by a "lock".
bool BoxOpen(const std::vector<store::KeyboxRecord>& log) {
  bool open = false;
  for (const auto& e : log) {
    if (e.action == "open") open = true;
    if (e.action == "lock") open = false;
  }
  return open;
}
}  // namespace

Result<KeyboxEntry> Session::RecordKeybox(const KeyboxRequest& req) {
  return Run<KeyboxEntry>(Action::kKeyboxRecord, "keybox", [&](Work& w) -> Result<KeyboxEntry> {
    auto action = ledger::ParseKeyboxAction(req.action);
    if (!action) {
      return Status::InvalidArgument(
          fmt::format("open, lock, count のいずれか / the action is open, lock or count, not '{}'",
                      req.action));
    }
    GANREG_ASSIGN_OR_RETURN(auto log, db_.ListKeybox());
    GANREG_RETURN_IF_ERROR(ledger::CheckKeybox(*action, BoxOpen(log), req.expected, req.counted));
    const int64_t now = registry_.clock_->NowSeconds();
    store::KeyboxRecord r{0,           now, ledger::FormatDate(JapanDate(now)), req.action,
                          actor_.name, *action == ledger::KeyboxAction::kCount ? req.expected : 0,
                          *action == ledger::KeyboxAction::kCount ? req.counted : 0, req.note};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertKeybox(r));
    w.object = fmt::format("keybox:{}", r.id);
    w.detail = fmt::format("action={} expected={} counted={}", r.action, r.expected, r.counted);
    return KeyboxOf(r);
  });
}

Result<std::vector<KeyboxEntry>> Session::ListKeybox() {
  return Run<std::vector<KeyboxEntry>>(Action::kKeyboxList, "ledger:keybox",
                                       [&](Work& w) -> Result<std::vector<KeyboxEntry>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListKeybox());
    std::vector<KeyboxEntry> out;
    for (const auto& r : rows) out.push_back(KeyboxOf(r));
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- entry/exit log

Result<VisitView> Session::RecordVisit(const VisitRequest& req) {
  return Run<VisitView>(Action::kEntryRecord, "entry-log", [&](Work& w) -> Result<VisitView> {
    const int64_t now = registry_.clock_->NowSeconds();
    int32_t date = JapanDate(now);
    if (!req.date.empty()) {
      auto d = ledger::ParseDate(req.date);
      if (!d || *d > date) {
        return Status::InvalidArgument(fmt::format(
            "日付は今日までの YYYY-MM-DD / the date is YYYY-MM-DD, not in the future, not '{}'",
            req.date));
      }
      date = *d;
    }
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<std::string> approvers, staff;
    for (const auto& u : users) {
      if (u.disabled_at != 0) continue;
      staff.push_back(u.name);
      if (u.role == "head" || u.role == "task-lead") approvers.push_back(u.name);
    }
    ledger::Visit v{req.name,    req.affiliation, req.purpose, req.time_in,
                    req.pledge,  req.approved_by, req.escort};
    GANREG_RETURN_IF_ERROR(ledger::CheckVisit(v, approvers, staff));
    GANREG_ASSIGN_OR_RETURN(auto all, db_.ListEntries());
    if (req.corrects != 0) {
      auto old = std::find_if(all.begin(), all.end(),
                              [&](const auto& e) { return e.id == req.corrects; });
      if (old == all.end()) {
        return Status::NotFound(fmt::format("訂正対象の記録#{}がありません / no entry #{} to "
                                            "correct", req.corrects, req.corrects));
      }
      for (const auto& e : all) {
        if (e.corrects == req.corrects) {
          return Status::FailedPrecondition(fmt::format(
              "記録#{}は#{}で訂正済み / entry #{} was corrected already by #{}: correct that "
              "one", req.corrects, e.id, req.corrects, e.id));
        }
      }
    }
    store::EntryRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextSealedId(store::Database::SealedTable::kEntryLog));
    r.at = now;
    r.date = ledger::FormatDate(date);
    r.time_in = req.time_in;
    r.pledge = req.pledge;
    r.approved_by = req.approved_by;
    r.escort = req.escort;
    r.recorded_by = actor_.name;
    r.corrects = req.corrects;
    nlohmann::json j = {
        {"name", req.name}, {"affiliation", req.affiliation}, {"purpose", req.purpose}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), EntryAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertEntry(r));
    w.object = fmt::format("entry:{}", r.id);
    w.detail = fmt::format("date={} approved_by={} escort={} corrects={}", r.date, r.approved_by,
                           r.escort, r.corrects);  // the visitor's name is sealed
    VisitView out;
    out.id = r.id;
    out.at = r.at;
    out.date = r.date;
    out.time_in = r.time_in;
    out.name = req.name;
    out.affiliation = req.affiliation;
    out.purpose = req.purpose;
    out.pledge = r.pledge;
    out.approved_by = r.approved_by;
    out.escort = r.escort;
    out.recorded_by = r.recorded_by;
    out.corrects = r.corrects;
    return out;
  });
}

Result<VisitView> Session::RecordExit(int64_t entry_id, std::string_view time_out) {
  return Run<VisitView>(Action::kEntryRecord, fmt::format("entry:{}", entry_id),
                        [&](Work& w) -> Result<VisitView> {
    GANREG_ASSIGN_OR_RETURN(auto e, db_.FindEntry(entry_id));
    if (!e) return Status::NotFound(fmt::format("記録#{}はありません / no entry #{}", entry_id, entry_id));
    if (!ledger::ParseClock(time_out)) {
      return Status::InvalidArgument(
          fmt::format("退室時刻は HH:MM / the time out is HH:MM, not '{}'", time_out));
    }
    if (std::string(time_out) < e->time_in) {
      return Status::InvalidArgument(fmt::format(
          "退室時刻が入室時刻（{}）より前 / the time out is before the time in ({})", e->time_in,
          e->time_in));
    }
    Status s = db_.InsertEntryExit(entry_id, registry_.clock_->NowSeconds(), time_out,
                                   actor_.name);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::FailedPrecondition(fmt::format(
          "記録#{}の退室は記録済み / the exit of entry #{} is recorded already", entry_id,
          entry_id));
    }
    GANREG_RETURN_IF_ERROR(s);
    w.detail = fmt::format("time_out={}", time_out);
    VisitView v;
    v.id = e->id;
    v.date = e->date;
    v.time_in = e->time_in;
    v.time_out = std::string(time_out);
    v.sealed = true;
    return v;
  });
}

Result<std::vector<VisitView>> Session::ListVisits(std::string_view month) {
  return Run<std::vector<VisitView>>(Action::kEntryList, "ledger:entry-log",
                                     [&](Work& w) -> Result<std::vector<VisitView>> {
    if (!month.empty() && !ledger::ParseMonth(month)) {
      return Status::InvalidArgument(
          fmt::format("月は YYYY-MM / the month is YYYY-MM, not '{}'", month));
    }
    // Without the ledgers grant the log is still listed (dates, approvals, escorts) with the
    // visitors' names withheld: the monthly check and `due` need no names.
    auto ck = CategoryKey(kBook);
    if (!ck.ok() && ck.status().code() != StatusCode::kPermissionDenied) return ck.status();
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListEntries());
    std::map<int64_t, int64_t> corrected_by;
    for (const auto& r : rows) {
      if (r.corrects != 0) corrected_by[r.corrects] = r.id;
    }
    std::vector<VisitView> out;
    for (const auto& r : rows) {
      if (!month.empty() && r.date.compare(0, 7, month) != 0) continue;
      VisitView v;
      v.id = r.id;
      v.at = r.at;
      v.date = r.date;
      v.time_in = r.time_in;
      v.time_out = r.time_out;
      v.pledge = r.pledge;
      v.approved_by = r.approved_by;
      v.escort = r.escort;
      v.recorded_by = r.recorded_by;
      v.corrects = r.corrects;
      if (auto it = corrected_by.find(r.id); it != corrected_by.end()) v.corrected_by = it->second;
      if (ck.ok()) {
        GANREG_ASSIGN_OR_RETURN(auto j, OpenJson(db_, **ck, r.sealed, EntryAd(r), "entry log"));
        v.name = Str(j, "name");
        v.affiliation = Str(j, "affiliation");
        v.purpose = Str(j, "purpose");
      } else {
        v.sealed = true;
      }
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("month={} entries={} names={}", month.empty() ? "all" : month,
                           out.size(), ck.ok() ? "shown" : "withheld");
    return out;
  });
}

Result<EntryCheckInfo> Session::CheckEntryLog(std::string_view month, std::string_view note) {
  return Run<EntryCheckInfo>(Action::kEntryCheck, fmt::format("entry-log:{}", month),
                             [&](Work& w) -> Result<EntryCheckInfo> {
    if (!ledger::ParseMonth(month)) {
      return Status::InvalidArgument(
          fmt::format("月は YYYY-MM / the month is YYYY-MM, not '{}'", month));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    const std::string this_month = ledger::FormatDate(JapanDate(now)).substr(0, 7);
    if (std::string(month) > this_month) {
      return Status::InvalidArgument("まだ来ていない月です / that month is still to come");
    }
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListEntries());
    int64_t entries = 0;
    for (const auto& r : rows) {
      if (r.date.compare(0, 7, month) == 0) ++entries;
    }
    EntryCheckInfo info{std::string(month), now, actor_.name, entries, std::string(note)};
    Status s = db_.InsertEntryCheck({info.month, info.at, info.checked_by, info.entries,
                                     info.note});
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::FailedPrecondition(fmt::format(
          "{}は点検済み / the log of {} was checked already", month, month));
    }
    GANREG_RETURN_IF_ERROR(s);
    w.detail = fmt::format("entries={}", entries);
    return info;
  });
}

Result<std::vector<EntryCheckInfo>> Session::ListEntryChecks() {
  return Run<std::vector<EntryCheckInfo>>(Action::kEntryList, "ledger:entry-log-checks",
                                          [&](Work& w) -> Result<std::vector<EntryCheckInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListEntryChecks());
    std::vector<EntryCheckInfo> out;
    for (const auto& r : rows) out.push_back({r.month, r.at, r.checked_by, r.entries, r.note});
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- what is due

namespace internal {

std::string EntryLogAd(const store::EntryRecord& r) { return EntryAd(r); }

Result<ledger::DueFacts> GatherDueFacts(store::Database& db, int64_t now) {
  ledger::DueFacts f;
  f.today = JapanDate(now);
  GANREG_ASSIGN_OR_RETURN(auto tests, db.ListTrainingTests());
  std::vector<ledger::TestResult> results;
  for (const auto& t : tests) {
    results.push_back({t.id, t.person, ledger::ParseDate(t.date).value_or(0), t.passed,
                       t.corrects});
  }
  GANREG_ASSIGN_OR_RETURN(auto briefings, db.ListBriefings());
  auto briefed = [&](const std::string& name, const char* kind) {
    return std::any_of(briefings.begin(), briefings.end(),
                       [&](const auto& b) { return b.person == name && b.kind == kind; });
  };
  GANREG_ASSIGN_OR_RETURN(auto users, db.ListUsers());
  for (const auto& u : users) {
    const int32_t created = JapanDate(u.created_at);
    if (f.registry_created == 0 || created < f.registry_created) f.registry_created = created;
    f.last_personnel_change = std::max(f.last_personnel_change, created);
    if (u.disabled_at != 0) {
      f.last_personnel_change = std::max(f.last_personnel_change, JapanDate(u.disabled_at));
    }
    ledger::DueFacts::Account a;
    a.name = u.name;
    a.role = u.role;
    a.disabled = u.disabled_at != 0;
    a.password_expires = JapanDate(u.password_changed_at +
                                   access::kPasswordMaxAgeDays * internal::kSecondsPerDay);
    a.must_change = u.must_change_password;
    a.last_pass = ledger::LastPass(results, u.name);
    a.briefed_new = briefed(u.name, "new-staff");
    a.briefed_leaver = briefed(u.name, "leaver");
    f.accounts.push_back(std::move(a));
  }
  GANREG_ASSIGN_OR_RETURN(auto plans, db.ListTrainingPlans());
  for (const auto& p : plans) {
    if (!p.approved_by.empty()) f.approved_plan_years.push_back(p.fiscal_year);
  }
  GANREG_ASSIGN_OR_RETURN(auto audits, db.ListIdAudits());
  for (const auto& a : audits) {
    f.id_audit_dates.push_back(ledger::ParseDate(a.date).value_or(0));
  }
  GANREG_ASSIGN_OR_RETURN(auto entries, db.ListEntries());
  for (const auto& e : entries) {
    const std::string m = e.date.substr(0, 7);
    if (!f.first_entry_month || m < *f.first_entry_month) f.first_entry_month = m;
  }
  GANREG_ASSIGN_OR_RETURN(auto checks, db.ListEntryChecks());
  for (const auto& c : checks) f.checked_months.push_back(c.month);
  GANREG_ASSIGN_OR_RETURN(auto media, db.ListMedia());
  for (const auto& m : media) {
    f.media.push_back({m.id, ledger::ParseDate(m.received).value_or(0), !m.disposed.empty()});
  }
  GANREG_ASSIGN_OR_RETURN(auto incidents, db.ListIncidents());
  for (const auto& i : incidents) {
    GANREG_ASSIGN_OR_RETURN(auto steps, db.StepsOf(i.id));
    std::vector<ledger::StepDone> done;
    for (const auto& s : steps) {
      if (auto st = ledger::ParseStep(s.step)) done.push_back({*st, s.done_at});
    }
    auto missing = ledger::MissingSteps(done);
    if (missing.empty()) continue;
    ledger::DueFacts::OpenIncident oi{i.id, {}};
    for (auto m : missing) oi.missing_steps.emplace_back(ledger::StepId(m));
    f.incidents.push_back(std::move(oi));
  }
  GANREG_ASSIGN_OR_RETURN(auto keybox, db.ListKeybox());
  std::set<std::string> opened, counted;
  for (const auto& k : keybox) {
    if (k.action == "open") opened.insert(k.date);
    if (k.action == "count") counted.insert(k.date);
  }
  const std::string today = ledger::FormatDate(f.today);
  for (const auto& d : opened) {
    if (d < today && counted.count(d) == 0) {
      f.keybox_open_days_without_count.push_back(ledger::ParseDate(d).value_or(0));
    }
  }
  f.keybox_open_now = BoxOpen(keybox);
  GANREG_ASSIGN_OR_RETURN(auto network, db.LatestContactNetwork());
  f.has_contact_network = network.has_value();

  // Third slice (issue #4): hand-over entries on media or paper without delivery details,
  // signed self-assessments and take-outs still out.
  {
    GANREG_ASSIGN_OR_RETURN(auto book, db.ListHandover());
    GANREG_ASSIGN_OR_RETURN(auto deliveries, db.ListHandoverDeliveries());
    std::set<int64_t> with;
    for (const auto& d : deliveries) with.insert(d.handover_id);
    for (const auto& h : book) {
      if (h.medium != "online" && with.count(h.id) == 0) {
        f.untracked_handover.push_back({h.id, JapanDate(h.at)});
      }
    }
  }
  GANREG_ASSIGN_OR_RETURN(auto signoffs, db.ListSignOffs());
  for (const auto& so : signoffs) f.signed_assessment_years.push_back(so.year);
  GANREG_ASSIGN_OR_RETURN(auto takeouts, db.ListTakeouts());
  std::set<int64_t> corrected;
  for (const auto& t : takeouts) {
    if (t.corrects != 0) corrected.insert(t.corrects);
  }
  for (const auto& t : takeouts) {
    if (t.returned_count >= 0 || corrected.count(t.id) != 0) continue;
    f.open_takeouts.push_back({t.id, ledger::ParseDate(t.due_back).value_or(0)});
  }

  // Fourth slice (issue #4): revisions still owed to signed self-assessments (S-CHK-1), the
  // external audits (ORG-6) and acquisitions kept under a retention period (F-7, S-STO-3).
  GANREG_ASSIGN_OR_RETURN(f.signed_assessments, SignedAssessments(db));
  {
    GANREG_ASSIGN_OR_RETURN(auto external, db.ListExternalAudits());
    auto corrected_audits = CorrectedBy(external);
    for (const auto& a : external) {
      if (corrected_audits.count(a.id) != 0) continue;
      f.external_audits.push_back({a.id, ledger::ParseDate(a.date).value_or(0),
                                   ledger::ParseDate(a.reported_on).value_or(0), a.auditor});
    }
  }
  {
    GANREG_ASSIGN_OR_RETURN(auto rules, db.ListRetentionRules());
    std::map<std::pair<std::string, std::string>, int64_t> months;  // the latest row wins
    for (const auto& r : rules) months[{r.kind, r.medium}] = r.months;
    GANREG_ASSIGN_OR_RETURN(auto acquisitions, db.ListAcquisitions());
    GANREG_ASSIGN_OR_RETURN(auto disposed, db.ListAcquisitionDisposals());
    std::set<int64_t> gone;
    for (const auto& d : disposed) gone.insert(d.acquisition_id);
    auto corrected_acq = CorrectedBy(acquisitions);
    for (const auto& a : acquisitions) {
      auto it = months.find({a.kind, a.medium});
      if (it == months.end() || gone.count(a.id) != 0 || corrected_acq.count(a.id) != 0) continue;
      f.retained.push_back({a.id, a.kind, a.medium, ledger::ParseDate(a.date).value_or(0),
                            it->second});
    }
  }
  return f;
}

}  // namespace internal


Result<std::vector<DueEntry>> Session::Due() {
  return Run<std::vector<DueEntry>>(Action::kDue, "due",
                                    [&](Work& w) -> Result<std::vector<DueEntry>> {
    GANREG_ASSIGN_OR_RETURN(ledger::DueFacts f,
                            internal::GatherDueFacts(db_, registry_.clock_->NowSeconds()));
    std::vector<DueEntry> out;
    for (const auto& item : ledger::WhatIsDue(f)) {
      out.push_back({item.rule, item.what, ledger::FormatDate(item.due), item.overdue});
    }
    w.detail = fmt::format("items={}", out.size());
    return out;
  });
}

}  // namespace ganreg::app
