// Consolidation (集約): one tumour record from all the notifications of one tumour, picking the
// best value of each item and keeping which notification gave it (docs/consolidation.md). The
// record holds clinical items only, plus sex and age at diagnosis (derived; never a name, a
// birth date or an address), and is stored encrypted under the notification-clinical category.
//
//   std::vector<tumour::Source> sources = …;           // one tumour's notifications
//   tumour::TumourRecord t = tumour::Consolidate(sources);
//   t.value(tumour::Field::kDiagnosisDate);             // the earliest date
//   t.source(tumour::Field::kDiagnosisDate);            // the key number that gave it
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/notification.h"
#include "tumour/rules.h"

namespace ganreg::tumour {

// One notification as consolidation sees it.
struct Source {
  int64_t key_no = 0;
  std::string hospital_code;
  // Clinical items; of the identity items only sex and birth date are read (for sex and age).
  model::NotificationRow row;
};

// The consolidated items, in the order of the stored encoding (never reorder: append only).
enum class Field : int {
  kPrimarySite = 0,
  kCellType,          // 4 digits of the morphology
  kBehaviour,         // 5th digit
  kGrade,             // 6th digit
  kLaterality,
  kDiagnosisDate,
  kBasisOfDiagnosis,
  kDiscoveryRoute,
  kExtentBefore,
  kExtentAfterSurgery,
  kSurgery,
  kScopicSurgery,
  kEndoscopicTreatment,
  kTreatmentExtent,
  kRadiotherapy,
  kChemotherapy,
  kEndocrineTherapy,
  kOtherTreatment,
  kDeathDate,
  kSex,
  kAgeAtDiagnosis,    // full years from the birth date to the consolidated diagnosis date
  kFirstHospital,     // the hospital of the notification that gave the diagnosis date
};
inline constexpr int kFieldCount = 22;
std::string_view FieldId(Field f);     // "primary_site", …
std::string_view FieldLabel(Field f);  // "原発部位", …

struct Value {
  std::string value;   // "" when no notification had one
  int64_t source = 0;  // key number of the notification it came from; 0 when none
};

struct TumourRecord {
  std::vector<int64_t> notifications;  // key numbers, ascending
  std::array<Value, kFieldCount> values;

  const std::string& value(Field f) const { return values[static_cast<int>(f)].value; }
  int64_t source(Field f) const { return values[static_cast<int>(f)].source; }
  // The 6-digit morphology put together from cell type, behaviour and grade ("" if no cell type).
  std::string Morphology() const;
  bool operator==(const TumourRecord&) const;
};

// The order consolidation and grouping consider a person's notifications in: by diagnosis date
// (a missing date last), then key number. Sorts `sources` in place.
void SortForConsolidation(std::vector<Source>& sources);

// Builds the tumour record from its notifications (at least one), by the rules of
// docs/consolidation.md. Ties go to the notification that comes first in `sources`, so callers
// pass them sorted with SortForConsolidation.
TumourRecord Consolidate(std::span<const Source> sources);

// The plaintext that is encrypted (format in docs/consolidation.md). Decode: kDataLoss if
// malformed.
std::string Encode(const TumourRecord& t);
Result<TumourRecord> Decode(std::string_view bytes);

}  // namespace ganreg::tumour
