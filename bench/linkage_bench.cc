// ganreg-bench-linkage: links N synthetic notifications with ganreg's model and with the national
// 20-combination baseline, and prints quality against the ground truth, candidate pairs, time
// and memory; the last line is one JSON object (bench/README.md).
//   ganreg-bench-linkage --notifications N [--threads T] [--seed S] [--population synth|legacy]
//                        [--errors K]
// The data are those of `ganreg synth population --notifications N --seed S` (default), or the
// linkage library's own test population (--population legacy, the figures before issue #5's
// population generator).
// --errors prints an error analysis of ganreg's result: false negatives by stage (blocking,
// scoring, held for review) and by the corruption of their records, false positives by the
// relation of the two persons, with K examples of each (synthetic records only).
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "linkage/compare.h"
#include "linkage/linker.h"
#include "linkage/testing/synthetic.h"
#include "synth/population.h"

namespace {

using ganreg::linkage::LinkResult;
using ganreg::linkage::RecordSet;
namespace lt = ganreg::linkage::testing;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Process CPU time (user + system, all threads): what the run cost, little disturbed by other
// load on a shared machine.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1.0;
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

// ---- error analysis (--errors) ----

std::string Flags(uint32_t f) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {
      {lt::kFamilyVariant, "family_variant"},
      {lt::kGivenVariant, "given_variant"},
      {lt::kFamilyKanaTypo, "family_kana_typo"},
      {lt::kGivenKanaTypo, "given_kana_typo"},
      {lt::kLongVowel, "long_vowel"},
      {lt::kNoSpace, "no_space"},
      {lt::kKanaMissing, "kana_missing"},
      {lt::kHiragana, "hiragana"},
      {lt::kSexUnknown, "sex_unknown"},
      {lt::kDateTypo, "date_typo"},
      {lt::kDateSwap, "date_swap"},
      {lt::kDateEra, "date_era"},
      {lt::kMoved, "moved"},
      {lt::kMarried, "married"},
      {lt::kClean, "clean"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (f & bit) {
      if (!out.empty()) out += ',';
      out += name;
    }
  }
  return out.empty() ? "-" : out;
}

std::string Levels(const ganreg::linkage::Comparison& c) {
  using ganreg::linkage::Field;
  std::string out;
  for (int f = 0; f < ganreg::linkage::kFieldCount; ++f) {
    if (f) out += ' ';
    out += ganreg::linkage::FieldName(static_cast<Field>(f));
    out += '=';
    out += ganreg::linkage::LevelName(static_cast<Field>(f), c.level[f]);
  }
  return out;
}

struct Tally {
  uint64_t count = 0;  // pairs (or links)
  uint64_t examples = 0;
};

void PrintTallies(const char* title, const std::map<std::string, Tally>& t) {
  std::vector<std::pair<uint64_t, std::string>> rows;
  for (const auto& [k, v] : t) rows.emplace_back(v.count, k);
  std::sort(rows.rbegin(), rows.rend());
  std::printf("%s\n", title);
  for (const auto& [n, k] : rows)
    std::printf("  %10llu  %s\n", static_cast<unsigned long long>(n), k.c_str());
}

void AnalyseErrors(const lt::SyntheticData& data, const RecordSet& records, const LinkResult& r,
                   const ganreg::linkage::LinkOptions& options, int examples) {
  namespace gl = ganreg::linkage;
  const gl::ScoringModel model(r.parameters, options.term_frequency ? &records : nullptr);
  const double match_weight =
      std::log2(options.match_probability / (1 - options.match_probability));
  const auto& cluster_of = r.clusters.cluster_of;
  const size_t n = data.person_of.size();
  auto show = [&](uint32_t a, uint32_t b, const char* what) {
    const gl::Comparison c = gl::Compare(records[a], records[b]);
    const double w = model.Weight(c, gl::PatternOf(c), records[a], records[b]);
    std::printf("    [%s] w=%.2f %s\n", what, w, Levels(c).c_str());
    for (uint32_t x : {a, b}) {
      const auto& in = data.records[x];
      std::printf("      p%-7u %-18s %-22s %s %-12s %s  {%s}\n", data.person_of[x], in.name.c_str(),
                  in.kana_name.c_str(), in.sex.c_str(), in.birth_date.c_str(), in.address.c_str(),
                  Flags(data.corruption[x]).c_str());
    }
  };
  // Twin groups: a twin is generated right after the person they are a twin of.
  std::vector<uint32_t> twin_group(data.twin_of.size());
  for (uint32_t p = 0; p < twin_group.size(); ++p) {
    twin_group[p] = p > 0 && data.twin_of[p] == p - 1 ? twin_group[p - 1] : p;
  }
  // False negatives: true pairs in two clusters, by stage and by the corruption of the pair.
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_person;
  for (uint32_t i = 0; i < n; ++i) by_person[data.person_of[i]].push_back(i);
  std::map<std::string, Tally> stage, cause;
  uint64_t fn = 0;
  // The level shares among all true pairs: what EM's m should come near.
  std::array<std::array<uint64_t, gl::kMaxLevels>, gl::kFieldCount> true_levels{};
  for (const auto& [person, recs] : by_person) {
    for (size_t i = 0; i < recs.size(); ++i) {
      for (size_t j = i + 1; j < recs.size(); ++j) {
        const uint32_t a = std::min(recs[i], recs[j]);
        const uint32_t b = std::max(recs[i], recs[j]);
        {
          const gl::Comparison c = gl::Compare(records[a], records[b]);
          for (int f = 0; f < gl::kFieldCount; ++f) ++true_levels[f][c.level[f]];
        }
        if (cluster_of[a] == cluster_of[b]) continue;
        ++fn;
        bool candidate = false;
        for (const auto& rule : options.rules) {
          const uint64_t k = rule.key(records[a]);
          candidate = candidate || (k != 0 && k == rule.key(records[b]));
        }
        const gl::Comparison c = gl::Compare(records[a], records[b]);
        const double w = model.Weight(c, gl::PatternOf(c), records[a], records[b]);
        const char* st = !candidate                         ? "blocking"
                         : w < match_weight                 ? "scoring"
                         : gl::SiblingPattern(c)            ? "held_for_review(sibling)"
                         : c.level[1] == gl::kNameDifferent ? "held_for_review(given)"
                                                            : "clustering";
        Tally& s = stage[st];
        ++s.count;
        const uint32_t f = (data.corruption[a] | data.corruption[b]) & ~lt::kClean;
        Tally& t = cause[std::string(st) + "  " + Flags(f)];
        ++t.count;
        if (t.examples < static_cast<uint64_t>(examples)) {
          ++t.examples;
          show(a, b, ("FN " + std::string(st)).c_str());
        }
      }
    }
  }
  std::printf("level shares among true pairs (missing left out) against the estimated m:\n");
  for (int f = 0; f < gl::kFieldCount; ++f) {
    uint64_t present = 0;
    for (int l = 1; l < gl::kLevelCounts[f]; ++l) present += true_levels[f][l];
    std::printf("  %-10s", gl::FieldName(static_cast<gl::Field>(f)));
    for (int l = 1; l < gl::kLevelCounts[f]; ++l) {
      std::printf(
          " %s %.4f/%.4f", gl::LevelName(static_cast<gl::Field>(f), static_cast<uint8_t>(l)),
          present ? static_cast<double>(true_levels[f][l]) / present : 0.0, r.parameters.m[f][l]);
    }
    std::printf("\n");
  }
  std::printf("false negative pairs: %llu\n", static_cast<unsigned long long>(fn));
  PrintTallies("FN by stage", stage);
  PrintTallies("FN by stage and corruption (both records)", cause);

  // False positives: wrong direct links by the relation of the two persons, and the false pairs
  // of each mixed cluster.
  std::map<std::string, Tally> links;
  for (const auto& p : r.pairs) {
    if (p.decision != gl::Decision::kMatch) continue;
    const uint32_t pa = data.person_of[p.a], pb = data.person_of[p.b];
    if (pa == pb) continue;
    const gl::Comparison c = gl::ComparisonOf(p.pattern);
    std::string rel;
    if (twin_group[pa] == twin_group[pb]) {
      rel = "twins";
    } else {
      rel = std::string("family=") + gl::LevelName(gl::Field::kFamily, c.level[0]) +
            " given=" + gl::LevelName(gl::Field::kGiven, c.level[1]) +
            " date=" + gl::LevelName(gl::Field::kBirthDate, c.level[2]) +
            " address=" + gl::LevelName(gl::Field::kAddress, c.level[4]);
    }
    Tally& t = links[rel];
    ++t.count;
    if (t.examples < static_cast<uint64_t>(examples)) {
      ++t.examples;
      show(p.a, p.b, "FP link");
    }
  }
  PrintTallies("wrong links (match between two persons) by relation", links);
  std::unordered_map<uint32_t, std::unordered_map<uint32_t, uint64_t>> mix;
  for (uint32_t i = 0; i < n; ++i) ++mix[cluster_of[i]][data.person_of[i]];
  uint64_t fp = 0, mixed = 0, largest = 0;
  std::map<uint64_t, uint64_t> persons_per_mixed;
  for (const auto& [cl, persons] : mix) {
    if (persons.size() < 2) continue;
    ++mixed;
    ++persons_per_mixed[persons.size()];
    uint64_t total = 0, same = 0;
    for (const auto& [pp, k] : persons) {
      total += k;
      same += k * (k - 1) / 2;
    }
    fp += total * (total - 1) / 2 - same;
    largest = std::max(largest, total);
  }
  std::printf("false positive pairs: %llu in %llu mixed clusters (largest %llu records)\n",
              static_cast<unsigned long long>(fp), static_cast<unsigned long long>(mixed),
              static_cast<unsigned long long>(largest));
  for (const auto& [k, v] : persons_per_mixed) {
    std::printf("  %llu clusters of %llu persons\n", static_cast<unsigned long long>(v),
                static_cast<unsigned long long>(k));
  }
}

}  // namespace

// The least number of pairwise errors any classifier of the candidate pairs could make from
// the comparison pattern and the frequencies of the two name parts (Σ min(true, false) over
// cells): what is left of the error when the model is as good as its features allow.
void PairwiseFloor(const lt::SyntheticData& data, const RecordSet& records, const LinkResult& r,
                   const ganreg::linkage::LinkOptions& options) {
  namespace gl = ganreg::linkage;
  const gl::CandidateIndex index(records, options.rules, options.blocking);
  const gl::ScoringModel model(r.parameters, options.term_frequency ? &records : nullptr);
  const double match_weight =
      std::log2(options.match_probability / (1 - options.match_probability));
  auto bucket = [&](gl::TermField f, uint32_t id) -> uint64_t {
    const double tf = records.TermFrequency(f, id);
    return tf <= 0 ? 0 : static_cast<uint64_t>(std::clamp(-std::log2(tf) * 2, 0.0, 60.0)) + 1;
  };
  std::unordered_map<uint64_t, std::pair<uint64_t, uint64_t>> cells;
  std::map<int, std::pair<uint64_t, uint64_t>> calibration;  // weight (bits) → true, false
  uint64_t model_fp = 0, model_fn = 0, pairs = 0;
  for (size_t rule = 0; rule < index.rule_count(); ++rule) {
    index.ForEachPair(rule, 0, index.block_count(rule), true, [&](uint32_t a, uint32_t b) {
      ++pairs;
      const gl::Record& x = records[a];
      const gl::Record& y = records[b];
      const gl::Comparison c = gl::Compare(x, y);
      const uint32_t pattern = gl::PatternOf(c);
      const gl::Record& s = x.name_split ? x : y;
      const uint64_t key = uint64_t{pattern} << 16 |
                           bucket(gl::TermField::kFamily, s.family_id) << 8 |
                           bucket(gl::TermField::kGiven, s.given_id);
      const bool same = data.person_of[a] == data.person_of[b];
      auto& cell = cells[key];
      (same ? cell.first : cell.second) += 1;
      const double w = model.Weight(c, pattern, x, y);
      if (w > -12 && !gl::SiblingPattern(c)) {
        auto& bin = calibration[static_cast<int>(std::floor(std::min(w, 24.0)))];
        (same ? bin.first : bin.second) += 1;
      }
      const bool match = w >= match_weight &&
                         !(options.review_if_given_differs && c.level[1] == gl::kNameDifferent) &&
                         !(options.keep_siblings_apart && gl::SiblingPattern(c));
      if (match && !same) ++model_fp;
      if (!match && same) ++model_fn;
    });
  }
  uint64_t floor = 0, true_pairs = 0;
  for (const auto& [k, v] : cells) {
    floor += std::min(v.first, v.second);
    true_pairs += v.first;
  }
  std::printf(
      "pairwise floor over %llu candidate pairs (%llu true, %zu cells): at least %llu "
      "errors; the model's direct decisions: %llu false matches, %llu missed\n",
      static_cast<unsigned long long>(pairs), static_cast<unsigned long long>(true_pairs),
      cells.size(), static_cast<unsigned long long>(floor),
      static_cast<unsigned long long>(model_fp), static_cast<unsigned long long>(model_fn));
  std::printf(
      "calibration (sibling pattern left out): weight bin, pairs, true share, the model's "
      "probability\n");
  for (const auto& [bin, v] : calibration) {
    const uint64_t total = v.first + v.second;
    std::printf("  %+3d  %10llu  %.4f  %.4f\n", bin, static_cast<unsigned long long>(total),
                static_cast<double>(v.first) / static_cast<double>(total),
                gl::ScoringModel::Probability(bin + 0.5));
  }
  std::printf("%s", gl::DescribeParameters(r.parameters).c_str());
}

// The identity items of `ganreg synth population`'s notifications and their truth, rendered on
// `threads` threads (each notification has its own random stream).
ganreg::Status PopulationData(uint64_t notifications, uint64_t seed, int threads,
                              lt::SyntheticData* data) {
  namespace gs = ganreg::synth;
  static_assert(uint32_t{gs::kCorruptMoved} == uint32_t{lt::kMoved} &&
                uint32_t{gs::kCorruptDateEra} == uint32_t{lt::kDateEra} &&
                uint32_t{gs::kCorruptClean} == uint32_t{lt::kClean} &&
                uint32_t{gs::kCorruptMarried} == uint32_t{lt::kMarried} &&
                uint32_t{gs::kCorruptKanaMissing} == uint32_t{lt::kKanaMissing});
  gs::PopulationOptions options;
  options.notifications = notifications;
  options.seed = seed;
  options.today = 20250601;  // fixed, so that a seed always gives the same data
  auto generator = gs::PopulationGenerator::Create(options);
  if (!generator.ok()) return generator.status();
  const uint64_t n = (*generator)->notification_count();
  data->records.resize(n);
  data->person_of.resize(n);
  data->corruption.resize(n);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      gs::PopulationNotification row;
      for (uint64_t k = static_cast<uint64_t>(t); k < n; k += static_cast<uint64_t>(threads)) {
        (*generator)->Notification(k, false, &row);
        data->records[k] =
            ganreg::linkage::FromNotificationRow(row.row, static_cast<int64_t>(k) + 1);
        data->person_of[k] = row.person - 1;
        data->corruption[k] = row.corruption;
      }
    });
  }
  for (auto& th : pool) th.join();
  const uint32_t persons = (*generator)->person_count();
  data->twin_of.assign(persons, UINT32_MAX);
  for (uint32_t p = 1; p <= persons; ++p) {
    const uint32_t twin = (*generator)->twin_of(p);
    if (twin != 0) data->twin_of[p - 1] = twin - 1;
  }
  return ganreg::Status::Ok();
}

// Comparing and scoring candidate pairs on this thread, per second of the thread's own CPU time:
// the comparison step's speed on one core, whatever else the machine runs. Up to 20 M pairs of
// the candidate rules, in block order.
double ComparePairsPerCpuSecond(const RecordSet& records, const LinkResult& r,
                                const ganreg::linkage::LinkOptions& options) {
  namespace gl = ganreg::linkage;
  const gl::CandidateIndex index(records, options.rules, options.blocking);
  const gl::ScoringModel model(r.parameters, &records);
  const auto& recs = records.records();
  timespec a{}, b{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
  uint64_t pairs = 0;
  double sum = 0;
  for (size_t rule = 0; rule < index.rule_count() && pairs < 20'000'000; ++rule) {
    index.ForEachPair(rule, 0, index.block_count(rule), true, [&](uint32_t x, uint32_t y) {
      const gl::Comparison c = gl::Compare(recs[x], recs[y]);
      sum += model.Weight(c, gl::PatternOf(c), recs[x], recs[y]);
      ++pairs;
    });
  }
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
  const double cpu = static_cast<double>(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  volatile double sink = sum;  // the weights are used: the loop cannot be left out
  (void)sink;
  return cpu > 0 ? static_cast<double>(pairs) / cpu : 0.0;
}

int main(int argc, char** argv) {
  uint64_t notifications = 100000;
  int threads = 2;
  uint64_t seed = 1;
  int errors = -1;
  std::string population = "synth";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--notifications") == 0) {
      notifications = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      threads = std::max(1, std::atoi(argv[i + 1]));
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--population") == 0) {
      population = argv[i + 1];
      if (population != "synth" && population != "legacy") {
        std::fprintf(stderr, "--population is synth or legacy\n");
        return 2;
      }
    } else if (std::strcmp(argv[i], "--errors") == 0) {
      errors = std::max(0, std::atoi(argv[i + 1]));
    } else {
      std::fprintf(stderr,
                   "usage: ganreg-bench-linkage --notifications N [--threads T] [--seed S] "
                   "[--population synth|legacy] [--errors K]\n");
      return 2;
    }
  }
  if (notifications < 2) notifications = 2;

  lt::SyntheticData data;
  if (population == "legacy") {
    // The linkage library's own test population (before issue #5's synth population): about
    // two notifications per person; cut to exactly N (the ground truth stays valid).
    lt::SyntheticOptions options;
    options.persons = static_cast<uint32_t>(notifications / 2 + 1);
    options.seed = seed;
    data = lt::MakePopulation(options);
    while (data.records.size() < notifications) {
      options.persons += static_cast<uint32_t>(notifications / 10 + 1);
      data = lt::MakePopulation(options);
    }
    data.records.resize(notifications);
    data.person_of.resize(notifications);
    data.corruption.resize(notifications);
  } else {
    // `ganreg synth population --notifications N --seed S`: the same rows as its files.
    auto status = PopulationData(notifications, seed, threads, &data);
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.ToString().c_str());
      return 1;
    }
  }
  std::printf("population %s, seed %llu\n", population.c_str(),
              static_cast<unsigned long long>(seed));

  const double load_before = LoadAverage();
  const double cpu0 = CpuSeconds();
  const auto t0 = Clock::now();
  RecordSet records;
  records.AddAll(data.records, threads);
  const auto t1 = Clock::now();
  ganreg::linkage::LinkOptions link_options;
  link_options.threads = threads;
  auto model = ganreg::linkage::Link(records, link_options);
  const auto t2 = Clock::now();
  const double cpu_seconds = CpuSeconds() - cpu0;
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
  if (errors >= 0) {
    AnalyseErrors(data, records, *model, link_options, errors);
    PairwiseFloor(data, records, *model, link_options);
  }
  const double pairs_per_second =
      model->seconds.compare > 0 ? model->compared_pairs / model->seconds.compare : 0.0;
  const ClusterQuality cq = EvaluateExactClusters(data.person_of, model->clusters.cluster_of);
  const double per_cpu = ComparePairsPerCpuSecond(records, *model, link_options);
  std::printf("comparison on one core: %.2f M pairs per CPU-second\n", per_cpu / 1e6);
  const double load_after = LoadAverage();
  std::printf("load average %.2f before, %.2f after; CPU %.2f s for normalize + link\n",
              load_before, load_after, cpu_seconds);
  std::printf(
      "{\"population\": \"%s\", \"seed\": %llu, \"load\": %.2f, \"cpu_seconds\": %.3f, "
      "\"cluster_precision\": %.6f, \"cluster_recall\": %.6f, "
      "\"compare_pairs_per_cpu_second\": %.0f, ",
      population.c_str(), static_cast<unsigned long long>(seed), std::max(load_before, load_after),
      cpu_seconds, cq.precision, cq.recall, per_cpu);
  std::printf(
      "\"notifications\": %llu, \"f1\": %.6f, \"precision\": %.6f, \"recall\": %.6f, "
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
