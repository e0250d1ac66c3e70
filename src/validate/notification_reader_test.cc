// Tests of NotificationReader over real temporary files: encodings, framing, quoting and line
// numbers, broken rows, file-level rejections, and very large fields and files.
#include "validate/notification_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "text/encoding.h"
#include "validate/test_rows.h"

namespace ganreg::validate {
namespace {

using enum model::Item;
using test_rows::CsvField;
using test_rows::CsvHeader;
using test_rows::CsvLine;
using test_rows::kToday;
using test_rows::ValidRow;
using ::testing::HasSubstr;

class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ganreg_reader_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::ofstream f(path_, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Result<std::unique_ptr<NotificationReader>> Open(
    const TempFile& f, std::optional<text::Encoding> declared = std::nullopt) {
  return NotificationReader::Open(f.path(), "in.csv", declared, kToday);
}

// Reads every row; fails the test on a read error.
std::vector<Row> ReadAll(NotificationReader& reader) {
  std::vector<Row> rows;
  Row row;
  for (;;) {
    Result<bool> more = reader.Next(&row);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) return rows;
    rows.push_back(row);
  }
}

std::vector<std::string> Formatted(const Row& row) {
  std::vector<std::string> out;
  for (const Issue& i : row.issues) out.push_back(FormatIssue("in.csv", i));
  return out;
}

model::NotificationRow Row2() {
  model::NotificationRow r = ValidRow();
  r[kMedicalRecordNo] = "B-77";
  r[kKanaName] = "サトウ ハナコ";
  r[kName] = "髙橋 花子";
  r[kSex] = "2";
  return r;
}

TEST(NotificationReaderTest, Utf8WithBomAndCrlf) {
  TempFile f("\xEF\xBB\xBF" + CsvHeader() + CsvLine(ValidRow()) + CsvLine(Row2()));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->encoding(), text::Encoding::kUtf8);
  EXPECT_TRUE((*reader)->had_bom());
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[0].row.values, ValidRow().values);
  EXPECT_TRUE(rows[0].issues.empty()) << ::testing::PrintToString(Formatted(rows[0]));
  EXPECT_EQ(rows[0].raw + "\r\n", CsvLine(ValidRow()));
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].row.values, Row2().values);
  EXPECT_TRUE(rows[1].issues.empty());
}

TEST(NotificationReaderTest, Utf8EnglishHeaderLfNoFinalLineEnding) {
  std::string line = CsvLine(ValidRow(), "\n");
  line.pop_back();
  TempFile f(CsvHeader(/*english=*/true, "\n") + line);
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_FALSE((*reader)->had_bom());
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.values, ValidRow().values);
  EXPECT_TRUE(rows[0].issues.empty());
}

TEST(NotificationReaderTest, MixedHeaderFormsAreAccepted) {
  std::string header;
  for (const model::ItemDef& d : model::Items()) {
    if (!header.empty()) header += ',';
    header += static_cast<int>(d.item) % 2 == 0 ? d.id : d.label;
  }
  TempFile f(header + "\r\n" + CsvLine(ValidRow()));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(ReadAll(**reader).size(), 1u);
}

TEST(NotificationReaderTest, Cp932File) {
  model::NotificationRow r = Row2();
  r[kName] = "髙橋 﨑子";
  r[kRemarks] = "ｻﾄｳ～①";
  Result<std::string> bytes = text::Utf8ToCp932(CsvHeader() + CsvLine(ValidRow()) + CsvLine(r));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  TempFile f(*bytes);
  for (std::optional<text::Encoding> declared :
       {std::optional<text::Encoding>(), std::optional<text::Encoding>(text::Encoding::kCp932)}) {
    auto reader = Open(f, declared);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->encoding(), text::Encoding::kCp932);
    EXPECT_FALSE((*reader)->had_bom());
    std::vector<Row> rows = ReadAll(**reader);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].row.values, ValidRow().values);
    EXPECT_EQ(rows[1].row.values, r.values);
    EXPECT_TRUE(rows[1].issues.empty()) << ::testing::PrintToString(Formatted(rows[1]));
  }
}

TEST(NotificationReaderTest, DeclaredUtf8OnCp932FileIsRejected) {
  Result<std::string> bytes = text::Utf8ToCp932(CsvHeader(true) + CsvLine(ValidRow()));
  ASSERT_TRUE(bytes.ok());
  TempFile f(*bytes);
  auto reader = Open(f, text::Encoding::kUtf8);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kRejected);
  EXPECT_THAT(reader.status().message(), HasSubstr("in.csv:2: byte offset "));
  EXPECT_THAT(reader.status().message(), HasSubstr("is not valid UTF-8 (declared utf-8)"));
}

TEST(NotificationReaderTest, QuotedFieldsWithCommasAndLineBreaksKeepLineNumbers) {
  model::NotificationRow a = ValidRow();
  a[kAddress] = "大阪府,試験市";
  a[kRemarks] = "現住所:\r\n試験県試験市\n\"別棟\"";
  model::NotificationRow b = Row2();
  std::string text = CsvHeader() + CsvLine(a) + CsvLine(b);
  // Every field quoted, too.
  for (size_t i = 0; i < b.values.size(); ++i) {
    text += (i > 0 ? "," : "") + CsvField(b.values[i], /*force_quotes=*/true);
  }
  text += "\r\n";
  TempFile f(text);
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[0].row.values, a.values);
  EXPECT_TRUE(rows[0].issues.empty()) << ::testing::PrintToString(Formatted(rows[0]));
  EXPECT_EQ(rows[1].line, 5u);  // the remarks of line 2 took lines 2–4
  EXPECT_EQ(rows[1].row.values, b.values);
  EXPECT_EQ(rows[2].line, 6u);
  EXPECT_EQ(rows[2].row.values, b.values);
}

TEST(NotificationReaderTest, BlankLinesAreSkipped) {
  TempFile f(CsvHeader() + "\r\n\r\n" + CsvLine(ValidRow()) + "\n\n" + CsvLine(Row2()) + "\r\n");
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 4u);
  EXPECT_EQ(rows[1].line, 7u);
}

TEST(NotificationReaderTest, TruncatedLastRow) {
  std::string last = CsvLine(Row2());
  last = last.substr(0, last.find(",,"));  // cut in the middle, then open a quote
  TempFile f(CsvHeader() + CsvLine(ValidRow()) + last + ",\"途中で");
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].issues.empty());
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].row[kMedicalRecordNo], "B-77");
  ASSERT_GE(rows[1].issues.size(), 1u);
  EXPECT_EQ(Formatted(rows[1])[0], "in.csv:3: row: ends inside a quoted field (file truncated?)");
}

TEST(NotificationReaderTest, WrongColumnCountStillFillsTheColumns) {
  std::string twelve;
  for (int i = 0; i < 12; ++i) twelve += (i > 0 ? "," : "") + ValidRow().values[i];
  std::string extra = CsvLine(ValidRow());
  extra.insert(extra.size() - 2, ",extra");
  TempFile f(CsvHeader() + CsvLine(ValidRow()) + twelve + "\r\n" + extra + CsvLine(Row2()));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Formatted(rows[1]),
            std::vector<std::string>{"in.csv:3: row: has 12 columns, expected 27"});
  EXPECT_EQ(rows[1].row[kMedicalRecordNo], "A-000123");
  EXPECT_EQ(rows[1].row[kTreatingFacility], "2");
  EXPECT_EQ(rows[1].row[kBasisOfDiagnosis], "");  // column 13 is missing (the row is reused)
  EXPECT_EQ(rows[1].row[kRemarks], "");
  EXPECT_EQ(Formatted(rows[2]),
            std::vector<std::string>{"in.csv:4: row: has 28 columns, expected 27"});
  EXPECT_TRUE(rows[3].issues.empty());
  EXPECT_EQ(rows[3].row.values, Row2().values);
}

TEST(NotificationReaderTest, NulByteIsAnIssueOfItsItem) {
  model::NotificationRow r = ValidRow();
  r[kName] = std::string("試験\0 太郎", 14);
  r[kPrimarySite] = std::string("C18.7\0", 6);
  TempFile f(CsvHeader() + CsvLine(r));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(
      Formatted(rows[0]),
      (std::vector<std::string>{"in.csv:2: name: contains a control character (U+0000)",
                                "in.csv:2: primary_site: contains a control character (U+0000)"}));
}

// The reader scans a record's text once for control characters and checks item by item only
// when it finds one: every kind is still reported on its item, line breaks are still allowed
// where the layout allows them (remarks), and clean rows beside them stay clean.
TEST(NotificationReaderTest, ControlCharactersAreFoundWhereverTheyAre) {
  model::NotificationRow c1 = ValidRow(), del = ValidRow(), tab = ValidRow(), lines = ValidRow();
  c1[kName] = "試験 太\xC2\x85郎";
  del[kPrimarySite] = "C18.7\x7F";
  tab[kAddress] = "東京都\t千代田区";
  lines[kRemarks] = "一行目\r\n二行目";
  TempFile f(CsvHeader() + CsvLine(ValidRow()) + CsvLine(c1) + CsvLine(del) + CsvLine(tab) +
             CsvLine(lines) + CsvLine(Row2()));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_TRUE(rows[0].issues.empty());
  EXPECT_EQ(Formatted(rows[1]),
            std::vector<std::string>{"in.csv:3: name: contains a control character (U+0085)"});
  EXPECT_EQ(Formatted(rows[2]),
            std::vector<std::string>{"in.csv:4: primary_site: contains a control character (U+007F)"});
  EXPECT_EQ(Formatted(rows[3]),
            std::vector<std::string>{"in.csv:5: address: contains a control character (U+0009)"});
  EXPECT_TRUE(rows[4].issues.empty()) << Formatted(rows[4]).front();
  EXPECT_EQ(rows[4].row[kRemarks], "一行目\r\n二行目");
  EXPECT_TRUE(rows[5].issues.empty());
}

TEST(NotificationReaderTest, TextAfterClosingQuoteIsReported) {
  std::string line = CsvLine(ValidRow());
  line.insert(line.size() - 2, "\"x\"y");  // remarks: "x"y
  TempFile f(CsvHeader() + line);
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Row> rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(
      Formatted(rows[0]),
      std::vector<std::string>{"in.csv:2: remarks: text after the closing quote (broken quoting)"});
  EXPECT_EQ(rows[0].row[kRemarks], "xy");
}

TEST(NotificationReaderTest, TenMegabyteField) {
  model::NotificationRow big = ValidRow();
  std::string remarks;
  remarks.reserve(10 << 20);
  for (int i = 0; remarks.size() < (10u << 20); ++i) {
    remarks += "試験データ,\"引用\"";
    if (i % 1000 == 0) remarks += "\n";
  }
  big[kRemarks] = remarks;
  const size_t breaks = static_cast<size_t>(std::count(remarks.begin(), remarks.end(), '\n'));
  TempFile f(CsvHeader() + CsvLine(big) + CsvLine(Row2()));
  auto reader = Open(f);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Row row;
  ASSERT_TRUE(*(*reader)->Next(&row));
  EXPECT_EQ(row.line, 2u);
  EXPECT_EQ(row.row[kRemarks], remarks);
  EXPECT_EQ(Formatted(row),
            std::vector<std::string>{"in.csv:2: remarks: longer than 100 characters"});
  EXPECT_GT(row.raw.size(), 10u << 20);
  ASSERT_TRUE(*(*reader)->Next(&row));
  EXPECT_EQ(row.line, 3 + breaks);
  EXPECT_EQ(row.row.values, Row2().values);
  EXPECT_TRUE(row.issues.empty());
  EXPECT_LT(row.raw.size(), 1000u);
  EXPECT_FALSE(*(*reader)->Next(&row));
}

TEST(NotificationReaderTest, WrongHeaderIsAnotherLayout) {
  std::string header = CsvHeader(true);
  header.replace(header.find(",name,"), 6, ",full_name,");
  TempFile f(header + CsvLine(ValidRow()));
  auto reader = Open(f);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kRejected);
  EXPECT_EQ(reader.status().message(),
            "in.csv:1: header column 3 is 'full_name', expected '氏名' or 'name': this is not the "
            "national notification layout");
}

TEST(NotificationReaderTest, MissingHeaderDoesNotRepeatPatientData) {
  TempFile f(CsvLine(ValidRow()) + CsvLine(Row2()));
  auto reader = Open(f);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kRejected);
  EXPECT_EQ(reader.status().message(),
            "in.csv:1: header column 1 does not match (not shown: it may be patient data), "
            "expected '診療録番号' or 'medical_record_no': this is not the national notification "
            "layout");
  EXPECT_THAT(reader.status().message(), ::testing::Not(HasSubstr("A-000123")));
}

TEST(NotificationReaderTest, HeaderWithTooFewOrTooManyColumns) {
  std::string header = CsvHeader(false, "");
  TempFile few(header.substr(0, header.rfind(',')) + "\r\n");
  auto reader = Open(few);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(),
            "in.csv:1: header has 26 columns, expected 27: this is not the national notification "
            "layout");
  TempFile many(header + ",追加\r\n");
  reader = Open(many);
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), HasSubstr("header has 28 columns"));
}

TEST(NotificationReaderTest, EmptyFileIsRejected) {
  for (std::string_view content : {"", "\xEF\xBB\xBF", "\r\n\n"}) {
    TempFile f(content);
    auto reader = Open(f);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().code(), StatusCode::kRejected);
    EXPECT_EQ(reader.status().message(), "in.csv: file is empty");
  }
}

TEST(NotificationReaderTest, HeaderOnlyIsZeroRows) {
  for (std::string content : {CsvHeader(), CsvHeader(true, "")}) {
    TempFile f(content);
    auto reader = Open(f);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    Row row;
    Result<bool> more = (*reader)->Next(&row);
    ASSERT_TRUE(more.ok());
    EXPECT_FALSE(*more);
  }
}

TEST(NotificationReaderTest, InvalidBytesInBothEncodingsAreRejected) {
  TempFile f(CsvHeader() + "\xFF\xFE" + CsvLine(ValidRow()));
  auto reader = Open(f);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kRejected);
  EXPECT_THAT(reader.status().message(), HasSubstr("in.csv:2: byte offset"));
}

TEST(NotificationReaderTest, MissingFileIsNotFound) {
  auto reader =
      NotificationReader::Open("/nonexistent/ganreg/in.csv", "in.csv", std::nullopt, kToday);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
}

long MaxRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(NotificationReaderTest, ManyRowsStreamInConstantMemory) {
  // 300k rows (~70 MB) through 64 KiB pieces: every row arrives, in order, with its line, and
  // the process does not grow with the file.
  constexpr int kRows = 300000;
  const std::string line = CsvLine(ValidRow());
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("ganreg_reader_test_many_" + std::to_string(::getpid()));
  {
    std::ofstream out(path, std::ios::binary);
    out << CsvHeader();
    for (int i = 0; i < kRows; ++i) out << line;
  }
  const long rss_before = MaxRssKib();
  auto reader = NotificationReader::Open(path, "many.csv", std::nullopt, kToday);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Row row;
  uint64_t n = 0;
  uint64_t with_issues = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(&row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++n;
    if (row.line != n + 1) {
      ADD_FAILURE() << "row " << n << " has line " << row.line;
      break;
    }
    with_issues += !row.issues.empty();
  }
  const long growth_kib = MaxRssKib() - rss_before;
  std::filesystem::remove(path);
  EXPECT_EQ(n, static_cast<uint64_t>(kRows));
  EXPECT_EQ(with_issues, 0u);
  EXPECT_LT(growth_kib, 8 * 1024) << "the reader's memory grew with the file";
}

}  // namespace
}  // namespace ganreg::validate
