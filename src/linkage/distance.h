// String similarity on ShortString without allocation: Jaro–Winkler, Levenshtein and Damerau
// (optimal string alignment) distance. The match masks are bit-parallel: one SIMD compare gives
// the positions of a character in the whole other string, so each distance is O(length) word
// operations (Hyyrö 2003 for the edit distances).
#pragma once

#include <cstdint>

#include "linkage/record.h"

namespace ganreg::linkage {

// Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4, boost above 0.7, as in
// Winkler 1990). Two empty strings give 0: a missing value is not a match.
double JaroWinkler(const ShortString& a, const ShortString& b);
// Plain Jaro similarity.
double Jaro(const ShortString& a, const ShortString& b);
// Edit distance with insertions, deletions and substitutions.
int Levenshtein(const ShortString& a, const ShortString& b);
// Levenshtein plus transposition of two adjacent units (each substring edited once).
int Damerau(const ShortString& a, const ShortString& b);

namespace internal {
// Bit i set when a.units[i] == c, for i < a.length.
uint32_t MatchMask(const ShortString& a, char16_t c);
}  // namespace internal

}  // namespace ganreg::linkage
