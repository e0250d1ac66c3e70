// Field comparators: each turns a pair of prepared records into one small agreement level per
// field, and the levels together into one pattern index (the unit that the Fellegi–Sunter
// model weighs and that EM counts).
#pragma once

#include <array>
#include <cstdint>

#include "linkage/record.h"

namespace ganreg::linkage {

// Each part of the name is one field that looks at the kanji and the reading together: the two
// are strongly dependent (namesakes agree on both), so weighing them as separate fields would
// count one agreement twice.
enum class Field : uint8_t {
  kFamily,  // 氏: kanji and reading
  kGiven,   // 名: kanji and reading
  kBirthDate,
  kSex,
  kAddress,
};
inline constexpr int kFieldCount = 5;
inline constexpr int kMaxLevels = 7;

// Level 0 of every field is "missing in either record": it carries no evidence either way.
enum NameLevel : uint8_t {
  kNameMissing,  // neither kanji nor reading can be compared
  kNameDifferent,
  kNameReadingClose,  // readings Jaro–Winkler ≥ kReadingClose, kanji not equal
  kNameClose,  // kanji one edit apart (readings not different), or readings ≥ kReadingVeryClose
  kNameReadingSame,  // readings equal, kanji not (博/浩 ヒロシ; an unfolded variant; kanji missing)
  kNameKanjiSame,  // kanji equal, readings not (a reading typo or a missing reading)
  kNameExact,      // kanji and readings equal
};
enum DateLevel : uint8_t {
  kDateMissing,
  kDateDifferent,
  kDateEraError,  // same month and day, years apart by the gap between two eras (昭和↔平成: 63)
  kDateSwapped,   // day and month exchanged
  kDateOneDigit,  // one digit wrong, or two adjacent digits exchanged
  kDateExact,
};
enum SexLevel : uint8_t { kSexMissing, kSexDifferent, kSexSame };
enum AddressLevel : uint8_t {
  kAddressMissing,
  kAddressDifferent,
  kAddressPrefecture,    // same prefecture only
  kAddressMunicipality,  // same municipality (市区町村)
  kAddressTown,          // same town (大字・町丁目), other lot number
  kAddressExact,
};

// Number of levels of each field, missing included.
inline constexpr std::array<uint8_t, kFieldCount> kLevelCounts = {7, 7, 6, 3, 6};
// Number of distinct comparison patterns (product of kLevelCounts).
inline constexpr uint32_t kPatternCount = 7 * 7 * 6 * 3 * 6;

// How one part of a name agrees in one script.
enum class Agreement : uint8_t { kNone, kDifferent, kClose, kVeryClose, kSame };

// Jaro–Winkler thresholds of a close and a very close reading.
inline constexpr double kReadingClose = 0.80;
inline constexpr double kReadingVeryClose = 0.90;

struct Comparison {
  std::array<uint8_t, kFieldCount> level{};
  uint8_t operator[](Field f) const { return level[static_cast<int>(f)]; }
};

// The mixed-radix index of a comparison in [0, kPatternCount), and back.
uint32_t PatternOf(const Comparison& c);
Comparison ComparisonOf(uint32_t pattern);

// The comparators (public for tests and for the review screen's explanation).
// Kanji: kSame, kClose (one edit apart, two or more kanji), kDifferent; kNone if either is missing.
Agreement CompareKanji(uint32_t id_a, uint32_t id_b, const ShortString& a, const ShortString& b);
// Readings: kSame, kVeryClose / kClose by Jaro–Winkler, kDifferent; kNone if either is missing.
Agreement CompareReading(uint32_t id_a, uint32_t id_b, const ShortString& a, const ShortString& b);
NameLevel CombineName(Agreement kanji, Agreement reading);
DateLevel CompareBirthDates(int32_t a, int32_t b);
SexLevel CompareSex(uint8_t a, uint8_t b);
AddressLevel CompareAddresses(const Record& a, const Record& b);

// All fields. Allocation-free.
Comparison Compare(const Record& a, const Record& b);

// Two children of one household born on one day (twins): the family name, the birth date and
// the address (to the town) agree, the given names do not (different, only close, or the same
// reading in other kanji). Fellegi–Sunter weighs fields as independent, so such a pair scores
// like one person notified twice; the linker never links it automatically, keeps the two apart
// when clustering, and leaves such pairs out of EM (linker.h).
bool SiblingPattern(const Comparison& c);

// Human-readable names, for reports: "family", "exact", …
const char* FieldName(Field f);
const char* LevelName(Field f, uint8_t level);

}  // namespace ganreg::linkage
