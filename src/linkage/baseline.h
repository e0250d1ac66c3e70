// The national system's rule (全国がん登録, anchors.md A4) as a baseline: candidates when any of
// 20 combinations of the four identifiers agrees, scored with fixed weights into same / review /
// different. The combinations are not published; this reconstruction counts the birth date as
// three items (year, month, day), so the four identifiers are six items, and a pair is a
// candidate when any 3 of the 6 agree exactly: C(6,3) = 20 combinations. Values are compared as
// written (NFKC width folding and spaces only): no kanji-variant, kana or address folding.
#pragma once

#include <vector>

#include "linkage/blocking.h"
#include "linkage/record.h"

namespace ganreg::linkage {

// The 20 rules, one per combination (names like "family+given+year").
std::vector<BlockingRule> TwentyCombinationRules();

struct BaselineWeights {
  // The four identifiers (birth date as three items), agreement / disagreement.
  double family_agree = 4.0, family_disagree = -2.0;
  double given_agree = 4.0, given_disagree = -3.0;
  double year_agree = 2.0, year_disagree = -2.0;
  double month_agree = 1.5, month_disagree = -1.0;
  double day_agree = 2.0, day_disagree = -1.0;
  double address_agree = 3.0, address_disagree = -1.0;
  // Reference indicators: kana name and sex.
  double kana_agree = 1.0, kana_disagree = -1.0;
  double sex_disagree = -4.0;
  // Thresholds: at or above `same` automatic same; at or above `review` human review.
  double same = 12.0;
  double review = 8.0;
};

// The fixed-weight score of a pair (missing items add nothing).
double BaselineScore(const Record& a, const Record& b, const BaselineWeights& w);

}  // namespace ganreg::linkage
