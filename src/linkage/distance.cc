// Bit-parallel string distances over ShortString (≤ 16 units, so every bit vector fits in 32 bits).
#include "linkage/distance.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ganreg::linkage {
namespace internal {

uint32_t MatchMask(const ShortString& a, char16_t c) {
  static_assert(kMaxUnits == 16, "the SIMD compare covers exactly 16 units");
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi16(static_cast<short>(c));
  const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.units.data()));
  const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.units.data() + 8));
  const __m128i eq = _mm_packs_epi16(_mm_cmpeq_epi16(lo, needle), _mm_cmpeq_epi16(hi, needle));
  const auto bits = static_cast<uint32_t>(_mm_movemask_epi8(eq));
#else
  uint32_t bits = 0;
  for (int i = 0; i < kMaxUnits; ++i) bits |= uint32_t{a.units[i] == c} << i;
#endif
  return bits & ((1u << a.length) - 1);
}

}  // namespace internal

namespace {

using internal::MatchMask;

// Matches and transpositions of the Jaro similarity.
struct JaroCounts {
  int matches = 0;
  int transpositions = 0;
};

JaroCounts CountJaro(const ShortString& a, const ShortString& b) {
  JaroCounts out;
  const int la = a.length;
  const int lb = b.length;
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  uint32_t flagged_a = 0;
  uint32_t flagged_b = 0;
  for (int j = 0; j < lb; ++j) {
    const int lo = std::max(0, j - window);
    const int hi = std::min(la - 1, j + window);
    if (lo > hi) continue;
    const uint32_t range = ((2u << hi) - 1) & ~((1u << lo) - 1);
    const uint32_t candidates = MatchMask(a, b.units[j]) & range & ~flagged_a;
    if (candidates != 0) {
      flagged_a |= candidates & (0u - candidates);  // the first unmatched one, as Jaro does
      flagged_b |= 1u << j;
      ++out.matches;
    }
  }
  // Matched units of a and of b in order; a mismatch in the pairing is half a transposition.
  int half = 0;
  while (flagged_a != 0) {
    const int i = std::countr_zero(flagged_a);
    const int j = std::countr_zero(flagged_b);
    half += a.units[i] != b.units[j];
    flagged_a &= flagged_a - 1;
    flagged_b &= flagged_b - 1;
  }
  out.transpositions = half / 2;
  return out;
}

template <bool kTranspositions>
int EditDistance(const ShortString& a, const ShortString& b) {
  const int m = a.length;
  if (m == 0) return b.length;
  if (b.length == 0) return m;
  uint32_t vp = ~0u;
  uint32_t vn = 0;
  uint32_t d0 = 0;
  uint32_t pm_prev = 0;
  const uint32_t last = 1u << (m - 1);
  int dist = m;
  for (int j = 0; j < b.length; ++j) {
    const uint32_t pm = MatchMask(a, b.units[j]);
    uint32_t tr = 0;
    if constexpr (kTranspositions) tr = ((~d0 & pm) << 1) & pm_prev;
    d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
    uint32_t hp = vn | ~(d0 | vp);
    const uint32_t hn = d0 & vp;
    dist += (hp & last) != 0;
    dist -= (hn & last) != 0;
    hp = (hp << 1) | 1;
    vp = (hn << 1) | ~(d0 | hp);
    vn = hp & d0;
    pm_prev = pm;
  }
  return dist;
}

}  // namespace

double Jaro(const ShortString& a, const ShortString& b) {
  if (a.length == 0 || b.length == 0) return 0.0;
  const JaroCounts c = CountJaro(a, b);
  if (c.matches == 0) return 0.0;
  const double m = c.matches;
  return (m / a.length + m / b.length + (m - c.transpositions) / m) / 3.0;
}

double JaroWinkler(const ShortString& a, const ShortString& b) {
  const double jaro = Jaro(a, b);
  if (jaro <= 0.7) return jaro;
  int prefix = 0;
  const int limit = std::min({4, static_cast<int>(a.length), static_cast<int>(b.length)});
  while (prefix < limit && a.units[prefix] == b.units[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

int Levenshtein(const ShortString& a, const ShortString& b) { return EditDistance<false>(a, b); }

int Damerau(const ShortString& a, const ShortString& b) { return EditDistance<true>(a, b); }

}  // namespace ganreg::linkage
