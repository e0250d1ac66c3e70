// End to end on a synthetic population with injected errors: ganreg's model against the
// national 20-combination baseline on the same records and the same ground truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <vector>

#include "linkage/linker.h"
#include "linkage/testing/synthetic.h"

namespace ganreg::linkage {
namespace {

using testing::EvaluateClusters;
using testing::MakePopulation;
using testing::PairwiseQuality;
using testing::SyntheticOptions;

RecordSet Prepare(const testing::SyntheticData& data) {
  RecordSet set;
  for (const auto& in : data.records) set.Add(in);
  return set;
}

TEST(EndToEndTest, ModelBeatsTheBaseline) {
  SyntheticOptions options;
  options.persons = 400;
  options.seed = 11;
  const auto data = MakePopulation(options);
  ASSERT_GT(data.records.size(), 500u);
  const RecordSet set = Prepare(data);

  auto model = Link(set);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto baseline = LinkBaseline(set);
  ASSERT_TRUE(baseline.ok()) << baseline.status().ToString();

  const PairwiseQuality q = EvaluateClusters(data.person_of, model->clusters.cluster_of);
  const PairwiseQuality b = EvaluateClusters(data.person_of, baseline->clusters.cluster_of);
  std::printf("records %zu, true pairs %llu\n", data.records.size(),
              static_cast<unsigned long long>(q.true_pairs));
  std::printf("ganreg:   P %.4f R %.4f F1 %.4f (candidates %llu, matches %llu, review %llu)\n",
              q.precision, q.recall, q.f1,
              static_cast<unsigned long long>(model->blocking.candidate_pairs),
              static_cast<unsigned long long>(model->matches),
              static_cast<unsigned long long>(model->reviews));
  std::printf("baseline: P %.4f R %.4f F1 %.4f (candidates %llu, matches %llu, review %llu)\n",
              b.precision, b.recall, b.f1,
              static_cast<unsigned long long>(baseline->blocking.candidate_pairs),
              static_cast<unsigned long long>(baseline->matches),
              static_cast<unsigned long long>(baseline->reviews));
  for (const auto& r : model->blocking.rules) {
    std::printf("  rule %-16s pairs %6llu new %6llu\n", r.name.c_str(),
                static_cast<unsigned long long>(r.pairs),
                static_cast<unsigned long long>(r.new_pairs));
  }
  std::printf("%s", DescribeParameters(model->parameters).c_str());
  EXPECT_GE(q.f1, 0.95);
  EXPECT_GE(q.f1, b.f1 + 0.10);
}

TEST(EndToEndTest, ThreadsGiveTheSameResult) {
  SyntheticOptions options;
  options.persons = 1500;
  options.seed = 3;
  const RecordSet set = Prepare(MakePopulation(options));
  LinkOptions one;
  LinkOptions two;
  two.threads = 2;
  auto a = Link(set, one);
  auto b = Link(set, two);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->compared_pairs, b->compared_pairs);
  EXPECT_EQ(a->matches, b->matches);
  EXPECT_EQ(a->clusters.cluster_of, b->clusters.cluster_of);
}

TEST(EndToEndTest, EmptyAndTinyInputs) {
  RecordSet none;
  auto empty = Link(none);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->compared_pairs, 0u);
  EXPECT_EQ(empty->clusters.cluster_count, 0u);
  RecordSet one;
  PersonInput in;
  in.name = "山田 太郎";
  in.birth_date = "19700101";
  one.Add(in);
  one.Add(in);
  auto two = Link(one);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->compared_pairs, 1u);
  auto base = LinkBaseline(none);
  ASSERT_TRUE(base.ok());
}

TEST(EndToEndTest, ReusedParametersAndInvalidOptions) {
  SyntheticOptions options;
  options.persons = 200;
  const RecordSet set = Prepare(MakePopulation(options));
  auto first = Link(set);
  ASSERT_TRUE(first.ok());
  LinkOptions again;
  again.parameters = first->parameters;
  auto second = Link(set, again);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->em.empty());
  EXPECT_EQ(second->matches, first->matches);

  LinkOptions bad;
  bad.review_probability = 0.999;
  bad.match_probability = 0.9;
  EXPECT_EQ(Link(set, bad).status().code(), StatusCode::kInvalidArgument);
  bad = LinkOptions{};
  bad.rules.clear();
  EXPECT_EQ(Link(set, bad).status().code(), StatusCode::kInvalidArgument);
}

// Incremental linking (issue #5): a new batch scored with the last run's parameters compares
// only pairs that involve a new record, and finds exactly the pairs a full run finds for them.
TEST(EndToEndTest, IncrementalBatchComparesOnlyNewPairsAndFindsTheSameLinks) {
  SyntheticOptions options;
  options.persons = 400;
  options.seed = 12;
  const auto data = MakePopulation(options);
  const RecordSet set = Prepare(data);
  auto full = Link(set);
  ASSERT_TRUE(full.ok()) << full.status().ToString();

  LinkOptions inc;
  inc.parameters = full->parameters;
  inc.first_new = static_cast<uint32_t>(set.size() - set.size() / 10);
  auto batch = Link(set, inc);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_LT(batch->compared_pairs, full->compared_pairs / 3);
  std::vector<std::tuple<uint32_t, uint32_t, Decision>> expected, got;
  for (const auto& p : full->pairs) {
    if (p.b >= inc.first_new) expected.emplace_back(p.a, p.b, p.decision);
  }
  for (const auto& p : batch->pairs) {
    EXPECT_GE(p.b, inc.first_new);
    got.emplace_back(p.a, p.b, p.decision);
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(got, expected);

  LinkOptions no_parameters;
  no_parameters.first_new = 5;
  EXPECT_EQ(Link(set, no_parameters).status().code(), StatusCode::kInvalidArgument);
}

// Twins (the same family name, birth date and address, other given names) score like one
// person notified twice; the linker holds them for review and keeps them apart when clustering.
TEST(EndToEndTest, TwinsAreHeldForReviewAndKeptApart) {
  SyntheticOptions options;
  options.persons = 600;
  options.seed = 21;
  options.twin_share = 0;
  auto data = MakePopulation(options);
  auto add = [&](const char* name, const char* kana, const char* sex) {
    PersonInput in;
    in.name = name;
    in.kana_name = kana;
    in.sex = sex;
    in.birth_date = "19600404";
    in.address = "東京都新宿区四谷1-2-3";
    data.records.push_back(in);
    return static_cast<uint32_t>(data.records.size() - 1);
  };
  const uint32_t taro = add("勅使河原 太郎", "テシガワラ タロウ", "1");
  const uint32_t taro2 = add("勅使河原 太郎", "テシガワラ タロウ", "1");
  const uint32_t jiro = add("勅使河原 次郎", "テシガワラ ジロウ", "1");
  const uint32_t hiroshi = add("勅使河原 浩", "テシガワラ ヒロシ", "1");
  const uint32_t hiroko = add("勅使河原 浩子", "テシガワラ ヒロコ", "2");
  // No given name: cannot be told apart from any of them, and joins none.
  const uint32_t nameless = add("勅使河原", "テシガワラ", "");
  const RecordSet set = Prepare(data);
  auto result = Link(set);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto& cluster = result->clusters.cluster_of;
  EXPECT_EQ(cluster[taro], cluster[taro2]);
  EXPECT_NE(cluster[taro], cluster[jiro]);
  EXPECT_NE(cluster[hiroshi], cluster[hiroko]);
  EXPECT_NE(cluster[taro], cluster[hiroshi]);
  EXPECT_NE(cluster[jiro], cluster[hiroko]);
  EXPECT_NE(cluster[nameless], cluster[jiro]);
  // Without the rule, the twins' links (and the nameless record) join them.
  LinkOptions plain;
  plain.keep_siblings_apart = false;
  auto joined = Link(set, plain);
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->clusters.cluster_of[taro], joined->clusters.cluster_of[jiro]);
  const std::pair<uint32_t, uint32_t> twins = {std::min(taro, jiro), std::max(taro, jiro)};
  EXPECT_TRUE(std::find(result->siblings.begin(), result->siblings.end(), twins) !=
              result->siblings.end());
  for (const auto& p : result->pairs) {
    if (SiblingPattern(ComparisonOf(p.pattern))) {
      EXPECT_EQ(p.decision, Decision::kReview);
    }
  }
}

}  // namespace
}  // namespace ganreg::linkage
