// JsonWriter writes the same bytes as nlohmann's dump of the same values (the answers' format
// must not change for clients): escapes, control characters, UTF-8 of every length, text that
// is not UTF-8, and random bytes.
#include "web/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace ganreg::web::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string Nlohmann(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Written(std::string_view s) {
  JsonWriter w(0);  // no room made: growing is tested too
  w.String(s);
  return std::move(w).Take();
}

TEST(JsonWriterTest, EscapesAsRfc8259AndNlohmannDo) {
  EXPECT_EQ(Written(""), R"("")");
  EXPECT_EQ(Written("C18.7 / 8140/3"), R"("C18.7 / 8140/3")");  // '/' as it is
  EXPECT_EQ(Written("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Written("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(Written(std::string("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
  EXPECT_EQ(Written("東京都 がん"), "\"東京都 がん\"");
}

TEST(JsonWriterTest, EveryControlCharacterIsWrittenAsNlohmannWritesIt) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string s = "x" + std::string(1, static_cast<char>(c)) + "y";
    EXPECT_EQ(Written(s), Nlohmann(Json(s))) << c;
  }
}

TEST(JsonWriterTest, TextThatIsNotUtf8GetsNlohmannsReplacementCharacters) {
  for (std::string s : {"\xff", "a\xc3", "\xc3(", "\xe3\x81", "\xed\xa0\x80" /* surrogate */,
                        "\xc0\xaf" /* overlong */, "\xf4\x90\x80\x80" /* > U+10FFFF */,
                        "\xe0\x80\x80", "ok\x80ok\"\n", "\xf0\x9f\x98\x80\xf0\x9f"}) {
    EXPECT_EQ(Written(s), Nlohmann(Json(s))) << s;
  }
  // Well-formed sequences of each length, at the edges of their ranges, are kept.
  for (std::string s : {"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
                        "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_EQ(Written(s), "\"" + s + "\"");
    EXPECT_EQ(Written(s), Nlohmann(Json(s)));
  }
}

TEST(JsonWriterTest, RandomBytesAreWrittenAsNlohmannWritesThem) {
  std::mt19937 rng(20261125);
  // Bytes drawn mostly from the interesting ranges: controls, ASCII, continuation and lead bytes;
  // long enough for the eight-at-a-time path to meet them in every position.
  const std::string alphabet =
      std::string("\x00\x01\x08\x09\x0a\x0c\x0d\x1f \"\\/az\x7f", 15) +
      "\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xec\xed\xee\xef\xf0\xf1\xf3\xf4\xf5\xff";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), len(0, 24);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (size_t k = len(rng); k > 0; --k) s.push_back(alphabet[pick(rng)]);
    ASSERT_EQ(Written(s), Nlohmann(Json(s))) << testing::PrintToString(s);
  }
}

TEST(JsonWriterTest, LongPlainRunsAroundOneSpecialByteInEveryPosition) {
  for (size_t at = 0; at < 40; ++at) {
    for (std::string special :
         std::vector<std::string>{"\"", "\\", "\n", std::string(1, '\0'), "é", "\xff"}) {
      std::string s(40, 'a');
      s.replace(at, 1, special);
      ASSERT_EQ(Written(s), Nlohmann(Json(s))) << at << " " << testing::PrintToString(special);
    }
  }
}

TEST(JsonWriterTest, ObjectsAndArraysAreTheSameAsTheDocumentModels) {
  JsonWriter w(8);
  w.BeginObject();
  w.Key("list");
  w.BeginArray();
  for (int i = 0; i < 2; ++i) {
    w.BeginObject();
    w.Key("key_no");
    w.String(std::to_string(9000000000000000000LL + i));
    w.Key("line");
    w.Int(-i);
    w.Key("ok");
    w.Bool(i == 0);
    w.Key("none");
    w.Null();
    w.Key("empty");
    w.BeginArray();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("limit");
  w.Int(INT64_MIN);
  w.Key("e");
  w.BeginObject();
  w.EndObject();
  w.EndObject();
  const std::string out = std::move(w).Take();
  Json expected{{"list", Json::array()}, {"limit", INT64_MIN}, {"e", Json::object()}};
  for (int i = 0; i < 2; ++i) {
    expected["list"].push_back({{"key_no", std::to_string(9000000000000000000LL + i)},
                                {"line", -i},
                                {"ok", i == 0},
                                {"none", nullptr},
                                {"empty", Json::array()}});
  }
  EXPECT_EQ(out, Nlohmann(expected));
}

}  // namespace
}  // namespace ganreg::web::internal
