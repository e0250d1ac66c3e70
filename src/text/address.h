// Japanese address normalization for matching: prefecture, municipality, town (大字・町丁目) and
// the block/lot numbers in one canonical "n-n-n" form, whatever mix of 丁目/番地/号/の, kanji
// numerals, full-width digits and dash variants the address was written with.
#pragma once

#include <string>
#include <string_view>

namespace ganreg::text {

struct Address {
  int prefecture_code = 0;  // JIS X 0401, 1–47; 0 when not found
  std::string prefecture;   // 東京都 (the official name, also when written without 都)
  std::string municipality;  // 千代田区, 横浜市港北区, 余市郡余市町 (NFKC, variants folded)
  std::string town;  // 霞ヶ関 (大字/字 dropped, ケ/が/ヶ → ヶ and ノ/之 → の between kanji)
  std::string numbers;  // 1-3-2 (丁目, 番地, 番, 号, の and dashes → "-"; kanji → digits)
  std::string rest;     // what follows the numbers (building, room), spaces removed

  // prefecture + municipality + town + numbers: the key for "same address".
  std::string Key() const { return prefecture + municipality + town + numbers; }
};

// Normalizes one address. `prefecture_code_hint` (the notification's 都道府県コード, 0 if none)
// is used when the text does not start with a prefecture. Never fails: what cannot be parsed
// stays in `town` or `rest` in folded form, so equal inputs still give equal keys.
Address NormalizeAddress(std::string_view utf8, int prefecture_code_hint = 0);

// 1 → 北海道 … 47 → 沖縄県; empty for anything else.
std::string_view PrefectureName(int code);
// 東京都 or 東京 → 13; 0 if not a prefecture.
int PrefectureCode(std::string_view name);

}  // namespace ganreg::text
