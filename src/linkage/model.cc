// Fellegi–Sunter estimation (u from random pairs, m by EM on pattern counts) and scoring.
#include "linkage/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ganreg::linkage {
namespace {

constexpr double kMinProbability = 1e-9;
// EM may drive an m that its pairs never show to zero; one real match at that level would then
// lose tens of bits. The floor keeps such a level at about −10 bits against a common u.
constexpr double kMinM = 1e-4;

bool Active(uint32_t fields, int f) { return (fields >> f) & 1u; }

}  // namespace

LevelProbabilities DefaultM() {
  LevelProbabilities m{};
  // Level 0 (missing) is never used. The rest are plausible error rates for registry data.
  m[0] = {0, 0.04, 0.02, 0.02, 0.05, 0.07, 0.80};  // family (different: marriage)
  m[1] = {0, 0.02, 0.02, 0.02, 0.04, 0.07, 0.83};  // given
  m[2] = {0, 0.02, 0.005, 0.005, 0.03, 0.94};      // birth date
  m[3] = {0, 0.01, 0.99};                          // sex
  m[4] = {0, 0.05, 0.05, 0.10, 0.10, 0.70};        // address
  return m;
}

void PatternCounts::Merge(const PatternCounts& other) {
  for (uint32_t p = 0; p < kPatternCount; ++p) counts_[p] += other.counts_[p];
  total_ += other.total_;
}

LevelProbabilities EstimateU(const RecordSet& records, uint64_t pairs, uint64_t seed) {
  std::array<std::array<uint64_t, kMaxLevels>, kFieldCount> counts{};
  const uint64_t n = records.size();
  auto count = [&](uint32_t a, uint32_t b) {
    const Comparison c = Compare(records[a], records[b]);
    for (int f = 0; f < kFieldCount; ++f) ++counts[f][c.level[f]];
  };
  uint64_t drawn = 0;
  if (n >= 2) {
    const uint64_t all = n * (n - 1) / 2;
    if (all <= pairs) {
      for (uint32_t a = 0; a < n; ++a) {
        for (uint32_t b = a + 1; b < n; ++b) count(a, b);
      }
      drawn = all;
    } else {
      std::mt19937_64 rng(seed);
      std::uniform_int_distribution<uint64_t> pick(0, n - 1);
      while (drawn < pairs) {
        const auto a = static_cast<uint32_t>(pick(rng));
        const auto b = static_cast<uint32_t>(pick(rng));
        if (a == b) continue;
        count(a, b);
        ++drawn;
      }
    }
  }
  const double floor = 1.0 / (2.0 * static_cast<double>(std::max<uint64_t>(drawn, 1)));
  LevelProbabilities u{};
  for (int f = 0; f < kFieldCount; ++f) {
    uint64_t present = 0;
    for (int l = 1; l < kLevelCounts[f]; ++l) present += counts[f][l];
    double sum = 0.0;
    for (int l = 1; l < kLevelCounts[f]; ++l) {
      const double share =
          present == 0 ? 0.0 : static_cast<double>(counts[f][l]) / static_cast<double>(present);
      u[f][l] = std::max(share, floor);
      sum += u[f][l];
    }
    for (int l = 1; l < kLevelCounts[f]; ++l) u[f][l] /= sum;
  }
  return u;
}

EmResult RunEm(const PatternCounts& counts, const LevelProbabilities& u, LevelProbabilities m0,
               uint32_t active_fields, const EmOptions& options) {
  EmResult out;
  out.m = m0;
  out.lambda = 0.1;
  // The patterns that occur, decoded once.
  std::vector<std::pair<Comparison, double>> seen;
  for (uint32_t p = 0; p < kPatternCount; ++p) {
    if (counts[p] != 0) seen.emplace_back(ComparisonOf(p), static_cast<double>(counts[p]));
  }
  if (seen.empty()) return out;
  for (out.iterations = 1; out.iterations <= options.max_iterations; ++out.iterations) {
    // E step: the expected number of matches behind each pattern; M step: their level shares.
    std::array<std::array<double, kMaxLevels>, kFieldCount> match_mass{};
    double matches = 0.0;
    double total = 0.0;
    for (const auto& [c, n] : seen) {
      double pm = out.lambda;
      double pu = 1.0 - out.lambda;
      for (int f = 0; f < kFieldCount; ++f) {
        const uint8_t l = c.level[f];
        if (l == 0 || !Active(active_fields, f)) continue;
        pm *= out.m[f][l];
        pu *= u[f][l];
      }
      const double g = pm + pu > 0 ? pm / (pm + pu) : 0.0;
      matches += n * g;
      total += n;
      for (int f = 0; f < kFieldCount; ++f) match_mass[f][c.level[f]] += n * g;
    }
    double change = 0.0;
    const double lambda = std::clamp(matches / total, kMinProbability, 1.0 - kMinProbability);
    change = std::max(change, std::abs(lambda - out.lambda));
    out.lambda = lambda;
    for (int f = 0; f < kFieldCount; ++f) {
      if (!Active(active_fields, f)) continue;
      double present = 0.0;
      for (int l = 1; l < kLevelCounts[f]; ++l) present += match_mass[f][l];
      if (present <= 0.0) continue;
      for (int l = 1; l < kLevelCounts[f]; ++l) {
        const double m = std::max(match_mass[f][l] / present, kMinM);
        change = std::max(change, std::abs(m - out.m[f][l]));
        out.m[f][l] = m;
      }
    }
    if (change < options.tolerance) {
      out.converged = true;
      break;
    }
  }
  return out;
}

double ScoringModel::Probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

ScoringModel::ScoringModel(const ModelParameters& params, const RecordSet* records)
    : params_(params), pattern_weight_(kPatternCount) {
  const double prior = std::clamp(params.prior, 1e-15, 0.5);
  prior_weight_ = std::log2(prior / (1.0 - prior));
  for (int f = 0; f < kFieldCount; ++f) {
    for (int l = 1; l < kLevelCounts[f]; ++l) {
      const double m = std::max(params.m[f][l], kMinProbability);
      const double u = std::max(params.u[f][l], kMinProbability);
      field_weight_[f][l] = std::log2(m / u);
    }
  }
  for (uint32_t p = 0; p < kPatternCount; ++p) {
    const Comparison c = ComparisonOf(p);
    double w = prior_weight_;
    for (int f = 0; f < kFieldCount; ++f) w += field_weight_[f][c.level[f]];
    pattern_weight_[p] = static_cast<float>(w);
  }
  if (records == nullptr || records->size() == 0) return;
  // Term frequency: agreement on a value held by a share tf of the records happens by chance
  // about tf of the time, not as often as the level's average u says. Kanji agreement (levels
  // exact and kanji_same) uses the kanji value, reading_same the reading.
  struct Term {
    TermField field;
    int f;
    NameLevel level;
  };
  constexpr std::array<Term, 4> kTerms = {{{TermField::kFamily, 0, kNameKanjiSame},
                                           {TermField::kGiven, 1, kNameKanjiSame},
                                           {TermField::kFamilyKana, 0, kNameReadingSame},
                                           {TermField::kGivenKana, 1, kNameReadingSame}}};
  tf_.resize(kTerms.size());
  for (size_t k = 0; k < kTerms.size(); ++k) {
    const Term& t = kTerms[k];
    const double u_agree =
        std::max(params.u[t.f][kNameExact] + params.u[t.f][t.level], kMinProbability);
    auto& adj = tf_[k];
    adj.assign(records->TermMaxId(t.field) + 1, 0.0f);
    for (uint32_t id = 1; id < adj.size(); ++id) {
      const double tf = records->TermFrequency(t.field, id);
      if (tf <= 0) continue;
      adj[id] = static_cast<float>(std::clamp(std::log2(u_agree / tf), -6.0, 6.0));
    }
  }
}

std::string DescribeParameters(const ModelParameters& params) {
  std::string out = fmt::format("prior λ = {:.3g}\n", params.prior);
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    out += fmt::format("{}:\n", FieldName(field));
    for (int l = 1; l < kLevelCounts[f]; ++l) {
      const double m = std::max(params.m[f][l], kMinProbability);
      const double u = std::max(params.u[f][l], kMinProbability);
      out += fmt::format("  {:<12} m={:.4f} u={:.6f} w={:+.2f}\n",
                         LevelName(field, static_cast<uint8_t>(l)), m, u, std::log2(m / u));
    }
  }
  return out;
}

}  // namespace ganreg::linkage
