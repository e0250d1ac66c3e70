// Packages end to end with real files and real crypto: round trips to several recipients, access
// only for recipients or the passphrase, expiry, and re-addressing without touching the payload.
#include "transfer/package.h"

#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "transfer/internal/format.h"
#include "transfer/internal/package_file.h"
#include "transfer/test_util.h"

namespace ganreg::transfer {
namespace {

using testing::kDay;
using testing::kNow;
using testing::kPassphrase;
using testing::NewKey;
using testing::StringPart;

class PackageTest : public testing::TempDirTest {
 protected:
  SecretKey hospital_ = NewKey("試験病院");
  SecretKey registry_ = NewKey("模擬県がん登録室");
  SecretKey deputy_ = NewKey("模擬県がん登録室 副");
  SecretKey stranger_ = NewKey("stranger");

  std::unique_ptr<PackageReader> Open(const std::filesystem::path& p) {
    auto r = PackageReader::Open(p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  // The payload: everything after the header, whose length the preamble states.
  static std::string Payload(const std::string& file) {
    Result<internal::Preamble> h = internal::ParsePreamble(file);
    GANREG_CHECK(h.ok());
    return file.substr(internal::kPreambleBytes + h->header_len);
  }
};

TEST_F(PackageTest, MultiChunkPartsRoundTripToTwoRecipients) {
  const std::string clinical = testing::Pattern(5 * 1024 * 1024 + 12345, 1);  // ~21 chunks
  const std::string identity = testing::Pattern(300000, 2);
  testing::WriteAll(Path("identity.bin"), identity);
  PartSource id = FilePart("identity", Path("identity.bin"), {registry_.public_key});
  PartSource cl =
      StringPart("clinical", clinical, {registry_.public_key, deputy_.public_key}, 77777);
  cl.rows = 1234;
  auto m = WritePackage("notification", kNow, kNow + 30 * kDay, {id, cl}, hospital_, Path("p.grp"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();

  auto reader = Open(Path("p.grp"));
  ASSERT_NE(reader, nullptr);
  const Manifest& got = reader->manifest();
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.package_id, m->package_id);
  EXPECT_EQ(got.package_id.size(), 32u);
  EXPECT_EQ(got.purpose, "notification");
  EXPECT_EQ(got.sender.sign_key, hospital_.public_key.sign_key);
  EXPECT_EQ(got.sender.name, "試験病院");
  EXPECT_EQ(got.created_at, kNow);
  ASSERT_EQ(got.parts.size(), 2u);
  EXPECT_EQ(got.parts[1].name, "clinical");
  EXPECT_EQ(got.parts[1].rows, 1234u);
  EXPECT_EQ(got.parts[1].bytes, clinical.size());
  // Format 2: the digest is of the sealed chunks, so it can be checked without any key.
  const std::string payload = Payload(testing::ReadAll(Path("p.grp")));
  const uint64_t id_len = internal::CiphertextLength(identity.size(), internal::kDefaultChunkBytes);
  EXPECT_EQ(got.parts[1].digest,
            testing::V2Digest(std::string_view(payload).substr(id_len),
                              internal::kDefaultChunkBytes));
  EXPECT_EQ(got.parts[0].digest, testing::V2Digest(std::string_view(payload).substr(0, id_len),
                                                   internal::kDefaultChunkBytes));
  EXPECT_EQ(got.parts[1].recipients, (std::vector<std::string>{registry_.public_key.Fingerprint(),
                                                               deputy_.public_key.Fingerprint()}));
  EXPECT_EQ(got.parts[0].recipients, std::vector<std::string>{registry_.public_key.Fingerprint()});
  EXPECT_FALSE(got.parts[0].passphrase);

  EXPECT_EQ(testing::ReadPartToString(*reader, "clinical", registry_).value(), clinical);
  EXPECT_EQ(testing::ReadPartToString(*reader, "clinical", deputy_).value(), clinical);
  EXPECT_EQ(testing::ReadPartToString(*reader, "identity", registry_).value(), identity);
  EXPECT_TRUE(reader->VerifyPart("clinical", deputy_.public_key.box_key, deputy_.box_secret).ok());
  // The file is the header plus exactly the sealed chunks: no padding, no plaintext.
  const std::string file = testing::ReadAll(Path("p.grp"));
  EXPECT_EQ(Payload(file).size(),
            identity.size() + clinical.size() +
                16 * (1 + internal::ChunkCount(identity.size(), internal::kDefaultChunkBytes) - 1 +
                      internal::ChunkCount(clinical.size(), internal::kDefaultChunkBytes)));
  EXPECT_EQ(file.find(clinical.substr(1000, 64)), std::string::npos);
}

TEST_F(PackageTest, ANonRecipientIsPermissionDenied) {
  auto m = WritePackage("notification", kNow, kNow + kDay,
                        {StringPart("identity", "山田 花子", {registry_.public_key})},
                        hospital_,
                        Path("p.grp"));
  ASSERT_TRUE(m.ok());
  auto reader = Open(Path("p.grp"));
  Result<std::string> r = testing::ReadPartToString(*reader, "identity", stranger_);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("part 'identity' is not sealed to this key"),
            std::string::npos);
  // Even the deputy of the same registry: only the keys the part is sealed to open it.
  EXPECT_EQ(testing::ReadPartToString(*reader, "identity", deputy_).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(reader
                ->ReadPartWithPassphrase("identity", kPassphrase,
                                         [](std::string_view) { return Status::Ok(); })
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(testing::ReadPartToString(*reader, "nothing", registry_).status().code(),
            StatusCode::kNotFound);
  // A mismatched key pair is the caller's mistake, not a permission question.
  EXPECT_EQ(
      reader->VerifyPart("identity", registry_.public_key.box_key, stranger_.box_secret).code(),
      StatusCode::kInvalidArgument);
}

TEST_F(PackageTest, PassphraseOpensThePartAndAWrongOneIsUnauthenticated) {
  PartSource p = StringPart("extract", testing::Pattern(70000), {});
  p.passphrase = kPassphrase;
  auto m = WritePackage("extract", kNow, kNow + kDay, {p}, registry_, Path("p.grp"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(m->parts[0].passphrase);
  EXPECT_TRUE(m->parts[0].recipients.empty());
  auto reader = Open(Path("p.grp"));
  std::string out;
  Status s = reader->ReadPartWithPassphrase("extract", kPassphrase, [&](std::string_view d) {
    out.append(d);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(out, testing::Pattern(70000));
  s = reader->ReadPartWithPassphrase("extract", "Kq7#vRm2!pLy",
                                     [](std::string_view) { return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(testing::ReadPartToString(*reader, "extract", registry_).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(PackageTest, WeakOrGuessablePassphrasesAreRefusedUnderSTrn3) {
  for (const char* weak : {"Ab1!xyz", "abcdefgh1234", "ABCDEFGH!!!!", "Password1!", "P@ssw0rd!2026",
                           "Sakura2026!", "Notification#26", "Qwer#2026xy"}) {
    PartSource p = StringPart("extract", "x", {});
    p.passphrase = weak;
    auto m = WritePackage("notification", kNow, kNow + kDay, {p}, registry_, Path("p.grp"));
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument) << weak;
    EXPECT_NE(m.status().message().find("S-TRN-3"), std::string::npos) << m.status().message();
  }
  EXPECT_FALSE(std::filesystem::exists(Path("p.grp")));
}

TEST_F(PackageTest, APartWithoutRecipientOrPassphraseAndOtherMistakesAreRefused) {
  auto write = [&](std::vector<PartSource> parts, int64_t expires = kNow + kDay) {
    return WritePackage("notification", kNow, expires, parts, hospital_, Path("p.grp"))
        .status()
        .code();
  };
  const PublicKey& to = registry_.public_key;
  EXPECT_EQ(write({StringPart("identity", "x", {})}), StatusCode::kInvalidArgument);
  EXPECT_EQ(write({}), StatusCode::kInvalidArgument);
  EXPECT_EQ(write({StringPart("a", "x", {to}), StringPart("a", "y", {to})}),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(write({StringPart("Bad Name", "x", {to})}), StatusCode::kInvalidArgument);
  EXPECT_EQ(write({StringPart("a", "x", {to, to})}), StatusCode::kInvalidArgument);
  EXPECT_EQ(write({StringPart("a", "x", {to})}, kNow), StatusCode::kInvalidArgument);
  EXPECT_EQ(write({StringPart("a", "x", {to})}, kNow + kMaxPackageLifetimeSeconds + 1),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(Path("p.grp")));
}

TEST_F(PackageTest, ExpiryIsExposedInTheManifest) {
  const int64_t expires = kNow + 60 * kDay;
  ASSERT_TRUE(WritePackage("notification", kNow, expires,
                           {StringPart("a", "x", {registry_.public_key})}, hospital_, Path("p.grp"))
                  .ok());
  auto reader = Open(Path("p.grp"));
  EXPECT_EQ(reader->manifest().created_at, kNow);
  EXPECT_EQ(reader->manifest().expires_at, expires);
  EXPECT_FALSE(reader->manifest().ExpiredAt(expires - 1));
  EXPECT_TRUE(reader->manifest().ExpiredAt(expires));
}

TEST_F(PackageTest, EmptyPartsAndExactChunkMultiplesRoundTrip) {
  internal::WriteOptions small{internal::kMinChunkBytes, crypto::KdfProfile::Minimum()};
  const std::string exact = testing::Pattern(3 * internal::kMinChunkBytes);
  auto m = internal::WritePackageWith(small, "test", kNow, kNow + kDay,
                                      {StringPart("empty", "", {registry_.public_key}),
                                       StringPart("exact", exact, {registry_.public_key}, 1000)},
                                      hospital_, Path("p.grp"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto reader = Open(Path("p.grp"));
  EXPECT_EQ(testing::ReadPartToString(*reader, "empty", registry_).value(), "");
  EXPECT_EQ(testing::ReadPartToString(*reader, "exact", registry_).value(), exact);
  const std::string payload = Payload(testing::ReadAll(Path("p.grp")));
  EXPECT_EQ(reader->manifest().parts[0].digest,
            testing::V2Digest(std::string_view(payload).substr(0, 16), internal::kMinChunkBytes));
}

TEST_F(PackageTest, TwoPartsStreamInLockstepFromOneReader) {
  internal::WriteOptions small{internal::kMinChunkBytes, crypto::KdfProfile::Minimum()};
  const std::string a = testing::Pattern(50000, 5), b = testing::Pattern(30001, 6);
  ASSERT_TRUE(internal::WritePackageWith(small, "test", kNow, kNow + kDay,
                                         {StringPart("a", a, {registry_.public_key}),
                                          StringPart("b", b, {registry_.public_key})},
                                         hospital_, Path("p.grp"))
                  .ok());
  auto reader = Open(Path("p.grp"));
  auto sa = reader->OpenPart("a", registry_.public_key.box_key, registry_.box_secret);
  auto sb = reader->OpenPart("b", registry_.public_key.box_key, registry_.box_secret);
  ASSERT_TRUE(sa.ok() && sb.ok());
  std::string got_a, got_b;
  for (bool more = true; more;) {
    auto x = (*sa)->Next();
    auto y = (*sb)->Next();
    ASSERT_TRUE(x.ok() && y.ok());
    got_a.append(*x);
    got_b.append(*y);
    more = !x->empty() || !y->empty();
  }
  EXPECT_EQ(got_a, a);
  EXPECT_EQ(got_b, b);
  EXPECT_TRUE((*sa)->Next().value().empty()) << "the end stays the end";
}

TEST_F(PackageTest, AnExistingFileIsNeverOverwrittenAndAFailedPartLeavesNoFile) {
  testing::WriteAll(Path("p.grp"), "keep me");
  EXPECT_EQ(WritePackage("notification", kNow, kNow + kDay,
                         {StringPart("a", "x", {registry_.public_key})}, hospital_, Path("p.grp"))
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(testing::ReadAll(Path("p.grp")), "keep me");

  PartSource failing = StringPart("a", "x", {registry_.public_key});
  failing.produce = [](const std::function<Status(std::string_view)>& emit) {
    GANREG_RETURN_IF_ERROR(emit("some rows"));
    return Status::Aborted("the source changed");
  };
  auto m = WritePackage("notification", kNow, kNow + kDay, {failing}, hospital_, Path("q.grp"));
  EXPECT_EQ(m.status().code(), StatusCode::kAborted);
  EXPECT_NE(m.status().message().find("part 'a'"), std::string::npos);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1)
      << "no package and no temporary file left behind";
}

TEST_F(PackageTest, OpenReportsAMissingFileAndAFileThatIsNotAPackage) {
  EXPECT_EQ(PackageReader::Open(Path("none.grp")).status().code(), StatusCode::kNotFound);
  testing::WriteAll(Path("x.grp"), "PK\x03\x04 a zip file, not a package");
  auto r = PackageReader::Open(Path("x.grp"));
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("not a ganreg transfer package"), std::string::npos);
}

class ReaddressTest : public PackageTest {
 protected:
  void SetUp() override {
    PackageTest::SetUp();
    internal::WriteOptions small{internal::kMinChunkBytes, crypto::KdfProfile::Minimum()};
    auto m = internal::WritePackageWith(small, "notification", kNow, kNow + kDay,
                                        {StringPart("identity", data_id_, {registry_.public_key}),
                                         StringPart("clinical", data_cl_, {registry_.public_key})},
                                        hospital_, Path("in.grp"));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    id_ = m->package_id;
  }
  std::string data_id_ = testing::Pattern(20000, 8), data_cl_ = testing::Pattern(45000, 9);
  std::string id_;
};

TEST_F(ReaddressTest, KeepsThePayloadBytesAndMovesAccessToTheNewRecipient) {
  Status s = Readdress(Path("in.grp"), registry_, {deputy_.public_key}, /*keep=*/false, registry_,
                       Path("out.grp"));
  ASSERT_TRUE(s.ok()) << s.ToString();
  const std::string before = testing::ReadAll(Path("in.grp"));
  const std::string after = testing::ReadAll(Path("out.grp"));
  EXPECT_EQ(Payload(after), Payload(before)) << "the payload must be copied byte for byte";
  EXPECT_NE(after.size(), before.size()) << "the header changed";

  auto reader = Open(Path("out.grp"));
  EXPECT_EQ(reader->manifest().package_id, id_) << "same package, same id";
  EXPECT_EQ(reader->manifest().sender.sign_key, registry_.public_key.sign_key) << "re-signed";
  EXPECT_EQ(reader->manifest().parts[0].recipients,
            std::vector<std::string>{deputy_.public_key.Fingerprint()});
  EXPECT_EQ(testing::ReadPartToString(*reader, "identity", deputy_).value(), data_id_);
  EXPECT_EQ(testing::ReadPartToString(*reader, "clinical", deputy_).value(), data_cl_);
  EXPECT_EQ(testing::ReadPartToString(*reader, "identity", registry_).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(ReaddressTest, WithKeepBothTheOldAndTheNewRecipientRead) {
  ASSERT_TRUE(Readdress(Path("in.grp"), registry_, {deputy_.public_key, registry_.public_key},
                        /*keep=*/true, registry_, Path("out.grp"))
                  .ok());
  auto reader = Open(Path("out.grp"));
  EXPECT_EQ(reader->manifest().parts[1].recipients,
            (std::vector<std::string>{registry_.public_key.Fingerprint(),
                                      deputy_.public_key.Fingerprint()}));
  EXPECT_EQ(testing::ReadPartToString(*reader, "clinical", registry_).value(), data_cl_);
  EXPECT_EQ(testing::ReadPartToString(*reader, "clinical", deputy_).value(), data_cl_);
}

TEST_F(ReaddressTest, OnlyACurrentRecipientCanReaddress) {
  Status s = Readdress(Path("in.grp"), stranger_, {stranger_.public_key}, false, stranger_,
                       Path("out.grp"));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(Path("out.grp")));
  EXPECT_EQ(Readdress(Path("in.grp"), registry_, {}, false, registry_, Path("out.grp")).code(),
            StatusCode::kInvalidArgument)
      << "nobody could open the result";
  EXPECT_EQ(
      Readdress(Path("in.grp"), registry_, {deputy_.public_key}, false, registry_, Path("in.grp"))
          .code(),
      StatusCode::kAlreadyExists);
}

// S-TRN-3 packages for partners without keys: whoever knows the passphrase (and has a key to sign
// with) can re-address a passphrase-only package to public keys, without touching the payload.
TEST_F(PackageTest, APassphraseOnlyPackageIsReaddressedWithThePassphrase) {
  internal::WriteOptions cheap{internal::kMinChunkBytes, crypto::KdfProfile::Minimum()};
  PartSource p = StringPart("extract", testing::Pattern(30000), {});
  p.passphrase = kPassphrase;
  ASSERT_TRUE(internal::WritePackageWith(cheap, "extract", kNow, kNow + kDay, {p}, registry_,
                                         Path("p.grp"))
                  .ok());
  // Neither the key alone nor a wrong passphrase opens it; nothing is written.
  EXPECT_EQ(Readdress(Path("p.grp"), hospital_, {deputy_.public_key}, false, hospital_,
                      Path("x.grp"))
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Readdress(Path("p.grp"), ReaddressHolder{nullptr, "Kq7#vRm2!pLy"},
                      {deputy_.public_key}, false, hospital_, Path("x.grp"))
                .code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(Readdress(Path("p.grp"), ReaddressHolder{}, {deputy_.public_key}, false, hospital_,
                      Path("x.grp"))
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(Path("x.grp")));

  ASSERT_TRUE(Readdress(Path("p.grp"), ReaddressHolder{&hospital_, std::string(kPassphrase)},
                        {deputy_.public_key}, false, hospital_, Path("r.grp"))
                  .ok());
  auto r = Open(Path("r.grp"));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->manifest().sender.sign_key, hospital_.public_key.sign_key);  // the re-signer
  EXPECT_FALSE(r->manifest().parts[0].passphrase) << "without keep the passphrase wrap is gone";
  EXPECT_EQ(testing::ReadPartToString(*r, "extract", deputy_).value(), testing::Pattern(30000));
  EXPECT_EQ(Payload(testing::ReadAll(Path("r.grp"))), Payload(testing::ReadAll(Path("p.grp"))));

  // With keep, the passphrase still opens it besides the new key.
  ASSERT_TRUE(Readdress(Path("p.grp"), ReaddressHolder{nullptr, std::string(kPassphrase)},
                        {deputy_.public_key}, true, hospital_, Path("k.grp"))
                  .ok());
  auto k = Open(Path("k.grp"));
  ASSERT_NE(k, nullptr);
  EXPECT_TRUE(k->manifest().parts[0].passphrase);
  EXPECT_TRUE(k->ReadPartWithPassphrase("extract", kPassphrase,
                                        [](std::string_view) { return Status::Ok(); })
                  .ok());
  EXPECT_EQ(testing::ReadPartToString(*k, "extract", deputy_).value(), testing::Pattern(30000));
}

}  // namespace
}  // namespace ganreg::transfer
