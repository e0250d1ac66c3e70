// The disposal record (消去・廃棄記録簿, F-6) and the portable-media list (可搬媒体リスト,
// S-STO-2, F-18): the rules an entry must satisfy (S-STO-4 place and people, S-STO-5 shredding)
// as pure functions, no I/O. The app layer stores what passes and audits every entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

enum class MediumKind { kUsb, kCdR, kPaperFile };
std::string_view MediumKindId(MediumKind k);  // "usb", "cd-r", "paper-file"
std::optional<MediumKind> ParseMediumKind(std::string_view id);

enum class DisposalMethod { kShred, kDissolve, kIncinerate, kEraseSoftware, kPhysicalDestroy };
std::string_view MethodId(DisposalMethod m);  // "shred", "dissolve", …
std::optional<DisposalMethod> ParseMethod(std::string_view id);

enum class DisposalPlace { kRoom, kDesignatedOutside, kContractor };
std::string_view PlaceId(DisposalPlace p);  // "room", "designated-outside", "contractor"
std::optional<DisposalPlace> ParsePlace(std::string_view id);

// What shredded strips are followed by (S-STO-5's second option).
enum class Combined { kNone, kDissolution, kIncineration };
std::string_view CombinedId(Combined c);  // "", "dissolution", "incineration"
std::optional<Combined> ParseCombined(std::string_view id);

// S-STO-5 limits, in millimetres and square millimetres.
inline constexpr double kStripAloneMm = 1.0, kParticleAloneMm2 = 10.0;
inline constexpr double kStripCombinedMm = 2.0, kParticleCombinedMm2 = 30.0;

struct Disposal {
  std::string item;  // what was disposed of (never personal information)
  DisposalMethod method = DisposalMethod::kShred;
  double strip_width_mm = 0, particle_mm2 = 0;  // shredding only
  Combined combined_with = Combined::kNone;
  DisposalPlace place = DisposalPlace::kRoom;
  std::vector<std::string> witnesses;  // who did it or was present
};

// Checks an entry against S-STO-5 (shredding) and S-STO-4 (place and people). `staff` are the
// names of the registry's active accounts: outside the room several of them must do it; by a
// contractor one of them must be present throughout. kInvalidArgument for a missing field,
// kFailedPrecondition naming the rule and the reason otherwise.
Status CheckDisposal(const Disposal& d, const std::vector<std::string>& staff);

// "YYYY-MM-DD" with a real calendar date; the yyyymmdd number, or nullopt.
std::optional<int32_t> ParseDate(std::string_view date);
std::string FormatDate(int32_t yyyymmdd);  // 20261125 → "2026-11-25"

}  // namespace ganreg::ledger
