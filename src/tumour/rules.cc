// IARC/IACR 2004 multiple-primary rules: Table 1 (topography groups), Table 2 (morphology groups)
// and the pairwise decision. The tables are written from the published rules; docs/consolidation.md
// lists them with ganreg's additions (rules B and U).
#include "tumour/rules.h"

#include <fmt/format.h>

#include <algorithm>

namespace ganreg::tumour {

namespace {

struct Range {
  int from, to;
  MorphologyGroup group;
};

using G = MorphologyGroup;
// IARC/IACR 2004 Table 2, one row per range of 4-digit cell types.
constexpr Range kMorphologyRanges[] = {
    {8051, 8084, G::kSquamous},        {8120, 8131, G::kSquamous},
    {8090, 8110, G::kBasal},
    {8140, 8149, G::kAdeno},           {8160, 8162, G::kAdeno},
    {8190, 8221, G::kAdeno},           {8260, 8337, G::kAdeno},
    {8350, 8551, G::kAdeno},           {8570, 8576, G::kAdeno},
    {8940, 8941, G::kAdeno},
    {8030, 8046, G::kOtherCarcinoma},  {8150, 8157, G::kOtherCarcinoma},
    {8170, 8180, G::kOtherCarcinoma},  {8230, 8255, G::kOtherCarcinoma},
    {8340, 8347, G::kOtherCarcinoma},  {8560, 8562, G::kOtherCarcinoma},
    {8580, 8671, G::kOtherCarcinoma},
    {8010, 8015, G::kCarcinomaNos},    {8020, 8022, G::kCarcinomaNos},
    {8050, 8050, G::kCarcinomaNos},
    {8680, 8713, G::kSarcoma},         {8800, 8921, G::kSarcoma},
    {8990, 8991, G::kSarcoma},         {9040, 9044, G::kSarcoma},
    {9120, 9125, G::kSarcoma},         {9130, 9136, G::kSarcoma},
    {9141, 9252, G::kSarcoma},         {9370, 9373, G::kSarcoma},
    {9540, 9582, G::kSarcoma},
    {9050, 9055, G::kMesothelioma},
    {9840, 9840, G::kMyeloid},         {9861, 9931, G::kMyeloid},
    {9945, 9946, G::kMyeloid},         {9950, 9950, G::kMyeloid},
    {9961, 9964, G::kMyeloid},         {9980, 9987, G::kMyeloid},
    {9670, 9699, G::kBCell},           {9728, 9728, G::kBCell},
    {9731, 9734, G::kBCell},           {9761, 9767, G::kBCell},
    {9769, 9769, G::kBCell},           {9823, 9826, G::kBCell},
    {9833, 9833, G::kBCell},           {9836, 9836, G::kBCell},
    {9940, 9940, G::kBCell},
    {9700, 9719, G::kTNkCell},         {9729, 9729, G::kTNkCell},
    {9768, 9768, G::kTNkCell},         {9827, 9831, G::kTNkCell},
    {9834, 9834, G::kTNkCell},         {9837, 9837, G::kTNkCell},
    {9948, 9948, G::kTNkCell},
    {9650, 9667, G::kHodgkin},
    {9740, 9742, G::kMastCell},
    {9750, 9758, G::kHistiocytic},
    {9140, 9140, G::kKaposi},
    {8000, 8005, G::kUnspecified},
    {8720, 8790, G::kOtherSpecified},  {8930, 8936, G::kOtherSpecified},
    {8950, 8983, G::kOtherSpecified},  {9000, 9030, G::kOtherSpecified},
    {9060, 9110, G::kOtherSpecified},  {9260, 9365, G::kOtherSpecified},
    {9380, 9539, G::kOtherSpecified},
};

// Group 14 (unspecified haematopoietic types): single codes rather than ranges.
constexpr int kHaematopoieticNos[] = {9590, 9591, 9596, 9727, 9760, 9800, 9801, 9805,
                                      9820, 9832, 9835, 9860, 9960, 9970, 9975, 9989};

bool IsCarcinoma(MorphologyGroup g) {
  return g >= G::kSquamous && g <= G::kCarcinomaNos;
}
bool IsHaematopoietic(MorphologyGroup g) {
  return g >= G::kMyeloid && g <= G::kHaematopoieticNos;
}
// The group a code counts as for the rules: a cell type outside the table says as little as 8000.
MorphologyGroup RuleGroup(const Code& c) {
  if (c.cell < 0) return G::kUnspecified;
  const MorphologyGroup g = MorphologyGroupOf(c.cell);
  return g == G::kNone ? G::kUnspecified : g;
}

int Digits(std::string_view s, size_t from, size_t n) {
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

MorphologyGroup MorphologyGroupOf(int cell) {
  for (const Range& r : kMorphologyRanges) {
    if (cell >= r.from && cell <= r.to) return r.group;
  }
  for (int code : kHaematopoieticNos) {
    if (cell == code) return G::kHaematopoieticNos;
  }
  return G::kNone;
}

std::string_view MorphologyGroupName(MorphologyGroup g) {
  switch (g) {
    case G::kNone: return "not in the IARC/IACR table";
    case G::kSquamous: return "squamous and transitional cell carcinoma";
    case G::kBasal: return "basal cell carcinoma";
    case G::kAdeno: return "adenocarcinoma";
    case G::kOtherCarcinoma: return "other specific carcinoma";
    case G::kCarcinomaNos: return "unspecified carcinoma";
    case G::kSarcoma: return "sarcoma and soft-tissue tumour";
    case G::kMesothelioma: return "mesothelioma";
    case G::kMyeloid: return "myeloid";
    case G::kBCell: return "B-cell neoplasm";
    case G::kTNkCell: return "T-cell and NK-cell neoplasm";
    case G::kHodgkin: return "Hodgkin lymphoma";
    case G::kMastCell: return "mast-cell tumour";
    case G::kHistiocytic: return "histiocytic and accessory lymphoid cells";
    case G::kHaematopoieticNos: return "unspecified haematopoietic";
    case G::kKaposi: return "Kaposi sarcoma";
    case G::kOtherSpecified: return "other specified types";
    case G::kUnspecified: return "unspecified type";
  }
  return "?";
}

bool IsSystemic(MorphologyGroup g) { return g >= G::kMyeloid && g <= G::kKaposi; }

Result<Code> Code::Parse(std::string_view site, std::string_view morphology) {
  Code c;
  if (!site.empty()) {
    // "C18.7", or "C187" as some exports write it.
    const bool dotted = site.size() == 5 && site[3] == '.';
    if ((site.size() != 4 && !dotted) || (site[0] != 'C' && site[0] != 'c')) {
      return Status::InvalidArgument(
          fmt::format("primary site '{}' is not an ICD-O-3 topography code (Cnn.n)", site));
    }
    c.site_category = Digits(site, 1, 2);
    c.site_sub = Digits(site, dotted ? 4 : 3, 1);
    if (c.site_category < 0 || c.site_sub < 0) {
      return Status::InvalidArgument(
          fmt::format("primary site '{}' is not an ICD-O-3 topography code (Cnn.n)", site));
    }
    c.site = fmt::format("C{:02}.{}", c.site_category, c.site_sub);
  }
  if (!morphology.empty()) {
    if (morphology.size() != 6 || Digits(morphology, 0, 6) < 0) {
      return Status::InvalidArgument(fmt::format(
          "morphology '{}' is not 6 digits (cell type, behaviour, grade)", morphology));
    }
    c.cell = Digits(morphology, 0, 4);
    c.behaviour = Digits(morphology, 4, 1);
    c.grade = Digits(morphology, 5, 1);
  }
  return c;
}

int TopographyGroupOf(const Code& c) {
  const int t = c.site_category;
  if (t < 0) return -1;
  // IARC/IACR 2004 Table 1: codes considered a single organ.
  switch (t) {
    case 1: case 2: return 2;
    case 5: case 6: return 6;
    case 7: case 8: return 8;
    case 9: case 10: case 12: case 13: case 14: return 14;
    case 19: case 20: return 20;
    case 23: case 24: return 24;
    case 30: case 31: return 31;
    case 33: case 34: return 34;
    case 37: case 38: return 38;
    case 40: case 41: return 41;
    case 51: case 52: return 579;
    case 56: return 570;
    case 57: return c.site_sub >= 0 && c.site_sub <= 4 ? 570 : 579;
    case 60: case 63: return 63;
    case 64: case 65: case 66: case 68: return 68;
    case 74: case 75: return 75;
    default: return t;
  }
}

bool IsUnspecifiedSite(const Code& c) { return c.site_category == 76 || c.site_category == 80; }

Decision SameTumour(const Code& a, const Code& b) {
  // ganreg rule B: a benign or uncertain CNS tumour (registered in Japan, X4) and an in situ or
  // malignant one are never one tumour; the IARC/IACR rules speak of malignant neoplasms only.
  if (a.behaviour >= 0 && b.behaviour >= 0 && (a.behaviour <= 1) != (b.behaviour <= 1)) {
    return {false, "B-behaviour"};
  }
  const MorphologyGroup ga = RuleGroup(a), gb = RuleGroup(b);
  const auto organ = [&]() -> Decision {
    if (a.site_category < 0 || b.site_category < 0 || IsUnspecifiedSite(a) ||
        IsUnspecifiedSite(b)) {
      return {true, "U-unknown-site"};
    }
    if (TopographyGroupOf(a) == TopographyGroupOf(b)) return {true, "R3-organ"};
    return {false, "R3-other-organ"};
  };
  // Rule 4.2's exceptions: an unspecified histology is not a different histology.
  if (ga == G::kUnspecified || gb == G::kUnspecified) return organ();
  if ((ga == G::kCarcinomaNos && IsCarcinoma(gb)) || (gb == G::kCarcinomaNos && IsCarcinoma(ga))) {
    return organ();
  }
  if ((ga == G::kHaematopoieticNos && IsHaematopoietic(gb)) ||
      (gb == G::kHaematopoieticNos && IsHaematopoietic(ga))) {
    return {true, "R4.1-systemic"};
  }
  if (ga != gb) return {false, "R4.2-histology"};
  if (IsSystemic(ga)) return {true, "R4.1-systemic"};
  return organ();
}

std::vector<uint32_t> GroupIntoTumours(std::span<const Code> codes) {
  std::vector<uint32_t> tumour_of(codes.size(), 0);
  std::vector<Code> representative;
  for (size_t i = 0; i < codes.size(); ++i) {
    const Code& c = codes[i];
    size_t t = 0;
    while (t < representative.size() && !SameTumour(representative[t], c).same) ++t;
    if (t == representative.size()) {
      representative.push_back(c);
    } else {
      Code& r = representative[t];
      // The representative takes what is more specific, so later notifications are compared
      // with the organ and histology the tumour is known to have.
      if ((r.site_category < 0 || IsUnspecifiedSite(r)) && c.site_category >= 0 &&
          !IsUnspecifiedSite(c)) {
        r.site = c.site;
        r.site_category = c.site_category;
        r.site_sub = c.site_sub;
      }
      const MorphologyGroup gr = RuleGroup(r), gc = RuleGroup(c);
      const bool more_specific = (gr == G::kUnspecified && gc != G::kUnspecified) ||
                                 (gr == G::kCarcinomaNos && IsCarcinoma(gc) && gc != gr) ||
                                 (gr == G::kHaematopoieticNos && IsHaematopoietic(gc) && gc != gr);
      if (more_specific) {
        r.cell = c.cell;
        r.grade = c.grade;
      }
      r.behaviour = std::max(r.behaviour, c.behaviour);
    }
    tumour_of[i] = static_cast<uint32_t>(t);
  }
  return tumour_of;
}

}  // namespace ganreg::tumour
