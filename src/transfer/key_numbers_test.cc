// Key numbers: 16 digits with no leading zero, reproducible from the seed, and unique within a
// file even when the derivation collides.
#include "transfer/internal/key_numbers.h"

#include <gtest/gtest.h>

#include <set>

#include "crypto/crypto.h"

namespace ganreg::transfer::internal {
namespace {

TEST(KeyNumbersTest, DerivedNumbersHaveSixteenDigitsWithoutLeadingZero) {
  ASSERT_TRUE(crypto::Init().ok());
  crypto::SecretBytes seed = crypto::SecretBytes::Random(32);
  char first_digits_seen[10] = {};
  for (uint64_t row = 0; row < 5000; ++row) {
    std::optional<uint64_t> k = DeriveKeyNumber(seed, row, 0);
    ASSERT_TRUE(k.has_value());
    const std::string s = FormatKeyNumber(*k);
    ASSERT_TRUE(IsKeyNumber(s)) << s;
    first_digits_seen[s[0] - '0'] = 1;
  }
  EXPECT_EQ(first_digits_seen[0], 0);
  for (int d = 1; d <= 9; ++d) EXPECT_EQ(first_digits_seen[d], 1) << "digit " << d;
  EXPECT_FALSE(IsKeyNumber("0123456789012345"));
  EXPECT_FALSE(IsKeyNumber("123456789012345"));
  EXPECT_FALSE(IsKeyNumber("12345678901234a5"));
}

TEST(KeyNumbersTest, SameSeedGivesSameNumbersAndAnotherSeedOthers) {
  ASSERT_TRUE(crypto::Init().ok());
  crypto::SecretBytes a = crypto::SecretBytes::Random(32);
  crypto::SecretBytes b = a.Clone();
  crypto::SecretBytes c = crypto::SecretBytes::Random(32);
  EXPECT_EQ(DeriveKeyNumber(a, 42, 0), DeriveKeyNumber(b, 42, 0));
  EXPECT_NE(DeriveKeyNumber(a, 42, 0), DeriveKeyNumber(c, 42, 0));
  EXPECT_NE(DeriveKeyNumber(a, 42, 0), DeriveKeyNumber(a, 43, 0));
  EXPECT_NE(DeriveKeyNumber(a, 42, 0), DeriveKeyNumber(a, 42, 1));
}

TEST(KeyNumbersTest, CollidingNumbersAreReassignedAndTheFirstRowKeepsItsNumber) {
  // Attempt 0 gives only three distinct numbers for ten rows; later attempts are distinct, except
  // that row 4's first retry is the number rows 0, 3, 6 and 9 share, so it goes on to attempt 2.
  auto derive = [](uint64_t row, uint32_t attempt) -> std::optional<uint64_t> {
    if (attempt == 0) return kKeyNumberMin + row % 3;
    if (row == 4 && attempt == 1) return kKeyNumberMin + 0;
    return kKeyNumberMin + 1000 + row * 100 + attempt;
  };
  KeyNumbers k = KeyNumbers::Assign(10, derive);
  std::set<uint64_t> seen;
  for (uint64_t r = 0; r < 10; ++r) EXPECT_TRUE(seen.insert(k.Of(r)).second) << "row " << r;
  EXPECT_EQ(k.Of(0), kKeyNumberMin + 0);
  EXPECT_EQ(k.Of(1), kKeyNumberMin + 1);
  EXPECT_EQ(k.Of(2), kKeyNumberMin + 2);
  EXPECT_EQ(k.Of(3), kKeyNumberMin + 1000 + 300 + 1);
  EXPECT_EQ(k.Of(4), kKeyNumberMin + 1000 + 400 + 2);
  EXPECT_EQ(k.retried().size(), 7u);
}

TEST(KeyNumbersTest, ARetryAvoidsTheFirstNumberOfALaterRow) {
  // Row 0 and row 1 collide; row 1's first retry is row 2's own first number.
  auto derive = [](uint64_t row, uint32_t attempt) -> std::optional<uint64_t> {
    if (attempt == 0) return kKeyNumberMin + (row == 1 ? 0 : row);
    if (row == 1 && attempt == 1) return kKeyNumberMin + 2;
    return kKeyNumberMin + 500 + attempt;
  };
  KeyNumbers k = KeyNumbers::Assign(3, derive);
  EXPECT_EQ(k.Of(0), kKeyNumberMin + 0);
  EXPECT_EQ(k.Of(1), kKeyNumberMin + 502);
  EXPECT_EQ(k.Of(2), kKeyNumberMin + 2);
}

TEST(KeyNumbersTest, AnUnusableFirstDerivationTakesTheNextAttempt) {
  auto derive = [](uint64_t row, uint32_t attempt) -> std::optional<uint64_t> {
    if (row == 1 && attempt == 0) return std::nullopt;
    return kKeyNumberMin + row * 10 + attempt;
  };
  KeyNumbers k = KeyNumbers::Assign(2, derive);
  EXPECT_EQ(k.Of(1), kKeyNumberMin + 11);
  EXPECT_EQ(k.retried().at(1), 1u);
}

TEST(KeyNumbersTest, RealDerivationGivesUniqueNumbersForManyRows) {
  ASSERT_TRUE(crypto::Init().ok());
  auto seed = std::make_shared<crypto::SecretBytes>(crypto::SecretBytes::Random(32));
  KeyNumbers k = KeyNumbers::Assign(
      20000, [seed](uint64_t r, uint32_t a) { return DeriveKeyNumber(*seed, r, a); });
  std::set<uint64_t> seen;
  for (uint64_t r = 0; r < 20000; ++r) ASSERT_TRUE(seen.insert(k.Of(r)).second);
}

}  // namespace
}  // namespace ganreg::transfer::internal
