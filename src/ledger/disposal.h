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

// A disposal contractor's contract as the head checked it (S-STO-5: a dissolution contractor's
// contract must contain a confidentiality clause, which the head checks).
struct DisposalContract {
  std::string contractor, ref;          // the company; the contract's reference (number, date)
  bool confidentiality_clause = false;  // the head found the clause in the contract
  std::string checked_by;               // the head who checked it
  int32_t checked_on = 0;               // yyyymmdd of the check
  int32_t valid_until = 0;              // yyyymmdd the contract ends, 0 if open-ended
};

// Checks the head's check of a contract before it is recorded: contractor and reference given,
// the clause present, checked by one of `heads` (active head accounts), not in the future nor
// after the contract ended. kInvalidArgument for a missing field or an impossible date,
// kFailedPrecondition naming S-STO-5 otherwise.
Status CheckDisposalContract(const DisposalContract& c, const std::vector<std::string>& heads,
                             int32_t today);

struct Disposal {
  std::string item;  // what was disposed of (never personal information)
  DisposalMethod method = DisposalMethod::kShred;
  double strip_width_mm = 0, particle_mm2 = 0;  // shredding only
  Combined combined_with = Combined::kNone;
  DisposalPlace place = DisposalPlace::kRoom;
  std::vector<std::string> witnesses;  // who did it or was present
  int32_t date = 0;                    // yyyymmdd of the disposal
  std::string time;                    // "HH:MM" it was done, "" if not given (F-6)
  // A listed medium or an acquired form: stored material, never the temporary printouts and
  // work files staff may dispose of without permission (STO-P4).
  bool stored_material = false;
  std::string approved_by;  // the task lead or head who approved it (STO-P4, F-6)
  // A contractor's disposal: the contract it was done under, as the head checked it (S-STO-5),
  // and the contractor's certificate of destruction, where one is given (F-6).
  std::optional<DisposalContract> contract;
  std::string certificate;
};

// Checks an entry against S-STO-5 (shredding; a contractor only under a contract whose
// confidentiality clause the head checked, valid on the day), S-STO-4 (place and people) and
// STO-P4 (approval). `staff` are the names of the registry's active accounts: outside the room
// several of them must do it; by a contractor one of them must be present throughout.
// `approvers` are the active heads and task leads: stored material and a contractor's disposal
// need one of them as approver; an entry without an approver stands for temporary material.
// kInvalidArgument for a missing or misplaced field, kFailedPrecondition naming the rule and the
// reason otherwise.
Status CheckDisposal(const Disposal& d, const std::vector<std::string>& staff,
                     const std::vector<std::string>& approvers);

// "YYYY-MM-DD" with a real calendar date; the yyyymmdd number, or nullopt.
std::optional<int32_t> ParseDate(std::string_view date);
std::string FormatDate(int32_t yyyymmdd);  // 20261125 → "2026-11-25"

}  // namespace ganreg::ledger
