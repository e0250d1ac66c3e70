// Use cases of the third slice's registers (issue #4): the take-out and return register (STO-3,
// checklist Nos. 58-59), the maintenance record (S-SYS-6), the acquisition register (S-ACQ-2,
// S-ACQ-4), the definition updates (S-SYS-4), and printable ledgers. Rules are ledger/'s pure
// functions; what may be personal information is sealed under the ledgers category.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "core/files.h"
#include "ledger/disposal.h"
#include "ledger/registers.h"
#include "ledger/rooms.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace internal {
// Associated data: the row's table, id and the clear fields the rules read.
std::string TakeoutAd(const store::TakeoutRecord& r) {
  return fmt::format("ganreg.takeout.v1/{}/{}/{}/{}/{}/{}/{}/{}", r.id, r.date, r.time_out,
                     r.taken_by, r.kind, r.quantity, r.approved_by, r.corrects);
}
std::string MaintenanceAd(const store::MaintenanceRecord& r) {
  return fmt::format("ganreg.maintenance.v1/{}/{}/{}/{}/{}/{}/{}", r.id, r.date, r.worker_kind,
                     r.approved_by, r.witness, r.nda ? 1 : 0, r.corrects);
}
}  // namespace internal

namespace {

constexpr model::Category kBook = model::Category::kLedgers;

using internal::MaintenanceAd;
using internal::TakeoutAd;

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
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

// A date option: "" → today (Japan); else YYYY-MM-DD not in the future.
Result<int32_t> DateOrToday(std::string_view date, int64_t now, std::string_view what) {
  const int32_t today = JapanDate(now);
  if (date.empty()) return today;
  auto d = ledger::ParseDate(date);
  if (!d || *d > today) {
    return Status::InvalidArgument(fmt::format(
        "{}は今日までの YYYY-MM-DD / the {} is YYYY-MM-DD, not in the future, not '{}'", what, what,
        date));
  }
  return *d;
}

struct People {
  std::vector<std::string> approvers, staff;
};
Result<People> ActivePeople(store::Database& db) {
  GANREG_ASSIGN_OR_RETURN(auto users, db.ListUsers());
  People p;
  for (const auto& u : users) {
    if (u.disabled_at != 0) continue;
    p.staff.push_back(u.name);
    if (u.role == "head" || u.role == "task-lead") p.approvers.push_back(u.name);
  }
  return p;
}

using internal::CheckCorrects;
using internal::CorrectedBy;

TakeoutView TakeoutOf(const store::TakeoutRecord& r, int32_t today) {
  TakeoutView v;
  v.id = r.id;
  v.at = r.at;
  v.date = r.date;
  v.time_out = r.time_out;
  v.taken_by = r.taken_by;
  v.kind = r.kind;
  v.quantity = r.quantity;
  v.approved_by = r.approved_by;
  v.due_back = r.due_back;
  v.corrects = r.corrects;
  v.returned = r.returned_count >= 0;
  v.returned_date = r.returned_date;
  v.returned_time = r.returned_time;
  v.returned_by = r.returned_by;
  v.return_note = r.return_note;
  v.returned_count = v.returned ? r.returned_count : 0;
  v.missing = v.returned && r.returned_count < r.quantity;
  v.overdue = !v.returned && ledger::ParseDate(r.due_back).value_or(0) < today;
  return v;
}

}  // namespace

// ---------------------------------------------------------------- take-out register

Result<TakeoutView> Session::RecordTakeout(const TakeoutRequest& req) {
  return Run<TakeoutView>(Action::kTakeoutRecord, "takeout", [&](Work& w) -> Result<TakeoutView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now, "持出し日 date"));
    int32_t due_back = date;
    if (!req.due_back.empty()) {
      auto d = ledger::ParseDate(req.due_back);
      if (!d) {
        return Status::InvalidArgument(fmt::format(
            "返却予定日は YYYY-MM-DD / the date due back is YYYY-MM-DD, not '{}'", req.due_back));
      }
      due_back = *d;
    }
    GANREG_ASSIGN_OR_RETURN(People people, ActivePeople(db_));
    ledger::Takeout t{req.kind,     req.what,        req.reason, req.quantity,
                      req.taken_by.empty() ? actor_.name : req.taken_by,
                      req.approved_by, date,        due_back,   req.time_out};
    GANREG_RETURN_IF_ERROR(ledger::CheckTakeout(t, people.approvers, people.staff));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListTakeouts());
    GANREG_RETURN_IF_ERROR(CheckCorrects(rows, req.corrects));
    store::TakeoutRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextSealedId(store::Database::SealedTable::kTakeouts));
    r.at = now;
    r.date = ledger::FormatDate(date);
    r.time_out = req.time_out;
    r.taken_by = t.taken_by;
    r.kind = req.kind;
    r.quantity = req.quantity;
    r.approved_by = req.approved_by;
    r.due_back = ledger::FormatDate(due_back);
    r.corrects = req.corrects;
    nlohmann::json j = {{"what", req.what}, {"reason", req.reason}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), TakeoutAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertTakeout(r));
    w.object = fmt::format("takeout:{}", r.id);
    w.detail = fmt::format("kind={} quantity={} taken_by={} approved_by={} due_back={} corrects={}",
                           r.kind, r.quantity, r.taken_by, r.approved_by, r.due_back, r.corrects);
    TakeoutView v = TakeoutOf(r, JapanDate(now));
    v.what = req.what;
    v.reason = req.reason;
    return v;
  });
}

Result<TakeoutView> Session::RecordTakeoutReturn(const TakeoutReturnRequest& req) {
  return Run<TakeoutView>(Action::kTakeoutRecord, fmt::format("takeout:{}", req.takeout_id),
                          [&](Work& w) -> Result<TakeoutView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(auto t, db_.FindTakeout(req.takeout_id));
    if (!t) {
      return Status::NotFound(fmt::format("持出し#{}はありません / no take-out #{}",
                                          req.takeout_id, req.takeout_id));
    }
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListTakeouts());
    if (auto by = CorrectedBy(rows); by.count(t->id) != 0) {
      return Status::FailedPrecondition(fmt::format(
          "持出し#{}は#{}で訂正済み：そちらに返却を記録 / take-out #{} was corrected by #{}: "
          "record the return there", t->id, by[t->id], t->id, by[t->id]));
    }
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now, "返却日 date"));
    const int64_t count = req.returned_count < 0 ? t->quantity : req.returned_count;
    GANREG_RETURN_IF_ERROR(ledger::CheckTakeoutReturn(ledger::ParseDate(t->date).value_or(0),
                                                      t->time_out, t->quantity, date,
                                                      req.time_in, count));
    store::TakeoutReturnRecord r{t->id, now, ledger::FormatDate(date), req.time_in, actor_.name,
                                 count, req.note};
    Status s = db_.InsertTakeoutReturn(r);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::FailedPrecondition(fmt::format(
          "持出し#{}の返却は記録済み / the return of take-out #{} is recorded already", t->id,
          t->id));
    }
    GANREG_RETURN_IF_ERROR(s);
    w.detail = fmt::format("returned={}/{} date={}", count, t->quantity, r.date);
    t->returned_date = r.date;
    t->returned_time = r.time_in;
    t->returned_by = r.returned_by;
    t->returned_count = count;
    t->return_note = r.note;
    TakeoutView v = TakeoutOf(*t, JapanDate(now));
    v.sealed = true;
    return v;
  });
}

Result<std::vector<TakeoutView>> Session::ListTakeouts() {
  return Run<std::vector<TakeoutView>>(Action::kTakeoutList, "ledger:takeouts",
                                       [&](Work& w) -> Result<std::vector<TakeoutView>> {
    // Without the ledgers grant the register is listed with what and why withheld.
    auto ck = CategoryKey(kBook);
    if (!ck.ok() && ck.status().code() != StatusCode::kPermissionDenied) return ck.status();
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListTakeouts());
    auto corrected = CorrectedBy(rows);
    const int32_t today = JapanDate(registry_.clock_->NowSeconds());
    std::vector<TakeoutView> out;
    for (const auto& r : rows) {
      TakeoutView v = TakeoutOf(r, today);
      if (auto it = corrected.find(r.id); it != corrected.end()) {
        v.corrected_by = it->second;
        v.overdue = false;
      }
      if (ck.ok()) {
        GANREG_ASSIGN_OR_RETURN(auto j, OpenJson(db_, **ck, r.sealed, TakeoutAd(r), "takeouts"));
        v.what = Str(j, "what");
        v.reason = Str(j, "reason");
      } else {
        v.sealed = true;
      }
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={} contents={}", out.size(), ck.ok() ? "shown" : "withheld");
    return out;
  });
}

// ---------------------------------------------------------------- maintenance record

Result<MaintenanceView> Session::RecordMaintenance(const MaintenanceRequest& req) {
  return Run<MaintenanceView>(Action::kMaintenanceRecord, "maintenance",
                              [&](Work& w) -> Result<MaintenanceView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now, "作業日 date"));
    GANREG_ASSIGN_OR_RETURN(People people, ActivePeople(db_));
    ledger::Maintenance m{req.worker_kind, req.worker,      req.affiliation, req.work,
                          req.result,      req.approved_by, req.witness,     req.nda,
                          req.time_from,   req.time_to};
    GANREG_RETURN_IF_ERROR(ledger::CheckMaintenance(m, people.approvers, people.staff));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListMaintenance());
    GANREG_RETURN_IF_ERROR(CheckCorrects(rows, req.corrects));
    store::MaintenanceRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextSealedId(store::Database::SealedTable::kMaintenance));
    r.at = now;
    r.date = ledger::FormatDate(date);
    r.time_from = req.time_from;
    r.time_to = req.time_to;
    r.worker_kind = req.worker_kind;
    r.work = req.work;
    r.result = req.result;
    r.approved_by = req.approved_by;
    r.witness = req.witness;
    r.nda = req.nda;
    r.recorded_by = actor_.name;
    r.corrects = req.corrects;
    nlohmann::json j = {{"worker", req.worker}, {"affiliation", req.affiliation}};
    GANREG_ASSIGN_OR_RETURN(r.sealed, internal::SealLedgerPart(db_, j.dump(), MaintenanceAd(r)));
    GANREG_RETURN_IF_ERROR(db_.InsertMaintenance(r));
    w.object = fmt::format("maintenance:{}", r.id);
    w.detail = fmt::format("date={} worker_kind={} approved_by={} witness={} corrects={}", r.date,
                           r.worker_kind, r.approved_by, r.witness, r.corrects);
    return MaintenanceView{r.id,          r.at,       r.date,      r.time_from,   r.time_to,
                           r.worker_kind, req.worker, req.affiliation, r.work,    r.result,
                           r.approved_by, r.witness,  r.recorded_by, r.nda,       false,
                           r.corrects,    0};
  });
}

Result<std::vector<MaintenanceView>> Session::ListMaintenance() {
  return Run<std::vector<MaintenanceView>>(Action::kMaintenanceList, "ledger:maintenance",
                                           [&](Work& w) -> Result<std::vector<MaintenanceView>> {
    auto ck = CategoryKey(kBook);
    if (!ck.ok() && ck.status().code() != StatusCode::kPermissionDenied) return ck.status();
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListMaintenance());
    auto corrected = CorrectedBy(rows);
    std::vector<MaintenanceView> out;
    for (const auto& r : rows) {
      MaintenanceView v{r.id,          r.at,      r.date,    r.time_from,   r.time_to,
                        r.worker_kind, "",        "",        r.work,        r.result,
                        r.approved_by, r.witness, r.recorded_by, r.nda,     !ck.ok(),
                        r.corrects,    0};
      if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
      if (ck.ok()) {
        GANREG_ASSIGN_OR_RETURN(auto j,
                                OpenJson(db_, **ck, r.sealed, MaintenanceAd(r), "maintenance"));
        v.worker = Str(j, "worker");
        v.affiliation = Str(j, "affiliation");
      }
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={} workers={}", out.size(), ck.ok() ? "shown" : "withheld");
    return out;
  });
}

// ---------------------------------------------------------------- acquisition register

namespace {
std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}
AcquisitionView AcquisitionOf(const store::AcquisitionRecord& r) {
  return {r.id,       r.at,    r.date,     r.kind,     std::string(ledger::AcquisitionKindLabel(r.kind)),
          r.medium,   r.route, r.source,   r.count,    r.tracking,
          r.carriers, r.storage, r.received_by, r.corrects, 0, r.handover_id, 0};
}
}  // namespace

namespace internal {
Status FillAcquisition(store::Database& db, const store::HandoverRecord& h,
                       const store::HandoverDeliveryRecord* delivery) {
  if (h.direction != "receipt" || h.file_id == 0) return Status::Ok();
  if (h.medium != "online" && delivery == nullptr) return Status::Ok();  // route not known yet
  GANREG_ASSIGN_OR_RETURN(store::FileRecord file, db.FindFile(h.file_id));
  if (file.rows_read == 0) return Status::Ok();  // refused whole: nothing acquired
  GANREG_ASSIGN_OR_RETURN(auto death_source, db.DeathFileSource(h.file_id));
  store::AcquisitionRecord r;
  r.at = h.at;
  r.date = ledger::FormatDate(JapanDate(h.at));
  // S-ACQ-2: (ア) notifications, from a CSV file or a transfer package; (イ) death forms.
  r.kind = death_source ? "death" : "notification";
  r.medium = h.medium == "paper" ? "paper" : "electronic";
  // S-ACQ-1, S-TRN-1, S-TRN-5: the route as the hand-over book recorded it.
  r.route = h.medium == "online"                  ? "online"
            : delivery->method == "hand-carried" ? "hand-carried"
                                                 : "tracked-delivery";
  r.source = h.counterpart;
  r.count = file.rows_read;
  if (delivery != nullptr) {
    r.tracking = delivery->tracking;
    r.carriers = delivery->carriers;
  }
  r.storage = "ganreg 登録データ（暗号化）、原本 originals/（暗号化） / encrypted in the registry";
  r.received_by = h.handled_by;
  r.handover_id = h.id;
  Status s = db.InsertAcquisition(r).status();
  return s.code() == StatusCode::kAlreadyExists ? Status::Ok() : s;  // filled already
}
}  // namespace internal

Result<AcquisitionView> Session::RecordAcquisition(const AcquisitionRequest& req) {
  return Run<AcquisitionView>(Action::kAcquisitionRecord, "acquisition",
                              [&](Work& w) -> Result<AcquisitionView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now, "受領日 date"));
    GANREG_ASSIGN_OR_RETURN(People people, ActivePeople(db_));
    ledger::Acquisition a{req.kind,  req.medium,   req.route,    req.source,
                          req.count, req.tracking, req.carriers, req.storage};
    GANREG_RETURN_IF_ERROR(ledger::CheckAcquisition(a, people.staff));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListAcquisitions());
    GANREG_RETURN_IF_ERROR(CheckCorrects(rows, req.corrects));
    store::AcquisitionRecord r{0,         now,          ledger::FormatDate(date), req.kind,
                               req.medium, req.route,   req.source,               req.count,
                               req.tracking, Join(req.carriers), req.storage, actor_.name,
                               req.corrects};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertAcquisition(r));
    w.object = fmt::format("acquisition:{}", r.id);
    w.detail = fmt::format("kind={} medium={} route={} count={} corrects={}", r.kind, r.medium,
                           r.route, r.count, r.corrects);
    return AcquisitionOf(r);
  });
}

Result<std::vector<AcquisitionView>> Session::ListAcquisitions(std::string_view kind) {
  return Run<std::vector<AcquisitionView>>(Action::kAcquisitionList, "ledger:acquisitions",
                                           [&](Work& w) -> Result<std::vector<AcquisitionView>> {
    if (!kind.empty() && ledger::AcquisitionKindLabel(kind) == "?") {
      return Status::InvalidArgument(fmt::format(
          "種類は notification, death, address-change, linkage-file / unknown kind '{}'", kind));
    }
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListAcquisitions());
    GANREG_ASSIGN_OR_RETURN(auto disposals, db_.ListAcquisitionDisposals());
    std::map<int64_t, int64_t> disposed;
    for (const auto& d : disposals) disposed[d.acquisition_id] = d.disposal_id;
    auto corrected = CorrectedBy(rows);
    std::vector<AcquisitionView> out;
    for (const auto& r : rows) {
      if (!kind.empty() && r.kind != kind) continue;
      AcquisitionView v = AcquisitionOf(r);
      if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
      if (auto it = disposed.find(r.id); it != disposed.end()) v.disposal_id = it->second;
      out.push_back(std::move(v));
    }
    // One register per kind, electronic and paper apart (S-ACQ-2, S-ACQ-4).
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.kind, a.medium) < std::tie(b.kind, b.medium);
    });
    w.detail = fmt::format("kind={} entries={}", kind.empty() ? "all" : kind, out.size());
    return out;
  });
}

// ---------------------------------------------------------------- definition updates

Result<DefinitionView> Session::RecordDefinitionUpdate(const DefinitionRequest& req) {
  return Run<DefinitionView>(Action::kDefinitionRecord, "definition",
                             [&](Work& w) -> Result<DefinitionView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t applied, DateOrToday(req.applied_on, now, "更新日 date"));
    auto changed = ledger::ParseDate(req.changed_on);
    if (!changed) {
      return Status::InvalidArgument(fmt::format(
          "変更日は YYYY-MM-DD / the date it changed is YYYY-MM-DD, not '{}'", req.changed_on));
    }
    ledger::DefinitionUpdate d{req.kind,    req.code,   req.change,     *changed,
                               applied,     req.source, req.description};
    GANREG_RETURN_IF_ERROR(ledger::CheckDefinitionUpdate(d));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDefinitionUpdates());
    GANREG_RETURN_IF_ERROR(CheckCorrects(rows, req.corrects));
    store::DefinitionUpdateRecord r{0,          now,
                                    req.kind,   req.code,
                                    req.change, ledger::FormatDate(*changed),
                                    ledger::FormatDate(applied), req.source,
                                    req.description, actor_.name,
                                    req.corrects};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertDefinitionUpdate(r));
    w.object = fmt::format("definition:{}", r.id);
    w.detail = fmt::format("kind={} code={} change={} changed_on={} applied_on={}", r.kind,
                           r.code, r.change, r.changed_on, r.applied_on);
    DefinitionView v{r.id,         r.at,         r.kind,   r.code,        r.change,
                     r.changed_on, r.applied_on, r.source, r.description, r.recorded_by,
                     r.corrects,   0,            false};
    if (r.kind == "hospital") {
      GANREG_ASSIGN_OR_RETURN(auto partner, db_.FindPartner(r.code));
      v.partner_registered = partner.has_value();
    }
    return v;
  });
}

Result<std::vector<DefinitionView>> Session::ListDefinitionUpdates() {
  return Run<std::vector<DefinitionView>>(Action::kDefinitionList, "ledger:definitions",
                                          [&](Work& w) -> Result<std::vector<DefinitionView>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDefinitionUpdates());
    auto corrected = CorrectedBy(rows);
    std::vector<DefinitionView> out;
    for (const auto& r : rows) {
      DefinitionView v{r.id,         r.at,         r.kind,   r.code,        r.change,
                       r.changed_on, r.applied_on, r.source, r.description, r.recorded_by,
                       r.corrects,   0,            false};
      if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
      if (r.kind == "hospital") {
        GANREG_ASSIGN_OR_RETURN(auto partner, db_.FindPartner(r.code));
        v.partner_registered = partner.has_value();
      }
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- hand-over deliveries

Result<HandoverEntry> Session::RecordHandoverDelivery(const HandoverDeliveryRequest& req) {
  return Run<HandoverEntry>(Action::kHandoverDelivery, fmt::format("handover:{}", req.entry),
                            [&](Work& w) -> Result<HandoverEntry> {
    GANREG_ASSIGN_OR_RETURN(auto book, db_.ListHandover());
    auto it = std::find_if(book.begin(), book.end(),
                           [&](const auto& h) { return h.id == req.entry; });
    if (it == book.end()) {
      return Status::NotFound(fmt::format("受渡簿#{}はありません / no hand-over book entry #{}",
                                          req.entry, req.entry));
    }
    GANREG_ASSIGN_OR_RETURN(People people, ActivePeople(db_));
    ledger::DeliveryRoute d{it->direction, it->medium,   req.method,        req.tracking,
                       req.unused_medium, req.carriers, req.opened_in_room};
    GANREG_RETURN_IF_ERROR(ledger::CheckDelivery(d, people.staff));
    store::HandoverDeliveryRecord r{it->id,           registry_.clock_->NowSeconds(),
                                    req.method,       req.tracking,
                                    req.unused_medium, Join(req.carriers),
                                    req.opened_in_room, actor_.name};
    Status s = db_.InsertHandoverDelivery(r);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::FailedPrecondition(fmt::format(
          "受渡簿#{}の配送は記録済み / the delivery of entry #{} is recorded already", it->id,
          it->id));
    }
    GANREG_RETURN_IF_ERROR(s);
    // S-ACQ-4: with the route known, the acquisition register is filled from the entry.
    GANREG_RETURN_IF_ERROR(internal::FillAcquisition(db_, *it, &r));
    w.detail = fmt::format("method={} tracking={} carriers={} unused={} opened_in_room={}",
                           r.method, r.tracking.empty() ? "-" : r.tracking,
                           r.carriers.empty() ? "-" : r.carriers, r.unused_medium ? 1 : 0,
                           r.opened_in_room ? 1 : 0);
    HandoverEntry e;
    e.id = it->id;
    e.at = it->at;
    e.direction = it->direction;
    e.handled_by = it->handled_by;
    e.counterpart = it->counterpart;
    e.recipient = it->recipient;
    e.summary = it->summary;
    e.medium = it->medium;
    e.file_id = it->file_id;
    e.has_delivery = true;
    e.method = r.method;
    e.tracking = r.tracking;
    e.carriers = r.carriers;
    e.unused_medium = r.unused_medium;
    e.opened_in_room = r.opened_in_room;
    return e;
  });
}

// ---------------------------------------------------------------- external audits (ORG-6)

namespace {
ExternalAuditView AuditOf(const store::ExternalAuditRecord& r) {
  return {r.id,      r.at,          r.date,        r.auditor,  r.committee, r.findings,
          r.actions, r.reported_on, r.recorded_by, r.corrects, 0};
}
}  // namespace

Result<ExternalAuditView> Session::RecordExternalAudit(const ExternalAuditRequest& req) {
  return Run<ExternalAuditView>(Action::kExternalAuditRecord, "external-audit",
                                [&](Work& w) -> Result<ExternalAuditView> {
    const int64_t now = registry_.clock_->NowSeconds();
    const int32_t today = JapanDate(now);
    int32_t date = today, reported = 0;
    for (auto [text, out] : {std::pair{&req.date, &date}, std::pair{&req.reported_on, &reported}}) {
      if (text->empty()) continue;
      auto d = ledger::ParseDate(*text);
      if (!d) {
        return Status::InvalidArgument(
            fmt::format("日付は YYYY-MM-DD / a date is YYYY-MM-DD, not '{}'", *text));
      }
      *out = *d;
    }
    ledger::ExternalAudit a{date, req.auditor, req.committee, req.findings, req.actions,
                            reported};
    GANREG_RETURN_IF_ERROR(ledger::CheckExternalAudit(a, today));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListExternalAudits());
    GANREG_RETURN_IF_ERROR(CheckCorrects(rows, req.corrects));
    store::ExternalAuditRecord r{0,           now,
                                 ledger::FormatDate(date), req.auditor,
                                 req.committee, req.findings,
                                 req.actions, reported == 0 ? "" : ledger::FormatDate(reported),
                                 actor_.name, req.corrects};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertExternalAudit(r));
    w.object = fmt::format("external-audit:{}", r.id);
    w.detail = fmt::format("date={} reported={} corrects={}", r.date,
                           r.reported_on.empty() ? "-" : r.reported_on, r.corrects);
    return AuditOf(r);
  });
}

Result<std::vector<ExternalAuditView>> Session::ListExternalAudits() {
  return Run<std::vector<ExternalAuditView>>(
      Action::kExternalAuditList, "ledger:external-audits",
      [&](Work& w) -> Result<std::vector<ExternalAuditView>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListExternalAudits());
    auto corrected = CorrectedBy(rows);
    std::vector<ExternalAuditView> out;
    for (const auto& r : rows) {
      ExternalAuditView v = AuditOf(r);
      if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- storage schedule (F-7)

Result<RetentionView> Session::SetRetentionRule(const RetentionRequest& req) {
  return Run<RetentionView>(Action::kRetentionSet,
                            fmt::format("retention:{}/{}", req.kind, req.medium),
                            [&](Work& w) -> Result<RetentionView> {
    GANREG_RETURN_IF_ERROR(ledger::CheckRetentionRule(
        {req.kind, req.medium, req.months, req.place, req.method}));
    store::RetentionRuleRecord r{0,          registry_.clock_->NowSeconds(), req.kind, req.medium,
                                 req.months, req.place, req.method, actor_.name};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertRetentionRule(r));
    w.detail = fmt::format("rule={} months={}", r.id, r.months);
    return RetentionView{r.id,     r.at,     r.kind,
                         std::string(ledger::AcquisitionKindLabel(r.kind)),
                         r.medium, r.months, r.place,
                         r.method, r.set_by, true};
  });
}

Result<std::vector<RetentionView>> Session::ListRetentionRules() {
  return Run<std::vector<RetentionView>>(Action::kRetentionList, "ledger:retention",
                                         [&](Work& w) -> Result<std::vector<RetentionView>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListRetentionRules());
    std::map<std::pair<std::string, std::string>, int64_t> latest;
    for (const auto& r : rows) latest[{r.kind, r.medium}] = r.id;
    std::vector<RetentionView> out;
    for (const auto& r : rows) {
      out.push_back({r.id, r.at, r.kind, std::string(ledger::AcquisitionKindLabel(r.kind)),
                     r.medium, r.months, r.place, r.method, r.set_by,
                     latest[{r.kind, r.medium}] == r.id});
    }
    w.detail = fmt::format("rows={}", out.size());
    return out;
  });
}

}  // namespace ganreg::app
