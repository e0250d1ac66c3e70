// The 20-combination baseline: rules and fixed-weight score.
#include "linkage/baseline.h"

#include <array>

namespace ganreg::linkage {
namespace {

constexpr int kItems = 6;
constexpr std::array<const char*, kItems> kItemNames = {"family", "given", "year",
                                                        "month",  "day",   "address"};

uint64_t Item(const Record& r, int item) {
  switch (item) {
    case 0:
      return r.raw_family_id;
    case 1:
      return r.raw_given_id;
    case 2:
      return r.birth_date == 0 ? 0 : static_cast<uint64_t>(r.birth_date / 10000);
    case 3:
      return r.birth_date == 0 ? 0 : static_cast<uint64_t>(r.birth_date / 100 % 100);
    case 4:
      return r.birth_date == 0 ? 0 : static_cast<uint64_t>(r.birth_date % 100);
    default:
      return r.raw_address_id;
  }
}

uint32_t ItemFields(int item) {
  switch (item) {
    case 0:
      return FieldBit(Field::kFamily);
    case 1:
      return FieldBit(Field::kGiven);
    case 5:
      return FieldBit(Field::kAddress);
    default:
      return FieldBit(Field::kBirthDate);
  }
}

double Score(uint64_t a, uint64_t b, double agree, double disagree) {
  if (a == 0 || b == 0) return 0.0;
  return a == b ? agree : disagree;
}

}  // namespace

std::vector<BlockingRule> TwentyCombinationRules() {
  std::vector<BlockingRule> rules;
  for (int i = 0; i < kItems; ++i) {
    for (int j = i + 1; j < kItems; ++j) {
      for (int k = j + 1; k < kItems; ++k) {
        const uint64_t salt = 100 + static_cast<uint64_t>(rules.size());
        rules.push_back({std::string(kItemNames[i]) + "+" + kItemNames[j] + "+" + kItemNames[k],
                         [=](const Record& r) {
                           return BlockKey({salt, Item(r, i), Item(r, j), Item(r, k)});
                         },
                         ItemFields(i) | ItemFields(j) | ItemFields(k)});
      }
    }
  }
  return rules;
}

double BaselineScore(const Record& a, const Record& b, const BaselineWeights& w) {
  double s = 0.0;
  s += Score(a.raw_family_id, b.raw_family_id, w.family_agree, w.family_disagree);
  s += Score(a.raw_given_id, b.raw_given_id, w.given_agree, w.given_disagree);
  s += Score(Item(a, 2), Item(b, 2), w.year_agree, w.year_disagree);
  s += Score(Item(a, 3), Item(b, 3), w.month_agree, w.month_disagree);
  s += Score(Item(a, 4), Item(b, 4), w.day_agree, w.day_disagree);
  s += Score(a.raw_address_id, b.raw_address_id, w.address_agree, w.address_disagree);
  s += Score(a.raw_kana_id, b.raw_kana_id, w.kana_agree, w.kana_disagree);
  if (a.sex != 0 && b.sex != 0 && a.sex != b.sex) s += w.sex_disagree;
  return s;
}

}  // namespace ganreg::linkage
