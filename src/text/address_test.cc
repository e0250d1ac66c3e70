// Table-driven tests of text/address.h: each line is an address as written →
// prefecture code | municipality | town | numbers | rest.
#include "text/address.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ganreg::text {
namespace {

struct Case {
  const char* in;
  int prefecture;
  const char* municipality;
  const char* town;
  const char* numbers;
  const char* rest;
};

TEST(NormalizeAddressTest, Table) {
  const std::vector<Case> cases = {
      // 丁目/番/号, kanji numerals, full-width digits and every dash give the same key.
      {"東京都千代田区霞が関一丁目3番2号", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞ヶ関1-3-2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京千代田区霞ケ関１－３－２", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1‐3‐2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1―3―2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1ｰ3ｰ2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1−3−2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1ー3ー2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関1丁目 3番 2号", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都千代田区霞が関一丁目 三番 二号", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都 千代田区 霞が関 1-3-2", 13, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"千代田区霞が関1-3-2", 0, "千代田区", "霞ヶ関", "1-3-2", ""},
      {"東京都三鷹市下連雀三丁目二十番地五", 13, "三鷹市", "下連雀", "3-20-5", ""},
      {"東京都東村山市本町一丁目2番地の3", 13, "東村山市", "本町", "1-2-3", ""},
      {"奈良県大和郡山市北郡山町248番地の4", 29, "大和郡山市", "北郡山町", "248-4", ""},
      {"奈良県大和郡山市北郡山町248-4", 29, "大和郡山市", "北郡山町", "248-4", ""},
      {"奈良県大和郡山市北郡山町248の4", 29, "大和郡山市", "北郡山町", "248-4", ""},
      // municipalities whose names hold 市/町/村/郡
      {"北海道余市郡余市町黒川町十九丁目", 1, "余市郡余市町", "黒川町", "19", ""},
      {"三重県四日市市諏訪町1番5号", 24, "四日市市", "諏訪町", "1-5", ""},
      {"長野県大町市大町1234", 20, "大町市", "大町", "1234", ""},
      {"新潟県十日町市本町五丁目", 15, "十日町市", "本町", "5", ""},
      {"千葉県市川市八幡1-1-1", 12, "市川市", "八幡", "1-1-1", ""},
      {"東京都町田市森野2-2-22", 13, "町田市", "森野", "2-2-22", ""},
      {"広島県廿日市市下平良1丁目11-1", 34, "廿日市市", "下平良", "1-11-1", ""},
      {"岐阜県郡上市八幡町島谷520-1", 21, "郡上市", "八幡町島谷", "520-1", ""},
      {"福島県石川郡石川町字下泉150", 7, "石川郡石川町", "下泉", "150", ""},
      {"茨城県つくばみらい市福田195", 8, "つくばみらい市", "福田", "195", ""},
      {"鹿児島県いちき串木野市昭和通133-1", 46, "いちき串木野市", "昭和通", "133-1", ""},
      {"東京都新宿区市谷本村町5-1", 13, "新宿区", "市谷本村町", "5-1", ""},
      // designated cities' wards
      {"神奈川県横浜市港北区日吉本町二丁目10-5 コーポ日吉101", 14, "横浜市港北区", "日吉本町",
       "2-10-5", "コーポ日吉101"},
      {"静岡県浜松市中区元城町103-2", 22, "浜松市中区", "元城町", "103-2", ""},
      {"大阪市北区梅田3-1-1", 27, "大阪市北区", "梅田", "3-1-1", ""},
      {"京都市中京区寺町通御池上る上本能寺前町488", 26, "京都市中京区",
       "寺町通御池上る上本能寺前町", "488", ""},
      // numerals that are part of a town's name stay
      {"宮城県仙台市青葉区一番町三丁目1番1号", 4, "仙台市青葉区", "一番町", "3-1-1", ""},
      {"東京都港区三田二丁目5-1", 13, "港区", "三田", "2-5-1", ""},
      {"東京都新宿区四谷1-1", 13, "新宿区", "四谷", "1-1", ""},
      {"北海道札幌市中央区北一条西二丁目1番地", 1, "札幌市中央区", "北1条西", "2-1", ""},
      {"北海道札幌市中央区北1条西2丁目1", 1, "札幌市中央区", "北1条西", "2-1", ""},
      // 大字 and 字 are dropped
      {"愛知県愛知郡東郷町大字春木字羽根穴22", 23, "愛知郡東郷町", "春木羽根穴", "22", ""},
      {"愛知県愛知郡東郷町春木羽根穴22", 23, "愛知郡東郷町", "春木羽根穴", "22", ""},
      // buildings and rooms after the numbers
      {"東京都港区六本木６丁目１０番１号　六本木ヒルズ森タワー　３０階", 13, "港区", "六本木",
       "6-10-1", "六本木ヒルズ森タワー30階"},
      {"東京都千代田区霞が関１丁目３番２号　中央合同庁舎第５号館", 13, "千代田区", "霞ヶ関",
       "1-3-2", "中央合同庁舎第5号館"},
      {"東京都港区芝公園4-2-8-101", 13, "港区", "芝公園", "4-2-8-101", ""},
      // kanji variants fold in place names as in names
      {"長崎県長﨑市茂里町3-1", 42, "長崎市", "茂里町", "3-1", ""},
      {"", 0, "", "", "", ""},
  };
  for (const Case& c : cases) {
    const Address a = NormalizeAddress(c.in);
    EXPECT_EQ(a.prefecture_code, c.prefecture) << c.in;
    EXPECT_EQ(a.municipality, c.municipality) << c.in;
    EXPECT_EQ(a.town, c.town) << c.in;
    EXPECT_EQ(a.numbers, c.numbers) << c.in;
    EXPECT_EQ(a.rest, c.rest) << c.in;
  }
}

TEST(NormalizeAddressTest, SameKeyForVariantSpellings) {
  const std::string key = NormalizeAddress("東京都千代田区霞が関一丁目3番2号").Key();
  EXPECT_EQ(key, "東京都千代田区霞ヶ関1-3-2");
  for (const char* in : {"東京都千代田区霞ヶ関1-3-2", "東京千代田区霞ケ関１－３－２",
                         "東京都千代田区霞が関一丁目三番二号", "東京都 千代田区 霞が関 1ｰ3ｰ2"}) {
    EXPECT_EQ(NormalizeAddress(in).Key(), key) << in;
  }
}

TEST(NormalizeAddressTest, PrefectureHint) {
  const Address a = NormalizeAddress("千代田区霞が関1-3-2", 13);
  EXPECT_EQ(a.prefecture_code, 13);
  EXPECT_EQ(a.prefecture, "東京都");
  // The text wins over the hint.
  EXPECT_EQ(NormalizeAddress("大阪府大阪市北区梅田3-1-1", 13).prefecture_code, 27);
}

TEST(PrefectureTest, NamesAndCodes) {
  EXPECT_EQ(PrefectureName(1), "北海道");
  EXPECT_EQ(PrefectureName(13), "東京都");
  EXPECT_EQ(PrefectureName(47), "沖縄県");
  EXPECT_EQ(PrefectureName(0), "");
  EXPECT_EQ(PrefectureName(48), "");
  EXPECT_EQ(PrefectureCode("東京都"), 13);
  EXPECT_EQ(PrefectureCode("東京"), 13);
  EXPECT_EQ(PrefectureCode("神奈川県"), 14);
  EXPECT_EQ(PrefectureCode("北海道"), 1);
  EXPECT_EQ(PrefectureCode("京都府"), 26);
  EXPECT_EQ(PrefectureCode("東京市"), 0);
  for (int code = 1; code <= 47; ++code) EXPECT_EQ(PrefectureCode(PrefectureName(code)), code);
}

}  // namespace
}  // namespace ganreg::text
