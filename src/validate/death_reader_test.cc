// Tests of the death information form reader (S-ACQ-2 イ) over real temporary files: the layout,
// each item rule, the rules D1 and P1, encodings, and reports that never quote an identity value.
#include "validate/death_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "text/encoding.h"

namespace ganreg::validate {
namespace {

using ::testing::HasSubstr;
constexpr int32_t kToday = 20260115;
constexpr std::string_view kHeader =
    "カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,"
    "死亡したところの種別,死亡した施設\r\n";

class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ganreg_death_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::ofstream f(path_, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

model::DeathRow Valid() {
  model::DeathRow r;
  r[model::DeathItem::kKanaName] = "ヤマダ ハナコ";
  r[model::DeathItem::kName] = "山田 花子";
  r[model::DeathItem::kSex] = "2";
  r[model::DeathItem::kBirthDate] = "19400315";
  r[model::DeathItem::kPrefectureCode] = "13";
  r[model::DeathItem::kAddress] = "千代田区霞が関一丁目3番2号";
  r[model::DeathItem::kDeathDate] = "20251120";
  r[model::DeathItem::kUnderlyingCause] = "C34.1";
  r[model::DeathItem::kPlaceKind] = "1";
  r[model::DeathItem::kPlaceInstitution] = "1310000001";
  return r;
}

std::string Line(const model::DeathRow& r) {
  std::string s;
  for (size_t i = 0; i < r.values.size(); ++i) {
    if (i) s += ',';
    s += r.values[i];
  }
  return s + "\r\n";
}

std::vector<std::string> Items(const std::vector<Issue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.item);
  return out;
}

TEST(DeathRowTest, ValidRowHasNoIssueAndTheReadingIsOptional) {
  EXPECT_TRUE(ValidateDeathRow(Valid(), kToday, 2).empty());
  model::DeathRow r = Valid();
  r[model::DeathItem::kKanaName] = "";
  EXPECT_TRUE(ValidateDeathRow(r, kToday, 2).empty());
  r[model::DeathItem::kPlaceKind] = "6";  // died at home: no institution
  r[model::DeathItem::kPlaceInstitution] = "";
  EXPECT_TRUE(ValidateDeathRow(r, kToday, 2).empty());
}

TEST(DeathRowTest, EachRuleNamesItsItem) {
  using enum model::DeathItem;
  struct Case {
    model::DeathItem item;
    std::string value;
    std::string expected_item;
  };
  const Case cases[] = {
      {kName, "", "name"},
      {kName, "山田花子", "name"},  // no separator
      {kKanaName, "やまだ はなこ", "kana_name"},
      {kSex, "3", "sex"},
      {kBirthDate, "19400231", "birth_date"},
      {kPrefectureCode, "48", "prefecture_code"},
      {kAddress, "", "address"},
      {kDeathDate, "", "death_date"},
      {kDeathDate, "20251131", "death_date"},
      {kDeathDate, "20260116", "death_date"},  // after the day of intake
      {kDeathDate, "19300101", "D1 birth_date/death_date"},
      {kUnderlyingCause, "", "underlying_cause"},
      {kUnderlyingCause, "肺癌", "underlying_cause"},
      {kUnderlyingCause, "C34.12", "underlying_cause"},
      {kPlaceKind, "8", "place_kind"},
      {kPlaceInstitution, "131000", "place_institution"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expected_item + " " + c.value);
    model::DeathRow r = Valid();
    r[c.item] = c.value;
    const auto issues = ValidateDeathRow(r, kToday, 7);
    ASSERT_EQ(issues.size(), 1u) << testing::PrintToString(Items(issues));
    EXPECT_EQ(issues[0].item, c.expected_item);
    EXPECT_EQ(issues[0].line, 7u);
  }
  model::DeathRow r = Valid();
  r[kPlaceKind] = "6";  // home, yet an institution
  EXPECT_THAT(Items(ValidateDeathRow(r, kToday, 2)),
              testing::ElementsAre("P1 place_kind/place_institution"));
}

TEST(DeathRowTest, ReportsNeverQuoteIdentityValues) {
  model::DeathRow r = Valid();
  r[model::DeathItem::kBirthDate] = "19401345";
  r[model::DeathItem::kName] = "山田花子";
  r[model::DeathItem::kDeathDate] = "19300101";
  for (const auto& i : ValidateDeathRow(r, kToday, 2)) {
    EXPECT_THAT(i.reason, testing::Not(HasSubstr("19401345")));
    EXPECT_THAT(i.reason, testing::Not(HasSubstr("山田")));
  }
}

TEST(DeathFileTest, ReadsRowsWithLinesAndHoldsFaultyOnes) {
  model::DeathRow bad = Valid();
  bad[model::DeathItem::kUnderlyingCause] = "X";
  TempFile f(std::string("\xEF\xBB\xBF") + std::string(kHeader) + Line(Valid()) + Line(bad) +
             "a,b\r\n");
  auto file = ReadDeathFile(f.path(), "deaths.csv", std::nullopt, kToday);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->rows.size(), 3u);
  EXPECT_TRUE(file->rows[0].issues.empty());
  EXPECT_EQ(file->rows[0].line, 2u);
  EXPECT_EQ(file->rows[0].row[model::DeathItem::kName], "山田 花子");
  ASSERT_EQ(file->rows[1].issues.size(), 1u);
  EXPECT_EQ(FormatIssue("deaths.csv", file->rows[1].issues[0]),
            "deaths.csv:3: underlying_cause: 'X' is not an ICD-10 code (e.g. C18.7, C187, I21.9)");
  ASSERT_EQ(file->rows[2].issues.size(), 1u);
  EXPECT_EQ(file->rows[2].issues[0].item, "row");
}

TEST(DeathFileTest, Cp932AndEnglishHeader) {
  std::string utf8 =
      "kana_name,name,sex,birth_date,prefecture_code,address,death_date,underlying_cause,"
      "place_kind,place_institution\n" +
      Line(Valid());
  auto cp932 = text::Utf8ToCp932(utf8);
  ASSERT_TRUE(cp932.ok());
  TempFile f(*cp932);
  auto file = ReadDeathFile(f.path(), "d.csv", std::nullopt, kToday);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->encoding, text::Encoding::kCp932);
  ASSERT_EQ(file->rows.size(), 1u);
  EXPECT_TRUE(file->rows[0].issues.empty());
  EXPECT_EQ(file->rows[0].row[model::DeathItem::kAddress], "千代田区霞が関一丁目3番2号");
}

TEST(DeathFileTest, RejectsOtherLayoutsWithoutQuotingData) {
  TempFile empty("");
  EXPECT_EQ(ReadDeathFile(empty.path(), "e.csv", std::nullopt, kToday).status().code(),
            StatusCode::kRejected);
  // A file without its header: the first row is a person's and is not repeated.
  TempFile headless(Line(Valid()));
  auto r = ReadDeathFile(headless.path(), "h.csv", std::nullopt, kToday);
  ASSERT_EQ(r.status().code(), StatusCode::kRejected);
  EXPECT_THAT(r.status().message(), HasSubstr("h.csv:1: header column 1"));
  EXPECT_THAT(r.status().message(), testing::Not(HasSubstr("ヤマダ")));
  // A notification file is not a death file.
  TempFile notification("診療録番号,カナ氏名,氏名\r\n");
  EXPECT_EQ(ReadDeathFile(notification.path(), "n.csv", std::nullopt, kToday).status().code(),
            StatusCode::kRejected);
}

}  // namespace
}  // namespace ganreg::validate
