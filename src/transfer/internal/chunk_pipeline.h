// The payload's data path on worker threads (docs/formats/transfer-package.md, "Payload" and
// "Payload digest"): a part's chunks are sealed or opened, and hashed, on up to a few threads at
// once, each chunk in its own buffer of a small ring, written or read at its own place in the file
// (pwrite/pread), while the caller's thread fills the ring (writing) or takes the plaintext in
// chunk order (reading). Memory is the ring (a few chunks), whatever the part's size.
//
// Security: a plaintext chunk is handed out only after its tag verified; the digest is folded in
// chunk order on the caller's thread and compared after the last chunk, as before.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.h"
#include "crypto/crypto.h"
#include "crypto/secret_bytes.h"
#include "transfer/internal/gcm_stream.h"
#include "transfer/internal/payload_digest.h"

namespace ganreg::transfer::internal {

// Worker threads a part uses: the machine's cores (at most 4), but none for a part smaller than
// kParallelFromBytes, where handing chunks between threads costs more than it saves (on a busy
// machine a thread may wait milliseconds for its turn). Tests override both (ScopedWorkerThreads:
// that many threads whatever the size; 0 = everything on the caller's thread).
inline constexpr uint64_t kParallelFromBytes = uint64_t{4} << 20;
int WorkerThreads();
int WorkerThreadsFor(uint64_t part_bytes);
class ScopedWorkerThreads {
 public:
  explicit ScopedWorkerThreads(int n);
  ~ScopedWorkerThreads();
  ScopedWorkerThreads(const ScopedWorkerThreads&) = delete;
  ScopedWorkerThreads& operator=(const ScopedWorkerThreads&) = delete;

 private:
  int old_;
};

// What identifies one part's stream in a file.
struct ChunkStreamConfig {
  int fd = -1;
  std::string file_name;  // for messages
  std::string part_name;
  int version = 2;  // 1: BLAKE2b of the plaintext; 2: SHA-256 leaves of the sealed chunks
  uint32_t chunk_bytes = 0;
  uint64_t file_offset = 0;  // where chunk 0 is in the file
  std::string nonce_prefix;
  std::string aad;
};

// One buffer of the ring and the job in it.
struct ChunkSlot {
  enum class State { kIdle, kQueued, kDone };
  crypto::SecretBytes buf;  // plaintext or ciphertext ‖ tag, wiped when the ring goes
  size_t fill = 0;          // plaintext bytes of the chunk
  uint64_t index = 0;
  bool final = false;
  State state = State::kIdle;
  uint8_t leaf[kLeafBytes] = {};
  Status status;
};

// A ring of slots and the threads that work on them. Work on a slot gets the slot and the index of
// the calling worker's context (0 when the caller's thread does the work itself).
class ChunkRing {
 public:
  using Work = std::function<void(ChunkSlot&, size_t context)>;
  // `threads` workers, started by Start(); until then Submit does the work on the caller's thread.
  ChunkRing(size_t slots, size_t slot_bytes, int threads, Work work);
  ~ChunkRing();  // stops and joins the workers
  ChunkRing(const ChunkRing&) = delete;
  ChunkRing& operator=(const ChunkRing&) = delete;

  size_t size() const { return slots_.size(); }
  // How many work contexts (GCM and SHA-256 states) the caller must provide.
  size_t contexts() const { return threads_ == 0 ? 1 : static_cast<size_t>(threads_); }
  ChunkSlot& slot(uint64_t index) { return *slots_[static_cast<size_t>(index % slots_.size())]; }
  void Start();
  bool started() const { return !workers_.empty(); }
  // Queues the slot's job (or does it at once before Start).
  void Submit(ChunkSlot& s);
  // Until the slot's job is done.
  void Wait(ChunkSlot& s);

 private:
  void Loop(size_t context);
  std::vector<std::unique_ptr<ChunkSlot>> slots_;
  int threads_;
  Work work_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<ChunkSlot*> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

// Seals one part: plaintext in (pushed or read), sealed chunks written at their place.
class PartSealer {
 public:
  // Up to `threads` workers (0: all on the caller's thread), started once the part has reached
  // kParallelFromBytes (at once if `threads_now`).
  static Result<std::unique_ptr<PartSealer>> Create(ChunkStreamConfig config,
                                                    const crypto::SecretBytes& key, int threads,
                                                    bool threads_now = false);
  Status Write(std::string_view data);
  // Reads with `read` (bytes read, 0 at the end) straight into the chunk buffers.
  Status ReadFrom(const std::function<Result<size_t>(char* buf, size_t n)>& read);
  // Seals the last chunk and waits for every chunk to be written.
  Status Finish();
  uint64_t bytes() const { return bytes_; }
  uint64_t written() const { return written_; }
  // The part's digest (raw, 32 bytes) after Finish.
  std::string Digest();

 private:
  PartSealer(ChunkStreamConfig config, int threads, bool threads_now);
  Status Fail(Status s);
  Status Submit(bool final);
  Status FoldUpTo(uint64_t end);
  Status Acquire(uint64_t index);
  void Seal(ChunkSlot& s, size_t context);

  ChunkStreamConfig c_;
  std::vector<std::unique_ptr<GcmStream>> gcm_;  // one per context
  std::vector<std::unique_ptr<Sha256>> sha_;
  std::unique_ptr<ChunkRing> ring_;  // declared last: its workers stop before the rest goes
  ChunkSlot* cur_ = nullptr;
  uint64_t index_ = 0, next_fold_ = 0, bytes_ = 0, written_ = 0;
  bool threads_now_ = false;
  crypto::Hasher blake_;  // version 1
  PayloadDigest root_;    // version 2
  Status failed_;
};

// Opens one part: sealed chunks read (ahead, on the workers) and decrypted; plaintext out in order.
class PartOpener {
 public:
  static Result<std::unique_ptr<PartOpener>> Create(ChunkStreamConfig config,
                                                    const crypto::SecretBytes& key,
                                                    uint64_t plaintext_bytes,
                                                    std::string expected_digest_hex, int threads);
  // As PackageReader::PartStream::Next: the next plaintext chunk, empty at the end after the
  // digest matched.
  Result<std::string_view> Next();

 private:
  PartOpener(ChunkStreamConfig config, uint64_t plaintext_bytes, std::string digest, int threads);
  Status Fail(Status s);
  void Open(ChunkSlot& s, size_t context);

  ChunkStreamConfig c_;
  uint64_t bytes_, chunks_;
  std::string expected_digest_;
  std::vector<std::unique_ptr<GcmStream>> gcm_;
  std::vector<std::unique_ptr<Sha256>> sha_;
  std::unique_ptr<ChunkRing> ring_;  // declared last: its workers stop before the rest goes
  uint64_t index_ = 0, next_submit_ = 0;
  bool holding_ = false, done_ = false;
  crypto::Hasher blake_;
  PayloadDigest root_;
  Status failed_;
};

}  // namespace ganreg::transfer::internal
