// SQLite implementation of the store. Statements are prepared once and cached.
#include "store/database.h"

#include <sqlite3.h>

#include <limits>
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "store/migrations.h"

namespace ganreg::store {

// A cached prepared statement; Reset() on every use, bound parameters are 1-based.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    index_ = 0;
    return *this;
  }
  Statement& Bind(int64_t v) {
    sqlite3_bind_int64(stmt_, ++index_, v);
    return *this;
  }
  // Text and blobs are bound SQLITE_STATIC (no copy; intake binds megabytes): the bytes must
  // outlive Run()/Step(). A temporary std::string would not, so binding one does not compile.
  Statement& BindText(std::string&&) = delete;
  Statement& BindBlob(std::string&&) = delete;
  Statement& BindText(const char* v) { return BindText(std::string_view(v)); }
  Statement& BindText(std::string_view v) {
    sqlite3_bind_text(stmt_, ++index_, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& BindDouble(double v) {
    sqlite3_bind_double(stmt_, ++index_, v);
    return *this;
  }
  Statement& BindBlob(std::string_view v) {
    sqlite3_bind_blob(stmt_, ++index_, v.empty() ? "" : v.data(), static_cast<int>(v.size()),
                      SQLITE_STATIC);
    return *this;
  }
  // SQLITE_ROW → true, SQLITE_DONE → false; errors as Status.
  // Steps to the end, collecting read(*this) for each row.
  template <class T, class Read>
  Result<std::vector<T>> All(Read read) {
    std::vector<T> out;
    for (;;) {
      GANREG_ASSIGN_OR_RETURN(bool row, Step());
      if (!row) break;
      out.push_back(read(*this));
    }
    return out;
  }
  Result<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = sqlite3_errmsg(db_);
    int ext = sqlite3_extended_errcode(db_);
    sqlite3_reset(stmt_);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Status::AlreadyExists(msg);
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      return Status::Aborted("the registry is busy (another process holds the write lock): " + msg);
    }
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) return Status::DataLoss("store: " + msg);
    return Status::Unavailable("store: " + msg);
  }
  Status Run() {
    auto r = Step();
    if (!r.ok()) return r.status();
    return Status::Ok();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::string_view BlobView(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string_view(static_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }
  std::string Blob(int col) const { return std::string(BlobView(col)); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int index_ = 0;
};

struct Database::Impl {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
  std::string block_entries, block_ciphertexts;  // reused by InsertBlock (bound without a copy)
  int schema_version = 0;
  ~Impl() {
    statements.clear();
    if (db) sqlite3_close(db);
  }
};

namespace {
Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string m = fmt::format("store: {}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) return Status::DataLoss(std::move(m));
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return Status::Aborted(std::move(m));
  return Status::Unavailable(std::move(m));
}

constexpr std::string_view kApplicationTag = "ganreg-registry";
}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& path,
                                                 const Options& options) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (options.create && exists) {
    return Status::AlreadyExists(fmt::format("{}: a registry store exists already", path.string()));
  }
  if (!options.create && !exists) {
    return Status::NotFound(fmt::format("{}: no registry store here (run `ganreg init`)", path.string()));
  }
  std::unique_ptr<Database> d(new Database());
  d->impl_ = std::make_unique<Impl>();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &d->impl_->db, flags, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(d->impl_->db, rc, "open " + path.string());
  sqlite3_extended_result_codes(d->impl_->db, 1);
  sqlite3_busy_timeout(d->impl_->db, 10000);
  // WAL for concurrent readers; FULL sync so a committed use case survives power loss.
  if (options.create) GANREG_RETURN_IF_ERROR(d->Exec("PRAGMA page_size=16384"));
  GANREG_RETURN_IF_ERROR(d->Exec("PRAGMA journal_mode=WAL"));
  GANREG_RETURN_IF_ERROR(d->Exec("PRAGMA synchronous=FULL"));
  GANREG_RETURN_IF_ERROR(d->Exec("PRAGMA foreign_keys=ON"));
  GANREG_RETURN_IF_ERROR(d->Exec("PRAGMA secure_delete=ON"));
  GANREG_RETURN_IF_ERROR(d->Exec(fmt::format("PRAGMA cache_size=-{}", options.cache_mebibytes * 1024)));
  GANREG_RETURN_IF_ERROR(d->Migrate());
  if (options.create) {
    GANREG_RETURN_IF_ERROR(d->PutMeta("application", kApplicationTag));
  } else {
    auto tag = d->GetMeta("application");
    if (!tag.ok() || *tag != kApplicationTag) {
      return Status::DataLoss(fmt::format("{}: not a ganreg registry store", path.string()));
    }
  }
  return d;
}

Database::~Database() = default;

int Database::schema_version() const { return impl_->schema_version; }

Status Database::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(impl_->db, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string m = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) return Status::DataLoss("store: " + m);
    if (rc == SQLITE_BUSY) return Status::Aborted("store: registry is busy: " + m);
    return Status::Unavailable("store: " + m);
  }
  return Status::Ok();
}

Status Database::Migrate() {
  Statement& v = Prepare("PRAGMA user_version");
  GANREG_ASSIGN_OR_RETURN(bool row, v.Reset().Step());
  int current = row ? static_cast<int>(v.Int(0)) : 0;
  v.Reset();
  auto migrations = internal::Migrations();
  if (current > static_cast<int>(migrations.size())) {
    return Status::FailedPrecondition(fmt::format(
        "store schema version {} is newer than this program knows ({})", current, migrations.size()));
  }
  for (size_t i = static_cast<size_t>(current); i < migrations.size(); ++i) {
    GANREG_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = Exec(migrations[i]);
    if (s.ok()) s = Exec(fmt::format("PRAGMA user_version={}", i + 1));
    if (!s.ok()) {
      Exec("ROLLBACK").message();
      return s.WithContext(fmt::format("migration {}", i + 1));
    }
    GANREG_RETURN_IF_ERROR(Exec("COMMIT"));
  }
  impl_->schema_version = static_cast<int>(migrations.size());
  return Status::Ok();
}

Statement& Database::Prepare(std::string_view sql) {
  auto it = impl_->statements.find(std::string(sql));
  if (it != impl_->statements.end()) return it->second->Reset();
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(impl_->db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  // A statement that does not prepare is a bug in this file, not a runtime condition.
  if (rc != SQLITE_OK) {
    std::fprintf(stderr, "ganreg: cannot prepare SQL (%s): %.*s\n", sqlite3_errmsg(impl_->db),
                 static_cast<int>(sql.size()), sql.data());
  }
  GANREG_CHECK(rc == SQLITE_OK);
  auto owned = std::make_unique<Statement>(impl_->db, stmt);
  Statement& ref = *owned;
  impl_->statements.emplace(std::string(sql), std::move(owned));
  return ref;
}

Status Database::Begin() {
  GANREG_CHECK(!in_transaction());
  return Exec("BEGIN IMMEDIATE");
}
Status Database::Commit() { return Exec("COMMIT"); }
void Database::Rollback() {
  if (in_transaction()) Exec("ROLLBACK").message();
}
// Savepoints run once per use case inside a group commit: prepared once, not parsed each time.
Status Database::Savepoint(std::string_view name) {
  return Prepare(fmt::format("SAVEPOINT {}", name)).Run();
}
Status Database::RollbackToSavepoint(std::string_view name) {
  GANREG_RETURN_IF_ERROR(Prepare(fmt::format("ROLLBACK TO {}", name)).Run());
  return Prepare(fmt::format("RELEASE {}", name)).Run();
}
Status Database::ReleaseSavepoint(std::string_view name) {
  return Prepare(fmt::format("RELEASE {}", name)).Run();
}
bool Database::in_transaction() const { return sqlite3_get_autocommit(impl_->db) == 0; }

// ---- meta ----
Status Database::PutMeta(std::string_view key, std::string_view value) {
  return Prepare("INSERT INTO meta(key, value) VALUES(?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .BindText(key).BindBlob(value).Run();
}

Result<std::string> Database::GetMeta(std::string_view key) {
  Statement& s = Prepare("SELECT value FROM meta WHERE key = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(key).Step());
  if (!row) return Status::NotFound(fmt::format("registry setting '{}' is missing", key));
  std::string v = s.Blob(0);
  s.Reset();
  return v;
}

// ---- users ----
namespace {
constexpr std::string_view kUserColumns =
    "id, name, role, custodian, password_verifier, kdf_salt, public_key, sealed_secret_key, "
    "password_changed_at, must_change_password, failed_logins, locked_until, created_at, "
    "created_by, instructed_by, disabled_at";

UserRecord ReadUser(const Statement& s) {
  UserRecord u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  u.role = s.Text(2);
  u.custodian = s.Int(3) != 0;
  u.password_verifier = s.Text(4);
  u.kdf_salt = s.Blob(5);
  u.public_key = s.Blob(6);
  u.sealed_secret_key = s.Blob(7);
  u.password_changed_at = s.Int(8);
  u.must_change_password = s.Int(9) != 0;
  u.failed_logins = static_cast<int>(s.Int(10));
  u.locked_until = s.Int(11);
  u.created_at = s.Int(12);
  u.created_by = s.Text(13);
  u.instructed_by = s.Text(14);
  u.disabled_at = s.Int(15);
  return u;
}
}  // namespace

Result<int64_t> Database::InsertUser(const UserRecord& u) {
  Statement& s = Prepare(
      "INSERT INTO users(name, role, custodian, password_verifier, kdf_salt, public_key, "
      "sealed_secret_key, password_changed_at, must_change_password, created_at, created_by, "
      "instructed_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  s.BindText(u.name).BindText(u.role).Bind(u.custodian ? 1 : 0).BindText(u.password_verifier)
      .BindBlob(u.kdf_salt).BindBlob(u.public_key).BindBlob(u.sealed_secret_key)
      .Bind(u.password_changed_at).Bind(u.must_change_password ? 1 : 0).Bind(u.created_at)
      .BindText(u.created_by).BindText(u.instructed_by);
  Status st = s.Run();
  if (st.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists(fmt::format("user '{}' exists already", u.name));
  }
  GANREG_RETURN_IF_ERROR(st);
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<UserRecord> Database::FindUser(std::string_view name) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM users WHERE name = ?", kUserColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(name).Step());
  if (!row) return Status::NotFound(fmt::format("no user '{}'", name));
  UserRecord u = ReadUser(s);
  s.Reset();
  return u;
}

Result<UserRecord> Database::FindUserById(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("no user #{}", id));
  UserRecord u = ReadUser(s);
  s.Reset();
  return u;
}

Result<std::vector<UserRecord>> Database::ListUsers() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns));
  return s.All<UserRecord>([](const Statement& r) { return ReadUser(r); });
}

Status Database::UpdateUserCredentials(const UserRecord& u) {
  return Prepare(
             "UPDATE users SET password_verifier = ?, kdf_salt = ?, public_key = ?, "
             "sealed_secret_key = ?, password_changed_at = ?, must_change_password = ?, "
             "failed_logins = 0, locked_until = 0 WHERE id = ?")
      .BindText(u.password_verifier).BindBlob(u.kdf_salt).BindBlob(u.public_key)
      .BindBlob(u.sealed_secret_key).Bind(u.password_changed_at)
      .Bind(u.must_change_password ? 1 : 0).Bind(u.id).Run();
}

Status Database::UpdateUserLoginState(int64_t id, int failures, int64_t locked_until) {
  return Prepare("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?")
      .Bind(failures).Bind(locked_until).Bind(id).Run();
}

Status Database::SetUserDisabled(int64_t id, int64_t disabled_at) {
  return Prepare("UPDATE users SET disabled_at = ?, custodian = 0 WHERE id = ?")
      .Bind(disabled_at).Bind(id).Run();
}

Status Database::AddPasswordHistory(int64_t user_id, std::string_view verifier, int64_t at) {
  return Prepare("INSERT INTO password_history(user_id, verifier, at) VALUES(?,?,?)")
      .Bind(user_id).BindText(verifier).Bind(at).Run();
}

Result<std::vector<std::string>> Database::PasswordHistory(int64_t user_id) {
  Statement& s = Prepare("SELECT verifier FROM password_history WHERE user_id = ? ORDER BY at");
  s.Bind(user_id);
  return s.All<std::string>([](const Statement& r) { return r.Text(0); });
}

// ---- categories and slots ----
Status Database::InsertCategoryKey(const CategoryKeyRecord& k) {
  return Prepare("INSERT INTO category_keys(category, version, public_key, created_at) "
                 "VALUES(?,?,?,?)")
      .BindText(k.category).Bind(k.version).BindBlob(k.public_key).Bind(k.created_at).Run();
}

Result<CategoryKeyRecord> Database::CurrentCategoryKey(std::string_view category) {
  Statement& s = Prepare("SELECT category, version, public_key, created_at FROM category_keys "
                         "WHERE category = ? ORDER BY version DESC LIMIT 1");
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(category).Step());
  if (!row) return Status::NotFound(fmt::format("no key for information category '{}'", category));
  CategoryKeyRecord k{s.Text(0), static_cast<int>(s.Int(1)), s.Blob(2), s.Int(3)};
  s.Reset();
  return k;
}

Status Database::PutKeySlot(const KeySlotRecord& k) {
  return Prepare("INSERT OR REPLACE INTO key_slots(holder, category, version, sealed_key, "
                 "granted_at, granted_by) VALUES(?,?,?,?,?,?)")
      .Bind(k.holder).BindText(k.category).Bind(k.version).BindBlob(k.sealed_key)
      .Bind(k.granted_at).BindText(k.granted_by).Run();
}

Result<KeySlotRecord> Database::FindKeySlot(int64_t holder, std::string_view category,
                                            int version) {
  Statement& s = Prepare("SELECT holder, category, version, sealed_key, granted_at, granted_by "
                         "FROM key_slots WHERE holder = ? AND category = ? AND version = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(holder).BindText(category).Bind(version).Step());
  if (!row) return Status::NotFound(fmt::format("no key slot for '{}'", category));
  KeySlotRecord k{s.Int(0), s.Text(1), static_cast<int>(s.Int(2)), s.Blob(3), s.Int(4), s.Text(5)};
  s.Reset();
  return k;
}

Result<std::vector<KeySlotRecord>> Database::KeySlotsOf(int64_t holder) {
  Statement& s = Prepare("SELECT holder, category, version, sealed_key, granted_at, granted_by "
                         "FROM key_slots WHERE holder = ? ORDER BY category, version");
  s.Bind(holder);
  return s.All<KeySlotRecord>([](const Statement& r) {
    return KeySlotRecord{r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.Blob(3), r.Int(4),
                         r.Text(5)};
  });
}

Status Database::DeleteKeySlots(int64_t holder, std::optional<std::string_view> category) {
  if (category) {
    return Prepare("DELETE FROM key_slots WHERE holder = ? AND category = ?")
        .Bind(holder).BindText(*category).Run();
  }
  return Prepare("DELETE FROM key_slots WHERE holder = ?").Bind(holder).Run();
}

// ---- files ----
namespace {
constexpr std::string_view kFileColumns =
    "id, digest, display_name, hospital_code, medium, encoding, received_at, received_by, status, "
    "reason, rows_read, rows_accepted, rows_held, original, bytes";
FileRecord ReadFile(const Statement& s) {
  FileRecord f;
  f.id = s.Int(0);
  f.digest = s.Blob(1);
  f.display_name = s.Text(2);
  f.hospital_code = s.Text(3);
  f.medium = s.Text(4);
  f.encoding = s.Text(5);
  f.received_at = s.Int(6);
  f.received_by = s.Text(7);
  f.status = s.Text(8);
  f.reason = s.Text(9);
  f.rows_read = s.Int(10);
  f.rows_accepted = s.Int(11);
  f.rows_held = s.Int(12);
  f.original = s.Text(13);
  f.bytes = s.Int(14);
  return f;
}
}  // namespace

Result<std::optional<FileRecord>> Database::FindFileByDigest(std::string_view digest) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM files WHERE digest = ?", kFileColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindBlob(digest).Step());
  if (!row) return std::optional<FileRecord>();
  FileRecord f = ReadFile(s);
  s.Reset();
  return std::optional<FileRecord>(std::move(f));
}

Result<FileRecord> Database::FindFile(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM files WHERE id = ?", kFileColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("no received file #{}", id));
  FileRecord f = ReadFile(s);
  s.Reset();
  return f;
}

Result<int64_t> Database::InsertFile(const FileRecord& f) {
  Statement& s = Prepare(
      "INSERT INTO files(digest, display_name, hospital_code, medium, encoding, received_at, "
      "received_by, status, reason, rows_read, rows_accepted, rows_held, original, bytes) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.BindBlob(f.digest).BindText(f.display_name).BindText(f.hospital_code).BindText(f.medium)
      .BindText(f.encoding).Bind(f.received_at).BindText(f.received_by).BindText(f.status)
      .BindText(f.reason).Bind(f.rows_read).Bind(f.rows_accepted).Bind(f.rows_held)
      .BindText(f.original).Bind(f.bytes);
  GANREG_RETURN_IF_ERROR(s.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Status Database::FinishFile(const FileRecord& f) {
  Status s = Prepare("UPDATE files SET status = ?, reason = ?, rows_read = ?, rows_accepted = ?, "
                     "rows_held = ?, encoding = ?, digest = ?, bytes = ?, original = ? WHERE id = ?")
                 .BindText(f.status).BindText(f.reason).Bind(f.rows_read).Bind(f.rows_accepted)
                 .Bind(f.rows_held).BindText(f.encoding).BindBlob(f.digest).Bind(f.bytes)
                 .BindText(f.original).Bind(f.id).Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists("a file with the same digest was recorded meanwhile");
  }
  return s;
}

// ---- batch keys ----
Status Database::InsertBatchKey(const BatchKeyRecord& k) {
  return Prepare("INSERT INTO batch_keys(file_id, category, category_version, sealed_key) "
                 "VALUES(?,?,?,?)")
      .Bind(k.file_id).BindText(k.category).Bind(k.category_version).BindBlob(k.sealed_key).Run();
}

Result<BatchKeyRecord> Database::FindBatchKey(int64_t file_id, std::string_view category) {
  Statement& s = Prepare("SELECT file_id, category, category_version, sealed_key FROM batch_keys "
                         "WHERE file_id = ? AND category = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(file_id).BindText(category).Step());
  if (!row) return Status::DataLoss(fmt::format("file #{} has no {} batch key", file_id, category));
  BatchKeyRecord k{s.Int(0), s.Text(1), static_cast<int>(s.Int(2)), s.Blob(3)};
  s.Reset();
  return k;
}

// ---- notifications ----
// Blocks (migration 8): see migrations.cc for the layout. A block's key numbers rise strictly
// and span less than kBlockSpan, so one index range finds the blocks that may hold a key number.
namespace {
constexpr int64_t kBlockSpan = int64_t{1} << 32;
constexpr size_t kClinicalEntry = 20;  // key number, line, length
constexpr size_t kIdentityEntry = 12;  // key number, length

// Appends the `bytes` low bytes of v, little-endian.
void PutLe(std::string* out, uint64_t v, int bytes) {
  char b[8];
  for (int i = 0; i < bytes; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out->append(b, static_cast<size_t>(bytes));
}
uint64_t GetLe(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

struct BlockEntry {
  int64_t key_no = 0;
  int64_t line = 0;
  std::string_view ciphertext;
};

// Splits a block's entries and ciphertexts; kDataLoss if they do not fit together.
Result<std::vector<BlockEntry>> DecodeBlock(int64_t id, std::string_view entries,
                                            std::string_view ciphertexts, bool clinical) {
  const size_t width = clinical ? kClinicalEntry : kIdentityEntry;
  auto bad = [&] {
    return Status::DataLoss(fmt::format("notification block #{} is damaged", id));
  };
  if (entries.empty() || entries.size() % width != 0) return bad();
  std::vector<BlockEntry> out(entries.size() / width);
  size_t at = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const char* p = entries.data() + i * width;
    out[i].key_no = static_cast<int64_t>(GetLe(p, 8));
    if (clinical) out[i].line = static_cast<int64_t>(GetLe(p + 8, 8));
    const size_t n = GetLe(p + width - 4, 4);
    if (n > ciphertexts.size() - at || (i > 0 && out[i].key_no <= out[i - 1].key_no)) return bad();
    out[i].ciphertext = ciphertexts.substr(at, n);
    at += n;
  }
  if (at != ciphertexts.size()) return bad();
  return out;
}

const BlockEntry* FindBlockEntry(const std::vector<BlockEntry>& entries, int64_t key_no) {
  auto it = std::lower_bound(entries.begin(), entries.end(), key_no,
                             [](const BlockEntry& e, int64_t k) { return e.key_no < k; });
  return it != entries.end() && it->key_no == key_no ? &*it : nullptr;
}

// Whether any key number of `rows` (rising) is in `taken` (rising).
bool Intersects(std::span<const NotificationInsert> rows, const std::vector<BlockEntry>& taken) {
  size_t i = 0, j = 0;
  while (i < rows.size() && j < taken.size()) {
    if (rows[i].key_no < taken[j].key_no) {
      ++i;
    } else if (taken[j].key_no < rows[i].key_no) {
      ++j;
    } else {
      return true;
    }
  }
  return false;
}
}  // namespace

Status Database::InsertNotifications(int64_t file_id, std::span<const NotificationInsert> rows) {
  if (rows.empty()) return Status::Ok();
  // Cut into blocks where the key numbers stop rising or would span too much.
  std::vector<std::span<const NotificationInsert>> blocks;
  size_t start = 0;
  for (size_t i = 1; i <= rows.size(); ++i) {
    if (i < rows.size() && rows[i].key_no > rows[i - 1].key_no &&
        rows[i].key_no - rows[start].key_no < kBlockSpan) {
      continue;
    }
    blocks.push_back(rows.subspan(start, i - start));
    start = i;
  }
  // Every key number is checked before anything is written, so that a clash leaves nothing of
  // `rows` behind without a savepoint: first among `rows` (blocks rise, so only when cut), then
  // against the store.
  if (blocks.size() > 1) {
    std::vector<int64_t> keys;
    keys.reserve(rows.size());
    for (const auto& r : rows) keys.push_back(r.key_no);
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) {
      return Status::AlreadyExists("a key number of this batch is taken already");
    }
  }
  for (const auto& block : blocks) GANREG_RETURN_IF_ERROR(CheckKeysFree(block));
  for (const auto& block : blocks) GANREG_RETURN_IF_ERROR(WriteBlock(file_id, block));
  return Status::Ok();
}

// kAlreadyExists if a key number of `rows` (one block) is stored already: in a block whose
// range meets this one (one index range), or among the rows taken in before blocks.
Status Database::CheckKeysFree(std::span<const NotificationInsert> rows) {
  const int64_t first = rows.front().key_no, last = rows.back().key_no;
  if (first <= 0) return Status::InvalidArgument("key numbers are positive");
  Statement& near = Prepare("SELECT id, entries FROM clinical_blocks WHERE first_key BETWEEN ? AND ? "
                            "AND last_key >= ?");
  near.Bind(first - kBlockSpan).Bind(last).Bind(first);
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, near.Step());
    if (!row) break;
    std::string_view entries = near.BlobView(1);
    std::vector<BlockEntry> taken;
    for (size_t at = 0; at + kClinicalEntry <= entries.size(); at += kClinicalEntry) {
      taken.push_back({static_cast<int64_t>(GetLe(entries.data() + at, 8)), 0, {}});
    }
    if (Intersects(rows, taken)) {
      near.Reset();
      return Status::AlreadyExists("a key number of this batch is taken already");
    }
  }
  Statement& old = Prepare("SELECT key_no FROM clinicals WHERE key_no BETWEEN ? AND ?");
  old.Bind(first).Bind(last);
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, old.Step());
    if (!row) break;
    std::vector<BlockEntry> taken = {{old.Int(0), 0, {}}};
    if (Intersects(rows, taken)) {
      old.Reset();
      return Status::AlreadyExists("a key number of this batch is taken already");
    }
  }
  return Status::Ok();
}

// One block (rising key numbers spanning less than kBlockSpan, checked free): one row in each
// table.
Status Database::WriteBlock(int64_t file_id, std::span<const NotificationInsert> rows) {
  const int64_t first = rows.front().key_no, last = rows.back().key_no;
  std::string& entries = impl_->block_entries;
  std::string& cts = impl_->block_ciphertexts;
  entries.clear();
  cts.clear();
  entries.reserve(rows.size() * kClinicalEntry);
  for (const NotificationInsert& r : rows) {
    PutLe(&entries, static_cast<uint64_t>(r.key_no), 8);
    PutLe(&entries, static_cast<uint64_t>(r.line), 8);
    PutLe(&entries, r.clinical_ciphertext.size(), 4);
    cts += r.clinical_ciphertext;
  }
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO clinical_blocks(file_id, first_key, last_key, notifications, entries, "
              "ciphertexts) VALUES(?,?,?,?,?,?)")
          .Bind(file_id).Bind(first).Bind(last).Bind(static_cast<int64_t>(rows.size()))
          .BindBlob(entries).BindBlob(cts).Run());
  const int64_t id = sqlite3_last_insert_rowid(impl_->db);
  entries.clear();
  cts.clear();
  for (const NotificationInsert& r : rows) {
    PutLe(&entries, static_cast<uint64_t>(r.key_no), 8);
    PutLe(&entries, r.identity_ciphertext.size(), 4);
    cts += r.identity_ciphertext;
  }
  return Prepare("INSERT INTO identity_blocks(id, file_id, entries, ciphertexts) VALUES(?,?,?,?)")
      .Bind(id).Bind(file_id).BindBlob(entries).BindBlob(cts).Run();
}

Result<std::optional<int64_t>> Database::BlockOf(int64_t key_no) {
  Statement& s = Prepare("SELECT id, entries FROM clinical_blocks WHERE first_key BETWEEN ? AND ? "
                         "AND last_key >= ?");
  s.Bind(key_no - kBlockSpan).Bind(key_no).Bind(key_no);
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    std::string_view entries = s.BlobView(1);
    for (size_t at = 0; at + kClinicalEntry <= entries.size(); at += kClinicalEntry) {
      if (static_cast<int64_t>(GetLe(entries.data() + at, 8)) == key_no) {
        int64_t id = s.Int(0);
        s.Reset();
        return std::optional<int64_t>(id);
      }
    }
  }
  return std::optional<int64_t>();
}

Result<IdentityRecord> Database::FindIdentity(int64_t key_no) {
  GANREG_ASSIGN_OR_RETURN(auto block, BlockOf(key_no));
  if (block) {
    Statement& s = Prepare("SELECT file_id, entries, ciphertexts FROM identity_blocks WHERE id = ?");
    GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(*block).Step());
    if (!row) {
      return Status::DataLoss(fmt::format("identity part of key number {} is missing", key_no));
    }
    Result<std::vector<BlockEntry>> entries = DecodeBlock(*block, s.BlobView(1), s.BlobView(2), false);
    const BlockEntry* e = entries.ok() ? FindBlockEntry(*entries, key_no) : nullptr;
    IdentityRecord r{key_no, s.Int(0), e ? std::string(e->ciphertext) : std::string()};
    s.Reset();
    if (!entries.ok()) return entries.status();
    if (e == nullptr) {
      return Status::DataLoss(fmt::format("identity part of key number {} is misplaced", key_no));
    }
    return r;
  }
  // Taken in before migration 8.
  Statement& s = Prepare("SELECT i.key_no, i.file_id, i.ciphertext FROM clinicals c "
                         "JOIN identities i ON i.row = c.row WHERE c.key_no = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(key_no).Step());
  if (!row) return Status::NotFound(fmt::format("no identity part for key number {}", key_no));
  IdentityRecord r{s.Int(0), s.Int(1), s.Blob(2)};
  s.Reset();
  if (r.key_no != key_no) {
    return Status::DataLoss(fmt::format("identity part of key number {} is misplaced", key_no));
  }
  return r;
}

namespace {
ClinicalRecord ReadClinical(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Int(4), s.Blob(5)};
}
}  // namespace

Result<ClinicalRecord> Database::FindClinical(int64_t key_no) {
  GANREG_ASSIGN_OR_RETURN(auto block, BlockOf(key_no));
  if (block) {
    Statement& s = Prepare("SELECT b.file_id, f.hospital_code, f.received_at, b.entries, "
                           "b.ciphertexts FROM clinical_blocks b JOIN files f ON f.id = b.file_id "
                           "WHERE b.id = ?");
    GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(*block).Step());
    if (!row) return Status::DataLoss(fmt::format("file of key number {} is missing", key_no));
    Result<std::vector<BlockEntry>> entries = DecodeBlock(*block, s.BlobView(3), s.BlobView(4), true);
    const BlockEntry* e = entries.ok() ? FindBlockEntry(*entries, key_no) : nullptr;
    ClinicalRecord r;
    if (e != nullptr) r = {key_no, s.Int(0), e->line, s.Text(1), s.Int(2), std::string(e->ciphertext)};
    s.Reset();
    if (!entries.ok()) return entries.status();
    if (e == nullptr) return Status::DataLoss(fmt::format("block #{} is damaged", *block));
    return r;
  }
  Statement& s = Prepare("SELECT c.key_no, c.file_id, c.line, f.hospital_code, f.received_at, "
                         "c.ciphertext FROM clinicals c JOIN files f ON f.id = c.file_id "
                         "WHERE c.key_no = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(key_no).Step());
  if (!row) return Status::NotFound(fmt::format("no notification with key number {}", key_no));
  ClinicalRecord r = ReadClinical(s);
  s.Reset();
  return r;
}

Result<std::vector<ClinicalRecord>> Database::ListClinical(int64_t limit, int64_t offset) {
  std::vector<ClinicalRecord> out;
  if (limit <= 0) return out;
  // Newest first: blocks (newest block, last entry first), then the rows from before blocks.
  Statement& b = Prepare("SELECT b.id, b.notifications, b.file_id, f.hospital_code, f.received_at, "
                         "b.entries, b.ciphertexts FROM clinical_blocks b "
                         "JOIN files f ON f.id = b.file_id ORDER BY b.id DESC");
  Status status;
  while (static_cast<int64_t>(out.size()) < limit) {
    auto row = b.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t n = b.Int(1);
    if (offset >= n) {  // skipped whole, its blobs unread
      offset -= n;
      continue;
    }
    auto entries = DecodeBlock(b.Int(0), b.BlobView(5), b.BlobView(6), true);
    if (!entries.ok()) {
      status = entries.status();
      break;
    }
    for (auto it = entries->rbegin() + offset;
         it != entries->rend() && static_cast<int64_t>(out.size()) < limit; ++it) {
      out.push_back({it->key_no, b.Int(2), it->line, b.Text(3), b.Int(4), std::string(it->ciphertext)});
    }
    offset = 0;
  }
  b.Reset();
  GANREG_RETURN_IF_ERROR(status);
  if (static_cast<int64_t>(out.size()) == limit) return out;
  Statement& s = Prepare("SELECT c.key_no, c.file_id, c.line, f.hospital_code, f.received_at, "
                         "c.ciphertext FROM clinicals c JOIN files f ON f.id = c.file_id "
                         "ORDER BY c.row DESC LIMIT ? OFFSET ?");
  s.Bind(limit - static_cast<int64_t>(out.size())).Bind(offset);
  GANREG_ASSIGN_OR_RETURN(auto older, s.All<ClinicalRecord>([](const Statement& r) {
    return ReadClinical(r);
  }));
  for (auto& r : older) out.push_back(std::move(r));
  return out;
}

Result<int64_t> Database::CountNotifications() {
  Statement& s = Prepare("SELECT (SELECT coalesce(sum(notifications), 0) FROM clinical_blocks) + "
                         "(SELECT count(*) FROM clinicals)");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

// ---- quarantine ----
Status Database::InsertHeldRow(const HeldRowRecord& r) {
  return Prepare("INSERT INTO held_rows(file_id, line, issues, ciphertext) VALUES(?,?,?,?)")
      .Bind(r.file_id).Bind(r.line).BindText(r.issues).BindBlob(r.ciphertext).Run();
}

Result<std::vector<HeldRowRecord>> Database::HeldRowsOf(int64_t file_id) {
  Statement& s = Prepare("SELECT file_id, line, issues, ciphertext FROM held_rows WHERE file_id = ? "
                         "ORDER BY line");
  s.Bind(file_id);
  return s.All<HeldRowRecord>([](const Statement& r) {
    return HeldRowRecord{r.Int(0), r.Int(1), r.Text(2), r.Blob(3)};
  });
}

Result<int64_t> Database::CountHeldRows() {
  Statement& s = Prepare("SELECT count(*) FROM held_rows");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

// ---- hand-over book ----
Result<int64_t> Database::InsertHandover(const HandoverRecord& r) {
  Statement& s = Prepare("INSERT INTO handover_book(at, direction, handled_by, counterpart, "
                         "recipient, summary, medium, file_id) VALUES(?,?,?,?,?,?,?,?)");
  s.Bind(r.at).BindText(r.direction).BindText(r.handled_by).BindText(r.counterpart)
      .BindText(r.recipient).BindText(r.summary).BindText(r.medium).Bind(r.file_id);
  GANREG_RETURN_IF_ERROR(s.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<HandoverRecord>> Database::ListHandover() {
  Statement& s = Prepare("SELECT id, at, direction, handled_by, counterpart, recipient, summary, "
                         "medium, coalesce(file_id, 0) FROM handover_book ORDER BY id");
  return s.All<HandoverRecord>([](const Statement& r) {
    return HandoverRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3), r.Text(4),
                          r.Text(5), r.Text(6), r.Text(7), r.Int(8)};
  });
}

// ---- partners and packages ----
namespace {
constexpr std::string_view kPartnerColumns =
    "code, name, box_key, sign_key, fingerprint, registered_at, registered_by, revoked_at";
PartnerRecord ReadPartner(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Blob(2), s.Blob(3), s.Text(4), s.Int(5), s.Text(6), s.Int(7)};
}
}  // namespace

Status Database::PutPartner(const PartnerRecord& p) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO partners({}) VALUES(?,?,?,?,?,?,?,?)",
                             kPartnerColumns))
      .BindText(p.code).BindText(p.name).BindBlob(p.box_key).BindBlob(p.sign_key)
      .BindText(p.fingerprint).Bind(p.registered_at).BindText(p.registered_by).Bind(p.revoked_at)
      .Run();
}

Result<std::optional<PartnerRecord>> Database::FindPartner(std::string_view code) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM partners WHERE code = ?", kPartnerColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(code).Step());
  if (!row) return std::optional<PartnerRecord>();
  PartnerRecord p = ReadPartner(s);
  s.Reset();
  return std::optional<PartnerRecord>(std::move(p));
}

Result<std::optional<PartnerRecord>> Database::FindPartnerBySignKey(std::string_view sign_key) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM partners WHERE sign_key = ?", kPartnerColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindBlob(sign_key).Step());
  if (!row) return std::optional<PartnerRecord>();
  PartnerRecord p = ReadPartner(s);
  s.Reset();
  return std::optional<PartnerRecord>(std::move(p));
}

Result<std::vector<PartnerRecord>> Database::ListPartners() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM partners ORDER BY code", kPartnerColumns));
  return s.All<PartnerRecord>([](const Statement& r) { return ReadPartner(r); });
}

Status Database::InsertPackage(const PackageRecord& p) {
  Status s = Prepare("INSERT INTO packages(package_id, file_id, sender, purpose, created_at, "
                     "expires_at) VALUES(?,?,?,?,?,?)")
                 .BindText(p.package_id).Bind(p.file_id).BindText(p.sender).BindText(p.purpose)
                 .Bind(p.created_at).Bind(p.expires_at).Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists(fmt::format("package {} was received before", p.package_id));
  }
  return s;
}

Result<std::optional<PackageRecord>> Database::FindPackage(std::string_view package_id) {
  Statement& s = Prepare("SELECT package_id, file_id, sender, purpose, created_at, expires_at "
                         "FROM packages WHERE package_id = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(package_id).Step());
  if (!row) return std::optional<PackageRecord>();
  PackageRecord p{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5)};
  s.Reset();
  return std::optional<PackageRecord>(std::move(p));
}

// ---- linkage ----
Status Database::ScanNotificationParts(
    const std::function<Status(const NotificationParts&)>& fn) {
  // Rows taken in before migration 8 first, then the blocks, each in the order taken in.
  Statement& s = Prepare("SELECT c.key_no, c.file_id, i.ciphertext, c.ciphertext FROM clinicals c "
                         "JOIN identities i ON i.row = c.row ORDER BY c.row");
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Status st = fn({s.Int(0), s.Int(1), s.BlobView(2), s.BlobView(3)});
    if (!st.ok()) {
      s.Reset();
      return st;
    }
  }
  Statement& b = Prepare("SELECT c.id, c.file_id, c.entries, c.ciphertexts, i.entries, "
                         "i.ciphertexts FROM clinical_blocks c JOIN identity_blocks i ON i.id = c.id "
                         "ORDER BY c.id");
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, b.Step());
    if (!row) break;
    const int64_t id = b.Int(0);
    Status st;
    auto clinical = DecodeBlock(id, b.BlobView(2), b.BlobView(3), true);
    auto identity = DecodeBlock(id, b.BlobView(4), b.BlobView(5), false);
    if (!clinical.ok()) st = clinical.status();
    if (st.ok() && !identity.ok()) st = identity.status();
    if (st.ok() && clinical->size() != identity->size()) {
      st = Status::DataLoss(fmt::format("notification block #{}: parts do not match", id));
    }
    for (size_t i = 0; st.ok() && i < clinical->size(); ++i) {
      if ((*clinical)[i].key_no != (*identity)[i].key_no) {
        st = Status::DataLoss(fmt::format("notification block #{}: parts do not match", id));
        break;
      }
      st = fn({(*clinical)[i].key_no, b.Int(1), (*identity)[i].ciphertext, (*clinical)[i].ciphertext});
    }
    if (!st.ok()) {
      b.Reset();
      return st;
    }
  }
  return Status::Ok();
}

namespace {
constexpr std::string_view kLinkColumns = "key_no, person_id, linked_at, linked_by, method";
LinkRecord ReadLink(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4)};
}
constexpr std::string_view kReviewColumns =
    "id, key_a, key_b, weight, explanation, status, decided_by, decided_at, note, created_at";
ReviewPairRecord ReadReviewPair(const Statement& s) {
  return {s.Int(0),  s.Int(1),  s.Int(2), s.Double(3), s.Text(4),
          s.Text(5), s.Text(6), s.Int(7), s.Text(8),   s.Int(9)};
}
}  // namespace

Status Database::PutLink(const LinkRecord& l) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO links({}) VALUES(?,?,?,?,?)", kLinkColumns))
      .Bind(l.key_no).Bind(l.person_id).Bind(l.linked_at).BindText(l.linked_by)
      .BindText(l.method).Run();
}

Result<std::vector<LinkRecord>> Database::ListLinks() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM links ORDER BY key_no", kLinkColumns));
  return s.All<LinkRecord>([](const Statement& r) { return ReadLink(r); });
}

Result<std::optional<LinkRecord>> Database::FindLink(int64_t key_no) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM links WHERE key_no = ?", kLinkColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(key_no).Step());
  if (!row) return std::optional<LinkRecord>();
  LinkRecord l = ReadLink(s);
  s.Reset();
  return std::optional<LinkRecord>(std::move(l));
}

Result<std::vector<int64_t>> Database::KeysOfPerson(int64_t person_id) {
  Statement& s = Prepare("SELECT key_no FROM links WHERE person_id = ? ORDER BY key_no");
  s.Bind(person_id);
  std::vector<int64_t> out;
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

Result<int64_t> Database::MaxPersonId() {
  // Retired ids live on in the history: an id once given is never given to another person.
  Statement& s =
      Prepare("SELECT max(coalesce((SELECT max(person_id) FROM links), 0), "
              "coalesce((SELECT max(max(old_person, new_person)) FROM link_history), 0))");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

Status Database::InsertLinkHistory(const LinkHistoryRecord& r) {
  return Prepare("INSERT INTO link_history(key_no, old_person, new_person, at, changed_by, reason, "
                 "pair_id) VALUES(?,?,?,?,?,?,?)")
      .Bind(r.key_no).Bind(r.old_person).Bind(r.new_person).Bind(r.at).BindText(r.changed_by)
      .BindText(r.reason).Bind(r.pair_id).Run();
}

Result<std::vector<LinkHistoryRecord>> Database::LinkHistoryOfPair(int64_t pair_id,
                                                                   std::string_view reason) {
  Statement& s = Prepare("SELECT id, key_no, old_person, new_person, at, changed_by, reason, "
                         "pair_id FROM link_history WHERE pair_id = ? AND reason = ? ORDER BY id");
  s.Bind(pair_id).BindText(reason);
  return s.All<LinkHistoryRecord>([](const Statement& r) {
    return LinkHistoryRecord{r.Int(0), r.Int(1),  r.Int(2),  r.Int(3),
                             r.Int(4), r.Text(5), r.Text(6), r.Int(7)};
  });
}

Result<int64_t> Database::InsertReviewPair(const ReviewPairRecord& p) {
  Statement& s = Prepare("INSERT INTO review_pairs(key_a, key_b, weight, explanation, status, "
                         "decided_by, decided_at, note, created_at) VALUES(?,?,?,?,?,?,?,?,?)");
  const std::string_view status = p.status.empty() ? std::string_view("open") : p.status;
  s.Bind(p.key_a).Bind(p.key_b).BindDouble(p.weight).BindText(p.explanation)
      .BindText(status).BindText(p.decided_by).Bind(p.decided_at)
      .BindText(p.note).Bind(p.created_at);
  Status st = s.Run();
  if (st.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists(
        fmt::format("the pair of key numbers {} and {} is in the review queue", p.key_a, p.key_b));
  }
  GANREG_RETURN_IF_ERROR(st);
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<ReviewPairRecord> Database::FindReviewPair(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM review_pairs WHERE id = ?", kReviewColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("no review pair {}", id));
  ReviewPairRecord p = ReadReviewPair(s);
  s.Reset();
  return p;
}

Result<std::optional<ReviewPairRecord>> Database::FindReviewPairByKeys(int64_t key_a,
                                                                       int64_t key_b) {
  Statement& s = Prepare(
      fmt::format("SELECT {} FROM review_pairs WHERE key_a = ? AND key_b = ?", kReviewColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(key_a).Bind(key_b).Step());
  if (!row) return std::optional<ReviewPairRecord>();
  ReviewPairRecord p = ReadReviewPair(s);
  s.Reset();
  return std::optional<ReviewPairRecord>(std::move(p));
}

Result<std::vector<ReviewPairRecord>> Database::ReviewPairsWithStatus(std::string_view status) {
  Statement& s = Prepare(
      fmt::format("SELECT {} FROM review_pairs WHERE status = ? ORDER BY id", kReviewColumns));
  s.BindText(status);
  return s.All<ReviewPairRecord>([](const Statement& r) { return ReadReviewPair(r); });
}

Status Database::UpdateReviewPair(const ReviewPairRecord& p) {
  return Prepare("UPDATE review_pairs SET status = ?, decided_by = ?, decided_at = ?, note = ?, "
                 "weight = ?, explanation = ? WHERE id = ?")
      .BindText(p.status).BindText(p.decided_by).Bind(p.decided_at).BindText(p.note)
      .BindDouble(p.weight).BindText(p.explanation).Bind(p.id).Run();
}

Status Database::InsertReviewHistory(const ReviewHistoryRecord& r) {
  return Prepare("INSERT INTO review_history(pair_id, action, decided_by, at, note) "
                 "VALUES(?,?,?,?,?)")
      .Bind(r.pair_id).BindText(r.action).BindText(r.decided_by).Bind(r.at).BindText(r.note).Run();
}

Result<std::vector<ReviewHistoryRecord>> Database::ReviewHistoryOf(int64_t pair_id) {
  Statement& s = Prepare("SELECT id, pair_id, action, decided_by, at, note FROM review_history "
                         "WHERE pair_id = ? ORDER BY id");
  s.Bind(pair_id);
  return s.All<ReviewHistoryRecord>([](const Statement& r) {
    return ReviewHistoryRecord{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5)};
  });
}

// ---- tumours (issue #5, consolidation) ----
Result<int64_t> Database::InsertTumourKey(const TumourKeyRecord& k) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO tumour_keys(category_version, sealed_key, created_at) VALUES(?,?,?)")
          .Bind(k.category_version).BindBlob(k.sealed_key).Bind(k.created_at).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<TumourKeyRecord> Database::FindTumourKey(int64_t id) {
  Statement& s =
      Prepare("SELECT id, category_version, sealed_key, created_at FROM tumour_keys WHERE id = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("no tumour key #{}", id));
  TumourKeyRecord k{s.Int(0), static_cast<int>(s.Int(1)), s.Blob(2), s.Int(3)};
  s.Reset();
  return k;
}

namespace {
constexpr std::string_view kTumourColumns =
    "tumour_id, person_id, status, key_id, ciphertext, consolidated_at, consolidated_by";
TumourRow ReadTumour(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Blob(4), s.Int(5), s.Text(6)};
}
constexpr std::string_view kFlagColumns =
    "tumour_id, check_id, severity, status, raised_at, decided_by, decided_at";
TumourFlagRecord ReadFlag(const Statement& s) {
  return {s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5), s.Int(6)};
}
}  // namespace

Status Database::PutTumour(const TumourRow& t) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO tumours({}) VALUES(?,?,?,?,?,?,?)",
                             kTumourColumns))
      .Bind(t.tumour_id).Bind(t.person_id).BindText(t.status).Bind(t.key_id)
      .BindBlob(t.ciphertext).Bind(t.consolidated_at).BindText(t.consolidated_by).Run();
}

Result<std::optional<TumourRow>> Database::FindTumour(int64_t tumour_id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM tumours WHERE tumour_id = ?", kTumourColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(tumour_id).Step());
  if (!row) return std::optional<TumourRow>();
  TumourRow t = ReadTumour(s);
  s.Reset();
  return std::optional<TumourRow>(std::move(t));
}

Result<std::vector<TumourRow>> Database::ListTumours(int64_t person_id, int64_t limit,
                                                     int64_t offset) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM tumours WHERE status = 'current' AND (?1 = 0 OR person_id = ?1) "
      "ORDER BY tumour_id LIMIT ?2 OFFSET ?3",
      kTumourColumns));
  s.Bind(person_id).Bind(limit).Bind(offset);
  return s.All<TumourRow>([](const Statement& r) { return ReadTumour(r); });
}

Result<int64_t> Database::CountTumours() {
  Statement& s = Prepare("SELECT count(*) FROM tumours WHERE status = 'current'");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  const int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

Result<int64_t> Database::MaxTumourId() {
  Statement& s = Prepare("SELECT coalesce(max(tumour_id), 0) FROM tumours");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  const int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

Result<std::vector<TumourMemberRecord>> Database::ListTumourMembers() {
  Statement& s = Prepare("SELECT key_no, tumour_id, person_id FROM tumour_members ORDER BY key_no");
  return s.All<TumourMemberRecord>([](const Statement& r) {
    return TumourMemberRecord{r.Int(0), r.Int(1), r.Int(2)};
  });
}

Status Database::PutTumourMember(const TumourMemberRecord& m) {
  return Prepare("INSERT OR REPLACE INTO tumour_members(key_no, tumour_id, person_id) "
                 "VALUES(?,?,?)")
      .Bind(m.key_no).Bind(m.tumour_id).Bind(m.person_id).Run();
}

Result<std::vector<TumourFlagRecord>> Database::FlagsOfTumour(int64_t tumour_id) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM tumour_flags WHERE tumour_id = ? ORDER BY check_id", kFlagColumns));
  s.Bind(tumour_id);
  return s.All<TumourFlagRecord>([](const Statement& r) { return ReadFlag(r); });
}

Result<std::vector<TumourFlagRecord>> Database::ListTumourFlags(std::string_view status) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM tumour_flags WHERE (?1 = '' OR status = ?1) "
                                     "ORDER BY tumour_id, check_id",
                                     kFlagColumns));
  s.BindText(status);
  return s.All<TumourFlagRecord>([](const Statement& r) { return ReadFlag(r); });
}

Status Database::PutTumourFlag(const TumourFlagRecord& f) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO tumour_flags({}) VALUES(?,?,?,?,?,?,?)",
                             kFlagColumns))
      .Bind(f.tumour_id).BindText(f.check_id).BindText(f.severity).BindText(f.status)
      .Bind(f.raised_at).BindText(f.decided_by).Bind(f.decided_at).Run();
}

Status Database::DeleteTumourFlag(int64_t tumour_id, std::string_view check_id) {
  return Prepare("DELETE FROM tumour_flags WHERE tumour_id = ? AND check_id = ?")
      .Bind(tumour_id).BindText(check_id).Run();
}

// ---- ledgers (issue #4) ----
namespace {
constexpr std::string_view kContactColumns = "id, body, phone, grp, added_at, added_by";
InquiryContactRecord ReadContact(const Statement& s) {
  return {s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5)};
}
constexpr std::string_view kInquiryColumns =
    "id, at, handled_by, kind, ref_id, corrects, grp, channel, direction, personal, escalated, "
    "category_version, sealed_key, ciphertext";
InquiryEntryRecord ReadInquiry(const Statement& s) {
  InquiryEntryRecord r;
  r.id = s.Int(0);
  r.at = s.Int(1);
  r.handled_by = s.Text(2);
  r.kind = s.Text(3);
  r.ref_id = s.Int(4);
  r.corrects = s.Int(5);
  r.group = s.Text(6);
  r.channel = s.Text(7);
  r.direction = s.Text(8);
  r.personal = s.Int(9) != 0;
  r.escalated = s.Int(10) != 0;
  r.category_version = static_cast<int>(s.Int(11));
  r.sealed_key = s.Blob(12);
  r.ciphertext = s.Blob(13);
  return r;
}
// A medium's disposed date: its earliest disposal entry that no later entry corrects.
constexpr std::string_view kMediumSelect =
    "SELECT m.id, m.kind, m.received, m.added_at, m.added_by, "
    "coalesce((SELECT min(d.date) FROM disposals d WHERE d.medium_id = m.id AND NOT EXISTS "
    "(SELECT 1 FROM disposals c WHERE c.corrects = d.id)), '') FROM media m";
MediumRecord ReadMedium(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4), s.Text(5)};
}
constexpr std::string_view kDisposalColumns =
    "id, at, date, recorded_by, item, medium_id, method, strip_width_mm, particle_mm2, "
    "combined_with, place, witnesses, staff_present, corrects, time, approved_by, contract_id, "
    "certificate";
DisposalRecord ReadDisposal(const Statement& s) {
  return {s.Int(0),    s.Int(1),    s.Text(2),  s.Text(3),  s.Text(4),  s.Text(5),
          s.Text(6),   s.Double(7), s.Double(8), s.Text(9), s.Text(10), s.Text(11),
          s.Text(12),  s.Int(13),   s.Text(14), s.Text(15), s.Int(16),  s.Text(17)};
}
}  // namespace

Result<int64_t> Database::InsertInquiryContact(const InquiryContactRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO inquiry_contacts(body, phone, grp, added_at, added_by) "
              "VALUES(?,?,?,?,?)")
          .BindText(r.body).BindText(r.phone).BindText(r.group).Bind(r.added_at)
          .BindText(r.added_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<InquiryContactRecord>> Database::InquiryContactsOf(std::string_view body) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM inquiry_contacts WHERE body = ? ORDER BY id", kContactColumns));
  s.BindText(body);
  return s.All<InquiryContactRecord>([](const Statement& r) { return ReadContact(r); });
}

Result<std::vector<InquiryContactRecord>> Database::ListInquiryContacts() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM inquiry_contacts ORDER BY body, id",
                                     kContactColumns));
  return s.All<InquiryContactRecord>([](const Statement& r) { return ReadContact(r); });
}

Result<int64_t> Database::NextInquiryEntryId() {
  Statement& s = Prepare("SELECT coalesce(max(id), 0) + 1 FROM inquiry_book");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Status::Internal("store: no row from max(id)");
  const int64_t next = s.Int(0);
  s.Reset();
  return next;
}

Status Database::InsertInquiryEntry(const InquiryEntryRecord& r) {
  return Prepare(fmt::format("INSERT INTO inquiry_book({}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             kInquiryColumns))
      .Bind(r.id).Bind(r.at).BindText(r.handled_by).BindText(r.kind).Bind(r.ref_id)
      .Bind(r.corrects).BindText(r.group).BindText(r.channel).BindText(r.direction)
      .Bind(r.personal ? 1 : 0).Bind(r.escalated ? 1 : 0).Bind(r.category_version)
      .BindBlob(r.sealed_key).BindBlob(r.ciphertext).Run();
}

Result<InquiryEntryRecord> Database::FindInquiryEntry(int64_t id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM inquiry_book WHERE id = ?", kInquiryColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("inquiry book: no entry #{}", id));
  auto r = ReadInquiry(s);
  s.Reset();
  return r;
}

Result<std::vector<InquiryEntryRecord>> Database::ListInquiryEntries() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM inquiry_book ORDER BY id", kInquiryColumns));
  return s.All<InquiryEntryRecord>([](const Statement& r) { return ReadInquiry(r); });
}

Result<std::vector<InquiryEntryRecord>> Database::AnswersOf(int64_t inquiry_id) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM inquiry_book WHERE kind = 'answer' AND ref_id = ? ORDER BY id",
      kInquiryColumns));
  s.Bind(inquiry_id);
  return s.All<InquiryEntryRecord>([](const Statement& r) { return ReadInquiry(r); });
}

Status Database::InsertMedium(const MediumRecord& r) {
  return Prepare("INSERT INTO media(id, kind, received, added_at, added_by) VALUES(?,?,?,?,?)")
      .BindText(r.id).BindText(r.kind).BindText(r.received).Bind(r.added_at)
      .BindText(r.added_by).Run();
}

Result<std::optional<MediumRecord>> Database::FindMedium(std::string_view id) {
  Statement& s = Prepare(fmt::format("{} WHERE m.id = ?", kMediumSelect));
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(id).Step());
  if (!row) return std::optional<MediumRecord>();
  auto r = ReadMedium(s);
  s.Reset();
  return std::optional<MediumRecord>(std::move(r));
}

Result<std::vector<MediumRecord>> Database::ListMedia() {
  Statement& s = Prepare(fmt::format("{} ORDER BY m.received, m.id", kMediumSelect));
  return s.All<MediumRecord>([](const Statement& r) { return ReadMedium(r); });
}

Result<int64_t> Database::InsertDisposal(const DisposalRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format(
                  "INSERT INTO disposals({}) VALUES(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  kDisposalColumns))
          .Bind(r.at).BindText(r.date).BindText(r.recorded_by).BindText(r.item)
          .BindText(r.medium_id).BindText(r.method).BindDouble(r.strip_width_mm)
          .BindDouble(r.particle_mm2).BindText(r.combined_with).BindText(r.place)
          .BindText(r.witnesses).BindText(r.staff_present).Bind(r.corrects).BindText(r.time)
          .BindText(r.approved_by).Bind(r.contract_id).BindText(r.certificate).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<int64_t> Database::InsertDisposalContract(const DisposalContractRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO disposal_contracts(at, contractor, ref, clause, checked_by, "
              "checked_on, valid_until, corrects) VALUES(?,?,?,?,?,?,?,?)")
          .Bind(r.at).BindText(r.contractor).BindText(r.ref).Bind(r.clause ? 1 : 0)
          .BindText(r.checked_by).BindText(r.checked_on).BindText(r.valid_until)
          .Bind(r.corrects).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<DisposalContractRecord>> Database::ListDisposalContracts() {
  Statement& s = Prepare("SELECT id, at, contractor, ref, clause, checked_by, checked_on, "
                         "valid_until, corrects FROM disposal_contracts ORDER BY id");
  return s.All<DisposalContractRecord>([](const Statement& r) {
    return DisposalContractRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3), r.Int(4) != 0,
                                  r.Text(5), r.Text(6), r.Text(7), r.Int(8)};
  });
}

Result<std::optional<DisposalRecord>> Database::FindDisposal(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM disposals WHERE id = ?", kDisposalColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<DisposalRecord>();
  auto r = ReadDisposal(s);
  s.Reset();
  return std::optional<DisposalRecord>(std::move(r));
}

Result<std::vector<DisposalRecord>> Database::ListDisposals() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM disposals ORDER BY id", kDisposalColumns));
  return s.All<DisposalRecord>([](const Statement& r) { return ReadDisposal(r); });
}

// ---- ledgers, second slice (issue #4) ----
namespace {
constexpr std::string_view kPlanSelect =
    "SELECT p.id, p.at, p.fiscal_year, p.title, p.covers, p.pass_mark, p.planned_by, "
    "coalesce(a.approved_by, ''), coalesce(a.at, 0) FROM training_plans p "
    "LEFT JOIN training_plan_approvals a ON a.plan_id = p.id";
TrainingPlanRecord ReadPlan(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4),
          s.Int(5), s.Text(6), s.Text(7), s.Int(8)};
}
constexpr std::string_view kSessionColumns = "id, at, plan_id, date, trainer, content, recorded_by";
TrainingSessionRecord ReadSession(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
}
constexpr std::string_view kTestColumns =
    "id, at, session_id, person, date, score, pass_mark, passed, retest_of, corrects, "
    "recorded_by";
TrainingTestRecord ReadTest(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2),      s.Text(3),     s.Text(4), s.Int(5),
          s.Int(6), s.Int(7) != 0, s.Int(8), s.Int(9), s.Text(10)};
}
constexpr std::string_view kBriefingColumns =
    "id, at, kind, person, date, given_by, note, recorded_by";
constexpr std::string_view kIncidentColumns =
    "id, at, reported_by, occurred, kind, category_version, sealed_key, ciphertext";
IncidentRecord ReadIncident(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4),
          {s.Int(5), s.Blob(6), s.Blob(7)}};
}
constexpr std::string_view kStepColumns =
    "id, incident_id, at, step, done_at, recorded_by, category_version, sealed_key, ciphertext";
IncidentStepRecord ReadStep(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4), s.Text(5),
          {s.Int(6), s.Blob(7), s.Blob(8)}};
}
constexpr std::string_view kEntrySelect =
    "SELECT e.id, e.at, e.date, e.time_in, e.pledge, e.approved_by, e.escort, e.recorded_by, "
    "e.corrects, e.category_version, e.sealed_key, e.ciphertext, coalesce(x.time_out, '') "
    "FROM entry_log e LEFT JOIN entry_exits x ON x.entry_id = e.id";
EntryRecord ReadEntry(const Statement& s) {
  return {s.Int(0),  s.Int(1),  s.Text(2), s.Text(3), s.Int(4) != 0,
          s.Text(5), s.Text(6), s.Text(7), s.Int(8),  {s.Int(9), s.Blob(10), s.Blob(11)},
          s.Text(12)};
}
}  // namespace

Result<int64_t> Database::InsertTrainingPlan(const TrainingPlanRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO training_plans(at, fiscal_year, title, covers, pass_mark, planned_by) "
              "VALUES(?,?,?,?,?,?)")
          .Bind(r.at).Bind(r.fiscal_year).BindText(r.title).BindText(r.covers)
          .Bind(r.pass_mark).BindText(r.planned_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Status Database::ApproveTrainingPlan(int64_t plan_id, int64_t at, std::string_view by) {
  return Prepare("INSERT INTO training_plan_approvals(plan_id, at, approved_by) VALUES(?,?,?)")
      .Bind(plan_id).Bind(at).BindText(by).Run();
}

Result<std::optional<TrainingPlanRecord>> Database::FindTrainingPlan(int64_t id) {
  Statement& s = Prepare(fmt::format("{} WHERE p.id = ?", kPlanSelect));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<TrainingPlanRecord>();
  auto r = ReadPlan(s);
  s.Reset();
  return std::optional<TrainingPlanRecord>(std::move(r));
}

Result<std::vector<TrainingPlanRecord>> Database::ListTrainingPlans() {
  Statement& s = Prepare(fmt::format("{} ORDER BY p.id", kPlanSelect));
  return s.All<TrainingPlanRecord>([](const Statement& r) { return ReadPlan(r); });
}

Result<int64_t> Database::InsertTrainingSession(const TrainingSessionRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO training_sessions({}) VALUES(NULL,?,?,?,?,?,?)",
                          kSessionColumns))
          .Bind(r.at).Bind(r.plan_id).BindText(r.date).BindText(r.trainer).BindText(r.content)
          .BindText(r.recorded_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::optional<TrainingSessionRecord>> Database::FindTrainingSession(int64_t id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM training_sessions WHERE id = ?", kSessionColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<TrainingSessionRecord>();
  auto r = ReadSession(s);
  s.Reset();
  return std::optional<TrainingSessionRecord>(std::move(r));
}

Result<std::vector<TrainingSessionRecord>> Database::ListTrainingSessions() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM training_sessions ORDER BY id", kSessionColumns));
  return s.All<TrainingSessionRecord>([](const Statement& r) { return ReadSession(r); });
}

Status Database::InsertAttendance(const AttendanceRecord& r) {
  return Prepare("INSERT INTO training_attendance(session_id, attendee, contractor) "
                 "VALUES(?,?,?)")
      .Bind(r.session_id).BindText(r.attendee).Bind(r.contractor ? 1 : 0).Run();
}

Result<std::vector<AttendanceRecord>> Database::AttendanceOf(int64_t session_id) {
  Statement& s = Prepare("SELECT session_id, attendee, contractor FROM training_attendance "
                         "WHERE session_id = ? ORDER BY contractor, attendee");
  s.Bind(session_id);
  return s.All<AttendanceRecord>([](const Statement& r) {
    return AttendanceRecord{r.Int(0), r.Text(1), r.Int(2) != 0};
  });
}

Result<int64_t> Database::InsertTrainingTest(const TrainingTestRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO training_tests({}) VALUES(NULL,?,?,?,?,?,?,?,?,?,?)",
                          kTestColumns))
          .Bind(r.at).Bind(r.session_id).BindText(r.person).BindText(r.date).Bind(r.score)
          .Bind(r.pass_mark).Bind(r.passed ? 1 : 0).Bind(r.retest_of).Bind(r.corrects)
          .BindText(r.recorded_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::optional<TrainingTestRecord>> Database::FindTrainingTest(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM training_tests WHERE id = ?", kTestColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<TrainingTestRecord>();
  auto r = ReadTest(s);
  s.Reset();
  return std::optional<TrainingTestRecord>(std::move(r));
}

Result<std::vector<TrainingTestRecord>> Database::ListTrainingTests() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM training_tests ORDER BY id", kTestColumns));
  return s.All<TrainingTestRecord>([](const Statement& r) { return ReadTest(r); });
}

Result<int64_t> Database::InsertBriefing(const BriefingRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO briefings({}) VALUES(NULL,?,?,?,?,?,?,?)",
                          kBriefingColumns))
          .Bind(r.at).BindText(r.kind).BindText(r.person).BindText(r.date).BindText(r.given_by)
          .BindText(r.note).BindText(r.recorded_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<BriefingRecord>> Database::ListBriefings() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM briefings ORDER BY id", kBriefingColumns));
  return s.All<BriefingRecord>([](const Statement& r) {
    return BriefingRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3),
                          r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
  });
}

Result<int64_t> Database::InsertIdAudit(const IdAuditRecord& r,
                                        const std::vector<IdAuditItemRecord>& items) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO id_audits(at, date, trigger, reviewer, accounts, mismatches, note) "
              "VALUES(?,?,?,?,?,?,?)")
          .Bind(r.at).BindText(r.date).BindText(r.trigger).BindText(r.reviewer)
          .Bind(r.accounts).Bind(r.mismatches).BindText(r.note).Run());
  const auto id = static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
  for (const auto& i : items) {
    GANREG_RETURN_IF_ERROR(
        Prepare("INSERT INTO id_audit_items(audit_id, account, role, state, status, note) "
                "VALUES(?,?,?,?,?,?)")
            .Bind(id).BindText(i.account).BindText(i.role).BindText(i.state)
            .BindText(i.status).BindText(i.note).Run());
  }
  return id;
}

Result<std::vector<IdAuditRecord>> Database::ListIdAudits() {
  Statement& s = Prepare("SELECT id, at, date, trigger, reviewer, accounts, mismatches, note "
                         "FROM id_audits ORDER BY id");
  return s.All<IdAuditRecord>([](const Statement& r) {
    return IdAuditRecord{r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                         r.Text(4), r.Int(5), r.Int(6), r.Text(7)};
  });
}

Result<std::vector<IdAuditItemRecord>> Database::IdAuditItemsOf(int64_t audit_id) {
  Statement& s = Prepare("SELECT audit_id, account, role, state, status, note "
                         "FROM id_audit_items WHERE audit_id = ? ORDER BY account");
  s.Bind(audit_id);
  return s.All<IdAuditItemRecord>([](const Statement& r) {
    return IdAuditItemRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
  });
}

Result<int64_t> Database::NextSealedId(SealedTable table) {
  // The table name comes from this fixed list, never from input.
  std::string_view name;
  switch (table) {
    case SealedTable::kIncidents: name = "incidents"; break;
    case SealedTable::kIncidentSteps: name = "incident_steps"; break;
    case SealedTable::kContactNetworks: name = "contact_networks"; break;
    case SealedTable::kEntryLog: name = "entry_log"; break;
    case SealedTable::kTakeouts: name = "takeouts"; break;
    case SealedTable::kMaintenance: name = "maintenance_log"; break;
  }
  Statement& s = Prepare(fmt::format("SELECT coalesce(max(id), 0) + 1 FROM {}", name));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Status::Internal("store: no row from max(id)");
  const int64_t next = s.Int(0);
  s.Reset();
  return next;
}

Status Database::InsertIncident(const IncidentRecord& r) {
  return Prepare(fmt::format("INSERT INTO incidents({}) VALUES(?,?,?,?,?,?,?,?)",
                             kIncidentColumns))
      .Bind(r.id).Bind(r.at).BindText(r.reported_by).BindText(r.occurred).BindText(r.kind)
      .Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::optional<IncidentRecord>> Database::FindIncident(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM incidents WHERE id = ?", kIncidentColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<IncidentRecord>();
  auto r = ReadIncident(s);
  s.Reset();
  return std::optional<IncidentRecord>(std::move(r));
}

Result<std::vector<IncidentRecord>> Database::ListIncidents() {
  Statement& s = Prepare(fmt::format("SELECT {} FROM incidents ORDER BY id", kIncidentColumns));
  return s.All<IncidentRecord>([](const Statement& r) { return ReadIncident(r); });
}

Status Database::InsertIncidentStep(const IncidentStepRecord& r) {
  return Prepare(fmt::format("INSERT INTO incident_steps({}) VALUES(?,?,?,?,?,?,?,?,?)",
                             kStepColumns))
      .Bind(r.id).Bind(r.incident_id).Bind(r.at).BindText(r.step).BindText(r.done_at)
      .BindText(r.recorded_by).Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::vector<IncidentStepRecord>> Database::StepsOf(int64_t incident_id) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM incident_steps WHERE incident_id = ? ORDER BY id", kStepColumns));
  s.Bind(incident_id);
  return s.All<IncidentStepRecord>([](const Statement& r) { return ReadStep(r); });
}

Status Database::InsertContactNetwork(const ContactNetworkRecord& r) {
  return Prepare("INSERT INTO contact_networks(id, at, updated_on, recorded_by, "
                 "category_version, sealed_key, ciphertext) VALUES(?,?,?,?,?,?,?)")
      .Bind(r.id).Bind(r.at).BindText(r.updated_on).BindText(r.recorded_by)
      .Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::optional<ContactNetworkRecord>> Database::LatestContactNetwork() {
  Statement& s = Prepare("SELECT id, at, updated_on, recorded_by, category_version, sealed_key, "
                         "ciphertext FROM contact_networks ORDER BY id DESC LIMIT 1");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<ContactNetworkRecord>();
  ContactNetworkRecord r{s.Int(0), s.Int(1), s.Text(2), s.Text(3),
                         {s.Int(4), s.Blob(5), s.Blob(6)}};
  s.Reset();
  return std::optional<ContactNetworkRecord>(std::move(r));
}

Result<int64_t> Database::InsertKeybox(const KeyboxRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO keybox_log(at, date, action, by_user, expected, counted, note) "
              "VALUES(?,?,?,?,?,?,?)")
          .Bind(r.at).BindText(r.date).BindText(r.action).BindText(r.by_user).Bind(r.expected)
          .Bind(r.counted).BindText(r.note).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<KeyboxRecord>> Database::ListKeybox() {
  Statement& s = Prepare("SELECT id, at, date, action, by_user, expected, counted, note "
                         "FROM keybox_log ORDER BY id");
  return s.All<KeyboxRecord>([](const Statement& r) {
    return KeyboxRecord{r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                        r.Text(4), r.Int(5), r.Int(6), r.Text(7)};
  });
}

Status Database::InsertEntry(const EntryRecord& r) {
  return Prepare("INSERT INTO entry_log(id, at, date, time_in, pledge, approved_by, escort, "
                 "recorded_by, corrects, category_version, sealed_key, ciphertext) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")
      .Bind(r.id).Bind(r.at).BindText(r.date).BindText(r.time_in).Bind(r.pledge ? 1 : 0)
      .BindText(r.approved_by).BindText(r.escort).BindText(r.recorded_by).Bind(r.corrects)
      .Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::optional<EntryRecord>> Database::FindEntry(int64_t id) {
  Statement& s = Prepare(fmt::format("{} WHERE e.id = ?", kEntrySelect));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<EntryRecord>();
  auto r = ReadEntry(s);
  s.Reset();
  return std::optional<EntryRecord>(std::move(r));
}

Result<std::vector<EntryRecord>> Database::ListEntries() {
  Statement& s = Prepare(fmt::format("{} ORDER BY e.id", kEntrySelect));
  return s.All<EntryRecord>([](const Statement& r) { return ReadEntry(r); });
}

Status Database::InsertEntryExit(int64_t entry_id, int64_t at, std::string_view time_out,
                                 std::string_view recorded_by) {
  return Prepare("INSERT INTO entry_exits(entry_id, at, time_out, recorded_by) VALUES(?,?,?,?)")
      .Bind(entry_id).Bind(at).BindText(time_out).BindText(recorded_by).Run();
}

Status Database::InsertEntryCheck(const EntryCheckRecord& r) {
  return Prepare("INSERT INTO entry_log_checks(month, at, checked_by, entries, note) "
                 "VALUES(?,?,?,?,?)")
      .BindText(r.month).Bind(r.at).BindText(r.checked_by).Bind(r.entries).BindText(r.note)
      .Run();
}

Result<std::vector<EntryCheckRecord>> Database::ListEntryChecks() {
  Statement& s = Prepare("SELECT month, at, checked_by, entries, note FROM entry_log_checks "
                         "ORDER BY month");
  return s.All<EntryCheckRecord>([](const Statement& r) {
    return EntryCheckRecord{r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Text(4)};
  });
}

// ---- ledgers, third slice (issue #4, migration 8) ----
namespace {
constexpr std::string_view kFindingColumns = "year, evaluation, item, at, source, finding, note";
constexpr std::string_view kAnswerColumns =
    "id, year, item, at, answered_by, status, note, action";
constexpr std::string_view kSignOffColumns = "year, at, signed_by, evaluation, note";
SignOffRecord ReadSignOff(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Text(4)};
}
constexpr std::string_view kTakeoutSelect =
    "SELECT t.id, t.at, t.date, t.time_out, t.taken_by, t.kind, t.quantity, t.approved_by, "
    "t.due_back, t.corrects, t.category_version, t.sealed_key, t.ciphertext, "
    "coalesce(r.date, ''), coalesce(r.time_in, ''), coalesce(r.returned_by, ''), "
    "coalesce(r.note, ''), coalesce(r.returned_count, -1) "
    "FROM takeouts t LEFT JOIN takeout_returns r ON r.takeout_id = t.id";
TakeoutRecord ReadTakeout(const Statement& s) {
  TakeoutRecord r;
  r.id = s.Int(0);
  r.at = s.Int(1);
  r.date = s.Text(2);
  r.time_out = s.Text(3);
  r.taken_by = s.Text(4);
  r.kind = s.Text(5);
  r.quantity = s.Int(6);
  r.approved_by = s.Text(7);
  r.due_back = s.Text(8);
  r.corrects = s.Int(9);
  r.sealed = {s.Int(10), s.Blob(11), s.Blob(12)};
  r.returned_date = s.Text(13);
  r.returned_time = s.Text(14);
  r.returned_by = s.Text(15);
  r.return_note = s.Text(16);
  r.returned_count = s.Int(17);
  return r;
}
constexpr std::string_view kMaintenanceColumns =
    "id, at, date, time_from, time_to, worker_kind, work, result, approved_by, witness, nda, "
    "recorded_by, corrects, category_version, sealed_key, ciphertext";
constexpr std::string_view kAcquisitionColumns =
    "id, at, date, kind, medium, route, source, count, tracking, carriers, storage, "
    "received_by, corrects, handover_id";
constexpr std::string_view kDefinitionColumns =
    "id, at, kind, code, change, changed_on, applied_on, source, description, recorded_by, "
    "corrects";
}  // namespace

Status Database::InsertSelfAssessment(const SelfAssessmentRecord& r) {
  return Prepare("INSERT INTO self_assessments(year, started_at, started_by) VALUES(?,?,?)")
      .Bind(r.year).Bind(r.started_at).BindText(r.started_by).Run();
}

Result<std::optional<SelfAssessmentRecord>> Database::FindSelfAssessment(int64_t year) {
  Statement& s =
      Prepare("SELECT year, started_at, started_by FROM self_assessments WHERE year = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(year).Step());
  if (!row) return std::optional<SelfAssessmentRecord>();
  SelfAssessmentRecord r{s.Int(0), s.Int(1), s.Text(2)};
  s.Reset();
  return std::optional<SelfAssessmentRecord>(std::move(r));
}

Result<std::vector<SelfAssessmentRecord>> Database::ListSelfAssessments() {
  Statement& s =
      Prepare("SELECT year, started_at, started_by FROM self_assessments ORDER BY year");
  return s.All<SelfAssessmentRecord>([](const Statement& r) {
    return SelfAssessmentRecord{r.Int(0), r.Int(1), r.Text(2)};
  });
}

Status Database::InsertFindings(const std::vector<FindingRecord>& recs) {
  for (const auto& r : recs) {
    GANREG_RETURN_IF_ERROR(
        Prepare(fmt::format("INSERT INTO self_assessment_findings({}) VALUES(?,?,?,?,?,?,?)",
                            kFindingColumns))
            .Bind(r.year).Bind(r.evaluation).BindText(r.item).Bind(r.at).BindText(r.source)
            .BindText(r.finding).BindText(r.note).Run());
  }
  return Status::Ok();
}

Result<int64_t> Database::LatestEvaluation(int64_t year) {
  Statement& s = Prepare(
      "SELECT coalesce(max(evaluation), 0) FROM self_assessment_findings WHERE year = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(year).Step());
  if (!row) return Status::Internal("store: no row from max(evaluation)");
  const int64_t v = s.Int(0);
  s.Reset();
  return v;
}

Result<std::vector<FindingRecord>> Database::FindingsOf(int64_t year, int64_t evaluation) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM self_assessment_findings WHERE year = ? AND evaluation = ? ORDER BY rowid",
      kFindingColumns));
  s.Bind(year).Bind(evaluation);
  return s.All<FindingRecord>([](const Statement& r) {
    return FindingRecord{r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5),
                         r.Text(6)};
  });
}

Result<int64_t> Database::InsertAssessmentAnswer(const AssessmentAnswerRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO self_assessment_answers({}) VALUES(NULL,?,?,?,?,?,?,?)",
                          kAnswerColumns))
          .Bind(r.year).BindText(r.item).Bind(r.at).BindText(r.answered_by).BindText(r.status)
          .BindText(r.note).BindText(r.action).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<AssessmentAnswerRecord>> Database::AssessmentAnswersOf(int64_t year) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM self_assessment_answers WHERE year = ? ORDER BY id", kAnswerColumns));
  s.Bind(year);
  return s.All<AssessmentAnswerRecord>([](const Statement& r) {
    return AssessmentAnswerRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Int(3),
                                  r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
  });
}

Status Database::InsertSignOff(const SignOffRecord& r) {
  return Prepare(fmt::format("INSERT INTO self_assessment_signoffs({}) VALUES(?,?,?,?,?)",
                             kSignOffColumns))
      .Bind(r.year).Bind(r.at).BindText(r.signed_by).Bind(r.evaluation).BindText(r.note).Run();
}

Result<std::optional<SignOffRecord>> Database::FindSignOff(int64_t year) {
  Statement& s = Prepare(
      fmt::format("SELECT {} FROM self_assessment_signoffs WHERE year = ?", kSignOffColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(year).Step());
  if (!row) return std::optional<SignOffRecord>();
  auto r = ReadSignOff(s);
  s.Reset();
  return std::optional<SignOffRecord>(std::move(r));
}

Result<std::vector<SignOffRecord>> Database::ListSignOffs() {
  Statement& s = Prepare(
      fmt::format("SELECT {} FROM self_assessment_signoffs ORDER BY year", kSignOffColumns));
  return s.All<SignOffRecord>([](const Statement& r) { return ReadSignOff(r); });
}

Status Database::InsertTakeout(const TakeoutRecord& r) {
  return Prepare("INSERT INTO takeouts(id, at, date, time_out, taken_by, kind, quantity, "
                 "approved_by, due_back, corrects, category_version, sealed_key, ciphertext) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .Bind(r.id).Bind(r.at).BindText(r.date).BindText(r.time_out).BindText(r.taken_by)
      .BindText(r.kind).Bind(r.quantity).BindText(r.approved_by).BindText(r.due_back)
      .Bind(r.corrects).Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::optional<TakeoutRecord>> Database::FindTakeout(int64_t id) {
  Statement& s = Prepare(fmt::format("{} WHERE t.id = ?", kTakeoutSelect));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<TakeoutRecord>();
  auto r = ReadTakeout(s);
  s.Reset();
  return std::optional<TakeoutRecord>(std::move(r));
}

Result<std::vector<TakeoutRecord>> Database::ListTakeouts() {
  Statement& s = Prepare(fmt::format("{} ORDER BY t.id", kTakeoutSelect));
  return s.All<TakeoutRecord>([](const Statement& r) { return ReadTakeout(r); });
}

Status Database::InsertTakeoutReturn(const TakeoutReturnRecord& r) {
  return Prepare("INSERT INTO takeout_returns(takeout_id, at, date, time_in, returned_by, "
                 "returned_count, note) VALUES(?,?,?,?,?,?,?)")
      .Bind(r.takeout_id).Bind(r.at).BindText(r.date).BindText(r.time_in)
      .BindText(r.returned_by).Bind(r.returned_count).BindText(r.note).Run();
}

Status Database::InsertMaintenance(const MaintenanceRecord& r) {
  return Prepare(fmt::format(
                     "INSERT INTO maintenance_log({}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     kMaintenanceColumns))
      .Bind(r.id).Bind(r.at).BindText(r.date).BindText(r.time_from).BindText(r.time_to)
      .BindText(r.worker_kind).BindText(r.work).BindText(r.result).BindText(r.approved_by)
      .BindText(r.witness).Bind(r.nda ? 1 : 0).BindText(r.recorded_by).Bind(r.corrects)
      .Bind(r.sealed.category_version).BindBlob(r.sealed.sealed_key)
      .BindBlob(r.sealed.ciphertext).Run();
}

Result<std::vector<MaintenanceRecord>> Database::ListMaintenance() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM maintenance_log ORDER BY id", kMaintenanceColumns));
  return s.All<MaintenanceRecord>([](const Statement& r) {
    MaintenanceRecord m;
    m.id = r.Int(0);
    m.at = r.Int(1);
    m.date = r.Text(2);
    m.time_from = r.Text(3);
    m.time_to = r.Text(4);
    m.worker_kind = r.Text(5);
    m.work = r.Text(6);
    m.result = r.Text(7);
    m.approved_by = r.Text(8);
    m.witness = r.Text(9);
    m.nda = r.Int(10) != 0;
    m.recorded_by = r.Text(11);
    m.corrects = r.Int(12);
    m.sealed = {r.Int(13), r.Blob(14), r.Blob(15)};
    return m;
  });
}

Result<int64_t> Database::InsertAcquisition(const AcquisitionRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO acquisitions({}) VALUES(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          kAcquisitionColumns))
          .Bind(r.at).BindText(r.date).BindText(r.kind).BindText(r.medium).BindText(r.route)
          .BindText(r.source).Bind(r.count).BindText(r.tracking).BindText(r.carriers)
          .BindText(r.storage).BindText(r.received_by).Bind(r.corrects).Bind(r.handover_id)
          .Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<AcquisitionRecord>> Database::ListAcquisitions() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM acquisitions ORDER BY id", kAcquisitionColumns));
  return s.All<AcquisitionRecord>([](const Statement& r) {
    return AcquisitionRecord{r.Int(0),  r.Int(1),  r.Text(2),  r.Text(3), r.Text(4),
                             r.Text(5), r.Text(6), r.Int(7),   r.Text(8), r.Text(9),
                             r.Text(10), r.Text(11), r.Int(12), r.Int(13)};
  });
}

Result<int64_t> Database::InsertDefinitionUpdate(const DefinitionUpdateRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare(fmt::format("INSERT INTO definition_updates({}) VALUES(NULL,?,?,?,?,?,?,?,?,?,?)",
                          kDefinitionColumns))
          .Bind(r.at).BindText(r.kind).BindText(r.code).BindText(r.change)
          .BindText(r.changed_on).BindText(r.applied_on).BindText(r.source)
          .BindText(r.description).BindText(r.recorded_by).Bind(r.corrects).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<DefinitionUpdateRecord>> Database::ListDefinitionUpdates() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM definition_updates ORDER BY id", kDefinitionColumns));
  return s.All<DefinitionUpdateRecord>([](const Statement& r) {
    return DefinitionUpdateRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3),
                                  r.Text(4), r.Text(5), r.Text(6), r.Text(7),
                                  r.Text(8), r.Text(9), r.Int(10)};
  });
}

// ---- fourth slice (migration 10) ----
Result<int64_t> Database::InsertRevision(const RevisionRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO procedure_revisions(at, year, items, procedure, change, decided_by, "
              "decided_on, recorded_by, corrects) VALUES(?,?,?,?,?,?,?,?,?)")
          .Bind(r.at).Bind(r.year).BindText(r.items).BindText(r.procedure).BindText(r.change)
          .BindText(r.decided_by).BindText(r.decided_on).BindText(r.recorded_by)
          .Bind(r.corrects).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<RevisionRecord>> Database::ListRevisions() {
  Statement& s = Prepare("SELECT id, at, year, items, procedure, change, decided_by, decided_on, "
                         "recorded_by, corrects FROM procedure_revisions ORDER BY id");
  return s.All<RevisionRecord>([](const Statement& r) {
    return RevisionRecord{r.Int(0),  r.Int(1),  r.Int(2),  r.Text(3), r.Text(4),
                          r.Text(5), r.Text(6), r.Text(7), r.Text(8), r.Int(9)};
  });
}

Result<int64_t> Database::InsertExternalAudit(const ExternalAuditRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO external_audits(at, date, auditor, committee, findings, actions, "
              "reported_on, recorded_by, corrects) VALUES(?,?,?,?,?,?,?,?,?)")
          .Bind(r.at).BindText(r.date).BindText(r.auditor).BindText(r.committee)
          .BindText(r.findings).BindText(r.actions).BindText(r.reported_on)
          .BindText(r.recorded_by).Bind(r.corrects).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<ExternalAuditRecord>> Database::ListExternalAudits() {
  Statement& s = Prepare("SELECT id, at, date, auditor, committee, findings, actions, "
                         "reported_on, recorded_by, corrects FROM external_audits ORDER BY id");
  return s.All<ExternalAuditRecord>([](const Statement& r) {
    return ExternalAuditRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3), r.Text(4),
                               r.Text(5), r.Text(6), r.Text(7), r.Text(8), r.Int(9)};
  });
}

Result<int64_t> Database::InsertRetentionRule(const RetentionRuleRecord& r) {
  GANREG_RETURN_IF_ERROR(
      Prepare("INSERT INTO retention_rules(at, kind, medium, months, place, method, set_by) "
              "VALUES(?,?,?,?,?,?,?)")
          .Bind(r.at).BindText(r.kind).BindText(r.medium).Bind(r.months).BindText(r.place)
          .BindText(r.method).BindText(r.set_by).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<RetentionRuleRecord>> Database::ListRetentionRules() {
  Statement& s = Prepare("SELECT id, at, kind, medium, months, place, method, set_by "
                         "FROM retention_rules ORDER BY id");
  return s.All<RetentionRuleRecord>([](const Statement& r) {
    return RetentionRuleRecord{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3),
                               r.Int(4),  r.Text(5), r.Text(6), r.Text(7)};
  });
}

Status Database::InsertAcquisitionDisposal(const AcquisitionDisposalRecord& r) {
  return Prepare("INSERT INTO acquisition_disposals(acquisition_id, disposal_id, at) "
                 "VALUES(?,?,?)")
      .Bind(r.acquisition_id).Bind(r.disposal_id).Bind(r.at).Run();
}

Result<std::vector<AcquisitionDisposalRecord>> Database::ListAcquisitionDisposals() {
  Statement& s = Prepare("SELECT acquisition_id, disposal_id, at FROM acquisition_disposals "
                         "ORDER BY acquisition_id");
  return s.All<AcquisitionDisposalRecord>([](const Statement& r) {
    return AcquisitionDisposalRecord{r.Int(0), r.Int(1), r.Int(2)};
  });
}

Status Database::InsertHandoverDelivery(const HandoverDeliveryRecord& r) {
  return Prepare("INSERT INTO handover_deliveries(handover_id, at, method, tracking, "
                 "unused_medium, carriers, opened_in_room, recorded_by) VALUES(?,?,?,?,?,?,?,?)")
      .Bind(r.handover_id).Bind(r.at).BindText(r.method).BindText(r.tracking)
      .Bind(r.unused_medium ? 1 : 0).BindText(r.carriers).Bind(r.opened_in_room ? 1 : 0)
      .BindText(r.recorded_by).Run();
}

Result<std::vector<HandoverDeliveryRecord>> Database::ListHandoverDeliveries() {
  Statement& s = Prepare("SELECT handover_id, at, method, tracking, unused_medium, carriers, "
                         "opened_in_room, recorded_by FROM handover_deliveries "
                         "ORDER BY handover_id");
  return s.All<HandoverDeliveryRecord>([](const Statement& r) {
    return HandoverDeliveryRecord{r.Int(0),  r.Int(1),       r.Text(2),      r.Text(3),
                                  r.Int(4) != 0, r.Text(5), r.Int(6) != 0, r.Text(7)};
  });
}

// ---- audit ----
Result<Database::AuditHead> Database::GetAuditHead() {
  Statement& s = Prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  AuditHead h;
  if (row) {
    h.seq = s.Int(0);
    h.hash = s.Blob(1);
  } else {
    h.hash.assign(32, '\0');
  }
  s.Reset();
  return h;
}

Status Database::InsertAuditEvent(int64_t seq, std::string_view body, std::string_view hash) {
  return Prepare("INSERT INTO audit_events(seq, body, hash) VALUES(?,?,?)")
      .Bind(seq).BindBlob(body).BindBlob(hash).Run();
}

Status Database::ScanAudit(
    const std::function<Status(int64_t, std::string_view, std::string_view)>& fn) {
  Statement& s = Prepare("SELECT seq, body, hash FROM audit_events ORDER BY seq");
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Status st = fn(s.Int(0), s.BlobView(1), s.BlobView(2));
    if (!st.ok()) {
      s.Reset();
      return st;
    }
  }
  return Status::Ok();
}

// ---- the office's overview ----
Result<std::vector<FileRecord>> Database::ListFiles(int64_t limit) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM files ORDER BY id DESC LIMIT ?", kFileColumns));
  s.Bind(limit);
  return s.All<FileRecord>([](const Statement& r) { return ReadFile(r); });
}

Result<int64_t> Database::CountReviewPairsWithStatus(std::string_view status) {
  Statement& s = Prepare("SELECT count(*) FROM review_pairs WHERE status = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.BindText(status).Step());
  int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

Result<std::vector<std::pair<int64_t, std::string>>> Database::AuditEventsBefore(
    int64_t before_seq, int64_t limit) {
  Statement& s = Prepare(
      "SELECT seq, body FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?");
  s.Bind(before_seq > 0 ? before_seq : std::numeric_limits<int64_t>::max()).Bind(limit);
  return s.All<std::pair<int64_t, std::string>>(
      [](const Statement& r) { return std::pair<int64_t, std::string>(r.Int(0), r.Blob(1)); });
}

Result<std::optional<std::string>> Database::AuditHashAt(int64_t seq) {
  Statement& s = Prepare("SELECT hash FROM audit_events WHERE seq = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(seq).Step());
  if (!row) return std::optional<std::string>();
  std::string h = s.Blob(0);
  s.Reset();
  return std::optional<std::string>(std::move(h));
}

Status Database::InsertCheckpoint(const CheckpointRecord& cp) {
  return Prepare("INSERT OR REPLACE INTO audit_checkpoints(seq, hash, at, signature) "
                 "VALUES(?,?,?,?)")
      .Bind(cp.seq).BindBlob(cp.hash).Bind(cp.at).BindBlob(cp.signature).Run();
}

Result<std::vector<CheckpointRecord>> Database::ListCheckpoints() {
  Statement& s = Prepare("SELECT seq, hash, at, signature FROM audit_checkpoints ORDER BY seq");
  return s.All<CheckpointRecord>([](const Statement& r) {
    return CheckpointRecord{r.Int(0), r.Blob(1), r.Int(2), r.Blob(3)};
  });
}

// ---- deaths and the follow-back (issue #5; S-ACQ-2 イ) ----
Status Database::InsertDeathFile(int64_t file_id, std::string_view source) {
  return Prepare("INSERT INTO death_files(file_id, source) VALUES(?,?)")
      .Bind(file_id).BindText(source).Run();
}

Result<std::optional<std::string>> Database::DeathFileSource(int64_t file_id) {
  Statement& s = Prepare("SELECT source FROM death_files WHERE file_id = ?");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(file_id).Step());
  if (!row) return std::optional<std::string>();
  std::string source = s.Text(0);
  s.Reset();
  return std::optional<std::string>(std::move(source));
}

Result<int64_t> Database::NextDeathId() {
  Statement& s = Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM deaths");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  const int64_t id = row ? s.Int(0) : 1;
  s.Reset();
  return id;
}

Status Database::InsertDeath(const DeathRecord& d) {
  return Prepare("INSERT INTO deaths(id, file_id, line, identity, clinical) VALUES(?,?,?,?,?)")
      .Bind(d.id).Bind(d.file_id).Bind(d.line).BindBlob(d.identity_ciphertext)
      .BindBlob(d.clinical_ciphertext).Run();
}

namespace {
constexpr std::string_view kDeathColumns = "id, file_id, line, identity, clinical";
DeathRecord ReadDeath(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Blob(3), s.Blob(4)};
}
constexpr std::string_view kDeathLinkColumns =
    "death_id, person_id, key_no, weight, method, linked_at, linked_by";
DeathLinkRecord ReadDeathLink(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.Double(3), s.Text(4), s.Int(5), s.Text(6)};
}
constexpr std::string_view kDeathReviewColumns =
    "id, death_id, key_no, weight, explanation, status, decided_by, decided_at, note, created_at";
DeathReviewPairRecord ReadDeathReviewPair(const Statement& s) {
  return {s.Int(0),  s.Int(1),  s.Int(2), s.Double(3), s.Text(4),
          s.Text(5), s.Text(6), s.Int(7), s.Text(8),   s.Int(9)};
}
constexpr std::string_view kDeathCaseColumns =
    "death_id, status, hospital, opened_at, person_id, closed_at, closed_by, note";
DeathCaseRecord ReadDeathCase(const Statement& s) {
  return {s.Int(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4), s.Int(5), s.Text(6), s.Text(7)};
}
}  // namespace

Result<std::optional<DeathRecord>> Database::FindDeath(int64_t id) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM deaths WHERE id = ?", kDeathColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return std::optional<DeathRecord>();
  DeathRecord d = ReadDeath(s);
  s.Reset();
  return std::optional<DeathRecord>(std::move(d));
}

Status Database::ScanDeaths(const std::function<Status(const DeathRecord&)>& fn) {
  Statement& s = Prepare(fmt::format("SELECT {} FROM deaths ORDER BY id", kDeathColumns));
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    Status st = fn(ReadDeath(s));
    if (!st.ok()) {
      s.Reset();
      return st;
    }
  }
  return Status::Ok();
}

Result<int64_t> Database::CountDeaths() {
  Statement& s = Prepare("SELECT COUNT(*) FROM deaths");
  GANREG_ASSIGN_OR_RETURN(bool row, s.Step());
  const int64_t n = row ? s.Int(0) : 0;
  s.Reset();
  return n;
}

Status Database::PutDeathLink(const DeathLinkRecord& l) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO death_links({}) VALUES(?,?,?,?,?,?,?)",
                             kDeathLinkColumns))
      .Bind(l.death_id).Bind(l.person_id).Bind(l.key_no).BindDouble(l.weight).BindText(l.method)
      .Bind(l.linked_at).BindText(l.linked_by).Run();
}

Status Database::DeleteDeathLink(int64_t death_id) {
  return Prepare("DELETE FROM death_links WHERE death_id = ?").Bind(death_id).Run();
}

Result<std::optional<DeathLinkRecord>> Database::FindDeathLink(int64_t death_id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM death_links WHERE death_id = ?", kDeathLinkColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(death_id).Step());
  if (!row) return std::optional<DeathLinkRecord>();
  DeathLinkRecord l = ReadDeathLink(s);
  s.Reset();
  return std::optional<DeathLinkRecord>(std::move(l));
}

Result<std::vector<DeathLinkRecord>> Database::ListDeathLinks() {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM death_links ORDER BY death_id", kDeathLinkColumns));
  return s.All<DeathLinkRecord>([](const Statement& r) { return ReadDeathLink(r); });
}

Result<int64_t> Database::InsertDeathReviewPair(const DeathReviewPairRecord& p) {
  Statement& s = Prepare(
      "INSERT INTO death_review_pairs(death_id, key_no, weight, explanation, status, decided_by, "
      "decided_at, note, created_at) VALUES(?,?,?,?,?,?,?,?,?)");
  const std::string_view status = p.status.empty() ? std::string_view("open") : p.status;
  s.Bind(p.death_id).Bind(p.key_no).BindDouble(p.weight).BindText(p.explanation)
      .BindText(status).BindText(p.decided_by).Bind(p.decided_at).BindText(p.note)
      .Bind(p.created_at);
  Status st = s.Run();
  if (st.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists(fmt::format(
        "death {} and key number {} are in the review queue", p.death_id, p.key_no));
  }
  GANREG_RETURN_IF_ERROR(st);
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<DeathReviewPairRecord> Database::FindDeathReviewPair(int64_t id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM death_review_pairs WHERE id = ?", kDeathReviewColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(id).Step());
  if (!row) return Status::NotFound(fmt::format("no death review pair {}", id));
  DeathReviewPairRecord p = ReadDeathReviewPair(s);
  s.Reset();
  return p;
}

Result<std::optional<DeathReviewPairRecord>> Database::FindDeathReviewPairByKeys(int64_t death_id,
                                                                                int64_t key_no) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM death_review_pairs WHERE death_id = ? AND key_no = ?", kDeathReviewColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(death_id).Bind(key_no).Step());
  if (!row) return std::optional<DeathReviewPairRecord>();
  DeathReviewPairRecord p = ReadDeathReviewPair(s);
  s.Reset();
  return std::optional<DeathReviewPairRecord>(std::move(p));
}

Result<std::vector<DeathReviewPairRecord>> Database::DeathReviewPairsWithStatus(
    std::string_view status) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM death_review_pairs WHERE ? = '' OR status = ? ORDER BY id",
      kDeathReviewColumns));
  s.BindText(status).BindText(status);
  return s.All<DeathReviewPairRecord>([](const Statement& r) { return ReadDeathReviewPair(r); });
}

Status Database::UpdateDeathReviewPair(const DeathReviewPairRecord& p) {
  return Prepare("UPDATE death_review_pairs SET status = ?, decided_by = ?, decided_at = ?, "
                 "note = ?, weight = ?, explanation = ? WHERE id = ?")
      .BindText(p.status).BindText(p.decided_by).Bind(p.decided_at).BindText(p.note)
      .BindDouble(p.weight).BindText(p.explanation).Bind(p.id).Run();
}

Status Database::InsertDeathReviewHistory(const ReviewHistoryRecord& r) {
  return Prepare("INSERT INTO death_review_history(pair_id, action, decided_by, at, note) "
                 "VALUES(?,?,?,?,?)")
      .Bind(r.pair_id).BindText(r.action).BindText(r.decided_by).Bind(r.at).BindText(r.note).Run();
}

Status Database::PutDeathCase(const DeathCaseRecord& c) {
  return Prepare(fmt::format("INSERT OR REPLACE INTO death_cases({}) VALUES(?,?,?,?,?,?,?,?)",
                             kDeathCaseColumns))
      .Bind(c.death_id).BindText(c.status).BindText(c.hospital).Bind(c.opened_at)
      .Bind(c.person_id).Bind(c.closed_at).BindText(c.closed_by).BindText(c.note).Run();
}

Result<std::optional<DeathCaseRecord>> Database::FindDeathCase(int64_t death_id) {
  Statement& s =
      Prepare(fmt::format("SELECT {} FROM death_cases WHERE death_id = ?", kDeathCaseColumns));
  GANREG_ASSIGN_OR_RETURN(bool row, s.Bind(death_id).Step());
  if (!row) return std::optional<DeathCaseRecord>();
  DeathCaseRecord c = ReadDeathCase(s);
  s.Reset();
  return std::optional<DeathCaseRecord>(std::move(c));
}

Result<std::vector<DeathCaseRecord>> Database::ListDeathCases(std::string_view status) {
  Statement& s = Prepare(fmt::format(
      "SELECT {} FROM death_cases WHERE ? = '' OR status = ? ORDER BY hospital, death_id",
      kDeathCaseColumns));
  s.BindText(status).BindText(status);
  return s.All<DeathCaseRecord>([](const Statement& r) { return ReadDeathCase(r); });
}

// ---- bench baseline ----
Status Database::CreateBaselineTable() {
  return Exec("CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, data BLOB) STRICT");
}

Status Database::InsertBaselineRow(int64_t id, std::string_view data) {
  return Prepare("INSERT INTO bench_baseline(id, data) VALUES(?,?)").Bind(id).BindBlob(data).Run();
}

}  // namespace ganreg::store
