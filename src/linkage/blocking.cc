// Blocking rules and the per-rule block index.
#include "linkage/blocking.h"

#include <numeric>

namespace ganreg::linkage {
namespace {

uint64_t Mix(uint64_t x) {
  // splitmix64 finalizer: spreads ids so that keys of different parts do not collide by pattern.
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t BlockKey(std::initializer_list<uint64_t> parts) {
  uint64_t h = 0x51ED270B27D5A8C3ull;
  for (uint64_t p : parts) {
    if (p == 0) return 0;
    h = Mix(h ^ p);
  }
  return h == 0 ? 1 : h;
}

std::vector<BlockingRule> DefaultBlockingRules() {
  const uint32_t name = FieldBit(Field::kFamily) | FieldBit(Field::kGiven) | FieldBit(Field::kSex);
  const uint32_t date = FieldBit(Field::kBirthDate);
  const uint32_t address = FieldBit(Field::kAddress);
  auto year = [](const Record& r) -> uint64_t {
    return r.birth_date == 0 ? 0 : static_cast<uint64_t>(r.birth_date / 10000);
  };
  auto month_day = [](const Record& r) -> uint64_t {
    return r.birth_date == 0 ? 0 : static_cast<uint64_t>(r.birth_date % 10000);
  };
  std::vector<BlockingRule> rules;
  // Everything but a birth-date error.
  rules.push_back({"birth_date",
                   [](const Record& r) { return BlockKey({static_cast<uint64_t>(r.birth_date)}); },
                   date});
  // A wrong day or month (typo, swap): the reading and the year agree.
  rules.push_back({"kana_name+year",
                   [year](const Record& r) {
                     return BlockKey({1, r.full_kana_id, year(r)});
                   },
                   name | date});
  // A wrong year (typo, era conversion): the kanji name and month-day agree.
  rules.push_back({"kanji_name+month_day",
                   [month_day](const Record& r) {
                     return BlockKey({2, r.full_name_id, month_day(r)});
                   },
                   name | date});
  // A wrong day or month and a reading that is missing or mistyped: the kanji name and the year.
  rules.push_back({"kanji_name+year",
                   [year](const Record& r) {
                     return BlockKey({6, r.full_name_id, year(r)});
                   },
                   name | date});
  // A surname changed at marriage together with a birth-date error, at the same address.
  rules.push_back({"given_kana+address",
                   [](const Record& r) {
                     return r.kana_split ? BlockKey({3, r.given_kana_id, r.address_id}) : 0;
                   },
                   FieldBit(Field::kGiven) | FieldBit(Field::kSex) | address});
  // No usable birth date: the name and the municipality.
  rules.push_back({"kanji_name+municipality",
                   [](const Record& r) {
                     return BlockKey({4, r.full_name_id, r.municipality_id});
                   },
                   name | address});
  return rules;
}

std::vector<BlockingRule> DefaultTrainingRules() {
  std::vector<BlockingRule> rules;
  rules.push_back({"birth_date",
                   [](const Record& r) { return BlockKey({static_cast<uint64_t>(r.birth_date)}); },
                   FieldBit(Field::kBirthDate)});
  rules.push_back({"address",
                   [](const Record& r) {
                     return BlockKey({5, r.address_id});
                   },
                   FieldBit(Field::kAddress)});
  return rules;
}

CandidateIndex::CandidateIndex(const RecordSet& records, std::vector<BlockingRule> rules,
                               const BlockingOptions& options)
    : rules_(std::move(rules)) {
  const size_t n = records.size();
  const size_t rule_count = rules_.size();
  keys_.resize(rule_count);
  skipped_.resize(rule_count);
  members_.resize(rule_count);
  blocks_.resize(rule_count);
  rule_pairs_.assign(rule_count, 0);
  base_stats_.resize(rule_count);
  for (size_t r = 0; r < rule_count; ++r) {
    auto& keys = keys_[r];
    keys.resize(n);
    for (size_t i = 0; i < n; ++i) keys[i] = rules_[r].key(records[i]);
    skipped_[r].assign(n, 0);
    auto& members = members_[r];
    members.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (keys[i] != 0) members.push_back(static_cast<uint32_t>(i));
    }
    // Stable order within a block (by record index) keeps the pair order reproducible.
    std::sort(members.begin(), members.end(), [&keys](uint32_t a, uint32_t b) {
      return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
    });
    RuleStats& st = base_stats_[r];
    st.name = rules_[r].name;
    for (size_t i = 0; i < members.size();) {
      size_t j = i + 1;
      while (j < members.size() && keys[members[j]] == keys[members[i]]) ++j;
      const uint64_t size = j - i;
      if (size >= 2) {
        if (size > options.max_block_size) {
          ++st.skipped_blocks;
          st.skipped_records += size;
          for (size_t k = i; k < j; ++k) skipped_[r][members[k]] = 1;
        } else {
          blocks_[r].emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
          rule_pairs_[r] += size * (size - 1) / 2;
          ++st.blocks;
        }
      }
      i = j;
    }
    st.pairs = rule_pairs_[r];
  }
}

BlockingStats CandidateIndex::Stats() const {
  BlockingStats stats;
  stats.rules = base_stats_;
  for (size_t r = 0; r < rules_.size(); ++r) {
    uint64_t fresh = 0;
    ForEachPair(r, 0, blocks_[r].size(), true, [&fresh](uint32_t, uint32_t) { ++fresh; });
    stats.rules[r].new_pairs = fresh;
    stats.candidate_pairs += fresh;
  }
  return stats;
}

}  // namespace ganreg::linkage
