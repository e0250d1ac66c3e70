// The payload digest of format version 2 (docs/formats/transfer-package.md, "Payload digest"):
// SHA-256 (OpenSSL EVP, SHA-NI where the CPU has it) of every sealed chunk, folded in chunk order
// into one SHA-256. Each chunk's leaf can be computed on any thread; only the fold is in order.
// OpenSSL types stay in the .cc; this header is internal to the transfer module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace ganreg::transfer::internal {

inline constexpr size_t kLeafBytes = 32;
// Domain of the fold: the root is SHA-256(this ‖ leaf_0 ‖ … ‖ leaf_{N-1}).
inline constexpr std::string_view kPayloadDigestDomain = "ganreg-transfer payload digest v2";

// An incremental SHA-256. Not thread-safe; one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(const void* data, size_t n);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  // Writes the 32-byte digest and starts over.
  void Final(uint8_t out[kLeafBytes]);
  // SHA-256 of one buffer (a chunk's leaf).
  void Of(const void* data, size_t n, uint8_t out[kLeafBytes]);

 private:
  evp_md_ctx_st* ctx_ = nullptr;
};

// The in-order fold of the leaves into the part's digest.
class PayloadDigest {
 public:
  PayloadDigest();
  void AddLeaf(const uint8_t leaf[kLeafBytes]);
  // The 32-byte digest (raw); the object must not be used afterwards.
  std::string Final();

 private:
  Sha256 root_;
};

}  // namespace ganreg::transfer::internal
