// Helpers shared by the app layer's files (not part of the door's public surface).
#pragma once

#include <fmt/format.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/crypto.h"
#include "ledger/due.h"
#include "store/records.h"

namespace ganreg::store {
class Database;
}
namespace ganreg::linkage {
class ScoringModel;
struct ScoredPair;
}
namespace ganreg::app {
struct FieldContribution;
struct PrintOutput;
}

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

// ---- ledgers, second slice (issue #4; src/app/people_cases.cc, office_cases.cc) ----
// S-HUM-1: whether `person` passed a training test within the year up to `today` (yyyymmdd).
Result<bool> HasCurrentTraining(store::Database& db, std::string_view person, int32_t today);
// Seals `plaintext` for a ledger row under a fresh data key sealed to the ledgers category's
// public key; `ad` binds the ciphertext to the row (its table, id and clear fields).
Result<store::SealedPart> SealLedgerPart(store::Database& db, std::string_view plaintext,
                                         std::string_view ad);
// Opens a part sealed by SealLedgerPart with the ledgers category's secret key.
Result<crypto::SecretBytes> OpenLedgerPart(store::Database& db, const crypto::SecretBytes& ck,
                                           const store::SealedPart& part, std::string_view ad);
// "YYYY-MM-DDTHH:MM" in Japan for `seconds`.
std::string JapanLocalTime(int64_t seconds);
// ---- ledgers, third slice (issue #4; src/app/assessment_cases.cc, register_cases.cc) ----
// What `due` and the self-assessment read from the records, as of `now`.
Result<ledger::DueFacts> GatherDueFacts(store::Database& db, int64_t now);
// Associated data of the sealed ledgers' rows (docs/formats/store-schema.md), shared by the use
// cases that write and list them and by `ledger print`.
std::string EntryLogAd(const store::EntryRecord& r);
std::string TakeoutAd(const store::TakeoutRecord& r);
std::string MaintenanceAd(const store::MaintenanceRecord& r);
std::string InquiryAd(const store::InquiryEntryRecord& r);  // the inquiry book (S-INQ-5)
// ---- ledgers, fourth slice (issue #4) ----
// A correction names an entry that exists and was not corrected before (append-only).
template <class Rows>
Status CheckCorrects(const Rows& rows, int64_t corrects) {
  if (corrects == 0) return Status::Ok();
  bool found = false;
  for (const auto& r : rows) {
    if (r.id == corrects) found = true;
    if (r.corrects == corrects) {
      return Status::FailedPrecondition(fmt::format(
          "記録#{}は#{}で訂正済み / entry #{} was corrected already by #{}: correct that one",
          corrects, r.id, corrects, r.id));
    }
  }
  if (!found) {
    return Status::NotFound(fmt::format("訂正対象の記録#{}がありません / no entry #{} to correct",
                                        corrects, corrects));
  }
  return Status::Ok();
}

template <class Rows>
std::map<int64_t, int64_t> CorrectedBy(const Rows& rows) {
  std::map<int64_t, int64_t> out;
  for (const auto& r : rows) {
    if (r.corrects != 0) out[r.corrects] = r.id;
  }
  return out;
}
// Each signed self-assessment's unmet items with an action, and those no revision answers yet
// (S-CHK-1; src/app/assessment_cases.cc).
Result<std::vector<ledger::DueFacts::SignedAssessment>> SignedAssessments(store::Database& db);
// S-ACQ-4: the acquisition register entry of a receipt whose facts the system holds — hand-over
// entry `h`, which brought a received file, and how it travelled (`delivery`, nullptr for an
// online receipt). Nothing for a dispatch, a file with no rows, or an entry filled already.
// (src/app/register_cases.cc)
Status FillAcquisition(store::Database& db, const store::HandoverRecord& h,
                       const store::HandoverDeliveryRecord* delivery);
// A printed document's format (PrintOutput: the file's name, or pdf/html for memory) and its
// delivery (a new file, or the caller's string) (src/app/print_cases.cc).
Result<bool> IsPdfOutput(const PrintOutput& out);
Status DeliverOutput(const PrintOutput& out, std::string bytes);
inline constexpr int64_t kCheckpointEvery = 64;
inline constexpr std::string_view kRecoveryFileName = "RECOVERY-KEY.txt";

// ---- linkage explanations (issue #5; src/app/linkage_cases.cc), shared with deaths ----
// A scored pair's explanation as stored: "FIELD LEVEL WEIGHT" lines, never a value.
std::string Explain(const linkage::ScoringModel& model, const linkage::ScoredPair& pair);
std::vector<FieldContribution> ParseExplanation(const std::string& text);

// ---- deaths (issue #5; src/app/death_cases.cc) ----
// Associated data of a death form's parts: bound to the death's id and file, and distinct from a
// notification's, so a death part can never pass for a notification part.
inline std::string DeathIdentityAd(int64_t death_id, int64_t file_id) {
  return "ganreg death-identity " + std::to_string(death_id) + " file " + std::to_string(file_id);
}
inline std::string DeathClinicalAd(int64_t death_id, int64_t file_id) {
  return "ganreg death-clinical " + std::to_string(death_id) + " file " + std::to_string(file_id);
}

}  // namespace ganreg::app::internal
