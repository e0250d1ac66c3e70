// Key pairs and key files: the public text round trips and refuses altered keys; the secret file
// opens with its password only, tells damage from a wrong password, and enforces S-TRN-3.
#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "transfer/package.h"
#include "transfer/test_util.h"

namespace ganreg::transfer {
namespace {

using testing::kPassphrase;

class KeysTest : public testing::TempDirTest {};

TEST_F(KeysTest, PublicKeyTextRoundTripsWithItsFingerprint) {
  SecretKey k = testing::NewKey("大阪府立試験病院");
  const std::string text = FormatPublicKey(k.public_key);
  EXPECT_EQ(text.rfind("ganreg-public-key v1\nname: 大阪府立試験病院\nbox-key: ", 0), 0u);
  EXPECT_NE(text.find("fingerprint: " + k.public_key.Fingerprint() + "\n"), std::string::npos);
  EXPECT_EQ(k.public_key.Fingerprint().size(), 32u);
  Result<PublicKey> back = ParsePublicKey(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->name, k.public_key.name);
  EXPECT_EQ(back->box_key, k.public_key.box_key);
  EXPECT_EQ(back->sign_key, k.public_key.sign_key);
  // A file that went through a Windows editor still reads.
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_TRUE(ParsePublicKey(crlf).ok());
}

TEST_F(KeysTest, ParsePublicKeyRefusesAnAlteredKeyOrFingerprint) {
  SecretKey k = testing::NewKey("hospital-01");
  const std::string text = FormatPublicKey(k.public_key);
  const size_t box = text.find("box-key: ") + 9;
  std::string altered = text;
  altered[box] = altered[box] == 'a' ? 'b' : 'a';
  Result<PublicKey> r = ParsePublicKey(altered);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("fingerprint does not match"), std::string::npos);
  const size_t fp = text.find("fingerprint: ") + 13;
  altered = text;
  altered[fp] = altered[fp] == '0' ? '1' : '0';
  EXPECT_EQ(ParsePublicKey(altered).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePublicKey("hello").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePublicKey(text + "extra: 1\n").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(KeysTest, NamesWithControlCharactersAreRefused) {
  EXPECT_EQ(GenerateKeyPair("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateKeyPair("a\nfingerprint: x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateKeyPair(" padded").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GenerateKeyPair(std::string(201, 'a')).status().code(), StatusCode::kInvalidArgument);
}

// One key pair written for the whole suite: each Argon2id (MODERATE) derivation costs ~0.5 s.
class KeyFileTest : public testing::TempDirTest {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(crypto::Init().ok());
    key_dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                         ("ganreg_keys_" + crypto::ToHex(crypto::RandomBytes(6))));
    std::filesystem::create_directories(*key_dir_);
    Status s = WriteKeyPair(*key_dir_ / "hospital", "試験病院", kPassphrase);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*key_dir_);
    delete key_dir_;
  }
  void SetUp() override {
    TempDirTest::SetUp();
    for (const char* f : {"hospital.pub", "hospital.key"}) {
      std::filesystem::copy_file(*key_dir_ / f, Path(f));
    }
  }
  static std::filesystem::path* key_dir_;
};
std::filesystem::path* KeyFileTest::key_dir_ = nullptr;

TEST_F(KeyFileTest, KeyFilesRoundTripAndTheKeysWork) {
  Result<PublicKey> pub = ReadPublicKey(Path("hospital.pub"));
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_EQ(pub->name, "試験病院");
  EXPECT_EQ(
      std::filesystem::status(Path("hospital.key")).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // Through a Windows editor and back: line endings do not matter.
  std::string text = testing::ReadAll(Path("hospital.key"));
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  testing::WriteAll(Path("crlf.key"), crlf);
  Result<SecretKey> sec = ReadSecretKey(Path("crlf.key"), kPassphrase);
  ASSERT_TRUE(sec.ok()) << sec.status().ToString();
  EXPECT_EQ(sec->public_key.box_key, pub->box_key);
  EXPECT_EQ(sec->public_key.sign_key, pub->sign_key);
  EXPECT_EQ(crypto::BoxPublicKeyOf(sec->box_secret), pub->box_key);
  EXPECT_TRUE(crypto::VerifySignature(pub->sign_key, "m", crypto::Sign(sec->sign_secret, "m")));
}

TEST_F(KeyFileTest, WrongPasswordIsUnauthenticated) {
  Result<SecretKey> sec = ReadSecretKey(Path("hospital.key"), "Zr8&mWq4?tNe");
  EXPECT_EQ(sec.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(sec.status().message().find("wrong password"), std::string::npos);
}

TEST_F(KeyFileTest, DamagedKeyFileIsDataLossNotAWrongPassword) {
  const std::string text = testing::ReadAll(Path("hospital.key"));
  const size_t sealed = text.find("sealed: ") + 8;
  std::string bad = text;
  bad[sealed] = bad[sealed] == 'a' ? 'b' : 'a';
  testing::WriteAll(Path("bad.key"), bad);
  Result<SecretKey> sec = ReadSecretKey(Path("bad.key"), kPassphrase);
  EXPECT_EQ(sec.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(sec.status().message().find("checksum"), std::string::npos);
  testing::WriteAll(Path("short.key"), text.substr(0, text.size() / 2));
  EXPECT_EQ(ReadSecretKey(Path("short.key"), kPassphrase).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ReadSecretKey(Path("missing.key"), kPassphrase).status().code(), StatusCode::kNotFound);
}

TEST_F(KeyFileTest, ExistingKeyFilesAreNotOverwritten) {
  EXPECT_EQ(WriteKeyPair(Path("hospital"), "試験病院", kPassphrase).code(),
            StatusCode::kAlreadyExists);
  testing::WriteAll(Path("other.pub"), "x");
  EXPECT_EQ(WriteKeyPair(Path("other"), "other", kPassphrase).code(), StatusCode::kAlreadyExists);
  EXPECT_FALSE(std::filesystem::exists(Path("other.key")));
}

TEST_F(KeysTest, WeakOrGuessablePasswordsAreRefusedUnderSTrn3) {
  for (const char* pw :
       {"Ab1!", "abcdefgh1", "Password1!", "P@ssw0rd123!", "Tanaka#2026x", "Qwerty#2026"}) {
    Status s = WriteKeyPair(Path("k"), "Tanaka", pw);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << pw;
    EXPECT_NE(s.message().find("S-TRN-3"), std::string::npos) << s.message();
  }
  EXPECT_FALSE(std::filesystem::exists(Path("k.key")));
  EXPECT_FALSE(std::filesystem::exists(Path("k.pub")));
}

}  // namespace
}  // namespace ganreg::transfer
