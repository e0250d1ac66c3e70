// The September self-assessment (S-CHK-1) through the one door: start (every checklist item
// pre-filled from the records), answers checked against the rules, the head's sign-off (the
// records read again and kept), and the printable report. The checklist and its rules are
// ledger/self_assessment's pure functions; this file gathers the facts from the store.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "audit/audit_log.h"
#include "core/files.h"
#include "ledger/disposal.h"
#include "ledger/self_assessment.h"
#include "report/render.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace {

bool InPeriod(std::string_view date, int32_t since) {
  auto d = ledger::ParseDate(date);
  return d && *d >= since;
}

Result<ledger::AssessmentFacts> GatherFacts(store::Database& db, int64_t now, int64_t year,
                                            std::string_view audit_public_key,
                                            std::string_view registry_id) {
  ledger::AssessmentFacts f;
  f.year = year;
  GANREG_ASSIGN_OR_RETURN(f.due, internal::GatherDueFacts(db, now));
  const int32_t since = ledger::PeriodStart(year);
  GANREG_ASSIGN_OR_RETURN(auto users, db.ListUsers());
  for (const auto& u : users) {
    f.accounts.push_back({u.name, u.role, u.created_by, u.instructed_by, u.custodian,
                          u.disabled_at != 0});
    if (u.role == "head" || u.disabled_at != 0) continue;
    GANREG_ASSIGN_OR_RETURN(auto slots, db.KeySlotsOf(u.id));
    for (const auto& s : slots) {
      if (s.category != model::CategoryId(model::Category::kAudit)) ++f.grants;
    }
  }
  // Tamper evidence: the whole chain recomputed now (3-08).
  GANREG_ASSIGN_OR_RETURN(auto verify, audit::Verify(db, audit_public_key, registry_id, {}));
  f.audit_intact = verify.intact;
  f.audit_events = verify.events;
  f.audit_problem = verify.problem;
  GANREG_ASSIGN_OR_RETURN(auto incidents, db.ListIncidents());
  f.incidents = static_cast<int64_t>(incidents.size());
  GANREG_ASSIGN_OR_RETURN(auto network, db.LatestContactNetwork());
  if (network) f.contact_network_updated = network->updated_on;
  GANREG_ASSIGN_OR_RETURN(auto keybox, db.ListKeybox());
  for (const auto& k : keybox) f.keybox_entries += InPeriod(k.date, since) ? 1 : 0;
  GANREG_ASSIGN_OR_RETURN(auto entries, db.ListEntries());
  for (const auto& e : entries) f.visits += InPeriod(e.date, since) ? 1 : 0;
  GANREG_ASSIGN_OR_RETURN(auto media, db.ListMedia());
  f.media = static_cast<int64_t>(media.size());
  GANREG_ASSIGN_OR_RETURN(auto disposals, db.ListDisposals());
  const auto corrected_disposals = internal::CorrectedBy(disposals);
  for (const auto& d : disposals) {
    if (!InPeriod(d.date, since)) continue;
    ++f.disposals;
    // S-STO-5: the current entries by a contractor, each under a contract the head checked.
    if (d.place != "contractor" || corrected_disposals.count(d.id) != 0) continue;
    ++f.contractor_disposals;
    if (d.contract_id == 0) f.contractor_unchecked.push_back(fmt::format("#{}", d.id));
  }

  GANREG_ASSIGN_OR_RETURN(auto takeouts, db.ListTakeouts());
  std::set<int64_t> corrected;
  for (const auto& t : takeouts) {
    if (t.corrects != 0) corrected.insert(t.corrects);
  }
  for (const auto& t : takeouts) {
    if (corrected.count(t.id) != 0 || !InPeriod(t.date, since)) continue;
    ++f.takeouts;
    const int32_t due = ledger::ParseDate(t.due_back).value_or(0);
    if (t.returned_count < 0 && due < f.due.today) {
      f.takeouts_late.push_back(fmt::format("#{} 予定 due {}", t.id, t.due_back));
    } else if (t.returned_count >= 0 && t.returned_date > t.due_back) {
      f.takeouts_late.push_back(fmt::format("#{} 返却 returned {} > {}", t.id, t.returned_date,
                                            t.due_back));
    } else if (t.returned_count >= 0 && t.returned_count < t.quantity) {
      f.takeouts_late.push_back(fmt::format("#{} 返却 returned {}/{}", t.id, t.returned_count,
                                            t.quantity));
    }
  }

  // The inquiry book (S-INQ-5): every current inquiry answered (an answer to an entry it
  // corrects counts). Clear fields only; nothing is decrypted.
  GANREG_ASSIGN_OR_RETURN(auto book, db.ListInquiryEntries());
  std::map<int64_t, int64_t> corrects_of;
  std::set<int64_t> answered, superseded;
  for (const auto& e : book) {
    if (e.kind == "answer") answered.insert(e.ref_id);
    if (e.kind == "inquiry" && e.corrects != 0) {
      corrects_of[e.id] = e.corrects;
      superseded.insert(e.corrects);
    }
  }
  for (const auto& e : book) {
    if (e.kind != "inquiry" || superseded.count(e.id) != 0) continue;
    ++f.inquiries;
    bool done = false;
    for (int64_t id = e.id; id != 0 && !done;) {
      done = answered.count(id) != 0;
      auto it = corrects_of.find(id);
      id = it == corrects_of.end() ? 0 : it->second;
    }
    if (!done) ++f.inquiries_unanswered;
  }
  GANREG_ASSIGN_OR_RETURN(auto handover, db.ListHandover());
  for (const auto& h : handover) {
    if (JapanDate(h.at) < since) continue;
    ++f.handover;
    if (h.medium != "online") ++f.handover_media;
  }
  GANREG_ASSIGN_OR_RETURN(auto acquisitions, db.ListAcquisitions());
  for (const auto& a : acquisitions) f.acquisitions += InPeriod(a.date, since) ? 1 : 0;
  GANREG_ASSIGN_OR_RETURN(auto maintenance, db.ListMaintenance());
  for (const auto& m : maintenance) f.maintenance += InPeriod(m.date, since) ? 1 : 0;
  GANREG_ASSIGN_OR_RETURN(auto definitions, db.ListDefinitionUpdates());
  for (const auto& d : definitions) f.definition_updates += InPeriod(d.applied_on, since) ? 1 : 0;
  return f;
}

// Every item's pre-fill, in checklist order: evaluated now, or as stored for an evaluation.
std::vector<ledger::Prefill> EvaluateAll(const ledger::AssessmentFacts& f) {
  std::vector<ledger::Prefill> out;
  for (const auto& item : ledger::Checklist()) out.push_back(ledger::Evaluate(item, f));
  return out;
}

Result<std::vector<ledger::Prefill>> StoredPrefills(store::Database& db, int64_t year,
                                                    int64_t evaluation) {
  GANREG_ASSIGN_OR_RETURN(auto rows, db.FindingsOf(year, evaluation));
  std::map<std::string, const store::FindingRecord*> by_item;
  for (const auto& r : rows) by_item[r.item] = &r;
  std::vector<ledger::Prefill> out;
  for (const auto& item : ledger::Checklist()) {
    auto it = by_item.find(std::string(item.no));
    if (it == by_item.end()) {
      return Status::DataLoss(fmt::format("self-assessment {}: evaluation {} lacks item {}", year,
                                          evaluation, item.no));
    }
    out.push_back({it->second->source == "records",
                   ledger::ParseFinding(it->second->finding).value_or(
                       ledger::Finding::kNeedsAnswer),
                   it->second->note});
  }
  return out;
}

std::vector<store::FindingRecord> ToRecords(int64_t year, int64_t evaluation, int64_t at,
                                            const std::vector<ledger::Prefill>& prefills) {
  std::vector<store::FindingRecord> out;
  auto items = ledger::Checklist();
  for (size_t i = 0; i < items.size(); ++i) {
    out.push_back({year, evaluation, std::string(items[i].no), at,
                   prefills[i].from_records ? "records" : "person",
                   std::string(ledger::FindingId(prefills[i].finding)), prefills[i].note});
  }
  return out;
}

// The items with the answers folded in: the latest status, note and action of each.
std::vector<ledger::ItemState> States(const std::vector<ledger::Prefill>& prefills,
                                      const std::vector<store::AssessmentAnswerRecord>& answers) {
  std::vector<ledger::ItemState> out;
  auto items = ledger::Checklist();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < items.size(); ++i) {
    ledger::ItemState s;
    s.item = &items[i];
    s.prefill = prefills[i];
    index[std::string(items[i].no)] = i;
    out.push_back(std::move(s));
  }
  for (const auto& a : answers) {  // by id: later answers supersede
    auto it = index.find(a.item);
    if (it == index.end()) continue;
    auto& s = out[it->second];
    if (!a.status.empty()) {
      s.answer = ledger::ParseAnswerStatus(a.status).value_or(ledger::AnswerStatus::kNone);
    }
    if (!a.note.empty()) s.note = a.note;
    if (!a.action.empty()) s.action = a.action;
    s.answered_by = a.answered_by;
  }
  return out;
}

// The items of a checklist item list ("1-06,3-03").
std::vector<std::string> SplitItems(std::string_view items) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= items.size();) {
    size_t comma = items.find(',', start);
    std::string one(items.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (!one.empty()) out.push_back(std::move(one));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// The revisions in force (a corrected one left out) of `year`, 0 for every year.
Result<std::vector<store::RevisionRecord>> CurrentRevisions(store::Database& db, int64_t year) {
  GANREG_ASSIGN_OR_RETURN(auto rows, db.ListRevisions());
  auto corrected = internal::CorrectedBy(rows);
  std::vector<store::RevisionRecord> out;
  for (auto& r : rows) {
    if (corrected.count(r.id) == 0 && (year == 0 || r.year == year)) out.push_back(std::move(r));
  }
  return out;
}

AssessmentView ViewOf(const store::SelfAssessmentRecord& a, int64_t evaluated_at,
                      const std::optional<store::SignOffRecord>& signoff,
                      const std::vector<ledger::ItemState>& states) {
  AssessmentView v;
  v.year = a.year;
  v.started_at = a.started_at;
  v.started_by = a.started_by;
  v.evaluated_at = evaluated_at;
  if (signoff) {
    v.signed_at = signoff->at;
    v.signed_by = signoff->signed_by;
  }
  for (const auto& s : states) {
    AssessmentItemView i;
    i.no = std::string(s.item->no);
    i.section = std::string(s.item->section);
    i.text_ja = std::string(s.item->text_ja);
    i.text_en = std::string(s.item->text_en);
    i.rules = std::string(s.item->rules);
    i.from_records = s.prefill.from_records;
    i.finding = std::string(ledger::FindingId(s.prefill.finding));
    i.evidence = s.prefill.note;
    i.answer = std::string(ledger::AnswerStatusId(s.answer));
    i.note = s.note;
    i.action = s.action;
    i.answered_by = s.answered_by;
    i.result = s.Result();
    if (i.result == "met") ++v.met;
    if (i.result == "not-met") ++v.not_met;
    if (i.result == "not-applicable") ++v.not_applicable;
    if (i.result == "needs-answer") ++v.unanswered;
    v.items.push_back(std::move(i));
  }
  return v;
}

Status CheckYear(int64_t year, int64_t now) {
  const int64_t this_year = JapanDate(now) / 10000;
  if (year < 2000 || year > this_year) {
    return Status::InvalidArgument(fmt::format(
        "点検年は2000年から今年まで / the year is 2000 to this year ({}), not {}", this_year,
        year));
  }
  return Status::Ok();
}

}  // namespace

namespace internal {
Result<std::vector<ledger::DueFacts::SignedAssessment>> SignedAssessments(store::Database& db) {
  std::vector<ledger::DueFacts::SignedAssessment> out;
  GANREG_ASSIGN_OR_RETURN(auto signoffs, db.ListSignOffs());
  GANREG_ASSIGN_OR_RETURN(auto revisions, CurrentRevisions(db, 0));
  for (const auto& so : signoffs) {
    GANREG_ASSIGN_OR_RETURN(auto prefills, StoredPrefills(db, so.year, so.evaluation));
    GANREG_ASSIGN_OR_RETURN(auto answers, db.AssessmentAnswersOf(so.year));
    std::set<std::string> revised;
    for (const auto& r : revisions) {
      if (r.year != so.year) continue;
      for (auto& item : SplitItems(r.items)) revised.insert(std::move(item));
    }
    ledger::DueFacts::SignedAssessment a;
    a.year = so.year;
    a.signed_on = JapanDate(so.at);
    for (const auto& st : States(prefills, answers)) {
      if (st.Result() != "not-met" || st.action.empty()) continue;
      a.actions.emplace_back(st.item->no);
      if (revised.count(std::string(st.item->no)) == 0) a.unrevised.emplace_back(st.item->no);
    }
    out.push_back(std::move(a));
  }
  return out;
}
}  // namespace internal

Result<AssessmentView> Session::StartSelfAssessment(int64_t year) {
  return Run<AssessmentView>(Action::kSelfAssessmentStart, fmt::format("self-assessment:{}", year),
                             [&](Work& w) -> Result<AssessmentView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_RETURN_IF_ERROR(CheckYear(year, now));
    store::SelfAssessmentRecord a{year, now, actor_.name};
    Status s = db_.InsertSelfAssessment(a);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists(fmt::format(
          "{}年の自己点検は開始済み / the self-assessment of {} was started already: answer, sign "
          "or show it", year, year));
    }
    GANREG_RETURN_IF_ERROR(s);
    GANREG_ASSIGN_OR_RETURN(auto facts, GatherFacts(db_, now, year, registry_.audit_public_key_,
                                                    registry_.id_));
    auto prefills = EvaluateAll(facts);
    GANREG_RETURN_IF_ERROR(db_.InsertFindings(ToRecords(year, 1, now, prefills)));
    AssessmentView v = ViewOf(a, now, std::nullopt, States(prefills, {}));
    w.detail = fmt::format("evaluation=1 met={} not_met={} to_answer={}", v.met, v.not_met,
                           v.unanswered);
    return v;
  });
}

Status Session::AnswerSelfAssessment(const AssessmentAnswerRequest& req) {
  auto r = Run<int64_t>(Action::kSelfAssessmentAnswer,
                        fmt::format("self-assessment:{}/{}", req.year, req.item),
                        [&](Work& w) -> Result<int64_t> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(auto a, db_.FindSelfAssessment(req.year));
    if (!a) {
      return Status::NotFound(fmt::format("{}年の自己点検は未開始 / no self-assessment of {}: "
                                          "start it first", req.year, req.year));
    }
    GANREG_ASSIGN_OR_RETURN(auto signoff, db_.FindSignOff(req.year));
    if (signoff) {
      return Status::FailedPrecondition(fmt::format(
          "S-CHK-1: {}年の自己点検は{}が署名済み、回答は変更できません / the self-assessment of {} "
          "was signed by {}: its answers are closed", req.year, signoff->signed_by, req.year,
          signoff->signed_by));
    }
    const ledger::ChecklistItem* item = ledger::FindChecklistItem(req.item);
    if (!item) {
      return Status::InvalidArgument(fmt::format(
          "チェックリストに項目{}はありません / no checklist item '{}' (ganreg self-assessment "
          "show)", req.item, req.item));
    }
    auto status = ledger::ParseAnswerStatus(req.status);
    if (!status) {
      return Status::InvalidArgument(fmt::format(
          "回答は met, not-met, not-applicable / the answer is met, not-met or not-applicable, "
          "not '{}'", req.status));
    }
    // Checked against the records as they are now: what the sign-off will read.
    GANREG_ASSIGN_OR_RETURN(auto facts, GatherFacts(db_, now, req.year,
                                                    registry_.audit_public_key_, registry_.id_));
    GANREG_RETURN_IF_ERROR(
        ledger::CheckAnswer(*item, ledger::Evaluate(*item, facts), *status, req.note, req.action));
    store::AssessmentAnswerRecord rec{0,           req.year, req.item, now,
                                      actor_.name, req.status, req.note, req.action};
    GANREG_ASSIGN_OR_RETURN(rec.id, db_.InsertAssessmentAnswer(rec));
    w.detail = fmt::format("answer={} status={} action={}", rec.id,
                           req.status.empty() ? "-" : req.status,
                           req.action.empty() ? "no" : "yes");
    return rec.id;
  });
  return r.status();
}

Result<AssessmentView> Session::SignSelfAssessment(int64_t year, std::string_view note) {
  return Run<AssessmentView>(Action::kSelfAssessmentSign, fmt::format("self-assessment:{}", year),
                             [&](Work& w) -> Result<AssessmentView> {
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(auto a, db_.FindSelfAssessment(year));
    if (!a) {
      return Status::NotFound(fmt::format("{}年の自己点検は未開始 / no self-assessment of {}",
                                          year, year));
    }
    GANREG_ASSIGN_OR_RETURN(auto existing, db_.FindSignOff(year));
    if (existing) {
      return Status::FailedPrecondition(fmt::format(
          "S-CHK-1: {}年の自己点検は署名済み / the self-assessment of {} was signed already by {}",
          year, year, existing->signed_by));
    }
    GANREG_ASSIGN_OR_RETURN(auto facts, GatherFacts(db_, now, year, registry_.audit_public_key_,
                                                    registry_.id_));
    auto prefills = EvaluateAll(facts);
    GANREG_ASSIGN_OR_RETURN(auto answers, db_.AssessmentAnswersOf(year));
    auto states = States(prefills, answers);
    GANREG_RETURN_IF_ERROR(ledger::CheckSignOff(states));
    GANREG_ASSIGN_OR_RETURN(int64_t last, db_.LatestEvaluation(year));
    GANREG_RETURN_IF_ERROR(db_.InsertFindings(ToRecords(year, last + 1, now, prefills)));
    store::SignOffRecord so{year, now, actor_.name, last + 1, std::string(note)};
    GANREG_RETURN_IF_ERROR(db_.InsertSignOff(so));
    AssessmentView v = ViewOf(*a, now, so, states);
    w.detail = fmt::format("evaluation={} met={} not_met={} not_applicable={}", last + 1, v.met,
                           v.not_met, v.not_applicable);
    return v;
  });
}

namespace {
// The assessment as it stands: the kept evaluation once signed, the records read now before.
struct Current {
  store::SelfAssessmentRecord a;
  std::optional<store::SignOffRecord> signoff;
  int64_t evaluated_at = 0;
  std::vector<ledger::ItemState> states;
};
}  // namespace

Result<AssessmentView> Session::ShowSelfAssessment(int64_t year) {
  return WriteSelfAssessmentReport(year, std::vector<std::filesystem::path>{});
}

Result<AssessmentView> Session::WriteSelfAssessmentReport(int64_t year,
                                                          const std::filesystem::path& out) {
  return WriteSelfAssessmentReport(year, std::vector<std::filesystem::path>{out});
}

Result<AssessmentView> Session::WriteSelfAssessmentReport(
    int64_t year, const std::vector<std::filesystem::path>& files) {
  std::vector<PrintOutput> outs;
  for (const auto& f : files) outs.push_back(PrintOutput{f, "", nullptr});
  return WriteSelfAssessmentReport(year, outs);
}

Result<AssessmentView> Session::WriteSelfAssessmentReport(int64_t year,
                                                          const std::vector<PrintOutput>& outs) {
  const bool report = !outs.empty();
  return Run<AssessmentView>(
      report ? Action::kSelfAssessmentReport : Action::kSelfAssessmentShow,
      fmt::format("self-assessment:{}", year), [&](Work& w) -> Result<AssessmentView> {
    const int64_t now = registry_.clock_->NowSeconds();
    Current c;
    GANREG_ASSIGN_OR_RETURN(auto a, db_.FindSelfAssessment(year));
    if (!a) {
      return Status::NotFound(fmt::format("{}年の自己点検は未開始 / no self-assessment of {}",
                                          year, year));
    }
    c.a = *a;
    GANREG_ASSIGN_OR_RETURN(c.signoff, db_.FindSignOff(year));
    GANREG_ASSIGN_OR_RETURN(auto answers, db_.AssessmentAnswersOf(year));
    std::vector<ledger::Prefill> prefills;
    if (c.signoff) {
      GANREG_ASSIGN_OR_RETURN(prefills, StoredPrefills(db_, year, c.signoff->evaluation));
      c.evaluated_at = c.signoff->at;
      // Only the answers given before the sign-off (none can follow it).
    } else {
      GANREG_ASSIGN_OR_RETURN(auto facts, GatherFacts(db_, now, year,
                                                      registry_.audit_public_key_, registry_.id_));
      prefills = EvaluateAll(facts);
      c.evaluated_at = now;
    }
    c.states = States(prefills, answers);
    AssessmentView v = ViewOf(c.a, c.evaluated_at, c.signoff, c.states);
    if (report) {
      ledger::AssessmentReport r;
      r.registry = registry_.name_;
      r.year = year;
      r.started_at = internal::JapanLocalTime(c.a.started_at);
      r.started_by = c.a.started_by;
      r.evaluated_at = internal::JapanLocalTime(c.evaluated_at);
      if (c.signoff) {
        r.signed_at = internal::JapanLocalTime(c.signoff->at);
        r.signed_by = c.signoff->signed_by;
      }
      r.items = c.states;
      GANREG_ASSIGN_OR_RETURN(auto revisions, CurrentRevisions(db_, year));
      for (const auto& rev : revisions) {
        r.revisions.push_back({rev.id, rev.items, rev.procedure, rev.change, rev.decided_by,
                               rev.decided_on});
      }
      report::Document doc = ledger::AssessmentDocument(r);
      doc.SetPrinted(fmt::format("{} by {}", internal::JapanLocalTime(now), actor_.name), now);
      // Every format first, then the files: a file name of no known format writes nothing.
      std::vector<std::pair<const PrintOutput*, std::string>> files;
      bool download = false;
      for (const auto& out : outs) {
        GANREG_ASSIGN_OR_RETURN(const bool pdf, internal::IsPdfOutput(out));
        download |= out.into != nullptr;
        if (pdf) {
          GANREG_ASSIGN_OR_RETURN(report::Pdf pdf_doc, report::RenderPdf(doc));
          v.report_pages = pdf_doc.pages;
          files.emplace_back(&out, std::move(pdf_doc.bytes));
        } else {
          files.emplace_back(&out, report::RenderHtml(doc));
        }
      }
      for (auto& [out, bytes] : files) {
        GANREG_RETURN_IF_ERROR(internal::DeliverOutput(*out, std::move(bytes)));
      }
      w.detail = fmt::format("report files={} pages={} signed={} met={} not_met={}{}",
                             files.size(), v.report_pages, c.signoff ? "yes" : "no", v.met,
                             v.not_met, download ? " to=download" : "");
    } else {
      w.detail = fmt::format("signed={}", c.signoff ? "yes" : "no");
    }
    return v;
  });
}

// ---------------------------------------------------------------- procedure revisions

namespace {
RevisionView RevisionOf(const store::RevisionRecord& r) {
  return {r.id,         r.at,         r.year,        r.items,    r.procedure, r.change,
          r.decided_by, r.decided_on, r.recorded_by, r.corrects, 0};
}
}  // namespace

Result<RevisionView> Session::RecordProcedureRevision(const RevisionRequest& req) {
  return Run<RevisionView>(Action::kRevisionRecord,
                           fmt::format("self-assessment:{}/revision", req.year),
                           [&](Work& w) -> Result<RevisionView> {
    const int64_t now = registry_.clock_->NowSeconds();
    const int32_t today = JapanDate(now);
    GANREG_ASSIGN_OR_RETURN(auto a, db_.FindSelfAssessment(req.year));
    if (!a) {
      return Status::NotFound(fmt::format("{}年の自己点検は未開始 / no self-assessment of {}",
                                          req.year, req.year));
    }
    int32_t decided = today;
    if (!req.date.empty()) {
      auto d = ledger::ParseDate(req.date);
      if (!d) {
        return Status::InvalidArgument(fmt::format(
            "決定日は YYYY-MM-DD / the decision date is YYYY-MM-DD, not '{}'", req.date));
      }
      decided = *d;
    }
    // The year's items as they stand: the kept evaluation once signed, the records now before.
    GANREG_ASSIGN_OR_RETURN(auto signoff, db_.FindSignOff(req.year));
    std::vector<ledger::Prefill> prefills;
    if (signoff) {
      GANREG_ASSIGN_OR_RETURN(prefills, StoredPrefills(db_, req.year, signoff->evaluation));
    } else {
      GANREG_ASSIGN_OR_RETURN(auto facts, GatherFacts(db_, now, req.year,
                                                      registry_.audit_public_key_, registry_.id_));
      prefills = EvaluateAll(facts);
    }
    GANREG_ASSIGN_OR_RETURN(auto answers, db_.AssessmentAnswersOf(req.year));
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<std::string> heads;
    for (const auto& u : users) {
      if (u.role == "head" && u.disabled_at == 0) heads.push_back(u.name);
    }
    ledger::ProcedureRevision rev{req.year, req.items, req.procedure, req.change,
                                  req.decided_by.empty() ? actor_.name : req.decided_by, decided};
    GANREG_RETURN_IF_ERROR(ledger::CheckRevision(rev, States(prefills, answers), heads,
                                                 JapanDate(a->started_at), today));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListRevisions());
    GANREG_RETURN_IF_ERROR(internal::CheckCorrects(rows, req.corrects));
    std::string items;
    for (const auto& i : req.items) items += (items.empty() ? "" : ",") + i;
    store::RevisionRecord r{0,          now,
                            req.year,   items,
                            req.procedure, req.change,
                            rev.decided_by, ledger::FormatDate(decided),
                            actor_.name, req.corrects};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertRevision(r));
    w.object = fmt::format("self-assessment:{}/revision:{}", req.year, r.id);
    w.detail = fmt::format("items={} decided_by={} corrects={}", items, r.decided_by, r.corrects);
    return RevisionOf(r);
  });
}

Result<std::vector<RevisionView>> Session::ListProcedureRevisions(int64_t year) {
  return Run<std::vector<RevisionView>>(
      Action::kRevisionList, year == 0 ? std::string("ledger:revisions")
                                       : fmt::format("self-assessment:{}/revisions", year),
      [&](Work& w) -> Result<std::vector<RevisionView>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListRevisions());
    auto corrected = internal::CorrectedBy(rows);
    std::vector<RevisionView> out;
    for (const auto& r : rows) {
      if (year != 0 && r.year != year) continue;
      RevisionView v = RevisionOf(r);
      if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

}  // namespace ganreg::app
