// Address normalization: one left-to-right pass over the folded code points (prefecture, then
// municipality by its 市/区/郡/町/村 marker, then town and numbers), no regular expressions.
#include "text/address.h"

#include <array>
#include <optional>

#include "text/japanese.h"

namespace ganreg::text {
namespace {

// JIS X 0401 prefecture codes 1–47 in order (index = code - 1).
constexpr std::array<std::u32string_view, 47> kPrefectures = {
    U"北海道", U"青森県", U"岩手県", U"宮城県", U"秋田県", U"山形県",   U"福島県", U"茨城県",
    U"栃木県", U"群馬県", U"埼玉県", U"千葉県", U"東京都", U"神奈川県", U"新潟県", U"富山県",
    U"石川県", U"福井県", U"山梨県", U"長野県", U"岐阜県", U"静岡県",   U"愛知県", U"三重県",
    U"滋賀県", U"京都府", U"大阪府", U"兵庫県", U"奈良県", U"和歌山県", U"鳥取県", U"島根県",
    U"岡山県", U"広島県", U"山口県", U"徳島県", U"香川県", U"愛媛県",   U"高知県", U"福岡県",
    U"佐賀県", U"長崎県", U"熊本県", U"大分県", U"宮崎県", U"鹿児島県", U"沖縄県"};

// The name without 都/府/県 (北海道 keeps 道: "北海" is not written).
std::u32string_view ShortName(std::u32string_view full) {
  const char32_t last = full.back();
  return (last == U'都' || last == U'府' || last == U'県') ? full.substr(0, full.size() - 1) : full;
}

bool IsMunicipalityMarker(char32_t c) {
  return c == U'市' || c == U'区' || c == U'町' || c == U'村' || c == U'郡';
}

bool IsDash(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2043 || c == 0x30FC ||
         c == 0x2500 || c == 0x2501 || c == 0xFE63 || c == 0xFF0D;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool StartsWith(std::u32string_view s, size_t at, std::u32string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// Prefecture at s[0..]: its code and length, or {0, 0}.
std::pair<int, size_t> MatchPrefecture(std::u32string_view s) {
  for (size_t k = 0; k < kPrefectures.size(); ++k) {
    if (StartsWith(s, 0, kPrefectures[k])) return {static_cast<int>(k) + 1, kPrefectures[k].size()};
  }
  for (size_t k = 0; k < kPrefectures.size(); ++k) {
    const auto short_name = ShortName(kPrefectures[k]);
    if (short_name.size() == kPrefectures[k].size() || !StartsWith(s, 0, short_name)) continue;
    if (short_name.size() < s.size() && IsMunicipalityMarker(s[short_name.size()])) {
      // 京都市, 大阪市 …: every city named like a prefecture lies in it, so the prefecture is
      // known and the name stays the municipality's; 石川町 (福島県) is not 石川県.
      if (s[short_name.size()] == U'市') return {static_cast<int>(k) + 1, 0};
      continue;
    }
    return {static_cast<int>(k) + 1, short_name.size()};
  }
  return {0, 0};
}

// Length of the municipality starting at s[p] (0 if none is recognisable).
size_t MatchMunicipality(std::u32string_view s, size_t p) {
  constexpr size_t kWindow = 8;  // いちき串木野市 is the longest name before its marker
  const size_t limit = std::min(s.size(), p + kWindow);
  auto followed_by_town_or_village = [&](size_t i) {
    return i + 1 < s.size() && (s[i + 1] == U'町' || s[i + 1] == U'村' || s[i + 1] == U'郡');
  };
  // A city ends at 市 unless 市 is part of a 郡 or town name (余市郡余市町); 四日市市 doubles it.
  auto city_end = [&](size_t i) -> size_t {
    size_t end = i + 1;
    if (end < s.size() && s[end] == U'市') ++end;
    // A designated city's ward: 横浜市港北区 (a ward name is 1–4 characters).
    for (size_t k = end + 1; k < std::min(s.size(), end + 5); ++k) {
      if (s[k] == U'区') return k + 1 - p;
      if (IsDigit(s[k]) || IsMunicipalityMarker(s[k])) break;
    }
    return end - p;
  };
  size_t strong = std::string_view::npos;  // first 市 or 区 that ends a municipality
  size_t county = std::string_view::npos;  // first 郡
  for (size_t i = p + 1; i < limit; ++i) {
    if (s[i] == U'郡' && county == std::string_view::npos) county = i;
    if ((s[i] == U'市' && !followed_by_town_or_village(i)) || s[i] == U'区') {
      strong = i;
      break;
    }
  }
  if (county != std::string_view::npos && (strong == std::string_view::npos || county < strong)) {
    // 余市郡余市町: the town or village after the 郡. If a city ends first, the 郡 belonged to
    // the city's name (大和郡山市).
    for (size_t i = county + 2; i < std::min(s.size(), county + 1 + kWindow); ++i) {
      if (s[i] == U'町' || s[i] == U'村') return i + 1 - p;
      if (s[i] == U'市' && !followed_by_town_or_village(i)) return city_end(i);
    }
  }
  if (strong != std::string_view::npos) {
    return s[strong] == U'市' ? city_end(strong) : strong + 1 - p;
  }
  for (size_t i = p + 1; i < limit; ++i) {
    if (s[i] == U'町' || s[i] == U'村') return i + 1 - p;
  }
  return 0;
}

// Markers between the numbers of a lot address, longest first.
constexpr std::array<std::u32string_view, 8> kNumberMarkers = {U"丁目", U"番地", U"地割", U"丁",
                                                               U"番",   U"号",   U"の",   U"ノ"};

// Length of a number marker (or dash) at s[i], 0 if none.
size_t MarkerAt(std::u32string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (IsDash(s[i])) return 1;
  for (auto m : kNumberMarkers) {
    if (StartsWith(s, i, m)) return m.size();
  }
  return 0;
}

// A number at s[i]: ASCII digits or kanji numerals. Returns its end, or i if none.
size_t NumberEnd(std::u32string_view s, size_t i, bool kanji) {
  size_t j = i;
  if (j < s.size() && IsDigit(s[j])) {
    while (j < s.size() && IsDigit(s[j])) ++j;
    return j;
  }
  if (!kanji) return i;
  while (j < s.size() && IsKanjiNumeral(s[j])) ++j;
  return j;
}

int64_t NumberValue(std::u32string_view digits) {
  if (IsDigit(digits[0])) {
    int64_t v = 0;
    for (char32_t c : digits) {
      if (v < 1000000000000) v = v * 10 + (c - '0');  // lot numbers are small; no overflow
    }
    return v;
  }
  return ParseKanjiNumber(digits).value_or(0);
}

// True when the number at s[i..end) starts the lot numbers rather than belonging to the town
// name (三田, 四谷, 一番町 stay names; 三丁目, 3番地, 二-5 are numbers).
bool StartsNumbers(std::u32string_view s, size_t end, bool ascii) {
  if (end >= s.size()) return ascii;  // 本町3 — but 錦三 at the end is a name
  if (StartsWith(s, end, U"番町") || StartsWith(s, end, U"番丁")) return false;
  if (StartsWith(s, end, U"丁目") || StartsWith(s, end, U"番") || StartsWith(s, end, U"号") ||
      StartsWith(s, end, U"地割") || IsDash(s[end])) {
    return true;
  }
  if (s[end] == U'丁') return true;  // 三丁 (old form of 丁目)
  if (s[end] == U'の' || s[end] == U'ノ') {
    return end + 1 < s.size() && (IsDigit(s[end + 1]) || IsKanjiNumeral(s[end + 1]));
  }
  if (ascii) return s[end] != U'条' && s[end] != U'線';
  return false;
}

// Town-name canonicalisation between kanji: ケ/が/ガ/ヵ → ヶ (霞が関 = 霞ヶ関 = 霞ケ関), ノ/之 →
// の.
void AppendTownChar(std::u32string_view s, size_t i, std::u32string* town) {
  char32_t c = s[i];
  const bool between_kanji =
      !town->empty() && IsKanji(town->back()) && i + 1 < s.size() && IsKanji(s[i + 1]);
  if (between_kanji) {
    if (c == U'ケ' || c == U'が' || c == U'ガ' || c == U'ヵ' || c == U'ヶ') c = U'ヶ';
    if (c == U'ノ' || c == U'之') c = U'の';
  }
  town->push_back(c);
}

}  // namespace

std::string_view PrefectureName(int code) {
  static const std::array<std::string, 47> kUtf8 = [] {
    std::array<std::string, 47> names;
    for (size_t k = 0; k < names.size(); ++k) names[k] = ToUtf8(kPrefectures[k]);
    return names;
  }();
  if (code < 1 || code > 47) return {};
  return kUtf8[static_cast<size_t>(code - 1)];
}

int PrefectureCode(std::string_view name) {
  std::u32string s;
  FoldTo(name, kFoldNfkc | kFoldRemoveSpaces, &s);
  for (size_t k = 0; k < kPrefectures.size(); ++k) {
    if (s == kPrefectures[k] || s == ShortName(kPrefectures[k])) return static_cast<int>(k) + 1;
  }
  return 0;
}

Address NormalizeAddress(std::string_view utf8, int prefecture_code_hint) {
  Address out;
  std::u32string folded;
  FoldTo(utf8, kFoldNfkc | kFoldKanjiVariants, &folded);
  // Spaces separate the lot numbers from a building ("1-2-3 101号室") but mean nothing before
  // the numbers, so they are dropped there and kept as boundaries after.
  std::u32string_view s = folded;
  std::u32string head;  // folded text with spaces removed up to the first digit
  size_t first_digit = s.size();
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      first_digit = i;
      break;
    }
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (i < first_digit && s[i] == ' ') continue;
    head.push_back(s[i]);
  }
  s = head;

  size_t p = 0;
  const auto [code, length] = MatchPrefecture(s);
  if (code != 0) {
    out.prefecture_code = code;
    p = length;
  } else if (prefecture_code_hint >= 1 && prefecture_code_hint <= 47) {
    out.prefecture_code = prefecture_code_hint;
  }
  if (out.prefecture_code != 0) out.prefecture = std::string(PrefectureName(out.prefecture_code));

  const size_t muni = MatchMunicipality(s, p);
  out.municipality = ToUtf8(s.substr(p, muni));
  p += muni;

  // 大字 and 字 are often left out when writing an address, so they are dropped (大字春木字羽根穴
  // = 春木羽根穴).
  const bool oaza = StartsWith(s, p, U"大字");
  if (oaza) {
    p += 2;
  } else if (StartsWith(s, p, U"字")) {
    p += 1;
  }

  std::u32string town;
  size_t i = p;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    const bool ascii = IsDigit(s[i]);
    if (ascii || IsKanjiNumeral(s[i])) {
      const size_t end = NumberEnd(s, i, true);
      if (StartsNumbers(s, end, ascii)) break;
      if (end < s.size() && (s[end] == U'条' || s[end] == U'線')) {
        // Hokkaido's 北一条西 = 北1条西: the number is part of the town name, written in digits.
        for (char32_t c : std::to_string(NumberValue(s.substr(i, end - i)))) town.push_back(c);
        i = end;
        continue;
      }
      for (size_t k = i; k < end; ++k) town.push_back(s[k]);
      i = end;
      continue;
    }
    if (oaza && s[i] == U'字' && !town.empty()) {
      ++i;
      continue;
    }
    AppendTownChar(s, i, &town);
    ++i;
  }
  out.town = ToUtf8(town);

  // Lot numbers: number (marker+ number)* marker*.
  std::string numbers;
  while (i < s.size()) {
    const size_t end = NumberEnd(s, i, true);
    if (end == i) break;
    if (!numbers.empty()) numbers.push_back('-');
    numbers += std::to_string(NumberValue(s.substr(i, end - i)));
    i = end;
    size_t j = i;
    bool marker = false;
    bool last = false;  // 号 closes a lot address
    bool space = false;
    while (true) {
      const size_t m = MarkerAt(s, j);
      if (m > 0 && !space) {
        last = s[j] == U'号';
        j += m;
        marker = true;
      } else if (marker && j < s.size() && s[j] == ' ') {
        ++j;  // "1丁目 2番 3号"
        space = true;
      } else {
        break;
      }
    }
    if (!marker) break;
    // Markers end the numbers unless another number follows; after a space only a number that
    // itself looks like a lot number continues them (3号 六本木ヒルズ is a building).
    i = j;
    const size_t next = NumberEnd(s, i, true);
    if (last || next == i) break;
    if (space && !IsDigit(s[i]) && !StartsNumbers(s, next, false)) break;
  }
  out.numbers = std::move(numbers);

  std::u32string rest;
  for (; i < s.size(); ++i) {
    if (s[i] != ' ') rest.push_back(s[i]);
  }
  out.rest = ToUtf8(rest);
  return out;
}

}  // namespace ganreg::text
