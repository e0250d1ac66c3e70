// The quality checks as a table of cases: each row a tumour's items and the checks it must fail
// (docs/consolidation.md, "Quality checks").
#include "tumour/checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace ganreg::tumour {
namespace {

TumourRecord T(std::map<Field, std::string> values) {
  TumourRecord t;
  t.notifications = {1};
  for (auto& [f, v] : values) t.values[static_cast<size_t>(f)] = {v, 1};
  return t;
}

std::vector<std::string_view> Ids(const TumourRecord& t) {
  std::vector<std::string_view> ids;
  for (const Flag& f : Check(t)) ids.push_back(f.id);
  return ids;
}

using F = Field;
using V = std::vector<std::string_view>;

TEST(ChecksTest, TableOfCases) {
  struct Case {
    std::string_view name;
    std::map<Field, std::string> values;
    V flags;
  };
  const std::map<Field, std::string> colon = {
      {F::kPrimarySite, "C18.7"}, {F::kCellType, "8140"}, {F::kBehaviour, "3"}, {F::kGrade, "2"},
      {F::kBasisOfDiagnosis, "1"}, {F::kSex, "1"}, {F::kAgeAtDiagnosis, "70"},
      {F::kDiagnosisDate, "20250301"}};
  auto with = [&](std::map<Field, std::string> changes) {
    auto v = colon;
    for (auto& [f, x] : changes) v[f] = x;
    return v;
  };
  const Case cases[] = {
      {"a plain colon cancer passes", colon, {}},
      {"male with cervix", with({{F::kPrimarySite, "C53.9"}}), {"sex-site"}},
      {"female with prostate", with({{F::kPrimarySite, "C61.9"}, {F::kSex, "2"}}), {"sex-site"}},
      {"male breast is allowed", with({{F::kPrimarySite, "C50.4"}, {F::kCellType, "8500"}}), {}},
      {"sex unknown: no sex check", with({{F::kPrimarySite, "C53.9"}, {F::kSex, ""}}), {}},
      {"female seminoma",
       with({{F::kPrimarySite, "C56.9"}, {F::kCellType, "9061"}, {F::kSex, "2"}}),
       {"sex-morphology"}},
      {"age over 110", with({{F::kAgeAtDiagnosis, "111"}}), {"age-range"}},
      {"negative age", with({{F::kAgeAtDiagnosis, "-1"}}), {"age-range"}},
      {"colon carcinoma at 12", with({{F::kAgeAtDiagnosis, "12"}}),
       {"age-site-morphology:adult-carcinoma-in-child"}},
      {"thyroid carcinoma at 12 is possible",
       with({{F::kPrimarySite, "C73.9"}, {F::kCellType, "8260"}, {F::kAgeAtDiagnosis, "12"}}), {}},
      {"prostate at 35", with({{F::kPrimarySite, "C61.9"}, {F::kAgeAtDiagnosis, "35"}}),
       {"age-site:prostate-under-40"}},
      {"retinoblastoma at 30",
       with({{F::kPrimarySite, "C69.2"}, {F::kCellType, "9510"}, {F::kAgeAtDiagnosis, "30"}}),
       {"age-morphology:embryonal-tumour-in-adult"}},
      {"retinoblastoma at 2",
       with({{F::kPrimarySite, "C69.2"}, {F::kCellType, "9510"}, {F::kAgeAtDiagnosis, "2"}}), {}},
      {"CLL at 8",
       with({{F::kPrimarySite, "C42.1"}, {F::kCellType, "9823"}, {F::kAgeAtDiagnosis, "8"}}),
       {"age-morphology:cll-in-child"}},
      {"in situ bone", with({{F::kPrimarySite, "C41.2"}, {F::kCellType, "8140"}, {F::kBehaviour, "2"}}),
       {"behaviour-site:in-situ"}},
      {"in situ unknown primary", with({{F::kPrimarySite, "C80.9"}, {F::kBehaviour, "2"}}),
       {"behaviour-site:in-situ"}},
      {"in situ lymphoma",
       with({{F::kPrimarySite, "C16.2"}, {F::kCellType, "9680"}, {F::kBehaviour, "2"}}),
       {"behaviour-morphology:in-situ"}},
      {"benign outside the CNS", with({{F::kBehaviour, "0"}}), {"behaviour-site:benign"}},
      {"benign meningioma is registered",
       with({{F::kPrimarySite, "C70.0"}, {F::kCellType, "9530"}, {F::kBehaviour, "0"}}), {}},
      {"adenocarcinoma on imaging alone", with({{F::kBasisOfDiagnosis, "5"}}),
       {"basis-morphology:specific-without-histology"}},
      {"hepatocellular carcinoma on imaging",
       with({{F::kPrimarySite, "C22.0"}, {F::kCellType, "8170"}, {F::kBasisOfDiagnosis, "5"}}), {}},
      {"in situ from a metastasis", with({{F::kBehaviour, "2"}, {F::kBasisOfDiagnosis, "2"}}),
       {"basis-behaviour:in-situ-not-histology"}},
      {"in situ on cytology", with({{F::kBehaviour, "2"}, {F::kBasisOfDiagnosis, "3"}}), {}},
      {"colon on a tumour marker",
       with({{F::kCellType, "8000"}, {F::kGrade, "9"}, {F::kBasisOfDiagnosis, "4"}}),
       {"basis-site:tumour-marker"}},
      {"prostate on PSA",
       with({{F::kPrimarySite, "C61.9"}, {F::kCellType, "8000"}, {F::kBasisOfDiagnosis, "4"}}), {}},
      {"death before diagnosis", with({{F::kDeathDate, "20250201"}}), {"death-before-diagnosis"}},
      {"two at once: male cervix in situ from a metastasis",
       with({{F::kPrimarySite, "C53.9"}, {F::kBehaviour, "2"}, {F::kBasisOfDiagnosis, "2"}}),
       {"sex-site", "basis-behaviour:in-situ-not-histology"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Ids(T(c.values)), c.flags) << c.name;
  }
}

TEST(ChecksTest, MessagesNameTheValuesAndIdsAreUnique) {
  auto flags = Check(T({{F::kPrimarySite, "C53.9"}, {F::kSex, "1"}}));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_NE(flags[0].message.find("C53.9"), std::string::npos) << flags[0].message;
  auto ids = CheckIds();
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

}  // namespace
}  // namespace ganreg::tumour
