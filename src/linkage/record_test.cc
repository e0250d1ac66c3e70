// Tests of record preparation: folded ids, short strings, dates, addresses.
#include "linkage/record.h"

#include <gtest/gtest.h>

namespace ganreg::linkage {
namespace {

PersonInput Person(const char* name, const char* kana, const char* sex, const char* birth,
                   const char* address) {
  PersonInput in;
  in.name = name;
  in.kana_name = kana;
  in.sex = sex;
  in.birth_date = birth;
  in.address = address;
  return in;
}

TEST(RecordSetTest, VariantsOfOneNameShareIds) {
  RecordSet set;
  const auto a =
      set.Add(Person("髙橋 太郎", "ﾀｶﾊｼ ﾀﾛｳ", "1", "S30.1.2", "東京都千代田区霞が関一丁目3番2号"));
  const auto b = set.Add(
      Person("高橋　太郎", "たかはし たろう", "1", "19550102", "東京都千代田区霞ヶ関1-3-2"));
  const Record& ra = set[a];
  const Record& rb = set[b];
  EXPECT_EQ(ra.family_id, rb.family_id);
  EXPECT_EQ(ra.given_id, rb.given_id);
  EXPECT_EQ(ra.full_name_id, rb.full_name_id);
  EXPECT_EQ(ra.family_kana_id, rb.family_kana_id);
  EXPECT_EQ(ra.given_kana_id, rb.given_kana_id);
  EXPECT_EQ(ra.birth_date, 19550102);
  EXPECT_EQ(rb.birth_date, 19550102);
  EXPECT_EQ(ra.address_id, rb.address_id);
  EXPECT_EQ(ra.prefecture, 13);
  EXPECT_TRUE(ra.name_split);
  // The baseline sees them as written.
  EXPECT_NE(ra.raw_family_id, rb.raw_family_id);
  EXPECT_NE(ra.raw_address_id, rb.raw_address_id);
  EXPECT_EQ(ra.family.length, 2);
  EXPECT_EQ(ra.family_kana.length, 4);  // タカハシ
}

TEST(RecordSetTest, MissingAndUnsplitValues) {
  RecordSet set;
  const Record& r = set[set.Add(Person("佐藤花子", "", "9", "not a date", ""))];
  EXPECT_FALSE(r.name_split);
  EXPECT_NE(r.full_name_id, 0u);
  EXPECT_EQ(r.given_id, 0u);
  EXPECT_EQ(r.family_kana_id, 0u);
  EXPECT_EQ(r.sex, 0);
  EXPECT_EQ(r.birth_date, 0);
  EXPECT_EQ(r.address_id, 0u);
  EXPECT_EQ(r.municipality_id, 0u);
}

TEST(RecordSetTest, TermFrequency) {
  RecordSet set;
  for (int i = 0; i < 3; ++i) set.Add(Person("佐藤 一郎", "サトウ イチロウ", "1", "", ""));
  const auto rare = set.Add(Person("勅使河原 一郎", "テシガワラ イチロウ", "1", "", ""));
  EXPECT_DOUBLE_EQ(set.TermFrequency(TermField::kFamily, set[0].family_id), 0.75);
  EXPECT_DOUBLE_EQ(set.TermFrequency(TermField::kFamily, set[rare].family_id), 0.25);
  EXPECT_DOUBLE_EQ(set.TermFrequency(TermField::kGiven, set[rare].given_id), 1.0);
  EXPECT_EQ(set.TermMaxId(TermField::kFamily), 2u);
}

TEST(RecordSetTest, AddAllOnThreadsEqualsAdd) {
  std::vector<PersonInput> inputs;
  for (int i = 0; i < 10000; ++i) {
    inputs.push_back(Person(i % 3 == 0 ? "髙橋 太郎" : (i % 3 == 1 ? "佐藤　花子" : "鈴木一郎"),
                            i % 2 == 0 ? "タカハシ タロウ" : "", i % 2 == 0 ? "1" : "2",
                            i % 5 == 0 ? "S30.1.2" : "19600101",
                            i % 7 == 0 ? "東京都千代田区霞が関1-3-2" : "大阪市北区梅田3-1-1"));
    inputs.back().source_id = i;
  }
  RecordSet one;
  for (const auto& in : inputs) one.Add(in);
  RecordSet many;
  many.AddAll(inputs, 3);
  ASSERT_EQ(many.size(), one.size());
  for (size_t i = 0; i < one.size(); ++i) {
    const Record& a = one[i];
    const Record& b = many[i];
    ASSERT_EQ(a.source_id, b.source_id);
    ASSERT_EQ(a.full_name_id, b.full_name_id);
    ASSERT_EQ(a.full_kana_id, b.full_kana_id);
    ASSERT_EQ(a.address_id, b.address_id);
    ASSERT_EQ(a.birth_date, b.birth_date);
    ASSERT_EQ(a.family, b.family);
  }
}

TEST(ShortStringTest, FromCodePoints) {
  const ShortString s = ShortString::From(U"サトウ");
  EXPECT_EQ(s.length, 3);
  EXPECT_EQ(s.units[0], u'サ');
  EXPECT_EQ(s.units[3], 0);
  EXPECT_EQ(ShortString::From(U"あいうえおかきくけこさしすせそたちつてと").length, kMaxUnits);
  EXPECT_NE(ShortString::From(U"𠮷").units[0], 0);
}

TEST(ParseSexTest, Codes) {
  EXPECT_EQ(ParseSex("1"), 1);
  EXPECT_EQ(ParseSex("男"), 1);
  EXPECT_EQ(ParseSex("2"), 2);
  EXPECT_EQ(ParseSex("F"), 2);
  EXPECT_EQ(ParseSex("9"), 0);
  EXPECT_EQ(ParseSex(""), 0);
}

TEST(FromNotificationRowTest, TakesIdentityItems) {
  model::NotificationRow row;
  row[model::Item::kName] = "山田 花子";
  row[model::Item::kKanaName] = "ヤマダ ハナコ";
  row[model::Item::kSex] = "2";
  row[model::Item::kBirthDate] = "19600305";
  row[model::Item::kPrefectureCode] = "27";
  row[model::Item::kAddress] = "大阪市北区梅田3-1-1";
  const PersonInput in = FromNotificationRow(row, 42);
  EXPECT_EQ(in.source_id, 42);
  EXPECT_EQ(in.name, "山田 花子");
  EXPECT_EQ(in.prefecture_code, 27);
  row[model::Item::kPrefectureCode] = "99";
  EXPECT_EQ(FromNotificationRow(row, 1).prefecture_code, 0);
}

}  // namespace
}  // namespace ganreg::linkage
