// Reading and validating a death information form CSV file (死亡者情報票, S-ACQ-2 イ;
// docs/formats/death-csv.md). Death files are small (a prefecture's deaths of a month or a year),
// so the file is decoded whole, up to kMaxDeathFileBytes. Validation problems are data (Issue),
// not errors: a Status is returned only when the file as a whole cannot be read as a death file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/death.h"
#include "text/encoding.h"
#include "validate/notification_reader.h"

namespace ganreg::validate {

inline constexpr uint64_t kMaxDeathFileBytes = 256ull * 1024 * 1024;

struct DeathRowRead {
  uint64_t line = 0;        // physical line where the row starts (1 = header)
  model::DeathRow row;      // values as decoded UTF-8
  std::string raw;          // the row's text, for the quarantine
  std::vector<Issue> issues;  // empty = valid; never quotes an identity value
};

struct DeathFile {
  text::Encoding encoding = text::Encoding::kUtf8;
  std::vector<DeathRowRead> rows;
};

// Checks one death row: the identity items by the notification layout's rules (the reading is
// optional here), the death date (exists, not after `today`, rule D1: not before the birth
// date), the underlying cause (an ICD-10 code), the place kind (1–7) and the institution
// (10 digits; rule P1: only for place kinds 1 hospital and 2 clinic). Pure; thread-safe.
std::vector<Issue> ValidateDeathRow(const model::DeathRow& row, int32_t today, uint64_t line);

// Reads and checks the whole file. kRejected for file-level problems (empty, encoding, another
// layout's header, too big) with a message "NAME:LINE: why"; kNotFound/kUnavailable for I/O.
Result<DeathFile> ReadDeathFile(const std::filesystem::path& file, std::string_view display_name,
                                std::optional<text::Encoding> declared, int32_t today);

}  // namespace ganreg::validate
