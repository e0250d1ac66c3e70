// The byte structures of a transfer package (docs/formats/transfer-package.md): preamble,
// manifest, key block and signature, encoded and parsed strictly. Parsing never trusts a length
// or a count it has not bounded, because the input is any file a courier hands over.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "transfer/package.h"

namespace ganreg::transfer::internal {

inline constexpr std::string_view kMagic = "GNRGXFER";
// Version 2 (written now): the part digest is the SHA-256 tree of the sealed chunks. Version 1
// (still read, and re-addressed as version 1): BLAKE2b of the plaintext.
inline constexpr uint16_t kFormatVersion = 2;
inline constexpr uint16_t kOldestReadableVersion = 1;
inline constexpr size_t kPreambleBytes = 16;
inline constexpr uint32_t kMinHeaderBytes = 4 + 4 + 64;
inline constexpr uint32_t kMaxHeaderBytes = 16u << 20;
inline constexpr uint32_t kMinChunkBytes = 4u << 10;
inline constexpr uint32_t kMaxChunkBytes = 16u << 20;
inline constexpr uint32_t kDefaultChunkBytes = 1u << 20;
inline constexpr size_t kPackageIdBytes = 16;
inline constexpr size_t kFingerprintBytes = 16;
inline constexpr size_t kDigestBytes = 32;
inline constexpr size_t kKeyCheckBytes = 32;
inline constexpr size_t kMaxParts = 64;
inline constexpr size_t kMaxRecipients = 256;
inline constexpr uint64_t kMaxPartBytes = uint64_t{1} << 56;
inline constexpr size_t kMaxPurposeBytes = 64;
inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxSchemeBytes = 200;
inline constexpr size_t kMaxPartNameBytes = 64;
inline constexpr size_t kRecipientSealedBytes = 32 + 48;        // crypto_box_seal of a key
inline constexpr size_t kPassphraseSealedBytes = 24 + 32 + 16;  // crypto::Encrypt of a key
// Argon2id parameters a reader accepts from a file: a forged file must not make it allocate or
// spin without bound.
inline constexpr uint64_t kMinKdfOps = 1, kMaxKdfOps = 16;
inline constexpr uint64_t kMinKdfMem = 8u << 10, kMaxKdfMem = uint64_t{1} << 30;

struct Wrap {
  enum class Kind : uint8_t { kRecipient = 1, kPassphrase = 2 };
  Kind kind = Kind::kRecipient;
  std::string box_key, sign_key;  // recipient: its public keys
  std::string salt;               // passphrase: Argon2id salt and cost
  uint64_t ops = 0, mem = 0;
  std::string sealed;  // the wrapped content key
};

// Per part, what the manifest carries besides PartInfo, and the part's key wraps.
struct PartLayout {
  uint64_t offset = 0;  // relative to the payload start
  uint64_t length = 0;  // ciphertext bytes
  std::string nonce_prefix;
  std::string key_check;
  std::vector<Wrap> wraps;
};

struct Header {
  Manifest manifest;  // version, package_id, digests and fingerprints in hex, as the API shows them
  uint32_t chunk_bytes = kDefaultChunkBytes;
  std::vector<PartLayout> layouts;  // parallel to manifest.parts
};

// ---- sizes ----
uint64_t ChunkCount(uint64_t plaintext_bytes, uint32_t chunk_bytes);
uint64_t CiphertextLength(uint64_t plaintext_bytes, uint32_t chunk_bytes);

// ---- values bound by the format ----
std::string FingerprintBytes(std::string_view box_key, std::string_view sign_key);
std::string KeyCheck(const crypto::SecretBytes& content_key);
std::string ChunkAad(std::string_view package_id_raw, size_t part_index);
std::string PassphraseAd(std::string_view package_id_raw, size_t part_index);

// ---- text rules ----
// UTF-8 without control characters, min..max bytes.
bool IsCleanText(std::string_view s, size_t min_bytes, size_t max_bytes);
// A person's or organisation's name: clean text, 1–200 bytes, no leading or trailing space.
bool IsValidName(std::string_view s);
bool IsValidPartName(std::string_view s);

// ---- encoding ----
std::string EncodeManifest(const Header& h);
std::string EncodeKeyBlock(const Header& h);
// Preamble ‖ header ‖ signature: everything before the payload, signed with `sign_secret`.
std::string EncodeSignedHeader(const Header& h, const crypto::SecretBytes& sign_secret);

// ---- parsing (kDataLoss with a reason that does not yet name the file) ----
struct Preamble {
  uint16_t version = 0;
  uint32_t header_len = 0;
};
// The format version and the header length H from the 16-byte preamble.
Result<Preamble> ParsePreamble(std::string_view preamble);
// Parses preamble ‖ header (16 + H bytes), checks every rule and the signature.
Result<Header> ParseHeader(std::string_view bytes);

}  // namespace ganreg::transfer::internal
