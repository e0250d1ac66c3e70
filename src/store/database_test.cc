// The store: creation, migrations, reopening, and refusing what is not a registry store.
#include "store/database.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "store/migrations.h"

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
    EXPECT_EQ((*db)->schema_version(), 11);
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

// The schema as SQLite keeps it (every table, index and trigger with its SQL), in name order.
std::string SchemaOf(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw,
                               "SELECT type, name, COALESCE(sql, '') FROM sqlite_schema "
                               "ORDER BY type, name",
                               -1, &st, nullptr),
            SQLITE_OK);
  std::string schema;
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int c = 0; c < 3; ++c) {
      schema += reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      schema += c < 2 ? " " : "\n";
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return schema;
}

// A store left at any earlier schema version (as an older ganreg wrote it) opens with this
// program: the remaining migrations run in order, the schema ends exactly as a new store's, and
// what the old store held is still there. A disposal written at version 10, before the record had
// a time, an approval, a contract and a certificate (migration 11), reads with those empty.
TEST_F(DatabaseTest, AStoreOfEveryEarlierVersionIsUpgradedAndKeepsItsData) {
  const auto migrations = internal::Migrations();
  ASSERT_TRUE(Database::Open(dir_ / "new.db", {.create = true}).ok());
  const std::string fresh = SchemaOf(dir_ / "new.db");
  for (size_t version = 1; version < migrations.size(); ++version) {
    SCOPED_TRACE(fmt::format("a store at version {}", version));
    const auto path = dir_ / fmt::format("v{}.db", version);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    for (size_t i = 0; i < version; ++i) {
      ASSERT_EQ(sqlite3_exec(raw, std::string(migrations[i]).c_str(), nullptr, nullptr, nullptr),
                SQLITE_OK)
          << "migration " << i + 1 << ": " << sqlite3_errmsg(raw);
    }
    std::string old_data = fmt::format(
        "PRAGMA user_version={};"
        "INSERT INTO meta(key, value) VALUES('application', CAST('ganreg-registry' AS BLOB)),"
        "('written-at-version', CAST('{}' AS BLOB));",
        version, version);
    if (version == 10) {
      old_data +=
          "INSERT INTO disposals(id, at, date, recorded_by, item, method, place, witnesses) "
          "VALUES(1, 1700000000, '2023-11-14', 'lead1', '届出票の写し', 'shred', 'room', "
          "'lead1,staff1');";
    }
    ASSERT_EQ(sqlite3_exec(raw, old_data.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
    {
      auto db = Database::Open(path, {});
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      EXPECT_EQ((*db)->schema_version(), static_cast<int>(migrations.size()));
      EXPECT_EQ((*db)->GetMeta("written-at-version").value(), std::to_string(version));
      if (version == 10) {
        auto old = (*db)->FindDisposal(1);
        ASSERT_TRUE(old.ok() && old->has_value());
        EXPECT_EQ((*old)->item, "届出票の写し");
        EXPECT_EQ((*old)->witnesses, "lead1,staff1");
        EXPECT_EQ((*old)->time, "");
        EXPECT_EQ((*old)->approved_by, "");
        EXPECT_EQ((*old)->contract_id, 0);
        EXPECT_EQ((*old)->certificate, "");
      }
    }
    EXPECT_EQ(SchemaOf(path), fresh);
  }
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

// Migration 8: notifications are stored in blocks (one row per run of rising key numbers), and
// each part stays addressable by its key number.
TEST_F(DatabaseTest, NotificationBlocksKeepEachPartAddressable) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  FileRecord f;
  f.digest = "d";
  f.display_name = "a.csv";
  f.hospital_code = "1310000001";
  f.status = "accepted";
  auto id = (*db)->InsertFile(f);
  ASSERT_TRUE(id.ok());
  constexpr int64_t kFar = int64_t{1} << 33;  // more than a block may span
  std::vector<std::string> ids, cls;
  std::vector<int64_t> keys = {1000, 1001, 5000, 4000, 4000 + kFar, 4001 + kFar};
  for (size_t i = 0; i < keys.size(); ++i) {
    ids.push_back("identity-" + std::to_string(i));
    cls.push_back("clinical-" + std::to_string(i));
  }
  std::vector<NotificationInsert> rows;
  for (size_t i = 0; i < keys.size(); ++i) {
    rows.push_back({keys[i], static_cast<int64_t>(i + 2), ids[i], cls[i]});
  }
  ASSERT_TRUE((*db)->InsertNotifications(*id, rows).ok());
  EXPECT_EQ((*db)->CountNotifications().value(), 6);
  for (size_t i = 0; i < keys.size(); ++i) {
    auto c = (*db)->FindClinical(keys[i]);
    ASSERT_TRUE(c.ok()) << keys[i] << ": " << c.status().ToString();
    EXPECT_EQ(c->ciphertext, cls[i]);
    EXPECT_EQ(c->line, static_cast<int64_t>(i + 2));
    EXPECT_EQ(c->file_id, *id);
    EXPECT_EQ(c->hospital_code, "1310000001");
    auto p = (*db)->FindIdentity(keys[i]);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->ciphertext, ids[i]);
    EXPECT_EQ(p->key_no, keys[i]);
  }
  for (int64_t absent : std::vector<int64_t>{999, 1002, 4999, 4002 + kFar}) {
    EXPECT_EQ((*db)->FindClinical(absent).status().code(), StatusCode::kNotFound) << absent;
    EXPECT_EQ((*db)->FindIdentity(absent).status().code(), StatusCode::kNotFound) << absent;
  }
  // Newest first, across block boundaries, with offsets inside a block.
  auto all = (*db)->ListClinical(100, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ((*all)[i].key_no, keys[5 - i]);
  auto page = (*db)->ListClinical(2, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].key_no, 5000);
  EXPECT_EQ((*page)[1].key_no, 1001);
  // In the order taken in, both parts together.
  std::vector<int64_t> scanned;
  ASSERT_TRUE((*db)->ScanNotificationParts([&](const NotificationParts& n) {
    size_t i = scanned.size();
    EXPECT_EQ(n.identity_ciphertext, ids[i]);
    EXPECT_EQ(n.clinical_ciphertext, cls[i]);
    scanned.push_back(n.key_no);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(scanned, keys);
  // A key number inside another block's range is found taken; nothing of the batch is stored.
  std::vector<NotificationInsert> clash = {{4500, 9, "i", "c"}, {5000, 10, "i", "c"}};
  EXPECT_EQ((*db)->InsertNotifications(*id, clash).code(), StatusCode::kAlreadyExists);
  std::vector<NotificationInsert> fresh = {{4500, 9, "i", "c"}, {4999, 10, "i", "c"}};
  ASSERT_TRUE((*db)->InsertNotifications(*id, fresh).ok());
  EXPECT_EQ((*db)->CountNotifications().value(), 8);
}

// Rows taken in before migration 8 stay in the old tables and are still found, listed, scanned
// and counted; their key numbers stay taken.
TEST_F(DatabaseTest, RowsFromBeforeBlocksAreStillRead) {
  {
    auto db = Database::Open(dir_ / "r.db", {.create = true});
    ASSERT_TRUE(db.ok());
    FileRecord f;
    f.digest = "d";
    f.display_name = "a.csv";
    f.status = "accepted";
    ASSERT_TRUE((*db)->InsertFile(f).ok());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "r.db").c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "INSERT INTO clinicals(row, key_no, file_id, line, ciphertext) "
                         "VALUES(1, 777, 1, 2, X'6f6c64');"
                         "INSERT INTO identities(row, key_no, file_id, ciphertext) "
                         "VALUES(1, 777, 1, X'4f4c44');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto db = Database::Open(dir_ / "r.db", {});
  ASSERT_TRUE(db.ok());
  std::vector<NotificationInsert> rows = {{700, 3, "I", "C"}, {800, 4, "I2", "C2"}};
  std::vector<NotificationInsert> clash = {{776, 3, "i", "c"}, {777, 4, "i", "c"}};
  EXPECT_EQ((*db)->InsertNotifications(1, clash).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE((*db)->InsertNotifications(1, rows).ok());
  EXPECT_EQ((*db)->CountNotifications().value(), 3);
  EXPECT_EQ((*db)->FindClinical(777)->ciphertext, "old");
  EXPECT_EQ((*db)->FindIdentity(777)->ciphertext, "OLD");
  auto list = (*db)->ListClinical(10, 1);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].key_no, 700);
  EXPECT_EQ((*list)[1].key_no, 777);
  std::vector<int64_t> scanned;
  ASSERT_TRUE((*db)->ScanNotificationParts([&](const NotificationParts& n) {
    scanned.push_back(n.key_no);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(scanned, (std::vector<int64_t>{777, 700, 800}));
}

TEST_F(DatabaseTest, LinksAndTheirHistory) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  Database& d = **db;
  EXPECT_EQ(d.MaxPersonId().value(), 0);
  ASSERT_TRUE(d.PutLink({101, 1, 10, "staff1", "auto"}).ok());
  ASSERT_TRUE(d.PutLink({102, 1, 10, "staff1", "auto"}).ok());
  ASSERT_TRUE(d.PutLink({103, 2, 10, "staff1", "single"}).ok());
  EXPECT_EQ(d.KeysOfPerson(1).value(), (std::vector<int64_t>{101, 102}));
  // Replacing a link moves the notification.
  ASSERT_TRUE(d.PutLink({102, 2, 11, "staff1", "review"}).ok());
  EXPECT_EQ(d.FindLink(102).value()->person_id, 2);
  EXPECT_EQ(d.FindLink(102).value()->method, "review");
  EXPECT_FALSE(d.FindLink(999).value().has_value());
  EXPECT_EQ(d.ListLinks()->size(), 3u);
  EXPECT_EQ(d.PutLink({104, 3, 10, "staff1", "guess"}).code(), StatusCode::kUnavailable);
  // A retired id stays used: it is remembered in the history.
  ASSERT_TRUE(d.InsertLinkHistory({0, 102, 7, 2, 11, "staff1", "same", 5}).ok());
  EXPECT_EQ(d.MaxPersonId().value(), 7);
  auto history = d.LinkHistoryOfPair(5, "same");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].old_person, 7);
  EXPECT_TRUE(d.LinkHistoryOfPair(5, "undo")->empty());
}

TEST_F(DatabaseTest, ReviewPairsAreUniqueAndKeepTheirDecisions) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  Database& d = **db;
  ReviewPairRecord p;
  p.key_a = 11;
  p.key_b = 22;
  p.weight = 1.5;
  p.explanation = "family exact 5.47";
  p.created_at = 100;
  auto id = d.InsertReviewPair(p);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(d.InsertReviewPair(p).status().code(), StatusCode::kAlreadyExists);
  p.key_a = 30;
  p.key_b = 20;  // key_a must be the smaller
  EXPECT_FALSE(d.InsertReviewPair(p).ok());

  auto open = d.ReviewPairsWithStatus("open");
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].id, *id);
  EXPECT_EQ((*open)[0].status, "open");
  EXPECT_DOUBLE_EQ((*open)[0].weight, 1.5);

  ReviewPairRecord decided = (*open)[0];
  decided.status = "different";
  decided.decided_by = "staff1";
  decided.decided_at = 200;
  decided.note = "別人（生年月日が異なる）";
  ASSERT_TRUE(d.UpdateReviewPair(decided).ok());
  ASSERT_TRUE(d.InsertReviewHistory({0, *id, "different", "staff1", 200, decided.note}).ok());
  EXPECT_TRUE(d.ReviewPairsWithStatus("open")->empty());
  EXPECT_EQ(d.ReviewPairsWithStatus("different")->size(), 1u);
  EXPECT_EQ(d.FindReviewPairByKeys(11, 22).value()->note, decided.note);
  EXPECT_EQ(d.FindReviewPair(*id)->decided_by, "staff1");
  EXPECT_EQ(d.FindReviewPair(999).status().code(), StatusCode::kNotFound);
  ASSERT_EQ(d.ReviewHistoryOf(*id)->size(), 1u);
  decided.status = "maybe";
  EXPECT_FALSE(d.UpdateReviewPair(decided).ok());
}

// Migration 4 (issue #4): the ledgers are append-only in the store itself, and a medium's
// disposed date comes from the disposal entry naming it that no later entry corrects (S-STO-2).
TEST_F(DatabaseTest, LedgersAreAppendOnlyAndAMediumsDisposedDateFollowsCorrections) {
  auto db = Database::Open(dir_ / "r.db", {.create = true});
  ASSERT_TRUE(db.ok());
  Database& d = **db;
  ASSERT_TRUE(d.InsertMedium({"USB-1", "usb", "2026-11-01", 1, "staff1", ""}).ok());
  EXPECT_EQ(d.InsertMedium({"USB-1", "usb", "2026-11-02", 1, "staff1", ""}).code(),
            StatusCode::kAlreadyExists);
  DisposalRecord r;
  r.at = 2;
  r.date = "2026-11-10";
  r.recorded_by = "staff1";
  r.item = "USB-1";
  r.medium_id = "USB-1";
  r.method = "physical-destroy";
  r.place = "room";
  r.witnesses = "staff1";
  auto first = d.InsertDisposal(r);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(d.FindMedium("USB-1").value()->disposed, "2026-11-10");
  r.date = "2026-11-12";
  r.corrects = *first;
  ASSERT_TRUE(d.InsertDisposal(r).ok());
  EXPECT_EQ(d.FindMedium("USB-1").value()->disposed, "2026-11-12");
  EXPECT_EQ(d.ListDisposals().value().size(), 2u);
  // Neither UPDATE nor DELETE passes the triggers.
  ASSERT_TRUE(d.InsertInquiryContact({0, "模擬病院", "03-0000-1111", "ア", 1, "head1"}).ok());
  EXPECT_EQ(d.InquiryContactsOf("模擬病院").value().size(), 1u);
  InquiryEntryRecord e;
  e.id = d.NextInquiryEntryId().value();
  EXPECT_EQ(e.id, 1);
  e.at = 3;
  e.handled_by = "staff1";
  e.kind = "inquiry";
  e.group = "ア";
  e.channel = "phone";
  e.direction = "inbound";
  e.sealed_key = "k";
  e.ciphertext = "c";
  ASSERT_TRUE(d.InsertInquiryEntry(e).ok());
  EXPECT_EQ(d.NextInquiryEntryId().value(), 2);
  EXPECT_EQ(d.FindInquiryEntry(1).value().channel, "phone");
  EXPECT_EQ(d.FindInquiryEntry(9).status().code(), StatusCode::kNotFound);
  sqlite3* raw = nullptr;
  db->reset();
  ASSERT_EQ(sqlite3_open((dir_ / "r.db").string().c_str(), &raw), SQLITE_OK);
  for (const char* sql :
       {"UPDATE inquiry_book SET personal = 1", "DELETE FROM inquiry_book",
        "UPDATE inquiry_contacts SET phone = '0'", "DELETE FROM inquiry_contacts",
        "UPDATE media SET kind = 'cd-r'", "DELETE FROM disposals"}) {
    EXPECT_NE(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(raw);
}

}  // namespace
}  // namespace ganreg::store
