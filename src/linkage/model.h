// The Fellegi–Sunter model: per field and level, m = P(level | same person) and
// u = P(level | different persons); a pair's match weight is log2 of the prior odds plus the sum of
// log2(m/u) over its fields, with term-frequency adjustment for names (a shared 佐藤 says less than
// a shared 勅使河原). u is estimated from random pairs, m by EM on each blocking rule's pairs.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/result.h"
#include "linkage/compare.h"
#include "linkage/record.h"

namespace ganreg::linkage {

using LevelProbabilities = std::array<std::array<double, kMaxLevels>, kFieldCount>;

struct ModelParameters {
  LevelProbabilities m{};
  LevelProbabilities u{};
  // λ: the probability that two records drawn at random are the same person.
  double prior = 1e-6;
};

// Starting values for EM and the fallback for a field no rule lets EM learn.
LevelProbabilities DefaultM();

// How often each comparison pattern occurs in a set of pairs.
class PatternCounts {
 public:
  PatternCounts() : counts_(kPatternCount, 0) {}
  void Add(uint32_t pattern, uint64_t n = 1) {
    counts_[pattern] += n;
    total_ += n;
  }
  void Merge(const PatternCounts& other);
  uint64_t operator[](uint32_t pattern) const { return counts_[pattern]; }
  uint64_t total() const { return total_; }

 private:
  std::vector<uint64_t> counts_;
  uint64_t total_ = 0;
};

// u from `pairs` random record pairs (all pairs when there are fewer): the level frequencies
// among pairs that, in a registry, are nearly all different persons. Levels never seen get a
// floor of 1/(2·pairs), so no weight is infinite.
LevelProbabilities EstimateU(const RecordSet& records, uint64_t pairs, uint64_t seed);

struct EmOptions {
  int max_iterations = 200;
  double tolerance = 1e-6;  // largest change of any m or λ
};

struct EmResult {
  LevelProbabilities m{};
  double lambda = 0.0;  // share of matches among the counted pairs
  int iterations = 0;
  bool converged = false;
};

// EM for m and λ with u held fixed, on the pattern counts of one rule's pairs. Only fields in
// `active_fields` (bit per Field) enter the likelihood and get estimated: a rule that forces a
// field to agree makes that field useless inside its own pairs.
EmResult RunEm(const PatternCounts& counts, const LevelProbabilities& u, LevelProbabilities m0,
               uint32_t active_fields, const EmOptions& options = {});

// Scores comparison patterns into match weights (log2 Bayes factor including the prior).
class ScoringModel {
 public:
  // `records` (optional) enables the term-frequency adjustment of exact name agreement.
  ScoringModel(const ModelParameters& params, const RecordSet* records);

  // Weight of a pattern without term frequency.
  double PatternWeight(uint32_t pattern) const { return pattern_weight_[pattern]; }
  // Weight of the compared pair (a, b), term frequency included. The frequency is that of the
  // value in the record whose name has its parts (a name written without a space is compared by
  // its parts against the other record, compare.h); two such names get none.
  double Weight(const Comparison& c, uint32_t pattern, const Record& a, const Record& b) const {
    double w = pattern_weight_[pattern];
    if (tf_.empty()) return w;
    const Record& kanji = a.name_split ? a : b;
    const Record& kana = a.kana_split ? a : b;
    const uint8_t family = c.level[0];
    if ((family == kNameExact || family == kNameKanjiSame) && kanji.name_split) {
      w += tf_[0][kanji.family_id];
    } else if (family == kNameReadingSame && kana.kana_split) {
      w += tf_[2][kana.family_kana_id];
    }
    const uint8_t given = c.level[1];
    if ((given == kNameExact || given == kNameKanjiSame) && kanji.name_split) {
      w += tf_[1][kanji.given_id];
    } else if (given == kNameReadingSame && kana.kana_split) {
      w += tf_[3][kana.given_kana_id];
    }
    return w;
  }
  // log2(m/u) of one field's level (0 for missing).
  double FieldWeight(Field f, uint8_t level) const {
    return field_weight_[static_cast<int>(f)][level];
  }
  double PriorWeight() const { return prior_weight_; }
  const ModelParameters& parameters() const { return params_; }

  static double Probability(double weight);

 private:
  ModelParameters params_;
  std::array<std::array<double, kMaxLevels>, kFieldCount> field_weight_{};
  double prior_weight_ = 0.0;
  std::vector<float> pattern_weight_;
  // Per name value id (family kanji, given kanji, family reading, given reading):
  // log2(u of agreement / tf(value)), clamped to ±6 bits.
  std::vector<std::vector<float>> tf_;
};

// A readable table of m, u and weights per field and level.
std::string DescribeParameters(const ModelParameters& params);

}  // namespace ganreg::linkage
