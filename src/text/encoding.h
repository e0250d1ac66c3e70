// Character encodings of incoming files (UTF-8 and CP932/Windows Shift_JIS) over ICU.
// ICU types do not leave this module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg::text {

enum class Encoding { kUtf8, kCp932 };

std::string_view EncodingName(Encoding e);  // "utf-8", "cp932"
// Accepts utf-8, utf8, cp932, shift_jis, sjis, windows-31j (case-insensitive).
// kInvalidArgument otherwise.
Result<Encoding> ParseEncoding(std::string_view name);

// Where a file's bytes first break an encoding.
struct EncodingDetection {
  Encoding encoding;
  bool had_bom = false;  // a UTF-8 BOM was present (and is skipped by the decoder)
};

// Decides a file's encoding by streaming it once (constant memory), as
// docs/formats/notification-csv.md says. With `declared`, checks that the bytes satisfy it.
// kRejected (message: "FILE:LINE: byte offset N: 0xXX is not valid UTF-8/CP932") when neither
// fits or the declared one does not; kNotFound / kUnavailable for I/O problems.
Result<EncodingDetection> DetectFileEncoding(const std::filesystem::path& file,
                                             std::string_view display_name,
                                             std::optional<Encoding> declared);

// Streaming decoder to UTF-8. Not thread-safe. A multi-byte character split across chunks is
// carried over to the next call.
class Decoder {
 public:
  static Result<std::unique_ptr<Decoder>> Create(Encoding encoding);
  virtual ~Decoder() = default;
  // Appends the UTF-8 of `chunk` to `out`. `last` marks the final chunk (an incomplete
  // character at the end is then an error). kRejected on an invalid sequence.
  virtual Status Decode(std::string_view chunk, bool last, std::string* out) = 0;
};

// UTF-8 → CP932 (for files written by the synthetic generator and for tests).
// kInvalidArgument if a character has no CP932 form.
Result<std::string> Utf8ToCp932(std::string_view utf8);

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// Number of code points in well-formed UTF-8.
size_t CodePointCount(std::string_view utf8);

}  // namespace ganreg::text
