// Reading and validating a notification CSV file (docs/formats/notification-csv.md), one row at
// a time with constant memory. Validation problems are data (Issue), not errors: a Status is
// returned only when the file as a whole cannot be read as a notification file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/notification.h"
#include "text/encoding.h"

namespace ganreg::validate {

// One problem of one row: `item` is the column id, or a cross-item rule id with the items it
// involves ("R3 treating_facility/radiotherapy"). `reason` never quotes an identity value.
struct Issue {
  uint64_t line = 0;
  std::string item;
  std::string reason;
};

// "FILE:LINE: ITEM: REASON".
std::string FormatIssue(std::string_view file, const Issue& issue);

struct Row {
  uint64_t line = 0;           // physical line where the row starts (1 = header)
  model::NotificationRow row;  // values as decoded UTF-8 (missing columns left empty)
  std::string raw;             // the row's text as decoded UTF-8, for the quarantine
  std::vector<Issue> issues;   // empty = valid
};

// Checks one row's items and the cross-item rules. `today` is yyyymmdd (Japan date of intake).
// Pure; thread-safe.
std::vector<Issue> ValidateRow(const model::NotificationRow& row, int32_t today, uint64_t line);

class NotificationReader {
 public:
  // Opens `file`, settles the encoding (one streaming pass) and checks the header.
  // `display_name` is used in messages. kRejected for file-level problems (empty file, encoding,
  // another layout's header) with a message "NAME:LINE: why"; kNotFound/kUnavailable for I/O.
  static Result<std::unique_ptr<NotificationReader>> Open(const std::filesystem::path& file,
                                                          std::string display_name,
                                                          std::optional<text::Encoding> declared,
                                                          int32_t today);
  // The same, without the pass over the whole file before the first row when the encoding may
  // be UTF-8 (none declared, or utf-8): the file is read as UTF-8 as long as its bytes are, and a
  // byte that is not makes Next fail with guessed_wrong() true — the caller then undoes what it
  // did with the rows and reads the file again through Open, which settles the encoding and
  // says what is wrong. Anything Open would refuse, this refuses with Open's own answer.
  static Result<std::unique_ptr<NotificationReader>> OpenAssumingUtf8(
      const std::filesystem::path& file, std::string display_name,
      std::optional<text::Encoding> declared, int32_t today);
  virtual ~NotificationReader() = default;

  // Reads the next row into `out` (validated). Returns false at the end of the file.
  // A row with the wrong number of columns or an unterminated quote is still a Row, with issues.
  virtual Result<bool> Next(Row* out) = 0;

  virtual text::Encoding encoding() const = 0;
  virtual bool had_bom() const = 0;
  // Whether Next failed because a file opened by OpenAssumingUtf8 is not UTF-8 after all.
  virtual bool guessed_wrong() const { return false; }
};

}  // namespace ganreg::validate
