// Tests of ValidateRow: a valid row, then every item rule and every cross-item rule broken on
// its own, with the exact item and reason the report will show.
#include "validate/internal/row_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "validate/notification_reader.h"
#include "validate/test_rows.h"

namespace ganreg::validate {
namespace {

using enum model::Item;
using model::Item;
using test_rows::kToday;
using test_rows::ValidRow;

struct Expected {
  std::string item;
  std::string reason;
  bool operator==(const Expected&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Expected& e) {
  return os << e.item << ": " << e.reason;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  std::string name;
  std::vector<std::pair<Item, std::string>> changes;
  std::vector<Expected> expected;  // empty: the changed row is valid
};

std::vector<Expected> Check(const model::NotificationRow& row) {
  std::vector<Expected> out;
  for (const Issue& i : ValidateRow(row, kToday, 7)) {
    EXPECT_EQ(i.line, 7u);
    out.push_back({i.item, i.reason});
  }
  return out;
}

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    model::NotificationRow row = ValidRow();
    for (const auto& [item, value] : c.changes) row[item] = value;
    EXPECT_EQ(Check(row), c.expected) << c.name;
  }
}

TEST(ValidateRowTest, ValidRowHasNoIssues) {
  EXPECT_EQ(Check(ValidRow()), std::vector<Expected>{});
}

TEST(ValidateRowTest, FormatIssue) {
  EXPECT_EQ(FormatIssue("h.csv", Issue{12, "sex", "must be 1 (male) or 2 (female)"}),
            "h.csv:12: sex: must be 1 (male) or 2 (female)");
}

TEST(ValidateRowTest, MedicalRecordNo) {
  RunCases({
      {"empty", {{kMedicalRecordNo, ""}}, {{"medical_record_no", "required"}}},
      {"full-width", {{kMedicalRecordNo, "ＡＢ－１２ｃ"}}, {}},
      {"16 chars", {{kMedicalRecordNo, "1234567890123456"}}, {}},
      {"17 chars",
       {{kMedicalRecordNo, "12345678901234567"}},
       {{"medical_record_no", "longer than 16 characters"}}},
      {"space",
       {{kMedicalRecordNo, "A 1"}},
       {{"medical_record_no", "only letters, digits and '-' (half- or full-width) are allowed"}}},
      {"slash",
       {{kMedicalRecordNo, "A/1"}},
       {{"medical_record_no", "only letters, digits and '-' (half- or full-width) are allowed"}}},
      {"kanji",
       {{kMedicalRecordNo, "試1"}},
       {{"medical_record_no", "only letters, digits and '-' (half- or full-width) are allowed"}}},
      {"control",
       {{kMedicalRecordNo, "A\x01"}},
       {{"medical_record_no", "contains a control character (U+0001)"}}},
  });
}

TEST(ValidateRowTest, KanaName) {
  const std::string sep = "family and given name must be separated by one space";
  const std::string len = "family and given name must each be 1–10 characters";
  RunCases({
      {"empty", {{kKanaName, ""}}, {{"kana_name", "required"}}},
      {"ideographic space", {{kKanaName, "シケン　タロウ"}}, {}},
      {"small kana, vu, ke, long mark", {{kKanaName, "ヴァッヵヶ ジェーン"}}, {}},
      {"ten each", {{kKanaName, "アイウエオカキクケコ サシスセソタチツテト"}}, {}},
      {"eleven", {{kKanaName, "アイウエオカキクケコサ タロウ"}}, {{"kana_name", len}}},
      {"no space", {{kKanaName, "シケンタロウ"}}, {{"kana_name", sep}}},
      {"two spaces", {{kKanaName, "シケン  タロウ"}}, {{"kana_name", sep}}},
      {"leading space", {{kKanaName, " シケン"}}, {{"kana_name", len}}},
      {"half-width",
       {{kKanaName, "ｼｹﾝ ﾀﾛｳ"}},
       {{"kana_name", "half-width katakana is not allowed (use full-width)"}}},
      {"hiragana",
       {{kKanaName, "しけん たろう"}},
       {{"kana_name", "hiragana is not allowed (use katakana)"}}},
      {"kanji",
       {{kKanaName, "試験 タロウ"}},
       {{"kana_name", "only full-width katakana and one space are allowed"}}},
      {"middle dot",
       {{kKanaName, "シケン・タロウ ジロウ"}},
       {{"kana_name", "only full-width katakana and one space are allowed"}}},
      {"NUL",
       {{kKanaName, std::string("シケン\0 タロウ", 20)}},
       {{"kana_name", "contains a control character (U+0000)"}}},
  });
}

TEST(ValidateRowTest, Name) {
  RunCases({
      {"empty", {{kName, ""}}, {{"name", "required"}}},
      {"ideographic space", {{kName, "試験　太郎"}}, {}},
      {"middle dot", {{kName, "試験・山田 太郎"}}, {}},
      {"latin", {{kName, "SHIKEN Taro"}}, {}},
      {"no space",
       {{kName, "試験太郎"}},
       {{"name", "family and given name must be separated by one space"}}},
      {"eleven",
       {{kName, "一二三四五六七八九十一 太郎"}},
       {{"name", "family and given name must each be 1–10 characters"}}},
      {"ascii punctuation",
       {{kName, "試験 太郎!"}},
       {{"name", "ASCII punctuation is not allowed"}}},
      {"ascii period", {{kName, "T. Shiken"}}, {{"name", "ASCII punctuation is not allowed"}}},
      {"NUL",
       {{kName, std::string("試験\0 太郎", 14)}},
       {{"name", "contains a control character (U+0000)"}}},
      {"tab", {{kName, "試験\t太郎"}}, {{"name", "contains a control character (U+0009)"}}},
      {"C1", {{kName, "試験 太\xC2\x85郎"}}, {{"name", "contains a control character (U+0085)"}}},
      {"DEL", {{kName, "試験 太\x7F"}}, {{"name", "contains a control character (U+007F)"}}},
  });
}

TEST(ValidateRowTest, SexPrefectureAddress) {
  RunCases({
      {"sex 2", {{kSex, "2"}}, {}},
      {"sex 3", {{kSex, "3"}}, {{"sex", "must be 1 (male) or 2 (female)"}}},
      {"sex empty", {{kSex, ""}}, {{"sex", "required"}}},
      {"prefecture 01", {{kPrefectureCode, "01"}}, {}},
      {"prefecture 47", {{kPrefectureCode, "47"}}, {}},
      {"prefecture 88", {{kPrefectureCode, "88"}}, {}},
      {"prefecture 99", {{kPrefectureCode, "99"}}, {}},
      {"prefecture 00",
       {{kPrefectureCode, "00"}},
       {{"prefecture_code", "must be 01–47, 88 (abroad) or 99 (unknown)"}}},
      {"prefecture 48",
       {{kPrefectureCode, "48"}},
       {{"prefecture_code", "must be 01–47, 88 (abroad) or 99 (unknown)"}}},
      {"prefecture 1",
       {{kPrefectureCode, "1"}},
       {{"prefecture_code", "must be 01–47, 88 (abroad) or 99 (unknown)"}}},
      {"address unknown", {{kAddress, "住所不明"}}, {}},
      {"address 40", {{kAddress, Repeat("町", 40)}}, {}},
      {"address 41", {{kAddress, Repeat("町", 41)}}, {{"address", "longer than 40 characters"}}},
      {"address empty", {{kAddress, ""}}, {{"address", "required"}}},
  });
}

TEST(ValidateRowTest, BirthDate) {
  RunCases({
      {"leap day", {{kBirthDate, "20000229"}}, {}},
      {"1880", {{kBirthDate, "18800101"}}, {}},
      {"not a leap year",
       {{kBirthDate, "19000229"}},
       {{"birth_date", "not a date that exists (yyyymmdd)"}}},
      {"Feb 31", {{kBirthDate, "19990231"}}, {{"birth_date", "not a date that exists (yyyymmdd)"}}},
      {"month 13",
       {{kBirthDate, "19991301"}},
       {{"birth_date", "not a date that exists (yyyymmdd)"}}},
      {"day 0", {{kBirthDate, "19990100"}}, {{"birth_date", "not a date that exists (yyyymmdd)"}}},
      {"dashes", {{kBirthDate, "1950-04-15"}}, {{"birth_date", "not in yyyymmdd form"}}},
      {"short", {{kBirthDate, "195004"}}, {{"birth_date", "not in yyyymmdd form"}}},
      {"full-width digits",
       {{kBirthDate, "１９５００４１５"}},
       {{"birth_date", "not in yyyymmdd form"}}},
      {"before 1880", {{kBirthDate, "18791231"}}, {{"birth_date", "before 1880"}}},
      {"future", {{kBirthDate, "20250602"}}, {{"birth_date", "after the day of intake"}}},
      {"empty", {{kBirthDate, ""}}, {{"birth_date", "required"}}},
  });
}

TEST(ValidateRowTest, IdentityValuesAreNeverQuoted) {
  // Distinctive wrong values for every identity item: none may appear in any reason.
  const std::vector<std::pair<Item, std::string>> bad = {
      {kMedicalRecordNo, "ZQ/9876543210"},
      {kKanaName, "ゾゾゾ"},
      {kName, "試験太郎!?"},
      {kSex, "7Q"},
      {kBirthDate, "19990231"},
      {kPrefectureCode, "5Q"},
      {kAddress, std::string(45, 'Q')},
      {kRemarks, std::string(101, 'Q')},
  };
  for (const auto& [item, value] : bad) {
    model::NotificationRow row = ValidRow();
    row[item] = value;
    std::vector<Issue> issues = ValidateRow(row, kToday, 2);
    ASSERT_FALSE(issues.empty()) << value;
    for (const Issue& i : issues) {
      EXPECT_EQ(i.reason.find(value), std::string::npos) << i.reason;
      EXPECT_EQ(i.reason.find("Q"), std::string::npos) << i.reason;
      EXPECT_EQ(i.reason.find("9876"), std::string::npos) << i.reason;
      EXPECT_EQ(i.reason.find("0231"), std::string::npos) << i.reason;
    }
  }
}

TEST(ValidateRowTest, ClinicalCodes) {
  RunCases({
      {"laterality", {{kLaterality, "5"}}, {{"laterality", "'5' is not 1, 2, 3, 7 or 9"}}},
      {"laterality empty", {{kLaterality, ""}}, {{"laterality", "required"}}},
      {"laterality 11", {{kLaterality, "11"}}, {{"laterality", "'11' is not 1, 2, 3, 7 or 9"}}},
      {"diagnosing facility",
       {{kDiagnosingFacility, "3"}},
       {{"diagnosing_facility", "'3' is not 1 or 2"}}},
      {"treating facility",
       {{kTreatingFacility, "5"}},
       {{"treating_facility", "'5' is not 1, 2, 3, 4 or 8"}}},
      {"treating facility 3", {{kTreatingFacility, "3"}}, {}},
      {"basis",
       {{kBasisOfDiagnosis, "7"}},
       {{"basis_of_diagnosis", "'7' is not 1, 2, 3, 4, 5, 6 or 9"}}},
      {"discovery route",
       {{kDiscoveryRoute, "2"}},
       {{"discovery_route", "'2' is not 1, 3, 4, 8 or 9"}}},
      {"extent before",
       {{kExtentBefore, "450"}},
       {{"extent_before_treatment", "'450' is not 400, 410, 420, 430, 440, 499 or 777"}}},
      {"extent before 660",
       {{kExtentBefore, "660"}},
       {{"extent_before_treatment", "'660' is not 400, 410, 420, 430, 440, 499 or 777"}}},
      {"extent after",
       {{kExtentAfterSurgery, "450"}},
       {{"extent_after_surgery", "'450' is not 400, 410, 420, 430, 440, 499, 660 or 777"}}},
      {"surgery", {{kSurgery, "3"}}, {{"surgery", "'3' is not 1, 2 or 9"}}},
      {"scopic", {{kScopicSurgery, "0"}}, {{"scopic_surgery", "'0' is not 1, 2 or 9"}}},
      {"endoscopic",
       {{kEndoscopicTreatment, "x"}},
       {{"endoscopic_treatment", "'x' is not 1, 2 or 9"}}},
      {"treatment extent",
       {{kTreatmentExtent, "2"}},
       {{"treatment_extent", "'2' is not 1, 4, 6 or 9"}}},
      {"radiotherapy", {{kRadiotherapy, "0"}}, {{"radiotherapy", "'0' is not 1, 2 or 9"}}},
      {"chemotherapy", {{kChemotherapy, "１"}}, {{"chemotherapy", "'１' is not 1, 2 or 9"}}},
      {"endocrine", {{kEndocrineTherapy, "3"}}, {{"endocrine_therapy", "'3' is not 1, 2 or 9"}}},
      {"other", {{kOtherTreatment, ""}}, {{"other_treatment", "required"}}},
      {"control in code",
       {{kSurgery, std::string("\0", 1)}},
       {{"surgery", "contains a control character (U+0000)"}}},
      {"long value is cut when quoted",
       {{kLaterality, std::string(30, '9')}},
       {{"laterality", "'" + std::string(24, '9') + "…' is not 1, 2, 3, 7 or 9"}}},
  });
}

TEST(ValidateRowTest, PrimarySiteAndMorphology) {
  RunCases({
      {"site missing subsite",
       {{kPrimarySite, "C39.5"}},
       {{"primary_site", "'C39.5' is not an ICD-O-3 topography code"}}},
      {"site missing group",
       {{kPrimarySite, "C35.0"}},
       {{"primary_site", "'C35.0' is not an ICD-O-3 topography code"}}},
      {"site without dot",
       {{kPrimarySite, "C187"}},
       {{"primary_site", "'C187' is not a topography code (Cnn.n)"}}},
      {"site lower case",
       {{kPrimarySite, "c18.7"}},
       {{"primary_site", "'c18.7' is not a topography code (Cnn.n)"}}},
      {"site empty", {{kPrimarySite, ""}}, {{"primary_site", "required"}}},
      {"site C80.9", {{kPrimarySite, "C80.9"}}, {}},
      {"morphology 5 digits",
       {{kMorphology, "81403"}},
       {{"morphology", "'81403' is not 6 digits (cell type, behaviour, grade)"}}},
      {"morphology with slash",
       {{kMorphology, "8140/3"}},
       {{"morphology", "'8140/3' is not 6 digits (cell type, behaviour, grade)"}}},
      {"cell type low",
       {{kMorphology, "799932"}},
       {{"morphology", "'799932': cell type 7999 is not in 8000–9993"}}},
      {"cell type high",
       {{kMorphology, "999432"}},
       {{"morphology", "'999432': cell type 9994 is not in 8000–9993"}}},
      {"behaviour 6",
       {{kMorphology, "814062"}},
       {{"morphology", "'814062': behaviour 6 is not 0, 1, 2 or 3"}}},
      {"grade 0", {{kMorphology, "814030"}}, {{"morphology", "'814030': grade 0 is not 1–9"}}},
      {"in situ", {{kMorphology, "814029"}}, {}},
  });
}

TEST(ValidateRowTest, ClinicalDates) {
  RunCases({
      {"diagnosis Feb 30",
       {{kDiagnosisDate, "20240230"}},
       {{"diagnosis_date", "'20240230' is not a date that exists"}}},
      {"diagnosis future",
       {{kDiagnosisDate, "20250602"}},
       {{"diagnosis_date", "'20250602' is after the day of intake"}}},
      {"diagnosis today", {{kDiagnosisDate, "20250601"}}, {}},
      {"diagnosis slashes",
       {{kDiagnosisDate, "2024/1/10"}},
       {{"diagnosis_date", "'2024/1/10' is not in yyyymmdd form"}}},
      {"diagnosis empty", {{kDiagnosisDate, ""}}, {{"diagnosis_date", "required"}}},
      {"death given", {{kDeathDate, "20240301"}}, {}},
      {"death Apr 31",
       {{kDeathDate, "20240431"}},
       {{"death_date", "'20240431' is not a date that exists"}}},
      {"death future",
       {{kDeathDate, "20260101"}},
       {{"death_date", "'20260101' is after the day of intake"}}},
  });
}

TEST(ValidateRowTest, Remarks) {
  RunCases({
      {"100 chars", {{kRemarks, std::string(100, 'x')}}, {}},
      {"101 chars",
       {{kRemarks, std::string(101, 'x')}},
       {{"remarks", "longer than 100 characters"}}},
      {"line breaks", {{kRemarks, "現住所：試験県\r\n試験市"}}, {}},
      {"tab", {{kRemarks, "a\tb"}}, {{"remarks", "contains a control character (U+0009)"}}},
      {"NUL",
       {{kRemarks, std::string("a\0b", 3)}},
       {{"remarks", "contains a control character (U+0000)"}}},
  });
}

TEST(ValidateRowTest, BirthAfterDiagnosisBreaksX1) {
  RunCases({{"X1",
             {{kBirthDate, "20240201"}},
             {{"X1 birth_date/diagnosis_date", "the diagnosis date is before the birth date"}}}});
}

TEST(ValidateRowTest, DeathBeforeDiagnosisOrBirthBreaksX2) {
  RunCases({
      {"death before diagnosis",
       {{kDeathDate, "20240109"}},
       {{"X2 diagnosis_date/death_date", "the death date is before the diagnosis date"}}},
      {"death on diagnosis day", {{kDeathDate, "20240110"}}, {}},
      {"death before birth",
       {{kDeathDate, "19400101"}},
       {{"X2 diagnosis_date/death_date", "the death date is before the diagnosis date"},
        {"X2 birth_date/death_date", "the death date is before the birth date"}}},
  });
}

TEST(ValidateRowTest, BasisWithoutHistologyNeedsNonHistologicalCellTypeX3) {
  RunCases({
      {"basis 5 with adenocarcinoma",
       {{kBasisOfDiagnosis, "5"}},
       {{"X3 basis_of_diagnosis/morphology",
         "basis of diagnosis 5 (clinical tests incl. imaging) requires a cell type that may be "
         "coded without histology (8000–8005, 8170, 8720, 8960, 9140, 9350, 9380, 9500, 9510, "
         "9530, 9590, 9732, 9800, 9820, 9860, 9861, 9863), not 8140"}}},
      {"basis 9 with adenocarcinoma",
       {{kBasisOfDiagnosis, "9"}},
       {{"X3 basis_of_diagnosis/morphology",
         "basis of diagnosis 9 (unknown) requires a cell type that may be coded without "
         "histology (8000–8005, 8170, 8720, 8960, 9140, 9350, 9380, 9500, 9510, 9530, 9590, "
         "9732, 9800, 9820, 9860, 9861, 9863), not 8140"}}},
      {"basis 6 with 8000", {{kBasisOfDiagnosis, "6"}, {kMorphology, "800039"}}, {}},
      {"basis 4 with 8005", {{kBasisOfDiagnosis, "4"}, {kMorphology, "800539"}}, {}},
      {"basis 5 with 8170", {{kBasisOfDiagnosis, "5"}, {kMorphology, "817039"}}, {}},
      {"basis 3 with adenocarcinoma", {{kBasisOfDiagnosis, "3"}}, {}},
  });
}

TEST(ValidateRowTest, BenignBehaviourOnlyForCnsSitesX4) {
  RunCases({
      {"benign colon",
       {{kMorphology, "814001"}},
       {{"X4 morphology/primary_site",
         "behaviour 0 (benign) is accepted only for intracranial and CNS sites (C70–C72, "
         "C75.1–C75.3), not C18.7"}}},
      {"uncertain colon",
       {{kMorphology, "814011"}},
       {{"X4 morphology/primary_site",
         "behaviour 1 (uncertain) is accepted only for intracranial and CNS sites (C70–C72, "
         "C75.1–C75.3), not C18.7"}}},
      {"benign brain", {{kPrimarySite, "C71.0"}, {kMorphology, "953001"}}, {}},
      {"uncertain spinal cord", {{kPrimarySite, "C72.0"}, {kMorphology, "938319"}}, {}},
      {"benign pituitary", {{kPrimarySite, "C75.1"}, {kMorphology, "827109"}}, {}},
      {"benign pineal", {{kPrimarySite, "C75.3"}, {kMorphology, "936109"}}, {}},
      {"benign adrenal-like C75.4",
       {{kPrimarySite, "C75.4"}, {kMorphology, "869301"}},
       {{"X4 morphology/primary_site",
         "behaviour 0 (benign) is accepted only for intracranial and CNS sites (C70–C72, "
         "C75.1–C75.3), not C75.4"}}},
  });
}

TEST(ValidateRowTest, LeukaemiaAndMyelomaNeedExtent777X5) {
  RunCases({
      {"myeloma with 410",
       {{kMorphology, "973239"}},
       {{"X5 morphology/extent_before_treatment",
         "leukaemia or multiple myeloma (cell type 9732) requires extent before treatment = 777 "
         "(not applicable), not 410"}}},
      {"myeloma with 777", {{kMorphology, "973239"}, {kExtentBefore, "777"}}, {}},
      {"leukaemia 9861 with 440",
       {{kMorphology, "986139"}, {kExtentBefore, "440"}},
       {{"X5 morphology/extent_before_treatment",
         "leukaemia or multiple myeloma (cell type 9861) requires extent before treatment = 777 "
         "(not applicable), not 440"}}},
      {"lymphoma 9680 is not in X5", {{kMorphology, "968039"}}, {}},
  });
}

// A row treated elsewhere: nothing done here, so every flag 2, extent after surgery 660 and
// treatment extent 6.
std::vector<std::pair<Item, std::string>> TreatedElsewhere(std::string facility) {
  return {{kTreatingFacility, std::move(facility)},
          {kSurgery, "2"},
          {kExtentAfterSurgery, "660"},
          {kTreatmentExtent, "6"}};
}

std::vector<std::pair<Item, std::string>> With(std::vector<std::pair<Item, std::string>> base,
                                               std::vector<std::pair<Item, std::string>> more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

TEST(ValidateRowTest, TreatedElsewhereRowsAreValid) {
  RunCases({
      {"facility 1", TreatedElsewhere("1"), {}},
      {"facility 4", TreatedElsewhere("4"), {}},
      {"facility 8", TreatedElsewhere("8"), {}},
      {"facility 3 with surgery here", {{kTreatingFacility, "3"}}, {}},
  });
}

TEST(ValidateRowTest, TreatingFacilityOneOrFourRequiresExtent660R1) {
  // With every surgical flag 2, R2 asks for the same 660, so both rules report.
  RunCases({
      {"facility 1 with 410",
       With(TreatedElsewhere("1"), {{kExtentAfterSurgery, "410"}}),
       {{"R1 treating_facility/extent_after_surgery",
         "treating facility 1 (no first treatment here) requires extent after surgery = 660 "
         "(treatment before surgery / no surgery here), not 410"},
        {"R2 surgery/scopic_surgery/endoscopic_treatment/extent_after_surgery",
         "no surgery, scopic surgery or endoscopic treatment here (all 2) requires extent after "
         "surgery = 660 (treatment before surgery / no surgery here), not 410"}}},
      // Surgery unknown (9): R2 does not apply, R3 does.
      {"facility 4 with 777 and surgery unknown",
       With(TreatedElsewhere("4"), {{kExtentAfterSurgery, "777"}, {kSurgery, "9"}}),
       {{"R1 treating_facility/extent_after_surgery",
         "treating facility 4 (seen after treatment elsewhere) requires extent after surgery = "
         "660 (treatment before surgery / no surgery here), not 777"},
        {"R3 treating_facility/surgery",
         "treating facility 4 (seen after treatment elsewhere) requires surgery = 2 (not done "
         "here), not 9"}}},
  });
}

TEST(ValidateRowTest, BloodAndBoneMarrowRequireExtent777R1R2) {
  auto leukaemia = With(TreatedElsewhere("4"),
                        {{kPrimarySite, "C42.1"}, {kMorphology, "986139"}, {kExtentBefore, "777"}});
  RunCases({
      {"C42.1 with 777", With(leukaemia, {{kExtentAfterSurgery, "777"}}), {}},
      {"C42.1 with 660",
       leukaemia,
       {{"R1 treating_facility/extent_after_surgery",
         "treating facility 4 (seen after treatment elsewhere) with primary site C42.1 requires "
         "extent after surgery = 777 (not applicable), not 660"},
        {"R2 surgery/scopic_surgery/endoscopic_treatment/extent_after_surgery",
         "no surgery, scopic surgery or endoscopic treatment here (all 2) with primary site "
         "C42.1 requires extent after surgery = 777 (not applicable), not 660"}}},
  });
}

TEST(ValidateRowTest, NoSurgicalTreatmentRequiresExtent660R2) {
  RunCases({
      {"all 2 with 410",
       {{kSurgery, "2"}, {kTreatmentExtent, "6"}},
       {{"R2 surgery/scopic_surgery/endoscopic_treatment/extent_after_surgery",
         "no surgery, scopic surgery or endoscopic treatment here (all 2) requires extent after "
         "surgery = 660 (treatment before surgery / no surgery here), not 410"}}},
      {"all 2 with 660",
       {{kSurgery, "2"}, {kTreatmentExtent, "6"}, {kExtentAfterSurgery, "660"}},
       {}},
      {"endoscopic only",
       {{kSurgery, "2"}, {kEndoscopicTreatment, "1"}, {kTreatmentExtent, "4"}},
       {}},
  });
}

TEST(ValidateRowTest, TreatingFacilityOneRequiresNoTreatmentHere) {
  RunCases({
      {"radiotherapy",
       With(TreatedElsewhere("1"), {{kRadiotherapy, "1"}}),
       {{"R3 treating_facility/radiotherapy",
         "treating facility 1 (no first treatment here) requires radiotherapy = 2 (not done "
         "here), not 1"}}},
      {"chemotherapy unknown with facility 8",
       With(TreatedElsewhere("8"), {{kChemotherapy, "9"}}),
       {{"R3 treating_facility/chemotherapy",
         "treating facility 8 (other) requires chemotherapy = 2 (not done here), not 9"}}},
      {"endocrine and other with facility 4",
       With(TreatedElsewhere("4"), {{kEndocrineTherapy, "1"}, {kOtherTreatment, "1"}}),
       {{"R3 treating_facility/endocrine_therapy",
         "treating facility 4 (seen after treatment elsewhere) requires endocrine therapy = 2 "
         "(not done here), not 1"},
        {"R3 treating_facility/other_treatment",
         "treating facility 4 (seen after treatment elsewhere) requires other treatment = 2 "
         "(not done here), not 1"}}},
      {"facility 2 may treat", {{kRadiotherapy, "1"}, {kChemotherapy, "1"}}, {}},
  });
}

TEST(ValidateRowTest, SurgicalTreatmentDecidesTreatmentExtentR4) {
  RunCases({
      {"surgery with extent 6",
       {{kTreatmentExtent, "6"}},
       {{"R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent",
         "surgery done here (surgery = 1) requires treatment extent 1, 4 or 9, not 6"}}},
      {"scopic with extent 6",
       {{kSurgery, "2"}, {kScopicSurgery, "1"}, {kTreatmentExtent, "6"}},
       {{"R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent",
         "scopic surgery done here (scopic_surgery = 1) requires treatment extent 1, 4 or 9, "
         "not 6"}}},
      {"surgery with extent 4", {{kTreatmentExtent, "4"}}, {}},
      {"surgery with extent 9", {{kTreatmentExtent, "9"}}, {}},
      {"none with extent 1",
       {{kSurgery, "2"}, {kExtentAfterSurgery, "660"}},
       {{"R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent",
         "no surgery, scopic surgery or endoscopic treatment done here requires treatment "
         "extent = 6 (no invasive treatment), not 1"}}},
      {"unknown surgery with extent 6", {{kSurgery, "9"}, {kTreatmentExtent, "6"}}, {}},
  });
}

TEST(ValidateRowTest, CrossRulesSkipItemsThatAreInvalidThemselves) {
  // The bad items are reported once, without cross-rule noise built on them.
  RunCases({
      {"invalid birth",
       {{kBirthDate, "20241301"}},
       {{"birth_date", "not a date that exists (yyyymmdd)"}}},
      {"invalid facility",
       {{kTreatingFacility, "7"}, {kRadiotherapy, "1"}},
       {{"treating_facility", "'7' is not 1, 2, 3, 4 or 8"}}},
      {"invalid morphology with basis 5",
       {{kBasisOfDiagnosis, "5"}, {kMorphology, "81403"}},
       {{"morphology", "'81403' is not 6 digits (cell type, behaviour, grade)"}}},
  });
}

TEST(ValidateRowTest, EveryProblemOfARowIsReported) {
  model::NotificationRow row = ValidRow();
  row[kSex] = "";
  row[kLaterality] = "0";
  row[kTreatmentExtent] = "6";
  std::vector<Expected> issues = Check(row);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].item, "sex");
  EXPECT_EQ(issues[1].item, "laterality");
  EXPECT_EQ(issues[2].item, "R4 surgery/scopic_surgery/endoscopic_treatment/treatment_extent");
}

TEST(ParseDateTest, Calendar) {
  int32_t d = 0;
  EXPECT_TRUE(internal::ParseDate("20240229", &d));
  EXPECT_EQ(d, 20240229);
  EXPECT_TRUE(internal::ParseDate("20000229", &d));
  EXPECT_FALSE(internal::ParseDate("21000229", &d));
  EXPECT_FALSE(internal::ParseDate("20230229", &d));
  EXPECT_TRUE(internal::ParseDate("20231231", &d));
  EXPECT_FALSE(internal::ParseDate("20231232", &d));
  EXPECT_FALSE(internal::ParseDate("20230431", &d));
  EXPECT_FALSE(internal::ParseDate("00000101", &d));
  EXPECT_FALSE(internal::ParseDate("2023011", &d));
  EXPECT_FALSE(internal::ParseDate("2023O101", &d));
}

}  // namespace
}  // namespace ganreg::validate
