// Streaming RFC 4180 record parser over decoded UTF-8 text that arrives in pieces: a record
// (and even a single field) may span any number of pieces, and memory is one record, not a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ganreg::validate::internal {

// Where the fields of the record being parsed go. Fields beyond `capacity` are counted but
// not kept. The parser clears `fields[0..capacity)` and `raw` when a record begins.
struct CsvSink {
  std::string* fields = nullptr;
  size_t capacity = 0;
  std::string* raw = nullptr;  // the record's text without its line ending
};

// What the parser found about the record besides its fields.
struct CsvRecordInfo {
  uint64_t line = 0;                // physical line on which the record starts (1-based)
  size_t field_count = 0;           // fields in the record, including those not kept
  bool unterminated_quote = false;  // the input ended inside a quoted field
  int stray_quote_field = -1;       // first field (0-based) with text after its closing quote
  bool too_long = false;            // the record exceeded the size limit and was cut
};

class CsvParser {
 public:
  enum class Step {
    kRecord,    // a record is complete; `*pos` is after its line ending
    kNeedMore,  // `text` is used up; call again with the next piece
    kEnd,       // eof and no more records
  };

  // A record whose text exceeds `max_record_bytes` is cut there (and flagged), so that a
  // file without line breaks cannot exhaust memory.
  explicit CsvParser(size_t max_record_bytes) : max_record_bytes_(max_record_bytes) {}

  // Parses from `text[*pos]`. `eof` says that `text` is the last piece of the input. Between a
  // kNeedMore and the kRecord that follows, `sink` must stay the same. Blank lines (nothing
  // between two line endings) are skipped. CRLF and LF end a record; a lone CR is data.
  Step Next(std::string_view text, size_t* pos, bool eof, const CsvSink& sink, CsvRecordInfo* info);

 private:
  enum class State : uint8_t {
    kRecordStart,    // between records
    kRecordStartCr,  // between records, after a CR
    kFieldStart,
    kUnquoted,
    kQuoted,
    kQuoteInQuoted,  // after a quote inside a quoted field: "" or the closing quote
    kCr,             // after a CR outside quotes
  };

  void BeginRecord(const CsvSink& sink, CsvRecordInfo* info);
  // Appends to the current field; inline because it runs for every span of every field.
  void AppendField(const CsvSink& sink, CsvRecordInfo* info, const char* begin, size_t n) {
    if (field_ < sink.capacity && field_bytes_ + n <= max_record_bytes_) {
      sink.fields[field_].append(begin, n);
      field_bytes_ += n;
    } else {
      AppendFieldSlow(sink, info, begin, n);
    }
  }
  void AppendFieldSlow(const CsvSink& sink, CsvRecordInfo* info, const char* begin, size_t n);
  void AppendRaw(const CsvSink& sink, CsvRecordInfo* info, const char* begin, size_t n);
  void EndRecord(CsvRecordInfo* info);

  size_t max_record_bytes_;
  State state_ = State::kRecordStart;
  uint64_t line_ = 1;       // physical line of the next character
  size_t field_ = 0;        // index of the current field
  size_t field_bytes_ = 0;  // bytes kept in fields of the current record
  bool cr_after_quote_ = false;
};

}  // namespace ganreg::validate::internal
