// Death subcommands over the app layer (issue #5, S-ACQ-2 イ). Japanese first, then English.
#include "cli/death_commands.h"

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "core/clock.h"
#include "synth/deaths.h"
#include "synth/synth.h"
#include "validate/notification_reader.h"

namespace ganreg::cli {
namespace {

void PrintDeathIntake(const app::IntakeResult& r, std::string_view file) {
  if (r.duplicate) {
    fmt::print("{}: 受付済み already received — {}; 追加なし nothing added\n", file, r.reason);
    return;
  }
  if (r.rejected) {
    fmt::print("{}: 受付不可 REJECTED (file #{} kept encrypted and recorded)\n  {}\n", file,
               r.file_id, r.reason);
    return;
  }
  fmt::print("{}: 死亡者情報票 death forms, file #{} encoding {}: 読込 read {} = 受理 accepted {} "
             "+ 保留 held back {}\n",
             file, r.file_id, r.encoding, r.rows_read, r.rows_accepted, r.rows_held);
  for (const auto& issue : r.issues) fmt::print("  {}\n", issue);
  if (r.issue_count > static_cast<int64_t>(r.issues.size())) {
    fmt::print("  … {} more problems: ganreg file show {}\n",
               r.issue_count - static_cast<int64_t>(r.issues.size()), r.file_id);
  }
  if (r.rows_accepted > 0) fmt::print("  照合は `ganreg link` で link them with `ganreg link`\n");
}

int DeathIntakeExit(const app::IntakeResult& r) {
  if (r.rejected) return kExitRejected;
  if (r.rows_held > 0) return kExitHeldBack;
  return kExitOk;
}

std::string_view CaseLabel(std::string_view status) {
  if (status == "followback") return "遡り調査中 follow-back (DCN)";
  if (status == "notified") return "届出あり notified (DCN)";
  if (status == "dco") return "死亡票のみ DCO";
  return "";
}

void PrintDeathItem(const app::DeathReviewItem& item) {
  fmt::print("死亡票確認ペア death review pair {} (未判定 open pairs: {})\n", item.pair_id,
             item.open_pairs);
  fmt::print("  {:<28} {:<18} {:<30} {}\n", "", "", fmt::format("死亡票 death {}", item.death_id),
             fmt::format("届出 key {} (person {})", item.key_no, item.person_id));
  using model::DeathItem;
  using model::Item;
  const std::pair<DeathItem, Item> shared[] = {
      {DeathItem::kKanaName, Item::kKanaName},       {DeathItem::kName, Item::kName},
      {DeathItem::kSex, Item::kSex},                 {DeathItem::kBirthDate, Item::kBirthDate},
      {DeathItem::kPrefectureCode, Item::kPrefectureCode},
      {DeathItem::kAddress, Item::kAddress}};
  for (const auto& [d, n] : shared) {
    const std::string_view id = model::Def(n).id;
    const bool differs =
        std::find(item.differing.begin(), item.differing.end(), id) != item.differing.end();
    fmt::print("{} {:<28} {:<18} {:<30} {}\n", differs ? "≠" : " ", model::Def(n).label, id,
               item.death[d], item.notification_row[n]);
  }
  fmt::print("  {:<28} {:<18} {:<30} {}\n", "死亡日 / 診断日", "death/diagnosis",
             item.death[DeathItem::kDeathDate], item.notification.diagnosis_date);
  fmt::print("  {:<28} {:<18} {:<30} {}\n", "原死因 / 原発部位", "cause/site",
             item.death[DeathItem::kUnderlyingCause], item.notification.primary_site);
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

void AddDeathCommands(CLI::App& app, Globals& g, int& rc) {
  // ---- death intake (and the issue's `intake-deaths`) ----
  static std::string di_file, di_from, di_medium, di_encoding = "auto";
  auto intake_callback = [&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.IntakeDeaths({di_file, di_from, di_medium, di_encoding, ""});
      if (!r.ok()) return Fail(r.status());
      PrintDeathIntake(*r, di_file);
      return DeathIntakeExit(*r);
    });
  };
  auto* death = app.add_subcommand("death", "death information forms (死亡者情報票, S-ACQ-2 イ)");
  death->require_subcommand(1);
  for (CLI::App* cmd :
       {death->add_subcommand("intake", "take in a death information form CSV file"),
        app.add_subcommand("intake-deaths", "same as `death intake`")}) {
    cmd->add_option("FILE", di_file, "a death form CSV (docs/formats/death-csv.md)")->required();
    cmd->add_option("--from", di_from,
                    "the sender: 6-digit local-government code of the municipality, or ncc "
                    "(the national system)")
        ->required();
    cmd->add_option("--medium", di_medium, "online, cd-r, usb, paper")->required();
    cmd->add_option("--encoding", di_encoding, "utf-8, cp932 or auto (default)");
    cmd->callback(intake_callback);
  }

  auto* dlist = death->add_subcommand("list", "deaths with their person and case (clinical grant)");
  static int64_t dl_limit = 100, dl_offset = 0;
  dlist->add_option("--limit", dl_limit);
  dlist->add_option("--offset", dl_offset);
  dlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListDeaths(dl_limit, dl_offset);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{:>7} {:>6} {:>5} {:<9} {:<6} {:<5} {:<11} {:>7} {:<7} {}\n", "death", "file",
                 "line", "died", "cause", "place", "institution", "person", "link", "case");
      for (const auto& d : *r) {
        fmt::print("{:>7} {:>6} {:>5} {:<9} {:<6} {:<5} {:<11} {:>7} {:<7} {}\n", d.death_id,
                   d.file_id, d.line, d.death_date, d.cause, d.place_kind, d.place_institution,
                   d.person_id == 0 ? std::string("-") : std::to_string(d.person_id),
                   d.link_method.empty() ? "-" : d.link_method, CaseLabel(d.case_status));
      }
      return kExitOk;
    });
  });

  // ---- death review ----
  auto* review = death->add_subcommand("review", "the death/person review queue");
  review->require_subcommand(1);
  auto* next = review->add_subcommand("next", "show the oldest open death/person pair (audited)");
  static bool dr_blind = false;
  next->add_flag("--blind", dr_blind, "hide the score from the reviewer");
  next->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.DeathReviewNext(dr_blind);
      if (!r.ok()) return Fail(r.status());
      if (!r->has_value()) {
        fmt::print("確認待ちはありません the death review queue is empty\n");
        return kExitOk;
      }
      PrintDeathItem(**r);
      return kExitOk;
    });
  });
  auto* decide = review->add_subcommand("decide", "record a decision on a death/person pair");
  static int64_t dd_pair = 0;
  static std::string dd_decision, dd_note;
  decide->add_option("PAIR", dd_pair)->required();
  decide->add_option("DECISION", dd_decision, "same or different")
      ->required()
      ->check(CLI::IsMember({"same", "different"}));
  decide->add_option("--note", dd_note, "the reviewer's reason");
  decide->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      const bool same = dd_decision == "same";
      Status st = s.DeathReviewDecide(dd_pair, same, dd_note);
      if (!st.ok()) return Fail(st);
      fmt::print("{} death pair {}: {} (by {})\n", same ? "同一人物として結合しました" : "別人として記録しました",
                 dd_pair, same ? "the death is linked to the person" : "never linked to that person",
                 s.actor().name);
      return kExitOk;
    });
  });
  auto* undo = review->add_subcommand("undo", "undo a decision on a death/person pair");
  static int64_t du_pair = 0;
  undo->add_option("PAIR", du_pair)->required();
  undo->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.DeathReviewUndo(du_pair);
      if (!st.ok()) return Fail(st);
      fmt::print("取り消しました death pair {}: decision undone (asked again at the next link)\n",
                 du_pair);
      return kExitOk;
    });
  });

  // ---- followback ----
  auto* fb = app.add_subcommand("followback", "遡り調査: cancer deaths with no notification (DCN)");
  fb->require_subcommand(1);
  auto* flist = fb->add_subcommand("list", "follow-back cases per hospital (clinical grant)");
  static std::string fl_hospital, fl_status = "followback";
  flist->add_option("--hospital", fl_hospital, "only this institution (10 digits)");
  flist->add_option("--status", fl_status, "followback (default), notified, dco, or all")
      ->check(CLI::IsMember({"followback", "notified", "dco", "all"}));
  flist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.FollowbackList(fl_hospital, fl_status == "all" ? "" : fl_status);
      if (!r.ok()) return Fail(r.status());
      std::string current = "\x01";
      int64_t in_group = 0;
      for (const auto& e : *r) {
        if (e.hospital != current) {
          current = e.hospital;
          in_group = 0;
          for (const auto& x : *r) in_group += x.hospital == current;
          fmt::print("{} ({}件 cases)\n",
                     current.empty() ? std::string("照会先なし no hospital to ask (place of death "
                                                   "not a hospital or clinic)")
                                     : fmt::format("医療機関 hospital {}", current),
                     in_group);
        }
        fmt::print("  death {:>6}  死亡日 {}  原死因 {:<6} 場所 place {}  {}{}\n", e.death_id,
                   e.death_date, e.cause, e.place_kind, CaseLabel(e.status),
                   e.person_id != 0 ? fmt::format(" → person {}", e.person_id) : "");
      }
      if (r->empty()) fmt::print("該当なし no cases\n");
      return kExitOk;
    });
  });
  auto* fexport = fb->add_subcommand(
      "export", "write a hospital's follow-back list with identities (to send with `dispatch`)");
  static app::FollowbackExportRequest fe;
  fexport->add_option("--hospital", fe.hospital, "the institution (10 digits)")->required();
  fexport->add_option("--out", fe.out, "a new file; it holds names (mode 0600)")->required();
  fexport->add_option("--format", fe.format, "csv (default) or text (printable)")
      ->check(CLI::IsMember({"csv", "text"}));
  fexport->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.FollowbackExport(fe);
      if (!r.ok()) return Fail(r.status());
      fmt::print("{}: 遡り調査 follow-back list for {}: {}件 cases. 個人情報を含みます — holds "
                 "personal information: send it with `ganreg dispatch` (S-TRN-1) and dispose of "
                 "this copy\n",
                 fe.out.string(), fe.hospital, *r);
      return kExitOk;
    });
  });
  auto* fanswer = fb->add_subcommand("answer", "record a hospital's answer to a follow-back");
  static int64_t fa_death = 0;
  static std::string fa_answer, fa_note;
  fanswer->add_option("DEATH", fa_death)->required();
  fanswer->add_option("ANSWER", fa_answer,
                      "notified (its notification was taken in and linked) or dco (no record: "
                      "death certificate only)")
      ->required()
      ->check(CLI::IsMember({"notified", "dco"}));
  fanswer->add_option("--note", fa_note);
  fanswer->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      Status st = s.FollowbackAnswer(fa_death, fa_answer, fa_note);
      if (!st.ok()) return Fail(st);
      fmt::print("記録しました death {}: {}\n", fa_death,
                 fa_answer == "dco" ? "死亡票のみ DCO (death certificate only)"
                                    : "届出あり notified (DCN)");
      return kExitOk;
    });
  });

  // ---- synth deaths ----
  CLI::App* synth = app.get_subcommand("synth");
  auto* sdeaths = synth->add_subcommand("deaths", "write a synthetic death information form file");
  static uint64_t sd_invented = 20, sd_seed = 1, sd_faulty = 0, sd_notified_count = 0;
  static uint32_t sd_cancer = 60;
  static std::string sd_out, sd_notified, sd_encoding = "utf-8", sd_data;
  static std::vector<std::string> sd_hospitals;
  sdeaths->add_option("--invented", sd_invented, "deaths of invented people (default 20)");
  sdeaths->add_option("--cancer-percent", sd_cancer, "of those, with a cancer cause (default 60)");
  sdeaths->add_option("--notified", sd_notified,
                      "a synthetic notification CSV whose people die (their valid rows)");
  sdeaths->add_option("--notified-deaths", sd_notified_count,
                      "how many of its rows die (default: every one)");
  sdeaths->add_option("--hospital", sd_hospitals, "institution codes of places of death");
  sdeaths->add_option("--seed", sd_seed);
  sdeaths->add_option("--faulty-rows", sd_faulty);
  sdeaths->add_option("--encoding", sd_encoding, "utf-8 or cp932");
  sdeaths->add_option("--data-dir", sd_data, "synthetic name and place data");
  sdeaths->add_option("--out", sd_out)->required();
  sdeaths->callback([&] {
    synth::DeathOptions o;
    o.invented = sd_invented;
    o.seed = sd_seed;
    o.cancer_percent = sd_cancer;
    o.faulty_rows = sd_faulty;
    o.hospitals = sd_hospitals;
    o.today = JapanDate(Clock::System().NowSeconds());
    auto enc = text::ParseEncoding(sd_encoding);
    if (!enc.ok()) {
      rc = Fail(enc.status());
      return;
    }
    o.encoding = *enc;
    o.data_dir = sd_data.empty() ? synth::DefaultDataDir() : std::filesystem::path(sd_data);
    if (!sd_notified.empty()) {
      auto reader = validate::NotificationReader::Open(sd_notified, sd_notified, std::nullopt,
                                                       o.today);
      if (!reader.ok()) {
        rc = Fail(reader.status());
        return;
      }
      validate::Row row;
      for (;;) {
        auto more = (*reader)->Next(&row);
        if (!more.ok()) {
          rc = Fail(more.status());
          return;
        }
        if (!*more) break;
        if (!row.issues.empty()) continue;
        if (sd_notified_count != 0 && o.notified.size() >= sd_notified_count) break;
        o.notified.push_back(row.row);
      }
    }
    auto r = synth::WriteDeaths(o, sd_out);
    if (!r.ok()) {
      rc = Fail(r.status());
      return;
    }
    int64_t cancer = 0, faulty = 0;
    for (const auto& t : r->rows) {
      cancer += t.cancer;
      faulty += !t.fault.empty();
    }
    fmt::print("{}: {} synthetic death forms ({} of notified people, {} invented, {} with a "
               "cancer cause, {} faulty)\n",
               sd_out, r->rows.size(), o.notified.size(), sd_invented, cancer, faulty);
    rc = kExitOk;
  });
}

}  // namespace ganreg::cli
