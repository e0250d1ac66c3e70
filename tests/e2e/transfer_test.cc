// End to end, issue #3: a hospital packs, the registry verifies and takes the package in, the
// hospital checks the receipt — and every refusal (forged, unregistered, replayed, no grant).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"

namespace ganreg::e2e {
namespace {

constexpr char kHospitalKeyPw[] = "Hosp#Key-4821";

class TransferTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    s_.Write("hosp.pw", kHospitalKeyPw);
    Expect(0, As("head1", "head.pw", {"registry", "public-key", "--out", (s_ / "registry.pub").string()}));
    // The hospital's key pair, registered by a custodian (S-SYS-4).
    Expect(0, {"keygen", "--out", (s_ / "hosp").string(), "--name", "1310000001",
               "--key-password-file", (s_ / "hosp.pw").string()});
    Expect(0, As("head1", "head.pw", {"partner", "add", "1310000001", "--public-key",
                                      (s_ / "hosp.pub").string()}));
    Expect(0, {"synth", "notifications", "--rows", "40", "--seed", "3", "--out",
               (s_ / "n.csv").string()});
  }
  RunResult Pack(const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"pack", (s_ / "n.csv").string(), "--to",
                                     (s_ / "registry.pub").string(), "--sign-with",
                                     (s_ / "hosp.key").string(), "--key-password-file",
                                     (s_ / "hosp.pw").string(), "--out", (s_ / out).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return Ganreg(args);
  }
};

TEST_F(TransferTest, PackVerifyIntakeAndReceipt) {
  ASSERT_EQ(Pack("n.grp").exit_code, 0);
  RunResult v = Head({"verify", (s_ / "n.grp").string()});
  EXPECT_EQ(v.exit_code, 0) << v.all();
  EXPECT_NE(v.out.find("contents verified"), std::string::npos) << v.out;
  // The 60-day lifetime is shown (issue #3: the national electronic files expire after 60 days).
  EXPECT_TRUE(v.out.find("valid for at most 60 days; 59 days left") != std::string::npos ||
              v.out.find("valid for at most 60 days; 60 days left") != std::string::npos)
      << v.out;
  RunResult in = Head({"intake", (s_ / "n.grp").string(), "--medium", "online"});
  EXPECT_EQ(in.exit_code, 0) << in.all();
  EXPECT_NE(in.out.find("read 40 = 受理 accepted 40"), std::string::npos) << in.out;
  RunResult book = Head({"ledger", "show", "handover"});
  EXPECT_NE(book.out.find("1310000001"), std::string::npos) << book.out;
  RunResult receipt = Ganreg({"verify-receipt", (s_ / "n.grp.receipt").string(), "--registry-key",
                              (s_ / "registry.pub").string()});
  EXPECT_EQ(receipt.exit_code, 0) << receipt.all();
  EXPECT_NE(receipt.out.find("accepted 40"), std::string::npos) << receipt.out;
  // The same package again is recognised and adds nothing.
  RunResult again = Head({"intake", (s_ / "n.grp").string(), "--medium", "online"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_NE(again.out.find("nothing added"), std::string::npos) << again.out;
  EXPECT_EQ(Head({"audit", "verify"}).exit_code, 0);
}

TEST_F(TransferTest, SplitPartsTravelApartAndAreJoinedByKeyNumber) {
  RunResult p = Pack("n.grp", {"--split"});
  ASSERT_EQ(p.exit_code, 0) << p.all();
  RunResult in = Head({"intake", (s_ / "n.identity.grp").string(),
                       (s_ / "n.clinical.grp").string(), "--medium", "usb"});
  EXPECT_EQ(in.exit_code, 0) << in.all();
  EXPECT_NE(in.out.find("accepted 40"), std::string::npos) << in.out;
}

// S-TRN-2: with --split the identity and clinical parts can go to different recipients; each part
// opens only for its own.
TEST_F(TransferTest, SplitPartsCanBeSealedToDifferentRecipients) {
  Expect(0, {"keygen", "--out", (s_ / "reviewer").string(), "--name", "clinical-reviewer",
             "--key-password-file", (s_ / "hosp.pw").string()});
  RunResult p = Ganreg({"pack", (s_ / "n.csv").string(), "--to-identity",
                        (s_ / "registry.pub").string(), "--to-clinical",
                        (s_ / "registry.pub").string(), "--to-clinical",
                        (s_ / "reviewer.pub").string(), "--sign-with", (s_ / "hosp.key").string(),
                        "--key-password-file", (s_ / "hosp.pw").string(), "--out",
                        (s_ / "n.grp").string(), "--split"});
  ASSERT_EQ(p.exit_code, 0) << p.all();
  auto unpack = [&](const std::string& package, const std::string& dir) {
    return Ganreg({"unpack", (s_ / package).string(), "--key", (s_ / "reviewer.key").string(),
                   "--key-password-file", (s_ / "hosp.pw").string(), "--from-key",
                   (s_ / "hosp.pub").string(), "--out-dir", (s_ / dir).string()});
  };
  RunResult clinical = unpack("n.clinical.grp", "c");
  EXPECT_EQ(clinical.exit_code, 0) << clinical.all();
  EXPECT_TRUE(std::filesystem::exists(s_ / "c" / "clinical"));
  RunResult identity = unpack("n.identity.grp", "i");
  EXPECT_NE(identity.exit_code, 0) << identity.all();
  EXPECT_NE(identity.err.find("no part opens"), std::string::npos) << identity.err;
  EXPECT_FALSE(std::filesystem::exists(s_ / "i" / "identity"));
  // The registry holds both and joins them.
  RunResult in = Head({"intake", (s_ / "n.identity.grp").string(),
                       (s_ / "n.clinical.grp").string(), "--medium", "usb"});
  EXPECT_EQ(in.exit_code, 0) << in.all();
  EXPECT_NE(in.out.find("accepted 40"), std::string::npos) << in.out;
  // A part without any recipient is refused before anything is written.
  RunResult none = Ganreg({"pack", (s_ / "n.csv").string(), "--to-identity",
                           (s_ / "registry.pub").string(), "--sign-with",
                           (s_ / "hosp.key").string(), "--key-password-file",
                           (s_ / "hosp.pw").string(), "--out", (s_ / "x.grp").string(), "--split"});
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("at least one recipient for each part"), std::string::npos) << none.err;
  EXPECT_FALSE(std::filesystem::exists(s_ / "x.identity.grp"));
}

// A passphrase-only package (S-TRN-3) re-addressed to the registry's public key by someone who
// knows the passphrase and signs with their own key; the payload is not rewritten.
TEST_F(TransferTest, APassphraseOnlyPackageCanBeReaddressedToAPublicKey) {
  s_.Write("pass.txt", "Zr8!kWq#2vLp");
  RunResult p = Ganreg({"pack", (s_ / "n.csv").string(), "--passphrase-file",
                        (s_ / "pass.txt").string(), "--sign-with", (s_ / "hosp.key").string(),
                        "--key-password-file", (s_ / "hosp.pw").string(), "--out",
                        (s_ / "p.grp").string()});
  ASSERT_EQ(p.exit_code, 0) << p.all();
  std::vector<std::string> readdress = {"readdress", (s_ / "p.grp").string(), "--to",
                                        (s_ / "registry.pub").string(), "--key",
                                        (s_ / "hosp.key").string(), "--key-password-file",
                                        (s_ / "hosp.pw").string(), "--out", (s_ / "r.grp").string()};
  RunResult without = Ganreg(readdress);
  EXPECT_NE(without.exit_code, 0) << "the key alone opens no part";
  EXPECT_NE(without.err.find("is not sealed to this key"), std::string::npos) << without.err;
  s_.Write("wrong.txt", "Yq3$mNp!7xTz");
  std::vector<std::string> wrong = readdress;
  wrong.insert(wrong.end(), {"--passphrase-file", (s_ / "wrong.txt").string()});
  EXPECT_NE(Ganreg(wrong).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(s_ / "r.grp"));
  readdress.insert(readdress.end(), {"--passphrase-file", (s_ / "pass.txt").string()});
  RunResult r = Ganreg(readdress);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  // Same payload bytes at the end of both files.
  const std::string a = ReadAll(s_ / "p.grp"), b = ReadAll(s_ / "r.grp");
  const size_t tail = 1000;
  ASSERT_GT(a.size(), tail);
  EXPECT_EQ(a.substr(a.size() - tail), b.substr(b.size() - tail));
  RunResult v = Head({"verify", (s_ / "r.grp").string()});
  EXPECT_EQ(v.exit_code, 0) << v.all();
  EXPECT_NE(v.out.find("contents verified"), std::string::npos) << v.out;
  RunResult in = Head({"intake", (s_ / "r.grp").string(), "--medium", "online"});
  EXPECT_EQ(in.exit_code, 0) << in.all();
  EXPECT_NE(in.out.find("accepted 40"), std::string::npos) << in.out;
}

TEST_F(TransferTest, WithoutTheInboundGrantThePartsStayClosed) {
  ASSERT_EQ(Pack("n.grp").exit_code, 0);
  Expect(0, As("head1", "head.pw", {"user", "grant", "staff1", "notification-clinical"}));
  RunResult r = Staff({"intake", (s_ / "n.grp").string(), "--medium", "online"});
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_NE(r.err.find("inbound"), std::string::npos) << r.err;
  Expect(0, As("head1", "head.pw", {"user", "grant", "staff1", "inbound"}));
  EXPECT_EQ(Staff({"intake", (s_ / "n.grp").string(), "--medium", "online"}).exit_code, 0);
}

TEST_F(TransferTest, UnregisteredOrRevokedSenderIsRefused) {
  Expect(0, {"keygen", "--out", (s_ / "other").string(), "--name", "9999999999",
             "--key-password-file", (s_ / "hosp.pw").string()});
  RunResult p = Ganreg({"pack", (s_ / "n.csv").string(), "--to", (s_ / "registry.pub").string(),
                        "--sign-with", (s_ / "other.key").string(), "--key-password-file",
                        (s_ / "hosp.pw").string(), "--out", (s_ / "x.grp").string()});
  ASSERT_EQ(p.exit_code, 0) << p.all();
  RunResult v = Head({"verify", (s_ / "x.grp").string()});
  EXPECT_EQ(v.exit_code, 5) << v.all();
  EXPECT_NE(v.err.find("not a registered partner"), std::string::npos) << v.err;
  EXPECT_EQ(Head({"intake", (s_ / "x.grp").string(), "--medium", "online"}).exit_code, 5);
  ASSERT_EQ(Pack("n.grp").exit_code, 0);
  Expect(0, As("head1", "head.pw", {"partner", "revoke", "1310000001"}));
  RunResult revoked = Head({"verify", (s_ / "n.grp").string()});
  EXPECT_EQ(revoked.exit_code, 5) << revoked.all();
  EXPECT_NE(revoked.err.find("revoked"), std::string::npos);
}

TEST_F(TransferTest, DamagedPackageIsRefusedAndWritesNothing) {
  ASSERT_EQ(Pack("n.grp").exit_code, 0);
  std::string bytes = ReadAll(s_ / "n.grp");
  for (size_t at : {size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    s_.Write("bad.grp", bad);
    RunResult r = Head({"intake", (s_ / "bad.grp").string(), "--medium", "online"});
    EXPECT_NE(r.exit_code, 0) << "byte " << at;
    EXPECT_FALSE(r.err.empty());
  }
  s_.Write("cut.grp", bytes.substr(0, bytes.size() - 10));
  EXPECT_NE(Head({"intake", (s_ / "cut.grp").string(), "--medium", "online"}).exit_code, 0);
  RunResult list = Head({"notification", "list"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;  // header only
}

TEST_F(TransferTest, PackRefusesAFileIntakeWouldHoldBack) {
  Expect(0, {"synth", "notifications", "--rows", "20", "--seed", "4", "--faulty-rows", "2", "--out",
             (s_ / "bad.csv").string()});
  RunResult r = Ganreg({"pack", (s_ / "bad.csv").string(), "--to", (s_ / "registry.pub").string(),
                        "--sign-with", (s_ / "hosp.key").string(), "--key-password-file",
                        (s_ / "hosp.pw").string(), "--out", (s_ / "bad.grp").string()});
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_NE(r.err.find("bad.csv:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ganreg::e2e
