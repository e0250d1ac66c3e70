// A small synthetic population with ground truth for linkage tests and benchmarks: invented
// people (common surnames and given names combined at random, random dates and lot numbers), each
// notified one or more times with realistic corruption (kanji variants, reading typos and
// missing readings, birth-date typos, swaps and era errors, address format variants and moves,
// surname change at marriage, twins, width and space variants).
#pragma once

#include <cstdint>
#include <vector>

#include "linkage/record.h"

namespace ganreg::linkage::testing {

struct SyntheticOptions {
  uint32_t persons = 300;
  uint64_t seed = 1;
  double duplicate_share = 0.5;  // persons notified more than once
  int max_extra_records = 3;     // extra notifications of such a person: 1..max
  double twin_share = 0.02;      // persons who get a twin (same family, birth date, address)
  double corruption = 1.0;       // scales every corruption probability
};

// What the generator did to one record (bits), for error analysis.
enum Corruption : uint32_t {
  kFamilyVariant = 1u << 0,   // kanji variant of the surname (髙橋)
  kGivenVariant = 1u << 1,    // kanji variant of the given name
  kFamilyKanaTypo = 1u << 2,  // one kana of the surname's reading replaced or dropped
  kGivenKanaTypo = 1u << 3,
  kLongVowel = 1u << 4,  // サトウ → サトー
  kNoSpace = 1u << 5,    // family and given name written without a space
  kKanaMissing = 1u << 6,
  kHiragana = 1u << 7,
  kSexUnknown = 1u << 8,
  kDateTypo = 1u << 9,   // one digit of the birth date wrong
  kDateSwap = 1u << 10,  // day and month exchanged
  kDateEra = 1u << 11,   // converted with the neighbouring era
  kMoved = 1u << 12,     // another address
  kMarried = 1u << 13,   // the surname taken at marriage
  kClean = 1u << 14,     // rendered without any corruption
};

struct SyntheticData {
  std::vector<PersonInput> records;
  std::vector<uint32_t> person_of;   // ground truth, per record
  std::vector<uint32_t> corruption;  // Corruption bits, per record
  // Per person: the person they are a twin of (same family, birth date and address), or
  // UINT32_MAX.
  std::vector<uint32_t> twin_of;
};

SyntheticData MakePopulation(const SyntheticOptions& options);

// Pairwise precision / recall / F1 of a clustering against the ground truth.
struct PairwiseQuality {
  uint64_t true_pairs = 0;
  uint64_t predicted_pairs = 0;
  uint64_t correct_pairs = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};
PairwiseQuality EvaluateClusters(const std::vector<uint32_t>& truth,
                                 const std::vector<uint32_t>& predicted);

}  // namespace ganreg::linkage::testing
