// Tests of the field comparators, one table per field.
#include "linkage/compare.h"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

#include "text/japanese.h"

namespace ganreg::linkage {
namespace {

TEST(CompareBirthDatesTest, Levels) {
  struct Case {
    int32_t a;
    int32_t b;
    DateLevel want;
  };
  const std::vector<Case> cases = {
      {19550102, 19550102, kDateExact},
      {19550102, 0, kDateMissing},
      {0, 0, kDateMissing},
      {19550102, 19550103, kDateOneDigit},  // day typo
      {19550102, 19650102, kDateOneDigit},  // year typo
      {19550102, 19550120, kDateOneDigit},  // adjacent digits exchanged
      {19550112, 19551201, kDateSwapped},   // day and month exchanged
      {19550304, 19550403, kDateSwapped},
      {19750506, 20380506, kDateEraError},  // 昭和50 converted as 平成50 (+63)
      {19890506, 20190506, kDateEraError},  // 平成 ↔ 令和 (30)
      {19200506, 19340506, kDateEraError},  // 大正 ↔ 昭和 (14)
      {19550102, 19600715, kDateDifferent},
      {19550102, 19560203, kDateDifferent},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CompareBirthDates(c.a, c.b), c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(CompareBirthDates(c.b, c.a), c.want) << c.b << " vs " << c.a;
  }
}

TEST(CompareKanjiTest, Agreement) {
  const ShortString a = ShortString::From(U"渡辺");
  const ShortString b = ShortString::From(U"渡部");
  const ShortString c = ShortString::From(U"鈴木");
  const ShortString d = ShortString::From(U"林");
  const ShortString e = ShortString::From(U"森");
  EXPECT_EQ(CompareKanji(1, 1, a, a), Agreement::kSame);
  EXPECT_EQ(CompareKanji(1, 2, a, b), Agreement::kClose);
  EXPECT_EQ(CompareKanji(1, 3, a, c), Agreement::kDifferent);
  EXPECT_EQ(CompareKanji(4, 5, d, e), Agreement::kDifferent);  // one kanji each: never close
  EXPECT_EQ(CompareKanji(0, 1, ShortString{}, a), Agreement::kNone);
}

TEST(CompareReadingTest, Agreement) {
  struct Case {
    const char32_t* a;
    const char32_t* b;
    Agreement want;
  };
  const std::vector<Case> cases = {
      {U"タカハシ", U"タカハシ", Agreement::kSame},
      {U"ヤマモト", U"ヤマト", Agreement::kVeryClose},  // JW 0.933
      {U"ワタナベ", U"ワタナヘ", Agreement::kClose},    // JW 0.883
      {U"タカハシ", U"タガハシ", Agreement::kClose},    // JW 0.850
      {U"サトー", U"スズキ", Agreement::kDifferent},
      {U"イトー", U"カトー", Agreement::kDifferent},  // JW 0.778
  };
  for (const Case& c : cases) {
    const uint32_t id_b = std::u32string_view(c.a) == c.b ? 1 : 2;
    EXPECT_EQ(CompareReading(1, id_b, ShortString::From(c.a), ShortString::From(c.b)), c.want)
        << text::ToUtf8(c.a) << " / " << text::ToUtf8(c.b);
  }
  EXPECT_EQ(CompareReading(0, 1, ShortString{}, ShortString{}), Agreement::kNone);
}

TEST(CombineNameTest, Table) {
  using A = Agreement;
  struct Case {
    A kanji;
    A reading;
    NameLevel want;
  };
  const std::vector<Case> cases = {
      {A::kNone, A::kNone, kNameMissing},
      {A::kSame, A::kSame, kNameExact},
      {A::kSame, A::kNone, kNameKanjiSame},         // reading missing
      {A::kSame, A::kClose, kNameKanjiSame},        // reading typo
      {A::kDifferent, A::kSame, kNameReadingSame},  // 博/浩 ヒロシ
      {A::kNone, A::kSame, kNameReadingSame},
      {A::kClose, A::kNone, kNameClose},
      {A::kClose, A::kDifferent, kNameDifferent},  // 花子/洋子: ハナコ/ヨウコ
      {A::kDifferent, A::kVeryClose, kNameClose},
      {A::kNone, A::kClose, kNameReadingClose},
      {A::kDifferent, A::kDifferent, kNameDifferent},
      {A::kNone, A::kDifferent, kNameDifferent},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CombineName(c.kanji, c.reading), c.want)
        << static_cast<int>(c.kanji) << "," << static_cast<int>(c.reading);
  }
}

TEST(CompareSexTest, Levels) {
  EXPECT_EQ(CompareSex(1, 1), kSexSame);
  EXPECT_EQ(CompareSex(1, 2), kSexDifferent);
  EXPECT_EQ(CompareSex(0, 2), kSexMissing);
}

TEST(CompareAddressesTest, Hierarchy) {
  RecordSet set;
  auto add = [&set](const char* address) {
    PersonInput in;
    in.address = address;
    return set.Add(in);
  };
  const auto base = add("東京都千代田区霞が関一丁目3番2号");
  struct Case {
    const char* other;
    AddressLevel want;
  };
  const std::vector<Case> cases = {
      {"東京都千代田区霞ヶ関1-3-2", kAddressExact},
      {"東京都千代田区霞が関2-1-1", kAddressTown},
      {"東京都千代田区丸の内1-1-1", kAddressMunicipality},
      {"東京都新宿区西新宿2-8-1", kAddressPrefecture},
      {"大阪府大阪市北区梅田3-1-1", kAddressDifferent},
      {"", kAddressMissing},
  };
  for (const Case& c : cases) {
    const auto other = add(c.other);
    EXPECT_EQ(CompareAddresses(set[base], set[other]), c.want) << c.other;
  }
}

TEST(CompareTest, WholeRecordsAndPatternRoundTrip) {
  RecordSet set;
  PersonInput a;
  a.name = "髙橋 太郎";
  a.kana_name = "タカハシ タロウ";
  a.sex = "1";
  a.birth_date = "昭和30年1月2日";
  a.address = "東京都千代田区霞が関1-3-2";
  PersonInput b = a;
  b.name = "高橋 太朗";
  b.kana_name = "ﾀｶﾊｼ ﾀﾛｰ";
  b.birth_date = "19550120";
  const auto ia = set.Add(a);
  const auto ib = set.Add(b);
  const Comparison c = Compare(set[ia], set[ib]);
  EXPECT_EQ(c[Field::kFamily], kNameExact);
  EXPECT_EQ(c[Field::kGiven], kNameReadingSame);  // 太郎/太朗, both タロー
  EXPECT_EQ(c[Field::kBirthDate], kDateOneDigit);
  EXPECT_EQ(c[Field::kSex], kSexSame);
  EXPECT_EQ(c[Field::kAddress], kAddressExact);
  const uint32_t p = PatternOf(c);
  EXPECT_LT(p, kPatternCount);
  EXPECT_EQ(ComparisonOf(p).level, c.level);
  for (uint32_t q = 0; q < kPatternCount; q += 7) EXPECT_EQ(PatternOf(ComparisonOf(q)), q);
}

// A name written without a space is cut where the other record's family name ends, or where
// its given name begins; two such names are compared whole.
TEST(CompareTest, UnsplitNameIsCutByTheOtherRecord) {
  struct Case {
    const char* a;
    const char* a_kana;
    const char* b;
    const char* b_kana;
    NameLevel family;
    NameLevel given;
  };
  const std::vector<Case> cases = {
      {"佐藤 花子", "サトウ ハナコ", "佐藤花子", "サトウ ハナコ", kNameExact, kNameExact},
      {"佐藤 健", "", "佐藤健一", "", kNameKanjiSame, kNameClose},  // 健/健一: one kanji more
      {"佐藤 健", "", "佐藤修", "", kNameKanjiSame, kNameDifferent},
      // The surname changed at marriage: the given name is found at the end.
      {"鈴木 花子", "スズキ ハナコ", "佐藤花子", "サトウ ハナコ", kNameDifferent, kNameExact},
      {"髙橋 太郎", "", "高橋太郎", "", kNameKanjiSame, kNameKanjiSame},  // variants fold first
      // Both without a space: compared whole; equal names agree in both parts.
      {"佐藤花子", "サトウ ハナコ", "佐藤花子", "サトウ ハナコ", kNameExact, kNameExact},
      {"佐藤花子", "", "佐藤和子", "", kNameDifferent, kNameMissing},
      {"佐藤 花子", "", "山田太郎", "", kNameDifferent, kNameMissing},  // no cut fits
  };
  for (const Case& k : cases) {
    RecordSet set;
    PersonInput a;
    a.name = k.a;
    a.kana_name = k.a_kana;
    PersonInput b;
    b.name = k.b;
    b.kana_name = k.b_kana;
    const auto ia = set.Add(a);
    const auto ib = set.Add(b);
    for (const auto& [x, y] : {std::pair{ia, ib}, std::pair{ib, ia}}) {
      const Comparison c = Compare(set[x], set[y]);
      EXPECT_EQ(c[Field::kFamily], k.family) << k.a << " / " << k.b;
      EXPECT_EQ(c[Field::kGiven], k.given) << k.a << " / " << k.b;
    }
  }
}

TEST(CompareTest, UnsplitReadingIsCutByTheOtherRecord) {
  RecordSet set;
  PersonInput a;
  a.name = "佐藤 花子";
  a.kana_name = "サトウ ハナコ";
  PersonInput b = a;
  b.kana_name = "サトウハナコ";
  const auto ia = set.Add(a);
  const auto ib = set.Add(b);
  const Comparison c = Compare(set[ia], set[ib]);
  EXPECT_EQ(c[Field::kFamily], kNameExact);
  EXPECT_EQ(c[Field::kGiven], kNameExact);
}

TEST(LevelNameTest, Names) {
  EXPECT_STREQ(FieldName(Field::kBirthDate), "birth_date");
  EXPECT_STREQ(LevelName(Field::kBirthDate, kDateSwapped), "swapped");
  EXPECT_STREQ(LevelName(Field::kAddress, kAddressTown), "town");
  EXPECT_STREQ(LevelName(Field::kFamily, kNameReadingSame), "reading_same");
  EXPECT_STREQ(LevelName(Field::kSex, 7), "?");
}

}  // namespace
}  // namespace ganreg::linkage
