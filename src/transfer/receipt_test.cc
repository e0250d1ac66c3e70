// Receipts: a signed text that verifies with the registry's key and with no other, and that no
// changed byte survives.
#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "transfer/package.h"
#include "transfer/test_util.h"

namespace ganreg::transfer {
namespace {

class ReceiptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    r_.package_id = crypto::ToHex(crypto::RandomBytes(16));
    r_.registry_id = "8f3a9c2e";
    r_.registry = registry_.public_key;
    r_.received_at = testing::kNow;
    r_.rows_read = 1200;
    r_.rows_accepted = 1188;
    r_.rows_held = 12;
    r_.outcome = "accepted";
  }
  SecretKey registry_ = testing::NewKey("模擬県がん登録室");
  Receipt r_;
};

TEST_F(ReceiptTest, AReceiptVerifiesAndCarriesItsFacts) {
  const std::string text = FormatReceipt(r_, registry_.sign_secret);
  EXPECT_EQ(text.rfind("ganreg-transfer-receipt v1\npackage: " + r_.package_id + "\n", 0), 0u);
  Result<Receipt> got = VerifyReceipt(text, registry_.public_key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->package_id, r_.package_id);
  EXPECT_EQ(got->registry_id, r_.registry_id);
  EXPECT_EQ(got->registry.name, "模擬県がん登録室");
  EXPECT_EQ(got->registry.sign_key, registry_.public_key.sign_key);
  EXPECT_EQ(got->received_at, testing::kNow);
  EXPECT_EQ(got->rows_read, 1200u);
  EXPECT_EQ(got->rows_accepted, 1188u);
  EXPECT_EQ(got->rows_held, 12u);
  EXPECT_EQ(got->outcome, "accepted");
  // Mailed, printed, or opened in a Windows editor: CRLF line endings still verify.
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_TRUE(VerifyReceipt(crlf, registry_.public_key).ok());
}

TEST_F(ReceiptTest, AChangedReceiptDoesNotVerify) {
  const std::string text = FormatReceipt(r_, registry_.sign_secret);
  Receipt forged = r_;
  forged.rows_held = 0;
  forged.rows_accepted = 1200;
  std::string lie = FormatReceipt(forged, registry_.sign_secret);
  // The forged facts with the genuine signature.
  lie.replace(lie.find("signature: "), std::string::npos, text.substr(text.find("signature: ")));
  Result<Receipt> got = VerifyReceipt(lie, registry_.public_key);
  EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(got.status().message().find("signature does not match"), std::string::npos);

  for (size_t i = 0; i < text.size(); ++i) {
    std::string bad = text;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_EQ(VerifyReceipt(bad, registry_.public_key).status().code(), StatusCode::kDataLoss)
        << "byte " << i << " ('" << text[i] << "')";
  }
  for (size_t n = 0; n + 1 < text.size(); ++n) {
    EXPECT_FALSE(VerifyReceipt(text.substr(0, n), registry_.public_key).ok()) << "cut at " << n;
  }
}

TEST_F(ReceiptTest, AReceiptFromAnotherRegistryDoesNotVerify) {
  SecretKey other = testing::NewKey("other registry");
  Receipt theirs = r_;
  theirs.registry = other.public_key;
  const std::string text = FormatReceipt(theirs, other.sign_secret);
  EXPECT_TRUE(VerifyReceipt(text, other.public_key).ok());
  Result<Receipt> got = VerifyReceipt(text, registry_.public_key);
  EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(got.status().message().find("another registry key"), std::string::npos);
  // Claiming to be this registry but signed by the other one.
  EXPECT_EQ(
      VerifyReceipt(FormatReceipt(r_, other.sign_secret), registry_.public_key).status().code(),
      StatusCode::kDataLoss);
}

TEST_F(ReceiptTest, OutcomesAreTheDocumentedOnes) {
  for (const char* o : {"accepted", "rejected", "duplicate"}) {
    r_.outcome = o;
    EXPECT_EQ(
        VerifyReceipt(FormatReceipt(r_, registry_.sign_secret), registry_.public_key)->outcome, o);
  }
}

}  // namespace
}  // namespace ganreg::transfer
