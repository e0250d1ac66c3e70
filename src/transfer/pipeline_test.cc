// The payload's data path (chunk_pipeline.h) and format version 2's digest: any number of worker
// threads gives the same bytes and catches the same damage; a recipient who knows a part's content
// key still cannot pass off other contents as the sender's (the reason the signed digest exists,
// S-TRN-2: "a way to detect invalid or damaged files"); packages of format version 1 still open and
// are re-addressed as version 1.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "transfer/internal/chunk_pipeline.h"
#include "transfer/internal/format.h"
#include "transfer/internal/gcm_stream.h"
#include "transfer/internal/package_file.h"
#include "transfer/package.h"
#include "transfer/test_util.h"

namespace ganreg::transfer {
namespace {

using testing::kDay;
using testing::kNow;
using testing::NewKey;
using testing::StringPart;

constexpr uint32_t kChunk = internal::kMinChunkBytes;

class PipelineTest : public testing::TempDirTest {
 protected:
  internal::WriteOptions Options(int threads, uint16_t version = internal::kFormatVersion) {
    internal::WriteOptions o{kChunk, crypto::KdfProfile::Minimum()};
    o.threads = threads;
    o.threads_now = true;
    o.version = version;
    return o;
  }
  static std::string Payload(const std::string& file) {
    return file.substr(internal::kPreambleBytes + internal::ParsePreamble(file).value().header_len);
  }
  SecretKey hospital_ = NewKey("試験病院");
  SecretKey registry_ = NewKey("模擬県がん登録室");
  SecretKey deputy_ = NewKey("模擬県がん登録室 副");
};

TEST_F(PipelineTest, EveryThreadCountAndBothSourceKindsRoundTrip) {
  // Sizes around chunk boundaries: empty, one byte, exactly 1 and 9 chunks, 9 chunks and a bit.
  const size_t sizes[] = {0, 1, kChunk, 9 * kChunk, 9 * kChunk + 17};
  for (int write_threads : {0, 1, 2, 3}) {
    for (int read_threads : {0, 2}) {
      for (size_t size : sizes) {
        SCOPED_TRACE(fmt::format("write {} read {} size {}", write_threads, read_threads, size));
        const std::string data = testing::Pattern(size, static_cast<uint32_t>(size + 1));
        const auto file = Path(fmt::format("in-{}.bin", size));
        testing::WriteAll(file, data);
        const auto out = Path(fmt::format("p-{}-{}-{}.grp", write_threads, read_threads, size));
        // The file is read straight into the chunk buffers; the string in odd pieces.
        auto m =
            internal::WritePackageWith(Options(write_threads), "test", kNow, kNow + kDay,
                                       {FilePart("file", file, {registry_.public_key}),
                                        StringPart("pieces", data, {registry_.public_key}, 3333)},
                                       hospital_, out);
        ASSERT_TRUE(m.ok()) << m.status().ToString();
        EXPECT_EQ(m->parts[0].bytes, size);
        EXPECT_EQ(m->parts[1].bytes, size);
        internal::ScopedWorkerThreads threads(read_threads);
        auto reader = PackageReader::Open(out);
        ASSERT_TRUE(reader.ok()) << reader.status().ToString();
        EXPECT_EQ(testing::ReadPartToString(**reader, "file", registry_).value(), data);
        EXPECT_EQ(testing::ReadPartToString(**reader, "pieces", registry_).value(), data);
        const std::string payload = Payload(testing::ReadAll(out));
        const uint64_t first = internal::CiphertextLength(size, kChunk);
        EXPECT_EQ((*reader)->manifest().parts[0].digest,
                  testing::V2Digest(std::string_view(payload).substr(0, first), kChunk));
        EXPECT_EQ((*reader)->manifest().parts[1].digest,
                  testing::V2Digest(std::string_view(payload).substr(first), kChunk));
      }
    }
  }
}

TEST_F(PipelineTest, AFilePartCanBeWrittenTwice) {
  const std::string data = testing::Pattern(3 * kChunk + 5);
  testing::WriteAll(Path("in.bin"), data);
  PartSource part = FilePart("file", Path("in.bin"), {registry_.public_key});
  for (const char* name : {"a.grp", "b.grp"}) {
    ASSERT_TRUE(internal::WritePackageWith(Options(2), "test", kNow, kNow + kDay, {part}, hospital_,
                                           Path(name))
                    .ok());
    auto reader = PackageReader::Open(Path(name));
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(testing::ReadPartToString(**reader, "file", registry_).value(), data);
  }
}

TEST_F(PipelineTest, AChunkDamagedFarAheadIsReportedInOrderAfterTheGoodChunks) {
  ASSERT_TRUE(internal::WritePackageWith(
                  Options(3), "test", kNow, kNow + kDay,
                  {StringPart("data", testing::Pattern(10 * kChunk), {registry_.public_key})},
                  hospital_, Path("p.grp"))
                  .ok());
  std::string f = testing::ReadAll(Path("p.grp"));
  const size_t start = f.size() - Payload(f).size();
  f[start + 7 * (kChunk + internal::kGcmTagBytes) + 3] ^= 1;
  testing::WriteAll(Path("t.grp"), f);
  for (int threads : {0, 1, 3}) {
    internal::ScopedWorkerThreads scoped(threads);
    auto reader = PackageReader::Open(Path("t.grp"));
    ASSERT_TRUE(reader.ok());
    size_t delivered = 0;
    Status s = (*reader)->ReadPart("data", registry_.public_key.box_key, registry_.box_secret,
                                   [&](std::string_view d) {
                                     delivered += d.size();
                                     return Status::Ok();
                                   });
    EXPECT_EQ(s.code(), StatusCode::kDataLoss);
    EXPECT_NE(s.message().find("part 'data' chunk 7 does not authenticate"), std::string::npos)
        << s.message();
    EXPECT_EQ(delivered, 7u * kChunk) << "only the chunks before the damaged one";
  }
}

TEST_F(PipelineTest, ASinkErrorStopsReadingAheadCleanly) {
  ASSERT_TRUE(internal::WritePackageWith(
                  Options(2), "test", kNow, kNow + kDay,
                  {StringPart("data", testing::Pattern(20 * kChunk), {registry_.public_key})},
                  hospital_, Path("p.grp"))
                  .ok());
  internal::ScopedWorkerThreads scoped(2);
  auto reader = PackageReader::Open(Path("p.grp"));
  ASSERT_TRUE(reader.ok());
  int calls = 0;
  Status s = (*reader)->ReadPart(
      "data", registry_.public_key.box_key, registry_.box_secret, [&](std::string_view) {
        return ++calls == 2 ? Status::Unavailable("disk full") : Status::Ok();
      });
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(calls, 2);
}

// Why the manifest carries a digest although every chunk is authenticated: a part sealed to two
// recipients shares one content key, so either recipient could seal other contents under it, with
// valid tags, and hand them to the other as the sender's. The sender's signature covers the
// digest of the sealed chunks, which the forger cannot match.
TEST_F(PipelineTest, ARecipientCannotPassOffOtherContentsAsTheSenders) {
  const std::string genuine = testing::Pattern(3 * kChunk + 10, 1);
  ASSERT_TRUE(internal::WritePackageWith(
                  Options(2), "test", kNow, kNow + kDay,
                  {StringPart("data", genuine, {registry_.public_key, deputy_.public_key})},
                  hospital_, Path("p.grp"))
                  .ok());
  // The deputy opens its wrap and seals forged contents of the same size under the same key,
  // nonces and associated data.
  auto f = internal::OpenPackageFile(Path("p.grp"));
  ASSERT_TRUE(f.ok());
  auto key = internal::UnwrapForRecipient(*f, 0, deputy_.public_key.box_key, deputy_.box_secret);
  ASSERT_TRUE(key.ok());
  auto gcm = internal::GcmStream::Create(internal::GcmStream::Direction::kSeal, *key,
                                         f->header.layouts[0].nonce_prefix,
                                         internal::ChunkAad(f->package_id_raw, 0));
  ASSERT_TRUE(gcm.ok());
  const std::string forged = testing::Pattern(genuine.size(), 2);
  std::string sealed;
  for (uint32_t j = 0; j * uint64_t{kChunk} < forged.size(); ++j) {
    const std::string_view piece = std::string_view(forged).substr(j * size_t{kChunk}, kChunk);
    std::string out(piece.size() + internal::kGcmTagBytes, '\0');
    ASSERT_TRUE(
        (*gcm)->Seal(j, (j + 1) * uint64_t{kChunk} >= forged.size(), piece, out.data()).ok());
    sealed += out;
  }
  const std::string file = testing::ReadAll(Path("p.grp"));
  ASSERT_EQ(sealed.size(), Payload(file).size());
  testing::WriteAll(Path("forged.grp"), file.substr(0, file.size() - sealed.size()) + sealed);

  auto reader = PackageReader::Open(Path("forged.grp"));
  ASSERT_TRUE(reader.ok()) << "the signed header is untouched";
  std::string got;
  Status s = (*reader)->ReadPart("data", registry_.public_key.box_key, registry_.box_secret,
                                 [&](std::string_view d) {
                                   got.append(d);
                                   return Status::Ok();
                                 });
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("part 'data' does not match its digest in the manifest"),
            std::string::npos)
      << s.message();
}

TEST_F(PipelineTest, Version1PackagesStillOpenAndAreReaddressedAsVersion1) {
  const std::string data = testing::Pattern(5 * kChunk + 99);
  ASSERT_TRUE(internal::WritePackageWith(Options(2, 1), "test", kNow, kNow + kDay,
                                         {StringPart("data", data, {registry_.public_key}, 777)},
                                         hospital_, Path("v1.grp"))
                  .ok());
  auto reader = PackageReader::Open(Path("v1.grp"));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->manifest().version, 1);
  EXPECT_EQ((*reader)->manifest().parts[0].digest, crypto::ToHex(crypto::Blake2b(data)));
  EXPECT_EQ(testing::ReadPartToString(**reader, "data", registry_).value(), data);

  ASSERT_TRUE(
      Readdress(Path("v1.grp"), registry_, {deputy_.public_key}, false, registry_, Path("v1b.grp"))
          .ok());
  auto moved = PackageReader::Open(Path("v1b.grp"));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ((*moved)->manifest().version, 1);
  EXPECT_EQ(testing::ReadPartToString(**moved, "data", deputy_).value(), data);

  // Damage is caught in version 1 as well.
  std::string f = testing::ReadAll(Path("v1.grp"));
  f[f.size() - 40] ^= 1;
  testing::WriteAll(Path("t.grp"), f);
  auto bad = PackageReader::Open(Path("t.grp"));
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(testing::ReadPartToString(**bad, "data", registry_).status().code(),
            StatusCode::kDataLoss);
}

// A file written by the first release (format version 1), kept in testdata/.
TEST_F(PipelineTest, APackageFromTheFirstReleaseStillOpens) {
  const std::filesystem::path file =
      std::filesystem::path(GANREG_TRANSFER_TESTDATA) / "v1_extract.grp";
  auto reader = PackageReader::Open(file);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->manifest().version, 1);
  // The fixed fuzz recipient key (fuzz/fuzz_common.h): bytes 0x40…0x5f.
  std::string raw;
  for (int i = 0; i < 32; ++i) raw.push_back(static_cast<char>(0x40 + i));
  const crypto::SecretBytes secret = crypto::SecretBytes::CopyOf(std::string_view(raw));
  std::string expected;
  for (int i = 0; i < 9000; ++i) expected.push_back(static_cast<char>('a' + i % 26));
  for (int threads : {0, 2}) {
    internal::ScopedWorkerThreads scoped(threads);
    std::string got;
    Status s = (*reader)->ReadPart("extract", crypto::BoxPublicKeyOf(secret), secret,
                                   [&](std::string_view d) {
                                     got.append(d);
                                     return Status::Ok();
                                   });
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(got, expected);
  }
  std::string note;
  ASSERT_TRUE((*reader)
                  ->ReadPartWithPassphrase("note", testing::kPassphrase,
                                           [&](std::string_view d) {
                                             note.append(d);
                                             return Status::Ok();
                                           })
                  .ok());
  EXPECT_EQ(note, "synthetic note");
}

}  // namespace
}  // namespace ganreg::transfer
