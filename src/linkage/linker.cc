// The linkage pipeline. Candidate pairs are streamed per block (never stored unless they reach
// the review threshold); the hot loop is Compare + one table lookup for the weight.
#include "linkage/linker.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <thread>

namespace ganreg::linkage {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

uint64_t PairHash(uint32_t a, uint32_t b, uint64_t seed) {
  uint64_t x = (uint64_t{a} << 32 | b) ^ seed;
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Runs fn(chunk, b0, b1) over the blocks of rule r split into `threads` runs of about equal
// pair counts, each in its own thread (the caller merges per-chunk results in chunk order, so
// results do not depend on scheduling).
template <class Fn>
void ForChunks(const CandidateIndex& index, size_t r, int threads, Fn&& fn) {
  const size_t blocks = index.block_count(r);
  if (threads <= 1 || blocks < 64) {
    fn(0, size_t{0}, blocks);
    return;
  }
  const uint64_t total = index.rule_pairs(r);
  std::vector<size_t> bounds = {0};
  uint64_t acc = 0;
  for (size_t k = 0; k < blocks && bounds.size() < static_cast<size_t>(threads); ++k) {
    const uint64_t s = index.block_size(r, k);
    acc += s * (s - 1) / 2;
    if (acc * threads >= total * bounds.size()) bounds.push_back(k + 1);
  }
  while (bounds.size() < static_cast<size_t>(threads)) bounds.push_back(blocks);
  bounds.push_back(blocks);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&fn, t, b0 = bounds[t], b1 = bounds[t + 1]] { fn(t, b0, b1); });
  }
  for (auto& th : pool) th.join();
}

double LogOdds(double p) { return std::log2(p / (1.0 - p)); }

struct ChunkResult {
  std::vector<ScoredPair> kept;
  uint64_t compared = 0;
  uint64_t matches = 0;
  uint64_t reviews = 0;
};

// Compares and scores every new pair of every rule with `score(a, b, &pattern, &cap) → weight`;
// `cap` set by the scorer limits the decision to review.
// Pairs of two records below `first_new` (linked by an earlier run) are skipped.
template <class Score>
void ScoreCandidates(const CandidateIndex& index, int threads, double match_weight,
                     double review_weight, uint32_t first_new, Score&& score, LinkResult* out) {
  out->blocking.rules.clear();
  out->blocking.candidate_pairs = 0;
  const int chunks = std::max(1, threads);
  for (size_t r = 0; r < index.rule_count(); ++r) {
    std::vector<ChunkResult> parts(static_cast<size_t>(chunks));
    ForChunks(index, r, threads, [&](int t, size_t b0, size_t b1) {
      ChunkResult& part = parts[static_cast<size_t>(t)];
      index.ForEachPair(
          r, b0, b1, true,
          [&](uint32_t a, uint32_t b) {
            ++part.compared;
            uint32_t pattern = 0;
            bool cap = false;
            const double w = score(a, b, &pattern, &cap);
            if (w < review_weight) return;
            const Decision d = w >= match_weight && !cap ? Decision::kMatch : Decision::kReview;
            (d == Decision::kMatch ? part.matches : part.reviews) += 1;
            part.kept.push_back({a, b, static_cast<float>(w), pattern, d});
          },
          first_new);
    });
    RuleStats st = index.index_stats(r);
    for (ChunkResult& part : parts) {
      st.new_pairs += part.compared;
      out->compared_pairs += part.compared;
      out->matches += part.matches;
      out->reviews += part.reviews;
      out->pairs.insert(out->pairs.end(), part.kept.begin(), part.kept.end());
    }
    out->blocking.candidate_pairs += st.new_pairs;
    out->blocking.rules.push_back(std::move(st));
  }
}

void ClusterMatches(size_t record_count, const std::vector<std::pair<uint32_t, uint32_t>>& cannot,
                    LinkResult* out) {
  std::vector<LinkedPair> links;
  links.reserve(out->matches);
  for (const ScoredPair& p : out->pairs) {
    if (p.decision == Decision::kMatch) links.push_back({p.a, p.b, p.weight});
  }
  out->clusters = ClusterPairs(record_count, std::move(links), cannot);
  std::sort(out->pairs.begin(), out->pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
}

// An EM fit that calls (nearly) every pair a match has found no second component: the rule's
// pairs differ from random pairs in some way the model does not know (a field correlated with
// the rule's key), so its m would describe all the rule's pairs, not the matches. With three or
// more free fields the fit is identified, and a block of nearly only matches (a small registry
// blocked on the birth date) is believed.
bool Usable(const EmResult& em, int free_fields) {
  return em.lambda > 0.0 && em.lambda < (free_fields >= 3 ? 0.999 : 0.95);
}

// m and λ: EM on (a sample of) each training rule's own pairs, fields the rule fixes left out.
// The m of a field is the average over the rules that can identify it — the field free and at
// least two other free fields to tell matches from non-matches (with one, any λ fits) —
// weighted by their expected matches.
void Estimate(const RecordSet& records, const CandidateIndex& index, const LinkOptions& options,
              LinkResult* out) {
  const LevelProbabilities u = EstimateU(records, options.u_pairs, options.seed);
  const LevelProbabilities m0 = DefaultM();
  constexpr uint32_t kAllFields = (1u << kFieldCount) - 1;
  const int chunks = std::max(1, options.threads);
  std::vector<uint64_t> sampled(index.rule_count(), 0);
  for (size_t r = 0; r < index.rule_count(); ++r) {
    const uint64_t pairs = index.rule_pairs(r);
    // Keep a pair when its hash falls below rate·2^64 (a fixed, reproducible sample).
    const double rate = pairs <= options.em_pairs_per_rule
                            ? 1.0
                            : static_cast<double>(options.em_pairs_per_rule) / pairs;
    const uint64_t limit =
        rate >= 1.0 ? UINT64_MAX : static_cast<uint64_t>(rate * 18446744073709551615.0);
    std::vector<PatternCounts> parts(static_cast<size_t>(chunks));
    ForChunks(index, r, options.threads, [&](int t, size_t b0, size_t b1) {
      PatternCounts& counts = parts[static_cast<size_t>(t)];
      index.ForEachPair(r, b0, b1, false, [&](uint32_t a, uint32_t b) {
        if (limit != UINT64_MAX && PairHash(a, b, options.seed) > limit) return;
        const Comparison c = Compare(records[a], records[b]);
        if (options.keep_siblings_apart && SiblingPattern(c)) return;
        counts.Add(PatternOf(c));
      });
    });
    for (size_t t = 1; t < parts.size(); ++t) parts[0].Merge(parts[t]);
    sampled[r] = parts[0].total();
    out->em.push_back(RunEm(parts[0], u, m0, kAllFields & ~index.rule(r).fixed_fields, options.em));
  }

  auto free_fields = [&](size_t r) {
    return kFieldCount - std::popcount(index.rule(r).fixed_fields & kAllFields);
  };
  ModelParameters params;
  params.u = u;
  for (int f = 0; f < kFieldCount; ++f) {
    // Rules that identify the field; failing any, those that leave it free at all.
    for (const int min_free : {3, 1}) {
      std::array<double, kMaxLevels> sum{};
      double weight = 0.0;
      for (size_t r = 0; r < index.rule_count(); ++r) {
        if ((index.rule(r).fixed_fields >> f) & 1u) continue;
        if (free_fields(r) < min_free || !Usable(out->em[r], free_fields(r))) continue;
        const double w = out->em[r].lambda * static_cast<double>(sampled[r]);
        if (w <= 0.0) continue;
        for (int l = 0; l < kMaxLevels; ++l) sum[l] += w * out->em[r].m[f][l];
        weight += w;
      }
      for (int l = 0; l < kMaxLevels; ++l) params.m[f][l] = weight > 0 ? sum[l] / weight : m0[f][l];
      if (weight > 0) break;
    }
  }
  // λ for all pairs: each rule's matches divided by the share of matches the rule can find
  // (the m of full agreement on the fields it fixes); the median over rules resists one rule's
  // poor EM fit.
  std::vector<double> estimates;
  for (size_t r = 0; r < index.rule_count(); ++r) {
    double recall = 1.0;
    for (int f = 0; f < kFieldCount; ++f) {
      if ((index.rule(r).fixed_fields >> f) & 1u) recall *= params.m[f][kLevelCounts[f] - 1];
    }
    const double matches = out->em[r].lambda * static_cast<double>(index.rule_pairs(r));
    if (sampled[r] > 0 && recall > 0 && Usable(out->em[r], free_fields(r))) {
      estimates.push_back(matches / recall);
    }
  }
  const double n = static_cast<double>(records.size());
  const double all_pairs = std::max(1.0, n * (n - 1) / 2);
  if (!estimates.empty()) {
    std::sort(estimates.begin(), estimates.end());
    const size_t k = estimates.size();
    const double median =
        k % 2 == 1 ? estimates[k / 2] : (estimates[k / 2 - 1] + estimates[k / 2]) / 2;
    params.prior = std::clamp(median / all_pairs, 1e-12, 0.5);
  }
  out->parameters = params;
}

Status CheckThresholds(double match, double review) {
  if (!(review > 0.0 && review <= match && match < 1.0)) {
    return Status::InvalidArgument(
        "linkage thresholds must satisfy 0 < review <= match < 1 (match probabilities)");
  }
  return Status::Ok();
}

}  // namespace

Result<LinkResult> Link(const RecordSet& records, const LinkOptions& options) {
  GANREG_RETURN_IF_ERROR(CheckThresholds(options.match_probability, options.review_probability));
  if (options.rules.empty()) return Status::InvalidArgument("linkage needs a blocking rule");
  LinkResult out;
  auto start = Clock::now();
  const CandidateIndex index(records, options.rules, options.blocking);
  out.seconds.index = SecondsSince(start);

  if (options.first_new > 0 && !options.parameters) {
    return Status::InvalidArgument("incremental linking needs the parameters of an earlier run");
  }
  start = Clock::now();
  if (options.parameters) {
    out.parameters = *options.parameters;
  } else if (options.training_rules.empty()) {
    Estimate(records, index, options, &out);
  } else {
    const CandidateIndex training(records, options.training_rules, options.blocking);
    Estimate(records, training, options, &out);
  }
  out.seconds.estimate = SecondsSince(start);

  start = Clock::now();
  const ScoringModel model(out.parameters, options.term_frequency ? &records : nullptr);
  const auto& recs = records.records();
  ScoreCandidates(
      index, options.threads, LogOdds(options.match_probability),
      LogOdds(options.review_probability), options.first_new,
      [&](uint32_t a, uint32_t b, uint32_t* pattern, bool* cap) {
        const Comparison c = Compare(recs[a], recs[b]);
        *pattern = PatternOf(c);
        *cap = (options.review_if_given_differs && c.level[1] == kNameDifferent) ||
               (options.keep_siblings_apart && SiblingPattern(c));
        return model.Weight(c, *pattern, recs[a], recs[b]);
      },
      &out);
  out.seconds.compare = SecondsSince(start);

  start = Clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> cannot_link = options.cannot_link;
  if (options.keep_siblings_apart) {
    for (const ScoredPair& p : out.pairs) {
      if (SiblingPattern(ComparisonOf(p.pattern))) out.siblings.emplace_back(p.a, p.b);
    }
    std::sort(out.siblings.begin(), out.siblings.end());
    cannot_link.insert(cannot_link.end(), out.siblings.begin(), out.siblings.end());
  }
  ClusterMatches(records.size(), cannot_link, &out);
  out.seconds.cluster = SecondsSince(start);
  return out;
}

Result<LinkResult> LinkBaseline(const RecordSet& records, const BaselineOptions& options) {
  const BaselineWeights& w = options.weights;
  if (w.review > w.same) {
    return Status::InvalidArgument("baseline thresholds must satisfy review <= same");
  }
  LinkResult out;
  auto start = Clock::now();
  const CandidateIndex index(records, TwentyCombinationRules(), options.blocking);
  out.seconds.index = SecondsSince(start);

  start = Clock::now();
  const auto& recs = records.records();
  ScoreCandidates(
      index, options.threads, w.same, w.review, 0,
      [&](uint32_t a, uint32_t b, uint32_t* pattern, bool*) {
        *pattern = 0;
        return BaselineScore(recs[a], recs[b], w);
      },
      &out);
  out.seconds.compare = SecondsSince(start);

  start = Clock::now();
  ClusterMatches(records.size(), options.cannot_link, &out);
  out.seconds.cluster = SecondsSince(start);
  return out;
}

}  // namespace ganreg::linkage
