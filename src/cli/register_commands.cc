// Office-ledger subcommands, third slice (issue #4), over the app layer: `self-assessment`
// (S-CHK-1), `takeout` (STO-3), `maintenance` (S-SYS-6), `acquisition` (S-ACQ-2, S-ACQ-4),
// `definition` (S-SYS-4) and `ledger print`. Japanese first, then English.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/exit_codes.h"
#include "cli/ledger_commands.h"
#include "core/clock.h"

namespace ganreg::cli {
namespace {

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    size_t comma = list.find(',', start);
    std::string one =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!one.empty()) out.push_back(one);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string ResultLabel(const std::string& r) {
  if (r == "met") return "適 met";
  if (r == "not-met") return "不適 NOT MET";
  if (r == "not-applicable") return "該当なし n/a";
  return "未回答 to answer";
}

void PrintAssessment(const app::AssessmentView& v, bool items) {
  fmt::print("{}年 自己点検 self-assessment {}: 開始 started {} by {}; {}\n", v.year, v.year,
             FormatUtc(v.started_at), v.started_by,
             v.signed_by.empty() ? "未署名 not signed"
                                 : fmt::format("署名 signed {} by {}", FormatUtc(v.signed_at),
                                               v.signed_by));
  fmt::print("  適 met {} / 不適 not met {} / 該当なし n/a {} / 未回答 to answer {} (of {})\n", v.met,
             v.not_met, v.not_applicable, v.unanswered, v.items.size());
  if (!items) return;
  std::string section;
  for (const auto& i : v.items) {
    if (i.section != section) {
      section = i.section;
      fmt::print("【{}】\n", section);
    }
    fmt::print("  {}  {:<16} {:<22} {}\n        {}  [{}]\n", i.no, ResultLabel(i.result),
               i.from_records ? "記録から from records" : "要回答 a person's answer", i.text_ja,
               i.from_records ? i.evidence : (i.note.empty() ? "-" : i.note), i.rules);
    if (!i.action.empty()) fmt::print("        改善措置 action: {}\n", i.action);
  }
}

void AddSelfAssessmentCommands(CLI::App& app, Globals& g, int& rc) {
  auto* sa = app.add_subcommand("self-assessment", "9月の自己点検 the September self-assessment "
                                                   "(S-CHK-1)");
  sa->require_subcommand(1);
  static int64_t year = 0;
  auto* start = sa->add_subcommand("start", "start the year's checklist, pre-filled from the records");
  start->add_option("--year", year, "the year (its September)")->required();
  start->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.StartSelfAssessment(year);
      if (!r.ok()) return Fail(r.status());
      fmt::print("開始しました started.\n");
      PrintAssessment(*r, true);
      return kExitOk;
    });
  });
  auto* answer = sa->add_subcommand("answer", "answer an item (checked, S-CHK-1)");
  static app::AssessmentAnswerRequest aq;
  answer->add_option("--year", aq.year, "the year")->required();
  answer->add_option("ITEM", aq.item, "the item, e.g. 3-03")->required();
  answer->add_option("--status", aq.status, "met, not-met, not-applicable");
  answer->add_option("--note", aq.note, "the evidence note (what shows it)");
  answer->add_option("--action", aq.action, "the action decided for an unmet item");
  answer->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.AnswerSelfAssessment(aq);
      if (!st.ok()) return Fail(st);
      fmt::print("記録しました recorded: {} item {}\n", aq.year, aq.item);
      return kExitOk;
    });
  });
  auto* sign = sa->add_subcommand("sign", "the head signs the year's self-assessment");
  static std::string sign_note;
  sign->add_option("--year", year, "the year")->required();
  sign->add_option("--note", sign_note, "a note");
  sign->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.SignSelfAssessment(year, sign_note);
      if (!r.ok()) return Fail(r.status());
      fmt::print("署名しました signed.\n");
      PrintAssessment(*r, false);
      return kExitOk;
    });
  });
  auto* show = sa->add_subcommand("show", "every item as it stands");
  show->add_option("--year", year, "the year")->required();
  show->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowSelfAssessment(year);
      if (!r.ok()) return Fail(r.status());
      PrintAssessment(*r, true);
      return kExitOk;
    });
  });
  auto* report = sa->add_subcommand("report", "the printable report (A4 PDF or HTML)");
  static std::string report_out;
  report->add_option("--year", year, "the year")->required();
  report->add_option("--out", report_out, "a new file: report.pdf or report.html")->required();
  report->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.WriteSelfAssessmentReport(year, report_out);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{}: 報告書 report written ({}{})\n", report_out,
                 r->signed_by.empty() ? "未署名の下書き draft, not signed" : "署名済み signed",
                 r->report_pages > 0 ? fmt::format(", A4 {} page(s)", r->report_pages) : "");
      return kExitOk;
    });
  });
}

// One answer line of `checklist run --answers FILE`: ITEM, STATUS, NOTE, ACTION separated by
// tabs (the last ones may be left out); empty lines and lines starting with # are skipped.
std::optional<app::AssessmentAnswerRequest> ParseAnswerLine(int64_t year, const std::string& line) {
  if (line.empty() || line[0] == '#') return std::nullopt;
  std::vector<std::string> f;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  if (!f.empty() && !f.back().empty() && f.back().back() == '\r') f.back().pop_back();
  f.resize(4);
  return app::AssessmentAnswerRequest{year, f[0], f[1], f[2], f[3]};
}

std::string Ask(const std::string& prompt) {
  fmt::print("{}", prompt);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line)) return "q";
  return line;
}

// The head answers, on the terminal, each item the records leave open (and gives the action of
// each unmet one). Every answer is its own audited use case, checked as `self-assessment
// answer` is; a refusal is printed and the item asked again later.
void AskOpenItems(app::Session& s, int64_t year, int* refused) {
  auto v = s.ShowSelfAssessment(year);
  if (!v.ok()) return;
  for (const auto& i : v->items) {
    const bool open = i.result == "needs-answer";
    const bool needs_action = i.result == "not-met" && i.action.empty();
    if (!open && !needs_action) continue;
    fmt::print("\n{}  {}\n    {}  [{}]\n", i.no, i.text_ja, i.text_en, i.rules);
    if (i.from_records) fmt::print("    記録 records: {}\n", i.evidence);
    app::AssessmentAnswerRequest a{year, i.no, "", "", ""};
    if (open) {
      const std::string r =
          Ask("  結果 result: m=適 met, n=不適 not met, x=該当なし n/a, Enter=飛ばす skip, "
              "q=終了 quit > ");
      if (r == "q") return;
      if (r.empty()) continue;
      a.status = r == "m" ? "met" : r == "n" ? "not-met" : r == "x" ? "not-applicable" : r;
      a.note = Ask("  根拠 evidence note > ");
    }
    if (a.status == "not-met" || needs_action) a.action = Ask("  改善措置 action decided > ");
    Status st = s.AnswerSelfAssessment(a);
    if (st.ok()) {
      fmt::print("  記録しました recorded.\n");
    } else {
      ++*refused;
      Fail(st);
    }
  }
}

void AddChecklistCommands(CLI::App& app, Globals& g, int& rc) {
  auto* cl = app.add_subcommand("checklist", "自己点検チェックリスト the self-assessment checklist "
                                             "(S-CHK-1)");
  cl->require_subcommand(1);
  auto* run = cl->add_subcommand(
      "run", "pre-fill the year's checklist from the records, take the head's answers to the "
             "rest, write DIR/report.html and DIR/report.pdf");
  static int64_t year = 0;
  static std::string out_dir, answers_file, note;
  static bool ask = false, sign = false;
  run->add_option("--year", year, "the year (its September)")->required();
  run->add_option("--out", out_dir, "a folder (made if missing) for report.html and report.pdf")
      ->required();
  run->add_option("--answers", answers_file,
                  "answers, one per line: ITEM<TAB>STATUS<TAB>NOTE<TAB>ACTION");
  run->add_flag("--ask", ask, "ask for each open item on the terminal (the default on a "
                              "terminal without --answers)");
  run->add_flag("--sign", sign, "the head signs once every item is answered");
  run->add_option("--note", note, "the sign-off's note");
  run->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      int refused = 0;
      Status first_failure;
      auto v = s.ShowSelfAssessment(year);
      if (!v.ok() && v.status().code() == StatusCode::kNotFound) {
        v = s.StartSelfAssessment(year);
        if (v.ok()) fmt::print("{}年の自己点検を開始しました started (pre-filled from the records).\n", year);
      }
      if (!v.ok()) return Fail(v.status());
      if (!answers_file.empty()) {
        std::ifstream in(answers_file);
        if (!in) {
          return Fail(Status::NotFound(fmt::format("回答ファイルがありません / cannot read {}",
                                                   answers_file)));
        }
        int line_no = 0;
        for (std::string line; std::getline(in, line);) {
          ++line_no;
          auto a = ParseAnswerLine(year, line);
          if (!a) continue;
          Status st = s.AnswerSelfAssessment(*a);
          if (!st.ok()) {
            ++refused;
            if (first_failure.ok()) first_failure = st;
            fmt::print(stderr, "{}:{}: {} ", answers_file, line_no, a->item);
            Fail(st);
          }
        }
      }
      if (ask || (answers_file.empty() && isatty(STDIN_FILENO) != 0)) {
        AskOpenItems(s, year, &refused);
      }
      if (sign) {
        auto signed_view = s.SignSelfAssessment(year, note);
        if (signed_view.ok()) {
          fmt::print("署名しました signed.\n");
        } else {
          if (first_failure.ok()) first_failure = signed_view.status();
          Fail(signed_view.status());
        }
      }
      std::error_code ec;
      std::filesystem::create_directories(out_dir, ec);
      const std::filesystem::path dir(out_dir);
      auto r = s.WriteSelfAssessmentReport(
          year, std::vector<std::filesystem::path>{dir / "report.html", dir / "report.pdf"});
      if (!r.ok()) return Fail(r.status());
      PrintAssessment(*r, false);
      fmt::print("{}: report.html, report.pdf (A4 {} page(s); {})\n", out_dir, r->report_pages,
                 r->signed_by.empty() ? "未署名の下書き draft, not signed" : "署名済み signed");
      if (refused > 0) fmt::print(stderr, "ganreg: {} answers refused\n", refused);
      return first_failure.ok() ? kExitOk : ExitCodeFor(first_failure);
    });
  });
}

void AddTakeoutCommands(CLI::App& app, Globals& g, int& rc) {
  auto* takeout = app.add_subcommand("takeout", "持出し管理台帳 take-out and return register (STO-3)");
  takeout->require_subcommand(1);
  auto* rec = takeout->add_subcommand("record", "material taken out of the room");
  static app::TakeoutRequest tq;
  rec->add_option("--kind", tq.kind, "paper, usb, cd-r")->required();
  rec->add_option("--what", tq.what, "what is taken out (sealed)")->required();
  rec->add_option("--quantity", tq.quantity, "how many (sheets, media)")->required();
  rec->add_option("--reason", tq.reason, "why (sealed), e.g. 複写 copying")->required();
  rec->add_option("--approved-by", tq.approved_by, "the task lead who approved")->required();
  rec->add_option("--time-out", tq.time_out, "HH:MM")->required();
  rec->add_option("--taken-by", tq.taken_by, "who takes it out (default: you)");
  rec->add_option("--date", tq.date, "YYYY-MM-DD (default: today)");
  rec->add_option("--due-back", tq.due_back, "YYYY-MM-DD (default: the same day)");
  rec->add_option("--corrects", tq.corrects, "the entry this one corrects");
  rec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordTakeout(tq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: take-out #{} {} {} 返却予定 due back {}\n", r->id,
                 r->date, r->time_out, r->due_back);
      return kExitOk;
    });
  });
  auto* ret = takeout->add_subcommand("return", "its return");
  static app::TakeoutReturnRequest rq;
  ret->add_option("ID", rq.takeout_id, "the take-out")->required();
  ret->add_option("--time-in", rq.time_in, "HH:MM")->required();
  ret->add_option("--date", rq.date, "YYYY-MM-DD (default: today)");
  ret->add_option("--count", rq.returned_count, "how many came back (default: all)");
  ret->add_option("--note", rq.note, "a note");
  ret->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordTakeoutReturn(rq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: take-out #{} returned {} {} ({}/{})\n", r->id,
                 r->returned_date, r->returned_time, r->returned_count, r->quantity);
      if (r->missing) {
        fmt::print("注意 warning: {}点不足 {} missing: report it as an incident (ganreg incident "
                   "report, S-INC-1)\n", r->quantity - r->returned_count,
                   r->quantity - r->returned_count);
      }
      return kExitOk;
    });
  });
  auto* list = takeout->add_subcommand("list", "the register (what and why need the ledgers grant)");
  list->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListTakeouts();
      if (!r.ok()) return Fail(r.status());
      fmt::print("持出し管理台帳 take-out register ({} entries)\n", r->size());
      for (const auto& t : *r) {
        fmt::print("  #{}  {} {}  {}  {} x{} ({})  理由 reason {}  承認 approved {}  予定 due {}  {}{}\n",
                   t.id, t.date, t.time_out, t.taken_by,
                   t.sealed ? "(ledgers権限で表示 needs the ledgers grant)" : t.what, t.quantity,
                   t.kind, t.sealed ? "-" : t.reason, t.approved_by, t.due_back,
                   t.returned ? fmt::format("返却 returned {} {} {}/{}{}", t.returned_date,
                                            t.returned_time, t.returned_count, t.quantity,
                                            t.missing ? " 不足 MISSING" : "")
                              : (t.overdue ? "未返却 OVERDUE" : "未返却 out"),
                   t.corrected_by ? fmt::format("  (#{}で訂正済み corrected by #{})",
                                                t.corrected_by, t.corrected_by)
                                  : "");
      }
      return kExitOk;
    });
  });
}

void AddSystemCommands(CLI::App& app, Globals& g, int& rc) {
  auto* maint = app.add_subcommand("maintenance", "保守作業記録 maintenance record (S-SYS-6)");
  maint->require_subcommand(1);
  auto* mrec = maint->add_subcommand("record", "direct work on the database");
  static app::MaintenanceRequest mq;
  mrec->add_option("--worker-kind", mq.worker_kind, "staff, contractor")->required();
  mrec->add_option("--worker", mq.worker, "an account (staff) or a name (contractor; sealed)")
      ->required();
  mrec->add_option("--affiliation", mq.affiliation, "the contractor's company (sealed)");
  mrec->add_option("--work", mq.work, "the work done (no personal information)")->required();
  mrec->add_option("--result", mq.result, "the result");
  mrec->add_option("--approved-by", mq.approved_by, "the task lead who approved")->required();
  mrec->add_option("--witness", mq.witness, "the staff member present throughout")->required();
  mrec->add_flag("--nda", mq.nda, "the contractor's confidentiality agreement was confirmed");
  mrec->add_option("--from", mq.time_from, "HH:MM")->required();
  mrec->add_option("--to", mq.time_to, "HH:MM")->required();
  mrec->add_option("--date", mq.date, "YYYY-MM-DD (default: today)");
  mrec->add_option("--corrects", mq.corrects, "the entry this one corrects");
  mrec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordMaintenance(mq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: maintenance #{} {} {}–{}\n", r->id, r->date, r->time_from,
                 r->time_to);
      return kExitOk;
    });
  });
  auto* mlist = maint->add_subcommand("list", "the maintenance record");
  mlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListMaintenance();
      if (!r.ok()) return Fail(r.status());
      fmt::print("保守作業記録 maintenance record ({} entries)\n", r->size());
      for (const auto& m : *r) {
        fmt::print("  #{}  {} {}–{}  {} {}  作業 {}  結果 {}  承認 {}  立会 {}{}\n", m.id, m.date,
                   m.time_from, m.time_to, m.worker_kind,
                   m.sealed ? "(ledgers権限で表示 needs the ledgers grant)"
                            : fmt::format("{} ({})", m.worker, m.affiliation),
                   m.work, m.result, m.approved_by, m.witness,
                   m.corrected_by ? fmt::format("  (#{}で訂正済み)", m.corrected_by) : "");
      }
      return kExitOk;
    });
  });

  auto* acq = app.add_subcommand("acquisition", "取得記録簿 acquisition register (S-ACQ-2, S-ACQ-4)");
  acq->require_subcommand(1);
  auto* arec = acq->add_subcommand("record", "one acquisition");
  static app::AcquisitionRequest q;
  static std::string carriers;
  arec->add_option("--kind", q.kind, "notification, death, address-change, linkage-file")
      ->required();
  arec->add_option("--medium", q.medium, "electronic, paper")->required();
  arec->add_option("--route", q.route, "online, tracked-delivery, hand-carried")->required();
  arec->add_option("--source", q.source, "the body it came from")->required();
  arec->add_option("--count", q.count, "how many forms or files")->required();
  arec->add_option("--storage", q.storage, "where it is kept")->required();
  arec->add_option("--tracking", q.tracking, "the delivery's tracking number (S-TRN-1)");
  arec->add_option("--carriers", carriers, "staff who carried it: A,B (S-TRN-5)");
  arec->add_option("--date", q.date, "YYYY-MM-DD (default: today)");
  arec->add_option("--corrects", q.corrects, "the entry this one corrects");
  arec->callback([&] {
    q.carriers = SplitList(carriers);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordAcquisition(q);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: acquisition #{} {} {} {}\n", r->id, r->date,
                 r->kind_label, r->medium);
      return kExitOk;
    });
  });
  auto* alist = acq->add_subcommand("list", "the register, one per kind and medium");
  static std::string list_kind;
  alist->add_option("--kind", list_kind, "one kind only");
  alist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListAcquisitions(list_kind);
      if (!r.ok()) return Fail(r.status());
      std::string current;
      for (const auto& a : *r) {
        const std::string head = a.kind_label + " / " + a.medium;
        if (head != current) {
          current = head;
          fmt::print("【{}】\n", head);
        }
        fmt::print("  #{}  {}  {}  {}件 x{}  {}{}  保管 {}  受領 {}{}\n", a.id, a.date, a.source,
                   a.count, a.count, a.route,
                   a.tracking.empty() ? (a.carriers.empty() ? "" : " " + a.carriers)
                                      : " " + a.tracking,
                   a.storage, a.received_by,
                   a.corrected_by ? fmt::format("  (#{}で訂正済み)", a.corrected_by) : "");
        if (a.handover_id != 0) {
          fmt::print("      受渡簿#{}から自動記録 filled from hand-over entry #{}\n", a.handover_id,
                     a.handover_id);
        }
        if (a.disposal_id != 0) {
          fmt::print("      廃棄記録#{}で廃棄 disposed of (disposal #{})\n", a.disposal_id,
                     a.disposal_id);
        }
      }
      if (r->empty()) fmt::print("記録なし no entries\n");
      return kExitOk;
    });
  });

  auto* def = app.add_subcommand("definition", "病院・市町村定義の更新 definition updates (S-SYS-4)");
  def->require_subcommand(1);
  auto* drec = def->add_subcommand("record", "record an update (custodians)");
  static app::DefinitionRequest dq;
  drec->add_option("--kind", dq.kind, "hospital, municipality")->required();
  drec->add_option("--code", dq.code, "institution code (10 digits) or municipality code (6)")
      ->required();
  drec->add_option("--change", dq.change, "add, change, remove")->required();
  drec->add_option("--changed-on", dq.changed_on, "YYYY-MM-DD the definition changed")->required();
  drec->add_option("--description", dq.description, "what changed")->required();
  drec->add_option("--source", dq.source, "where the change came from")->required();
  drec->add_option("--applied-on", dq.applied_on, "YYYY-MM-DD (default: today)");
  drec->add_option("--corrects", dq.corrects, "the entry this one corrects");
  drec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordDefinitionUpdate(dq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: definition update #{} {} {} {}{}\n", r->id, r->kind,
                 r->code, r->change,
                 r->partner_registered ? " (登録済み partner registered)" : "");
      return kExitOk;
    });
  });
  auto* dlist = def->add_subcommand("list", "every definition update");
  dlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListDefinitionUpdates();
      if (!r.ok()) return Fail(r.status());
      fmt::print("定義の更新記録 definition updates ({} entries)\n", r->size());
      for (const auto& d : *r) {
        fmt::print("  #{}  {} {} {}  変更 {}  更新 {}  {}  ({})  by {}{}\n", d.id, d.kind, d.code,
                   d.change, d.changed_on, d.applied_on, d.description, d.source, d.recorded_by,
                   d.corrected_by ? fmt::format("  (#{}で訂正済み)", d.corrected_by) : "");
      }
      return kExitOk;
    });
  });
}

// Fourth slice (issue #4): procedure revisions (S-CHK-1), external audits (ORG-6), the storage
// schedule (F-7).
void AddFourthSliceCommands(CLI::App& app, Globals& g, int& rc) {
  CLI::App* sa = app.get_subcommand("self-assessment");
  auto* revise = sa->add_subcommand(
      "revise", "a procedure revision decided from the results (S-CHK-1), by the head");
  static app::RevisionRequest rq;
  static std::string items;
  revise->add_option("--year", rq.year, "the self-assessment whose actions it carries out")
      ->required();
  revise->add_option("--items", items, "its checklist items, each with an action, 1-06,3-03")
      ->required();
  revise->add_option("--procedure", rq.procedure, "the rule, form or practice revised")
      ->required();
  revise->add_option("--change", rq.change, "what changed")->required();
  revise->add_option("--decided-by", rq.decided_by, "the head (default: you)");
  revise->add_option("--date", rq.date, "YYYY-MM-DD decided (default: today)");
  revise->add_option("--corrects", rq.corrects, "the revision this one corrects");
  revise->callback([&] {
    rq.items = SplitList(items);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordProcedureRevision(rq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: revision #{} ({}年 items {}) decided {} by {}\n", r->id,
                 r->year, r->items, r->decided_on, r->decided_by);
      return kExitOk;
    });
  });
  auto* revisions = sa->add_subcommand("revisions", "the procedure revisions recorded");
  static int64_t rev_year = 0;
  revisions->add_option("--year", rev_year, "one year only");
  revisions->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListProcedureRevisions(rev_year);
      if (!r.ok()) return Fail(r.status());
      if (r->empty()) fmt::print("記録なし no revisions\n");
      for (const auto& v : *r) {
        fmt::print("#{}  {}年 {}  {}  {}: {}  決定 {}{}{}\n", v.id, v.year, v.items, v.decided_on,
                   v.procedure, v.change, v.decided_by,
                   v.corrects ? fmt::format("  (#{}を訂正)", v.corrects) : "",
                   v.corrected_by ? fmt::format("  (#{}で訂正済み)", v.corrected_by) : "");
      }
      return kExitOk;
    });
  });

  auto* ea = app.add_subcommand("external-audit", "外部監査 the external audit every 4-5 years "
                                                  "(ORG-6)");
  ea->require_subcommand(1);
  auto* erec = ea->add_subcommand("record", "an audit by an outside body and its report");
  static app::ExternalAuditRequest eq;
  erec->add_option("--date", eq.date, "YYYY-MM-DD of the audit (default: today)");
  erec->add_option("--auditor", eq.auditor, "the outside body")->required();
  erec->add_option("--committee", eq.committee, "who sat on its committee");
  erec->add_option("--findings", eq.findings, "the findings")->required();
  erec->add_option("--actions", eq.actions, "the corrective actions decided");
  erec->add_option("--reported-on", eq.reported_on,
                   "YYYY-MM-DD the result was reported to the governor's officer");
  erec->add_option("--corrects", eq.corrects, "the entry this one corrects");
  erec->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordExternalAudit(eq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: external audit #{} {} {}{}\n", r->id, r->date, r->auditor,
                 r->reported_on.empty() ? "  (総括責任者への報告は未記録 report not recorded)"
                                        : "  報告 reported " + r->reported_on);
      return kExitOk;
    });
  });
  auto* elist = ea->add_subcommand("list", "the audits recorded");
  elist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListExternalAudits();
      if (!r.ok()) return Fail(r.status());
      if (r->empty()) fmt::print("記録なし no external audits\n");
      for (const auto& v : *r) {
        fmt::print("#{}  {}  {}  報告 reported {}  {}{}\n    結果 findings: {}\n    措置 "
                   "actions: {}\n", v.id, v.date, v.auditor,
                   v.reported_on.empty() ? "-" : v.reported_on, v.committee,
                   v.corrected_by ? fmt::format("  (#{}で訂正済み)", v.corrected_by) : "",
                   v.findings, v.actions.empty() ? "-" : v.actions);
      }
      return kExitOk;
    });
  });

  auto* ret = app.add_subcommand("retention", "保管場所及び保管方法 the storage schedule (F-7)");
  ret->require_subcommand(1);
  auto* rset = ret->add_subcommand("set", "how long a kind of information is kept");
  static app::RetentionRequest tq;
  rset->add_option("--kind", tq.kind, "notification, death, address-change, linkage-file")
      ->required();
  rset->add_option("--medium", tq.medium, "electronic, paper")->required();
  rset->add_option("--months", tq.months, "kept this many months after receipt")->required();
  rset->add_option("--place", tq.place, "where it is kept")->required();
  rset->add_option("--method", tq.method, "how it is kept")->required();
  rset->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.SetRetentionRule(tq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: {} / {}: {}か月 months, {}, {}\n", r->kind_label, r->medium,
                 r->months, r->place, r->method);
      return kExitOk;
    });
  });
  auto* rlist = ret->add_subcommand("list", "the schedule (the latest row per kind and medium)");
  rlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListRetentionRules();
      if (!r.ok()) return Fail(r.status());
      if (r->empty()) fmt::print("記録なし no storage schedule\n");
      for (const auto& v : *r) {
        fmt::print("#{}  {} / {}  {}か月 months  {}  {}  ({}){}\n", v.id, v.kind_label, v.medium,
                   v.months, v.place, v.method, v.set_by,
                   v.in_force ? "" : "  旧 superseded");
      }
      return kExitOk;
    });
  });
}

}  // namespace

void AddRegisterCommands(CLI::App& app, Globals& g, int& rc) {
  AddSelfAssessmentCommands(app, g, rc);
  AddChecklistCommands(app, g, rc);
  AddTakeoutCommands(app, g, rc);
  AddSystemCommands(app, g, rc);
  AddFourthSliceCommands(app, g, rc);

  // `ledger print` and `ledger delivery` beside `ledger show` (src/cli/commands.cc).
  CLI::App* ledger = app.get_subcommand("ledger");
  auto* delivery = ledger->add_subcommand(
      "delivery", "how a hand-over entry on media or paper travelled (S-TRN-1, S-TRN-5)");
  static app::HandoverDeliveryRequest dr;
  static std::string dr_carriers;
  delivery->add_option("ENTRY", dr.entry, "the hand-over book entry")->required();
  delivery->add_option("--method", dr.method,
                       "letter-pack, registered-mail, specified-record-mail, yu-pack, "
                       "hand-carried")->required();
  delivery->add_option("--tracking", dr.tracking, "the tracking number");
  delivery->add_option("--carriers", dr_carriers, "hand-carried: the staff, A,B");
  delivery->add_flag("--unused-medium", dr.unused_medium, "a dispatch: the medium was unused");
  delivery->add_flag("--opened-in-room", dr.opened_in_room,
                     "a receipt: opened inside the registry room");
  delivery->callback([&] {
    dr.carriers = SplitList(dr_carriers);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordHandoverDelivery(dr);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: hand-over entry #{} {} {}{}\n", r->id, r->method,
                 r->tracking, r->carriers.empty() ? "" : " " + r->carriers);
      return kExitOk;
    });
  });
  auto* print = ledger->add_subcommand("print", "a ledger as a printable A4 PDF or HTML page");
  static std::string kind, from, to, out;
  print->add_option("LEDGER", kind,
                    "handover, inquiries, media, disposals, keybox, entry-log, takeouts, "
                    "maintenance, acquisitions, definitions, revisions, external-audits, "
                    "retention")
      ->required();
  print->add_option("--from", from, "YYYY-MM-DD");
  print->add_option("--to", to, "YYYY-MM-DD");
  print->add_option("--out", out, "a new file: ledger.pdf or ledger.html")->required();
  print->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.PrintLedger(kind, from, to, out);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{}: {} ({} entries{}){}\n", out, r->kind, r->entries,
                 r->pages > 0 ? fmt::format(", A4 {} page(s)", r->pages) : "",
                 r->sealed_withheld ? "; 封印項目は非表示 sealed columns withheld" : "");
      return kExitOk;
    });
  });
}

}  // namespace ganreg::cli
