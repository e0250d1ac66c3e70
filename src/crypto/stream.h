// Encrypted files of any size with constant memory: libsodium's secretstream (XChaCha20-Poly1305
// per chunk, a counter in the state, a FINAL tag on the last chunk), framed as described in
// docs/formats/encrypted-file.md. Truncation, reordering and dropped chunks are detected.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace ganreg::crypto {

inline constexpr size_t kStreamChunkBytes = 64 * 1024;

// Writes an encrypted file. Not thread-safe. The file appears under `path` only after Finish()
// (written beside it, fsynced, renamed), so a crash never leaves a half file under that name.
class EncryptedFileWriter {
 public:
  static Result<std::unique_ptr<EncryptedFileWriter>> Create(const std::filesystem::path& path,
                                                             const SecretBytes& key);
  ~EncryptedFileWriter();
  Status Write(std::string_view data);
  Status Finish();

 private:
  EncryptedFileWriter() = default;
  Status FlushChunk(bool final);
  std::filesystem::path path_, tmp_;
  FILE* file_ = nullptr;
  std::unique_ptr<unsigned char[]> state_;
  std::string buffer_;
  bool finished_ = false;
};

// Decrypts `path` chunk by chunk into `sink`. kDataLoss names the chunk that failed
// (damaged, reordered, truncated or wrong key).
Status DecryptFile(const std::filesystem::path& path, const SecretBytes& key,
                   const std::function<Status(std::string_view)>& sink);

}  // namespace ganreg::crypto
