// The payload's data path on worker threads; see chunk_pipeline.h.
#include "transfer/internal/chunk_pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>

#include "transfer/internal/file_io.h"
#include "transfer/internal/format.h"

namespace ganreg::transfer::internal {
namespace {

constexpr int kNoOverride = -1;
std::atomic<int> g_threads_override{kNoOverride};

// Sealing and hashing go a piece of this size at a time, so the hash reads what the cipher has
// just written while it is still in the core's cache.
constexpr size_t kPieceBytes = 32u << 10;

uint64_t SealedChunkBytes(uint32_t chunk_bytes) { return uint64_t{chunk_bytes} + kGcmTagBytes; }

std::string_view View(const ChunkSlot& s, size_t n) {
  return {reinterpret_cast<const char*>(s.buf.data()), n};
}

}  // namespace

int WorkerThreads() {
  const int o = g_threads_override.load();
  if (o != kNoOverride) return o;
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 4u));
}

int WorkerThreadsFor(uint64_t part_bytes) {
  if (g_threads_override.load() != kNoOverride) return WorkerThreads();
  return part_bytes < kParallelFromBytes ? 0 : WorkerThreads();
}

ScopedWorkerThreads::ScopedWorkerThreads(int n) : old_(g_threads_override.exchange(n)) {}
ScopedWorkerThreads::~ScopedWorkerThreads() { g_threads_override.store(old_); }

// ---------------------------------------------------------------- ring

ChunkRing::ChunkRing(size_t slots, size_t slot_bytes, int threads, Work work)
    : threads_(threads), work_(std::move(work)) {
  GANREG_CHECK(slots >= 1 && threads >= 0);
  for (size_t i = 0; i < slots; ++i) {
    slots_.push_back(std::make_unique<ChunkSlot>());
    slots_.back()->buf = crypto::SecretBytes(slot_bytes);
  }
}

void ChunkRing::Start() {
  if (!workers_.empty()) return;
  for (int t = 0; t < threads_; ++t) {
    workers_.emplace_back([this, t] { Loop(static_cast<size_t>(t)); });
  }
}

ChunkRing::~ChunkRing() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  work_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ChunkRing::Submit(ChunkSlot& s) {
  if (workers_.empty()) {
    work_(s, 0);
    s.state = ChunkSlot::State::kDone;
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    s.state = ChunkSlot::State::kQueued;
    queue_.push_back(&s);
  }
  work_cv_.notify_one();
}

void ChunkRing::Wait(ChunkSlot& s) {
  if (workers_.empty()) return;
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return s.state != ChunkSlot::State::kQueued; });
}

void ChunkRing::Loop(size_t context) {
  for (;;) {
    ChunkSlot* s = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      s = queue_.front();
      queue_.pop_front();
    }
    // The slot is this worker's alone until it is marked done.
    work_(*s, context);
    {
      std::lock_guard<std::mutex> lock(mu_);
      s->state = ChunkSlot::State::kDone;
    }
    done_cv_.notify_all();
  }
}

// ---------------------------------------------------------------- sealing

PartSealer::PartSealer(ChunkStreamConfig config, int threads, bool threads_now)
    : c_(std::move(config)), threads_now_(threads_now) {
  // Two slots at least: a full chunk is held back until more data shows it is not the last.
  const size_t slots = threads == 0 ? 2 : 2 * static_cast<size_t>(threads) + 2;
  ring_ = std::make_unique<ChunkRing>(slots, SealedChunkBytes(c_.chunk_bytes), threads,
                                      [this](ChunkSlot& s, size_t ctx) { Seal(s, ctx); });
}

Result<std::unique_ptr<PartSealer>> PartSealer::Create(ChunkStreamConfig config,
                                                       const crypto::SecretBytes& key, int threads,
                                                       bool threads_now) {
  GANREG_CHECK(config.version == 1 || config.version == 2);
  GANREG_CHECK(config.chunk_bytes >= kMinChunkBytes && config.chunk_bytes <= kMaxChunkBytes);
  std::unique_ptr<PartSealer> p(new PartSealer(std::move(config), threads, threads_now));
  for (size_t i = 0; i < p->ring_->contexts(); ++i) {
    GANREG_ASSIGN_OR_RETURN(
        std::unique_ptr<GcmStream> gcm,
        GcmStream::Create(GcmStream::Direction::kSeal, key, p->c_.nonce_prefix, p->c_.aad));
    p->gcm_.push_back(std::move(gcm));
    p->sha_.push_back(std::make_unique<Sha256>());
  }
  p->cur_ = &p->ring_->slot(0);
  p->cur_->fill = 0;
  p->cur_->index = 0;
  return p;
}

void PartSealer::Seal(ChunkSlot& s, size_t context) {
  GcmStream& gcm = *gcm_[context];
  Sha256& sha = *sha_[context];
  uint8_t* data = s.buf.data();
  const bool hash = c_.version >= 2;
  // In place, a cache-sized piece at a time: each piece of ciphertext is hashed while it is hot.
  s.status = gcm.Begin(static_cast<uint32_t>(s.index), s.final);
  for (size_t at = 0; s.status.ok() && at < s.fill; at += kPieceBytes) {
    const size_t n = std::min(kPieceBytes, s.fill - at);
    s.status = gcm.Update(data + at, data + at, n);
    if (hash) sha.Update(data + at, n);
  }
  if (s.status.ok()) s.status = gcm.SealFinal(data + s.fill);
  if (!s.status.ok()) return;
  const size_t sealed = s.fill + kGcmTagBytes;
  if (hash) {
    sha.Update(data + s.fill, kGcmTagBytes);
    sha.Final(s.leaf);
  }
  s.status = PwriteAll(c_.fd, c_.file_offset + s.index * SealedChunkBytes(c_.chunk_bytes),
                       View(s, sealed), c_.file_name);
}

Status PartSealer::Fail(Status s) {
  failed_ = s;
  return s;
}

Status PartSealer::FoldUpTo(uint64_t end) {
  while (next_fold_ < end) {
    ChunkSlot& s = ring_->slot(next_fold_);
    ring_->Wait(s);
    if (!s.status.ok()) return Fail(s.status);
    if (c_.version >= 2) root_.AddLeaf(s.leaf);
    written_ += s.fill + kGcmTagBytes;
    s.state = ChunkSlot::State::kIdle;
    ++next_fold_;
  }
  return Status::Ok();
}

// Makes slot(index) free for chunk `index` (the chunk that had it before is folded first).
Status PartSealer::Acquire(uint64_t index) {
  if (index >= ring_->size()) GANREG_RETURN_IF_ERROR(FoldUpTo(index - ring_->size() + 1));
  ChunkSlot& s = ring_->slot(index);
  s.fill = 0;
  s.index = index;
  s.final = false;
  s.status = Status::Ok();
  return Status::Ok();
}

Status PartSealer::Submit(bool final) {
  if (index_ >= kMaxChunksPerPart) {
    return Fail(Status::InvalidArgument(
        fmt::format("{}: part '{}' has too many chunks", c_.file_name, c_.part_name)));
  }
  cur_->final = final;
  if (!ring_->started() && (threads_now_ || bytes_ >= kParallelFromBytes)) ring_->Start();
  ring_->Submit(*cur_);
  return Status::Ok();
}

Status PartSealer::Write(std::string_view data) {
  GANREG_RETURN_IF_ERROR(failed_);
  if (data.size() > kMaxPartBytes - bytes_) {
    return Fail(
        Status::InvalidArgument(fmt::format("{}: part is larger than 2^56 bytes", c_.part_name)));
  }
  while (!data.empty()) {
    if (cur_->fill == c_.chunk_bytes) {
      // More data: the full chunk is not the last one.
      GANREG_RETURN_IF_ERROR(Submit(false));
      ++index_;
      GANREG_RETURN_IF_ERROR(Acquire(index_));
      cur_ = &ring_->slot(index_);
    }
    const size_t take = std::min<size_t>(data.size(), c_.chunk_bytes - cur_->fill);
    std::memcpy(cur_->buf.data() + cur_->fill, data.data(), take);
    if (c_.version == 1) blake_.Update(data.substr(0, take));
    cur_->fill += take;
    bytes_ += take;
    data.remove_prefix(take);
  }
  return Status::Ok();
}

Status PartSealer::ReadFrom(const std::function<Result<size_t>(char*, size_t)>& read) {
  GANREG_RETURN_IF_ERROR(failed_);
  for (;;) {
    ChunkSlot* into = cur_;
    if (cur_->fill == c_.chunk_bytes) {
      // The chunk is full; read into the next slot to learn whether it was the last.
      GANREG_RETURN_IF_ERROR(Acquire(index_ + 1));
      into = &ring_->slot(index_ + 1);
    }
    char* at = reinterpret_cast<char*>(into->buf.data()) + into->fill;
    Result<size_t> n = read(at, c_.chunk_bytes - into->fill);
    if (!n.ok()) return Fail(n.status());
    GANREG_CHECK(*n <= c_.chunk_bytes - into->fill);
    if (*n == 0) return Status::Ok();  // the end; Finish seals cur_ as the last chunk
    if (*n > kMaxPartBytes - bytes_) {
      return Fail(
          Status::InvalidArgument(fmt::format("{}: part is larger than 2^56 bytes", c_.part_name)));
    }
    if (into != cur_) {
      GANREG_RETURN_IF_ERROR(Submit(false));
      ++index_;
      cur_ = into;
    }
    if (c_.version == 1) blake_.Update(std::string_view(at, *n));
    cur_->fill += *n;
    bytes_ += *n;
  }
}

Status PartSealer::Finish() {
  GANREG_RETURN_IF_ERROR(failed_);
  GANREG_RETURN_IF_ERROR(Submit(true));
  return FoldUpTo(index_ + 1);
}

std::string PartSealer::Digest() { return c_.version == 1 ? blake_.Final() : root_.Final(); }

// ---------------------------------------------------------------- opening

PartOpener::PartOpener(ChunkStreamConfig config, uint64_t plaintext_bytes, std::string digest,
                       int threads)
    : c_(std::move(config)),
      bytes_(plaintext_bytes),
      chunks_(ChunkCount(plaintext_bytes, c_.chunk_bytes)),
      expected_digest_(std::move(digest)) {
  if (chunks_ < 2) threads = 0;  // nothing to overlap
  const size_t slots = threads == 0 ? 1 : 2 * static_cast<size_t>(threads) + 2;
  const uint64_t largest = std::min<uint64_t>(c_.chunk_bytes, bytes_);
  ring_ = std::make_unique<ChunkRing>(static_cast<size_t>(std::min<uint64_t>(slots, chunks_)),
                                      static_cast<size_t>(largest) + kGcmTagBytes, threads,
                                      [this](ChunkSlot& s, size_t ctx) { Open(s, ctx); });
  ring_->Start();
}

Result<std::unique_ptr<PartOpener>> PartOpener::Create(ChunkStreamConfig config,
                                                       const crypto::SecretBytes& key,
                                                       uint64_t plaintext_bytes,
                                                       std::string expected_digest_hex,
                                                       int threads) {
  GANREG_CHECK(config.version == 1 || config.version == 2);
  std::unique_ptr<PartOpener> p(
      new PartOpener(std::move(config), plaintext_bytes, std::move(expected_digest_hex), threads));
  for (size_t i = 0; i < p->ring_->contexts(); ++i) {
    GANREG_ASSIGN_OR_RETURN(
        std::unique_ptr<GcmStream> gcm,
        GcmStream::Create(GcmStream::Direction::kOpen, key, p->c_.nonce_prefix, p->c_.aad));
    p->gcm_.push_back(std::move(gcm));
    p->sha_.push_back(std::make_unique<Sha256>());
  }
  return p;
}

void PartOpener::Open(ChunkSlot& s, size_t context) {
  GcmStream& gcm = *gcm_[context];
  Sha256& sha = *sha_[context];
  const size_t sealed = s.fill + kGcmTagBytes;
  uint8_t* data = s.buf.data();
  Status read = PreadExact(c_.fd, c_.file_offset + s.index * SealedChunkBytes(c_.chunk_bytes),
                           reinterpret_cast<char*>(data), sealed, c_.file_name);
  if (!read.ok()) {
    s.status = Status(
        read.code(), fmt::format("{} (part '{}' chunk {})", read.message(), c_.part_name, s.index));
    return;
  }
  const bool hash = c_.version >= 2;
  // A cache-sized piece at a time: the leaf is of the sealed bytes, so each piece is hashed just
  // before it is decrypted in place.
  s.status = gcm.Begin(static_cast<uint32_t>(s.index), s.final);
  for (size_t at = 0; s.status.ok() && at < s.fill; at += kPieceBytes) {
    const size_t n = std::min(kPieceBytes, s.fill - at);
    if (hash) sha.Update(data + at, n);
    s.status = gcm.Update(data + at, data + at, n);
  }
  if (!s.status.ok()) return;
  if (hash) {
    sha.Update(data + s.fill, kGcmTagBytes);
    sha.Final(s.leaf);
  }
  if (!gcm.OpenFinal(data + s.fill)) {
    // GCM decrypts before it verifies: what was written is unauthenticated and must not be used.
    crypto::Wipe(data, s.fill);
    s.status = Status::DataLoss(fmt::format(
        "{}: part '{}' chunk {} does not authenticate (damaged, reordered or truncated)",
        c_.file_name, c_.part_name, s.index));
    return;
  }
  s.status = Status::Ok();
}

Status PartOpener::Fail(Status s) {
  failed_ = std::move(s);
  return failed_;
}

Result<std::string_view> PartOpener::Next() {
  if (!failed_.ok()) return failed_;
  if (done_) return std::string_view();
  while (index_ < chunks_) {
    if (holding_) {
      ring_->slot(index_ - 1).state = ChunkSlot::State::kIdle;  // the caller is done with it
      holding_ = false;
    }
    // Keep the ring full: chunks ahead are read and decrypted while the caller works.
    while (next_submit_ < chunks_ && next_submit_ < index_ + ring_->size()) {
      ChunkSlot& s = ring_->slot(next_submit_);
      s.index = next_submit_;
      s.final = next_submit_ + 1 == chunks_;
      s.fill =
          static_cast<size_t>(s.final ? bytes_ - next_submit_ * c_.chunk_bytes : c_.chunk_bytes);
      ring_->Submit(s);
      ++next_submit_;
    }
    ChunkSlot& s = ring_->slot(index_);
    ring_->Wait(s);
    if (!s.status.ok()) return Fail(s.status);
    const std::string_view piece = View(s, s.fill);
    if (c_.version >= 2) {
      root_.AddLeaf(s.leaf);
    } else {
      blake_.Update(piece);
    }
    ++index_;
    holding_ = true;
    if (!piece.empty()) return piece;
  }
  // Every chunk authenticated; the digest ties the whole to the signed manifest.
  done_ = true;
  const std::string digest = crypto::ToHex(c_.version >= 2 ? root_.Final() : blake_.Final());
  if (!crypto::BytesEqual(digest, expected_digest_)) {
    return Fail(Status::DataLoss(fmt::format(
        "{}: part '{}' does not match its digest in the manifest", c_.file_name, c_.part_name)));
  }
  return std::string_view();
}

}  // namespace ganreg::transfer::internal
