// The cryptography ganreg uses, as a small surface over libsodium (no crypto_* type leaks out).
//  - records:   XChaCha20-Poly1305 (AEAD) with associated data binding a ciphertext to its place;
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
// Size of Encrypt's output for a plaintext of n bytes.
size_t EncryptedSize(size_t n);

// Encrypts many records under one key that was made for this batch alone (a file's data key),
// with nonces from a counter behind a random prefix: no system call per record, and a nonce is
// never repeated under the key (the counter only grows; each instance draws its own prefix).
// Output is the same nonce || ciphertext || tag as Encrypt, so Decrypt opens it. Not thread-safe;
// use one instance per thread.
// The records are exactly those of Encrypt (XChaCha20-Poly1305, nonce first) and open with
// Decrypt. The nonce is a random 16-byte prefix fixed per encryptor and an 8-byte counter; as
// XChaCha20 derives its subkey from the key and the first 16 nonce bytes (HChaCha20), the
// subkey is derived once here and each record costs one ChaCha20-Poly1305 (IETF) encryption
// under it, with the counter as the last 8 of its 12 nonce bytes — what libsodium's XChaCha20
// does, without repeating the derivation for every record.
class BatchEncryptor {
 public:
  explicit BatchEncryptor(const SecretBytes& key);
  // Replaces `out` with the sealed record (reusing its capacity).
  void Encrypt(std::string_view plaintext, std::string_view ad, std::string* out);

 private:
  SecretBytes subkey_;  // HChaCha20(key, nonce prefix)
  unsigned char nonce_[24];
  uint64_t counter_ = 0;
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
