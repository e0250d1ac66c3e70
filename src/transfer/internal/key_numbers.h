// Key numbers of notification parts (S-TRN-2: both parts carry the same number, so only someone
// who can open both can join them). Derived from a random seed with keyed BLAKE2b, unique within
// a file (docs/formats/transfer-package.md, "Notification parts").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "crypto/secret_bytes.h"

namespace ganreg::transfer::internal {

inline constexpr uint64_t kKeyNumberMin = 1'000'000'000'000'000;   // 16 digits, first not 0
inline constexpr uint64_t kKeyNumberSpan = 9'000'000'000'000'000;  // 10^16 - 10^15

// The number of row `row` (0-based) at `attempt`, or nullopt when none of the hash's four
// words is usable without bias (then the next attempt is taken).
std::optional<uint64_t> DeriveKeyNumber(const crypto::SecretBytes& seed, uint64_t row,
                                        uint32_t attempt);

// 16 ASCII digits.
std::string FormatKeyNumber(uint64_t key_number);
// True for 16 ASCII digits, the first not '0'.
bool IsKeyNumber(std::string_view digits);

// The key numbers of one file's rows: every row takes attempt 0 unless that number is unusable or
// shared with another row; then the first row keeps it and each other row, in row order, takes
// the first attempt whose number no other row holds. Assigning needs 8 bytes per row (a sorted
// vector); afterwards only the few rows that needed another attempt are remembered.
class KeyNumbers {
 public:
  using Derive = std::function<std::optional<uint64_t>(uint64_t row, uint32_t attempt)>;
  static KeyNumbers Assign(uint64_t rows, Derive derive);
  uint64_t Of(uint64_t row) const;
  // Rows that did not take attempt 0, with the attempt they took.
  const std::unordered_map<uint64_t, uint32_t>& retried() const { return attempts_; }

 private:
  Derive derive_;
  std::unordered_map<uint64_t, uint32_t> attempts_;
};

}  // namespace ganreg::transfer::internal
