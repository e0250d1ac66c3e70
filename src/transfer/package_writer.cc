// Writing packages (fresh content keys, key wraps, the STREAM payload, the signed header written
// last into space reserved for it) and re-addressing them without touching the payload.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <set>

#include "crypto/crypto.h"
#include "transfer/internal/chunk_pipeline.h"
#include "transfer/internal/gcm_stream.h"
#include "transfer/internal/package_file.h"
#include "transfer/internal/password_rule.h"
#include "transfer/package.h"

namespace ganreg::transfer {
namespace {

using internal::Header;
using internal::PartLayout;
using internal::Wrap;

Status CheckSigner(const SecretKey& signer) {
  const PublicKey& k = signer.public_key;
  if (!internal::IsValidName(k.name) || k.box_key.size() != crypto::kPublicKeyBytes ||
      k.sign_key.size() != crypto::kPublicKeyBytes ||
      signer.sign_secret.size() != 2 * crypto::kPublicKeyBytes) {
    return Status::InvalidArgument("the signing key is incomplete");
  }
  const std::string probe = "ganreg signer self-test";
  if (!crypto::VerifySignature(k.sign_key, probe, crypto::Sign(signer.sign_secret, probe))) {
    return Status::InvalidArgument("the signing secret key does not belong to its public key");
  }
  return Status::Ok();
}

Status CheckRecipient(const PublicKey& k, std::string_view part) {
  if (k.box_key.size() != crypto::kPublicKeyBytes || k.sign_key.size() != crypto::kPublicKeyBytes) {
    return Status::InvalidArgument(
        fmt::format("part '{}': recipient '{}' has keys of the wrong size", part, k.name));
  }
  return Status::Ok();
}

Wrap RecipientWrap(const PublicKey& k, const crypto::SecretBytes& content_key) {
  Wrap w;
  w.kind = Wrap::Kind::kRecipient;
  w.box_key = k.box_key;
  w.sign_key = k.sign_key;
  w.sealed = crypto::SealTo(k.box_key, content_key.span());
  return w;
}

// The manifest's recipients and passphrase flag follow from the wraps (the order of the format).
void SyncRecipients(const PartLayout& l, PartInfo* p) {
  p->recipients.clear();
  p->passphrase = false;
  for (const Wrap& w : l.wraps) {
    if (w.kind == Wrap::Kind::kRecipient) {
      p->recipients.push_back(crypto::ToHex(internal::FingerprintBytes(w.box_key, w.sign_key)));
    } else {
      p->passphrase = true;
    }
  }
}

}  // namespace

PartSource FilePart(std::string name, std::filesystem::path file,
                    std::vector<PublicKey> recipients) {
  PartSource p;
  p.name = std::move(name);
  p.recipients = std::move(recipients);
  p.produce = [file](const std::function<Status(std::string_view)>& emit) {
    GANREG_ASSIGN_OR_RETURN(internal::Fd fd, internal::OpenForReading(file));
    std::vector<char> buf(1 << 20);
    for (;;) {
      ssize_t n = ::read(fd.get(), buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::Unavailable(fmt::format("{}: read failed", file.string()));
      if (n == 0) break;
      GANREG_RETURN_IF_ERROR(emit(std::string_view(buf.data(), static_cast<size_t>(n))));
    }
    // The file may hold identity data in clear: do not leave it in freed memory.
    crypto::Wipe(buf.data(), buf.size());
    return Status::Ok();
  };
  // The writer reads straight into its chunk buffers through this one.
  auto fd = std::make_shared<internal::Fd>();
  p.read = [file, fd](char* buf, size_t n) -> Result<size_t> {
    if (fd->get() < 0) {
      GANREG_ASSIGN_OR_RETURN(*fd, internal::OpenForReading(file));
    }
    for (;;) {
      const ssize_t got = ::read(fd->get(), buf, n);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return Status::Unavailable(fmt::format("{}: read failed", file.string()));
      if (got == 0) *fd = internal::Fd();  // closed: a next use starts over
      return static_cast<size_t>(got);
    }
  };
  return p;
}

namespace internal {

Result<Manifest> WritePackageWith(const WriteOptions& options, std::string_view purpose,
                                  int64_t created_at, int64_t expires_at,
                                  const std::vector<PartSource>& parts, const SecretKey& signer,
                                  const std::filesystem::path& out) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  GANREG_CHECK(options.chunk_bytes >= kMinChunkBytes && options.chunk_bytes <= kMaxChunkBytes);
  if (!IsCleanText(purpose, 1, kMaxPurposeBytes)) {
    return Status::InvalidArgument("the purpose must be 1–64 bytes without control characters");
  }
  int64_t lifetime = 0;
  if (expires_at <= created_at || __builtin_sub_overflow(expires_at, created_at, &lifetime) ||
      lifetime > kMaxPackageLifetimeSeconds) {
    return Status::InvalidArgument(
        "a package must expire after it is created and at most 60 days later (the national "
        "electronic files' limit)");
  }
  GANREG_RETURN_IF_ERROR(CheckSigner(signer));
  if (parts.empty() || parts.size() > kMaxParts) {
    return Status::InvalidArgument(fmt::format("a package has 1–{} parts", kMaxParts));
  }
  std::set<std::string> names;
  std::string scheme;
  for (const PartSource& p : parts) {
    if (!IsValidPartName(p.name)) {
      return Status::InvalidArgument(
          fmt::format("part name '{}' must be 1–64 characters of a-z, 0-9, '_' and '-'", p.name));
    }
    if (!names.insert(p.name).second) {
      return Status::InvalidArgument(fmt::format("part '{}' appears twice", p.name));
    }
    if (!p.produce && !p.read) {
      return Status::InvalidArgument(fmt::format("part '{}' has no data", p.name));
    }
    if (p.recipients.empty() && !p.passphrase) {
      return Status::InvalidArgument(
          fmt::format("part '{}' has neither a recipient nor a passphrase", p.name));
    }
    if (p.recipients.size() > kMaxRecipients) {
      return Status::InvalidArgument(
          fmt::format("part '{}' has more than {} recipients", p.name, kMaxRecipients));
    }
    std::set<std::string> fps;
    for (const PublicKey& k : p.recipients) {
      GANREG_RETURN_IF_ERROR(CheckRecipient(k, p.name));
      if (!fps.insert(k.Fingerprint()).second) {
        return Status::InvalidArgument(
            fmt::format("part '{}' lists recipient '{}' twice", p.name, k.name));
      }
    }
    if (p.passphrase) {
      // S-TRN-3: the passphrase is strong and not guessable.
      GANREG_RETURN_IF_ERROR(CheckTransferPassword(
          *p.passphrase, {signer.public_key.name, std::string(purpose), p.name},
          fmt::format("the passphrase of part '{}'", p.name)));
    }
    if (!p.key_number_scheme.empty()) {
      if (!IsCleanText(p.key_number_scheme, 0, kMaxSchemeBytes)) {
        return Status::InvalidArgument(fmt::format("part '{}': bad key-number scheme", p.name));
      }
      if (!scheme.empty() && scheme != p.key_number_scheme) {
        return Status::InvalidArgument("the parts name different key-number schemes");
      }
      scheme = p.key_number_scheme;
    }
  }

  Header h;
  h.chunk_bytes = options.chunk_bytes;
  const std::string package_id = crypto::RandomBytes(kPackageIdBytes);
  Manifest& m = h.manifest;
  GANREG_CHECK(options.version >= kOldestReadableVersion && options.version <= kFormatVersion);
  m.version = options.version;
  m.package_id = crypto::ToHex(package_id);
  m.purpose = std::string(purpose);
  m.sender = signer.public_key;
  m.created_at = created_at;
  m.expires_at = expires_at;
  m.key_number_scheme = scheme;
  // One fresh content key per part: parts are decrypted independently (S-TRN-2) and a STREAM
  // nonce can never repeat under a key.
  std::vector<crypto::SecretBytes> keys;
  for (size_t i = 0; i < parts.size(); ++i) {
    const PartSource& src = parts[i];
    keys.push_back(crypto::SecretBytes::Random(kContentKeyBytes));
    const crypto::SecretBytes& key = keys.back();
    PartLayout l;
    l.nonce_prefix = crypto::RandomBytes(kNoncePrefixBytes);
    l.key_check = KeyCheck(key);
    for (const PublicKey& k : src.recipients) l.wraps.push_back(RecipientWrap(k, key));
    if (src.passphrase) {
      Wrap w;
      w.kind = Wrap::Kind::kPassphrase;
      w.salt = crypto::RandomBytes(crypto::kSaltBytes);
      w.ops = options.passphrase_kdf.ops_limit;
      w.mem = options.passphrase_kdf.mem_limit;
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes kek,
                              crypto::DeriveKey(*src.passphrase, w.salt, options.passphrase_kdf));
      w.sealed = crypto::Encrypt(kek, key.view(), PassphraseAd(package_id, i));
      l.wraps.push_back(std::move(w));
    }
    PartInfo info;
    info.name = src.name;
    info.rows = src.rows;
    info.digest = std::string(2 * kDigestBytes, '0');  // placeholder of the final size
    SyncRecipients(l, &info);
    m.parts.push_back(std::move(info));
    h.layouts.push_back(std::move(l));
  }

  // Every field of the header has a fixed size once names and wraps are known, so the header is
  // encoded now with placeholder sizes and digests, the payload streamed after it, and the real
  // header written over the placeholder at the end.
  const size_t reserved = EncodeSignedHeader(h, signer.sign_secret).size();
  GANREG_ASSIGN_OR_RETURN(TempFile tmp, TempFile::Create(out, 0600));
  uint64_t offset = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const PartSource& src = parts[i];
    ChunkStreamConfig c;
    c.fd = tmp.fd();
    c.file_name = tmp.name();
    c.part_name = src.name;
    c.version = m.version;
    c.chunk_bytes = h.chunk_bytes;
    c.file_offset = reserved + offset;
    c.nonce_prefix = h.layouts[i].nonce_prefix;
    c.aad = ChunkAad(package_id, i);
    GANREG_ASSIGN_OR_RETURN(std::unique_ptr<PartSealer> sealer,
                            PartSealer::Create(std::move(c), keys[i], options.threads,
                                                               options.threads_now));
    Status produced =
        src.read ? sealer->ReadFrom(src.read)
                 : src.produce([&sealer](std::string_view d) { return sealer->Write(d); });
    if (!produced.ok()) return produced.WithContext(fmt::format("part '{}'", src.name));
    GANREG_RETURN_IF_ERROR(sealer->Finish());
    PartInfo& info = m.parts[i];
    info.bytes = sealer->bytes();
    info.digest = crypto::ToHex(sealer->Digest());
    h.layouts[i].offset = offset;
    h.layouts[i].length = CiphertextLength(info.bytes, h.chunk_bytes);
    GANREG_CHECK(sealer->written() == h.layouts[i].length);
    offset += h.layouts[i].length;
    sealer.reset();                   // the plaintext buffers are wiped
    keys[i] = crypto::SecretBytes();  // wiped as soon as the part is sealed
  }
  const std::string header = EncodeSignedHeader(h, signer.sign_secret);
  GANREG_CHECK(header.size() == reserved);
  GANREG_RETURN_IF_ERROR(PwriteAll(tmp.fd(), 0, header, tmp.name()));
  GANREG_RETURN_IF_ERROR(tmp.Commit());
  return m;
}

}  // namespace internal

Result<Manifest> WritePackage(std::string_view purpose, int64_t created_at, int64_t expires_at,
                              const std::vector<PartSource>& parts, const SecretKey& signer,
                              const std::filesystem::path& out) {
  return internal::WritePackageWith(internal::WriteOptions{}, purpose, created_at, expires_at,
                                    parts, signer, out);
}

Status Readdress(const std::filesystem::path& in, const SecretKey& holder,
                 const std::vector<PublicKey>& to, bool keep, const SecretKey& signer,
                 const std::filesystem::path& out) {
  return Readdress(in, ReaddressHolder{&holder, std::nullopt}, to, keep, signer, out);
}

Status Readdress(const std::filesystem::path& in, const ReaddressHolder& holder,
                 const std::vector<PublicKey>& to, bool keep, const SecretKey& signer,
                 const std::filesystem::path& out) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  if (holder.key == nullptr && !holder.passphrase) {
    return Status::InvalidArgument("re-addressing needs a current recipient's key or the passphrase");
  }
  GANREG_RETURN_IF_ERROR(CheckSigner(signer));
  for (const PublicKey& k : to) {
    if (k.box_key.size() != crypto::kPublicKeyBytes ||
        k.sign_key.size() != crypto::kPublicKeyBytes) {
      return Status::InvalidArgument(
          fmt::format("new recipient '{}' has keys of the wrong size", k.name));
    }
  }
  GANREG_ASSIGN_OR_RETURN(internal::PackageFile f, internal::OpenPackageFile(in));
  Header h = f.header;
  for (size_t i = 0; i < h.layouts.size(); ++i) {
    PartInfo& info = h.manifest.parts[i];
    PartLayout& l = h.layouts[i];
    // The holder proves it may open every part: by its key, or by the part's passphrase.
    const bool by_key =
        holder.key != nullptr &&
        std::any_of(l.wraps.begin(), l.wraps.end(), [&](const Wrap& w) {
          return w.kind == Wrap::Kind::kRecipient && w.box_key == holder.key->public_key.box_key;
        });
    crypto::SecretBytes key;
    if (by_key || !holder.passphrase) {
      if (holder.key == nullptr) {
        return Status::PermissionDenied(
            fmt::format("{}: part '{}' cannot be opened with a passphrase", f.name, info.name));
      }
      GANREG_ASSIGN_OR_RETURN(key, internal::UnwrapForRecipient(f, i, holder.key->public_key.box_key,
                                                                holder.key->box_secret));
    } else {
      GANREG_ASSIGN_OR_RETURN(key, internal::UnwrapWithPassphrase(f, i, *holder.passphrase));
    }
    std::vector<Wrap> wraps;
    std::optional<Wrap> passphrase;
    std::set<std::string> fps;
    if (keep) {
      for (Wrap& w : l.wraps) {
        if (w.kind == Wrap::Kind::kPassphrase) {
          passphrase = std::move(w);
        } else {
          fps.insert(internal::FingerprintBytes(w.box_key, w.sign_key));
          wraps.push_back(std::move(w));
        }
      }
    }
    for (const PublicKey& k : to) {
      if (fps.insert(internal::FingerprintBytes(k.box_key, k.sign_key)).second) {
        wraps.push_back(RecipientWrap(k, key));
      }
    }
    if (wraps.empty() && !passphrase) {
      return Status::InvalidArgument(
          fmt::format("part '{}' would have neither a recipient nor a passphrase", info.name));
    }
    if (wraps.size() > internal::kMaxRecipients) {
      return Status::InvalidArgument(fmt::format("part '{}' would have more than {} recipients",
                                                 info.name, internal::kMaxRecipients));
    }
    if (passphrase) wraps.push_back(std::move(*passphrase));  // a passphrase wrap comes last
    l.wraps = std::move(wraps);
    SyncRecipients(l, &info);
  }
  h.manifest.sender = signer.public_key;
  const std::string header = internal::EncodeSignedHeader(h, signer.sign_secret);
  GANREG_ASSIGN_OR_RETURN(internal::TempFile tmp, internal::TempFile::Create(out, 0600));
  GANREG_RETURN_IF_ERROR(internal::WriteAll(tmp.fd(), header, tmp.name()));
  // The payload is copied byte for byte: offsets are relative to the payload start, so nothing in
  // it depends on the header's new size.
  GANREG_RETURN_IF_ERROR(internal::CopyRange(f.fd.get(), f.payload_start, f.size - f.payload_start,
                                             tmp.fd(), tmp.name()));
  return tmp.Commit();
}

}  // namespace ganreg::transfer
