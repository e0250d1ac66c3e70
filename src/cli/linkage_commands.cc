// Linkage subcommands over the app layer (issue #5): link every notification to a person, and
// work the review queue. Japanese first, then English, like the other commands.
#include "cli/linkage_commands.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/exit_codes.h"
#include "core/clock.h"
#include "model/notification.h"
#include "synth/population.h"
#include "synth/synth.h"

namespace ganreg::cli {
namespace {

void PrintReport(const app::LinkReport& r) {
  fmt::print("照合しました linked: 届出 notifications {} → 人 persons {} (新規 new {})\n",
             r.notifications, r.persons, r.new_persons);
  fmt::print(
      "  自動一致 automatic links {}, 「別人」判定で結合せず refused by a \"different\" {}\n",
      r.auto_links, r.refused_links);
  fmt::print("  人の変更 notifications moved to another person {}\n", r.relinked);
  fmt::print("  方式 mode: {} (新規届出 new notifications {}, 比較したペア pairs compared {})\n",
             r.incremental ? "差分 incremental" : "全件 full", r.new_notifications,
             r.compared_pairs);
  fmt::print("  確認待ち review queue: 新規 new {}, 未判定 open {}\n", r.review_new, r.review_open);
  fmt::print("  パラメータ parameters: {}\n",
             r.estimated ? "この登録から推定 estimated from this registry"
                         : "参照値（届出が少ないため） reference values (too few notifications "
                           "to estimate)");
}

void PrintConsolidation(const app::ConsolidationReport& r) {
  fmt::print(
      "集約しました consolidated: 人 persons rebuilt {} (届出 notifications {}) → 腫瘍 tumours {} "
      "(新規 new {}, 更新 changed {}, 廃番 retired {})\n",
      r.persons, r.notifications, r.tumours, r.new_tumours, r.changed, r.retired);
  fmt::print("  品質チェック quality checks: 未確認 open flags {}{}\n", r.open_flags,
             r.open_flags > 0 ? " (`ganreg qc list`)" : "");
}

void PrintFlag(const app::TumourFlagView& f) {
  fmt::print("  tumour {:<8} {:<8} {:<45} {}{}\n", f.tumour_id, f.severity, f.check_id,
             f.status == "open" ? "" : fmt::format("[accepted by {}] ", f.decided_by), f.message);
}

// After a reviewer's decision the persons changed: their tumours are rebuilt at once when the
// session holds both grants, otherwise at the next `ganreg consolidate` or `ganreg link`.
void ConsolidateAfterDecision(app::Session& s) {
  auto r = s.Consolidate(false);
  if (r.ok()) {
    PrintConsolidation(*r);
  } else {
    fmt::print("腫瘍は未更新 tumours not rebuilt ({}): run `ganreg consolidate`\n",
               r.status().message());
  }
}

void PrintItem(const app::ReviewItem& item) {
  fmt::print("確認ペア review pair {} (未判定 open pairs: {})\n", item.pair_id, item.open_pairs);
  fmt::print("  {:<28} {:<24} {:<30} {}\n", "", "", fmt::format("A: key {}", item.a.key_no),
             fmt::format("B: key {}", item.b.key_no));
  fmt::print("  {:<28} {:<24} {:<30} {}\n", "人番号", "person_id", item.a.person_id,
             item.b.person_id);
  fmt::print("  {:<28} {:<24} {:<30} {}\n", "医療機関", "hospital", item.a.summary.hospital_code,
             item.b.summary.hospital_code);
  for (const auto& d : model::Items()) {
    const bool differs =
        std::find(item.differing.begin(), item.differing.end(), d.item) != item.differing.end();
    // "≠" marks an item whose values differ between the two notifications.
    fmt::print("{} {:<28} {:<24} {:<30} {}\n", differs ? "≠" : " ", d.label, d.id,
               item.a.row[d.item], item.b.row[d.item]);
  }
  if (item.blind) {
    fmt::print("得点は非表示 score hidden (blind review)\n");
    return;
  }
  fmt::print("得点 match weight {:+.2f} (log2 odds); 内訳 contributions:\n", item.weight);
  double total = 0.0;
  for (const auto& c : item.contributions) {
    total += c.weight;
    fmt::print("  {:<12} {:<14} {:+7.2f}  → {:+7.2f}\n", c.field, c.level, c.weight, total);
  }
}

}  // namespace

void AddLinkageCommands(CLI::App& app, Globals& g, int& rc) {
  // ---- link ----
  auto* link = app.add_subcommand(
      "link", "link every notification to a person (needs the identity and clinical grants)");
  static bool link_full = false;
  link->add_flag("--full", link_full,
                 "relink every notification and estimate the parameters again (default: only "
                 "the notifications not linked yet are compared)");
  link->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.Link(link_full);
      if (!r.ok()) return Fail(r.status());
      PrintReport(*r);
      if (r->deaths.deaths > 0) {
        // Deaths (issue #5): linked in the same run, before the tumours.
        const app::DeathLinkReport& d = r->deaths;
        fmt::print(
            "  死亡票 deaths {}: 人に照合 linked {} (今回の自動 automatic {}, 変更 changed {}), "
            "確認待ち death review new {} / open {}\n",
            d.deaths, d.linked, d.auto_links, d.changed, d.review_new, d.review_open);
        fmt::print(
            "  遡り調査 follow-back: 新規DCN new {}, 回答待ち open {}, 届出あり notified {}, "
            "DCO {}, 重複票 repeated forms {}{}\n",
            d.dcn_new, d.followback_open, d.notified, d.dco, d.duplicates,
            d.followback_open > 0 ? " (`ganreg followback list`)" : "");
      }
      PrintConsolidation(r->tumours);
      return kExitOk;
    });
  });

  // ---- review ----
  auto* review = app.add_subcommand("review", "the linkage review queue");
  review->require_subcommand(1);
  auto* next = review->add_subcommand("next", "show the oldest open pair side by side (audited)");
  static bool rn_blind = false;
  next->add_flag("--blind", rn_blind, "hide the score from the reviewer");
  next->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ReviewNext(rn_blind);
      if (!r.ok()) return Fail(r.status());
      if (!r->has_value()) {
        fmt::print("確認待ちはありません the review queue is empty\n");
        return kExitOk;
      }
      PrintItem(**r);
      return kExitOk;
    });
  });

  auto* decide = review->add_subcommand("decide", "record a decision on a pair");
  static int64_t rd_pair = 0;
  static std::string rd_decision, rd_note;
  decide->add_option("PAIR", rd_pair)->required();
  decide->add_option("DECISION", rd_decision, "same or different")
      ->required()
      ->check(CLI::IsMember({"same", "different"}));
  decide->add_option("--note", rd_note, "the reviewer's reason");
  decide->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      const bool same = rd_decision == "same";
      Status st = s.ReviewDecide(rd_pair, same, rd_note);
      if (!st.ok()) return Fail(st);
      fmt::print("{} pair {}: {} (by {})\n",
                 same ? "同一人物として結合しました" : "別人として記録しました", rd_pair,
                 same ? "same person, merged" : "different persons, never proposed again",
                 s.actor().name);
      ConsolidateAfterDecision(s);
      return kExitOk;
    });
  });

  auto* undo = review->add_subcommand("undo", "undo a decision (unmerge); history is kept");
  static int64_t ru_pair = 0;
  undo->add_option("PAIR", ru_pair)->required();
  undo->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.ReviewUndo(ru_pair);
      if (!st.ok()) return Fail(st);
      fmt::print("判定を取り消しました pair {}: decision undone (asked again at the next link)\n",
                 ru_pair);
      ConsolidateAfterDecision(s);
      return kExitOk;
    });
  });

  // ---- consolidate, tumour, qc (issue #5) ----
  auto* consolidate = app.add_subcommand(
      "consolidate",
      "group each person's notifications into tumours and build their records (IARC/IACR rules)");
  static bool co_all = false;
  consolidate->add_flag("--all", co_all, "rebuild every person, not only those that changed");
  consolidate->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.Consolidate(co_all);
      if (!r.ok()) return Fail(r.status());
      PrintConsolidation(*r);
      return kExitOk;
    });
  });

  auto* tumour = app.add_subcommand("tumour", "consolidated tumour records");
  tumour->require_subcommand(1);
  auto* tlist = tumour->add_subcommand("list", "current tumours (needs the clinical grant)");
  static int64_t tl_person = 0, tl_limit = 100, tl_offset = 0;
  tlist->add_option("--person", tl_person, "only this person's tumours");
  tlist->add_option("--limit", tl_limit)->check(CLI::PositiveNumber);
  tlist->add_option("--offset", tl_offset)->check(CLI::NonNegativeNumber);
  tlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListTumours(tl_person, tl_limit, tl_offset);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{:<10} {:<10} {:<8} {:<8} {:<10} {:<6} {}\n", "腫瘍 tumour", "人 person",
                 "部位 site", "形態 morph", "診断日 date", "届出 n", "未確認 flags");
      for (const auto& t : *r) {
        fmt::print("{:<10} {:<10} {:<8} {:<8} {:<10} {:<6} {}\n", t.tumour_id, t.person_id,
                   t.primary_site, t.morphology, t.diagnosis_date, t.notifications, t.open_flags);
      }
      return kExitOk;
    });
  });
  auto* tshow = tumour->add_subcommand("show", "one tumour, each item with its source (audited)");
  static int64_t ts_id = 0;
  tshow->add_option("ID", ts_id)->required();
  tshow->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowTumour(ts_id);
      if (!r.ok()) return Fail(r.status());
      const app::TumourView& v = *r;
      fmt::print("腫瘍 tumour {} ({}) 人 person {}; 形態 morphology {}; 集約 consolidated by {}\n",
                 v.tumour_id, v.status, v.person_id, v.morphology, v.consolidated_by);
      std::string keys;
      for (int64_t k : v.notifications) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k);
      fmt::print("  届出 notifications: {}\n", keys);
      fmt::print("  {:<26} {:<24} {:<12} {}\n", "項目", "item", "値 value", "出典 source");
      for (const auto& i : v.items) {
        fmt::print("  {:<26} {:<24} {:<12} {}\n", i.label, i.id, i.value.empty() ? "-" : i.value,
                   i.source_key_no == 0
                       ? std::string("-")
                       : fmt::format("key {} ({})", i.source_key_no, i.source_hospital));
      }
      if (v.flags.empty()) fmt::print("  品質チェック quality checks: none failed\n");
      for (const auto& f : v.flags) PrintFlag(f);
      return kExitOk;
    });
  });

  auto* qc = app.add_subcommand("qc", "IARC/IACR-style quality checks on consolidated tumours");
  qc->require_subcommand(1);
  auto* qlist = qc->add_subcommand("list", "tumours flagged for review (needs the clinical grant)");
  static bool ql_all = false;
  qlist->add_flag("--all", ql_all, "accepted flags too");
  qlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListQcFlags(ql_all);
      if (!r.ok()) return Fail(r.status());
      if (r->empty()) fmt::print("確認待ちはありません no flagged tumours\n");
      for (const auto& f : *r) PrintFlag(f);
      return kExitOk;
    });
  });
  auto* qaccept = qc->add_subcommand("accept", "a flag looked at: the tumour is right as it is");
  static int64_t qa_tumour = 0;
  static std::string qa_check;
  qaccept->add_option("TUMOUR", qa_tumour)->required();
  qaccept->add_option("CHECK", qa_check, "the check id, as `qc list` shows it")->required();
  qaccept->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.AcceptQcFlag(qa_tumour, qa_check);
      if (!st.ok()) return Fail(st);
      fmt::print("確認済みにしました tumour {}: {} accepted (by {})\n", qa_tumour, qa_check,
                 s.actor().name);
      return kExitOk;
    });
  });

  // ---- synth population ----
  // A registry's worth of synthetic data with ground truth: what the linkage benchmark links.
  CLI::App* synth = app.get_subcommand("synth");
  auto* spop = synth->add_subcommand(
      "population",
      "write notification files of several hospitals, a death file and the ground truth");
  static uint64_t sp_notifications = 1000, sp_seed = 1;
  static uint32_t sp_hospitals = 5, sp_death_percent = 20, sp_dcn = 20;
  static int32_t sp_today = 0;
  static std::string sp_out, sp_data;
  spop->add_option("--notifications", sp_notifications, "notifications in all (default 1000)");
  spop->add_option("--seed", sp_seed);
  spop->add_option("--out", sp_out, "folder for the files (created)")->required();
  spop->add_option("--hospitals", sp_hospitals, "notification files, one per hospital (default 5)");
  spop->add_option("--death-percent", sp_death_percent,
                   "notified persons whose death form is in the death file (default 20)");
  spop->add_option("--dcn-per-mille", sp_dcn,
                   "deaths of persons never notified, per 1000 notified persons (default 20)");
  spop->add_option("--today", sp_today, "yyyymmdd (default: today in Japan)");
  spop->add_option("--data-dir", sp_data, "name and place data (default: the build's data folder)");
  spop->callback([&] {
    synth::PopulationOptions o;
    o.notifications = sp_notifications;
    o.seed = sp_seed;
    o.hospitals = sp_hospitals;
    o.death_percent = sp_death_percent;
    o.dcn_per_mille = sp_dcn;
    o.today = sp_today != 0 ? sp_today : JapanDate(Clock::System().NowSeconds());
    o.data_dir = sp_data.empty() ? synth::DefaultDataDir() : std::filesystem::path(sp_data);
    auto r = synth::WritePopulation(o, sp_out);
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    fmt::print(
        "合成集団 synthetic population in {}: 届出 notifications {} in {} files ({} break the "
        "layout and are held back at intake), 人 persons {}, 腫瘍 tumours {}, 死亡票 death forms "
        "{}\n",
        sp_out, r->notifications, r->notification_files.size(), r->held_back, r->persons,
        r->tumours, r->deaths);
    fmt::print("  正解 ground truth: {}\n", r->truth_file.string());
  });
}

}  // namespace ganreg::cli
