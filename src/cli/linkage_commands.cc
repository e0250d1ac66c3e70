// Linkage subcommands over the app layer (issue #5): link every notification to a person, and
// work the review queue. Japanese first, then English, like the other commands.
#include "cli/linkage_commands.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/exit_codes.h"
#include "model/notification.h"

namespace ganreg::cli {
namespace {

void PrintReport(const app::LinkReport& r) {
  fmt::print("照合しました linked: 届出 notifications {} → 人 persons {} (新規 new {})\n",
             r.notifications, r.persons, r.new_persons);
  fmt::print(
      "  自動一致 automatic links {}, 「別人」判定で結合せず refused by a \"different\" {}\n",
      r.auto_links, r.refused_links);
  fmt::print("  人の変更 notifications moved to another person {}\n", r.relinked);
  fmt::print("  確認待ち review queue: 新規 new {}, 未判定 open {}\n", r.review_new, r.review_open);
  fmt::print("  パラメータ parameters: {}\n",
             r.estimated ? "この登録から推定 estimated from this registry"
                         : "参照値（届出が少ないため） reference values (too few notifications "
                           "to estimate)");
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
  link->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.Link();
      if (!r.ok()) return Fail(r.status());
      PrintReport(*r);
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
      return kExitOk;
    });
  });
}

}  // namespace ganreg::cli
