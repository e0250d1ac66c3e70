// Tests of the bit-parallel distances against textbook dynamic-programming references.
#include "linkage/distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace ganreg::linkage {
namespace {

ShortString S(std::u32string_view s) { return ShortString::From(s); }

int ReferenceEdit(const std::u32string& a, const std::u32string& b, bool transpose) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (transpose && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

double ReferenceJaro(const std::u32string& a, const std::u32string& b) {
  if (a.empty() || b.empty()) return 0.0;
  const int window = std::max(0, static_cast<int>(std::max(a.size(), b.size())) / 2 - 1);
  std::vector<bool> ma(a.size()), mb(b.size());
  int m = 0;
  for (size_t j = 0; j < b.size(); ++j) {
    const int lo = std::max(0, static_cast<int>(j) - window);
    const int hi = std::min(static_cast<int>(a.size()) - 1, static_cast<int>(j) + window);
    for (int i = lo; i <= hi; ++i) {
      if (!ma[i] && a[i] == b[j]) {
        ma[i] = mb[j] = true;
        ++m;
        break;
      }
    }
  }
  if (m == 0) return 0.0;
  int t = 0;
  size_t k = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    t += a[i] != b[k];
    ++k;
  }
  const double md = m;
  return (md / a.size() + md / b.size() + (md - t / 2) / md) / 3.0;
}

TEST(DistanceTest, KnownValues) {
  struct Case {
    const char32_t* a;
    const char32_t* b;
    int levenshtein;
    int damerau;
  };
  const std::vector<Case> cases = {
      {U"", U"", 0, 0},
      {U"サトー", U"", 3, 3},
      {U"サトー", U"サトー", 0, 0},
      {U"サトー", U"サドー", 1, 1},
      {U"タカハシ", U"タカハツ", 1, 1},
      {U"タカハシ", U"タカシハ", 2, 1},  // adjacent exchange
      {U"ワタナベ", U"ワナタベ", 2, 1},
      {U"ヤマモト", U"ヤマト", 1, 1},
      {U"渡辺", U"渡部", 1, 1},
      {U"kitten", U"sitting", 3, 3},
      {U"ca", U"abc", 3, 3},  // OSA, not unrestricted Damerau (which gives 2)
      {U"あいうえおかきくけこさしすせそ", U"いうえおかきくけこさしすせそた", 2, 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Levenshtein(S(c.a), S(c.b)), c.levenshtein);
    EXPECT_EQ(Damerau(S(c.a), S(c.b)), c.damerau);
    EXPECT_EQ(Levenshtein(S(c.b), S(c.a)), c.levenshtein);
  }
}

TEST(DistanceTest, JaroWinklerKnownValues) {
  // Classic examples (Winkler 1990): MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813.
  EXPECT_NEAR(JaroWinkler(S(U"MARTHA"), S(U"MARHTA")), 0.9611, 1e-4);
  EXPECT_NEAR(JaroWinkler(S(U"DWAYNE"), S(U"DUANE")), 0.84, 1e-4);
  EXPECT_NEAR(JaroWinkler(S(U"DIXON"), S(U"DICKSONX")), 0.8133, 1e-4);
  EXPECT_NEAR(Jaro(S(U"MARTHA"), S(U"MARHTA")), 0.9444, 1e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler(S(U"サトー"), S(U"サトー")), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(S(U""), S(U"")), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(S(U"アイ"), S(U"ウエ")), 0.0);
  EXPECT_GT(JaroWinkler(S(U"ワタナベ"), S(U"ワタベ")), 0.9);
}

TEST(DistanceTest, MatchesReferenceOnRandomStrings) {
  std::mt19937 rng(7);
  const std::u32string alphabet = U"アイウカキサシ";
  auto random_string = [&](int max_len) {
    std::u32string s;
    const int len = std::uniform_int_distribution<int>(0, max_len)(rng);
    for (int i = 0; i < len; ++i) {
      s.push_back(alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)]);
    }
    return s;
  };
  for (int iter = 0; iter < 20000; ++iter) {
    const std::u32string a = random_string(16);
    const std::u32string b = random_string(16);
    ASSERT_EQ(Levenshtein(S(a), S(b)), ReferenceEdit(a, b, false));
    ASSERT_EQ(Damerau(S(a), S(b)), ReferenceEdit(a, b, true));
    ASSERT_NEAR(Jaro(S(a), S(b)), ReferenceJaro(a, b), 1e-12);
  }
}

TEST(DistanceTest, MatchMask) {
  const ShortString s = S(U"サトサト");
  EXPECT_EQ(internal::MatchMask(s, u'サ'), 0b0101u);
  EXPECT_EQ(internal::MatchMask(s, u'ト'), 0b1010u);
  EXPECT_EQ(internal::MatchMask(s, u'ア'), 0u);
  EXPECT_EQ(internal::MatchMask(s, 0), 0u);  // padding never matches
}

}  // namespace
}  // namespace ganreg::linkage
