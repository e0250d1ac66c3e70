// Tests of blocking: per-rule blocks, the union without duplicates, counts, oversized blocks.
#include "linkage/blocking.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace ganreg::linkage {
namespace {

PersonInput P(const char* name, const char* kana, const char* birth) {
  PersonInput in;
  in.name = name;
  in.kana_name = kana;
  in.birth_date = birth;
  return in;
}

std::set<std::pair<uint32_t, uint32_t>> AllNewPairs(const CandidateIndex& index) {
  std::set<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t r = 0; r < index.rule_count(); ++r) {
    index.ForEachPair(r, 0, index.block_count(r), true, [&](uint32_t a, uint32_t b) {
      EXPECT_LT(a, b);
      EXPECT_TRUE(pairs.emplace(a, b).second) << "pair emitted twice: " << a << "," << b;
    });
  }
  return pairs;
}

TEST(BlockingTest, UnionOfRulesWithCounts) {
  RecordSet set;
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102"));    // 0
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550103"));    // 1: names as 0
  set.Add(P("鈴木 一郎", "スズキ イチロウ", "19550102"));  // 2: birth date as 0
  set.Add(P("髙橋 花子", "タカハシ ハナコ", "19600101"));  // 3
  set.Add(P("高橋 花子", "タカハシ ハナコ", "19600101"));  // 4: all as 3
  set.Add(P("山田 次郎", "", ""));                         // 5: alone
  set.Add(P("中村 三郎", "", "19700105"));                 // 6
  set.Add(P("中村 三郎", "", "19700106"));                 // 7: a day typo, no reading
  const CandidateIndex index(set, DefaultBlockingRules());
  const auto pairs = AllNewPairs(index);
  const std::set<std::pair<uint32_t, uint32_t>> want = {{0, 1}, {0, 2}, {3, 4}, {6, 7}};
  EXPECT_EQ(pairs, want);

  const BlockingStats stats = index.Stats();
  ASSERT_EQ(stats.rules.size(), 6u);
  EXPECT_EQ(stats.rules[0].name, "birth_date");
  EXPECT_EQ(stats.rules[0].pairs, 2u);  // {0,2}, {3,4}
  EXPECT_EQ(stats.rules[0].new_pairs, 2u);
  EXPECT_EQ(stats.rules[1].name, "kana_name+year");
  EXPECT_EQ(stats.rules[1].pairs, 2u);      // {0,1}, {3,4}
  EXPECT_EQ(stats.rules[1].new_pairs, 1u);  // {3,4} was the birth date rule's
  EXPECT_EQ(stats.rules[2].pairs, 1u);      // kanji (variants folded) + month-day: {3,4}
  EXPECT_EQ(stats.rules[2].new_pairs, 0u);
  EXPECT_EQ(stats.rules[3].name, "kanji_name+year");
  EXPECT_EQ(stats.rules[3].pairs, 3u);      // {0,1}, {3,4}, {6,7}
  EXPECT_EQ(stats.rules[3].new_pairs, 1u);  // {6,7}: only this rule finds it
  EXPECT_EQ(stats.rules[4].pairs, 0u);      // no addresses
  EXPECT_EQ(stats.candidate_pairs, 4u);
}

TEST(BlockingTest, OversizedBlocksAreSkippedAndCounted) {
  RecordSet set;
  for (int i = 0; i < 10; ++i) set.Add(P("", "", "19550102"));
  set.Add(P("", "", "19600101"));
  set.Add(P("", "", "19600101"));
  BlockingOptions options;
  options.max_block_size = 5;
  const CandidateIndex index(set, DefaultBlockingRules(), options);
  const BlockingStats stats = index.Stats();
  EXPECT_EQ(stats.rules[0].skipped_blocks, 1u);
  EXPECT_EQ(stats.rules[0].skipped_records, 10u);
  EXPECT_EQ(stats.rules[0].pairs, 1u);
  EXPECT_EQ(stats.candidate_pairs, 1u);
}

TEST(BlockingTest, BlockKeyMissingPart) {
  EXPECT_EQ(BlockKey({1, 0}), 0u);
  EXPECT_NE(BlockKey({1, 2}), 0u);
  EXPECT_NE(BlockKey({1, 2}), BlockKey({2, 1}));
}

TEST(BlockingTest, ChunkedIterationCoversEachBlockOnce) {
  RecordSet set;
  for (int i = 0; i < 200; ++i) {
    set.Add(P("", "", i % 2 == 0 ? "19550102" : (i % 3 == 0 ? "19600101" : "19700101")));
  }
  const CandidateIndex index(set, DefaultBlockingRules());
  uint64_t whole = 0;
  uint64_t parts = 0;
  index.ForEachPair(0, 0, index.block_count(0), true, [&](uint32_t, uint32_t) { ++whole; });
  for (size_t k = 0; k < index.block_count(0); ++k) {
    index.ForEachPair(0, k, k + 1, true, [&](uint32_t, uint32_t) { ++parts; });
  }
  EXPECT_EQ(whole, parts);
  EXPECT_EQ(whole, index.rule_pairs(0));
}

}  // namespace
}  // namespace ganreg::linkage
