// Strict parsing of ganreg's small signed or sealed text files (key files, receipts): a title
// line, then "key: value" lines in a fixed order. Line endings may be LF or CRLF (a file that
// went through a Windows editor still reads); what is hashed or signed is the canonical form with
// LF endings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::transfer::internal {

class TextLines {
 public:
  // kDataLoss for a NUL or a lone CR, or a blank line other than at the very end.
  static Result<TextLines> Split(std::string_view text);

  size_t size() const { return lines_.size(); }
  std::string_view line(size_t i) const { return lines_[i]; }
  // Lines [0, end) each followed by "\n".
  std::string Canonical(size_t end) const;
  // The value of line i, which must read "key: value" (value may be empty). kDataLoss otherwise.
  Result<std::string_view> Field(size_t i, std::string_view key) const;

 private:
  std::vector<std::string_view> lines_;
};

// Decimal without sign or leading zeros, ≤ max. False otherwise.
bool ParseDecimal(std::string_view s, uint64_t max, uint64_t* out);

}  // namespace ganreg::transfer::internal
