// Tests of clustering (union–find with cannot-link) and of stable person ids.
#include "linkage/cluster.h"

#include <gtest/gtest.h>

namespace ganreg::linkage {
namespace {

TEST(ClusterPairsTest, JoinsTransitively) {
  const Clusters c = ClusterPairs(6, {{0, 1, 5}, {1, 2, 5}, {4, 5, 5}});
  EXPECT_EQ(c.cluster_count, 3u);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_EQ(c.cluster_of[4], c.cluster_of[5]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[3]);
  // Dense numbers in order of first record.
  EXPECT_EQ(c.cluster_of[0], 0u);
  EXPECT_EQ(c.cluster_of[3], 1u);
  EXPECT_EQ(c.cluster_of[4], 2u);
}

TEST(ClusterPairsTest, CannotLinkRefusesTheWeakerJoin) {
  // 0–1 strong, 1–2 weak; a reviewer said 0 and 2 are different persons.
  const std::vector<std::pair<uint32_t, uint32_t>> cannot = {{0, 2}};
  const Clusters c = ClusterPairs(3, {{1, 2, 3}, {0, 1, 9}}, cannot);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_NE(c.cluster_of[1], c.cluster_of[2]);
  EXPECT_EQ(c.refused_links, 1u);
}

TEST(ClusterPairsTest, CannotLinkFollowsMerges) {
  // {0,1} and {2,3} form first; joining them would put 0 and 3 together.
  const std::vector<std::pair<uint32_t, uint32_t>> cannot = {{3, 0}};
  const Clusters c = ClusterPairs(4, {{0, 1, 9}, {2, 3, 8}, {1, 2, 7}}, cannot);
  EXPECT_EQ(c.cluster_count, 2u);
  EXPECT_EQ(c.refused_links, 1u);
}

TEST(UnionFindTest, Basics) {
  UnionFind uf(4);
  EXPECT_NE(uf.Find(0), uf.Find(1));
  uf.Union(0, 1);
  uf.Union(2, 3);
  EXPECT_EQ(uf.Find(0), uf.Find(1));
  EXPECT_NE(uf.Find(1), uf.Find(2));
  uf.Union(1, 3);
  EXPECT_EQ(uf.Find(0), uf.Find(2));
}

Clusters Make(std::vector<uint32_t> cluster_of) {
  Clusters c;
  c.cluster_count = 0;
  for (uint32_t x : cluster_of) c.cluster_count = std::max(c.cluster_count, x + 1);
  c.cluster_of = std::move(cluster_of);
  return c;
}

TEST(AssignPersonIdsTest, FirstRunNumbersInOrder) {
  const PersonIds ids = AssignPersonIds(Make({0, 1, 0, 2}), {}, 1);
  EXPECT_EQ(ids.person_of, (std::vector<int64_t>{1, 2, 1, 3}));
  EXPECT_EQ(ids.next_id, 4);
}

TEST(AssignPersonIdsTest, KeepsIdsAndNumbersNewRecords) {
  // Records 0–3 from the last run (persons 7, 7, 9, 9); 4 and 5 are new; 4 joins person 9.
  const std::vector<int64_t> previous = {7, 7, 9, 9, 0, 0};
  const PersonIds ids = AssignPersonIds(Make({0, 0, 1, 1, 1, 2}), previous, 10);
  EXPECT_EQ(ids.person_of, (std::vector<int64_t>{7, 7, 9, 9, 9, 10}));
  EXPECT_EQ(ids.next_id, 11);
  EXPECT_TRUE(ids.merged.empty());
  EXPECT_TRUE(ids.split.empty());
}

TEST(AssignPersonIdsTest, MergeKeepsTheLargerPerson) {
  // Persons 7 (two records) and 9 (one record) are found to be one.
  const std::vector<int64_t> previous = {7, 9, 7};
  const PersonIds ids = AssignPersonIds(Make({0, 0, 0}), previous, 10);
  EXPECT_EQ(ids.person_of, (std::vector<int64_t>{7, 7, 7}));
  EXPECT_EQ(ids.merged, (std::vector<std::pair<int64_t, int64_t>>{{9, 7}}));
}

TEST(AssignPersonIdsTest, SplitGivesTheMinorityANewId) {
  // Person 7 had three records; the new run separates record 2.
  const std::vector<int64_t> previous = {7, 7, 7};
  const PersonIds ids = AssignPersonIds(Make({0, 0, 1}), previous, 10);
  EXPECT_EQ(ids.person_of, (std::vector<int64_t>{7, 7, 10}));
  EXPECT_EQ(ids.split, (std::vector<std::pair<int64_t, int64_t>>{{7, 10}}));
}

TEST(AssignPersonIdsTest, NextIdNeverReusesAnOldId) {
  const std::vector<int64_t> previous = {0, 12};
  const PersonIds ids = AssignPersonIds(Make({0, 1}), previous, 3);
  EXPECT_EQ(ids.person_of, (std::vector<int64_t>{13, 12}));
  EXPECT_EQ(ids.next_id, 14);
}

}  // namespace
}  // namespace ganreg::linkage
