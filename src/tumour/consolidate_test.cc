// Consolidation: the best value of each item and the notification it came from, and the stored
// encoding's round trip (docs/consolidation.md).
#include "tumour/consolidate.h"

#include <gtest/gtest.h>

#include <map>

namespace ganreg::tumour {
namespace {

using model::Item;

Source S(int64_t key, std::string hospital, std::map<Item, std::string> items) {
  Source s;
  s.key_no = key;
  s.hospital_code = std::move(hospital);
  for (auto& [item, value] : items) s.row[item] = value;
  return s;
}

TEST(ConsolidateTest, BestValuePerItemWithItsSource) {
  // Hospital A saw the patient first (clinical diagnosis, unknown primary, imaging only);
  // hospital B operated (histology, colon, stage found at surgery); hospital C gave chemotherapy.
  std::vector<Source> sources = {
      S(30, "1310000003",
        {{Item::kDiagnosisDate, "20250420"}, {Item::kPrimarySite, "C18.9"},
         {Item::kMorphology, "814039"}, {Item::kBasisOfDiagnosis, "2"}, {Item::kSex, "1"},
         {Item::kBirthDate, "19480715"}, {Item::kChemotherapy, "1"}, {Item::kSurgery, "2"},
         {Item::kExtentBefore, "440"}, {Item::kLaterality, "7"}}),
      S(20, "1310000002",
        {{Item::kDiagnosisDate, "20250312"}, {Item::kPrimarySite, "C18.7"},
         {Item::kMorphology, "814032"}, {Item::kBasisOfDiagnosis, "1"}, {Item::kSex, "1"},
         {Item::kBirthDate, "19480715"}, {Item::kSurgery, "1"}, {Item::kChemotherapy, "2"},
         {Item::kExtentBefore, "420"}, {Item::kExtentAfterSurgery, "420"},
         {Item::kTreatmentExtent, "1"}, {Item::kDiscoveryRoute, "1"}}),
      S(10, "1310000001",
        {{Item::kDiagnosisDate, "20250301"}, {Item::kPrimarySite, "C80.9"},
         {Item::kMorphology, "800039"}, {Item::kBasisOfDiagnosis, "5"}, {Item::kSex, "1"},
         {Item::kBirthDate, "19480715"}, {Item::kSurgery, "2"}, {Item::kExtentBefore, "499"},
         {Item::kDiscoveryRoute, "8"}, {Item::kDeathDate, ""}}),
  };
  SortForConsolidation(sources);
  ASSERT_EQ(sources[0].key_no, 10);  // the earliest diagnosis first
  const TumourRecord t = Consolidate(sources);

  EXPECT_EQ(t.notifications, (std::vector<int64_t>{10, 20, 30}));
  EXPECT_EQ(t.value(Field::kDiagnosisDate), "20250301");
  EXPECT_EQ(t.source(Field::kDiagnosisDate), 10);
  EXPECT_EQ(t.value(Field::kFirstHospital), "1310000001");
  EXPECT_EQ(t.value(Field::kPrimarySite), "C18.7");  // a named subsite over C18.9 and C80.9
  EXPECT_EQ(t.source(Field::kPrimarySite), 20);
  EXPECT_EQ(t.Morphology(), "814032");  // adenocarcinoma, invasive, grade from the histology
  EXPECT_EQ(t.source(Field::kCellType), 20);  // 8140 from basis 1 rather than basis 2
  EXPECT_EQ(t.value(Field::kBasisOfDiagnosis), "1");
  EXPECT_EQ(t.source(Field::kBasisOfDiagnosis), 20);
  EXPECT_EQ(t.value(Field::kExtentBefore), "440");  // the most advanced any hospital found
  EXPECT_EQ(t.source(Field::kExtentBefore), 30);
  EXPECT_EQ(t.value(Field::kSurgery), "1");
  EXPECT_EQ(t.source(Field::kSurgery), 20);
  EXPECT_EQ(t.value(Field::kChemotherapy), "1");
  EXPECT_EQ(t.source(Field::kChemotherapy), 30);
  EXPECT_EQ(t.value(Field::kDiscoveryRoute), "8");  // the first hospital's known route
  EXPECT_EQ(t.value(Field::kTreatmentExtent), "1");
  EXPECT_EQ(t.value(Field::kLaterality), "7");
  EXPECT_EQ(t.value(Field::kSex), "1");
  EXPECT_EQ(t.value(Field::kAgeAtDiagnosis), "76");  // 1948-07-15 → 2025-03-01
  EXPECT_EQ(t.value(Field::kDeathDate), "");
  EXPECT_EQ(t.source(Field::kDeathDate), 0);
}

TEST(ConsolidateTest, InvasiveOverInSituAndAKnownGrade) {
  std::vector<Source> sources = {
      S(1, "1310000001", {{Item::kDiagnosisDate, "20240101"}, {Item::kMorphology, "850029"},
                          {Item::kBasisOfDiagnosis, "1"}, {Item::kPrimarySite, "C50.4"}}),
      S(2, "1310000002", {{Item::kDiagnosisDate, "20240301"}, {Item::kMorphology, "850032"},
                          {Item::kBasisOfDiagnosis, "1"}, {Item::kPrimarySite, "C50.4"}}),
  };
  SortForConsolidation(sources);
  const TumourRecord t = Consolidate(sources);
  EXPECT_EQ(t.Morphology(), "850032");
  EXPECT_EQ(t.source(Field::kCellType), 1);
  EXPECT_EQ(t.source(Field::kBehaviour), 2);
  EXPECT_EQ(t.source(Field::kGrade), 2);
  EXPECT_EQ(t.value(Field::kDiagnosisDate), "20240101");  // time of the first, in situ, diagnosis
}

TEST(ConsolidateTest, AgeTurnsOnTheBirthday) {
  std::vector<Source> before = {S(1, "h", {{Item::kDiagnosisDate, "20250714"},
                                           {Item::kBirthDate, "19480715"}})};
  std::vector<Source> on = {S(1, "h", {{Item::kDiagnosisDate, "20250715"},
                                       {Item::kBirthDate, "19480715"}})};
  EXPECT_EQ(Consolidate(before).value(Field::kAgeAtDiagnosis), "76");
  EXPECT_EQ(Consolidate(on).value(Field::kAgeAtDiagnosis), "77");
}

TEST(ConsolidateTest, EncodingRoundTripsAndRefusesDamage) {
  std::vector<Source> sources = {
      S(7, "1310000001", {{Item::kDiagnosisDate, "20250301"}, {Item::kPrimarySite, "C16.2"},
                          {Item::kMorphology, "821132"}, {Item::kBasisOfDiagnosis, "1"}}),
      S(9, "1310000002", {{Item::kDiagnosisDate, "20250302"}, {Item::kPrimarySite, "C16.9"},
                          {Item::kMorphology, "814039"}})};
  const TumourRecord t = Consolidate(sources);
  const std::string bytes = Encode(t);
  auto back = Decode(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, t);
  EXPECT_FALSE(Decode(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(Decode(bytes + "x").ok());
  EXPECT_FALSE(Decode("X" + bytes.substr(1)).ok());
  EXPECT_FALSE(Decode("").ok());
}

}  // namespace
}  // namespace ganreg::tumour
