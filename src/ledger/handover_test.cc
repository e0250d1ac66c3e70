// S-ACQ-5: hand-over book entries carry every required field, in order, never changed.
#include "ledger/handover.h"

#include <gtest/gtest.h>

#include <random>

namespace ganreg::ledger {
namespace {

class HandoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_ledger_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto db = store::Database::Open(dir_ / "r.db", {.create = true});
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Delivery Full() {
    return {1795600000, "staff1", "1310000001", "模擬県がん登録室", "届出票ファイル 3件",
            Medium::kCdR, 0};
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(HandoverTest, ReceiptsAndDispatchesAreAppendedInOrder) {
  ASSERT_TRUE(RecordReceipt(*db_, Full()).ok());
  ASSERT_TRUE(RecordDispatch(*db_, Full()).ok());
  auto book = db_->ListHandover();
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 2u);
  EXPECT_EQ((*book)[0].direction, "receipt");
  EXPECT_EQ((*book)[1].direction, "dispatch");
  EXPECT_EQ((*book)[0].medium, "cd-r");
}

TEST_F(HandoverTest, AnEntryWithoutARequiredFieldIsRefused) {
  Delivery d = Full();
  d.summary.clear();
  Status s = RecordReceipt(*db_, d).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("content summary"), std::string::npos);
  d = Full();
  d.handled_by.clear();
  EXPECT_FALSE(RecordReceipt(*db_, d).ok());
}

TEST(MediumTest, ParsesTheFourKinds) {
  EXPECT_EQ(ParseMedium("usb"), Medium::kUsb);
  EXPECT_EQ(ParseMedium("paper"), Medium::kPaper);
  EXPECT_FALSE(ParseMedium("carrier-pigeon").has_value());
}

}  // namespace
}  // namespace ganreg::ledger
