// Tests of the 20-combination baseline: the rules, their candidates, the fixed-weight score.
#include "linkage/baseline.h"

#include <gtest/gtest.h>

#include <set>

#include "linkage/linker.h"

namespace ganreg::linkage {
namespace {

PersonInput P(const char* name, const char* kana, const char* birth, const char* address) {
  PersonInput in;
  in.name = name;
  in.kana_name = kana;
  in.sex = "1";
  in.birth_date = birth;
  in.address = address;
  return in;
}

TEST(TwentyCombinationRulesTest, AllThreeOfSixCombinations) {
  const auto rules = TwentyCombinationRules();
  ASSERT_EQ(rules.size(), 20u);
  std::set<std::string> names;
  for (const auto& r : rules) names.insert(r.name);
  EXPECT_EQ(names.size(), 20u);
  EXPECT_TRUE(names.count("family+given+year"));
  EXPECT_TRUE(names.count("year+month+day"));
  EXPECT_TRUE(names.count("day+address+family") == 0);  // items keep their order
  EXPECT_TRUE(names.count("family+day+address"));
}

TEST(TwentyCombinationRulesTest, CandidatesNeedThreeAgreeingItems) {
  RecordSet set;
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102", "東京都千代田区霞が関1-3-2"));  // 0
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550909", "大阪市北区梅田1-1-1"));        // 1: 3 items
  set.Add(P("佐藤 次郎", "サトウ ジロウ", "19600909", "大阪市北区梅田1-1-1"));  // 2: 2 items with 0
  set.Add(P("髙橋 一郎", "タカハシ イチロウ", "19700101", ""));                 // 3
  set.Add(P("高橋 一郎", "タカハシ イチロウ", "19710202", ""));                 // 4: variant
  const CandidateIndex index(set, TwentyCombinationRules());
  std::set<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t r = 0; r < index.rule_count(); ++r) {
    index.ForEachPair(r, 0, index.block_count(r), true,
                      [&](uint32_t a, uint32_t b) { pairs.emplace(a, b); });
  }
  // 0–1: family, given, year. 1–2: family, month, day, address. 0–2: family only + nothing.
  // 3–4: given only (髙橋 ≠ 高橋 as written).
  EXPECT_EQ(pairs, (std::set<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 2}}));
}

TEST(BaselineScoreTest, FixedWeights) {
  RecordSet set;
  const auto a = set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102", "東京都千代田区霞が関1-3-2"));
  const auto b = set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102", "東京都千代田区霞が関1-3-2"));
  const auto c = set.Add(P("佐藤 太郎", "サトウ タロー", "19550102", "東京都千代田区霞ヶ関1-3-2"));
  const BaselineWeights w;
  EXPECT_DOUBLE_EQ(BaselineScore(set[a], set[b], w), 4 + 4 + 2 + 1.5 + 2 + 3 + 1);
  // As written, the kana and the address differ.
  EXPECT_DOUBLE_EQ(BaselineScore(set[a], set[c], w), 4 + 4 + 2 + 1.5 + 2 - 1 - 1);
}

TEST(LinkBaselineTest, ClassifiesAndClusters) {
  RecordSet set;
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102", "東京都千代田区霞が関1-3-2"));
  set.Add(P("佐藤 太郎", "サトウ タロウ", "19550102", "東京都千代田区霞が関1-3-2"));
  set.Add(P("鈴木 花子", "スズキ ハナコ", "19600101", "東京都新宿区西新宿2-8-1"));
  auto result = LinkBaseline(set);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->matches, 1u);
  EXPECT_EQ(result->clusters.cluster_count, 2u);
  EXPECT_EQ(result->blocking.rules.size(), 20u);
  BaselineOptions bad;
  bad.weights.review = 20;
  EXPECT_EQ(LinkBaseline(set, bad).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ganreg::linkage
