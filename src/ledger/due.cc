// The calendar of the manual (S-HUM-1, S-HUM-3, S-SYS-3, S-ENT-1, S-CHK-1, S-PWD-2, S-STO-2,
// S-INC-1, S-INC-2) applied to a registry's records.
#include "ledger/due.h"

#include <algorithm>

#include <fmt/format.h>

#include "ledger/disposal.h"
#include "ledger/people.h"

namespace ganreg::ledger {

namespace {
int32_t LastDayOfMonth(int year, int month) {
  const int next_y = month == 12 ? year + 1 : year, next_m = month == 12 ? 1 : month + 1;
  return AddDays(next_y * 10000 + next_m * 100 + 1, -1);
}
}  // namespace

int32_t AddMonths(int32_t yyyymmdd, int64_t months) {
  const int64_t m0 = (yyyymmdd / 10000) * 12 + (yyyymmdd / 100 % 100 - 1) + months;
  const int year = static_cast<int>(m0 / 12), month = static_cast<int>(m0 % 12) + 1;
  const int32_t last = LastDayOfMonth(year, month);
  return std::min(year * 10000 + month * 100 + yyyymmdd % 100, last);
}

std::vector<DueItem> WhatIsDue(const DueFacts& f) {
  std::vector<DueItem> out;
  auto add = [&](std::string rule, std::string what, int32_t due) {
    out.push_back({std::move(rule), std::move(what), due, due < f.today});
  };
  const int64_t fy = FiscalYear(f.today);
  const int32_t april_first = static_cast<int32_t>(fy * 10000 + 401);
  const int32_t april_end = static_cast<int32_t>(fy * 10000 + 430);

  // S-HUM-1, S-HUM-3: the head approves a plan for the year; staff train every April (new staff
  // ad hoc) and pass the test.
  if (std::find(f.approved_plan_years.begin(), f.approved_plan_years.end(), fy) ==
      f.approved_plan_years.end()) {
    add("S-HUM-1", fmt::format("{}年度の研修計画（責任者の承認） / no approved training plan for "
                               "fiscal year {}", fy, fy), april_first);
  }
  for (const auto& a : f.accounts) {
    if (a.disabled) {
      if (!a.briefed_leaver) {
        add("S-HUM-3", fmt::format("{}: 退職者への守秘義務の説明 / leaver briefing on "
                                   "confidentiality not recorded", a.name), f.today);
      }
      continue;
    }
    if (a.role != "head") {
      if (!a.last_pass) {
        add("S-HUM-1", fmt::format("{}: 研修・試験に未合格 / no training test passed (needed "
                                   "before any personal-information grant)", a.name), f.today);
      } else if (*a.last_pass < april_first) {
        add("S-HUM-1", fmt::format("{}: {}年度の4月研修・試験 / April training and test of "
                                   "fiscal year {} not passed", a.name, fy, fy), april_end);
      }
      if (!a.briefed_new) {
        add("S-HUM-3", fmt::format("{}: 新任者への説明（責任者） / the head's briefing for new "
                                   "staff not recorded", a.name), f.today);
      }
    }
    if (a.must_change) {
      add("S-PWD-3", fmt::format("{}: 初期パスワードの変更 / the initial password is still to be "
                                 "changed by its holder", a.name), f.today);
    } else if (a.password_expires <= AddDays(f.today, kPasswordWarningDays)) {
      add("S-PWD-2", fmt::format("{}: パスワードの期限（60日） / password expires (60 days)",
                                 a.name), a.password_expires);
    }
  }

  // S-SYS-3: every user ID against its holder, every April (if the registry existed on April 1)
  // and whenever personnel change (an account created or disabled since the last audit).
  auto audited_since = [&](int32_t since) {
    return std::any_of(f.id_audit_dates.begin(), f.id_audit_dates.end(),
                       [&](int32_t d) { return d >= since; });
  };
  if (f.registry_created <= april_first && !audited_since(april_first)) {
    add("S-SYS-3", fmt::format("{}年度4月の利用者ID照合 / the April user-ID audit of fiscal year "
                               "{}", fy, fy), april_end);
  } else if (f.last_personnel_change != 0 && !audited_since(f.last_personnel_change)) {
    add("S-SYS-3", fmt::format("人事異動（{}）後の利用者ID照合 / user-ID audit after the "
                               "personnel change of {}", FormatDate(f.last_personnel_change),
                               FormatDate(f.last_personnel_change)),
        f.last_personnel_change);
  }

  // S-ENT-1: the task lead checks the entry/exit log about monthly — each month from the log's
  // first through last month, by the end of the month after it.
  if (f.first_entry_month) {
    int y = std::stoi(f.first_entry_month->substr(0, 4));
    int m = std::stoi(f.first_entry_month->substr(5, 2));
    const int ty = f.today / 10000, tm = f.today / 100 % 100;
    while (y * 12 + m < ty * 12 + tm) {
      const std::string month = fmt::format("{:04}-{:02}", y, m);
      if (std::find(f.checked_months.begin(), f.checked_months.end(), month) ==
          f.checked_months.end()) {
        const int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
        add("S-ENT-1", fmt::format("{}の入退室管理簿の点検（作業責任者） / the task lead's check "
                                   "of the entry/exit log for {}", month, month),
            LastDayOfMonth(ny, nm));
      }
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }

  // S-ENT-1: keys counted at the end of each day the box was opened; and locked again.
  for (int32_t d : f.keybox_open_days_without_count) {
    add("S-ENT-1", fmt::format("{}の終業時の鍵の本数確認 / end-of-day key count of {} not "
                               "recorded", FormatDate(d), FormatDate(d)), d);
  }
  if (f.keybox_open_now) {
    add("S-STO-1", "キーボックスが開いたまま（施錠の記録がない） / the key box is open: record "
                   "its locking", f.today);
  }

  // S-CHK-1: the September self-assessment, from September 1 until the head signs it (overdue
  // after September 30); not for a registry that began after that September.
  {
    const int64_t year = f.today / 10000;
    const int32_t end = static_cast<int32_t>(year * 10000 + 930);
    const bool signed_off =
        std::find(f.signed_assessment_years.begin(), f.signed_assessment_years.end(), year) !=
        f.signed_assessment_years.end();
    if (f.today / 100 % 100 >= 9 && !signed_off && f.registry_created <= end) {
      add("S-CHK-1", fmt::format("{}年9月の自己点検と責任者の署名（ganreg self-assessment） / the "
                                 "September self-assessment of {} signed by the head",
                                 year, year),
          end);
    }
  }

  // S-TRN-1, S-TRN-5: how each delivery on media or paper travelled.
  for (const auto& h : f.untracked_handover) {
    add("S-TRN-1", fmt::format("受渡簿#{}: 配送方法・追跡番号の記録 / hand-over entry #{}: record "
                               "how it travelled (ganreg ledger delivery)", h.id, h.id),
        h.date);
  }

  // STO-3 (checklist Nos. 58-59): material taken out and not back by its date.
  for (const auto& t : f.open_takeouts) {
    if (t.due_back <= f.today) {
      add("S-STO-3", fmt::format("持出し#{}: 返却予定日 {} / take-out #{} due back {}: record its "
                                 "return", t.id, FormatDate(t.due_back), t.id,
                                 FormatDate(t.due_back)),
          t.due_back);
    }
  }

  // S-STO-2, F-7: media kept past their period.
  for (const auto& m : f.media) {
    if (m.disposed) continue;
    const int32_t due = AddDays(m.received, kMediumKeepDays);
    if (due <= AddDays(f.today, 30)) {
      add("S-STO-2", fmt::format("媒体{}: 保管期間の終了、消去・廃棄 / medium {} kept past its "
                                 "period: erase or dispose of it", m.id, m.id), due);
    }
  }

  // S-CHK-1: procedures revised by the results — each action decided for an unmet item of a
  // signed self-assessment is carried out as a recorded revision.
  for (const auto& a : f.signed_assessments) {
    for (const auto& item : a.unrevised) {
      add("S-CHK-1", fmt::format("{}年自己点検 {}: 改善措置による手順の改訂が未記録（ganreg "
                                 "self-assessment revise） / self-assessment {} item {}: no "
                                 "procedure revision recorded for its action", a.year, item,
                                 a.year, item),
          AddDays(a.signed_on, kRevisionDays));
    }
  }

  // ORG-6: an outside body audits the room every 4-5 years; the head reports the result to the
  // governor's officer.
  {
    int32_t last = 0;
    for (const auto& a : f.external_audits) {
      last = std::max(last, a.date);
      if (a.reported == 0) {
        add("ORG-6", fmt::format("外部監査#{}（{}）の結果の総括責任者への報告が未記録 / external "
                                 "audit #{} ({}): its report to the governor's officer is not "
                                 "recorded", a.id, FormatDate(a.date), a.id, FormatDate(a.date)),
            a.date);
      }
    }
    const int32_t from = last != 0 ? last : f.registry_created;
    if (from != 0 && AddMonths(from, 12 * kExternalAuditListYears) <= f.today) {
      add("ORG-6", last != 0
                       ? fmt::format("外部監査（4～5年ごと、前回 {}） / the external audit every "
                                     "4-5 years (last {})", FormatDate(last), FormatDate(last))
                       : fmt::format("外部監査（4～5年ごと、記録なし） / the external audit every "
                                     "4-5 years (none recorded since {})", FormatDate(from)),
          AddMonths(from, 12 * kExternalAuditYears));
    }
  }

  // S-STO-3, STO-P5 (F-7): material kept to the end of its retention period is erased or
  // disposed of (a disposal record naming the acquisition).
  for (const auto& r : f.retained) {
    const int32_t end = AddMonths(r.received, r.months);
    if (end <= AddDays(f.today, kRetentionWarningDays)) {
      add("S-STO-3", fmt::format("取得#{}（{}・{}、{}受領）の保存期間{}か月の終了: 消去・廃棄 / "
                                 "acquisition #{} ({}, {}): its {}-month retention ends: erase "
                                 "or dispose of it (ganreg disposal record --acquisition {})",
                                 r.acquisition, r.kind, r.medium, FormatDate(r.received),
                                 r.months, r.acquisition, r.kind, r.medium, r.months,
                                 r.acquisition),
          end);
    }
  }

  // S-INC-1: incidents whose steps are not all recorded.
  for (const auto& i : f.incidents) {
    std::string steps;
    for (const auto& s : i.missing_steps) steps += (steps.empty() ? "" : ", ") + s;
    add("S-INC-1", fmt::format("事故#{}: 未完了の手順 / incident #{}: steps not recorded: {}",
                               i.id, i.id, steps), f.today);
  }
  if (!f.has_contact_network) {
    add("S-INC-2", "緊急連絡網（作成・更新日付き）が未登録 / no emergency contact network "
                   "recorded (with its update date)", f.today);
  }

  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    if (a.overdue != b.overdue) return a.overdue;
    return a.due < b.due;
  });
  return out;
}

}  // namespace ganreg::ledger
