// Japanese text normalization for record linkage: width/NFKC folding, kana unification and
// comparison folds, kanji variant folding (髙→高), name splitting, era dates and kanji numerals.
// ICU types do not leave this module; addresses are in text/address.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg::text {

// ---------------------------------------------------------------------------------------------
// Folding. Each flag is one layer; the layers run in a fixed order (NFKC first), so a flag set is
// a complete description of a key. Folding is for comparison keys only: the value as received is
// what the registry stores and shows.
enum FoldFlag : uint32_t {
  // NFKC with case folding (ＡＢＣ→abc, ｶﾞ→ガ, ㍻→平成, full-width space → space) and removal of
  // variation selectors and other default-ignorable code points (葛󠄀 → 葛).
  kFoldNfkc = 1u << 0,
  // Hiragana → katakana (さとう → サトウ, ゝゞ → ヽヾ).
  kFoldKatakana = 1u << 1,
  // Spelling differences that do not change how a reading sounds, for readings (implies
  // kFoldKatakana): small kana (ショウ→シヨウ), ヶヵ→ケカ, ヂヅ→ジズ, ヲヰヱ→オイエ, ヴ→ブ,
  // iteration
  // marks (ヽヾ), and long vowels: ー, or a vowel that lengthens the previous one (サトウ, サトオ,
  // サトー), becomes one ー; dash-like characters after kana count as ー.
  kFoldKanaPhonetic = 1u << 2,
  // Kanji variants to their standard form (髙→高, 﨑→崎, 邊/邉→辺, 澤→沢, 齋/齊→斎, 廣→広, 國→国)
  // from the packaged table (tools/variants), and 々 to the kanji it repeats (佐々木 → 佐佐木).
  kFoldKanjiVariants = 1u << 3,
  // Drops all white space (between family and given name in any width).
  kFoldRemoveSpaces = 1u << 4,
};

// Key for names written in kanji: 髙橋　太郎, 高橋太郎 and ﾀｶﾊｼ … compare equal as far as the
// spelling allows.
inline constexpr uint32_t kFoldName =
    kFoldNfkc | kFoldKatakana | kFoldKanjiVariants | kFoldRemoveSpaces;
// Key for kana readings: ｻﾄｳ ﾀﾛｳ, さとう たろう and サトー タロー give the same key.
inline constexpr uint32_t kFoldReading =
    kFoldNfkc | kFoldKatakana | kFoldKanaPhonetic | kFoldRemoveSpaces;

// Writes the folded code points of `utf8` to `*out` (cleared first; its capacity is reused, so a
// caller folding many values allocates only when a value is longer than any before). Malformed
// UTF-8 bytes become U+FFFD.
void FoldTo(std::string_view utf8, uint32_t flags, std::u32string* out);
// The same as UTF-8.
std::string Fold(std::string_view utf8, uint32_t flags);

// The standard form of one kanji from the variant table, or `c` itself.
char32_t FoldKanjiVariant(char32_t c);
// Number of variant → standard pairs in the compiled-in table (about 1,600); for diagnostics.
size_t KanjiVariantCount();
// The variants that fold to `standard` (高 → 髙), in code point order; empty if none. For the
// synthetic data generator, which writes names the way some forms do.
std::u32string KanjiVariantsOf(char32_t standard);

// True for hiragana, katakana (incl. half-width), ー and the kana iteration marks.
bool IsKana(char32_t c);
// True for CJK ideographs (unified, extensions, compatibility) and 々〆〇.
bool IsKanji(char32_t c);

// ---------------------------------------------------------------------------------------------
// Names.

// A name split at the first run of white space of any width (ASCII, full-width U+3000, NBSP, …).
// Without white space the whole name is `family` and `had_separator` is false: the caller
// decides whether that is an error (氏名 without a space is common in old files).
struct NameParts {
  std::string family;
  std::string given;
  bool had_separator = false;
};
NameParts SplitName(std::string_view utf8);

// ---------------------------------------------------------------------------------------------
// Dates. Dates are int32 yyyymmdd (19550102); 0 means "no date".

enum class Era { kMeiji, kTaisho, kShowa, kHeisei, kReiwa };

struct EraInfo {
  Era era;
  std::string_view name;  // 昭和
  char letter;            // 'S' (JIS X 0301)
  int32_t first_day;      // yyyymmdd of the era's first day (Gregorian)
  int32_t year_offset;    // Gregorian year = era year + year_offset
};

// The five modern eras, oldest first.
std::span<const EraInfo> Eras();

// Parses a birth date as written on forms and in legacy files, returning yyyymmdd:
//   昭和30年1月2日, 昭和３０年１月２日, 平成元年5月1日, 昭和三十年一月二日, ㍼30年1月2日,
//   昭30.1.2, S30.1.2, s30/01/02, H1-5-1, R5.3.4, 3300102 (era digit 1–5 = 明治…令和 + yyMMdd),
//   1955年1月2日, 1955-01-02, 1955/1/2, 1955.1.2, 19550102.
// An era year past the era's end converts arithmetically (平成32年 = 2020: forms printed before
// an era changed), a date before its era's first day is refused. kInvalidArgument for anything
// that is not a valid date; the message never quotes the value (it is identity data).
Result<int32_t> ParseDate(std::string_view text);

// yyyymmdd of era year/month/day (era_year 1 = 元年), with the same checks as ParseDate.
Result<int32_t> EraDate(Era era, int era_year, int month, int day);
// The era a Gregorian date falls in; nullopt before 明治 or for an invalid date.
std::optional<Era> EraOf(int32_t yyyymmdd);
// "昭和30年1月2日" (元年 for year 1); empty for a date outside the eras.
std::string FormatEraDate(int32_t yyyymmdd);
// True for a real Gregorian calendar date between 1800-01-01 and 2999-12-31.
bool IsValidDate(int32_t yyyymmdd);

// ---------------------------------------------------------------------------------------------
// Numbers.

// Value of a kanji numeral: 十 → 10, 二十三 → 23, 百五 → 105, 千二百 → 1200, 一〇五 → 105,
// 三万 → 30000, 壱弐参拾 (legal forms) too. nullopt if `s` is empty or holds anything else
// (ASCII digits included: those need no parsing here).
std::optional<int64_t> ParseKanjiNumber(std::u32string_view s);
// True for 〇零一二三四五六七八九十百千万 and 壱弐参拾.
bool IsKanjiNumeral(char32_t c);

// UTF-32 → UTF-8 (a small helper for keys made by FoldTo).
std::string ToUtf8(std::u32string_view s);

}  // namespace ganreg::text
