// Field comparators over prepared records.
#include "linkage/compare.h"

#include <algorithm>
#include <cstdlib>

#include "linkage/distance.h"
#include "text/japanese.h"

namespace ganreg::linkage {
namespace {

// Gaps in years between any two eras' year offsets (昭和→平成 63, 平成→令和 30, 大正→昭和 14 …):
// the error made when a year is converted with the wrong era.
struct EraGaps {
  std::array<int, 16> gaps{};
  int count = 0;
  EraGaps() {
    const auto eras = text::Eras();
    for (size_t i = 0; i < eras.size(); ++i) {
      for (size_t j = i + 1; j < eras.size(); ++j) {
        gaps[static_cast<size_t>(count++)] = eras[j].year_offset - eras[i].year_offset;
      }
    }
  }
  bool Contains(int gap) const {
    return std::find(gaps.begin(), gaps.begin() + count, gap) != gaps.begin() + count;
  }
};

const EraGaps& Gaps() {
  static const EraGaps gaps;
  return gaps;
}

// True when the eight digits differ in one place or by one exchange of neighbours.
bool OneDigitApart(int32_t a, int32_t b) {
  int digits_a[8];
  int digits_b[8];
  for (int k = 7; k >= 0; --k) {
    digits_a[k] = a % 10;
    digits_b[k] = b % 10;
    a /= 10;
    b /= 10;
  }
  int first = -1;
  int diffs = 0;
  for (int k = 0; k < 8; ++k) {
    if (digits_a[k] != digits_b[k]) {
      if (first < 0) first = k;
      ++diffs;
    }
  }
  if (diffs == 1) return true;
  return diffs == 2 && first < 7 && digits_a[first] == digits_b[first + 1] &&
         digits_a[first + 1] == digits_b[first];
}

}  // namespace

uint32_t PatternOf(const Comparison& c) {
  uint32_t p = 0;
  for (int f = 0; f < kFieldCount; ++f) p = p * kLevelCounts[f] + c.level[f];
  return p;
}

Comparison ComparisonOf(uint32_t pattern) {
  Comparison c;
  for (int f = kFieldCount - 1; f >= 0; --f) {
    c.level[f] = static_cast<uint8_t>(pattern % kLevelCounts[f]);
    pattern /= kLevelCounts[f];
  }
  return c;
}

Agreement CompareKanji(uint32_t id_a, uint32_t id_b, const ShortString& a, const ShortString& b) {
  if (id_a == 0 || id_b == 0) return Agreement::kNone;
  if (id_a == id_b) return Agreement::kSame;
  // One kanji wrong, missing or exchanged (渡辺/渡部 is also this: u keeps its weight honest).
  if (std::max(a.length, b.length) >= 2 && Damerau(a, b) <= 1) return Agreement::kClose;
  return Agreement::kDifferent;
}

Agreement CompareReading(uint32_t id_a, uint32_t id_b, const ShortString& a, const ShortString& b) {
  if (id_a == 0 || id_b == 0) return Agreement::kNone;
  if (id_a == id_b) return Agreement::kSame;
  if (a.empty() || b.empty()) return Agreement::kDifferent;
  const double jw = JaroWinkler(a, b);
  if (jw >= kReadingVeryClose) return Agreement::kVeryClose;
  if (jw >= kReadingClose) return Agreement::kClose;
  return Agreement::kDifferent;
}

NameLevel CombineName(Agreement kanji, Agreement reading) {
  if (kanji == Agreement::kNone && reading == Agreement::kNone) return kNameMissing;
  if (kanji == Agreement::kSame) return reading == Agreement::kSame ? kNameExact : kNameKanjiSame;
  if (reading == Agreement::kSame) return kNameReadingSame;
  // Kanji one edit apart with clearly different readings are different names (花子/洋子).
  if ((kanji == Agreement::kClose && reading != Agreement::kDifferent) ||
      reading == Agreement::kVeryClose) {
    return kNameClose;
  }
  if (reading == Agreement::kClose) return kNameReadingClose;
  return kNameDifferent;
}

DateLevel CompareBirthDates(int32_t a, int32_t b) {
  if (a == 0 || b == 0) return kDateMissing;
  if (a == b) return kDateExact;
  if (OneDigitApart(a, b)) return kDateOneDigit;
  const int year_a = a / 10000;
  const int year_b = b / 10000;
  const int md_a = a % 10000;
  const int md_b = b % 10000;
  if (year_a == year_b && md_a / 100 == md_b % 100 && md_a % 100 == md_b / 100) {
    return kDateSwapped;
  }
  if (md_a == md_b && Gaps().Contains(std::abs(year_a - year_b))) return kDateEraError;
  return kDateDifferent;
}

SexLevel CompareSex(uint8_t a, uint8_t b) {
  if (a == 0 || b == 0) return kSexMissing;
  return a == b ? kSexSame : kSexDifferent;
}

AddressLevel CompareAddresses(const Record& a, const Record& b) {
  if ((a.prefecture == 0 && a.municipality_id == 0) ||
      (b.prefecture == 0 && b.municipality_id == 0)) {
    return kAddressMissing;
  }
  if (a.address_id != 0 && a.address_id == b.address_id) return kAddressExact;
  if (a.town_id != 0 && a.town_id == b.town_id) return kAddressTown;
  if (a.municipality_id != 0 && a.municipality_id == b.municipality_id) {
    return kAddressMunicipality;
  }
  if (a.prefecture != 0 && a.prefecture == b.prefecture) return kAddressPrefecture;
  return kAddressDifferent;
}

namespace {

// Agreement of two kanji values known only as code units (no interned ids).
Agreement KanjiUnits(const ShortString& a, const ShortString& b) {
  if (a.empty() || b.empty()) return Agreement::kNone;
  return CompareKanji(1, a == b ? 1 : 2, a, b);
}

Agreement ReadingUnits(const ShortString& a, const ShortString& b) {
  if (a.empty() || b.empty()) return Agreement::kNone;
  return CompareReading(1, a == b ? 1 : 2, a, b);
}

// The units [from, to) of s.
ShortString Slice(const ShortString& s, int from, int to) {
  ShortString out;
  for (int i = from; i < to; ++i)
    out.units[static_cast<size_t>(i - from)] = s.units[static_cast<size_t>(i)];
  out.length = static_cast<uint8_t>(to - from);
  return out;
}

bool StartsWith(const ShortString& s, const ShortString& prefix) {
  if (prefix.length == 0 || prefix.length >= s.length) return false;
  return std::equal(prefix.units.begin(), prefix.units.begin() + prefix.length, s.units.begin());
}

bool EndsWith(const ShortString& s, const ShortString& suffix) {
  if (suffix.length == 0 || suffix.length >= s.length) return false;
  return std::equal(suffix.units.begin(), suffix.units.begin() + suffix.length,
                    s.units.begin() + (s.length - suffix.length));
}

// One name written without a space (`whole`, kept as the family part) against one with it: the
// whole is cut where the other record's family name ends (佐藤健 against 佐藤 健), or where its
// given name begins (a surname changed at marriage), and the parts compared as usual. When
// neither fits, only the whole names can be compared, as the family part.
void CompareSplitWithWhole(const ShortString& whole, uint32_t whole_id, const ShortString& family,
                           const ShortString& given, uint32_t other_full_id, bool kanji,
                           Agreement* family_agreement, Agreement* given_agreement) {
  auto compare = kanji ? KanjiUnits : ReadingUnits;
  if (StartsWith(whole, family)) {
    *family_agreement = Agreement::kSame;
    *given_agreement = compare(Slice(whole, family.length, whole.length), given);
  } else if (EndsWith(whole, given)) {
    *given_agreement = Agreement::kSame;
    *family_agreement = compare(Slice(whole, 0, whole.length - given.length), family);
  } else if (whole_id == 0 || other_full_id == 0) {
    *family_agreement = Agreement::kNone;
    *given_agreement = Agreement::kNone;
  } else {
    *family_agreement = whole_id == other_full_id ? Agreement::kSame : Agreement::kDifferent;
    *given_agreement = Agreement::kNone;
  }
}

}  // namespace

Comparison Compare(const Record& a, const Record& b) {
  Comparison c;
  Agreement family_kanji;
  Agreement given_kanji;
  if (a.name_split && b.name_split) {
    family_kanji = CompareKanji(a.family_id, b.family_id, a.family, b.family);
    given_kanji = CompareKanji(a.given_id, b.given_id, a.given, b.given);
  } else if (a.name_split != b.name_split) {
    const Record& split = a.name_split ? a : b;
    const Record& whole = a.name_split ? b : a;
    CompareSplitWithWhole(whole.family, whole.full_name_id, split.family, split.given,
                          split.full_name_id, true, &family_kanji, &given_kanji);
  } else {
    // Two names written without a space can only be compared whole: equal names agree in both
    // parts, unequal ones count as another family name (the given name is left to the reading).
    family_kanji = CompareKanji(a.full_name_id, b.full_name_id, ShortString{}, ShortString{});
    given_kanji = family_kanji == Agreement::kSame ? Agreement::kSame : Agreement::kNone;
  }
  Agreement family_reading;
  Agreement given_reading;
  if (a.kana_split && b.kana_split) {
    family_reading =
        CompareReading(a.family_kana_id, b.family_kana_id, a.family_kana, b.family_kana);
    given_reading = CompareReading(a.given_kana_id, b.given_kana_id, a.given_kana, b.given_kana);
  } else if (a.kana_split != b.kana_split) {
    const Record& split = a.kana_split ? a : b;
    const Record& whole = a.kana_split ? b : a;
    CompareSplitWithWhole(whole.family_kana, whole.full_kana_id, split.family_kana,
                          split.given_kana, split.full_kana_id, false, &family_reading,
                          &given_reading);
  } else {
    family_reading = CompareReading(a.full_kana_id, b.full_kana_id, ShortString{}, ShortString{});
    given_reading = family_reading == Agreement::kSame ? Agreement::kSame : Agreement::kNone;
  }
  c.level[0] = CombineName(family_kanji, family_reading);
  c.level[1] = CombineName(given_kanji, given_reading);
  c.level[2] = CompareBirthDates(a.birth_date, b.birth_date);
  c.level[3] = CompareSex(a.sex, b.sex);
  c.level[4] = CompareAddresses(a, b);
  return c;
}

bool SiblingPattern(const Comparison& c) {
  const uint8_t family = c.level[0];
  const uint8_t given = c.level[1];
  const bool family_agrees =
      family == kNameExact || family == kNameKanjiSame || family == kNameReadingSame;
  const bool given_differs = given == kNameDifferent || given == kNameReadingClose ||
                             given == kNameClose || given == kNameReadingSame;
  const bool same_home = c.level[4] == kAddressExact || c.level[4] == kAddressTown;
  return family_agrees && given_differs && same_home && c.level[2] == kDateExact;
}

const char* FieldName(Field f) {
  static constexpr const char* kNames[kFieldCount] = {"family", "given", "birth_date", "sex",
                                                      "address"};
  return kNames[static_cast<int>(f)];
}

const char* LevelName(Field f, uint8_t level) {
  static constexpr const char* kName[] = {"missing",      "different",  "reading_close", "close",
                                          "reading_same", "kanji_same", "exact"};
  static constexpr const char* kDate[] = {"missing", "different", "era_error",
                                          "swapped", "one_digit", "exact"};
  static constexpr const char* kSex[] = {"missing", "different", "same"};
  static constexpr const char* kAddress[] = {"missing",      "different", "prefecture",
                                             "municipality", "town",      "exact"};
  if (level >= kLevelCounts[static_cast<int>(f)]) return "?";
  switch (f) {
    case Field::kFamily:
    case Field::kGiven:
      return kName[level];
    case Field::kBirthDate:
      return kDate[level];
    case Field::kSex:
      return kSex[level];
    case Field::kAddress:
      return kAddress[level];
  }
  return "?";
}

}  // namespace ganreg::linkage
