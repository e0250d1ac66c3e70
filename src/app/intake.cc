// Intake of a notification file: digest, keep the original encrypted, validate row by row,
// split each valid row into identity and clinical parts under fresh batch keys, hold faulty rows
// back (encrypted) with their report, and write the hand-over book — all in one transaction, so
// a crash leaves either the whole file recorded or nothing, and a retry is safe.
#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "app/door.h"
#include "app/internal.h"
#include "crypto/crypto.h"
#include "crypto/stream.h"
#include "ledger/handover.h"
#include "text/encoding.h"
#include "validate/notification_reader.h"

namespace ganreg::app {

namespace {
constexpr size_t kReadChunk = 1 << 16;

bool IsMedium(std::string_view m) { return ledger::ParseMedium(m).has_value(); }

// Reads `file` once: encrypts it to `out` (crypto_secretstream) while taking its BLAKE2b digest
// and size.
Status EncryptOriginal(const std::filesystem::path& file, const std::filesystem::path& out,
                       const crypto::SecretBytes& key, std::string* digest, int64_t* bytes) {
  GANREG_ASSIGN_OR_RETURN(auto writer, crypto::EncryptedFileWriter::Create(out, key));
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(fmt::format("{}: cannot open", file.string()));
  crypto::Hasher h;
  std::string buf(kReadChunk, '\0');
  *bytes = 0;
  size_t n;
  Status s;
  while (s.ok() && (n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    std::string_view chunk(buf.data(), n);
    h.Update(chunk);
    *bytes += static_cast<int64_t>(n);
    s = writer->Write(chunk);
  }
  bool err = std::ferror(f) != 0;
  std::fclose(f);
  crypto::Wipe(buf.data(), buf.size());  // the file's rows, identities among them
  GANREG_RETURN_IF_ERROR(s);
  if (err) return Status::Unavailable(fmt::format("{}: read error", file.string()));
  *digest = h.Final();
  return writer->Finish();
}

// One row on its way to the store: read and validated (and split) by the preparing thread,
// sealed by the sealing thread, written by the storing thread.
struct PreparedRow {
  uint64_t line = 0;
  bool held = false;
  int64_t key_no = 0;
  std::string identity_ct, clinical_ct;        // accepted rows
  validate::Row in;                            // as read (the reader fills it in place)
  std::string identity_plain, clinical_plain;  // kept (and wiped) for a key-number redraw
  std::string issues, held_ct;                 // held-back rows
  std::vector<std::string> issue_lines;

  PreparedRow() = default;
  PreparedRow(PreparedRow&&) = default;
  PreparedRow& operator=(PreparedRow&&) = default;
  // Whatever becomes of a block (a cancelled intake drops blocks in flight), no identity is left
  // in freed memory.
  ~PreparedRow() {
    WipeValues();
    WipeParts();
  }
  // The identifying values as read, once they are in `identity_plain` (or held back).
  void WipeValues() {
    for (const model::ItemDef& d : model::Items()) {
      if (d.part != model::Part::kIdentity) continue;
      std::string& v = in.row[d.item];
      crypto::Wipe(v.data(), v.size());
    }
  }
  // The encoded parts, once stored.
  void WipeParts() {
    crypto::Wipe(identity_plain.data(), identity_plain.size());
    crypto::Wipe(clinical_plain.data(), clinical_plain.size());
  }
};

// Blocks go round the threads (BlockQueue::Recycle), so that the strings of their rows keep
// their capacity: no allocation per row once the first blocks have grown.
struct Block {
  std::vector<PreparedRow> rows;  // rows[0, used) are this block's
  size_t used = 0;
  Status status;  // a read error ends the stream
  bool last = false;
  std::span<PreparedRow> Used() { return std::span(rows).first(used); }
};

// A bounded hand-over of blocks from one thread to the next: the threads work on one file at
// once, and memory stays bounded (kMaxBlocks in flight per queue).
class BlockQueue {
 public:
  static constexpr size_t kMaxBlocks = 8;
  // Drops `b` if the queue was cancelled.
  void Push(Block b) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return blocks_.size() < kMaxBlocks || cancelled_; });
    if (cancelled_) return;
    blocks_.push_back(std::move(b));
    ready_.notify_one();
  }
  // The next block; once cancelled, a last block with status kAborted.
  Block Pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !blocks_.empty() || cancelled_; });
    if (blocks_.empty()) {
      Block b;
      b.status = Status::Aborted("intake cancelled");
      b.last = true;
      return b;
    }
    Block b = std::move(blocks_.front());
    blocks_.pop_front();
    space_.notify_one();
    return b;
  }
  // A block the store is done with, for the preparer to fill again.
  void Recycle(Block b) {
    std::lock_guard lock(mu_);
    if (free_.size() < 2 * kMaxBlocks + 2) free_.push_back(std::move(b));
  }
  // An empty block, recycled if one is at hand.
  Block Fresh() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return Block();
    Block b = std::move(free_.back());
    free_.pop_back();
    b.used = 0;
    b.status = Status::Ok();
    b.last = false;
    return b;
  }
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    space_.notify_all();
    ready_.notify_all();
  }
  bool cancelled() {
    std::lock_guard lock(mu_);
    return cancelled_;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<Block> blocks_;
  std::vector<Block> free_;
  bool cancelled_ = false;
};

constexpr size_t kBlockRows = 256;

// Key numbers: 16 decimal digits, first one non-zero, drawn at random so that a key number says
// nothing about the person. Within one file they are drawn as a random walk — a random start,
// then random steps of 1 to 2^24 — so that they rise with the row order. The row order is
// already in the clear (file and line of each clinical part), so this tells nothing new, and it
// lets the store keep a run of rows in one block found by its key-number range (migration 8;
// a block spans less than 2^32, i.e. 256 steps). A neighbour's key number cannot be guessed
// (one in 2^24).
class KeyNumbers {
 public:
  static constexpr uint64_t kFirst = 1'000'000'000'000'000ULL;
  static constexpr uint64_t kEnd = 10'000'000'000'000'000ULL;  // one past the last
  static constexpr uint64_t kMaxStep = uint64_t{1} << 24;
  int64_t Next() {
    uint64_t step = 1 + random_.Next() % kMaxStep;
    if (current_ == 0 || current_ + step >= kEnd) {
      current_ = kFirst + random_.Next() % (kEnd - kFirst);  // a (re)start anywhere
    } else {
      current_ += step;
    }
    return static_cast<int64_t>(current_);
  }
  // A fresh random start, for redrawing after a collision.
  int64_t Restart() {
    current_ = 0;
    return Next();
  }

 private:
  crypto::RandomBlock random_;
  uint64_t current_ = 0;
};

// The preparing thread: read, validate and split into the two parts (and encrypt held-back
// rows). Never touches the store. The split is done here, where the row's values are still in
// this core's cache, and the values are wiped at once.
void PrepareRows(validate::NotificationReader& reader, std::string_view display, int64_t file_id,
                 const crypto::SecretBytes& identity_key, BlockQueue& queue) {
  crypto::BatchEncryptor held_enc(identity_key);
  KeyNumbers key_numbers;
  Block block = queue.Fresh();
  for (;;) {
    if (block.used == block.rows.size()) block.rows.emplace_back();
    PreparedRow& p = block.rows[block.used];
    const validate::Row& row = p.in;
    auto more = reader.Next(&p.in);  // straight into the block: nothing copied
    if (!more.ok() || !*more) {
      if (!more.ok()) block.status = more.status();
      block.last = true;
      queue.Push(std::move(block));
      return;
    }
    ++block.used;
    p.line = row.line;
    p.held = false;
    p.key_no = 0;
    p.issues.clear();
    p.issue_lines.clear();
    if (!row.issues.empty()) {
      // Held back (quarantine): the raw row encrypted, its report in clear (the report never
      // quotes an identity value).
      p.held = true;
      for (const auto& issue : row.issues) {
        p.issue_lines.push_back(validate::FormatIssue(display, issue));
        if (!p.issues.empty()) p.issues.push_back('\n');
        p.issues += p.issue_lines.back();
      }
      held_enc.Encrypt(row.raw, internal::HeldRowAd(file_id, static_cast<int64_t>(row.line)),
                       &p.held_ct);
    } else {
      p.key_no = key_numbers.Next();
      model::EncodePart(p.in.row, model::Part::kIdentity, &p.identity_plain);
      model::EncodePart(p.in.row, model::Part::kClinical, &p.clinical_plain);
    }
    p.WipeValues();
    crypto::Wipe(p.in.raw.data(), p.in.raw.size());
    if (block.used == kBlockRows) {
      queue.Push(std::move(block));
      if (queue.cancelled()) return;
      block = queue.Fresh();
      block.rows.reserve(kBlockRows);
    }
  }
}

// Associated data that binds a row's parts to its key number and file.
struct PartAds {
  std::string identity, clinical;
  void For(int64_t key_no, int64_t file_id) {
    internal::IdentityAd(key_no, file_id, &identity);
    internal::ClinicalAd(key_no, file_id, &clinical);
  }
};

// The sealing thread: encrypts both parts of each accepted row under the file's batch keys, with
// its key number in the associated data.
void SealRows(int64_t file_id, const crypto::SecretBytes& identity_key,
              const crypto::SecretBytes& clinical_key, BlockQueue& in, BlockQueue& out) {
  crypto::BatchEncryptor identity_enc(identity_key), clinical_enc(clinical_key);
  PartAds ad;
  for (;;) {
    Block block = in.Pop();
    if (block.status.ok()) {
      for (PreparedRow& p : block.Used()) {
        if (p.held) continue;
        ad.For(p.key_no, file_id);
        identity_enc.Encrypt(p.identity_plain, ad.identity, &p.identity_ct);
        clinical_enc.Encrypt(p.clinical_plain, ad.clinical, &p.clinical_ct);
      }
    }
    const bool last = block.last;
    out.Push(std::move(block));
    if (last || out.cancelled()) return;
  }
}
}  // namespace

// Writes the rows of `reader` to the store (inside the open transaction) while two more threads
// prepare (read, validate, split) and seal (encrypt) them. Counts and the first issues go into
// `f` and `result`.
Status Session::StoreRows(validate::NotificationReader& reader, std::string_view display,
                          const crypto::SecretBytes& identity_key,
                          const crypto::SecretBytes& clinical_key, store::FileRecord* f,
                          IntakeResult* result) {
  BlockQueue to_seal, to_store;
  std::thread preparer(PrepareRows, std::ref(reader), display, f->id, std::cref(identity_key),
                       std::ref(to_seal));
  std::thread sealer(SealRows, f->id, std::cref(identity_key), std::cref(clinical_key),
                     std::ref(to_seal), std::ref(to_store));
  // Only for a key-number redraw (rare), on this thread.
  std::optional<crypto::BatchEncryptor> identity_enc, clinical_enc;
  PartAds ad;
  KeyNumbers redraws;
  std::vector<store::NotificationInsert> inserts;
  std::vector<PreparedRow*> accepted;
  // Draws a new key number for `p` and encrypts its parts again (the key number is in the
  // associated data).
  auto redraw = [&](PreparedRow& p) {
    if (!identity_enc) {
      identity_enc.emplace(identity_key);
      clinical_enc.emplace(clinical_key);
    }
    p.key_no = redraws.Restart();
    ad.For(p.key_no, f->id);
    identity_enc->Encrypt(p.identity_plain, ad.identity, &p.identity_ct);
    clinical_enc->Encrypt(p.clinical_plain, ad.clinical, &p.clinical_ct);
  };
  auto as_insert = [](const PreparedRow& p) {
    return store::NotificationInsert{p.key_no, static_cast<int64_t>(p.line), p.identity_ct,
                                     p.clinical_ct};
  };
  Status status;
  for (bool last = false; !last && status.ok();) {
    Block block = to_store.Pop();
    last = block.last;
    status = block.status;
    inserts.clear();
    accepted.clear();
    for (PreparedRow& p : block.Used()) {
      if (!status.ok()) break;
      ++f->rows_read;
      if (p.held) {
        result->issue_count += static_cast<int64_t>(p.issue_lines.size());
        for (auto& line : p.issue_lines) {
          if (result->issues.size() < IntakeResult::kMaxReportedIssues) {
            result->issues.push_back(std::move(line));
          }
        }
        status = db_.InsertHeldRow({f->id, static_cast<int64_t>(p.line), p.issues, p.held_ct});
        ++f->rows_held;
        continue;
      }
      inserts.push_back(as_insert(p));
      accepted.push_back(&p);
      ++f->rows_accepted;
    }
    if (status.ok()) status = db_.InsertNotifications(f->id, inserts);
    if (status.code() == StatusCode::kAlreadyExists) {
      // A key number was drawn before (rare: when this file's walk meets another's): store this
      // block row by row, drawing again for the row that collides.
      status = Status::Ok();
      for (PreparedRow* p : accepted) {
        for (int attempt = 0; status.ok(); ++attempt) {
          store::NotificationInsert one = as_insert(*p);
          Status s = db_.InsertNotifications(f->id, std::span(&one, 1));
          if (s.code() != StatusCode::kAlreadyExists || attempt == 8) {
            status = s;
            break;
          }
          redraw(*p);
        }
      }
    }
    for (PreparedRow& p : block.Used()) p.WipeParts();
    to_seal.Recycle(std::move(block));
  }
  // Wakes a thread waiting for space or for a block; each stops at its next hand-over.
  if (!status.ok()) {
    to_seal.Cancel();
    to_store.Cancel();
  }
  preparer.join();
  sealer.join();
  return status;
}

Result<IntakeResult> Session::Intake(const IntakeRequest& req) {
  const std::string display =
      req.display_name.empty() ? req.file.filename().string() : req.display_name;
  return Run<IntakeResult>(
      Action::kIntake, "file:" + display, [&](Work& w) -> Result<IntakeResult> {
        if (!internal::IsInstitutionCode(req.hospital_code)) {
          return Status::InvalidArgument(fmt::format(
              "--from '{}' is not a 10-digit medical institution code", req.hospital_code));
        }
        if (!IsMedium(req.medium)) {
          return Status::InvalidArgument(
              fmt::format("--medium '{}' is not one of online, cd-r, usb, paper", req.medium));
        }
        std::optional<text::Encoding> declared;
        if (req.encoding && *req.encoding != "auto") {
          GANREG_ASSIGN_OR_RETURN(declared, text::ParseEncoding(*req.encoding));
        }
        const int32_t today = JapanDate(registry_.clock_->NowSeconds());
        IntakeSource source;
        source.file = req.file;
        source.display = display;
        source.hospital_code = req.hospital_code;
        source.medium = req.medium;
        source.encoding = declared ? std::string(text::EncodingName(*declared)) : "auto";
        source.kind = "届出票ファイル (notification file)";
        source.open_reader = [&]() {
          return validate::NotificationReader::Open(req.file, display, declared, today);
        };
        source.open_reader_assuming_utf8 = [&]() {
          return validate::NotificationReader::OpenAssumingUtf8(req.file, display, declared, today);
        };
        return TakeIn(source, w);
      });
}

Result<IntakeResult> Session::TakeIn(const IntakeSource& src, Work& w) {
  const int64_t now = registry_.clock_->NowSeconds();
  const std::string& display = src.display;
  IntakeResult result;

  // Fresh data keys for this file, sealed to each category's public key: taking a file in
  // needs no grant to read it back.
  crypto::SecretBytes identity_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  crypto::SecretBytes clinical_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  GANREG_ASSIGN_OR_RETURN(
      auto id_cat,
      db_.CurrentCategoryKey(model::CategoryId(model::Category::kNotificationIdentity)));
  GANREG_ASSIGN_OR_RETURN(
      auto cl_cat,
      db_.CurrentCategoryKey(model::CategoryId(model::Category::kNotificationClinical)));

  // The original is kept, encrypted under the identity data key (it holds identities) and
  // named by its digest. One read gives both, on its own thread while the rows are taken in;
  // the duplicate check waits for the digest and, for a file seen before, undoes the rows.
  const std::filesystem::path originals = registry_.dir_ / "originals";
  const std::filesystem::path incoming =
      originals / fmt::format("incoming-{}.enc", crypto::ToHex(crypto::RandomBytes(8)));
  std::string digest;
  int64_t bytes = 0;
  Status encrypted;
  // Declared in this order so that the thread is joined before the temporary file goes.
  struct IncomingCleanup {
    const std::filesystem::path& p;
    ~IncomingCleanup() {
      std::error_code e;
      std::filesystem::remove(p, e);  // a no-op once it was renamed
    }
  } cleanup{incoming};
  std::thread keeper(
      [&] { encrypted = EncryptOriginal(src.file, incoming, identity_key, &digest, &bytes); });
  struct Joiner {
    std::thread& t;
    ~Joiner() {
      if (t.joinable()) t.join();
    }
  } joiner{keeper};
  std::error_code ec;

  GANREG_RETURN_IF_ERROR(db_.Savepoint("intake"));
  store::FileRecord f;
  f.digest = crypto::RandomBytes(crypto::kHashBytes);  // unique stand-in until the digest is known
  f.display_name = display;
  f.hospital_code = src.hospital_code;
  f.medium = src.medium;
  f.encoding = src.encoding;
  f.received_at = now;
  f.received_by = actor_.name;
  f.status = "accepted";
  f.original = "";
  GANREG_ASSIGN_OR_RETURN(f.id, db_.InsertFile(f));
  w.object = fmt::format("file:{}", f.id);
  result.file_id = f.id;
  GANREG_RETURN_IF_ERROR(
      db_.InsertBatchKey({f.id, id_cat.category, id_cat.version,
                          crypto::SealTo(id_cat.public_key, identity_key.span())}));
  GANREG_RETURN_IF_ERROR(
      db_.InsertBatchKey({f.id, cl_cat.category, cl_cat.version,
                          crypto::SealTo(cl_cat.public_key, clinical_key.span())}));

  // Most files are UTF-8: they are read at once, without a first pass to settle the encoding.
  // One that is not after all is read again from the start (its rows undone).
  GANREG_RETURN_IF_ERROR(db_.Savepoint("rows"));
  for (int attempt = src.open_reader_assuming_utf8 ? 0 : 1; attempt < 2; ++attempt) {
    auto reader = attempt == 0 ? src.open_reader_assuming_utf8() : src.open_reader();
    if (!reader.ok()) {
      if (reader.status().code() != StatusCode::kRejected) return reader.status();
      f.status = "rejected";
      f.reason = reader.status().message();
      result.rejected = true;
      result.reason = f.reason;
      break;
    }
    f.encoding = std::string(text::EncodingName((*reader)->encoding()));
    Status stored = StoreRows(**reader, display, identity_key, clinical_key, &f, &result);
    if (stored.ok()) break;
    if (attempt > 0 || !(*reader)->guessed_wrong()) return stored;
    GANREG_RETURN_IF_ERROR(db_.RollbackToSavepoint("rows"));
    GANREG_RETURN_IF_ERROR(db_.Savepoint("rows"));
    f.rows_read = f.rows_accepted = f.rows_held = 0;
    result = IntakeResult();
    result.file_id = f.id;
  }
  GANREG_RETURN_IF_ERROR(db_.ReleaseSavepoint("rows"));

  keeper.join();
  GANREG_RETURN_IF_ERROR(encrypted);
  GANREG_ASSIGN_OR_RETURN(auto earlier, db_.FindFileByDigest(digest));
  if (earlier) {
    // The same bytes were taken in before: undo everything of this attempt.
    GANREG_RETURN_IF_ERROR(db_.RollbackToSavepoint("intake"));
    IntakeResult dup;
    dup.duplicate = true;
    dup.file_id = earlier->id;
    dup.reason = fmt::format("the same file was received on {} as file #{} ({})",
                             FormatUtc(earlier->received_at), earlier->id, earlier->status);
    w.object = fmt::format("file:{}", earlier->id);
    w.detail = "duplicate: nothing added";
    return dup;
  }
  // Named by digest: a retry after a crash replaces the same name.
  f.digest = digest;
  f.bytes = bytes;
  f.original = crypto::ToHex(digest) + ".enc";
  std::filesystem::rename(incoming, originals / f.original, ec);
  if (ec) {
    return Status::Unavailable(fmt::format("{}: cannot keep the original: {}",
                                           (originals / f.original).string(), ec.message()));
  }
  for (size_t i = 0; i < src.more_files.size(); ++i) {
    // Named after the first: originals/<digest>.<n>.enc, under the same data key.
    std::string more_digest;
    int64_t more_bytes = 0;
    const std::filesystem::path more =
        originals / fmt::format("{}.{}.enc", crypto::ToHex(digest), i + 1);
    GANREG_RETURN_IF_ERROR(
        EncryptOriginal(src.more_files[i], more, identity_key, &more_digest, &more_bytes));
  }
  if (src.after_file) GANREG_RETURN_IF_ERROR(src.after_file(f.id));
  GANREG_RETURN_IF_ERROR(db_.FinishFile(f));
  GANREG_RETURN_IF_ERROR(db_.ReleaseSavepoint("intake"));

  // S-ACQ-5: every receipt goes into the hand-over book.
  ledger::Delivery d;
  d.at = now;
  d.handled_by = actor_.name;
  d.counterpart = src.hospital_code;
  d.recipient = registry_.name_;
  d.medium = *ledger::ParseMedium(src.medium);
  d.file_id = f.id;
  d.summary = result.rejected
                  ? fmt::format("{} {}: 受付不可 rejected", src.kind, display)
                  : fmt::format("{} {}: {}件 rows, 受理 accepted {}, 保留 held back {}", src.kind,
                                display, f.rows_read, f.rows_accepted, f.rows_held);
  GANREG_ASSIGN_OR_RETURN(const int64_t entry, ledger::RecordReceipt(db_, d));
  // S-ACQ-4: an online receipt's acquisition register entry, filled from what intake knows (a
  // receipt on media or paper gets it once `ledger delivery` records how it travelled).
  GANREG_RETURN_IF_ERROR(internal::FillAcquisition(
      db_, {entry, d.at, "receipt", d.handled_by, d.counterpart, d.recipient, d.summary,
            src.medium, f.id},
      nullptr));

  result.encoding = f.encoding;
  result.rows_read = f.rows_read;
  result.rows_accepted = f.rows_accepted;
  result.rows_held = f.rows_held;
  w.outcome = result.rejected ? audit::Outcome::kRejected : audit::Outcome::kDone;
  w.detail = result.rejected
                 ? fmt::format("rejected bytes={}", bytes)
                 : fmt::format("rows={} accepted={} held={} encoding={} bytes={}", f.rows_read,
                               f.rows_accepted, f.rows_held, f.encoding, bytes);
  return result;
}

}  // namespace ganreg::app
