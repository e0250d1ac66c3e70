// Tests of the streaming CSV record parser: RFC 4180 quoting, line endings, line numbers, and
// records split at every possible place between pieces.
#include "validate/internal/csv_parser.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace ganreg::validate::internal {
namespace {

struct Record {
  uint64_t line;
  std::vector<std::string> fields;  // the kept fields, up to the field count
  std::string raw;
  size_t field_count;
  bool unterminated;
  int stray;
  bool too_long;

  bool operator==(const Record&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Record& r) {
  os << "{line " << r.line << ", fields";
  for (const auto& f : r.fields) os << " [" << f << "]";
  return os << ", raw [" << r.raw << "], count " << r.field_count << ", unterminated "
            << r.unterminated << ", stray " << r.stray << ", too_long " << r.too_long << "}";
}

constexpr size_t kCapacity = 4;

// Parses `text` handed over in pieces of `piece` bytes.
std::vector<Record> Parse(std::string_view text, size_t piece, size_t max_bytes = 1 << 20) {
  CsvParser parser(max_bytes);
  std::array<std::string, kCapacity> fields;
  std::string raw;
  CsvSink sink{fields.data(), fields.size(), &raw};
  std::vector<Record> out;
  size_t offset = 0;
  std::string_view current;
  size_t pos = 0;
  bool eof = false;
  CsvRecordInfo info;  // like the sink, it must outlive a record split across pieces
  for (int guard = 0; guard < 1000000; ++guard) {
    CsvParser::Step step = parser.Next(current, &pos, eof, sink, &info);
    if (step == CsvParser::Step::kEnd) return out;
    if (step == CsvParser::Step::kRecord) {
      size_t kept = std::min(info.field_count, kCapacity);
      out.push_back({info.line, std::vector<std::string>(fields.begin(), fields.begin() + kept),
                     raw, info.field_count, info.unterminated_quote, info.stray_quote_field,
                     info.too_long});
      continue;
    }
    EXPECT_FALSE(eof) << "kNeedMore after eof";
    current = text.substr(offset, piece);
    offset += current.size();
    pos = 0;
    eof = current.empty();
  }
  ADD_FAILURE() << "parser does not stop";
  return out;
}

// Parses in every piece size from 1 to 9 and whole, and expects the same records each time.
void ExpectRecords(std::string_view text, const std::vector<Record>& expected) {
  for (size_t piece : {1, 2, 3, 4, 5, 7, 9, 1 << 20}) {
    EXPECT_EQ(Parse(text, piece), expected) << "piece size " << piece;
  }
}

Record Rec(uint64_t line, std::vector<std::string> fields, std::string raw) {
  size_t n = fields.size();
  return {line, std::move(fields), std::move(raw), n, false, -1, false};
}

TEST(CsvParserTest, SimpleLfAndCrlf) {
  ExpectRecords("a,b,c\n1,2,3\n",
                {Rec(1, {"a", "b", "c"}, "a,b,c"), Rec(2, {"1", "2", "3"}, "1,2,3")});
  ExpectRecords("a,b\r\n1,2\r\n", {Rec(1, {"a", "b"}, "a,b"), Rec(2, {"1", "2"}, "1,2")});
  ExpectRecords("a,b\r\n1,2\n3,4",
                {Rec(1, {"a", "b"}, "a,b"), Rec(2, {"1", "2"}, "1,2"), Rec(3, {"3", "4"}, "3,4")});
}

TEST(CsvParserTest, EmptyInputAndBlankLines) {
  ExpectRecords("", {});
  ExpectRecords("\n\r\n\n", {});
  ExpectRecords("\na\n\r\n\nb\r\n\n", {Rec(2, {"a"}, "a"), Rec(5, {"b"}, "b")});
}

TEST(CsvParserTest, EmptyFields) {
  ExpectRecords(",,\n", {Rec(1, {"", "", ""}, ",,")});
  ExpectRecords("\"\",x\n", {Rec(1, {"", "x"}, "\"\",x")});
}

TEST(CsvParserTest, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  ExpectRecords("\"a,b\",\"say \"\"hi\"\"\",c\n",
                {Rec(1, {"a,b", "say \"hi\"", "c"}, "\"a,b\",\"say \"\"hi\"\"\",c")});
  // A quoted line break is data, and the next record starts on a later physical line.
  ExpectRecords("x,\"line1\r\nline2\nline3\"\r\ny,z\r\n",
                {Rec(1, {"x", "line1\r\nline2\nline3"}, "x,\"line1\r\nline2\nline3\""),
                 Rec(4, {"y", "z"}, "y,z")});
}

TEST(CsvParserTest, QuoteInsideUnquotedFieldIsData) {
  ExpectRecords("ab\"c,d\n", {Rec(1, {"ab\"c", "d"}, "ab\"c,d")});
}

TEST(CsvParserTest, TextAfterClosingQuoteIsFlagged) {
  Record r = Rec(1, {"a", "bc", "d"}, "a,\"b\"c,d");
  r.stray = 1;
  ExpectRecords("a,\"b\"c,d\n", {r});
}

TEST(CsvParserTest, LoneCrIsData) {
  ExpectRecords("a\rb,c\n", {Rec(1, {"a\rb", "c"}, "a\rb,c")});
  ExpectRecords("\rb\n", {Rec(1, {"\rb"}, "\rb")});
  // A CR at the very end is a line ending.
  ExpectRecords("a,b\r", {Rec(1, {"a", "b"}, "a,b")});
}

TEST(CsvParserTest, UnterminatedQuoteAtEnd) {
  Record r = Rec(2, {"1", "abc\n"}, "1,\"abc\n");
  r.unterminated = true;
  ExpectRecords("h\n1,\"abc\n", {Rec(1, {"h"}, "h"), r});
}

TEST(CsvParserTest, FieldsBeyondCapacityAreCountedNotKept) {
  std::vector<Record> records = Parse("1,2,3,4,5,6\n", 1000);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].field_count, 6u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(records[0].raw, "1,2,3,4,5,6");
}

TEST(CsvParserTest, MultiByteTextPassesThrough) {
  ExpectRecords("試験 太郎,\"ｻﾄｳ,髙橋\"\n",
                {Rec(1, {"試験 太郎", "ｻﾄｳ,髙橋"}, "試験 太郎,\"ｻﾄｳ,髙橋\"")});
}

TEST(CsvParserTest, OverlongRecordIsCut) {
  std::string text = "a," + std::string(100, 'x') + "\nb\n";
  std::vector<Record> records = Parse(text, 7, /*max_bytes=*/50);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].too_long);
  EXPECT_EQ(records[0].raw.size(), 50u);
  EXPECT_LE(records[0].fields[0].size() + records[0].fields[1].size(), 50u);
  EXPECT_EQ(records[1], Rec(2, {"b"}, "b"));
}

}  // namespace
}  // namespace ganreg::validate::internal
