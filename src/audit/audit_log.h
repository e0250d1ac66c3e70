// The audit trail: an append-only hash chain of events in the registry store, with signed
// checkpoints that can be exported and later prove that the store was not rolled back.
// Format: docs/formats/audit-chain.md. Thread-safety: none; one writer per store (SQLite's lock).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audit/event.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "store/database.h"

namespace ganreg::audit {

// Appends `event` (seq and hash assigned here) inside the open transaction of `db`; the event
// becomes visible when that transaction commits, together with the use case's effect.
// Returns the new sequence number. GANREG_CHECKs that a transaction is open.
Result<int64_t> Append(store::Database& db, Event event);

// A signed statement "the chain's event #seq has hash H".
struct Checkpoint {
  std::string registry_id;  // hex
  int64_t seq = 0;
  std::string hash;         // 32 bytes
  int64_t at = 0;
  std::string public_key;   // Ed25519, 32 bytes
  std::string signature;    // over SignedBytes()
  std::string SignedBytes() const;
};

// Signs the current head and stores the checkpoint (inside the open transaction).
Result<Checkpoint> MakeCheckpoint(store::Database& db, const crypto::SecretBytes& signing_key,
                                  std::string_view public_key, std::string_view registry_id,
                                  int64_t now);

// Text form of an exported checkpoint, and its parser (kInvalidArgument when malformed).
std::string FormatCheckpoint(const Checkpoint& cp);
Result<Checkpoint> ParseCheckpoint(std::string_view text);

struct VerifyReport {
  bool intact = true;
  int64_t events = 0;
  int64_t checkpoints = 0;      // stored and exported checkpoints that were checked
  int64_t first_bad_seq = 0;    // 0 when intact
  std::string problem;          // what is wrong, naming the event
};

// Recomputes the whole chain and checks every stored checkpoint and each of `exported` against
// it and against the registry's signing key. A Status is returned only when the check could not
// run at all; tampering is reported in the VerifyReport.
Result<VerifyReport> Verify(store::Database& db, std::string_view public_key,
                            std::string_view registry_id,
                            const std::vector<Checkpoint>& exported);

}  // namespace ganreg::audit
