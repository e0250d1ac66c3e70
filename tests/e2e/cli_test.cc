// End to end: the ganreg binary on real files — exit codes, messages, damage and crashes.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"
#include "model/notification.h"

namespace ganreg::e2e {
namespace {

std::string Header() { return RegistryFixture::CsvHeader(); }

std::string ValidRow(int n) {
  return "A" + std::to_string(1000 + n) +
         ",シケン　タロウ,試験　太郎,1,19500102,13,千代田区千代田1-1,7,C18.7,814032,1,2,1,"
         "20250310,8,410,410,1,2,2,1,2,2,2,2,,\r\n";
}

class CliTest : public RegistryFixture {
 protected:
  RunResult Intake(const std::filesystem::path& f, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"intake", f.string(), "--from", "1310000001", "--medium",
                                     "online"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Staff(args);
  }
  int Count(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2((s_ / "reg" / "registry.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((s_ / "reg" / "registry.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  static constexpr const char* kNotifications =
      "SELECT coalesce(sum(notifications), 0) FROM clinical_blocks";
  // Every stored file is either fully recorded with its rows or absent (one transaction).
  void ExpectConsistent() {
    EXPECT_EQ(Count("SELECT count(*) FROM files WHERE rows_read != rows_accepted + rows_held"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM files f WHERE rows_accepted != (SELECT coalesce("
                    "sum(notifications), 0) FROM clinical_blocks c WHERE c.file_id = f.id)"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM files f WHERE rows_held != (SELECT count(*) FROM "
                    "held_rows h WHERE h.file_id = f.id)"), 0);
    // Every clinical block has its identity block, of the same file and size.
    EXPECT_EQ(Count("SELECT count(*) FROM clinical_blocks c LEFT JOIN identity_blocks i "
                    "ON i.id = c.id WHERE i.id IS NULL OR i.file_id != c.file_id "
                    "OR length(i.entries) != 12 * c.notifications"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM identity_blocks"), Count("SELECT count(*) FROM clinical_blocks"));
    EXPECT_EQ(Count("SELECT count(*) FROM files"), Count("SELECT count(*) FROM handover_book"));
  }

};

TEST_F(CliTest, SyntheticFilesInUtf8AndCp932AreTakenInAndTheTrailVerifies) {
  auto utf = s_ / "a.csv", sjis = s_ / "b.csv";
  Expect(0, {"synth", "notifications", "--rows", "300", "--seed", "5", "--out", utf.string(), "--bom"});
  Expect(0, {"synth", "notifications", "--rows", "200", "--seed", "6", "--out", sjis.string(),
             "--encoding", "cp932"});
  RunResult a = Intake(utf);
  EXPECT_EQ(a.exit_code, 0) << a.all();
  EXPECT_NE(a.out.find("read 300 = 受理 accepted 300 + 保留 held back 0"), std::string::npos) << a.out;
  RunResult b = Intake(sjis);
  EXPECT_EQ(b.exit_code, 0) << b.all();
  EXPECT_NE(b.out.find("encoding cp932"), std::string::npos) << b.out;
  RunResult list = Staff({"notification", "list", "--limit", "1000"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_GT(std::count(list.out.begin(), list.out.end(), '\n'), 500);
  RunResult book = Staff({"ledger", "show", "handover"});
  EXPECT_NE(book.out.find("1310000001"), std::string::npos);
  EXPECT_NE(book.out.find("staff1"), std::string::npos);
  RunResult v = Head({"audit", "verify"});
  EXPECT_EQ(v.exit_code, 0) << v.all();
  ExpectConsistent();
}

TEST_F(CliTest, FaultyRowsAreHeldBackWithFileLineItemAndReason) {
  auto f = s_ / "faulty.csv";
  Expect(0, {"synth", "notifications", "--rows", "100", "--seed", "7", "--out", f.string(),
             "--faulty-rows", "12"});
  RunResult r = Intake(f);
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_NE(r.out.find("read 100 = 受理 accepted 88 + 保留 held back 12"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("faulty.csv:"), std::string::npos);
  RunResult show = Staff({"file", "show", "1"});
  EXPECT_EQ(show.exit_code, 0) << show.all();
  EXPECT_NE(show.out.find("held back 12"), std::string::npos);
}

TEST_F(CliTest, IdentityWithoutTheGrantIsDeniedWithExitThreeAndAudited) {
  Intake(s_.Write("one.csv", Header() + ValidRow(1)));
  RunResult list = Staff({"notification", "list"});
  std::string key = list.out.substr(list.out.find('\n') + 1, 16);
  RunResult clinical = Staff({"notification", "show", key});
  EXPECT_EQ(clinical.exit_code, 0) << clinical.all();
  EXPECT_NE(clinical.out.find("C18.7"), std::string::npos);
  EXPECT_EQ(clinical.out.find("試験"), std::string::npos);
  RunResult denied = Staff({"notification", "show", key, "--identity"});
  EXPECT_EQ(denied.exit_code, 3) << denied.all();
  EXPECT_NE(denied.err.find("permission denied"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE instr(body, 'notification.show-identity') "
                  "> 0 AND instr(body, 'key:" + key + "') > 0"), 1);
  RunResult head = Head({"notification", "show", key, "--identity"});
  EXPECT_EQ(head.exit_code, 0) << head.all();
  EXPECT_NE(head.out.find("試験　太郎"), std::string::npos);
}

TEST_F(CliTest, WrongPasswordIsExitFour) {
  s_.Write("bad.pw", "Not#the-pw9");
  RunResult r = Ganreg(As("staff1", "bad.pw", {"ledger", "show", "handover"}));
  EXPECT_EQ(r.exit_code, 4) << r.all();
}

TEST_F(CliTest, UsageErrorsAreExitTwo) {
  EXPECT_EQ(Ganreg({"intake"}).exit_code, 2);
  EXPECT_EQ(Intake(s_ / "x.csv", {"--medium", "carrier-pigeon"}).exit_code, 2);
}

TEST_F(CliTest, FlippedAuditEventIsFoundAndNamedWithExitEight) {
  Intake(s_.Write("one.csv", Header() + ValidRow(1)));
  // The intake (staff1's) is the newest intake event; its number depends on the fixture's
  // events. The head's login for the verify comes after it.
  RunResult before = Head({"audit", "verify"});
  ASSERT_EQ(before.exit_code, 0) << before.all();
  const int intake_seq = Count(
      "SELECT max(seq) FROM audit_events WHERE instr(CAST(body AS TEXT), 'intake.file') > 0");
  ASSERT_EQ(intake_seq + 1, Number(before.out, "— ")) << "the head's login is the only later event";
  const std::string last = std::to_string(intake_seq);
  Sql("UPDATE audit_events SET body = CAST(replace(CAST(body AS TEXT), 'staff1', 'staffX') AS BLOB) "
      "WHERE seq = " + last);
  RunResult v = Head({"audit", "verify"});
  EXPECT_EQ(v.exit_code, 8) << v.all();
  EXPECT_NE(v.out.find("#" + last), std::string::npos) << v.out;
}

TEST_F(CliTest, DeletedAndSwappedEventsAreFound) {
  Intake(s_.Write("one.csv", Header() + ValidRow(1)));
  Sql("DELETE FROM audit_events WHERE seq = 4");
  RunResult v = Head({"audit", "verify"});
  EXPECT_EQ(v.exit_code, 8);
  EXPECT_NE(v.out.find("#4"), std::string::npos) << v.out;
  Sql("UPDATE audit_events SET seq = 4 WHERE seq = 5; UPDATE audit_events SET seq = 5 WHERE seq = 6;"
      "UPDATE audit_events SET seq = 6 WHERE seq = 7");  // close the gap: now a swap-like shift
  RunResult v2 = Head({"audit", "verify"});
  EXPECT_EQ(v2.exit_code, 8) << v2.all();
  EXPECT_NE(v2.out.find("#4"), std::string::npos) << v2.out;
}

TEST_F(CliTest, StoreRolledBackBeforeAnExportedCheckpointIsFound) {
  Intake(s_.Write("one.csv", Header() + ValidRow(1)));
  Sql("PRAGMA wal_checkpoint(TRUNCATE)");
  std::filesystem::copy_file(s_ / "reg" / "registry.db", s_ / "old.db");
  Intake(s_.Write("two.csv", Header() + ValidRow(2)));
  EXPECT_EQ(Head({"audit", "export-checkpoint", (s_ / "cp.txt").string()}).exit_code, 0);
  // Put the old store back, as someone hiding the second intake would.
  std::filesystem::remove(s_ / "reg" / "registry.db-wal");
  std::filesystem::remove(s_ / "reg" / "registry.db-shm");
  std::filesystem::copy_file(s_ / "old.db", s_ / "reg" / "registry.db",
                             std::filesystem::copy_options::overwrite_existing);
  RunResult v = Head({"audit", "verify", "--checkpoint", (s_ / "cp.txt").string()});
  EXPECT_EQ(v.exit_code, 8) << v.all();
  EXPECT_NE(v.out.find("rolled back"), std::string::npos) << v.out;
}

// ---- bad input: each gets a clear error and loses nothing ----

TEST_F(CliTest, EmptyFileIsRejectedKeptAndRecorded) {
  RunResult r = Intake(s_.Write("empty.csv", ""));
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_NE(r.out.find("empty"), std::string::npos) << r.out;
  EXPECT_EQ(Count("SELECT count(*) FROM files WHERE status = 'rejected'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM handover_book"), 1);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(s_ / "reg" / "originals"), {}), 1);
}

TEST_F(CliTest, HeaderOfAnotherLayoutIsRejected) {
  RunResult r = Intake(s_.Write("other.csv", "id,name,birth\r\n1,x,19500101\r\n"));
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_NE(r.out.find("other.csv:1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("layout"), std::string::npos) << r.out;
}

TEST_F(CliTest, TruncatedFileHoldsBackTheCutRow) {
  std::string content = Header() + ValidRow(1) + ValidRow(2);
  content.resize(content.size() - 30);
  RunResult r = Intake(s_.Write("cut.csv", content));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_NE(r.out.find("受理 accepted 1 + 保留 held back 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cut.csv:3"), std::string::npos) << r.out;
  ExpectConsistent();
}

TEST_F(CliTest, WrongDeclaredEncodingIsRejectedWithTheLine) {
  auto sjis = s_ / "sjis.csv";
  Expect(0, {"synth", "notifications", "--rows", "3", "--seed", "8", "--out", sjis.string(),
             "--encoding", "cp932"});
  RunResult r = Intake(sjis, {"--encoding", "utf-8"});
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_NE(r.out.find("sjis.csv:1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("UTF-8"), std::string::npos) << r.out;
}

TEST_F(CliTest, InvalidByteSequencesAreRejectedWithPosition) {
  std::string content = Header() + ValidRow(1);
  content += "\xff\xfe\xfd broken\r\n";
  RunResult r = Intake(s_.Write("bytes.csv", content));
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_NE(r.out.find("bytes.csv:3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("byte offset"), std::string::npos) << r.out;
}

TEST_F(CliTest, NulByteHoldsBackTheRowWithTheItem) {
  std::string row = ValidRow(2);
  row.replace(row.find("C18.7"), 5, std::string("C18\0.7", 6));
  RunResult r = Intake(s_.Write("nul.csv", Header() + ValidRow(1) + row));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_NE(r.out.find("nul.csv:3: primary_site"), std::string::npos) << r.out;
}

TEST_F(CliTest, TenMegabyteFieldHoldsBackTheRow) {
  std::string row = ValidRow(2);
  row.replace(row.find("千代田区"), 0, std::string(10 * 1024 * 1024, 'x'));
  RunResult r = Intake(s_.Write("big.csv", Header() + ValidRow(1) + row + ValidRow(3)));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_NE(r.out.find("受理 accepted 2 + 保留 held back 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("big.csv:3: address"), std::string::npos) << r.out;
}

TEST_F(CliTest, SameFileTwiceAddsNothing) {
  auto f = s_.Write("one.csv", Header() + ValidRow(1));
  EXPECT_EQ(Intake(f).exit_code, 0);
  RunResult again = Intake(f);
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_NE(again.out.find("nothing added"), std::string::npos);
  EXPECT_EQ(Count(kNotifications), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM files"), 1);
}

TEST_F(CliTest, KilledIntakeLeavesTheStoreConsistentAndARetryCompletes) {
  auto f = s_ / "large.csv";
  Expect(0, {"synth", "notifications", "--rows", "150000", "--seed", "9", "--out", f.string()});
  std::map<std::string, std::string> env = {{"GANREG_REGISTRY", reg_}, {"GANREG_USER", "staff1"},
                                            {"GANREG_PASSWORD_FILE", (s_ / "staff.pw").string()}};
  int pid = StartGanreg({"intake", f.string(), "--from", "1310000001", "--medium", "online"}, env,
                        s_ / "killed.out");
  // Wait until rows are being written (the WAL grows), then kill it mid-transaction.
  auto wal = s_ / "reg" / "registry.db-wal";
  bool killed = false;
  for (int i = 0; i < 6000 && !killed; ++i) {
    std::error_code ec;
    if (std::filesystem::file_size(wal, ec) > 4 * 1024 * 1024) {
      kill(pid, SIGKILL);
      killed = true;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "intake finished before it could be killed";
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(Count("SELECT count(*) FROM files"), 0);
  EXPECT_EQ(Count(kNotifications), 0);
  ExpectConsistent();
  RunResult retry = Intake(f);
  EXPECT_EQ(retry.exit_code, 0) << retry.all();
  EXPECT_EQ(Count(kNotifications), 150000);
  ExpectConsistent();
  EXPECT_EQ(Head({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliTest, MillionRowFileIsTakenIn) {
  auto f = s_ / "million.csv";
  Expect(0, {"synth", "notifications", "--rows", "1000000", "--seed", "10", "--out", f.string(),
             "--faulty-rows", "10"});
  RunResult r = Intake(f);
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_NE(r.out.find("read 1000000 = 受理 accepted 999990 + 保留 held back 10"), std::string::npos) << r.out;
  ExpectConsistent();
}

TEST_F(CliTest, NoIdentityInClearInTheStoreAfterIntake) {
  auto f = s_ / "names.csv";
  Expect(0, {"synth", "notifications", "--rows", "50", "--seed", "11", "--out", f.string(), "--lf"});
  EXPECT_EQ(Intake(f).exit_code, 0);
  // Take identity values from the synthetic file and look for each in the store and its WAL.
  std::string csv = ReadAll(f);
  std::vector<std::string> values;
  size_t line_start = csv.find('\n') + 1;
  for (int n = 0; n < 50 && line_start < csv.size(); ++n) {
    size_t end = csv.find('\n', line_start);
    std::string line = csv.substr(line_start, end - line_start);
    std::vector<std::string> cols;
    size_t p = 0;
    for (size_t c; (c = line.find(',', p)) != std::string::npos; p = c + 1) cols.push_back(line.substr(p, c - p));
    cols.push_back(line.substr(p));
    values.push_back(cols[1]);  // kana name
    values.push_back(cols[2]);  // name
    values.push_back(cols[4]);  // birth date
    values.push_back(cols[6]);  // address
    line_start = end + 1;
  }
  ASSERT_EQ(values.size(), 200u);
  std::string store = ReadAll(s_ / "reg" / "registry.db") + ReadAll(s_ / "reg" / "registry.db-wal");
  for (const auto& v : values) {
    EXPECT_EQ(store.find(v), std::string::npos) << "found in clear: " << v;
    size_t space = v.find("　");
    // A single kanji could match random ciphertext by chance; two or more cannot (2^-48).
    if (space != std::string::npos && space >= 6) {
      EXPECT_EQ(store.find(v.substr(0, space)), std::string::npos) << "family name in clear";
    }
  }
}

// The README's main job, end to end (with the cheap key-derivation profile to keep it quick).
TEST(DemoTest, DemoRunsAndEndsWithAnIntactTrail) {
  Scratch s;
  RunResult r = Ganreg({"demo", "--dir", (s / "demo").string(), "--kdf-profile", "minimum",
                        "--rows", "60"});
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_NE(r.out.find("read 60 = accepted 60 + held back 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cp932"), std::string::npos);
  EXPECT_NE(r.out.find("REJECTED"), std::string::npos);
  EXPECT_NE(r.out.find("nothing added"), std::string::npos);
  EXPECT_NE(r.out.find("PERMISSION_DENIED"), std::string::npos);
  EXPECT_NE(r.out.find("audit verify: OK"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("staff1 took it in"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("accepted (30 rows accepted)"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(s / "demo" / "registry" / "RECOVERY-KEY.txt"));
}

}  // namespace
}  // namespace ganreg::e2e
