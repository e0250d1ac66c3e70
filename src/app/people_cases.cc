// Use cases of the people ledgers (issue #4): training plans approved by the head, sessions with
// attendance, tests with a pass mark and retests (S-HUM-1..3), briefings for new staff and
// leavers (S-HUM-3), and the user-ID audit (S-SYS-3). The rules are ledger/people.h's; this file
// stores, reads and audits. Training records name staff only (login ids), never patients.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "ledger/disposal.h"
#include "ledger/people.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace internal {

namespace {
Result<std::vector<ledger::TestResult>> TestResults(store::Database& db) {
  GANREG_ASSIGN_OR_RETURN(auto tests, db.ListTrainingTests());
  std::vector<ledger::TestResult> out;
  for (const auto& t : tests) {
    out.push_back({t.id, t.person, ledger::ParseDate(t.date).value_or(0), t.passed, t.corrects});
  }
  return out;
}
}  // namespace

Result<bool> HasCurrentTraining(store::Database& db, std::string_view person, int32_t today) {
  GANREG_ASSIGN_OR_RETURN(auto tests, TestResults(db));
  return ledger::TrainingCurrent(tests, person, today);
}

}  // namespace internal

namespace {

TrainingPlanInfo PlanOf(const store::TrainingPlanRecord& r) {
  return {r.id,        r.at,         r.fiscal_year, r.title,      r.covers,
          r.pass_mark, r.planned_by, r.approved_by, r.approved_at};
}

TrainingTestInfo TestOf(const store::TrainingTestRecord& r) {
  TrainingTestInfo t;
  t.id = r.id;
  t.at = r.at;
  t.session_id = r.session_id;
  t.person = r.person;
  t.date = r.date;
  t.score = r.score;
  t.pass_mark = r.pass_mark;
  t.passed = r.passed;
  t.retest_of = r.retest_of;
  t.corrects = r.corrects;
  t.recorded_by = r.recorded_by;
  return t;
}

// Today, or a given YYYY-MM-DD not in the future.
Result<int32_t> DateOrToday(std::string_view given, int64_t now) {
  const int32_t today = JapanDate(now);
  if (given.empty()) return today;
  auto d = ledger::ParseDate(given);
  if (!d) {
    return Status::InvalidArgument(
        fmt::format("日付は YYYY-MM-DD / the date is YYYY-MM-DD, not '{}'", given));
  }
  if (*d > today) return Status::InvalidArgument("日付が未来です / the date is in the future");
  return *d;
}

struct Accounts {
  std::vector<store::UserRecord> all;
  const store::UserRecord* Find(std::string_view name) const {
    for (const auto& u : all) {
      if (u.name == name) return &u;
    }
    return nullptr;
  }
  const store::UserRecord* Active(std::string_view name) const {
    const auto* u = Find(name);
    return u && u->disabled_at == 0 ? u : nullptr;
  }
};

Result<Accounts> LoadAccounts(store::Database& db) {
  GANREG_ASSIGN_OR_RETURN(auto users, db.ListUsers());
  return Accounts{std::move(users)};
}

}  // namespace

Result<TrainingPlanInfo> Session::AddTrainingPlan(const TrainingPlanRequest& req) {
  return Run<TrainingPlanInfo>(Action::kTrainingPlanAdd, "training-plan",
                               [&](Work& w) -> Result<TrainingPlanInfo> {
    GANREG_ASSIGN_OR_RETURN(auto topics, ledger::ParseTopics(req.covers));
    ledger::Plan plan{req.fiscal_year, req.title, topics, req.pass_mark};
    GANREG_RETURN_IF_ERROR(ledger::CheckPlan(plan));
    store::TrainingPlanRecord r;
    r.at = registry_.clock_->NowSeconds();
    r.fiscal_year = req.fiscal_year;
    r.title = req.title;
    r.covers = ledger::JoinTopics(topics);
    r.pass_mark = req.pass_mark;
    r.planned_by = actor_.name;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertTrainingPlan(r));
    w.object = fmt::format("training-plan:{}", r.id);
    w.detail = fmt::format("fiscal_year={} pass_mark={} covers={}", r.fiscal_year, r.pass_mark,
                           r.covers);
    return PlanOf(r);
  });
}

Result<TrainingPlanInfo> Session::ApproveTrainingPlan(int64_t plan_id) {
  return Run<TrainingPlanInfo>(Action::kTrainingPlanApprove,
                               fmt::format("training-plan:{}", plan_id),
                               [&](Work&) -> Result<TrainingPlanInfo> {
    GANREG_ASSIGN_OR_RETURN(auto plan, db_.FindTrainingPlan(plan_id));
    if (!plan) {
      return Status::NotFound(fmt::format("研修計画#{}はありません / no training plan #{}",
                                          plan_id, plan_id));
    }
    if (!plan->approved_by.empty()) {
      return Status::FailedPrecondition(fmt::format(
          "研修計画#{}は{}が承認済み / training plan #{} was approved already by {}", plan_id,
          plan->approved_by, plan_id, plan->approved_by));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_RETURN_IF_ERROR(db_.ApproveTrainingPlan(plan_id, now, actor_.name));
    plan->approved_by = actor_.name;
    plan->approved_at = now;
    return PlanOf(*plan);
  });
}

Result<TrainingSessionInfo> Session::RecordTrainingSession(const TrainingSessionRequest& req) {
  return Run<TrainingSessionInfo>(Action::kTrainingSession, "training-session",
                                  [&](Work& w) -> Result<TrainingSessionInfo> {
    GANREG_ASSIGN_OR_RETURN(auto plan, db_.FindTrainingPlan(req.plan_id));
    if (!plan) {
      return Status::NotFound(fmt::format("研修計画#{}はありません / no training plan #{}",
                                          req.plan_id, req.plan_id));
    }
    if (plan->approved_by.empty()) {
      return Status::FailedPrecondition(fmt::format(
          "S-HUM-3: 研修計画#{}は責任者の承認前 / training plan #{} is not approved by the head "
          "yet (ganreg training plan approve {})", req.plan_id, req.plan_id, req.plan_id));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now));
    if (ledger::FiscalYear(date) != plan->fiscal_year) {
      return Status::FailedPrecondition(fmt::format(
          "S-HUM-1: {}は計画の{}年度外 / {} is outside the plan's fiscal year {} (April–March)",
          ledger::FormatDate(date), plan->fiscal_year, ledger::FormatDate(date),
          plan->fiscal_year));
    }
    if (req.trainer.empty() || req.content.empty()) {
      return Status::InvalidArgument(
          "講師と内容が必要です / the trainer and the content are required (S-HUM-1)");
    }
    if (req.attendees.empty() && req.contractors.empty()) {
      return Status::InvalidArgument("受講者がいません / name the attendees (S-HUM-1)");
    }
    GANREG_ASSIGN_OR_RETURN(auto accounts, LoadAccounts(db_));
    for (const auto& a : req.attendees) {
      if (!accounts.Active(a)) {
        return Status::InvalidArgument(fmt::format(
            "{}は有効なアカウントではありません / '{}' is not an active account (contractors "
            "go in --contractors)", a, a));
      }
    }
    store::TrainingSessionRecord r{0, now, req.plan_id, ledger::FormatDate(date),
                                   req.trainer, req.content, actor_.name};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertTrainingSession(r));
    std::set<std::string> seen;
    for (const auto* list : {&req.attendees, &req.contractors}) {
      for (const auto& a : *list) {
        if (a.empty() || !seen.insert(a).second) continue;
        GANREG_RETURN_IF_ERROR(db_.InsertAttendance({r.id, a, list == &req.contractors}));
      }
    }
    w.object = fmt::format("training-session:{}", r.id);
    w.detail = fmt::format("plan={} date={} attendees={} contractors={}", r.plan_id, r.date,
                           req.attendees.size(), req.contractors.size());
    TrainingSessionInfo info{r.id, r.at, r.plan_id, r.date, r.trainer, r.content, r.recorded_by,
                             {}, {}};
    for (const auto& a : req.attendees) info.attendees.push_back(a);
    for (const auto& c : req.contractors) info.contractors.push_back(c);
    return info;
  });
}

Result<TrainingTestInfo> Session::RecordTrainingTest(const TrainingTestRequest& req) {
  return Run<TrainingTestInfo>(Action::kTrainingTest, fmt::format("training:{}", req.person),
                               [&](Work& w) -> Result<TrainingTestInfo> {
    if (req.score < 0 || req.score > 100) {
      return Status::InvalidArgument(
          fmt::format("点数は0〜100 / the score is 0–100, not {}", req.score));
    }
    GANREG_ASSIGN_OR_RETURN(auto session, db_.FindTrainingSession(req.session_id));
    if (!session) {
      return Status::NotFound(fmt::format("研修#{}はありません / no training session #{}",
                                          req.session_id, req.session_id));
    }
    GANREG_ASSIGN_OR_RETURN(auto plan, db_.FindTrainingPlan(session->plan_id));
    GANREG_ASSIGN_OR_RETURN(auto attendance, db_.AttendanceOf(req.session_id));
    const bool attended = std::any_of(attendance.begin(), attendance.end(),
                                      [&](const auto& a) { return a.attendee == req.person; });
    if (!attended) {
      return Status::FailedPrecondition(fmt::format(
          "S-HUM-1: {}は研修#{}の受講記録がない / {} did not attend session #{}: a test is "
          "recorded for its attendees", req.person, req.session_id, req.person, req.session_id));
    }
    GANREG_ASSIGN_OR_RETURN(auto all, db_.ListTrainingTests());
    std::map<int64_t, int64_t> corrected_by, retested_by;
    for (const auto& t : all) {
      if (t.corrects != 0) corrected_by[t.corrects] = t.id;
      if (t.retest_of != 0) retested_by[t.retest_of] = t.id;
    }
    auto find = [&](int64_t id) -> const store::TrainingTestRecord* {
      for (const auto& t : all) {
        if (t.id == id) return &t;
      }
      return nullptr;
    };
    if (req.corrects != 0) {
      const auto* old = find(req.corrects);
      if (!old || old->person != req.person || old->session_id != req.session_id) {
        return Status::NotFound(fmt::format(
            "訂正対象の結果#{}（同じ人・同じ研修）がありません / no result #{} of {} in session "
            "#{} to correct", req.corrects, req.corrects, req.person, req.session_id));
      }
      if (auto it = corrected_by.find(old->id); it != corrected_by.end()) {
        return Status::FailedPrecondition(fmt::format(
            "結果#{}は#{}で訂正済み / result #{} was corrected already by #{}: correct that one",
            old->id, it->second, old->id, it->second));
      }
    } else if (req.retest_of != 0) {
      const auto* old = find(req.retest_of);
      if (!old || old->person != req.person) {
        return Status::NotFound(fmt::format("{}の結果#{}はありません / no result #{} of {}",
                                            req.person, req.retest_of, req.retest_of,
                                            req.person));
      }
      if (corrected_by.count(old->id) != 0) {
        return Status::FailedPrecondition(fmt::format(
            "結果#{}は訂正済み / result #{} was corrected: retest the corrected result",
            old->id, old->id));
      }
      if (old->passed) {
        return Status::FailedPrecondition(fmt::format(
            "S-HUM-1: 結果#{}は合格（再試験は結果に応じて行う） / result #{} passed: a retest "
            "follows a failed result", old->id, old->id));
      }
      if (auto it = retested_by.find(old->id); it != retested_by.end()) {
        return Status::FailedPrecondition(fmt::format(
            "結果#{}は#{}で再試験済み / result #{} was retested already by #{}: retest that one",
            old->id, it->second, old->id, it->second));
      }
    } else {
      for (const auto& t : all) {
        if (t.person == req.person && t.session_id == req.session_id && t.retest_of == 0 &&
            t.corrects == 0) {
          return Status::FailedPrecondition(fmt::format(
              "S-HUM-1: {}の研修#{}の試験は#{}で記録済み / {}'s test of session #{} is recorded "
              "as #{}: record another attempt as a retest (--retest-of) or a correction "
              "(--corrects)", req.person, req.session_id, t.id, req.person, req.session_id,
              t.id));
        }
      }
    }
    const int64_t now = registry_.clock_->NowSeconds();
    store::TrainingTestRecord r;
    r.at = now;
    r.session_id = req.session_id;
    r.person = req.person;
    // The result counts from the session's date; a retest from the day it is recorded.
    r.date = req.retest_of != 0 ? ledger::FormatDate(JapanDate(now)) : session->date;
    if (req.corrects != 0) r.date = find(req.corrects)->date;
    r.score = req.score;
    r.pass_mark = plan->pass_mark;
    r.passed = req.score >= plan->pass_mark;
    r.retest_of = req.retest_of;
    r.corrects = req.corrects;
    r.recorded_by = actor_.name;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertTrainingTest(r));
    w.object = fmt::format("training-test:{}", r.id);
    w.detail = fmt::format("person={} session={} score={} pass_mark={} passed={} retest_of={} "
                           "corrects={}", r.person, r.session_id, r.score, r.pass_mark,
                           r.passed ? 1 : 0, r.retest_of, r.corrects);
    return TestOf(r);
  });
}

Result<TrainingRecords> Session::ListTraining() {
  return Run<TrainingRecords>(Action::kTrainingList, "ledger:training",
                              [&](Work& w) -> Result<TrainingRecords> {
    TrainingRecords out;
    GANREG_ASSIGN_OR_RETURN(auto plans, db_.ListTrainingPlans());
    for (const auto& p : plans) out.plans.push_back(PlanOf(p));
    GANREG_ASSIGN_OR_RETURN(auto sessions, db_.ListTrainingSessions());
    for (const auto& s : sessions) {
      TrainingSessionInfo info{s.id, s.at, s.plan_id, s.date, s.trainer, s.content,
                               s.recorded_by, {}, {}};
      GANREG_ASSIGN_OR_RETURN(auto attendance, db_.AttendanceOf(s.id));
      for (const auto& a : attendance) {
        (a.contractor ? info.contractors : info.attendees).push_back(a.attendee);
      }
      out.sessions.push_back(std::move(info));
    }
    GANREG_ASSIGN_OR_RETURN(auto tests, db_.ListTrainingTests());
    std::vector<ledger::TestResult> results;
    for (const auto& t : tests) {
      out.tests.push_back(TestOf(t));
      results.push_back({t.id, t.person, ledger::ParseDate(t.date).value_or(0), t.passed,
                         t.corrects});
    }
    for (auto& t : out.tests) {
      for (const auto& later : tests) {
        if (later.corrects == t.id) t.corrected_by = later.id;
      }
    }
    const int32_t today = JapanDate(registry_.clock_->NowSeconds());
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    for (const auto& u : users) {
      if (u.disabled_at != 0 || u.role == "head") continue;
      auto last = ledger::LastPass(results, u.name);
      out.standing.push_back({u.name, last ? ledger::FormatDate(*last) : "",
                              ledger::TrainingCurrent(results, u.name, today)});
    }
    w.detail = fmt::format("plans={} sessions={} tests={}", out.plans.size(),
                           out.sessions.size(), out.tests.size());
    return out;
  });
}

Result<BriefingInfo> Session::RecordBriefing(const BriefingRequest& req) {
  return Run<BriefingInfo>(Action::kBriefingRecord, fmt::format("briefing:{}", req.person),
                           [&](Work& w) -> Result<BriefingInfo> {
    if (!ledger::ParseBriefingKind(req.kind)) {
      return Status::InvalidArgument(fmt::format(
          "種類は new-staff, leaver / the kind is new-staff or leaver, not '{}'", req.kind));
    }
    GANREG_ASSIGN_OR_RETURN(auto accounts, LoadAccounts(db_));
    const auto* person = accounts.Find(req.person);
    if (!person) {
      return Status::NotFound(fmt::format("アカウント{}はありません / no account '{}'",
                                          req.person, req.person));
    }
    const std::string given_by = req.given_by.empty() ? actor_.name : req.given_by;
    const auto* giver = accounts.Find(given_by);
    if (!giver || giver->role != "head") {
      return Status::FailedPrecondition(fmt::format(
          "S-HUM-3: 新任者・退職者への説明は登録室責任者が行う（{}は責任者ではない） / the head "
          "gives the briefing for new staff and leavers; '{}' is not the head", given_by,
          given_by));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    GANREG_ASSIGN_OR_RETURN(int32_t date, DateOrToday(req.date, now));
    store::BriefingRecord r{0,        now,      req.kind, req.person, ledger::FormatDate(date),
                            given_by, req.note, actor_.name};
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertBriefing(r));
    w.object = fmt::format("briefing:{}", r.id);
    w.detail = fmt::format("kind={} person={} given_by={}", r.kind, r.person, r.given_by);
    return BriefingInfo{r.id, r.at, r.kind, r.person, r.date, r.given_by, r.note, r.recorded_by};
  });
}

Result<std::vector<BriefingInfo>> Session::ListBriefings() {
  return Run<std::vector<BriefingInfo>>(Action::kBriefingList, "ledger:briefing",
                                        [&](Work& w) -> Result<std::vector<BriefingInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListBriefings());
    std::vector<BriefingInfo> out;
    for (const auto& r : rows) {
      out.push_back({r.id, r.at, r.kind, r.person, r.date, r.given_by, r.note, r.recorded_by});
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<std::vector<AccountCheck>> Session::IdAuditAccounts() {
  return Run<std::vector<AccountCheck>>(Action::kIdAuditList, "accounts",
                                        [&](Work& w) -> Result<std::vector<AccountCheck>> {
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    GANREG_ASSIGN_OR_RETURN(auto tests, db_.ListTrainingTests());
    std::vector<ledger::TestResult> results;
    for (const auto& t : tests) {
      results.push_back({t.id, t.person, ledger::ParseDate(t.date).value_or(0), t.passed,
                         t.corrects});
    }
    GANREG_ASSIGN_OR_RETURN(auto briefings, db_.ListBriefings());
    std::vector<AccountCheck> out;
    for (const auto& u : users) {
      AccountCheck a;
      a.name = u.name;
      a.role = u.role;
      a.state = u.disabled_at == 0 ? "active" : "disabled";
      a.created_by = u.created_by;
      a.instructed_by = u.instructed_by;
      a.created_at = u.created_at;
      a.password_changed_at = u.password_changed_at;
      GANREG_ASSIGN_OR_RETURN(auto slots, db_.KeySlotsOf(u.id));
      for (const auto& s : slots) {
        if (s.category != model::CategoryId(model::Category::kAudit)) {
          a.categories.push_back(s.category);
        }
      }
      auto last = ledger::LastPass(results, u.name);
      a.last_pass = last ? ledger::FormatDate(*last) : "";
      a.briefed = std::any_of(briefings.begin(), briefings.end(), [&](const auto& b) {
        return b.person == u.name && b.kind == "new-staff";
      });
      out.push_back(std::move(a));
    }
    w.detail = fmt::format("accounts={}", out.size());
    return out;
  });
}

Result<IdAuditInfo> Session::RecordIdAudit(const IdAuditRequest& req) {
  return Run<IdAuditInfo>(Action::kIdAuditRecord, "id-audit",
                          [&](Work& w) -> Result<IdAuditInfo> {
    if (req.trigger != "april" && req.trigger != "personnel-change") {
      return Status::InvalidArgument(fmt::format(
          "契機は april, personnel-change / the trigger is april or personnel-change (S-SYS-3), "
          "not '{}'", req.trigger));
    }
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<std::string> active, all, mismatched;
    for (const auto& u : users) {
      all.push_back(u.name);
      if (u.disabled_at == 0) active.push_back(u.name);
    }
    for (const auto& [name, note] : req.mismatched) mismatched.push_back(name);
    GANREG_RETURN_IF_ERROR(ledger::CheckIdAudit(active, all, req.confirmed, mismatched));
    const int64_t now = registry_.clock_->NowSeconds();
    store::IdAuditRecord r;
    r.at = now;
    r.date = ledger::FormatDate(JapanDate(now));
    r.trigger = req.trigger;
    r.reviewer = actor_.name;
    r.note = req.note;
    std::vector<store::IdAuditItemRecord> items;
    for (const auto& u : users) {
      const bool confirmed =
          std::find(req.confirmed.begin(), req.confirmed.end(), u.name) != req.confirmed.end();
      auto mm = std::find_if(req.mismatched.begin(), req.mismatched.end(),
                             [&](const auto& m) { return m.first == u.name; });
      // A disabled account not named is listed as checked by its state (no holder to confirm).
      if (!confirmed && mm == req.mismatched.end() && u.disabled_at == 0) continue;
      store::IdAuditItemRecord item{0, u.name, u.role, u.disabled_at == 0 ? "active" : "disabled",
                                    mm != req.mismatched.end() ? "mismatch" : "match",
                                    mm != req.mismatched.end() ? mm->second : ""};
      items.push_back(std::move(item));
    }
    r.accounts = static_cast<int64_t>(items.size());
    r.mismatches = static_cast<int64_t>(req.mismatched.size());
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertIdAudit(r, items));
    w.object = fmt::format("id-audit:{}", r.id);
    w.detail = fmt::format("trigger={} accounts={} mismatches={}", r.trigger, r.accounts,
                           r.mismatches);
    IdAuditInfo info{r.id, r.at, r.date, r.trigger, r.reviewer, r.accounts, r.mismatches,
                     r.note, {}};
    for (const auto& i : items) {
      info.items.push_back({i.account, i.role, i.state, i.status, i.note});
    }
    return info;
  });
}

Result<std::vector<IdAuditInfo>> Session::ListIdAudits() {
  return Run<std::vector<IdAuditInfo>>(Action::kIdAuditList, "ledger:id-audit",
                                       [&](Work& w) -> Result<std::vector<IdAuditInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListIdAudits());
    std::vector<IdAuditInfo> out;
    for (const auto& r : rows) {
      IdAuditInfo info{r.id, r.at, r.date, r.trigger, r.reviewer, r.accounts, r.mismatches,
                       r.note, {}};
      GANREG_ASSIGN_OR_RETURN(auto items, db_.IdAuditItemsOf(r.id));
      for (const auto& i : items) {
        info.items.push_back({i.account, i.role, i.state, i.status, i.note});
      }
      out.push_back(std::move(info));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

}  // namespace ganreg::app
