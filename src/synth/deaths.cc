// The synthetic death information form generator: invented people, and deaths of notified people
// with the variation real forms have against notifications (reading missing, a move, the name
// written with another space). Death files are small, so the file is built in memory.
#include "synth/deaths.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "synth/data.h"
#include "synth/util.h"
#include "text/csv_field.h"

namespace ganreg::synth {

namespace {

using internal::Rng;

constexpr uint64_t kInventedStream = uint64_t{1} << 40;
constexpr uint64_t kNotifiedStream = uint64_t{1} << 41;
constexpr uint64_t kFaultStream = uint64_t{1} << 42;

// Causes other than cancer (ICD-10), as on death certificates of older people.
constexpr std::string_view kOtherCauses[] = {"I21.9", "I50.9", "I63.9", "J18.9", "J69.0",
                                             "N18.9", "F03",   "I67.9", "E14.9", "A41.9"};
// Cancer causes of invented people.
constexpr std::string_view kCancerCauses[] = {"C34.9", "C16.9", "C18.9", "C22.0", "C25.9",
                                              "C20",   "C50.9", "C61",   "C15.9", "C92.0",
                                              "C56",   "C64",   "C67.9", "C71.9", "C90.0"};

std::string Number(uint64_t v) { return std::to_string(v); }

int32_t ToDays(std::string_view ymd) {
  int32_t v = 0;
  for (char c : ymd) v = v * 10 + (c - '0');
  return internal::DaysFromYyyymmdd(v);
}

bool IsYmd(std::string_view v) {
  if (v.size() != 8) return false;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
  }
  int32_t n = 0;
  for (char c : v) n = n * 10 + (c - '0');
  return internal::IsValidYmd(n);
}

// Place of death: mostly a hospital (as in Japan, about 70 %), else home, a nursing home or a
// care facility.
void Place(Rng& rng, const std::vector<std::string>& hospitals, std::string* kind,
           std::string* institution) {
  const uint64_t r = rng.Below(100);
  if (r < 70) {
    *kind = "1";
    *institution = hospitals[rng.Below(hospitals.size())];
  } else if (r < 85) {
    *kind = "6";
    institution->clear();
  } else if (r < 95) {
    *kind = "5";
    institution->clear();
  } else {
    *kind = "3";
    institution->clear();
  }
}

}  // namespace

std::string CauseFromTopography(std::string_view t) {
  if (t.size() < 3 || t[0] != 'C') return "";
  const std::string_view organ = t.substr(0, 3);
  if (organ == "C42") return "C95.9";  // haematopoietic system: leukaemia NOS
  if (organ == "C77") return "C85.9";  // lymph nodes: lymphoma NOS
  return std::string(t);
}

Result<DeathGenerationReport> WriteDeaths(const DeathOptions& options,
                                          const std::filesystem::path& out) {
  GANREG_ASSIGN_OR_RETURN(internal::SynthData data, internal::LoadSynthData(options.data_dir));
  std::vector<std::string> hospitals = options.hospitals;
  if (hospitals.empty()) {
    for (int i = 1; i <= 5; ++i) hospitals.push_back("131000000" + std::to_string(i));
  }
  const std::string newline = options.crlf ? "\r\n" : "\n";
  const int32_t today_days = internal::DaysFromYyyymmdd(options.today);
  DeathGenerationReport report;
  std::string text =
      "カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,"
      "死亡したところの種別,死亡した施設" + newline;
  uint64_t line = 1;
  auto emit = [&](const std::array<std::string, 10>& v, DeathTruth truth) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) text.push_back(',');
      text::AppendCsvField(text, v[i]);
    }
    text += newline;
    truth.line = ++line;
    report.rows.push_back(std::move(truth));
  };

  // Deaths of notified people.
  for (size_t n = 0; n < options.notified.size(); ++n) {
    Rng rng(options.seed, kNotifiedStream + n);
    const model::NotificationRow& row = options.notified[n];
    using model::Item;
    std::array<std::string, 10> v;
    v[0] = rng.Percent(30) ? "" : row[Item::kKanaName];  // municipalities often leave it out
    v[1] = row[Item::kName];
    v[2] = row[Item::kSex];
    v[3] = row[Item::kBirthDate];
    v[4] = row[Item::kPrefectureCode];
    v[5] = row[Item::kAddress];
    if (rng.Percent(15)) {  // moved since the diagnosis
      const internal::Place& place = data.places.Pick(rng);
      v[4] = place.prefecture_code;
      v[5] = place.municipality + data.towns[rng.Below(data.towns.size())] +
             Number(static_cast<uint64_t>(rng.Between(1, 9))) + "-" +
             Number(static_cast<uint64_t>(rng.Between(1, 40))) + "-" +
             Number(static_cast<uint64_t>(rng.Between(1, 30)));
    }
    // Died after the diagnosis (and after any death date the hospital knew of: the same day).
    int32_t death_days = today_days - static_cast<int32_t>(rng.Below(30));
    if (IsYmd(row[Item::kDeathDate])) {
      death_days = ToDays(row[Item::kDeathDate]);
    } else if (IsYmd(row[Item::kDiagnosisDate])) {
      const int32_t diagnosis = ToDays(row[Item::kDiagnosisDate]);
      death_days = std::min(today_days, diagnosis + static_cast<int32_t>(rng.Below(900)));
    }
    v[6] = internal::FormatDays(death_days);
    const std::string cancer = CauseFromTopography(row[Item::kPrimarySite]);
    const bool of_cancer = !cancer.empty() && rng.Percent(85);
    v[7] = of_cancer ? cancer : std::string(kOtherCauses[rng.Below(std::size(kOtherCauses))]);
    Place(rng, hospitals, &v[8], &v[9]);
    emit(v, {0, static_cast<int64_t>(n), of_cancer, v[9], ""});
  }

  // Deaths of invented people.
  for (uint64_t i = 0; i < options.invented; ++i) {
    Rng rng(options.seed, kInventedStream + i);
    const bool male = rng.Percent(55);
    const internal::NamePart& family = data.last.Pick(rng);
    const internal::NamePart& given = (male ? data.male : data.female).Pick(rng);
    std::array<std::string, 10> v;
    v[0] = rng.Percent(30) ? "" : family.katakana + "\u3000" + given.katakana;
    v[1] = family.kanji + "\u3000" + given.kanji;
    v[2] = male ? "1" : "2";
    const int32_t death_days = today_days - static_cast<int32_t>(rng.Below(700));
    const int32_t age_days = static_cast<int32_t>(rng.Between(45 * 365, 98 * 365));
    v[3] = internal::FormatDays(death_days - age_days);
    const internal::Place& place = data.places.Pick(rng);
    v[4] = place.prefecture_code;
    v[5] = place.municipality + data.towns[rng.Below(data.towns.size())] +
           Number(static_cast<uint64_t>(rng.Between(1, 9))) + "-" +
           Number(static_cast<uint64_t>(rng.Between(1, 40))) + "-" +
           Number(static_cast<uint64_t>(rng.Between(1, 30)));
    v[6] = internal::FormatDays(death_days);
    const bool of_cancer = rng.Below(100) < options.cancer_percent;
    v[7] = of_cancer ? std::string(kCancerCauses[rng.Below(std::size(kCancerCauses))])
                     : std::string(kOtherCauses[rng.Below(std::size(kOtherCauses))]);
    Place(rng, hospitals, &v[8], &v[9]);
    emit(v, {0, -1, of_cancer, v[9], ""});
  }

  // Faulty rows, each breaking one item or rule as the reader names it.
  static constexpr std::string_view kFaultItems[] = {"underlying_cause", "death_date", "place_kind",
                                                     "D1 birth_date/death_date", "name"};
  for (uint64_t j = 0; j < options.faulty_rows; ++j) {
    Rng rng(options.seed, kFaultStream + j);
    const internal::NamePart& family = data.last.Pick(rng);
    const internal::NamePart& given = data.female.Pick(rng);
    std::array<std::string, 10> v = {"",   family.kanji + "\u3000" + given.kanji,
                                     "2",  "19400101",
                                     "13", "千代田区霞が関1-1-1",
                                     "20250105", "C34.9", "6", ""};
    const std::string_view fault = kFaultItems[j % std::size(kFaultItems)];
    if (fault == "underlying_cause") v[7] = "肺がん";
    if (fault == "death_date") v[6] = "20250231";
    if (fault == "place_kind") v[8] = "9";
    if (fault == "D1 birth_date/death_date") v[6] = "19300101";
    if (fault == "name") v[1] = family.kanji + given.kanji;
    emit(v, {0, -1, false, "", std::string(fault)});
  }

  std::string bytes = std::move(text);
  if (options.encoding == text::Encoding::kCp932) {
    GANREG_ASSIGN_OR_RETURN(bytes, text::Utf8ToCp932(bytes));
  }
  FILE* f = std::fopen(out.c_str(), "wb");
  if (f == nullptr) return Status::Unavailable(out.string() + ": cannot create");
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) {
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    return Status::Unavailable(out.string() + ": write failed");
  }
  return report;
}

}  // namespace ganreg::synth
