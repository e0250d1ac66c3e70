// A synthetic registry population with ground truth (`ganreg synth population`, and the
// linkage benchmark's data): invented persons with one or more tumours, each tumour notified by
// one or more hospitals, some persons dying (death information forms) and some dying of a
// cancer no hospital notified. Every notification is written with the corruption a registry
// sees between two notifications of one person (docs/linkage.md, "The synthetic population"):
// reading typos and long-vowel spellings, kanji variants, missing readings, names without a
// space, birth-date typos, day/month swaps and era conversion errors, address format variants
// and moves, a surname changed at marriage, twins, and common names.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/notification.h"

namespace ganreg::synth {

struct PopulationOptions {
  uint64_t notifications = 1000;
  uint64_t seed = 1;
  uint32_t hospitals = 5;           // notification files, one per hospital (1–99)
  uint32_t death_percent = 20;      // notified persons whose death form is in the death file
  uint32_t dcn_per_mille = 20;      // per 1000 notified persons: deaths of persons never notified
  double duplicate_share = 0.5;     // persons notified more than once
  int max_extra_notifications = 3;  // further notifications of such a person: 1..max
  double twin_share = 0.02;         // persons with a twin (same family, birth date, address)
  double corruption = 1.0;          // scales every corruption probability (1: the default profile)
  int32_t today = 0;                // yyyymmdd; 0: the Japan date now
  std::filesystem::path data_dir;   // names.tsv, places.tsv, towns.tsv (synth.h DefaultDataDir)
};

// What the generator did to one notification (bits), for error analysis. A notification is
// compared against the person's own values, so a bit says how this record differs from them.
enum PopulationCorruption : uint32_t {
  kCorruptFamilyVariant = 1u << 0,   // a kanji variant in the surname (髙橋)
  kCorruptGivenVariant = 1u << 1,    // … in the given name
  kCorruptFamilyKanaTypo = 1u << 2,  // one kana of the surname's reading replaced or dropped
  kCorruptGivenKanaTypo = 1u << 3,
  kCorruptLongVowel = 1u << 4,    // サトウ → サトー
  kCorruptNoSpace = 1u << 5,      // family and given name written without a space
  kCorruptKanaMissing = 1u << 6,  // no reading
  kCorruptSexUnknown = 1u << 8,   // sex written 9
  kCorruptDateTypo = 1u << 9,     // one digit of the birth date wrong
  kCorruptDateSwap = 1u << 10,    // day and month exchanged
  kCorruptDateEra = 1u << 11,     // converted with the neighbouring era
  kCorruptMoved = 1u << 12,       // the person moved before this notification
  kCorruptMarried = 1u << 13,     // the surname taken at marriage
  kCorruptClean = 1u << 14,       // written without any corruption
};
// The corruptions that break the notification layout (docs/formats/notification-csv.md): intake
// holds such a row back until the hospital corrects it.
inline constexpr uint32_t kCorruptBreaksLayout =
    kCorruptNoSpace | kCorruptKanaMissing | kCorruptSexUnknown;

// One notification and its truth. Person and tumour ids are 1-based; tumour ids are unique
// across persons.
struct PopulationNotification {
  model::NotificationRow row;
  uint32_t person = 0;
  uint32_t tumour = 0;
  uint32_t hospital = 0;  // index into PopulationGenerator::hospital_codes()
  uint32_t corruption = 0;
};

// One death information form (docs/formats/death-csv.md, ten columns) and its truth.
struct PopulationDeath {
  std::array<std::string, 10> values;
  uint32_t person = 0;    // persons never notified have ids after every notified person
  uint32_t tumour = 0;    // the tumour the death is from (a new id for a cancer never notified);
                          // 0 when the cause is not a cancer
  bool notified = false;  // the person has notifications
};

class PopulationGenerator {
 public:
  // Loads the name and place data and draws the persons. kNotFound if the data files are
  // missing (naming the set-up step), kInvalidArgument for options out of range.
  static Result<std::unique_ptr<PopulationGenerator>> Create(const PopulationOptions& options);
  ~PopulationGenerator();

  uint64_t notification_count() const;
  // Notification k (0 ≤ k < notification_count()), in the order of the files (persons mixed).
  // Without `clinical`, only the identity items are filled (faster, for the benchmark).
  // Thread-safe; the same k always gives the same notification.
  void Notification(uint64_t k, bool clinical, PopulationNotification* out) const;
  // The death file's forms, in file order.
  std::vector<PopulationDeath> Deaths() const;

  uint32_t person_count() const;  // notified persons
  // Per notified person (index person − 1): the person they are a twin of, or 0.
  uint32_t twin_of(uint32_t person) const;
  const std::vector<std::string>& hospital_codes() const;

 private:
  struct Impl;
  explicit PopulationGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct PopulationReport {
  std::vector<std::filesystem::path> notification_files;  // one per hospital
  std::filesystem::path death_file;
  std::filesystem::path truth_file;
  uint64_t notifications = 0;
  uint64_t held_back = 0;  // rows that break the layout (kCorruptBreaksLayout)
  uint64_t persons = 0;  // persons with notifications
  uint64_t tumours = 0;  // tumours with notifications
  uint64_t deaths = 0;
};

// Writes DIR/notifications-<hospital>.csv (UTF-8, CRLF, the notification layout),
// DIR/deaths.csv (the death form layout) and DIR/truth.csv: one line per notification and
// death form — file, line, person, tumour and the corruption (names of the bits). DIR is
// created; existing files are replaced. Same options → byte-identical files.
Result<PopulationReport> WritePopulation(const PopulationOptions& options,
                                         const std::filesystem::path& dir);

// The names of the bits of `corruption`, joined with '+' ("moved+date_typo"; "" for none).
std::string CorruptionNames(uint32_t corruption);

}  // namespace ganreg::synth
