// The synthetic notification generator: people, addresses and clinical items assembled into rows
// of the notification CSV layout, streamed to disk in chunks (constant memory for any row count),
// with a chosen number of rows carrying one known fault each for testing the validator.
#include "synth/synth.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/clock.h"
#include "model/notification.h"
#include "synth/clinical.h"
#include "synth/data.h"
#include "synth/util.h"
#include "text/csv_field.h"

namespace ganreg::synth {

namespace {

using internal::AppendCodePoint;
using internal::AppendYmd;
using internal::Clinical;
using internal::DaysFromYmd;
using internal::PickIndex;
using internal::Rng;
using internal::SynthData;
using internal::Utf8Length;
using model::Item;

constexpr std::string_view kIdeographicSpace = "\u3000";  // between family and given name
constexpr size_t kMaxAddress = 40;
constexpr size_t kChunkBytes = 1 << 20;  // output is converted and written 1 MiB at a time
// Keeps (2j+1)·rows, the position of the j-th fault, within 64 bits.
constexpr uint64_t kMaxRows = uint64_t{1} << 31;
// Streams of the PRNG: rows use their index; the file-level and fault streams sit far above.
constexpr uint64_t kFileStream = ~uint64_t{0};
constexpr uint64_t kFaultStreamBase = uint64_t{1} << 62;

// ---- faults ----

enum class FaultKind {
  kImpossibleBirthDate,
  kFutureDiagnosisDate,
  kDiagnosisBeforeBirth,
  kUnknownSex,
  kBadPrefectureCode,
  kBadTopography,
  kFiveDigitMorphology,
  kTreatedDespiteFacility,   // R3
  kTreatmentExtentMismatch,  // R4
  kHiraganaInKana,
  kNamePartTooLong,
  kMissingColumn,
};

struct FaultSpec {
  FaultKind kind;
  std::string_view item;  // as the validator names it: column id, or rule id
  std::string_view description;
};

// The rotation: the j-th faulty row gets kFaults[j % size]. Items follow
// docs/formats/notification-csv.md (column ids, rule ids X1/R3/R4) and src/validate ("row").
constexpr FaultSpec kFaults[] = {
    {FaultKind::kImpossibleBirthDate, "birth_date", "birth date that does not exist"},
    {FaultKind::kFutureDiagnosisDate, "diagnosis_date", "diagnosis date in the future"},
    {FaultKind::kDiagnosisBeforeBirth, "X1", "diagnosis date before birth date"},
    {FaultKind::kUnknownSex, "sex", "sex code 3"},
    {FaultKind::kBadPrefectureCode, "prefecture_code", "prefecture code 48"},
    {FaultKind::kBadTopography, "primary_site", "topography C39.5 does not exist"},
    {FaultKind::kFiveDigitMorphology, "morphology", "5-digit morphology"},
    {FaultKind::kTreatedDespiteFacility, "R3", "treating facility 1 with radiotherapy 1"},
    {FaultKind::kTreatmentExtentMismatch, "R4", "treatment extent contradicts the treatments"},
    {FaultKind::kHiraganaInKana, "kana_name", "hiragana in the kana name"},
    {FaultKind::kNamePartTooLong, "name", "name part longer than 10 characters"},
    // A record with the wrong number of columns is a problem of the whole row, item "row".
    {FaultKind::kMissingColumn, "row", "row with 26 columns (remarks missing)"},
};
constexpr size_t kFaultKinds = std::size(kFaults);

// ---- people and dates ----

// Age at diagnosis in 5-year bands 0–4 … 95–99: cancer is mostly a disease of old age; breast,
// cervix, thyroid and testis come earlier.
constexpr uint32_t kAgeOld[20] = {1,  1,  1,   2,   3,   5,   8,   14,  25, 40,
                                  55, 80, 120, 190, 240, 230, 190, 120, 50, 12};
constexpr uint32_t kAgeYounger[20] = {0,   0,   0,   1,   5,  15, 35, 60, 95, 120,
                                      110, 100, 100, 105, 95, 70, 50, 30, 12, 3};

// Days between diagnosis and the day of generation: mostly the last two years.
struct DayBand {
  int32_t from;
  int32_t to;  // exclusive
  uint32_t weight;
};
constexpr DayBand kDiagnosisBack[] = {
    {0, 365, 45}, {365, 730, 30}, {730, 1095, 12}, {1095, 1825, 8}, {1825, 5475, 5}};
constexpr DayBand kDeathAfter[] = {{0, 90, 25}, {90, 365, 35}, {365, 1095, 30}, {1095, 3650, 10}};

int32_t PickDays(Rng& rng, std::span<const DayBand> bands) {
  const DayBand& b = internal::PickWeighted(rng, bands);
  return static_cast<int32_t>(rng.Between(b.from, b.to - 1));
}

// ---- text helpers ----

void AppendInt(std::string& out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(buf[--n]);
}

void AppendPadded(std::string& out, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

// Digits as full-width (０–９), as many hand-typed Japanese addresses have them.
void AppendFullWidth(std::string& out, uint64_t v) {
  std::string ascii;
  AppendInt(ascii, v);
  for (char c : ascii) AppendCodePoint(out, U'\uff10' + static_cast<char32_t>(c - '0'));
}

// Kanji numerals (漢数字) for 1–9999: 十二, 二十五, 百五, 千二百三十四.
void AppendKanjiNumber(std::string& out, uint32_t v) {
  static constexpr std::string_view kDigits[] = {"",   "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
  static constexpr std::string_view kUnits[] = {"千", "百", "十", ""};
  static constexpr uint32_t kPowers[] = {1000, 100, 10, 1};
  for (int i = 0; i < 4; ++i) {
    const uint32_t d = v / kPowers[i] % 10;
    if (d == 0) continue;
    if (d != 1 || i == 3) out += kDigits[d];  // 十, not 一十
    out += kUnits[i];
  }
}

// ---- output ----

// Buffers whole rows and writes them in chunks, converted to CP932 if asked. Memory use is one
// chunk, whatever the number of rows.
class Sink {
 public:
  Sink(text::Encoding encoding, std::filesystem::path path)
      : encoding_(encoding), path_(std::move(path)) {}
  // A file left unfinished by an error is removed: half a file would look like a short one.
  ~Sink() {
    if (file_ == nullptr) return;
    std::fclose(file_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  Status Open() {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) return IoError("cannot create");
    buffer_.reserve(kChunkBytes + 4096);
    return Status::Ok();
  }

  std::string& buffer() { return buffer_; }

  Status MaybeFlush() { return buffer_.size() >= kChunkBytes ? Flush() : Status::Ok(); }

  Status Close() {
    GANREG_RETURN_IF_ERROR(Flush());
    if (std::fclose(file_) != 0) {
      file_ = nullptr;
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
      return IoError("cannot close");
    }
    file_ = nullptr;
    return Status::Ok();
  }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    std::string_view bytes = buffer_;
    std::string converted;
    if (encoding_ == text::Encoding::kCp932) {
      // Chunks end at row boundaries, so no character is ever split between two conversions.
      Result<std::string> cp932 = text::Utf8ToCp932(buffer_);
      if (!cp932.ok()) {
        return Status::Internal("synthetic data has a character without a CP932 form: " +
                                cp932.status().message());
      }
      converted = std::move(cp932).value();
      bytes = converted;
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      return IoError("cannot write");
    }
    buffer_.clear();
    return Status::Ok();
  }

  Status IoError(std::string_view what) const {
    return Status::Unavailable(std::string(what) + " " + path_.string() + ": " +
                               std::strerror(errno));
  }

  text::Encoding encoding_;
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

// ---- the generator ----

struct Case {
  model::NotificationRow row;
  Clinical clinical;
  int32_t birth_days = 0;
  int32_t diagnosis_days = 0;
  bool missing_remarks = false;  // write 26 columns
};

class Generator {
 public:
  Generator(const SynthData& data, const NotificationOptions& options, int32_t today)
      : data_(data),
        seed_(options.seed),
        newline_(options.crlf ? "\r\n" : "\n"),
        today_days_(internal::DaysFromYyyymmdd(today)),
        min_birth_days_(DaysFromYmd(1925, 1, 1)),
        max_birth_days_(DaysFromYmd(2010, 12, 31)) {
    // One hospital's file: one style of medical record number, chosen by the seed.
    Rng file_rng(seed_, kFileStream);
    mrn_style_ = static_cast<int>(file_rng.Below(4));
    mrn_offset_ = file_rng.Below(100'000'000);
  }

  // Generates row `index`. With `plain`, the site is one without site-specific rules.
  void Generate(uint64_t index, bool plain, Case* c) const {
    Rng rng(seed_, index);
    const bool male = rng.Percent(56);
    size_t group = internal::PickSiteGroup(rng, male);
    while (plain && !internal::IsPlainGroup(group)) group = internal::PickSiteGroup(rng, male);

    model::NotificationRow& row = c->row;
    MedicalRecordNo(index, &row[Item::kMedicalRecordNo]);

    const internal::NamePart& family = data_.last.Pick(rng);
    const internal::NamePart& given = (male ? data_.male : data_.female).Pick(rng);
    JoinName(family.katakana, given.katakana, &row[Item::kKanaName]);
    JoinName(family.kanji, given.kanji, &row[Item::kName]);
    row[Item::kSex] = male ? "1" : "2";

    internal::GenerateClinical(rng, group, &c->clinical);
    Dates(rng, internal::AgeProfileOf(group), c);

    Address(rng, &row[Item::kPrefectureCode], &row[Item::kAddress]);
    Remarks(rng, row[Item::kAddress], &row[Item::kRemarks]);
    c->missing_remarks = false;
  }

  // Writes the clinical struct's values into the row (after any fault changed it).
  static void FillClinical(Case* c) {
    const Clinical& k = c->clinical;
    model::NotificationRow& row = c->row;
    row[Item::kLaterality] = k.laterality;
    row[Item::kPrimarySite] = k.primary_site;
    row[Item::kMorphology] = k.morphology;
    row[Item::kDiagnosingFacility] = k.diagnosing_facility;
    row[Item::kTreatingFacility] = k.treating_facility;
    row[Item::kBasisOfDiagnosis] = k.basis_of_diagnosis;
    row[Item::kDiscoveryRoute] = k.discovery_route;
    row[Item::kExtentBefore] = k.extent_before;
    row[Item::kExtentAfterSurgery] = k.extent_after;
    row[Item::kSurgery] = k.surgery;
    row[Item::kScopicSurgery] = k.scopic_surgery;
    row[Item::kEndoscopicTreatment] = k.endoscopic_treatment;
    row[Item::kTreatmentExtent] = k.treatment_extent;
    row[Item::kRadiotherapy] = k.radiotherapy;
    row[Item::kChemotherapy] = k.chemotherapy;
    row[Item::kEndocrineTherapy] = k.endocrine_therapy;
    row[Item::kOtherTreatment] = k.other_treatment;
  }

  // Breaks exactly one item or rule of `c` (see kFaults). Clinical faults act on the struct
  // before FillClinical; the others on the row's text after it.
  void ApplyClinicalFault(FaultKind kind, Case* c) const {
    Clinical& k = c->clinical;
    if (kind == FaultKind::kTreatedDespiteFacility) {
      internal::MakeNotTreatedHere("1", &k);
      k.radiotherapy = "1";
    } else if (kind == FaultKind::kTreatmentExtentMismatch) {
      k.treatment_extent = internal::AnyInvasiveTreatment(k) ? "6" : "1";
    } else if (kind == FaultKind::kBadTopography) {
      k.primary_site = "C39.5";  // C39 has only .0, .8, .9
    } else if (kind == FaultKind::kFiveDigitMorphology) {
      k.morphology.pop_back();  // grade digit lost
    }
  }

  void ApplyRowFault(FaultKind kind, Rng& rng, Case* c) const {
    model::NotificationRow& row = c->row;
    switch (kind) {
      case FaultKind::kImpossibleBirthDate: {
        // A day that no month has, in the real birth year (so X1/X2 would still hold).
        static constexpr std::string_view kNoSuchDays[] = {"0230", "0231", "0431", "0631",
                                                           "0931", "1131", "1301", "0001"};
        row[Item::kBirthDate].resize(4);
        row[Item::kBirthDate] += kNoSuchDays[rng.Below(std::size(kNoSuchDays))];
        break;
      }
      case FaultKind::kFutureDiagnosisDate:
        row[Item::kDiagnosisDate] =
            internal::FormatDays(today_days_ + 1 + static_cast<int32_t>(rng.Below(365)));
        row[Item::kDeathDate].clear();  // a death date would now break X2 as well
        break;
      case FaultKind::kDiagnosisBeforeBirth:
        // Still a real date in the past; any death date stays after both (X2 holds).
        row[Item::kDiagnosisDate] =
            internal::FormatDays(c->birth_days - 1 - static_cast<int32_t>(rng.Below(3650)));
        break;
      case FaultKind::kUnknownSex:
        row[Item::kSex] = "3";
        break;
      case FaultKind::kBadPrefectureCode:
        row[Item::kPrefectureCode] = "48";
        break;
      case FaultKind::kHiraganaInKana:
        KatakanaToHiragana(&row[Item::kKanaName]);
        break;
      case FaultKind::kNamePartTooLong:
        LengthenGivenName(&row[Item::kName]);
        break;
      case FaultKind::kMissingColumn:
        row[Item::kRemarks].clear();
        c->missing_remarks = true;
        break;
      default:
        break;  // clinical faults are applied by ApplyClinicalFault
    }
  }

  // Appends the row as one CSV record; returns the number of line breaks inside it (a remark
  // with a line break makes the next row start on a later physical line).
  uint64_t AppendRow(const Case& c, std::string& out) const {
    uint64_t inner_breaks = 0;
    const int columns = c.missing_remarks ? model::kItemCount - 1 : model::kItemCount;
    for (int i = 0; i < columns; ++i) {
      if (i > 0) out.push_back(',');
      const std::string& v = c.row.values[static_cast<size_t>(i)];
      text::AppendCsvField(out, v);
      for (char ch : v) inner_breaks += ch == '\n';
    }
    out += newline_;
    return inner_breaks;
  }

  std::string_view newline() const { return newline_; }

 private:
  void MedicalRecordNo(uint64_t index, std::string* out) const {
    // 73939133 is prime to 10^8, so the numbers are distinct for every row yet look unordered.
    const uint64_t n = (mrn_offset_ + index * 73939133) % 100'000'000;
    out->clear();
    switch (mrn_style_) {
      case 0:
        AppendPadded(*out, n, 8);
        break;
      case 1:
        AppendPadded(*out, n / 1'000'000, 2);
        out->push_back('-');
        AppendPadded(*out, n % 1'000'000, 6);
        break;
      case 2:
        out->push_back('K');
        AppendPadded(*out, n, 8);
        break;
      default: {
        std::string ascii;
        AppendPadded(ascii, n, 8);
        for (char ch : ascii) AppendCodePoint(*out, U'\uff10' + static_cast<char32_t>(ch - '0'));
        break;
      }
    }
  }

  static void JoinName(std::string_view family, std::string_view given, std::string* out) {
    out->assign(family);
    *out += kIdeographicSpace;
    *out += given;
  }

  void Dates(Rng& rng, internal::AgeProfile profile, Case* c) const {
    model::NotificationRow& row = c->row;
    int32_t diagnosis = today_days_ - PickDays(rng, kDiagnosisBack);
    if (diagnosis < min_birth_days_) diagnosis = min_birth_days_;
    const uint32_t* ages = profile == internal::AgeProfile::kOld ? kAgeOld : kAgeYounger;
    const int32_t latest_birth = std::min(max_birth_days_, diagnosis);
    int32_t birth = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
      const auto band = static_cast<int32_t>(PickIndex(rng, std::span<const uint32_t>(ages, 20)));
      const int32_t age_days = (band * 5 + static_cast<int32_t>(rng.Below(5))) * 365 +
                               static_cast<int32_t>(rng.Below(365));
      birth = diagnosis - age_days;
      if (birth >= min_birth_days_ && birth <= latest_birth) break;
    }
    birth = std::clamp(birth, min_birth_days_, latest_birth);  // X1: birth ≤ diagnosis
    c->birth_days = birth;
    c->diagnosis_days = diagnosis;
    row[Item::kBirthDate].clear();
    AppendYmd(row[Item::kBirthDate], internal::YyyymmddFromDays(birth));
    row[Item::kDiagnosisDate].clear();
    AppendYmd(row[Item::kDiagnosisDate], internal::YyyymmddFromDays(diagnosis));
    row[Item::kDeathDate].clear();
    if (rng.PerMille(c->clinical.death_per_mille)) {
      int32_t death = diagnosis + PickDays(rng, kDeathAfter);
      if (death > today_days_) {  // X2: diagnosis ≤ death, and not in the future
        death = diagnosis +
                static_cast<int32_t>(rng.Below(static_cast<uint64_t>(today_days_ - diagnosis) + 1));
      }
      AppendYmd(row[Item::kDeathDate], internal::YyyymmddFromDays(death));
    }
  }

  // 診断時住所: municipality + town + block numbers, in the many ways people write them.
  void Address(Rng& rng, std::string* prefecture, std::string* address) const {
    if (rng.PerMille(2)) {  // the layout's way of saying "unknown"
      *prefecture = "99";
      *address = "住所不明";
      return;
    }
    const internal::Place& place = data_.places.Pick(rng);
    const std::string& town = data_.towns[rng.Below(data_.towns.size())];
    *prefecture = place.prefecture_code;
    const auto chome = static_cast<uint32_t>(rng.Between(1, 9));
    const auto ban =
        static_cast<uint32_t>(rng.PerMille(850) ? rng.Between(1, 40) : rng.Between(41, 3000));
    const auto go = static_cast<uint32_t>(rng.Between(1, 30));
    const int style = static_cast<int>(rng.Below(10));
    for (int attempt = 0; attempt < 2; ++attempt) {
      address->assign(place.municipality);
      *address += town;
      switch (attempt == 0 ? style : 1) {
        case 0:  // 三丁目12番5号
          AppendKanjiNumber(*address, chome);
          *address += "丁目";
          AppendInt(*address, ban);
          *address += "番";
          AppendInt(*address, go);
          *address += "号";
          break;
        case 1:  // 3-12-5
          AppendInt(*address, chome);
          *address += '-';
          AppendInt(*address, ban);
          *address += '-';
          AppendInt(*address, go);
          break;
        case 2:  // ３－１２－５
          AppendFullWidth(*address, chome);
          *address += "－";
          AppendFullWidth(*address, ban);
          *address += "－";
          AppendFullWidth(*address, go);
          break;
        case 3:  // 1234番地
          AppendInt(*address, ban);
          *address += "番地";
          break;
        case 4:  // 123の4
          AppendInt(*address, ban);
          *address += "の";
          AppendInt(*address, go);
          break;
        case 5:  // 三丁目十二番五号
          AppendKanjiNumber(*address, chome);
          *address += "丁目";
          AppendKanjiNumber(*address, ban);
          *address += "番";
          AppendKanjiNumber(*address, go);
          *address += "号";
          break;
        case 6:  // 三丁目12-5
          AppendKanjiNumber(*address, chome);
          *address += "丁目";
          AppendInt(*address, ban);
          *address += '-';
          AppendInt(*address, go);
          break;
        case 7:  // １２３番地
          AppendFullWidth(*address, ban);
          *address += "番地";
          break;
        case 8:  // 123番地4
          AppendInt(*address, ban);
          *address += "番地";
          AppendInt(*address, go);
          break;
        default:  // 3-12-5-201 (a flat)
          AppendInt(*address, chome);
          *address += '-';
          AppendInt(*address, ban);
          *address += '-';
          AppendInt(*address, go);
          *address += '-';
          AppendInt(*address, static_cast<uint64_t>(rng.Between(1, 12)) * 100 +
                                  static_cast<uint64_t>(rng.Between(1, 9)));
          break;
      }
      if (Utf8Length(*address) <= kMaxAddress) return;
    }
  }

  // 備考: mostly empty; some notes, a few that need CSV quoting, rarely a line break.
  void Remarks(Rng& rng, std::string_view address, std::string* out) const {
    out->clear();
    const uint64_t r = rng.Below(10'000);
    if (r >= 300) return;
    static constexpr std::string_view kNotes[] = {"他院より紹介",
                                                  "重複がんあり",
                                                  "診断日は推定",
                                                  "前医で初回治療",
                                                  "再発疑いで紹介",
                                                  "病理結果待ち",
                                                  "セカンドオピニオン後に治療"};
    if (r < 2) {
      *out = "再発の疑い";
      *out += newline_;  // a quoted line break: the next row starts one line later
      *out += "経過観察中";
    } else if (r < 20) {
      *out = "紹介元: 内科, 外科";  // ASCII comma: the field is quoted
    } else if (r < 30) {
      *out = "\"経過観察\"を希望";  // quotes inside: doubled in the file
    } else if (r < 80 && address != "住所不明") {
      *out = "現住所：";  // the current address, which is why remarks are identity data
      *out += address;
    } else {
      *out = kNotes[r % std::size(kNotes)];
    }
  }

  static void KatakanaToHiragana(std::string* kana) {
    std::u32string cps;
    internal::DecodeUtf8(*kana, &cps);
    std::string out;
    bool changed = false;
    for (char32_t cp : cps) {
      // ァ–ン map to ぁ–ん; ヴ, ヵ, ヶ are left alone (their hiragana are not in CP932).
      if (cp >= U'\u30a1' && cp <= U'\u30f3') {
        cp -= 0x60;
        changed = true;
      }
      AppendCodePoint(out, cp);
    }
    if (!changed) out.insert(0, "あ");  // a reading made only of ヴ/ー: still gets a hiragana
    *kana = std::move(out);
  }

  static void LengthenGivenName(std::string* name) {
    const size_t space = name->find(kIdeographicSpace);
    const std::string given = name->substr(space + kIdeographicSpace.size());
    std::string longer = given;
    while (Utf8Length(longer) <= 10) longer += given;
    name->resize(space + kIdeographicSpace.size());
    *name += longer;
  }

  const SynthData& data_;
  uint64_t seed_;
  std::string_view newline_;
  int32_t today_days_;
  int32_t min_birth_days_;
  int32_t max_birth_days_;
  int mrn_style_ = 0;
  uint64_t mrn_offset_ = 0;
};

}  // namespace

std::filesystem::path DefaultDataDir() {
  const char* env = std::getenv("GANREG_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return GANREG_DEFAULT_DATA_DIR;
}

Result<GenerationReport> WriteNotifications(const NotificationOptions& options,
                                            const std::filesystem::path& out) {
  if (options.rows > kMaxRows) {
    return Status::InvalidArgument("at most " + std::to_string(kMaxRows) + " rows");
  }
  if (options.faulty_rows > options.rows) {
    return Status::InvalidArgument("faulty rows (" + std::to_string(options.faulty_rows) +
                                   ") exceed rows (" + std::to_string(options.rows) + ")");
  }
  if (options.bom && options.encoding != text::Encoding::kUtf8) {
    return Status::InvalidArgument("a byte order mark is only written with UTF-8");
  }
  // Without a date given, "today" is the Japan date now; pass one for reproducible files.
  const int32_t today =
      options.today != 0 ? options.today : JapanDate(Clock::System().NowSeconds());
  if (!internal::IsValidYmd(today) || today < 19500101 || today > 90001231) {
    return Status::InvalidArgument("today must be a date yyyymmdd between 1950 and 9000");
  }
  const std::filesystem::path data_dir =
      options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  GANREG_ASSIGN_OR_RETURN(SynthData data, internal::LoadSynthData(data_dir));

  Generator gen(data, options, today);
  Sink sink(options.encoding, out);
  GANREG_RETURN_IF_ERROR(sink.Open());

  std::string& buf = sink.buffer();
  if (options.bom) buf += "\xEF\xBB\xBF";
  for (int i = 0; i < model::kItemCount; ++i) {
    if (i > 0) buf.push_back(',');
    buf += model::Items()[static_cast<size_t>(i)].label;
  }
  buf += gen.newline();

  GenerationReport report;
  report.faults.reserve(options.faulty_rows);
  // The j-th fault goes to row ⌊(2j+1)·N/2K⌋: evenly spread, distinct, the same for every seed.
  const uint64_t n = options.rows;
  const uint64_t k = options.faulty_rows;
  uint64_t next_fault = 0;
  auto fault_row = [&](uint64_t j) { return (2 * j + 1) * n / (2 * k); };

  Case c;
  uint64_t line = 2;  // the header is line 1
  for (uint64_t index = 0; index < n; ++index) {
    const bool faulty = next_fault < k && fault_row(next_fault) == index;
    const FaultSpec* fault = faulty ? &kFaults[next_fault % kFaultKinds] : nullptr;
    gen.Generate(index, fault != nullptr && fault->kind == FaultKind::kBadTopography, &c);
    if (fault != nullptr) gen.ApplyClinicalFault(fault->kind, &c);
    Generator::FillClinical(&c);
    if (fault != nullptr) {
      Rng fault_rng(options.seed, kFaultStreamBase + next_fault);
      gen.ApplyRowFault(fault->kind, fault_rng, &c);
      report.faults.push_back(
          InjectedFault{line, std::string(fault->item), std::string(fault->description)});
      ++next_fault;
    }
    line += 1 + gen.AppendRow(c, buf);
    GANREG_RETURN_IF_ERROR(sink.MaybeFlush());
  }
  GANREG_RETURN_IF_ERROR(sink.Close());
  report.rows = n;
  return report;
}

}  // namespace ganreg::synth
