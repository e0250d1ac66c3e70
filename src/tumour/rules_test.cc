// The multiple-primary rules as a table of cases (docs/consolidation.md): each row is two
// notifications' codes and whether they are one tumour, with the rule that decides.
#include "tumour/rules.h"

#include <gtest/gtest.h>

namespace ganreg::tumour {
namespace {

Code C(std::string_view site, std::string_view morphology) {
  auto c = Code::Parse(site, morphology);
  EXPECT_TRUE(c.ok()) << site << " " << morphology;
  return c.ok() ? *c : Code{};
}

TEST(MorphologyGroupTest, Table2) {
  struct Case {
    int cell;
    MorphologyGroup group;
  };
  using G = MorphologyGroup;
  const Case cases[] = {
      {8070, G::kSquamous},  {8120, G::kSquamous},       {8090, G::kBasal},
      {8140, G::kAdeno},     {8500, G::kAdeno},          {8941, G::kAdeno},
      {8041, G::kOtherCarcinoma}, {8170, G::kOtherCarcinoma}, {8246, G::kOtherCarcinoma},
      {8010, G::kCarcinomaNos},   {8050, G::kCarcinomaNos},   {8890, G::kSarcoma},
      {9540, G::kSarcoma},   {9050, G::kMesothelioma},   {9861, G::kMyeloid},
      {9840, G::kMyeloid},   {9680, G::kBCell},          {9732, G::kBCell},
      {9823, G::kBCell},     {9702, G::kTNkCell},        {9650, G::kHodgkin},
      {9741, G::kMastCell},  {9755, G::kHistiocytic},    {9590, G::kHaematopoieticNos},
      {9800, G::kHaematopoieticNos}, {9989, G::kHaematopoieticNos}, {9140, G::kKaposi},
      {8720, G::kOtherSpecified},    {9440, G::kOtherSpecified},    {9061, G::kOtherSpecified},
      {8000, G::kUnspecified}, {8005, G::kUnspecified},   {8006, G::kNone},
      {7999, G::kNone},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MorphologyGroupOf(c.cell), c.group) << c.cell;
  }
  EXPECT_TRUE(IsSystemic(G::kKaposi));
  EXPECT_TRUE(IsSystemic(G::kMyeloid));
  EXPECT_FALSE(IsSystemic(G::kMesothelioma));  // 2004 rule 4.1 names groups 8–15 only
}

TEST(TopographyGroupTest, Table1) {
  struct Case {
    std::string_view a, b;
    bool same_organ;
  };
  const Case cases[] = {
      {"C01.9", "C02.1", true},  {"C05.0", "C06.9", true},  {"C07.9", "C08.0", true},
      {"C09.9", "C13.9", true},  {"C10.9", "C14.0", true},  {"C11.9", "C13.9", false},
      {"C15.3", "C15.5", true},  {"C15.9", "C16.0", false}, {"C18.7", "C18.2", true},
      {"C18.7", "C19.9", false}, {"C19.9", "C20.9", true},  {"C23.9", "C24.0", true},
      {"C22.0", "C22.1", true},  {"C30.0", "C31.0", true},  {"C33.9", "C34.1", true},
      {"C37.9", "C38.1", true},  {"C40.0", "C41.2", true},  {"C51.9", "C52.9", true},
      {"C52.9", "C57.7", true},  {"C51.0", "C57.9", true},  {"C56.9", "C57.0", true},
      {"C56.9", "C57.9", false}, {"C57.4", "C57.8", false}, {"C60.9", "C63.2", true},
      {"C61.9", "C63.2", false}, {"C64.9", "C66.9", true},  {"C65.9", "C68.0", true},
      {"C67.9", "C68.0", false}, {"C74.0", "C75.1", true},  {"C73.9", "C75.0", false},
      {"C50.4", "C50.2", true},  // the other breast: a pair of organs is one organ (rule 3)
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TopographyGroupOf(C(c.a, "")) == TopographyGroupOf(C(c.b, "")), c.same_organ)
        << c.a << " " << c.b;
  }
}

TEST(SameTumourTest, RulesAsATable) {
  struct Case {
    std::string_view site_a, morph_a, site_b, morph_b;
    bool same;
    std::string_view rule;
  };
  const Case cases[] = {
      // Rule 3: one tumour per organ; multifocal or another subsite is the same tumour.
      {"C18.7", "814032", "C18.2", "821132", true, "R3-organ"},
      {"C67.2", "812032", "C67.4", "812033", true, "R3-organ"},
      {"C19.9", "814032", "C20.9", "814033", true, "R3-organ"},
      {"C34.1", "814032", "C34.3", "814032", true, "R3-organ"},
      {"C18.7", "814032", "C16.2", "814032", false, "R3-other-organ"},
      // Rule 4.2: another histology group in the same organ is another tumour.
      {"C44.3", "809039", "C44.3", "807039", false, "R4.2-histology"},
      {"C34.1", "814032", "C34.1", "804134", false, "R4.2-histology"},
      {"C53.9", "807032", "C53.9", "814032", false, "R4.2-histology"},
      // Unspecified histologies are not different: group 17 with anything, 5 with 1–5.
      {"C16.2", "800039", "C16.2", "814032", true, "R3-organ"},
      {"C16.2", "800039", "C18.7", "814032", false, "R3-other-organ"},
      {"C34.1", "801039", "C34.1", "807032", true, "R3-organ"},
      {"C34.1", "801039", "C34.1", "889039", false, "R4.2-histology"},
      // Rule 4.1: systemic groups once per person, whatever the site.
      {"C77.2", "968036", "C16.2", "968036", true, "R4.1-systemic"},
      {"C42.1", "986139", "C42.0", "986139", true, "R4.1-systemic"},
      {"C44.7", "914039", "C06.9", "914039", true, "R4.1-systemic"},
      {"C42.1", "980039", "C42.1", "986139", true, "R4.1-systemic"},   // 14 with 8
      {"C77.0", "959039", "C77.0", "965039", true, "R4.1-systemic"},   // 14 with 11
      {"C77.0", "968036", "C42.1", "986139", false, "R4.2-histology"}, // B-cell, myeloid
      {"C77.0", "965039", "C77.0", "968036", false, "R4.2-histology"}, // Hodgkin, B-cell
      // Mesothelioma is not systemic in the 2004 rules: pleura and peritoneum are two.
      {"C38.4", "905039", "C48.2", "905039", false, "R3-other-organ"},
      // ganreg U: an unknown primary joins the tumour of its histology group.
      {"C80.9", "814039", "C18.7", "814032", true, "U-unknown-site"},
      {"C80.9", "807039", "C18.7", "814032", false, "R4.2-histology"},
      {"C76.0", "800039", "C34.1", "807032", true, "U-unknown-site"},
      // ganreg B: benign/uncertain and malignant/in situ are never one tumour.
      {"C71.0", "953000", "C71.0", "944034", false, "B-behaviour"},
      {"C70.0", "953010", "C70.0", "953000", true, "R3-organ"},
      // In situ then invasive in the same organ and group: one tumour (time does not matter).
      {"C50.4", "850029", "C50.4", "850032", true, "R3-organ"},
  };
  for (const Case& c : cases) {
    const Decision d = SameTumour(C(c.site_a, c.morph_a), C(c.site_b, c.morph_b));
    const Decision r = SameTumour(C(c.site_b, c.morph_b), C(c.site_a, c.morph_a));
    EXPECT_EQ(d.same, c.same) << c.site_a << "/" << c.morph_a << " vs " << c.site_b << "/" << c.morph_b;
    EXPECT_EQ(d.rule, c.rule) << c.site_a << "/" << c.morph_a << " vs " << c.site_b << "/" << c.morph_b;
    EXPECT_EQ(r.same, d.same) << "not symmetric: " << c.site_a << " " << c.site_b;
  }
}

TEST(CodeTest, ParsesAndRefusesMalformedCodes) {
  auto c = Code::Parse("C18.7", "814032");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->site_category, 18);
  EXPECT_EQ(c->site_sub, 7);
  EXPECT_EQ(c->cell, 8140);
  EXPECT_EQ(c->behaviour, 3);
  EXPECT_EQ(c->grade, 2);
  auto undotted = Code::Parse("C187", "");
  ASSERT_TRUE(undotted.ok());
  EXPECT_EQ(undotted->site, "C18.7");
  EXPECT_FALSE(Code::Parse("D18.7", "").ok());
  EXPECT_FALSE(Code::Parse("C1x.7", "").ok());
  EXPECT_FALSE(Code::Parse("", "8140/3").ok());
  EXPECT_FALSE(Code::Parse("", "81403").ok());
}

TEST(GroupIntoTumoursTest, OnePersonsNotifications) {
  // Colon by two hospitals (one with the unknown-primary code), a later lung cancer, a lymphoma
  // seen in a node and in the stomach, and a second colon notification of another histology.
  const std::vector<Code> codes = {
      C("C80.9", "814039"), C("C18.7", "814032"), C("C34.1", "807032"), C("C77.2", "968036"),
      C("C16.2", "968036"), C("C18.7", "824034"), C("C34.9", "801039"),
  };
  const std::vector<uint32_t> tumour = GroupIntoTumours(codes);
  EXPECT_EQ(tumour, (std::vector<uint32_t>{0, 0, 1, 2, 2, 3, 1}));
}

TEST(GroupIntoTumoursTest, AnUnknownPrimaryDoesNotGlueTwoOrgans) {
  // C80.9 first, then colon (joins it: the tumour is now a colon cancer), then stomach with the
  // same histology: another organ, another tumour.
  const std::vector<Code> codes = {C("C80.9", "814039"), C("C18.7", "814032"),
                                   C("C16.2", "814032")};
  EXPECT_EQ(GroupIntoTumours(codes), (std::vector<uint32_t>{0, 0, 1}));
}

}  // namespace
}  // namespace ganreg::tumour
