// ganreg-bench-linkage: links N synthetic notifications with ganreg's model and with the national
// 20-combination baseline, and prints quality against the ground truth, candidate pairs, time
// and memory; the last line is one JSON object (bench/README.md).
//   ganreg-bench-linkage --notifications N [--threads T] [--seed S]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "linkage/linker.h"
#include "linkage/testing/synthetic.h"

namespace {

using ganreg::linkage::LinkResult;
using ganreg::linkage::RecordSet;
namespace lt = ganreg::linkage::testing;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Share of predicted clusters that are exactly a true person, and of true persons found exactly.
struct ClusterQuality {
  double precision = 0;
  double recall = 0;
};

ClusterQuality EvaluateExactClusters(const std::vector<uint32_t>& truth,
                                     const std::vector<uint32_t>& predicted) {
  std::unordered_map<uint32_t, uint64_t> true_size, predicted_size;
  std::unordered_map<uint64_t, uint64_t> cell;
  for (size_t i = 0; i < truth.size(); ++i) {
    ++true_size[truth[i]];
    ++predicted_size[predicted[i]];
    ++cell[uint64_t{truth[i]} << 32 | predicted[i]];
  }
  uint64_t exact = 0;
  for (const auto& [key, n] : cell) {
    const auto t = static_cast<uint32_t>(key >> 32);
    const auto p = static_cast<uint32_t>(key & 0xFFFFFFFFu);
    if (true_size[t] == n && predicted_size[p] == n) ++exact;
  }
  return {static_cast<double>(exact) / static_cast<double>(predicted_size.size()),
          static_cast<double>(exact) / static_cast<double>(true_size.size())};
}

void Report(const char* label, const LinkResult& r, const lt::PairwiseQuality& q,
            const ClusterQuality& c, double seconds) {
  std::printf("%s\n", label);
  std::printf("  pairwise  precision %.4f recall %.4f F1 %.4f\n", q.precision, q.recall, q.f1);
  std::printf("  clusters  precision %.4f recall %.4f (exact persons)\n", c.precision, c.recall);
  std::printf("  candidate pairs %llu, matches %llu, review %llu, persons %u\n",
              static_cast<unsigned long long>(r.blocking.candidate_pairs),
              static_cast<unsigned long long>(r.matches),
              static_cast<unsigned long long>(r.reviews), r.clusters.cluster_count);
  std::printf(
      "  time %.2f s (index %.2f, estimate %.2f, compare %.2f = %.2f M pairs/s, "
      "cluster %.2f)\n",
      seconds, r.seconds.index, r.seconds.estimate, r.seconds.compare,
      r.seconds.compare > 0 ? r.compared_pairs / r.seconds.compare / 1e6 : 0.0, r.seconds.cluster);
  for (const auto& rule : r.blocking.rules) {
    std::printf("    rule %-26s pairs %12llu  new %12llu  skipped blocks %llu\n", rule.name.c_str(),
                static_cast<unsigned long long>(rule.pairs),
                static_cast<unsigned long long>(rule.new_pairs),
                static_cast<unsigned long long>(rule.skipped_blocks));
  }
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t notifications = 100000;
  int threads = 2;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--notifications") == 0) {
      notifications = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      threads = std::max(1, std::atoi(argv[i + 1]));
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: ganreg-bench-linkage --notifications N [--threads T]\n");
      return 2;
    }
  }
  if (notifications < 2) notifications = 2;

  // About two notifications per person; cut to exactly N (the ground truth stays valid).
  lt::SyntheticOptions options;
  options.persons = static_cast<uint32_t>(notifications / 2 + 1);
  options.seed = seed;
  lt::SyntheticData data = lt::MakePopulation(options);
  while (data.records.size() < notifications) {
    options.persons += static_cast<uint32_t>(notifications / 10 + 1);
    data = lt::MakePopulation(options);
  }
  data.records.resize(notifications);
  data.person_of.resize(notifications);

  const auto t0 = Clock::now();
  RecordSet records;
  records.AddAll(data.records, threads);
  const auto t1 = Clock::now();
  ganreg::linkage::LinkOptions link_options;
  link_options.threads = threads;
  auto model = ganreg::linkage::Link(records, link_options);
  const auto t2 = Clock::now();
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  ganreg::linkage::BaselineOptions baseline_options;
  baseline_options.threads = threads;
  auto baseline = ganreg::linkage::LinkBaseline(records, baseline_options);
  const auto t3 = Clock::now();
  if (!baseline.ok()) {
    std::fprintf(stderr, "%s\n", baseline.status().ToString().c_str());
    return 1;
  }

  // A new batch (the last 1 %) linked incrementally against the rest with the full run's
  // parameters: only pairs involving a new record are compared (issue #5).
  ganreg::linkage::LinkOptions inc_options = link_options;
  inc_options.parameters = model->parameters;
  inc_options.first_new = static_cast<uint32_t>(notifications - notifications / 100);
  const auto t4 = Clock::now();
  auto incremental = ganreg::linkage::Link(records, inc_options);
  const auto t5 = Clock::now();
  if (!incremental.ok()) {
    std::fprintf(stderr, "%s\n", incremental.status().ToString().c_str());
    return 1;
  }
  std::printf("incremental batch of %llu: %.2f s, %llu pairs compared (full run: %.2f s, %llu)\n",
              static_cast<unsigned long long>(notifications / 100), Seconds(t4, t5),
              static_cast<unsigned long long>(incremental->compared_pairs), Seconds(t1, t2),
              static_cast<unsigned long long>(model->compared_pairs));

  const double prepare = Seconds(t0, t1);
  const double seconds = prepare + Seconds(t1, t2);
  const auto q = lt::EvaluateClusters(data.person_of, model->clusters.cluster_of);
  const auto b = lt::EvaluateClusters(data.person_of, baseline->clusters.cluster_of);
  std::printf("notifications %llu, true pairs %llu, threads %d, normalize %.2f s\n",
              static_cast<unsigned long long>(notifications),
              static_cast<unsigned long long>(q.true_pairs), threads, prepare);
  Report("ganreg (Fellegi–Sunter, EM, term frequencies)", *model, q,
         EvaluateExactClusters(data.person_of, model->clusters.cluster_of), seconds);
  Report("baseline (20 combinations, fixed weights)", *baseline, b,
         EvaluateExactClusters(data.person_of, baseline->clusters.cluster_of),
         prepare + Seconds(t2, t3));
  const double pairs_per_second =
      model->seconds.compare > 0 ? model->compared_pairs / model->seconds.compare : 0.0;
  std::printf(
      "{\"notifications\": %llu, \"f1\": %.6f, \"precision\": %.6f, \"recall\": %.6f, "
      "\"baseline_f1\": %.6f, \"baseline_precision\": %.6f, \"baseline_recall\": %.6f, "
      "\"candidate_pairs\": %llu, \"compare_pairs_per_second\": %.0f, \"threads\": %d, "
      "\"seconds\": %.3f, \"incremental_new\": %llu, \"incremental_seconds\": %.3f, "
      "\"incremental_pairs\": %llu, \"peak_rss_mb\": %.1f}\n",
      static_cast<unsigned long long>(notifications), q.f1, q.precision, q.recall, b.f1,
      b.precision, b.recall, static_cast<unsigned long long>(model->blocking.candidate_pairs),
      pairs_per_second, threads, seconds, static_cast<unsigned long long>(notifications / 100),
      Seconds(t4, t5), static_cast<unsigned long long>(incremental->compared_pairs), PeakRssMb());
  return 0;
}
