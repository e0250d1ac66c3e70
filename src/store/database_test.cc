// The store: creation, migrations, reopening, and refusing what is not a registry store.
#include "store/database.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace ganreg::store {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_store_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DatabaseTest, CreateThenReopenKeepsData) {
  {
    auto db = Database::Open(dir_ / "r.db", {.create = true});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ((*db)->schema_version(), 2);
    ASSERT_TRUE((*db)->PutMeta("registry_name", "試験県がん登録室").ok());
  }
  auto db = Database::Open(dir_ / "r.db", {});
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->GetMeta("registry_name").value(), "試験県がん登録室");
}

TEST_F(DatabaseTest, CreateRefusesExistingStore) {
  ASSERT_TRUE(Database::Open(dir_ / "r.db", {.create = true}).ok());
  EXPECT_EQ(Database::Open(dir_ / "r.db", {.create = true}).status().code(),
            StatusCode::kAlreadyExists);
}

TEST_F(DatabaseTest, OpenRefusesMissingAndForeignFiles) {
  EXPECT_EQ(Database::Open(dir_ / "none.db", {}).status().code(), StatusCode::kNotFound);
  std::ofstream(dir_ / "junk.db") << "this is not a database, just text that goes on and on\n";
  EXPECT_EQ(Database::Open(dir_ / "junk.db", {}).status().code(), StatusCode::kDataLoss);
}

TEST_F(DatabaseTest, RollbackDiscardsTheTransaction) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Begin().ok());
  ASSERT_TRUE((*db)->PutMeta("k", "v").ok());
  (*db)->Rollback();
  EXPECT_EQ((*db)->GetMeta("k").status().code(), StatusCode::kNotFound);
}

TEST_F(DatabaseTest, DuplicateKeyNumberIsAlreadyExists) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  FileRecord f;
  f.digest = "d";
  f.display_name = "a.csv";
  f.status = "accepted";
  auto id = (*db)->InsertFile(f);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  std::vector<NotificationInsert> rows = {{42, 2, "identity", "clinical"}};
  ASSERT_TRUE((*db)->InsertNotifications(*id, rows).ok());
  // A batch with a taken key number stores nothing of the batch.
  std::vector<NotificationInsert> again = {{43, 3, "i", "c"}, {42, 4, "i", "c"}};
  EXPECT_EQ((*db)->InsertNotifications(*id, again).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ((*db)->CountNotifications().value(), 1);
  EXPECT_EQ((*db)->FindIdentity(42)->ciphertext, "identity");
  EXPECT_EQ((*db)->FindClinical(42)->line, 2);
  EXPECT_EQ((*db)->FindIdentity(43).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ganreg::store
