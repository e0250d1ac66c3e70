// Hash chain: hash[n] = BLAKE2b-256(hash[n-1] || body[n]), hash[0] = 32 zero bytes.
#include "audit/audit_log.h"

#include <fmt/format.h>

#include "crypto/crypto.h"

namespace ganreg::audit {

Result<int64_t> Append(store::Database& db, Event event) {
  // An event outside a transaction could be committed without its effect, or vice versa.
  GANREG_CHECK(db.in_transaction());
  GANREG_ASSIGN_OR_RETURN(auto head, db.GetAuditHead());
  event.seq = head.seq + 1;
  std::string body = EncodeEvent(event);
  unsigned char hash[crypto::kHashBytes];
  crypto::Blake2bPair(head.hash, body, hash);
  GANREG_RETURN_IF_ERROR(db.InsertAuditEvent(
      event.seq, body, std::string_view(reinterpret_cast<char*>(hash), sizeof hash)));
  return event.seq;
}

std::string Checkpoint::SignedBytes() const {
  return fmt::format("ganreg-audit-checkpoint v1\nregistry: {}\nseq: {}\nhash: {}\nat: {}\n",
                     registry_id, seq, crypto::ToHex(hash), at);
}

Result<Checkpoint> MakeCheckpoint(store::Database& db, const crypto::SecretBytes& signing_key,
                                  std::string_view public_key, std::string_view registry_id,
                                  int64_t now) {
  GANREG_CHECK(db.in_transaction());
  GANREG_ASSIGN_OR_RETURN(auto head, db.GetAuditHead());
  Checkpoint cp;
  cp.registry_id = registry_id;
  cp.seq = head.seq;
  cp.hash = head.hash;
  cp.at = now;
  cp.public_key = public_key;
  cp.signature = crypto::Sign(signing_key, cp.SignedBytes());
  GANREG_RETURN_IF_ERROR(db.InsertCheckpoint({cp.seq, cp.hash, cp.at, cp.signature}));
  return cp;
}

std::string FormatCheckpoint(const Checkpoint& cp) {
  return cp.SignedBytes() + fmt::format("public-key: {}\nsignature: {}\n",
                                        crypto::ToHex(cp.public_key), crypto::ToHex(cp.signature));
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  Checkpoint cp;
  bool header = false;
  int fields = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line == "ganreg-audit-checkpoint v1") {
      header = true;
      continue;
    }
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument(fmt::format("checkpoint: unexpected line '{}'", line));
    }
    std::string_view key = line.substr(0, colon), value = line.substr(colon + 2);
    auto number = [&](int64_t* out) -> Status {
      try {
        *out = std::stoll(std::string(value));
      } catch (...) {
        return Status::InvalidArgument(fmt::format("checkpoint: {} is not a number", key));
      }
      return Status::Ok();
    };
    if (key == "registry") {
      cp.registry_id = value;
    } else if (key == "seq") {
      GANREG_RETURN_IF_ERROR(number(&cp.seq));
    } else if (key == "at") {
      GANREG_RETURN_IF_ERROR(number(&cp.at));
    } else if (key == "hash") {
      GANREG_ASSIGN_OR_RETURN(cp.hash, crypto::FromHex(value));
    } else if (key == "public-key") {
      GANREG_ASSIGN_OR_RETURN(cp.public_key, crypto::FromHex(value));
    } else if (key == "signature") {
      GANREG_ASSIGN_OR_RETURN(cp.signature, crypto::FromHex(value));
    } else {
      return Status::InvalidArgument(fmt::format("checkpoint: unknown field '{}'", key));
    }
    ++fields;
  }
  if (!header || fields != 6) {
    return Status::InvalidArgument("not a ganreg audit checkpoint file (fields missing)");
  }
  return cp;
}

namespace {
// Checks one checkpoint against the recomputed chain; returns a problem text or "".
std::string CheckCheckpoint(const Checkpoint& cp, std::string_view public_key,
                            std::string_view registry_id, int64_t events,
                            const std::optional<std::string>& hash_at_seq, bool exported) {
  std::string what = exported ? fmt::format("exported checkpoint at event #{}", cp.seq)
                              : fmt::format("stored checkpoint at event #{}", cp.seq);
  if (cp.registry_id != registry_id) return what + " belongs to another registry";
  if (!crypto::BytesEqual(cp.public_key, public_key)) {
    return what + " was signed by another key than this registry's";
  }
  if (!crypto::VerifySignature(public_key, cp.SignedBytes(), cp.signature)) {
    return what + " has an invalid signature";
  }
  if (cp.seq > events) {
    return fmt::format("{}: the trail ends at event #{}; events after it were removed "
                       "(the store was rolled back or truncated)", what, events);
  }
  if (!hash_at_seq || !crypto::BytesEqual(*hash_at_seq, cp.hash)) {
    return what + " does not match the trail: events up to it were rewritten";
  }
  return "";
}
}  // namespace

Result<VerifyReport> Verify(store::Database& db, std::string_view public_key,
                            std::string_view registry_id,
                            const std::vector<Checkpoint>& exported) {
  VerifyReport report;
  std::string prev(crypto::kHashBytes, '\0');
  unsigned char computed[crypto::kHashBytes];
  int64_t expected = 1;
  Status scan = db.ScanAudit([&](int64_t seq, std::string_view body, std::string_view hash) {
    if (seq != expected) {
      report.first_bad_seq = expected;
      report.problem = seq > expected
                           ? fmt::format("event #{} is missing (the next one is #{})", expected, seq)
                           : fmt::format("event #{} appears out of order", seq);
      return Status::Aborted("");
    }
    if (PeekSeq(body) != seq) {
      report.first_bad_seq = seq;
      report.problem = fmt::format("event #{} holds the content of another event (moved or "
                                   "swapped)", seq);
      return Status::Aborted("");
    }
    crypto::Blake2bPair(prev, body, computed);
    std::string_view c(reinterpret_cast<char*>(computed), sizeof computed);
    if (!crypto::BytesEqual(c, hash)) {
      report.first_bad_seq = seq;
      report.problem = fmt::format("event #{} does not match its hash (changed)", seq);
      return Status::Aborted("");
    }
    prev.assign(c);
    ++expected;
    return Status::Ok();
  });
  report.events = expected - 1;
  if (!scan.ok()) {
    if (scan.code() != StatusCode::kAborted) return scan;
    report.intact = false;
    return report;
  }
  GANREG_ASSIGN_OR_RETURN(auto stored, db.ListCheckpoints());
  std::vector<std::pair<Checkpoint, bool>> all;
  for (const auto& s : stored) {
    Checkpoint cp{std::string(registry_id), s.seq, s.hash, s.at, std::string(public_key),
                  s.signature};
    all.emplace_back(std::move(cp), false);
  }
  for (const auto& e : exported) all.emplace_back(e, true);
  for (const auto& [cp, is_exported] : all) {
    GANREG_ASSIGN_OR_RETURN(auto hash_at, db.AuditHashAt(cp.seq));
    std::string problem =
        CheckCheckpoint(cp, public_key, registry_id, report.events, hash_at, is_exported);
    ++report.checkpoints;
    if (!problem.empty()) {
      report.intact = false;
      report.first_bad_seq = std::min(cp.seq, report.events + 1);
      report.problem = problem;
      return report;
    }
  }
  return report;
}

}  // namespace ganreg::audit
