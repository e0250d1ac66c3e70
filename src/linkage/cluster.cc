// Union–find clustering with cannot-link constraints, and stable person ids.
#include "linkage/cluster.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

namespace ganreg::linkage {

UnionFind::UnionFind(size_t n) : parent_(n), size_(n, 1) {
  std::iota(parent_.begin(), parent_.end(), 0u);
}

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // path halving
    x = parent_[x];
  }
  return x;
}

uint32_t UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return a;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return a;
}

Clusters ClusterPairs(size_t record_count, std::vector<LinkedPair> pairs,
                      std::span<const std::pair<uint32_t, uint32_t>> cannot_link) {
  Clusters out;
  UnionFind uf(record_count);
  // Per set root: the records its members must never join (kept on the root, merged small into
  // large, so a check costs the size of the smaller list).
  std::unordered_map<uint32_t, std::vector<uint32_t>> forbidden;
  for (const auto& [a, b] : cannot_link) {
    if (a >= record_count || b >= record_count || a == b) continue;
    forbidden[a].push_back(b);
    forbidden[b].push_back(a);
  }
  std::sort(pairs.begin(), pairs.end(), [](const LinkedPair& x, const LinkedPair& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  for (const LinkedPair& p : pairs) {
    const uint32_t ra = uf.Find(p.a);
    const uint32_t rb = uf.Find(p.b);
    if (ra == rb) continue;
    if (!forbidden.empty()) {
      // Constraints are symmetric, so checking the smaller of the two lists is enough.
      auto ia = forbidden.find(ra);
      auto ib = forbidden.find(rb);
      const std::vector<uint32_t>* list = nullptr;
      uint32_t other = 0;
      if (ia != forbidden.end() &&
          (ib == forbidden.end() || ia->second.size() <= ib->second.size())) {
        list = &ia->second;
        other = rb;
      } else if (ib != forbidden.end()) {
        list = &ib->second;
        other = ra;
      }
      bool refused = false;
      if (list != nullptr) {
        for (uint32_t x : *list) {
          if (uf.Find(x) == other) {
            refused = true;
            break;
          }
        }
      }
      if (refused) {
        ++out.refused_links;
        continue;
      }
      std::vector<uint32_t> joined;
      if (auto it = forbidden.find(ra); it != forbidden.end()) {
        joined = std::move(it->second);
        forbidden.erase(it);
      }
      if (auto it = forbidden.find(rb); it != forbidden.end()) {
        joined.insert(joined.end(), it->second.begin(), it->second.end());
        forbidden.erase(it);
      }
      const uint32_t root = uf.Union(ra, rb);
      if (!joined.empty()) forbidden[root] = std::move(joined);
      continue;
    }
    uf.Union(ra, rb);
  }
  out.cluster_of.resize(record_count);
  std::vector<uint32_t> number(record_count, UINT32_MAX);
  for (uint32_t i = 0; i < record_count; ++i) {
    const uint32_t root = uf.Find(i);
    if (number[root] == UINT32_MAX) number[root] = out.cluster_count++;
    out.cluster_of[i] = number[root];
  }
  return out;
}

PersonIds AssignPersonIds(const Clusters& clusters, std::span<const int64_t> previous,
                          int64_t next_id) {
  PersonIds out;
  const size_t n = clusters.cluster_of.size();
  // (previous id → cluster → records): ordered maps keep every tie-break deterministic.
  std::map<int64_t, std::map<uint32_t, uint32_t>> holders;
  for (size_t i = 0; i < n && i < previous.size(); ++i) {
    if (previous[i] > 0) ++holders[previous[i]][clusters.cluster_of[i]];
    next_id = std::max(next_id, previous[i] + 1);
  }
  // Each previous id goes to the cluster holding most of its records (ties: earliest cluster).
  std::map<int64_t, uint32_t> winner;
  for (const auto& [id, by_cluster] : holders) {
    uint32_t best = 0;
    uint32_t best_count = 0;
    for (const auto& [cluster, count] : by_cluster) {
      if (count > best_count) {
        best = cluster;
        best_count = count;
      }
    }
    winner[id] = best;
  }
  // Each cluster keeps, of the ids it won, the one most of its records had (ties: smallest).
  std::vector<int64_t> cluster_id(clusters.cluster_count, 0);
  std::vector<uint32_t> kept_count(clusters.cluster_count, 0);
  for (const auto& [id, cluster] : winner) {
    const uint32_t count = holders[id][cluster];
    if (count > kept_count[cluster]) {
      cluster_id[cluster] = id;
      kept_count[cluster] = count;
    }
  }
  for (const auto& [id, cluster] : winner) {
    if (cluster_id[cluster] != id) out.merged.emplace_back(id, cluster_id[cluster]);
  }
  // New ids in order of each cluster's first record (cluster numbers are in that order).
  for (uint32_t c = 0; c < clusters.cluster_count; ++c) {
    if (cluster_id[c] == 0) cluster_id[c] = next_id++;
  }
  for (const auto& [id, by_cluster] : holders) {
    for (const auto& [cluster, count] : by_cluster) {
      if (cluster != winner[id] && cluster_id[cluster] != id) {
        out.split.emplace_back(id, cluster_id[cluster]);
      }
    }
  }
  std::sort(out.split.begin(), out.split.end());
  out.split.erase(std::unique(out.split.begin(), out.split.end()), out.split.end());
  out.person_of.resize(n);
  for (size_t i = 0; i < n; ++i) out.person_of[i] = cluster_id[clusters.cluster_of[i]];
  out.next_id = next_id;
  return out;
}

}  // namespace ganreg::linkage
