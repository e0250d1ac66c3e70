// The clinical half of a synthetic notification: site, morphology, basis, extent and treatment,
// drawn from a hand-written table of common sites and kept consistent with rules X3–X5 and R1–R4
// of docs/formats/notification-csv.md by construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "synth/util.h"

namespace ganreg::synth::internal {

enum class AgeProfile { kOld, kYounger };

// Item values of the clinical part (fields of the layout, as written).
struct Clinical {
  std::string_view laterality;
  std::string_view primary_site;
  std::string morphology;  // 6 digits
  std::string_view diagnosing_facility;
  std::string_view treating_facility;
  std::string_view basis_of_diagnosis;
  std::string_view discovery_route;
  std::string_view extent_before;
  std::string_view extent_after;
  std::string_view surgery;
  std::string_view scopic_surgery;
  std::string_view endoscopic_treatment;
  std::string_view treatment_extent;
  std::string_view radiotherapy;
  std::string_view chemotherapy;
  std::string_view endocrine_therapy;
  std::string_view other_treatment;
  uint32_t death_per_mille = 0;  // chance of a death date, higher for advanced extents
};

// Chooses a site group for a patient of the given sex, with weights after Japanese incidence.
size_t PickSiteGroup(Rng& rng, bool male);
AgeProfile AgeProfileOf(size_t group);
// False for groups whose rows involve site-specific rules (C42 extent exceptions, X4's benign CNS
// behaviours, X5's 777): a fault that changes the site is injected only into "plain" rows, so
// that the fault breaks exactly one item.
bool IsPlainGroup(size_t group);

// Fills every clinical item for a case of `group`.
void GenerateClinical(Rng& rng, size_t group, Clinical* out);

// Turns `c` into a case not treated here (treating facility 1/4/8): every treatment flag 2,
// treatment extent 6, extent after surgery 660 (777 for C42.0/C42.1), as R1–R4 require.
void MakeNotTreatedHere(std::string_view treating_facility, Clinical* c);

// True if any of surgery / scopic surgery / endoscopic treatment is 1 (R4).
bool AnyInvasiveTreatment(const Clinical& c);

}  // namespace ganreg::synth::internal
