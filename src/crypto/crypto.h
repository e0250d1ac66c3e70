// The cryptography ganreg uses, as a small surface over libsodium (no crypto_* type leaks out).
//  - records:   XChaCha20-Poly1305 (AEAD) with associated data binding a ciphertext to its place;
//               notification parts in bulk: AES-256-GCM (BatchEncryptor), opened by the same Decrypt;
//  - key slots: X25519 sealed boxes (a category's data key sealed to a user's public key);
//  - signing:   Ed25519 (audit checkpoints);
//  - passwords: Argon2id, both for stored verifiers and for key-encryption keys;
//  - hashing:   BLAKE2b-256 (audit chain, file digests);
//  - files:     crypto_secretstream (chunked AEAD, truncation and reordering detected).
// Public keys, ciphertexts, signatures and digests travel as std::string byte strings;
// secret keys and decrypted secrets only as SecretBytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace ganreg::crypto {

inline constexpr size_t kKeyBytes = 32;        // symmetric keys
inline constexpr size_t kHashBytes = 32;       // BLAKE2b-256 digests
inline constexpr size_t kPublicKeyBytes = 32;  // X25519 and Ed25519 public keys
inline constexpr size_t kSignatureBytes = 64;
inline constexpr size_t kSaltBytes = 16;

// Must be called once before anything else here; safe to call again. kInternal if libsodium
// cannot initialise.
Status Init();

// Random bytes for non-secret uses (nonces, key numbers).
std::string RandomBytes(size_t n);
uint64_t RandomUint64();
// Uniform in [0, upper).
uint32_t RandomUniform(uint32_t upper);

// ---- Authenticated encryption of records ----
// Returns nonce || ciphertext || tag. `key` must be kKeyBytes.
std::string Encrypt(const SecretBytes& key, std::string_view plaintext, std::string_view ad);
// Reverses Encrypt. kDataLoss if the ciphertext, its associated data or the key do not match.
Result<SecretBytes> Decrypt(const SecretBytes& key, std::string_view sealed, std::string_view ad);
// Decrypt into a caller's buffer, for bulk reads of many small records (a list page, a linkage
// scan): SecretBytes guards each allocation with its own pages (mmap + mprotect), which for
// thousands of records costs more than the decryption and serialises a multi-threaded
// process on the kernel's memory-map lock. `out` is a ScrubbedBuffer that the caller reuses and
// that wipes itself; its contents are valid until the next call.
class ScrubbedBuffer {
 public:
  ScrubbedBuffer() = default;
  ~ScrubbedBuffer();
  ScrubbedBuffer(const ScrubbedBuffer&) = delete;
  ScrubbedBuffer& operator=(const ScrubbedBuffer&) = delete;
  std::string_view view() const { return {bytes_.data(), size_}; }

 private:
  friend Status DecryptInto(const SecretBytes&, std::string_view, std::string_view,
                            ScrubbedBuffer*);
  std::string bytes_;  // grows, never shrinks; wiped whole (capacity) on destruction
  size_t size_ = 0;
};
Status DecryptInto(const SecretBytes& key, std::string_view sealed, std::string_view ad,
                   ScrubbedBuffer* out);
// Size of Encrypt's output for a plaintext of n bytes.
size_t EncryptedSize(size_t n);

// Encrypts many records under one key that was made for this batch alone (a file's data key).
// Records are AES-256-GCM (AES-NI; a fifth of the time of XChaCha20-Poly1305 for the short
// records of intake on the machines measured): kGcmMagic (8 bytes) || 12-byte random nonce ||
// ciphertext || 16-byte tag, the same size as Encrypt's records (8 + 12 + 16 < 24 + 16) and
// opened by the same Decrypt, which tells them apart by the magic (an XChaCha20 record, whose
// first bytes are a random nonce, begins with it with probability 2^-64). Random 96-bit nonces
// under a key made for one file: two records of a file of a million rows share a nonce with
// probability about 2^-57. The nonces come from the OS generator in blocks (no system call per
// record). Uses libsodium's AES-256-GCM where the CPU has AES-NI and PCLMUL, OpenSSL's
// otherwise; both give the same records. Not thread-safe; use one instance per thread.
inline constexpr std::string_view kGcmMagic{"GNRGGCM1", 8};
class BatchEncryptor {
 public:
  enum class Engine { kBest, kOpenSsl };  // kOpenSsl: for tests of the portable path
  explicit BatchEncryptor(const SecretBytes& key, Engine engine = Engine::kBest);
  ~BatchEncryptor();
  BatchEncryptor(const BatchEncryptor&) = delete;
  BatchEncryptor& operator=(const BatchEncryptor&) = delete;
  // Replaces `out` with the sealed record (reusing its capacity).
  void Encrypt(std::string_view plaintext, std::string_view ad, std::string* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Random 64-bit numbers drawn from the OS generator in blocks of 512 (one system call per block).
// For values that must be unpredictable but are not keys: key numbers. Not thread-safe.
class RandomBlock {
 public:
  uint64_t Next();

 private:
  uint64_t block_[512];
  size_t used_ = 512;
};

// ---- Key agreement and sealing ----
struct BoxKeyPair {
  std::string public_key;  // 32 bytes
  SecretBytes secret_key;  // 32 bytes
  static BoxKeyPair Generate();
};
// Anonymous sealed box: anyone with the public key can seal, only the secret key opens.
std::string SealTo(std::string_view public_key, std::span<const uint8_t> message);
Result<SecretBytes> OpenSealed(std::string_view public_key, const SecretBytes& secret_key,
                               std::string_view sealed);
// The X25519 public key that belongs to `secret_key`.
std::string BoxPublicKeyOf(const SecretBytes& secret_key);

// ---- Signatures ----
struct SignKeyPair {
  std::string public_key;  // 32 bytes
  SecretBytes secret_key;  // 64 bytes
  static SignKeyPair Generate();
};
std::string Sign(const SecretBytes& secret_key, std::string_view message);
bool VerifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature);

// ---- Passwords ----
// Argon2id cost. kInteractive is the default for accounts; kMinimum exists so that test suites
// that create hundreds of accounts stay fast, and is recorded in the registry so it is visible.
struct KdfProfile {
  uint64_t ops_limit;
  size_t mem_limit;
  static KdfProfile Interactive();
  static KdfProfile Moderate();
  static KdfProfile Minimum();
  static Result<KdfProfile> Named(std::string_view name);
};
// An Argon2id verifier string ($argon2id$v=19$m=...,t=...,p=1$salt$hash).
Result<std::string> HashPassword(std::string_view password, const KdfProfile& profile);
bool VerifyPassword(std::string_view verifier, std::string_view password);
// A key-encryption key from a password and a salt (kSaltBytes).
Result<SecretBytes> DeriveKey(std::string_view password, std::string_view salt,
                              const KdfProfile& profile);

// ---- Hashing ----
class Hasher {
 public:
  Hasher();
  void Update(std::string_view data);
  // Returns the 32-byte digest; the hasher must not be used afterwards.
  std::string Final();

 private:
  alignas(64) unsigned char state_[384];
};
std::string Blake2b(std::string_view data);
// BLAKE2b-256 keyed with `key` (16–64 bytes): a PRF, for values that must follow from a secret
// seed yet reveal nothing about it (the key numbers of transfer packages).
std::string Blake2bKeyed(const SecretBytes& key, std::string_view data);
// BLAKE2b-256 over two inputs without concatenating them (the audit chain step).
void Blake2bPair(std::string_view a, std::string_view b, unsigned char out[kHashBytes]);

std::string ToHex(std::string_view bytes);
Result<std::string> FromHex(std::string_view hex);
// Constant-time equality of two byte strings.
bool BytesEqual(std::string_view a, std::string_view b);

}  // namespace ganreg::crypto
