// The audit chain detects every change, deletion, swap and rollback, and names the first bad event.
#include "audit/audit_log.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <random>

#include "crypto/crypto.h"

namespace ganreg::audit {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_audit_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    Reopen(true);
    keys_ = crypto::SignKeyPair::Generate();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen(bool create = false) {
    db_.reset();
    auto db = store::Database::Open(dir_ / "r.db", {.create = create});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void AppendEvents(int n) {
    ASSERT_TRUE(db_->Begin().ok());
    for (int i = 0; i < n; ++i) {
      Event e{0, 1000 + i, "yamada", "task-staff", "notification.show", "key:" + std::to_string(i),
              Outcome::kDone, ""};
      ASSERT_TRUE(Append(*db_, e).ok());
    }
    ASSERT_TRUE(db_->Commit().ok());
  }
  Checkpoint MakeCp() {
    EXPECT_TRUE(db_->Begin().ok());
    auto cp = MakeCheckpoint(*db_, keys_.secret_key, keys_.public_key, "reg1", 5000);
    EXPECT_TRUE(cp.ok());
    EXPECT_TRUE(db_->Commit().ok());
    return *cp;
  }
  // Reads and writes one event's stored body behind ganreg's back.
  std::string Body(int64_t seq) {
    std::string out;
    EXPECT_TRUE(db_->ScanAudit([&](int64_t s, std::string_view body, std::string_view) {
      if (s == seq) out.assign(body);
      return Status::Ok();
    }).ok());
    return out;
  }
  void SetBody(int64_t seq, const std::string& body) {
    db_.reset();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "r.db").c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "UPDATE audit_events SET body = ? WHERE seq = ?", -1, &st,
                                 nullptr), SQLITE_OK);
    sqlite3_bind_blob(st, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    Reopen();
  }
  // Changes the store behind ganreg's back, as an attacker with the file would.
  void RawSql(const std::string& sql) {
    db_.reset();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "r.db").c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_close(raw);
    Reopen();
  }
  VerifyReport Check(const std::vector<Checkpoint>& exported = {}) {
    auto r = Verify(*db_, keys_.public_key, "reg1", exported);
    EXPECT_TRUE(r.ok());
    return *r;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  crypto::SignKeyPair keys_;
};

TEST_F(AuditLogTest, IntactChainVerifies) {
  AppendEvents(20);
  MakeCp();
  VerifyReport r = Check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.events, 20);
  EXPECT_EQ(r.checkpoints, 1);
}

TEST_F(AuditLogTest, EventRoundTrips) {
  Event e{7, 99, "a", "head", "x.y", "key:1", Outcome::kDenied, "why"};
  auto back = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->seq, 7);
  EXPECT_EQ(back->outcome, Outcome::kDenied);
  EXPECT_EQ(back->detail, "why");
}

TEST_F(AuditLogTest, FlippingAnyByteOfAnyEventIsFoundAtThatEvent) {
  AppendEvents(4);
  for (int seq = 1; seq <= 4; ++seq) {
    std::string body = Body(seq);
    for (size_t i = 0; i < body.size(); ++i) {
      std::string bad = body;
      bad[i] = static_cast<char>(bad[i] ^ 0x20);
      SetBody(seq, bad);
      VerifyReport r = Check();
      EXPECT_FALSE(r.intact) << "event " << seq << " byte " << i;
      EXPECT_EQ(r.first_bad_seq, seq) << "event " << seq << " byte " << i;
      EXPECT_NE(r.problem.find("#" + std::to_string(seq)), std::string::npos) << r.problem;
    }
    SetBody(seq, body);
    ASSERT_TRUE(Check().intact);
  }
}

TEST_F(AuditLogTest, FlippingAStoredHashIsFound) {
  AppendEvents(5);
  RawSql("UPDATE audit_events SET hash = zeroblob(32) WHERE seq = 3");
  VerifyReport r = Check();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 3);
}

TEST_F(AuditLogTest, DeletingAnEventIsFound) {
  AppendEvents(5);
  RawSql("DELETE FROM audit_events WHERE seq = 2");
  VerifyReport r = Check();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 2);
  EXPECT_NE(r.problem.find("missing"), std::string::npos);
}

TEST_F(AuditLogTest, SwappingTwoEventsIsFound) {
  AppendEvents(5);
  RawSql("UPDATE audit_events SET seq = -1 WHERE seq = 2;"
         "UPDATE audit_events SET seq = 2 WHERE seq = 4;"
         "UPDATE audit_events SET seq = 4 WHERE seq = -1;");
  VerifyReport r = Check();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 2);
}

TEST_F(AuditLogTest, RollbackBeforeAnExportedCheckpointIsFound) {
  AppendEvents(5);
  Checkpoint cp = MakeCp();
  std::string exported = FormatCheckpoint(cp);
  AppendEvents(3);
  // The attacker removes the newest events and every stored checkpoint.
  RawSql("DELETE FROM audit_events WHERE seq > 3; DELETE FROM audit_checkpoints;");
  EXPECT_TRUE(Check().intact);  // without the exported file a clean truncation is invisible
  auto parsed = ParseCheckpoint(exported);
  ASSERT_TRUE(parsed.ok());
  VerifyReport r = Check({*parsed});
  EXPECT_FALSE(r.intact);
  EXPECT_NE(r.problem.find("rolled back"), std::string::npos) << r.problem;
}

TEST_F(AuditLogTest, RewrittenHistoryBeforeACheckpointIsFound) {
  AppendEvents(5);
  Checkpoint cp = MakeCp();
  // Rebuild a whole new, internally consistent chain of the same length.
  RawSql("DELETE FROM audit_events; DELETE FROM audit_checkpoints;");
  ASSERT_TRUE(db_->Begin().ok());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Append(*db_, {0, 1, "intruder", "head", "x", "y", Outcome::kDone, ""}).ok());
  }
  ASSERT_TRUE(db_->Commit().ok());
  EXPECT_TRUE(Check().intact);
  VerifyReport r = Check({cp});
  EXPECT_FALSE(r.intact);
  EXPECT_NE(r.problem.find("rewritten"), std::string::npos) << r.problem;
}

TEST_F(AuditLogTest, ForgedCheckpointSignatureIsFound) {
  AppendEvents(2);
  Checkpoint cp = MakeCp();
  cp.seq = 1;  // the signature no longer covers what the file says
  VerifyReport r = Check({cp});
  EXPECT_FALSE(r.intact);
  EXPECT_NE(r.problem.find("signature"), std::string::npos);
}

TEST_F(AuditLogTest, CheckpointFileRoundTrips) {
  AppendEvents(1);
  Checkpoint cp = MakeCp();
  auto back = ParseCheckpoint(FormatCheckpoint(cp));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->seq, cp.seq);
  EXPECT_EQ(back->signature, cp.signature);
  EXPECT_FALSE(ParseCheckpoint("hello").ok());
}

}  // namespace
}  // namespace ganreg::audit
