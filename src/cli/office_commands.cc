// Office-ledger subcommands, second slice (issue #4), over the app layer: training, briefings
// and the user-ID audit (S-HUM-1..3, S-SYS-3), incidents and the emergency contact network
// (S-INC-1, S-INC-2), the key box and the entry/exit log (S-STO-1, S-ENT-1), and `due`.
// Japanese first, then English, like the other commands.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/exit_codes.h"
#include "cli/ledger_commands.h"
#include "core/clock.h"
#include "core/files.h"

namespace ganreg::cli {
namespace {

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!list.empty()) {
    size_t comma = list.find(',', start);
    std::string one = list.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!one.empty()) out.push_back(one);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void AddTrainingCommands(CLI::App& app, Globals& g, int& rc) {
  auto* training = app.add_subcommand("training", "研修・試験 training and tests (S-HUM-1..3)");
  training->require_subcommand(1);
  auto* plan = training->add_subcommand("plan", "training plans (approved by the head)");
  plan->require_subcommand(1);
  auto* padd = plan->add_subcommand("add", "plan training and a test for a fiscal year");
  static app::TrainingPlanRequest pq;
  padd->add_option("--year", pq.fiscal_year, "fiscal year (April–March), e.g. 2026")->required();
  padd->add_option("--title", pq.title, "the plan's title")->required();
  padd->add_option("--covers", pq.covers,
                   "curriculum: rules,roles,after-leaving (all three, S-HUM-2)")->required();
  padd->add_option("--pass-mark", pq.pass_mark, "the test's pass mark, 1–100")->required();
  padd->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AddTrainingPlan(pq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: training plan #{} ({}年度 fiscal year {}, 合格点 pass "
                 "mark {}); 責任者の承認待ち awaiting the head's approval\n",
                 r->id, r->fiscal_year, r->fiscal_year, r->pass_mark);
      return kExitOk;
    });
  });
  auto* pappr = plan->add_subcommand("approve", "the head approves a plan (S-HUM-3)");
  static int64_t pa_id = 0;
  pappr->add_option("ID", pa_id)->required();
  pappr->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ApproveTrainingPlan(pa_id);
      if (!r.ok()) return Fail(r.status());
      fmt::print("承認しました approved: training plan #{} by {}\n", r->id, r->approved_by);
      return kExitOk;
    });
  });

  auto* session = training->add_subcommand("session", "record a session with its attendance");
  static app::TrainingSessionRequest sq;
  static std::string sq_att, sq_con;
  session->add_option("--plan", sq.plan_id, "the approved plan")->required();
  session->add_option("--date", sq.date, "YYYY-MM-DD (default: today)");
  session->add_option("--trainer", sq.trainer, "who gave it")->required();
  session->add_option("--content", sq.content, "what was taught")->required();
  session->add_option("--attendees", sq_att, "accounts that attended: NAME[,NAME]");
  session->add_option("--contractors", sq_con, "contractor staff that attended: NAME[,NAME]");
  session->callback([&] {
    sq.attendees = Split(sq_att);
    sq.contractors = Split(sq_con);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordTrainingSession(sq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: training session #{} {} ({} attendees)\n", r->id,
                 r->date, r->attendees.size() + r->contractors.size());
      return kExitOk;
    });
  });

  auto* test = training->add_subcommand("test", "record a test result or a retest");
  static app::TrainingTestRequest tq;
  test->add_option("--session", tq.session_id, "the session it tested")->required();
  test->add_option("--person", tq.person, "who took it")->required();
  test->add_option("--score", tq.score, "0–100")->required();
  test->add_option("--retest-of", tq.retest_of, "the failed result this retest repeats");
  test->add_option("--corrects", tq.corrects, "the result this entry corrects");
  test->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordTrainingTest(tq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: result #{} {} {}点 score {} / {}: {}\n", r->id, r->person,
                 r->score, r->score, r->pass_mark,
                 r->passed ? "合格 passed" : "不合格 failed: 再試験 retest (--retest-of)");
      return kExitOk;
    });
  });

  auto* list = training->add_subcommand("list", "plans, sessions, results and who is current");
  list->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListTraining();
      if (!r.ok()) return Fail(r.status());
      fmt::print("研修計画 training plans ({})\n", r->plans.size());
      for (const auto& p : r->plans) {
        fmt::print("  #{}  {}年度 FY{}  {}  covers {}  合格点 pass mark {}  計画 by {}  {}\n", p.id,
                   p.fiscal_year, p.fiscal_year, p.title, p.covers, p.pass_mark, p.planned_by,
                   p.approved_by.empty() ? "未承認 not approved"
                                         : fmt::format("承認 approved by {}", p.approved_by));
      }
      fmt::print("研修 sessions ({})\n", r->sessions.size());
      for (const auto& x : r->sessions) {
        fmt::print("  #{}  {}  plan #{}  講師 trainer {}  {}  受講 attended: {}{}\n", x.id, x.date,
                   x.plan_id, x.trainer, x.content, fmt::join(x.attendees, ", "),
                   x.contractors.empty()
                       ? ""
                       : fmt::format("; 委託 contractors: {}", fmt::join(x.contractors, ", ")));
      }
      fmt::print("試験結果 test results ({})\n", r->tests.size());
      for (const auto& t : r->tests) {
        fmt::print("  #{}  {}  session #{}  {}  {}/{}  {}{}{}{}\n", t.id, t.date, t.session_id,
                   t.person, t.score, t.pass_mark, t.passed ? "合格 passed" : "不合格 failed",
                   t.retest_of ? fmt::format("  (#{}の再試験 retest of #{})", t.retest_of,
                                             t.retest_of) : "",
                   t.corrects ? fmt::format("  (#{}を訂正 corrects #{})", t.corrects, t.corrects)
                              : "",
                   t.corrected_by ? fmt::format("  (#{}で訂正済み corrected by #{})",
                                                t.corrected_by, t.corrected_by) : "");
      }
      fmt::print("受講状況 standing (S-HUM-1: passed within a year)\n");
      for (const auto& st : r->standing) {
        fmt::print("  {:<12} {:<11} {}\n", st.person, st.last_pass.empty() ? "-" : st.last_pass,
                   st.current ? "有効 current" : "要研修 training needed");
      }
      return kExitOk;
    });
  });

  // ---- briefings (S-HUM-3) ----
  auto* briefing = app.add_subcommand("briefing", "新任者・退職者への説明 briefings (S-HUM-3)");
  briefing->require_subcommand(1);
  auto* brec = briefing->add_subcommand("record", "record the head's briefing");
  static app::BriefingRequest bq;
  brec->add_option("--kind", bq.kind, "new-staff, leaver")->required()
      ->check(CLI::IsMember({"new-staff", "leaver"}));
  brec->add_option("--person", bq.person, "the account briefed")->required();
  brec->add_option("--given-by", bq.given_by, "the head who gave it (default: you)");
  brec->add_option("--date", bq.date, "YYYY-MM-DD (default: today)");
  brec->add_option("--note", bq.note, "what was covered");
  brec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordBriefing(bq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: briefing #{} {} {} by {} on {}\n", r->id, r->kind,
                 r->person, r->given_by, r->date);
      return kExitOk;
    });
  });
  auto* blist = briefing->add_subcommand("list", "every briefing");
  blist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListBriefings();
      if (!r.ok()) return Fail(r.status());
      fmt::print("説明の記録 briefings ({})\n", r->size());
      for (const auto& b : *r) {
        fmt::print("  #{}  {}  {:<9}  {}  by {}  {}\n", b.id, b.date, b.kind, b.person,
                   b.given_by, b.note);
      }
      return kExitOk;
    });
  });

  // ---- id-audit (S-SYS-3) ----
  auto* ida = app.add_subcommand("id-audit", "利用者IDの照合 user-ID audit (S-SYS-3)");
  ida->require_subcommand(1);
  auto* iacc = ida->add_subcommand("accounts", "every account, to check against its holder");
  iacc->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.IdAuditAccounts();
      if (!r.ok()) return Fail(r.status());
      fmt::print("利用者ID一覧 accounts ({})\n", r->size());
      fmt::print("  {:<12} {:<12} {:<9} {:<10} {:<10} {:<11} {:<8} {}\n", "id", "role", "state",
                 "created-by", "instructed", "training", "briefed", "categories");
      for (const auto& a : *r) {
        fmt::print("  {:<12} {:<12} {:<9} {:<10} {:<10} {:<11} {:<8} {}\n", a.name, a.role,
                   a.state, a.created_by, a.instructed_by.empty() ? "-" : a.instructed_by,
                   a.last_pass.empty() ? "-" : a.last_pass, a.briefed ? "yes" : "no",
                   fmt::join(a.categories, ","));
      }
      return kExitOk;
    });
  });
  auto* irec = ida->add_subcommand("record", "record the result: every active account checked");
  static app::IdAuditRequest iq;
  static std::string iq_conf;
  static std::vector<std::string> iq_mis;
  irec->add_option("--trigger", iq.trigger, "april, personnel-change")
      ->check(CLI::IsMember({"april", "personnel-change"}));
  irec->add_option("--confirmed", iq_conf, "accounts matched to their holder: NAME[,NAME]");
  irec->add_option("--mismatch", iq_mis, "an account that does not match: NAME=WHAT-WAS-FOUND");
  irec->add_option("--note", iq.note, "a note on the audit");
  irec->callback([&] {
    iq.confirmed = Split(iq_conf);
    iq.mismatched.clear();
    for (const auto& m : iq_mis) {
      auto eq = m.find('=');
      iq.mismatched.emplace_back(m.substr(0, eq),
                                 eq == std::string::npos ? std::string() : m.substr(eq + 1));
    }
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordIdAudit(iq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: ID audit #{} {} ({}): {} accounts, {} mismatches\n",
                 r->id, r->date, r->trigger, r->accounts, r->mismatches);
      return kExitOk;
    });
  });
  auto* ilist = ida->add_subcommand("list", "the audits recorded");
  ilist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListIdAudits();
      if (!r.ok()) return Fail(r.status());
      fmt::print("利用者ID照合記録 ID audits ({})\n", r->size());
      for (const auto& a : *r) {
        fmt::print("  #{}  {}  {}  by {}  accounts {}  mismatches {}  {}\n", a.id, a.date,
                   a.trigger, a.reviewer, a.accounts, a.mismatches, a.note);
        for (const auto& i : a.items) {
          if (i.status == "mismatch") {
            fmt::print("    不一致 mismatch: {} ({}) {}\n", i.account, i.role, i.note);
          }
        }
      }
      return kExitOk;
    });
  });
}

void PrintIncident(const app::IncidentView& v) {
  fmt::print("#{}  発生 occurred {}  {}  報告 by {}\n", v.id, v.occurred, v.kind, v.reported_by);
  fmt::print("  概要 summary: {}\n", v.summary);
  if (!v.law.empty()) fmt::print("  適用法令 law: {}\n", v.law);
  for (const auto& s : v.steps) {
    fmt::print("  {}  {} ({}) by {}{}{}\n", s.done_at, s.label, s.step, s.recorded_by,
               s.to.empty() ? "" : fmt::format("  → {}", s.to),
               s.note.empty() ? "" : fmt::format(": {}", s.note));
  }
  if (v.missing.empty()) {
    fmt::print("  すべての手順を記録済み every step recorded\n");
  } else {
    fmt::print("  未記録の手順 steps not recorded: {}\n", fmt::join(v.missing, ", "));
  }
}

void AddIncidentCommands(CLI::App& app, Globals& g, int& rc) {
  auto* incident = app.add_subcommand("incident", "事故の記録 incidents (S-INC-1, S-INC-2)");
  incident->require_subcommand(1);
  auto* report = incident->add_subcommand("report", "record an incident (sealed: ledgers)");
  static app::IncidentRequest iq;
  report->add_option("--kind", iq.kind, "leak, loss, unauthorised-access, system-fault, other")
      ->required()
      ->check(CLI::IsMember({"leak", "loss", "unauthorised-access", "system-fault", "other"}));
  report->add_option("--occurred", iq.occurred, "YYYY-MM-DDTHH:MM (Japan)")->required();
  report->add_option("--summary", iq.summary, "what happened")->required();
  report->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ReportIncident(iq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: incident #{}\n", r->id);
      if (!r->law.empty()) fmt::print("適用法令 law: {}\n", r->law);
      fmt::print("次の手順 next steps: {}\n", fmt::join(r->missing, ", "));
      return kExitOk;
    });
  });
  auto* step = incident->add_subcommand("step", "record a step (checked against S-INC-1)");
  static app::IncidentStepRequest sq;
  step->add_option("ID", sq.incident_id, "the incident")->required();
  step->add_option("--step", sq.step,
                   "reported-to-head, contained, cause, prevention, head-to-governor, "
                   "head-to-ncc, governor-to-ministry, notified, note")->required();
  step->add_option("--at", sq.done_at, "when it was done, YYYY-MM-DDTHH:MM (default: now)");
  step->add_option("--note", sq.note, "what was done or found");
  step->add_option("--to", sq.to, "notified: to whom");
  step->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordIncidentStep(sq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: incident #{} {} ({}) at {}\n", sq.incident_id, r->label,
                 r->step, r->done_at);
      return kExitOk;
    });
  });
  auto* list = incident->add_subcommand("list", "every incident with its timeline");
  list->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListIncidents();
      if (!r.ok()) return Fail(r.status());
      fmt::print("事故の記録 incidents ({})\n", r->size());
      for (const auto& v : *r) PrintIncident(v);
      return kExitOk;
    });
  });
  auto* show = incident->add_subcommand("show", "one incident with its timeline");
  static int64_t show_id = 0;
  show->add_option("ID", show_id)->required();
  show->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowIncident(show_id);
      if (!r.ok()) return Fail(r.status());
      PrintIncident(*r);
      return kExitOk;
    });
  });
  auto* network = incident->add_subcommand("network", "緊急連絡網 emergency contact network");
  network->require_subcommand(1);
  auto* nset = network->add_subcommand("set", "record the network (a text file) and its date");
  static std::string n_date, n_file;
  nset->add_option("--updated", n_date, "its creation or update date, YYYY-MM-DD")->required();
  nset->add_option("--file", n_file, "a UTF-8 text file with the network")->required();
  nset->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto text = ReadFileToString(n_file);
      if (!text.ok()) return Fail(text.status());
      auto r = s.SetContactNetwork(n_date, *text);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: contact network #{} updated {}\n", r->id, r->updated_on);
      return kExitOk;
    });
  });
  auto* nshow = network->add_subcommand("show", "the latest network with its date");
  nshow->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowContactNetwork();
      if (!r.ok()) return Fail(r.status());
      fmt::print("緊急連絡網 emergency contact network (作成・更新 updated {}, by {})\n{}\n",
                 r->updated_on, r->recorded_by, r->text);
      return kExitOk;
    });
  });
}

void AddRoomCommands(CLI::App& app, Globals& g, int& rc) {
  auto* keybox = app.add_subcommand("keybox", "キーボックス the key box (S-STO-1, S-ENT-1)");
  keybox->require_subcommand(1);
  static app::KeyboxRequest kq;
  for (const char* action : {"open", "lock"}) {
    auto* sub = keybox->add_subcommand(action, std::string("record that the key box was ") +
                                                   (action[0] == 'o' ? "opened" : "locked"));
    sub->add_option("--note", kq.note, "a note");
    sub->callback([&, action] {
      kq.action = action;
      rc = WithSession(g, [&](app::Session& s) {
        auto r = s.RecordKeybox(kq);
        if (!r.ok()) return Fail(r.status());
        fmt::print("記録しました recorded: key box {} #{} by {}\n", r->action, r->id, r->by);
        return kExitOk;
      });
    });
  }
  auto* count = keybox->add_subcommand("count", "the end-of-day key count (S-ENT-1)");
  count->add_option("--expected", kq.expected, "keys that belong in the box")->required();
  count->add_option("--counted", kq.counted, "keys found")->required();
  count->add_option("--note", kq.note, "a note");
  count->callback([&] {
    kq.action = "count";
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordKeybox(kq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: key count #{} {}/{}\n", r->id, r->counted, r->expected);
      if (r->keys_missing) {
        fmt::print("注意 warning: 鍵が{}本不足 {} key(s) missing: report it as an incident "
                   "(ganreg incident report, S-INC-1)\n", r->expected - r->counted,
                   r->expected - r->counted);
      }
      return kExitOk;
    });
  });
  auto* klist = keybox->add_subcommand("list", "the key-box log");
  klist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListKeybox();
      if (!r.ok()) return Fail(r.status());
      fmt::print("キーボックス記録 key-box log ({})\n", r->size());
      for (const auto& k : *r) {
        fmt::print("  #{}  {}  {:<5}  by {}{}{}\n", k.id, FormatUtc(k.at), k.action, k.by,
                   k.action == "count" ? fmt::format("  {}/{}{}", k.counted, k.expected,
                                                     k.keys_missing ? " 不足 missing" : "")
                                       : "",
                   k.note.empty() ? "" : "  " + k.note);
      }
      return kExitOk;
    });
  });

  auto* entry = app.add_subcommand("entry-log", "入退室管理簿 the entry/exit log (S-ENT-1)");
  entry->require_subcommand(1);
  auto* erec = entry->add_subcommand("record", "a visitor's entry (pledge, approval, escort)");
  static app::VisitRequest vq;
  erec->add_option("--date", vq.date, "YYYY-MM-DD (default: today)");
  erec->add_option("--time-in", vq.time_in, "HH:MM")->required();
  erec->add_option("--name", vq.name, "the visitor's name (sealed)")->required();
  erec->add_option("--affiliation", vq.affiliation, "the visitor's affiliation (sealed)")
      ->required();
  erec->add_option("--purpose", vq.purpose, "why (sealed), e.g. 清掃 cleaning")->required();
  erec->add_flag("--pledge", vq.pledge, "the pledge (第5号様式) was received");
  erec->add_option("--approved-by", vq.approved_by, "the task lead who approved")->required();
  erec->add_option("--escort", vq.escort, "the staff member escorting")->required();
  erec->add_option("--corrects", vq.corrects, "the entry this one corrects");
  erec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordVisit(vq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: entry #{} {} {}\n", r->id, r->date, r->time_in);
      return kExitOk;
    });
  });
  auto* eexit = entry->add_subcommand("exit", "the visitor's exit");
  static int64_t ex_id = 0;
  static std::string ex_time;
  eexit->add_option("ID", ex_id, "the entry")->required();
  eexit->add_option("--time-out", ex_time, "HH:MM")->required();
  eexit->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordExit(ex_id, ex_time);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: entry #{} 退室 out {}\n", r->id, r->time_out);
      return kExitOk;
    });
  });
  auto* elist = entry->add_subcommand("list", "the log (names need the ledgers grant)");
  static std::string el_month;
  elist->add_option("--month", el_month, "YYYY-MM");
  elist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListVisits(el_month);
      if (!r.ok()) return Fail(r.status());
      fmt::print("入退室管理簿 entry/exit log ({} entries)\n", r->size());
      for (const auto& v : *r) {
        fmt::print("  #{}  {}  {}–{}  {}  誓約書 pledge {}  承認 approved {}  付添 escort {}{}{}\n",
                   v.id, v.date, v.time_in, v.time_out.empty() ? "在室 inside" : v.time_out,
                   v.sealed ? "(氏名は ledgers 権限で表示 names need the ledgers grant)"
                            : fmt::format("{} ({}) {}", v.name, v.affiliation, v.purpose),
                   v.pledge ? "yes" : "no", v.approved_by, v.escort,
                   v.corrects ? fmt::format("  (#{}を訂正 corrects #{})", v.corrects, v.corrects)
                              : "",
                   v.corrected_by ? fmt::format("  (#{}で訂正済み corrected by #{})",
                                                v.corrected_by, v.corrected_by) : "");
      }
      return kExitOk;
    });
  });
  auto* echeck = entry->add_subcommand("check", "the task lead's monthly check (S-ENT-1)");
  static std::string ec_month, ec_note;
  echeck->add_option("MONTH", ec_month, "YYYY-MM")->required();
  echeck->add_option("--note", ec_note, "what the check found");
  echeck->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.CheckEntryLog(ec_month, ec_note);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: {} checked by {} ({} entries)\n", r->month, r->checked_by,
                 r->entries);
      return kExitOk;
    });
  });
  auto* echecks = entry->add_subcommand("checks", "the monthly checks recorded");
  echecks->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListEntryChecks();
      if (!r.ok()) return Fail(r.status());
      fmt::print("月次点検 monthly checks ({})\n", r->size());
      for (const auto& c : *r) {
        fmt::print("  {}  by {}  {} entries  {}\n", c.month, c.checked_by, c.entries, c.note);
      }
      return kExitOk;
    });
  });
}

}  // namespace

void AddOfficeCommands(CLI::App& app, Globals& g, int& rc) {
  AddTrainingCommands(app, g, rc);
  AddIncidentCommands(app, g, rc);
  AddRoomCommands(app, g, rc);

  auto* due = app.add_subcommand("due", "期限 what is due or overdue, from the records");
  due->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.Due();
      if (!r.ok()) return Fail(r.status());
      fmt::print("期限 what is due ({} items)\n", r->size());
      for (const auto& d : *r) {
        fmt::print("  {}  {}  {:<8} {}\n", d.overdue ? "期限超過 OVERDUE" : "期限     due    ",
                   d.due, d.rule, d.what);
      }
      return kExitOk;
    });
  });
}

}  // namespace ganreg::cli
