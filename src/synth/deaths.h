// The synthetic death information form generator (`ganreg synth deaths`; layout
// docs/formats/death-csv.md): invented people only. It can also let people of a (synthetic)
// notification file die, so that linking, DCN and the follow-back can be tested and shown.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/notification.h"
#include "text/encoding.h"

namespace ganreg::synth {

struct DeathOptions {
  uint64_t invented = 20;       // deaths of invented people (never notified)
  uint64_t seed = 1;
  uint32_t cancer_percent = 60; // invented deaths with a cancer cause (C00–C97): DCN cases
  // Notification rows (identity and clinical items) whose persons die, one form each, in order;
  // their forms are written with realistic variation (reading missing, address moved, …).
  std::vector<model::NotificationRow> notified;
  // Institution codes for places of death (kind 1 hospital); default: five invented codes.
  std::vector<std::string> hospitals;
  uint64_t faulty_rows = 0;     // rows that carry one injected fault each (at the end)
  int32_t today = 0;            // yyyymmdd; dates are generated up to it
  text::Encoding encoding = text::Encoding::kUtf8;
  bool crlf = true;
  std::filesystem::path data_dir;
};

// Ground truth of one written row.
struct DeathTruth {
  uint64_t line = 0;
  int64_t notified_index = -1;  // index into DeathOptions::notified; -1 = an invented person
  bool cancer = false;          // the underlying cause is C00–C97
  std::string hospital;         // the institution of death ("" if not a hospital or clinic)
  std::string fault;            // the item or rule the row breaks ("" = valid)
};

struct DeathGenerationReport {
  std::vector<DeathTruth> rows;
};

// Writes the file. Same options → byte-identical file. kNotFound if the data files are missing.
Result<DeathGenerationReport> WriteDeaths(const DeathOptions& options,
                                          const std::filesystem::path& out);

// ICD-10 underlying cause for a notified ICD-O-3 topography (C18.7 → C18.7; C42 → C95.9,
// C77 → C85.9); "" if not a topography.
std::string CauseFromTopography(std::string_view topography);

}  // namespace ganreg::synth
