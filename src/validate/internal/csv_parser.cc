// The CSV record state machine. Spans of plain field text are copied in one piece; the state
// survives the end of a piece, so records and fields may be split anywhere.
#include "validate/internal/csv_parser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace ganreg::validate::internal {
namespace {

// Bytes that end a span of unquoted field text.
constexpr std::array<bool, 256> MakeUnquotedStops() {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  return t;
}
constexpr std::array<bool, 256> kUnquotedStop = MakeUnquotedStops();

// First byte in [p, end) that ends unquoted field text (',', CR or LF), or `end`. Eight bytes
// at a time: per-byte scanning was the parser's main cost. The lowest flagged byte of the
// zero-byte test is always a true match, so counting trailing zeros finds the first stop.
const char* FindUnquotedStop(const char* p, const char* end) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      const uint64_t comma = w ^ (kOnes * ',');
      const uint64_t lf = w ^ (kOnes * '\n');
      const uint64_t cr = w ^ (kOnes * '\r');
      const uint64_t hits =
          (((comma - kOnes) & ~comma) | ((lf - kOnes) & ~lf) | ((cr - kOnes) & ~cr)) & kHigh;
      if (hits != 0) return p + (std::countr_zero(hits) >> 3);
      p += 8;
    }
  }
  while (p < end && !kUnquotedStop[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

}  // namespace

void CsvParser::BeginRecord(const CsvSink& sink, CsvRecordInfo* info) {
  for (size_t i = 0; i < sink.capacity; ++i) sink.fields[i].clear();
  sink.raw->clear();
  *info = CsvRecordInfo{};
  info->line = line_;
  field_ = 0;
  field_bytes_ = 0;
}

void CsvParser::AppendFieldSlow(const CsvSink& sink, CsvRecordInfo* info, const char* begin,
                                size_t n) {
  if (n == 0 || field_ >= sink.capacity) return;
  if (field_bytes_ + n > max_record_bytes_) {
    info->too_long = true;
    n = max_record_bytes_ - std::min(field_bytes_, max_record_bytes_);
  }
  sink.fields[field_].append(begin, n);
  field_bytes_ += n;
}

void CsvParser::AppendRaw(const CsvSink& sink, CsvRecordInfo* info, const char* begin, size_t n) {
  std::string* raw = sink.raw;
  if (raw->size() + n > max_record_bytes_) {
    info->too_long = true;
    n = max_record_bytes_ - std::min(raw->size(), max_record_bytes_);
  }
  raw->append(begin, n);
}

void CsvParser::EndRecord(CsvRecordInfo* info) {
  info->field_count = field_ + 1;
  state_ = State::kRecordStart;
}

CsvParser::Step CsvParser::Next(std::string_view text, size_t* pos, bool eof, const CsvSink& sink,
                                CsvRecordInfo* info) {
  const char* const base = text.data();
  const char* const end = base + text.size();
  const char* p = base + *pos;
  // Start of the current record's text in this piece not yet copied to `raw`.
  const char* raw_begin = p;

  // Finishes a record whose line ending ends just before `p`.
  auto finish = [&](bool crlf) {
    AppendRaw(sink, info, raw_begin, static_cast<size_t>(p - 1 - raw_begin));  // without '\n'
    if (crlf && !sink.raw->empty() && !info->too_long) sink.raw->pop_back();   // the '\r'
    ++line_;
    EndRecord(info);
    *pos = static_cast<size_t>(p - base);
  };

  while (p < end) {
    switch (state_) {
      case State::kRecordStart: {
        const char c = *p;
        if (c == '\n') {  // a blank line
          ++line_;
          raw_begin = ++p;
          continue;
        }
        if (c == '\r') {
          state_ = State::kRecordStartCr;
          raw_begin = ++p;
          continue;
        }
        BeginRecord(sink, info);
        state_ = State::kFieldStart;
        continue;
      }
      case State::kRecordStartCr: {
        if (*p == '\n') {  // a blank CRLF line
          ++line_;
          raw_begin = ++p;
          state_ = State::kRecordStart;
          continue;
        }
        // The CR began a record as data (it was left out of `raw` in case it was not).
        BeginRecord(sink, info);
        AppendRaw(sink, info, "\r", 1);
        AppendField(sink, info, "\r", 1);
        state_ = State::kUnquoted;
        continue;
      }
      case State::kFieldStart: {
        if (*p == '"') {
          ++p;
          state_ = State::kQuoted;
        } else {
          state_ = State::kUnquoted;
        }
        continue;
      }
      case State::kUnquoted: {
        const char* s = p;
        p = FindUnquotedStop(p, end);
        AppendField(sink, info, s, static_cast<size_t>(p - s));
        if (p == end) break;
        const char c = *p++;
        if (c == ',') {
          ++field_;
          state_ = State::kFieldStart;
        } else if (c == '\n') {
          finish(false);
          return Step::kRecord;
        } else {
          state_ = State::kCr;
          cr_after_quote_ = false;
        }
        continue;
      }
      case State::kQuoted: {
        const char* s = p;
        const void* q = std::memchr(p, '"', static_cast<size_t>(end - p));
        p = q != nullptr ? static_cast<const char*>(q) : end;
        AppendField(sink, info, s, static_cast<size_t>(p - s));
        line_ += static_cast<uint64_t>(std::count(s, p, '\n'));
        if (p != end) {
          ++p;
          state_ = State::kQuoteInQuoted;
        }
        continue;
      }
      case State::kQuoteInQuoted: {
        const char c = *p;
        if (c == '"') {  // "" is one quote
          AppendField(sink, info, p, 1);
          ++p;
          state_ = State::kQuoted;
        } else if (c == ',') {
          ++p;
          ++field_;
          state_ = State::kFieldStart;
        } else if (c == '\n') {
          ++p;
          finish(false);
          return Step::kRecord;
        } else if (c == '\r') {
          ++p;
          state_ = State::kCr;
          cr_after_quote_ = true;
        } else {
          // Text after the closing quote: kept as data, but the field is flagged because the
          // sender's quoting is broken and the value may not be what was meant.
          if (info->stray_quote_field < 0) info->stray_quote_field = static_cast<int>(field_);
          state_ = State::kUnquoted;
        }
        continue;
      }
      case State::kCr: {
        if (*p == '\n') {
          ++p;
          finish(true);
          return Step::kRecord;
        }
        // A lone CR is data; the validator reports it as a control character.
        if (cr_after_quote_ && info->stray_quote_field < 0) {
          info->stray_quote_field = static_cast<int>(field_);
        }
        AppendField(sink, info, "\r", 1);
        state_ = State::kUnquoted;
        continue;
      }
    }
  }

  // This piece is used up.
  *pos = text.size();
  const bool in_record = state_ != State::kRecordStart && state_ != State::kRecordStartCr;
  if (in_record) AppendRaw(sink, info, raw_begin, static_cast<size_t>(end - raw_begin));
  if (!eof) return Step::kNeedMore;
  switch (state_) {
    case State::kRecordStart:
    case State::kRecordStartCr:  // a CR alone at the very end: a line ending, not a record
      return Step::kEnd;
    case State::kQuoted:
      info->unterminated_quote = true;
      break;
    case State::kCr:  // the file ends with a bare CR: take it as the line ending
      if (!sink.raw->empty() && !info->too_long) sink.raw->pop_back();
      break;
    case State::kFieldStart:
    case State::kUnquoted:
    case State::kQuoteInQuoted:
      break;
  }
  EndRecord(info);
  return Step::kRecord;
}

}  // namespace ganreg::validate::internal
