// Tests of the Fellegi–Sunter pieces: u from random pairs, EM recovering known parameters,
// weights and term-frequency adjustment.
#include "linkage/model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ganreg::linkage {
namespace {

PersonInput P(const char* name, const char* kana, const char* sex, const char* birth) {
  PersonInput in;
  in.name = name;
  in.kana_name = kana;
  in.sex = sex;
  in.birth_date = birth;
  return in;
}

TEST(EstimateUTest, LevelSharesSumToOne) {
  RecordSet set;
  set.Add(P("佐藤 太郎", "サトウ タロウ", "1", "19550102"));
  set.Add(P("佐藤 花子", "サトウ ハナコ", "2", "19550102"));
  set.Add(P("鈴木 太郎", "スズキ タロウ", "1", "19600101"));
  set.Add(P("田中 一郎", "タナカ イチロウ", "1", "19700101"));
  const LevelProbabilities u = EstimateU(set, 1000, 1);  // all 6 pairs
  for (int f = 0; f < kFieldCount; ++f) {
    double sum = 0;
    for (int l = 1; l < kLevelCounts[f]; ++l) sum += u[f][l];
    EXPECT_NEAR(sum, 1.0, 1e-9) << FieldName(static_cast<Field>(f));
  }
  // Unseen levels get only a floor; 佐藤+サトウ is shared by 1 of 6 pairs, sex by 3 of 6.
  EXPECT_GT(u[0][kNameExact], 0.1);
  EXPECT_LT(u[0][kNameClose], 0.1);
  EXPECT_GT(u[0][kNameDifferent], u[0][kNameExact]);
  EXPECT_NEAR(u[3][kSexSame], 0.5, 0.1);
}

// Pattern counts drawn exactly from a mixture with known m, u and λ over three fields.
TEST(RunEmTest, RecoversKnownParameters) {
  LevelProbabilities m{}, u{};
  const int fam = static_cast<int>(Field::kFamily);
  const int dob = static_cast<int>(Field::kBirthDate);
  const int sex = static_cast<int>(Field::kSex);
  m[fam] = {0, 0.05, 0.01, 0.02, 0.02, 0.05, 0.85};
  u[fam] = {0, 0.93, 0.02, 0.01, 0.01, 0.01, 0.02};
  m[dob] = {0, 0.02, 0.01, 0.01, 0.04, 0.92};
  u[dob] = {0, 0.97, 0.005, 0.005, 0.01, 0.01};
  m[sex] = {0, 0.02, 0.98};
  u[sex] = {0, 0.5, 0.5};
  const double lambda = 0.05;
  PatternCounts counts;
  const double n = 1e7;
  for (uint8_t a = 1; a < 7; ++a) {
    for (uint8_t b = 1; b < 6; ++b) {
      for (uint8_t c = 1; c < 3; ++c) {
        Comparison cmp;
        cmp.level[fam] = a;
        cmp.level[dob] = b;
        cmp.level[sex] = c;
        const double p = lambda * m[fam][a] * m[dob][b] * m[sex][c] +
                         (1 - lambda) * u[fam][a] * u[dob][b] * u[sex][c];
        counts.Add(PatternOf(cmp), static_cast<uint64_t>(std::llround(n * p)));
      }
    }
  }
  const uint32_t active = (1u << fam) | (1u << dob) | (1u << sex);
  const EmResult em =
      RunEm(counts, u, DefaultM(), active, {.max_iterations = 2000, .tolerance = 1e-10});
  EXPECT_TRUE(em.converged);
  EXPECT_NEAR(em.lambda, lambda, 1e-3);
  for (uint8_t l = 1; l < 7; ++l) EXPECT_NEAR(em.m[fam][l], m[fam][l], 5e-3);
  for (uint8_t l = 1; l < 6; ++l) EXPECT_NEAR(em.m[dob][l], m[dob][l], 5e-3);
  for (uint8_t l = 1; l < 3; ++l) EXPECT_NEAR(em.m[sex][l], m[sex][l], 5e-3);
}

TEST(RunEmTest, InactiveFieldsKeepTheirStart) {
  PatternCounts counts;
  Comparison c;
  c.level[0] = kNameExact;
  c.level[2] = kDateExact;
  counts.Add(PatternOf(c), 100);
  const LevelProbabilities m0 = DefaultM();
  LevelProbabilities u = DefaultM();
  u[0] = {0, 0.9, 0.02, 0.02, 0.02, 0.02, 0.02};
  const EmResult em = RunEm(counts, u, m0, 1u << 0);
  EXPECT_EQ(em.m[2], m0[2]);
}

TEST(ScoringModelTest, WeightsAndTermFrequency) {
  RecordSet set;
  for (int i = 0; i < 9; ++i) set.Add(P("佐藤 太郎", "サトウ タロウ", "1", "19550102"));
  set.Add(P("勅使河原 太郎", "テシガワラ タロウ", "1", "19550102"));
  ModelParameters params;
  params.m = DefaultM();
  params.u = DefaultM();
  for (int f = 0; f < kFieldCount; ++f) {
    for (int l = 1; l < kLevelCounts[f]; ++l) params.u[f][l] = 1.0 / (kLevelCounts[f] - 1);
  }
  params.prior = 0.01;
  const ScoringModel plain(params, nullptr);
  Comparison c;
  c.level[0] = kNameExact;
  const uint32_t p = PatternOf(c);
  const double expected = std::log2(0.01 / 0.99) + std::log2(0.80 / (1.0 / 6));
  EXPECT_NEAR(plain.PatternWeight(p), expected, 1e-5);
  EXPECT_NEAR(plain.FieldWeight(Field::kFamily, kNameExact), std::log2(0.80 * 6), 1e-9);

  const ScoringModel tf(params, &set);
  // A shared 勅使河原 (1 in 10) counts for more than a shared 佐藤 (9 in 10).
  const double common = tf.Weight(c, p, set[0], set[1]);
  const double rare = tf.Weight(c, p, set[9], set[9]);
  EXPECT_GT(rare, common);
  EXPECT_NEAR(rare - common, std::log2(9.0), 1e-4);
  // A name written without a space has no frequency of its own: the other record's parts count.
  set.Add(P("佐藤太郎", "サトウ タロウ", "1", "19550102"));
  const ScoringModel tf2(params, &set);
  EXPECT_NEAR(tf2.Weight(c, p, set[10], set[0]), tf2.Weight(c, p, set[0], set[1]), 1e-9);
  EXPECT_NEAR(ScoringModel::Probability(0.0), 0.5, 1e-12);
  EXPECT_GT(ScoringModel::Probability(10.0), 0.999);
}

TEST(DescribeParametersTest, ListsEveryField) {
  ModelParameters params;
  params.m = DefaultM();
  params.u = DefaultM();
  const std::string text = DescribeParameters(params);
  for (int f = 0; f < kFieldCount; ++f) {
    EXPECT_NE(text.find(FieldName(static_cast<Field>(f))), std::string::npos);
  }
}

}  // namespace
}  // namespace ganreg::linkage
