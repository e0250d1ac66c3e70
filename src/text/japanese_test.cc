// Table-driven tests of text/japanese.h: each case is one line, input → expected.
#include "text/japanese.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ganreg::text {
namespace {

struct Case {
  const char* in;
  const char* want;
};

void ExpectFolds(uint32_t flags, const std::vector<Case>& cases) {
  for (const Case& c : cases) EXPECT_EQ(Fold(c.in, flags), c.want) << "input: " << c.in;
}

TEST(FoldTest, NfkcWidthAndCase) {
  ExpectFolds(kFoldNfkc, {
                             {"ｻｲﾄｳ ﾀﾛｳ", "サイトウ タロウ"},  // half-width kana
                             {"ｶﾞｯｺｳ", "ガッコウ"},            // half-width dakuten composes
                             {"ﾊﾟﾝ", "パン"},
                             {"１２３ＡＢＣ", "123abc"},   // full-width ASCII, case folded
                             {"佐藤　太郎", "佐藤 太郎"},  // ideographic space → space
                             {"㈱①", "(株)1"},
                             {"㍻", "平成"},
                             {"㍼", "昭和"},
                             {"神", "神"},            // U+FA19 compatibility ideograph → U+795E
                             {"葛󠄀城", "葛城"},  // IVS removed
                             {"辻︀", "辻"},        // standardized variation selector removed
                             {"さとう", "さとう"},    // fast path leaves kana alone
                             {"高橋", "高橋"},
                             {"abc", "abc"},
                             {"", ""},
                         });
}

TEST(FoldTest, HiraganaToKatakana) {
  ExpectFolds(kFoldKatakana, {
                                 {"さとう", "サトウ"},
                                 {"ゐゑ", "ヰヱ"},
                                 {"いすゞ", "イスヾ"},
                                 {"サトウ", "サトウ"},
                                 {"ゔ", "ヴ"},
                                 {"佐藤さん", "佐藤サン"},
                             });
}

TEST(FoldTest, Reading) {
  ExpectFolds(kFoldReading, {
                                // long vowels: サトウ = サトオ = サトー
                                {"サトウ", "サトー"},
                                {"サトオ", "サトー"},
                                {"サトー", "サトー"},
                                {"さとう", "サトー"},
                                {"ｻﾄｳ", "サトー"},
                                {"サト", "サト"},  // a short vowel stays short
                                {"オオノ", "オーノ"},
                                {"オーノ", "オーノ"},
                                {"オウノ", "オーノ"},
                                {"ユウキ", "ユーキ"},
                                {"ユキ", "ユキ"},
                                {"ケイコ", "ケーコ"},
                                {"ケーコ", "ケーコ"},
                                {"イイダ", "イーダ"},
                                {"ｲｲﾀﾞ", "イーダ"},
                                {"サトーウ", "サトーウ"},  // only one lengthening is absorbed
                                {"サトーー", "サトー"},
                                // small kana
                                {"ショウコ", "シヨーコ"},
                                {"ショーコ", "シヨーコ"},
                                {"キョウコ", "キヨーコ"},
                                {"ハットリ", "ハツトリ"},
                                {"ァィゥェォ", "アイウエオ"},
                                {"ヮ", "ワ"},
                                // ヶヵ, 四つ仮名, ヲヰヱ, ヴ
                                {"ヶ", "ケ"},
                                {"ヵ", "カ"},
                                {"ツヅキ", "ツズキ"},
                                {"ハナヂ", "ハナジ"},
                                {"ヲ", "オ"},
                                {"ヰ", "イ"},
                                {"ヱミ", "エミ"},
                                {"ヴァイオリン", "ブアイオリン"},
                                // iteration marks
                                {"いすゞ", "イスズ"},
                                {"ハヽ", "ハハ"},
                                {"ハヾ", "ハバ"},
                                // dashes typed for ー after kana
                                {"サト-", "サトー"},
                                {"サト−", "サトー"},
                                {"ｻﾄｰ", "サトー"},
                                // spaces of any width go
                                {"ササキ　マサオ", "ササキマサオ"},
                                {"ササキ マサオ", "ササキマサオ"},
                                {"", ""},
                            });
}

TEST(FoldTest, NameKanjiVariants) {
  ExpectFolds(kFoldName, {
                             {"髙橋", "高橋"},
                             {"﨑山", "崎山"},
                             {"渡邊", "渡辺"},
                             {"渡邉", "渡辺"},
                             {"澤田", "沢田"},
                             {"齋藤", "斎藤"},
                             {"齊藤", "斎藤"},
                             {"斉藤", "斎藤"},
                             {"廣瀬", "広瀬"},
                             {"國分", "国分"},
                             {"濱田", "浜田"},
                             {"櫻井", "桜井"},
                             {"嶋田", "島田"},
                             {"冨田", "富田"},
                             {"𠮷田", "吉田"},
                             {"龍一", "竜一"},
                             {"眞理", "真理"},
                             {"惠子", "恵子"},
                             {"佐々木", "佐佐木"},
                             {"佐佐木", "佐佐木"},
                             {"髙橋　太郎", "高橋太郎"},
                             {"高橋 太郎", "高橋太郎"},
                             {"神田", "神田"},  // compatibility ideograph via NFKC
                             {"さくら", "サクラ"},
                             // standard forms never move: 弘 and 宏 are distinct names even though
                             // SKK lists them as variants of 広; 埼 is not 崎.
                             {"弘", "弘"},
                             {"宏", "宏"},
                             {"埼玉", "埼玉"},
                             {"高橋", "高橋"},
                         });
}

TEST(FoldTest, KanjiVariantTable) {
  EXPECT_GT(KanjiVariantCount(), 1000u);
  EXPECT_EQ(FoldKanjiVariant(U'髙'), U'高');
  EXPECT_EQ(FoldKanjiVariant(U'高'), U'高');
  EXPECT_EQ(FoldKanjiVariant(U'a'), U'a');
  EXPECT_EQ(FoldKanjiVariant(U'邊'), U'辺');
}

// The inverse of the table: every variant listed folds back to the standard form.
TEST(FoldTest, KanjiVariantsOfAStandardForm) {
  const std::u32string of_high = KanjiVariantsOf(U'高');
  EXPECT_NE(of_high.find(U'髙'), std::u32string::npos);
  const std::u32string of_be = KanjiVariantsOf(U'辺');
  EXPECT_NE(of_be.find(U'邊'), std::u32string::npos);
  EXPECT_NE(of_be.find(U'邉'), std::u32string::npos);
  for (char32_t standard : {U'高', U'辺', U'崎', U'沢', U'斎'}) {
    for (char32_t v : KanjiVariantsOf(standard)) EXPECT_EQ(FoldKanjiVariant(v), standard);
  }
  EXPECT_TRUE(KanjiVariantsOf(U'a').empty());
  EXPECT_TRUE(KanjiVariantsOf(U'髙').empty());  // a variant is nobody's standard form
}

TEST(FoldTest, ReusesOutputBuffer) {
  std::u32string out;
  FoldTo("サトウ", kFoldReading, &out);
  EXPECT_EQ(out, U"サトー");
  FoldTo("ｻﾄｳ", kFoldReading, &out);  // through ICU
  EXPECT_EQ(out, U"サトー");
  FoldTo("", kFoldReading, &out);
  EXPECT_TRUE(out.empty());
}

TEST(FoldTest, MalformedUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Fold(std::string("a\xff"
                             "b"),
                 kFoldNfkc),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(CharacterClassTest, KanaAndKanji) {
  EXPECT_TRUE(IsKana(U'あ'));
  EXPECT_TRUE(IsKana(U'ア'));
  EXPECT_TRUE(IsKana(U'ｱ'));
  EXPECT_TRUE(IsKana(U'ー'));
  EXPECT_FALSE(IsKana(U'亜'));
  EXPECT_TRUE(IsKanji(U'亜'));
  EXPECT_TRUE(IsKanji(U'々'));
  EXPECT_TRUE(IsKanji(U'𠮷'));
  EXPECT_FALSE(IsKanji(U'ア'));
}

TEST(SplitNameTest, SpacesOfAnyWidth) {
  struct NameCase {
    const char* in;
    const char* family;
    const char* given;
    bool separated;
  };
  const std::vector<NameCase> cases = {
      {"佐藤 太郎", "佐藤", "太郎", true},
      {"佐藤　太郎", "佐藤", "太郎", true},            // U+3000
      {"佐藤\xC2\xA0太郎", "佐藤", "太郎", true},      // NBSP
      {"佐藤\xE2\x80\x82太郎", "佐藤", "太郎", true},  // EN SPACE
      {"佐藤\t太郎", "佐藤", "太郎", true},
      {"  佐藤　 太郎  ", "佐藤", "太郎", true},
      {"サトウ タロウ", "サトウ", "タロウ", true},
      {"佐藤 太郎 次郎", "佐藤", "太郎 次郎", true},
      {"佐藤太郎", "佐藤太郎", "", false},
      {"佐藤 ", "佐藤", "", false},
      {"", "", "", false},
      {"　", "", "", false},
  };
  for (const auto& c : cases) {
    const NameParts p = SplitName(c.in);
    EXPECT_EQ(p.family, c.family) << c.in;
    EXPECT_EQ(p.given, c.given) << c.in;
    EXPECT_EQ(p.had_separator, c.separated) << c.in;
  }
}

TEST(ParseDateTest, AcceptedForms) {
  struct DateCase {
    const char* in;
    int32_t want;
  };
  const std::vector<DateCase> cases = {
      {"昭和30年1月2日", 19550102},
      {"昭和３０年１月２日", 19550102},
      {"昭和 30年 1月 2日", 19550102},
      {"平成元年5月1日", 19890501},
      {"平成1年5月1日", 19890501},
      {"昭和三十年一月二日", 19550102},
      {"昭和三十年十二月二十五日", 19551225},
      {"㍼30年1月2日", 19550102},
      {"㍻元年5月1日", 19890501},
      {"昭30.1.2", 19550102},
      {"平元.5.1", 19890501},
      {"S30.1.2", 19550102},
      {"s30/01/02", 19550102},
      {"S.30.1.2", 19550102},
      {"Ｓ３０．１．２", 19550102},
      {"S300102", 19550102},
      {"H1-5-1", 19890501},
      {"H010501", 19890501},
      {"R5.3.4", 20230304},
      {"T1.7.30", 19120730},
      {"M45.7.29", 19120729},
      {"大正15年12月25日", 19261225},
      {"3300102", 19550102},  // era digit 3 = 昭和
      {"4010108", 19890108},  // 4 = 平成
      {"5010501", 20190501},  // 5 = 令和
      {"昭和64年1月7日", 19890107},
      {"平成1年1月8日", 19890108},
      {"令和元年5月1日", 20190501},
      {"平成32年1月1日", 20200101},  // printed before the era changed
      {"昭和30年1月2日生", 19550102},
      {"1955年1月2日", 19550102},
      {"1955-01-02", 19550102},
      {"1955/1/2", 19550102},
      {"1955.1.2", 19550102},
      {"19550102", 19550102},
      {"２０００／２／２９", 20000229},
  };
  for (const auto& c : cases) {
    auto got = ParseDate(c.in);
    ASSERT_TRUE(got.ok()) << c.in << ": " << got.status().ToString();
    EXPECT_EQ(*got, c.want) << c.in;
  }
}

TEST(ParseDateTest, RefusedForms) {
  for (const char* in :
       {"", "abc", "平成1年1月7日", "令和元年4月30日", "S30.2.30", "H31.2.29", "1900.2.29",
        "1955-13-01", "1955-00-10", "195501", "55.1.2", "昭和30年1月", "昭和30年1月2日3", "6300102",
        "S30.1.2.3", "X30.1.2", "1955/1-2", "昭和百年1月1日"}) {
    auto got = ParseDate(in);
    EXPECT_FALSE(got.ok()) << in << " gave " << (got.ok() ? *got : 0);
    if (!got.ok()) {
      EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(ParseDateTest, ErrorMessageDoesNotQuoteTheValue) {
  auto got = ParseDate("昭和99年99月99日");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message().find("99"), std::string::npos);
}

TEST(EraTest, TableAndConversions) {
  ASSERT_EQ(Eras().size(), 5u);
  EXPECT_EQ(Eras()[2].name, "昭和");
  EXPECT_EQ(Eras()[3].first_day, 19890108);
  EXPECT_EQ(*EraDate(Era::kHeisei, 1, 1, 8), 19890108);
  EXPECT_FALSE(EraDate(Era::kHeisei, 1, 1, 7).ok());
  EXPECT_EQ(EraOf(19890107), Era::kShowa);
  EXPECT_EQ(EraOf(19890108), Era::kHeisei);
  EXPECT_EQ(EraOf(20190501), Era::kReiwa);
  EXPECT_EQ(EraOf(18000101), std::nullopt);
  EXPECT_EQ(FormatEraDate(19550102), "昭和30年1月2日");
  EXPECT_EQ(FormatEraDate(19890501), "平成元年5月1日");
  EXPECT_EQ(FormatEraDate(20230304), "令和5年3月4日");
  EXPECT_EQ(FormatEraDate(0), "");
  EXPECT_TRUE(IsValidDate(20000229));
  EXPECT_FALSE(IsValidDate(21000229));
  EXPECT_FALSE(IsValidDate(0));
}

TEST(EraTest, FormatThenParseRoundTrips) {
  for (int32_t d :
       {19120730, 19261225, 19550102, 19890107, 19890108, 19991231, 20190501, 20240229}) {
    auto back = ParseDate(FormatEraDate(d));
    ASSERT_TRUE(back.ok()) << d;
    EXPECT_EQ(*back, d);
  }
}

TEST(KanjiNumberTest, Values) {
  struct NumberCase {
    const char32_t* in;
    std::optional<int64_t> want;
  };
  const std::vector<NumberCase> cases = {
      {U"〇", 0},
      {U"一", 1},
      {U"九", 9},
      {U"十", 10},
      {U"十一", 11},
      {U"二十", 20},
      {U"二十三", 23},
      {U"百", 100},
      {U"百五", 105},
      {U"三百二十一", 321},
      {U"千", 1000},
      {U"千二百", 1200},
      {U"二千二十四", 2024},
      {U"一〇五", 105},
      {U"二〇二四", 2024},
      {U"三万", 30000},
      {U"一万二千", 12000},
      {U"壱", 1},
      {U"弐拾参", 23},
      {U"", std::nullopt},
      {U"12", std::nullopt},
      {U"二三十", std::nullopt},
      {U"十百", std::nullopt},
      {U"三a", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParseKanjiNumber(c.in), c.want) << ToUtf8(c.in);
  }
}

}  // namespace
}  // namespace ganreg::text
