// Encoding and strict parsing of the package header (docs/formats/transfer-package.md).
#include "transfer/internal/format.h"

#include <fmt/format.h>

#include <set>

#include "crypto/crypto.h"
#include "text/encoding.h"
#include "transfer/internal/bytes.h"
#include "transfer/internal/gcm_stream.h"

namespace ganreg::transfer::internal {
namespace {

Status Malformed(std::string_view what) {
  return Status::DataLoss(fmt::format("manifest is malformed: {}", what));
}
Status BadKeyBlock(std::string_view what) {
  return Status::DataLoss(fmt::format("key block is malformed: {}", what));
}

std::string HexOrDie(std::string_view hex) {
  Result<std::string> raw = crypto::FromHex(hex);
  GANREG_CHECK(raw.ok());
  return std::move(raw).value();
}

}  // namespace

uint64_t ChunkCount(uint64_t plaintext_bytes, uint32_t chunk_bytes) {
  GANREG_CHECK(chunk_bytes > 0);
  return plaintext_bytes == 0 ? 1 : (plaintext_bytes - 1) / chunk_bytes + 1;
}

uint64_t CiphertextLength(uint64_t plaintext_bytes, uint32_t chunk_bytes) {
  GANREG_CHECK(plaintext_bytes <= kMaxPartBytes);
  return plaintext_bytes + kGcmTagBytes * ChunkCount(plaintext_bytes, chunk_bytes);
}

std::string FingerprintBytes(std::string_view box_key, std::string_view sign_key) {
  crypto::Hasher h;
  h.Update("ganreg-transfer key fingerprint v1");
  h.Update(box_key);
  h.Update(sign_key);
  return h.Final().substr(0, kFingerprintBytes);
}

std::string KeyCheck(const crypto::SecretBytes& content_key) {
  return crypto::Blake2bKeyed(content_key, "ganreg-transfer key check v1");
}

std::string ChunkAad(std::string_view package_id_raw, size_t part_index) {
  ByteWriter w;
  w.Bytes(package_id_raw);
  w.U16(static_cast<uint16_t>(part_index));
  return std::move(w.str());
}

std::string PassphraseAd(std::string_view package_id_raw, size_t part_index) {
  ByteWriter w;
  w.Bytes("ganreg-transfer passphrase v1");
  w.Bytes(package_id_raw);
  w.U16(static_cast<uint16_t>(part_index));
  return std::move(w.str());
}

bool IsCleanText(std::string_view s, size_t min_bytes, size_t max_bytes) {
  if (s.size() < min_bytes || s.size() > max_bytes || !text::IsValidUtf8(s)) return false;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  // U+0080–U+009F (C1 controls) are encoded C2 80 – C2 9F.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC2 && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      return false;
    }
  }
  return true;
}

bool IsValidName(std::string_view s) {
  return IsCleanText(s, 1, kMaxNameBytes) && s.front() != ' ' && s.back() != ' ';
}

bool IsValidPartName(std::string_view s) {
  if (s.empty() || s.size() > kMaxPartNameBytes) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(s[0])) return false;
  for (char c : s) {
    if (!alnum(c) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string EncodeManifest(const Header& h) {
  const Manifest& m = h.manifest;
  GANREG_CHECK(m.parts.size() == h.layouts.size());
  ByteWriter w;
  w.Bytes(HexOrDie(m.package_id));
  w.Text(m.purpose);
  w.Text(m.sender.name);
  w.Bytes(m.sender.box_key);
  w.Bytes(m.sender.sign_key);
  w.I64(m.created_at);
  w.I64(m.expires_at);
  w.Text(m.key_number_scheme);
  w.U32(h.chunk_bytes);
  w.U16(static_cast<uint16_t>(m.parts.size()));
  for (size_t i = 0; i < m.parts.size(); ++i) {
    const PartInfo& p = m.parts[i];
    const PartLayout& l = h.layouts[i];
    w.Text(p.name);
    w.U64(p.rows);
    w.U64(p.bytes);
    w.Bytes(HexOrDie(p.digest));
    w.U64(l.offset);
    w.U64(l.length);
    w.Bytes(l.nonce_prefix);
    w.Bytes(l.key_check);
    w.U8(p.passphrase ? 1 : 0);
    w.U16(static_cast<uint16_t>(p.recipients.size()));
    for (const std::string& fp : p.recipients) w.Bytes(HexOrDie(fp));
  }
  return std::move(w.str());
}

std::string EncodeKeyBlock(const Header& h) {
  ByteWriter w;
  w.U16(static_cast<uint16_t>(h.layouts.size()));
  for (const PartLayout& l : h.layouts) {
    w.U16(static_cast<uint16_t>(l.wraps.size()));
    for (const Wrap& wr : l.wraps) {
      w.U8(static_cast<uint8_t>(wr.kind));
      if (wr.kind == Wrap::Kind::kRecipient) {
        w.Bytes(wr.box_key);
        w.Bytes(wr.sign_key);
      } else {
        w.Bytes(wr.salt);
        w.U64(wr.ops);
        w.U64(wr.mem);
      }
      w.Bytes(wr.sealed);
    }
  }
  return std::move(w.str());
}

std::string EncodeSignedHeader(const Header& h, const crypto::SecretBytes& sign_secret) {
  const std::string manifest = EncodeManifest(h);
  const std::string keys = EncodeKeyBlock(h);
  const uint64_t header_len = 4 + manifest.size() + 4 + keys.size() + crypto::kSignatureBytes;
  GANREG_CHECK(header_len <= kMaxHeaderBytes);
  ByteWriter w;
  GANREG_CHECK(h.manifest.version >= kOldestReadableVersion && h.manifest.version <= kFormatVersion);
  w.Bytes(kMagic);
  w.U16(static_cast<uint16_t>(h.manifest.version));
  w.U16(0);
  w.U32(static_cast<uint32_t>(header_len));
  w.U32(static_cast<uint32_t>(manifest.size()));
  w.Bytes(manifest);
  w.U32(static_cast<uint32_t>(keys.size()));
  w.Bytes(keys);
  // Everything before the signature is signed: version, layout, recipients and key wraps.
  w.Bytes(crypto::Sign(sign_secret, w.str()));
  return std::move(w.str());
}

Result<Preamble> ParsePreamble(std::string_view preamble) {
  if (preamble.size() < kPreambleBytes || preamble.substr(0, kMagic.size()) != kMagic) {
    return Status::DataLoss("not a ganreg transfer package (bad magic)");
  }
  ByteReader r(preamble.substr(kMagic.size(), kPreambleBytes - kMagic.size()));
  uint16_t version = 0, flags = 0;
  uint32_t header_len = 0;
  GANREG_CHECK(r.U16(&version) && r.U16(&flags) && r.U32(&header_len));
  if (version < kOldestReadableVersion || version > kFormatVersion) {
    return Status::DataLoss(
        fmt::format("format version {} is not supported; this ganreg reads versions {} to {}",
                    version, kOldestReadableVersion, kFormatVersion));
  }
  if (flags != 0) return Status::DataLoss(fmt::format("unknown flags 0x{:04x}", flags));
  if (header_len < kMinHeaderBytes || header_len > kMaxHeaderBytes) {
    return Status::DataLoss(fmt::format("header length {} is out of range", header_len));
  }
  return Preamble{version, header_len};
}

namespace {

Status ParseManifest(std::string_view bytes, uint16_t version, Header* h) {
  ByteReader r(bytes);
  Manifest& m = h->manifest;
  m.version = version;
  std::string_view raw;
  if (!r.Bytes(kPackageIdBytes, &raw)) return Malformed("truncated package id");
  m.package_id = crypto::ToHex(raw);
  if (!r.Text(&m.purpose) || !IsCleanText(m.purpose, 1, kMaxPurposeBytes)) {
    return Malformed("bad purpose");
  }
  if (!r.Text(&m.sender.name) || !IsValidName(m.sender.name)) return Malformed("bad sender name");
  if (!r.Bytes(crypto::kPublicKeyBytes, &m.sender.box_key) ||
      !r.Bytes(crypto::kPublicKeyBytes, &m.sender.sign_key)) {
    return Malformed("truncated sender key");
  }
  if (!r.I64(&m.created_at) || !r.I64(&m.expires_at)) return Malformed("truncated times");
  int64_t lifetime = 0;
  if (m.expires_at <= m.created_at ||
      __builtin_sub_overflow(m.expires_at, m.created_at, &lifetime) ||
      lifetime > kMaxPackageLifetimeSeconds) {
    return Malformed("expiry is not within 60 days after creation");
  }
  if (!r.Text(&m.key_number_scheme) || !IsCleanText(m.key_number_scheme, 0, kMaxSchemeBytes)) {
    return Malformed("bad key-number scheme");
  }
  uint16_t count = 0;
  if (!r.U32(&h->chunk_bytes) || h->chunk_bytes < kMinChunkBytes ||
      h->chunk_bytes > kMaxChunkBytes) {
    return Malformed("chunk size out of range");
  }
  if (!r.U16(&count) || count == 0 || count > kMaxParts) return Malformed("bad part count");
  std::set<std::string> names;
  uint64_t next_offset = 0;
  for (uint16_t i = 0; i < count; ++i) {
    PartInfo p;
    PartLayout l;
    uint8_t passphrase = 0;
    uint16_t recipients = 0;
    if (!r.Text(&p.name) || !IsValidPartName(p.name)) {
      return Malformed(fmt::format("part {} has a bad name", i));
    }
    if (!names.insert(p.name).second) {
      return Malformed(fmt::format("part '{}' appears twice", p.name));
    }
    if (!r.U64(&p.rows) || !r.U64(&p.bytes) || !r.Bytes(kDigestBytes, &raw)) {
      return Malformed(fmt::format("part '{}' is truncated", p.name));
    }
    p.digest = crypto::ToHex(raw);
    if (p.bytes > kMaxPartBytes) return Malformed(fmt::format("part '{}' is too large", p.name));
    if (!r.U64(&l.offset) || !r.U64(&l.length) || !r.Bytes(kNoncePrefixBytes, &l.nonce_prefix) ||
        !r.Bytes(kKeyCheckBytes, &l.key_check) || !r.U8(&passphrase) || !r.U16(&recipients)) {
      return Malformed(fmt::format("part '{}' is truncated", p.name));
    }
    if (ChunkCount(p.bytes, h->chunk_bytes) > kMaxChunksPerPart) {
      return Malformed(fmt::format("part '{}' has too many chunks", p.name));
    }
    if (l.offset != next_offset || l.length != CiphertextLength(p.bytes, h->chunk_bytes)) {
      return Malformed(fmt::format("part '{}' is not where its size puts it", p.name));
    }
    next_offset += l.length;  // ≤ 64 × (2^56 + 2^36): no overflow
    if (passphrase > 1) return Malformed(fmt::format("part '{}' has a bad flag", p.name));
    p.passphrase = passphrase == 1;
    if (recipients > kMaxRecipients || recipients + passphrase == 0) {
      return Malformed(fmt::format("part '{}' has no or too many recipients", p.name));
    }
    std::set<std::string> seen;
    for (uint16_t k = 0; k < recipients; ++k) {
      if (!r.Bytes(kFingerprintBytes, &raw)) {
        return Malformed(fmt::format("part '{}' is truncated", p.name));
      }
      if (!seen.insert(std::string(raw)).second) {
        return Malformed(fmt::format("part '{}' lists a recipient twice", p.name));
      }
      p.recipients.push_back(crypto::ToHex(raw));
    }
    m.parts.push_back(std::move(p));
    h->layouts.push_back(std::move(l));
  }
  if (!r.empty()) return Malformed("bytes after the last part");
  return Status::Ok();
}

Status ParseKeyBlock(std::string_view bytes, Header* h) {
  ByteReader r(bytes);
  uint16_t count = 0;
  if (!r.U16(&count) || count != h->layouts.size()) return BadKeyBlock("part count differs");
  for (size_t i = 0; i < h->layouts.size(); ++i) {
    const PartInfo& p = h->manifest.parts[i];
    PartLayout& l = h->layouts[i];
    uint16_t wraps = 0;
    if (!r.U16(&wraps) || wraps != p.recipients.size() + (p.passphrase ? 1 : 0)) {
      return BadKeyBlock(fmt::format("part '{}' has the wrong number of key wraps", p.name));
    }
    for (uint16_t k = 0; k < wraps; ++k) {
      Wrap w;
      uint8_t kind = 0;
      if (!r.U8(&kind)) return BadKeyBlock("truncated");
      const bool last = k + 1 == wraps;
      if (kind == static_cast<uint8_t>(Wrap::Kind::kRecipient) && k < p.recipients.size()) {
        w.kind = Wrap::Kind::kRecipient;
        if (!r.Bytes(crypto::kPublicKeyBytes, &w.box_key) ||
            !r.Bytes(crypto::kPublicKeyBytes, &w.sign_key) ||
            !r.Bytes(kRecipientSealedBytes, &w.sealed)) {
          return BadKeyBlock("truncated");
        }
        if (crypto::ToHex(FingerprintBytes(w.box_key, w.sign_key)) != p.recipients[k]) {
          return BadKeyBlock(fmt::format(
              "part '{}' key wrap {} is not for the recipient the manifest names", p.name, k));
        }
      } else if (kind == static_cast<uint8_t>(Wrap::Kind::kPassphrase) && p.passphrase && last) {
        w.kind = Wrap::Kind::kPassphrase;
        if (!r.Bytes(crypto::kSaltBytes, &w.salt) || !r.U64(&w.ops) || !r.U64(&w.mem) ||
            !r.Bytes(kPassphraseSealedBytes, &w.sealed)) {
          return BadKeyBlock("truncated");
        }
        if (w.ops < kMinKdfOps || w.ops > kMaxKdfOps || w.mem < kMinKdfMem || w.mem > kMaxKdfMem) {
          return BadKeyBlock(fmt::format("part '{}' passphrase cost is out of range", p.name));
        }
      } else {
        return BadKeyBlock(fmt::format("part '{}' key wrap {} has an unexpected kind", p.name, k));
      }
      l.wraps.push_back(std::move(w));
    }
  }
  if (!r.empty()) return BadKeyBlock("bytes after the last wrap");
  return Status::Ok();
}

}  // namespace

Result<Header> ParseHeader(std::string_view bytes) {
  GANREG_ASSIGN_OR_RETURN(Preamble pre, ParsePreamble(bytes));
  if (bytes.size() != kPreambleBytes + pre.header_len)
    return Status::DataLoss("truncated in the header");
  ByteReader r(bytes.substr(kPreambleBytes));
  uint32_t manifest_len = 0, keys_len = 0;
  std::string_view manifest, keys, signature;
  if (!r.U32(&manifest_len) || !r.Bytes(manifest_len, &manifest) || !r.U32(&keys_len) ||
      !r.Bytes(keys_len, &keys) || r.remaining() != crypto::kSignatureBytes ||
      !r.Bytes(crypto::kSignatureBytes, &signature)) {
    return Status::DataLoss("header sections do not add up to the header length");
  }
  Header h;
  GANREG_RETURN_IF_ERROR(ParseManifest(manifest, pre.version, &h));
  GANREG_RETURN_IF_ERROR(ParseKeyBlock(keys, &h));
  const std::string_view signed_bytes = bytes.substr(0, bytes.size() - crypto::kSignatureBytes);
  if (!crypto::VerifySignature(h.manifest.sender.sign_key, signed_bytes, signature)) {
    return Status::DataLoss("manifest signature does not verify");
  }
  return h;
}

}  // namespace ganreg::transfer::internal
