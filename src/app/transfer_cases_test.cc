// Transfer packages through the door, with a clock: expiry (60 days) and replay by package id.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "app/internal.h"
#include "app/registry.h"
#include "app/transfer.h"

namespace ganreg::app {
namespace {

constexpr int64_t kNow = 1795600000;
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kKeyPw[] = "Hosp#Key-4821";

class TransferCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_xfer_" + std::to_string(std::random_device{}()));
    ASSERT_TRUE(InitRegistry({dir_ / "reg", "模擬県がん登録室", "head1", kHeadPw, "minimum", {}},
                             registry_clock_).ok());
    auto r = Registry::Open(dir_ / "reg", registry_clock_);
    ASSERT_TRUE(r.ok());
    registry_ = std::move(r).value();
    auto head = registry_->Login("head1", kHeadPw);
    ASSERT_TRUE(head.ok());
    head_ = std::move(head).value();
    ASSERT_TRUE(head_->ExportRegistryPublicKey(dir_ / "registry.pub").ok());
    ASSERT_TRUE(GenerateKeyPair(dir_ / "hosp", "1310000001", kKeyPw).ok());
    ASSERT_TRUE(head_->AddPartner("1310000001", dir_ / "hosp.pub").ok());
    std::ofstream csv(dir_ / "n.csv", std::ios::binary);
    std::string header;
    for (const auto& d : model::Items()) header += (header.empty() ? "" : ",") + std::string(d.label);
    csv << header << "\r\n"
        << "A0001,シケン　タロウ,試験　太郎,1,19500102,13,千代田区千代田1-1,7,C18.7,814032,1,2,1,"
           "20250310,8,410,410,1,2,2,1,2,2,2,2,,\r\n";
  }
  void TearDown() override {
    head_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  Result<PackResult> Pack(const std::string& out, bool also_to_sender = false) {
    PackRequest req;
    req.csv = dir_ / "n.csv";
    req.to = {dir_ / "registry.pub"};
    if (also_to_sender) req.to.push_back(dir_ / "hosp.pub");
    req.sign_with = dir_ / "hosp.key";
    req.password = kKeyPw;
    req.out = dir_ / out;
    return PackNotifications(req, hospital_clock_);
  }

  FixedClock registry_clock_{kNow};
  FixedClock hospital_clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Session> head_;
};

TEST_F(TransferCasesTest, APackageOlderThanSixtyDaysIsRefusedAsExpired) {
  ASSERT_TRUE(Pack("n.grp").ok());
  EXPECT_TRUE(head_->VerifyPackage(dir_ / "n.grp").ok());
  registry_clock_.Advance(61 * internal::kSecondsPerDay);
  auto late = head_->VerifyPackage(dir_ / "n.grp");
  EXPECT_EQ(late.status().code(), StatusCode::kRejected);
  EXPECT_NE(late.status().message().find("expired"), std::string::npos) << late.status().ToString();
  auto intake = head_->IntakePackage({{dir_ / "n.grp"}, "online", {}});
  EXPECT_EQ(intake.status().code(), StatusCode::kRejected);
}

TEST_F(TransferCasesTest, AReaddressedCopyOfATakenPackageIsRecognisedAsAReplay) {
  ASSERT_TRUE(Pack("n.grp", /*also_to_sender=*/true).ok());
  auto first = head_->IntakePackage({{dir_ / "n.grp"}, "online", {}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->rows_accepted, 1);
  // Different bytes (a new key header), same package id.
  ASSERT_TRUE(GenerateKeyPair(dir_ / "other", "other-body", kKeyPw).ok());
  ASSERT_TRUE(ReaddressPackage(dir_ / "n.grp", dir_ / "hosp.key", kKeyPw, {dir_ / "other.pub"},
                               /*keep=*/true, dir_ / "again.grp")
                  .ok());
  auto again = head_->IntakePackage({{dir_ / "again.grp"}, "online", {}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(head_->ListNotifications(10, 0)->size(), 1u);
}

TEST_F(TransferCasesTest, DispatchesAreSignedByTheRegistryAndInTheHandoverBook) {
  std::ofstream(dir_ / "extract.csv") << "a,b\n1,2\n";
  DispatchRequest req;
  req.file = dir_ / "extract.csv";
  req.to = {dir_ / "hosp.pub"};
  req.recipient = "1310000001 病院";
  req.summary = "遡り調査票 follow-back list, 2 rows";
  req.medium = "online";
  req.out = dir_ / "out.grp";
  auto id = head_->Dispatch(req);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto book = head_->HandoverBook();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 1u);
  EXPECT_EQ((*book)[0].direction, "dispatch");
  auto parts = UnpackPackage(dir_ / "out.grp", dir_ / "hosp.key", kKeyPw, dir_ / "registry.pub",
                             dir_ / "opened", hospital_clock_);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  std::ifstream in((*parts)[0]);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "a,b\n1,2\n");
  // A package claimed to come from the registry but signed by someone else is refused.
  EXPECT_EQ(UnpackPackage(dir_ / "out.grp", dir_ / "hosp.key", kKeyPw, dir_ / "hosp.pub",
                          dir_ / "opened2", hospital_clock_)
                .status()
                .code(),
            StatusCode::kRejected);
}

TEST_F(TransferCasesTest, APartnerWithoutAKeyOpensADispatchWithThePassphraseOnly) {
  std::ofstream(dir_ / "extract.csv") << "a,b\n1,2\n";
  DispatchRequest req;
  req.file = dir_ / "extract.csv";
  req.recipient = "研究者 (no key pair)";
  req.summary = "集計表 table, 2 rows";
  req.medium = "cd-r";
  req.out = dir_ / "out.grp";
  req.passphrase = "password1";  // breaks S-TRN-3: refused
  EXPECT_FALSE(head_->Dispatch(req).ok());
  req.passphrase = "Fuji#Yama-2026";
  ASSERT_TRUE(head_->Dispatch(req).ok());
  auto parts = UnpackPackage(dir_ / "out.grp", "", "", dir_ / "registry.pub", dir_ / "opened",
                             hospital_clock_, std::string("Fuji#Yama-2026"));
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_FALSE(UnpackPackage(dir_ / "out.grp", "", "", dir_ / "registry.pub", dir_ / "opened2",
                             hospital_clock_, std::string("Fuji#Yama-2027"))
                   .ok());
}

}  // namespace
}  // namespace ganreg::app
