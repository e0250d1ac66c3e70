// Key-number derivation and collision handling.
#include "transfer/internal/key_numbers.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "crypto/crypto.h"
#include "transfer/internal/bytes.h"

namespace ganreg::transfer::internal {
namespace {
// The largest multiple of kKeyNumberSpan that fits in 64 bits: words below it map uniformly.
constexpr uint64_t kUnbiasedLimit = (UINT64_MAX / kKeyNumberSpan) * kKeyNumberSpan;
// Unreachable with a real hash (each attempt is a fresh 256-bit value); it stops a broken
// derivation from looping for ever.
constexpr uint32_t kMaxAttempts = 1u << 20;
}  // namespace

std::optional<uint64_t> DeriveKeyNumber(const crypto::SecretBytes& seed, uint64_t row,
                                        uint32_t attempt) {
  ByteWriter m;
  m.Bytes("ganreg key number v1");
  m.U64(row);
  m.U32(attempt);
  const std::string h = crypto::Blake2bKeyed(seed, m.str());
  for (size_t w = 0; w + 8 <= h.size(); w += 8) {
    const uint64_t v = GetU64Be(h.data() + w);
    if (v < kUnbiasedLimit) return kKeyNumberMin + v % kKeyNumberSpan;
  }
  return std::nullopt;
}

std::string FormatKeyNumber(uint64_t key_number) {
  GANREG_CHECK(key_number >= kKeyNumberMin && key_number < kKeyNumberMin + kKeyNumberSpan);
  return std::to_string(key_number);
}

bool IsKeyNumber(std::string_view digits) {
  if (digits.size() != 16 || digits[0] < '1' || digits[0] > '9') return false;
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

KeyNumbers KeyNumbers::Assign(uint64_t rows, Derive derive) {
  KeyNumbers out;
  out.derive_ = std::move(derive);
  // Pass 1: every row's first number (0 = unusable; a real number is never 0), sorted.
  std::vector<uint64_t> taken;
  taken.reserve(rows);
  for (uint64_t r = 0; r < rows; ++r) taken.push_back(out.derive_(r, 0).value_or(0));
  std::sort(taken.begin(), taken.end());
  std::unordered_set<uint64_t> shared;
  for (size_t i = 1; i < taken.size(); ++i) {
    if (taken[i] == taken[i - 1] && taken[i] != 0) shared.insert(taken[i]);
  }
  // Pass 2: rows whose first number is unusable or a later holder of a shared number try
  // further attempts, avoiding every first number and every number handed out here.
  std::unordered_set<uint64_t> first_holder_seen;
  std::unordered_set<uint64_t> handed_out;
  for (uint64_t r = 0; r < rows; ++r) {
    const uint64_t first = out.derive_(r, 0).value_or(0);
    if (first != 0 && !shared.contains(first)) continue;
    if (first != 0 && first_holder_seen.insert(first).second) continue;  // the first row keeps it
    for (uint32_t a = 1;; ++a) {
      GANREG_CHECK(a < kMaxAttempts);
      const std::optional<uint64_t> k = out.derive_(r, a);
      if (!k || std::binary_search(taken.begin(), taken.end(), *k) || handed_out.contains(*k)) {
        continue;
      }
      handed_out.insert(*k);
      out.attempts_[r] = a;
      break;
    }
  }
  return out;
}

uint64_t KeyNumbers::Of(uint64_t row) const {
  auto it = attempts_.find(row);
  const std::optional<uint64_t> k = derive_(row, it == attempts_.end() ? 0 : it->second);
  GANREG_CHECK(k.has_value());
  return *k;
}

}  // namespace ganreg::transfer::internal
