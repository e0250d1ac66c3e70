// Disposal rules (S-STO-4, S-STO-5) and the media kinds of the portable-media list (S-STO-2).
#include "ledger/disposal.h"

#include <algorithm>

#include <fmt/format.h>

namespace ganreg::ledger {

std::string_view MediumKindId(MediumKind k) {
  switch (k) {
    case MediumKind::kUsb: return "usb";
    case MediumKind::kCdR: return "cd-r";
    case MediumKind::kPaperFile: return "paper-file";
  }
  return "?";
}

std::optional<MediumKind> ParseMediumKind(std::string_view id) {
  for (auto k : {MediumKind::kUsb, MediumKind::kCdR, MediumKind::kPaperFile}) {
    if (MediumKindId(k) == id) return k;
  }
  return std::nullopt;
}

std::string_view MethodId(DisposalMethod m) {
  switch (m) {
    case DisposalMethod::kShred: return "shred";
    case DisposalMethod::kDissolve: return "dissolve";
    case DisposalMethod::kIncinerate: return "incinerate";
    case DisposalMethod::kEraseSoftware: return "erase-software";
    case DisposalMethod::kPhysicalDestroy: return "physical-destroy";
  }
  return "?";
}

std::optional<DisposalMethod> ParseMethod(std::string_view id) {
  for (auto m : {DisposalMethod::kShred, DisposalMethod::kDissolve, DisposalMethod::kIncinerate,
                 DisposalMethod::kEraseSoftware, DisposalMethod::kPhysicalDestroy}) {
    if (MethodId(m) == id) return m;
  }
  return std::nullopt;
}

std::string_view PlaceId(DisposalPlace p) {
  switch (p) {
    case DisposalPlace::kRoom: return "room";
    case DisposalPlace::kDesignatedOutside: return "designated-outside";
    case DisposalPlace::kContractor: return "contractor";
  }
  return "?";
}

std::optional<DisposalPlace> ParsePlace(std::string_view id) {
  for (auto p : {DisposalPlace::kRoom, DisposalPlace::kDesignatedOutside,
                 DisposalPlace::kContractor}) {
    if (PlaceId(p) == id) return p;
  }
  return std::nullopt;
}

std::string_view CombinedId(Combined c) {
  switch (c) {
    case Combined::kNone: return "";
    case Combined::kDissolution: return "dissolution";
    case Combined::kIncineration: return "incineration";
  }
  return "?";
}

std::optional<Combined> ParseCombined(std::string_view id) {
  for (auto c : {Combined::kNone, Combined::kDissolution, Combined::kIncineration}) {
    if (CombinedId(c) == id) return c;
  }
  return std::nullopt;
}

namespace {
Status Refuse(std::string_view rule, std::string_view ja, std::string_view en) {
  return Status::FailedPrecondition(fmt::format("{}: {} / {}", rule, ja, en));
}
}  // namespace

Status CheckDisposalContract(const DisposalContract& c, const std::vector<std::string>& heads,
                             int32_t today) {
  if (c.contractor.empty() || c.ref.empty()) {
    return Status::InvalidArgument(
        "委託先と契約の番号が必要です / name the contractor and the contract's reference");
  }
  if (c.checked_on == 0 || c.checked_on > today) {
    return Status::InvalidArgument("確認日が不正です（未来の日付） / the check's date is missing "
                                   "or in the future");
  }
  if (c.valid_until != 0 && c.valid_until < c.checked_on) {
    return Status::InvalidArgument(
        "契約の終了日が確認日より前です / the contract ended before the check");
  }
  // S-STO-5: the contract must contain a confidentiality clause …
  if (!c.confidentiality_clause) {
    return Refuse("S-STO-5", "溶解等の委託契約には守秘義務条項が必要",
                  "a disposal contractor's contract must contain a confidentiality clause "
                  "(--confidentiality-clause once the head has found it)");
  }
  // … which the head checks.
  if (std::find(heads.begin(), heads.end(), c.checked_by) == heads.end()) {
    return Refuse("S-STO-5", "守秘義務条項の確認は登録室責任者が行う",
                  fmt::format("the head checks the confidentiality clause; '{}' is not an active "
                              "head account", c.checked_by));
  }
  return Status::Ok();
}

namespace {
bool ValidClock(std::string_view t) {
  return t.size() == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' &&
         t[1] <= '9' && t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
         (t[0] < '2' || t[1] <= '3');
}
}  // namespace

Status CheckDisposal(const Disposal& d, const std::vector<std::string>& staff,
                     const std::vector<std::string>& approvers) {
  if (d.item.empty()) {
    return Status::InvalidArgument("廃棄したものの記載がありません / the item is missing (F-6)");
  }
  if (!d.time.empty() && !ValidClock(d.time)) {
    return Status::InvalidArgument(
        fmt::format("時刻は HH:MM / the time is HH:MM, not '{}' (F-6)", d.time));
  }
  const bool by_contractor = d.place == DisposalPlace::kContractor;
  if (!by_contractor && (d.contract || !d.certificate.empty())) {
    return Status::InvalidArgument(
        "契約・廃棄証明書は委託業者による廃棄のみ / a contract and a certificate of destruction "
        "belong to a contractor's disposal (--place contractor)");
  }
  std::vector<std::string> people = d.witnesses;
  people.erase(std::remove(people.begin(), people.end(), std::string()), people.end());
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  if (people.empty()) {
    return Status::InvalidArgument(
        "実施者・立会者の記載がありません / name who did it or was present (--witnesses)");
  }
  // S-STO-5: strips ≤ 1 mm and particles ≤ 10 mm² alone, or ≤ 2 mm and ≤ 30 mm² only when the
  // strips then go to dissolution or incineration.
  if (d.method == DisposalMethod::kShred) {
    if (d.strip_width_mm <= 0 || d.particle_mm2 <= 0) {
      return Status::InvalidArgument(
          "シュレッダーの裁断幅と細片の面積が必要です / shredding needs the strip width and "
          "particle size (--strip-width-mm, --particle-mm2) (S-STO-5)");
    }
    const bool alone = d.strip_width_mm <= kStripAloneMm && d.particle_mm2 <= kParticleAloneMm2;
    const bool combinable =
        d.strip_width_mm <= kStripCombinedMm && d.particle_mm2 <= kParticleCombinedMm2;
    if (!alone && !combinable) {
      return Refuse("S-STO-5",
                    fmt::format("裁断幅{}mm・{}mm²は粗すぎる（単独で1mm・10mm²以下、溶解・焼却と"
                                "併用で2mm・30mm²以下）", d.strip_width_mm, d.particle_mm2),
                    fmt::format("strips {} mm wide and {} mm² are too coarse (alone ≤ 1 mm and "
                                "≤ 10 mm²; with dissolution or incineration ≤ 2 mm and ≤ 30 mm²)",
                                d.strip_width_mm, d.particle_mm2));
    }
    if (!alone && d.combined_with == Combined::kNone) {
      return Refuse("S-STO-5",
                    "裁断幅2mm・30mm²以下の細断は溶解または焼却との併用が必要",
                    fmt::format("strips {} mm wide and {} mm² pass only combined with "
                                "dissolution or incineration (--combined-with)",
                                d.strip_width_mm, d.particle_mm2));
    }
  }
  const auto staff_among = [&] {
    return std::count_if(people.begin(), people.end(), [&](const std::string& p) {
      return std::find(staff.begin(), staff.end(), p) != staff.end();
    });
  };
  // S-STO-4: outside the room, by staff: several people do it.
  if (d.place == DisposalPlace::kDesignatedOutside && staff_among() < 2) {
    return Refuse("S-STO-4", "室外での廃棄は職員複数名で行う",
                  "disposal outside the room is done by several staff members: name at least "
                  "two registry accounts in --witnesses");
  }
  // S-STO-4: by others (a contractor): a staff member is present throughout.
  if (by_contractor && staff_among() < 1) {
    return Refuse("S-STO-4", "委託業者による廃棄には職員が終始立ち会う",
                  "disposal by a contractor needs a staff member present throughout: name a "
                  "registry account in --witnesses");
  }
  // S-STO-5: a contractor disposes only under a contract whose confidentiality clause the head
  // checked (CheckDisposalContract), in force on the day.
  if (by_contractor) {
    if (!d.contract) {
      return Refuse("S-STO-5", "委託業者による廃棄は、守秘義務条項を責任者が確認した契約の下でのみ",
                    "a contractor disposes only under a contract whose confidentiality clause "
                    "the head checked: name it (--contract REF; `disposal contract check`)");
    }
    const DisposalContract& c = *d.contract;
    if (!c.confidentiality_clause || c.checked_by.empty()) {
      return Refuse("S-STO-5", fmt::format("契約{}の守秘義務条項が責任者に確認されていない", c.ref),
                    fmt::format("the confidentiality clause of contract {} was not checked by "
                                "the head", c.ref));
    }
    if (d.date != 0 && (d.date < c.checked_on || (c.valid_until != 0 && d.date > c.valid_until))) {
      return Refuse("S-STO-5",
                    fmt::format("廃棄日{}は契約{}の確認前または契約終了後（確認{}、終了{}）",
                                FormatDate(d.date), c.ref, FormatDate(c.checked_on),
                                c.valid_until ? FormatDate(c.valid_until) : "-"),
                    fmt::format("on {} contract {} was not checked and in force (checked {}, "
                                "ends {})", FormatDate(d.date), c.ref, FormatDate(c.checked_on),
                                c.valid_until ? FormatDate(c.valid_until) : "-"));
    }
  }
  // STO-P4: staff dispose of temporary printouts and work files without permission; anything
  // else only with the approval of a task lead (or the head).
  if (!d.approved_by.empty() &&
      std::find(approvers.begin(), approvers.end(), d.approved_by) == approvers.end()) {
    return Refuse("STO-P4", "承認は作業責任者または登録室責任者が行う",
                  fmt::format("'{}' is not an active task lead or head: they approve disposals",
                              d.approved_by));
  }
  if (d.approved_by.empty() && (d.stored_material || by_contractor)) {
    return Refuse("STO-P4", "一時的な資料以外の消去・廃棄には作業責任者の承認が必要",
                  fmt::format("{} is not temporary material: its disposal needs a task lead's "
                              "approval (--approved-by)",
                              by_contractor ? "a contractor's disposal" : "a listed medium or "
                                                                          "acquired material"));
  }
  return Status::Ok();
}

std::optional<int32_t> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::pair<size_t, size_t> parts[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = parts[i].first; k < parts[i].first + parts[i].second; ++k) {
      if (s[k] < '0' || s[k] > '9') return std::nullopt;
      v[i] = v[i] * 10 + (s[k] - '0');
    }
  }
  const int y = v[0], m = v[1], d = v[2];
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > days) return std::nullopt;
  return y * 10000 + m * 100 + d;
}

std::string FormatDate(int32_t yyyymmdd) {
  return fmt::format("{:04}-{:02}-{:02}", yyyymmdd / 10000, yyyymmdd / 100 % 100,
                     yyyymmdd % 100);
}

}  // namespace ganreg::ledger
