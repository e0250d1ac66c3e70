// Clustering of accepted pairs into persons (union–find), with "confirmed different" pairs that
// must never end up in one person, and stable person ids across runs.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ganreg::linkage {

class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  // Joins the sets of a and b; returns the new root (or the common one).
  uint32_t Union(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

struct LinkedPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double weight = 0.0;  // higher first: stronger links are joined before weaker ones
};

struct Clusters {
  std::vector<uint32_t> cluster_of;  // per record: dense cluster number, in order of first record
  uint32_t cluster_count = 0;
  uint64_t refused_links = 0;  // pairs not joined because of a cannot-link pair
};

// Joins `pairs` strongest first. A join that would put both records of a `cannot_link` pair
// (a reviewer's "different") into one person is refused.
Clusters ClusterPairs(size_t record_count, std::vector<LinkedPair> pairs,
                      std::span<const std::pair<uint32_t, uint32_t>> cannot_link = {});

struct PersonIds {
  std::vector<int64_t> person_of;  // per record
  int64_t next_id = 1;             // first id not yet used
  // (retired id, the id it was merged into): persons that a run found to be one.
  std::vector<std::pair<int64_t, int64_t>> merged;
  // (previous id, new id): a person that a run split; the part that keeps the old id is the
  // one holding most of its records.
  std::vector<std::pair<int64_t, int64_t>> split;
};

// Stable person ids: `previous` holds each record's person id from the last run (0 for a record
// not seen before; records keep their index order across runs). Each cluster keeps the
// previous id that most of its records had (ties: the smallest id); an id claimed by two
// clusters stays with the one holding more of its records; clusters with no id get new ids from
// `next_id` on, in order of their first record.
PersonIds AssignPersonIds(const Clusters& clusters, std::span<const int64_t> previous,
                          int64_t next_id);

}  // namespace ganreg::linkage
