// Helpers shared by the app layer's files (not part of the door's public surface).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/crypto.h"
#include "store/records.h"

namespace ganreg::app::internal {

// Associated data that binds each ciphertext to its place (docs/formats/store-schema.md).
std::string UserKeyAd(std::string_view user);
std::string IdentityAd(int64_t key_no, int64_t file_id);
std::string ClinicalAd(int64_t key_no, int64_t file_id);
std::string HeldRowAd(int64_t file_id, int64_t line);
// The same, written into `out` (intake's hot path: no formatting machinery, no allocation once
// `out` has grown).
void IdentityAd(int64_t key_no, int64_t file_id, std::string* out);
void ClinicalAd(int64_t key_no, int64_t file_id, std::string* out);

// A user's key material: key pair sealed under a password-derived key, and the verifier.
struct Credentials {
  std::string verifier, salt, public_key, sealed_secret_key;
};
// Makes credentials for a new key pair, or re-seals `existing_secret` under a new password.
Result<Credentials> SealCredentials(std::string_view user, std::string_view password,
                                    const crypto::KdfProfile& profile,
                                    const crypto::SecretBytes* existing_secret);
// Opens the user's secret key with the password (already verified).
Result<crypto::SecretBytes> OpenUserSecret(const store::UserRecord& user, std::string_view password,
                                           const crypto::KdfProfile& profile);

// A 10-digit medical institution code (医療機関コード), the id of a notifying hospital.
inline bool IsInstitutionCode(std::string_view code) {
  if (code.size() != 10) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kCheckpointEvery = 64;
inline constexpr std::string_view kRecoveryFileName = "RECOVERY-KEY.txt";

}  // namespace ganreg::app::internal
