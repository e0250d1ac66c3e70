// Tests of encoding detection and the streaming decoders (UTF-8 and CP932 over ICU).
#include "text/encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace ganreg::text {
namespace {

using ::testing::HasSubstr;

// A file in a fresh temporary folder, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ganreg_text_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::ofstream f(path_, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string Cp932(std::string_view utf8) {
  Result<std::string> r = Utf8ToCp932(utf8);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::string();
}

// Decodes `bytes` fed in pieces of `piece` bytes.
Result<std::string> DecodeInPieces(Encoding e, std::string_view bytes, size_t piece) {
  GANREG_ASSIGN_OR_RETURN(std::unique_ptr<Decoder> d, Decoder::Create(e));
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += piece) {
    GANREG_RETURN_IF_ERROR(d->Decode(bytes.substr(i, piece), false, &out));
  }
  GANREG_RETURN_IF_ERROR(d->Decode({}, true, &out));
  return out;
}

TEST(ParseEncodingTest, AcceptsTheDocumentedNames) {
  for (const char* n : {"utf-8", "UTF-8", "utf8", "Utf8"}) {
    ASSERT_TRUE(ParseEncoding(n).ok()) << n;
    EXPECT_EQ(*ParseEncoding(n), Encoding::kUtf8) << n;
  }
  for (const char* n : {"cp932", "CP932", "shift_jis", "Shift_JIS", "sjis", "windows-31j"}) {
    ASSERT_TRUE(ParseEncoding(n).ok()) << n;
    EXPECT_EQ(*ParseEncoding(n), Encoding::kCp932) << n;
  }
  Result<Encoding> bad = ParseEncoding("euc-jp");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("euc-jp"));
  EXPECT_EQ(EncodingName(Encoding::kUtf8), "utf-8");
  EXPECT_EQ(EncodingName(Encoding::kCp932), "cp932");
}

TEST(Utf8Test, IsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc,123\r\n"));
  EXPECT_TRUE(IsValidUtf8("試験 太郎"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE8\xA9"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8Test, CodePointCount) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("試験 太郎"), 5u);
  EXPECT_EQ(CodePointCount("ｻﾄｳ"), 3u);
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98\x80x"), 2u);
}

TEST(Utf8Test, NextCodePointAndAppendRoundTrip) {
  std::string s = "aé試\xF0\x9F\x98\x80";
  std::string back;
  std::vector<char32_t> cps;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = NextCodePoint(s, &i);
    cps.push_back(cp);
    AppendUtf8(cp, &back);
  }
  EXPECT_EQ(cps, (std::vector<char32_t>{U'a', U'é', U'試', U'\U0001F600'}));
  EXPECT_EQ(back, s);
}

TEST(Utf8ToCp932Test, RoundTripsNamesAndExtensions) {
  // Ordinary kanji, the IBM/NEC-extension 髙 and 﨑, half-width katakana, Windows' 〜 and －,
  // NEC special characters.
  for (std::string_view s : {"佐藤", "髙橋", "ｻﾄｳ", "山﨑", "～", "－", "①", "試験 太郎",
                             "大阪府大阪市中央区", "ABC-123", "\\~"}) {
    std::string cp932 = Cp932(s);
    Result<std::string> back = DecodeInPieces(Encoding::kCp932, cp932, 1000);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(Cp932("佐藤"), "\x8D\xB2\x93\xA1");
  EXPECT_EQ(Cp932("ｻﾄｳ"), "\xBB\xC4\xB3");
  EXPECT_EQ(Cp932("～"), "\x81\x60");  // FULLWIDTH TILDE is 0x8160, as on Windows
  EXPECT_EQ(Cp932("－"), "\x81\x7C");  // FULLWIDTH HYPHEN-MINUS is 0x817C
  EXPECT_EQ(Cp932("髙"), "\xFB\xFC");  // IBM extension
}

TEST(Utf8ToCp932Test, RejectsCharactersWithoutCp932Form) {
  Result<std::string> r = Utf8ToCp932("ab\xF0\x9F\x98\x80");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("character 3 (U+1F600)"));
  r = Utf8ToCp932("한");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("U+D55C"));
  r = Utf8ToCp932("a\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset 1"));
}

TEST(DecoderTest, Utf8SkipsBomAndPassesTextThrough) {
  for (size_t piece : {1, 2, 3, 5, 1000}) {
    Result<std::string> r = DecodeInPieces(Encoding::kUtf8, "\xEF\xBB\xBF試験,a\r\n", piece);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, "試験,a\r\n") << piece;
  }
  Result<std::string> r = DecodeInPieces(Encoding::kUtf8, "ab", 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "ab");
  r = DecodeInPieces(Encoding::kUtf8, "\xEF\xBB", 1);  // a BOM cut short is not a BOM
  ASSERT_FALSE(r.ok());
}

TEST(DecoderTest, BomOnlyInTheFirstPositionIsSkipped) {
  Result<std::string> r = DecodeInPieces(Encoding::kUtf8, "a\xEF\xBB\xBF", 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "a\xEF\xBB\xBF");
}

TEST(DecoderTest, SplitCharactersAcrossChunksAreCarried) {
  std::string text = "髙橋,ｻﾄｳ,\xF0\x9F\x98\x80,試験 太郎\n";
  for (size_t piece = 1; piece <= 7; ++piece) {
    Result<std::string> r = DecodeInPieces(Encoding::kUtf8, text, piece);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, text) << piece;
  }
  std::string cp932 = Cp932("髙橋,ｻﾄｳ,試験 太郎\n");
  for (size_t piece = 1; piece <= 7; ++piece) {
    Result<std::string> r = DecodeInPieces(Encoding::kCp932, cp932, piece);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, "髙橋,ｻﾄｳ,試験 太郎\n") << piece;
  }
}

TEST(DecoderTest, LargeInputCrossesIcuBuffers) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "試験太郎ｻﾄｳ,";
  std::string cp932 = Cp932(text);
  Result<std::string> r = DecodeInPieces(Encoding::kCp932, cp932, 65536);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, text);
}

TEST(DecoderTest, InvalidBytesAreRejectedWithLineAndOffset) {
  Result<std::string> r = DecodeInPieces(Encoding::kUtf8, "ab\ncd\x82\xA0", 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRejected);
  EXPECT_EQ(r.status().message(), "line 2, byte offset 5: 0x82 is not valid UTF-8");

  r = DecodeInPieces(Encoding::kCp932, "ab\n\n\x81\x20", 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRejected);
  EXPECT_EQ(r.status().message(), "line 3, byte offset 4: 0x81 is not valid CP932");
}

TEST(DecoderTest, IncompleteCharacterAtTheEndIsAnError) {
  Result<std::string> r = DecodeInPieces(Encoding::kUtf8, "ab\xE8\xA9", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset 2: 0xE8"));
  r = DecodeInPieces(Encoding::kCp932, "ab\x8D", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset 2: 0x8D"));
}

Result<EncodingDetection> Detect(std::string_view bytes, std::optional<Encoding> declared) {
  TempFile f(bytes);
  return DetectFileEncoding(f.path(), "in.csv", declared);
}

TEST(DetectFileEncodingTest, Utf8WithAndWithoutBom) {
  Result<EncodingDetection> d = Detect("\xEF\xBB\xBF試験,a\r\n", std::nullopt);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, Encoding::kUtf8);
  EXPECT_TRUE(d->had_bom);

  d = Detect("試験,a\n", std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kUtf8);
  EXPECT_FALSE(d->had_bom);

  d = Detect("\xEF\xBB\xBF試験", Encoding::kUtf8);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->had_bom);
}

TEST(DetectFileEncodingTest, EmptyFileIsUtf8) {
  Result<EncodingDetection> d = Detect("", std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kUtf8);
  EXPECT_FALSE(d->had_bom);
}

TEST(DetectFileEncodingTest, Cp932FileIsDetected) {
  std::string bytes = Cp932("診療録番号,氏名\r\nA-1,佐藤 髙橋\r\n2,ｻﾄｳ\r\n");
  Result<EncodingDetection> d = Detect(bytes, std::nullopt);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, Encoding::kCp932);
  d = Detect(bytes, Encoding::kCp932);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, Encoding::kCp932);
}

TEST(DetectFileEncodingTest, AsciiFileIsUtf8EvenWhenDeclaredCp932IsAlsoFine) {
  Result<EncodingDetection> d = Detect("a,b\n", std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kUtf8);
  d = Detect("a,b\n", Encoding::kCp932);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, Encoding::kCp932);
}

TEST(DetectFileEncodingTest, DeclaredUtf8OnCp932FileNamesLineAndOffset) {
  std::string bytes = "id,name\r\n1,a\r\n2," + Cp932("佐藤") + "\r\n";
  Result<EncodingDetection> d = Detect(bytes, Encoding::kUtf8);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kRejected);
  EXPECT_EQ(d.status().message(),
            "in.csv:3: byte offset 16: 0x8D is not valid UTF-8 (declared utf-8)");
}

TEST(DetectFileEncodingTest, DeclaredCp932OnUtf8FileIsRejected) {
  Result<EncodingDetection> d = Detect("id\n\xEF\xBB\xBF", Encoding::kCp932);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kRejected);
  EXPECT_EQ(d.status().message(),
            "in.csv:2: byte offset 3: 0xEF is not valid CP932 (declared cp932)");

  d = Detect("\xEF\xBB\xBFid\n", Encoding::kCp932);
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(d.status().message(), HasSubstr("byte order mark"));
}

TEST(DetectFileEncodingTest, BomButInvalidUtf8IsRejected) {
  Result<EncodingDetection> d = Detect(
      "\xEF\xBB\xBF"
      "a\n" +
          Cp932("佐藤"),
      std::nullopt);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kRejected);
  EXPECT_THAT(d.status().message(), HasSubstr("in.csv:2: byte offset 5: 0x8D is not valid UTF-8"));
}

TEST(DetectFileEncodingTest, InvalidInBothIsRejected) {
  // Same byte invalid in both.
  Result<EncodingDetection> d = Detect("a\nb\xFF\n", std::nullopt);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kRejected);
  EXPECT_EQ(d.status().message(),
            "in.csv:2: byte offset 3: 0xFF is neither valid UTF-8 nor valid CP932");

  // CP932 text first, then UTF-8 あ (E3 81 82): CP932 reads E3 81 as a kanji, and the file
  // then ends inside a character.
  std::string bytes = Cp932("佐藤") + "\n\n" + "\xE3\x81\x82";
  d = Detect(bytes, std::nullopt);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kRejected);
  EXPECT_THAT(d.status().message(), HasSubstr("in.csv:3: byte offset 8: 0x82"));
  EXPECT_THAT(d.status().message(), HasSubstr("not valid CP932"));
  EXPECT_THAT(d.status().message(), HasSubstr("line 1, byte offset 0: 0x8D"));
}

TEST(DetectFileEncodingTest, TruncatedUtf8AtTheEnd) {
  Result<EncodingDetection> d = Detect(
      "\xEF\xBB\xBF"
      "ab\n\xE8\xA9",
      std::nullopt);
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(d.status().message(), HasSubstr("in.csv:2: byte offset 6: 0xE8 is not valid UTF-8"));
}

TEST(DetectFileEncodingTest, CharactersSplitAcrossTheChunkBoundary) {
  // 64 KiB chunks: put multi-byte characters on every alignment around the boundary.
  for (size_t pad = 65530; pad < 65540; ++pad) {
    std::string utf8(pad, 'a');
    utf8 += "試験\xF0\x9F\x98\x80\n";
    Result<EncodingDetection> d = Detect(utf8, std::nullopt);
    ASSERT_TRUE(d.ok()) << pad << d.status().ToString();
    EXPECT_EQ(d->encoding, Encoding::kUtf8);

    std::string cp932(pad, 'a');
    cp932 += Cp932("試験髙\n");
    d = Detect(cp932, std::nullopt);
    ASSERT_TRUE(d.ok()) << pad << d.status().ToString();
    EXPECT_EQ(d->encoding, Encoding::kCp932);
  }
}

TEST(DetectFileEncodingTest, ErrorAfterTheFirstChunkHasTheRightLine) {
  std::string bytes;
  for (int i = 0; i < 10000; ++i) bytes += "0123456789\n";  // 110000 bytes, 10000 lines
  bytes += "x\xC3";
  Result<EncodingDetection> d = Detect(bytes, Encoding::kUtf8);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "in.csv:10001: byte offset 110001: 0xC3 is not valid UTF-8 (declared utf-8)");
}

TEST(DetectFileEncodingTest, MissingFileIsNotFound) {
  Result<EncodingDetection> d =
      DetectFileEncoding("/nonexistent/ganreg/x.csv", "x.csv", std::nullopt);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(d.status().message(), HasSubstr("x.csv"));
}

}  // namespace
}  // namespace ganreg::text
