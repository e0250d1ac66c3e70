// Japanese normalization: ICU's NFKC_Casefold for width and compatibility forms (with a fast path
// for text that NFKC leaves alone), then the project's own kana and kanji layers, which ICU does
// not have (japanese-data.md §1.2).
#include "text/japanese.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>
#include <vector>

#include "text/utf8.h"

namespace ganreg::text {
namespace {

// ---------------------------------------------------------------------------------------------
// Kanji variant table (generated at build time by tools/variants/gen_variants.cc).

enum VariantSource : uint8_t {
  kSourceJinmeiyo = 1,
  kSourceSkkItaiji,
  kSourceUnihanZ,
  kSourceUnihanSemantic,
  kSourceProject,
};

struct VariantPair {
  uint32_t from;
  uint32_t to;
  VariantSource source;
};

constexpr VariantPair kVariantPairs[] = {
#include "text/kanji_variants.inc"
};

constexpr bool VariantPairsSorted() {
  for (size_t i = 1; i < std::size(kVariantPairs); ++i) {
    if (kVariantPairs[i - 1].from >= kVariantPairs[i].from) return false;
  }
  return true;
}
static_assert(VariantPairsSorted(), "kanji_variants.inc must be sorted by variant");
static_assert(std::size(kVariantPairs) > 1000, "kanji_variants.inc is unexpectedly small");

// ---------------------------------------------------------------------------------------------
// Kana tables. Katakana U+30A1..U+30FA, indexed by c - 0x30A1.

constexpr char32_t kKanaFirst = 0x30A1;
constexpr char32_t kKanaLast = 0x30FA;
constexpr char32_t kLongVowelMark = 0x30FC;  // ー

// Vowel of each katakana ('-' for ッ and ン, which end a syllable without a vowel).
constexpr std::string_view kKanaVowels =
    "aaiiuueeoo"       // ァア ィイ ゥウ ェエ ォオ
    "aaiiuueeoo"       // カガ キギ クグ ケゲ コゴ
    "aaiiuueeoo"       // サザ シジ スズ セゼ ソゾ
    "aaii-uueeoo"      // タダ チヂ ッ ツヅ テデ トド
    "aiueo"            // ナ行
    "aaaiiiuuueeeooo"  // ハバパ ヒビピ フブプ ヘベペ ホボポ
    "aiueo"            // マ行
    "aauuoo"           // ャヤ ュユ ョヨ
    "aiueo"            // ラ行
    "aaieo-uaeaieo";   // ヮワ ヰ ヱ ヲ ン ヴ ヵ ヶ ヷ ヸ ヹ ヺ
static_assert(kKanaVowels.size() == kKanaLast - kKanaFirst + 1);

char KanaVowel(char32_t c) {
  if (c < kKanaFirst || c > kKanaLast) return '-';
  return kKanaVowels[c - kKanaFirst];
}

// The phonetic fold of one katakana: small → large, ヶヵ, 四つ仮名, ヲヰヱ, ヴ行 → バ行.
char32_t FoldKanaPhonetic(char32_t c) {
  switch (c) {
    case 0x30A1:
    case 0x30A3:
    case 0x30A5:
    case 0x30A7:
    case 0x30A9:  // ァィゥェォ
    case 0x30C3:  // ッ
    case 0x30E3:
    case 0x30E5:
    case 0x30E7:  // ャュョ
    case 0x30EE:  // ヮ
      return c + 1;
    case 0x30F5:
      return 0x30AB;  // ヵ → カ
    case 0x30F6:
      return 0x30B1;  // ヶ → ケ
    case 0x30C2:
      return 0x30B8;  // ヂ → ジ
    case 0x30C5:
      return 0x30BA;  // ヅ → ズ
    case 0x30F2:
      return 0x30AA;  // ヲ → オ
    case 0x30F0:
      return 0x30A4;  // ヰ → イ
    case 0x30F1:
      return 0x30A8;  // ヱ → エ
    case 0x30F4:
      return 0x30D6;  // ヴ → ブ
    case 0x30F7:
      return 0x30D0;  // ヷ → バ
    case 0x30F8:
      return 0x30D3;  // ヸ → ビ
    case 0x30F9:
      return 0x30D9;  // ヹ → ベ
    case 0x30FA:
      return 0x30DC;  // ヺ → ボ
    default:
      break;
  }
  // Katakana phonetic extensions (small ㇰ … ㇿ, used for Ainu names).
  static constexpr char32_t kSmallExtensions[16] = {0x30AF, 0x30B7, 0x30B9, 0x30C8, 0x30CC, 0x30CF,
                                                    0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30E0, 0x30E9,
                                                    0x30EA, 0x30EB, 0x30EC, 0x30ED};
  if (c >= 0x31F0 && c <= 0x31FF) return kSmallExtensions[c - 0x31F0];
  return c;
}

// The voiced form of a katakana, for ヾ (ハヾ = ハバ); the kana itself when it has none.
char32_t VoicedKana(char32_t c) {
  switch (c) {
    case 0x30AB:
    case 0x30AD:
    case 0x30AF:
    case 0x30B1:
    case 0x30B3:  // カ行
    case 0x30B5:
    case 0x30B7:
    case 0x30B9:
    case 0x30BB:
    case 0x30BD:  // サ行
    case 0x30BF:
    case 0x30C1:
    case 0x30C4:
    case 0x30C6:
    case 0x30C8:  // タ行
    case 0x30CF:
    case 0x30D2:
    case 0x30D5:
    case 0x30D8:
    case 0x30DB:  // ハ行
      return c + 1;
    case 0x30A6:
      return 0x30F4;  // ウ → ヴ
    default:
      return c;
  }
}

bool IsKatakana(char32_t c) { return c >= kKanaFirst && c <= kKanaLast; }

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

// Dash-like characters that stand for ー after kana in readings typed on Latin keyboards.
bool IsDashLike(char32_t c) {
  return c == '-' || c == '~' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x301C ||
         c == 0x2053 || c == 0xFF70;
}

bool IsVariationSelector(char32_t c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x180B && c <= 0x180D);
}

// Maps `c` as NFKC_Casefold would when that needs no context, writing the result to *mapped
// (0 = removed). False when ICU has to decide (half-width kana compose with a following sound
// mark, compatibility characters expand, …).
bool FastNfkcCasefold(char32_t c, char32_t* mapped) {
  if (c < 0x80) {
    *mapped = (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
    return true;
  }
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309E) ||
      (c >= 0x30A1 && c <= 0x30FE) || (c >= 0x3005 && c <= 0x3007) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3001 || c == 0x3002) {
    *mapped = c;
    return true;
  }
  if (c == 0x3000) {  // ideographic space
    *mapped = ' ';
    return true;
  }
  if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII
    char32_t a = c - 0xFEE0;
    *mapped = (a >= 'A' && a <= 'Z') ? a + 0x20 : a;
    return true;
  }
  if (IsVariationSelector(c)) {
    *mapped = 0;
    return true;
  }
  return false;
}

// Decodes `utf8` into `out`, applying NFKC_Casefold when `nfkc`.
void Decode(std::string_view utf8, bool nfkc, std::u32string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (!nfkc) {
      out->push_back(static_cast<char32_t>(c));
      continue;
    }
    char32_t mapped;
    if (!FastNfkcCasefold(static_cast<char32_t>(c), &mapped)) {
      // Something only ICU knows how to fold: redo the whole value through it (rare: half-width
      // kana, compatibility ideographs, circled numbers, era squares).
      UErrorCode err = U_ZERO_ERROR;
      const icu::Normalizer2* norm = icu::Normalizer2::getNFKCCasefoldInstance(err);
      icu::UnicodeString src = icu::UnicodeString::fromUTF8(
          icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
      icu::UnicodeString dst;
      if (U_SUCCESS(err)) dst = norm->normalize(src, err);
      if (U_FAILURE(err)) dst = src;  // ICU data is compiled in; this cannot fail in practice
      out->clear();
      for (int32_t k = 0; k < dst.length();) {
        const UChar32 d = dst.char32At(k);
        k += U16_LENGTH(d);
        if (!IsVariationSelector(static_cast<char32_t>(d)))
          out->push_back(static_cast<char32_t>(d));
      }
      return;
    }
    if (mapped != 0) out->push_back(mapped);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Folding.

char32_t FoldKanjiVariant(char32_t c) {
  if (c < 0x3400) return c;
  const auto* end = std::end(kVariantPairs);
  const auto* it = std::lower_bound(std::begin(kVariantPairs), end, static_cast<uint32_t>(c),
                                    [](const VariantPair& p, uint32_t v) { return p.from < v; });
  return (it != end && it->from == c) ? static_cast<char32_t>(it->to) : c;
}

size_t KanjiVariantCount() { return std::size(kVariantPairs); }

std::u32string KanjiVariantsOf(char32_t standard) {
  // The table is sorted by variant; the inverse is built once, sorted by standard form.
  static const std::vector<std::pair<char32_t, char32_t>> inverse = [] {
    std::vector<std::pair<char32_t, char32_t>> v;
    v.reserve(std::size(kVariantPairs));
    for (const VariantPair& p : kVariantPairs) {
      v.emplace_back(static_cast<char32_t>(p.to), static_cast<char32_t>(p.from));
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  std::u32string out;
  auto it = std::lower_bound(inverse.begin(), inverse.end(), std::pair<char32_t, char32_t>{standard, 0});
  for (; it != inverse.end() && it->first == standard; ++it) out.push_back(it->second);
  return out;
}

bool IsKana(char32_t c) {
  return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

bool IsKanji(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 ||
         c == 0x3006 || c == 0x3007 || c == 0x303B;
}

void FoldTo(std::string_view utf8, uint32_t flags, std::u32string* out) {
  Decode(utf8, (flags & kFoldNfkc) != 0, out);
  const bool phonetic = (flags & kFoldKanaPhonetic) != 0;
  const bool katakana = phonetic || (flags & kFoldKatakana) != 0;
  const bool variants = (flags & kFoldKanjiVariants) != 0;
  const bool no_spaces = (flags & kFoldRemoveSpaces) != 0;
  if (!katakana && !variants && !no_spaces) return;

  // Every layer maps one code point to at most one, so the fold runs in place.
  std::u32string& s = *out;
  size_t w = 0;
  char32_t last_kana = 0;   // the last kana written (for ヽヾ)
  char vowel = '-';         // vowel of the last kana written, for long-vowel folding
  bool lengthened = false;  // the last kana was already followed by ー
  for (size_t r = 0; r < s.size(); ++r) {
    char32_t c = s[r];
    if (no_spaces && IsSpace(c)) continue;
    if (katakana) {
      if (c >= 0x3041 && c <= 0x3096) {
        c += 0x60;
      } else if (c == 0x309D || c == 0x309E) {
        c += 0x60;  // ゝゞ → ヽヾ
      }
    }
    if (variants) {
      if (c == 0x3005 || c == 0x303B) {  // 々〻 repeat the kanji before them
        if (w > 0 && IsKanji(s[w - 1])) c = s[w - 1];
      } else {
        c = FoldKanjiVariant(c);
      }
    }
    if (phonetic) {
      if (c == 0x30FD || c == 0x30FE) {  // ヽヾ repeat the kana before them
        if (last_kana == 0) {
          s[w++] = c;
          continue;
        }
        c = c == 0x30FE ? VoicedKana(last_kana) : last_kana;
      }
      c = FoldKanaPhonetic(c);
      const bool long_mark =
          c == kLongVowelMark ||
          (IsDashLike(c) && w > 0 && (IsKatakana(s[w - 1]) || s[w - 1] == kLongVowelMark));
      if (long_mark) {
        // ーー is one ー; a ー with no kana before it is kept as it is.
        if (!lengthened) s[w++] = kLongVowelMark;
        lengthened = vowel != '-';
        continue;
      }
      if (vowel != '-' && !lengthened) {
        // A vowel kana that only lengthens the one before it: サトウ, サトオ, ケイコ, ユウコ.
        bool lengthens = false;
        switch (c) {
          case 0x30A2:
            lengthens = vowel == 'a';
            break;  // ア
          case 0x30A4:
            lengthens = vowel == 'i' || vowel == 'e';
            break;  // イ
          case 0x30A6:
            lengthens = vowel == 'u' || vowel == 'o';
            break;  // ウ
          case 0x30A8:
            lengthens = vowel == 'e';
            break;  // エ
          case 0x30AA:
            lengthens = vowel == 'o';
            break;  // オ
          default:
            break;
        }
        if (lengthens) {
          s[w++] = kLongVowelMark;
          lengthened = true;
          continue;
        }
      }
      const bool kana = IsKatakana(c);
      last_kana = kana ? c : 0;
      vowel = kana ? KanaVowel(c) : '-';
      lengthened = false;
    }
    s[w++] = c;
  }
  s.resize(w);
}

std::string Fold(std::string_view utf8, uint32_t flags) {
  std::u32string folded;
  FoldTo(utf8, flags, &folded);
  return ToUtf8(folded);
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names.

NameParts SplitName(std::string_view utf8) {
  NameParts parts;
  // Byte offsets of the first white-space run and of the end of the trimmed value.
  size_t i = 0;
  size_t begin = 0;
  bool leading = true;
  size_t family_end = std::string_view::npos;
  size_t given_begin = std::string_view::npos;
  size_t end = 0;
  while (i < utf8.size()) {
    const size_t at = i;
    const char32_t c = NextCodePoint(utf8, &i);
    if (IsSpace(c)) {
      if (leading) begin = i;
      if (!leading && family_end == std::string_view::npos) family_end = at;
      continue;
    }
    if (leading) {
      leading = false;
      begin = at;
    }
    if (family_end != std::string_view::npos && given_begin == std::string_view::npos) {
      given_begin = at;
    }
    end = i;
  }
  if (leading) return parts;  // empty or only white space
  if (given_begin == std::string_view::npos) {
    parts.family = std::string(utf8.substr(begin, end - begin));
    return parts;
  }
  parts.family = std::string(utf8.substr(begin, family_end - begin));
  parts.given = std::string(utf8.substr(given_begin, end - given_begin));
  parts.had_separator = true;
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Numbers.

namespace {

int KanjiDigit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
    case U'壱':
      return 1;
    case U'二':
    case U'弐':
      return 2;
    case U'三':
    case U'参':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

int KanjiUnit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    case U'万':
      return 10000;
    default:
      return 0;
  }
}

}  // namespace

bool IsKanjiNumeral(char32_t c) { return KanjiDigit(c) >= 0 || KanjiUnit(c) != 0; }

std::optional<int64_t> ParseKanjiNumber(std::u32string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : s) {
    if (!IsKanjiNumeral(c)) return std::nullopt;
    has_unit = has_unit || KanjiUnit(c) != 0;
  }
  if (!has_unit) {  // positional: 一〇五 = 105
    int64_t v = 0;
    for (char32_t c : s) v = v * 10 + KanjiDigit(c);
    return v;
  }
  int64_t total = 0;    // completed 万 groups
  int64_t section = 0;  // below 万
  int digit = -1;       // pending digit
  int last_unit = 100000;
  for (char32_t c : s) {
    const int d = KanjiDigit(c);
    if (d >= 0) {
      if (digit >= 0) return std::nullopt;  // 二三十: two digits in a row
      digit = d;
      continue;
    }
    const int unit = KanjiUnit(c);
    if (unit == 10000) {
      const int64_t group = section + std::max(digit, 0);
      total += (group == 0 ? 1 : group) * 10000;
      section = 0;
      digit = -1;
      last_unit = 100000;
      continue;
    }
    if (unit >= last_unit) return std::nullopt;  // 十百: units must fall
    section += (digit < 0 ? 1 : digit) * unit;
    digit = -1;
    last_unit = unit;
  }
  return total + section + std::max(digit, 0);
}

// ---------------------------------------------------------------------------------------------
// Dates.

namespace {

// First days are the Gregorian dates of each era's start; 明治 is dated from the proclamation
// (慶応4年9月8日 = 1868-10-23), which matters for no living person.
constexpr std::array<EraInfo, 5> kEras = {{
    {Era::kMeiji, "明治", 'M', 18681023, 1867},
    {Era::kTaisho, "大正", 'T', 19120730, 1911},
    {Era::kShowa, "昭和", 'S', 19261225, 1925},
    {Era::kHeisei, "平成", 'H', 19890108, 1988},
    {Era::kReiwa, "令和", 'R', 20190501, 2018},
}};

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

Status NotADate(std::string_view why) {
  return Status::InvalidArgument(std::string("not a date: ") + std::string(why));
}

Result<int32_t> GregorianDate(int64_t year, int64_t month, int64_t day) {
  if (year < 1800 || year > 2999) return NotADate("year out of range");
  if (month < 1 || month > 12) return NotADate("month out of range");
  if (day < 1 || day > DaysInMonth(static_cast<int>(year), static_cast<int>(month))) {
    return NotADate("day out of range");
  }
  return static_cast<int32_t>(year * 10000 + month * 100 + day);
}

// A parsed number and where it ended.
struct Number {
  int64_t value = 0;
  int digits = 0;  // count of ASCII digits (0 for kanji numerals and 元)
};

// Reads a number at s[*i]: ASCII digits, 元 (= 1, the first year of an era) or kanji numerals.
bool ReadNumber(std::u32string_view s, size_t* i, Number* n) {
  size_t j = *i;
  if (j < s.size() && s[j] >= '0' && s[j] <= '9') {
    n->value = 0;
    n->digits = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && n->digits < 9) {
      n->value = n->value * 10 + (s[j] - '0');
      ++n->digits;
      ++j;
    }
    *i = j;
    return true;
  }
  if (j < s.size() && s[j] == U'元') {
    n->value = 1;
    n->digits = 0;
    *i = j + 1;
    return true;
  }
  while (j < s.size() && IsKanjiNumeral(s[j])) ++j;
  if (j == *i) return false;
  auto v = ParseKanjiNumber(s.substr(*i, j - *i));
  if (!v) return false;
  n->value = *v;
  n->digits = 0;
  *i = j;
  return true;
}

// Reads "Y<sep>M<sep>D[日]" from s[i..]; separators are 年/月 or one of . / -.
bool ReadYmd(std::u32string_view s, size_t i, Number* y, Number* m, Number* d) {
  if (!ReadNumber(s, &i, y)) return false;
  if (i >= s.size()) return false;
  const char32_t sep1 = s[i];
  if (sep1 != U'年' && sep1 != '.' && sep1 != '/' && sep1 != '-') return false;
  ++i;
  if (!ReadNumber(s, &i, m)) return false;
  if (i >= s.size()) return false;
  const char32_t sep2 = s[i];
  if (sep1 == U'年' ? sep2 != U'月' : sep2 != sep1) return false;
  ++i;
  if (!ReadNumber(s, &i, d)) return false;
  if (i < s.size() && s[i] == U'日' && sep1 == U'年') ++i;
  return i == s.size();
}

}  // namespace

std::span<const EraInfo> Eras() { return kEras; }

bool IsValidDate(int32_t yyyymmdd) {
  const int year = yyyymmdd / 10000;
  const int month = yyyymmdd / 100 % 100;
  const int day = yyyymmdd % 100;
  return year >= 1800 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Result<int32_t> EraDate(Era era, int era_year, int month, int day) {
  const EraInfo& info = kEras[static_cast<size_t>(era)];
  if (era_year < 1 || era_year > 99) return NotADate("era year out of range");
  GANREG_ASSIGN_OR_RETURN(const int32_t date,
                          GregorianDate(int64_t{era_year} + info.year_offset, month, day));
  if (date < info.first_day) return NotADate("before the first day of its era");
  return date;
}

std::optional<Era> EraOf(int32_t yyyymmdd) {
  if (!IsValidDate(yyyymmdd)) return std::nullopt;
  for (size_t k = kEras.size(); k-- > 0;) {
    if (yyyymmdd >= kEras[k].first_day) return kEras[k].era;
  }
  return std::nullopt;
}

std::string FormatEraDate(int32_t yyyymmdd) {
  const auto era = EraOf(yyyymmdd);
  if (!era) return {};
  const EraInfo& info = kEras[static_cast<size_t>(*era)];
  const int year = yyyymmdd / 10000 - info.year_offset;
  std::string out(info.name);
  out += year == 1 ? "元" : std::to_string(year);
  out += "年" + std::to_string(yyyymmdd / 100 % 100) + "月" + std::to_string(yyyymmdd % 100) + "日";
  return out;
}

Result<int32_t> ParseDate(std::string_view text) {
  std::u32string s;
  FoldTo(text, kFoldNfkc | kFoldRemoveSpaces, &s);
  // A trailing 生 / 生まれ ("born") is common on forms.
  for (std::u32string_view suffix : {std::u32string_view(U"生まれ"), std::u32string_view(U"生")}) {
    if (s.size() > suffix.size() && std::u32string_view(s).ends_with(suffix)) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  if (s.empty()) return NotADate("empty");
  std::u32string_view v = s;

  // Era prefix: full name, one-kanji abbreviation, JIS X 0301 letter, or an era digit (1–5)
  // leading seven digits.
  std::optional<Era> era;
  size_t i = 0;
  static constexpr std::u32string_view kEraNames[] = {U"明治", U"大正", U"昭和", U"平成", U"令和"};
  static_assert(std::size(kEraNames) == kEras.size());
  for (size_t k = 0; k < kEras.size(); ++k) {
    const EraInfo& e = kEras[k];
    const std::u32string_view name = kEraNames[k];
    if (v.substr(0, name.size()) == name) {
      era = e.era;
      i = name.size();
      break;
    }
    if (v[0] == name[0] && v.size() > 1 &&
        (v[1] == U'元' || (v[1] >= '0' && v[1] <= '9') || IsKanjiNumeral(v[1]))) {
      era = e.era;  // 昭30.1.2
      i = 1;
      break;
    }
    if (v[0] == static_cast<char32_t>(e.letter + ('a' - 'A'))) {  // NFKC_Casefold lowered it
      era = e.era;
      i = 1;
      if (v.size() > 1 && v[1] == '.') i = 2;  // S.30.1.2
      break;
    }
  }
  const bool all_digits =
      std::all_of(v.begin(), v.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
  auto digits_at = [&](size_t from, size_t count) {
    int64_t x = 0;
    for (size_t k = from; k < from + count; ++k) x = x * 10 + (v[k] - '0');
    return x;
  };
  if (!era && all_digits && v.size() == 7 && v[0] >= '1' && v[0] <= '5') {
    return EraDate(kEras[v[0] - '1'].era, static_cast<int>(digits_at(1, 2)),
                   static_cast<int>(digits_at(3, 2)), static_cast<int>(digits_at(5, 2)));
  }
  if (era) {
    const std::u32string_view rest = v.substr(i);
    if (rest.size() == 6 &&
        std::all_of(rest.begin(), rest.end(), [](char32_t c) { return c >= '0' && c <= '9'; })) {
      return EraDate(*era, static_cast<int>(digits_at(i, 2)), static_cast<int>(digits_at(i + 2, 2)),
                     static_cast<int>(digits_at(i + 4, 2)));
    }
    Number y, m, d;
    if (!ReadYmd(v, i, &y, &m, &d)) return NotADate("unrecognised era date form");
    if (y.value > 99 || m.value > 99 || d.value > 99) return NotADate("era date out of range");
    return EraDate(*era, static_cast<int>(y.value), static_cast<int>(m.value),
                   static_cast<int>(d.value));
  }
  if (all_digits) {
    if (v.size() != 8) return NotADate("digits only, but not yyyymmdd");
    return GregorianDate(digits_at(0, 4), digits_at(4, 2), digits_at(6, 2));
  }
  Number y, m, d;
  if (!ReadYmd(v, 0, &y, &m, &d)) return NotADate("unrecognised form");
  if (y.digits != 4 && y.value < 1000) return NotADate("a Gregorian year needs four digits");
  return GregorianDate(y.value, m.value, d.value);
}

}  // namespace ganreg::text
