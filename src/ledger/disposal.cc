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

Status CheckDisposal(const Disposal& d, const std::vector<std::string>& staff) {
  if (d.item.empty()) {
    return Status::InvalidArgument("廃棄したものの記載がありません / the item is missing (F-6)");
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
  if (d.place == DisposalPlace::kContractor && staff_among() < 1) {
    return Refuse("S-STO-4", "委託業者による廃棄には職員が終始立ち会う",
                  "disposal by a contractor needs a staff member present throughout: name a "
                  "registry account in --witnesses");
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
