// Transfer packages (移送): identity and clinical parts sealed apart, signed, verified, received.
// Byte format: docs/formats/transfer-package.md. Implements S-TRN-2 (parts apart, encrypted,
// joinable only by the key number, decrypted only by an authorised recipient, damage detected),
// S-TRN-3 (passphrase rule) and S-ACQ-5's dispatch/receipt facts.
//
// Hospital side:  WriteKeyPair → (registry registers PublicKey) → NotificationPartSources →
//                 WritePackage.
// Registry side:  PackageReader::Open (signature and structure checked) → manifest() → ReadPart
//                 with the registry's receiving key → rows joined by key number → intake.
// Thread-safety: none of these objects are shared between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "validate/notification_reader.h"

namespace ganreg::transfer {

// ---- keys of a partner (hospital) or of the registry ----
struct PublicKey {
  std::string name;      // who this is, e.g. a hospital code or a registry id
  std::string box_key;   // X25519, 32 bytes: packages are sealed to it
  std::string sign_key;  // Ed25519, 32 bytes: packages and receipts are signed with its secret
  // Short hex fingerprint of both keys (BLAKE2b), shown to people and put in manifests.
  std::string Fingerprint() const;
};

struct SecretKey {
  PublicKey public_key;
  crypto::SecretBytes box_secret;   // 32 bytes
  crypto::SecretBytes sign_secret;  // 64 bytes
};

// Text forms (PREFIX.pub; see the format doc). kInvalidArgument when malformed.
std::string FormatPublicKey(const PublicKey& key);
Result<PublicKey> ParsePublicKey(std::string_view text);
Result<PublicKey> ReadPublicKey(const std::filesystem::path& file);

// A fresh key pair in memory (for the registry, which keeps its secrets in its own store, and for
// tests). kInvalidArgument for a name that is empty, too long or holds control characters.
Result<SecretKey> GenerateKeyPair(std::string_view name);

// Writes PREFIX.pub and PREFIX.key (the secret keys sealed under `password` with Argon2id).
// The password must satisfy S-TRN-3 (≥ 8 characters of letters, digits and symbols).
// kAlreadyExists if either file exists.
Status WriteKeyPair(const std::filesystem::path& prefix, std::string_view name,
                    std::string_view password);
// kUnauthenticated for a wrong password; kDataLoss for a damaged file.
Result<SecretKey> ReadSecretKey(const std::filesystem::path& file, std::string_view password);

// ---- packages ----
struct PartInfo {
  std::string name;                 // "identity", "clinical", "notifications", "extract", …
  uint64_t rows = 0;                // data rows in the part (0 if not tabular)
  uint64_t bytes = 0;               // plaintext size
  // Hex. Format version 2: SHA-256 tree of the sealed chunks; version 1: BLAKE2b of the plaintext.
  std::string digest;
  std::vector<std::string> recipients;  // fingerprints of the keys it is sealed to
  bool passphrase = false;          // also (or only) openable with a passphrase
};

struct Manifest {
  int version = 2;                  // format version (1 is still read and re-addressed)
  std::string package_id;           // random, hex: a replayed package has the same id
  std::string purpose;              // e.g. "notification"
  PublicKey sender;                 // the signer's public key
  int64_t created_at = 0;           // UTC seconds
  int64_t expires_at = 0;           // UTC seconds; a package past it is refused
  std::string key_number_scheme;    // how parts are joined, e.g. "key_no column, 16 digits"
  std::vector<PartInfo> parts;

  bool ExpiredAt(int64_t now) const { return now >= expires_at; }
};

// The national electronic files expire after 60 days: WritePackage refuses a longer lifetime.
inline constexpr int64_t kMaxPackageLifetimeSeconds = 60 * 24 * 60 * 60;

// One part to seal: its plaintext is streamed by `produce`, which calls `emit` with consecutive
// pieces (any size) and is called exactly once.
struct PartSource {
  std::string name;
  std::function<Status(const std::function<Status(std::string_view)>& emit)> produce;
  // Optional pull-style alternative the writer prefers when set: fills `buf` with up to `n` bytes
  // and returns how many, 0 at the end (then it starts over if called again). Lets the writer read
  // straight into its chunk buffers, without a copy.
  std::function<Result<size_t>(char* buf, size_t n)> read;
  uint64_t rows = 0;
  std::vector<PublicKey> recipients;
  std::optional<std::string> passphrase;  // must satisfy S-TRN-3 and not be guessable
  // How this part's rows join those of other parts (the manifest's key_number_scheme); empty if
  // they do not. All parts of a package that set it must agree.
  std::string key_number_scheme;
};
// A part whose plaintext is a file, streamed.
PartSource FilePart(std::string name, std::filesystem::path file, std::vector<PublicKey> recipients);

// Writes a signed package with `parts` to `out` (written beside it, then renamed). Fills the
// manifest's parts, id and sender from the arguments. kInvalidArgument for a weak passphrase or
// a part without any recipient or passphrase.
Result<Manifest> WritePackage(std::string_view purpose, int64_t created_at, int64_t expires_at,
                              const std::vector<PartSource>& parts, const SecretKey& signer,
                              const std::filesystem::path& out);

// A PackageReader keeps the file open; PartStreams it returns must not outlive it.
class PackageReader {
 public:
  // Reads the header and manifest and checks the manifest's signature against the sender key it
  // names (whether that sender is registered is the caller's question). kDataLoss with a reason
  // for any damage ("manifest signature does not verify", "truncated in part 'clinical'"), kNotFound
  // for a missing file. Does not decrypt any part.
  static Result<std::unique_ptr<PackageReader>> Open(const std::filesystem::path& file);
  virtual ~PackageReader() = default;
  virtual const Manifest& manifest() const = 0;

  // Pull-style access to one part's plaintext, for joining two parts in lockstep.
  class PartStream {
   public:
    virtual ~PartStream() = default;
    // The next piece of plaintext; an empty view at the end, after the digest and size were
    // checked against the manifest. The view is valid until the next call.
    virtual Result<std::string_view> Next() = 0;
  };
  virtual Result<std::unique_ptr<PartStream>> OpenPart(std::string_view name,
                                                       std::string_view box_public,
                                                       const crypto::SecretBytes& box_secret) = 0;

  // Decrypts part `name` chunk by chunk into `sink` with the recipient's key pair; the plaintext
  // digest and size are checked against the manifest at the end. kPermissionDenied if the part
  // is not sealed to this key; kDataLoss for damage, truncation, reordering or a digest mismatch.
  virtual Status ReadPart(std::string_view name, std::string_view box_public,
                          const crypto::SecretBytes& box_secret,
                          const std::function<Status(std::string_view)>& sink) = 0;
  virtual Status ReadPartWithPassphrase(std::string_view name, std::string_view passphrase,
                                        const std::function<Status(std::string_view)>& sink) = 0;
  // Checks every part's authentication tags, sizes and digests by decrypting to nowhere.
  virtual Status VerifyPart(std::string_view name, std::string_view box_public,
                            const crypto::SecretBytes& box_secret) = 0;
};

// Re-addresses a package: rewrites only the key header so that the parts open with `to` instead
// of (or besides, with `keep`) the current recipients, without decrypting or rewriting the
// payload. `holder` must be a current recipient. The manifest is re-signed by `signer`.
Status Readdress(const std::filesystem::path& in, const SecretKey& holder,
                 const std::vector<PublicKey>& to, bool keep, const SecretKey& signer,
                 const std::filesystem::path& out);
// What opens the parts for re-addressing: each part opens with `key` if it is sealed to it, else
// with `passphrase` if it has a passphrase wrap (a passphrase-only package can so be re-addressed
// to public keys by someone who knows the passphrase and has a key to sign with); a part that
// opens with neither is kPermissionDenied, a wrong passphrase kUnauthenticated.
struct ReaddressHolder {
  const SecretKey* key = nullptr;
  std::optional<std::string> passphrase;
};
Status Readdress(const std::filesystem::path& in, const ReaddressHolder& holder,
                 const std::vector<PublicKey>& to, bool keep, const SecretKey& signer,
                 const std::filesystem::path& out);

// ---- notification files: parts that share only the key number ----
// (docs/formats/transfer-package.md, "Notification parts")
inline constexpr std::string_view kNotificationKeyNumberScheme =
    "ganreg-notification-parts v1: key_no 16 digits";
struct NotificationParts {
  uint64_t rows = 0;
  PartSource identity;  // name "identity": per row the line, key number and identity items
  PartSource clinical;  // name "clinical": per row the line, key number and clinical items
};
// Validates `csv` exactly as intake would (kRejected listing every problem, "FILE:LINE: ITEM:
// REASON", unless `allow_invalid`) and returns producers of its two parts. Key numbers come from
// a random seed drawn here and forgotten after packing, so both producers (each re-reading the
// file) give every row the same key number. Recipients are left for the caller to fill.
Result<NotificationParts> NotificationPartSources(const std::filesystem::path& csv,
                                                  std::string display, int32_t today,
                                                  bool allow_invalid);

// Registry side: reads the identity and clinical parts (from one package, or from two when they
// travelled apart) in lockstep and yields rows exactly as the CSV reader of intake does
// (validated, with issues). kDataLoss if the parts do not pair up row for row.
Result<std::unique_ptr<validate::NotificationReader>> OpenNotificationParts(
    PackageReader& identity_package, PackageReader& clinical_package, std::string_view box_public,
    const crypto::SecretBytes& box_secret, std::string display, int32_t today);

// ---- receipts ----
struct Receipt {
  std::string package_id;
  std::string registry_id;
  PublicKey registry;              // the signer
  int64_t received_at = 0;
  uint64_t rows_read = 0, rows_accepted = 0, rows_held = 0;
  std::string outcome;             // "accepted", "rejected", "duplicate"
};
// Signed text (docs/formats/transfer-package.md, "Receipts"). The fields come from the registry
// itself: package_id is 32 hex digits, registry_id and registry.name have no control characters,
// outcome is one of the three above, received_at ≥ 0 — anything else is a bug and aborts.
std::string FormatReceipt(const Receipt& r, const crypto::SecretBytes& sign_secret);  // signed text
// kDataLoss if the signature does not verify with `registry`.
Result<Receipt> VerifyReceipt(std::string_view text, const PublicKey& registry);

}  // namespace ganreg::transfer
