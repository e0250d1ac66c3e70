// The quality-check table (docs/consolidation.md, "Quality checks"). Conditions are written
// as data-like rows so that the table in the docs and this file read alike.
#include "tumour/checks.h"

#include <fmt/format.h>

#include <algorithm>

namespace ganreg::tumour {

namespace {

bool InRange(int v, int from, int to) { return v >= from && v <= to; }

struct Facts {
  Code code;
  MorphologyGroup group = MorphologyGroup::kNone;
  int age = -1;   // -1 unknown
  int sex = 0;    // 1 male, 2 female, 0 unknown
  int basis = 0;  // 1–6, 9; 0 unknown
  const TumourRecord* t = nullptr;
};

bool SiteIn(const Code& c, int from, int to) { return InRange(c.site_category, from, to); }
bool CellIn(const Code& c, int from, int to) { return InRange(c.cell, from, to); }
bool IsCarcinomaGroup(MorphologyGroup g) {
  return g >= MorphologyGroup::kSquamous && g <= MorphologyGroup::kCarcinomaNos;
}
// C75.1–C75.3: pituitary, craniopharyngeal duct, pineal gland (intracranial, like C70–C72).
bool IsCnsSite(const Code& c) {
  return SiteIn(c, 70, 72) || (c.site_category == 75 && InRange(c.site_sub, 1, 3));
}

struct Row {
  std::string_view id;
  Severity severity;
  bool (*applies)(const Facts&);
  std::string (*message)(const Facts&);
};

std::string Site(const Facts& f) { return f.code.site.empty() ? "?" : f.code.site; }
std::string Morph(const Facts& f) { return f.t->Morphology(); }

constexpr int kChildAge = 15;  // under 15 years: childhood

const Row kRows[] = {
    // ---- dates ----
    {"age-range", Severity::kError,
     [](const Facts& f) { return f.t->source(Field::kAgeAtDiagnosis) != 0 && (f.age < 0 || f.age > 110); },
     [](const Facts& f) {
       return fmt::format("診断時年齢 age at diagnosis {} (birth date after the diagnosis date, or over "
                          "110)", f.t->value(Field::kAgeAtDiagnosis));
     }},
    {"death-before-diagnosis", Severity::kError,
     [](const Facts& f) {
       const std::string& death = f.t->value(Field::kDeathDate);
       const std::string& diag = f.t->value(Field::kDiagnosisDate);
       return !death.empty() && !diag.empty() && death < diag;
     },
     [](const Facts& f) {
       return fmt::format("死亡日 death date {} before the diagnosis date {}", f.t->value(Field::kDeathDate),
                          f.t->value(Field::kDiagnosisDate));
     }},
    // ---- sex/site, sex/morphology ----
    {"sex-site", Severity::kError,
     [](const Facts& f) {
       return (f.sex == 1 && SiteIn(f.code, 51, 58)) || (f.sex == 2 && SiteIn(f.code, 60, 63));
     },
     [](const Facts& f) {
       return fmt::format("性別 sex {} with site {} ({} genital organ)", f.sex, Site(f),
                          f.sex == 1 ? "female" : "male");
     }},
    {"sex-morphology", Severity::kError,
     [](const Facts& f) { return f.sex == 2 && CellIn(f.code, 9061, 9064); },
     [](const Facts& f) { return fmt::format("性別 sex 2 with morphology {} (seminoma)", Morph(f)); }},
    // ---- age/site/morphology ----
    {"age-site-morphology:adult-carcinoma-in-child", Severity::kWarning,
     [](const Facts& f) {
       return f.age >= 0 && f.age < kChildAge && IsCarcinomaGroup(f.group) &&
              (SiteIn(f.code, 15, 21) || f.code.site_category == 25 || SiteIn(f.code, 33, 34) ||
               f.code.site_category == 50 || SiteIn(f.code, 53, 54) || f.code.site_category == 61 ||
               f.code.site_category == 67);
     },
     [](const Facts& f) {
       return fmt::format("carcinoma {} of {} at age {} (an adult cancer in a child)", Morph(f), Site(f),
                          f.age);
     }},
    {"age-site:prostate-under-40", Severity::kWarning,
     [](const Facts& f) { return f.age >= 0 && f.age < 40 && f.code.site_category == 61; },
     [](const Facts& f) { return fmt::format("prostate {} at age {}", Site(f), f.age); }},
    {"age-morphology:embryonal-tumour-in-adult", Severity::kWarning,
     [](const Facts& f) {
       // Retinoblastoma after 5; neuroblastoma, nephroblastoma and hepatoblastoma from 15 on.
       return f.age >= 0 && ((CellIn(f.code, 9510, 9514) && f.age > 5) ||
                             ((f.code.cell == 9490 || f.code.cell == 9500 || f.code.cell == 8960 ||
                               f.code.cell == 8970) &&
                              f.age >= kChildAge));
     },
     [](const Facts& f) {
       return fmt::format("embryonal tumour {} at age {} (a childhood tumour)", Morph(f), f.age);
     }},
    {"age-morphology:cll-in-child", Severity::kWarning,
     [](const Facts& f) { return f.age >= 0 && f.age < kChildAge && f.code.cell == 9823; },
     [](const Facts& f) { return fmt::format("chronic lymphocytic leukaemia {} at age {}", Morph(f), f.age); }},
    // ---- behaviour/site, behaviour/morphology ----
    {"behaviour-site:in-situ", Severity::kError,
     [](const Facts& f) {
       const Code& c = f.code;
       return c.behaviour == 2 && (SiteIn(c, 40, 42) || c.site_category == 47 ||
                                   c.site_category == 49 || IsCnsSite(c) || c.site_category == 77 ||
                                   c.site_category == 80);
     },
     [](const Facts& f) {
       return fmt::format("in situ (behaviour 2) at {}, where no in situ stage exists", Site(f));
     }},
    {"behaviour-site:benign", Severity::kError,
     [](const Facts& f) { return f.code.behaviour >= 0 && f.code.behaviour <= 1 && !IsCnsSite(f.code); },
     [](const Facts& f) {
       return fmt::format("behaviour {} at {}: benign and uncertain tumours are registered only for "
                          "C70–C72, C75.1–C75.3", f.code.behaviour, Site(f));
     }},
    {"behaviour-morphology:in-situ", Severity::kError,
     [](const Facts& f) {
       return f.code.behaviour == 2 && (CellIn(f.code, 9590, 9989) || CellIn(f.code, 8800, 8921) ||
                                        f.code.cell == 9140);
     },
     [](const Facts& f) {
       return fmt::format("morphology {}: haematopoietic tumours, sarcomas and Kaposi sarcoma have no in "
                          "situ stage", Morph(f));
     }},
    // ---- basis/morphology, basis/behaviour ----
    {"basis-morphology:specific-without-histology", Severity::kError,
     [](const Facts& f) {
       // The cell types that may be coded without histology (notification manual; X3).
       static constexpr int kAllowed[] = {8170, 8720, 8960, 9140, 9350, 9380, 9500, 9510, 9530,
                                          9590, 9732, 9800, 9820, 9860, 9861, 9863};
       if (f.basis < 4 || f.code.cell < 0 || CellIn(f.code, 8000, 8005)) return false;
       return std::find(std::begin(kAllowed), std::end(kAllowed), f.code.cell) == std::end(kAllowed);
     },
     [](const Facts& f) {
       return fmt::format("morphology {} with basis of diagnosis {} (no histology or cytology)", Morph(f),
                          f.basis);
     }},
    {"basis-behaviour:in-situ-not-histology", Severity::kError,
     [](const Facts& f) { return f.code.behaviour == 2 && f.basis != 0 && f.basis != 1 && f.basis != 3; },
     [](const Facts& f) {
       return fmt::format("in situ with basis of diagnosis {}: in situ is a microscopic finding on the "
                          "primary (basis 1 or 3)", f.basis);
     }},
    {"basis-site:tumour-marker", Severity::kWarning,
     [](const Facts& f) {
       // Markers that establish a diagnosis: AFP (liver), PSA (prostate), hCG (trophoblastic),
       // catecholamines (neuroblastoma), paraprotein (myeloma and plasma-cell neoplasms).
       const Code& c = f.code;
       return f.basis == 4 && c.site_category != 22 && c.site_category != 61 &&
              !CellIn(c, 9100, 9105) && c.cell != 9490 && c.cell != 9500 &&
              !CellIn(c, 9731, 9734);
     },
     [](const Facts& f) {
       return fmt::format("basis of diagnosis 4 (tumour marker) for {} {}: no marker establishes it",
                          Site(f), Morph(f));
     }},
};

}  // namespace

std::string_view SeverityId(Severity s) { return s == Severity::kError ? "error" : "warning"; }

std::vector<Flag> Check(const TumourRecord& t) {
  Facts f;
  f.t = &t;
  auto code = Code::Parse(t.value(Field::kPrimarySite), t.Morphology());
  if (code.ok()) f.code = *code;
  if (f.code.cell >= 0) f.group = MorphologyGroupOf(f.code.cell);
  const std::string& age = t.value(Field::kAgeAtDiagnosis);
  if (!age.empty()) f.age = std::stoi(age);
  const std::string& sex = t.value(Field::kSex);
  f.sex = sex == "1" ? 1 : sex == "2" ? 2 : 0;
  const std::string& basis = t.value(Field::kBasisOfDiagnosis);
  if (basis.size() == 1 && basis[0] >= '1' && basis[0] <= '9') f.basis = basis[0] - '0';
  std::vector<Flag> out;
  for (const Row& r : kRows) {
    if (r.applies(f)) out.push_back({r.id, r.severity, r.message(f)});
  }
  return out;
}

std::vector<std::string_view> CheckIds() {
  std::vector<std::string_view> ids;
  for (const Row& r : kRows) ids.push_back(r.id);
  return ids;
}

}  // namespace ganreg::tumour
