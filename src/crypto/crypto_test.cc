// The crypto wrapper: round trips, and every kind of damage is refused.
#include "crypto/crypto.h"

#include <sodium.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crypto/internal/portable.h"
#include "crypto/stream.h"

namespace ganreg::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Init().ok()); }
};

TEST_F(CryptoTest, EncryptDecryptRoundTrip) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string ct = Encrypt(key, "佐藤 太郎", "identities|K1");
  auto pt = Decrypt(key, ct, "identities|K1");
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(pt->view(), "佐藤 太郎");
}

TEST_F(CryptoTest, DecryptRefusesOtherAssociatedData) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string ct = Encrypt(key, "x", "identities|K1");
  EXPECT_EQ(Decrypt(key, ct, "identities|K2").status().code(), StatusCode::kDataLoss);
}

TEST_F(CryptoTest, DecryptRefusesEveryFlippedByte) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string ct = Encrypt(key, "clinical part", "ad");
  for (size_t i = 0; i < ct.size(); ++i) {
    std::string bad = ct;
    bad[i] ^= 0x01;
    EXPECT_FALSE(Decrypt(key, bad, "ad").ok()) << "byte " << i;
  }
}

TEST_F(CryptoTest, DecryptIntoReusesOneBufferAndRefusesWhatDecryptRefuses) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  ScrubbedBuffer buf;
  for (size_t n : {0u, 5u, 300u, 17u, 4096u, 1u}) {
    const std::string plain(n, static_cast<char>('a' + n % 26));
    const std::string sealed = Encrypt(key, plain, "ad");
    ASSERT_TRUE(DecryptInto(key, sealed, "ad", &buf).ok()) << n;
    EXPECT_EQ(buf.view(), plain) << n;
    EXPECT_EQ(DecryptInto(key, sealed, "other", &buf).code(), StatusCode::kDataLoss);
    EXPECT_TRUE(buf.view().empty()) << "no unauthenticated bytes are exposed";
  }
  EXPECT_EQ(DecryptInto(key, "short", "ad", &buf).code(), StatusCode::kDataLoss);
  // Records written by intake (BatchEncryptor, AES-256-GCM) open the same way.
  BatchEncryptor batch(key);
  std::string record;
  batch.Encrypt("臨床情報の記録", "ad", &record);
  ASSERT_TRUE(DecryptInto(key, record, "ad", &buf).ok());
  EXPECT_EQ(buf.view(), "臨床情報の記録");
  EXPECT_EQ(DecryptInto(key, record, "other", &buf).code(), StatusCode::kDataLoss);
}

TEST_F(CryptoTest, BatchEncryptorOutputOpensWithDecryptUnderFreshNonces) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  BatchEncryptor a(key), b(key);
  std::string x, y, z;
  a.Encrypt("row 1", "ad1", &x);
  a.Encrypt("row 1", "ad1", &y);
  b.Encrypt("row 1", "ad1", &z);
  EXPECT_NE(x.substr(8, 12), y.substr(8, 12));  // the nonces
  EXPECT_NE(x.substr(8, 12), z.substr(8, 12));
  EXPECT_EQ(Decrypt(key, x, "ad1")->view(), "row 1");
  EXPECT_EQ(Decrypt(key, z, "ad1")->view(), "row 1");
  EXPECT_FALSE(Decrypt(key, y, "ad2").ok());
}

// Batch records are AES-256-GCM behind a magic: libsodium (AES-NI) and OpenSSL give records
// that are standard AES-256-GCM (checked against libsodium's own decryption), Decrypt opens
// both kinds, and the associated data, the key and every byte are bound.
TEST_F(CryptoTest, BatchEncryptorRecordsAreAes256GcmAndOpenWithDecrypt) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  for (auto engine : {BatchEncryptor::Engine::kBest, BatchEncryptor::Engine::kOpenSsl}) {
    BatchEncryptor enc(key, engine);
    std::string out, text;
    for (int n = 0; n < 300; ++n) {
      text.push_back(static_cast<char>('a' + n % 26));
      const std::string ad = "ganreg/v1/clinical/" + std::to_string(n) + "/7";
      enc.Encrypt(text, ad, &out);
      ASSERT_EQ(out.size(), EncryptedSize(text.size()) - 4);  // 8 + 12 + 16 vs 24 + 16
      EXPECT_EQ(out.substr(0, 8), kGcmMagic);
      auto opened = Decrypt(key, out, ad);
      ASSERT_TRUE(opened.ok()) << n;
      EXPECT_EQ(opened->view(), text);
      // The path for machines without AES-NI opens them too.
      auto portable = internal::DecryptWithOpenSsl(key, out, ad);
      ASSERT_TRUE(portable.ok()) << n;
      EXPECT_EQ(portable->view(), text);
      if (crypto_aead_aes256gcm_is_available()) {
        std::string plain(text.size(), '\0');
        unsigned long long mlen = 0;
        const auto* p = reinterpret_cast<const unsigned char*>(out.data());
        ASSERT_EQ(crypto_aead_aes256gcm_decrypt(
                      reinterpret_cast<unsigned char*>(plain.data()), &mlen, nullptr, p + 20,
                      out.size() - 20, reinterpret_cast<const unsigned char*>(ad.data()),
                      ad.size(), p + 8, key.data()),
                  0);
        EXPECT_EQ(plain, text);
      }
    }
    EXPECT_FALSE(Decrypt(key, out, "ganreg/v1/clinical/299/8").ok());
    EXPECT_FALSE(Decrypt(SecretBytes::Random(kKeyBytes), out, "ganreg/v1/clinical/299/7").ok());
    EXPECT_FALSE(internal::DecryptWithOpenSsl(key, out, "ganreg/v1/clinical/299/8").ok());
    for (size_t i = 0; i < out.size(); ++i) {
      std::string bad = out;
      bad[i] ^= 0x01;
      EXPECT_FALSE(Decrypt(key, bad, "ganreg/v1/clinical/299/7").ok()) << i;
      EXPECT_FALSE(internal::DecryptWithOpenSsl(key, bad, "ganreg/v1/clinical/299/7").ok()) << i;
    }
  }
  // Records from Encrypt (XChaCha20-Poly1305) still open beside them.
  std::string x = Encrypt(key, "row", "ad");
  EXPECT_EQ(Decrypt(key, x, "ad")->view(), "row");
}

TEST_F(CryptoTest, SealedBoxOpensOnlyWithItsKey) {
  BoxKeyPair a = BoxKeyPair::Generate();
  BoxKeyPair b = BoxKeyPair::Generate();
  SecretBytes data_key = SecretBytes::Random(kKeyBytes);
  std::string sealed = SealTo(a.public_key, data_key.span());
  auto opened = OpenSealed(a.public_key, a.secret_key, sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->Equals(data_key));
  EXPECT_FALSE(OpenSealed(b.public_key, b.secret_key, sealed).ok());
  EXPECT_EQ(BoxPublicKeyOf(a.secret_key), a.public_key);
}

TEST_F(CryptoTest, SignatureDetectsChange) {
  SignKeyPair kp = SignKeyPair::Generate();
  std::string sig = Sign(kp.secret_key, "checkpoint 42");
  EXPECT_TRUE(VerifySignature(kp.public_key, "checkpoint 42", sig));
  EXPECT_FALSE(VerifySignature(kp.public_key, "checkpoint 43", sig));
}

TEST_F(CryptoTest, PasswordVerifierIsArgon2id) {
  auto h = HashPassword("Sakura#2026x", KdfProfile::Minimum());
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "Sakura#2026x"));
  EXPECT_FALSE(VerifyPassword(*h, "Sakura#2026y"));
}

TEST_F(CryptoTest, DerivedKeyDependsOnPasswordAndSalt) {
  std::string salt = RandomBytes(kSaltBytes);
  auto k1 = DeriveKey("pw-1#abcd", salt, KdfProfile::Minimum());
  auto k2 = DeriveKey("pw-1#abcd", salt, KdfProfile::Minimum());
  auto k3 = DeriveKey("pw-2#abcd", salt, KdfProfile::Minimum());
  ASSERT_TRUE(k1.ok() && k2.ok() && k3.ok());
  EXPECT_TRUE(k1->Equals(*k2));
  EXPECT_FALSE(k1->Equals(*k3));
}

TEST_F(CryptoTest, SecretBytesMoveLeavesSourceEmpty) {
  SecretBytes a = SecretBytes::Random(32);
  SecretBytes b = std::move(a);
  EXPECT_EQ(a.size(), 0u);  // NOLINT: checking moved-from state on purpose
  EXPECT_EQ(b.size(), 32u);
}

TEST_F(CryptoTest, HexRoundTrip) {
  std::string bytes = RandomBytes(20);
  EXPECT_EQ(FromHex(ToHex(bytes)).value(), bytes);
  EXPECT_FALSE(FromHex("zz").ok());
}

TEST_F(CryptoTest, KeyedBlake2bMatchesTheReferenceAndDependsOnTheKey) {
  // Expected values from Python's hashlib.blake2b(data, key=bytes(range(32)), digest_size=32),
  // an implementation independent of libsodium.
  std::string key_bytes;
  for (int i = 0; i < 32; ++i) key_bytes.push_back(static_cast<char>(i));
  SecretBytes key = SecretBytes::CopyOf(std::string_view(key_bytes));
  EXPECT_EQ(ToHex(Blake2bKeyed(key, "ganreg key number v1")),
            "bbfe5bf6a73d2e828c273ad9207b61798f005612541ec136709ff4eb57c9a74d");
  EXPECT_EQ(ToHex(Blake2bKeyed(key, "")),
            "4e51e7a913fc80137da52880fecca175bf81e117d5c68126dc2774033517ea0d");
  SecretBytes other = SecretBytes::Random(32);
  EXPECT_NE(Blake2bKeyed(other, "x"), Blake2bKeyed(key, "x"));
  EXPECT_NE(Blake2bKeyed(key, "x"), Blake2b("x"));
  EXPECT_EQ(Blake2bKeyed(other, "x"), Blake2bKeyed(other, "x"));
}

class StreamTest : public CryptoTest {
 protected:
  void SetUp() override {
    CryptoTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_stream_" + ToHex(RandomBytes(6)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string WriteEncrypted(const SecretBytes& key, const std::string& data) {
    auto w = EncryptedFileWriter::Create(dir_ / "f.enc", key);
    EXPECT_TRUE(w.ok());
    EXPECT_TRUE((*w)->Write(data).ok());
    EXPECT_TRUE((*w)->Finish().ok());
    std::ifstream in(dir_ / "f.enc", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  Result<std::string> ReadBack(const SecretBytes& key, const std::string& bytes) {
    {
      std::ofstream out(dir_ / "g.enc", std::ios::binary | std::ios::trunc);
      out << bytes;
    }
    std::string got;
    Status s = DecryptFile(dir_ / "g.enc", key, [&](std::string_view c) {
      got.append(c);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return got;
  }
  std::filesystem::path dir_;
};

TEST_F(StreamTest, RoundTripAcrossChunks) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string data(kStreamChunkBytes * 2 + 123, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  std::string enc = WriteEncrypted(key, data);
  EXPECT_EQ(ReadBack(key, enc).value(), data);
}

// Whole chunks are sealed straight from the caller's data, parts through the buffer: the file
// comes out framed the same (full chunks, then the rest with the final tag) however the writes
// are cut.
TEST_F(StreamTest, ChunksAreTheSameHoweverTheWritesAreCut) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  for (size_t size : {kStreamChunkBytes * 3, kStreamChunkBytes * 3 + 5}) {
    std::string data(size, '\0');
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 13);
    const std::string whole = WriteEncrypted(key, data);
    auto w = EncryptedFileWriter::Create(dir_ / "f.enc", key);
    ASSERT_TRUE(w.ok());
    std::string_view rest = data;
    for (size_t piece : {size_t{100}, kStreamChunkBytes * 2, size_t{1}}) {
      ASSERT_TRUE((*w)->Write(rest.substr(0, piece)).ok());
      rest.remove_prefix(piece);
    }
    ASSERT_TRUE((*w)->Write(rest).ok());
    ASSERT_TRUE((*w)->Finish().ok());
    std::ifstream in(dir_ / "f.enc", std::ios::binary);
    const std::string cut(std::istreambuf_iterator<char>(in), {});
    EXPECT_EQ(cut.size(), whole.size()) << size;
    EXPECT_EQ(ReadBack(key, cut).value(), data) << size;
    EXPECT_EQ(ReadBack(key, whole).value(), data) << size;
  }
}

TEST_F(StreamTest, TruncationAtAnyOffsetIsDetected) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string enc = WriteEncrypted(key, "a small original file\n");
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    EXPECT_EQ(ReadBack(key, enc.substr(0, cut)).status().code(), StatusCode::kDataLoss) << cut;
  }
}

TEST_F(StreamTest, FlippedByteIsDetected) {
  SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::string enc = WriteEncrypted(key, "a small original file\n");
  for (size_t i = 0; i < enc.size(); ++i) {
    std::string bad = enc;
    bad[i] ^= 0x40;
    EXPECT_FALSE(ReadBack(key, bad).ok()) << i;
  }
}

}  // namespace
}  // namespace ganreg::crypto
