// Receipts: the registry's signed acknowledgement of a package, as text (S-ACQ-5;
// docs/formats/transfer-package.md, "Receipts").
#include <fmt/format.h>

#include <cstdint>

#include "crypto/crypto.h"
#include "transfer/internal/format.h"
#include "transfer/internal/text_lines.h"
#include "transfer/package.h"

namespace ganreg::transfer {
namespace {

constexpr std::string_view kTitle = "ganreg-transfer-receipt v1";
constexpr size_t kLines = 12;  // title, ten fields, signature

bool IsOutcome(std::string_view o) {
  return o == "accepted" || o == "rejected" || o == "duplicate";
}

bool IsPackageId(std::string_view id) {
  Result<std::string> raw = crypto::FromHex(id);
  return raw.ok() && raw->size() == internal::kPackageIdBytes && crypto::ToHex(*raw) == id;
}

std::string SignedPart(const Receipt& r) {
  return fmt::format(
      "{}\npackage: {}\nregistry-id: {}\nregistry-name: {}\nregistry-box-key: {}\n"
      "registry-sign-key: {}\nreceived-at: {}\nrows-read: {}\nrows-accepted: {}\nrows-held: {}\n"
      "outcome: {}\n",
      kTitle, r.package_id, r.registry_id, r.registry.name, crypto::ToHex(r.registry.box_key),
      crypto::ToHex(r.registry.sign_key), r.received_at, r.rows_read, r.rows_accepted, r.rows_held,
      r.outcome);
}

Status Bad(std::string_view why) {
  return Status::DataLoss(fmt::format("receipt does not verify: {}", why));
}

}  // namespace

std::string FormatReceipt(const Receipt& r, const crypto::SecretBytes& sign_secret) {
  // These values come from the registry itself, never from a partner: a value that would break
  // the line structure is a bug, and a receipt is not written rather than written ambiguous.
  GANREG_CHECK(IsPackageId(r.package_id));
  GANREG_CHECK(internal::IsCleanText(r.registry_id, 1, internal::kMaxNameBytes));
  GANREG_CHECK(internal::IsValidName(r.registry.name));
  GANREG_CHECK(r.registry.box_key.size() == crypto::kPublicKeyBytes);
  GANREG_CHECK(r.registry.sign_key.size() == crypto::kPublicKeyBytes);
  GANREG_CHECK(r.received_at >= 0);
  GANREG_CHECK(IsOutcome(r.outcome));
  std::string text = SignedPart(r);
  text += "signature: " + crypto::ToHex(crypto::Sign(sign_secret, text)) + "\n";
  return text;
}

Result<Receipt> VerifyReceipt(std::string_view text, const PublicKey& registry) {
  Result<internal::TextLines> split = internal::TextLines::Split(text);
  if (!split.ok()) return Bad(split.status().message());
  const internal::TextLines& t = *split;
  if (t.size() == 0 || t.line(0) != kTitle) {
    return Bad(fmt::format("the first line is not '{}'", kTitle));
  }
  if (t.size() != kLines) return Bad(fmt::format("expected {} lines", kLines));
  Receipt r;
  auto field = [&](size_t i, std::string_view key) -> Result<std::string_view> {
    Result<std::string_view> v = t.Field(i, key);
    if (!v.ok()) return Bad(v.status().message());
    return v;
  };
  auto number = [&](size_t i, std::string_view key, uint64_t max) -> Result<uint64_t> {
    GANREG_ASSIGN_OR_RETURN(std::string_view v, field(i, key));
    uint64_t n = 0;
    if (!internal::ParseDecimal(v, max, &n)) return Bad(fmt::format("'{}' is not a number", key));
    return n;
  };
  auto key32 = [&](size_t i, std::string_view key) -> Result<std::string> {
    GANREG_ASSIGN_OR_RETURN(std::string_view v, field(i, key));
    Result<std::string> raw = crypto::FromHex(v);
    if (!raw.ok() || raw->size() != crypto::kPublicKeyBytes) {
      return Bad(fmt::format("'{}' is not a key", key));
    }
    return raw;
  };
  GANREG_ASSIGN_OR_RETURN(std::string_view package, field(1, "package"));
  if (!IsPackageId(package)) return Bad("'package' is not a package id");
  r.package_id = std::string(package);
  GANREG_ASSIGN_OR_RETURN(std::string_view registry_id, field(2, "registry-id"));
  if (!internal::IsCleanText(registry_id, 1, internal::kMaxNameBytes)) {
    return Bad("bad 'registry-id'");
  }
  r.registry_id = std::string(registry_id);
  GANREG_ASSIGN_OR_RETURN(std::string_view name, field(3, "registry-name"));
  if (!internal::IsValidName(name)) return Bad("bad 'registry-name'");
  r.registry.name = std::string(name);
  GANREG_ASSIGN_OR_RETURN(r.registry.box_key, key32(4, "registry-box-key"));
  GANREG_ASSIGN_OR_RETURN(r.registry.sign_key, key32(5, "registry-sign-key"));
  GANREG_ASSIGN_OR_RETURN(uint64_t received,
                          number(6, "received-at", static_cast<uint64_t>(INT64_MAX)));
  r.received_at = static_cast<int64_t>(received);
  GANREG_ASSIGN_OR_RETURN(r.rows_read, number(7, "rows-read", UINT64_MAX));
  GANREG_ASSIGN_OR_RETURN(r.rows_accepted, number(8, "rows-accepted", UINT64_MAX));
  GANREG_ASSIGN_OR_RETURN(r.rows_held, number(9, "rows-held", UINT64_MAX));
  GANREG_ASSIGN_OR_RETURN(std::string_view outcome, field(10, "outcome"));
  if (!IsOutcome(outcome)) return Bad("bad 'outcome'");
  r.outcome = std::string(outcome);
  GANREG_ASSIGN_OR_RETURN(std::string_view sig_hex, field(11, "signature"));
  Result<std::string> sig = crypto::FromHex(sig_hex);
  if (!sig.ok() || sig->size() != crypto::kSignatureBytes) return Bad("'signature' is malformed");

  if (!crypto::BytesEqual(r.registry.sign_key, registry.sign_key) ||
      !crypto::BytesEqual(r.registry.box_key, registry.box_key)) {
    return Bad("it names another registry key than the one expected");
  }
  if (!crypto::VerifySignature(registry.sign_key, t.Canonical(kLines - 1), *sig)) {
    return Bad("the signature does not match (changed or not signed by this registry)");
  }
  return r;
}

}  // namespace ganreg::transfer
