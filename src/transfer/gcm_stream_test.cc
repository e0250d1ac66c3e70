// The AES-256-GCM STREAM layer: matches an independent implementation, and a chunk opens only
// at its own index, with its own final flag, key and associated data.
#include "transfer/internal/gcm_stream.h"

#include <gtest/gtest.h>

#include "crypto/crypto.h"

namespace ganreg::transfer::internal {
namespace {

crypto::SecretBytes TestKey() {
  GANREG_CHECK(crypto::Init().ok());
  std::string k;
  for (int i = 0; i < 32; ++i) k.push_back(static_cast<char>(i));
  return crypto::SecretBytes::CopyOf(std::string_view(k));
}
const std::string kPrefix = "\xa0\xa1\xa2\xa3\xa4\xa5\xa6";

std::unique_ptr<GcmStream> Make(GcmStream::Direction d, const crypto::SecretBytes& key,
                                std::string aad = "ganreg-test-aad") {
  auto s = GcmStream::Create(d, key, kPrefix, std::move(aad));
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

std::string Seal(GcmStream& s, uint32_t index, bool final, std::string_view pt) {
  std::string out(pt.size() + kGcmTagBytes, '\0');
  EXPECT_TRUE(s.Seal(index, final, pt, out.data()).ok());
  return out;
}

TEST(GcmStreamTest, NonceIsPrefixThenBigEndianIndexThenFinalFlag) {
  EXPECT_EQ(crypto::ToHex(StreamNonce(kPrefix, 0x01020304, false)), "a0a1a2a3a4a5a60102030400");
  EXPECT_EQ(crypto::ToHex(StreamNonce(kPrefix, 7, true)), "a0a1a2a3a4a5a60000000701");
}

TEST(GcmStreamTest, MatchesAnIndependentAesGcm) {
  // Expected values from Python's `cryptography` (AESGCM over OpenSSL's reference interface,
  // called with the nonce and AAD the format document specifies).
  crypto::SecretBytes key = TestKey();
  auto s = Make(GcmStream::Direction::kSeal, key);
  EXPECT_EQ(crypto::ToHex(Seal(*s, 0, false, "first chunk")),
            "6cb86edae2742655194dafa70486650017cc124ceb5e762018ef07");
  EXPECT_EQ(crypto::ToHex(Seal(*s, 7, true, "last")), "4afdb52061d147681d421e9caf5c1324f41dde41");
}

TEST(GcmStreamTest, ChunkOpensOnlyAtItsIndexWithItsFlagKeyAndAad) {
  crypto::SecretBytes key = TestKey();
  auto sealer = Make(GcmStream::Direction::kSeal, key);
  const std::string sealed = Seal(*sealer, 3, false, "chunk three");
  auto opener = Make(GcmStream::Direction::kOpen, key);
  uint8_t out[11];
  EXPECT_TRUE(opener->Open(3, false, sealed, out));
  EXPECT_EQ(std::string_view(reinterpret_cast<char*>(out), 11), "chunk three");
  EXPECT_FALSE(opener->Open(4, false, sealed, out)) << "moved to another index";
  EXPECT_FALSE(opener->Open(3, true, sealed, out)) << "presented as the final chunk";
  crypto::SecretBytes other = crypto::SecretBytes::Random(32);
  EXPECT_FALSE(Make(GcmStream::Direction::kOpen, other)->Open(3, false, sealed, out));
  EXPECT_FALSE(Make(GcmStream::Direction::kOpen, key, "other-aad")->Open(3, false, sealed, out));
  // The opener recovers after failures (each chunk sets its own nonce).
  EXPECT_TRUE(opener->Open(3, false, sealed, out));
}

TEST(GcmStreamTest, EveryFlippedBitIsRejectedAndLeavesNoPlaintext) {
  crypto::SecretBytes key = TestKey();
  const std::string sealed = Seal(*Make(GcmStream::Direction::kSeal, key), 0, true, "secret!");
  auto opener = Make(GcmStream::Direction::kOpen, key);
  for (size_t i = 0; i < sealed.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = sealed;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      uint8_t out[7] = {1, 1, 1, 1, 1, 1, 1};
      EXPECT_FALSE(opener->Open(0, true, bad, out)) << "byte " << i << " bit " << bit;
      for (uint8_t b : out) EXPECT_EQ(b, 0) << "unauthenticated plaintext left behind";
    }
  }
  EXPECT_FALSE(opener->Open(0, true, sealed.substr(0, 10), nullptr)) << "shorter than a tag";
}

TEST(GcmStreamTest, EmptyFinalChunkIsATagOnly) {
  crypto::SecretBytes key = TestKey();
  const std::string sealed = Seal(*Make(GcmStream::Direction::kSeal, key), 0, true, "");
  EXPECT_EQ(sealed.size(), kGcmTagBytes);
  EXPECT_TRUE(Make(GcmStream::Direction::kOpen, key)->Open(0, true, sealed, nullptr));
  EXPECT_FALSE(Make(GcmStream::Direction::kOpen, key)->Open(0, false, sealed, nullptr));
}

// The piecewise interface the data path uses gives the same bytes as the one-shot one, in place,
// and refuses (for the caller to wipe) a chunk that does not authenticate.
TEST(GcmStreamTest, PiecewiseSealingAndOpeningMatchOneShot) {
  const crypto::SecretBytes key = TestKey();
  std::string pt;
  for (int i = 0; i < 100000; ++i) pt.push_back(static_cast<char>(i * 7));
  auto one = Make(GcmStream::Direction::kSeal, key);
  const std::string expected = Seal(*one, 5, true, pt);
  auto piecewise = Make(GcmStream::Direction::kSeal, key);
  for (int round = 0; round < 2; ++round) {  // the context is reused chunk after chunk
    std::string buf = pt + std::string(kGcmTagBytes, '\0');
    auto* b = reinterpret_cast<uint8_t*>(buf.data());
    ASSERT_TRUE(piecewise->Begin(5, true).ok());
    for (size_t at = 0; at < pt.size(); at += 30000) {
      ASSERT_TRUE(piecewise->Update(b + at, b + at, std::min<size_t>(30000, pt.size() - at)).ok());
    }
    ASSERT_TRUE(piecewise->SealFinal(b + pt.size()).ok());
    EXPECT_EQ(buf, expected);
  }
  auto open = Make(GcmStream::Direction::kOpen, key);
  for (bool damage : {false, true}) {
    std::string buf = expected;
    if (damage) buf[12345] ^= 1;
    auto* b = reinterpret_cast<uint8_t*>(buf.data());
    ASSERT_TRUE(open->Begin(5, true).ok());
    ASSERT_TRUE(open->Update(b, b, 50000).ok());
    ASSERT_TRUE(open->Update(b + 50000, b + 50000, pt.size() - 50000).ok());
    EXPECT_EQ(open->OpenFinal(b + pt.size()), !damage);
    if (!damage) {
      EXPECT_EQ(buf.substr(0, pt.size()), pt);
    }
  }
  // Another index or final flag does not authenticate.
  std::string buf = expected;
  auto* b = reinterpret_cast<uint8_t*>(buf.data());
  ASSERT_TRUE(open->Begin(5, false).ok());
  ASSERT_TRUE(open->Update(b, b, pt.size()).ok());
  EXPECT_FALSE(open->OpenFinal(b + pt.size()));
}

}  // namespace
}  // namespace ganreg::transfer::internal
