// AES-256-GCM in the STREAM construction over OpenSSL's EVP interface: the nonce of chunk j is
// prefix (7) ‖ j (u32) ‖ final flag (1), so a chunk authenticates only at its own index, and
// only as the last chunk if it was sealed as the last (docs/formats/transfer-package.md,
// "Payload"). OpenSSL types stay in the .cc; this header is internal to the transfer module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

struct evp_cipher_ctx_st;  // OpenSSL's EVP_CIPHER_CTX

namespace ganreg::transfer::internal {

inline constexpr size_t kContentKeyBytes = 32;
inline constexpr size_t kGcmTagBytes = 16;
inline constexpr size_t kNoncePrefixBytes = 7;
inline constexpr size_t kGcmNonceBytes = 12;
// The chunk index is a u32 in the nonce: at most 2^32 chunks per part.
inline constexpr uint64_t kMaxChunksPerPart = uint64_t{1} << 32;

// The 12-byte nonce of chunk `index`.
std::string StreamNonce(std::string_view prefix, uint32_t index, bool final);

// One direction (sealing or opening) of one part's stream. Not thread-safe. The key schedule is
// computed once; each chunk only sets its nonce.
class GcmStream {
 public:
  enum class Direction { kSeal, kOpen };
  // `key` is kContentKeyBytes, `nonce_prefix` kNoncePrefixBytes; `aad` is bound to every chunk.
  // kInternal if OpenSSL cannot set up the cipher.
  static Result<std::unique_ptr<GcmStream>> Create(Direction direction,
                                                   const crypto::SecretBytes& key,
                                                   std::string_view nonce_prefix, std::string aad);
  ~GcmStream();
  GcmStream(const GcmStream&) = delete;
  GcmStream& operator=(const GcmStream&) = delete;

  // Sealing: writes ciphertext ‖ tag (plaintext.size() + kGcmTagBytes bytes) to `out`.
  Status Seal(uint32_t index, bool final, std::string_view plaintext, char* out);
  // Opening: decrypts `sealed` (ciphertext ‖ tag) into `out`, which holds
  // sealed.size() - kGcmTagBytes bytes.
  // False if the chunk does not authenticate at this index and final flag; `out` is then wiped,
  // so unauthenticated plaintext never leaves this function.
  bool Open(uint32_t index, bool final, std::string_view sealed, uint8_t* out);

  // The same one piece at a time, for a caller that hashes each piece while it is in cache:
  // Begin, Update over the chunk's consecutive pieces (in == out allowed), then SealFinal (writes
  // the tag) or OpenFinal (false if the chunk does not authenticate: the caller must then wipe
  // what Update wrote, which is unauthenticated).
  Status Begin(uint32_t index, bool final);
  Status Update(const uint8_t* in, uint8_t* out, size_t n);
  Status SealFinal(uint8_t* tag);
  bool OpenFinal(const uint8_t* tag);

 private:
  GcmStream(Direction direction, std::string_view nonce_prefix, std::string aad);
  Direction direction_;
  std::string nonce_prefix_;
  std::string aad_;
  evp_cipher_ctx_st* ctx_ = nullptr;
};

}  // namespace ganreg::transfer::internal
