// The linkage pipeline over prepared records: block, estimate (u from random pairs, m by EM per
// blocking rule), compare and score every candidate pair, classify by two thresholds into
// match / review / non-match, and cluster the matches into persons. Also the national
// 20-combination baseline through the same blocking and clustering, so the two compare on equal
// terms.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/result.h"
#include "linkage/baseline.h"
#include "linkage/blocking.h"
#include "linkage/cluster.h"
#include "linkage/model.h"
#include "linkage/record.h"

namespace ganreg::linkage {

enum class Decision : uint8_t { kNonMatch, kReview, kMatch };

struct ScoredPair {
  uint32_t a = 0;  // record indices, a < b
  uint32_t b = 0;
  float weight = 0.0f;   // match weight (log2 odds); the baseline's fixed-weight score
  uint32_t pattern = 0;  // comparison pattern (ComparisonOf), for explaining the score
  Decision decision = Decision::kNonMatch;
};

struct LinkOptions {
  std::vector<BlockingRule> rules = DefaultBlockingRules();
  // The rules whose pairs EM learns from (empty: the candidate rules).
  std::vector<BlockingRule> training_rules = DefaultTrainingRules();
  BlockingOptions blocking;
  // Match probability at or above which a pair is a match, and at or above which (and below
  // the first) it goes to review.
  double match_probability = 0.90;
  double review_probability = 0.50;
  // A pair whose given names disagree in kanji and in reading is never an automatic match, only
  // a review: twins (same family, birth date and address) must not merge, and the model alone
  // weighs a wrong given name no more than a move.
  bool review_if_given_differs = true;
  // Pairs of the sibling pattern (compare.h: twins) are held for review, kept apart when
  // clustering (a chain of links through a third record cannot join them), and left out of EM.
  bool keep_siblings_apart = true;
  uint64_t u_pairs = 1'000'000;            // random pairs for u
  uint64_t em_pairs_per_rule = 1'000'000;  // at most this many pairs per rule for EM
  EmOptions em;
  bool term_frequency = true;
  uint64_t seed = 5;
  int threads = 1;
  // Pairs a reviewer confirmed as different persons: never clustered together.
  std::vector<std::pair<uint32_t, uint32_t>> cannot_link;
  // Parameters to use instead of estimating them (e.g. those of the last run).
  std::optional<ModelParameters> parameters;
  // Incremental linking of a new batch: records [0, first_new) were linked by earlier runs and
  // their pairs are not compared again; only pairs with at least one record at or after
  // first_new are. 0 = every pair (a full run). Blocking still sees every record.
  uint32_t first_new = 0;
};

struct LinkTimings {
  double index = 0;     // keys and blocks
  double estimate = 0;  // u sample + EM
  double compare = 0;   // comparing, scoring and classifying the candidate pairs
  double cluster = 0;
};

struct LinkResult {
  ModelParameters parameters;
  std::vector<EmResult> em;  // per training rule (empty when parameters were given)
  BlockingStats blocking;    // per rule: pairs created and pairs new to the union
  uint64_t compared_pairs = 0;
  uint64_t matches = 0;
  uint64_t reviews = 0;
  std::vector<ScoredPair> pairs;  // every pair at review level or above, a/b ascending
  // Pairs of the sibling pattern at review level or above (a < b): kept apart by the
  // clustering, and by a caller that clusters again with links of its own.
  std::vector<std::pair<uint32_t, uint32_t>> siblings;
  Clusters clusters;
  LinkTimings seconds;
};

// ganreg's model. kInvalidArgument for inconsistent options (thresholds out of order, no rule).
Result<LinkResult> Link(const RecordSet& records, const LinkOptions& options = {});

struct BaselineOptions {
  BaselineWeights weights;
  BlockingOptions blocking;
  int threads = 1;
  std::vector<std::pair<uint32_t, uint32_t>> cannot_link;
};

// The 20-combination baseline (baseline.h). `parameters` and `em` of the result stay empty.
Result<LinkResult> LinkBaseline(const RecordSet& records, const BaselineOptions& options = {});

}  // namespace ganreg::linkage
