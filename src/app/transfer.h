// The hospital side of transfer packages: no registry is opened, so these are plain functions of
// the app layer (the CLI still goes through app, never to transfer directly).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace ganreg::app {

// `ganreg keygen`: PREFIX.pub and PREFIX.key (secret sealed under the password, S-TRN-3).
Status GenerateKeyPair(const std::filesystem::path& prefix, std::string_view name,
                       std::string_view password);

struct PackRequest {
  std::filesystem::path csv;
  std::vector<std::filesystem::path> to;  // recipients' public key files (the registry's)
  // Recipients of one part only (S-TRN-2: the identity and clinical parts may go to different
  // people, e.g. by different routes with --split); added to `to` for that part.
  std::vector<std::filesystem::path> to_identity, to_clinical;
  std::filesystem::path sign_with;        // PREFIX.key
  std::string password;                   // opens PREFIX.key
  std::filesystem::path out;
  bool split = false;            // identity and clinical parts as two packages: OUT.identity.grp …
  bool allow_invalid = false;    // pack a file that intake would hold rows of (not advised)
  std::optional<std::string> passphrase;  // also openable with a passphrase (S-TRN-3)
  std::string purpose = "notification";
  int expires_days = 60;         // the national electronic notification files expire after 60 days
};

struct PackResult {
  std::vector<std::filesystem::path> files;
  uint64_t rows = 0;
  std::vector<std::string> package_ids;
};

// `ganreg pack`: validates the CSV exactly as intake would (kRejected listing the problems),
// splits it into identity and clinical parts sharing only key numbers, seals and signs.
Result<PackResult> PackNotifications(const PackRequest& request, const Clock& clock);

// `ganreg readdress`: rewrites only the key header of a package so that `to` can open it
// (besides the current recipients with `keep`), without touching the payload. Every part must
// open with the holder's key or, for a part wrapped under a passphrase, with `passphrase` (so a
// passphrase-only package can be re-addressed to public keys); the package is signed again with
// the key in `key_file`.
Status ReaddressPackage(const std::filesystem::path& in, const std::filesystem::path& key_file,
                        std::string_view password, const std::vector<std::filesystem::path>& to,
                        bool keep, const std::filesystem::path& out,
                        const std::optional<std::string>& passphrase = std::nullopt);

// `ganreg unpack`: opens every part sealed to the key in `key_file` (or, with an empty
// `key_file`, every part wrapped under `passphrase`) into OUT_DIR/<part name>, after checking that
// the package was signed by `expected_sender` (a public key file) and has not expired. Returns the
// part files written; a part that does not verify leaves nothing behind.
Result<std::vector<std::filesystem::path>> UnpackPackage(
    const std::filesystem::path& in, const std::filesystem::path& key_file,
    std::string_view password, const std::filesystem::path& expected_sender,
    const std::filesystem::path& out_dir, const Clock& clock,
    const std::optional<std::string>& passphrase = std::nullopt);

struct ReceiptInfo {
  std::string package_id, registry_id, outcome;
  int64_t received_at = 0;
  uint64_t rows_read = 0, rows_accepted = 0, rows_held = 0;
};
// `ganreg verify-receipt`: kDataLoss if the receipt is not signed by `registry_key`.
Result<ReceiptInfo> CheckReceipt(const std::filesystem::path& receipt,
                                 const std::filesystem::path& registry_key);

}  // namespace ganreg::app
