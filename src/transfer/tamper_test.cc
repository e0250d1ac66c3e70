// Damage and tampering: every changed byte, every truncation, moved, duplicated, dropped or
// appended chunks, and a changed manifest are all refused, each with a reason (S-TRN-2: "provide
// a way to detect invalid or damaged files").
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crypto/crypto.h"
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
constexpr size_t kSealedChunk = kChunk + internal::kGcmTagBytes;

class TamperTest : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    // Small chunks so that a small package has several; a passphrase wrap too, so that its bytes
    // are among those flipped (cheap Argon2id: it is never derived in these tests).
    internal::WriteOptions small{kChunk, crypto::KdfProfile::Minimum()};
    PartSource identity = StringPart("identity", "山田 花子,19500415", {registry_.public_key});
    identity.passphrase = testing::kPassphrase;
    auto m = internal::WritePackageWith(
        small, "notification", kNow, kNow + kDay,
        {identity, StringPart("clinical", clinical_, {registry_.public_key}, 999)}, hospital_,
        Path("p.grp"));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    file_ = testing::ReadAll(Path("p.grp"));
    Result<internal::Preamble> h = internal::ParsePreamble(file_);
    ASSERT_TRUE(h.ok());
    payload_start_ = internal::kPreambleBytes + h->header_len;
    Result<internal::Header> header = internal::ParseHeader(file_.substr(0, payload_start_));
    ASSERT_TRUE(header.ok());
    header_ = *header;
    clinical_at_ = payload_start_ + header_.layouts[1].offset;
  }

  // OK if `bytes` opens and both parts verify; otherwise the first failure.
  Status Check(const std::string& bytes) {
    testing::WriteAll(Path("t.grp"), bytes);
    auto r = PackageReader::Open(Path("t.grp"));
    if (!r.ok()) return r.status();
    for (const char* part : {"identity", "clinical"}) {
      GANREG_RETURN_IF_ERROR(
          (*r)->VerifyPart(part, registry_.public_key.box_key, registry_.box_secret));
    }
    return Status::Ok();
  }

  // The package with its header re-encoded from `h` and signed by `signer`, and `payload`.
  std::string Resigned(const internal::Header& h, const SecretKey& signer,
                       const std::string& payload) {
    return internal::EncodeSignedHeader(h, signer.sign_secret) + payload;
  }
  std::string payload() const { return file_.substr(payload_start_); }

  SecretKey hospital_ = NewKey("試験病院");
  SecretKey registry_ = NewKey("模擬県がん登録室");
  std::string clinical_ = testing::Pattern(2 * kChunk + 100, 3);  // 3 chunks
  std::string file_;
  size_t payload_start_ = 0;
  size_t clinical_at_ = 0;
  internal::Header header_;
};

TEST_F(TamperTest, TheUntouchedPackageVerifies) { EXPECT_TRUE(Check(file_).ok()); }

TEST_F(TamperTest, EveryFlippedByteIsRejectedWithAReason) {
  for (size_t i = 0; i < file_.size(); ++i) {
    // Header bytes are parsed field by field, so both ends of each byte are flipped there.
    for (unsigned char mask : {0x01, 0x80}) {
      if (mask == 0x80 && i >= payload_start_) continue;
      std::string bad = file_;
      bad[i] = static_cast<char>(bad[i] ^ mask);
      Status s = Check(bad);
      ASSERT_FALSE(s.ok()) << "byte " << i << " ^ " << int{mask} << " went unnoticed";
      ASSERT_EQ(s.code(), StatusCode::kDataLoss) << i << ": " << s.ToString();
      ASSERT_NE(s.message().find("t.grp: "), std::string::npos) << s.message();
      if (i >= clinical_at_) {
        const size_t chunk = (i - clinical_at_) / kSealedChunk;
        ASSERT_NE(s.message().find(fmt::format(
                      "part 'clinical' chunk {} does not authenticate (damaged, reordered or "
                      "truncated)",
                      chunk)),
                  std::string::npos)
            << s.message();
      } else if (i < payload_start_) {
        ASSERT_TRUE(s.message().find("signature") != std::string::npos ||
                    s.message().find("malformed") != std::string::npos ||
                    s.message().find("magic") != std::string::npos ||
                    s.message().find("version") != std::string::npos ||
                    s.message().find("flags") != std::string::npos ||
                    s.message().find("header") != std::string::npos ||
                    s.message().find("truncated") != std::string::npos ||
                    s.message().find("after the last part") != std::string::npos)
            << s.message();
      }
    }
  }
}

TEST_F(TamperTest, TruncationAtEveryOffsetIsRejected) {
  for (size_t n = 0; n < file_.size(); ++n) {
    Status s = Check(file_.substr(0, n));
    ASSERT_EQ(s.code(), StatusCode::kDataLoss) << "cut at " << n << ": " << s.ToString();
    if (n >= clinical_at_) {
      ASSERT_NE(s.message().find("truncated in part 'clinical'"), std::string::npos) << s.message();
    } else if (n >= payload_start_) {
      ASSERT_NE(s.message().find("truncated in part 'identity'"), std::string::npos) << s.message();
    }
  }
}

TEST_F(TamperTest, AppendedBytesAreRejected) {
  Status s = Check(file_ + file_.substr(clinical_at_, kSealedChunk));
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find(fmt::format("{} bytes after the last part", kSealedChunk)),
            std::string::npos)
      << s.message();
}

TEST_F(TamperTest, SwappedChunksAreDetected) {
  std::string bad = file_;
  const size_t c0 = clinical_at_, c1 = clinical_at_ + kSealedChunk;
  bad.replace(c0, kSealedChunk, file_.substr(c1, kSealedChunk));
  bad.replace(c1, kSealedChunk, file_.substr(c0, kSealedChunk));
  Status s = Check(bad);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("part 'clinical' chunk 0 does not authenticate"), std::string::npos)
      << s.message();
}

TEST_F(TamperTest, ADuplicatedChunkIsDetected) {
  std::string bad = file_;
  bad.replace(clinical_at_ + kSealedChunk, kSealedChunk, file_.substr(clinical_at_, kSealedChunk));
  Status s = Check(bad);
  EXPECT_NE(s.message().find("part 'clinical' chunk 1 does not authenticate"), std::string::npos)
      << s.ToString();
}

TEST_F(TamperTest, ADroppedChunkIsRejected) {
  std::string bad = file_;
  bad.erase(clinical_at_ + kSealedChunk, kSealedChunk);
  Status s = Check(bad);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("truncated in part 'clinical'"), std::string::npos) << s.message();
}

// The sender's own key re-signs a manifest that matches a shortened payload (a buggy or
// dishonest sender, or a stolen key): the STREAM final flag still shows the part was cut.
TEST_F(TamperTest, EvenAResignedManifestCannotHideADroppedFinalChunk) {
  internal::Header h = header_;
  const uint64_t kept = 2 * uint64_t{kChunk};
  h.manifest.parts[1].bytes = kept;
  h.layouts[1].length = internal::CiphertextLength(kept, kChunk);
  std::string cut = payload();
  cut.resize(cut.size() - (clinical_.size() - kept) - internal::kGcmTagBytes);
  h.manifest.parts[1].digest =
      testing::V2Digest(std::string_view(cut).substr(header_.layouts[1].offset), kChunk);
  Status s = Check(Resigned(h, hospital_, cut));
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("part 'clinical' chunk 1 does not authenticate"), std::string::npos)
      << s.message();
}

TEST_F(TamperTest, PartsOfEqualSizeCannotBeSwapped) {
  internal::WriteOptions small{kChunk, crypto::KdfProfile::Minimum()};
  ASSERT_TRUE(internal::WritePackageWith(
                  small, "test", kNow, kNow + kDay,
                  {StringPart("a", testing::Pattern(5000, 1), {registry_.public_key}),
                   StringPart("b", testing::Pattern(5000, 2), {registry_.public_key})},
                  hospital_, Path("ab.grp"))
                  .ok());
  std::string f = testing::ReadAll(Path("ab.grp"));
  const size_t start = internal::kPreambleBytes + internal::ParsePreamble(f).value().header_len;
  const size_t part = (f.size() - start) / 2;
  std::string swapped = f.substr(0, start) + f.substr(start + part) + f.substr(start, part);
  testing::WriteAll(Path("t.grp"), swapped);
  auto r = PackageReader::Open(Path("t.grp"));
  ASSERT_TRUE(r.ok());
  Status s = (*r)->VerifyPart("a", registry_.public_key.box_key, registry_.box_secret);
  EXPECT_NE(s.message().find("part 'a' chunk 0 does not authenticate"), std::string::npos)
      << s.ToString();
}

TEST_F(TamperTest, AChangedManifestBreaksTheSignature) {
  internal::Header h = header_;
  h.manifest.expires_at += 30 * kDay;  // a courier "extends" the package
  std::string bad = Resigned(h, hospital_, payload());
  // Keep the original signature over the changed bytes.
  bad.replace(payload_start_ - crypto::kSignatureBytes, crypto::kSignatureBytes,
              file_.substr(payload_start_ - crypto::kSignatureBytes, crypto::kSignatureBytes));
  Status s = Check(bad);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("manifest signature does not verify"), std::string::npos)
      << s.message();

  // Dropping a recipient (or adding one) is a manifest change too.
  h = header_;
  h.manifest.parts[0].passphrase = false;
  h.layouts[0].wraps.pop_back();
  bad = Resigned(h, hospital_, payload());
  bad.replace(bad.size() - payload().size() - crypto::kSignatureBytes, crypto::kSignatureBytes,
              file_.substr(payload_start_ - crypto::kSignatureBytes, crypto::kSignatureBytes));
  EXPECT_NE(Check(bad).message().find("manifest signature does not verify"), std::string::npos);
}

TEST_F(TamperTest, AManifestSignedByAnotherKeyNamesThatKeyAsTheSender) {
  // Anyone may sign a package; whether the signer is a registered partner is the caller's check,
  // and the manifest tells it who signed.
  SecretKey mallory = NewKey("mallory");
  internal::Header h = header_;
  h.manifest.sender = mallory.public_key;
  auto r = [&] {
    testing::WriteAll(Path("m.grp"), Resigned(h, mallory, payload()));
    return PackageReader::Open(Path("m.grp"));
  }();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->manifest().sender.sign_key, mallory.public_key.sign_key);
  // Claiming the hospital as sender while signing with another key fails.
  h.manifest.sender = hospital_.public_key;
  EXPECT_NE(Check(Resigned(h, mallory, payload())).message().find("signature does not verify"),
            std::string::npos);
}

TEST_F(TamperTest, AContentKeyOtherThanTheSignedOneIsRefused) {
  // A sender who seals a different key to one recipient (to show it other plaintext) is caught by
  // the key check: AES-GCM alone does not commit to its key.
  internal::Header h = header_;
  crypto::SecretBytes other = crypto::SecretBytes::Random(32);
  h.layouts[1].wraps[0].sealed = crypto::SealTo(registry_.public_key.box_key, other.span());
  Status s = Check(Resigned(h, hospital_, payload()));
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("the content key of part 'clinical' does not match the manifest"),
            std::string::npos)
      << s.message();
}

TEST_F(TamperTest, AnUnknownVersionIsNamed) {
  std::string bad = file_;
  bad[9] = 3;
  Status s = Check(bad);
  EXPECT_NE(s.message().find("format version 3 is not supported; this ganreg reads versions 1 to 2"),
            std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace ganreg::transfer
