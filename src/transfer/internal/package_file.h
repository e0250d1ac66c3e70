// An opened, signature-checked package file and the key unwrapping that reading and re-addressing
// share; plus the writer's knobs that tests turn (small chunks, cheap Argon2id).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/crypto.h"
#include "crypto/secret_bytes.h"
#include "transfer/internal/chunk_pipeline.h"
#include "transfer/internal/file_io.h"
#include "transfer/internal/format.h"
#include "transfer/package.h"

namespace ganreg::transfer::internal {

struct PackageFile {
  std::string name;  // the path as given, for messages
  Fd fd;
  uint64_t size = 0;
  uint64_t payload_start = 0;
  std::string package_id_raw;
  Header header;
};

// Everything PackageReader::Open checks (structure, signature, layout against the file size).
Result<PackageFile> OpenPackageFile(const std::filesystem::path& path);
// kNotFound naming the parts there are.
Result<size_t> FindPart(const PackageFile& f, std::string_view name);
// The content key of part `part` from the wrap sealed to `box_public`, checked against the
// manifest's key check. kPermissionDenied if the part is not sealed to that key.
Result<crypto::SecretBytes> UnwrapForRecipient(const PackageFile& f, size_t part,
                                               std::string_view box_public,
                                               const crypto::SecretBytes& box_secret);
// kPermissionDenied without a passphrase wrap, kUnauthenticated for a wrong passphrase.
Result<crypto::SecretBytes> UnwrapWithPassphrase(const PackageFile& f, size_t part,
                                                 std::string_view passphrase);

struct WriteOptions {
  uint32_t chunk_bytes = kDefaultChunkBytes;
  // MODERATE: a package on a lost USB stick is attacked offline (S-TRN-3 asks for strength).
  crypto::KdfProfile passphrase_kdf = crypto::KdfProfile::Moderate();
  // The format version to write; 1 only for tests of reading and re-addressing old packages.
  uint16_t version = kFormatVersion;
  // Worker threads sealing and hashing chunks (0: all on the caller's thread), started once a part
  // reaches kParallelFromBytes, or from its first chunk with `threads_now` (tests).
  int threads = WorkerThreads();
  bool threads_now = false;
};
Result<Manifest> WritePackageWith(const WriteOptions& options, std::string_view purpose,
                                  int64_t created_at, int64_t expires_at,
                                  const std::vector<PartSource>& parts, const SecretKey& signer,
                                  const std::filesystem::path& out);

}  // namespace ganreg::transfer::internal
