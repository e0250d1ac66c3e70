// The IARC/IACR 2004 multiple-primary rules (International rules for multiple primary cancers,
// ICD-O-3; IARC/IACR/ENCR working group) as pure functions: topography groups (their Table 1),
// morphology groups (their Table 2) and the decision whether two notifications describe one
// tumour. The rule table, with ganreg's own additions, is docs/consolidation.md.
//
//   auto a = tumour::Code::Parse("C18.7", "814032");
//   auto b = tumour::Code::Parse("C18.2", "821132");
//   tumour::Decision d = tumour::SameTumour(*a, *b);  // d.same == true, d.rule == "R3-organ"
//
// Thread-safety: every function is pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::tumour {

// Morphology groups of IARC/IACR 2004 Table 2 (1–17); 0 = a cell type the table does not place
// (treated like group 17, "unspecified", by the rules; the quality checks name it).
enum class MorphologyGroup : uint8_t {
  kNone = 0,
  kSquamous = 1,           // squamous and transitional cell carcinomas
  kBasal = 2,              // basal cell carcinomas
  kAdeno = 3,              // adenocarcinomas
  kOtherCarcinoma = 4,     // other specific carcinomas
  kCarcinomaNos = 5,       // unspecified carcinomas
  kSarcoma = 6,            // sarcomas and soft-tissue tumours
  kMesothelioma = 7,
  kMyeloid = 8,
  kBCell = 9,
  kTNkCell = 10,
  kHodgkin = 11,
  kMastCell = 12,
  kHistiocytic = 13,
  kHaematopoieticNos = 14, // unspecified haematopoietic types
  kKaposi = 15,
  kOtherSpecified = 16,
  kUnspecified = 17,       // 8000–8005
};

MorphologyGroup MorphologyGroupOf(int cell_type);  // cell_type: the 4-digit ICD-O-3 code
std::string_view MorphologyGroupName(MorphologyGroup g);
// Groups 8–15: systemic or multicentric, counted once in a person whatever the site (rule 4.1).
bool IsSystemic(MorphologyGroup g);

// A notification's (or a tumour's) codes, parsed once.
struct Code {
  std::string site;      // "C18.7"
  int site_category = -1;  // 18 (the three-character category); -1 if none
  int site_sub = -1;       // 7 (the fourth character); -1 if none
  int cell = -1;           // 8140; -1 if none
  int behaviour = -1;      // 0–3; -1 if none
  int grade = -1;          // 1–9; -1 if none

  // Parses an ICD-O-3 topography "Cnn.n" (or "Cnnn") and a 6-digit morphology (4 cell type,
  // behaviour, grade). Either may be empty (unknown). kInvalidArgument for a malformed code.
  static Result<Code> Parse(std::string_view site, std::string_view morphology);
};

// The organ of Table 1: the three-character category, or the category Table 1 reports a group
// under where it joins several (C01–C02 → 2, C09–C14 → 14 …; C57 is split between two groups:
// C56 and C57.0–4 → 570, C51, C52 and C57.7–9 → 579). -1 for no site.
int TopographyGroupOf(const Code& c);
// C76 (ill-defined sites) and C80 (unknown primary): a site that names no organ.
bool IsUnspecifiedSite(const Code& c);

struct Decision {
  bool same = false;
  std::string_view rule;  // which rule decided (ids as in docs/consolidation.md)
};

// Whether `a` and `b` are one tumour under the rules (order does not matter):
//  - behaviour 0/1 (benign, uncertain) and 2/3 (in situ, malignant) never are (ganreg, B);
//  - different morphology groups are different tumours (rule 4.2), except that group 17 goes
//    with any group, group 5 with groups 1–5 and group 14 with groups 8–14 (the unspecified ones);
//  - the same systemic group (8–15), or group 14 with 8–13, is one tumour whatever the sites
//    (rule 4.1);
//  - otherwise one tumour if the organs are the same (rule 3, Table 1; multifocal = one), or if
//    either site is unspecified (C76, C80; ganreg, U).
Decision SameTumour(const Code& a, const Code& b);

// Groups one person's notifications into tumours. `codes` in the order they are to be
// considered (ganreg: by diagnosis date, then key number); each joins the first tumour whose
// representative code it is the same tumour as, else starts a new one. The representative is
// updated as notifications join: a specific site replaces an unspecified one, a specific
// morphology group an unspecified one (so a C80.9 notification cannot glue two organs together).
// Returns, per input, the index of its tumour (0, 1, … in order of first notification).
std::vector<uint32_t> GroupIntoTumours(std::span<const Code> codes);

}  // namespace ganreg::tumour
