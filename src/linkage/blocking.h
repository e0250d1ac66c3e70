// Blocking: several rules, each a key per record; two records are a candidate pair under a rule
// when their keys are equal. The candidate set is the union over the rules. Pairs are streamed
// block by block, never materialized, and a pair is emitted only by the first rule that creates
// it, so the union needs no hash set.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "linkage/compare.h"
#include "linkage/record.h"

namespace ganreg::linkage {

struct BlockingRule {
  std::string name;
  // The record's key under this rule; 0 = the record has none (a missing field) and joins no
  // block. Called once per record, not per pair.
  std::function<uint64_t(const Record&)> key;
  // Fields whose agreement the rule forces or makes likely (bit per Field): EM on this rule's
  // pairs cannot learn them, so it leaves them out (see model.h). A rule on the reading fixes
  // the whole name field, kanji included (namesakes agree on both), and a rule on the given
  // name fixes sex too (a given name almost always tells the sex).
  uint32_t fixed_fields = 0;
};

inline constexpr uint32_t FieldBit(Field f) { return 1u << static_cast<int>(f); }

// A 64-bit mix of several key parts (0 if any part is 0, i.e. missing).
uint64_t BlockKey(std::initializer_list<uint64_t> parts);

// ganreg's rules, each catching what the others miss: birth date; reading + birth year (day or
// month wrong); kanji name + month and day (year wrong, era errors); kanji name + birth year
// (day or month wrong and the reading missing or mistyped); given-name reading + address
// (surname changed at marriage and a birth-date error); kanji name + municipality (no usable
// birth date). No rule is a name alone: a common name would make a block of thousands.
std::vector<BlockingRule> DefaultBlockingRules();

// Rules whose pairs EM learns m from (not candidates): each leaves most fields free, so that
// every field is learnt where at least two others tell matches from non-matches — the birth
// date (learns the names, sex and address) and the full address (learns the names, the birth
// date and sex).
std::vector<BlockingRule> DefaultTrainingRules();

struct BlockingOptions {
  // A block larger than this is skipped (and counted): it would make size²/2 pairs of little
  // value (e.g. everyone with no address under an address rule).
  uint32_t max_block_size = 5000;
};

struct RuleStats {
  std::string name;
  uint64_t pairs = 0;      // pairs the rule creates on its own
  uint64_t new_pairs = 0;  // of those, pairs no earlier rule created (their sum is the union)
  uint64_t blocks = 0;     // blocks of two or more records
  uint64_t skipped_blocks = 0;
  uint64_t skipped_records = 0;
};

struct BlockingStats {
  std::vector<RuleStats> rules;
  uint64_t candidate_pairs = 0;  // size of the union
};

// The blocks of every rule over one RecordSet.
class CandidateIndex {
 public:
  CandidateIndex(const RecordSet& records, std::vector<BlockingRule> rules,
                 const BlockingOptions& options = {});

  size_t rule_count() const { return rules_.size(); }
  const BlockingRule& rule(size_t r) const { return rules_[r]; }
  // Blocks of rule r (each a run of records sharing a key, size ≥ 2, not oversized).
  size_t block_count(size_t r) const { return blocks_[r].size(); }
  // Records in block k of rule r.
  uint32_t block_size(size_t r, size_t k) const {
    return blocks_[r][k].second - blocks_[r][k].first;
  }
  // Pairs rule r creates (with duplicates of earlier rules).
  uint64_t rule_pairs(size_t r) const { return rule_pairs_[r]; }

  // fn(a, b) for every pair that rule r creates in blocks [b0, b1); a < b are record indices.
  // With `only_new`, pairs that an earlier rule already created are left out; pairs of two
  // records below `first_new` (linked by an earlier run) are left out too.
  template <class Fn>
  void ForEachPair(size_t r, size_t b0, size_t b1, bool only_new, Fn&& fn,
                   uint32_t first_new = 0) const {
    const auto& blocks = blocks_[r];
    const auto& members = members_[r];
    for (size_t k = b0; k < b1; ++k) {
      const uint32_t begin = blocks[k].first;
      const uint32_t end = blocks[k].second;
      for (uint32_t i = begin; i < end; ++i) {
        for (uint32_t j = i + 1; j < end; ++j) {
          uint32_t a = members[i];
          uint32_t b = members[j];
          if (a > b) std::swap(a, b);
          if (b < first_new) continue;
          if (only_new && CreatedEarlier(r, a, b)) continue;
          fn(a, b);
        }
      }
    }
  }

  // True when a rule before r puts a and b in one block.
  bool CreatedEarlier(size_t r, uint32_t a, uint32_t b) const {
    for (size_t q = 0; q < r; ++q) {
      const uint64_t ka = keys_[q][a];
      if (ka != 0 && ka == keys_[q][b] && !skipped_[q][a]) return true;
    }
    return false;
  }

  // Counts known from indexing (pairs, blocks, skipped blocks); new_pairs is left 0.
  const RuleStats& index_stats(size_t r) const { return base_stats_[r]; }
  // Counts per rule (one pass over the pairs without comparing them).
  BlockingStats Stats() const;

 private:
  std::vector<BlockingRule> rules_;
  std::vector<std::vector<uint64_t>> keys_;     // [rule][record]
  std::vector<std::vector<uint8_t>> skipped_;   // [rule][record]: in an oversized block
  std::vector<std::vector<uint32_t>> members_;  // [rule]: record indices sorted by key
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> blocks_;  // [rule]: ranges of members_
  std::vector<uint64_t> rule_pairs_;
  std::vector<RuleStats> base_stats_;
};

}  // namespace ganreg::linkage
