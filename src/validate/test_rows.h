// Test helpers: a synthetic notification row that is valid under every rule, and CSV text for
// rows and headers. For tests only.
#pragma once

#include <string>
#include <string_view>

#include "model/notification.h"

namespace ganreg::validate::test_rows {

// The day of intake the helpers' dates are valid against.
inline constexpr int32_t kToday = 20250601;

// Colon cancer (C18.7, adenocarcinoma 8140/3 grade 2), diagnosed by histology here and operated
// here with no residual tumour. Invented person.
inline model::NotificationRow ValidRow() {
  using enum model::Item;
  model::NotificationRow r;
  r[kMedicalRecordNo] = "A-000123";
  r[kKanaName] = "シケン タロウ";
  r[kName] = "試験 太郎";
  r[kSex] = "1";
  r[kBirthDate] = "19500415";
  r[kPrefectureCode] = "27";
  r[kAddress] = "大阪府大阪市中央区試験町１丁目";
  r[kLaterality] = "7";
  r[kPrimarySite] = "C18.7";
  r[kMorphology] = "814032";
  r[kDiagnosingFacility] = "1";
  r[kTreatingFacility] = "2";
  r[kBasisOfDiagnosis] = "1";
  r[kDiagnosisDate] = "20240110";
  r[kDiscoveryRoute] = "8";
  r[kExtentBefore] = "410";
  r[kExtentAfterSurgery] = "410";
  r[kSurgery] = "1";
  r[kScopicSurgery] = "2";
  r[kEndoscopicTreatment] = "2";
  r[kTreatmentExtent] = "1";
  r[kRadiotherapy] = "2";
  r[kChemotherapy] = "2";
  r[kEndocrineTherapy] = "2";
  r[kOtherTreatment] = "2";
  r[kDeathDate] = "";
  r[kRemarks] = "";
  return r;
}

// One CSV field, quoted when it needs to be (or always, with `force_quotes`).
inline std::string CsvField(std::string_view v, bool force_quotes = false) {
  if (!force_quotes && v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The row as one CSV record followed by `eol`.
inline std::string CsvLine(const model::NotificationRow& row, std::string_view eol = "\r\n") {
  std::string out;
  for (size_t i = 0; i < row.values.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(row.values[i]);
  }
  out += eol;
  return out;
}

// The header with Japanese labels (or English ids).
inline std::string CsvHeader(bool english = false, std::string_view eol = "\r\n") {
  std::string out;
  for (const model::ItemDef& d : model::Items()) {
    if (!out.empty()) out += ',';
    out += english ? d.id : d.label;
  }
  out += eol;
  return out;
}

}  // namespace ganreg::validate::test_rows
