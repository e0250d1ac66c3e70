// Item rules and cross-item rules of the notification layout. Runs for every row of every file,
// so the happy path allocates nothing and decodes code points by hand (no ICU, no regex).
// Identity items are never quoted in a reason; clinical items are.
#include "validate/internal/row_validator.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "text/utf8.h"
#include "validate/internal/topography.h"
#include "validate/notification_reader.h"

namespace ganreg::validate {
namespace internal {
namespace {

using model::Item;
using enum model::Item;

constexpr int32_t kEarliestBirthDate = 18800101;
constexpr size_t kMaxQuotedCodePoints = 24;

std::string_view Id(Item item) { return model::Def(item).id; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value as it may appear in a report: quoted, and cut when long (a clinical item that is
// wrong may hold anything the sender pasted into it).
std::string Quote(std::string_view v) {
  size_t i = 0;
  size_t n = 0;
  while (i < v.size() && n < kMaxQuotedCodePoints) {
    text::NextCodePoint(v, &i);
    ++n;
  }
  if (i >= v.size()) return fmt::format("'{}'", v);
  return fmt::format("'{}…'", v.substr(0, i));
}

// First control character (C0, DEL or C1) in `v`, or -1. Line breaks count unless allowed.
int32_t FirstControl(std::string_view v, bool allow_line_breaks) {
  const auto* p = reinterpret_cast<const unsigned char*>(v.data());
  const size_t n = v.size();
  // Skip 8-byte words without any byte below 0x20, 0x7F or 0xC2 (exact SWAR tests).
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t below_space = (w - kOnes * 0x20) & ~w;
    const uint64_t del = w ^ (kOnes * 0x7F);
    const uint64_t c2 = w ^ (kOnes * 0xC2);
    if (((below_space | ((del - kOnes) & ~del) | ((c2 - kOnes) & ~c2)) & kHigh) != 0) break;
  }
  for (; i < n; ++i) {
    const unsigned char b = p[i];
    if (b >= 0x20 && b != 0x7F && b != 0xC2) continue;
    if (b < 0x20) {
      if (allow_line_breaks && (b == '\n' || b == '\r')) continue;
      return b;
    }
    if (b == 0x7F) return b;
    if (i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return p[i + 1];  // U+0080–U+009F
  }
  return -1;
}

bool IsAsciiPunctuation(char32_t cp) {
  return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
         (cp >= 0x7B && cp <= 0x7E);
}

bool IsSpace(char32_t cp) { return cp == 0x20 || cp == 0x3000; }

// Full-width katakana as the layout allows them: ァ–ヶ (small kana and ヴ ヵ ヶ included) and ー.
bool IsKatakana(char32_t cp) { return (cp >= 0x30A1 && cp <= 0x30F6) || cp == 0x30FC; }

bool IsRecordNoChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '-';
  }
  return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
         (cp >= 0xFF41 && cp <= 0xFF5A) || cp == 0xFF0D;  // ０-９ Ａ-Ｚ ａ-ｚ －
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 13> kDays = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[static_cast<size_t>(month)];
}

bool IsEightDigits(std::string_view v) {
  if (v.size() != 8) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int Digits(std::string_view v) {
  int n = 0;
  for (char c : v) n = n * 10 + (c - '0');
  return n;
}

// Collects problems of one row and remembers which items are individually valid, because a
// cross-item rule is only meaningful between valid items.
class Checker {
 public:
  Checker(const model::NotificationRow& row, uint64_t line, std::vector<Issue>* issues,
          bool no_controls)
      : row_(row), line_(line), issues_(issues), no_controls_(no_controls) {}

  std::string_view v(Item item) const { return row_[item]; }
  bool ok(Item item) const { return !bad_[static_cast<size_t>(item)]; }
  char code(Item item) const { return row_[item][0]; }  // single-character codes, once ok

  void Fail(Item item, std::string reason) {
    bad_[static_cast<size_t>(item)] = true;
    issues_->push_back(Issue{line_, std::string(Id(item)), std::move(reason)});
  }
  void FailRule(std::string item, std::string reason) {
    issues_->push_back(Issue{line_, std::move(item), std::move(reason)});
  }

  // The checks every item shares: presence and control characters. False if the item failed.
  bool Basics(Item item, bool required, bool allow_line_breaks = false) {
    std::string_view value = v(item);
    if (value.empty()) {
      if (required) Fail(item, "required");
      return false;
    }
    int32_t control = no_controls_ ? -1 : FirstControl(value, allow_line_breaks);
    if (control >= 0) {
      Fail(item, fmt::format("contains a control character (U+{:04X})", control));
      return false;
    }
    return true;
  }

 private:
  const model::NotificationRow& row_;
  uint64_t line_;
  std::vector<Issue>* issues_;
  bool no_controls_;
  std::array<bool, model::kItemCount> bad_{};
};

// A value from a fixed list of one-character codes, e.g. "12379".
void CheckCode(Checker& c, Item item, std::string_view codes, std::string_view listing) {
  if (!c.Basics(item, true)) return;
  std::string_view v = c.v(item);
  if (v.size() == 1 && codes.find(v[0]) != std::string_view::npos) return;
  c.Fail(item, fmt::format("{} is not {}", Quote(v), listing));
}

bool IsExtent(std::string_view v, bool after_surgery) {
  if (v.size() != 3) return false;
  for (std::string_view e : {"400", "410", "420", "430", "440", "499", "777"}) {
    if (v == e) return true;
  }
  return after_surgery && v == "660";
}

void CheckExtent(Checker& c, Item item, bool after_surgery) {
  if (!c.Basics(item, true)) return;
  std::string_view v = c.v(item);
  if (IsExtent(v, after_surgery)) return;
  c.Fail(item, fmt::format("{} is not {}", Quote(v),
                           after_surgery ? "400, 410, 420, 430, 440, 499, 660 or 777"
                                         : "400, 410, 420, 430, 440, 499 or 777"));
}

// Checks a yyyymmdd date item. Identity dates are described, never quoted.
void CheckDate(Checker& c, Item item, bool required, bool identity, int32_t today) {
  if (!c.Basics(item, required)) return;
  std::string_view v = c.v(item);
  int32_t date = 0;
  std::string_view why;
  if (!IsEightDigits(v)) {
    why = "not in yyyymmdd form";
  } else if (!ParseDate(v, &date)) {
    why = identity ? "not a date that exists (yyyymmdd)" : "not a date that exists";
  } else if (date > today) {
    why = "after the day of intake";
  } else if (item == kBirthDate && date < kEarliestBirthDate) {
    why = "before 1880";
  } else {
    return;
  }
  c.Fail(item, identity ? std::string(why) : fmt::format("{} is {}", Quote(v), why));
}

void CheckMedicalRecordNo(Checker& c) {
  if (!c.Basics(kMedicalRecordNo, true)) return;
  std::string_view v = c.v(kMedicalRecordNo);
  size_t n = 0;
  for (size_t i = 0; i < v.size(); ++n) {
    if (!IsRecordNoChar(text::NextCodePoint(v, &i))) {
      return c.Fail(kMedicalRecordNo,
                    "only letters, digits and '-' (half- or full-width) are allowed");
    }
  }
  if (n > 16) c.Fail(kMedicalRecordNo, "longer than 16 characters");
}

// Family and given name separated by exactly one space, each 1–10 characters. `allowed` says
// whether a character other than a space may appear; it returns a reason when it may not.
template <class Allowed>
void CheckPersonName(Checker& c, Item item, Allowed allowed) {
  if (!c.Basics(item, true)) return;
  std::string_view v = c.v(item);
  size_t spaces = 0;
  size_t family = 0;
  size_t given = 0;
  for (size_t i = 0; i < v.size();) {
    const char32_t cp = text::NextCodePoint(v, &i);
    if (IsSpace(cp)) {
      ++spaces;
      continue;
    }
    if (const char* why = allowed(cp); why != nullptr) return c.Fail(item, why);
    ++(spaces == 0 ? family : given);
  }
  if (spaces != 1) {
    return c.Fail(item, "family and given name must be separated by one space");
  }
  if (family < 1 || family > 10 || given < 1 || given > 10) {
    c.Fail(item, "family and given name must each be 1–10 characters");
  }
}

void CheckKanaName(Checker& c) {
  CheckPersonName(c, kKanaName, [](char32_t cp) -> const char* {
    if (IsKatakana(cp)) return nullptr;
    if (cp >= 0xFF65 && cp <= 0xFF9F) return "half-width katakana is not allowed (use full-width)";
    if (cp >= 0x3041 && cp <= 0x3096) return "hiragana is not allowed (use katakana)";
    return "only full-width katakana and one space are allowed";
  });
}

void CheckName(Checker& c) {
  CheckPersonName(c, kName, [](char32_t cp) -> const char* {
    return IsAsciiPunctuation(cp) ? "ASCII punctuation is not allowed" : nullptr;
  });
}

void CheckSex(Checker& c) {
  if (!c.Basics(kSex, true)) return;
  std::string_view v = c.v(kSex);
  if (v != "1" && v != "2") c.Fail(kSex, "must be 1 (male) or 2 (female)");
}

void CheckPrefecture(Checker& c) {
  if (!c.Basics(kPrefectureCode, true)) return;
  std::string_view v = c.v(kPrefectureCode);
  if (v.size() == 2 && IsDigit(v[0]) && IsDigit(v[1])) {
    const int n = Digits(v);
    if ((n >= 1 && n <= 47) || n == 88 || n == 99) return;
  }
  c.Fail(kPrefectureCode, "must be 01–47, 88 (abroad) or 99 (unknown)");
}

void CheckLength(Checker& c, Item item, bool required, size_t max, bool allow_line_breaks) {
  if (!c.Basics(item, required, allow_line_breaks)) return;
  if (text::CodePointCount(c.v(item)) > max) {
    c.Fail(item, fmt::format("longer than {} characters", max));
  }
}

void CheckPrimarySite(Checker& c) {
  if (!c.Basics(kPrimarySite, true)) return;
  std::string_view v = c.v(kPrimarySite);
  if (IsTopographyCode(v)) return;
  c.Fail(kPrimarySite, Quote(v) + (HasTopographyForm(v) ? " is not an ICD-O-3 topography code"
                                                        : " is not a topography code (Cnn.n)"));
}

void CheckMorphology(Checker& c) {
  if (!c.Basics(kMorphology, true)) return;
  std::string_view v = c.v(kMorphology);
  bool digits = v.size() == 6;
  for (size_t i = 0; digits && i < v.size(); ++i) digits = IsDigit(v[i]);
  if (!digits) {
    return c.Fail(kMorphology,
                  fmt::format("{} is not 6 digits (cell type, behaviour, grade)", Quote(v)));
  }
  const int cell_type = Digits(v.substr(0, 4));
  if (cell_type < 8000 || cell_type > 9993) {
    return c.Fail(kMorphology,
                  fmt::format("{}: cell type {} is not in 8000–9993", Quote(v), cell_type));
  }
  if (v[4] > '3') {
    return c.Fail(kMorphology, fmt::format("{}: behaviour {} is not 0, 1, 2 or 3", Quote(v), v[4]));
  }
  if (v[5] == '0') c.Fail(kMorphology, fmt::format("{}: grade 0 is not 1–9", Quote(v)));
}

// Meanings of codes, for reasons that explain a cross-item rule.
std::string_view TreatingFacilityMeaning(char code) {
  switch (code) {
    case '1':
      return "no first treatment here";
    case '2':
      return "first treatment started here";
    case '3':
      return "started elsewhere and continued here";
    case '4':
      return "seen after treatment elsewhere";
    default:
      return "other";
  }
}

std::string_view BasisMeaning(char code) {
  switch (code) {
    case '4':
      return "tumour marker";
    case '5':
      return "clinical tests incl. imaging";
    case '6':
      return "clinical diagnosis only";
    case '9':
      return "unknown";
    default:
      return "histology or cytology";
  }
}

bool MayBeCodedWithoutHistology(int cell_type) {
  if (cell_type >= 8000 && cell_type <= 8005) return true;
  for (int t : {8170, 8720, 8960, 9140, 9350, 9380, 9500, 9510, 9530, 9590, 9732, 9800, 9820, 9860,
                9861, 9863}) {
    if (cell_type == t) return true;
  }
  return false;
}

bool IsHaematologicalSystemic(int cell_type) {  // leukaemia and multiple myeloma
  return (cell_type >= 9731 && cell_type <= 9734) || (cell_type >= 9800 && cell_type <= 9948);
}

bool IsCnsSite(std::string_view site) {  // C70–C72, C75.1–C75.3
  const int group = Digits(site.substr(1, 2));
  return (group >= 70 && group <= 72) || (group == 75 && site[4] >= '1' && site[4] <= '3');
}

bool IsBoneMarrowOrBlood(std::string_view site) { return site == "C42.0" || site == "C42.1"; }

// The extent after surgery that R1 and R2 require: 660, or 777 for blood and bone marrow.
std::string_view ExpectedExtentAfterSurgery(std::string_view site, std::string_view* meaning) {
  if (IsBoneMarrowOrBlood(site)) {
    *meaning = "not applicable";
    return "777";
  }
  *meaning = "treatment before surgery / no surgery here";
  return "660";
}

void CheckDates(Checker& c) {
  const bool birth = c.ok(kBirthDate);
  const bool diagnosis = c.ok(kDiagnosisDate);
  const int32_t birth_date = birth ? Digits(c.v(kBirthDate)) : 0;
  const int32_t diagnosis_date = diagnosis ? Digits(c.v(kDiagnosisDate)) : 0;
  if (birth && diagnosis && birth_date > diagnosis_date) {
    c.FailRule("X1 birth_date/diagnosis_date", "the diagnosis date is before the birth date");
  }
  if (c.v(kDeathDate).empty() || !c.ok(kDeathDate)) return;
  const int32_t death_date = Digits(c.v(kDeathDate));
  if (diagnosis && death_date < diagnosis_date) {
    c.FailRule("X2 diagnosis_date/death_date", "the death date is before the diagnosis date");
  }
  if (birth && death_date < birth_date) {
    c.FailRule("X2 birth_date/death_date", "the death date is before the birth date");
  }
}

void CheckMorphologyRules(Checker& c) {
  if (!c.ok(kMorphology)) return;
  std::string_view morphology = c.v(kMorphology);
  const int cell_type = Digits(morphology.substr(0, 4));
  const char behaviour = morphology[4];

  if (c.ok(kBasisOfDiagnosis)) {
    const char basis = c.code(kBasisOfDiagnosis);
    if (basis > '3' && !MayBeCodedWithoutHistology(cell_type)) {
      c.FailRule("X3 basis_of_diagnosis/morphology",
                 fmt::format("basis of diagnosis {} ({}) requires a cell type that may be coded "
                             "without histology (8000–8005, 8170, 8720, 8960, 9140, 9350, 9380, "
                             "9500, 9510, 9530, 9590, 9732, 9800, 9820, 9860, 9861, 9863), not {}",
                             basis, BasisMeaning(basis), cell_type));
    }
  }
  if ((behaviour == '0' || behaviour == '1') && c.ok(kPrimarySite) &&
      !IsCnsSite(c.v(kPrimarySite))) {
    c.FailRule(
        "X4 morphology/primary_site",
        fmt::format("behaviour {} ({}) is accepted only for intracranial and CNS sites "
                    "(C70–C72, C75.1–C75.3), not {}",
                    behaviour, behaviour == '0' ? "benign" : "uncertain", c.v(kPrimarySite)));
  }
  if (IsHaematologicalSystemic(cell_type) && c.ok(kExtentBefore) && c.v(kExtentBefore) != "777") {
    c.FailRule("X5 morphology/extent_before_treatment",
               fmt::format("leukaemia or multiple myeloma (cell type {}) requires extent before "
                           "treatment = 777 (not applicable), not {}",
                           cell_type, c.v(kExtentBefore)));
  }
}

constexpr std::array<Item, 7> kTreatmentFlags = {
    kSurgery,      kScopicSurgery,    kEndoscopicTreatment, kRadiotherapy,
    kChemotherapy, kEndocrineTherapy, kOtherTreatment};

std::string_view FlagName(Item item) {
  switch (item) {
    case kSurgery:
      return "surgery";
    case kScopicSurgery:
      return "scopic surgery";
    case kEndoscopicTreatment:
      return "endoscopic treatment";
    case kRadiotherapy:
      return "radiotherapy";
    case kChemotherapy:
      return "chemotherapy";
    case kEndocrineTherapy:
      return "endocrine therapy";
    default:
      return "other treatment";
  }
}

void CheckTreatmentRules(Checker& c) {
  const bool facility_ok = c.ok(kTreatingFacility);
  const char facility = facility_ok ? c.code(kTreatingFacility) : '\0';
  const bool site_ok = c.ok(kPrimarySite);
  const bool after_ok = c.ok(kExtentAfterSurgery);

  // R1
  if ((facility == '1' || facility == '4') && site_ok && after_ok) {
    std::string_view meaning;
    std::string_view expected = ExpectedExtentAfterSurgery(c.v(kPrimarySite), &meaning);
    if (c.v(kExtentAfterSurgery) != expected) {
      c.FailRule("R1 treating_facility/extent_after_surgery",
                 fmt::format("treating facility {} ({}){} requires extent after surgery = {} "
                             "({}), not {}",
                             facility, TreatingFacilityMeaning(facility),
                             IsBoneMarrowOrBlood(c.v(kPrimarySite))
                                 ? fmt::format(" with primary site {}", c.v(kPrimarySite))
                                 : std::string(),
                             expected, meaning, c.v(kExtentAfterSurgery)));
    }
  }

  // R2
  const bool surgical_ok = c.ok(kSurgery) && c.ok(kScopicSurgery) && c.ok(kEndoscopicTreatment);
  if (surgical_ok && c.code(kSurgery) == '2' && c.code(kScopicSurgery) == '2' &&
      c.code(kEndoscopicTreatment) == '2' && site_ok && after_ok) {
    std::string_view meaning;
    std::string_view expected = ExpectedExtentAfterSurgery(c.v(kPrimarySite), &meaning);
    if (c.v(kExtentAfterSurgery) != expected) {
      c.FailRule("R2 surgery/scopic_surgery/endoscopic_treatment/extent_after_surgery",
                 fmt::format("no surgery, scopic surgery or endoscopic treatment here (all 2){} "
                             "requires extent after surgery = {} ({}), not {}",
                             IsBoneMarrowOrBlood(c.v(kPrimarySite))
                                 ? fmt::format(" with primary site {}", c.v(kPrimarySite))
                                 : std::string(),
                             expected, meaning, c.v(kExtentAfterSurgery)));
    }
  }

  // R3
  if (facility == '1' || facility == '4' || facility == '8') {
    for (Item flag : kTreatmentFlags) {
      if (!c.ok(flag) || c.code(flag) == '2') continue;
      c.FailRule(
          fmt::format("R3 treating_facility/{}", Id(flag)),
          fmt::format("treating facility {} ({}) requires {} = 2 (not done here), not {}", facility,
                      TreatingFacilityMeaning(facility), FlagName(flag), c.v(flag)));
    }
  }

  // R4
  if (surgical_ok && c.ok(kTreatmentExtent)) {
    const char extent = c.code(kTreatmentExtent);
    std::optional<Item> done_here;
    for (Item flag : {kSurgery, kScopicSurgery, kEndoscopicTreatment}) {
      if (c.code(flag) == '1') {
        done_here = flag;
        break;
      }
    }
    if (done_here.has_value() && extent != '1' && extent != '4' && extent != '9') {
      c.FailRule("R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent",
                 fmt::format("{} done here ({} = 1) requires treatment extent 1, 4 or 9, not {}",
                             FlagName(*done_here), Id(*done_here), extent));
    } else if (!done_here.has_value() && extent != '6') {
      c.FailRule("R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent",
                 fmt::format("no surgery, scopic surgery or endoscopic treatment done here "
                             "requires treatment extent = 6 (no invasive treatment), not {}",
                             extent));
    }
  }
}

}  // namespace

bool ParseDate(std::string_view yyyymmdd, int32_t* date) {
  if (!IsEightDigits(yyyymmdd)) return false;
  const int year = Digits(yyyymmdd.substr(0, 4));
  const int month = Digits(yyyymmdd.substr(4, 2));
  const int day = Digits(yyyymmdd.substr(6, 2));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return false;
  }
  *date = year * 10000 + month * 100 + day;
  return true;
}

bool TextHasNoControls(std::string_view text) { return FirstControl(text, false) < 0; }

void ValidateRowInto(const model::NotificationRow& row, int32_t today, uint64_t line,
                     std::vector<Issue>* issues, bool text_has_no_controls) {
  Checker c(row, line, issues, text_has_no_controls);
  // Identity items.
  CheckMedicalRecordNo(c);
  CheckKanaName(c);
  CheckName(c);
  CheckSex(c);
  CheckDate(c, kBirthDate, /*required=*/true, /*identity=*/true, today);
  CheckPrefecture(c);
  CheckLength(c, kAddress, /*required=*/true, 40, /*allow_line_breaks=*/false);
  // Clinical items.
  CheckCode(c, kLaterality, "12379", "1, 2, 3, 7 or 9");
  CheckPrimarySite(c);
  CheckMorphology(c);
  CheckCode(c, kDiagnosingFacility, "12", "1 or 2");
  CheckCode(c, kTreatingFacility, "12348", "1, 2, 3, 4 or 8");
  CheckCode(c, kBasisOfDiagnosis, "1234569", "1, 2, 3, 4, 5, 6 or 9");
  CheckDate(c, kDiagnosisDate, /*required=*/true, /*identity=*/false, today);
  CheckCode(c, kDiscoveryRoute, "13489", "1, 3, 4, 8 or 9");
  CheckExtent(c, kExtentBefore, /*after_surgery=*/false);
  CheckExtent(c, kExtentAfterSurgery, /*after_surgery=*/true);
  CheckCode(c, kSurgery, "129", "1, 2 or 9");
  CheckCode(c, kScopicSurgery, "129", "1, 2 or 9");
  CheckCode(c, kEndoscopicTreatment, "129", "1, 2 or 9");
  CheckCode(c, kTreatmentExtent, "1469", "1, 4, 6 or 9");
  CheckCode(c, kRadiotherapy, "129", "1, 2 or 9");
  CheckCode(c, kChemotherapy, "129", "1, 2 or 9");
  CheckCode(c, kEndocrineTherapy, "129", "1, 2 or 9");
  CheckCode(c, kOtherTreatment, "129", "1, 2 or 9");
  CheckDate(c, kDeathDate, /*required=*/false, /*identity=*/false, today);
  // Remarks may hold line breaks (a quoted multi-line field) but no other control character.
  CheckLength(c, kRemarks, /*required=*/false, 100, /*allow_line_breaks=*/true);
  // Cross-item rules, between items that are valid on their own.
  CheckDates(c);
  CheckMorphologyRules(c);
  CheckTreatmentRules(c);
}

}  // namespace internal

std::vector<Issue> ValidateRow(const model::NotificationRow& row, int32_t today, uint64_t line) {
  std::vector<Issue> issues;
  internal::ValidateRowInto(row, today, line, &issues);
  return issues;
}

std::string FormatIssue(std::string_view file, const Issue& issue) {
  return fmt::format("{}:{}: {}: {}", file, issue.line, issue.item, issue.reason);
}

}  // namespace ganreg::validate
