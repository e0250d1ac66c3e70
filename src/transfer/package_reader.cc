// Reading packages: open and check the signed header, unwrap a part's content key, and decrypt
// the part chunk by chunk with constant memory (docs/formats/transfer-package.md, "Reading").
#include <fmt/format.h>

#include <algorithm>

#include "crypto/crypto.h"
#include "transfer/internal/chunk_pipeline.h"
#include "transfer/internal/gcm_stream.h"
#include "transfer/internal/package_file.h"
#include "transfer/package.h"

namespace ganreg::transfer {
namespace internal {
namespace {

Status Prefixed(const std::string& name, const Status& s) {
  return Status(s.code(), fmt::format("{}: {}", name, s.message()));
}

}  // namespace

Result<PackageFile> OpenPackageFile(const std::filesystem::path& path) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  PackageFile f;
  f.name = path.string();
  GANREG_ASSIGN_OR_RETURN(f.fd, OpenForReading(path));
  GANREG_ASSIGN_OR_RETURN(f.size, FileSize(f.fd.get(), path));

  std::string head(static_cast<size_t>(std::min<uint64_t>(f.size, kPreambleBytes)), '\0');
  GANREG_RETURN_IF_ERROR(PreadExact(f.fd.get(), 0, head.data(), head.size(), f.name));
  if (head.size() < kPreambleBytes) {
    const bool magic = head.size() >= kMagic.size() && head.substr(0, kMagic.size()) == kMagic;
    return Status::DataLoss(fmt::format(
        "{}: {}", f.name, magic ? "truncated in the header" : "not a ganreg transfer package"));
  }
  Result<Preamble> pre = ParsePreamble(head);
  if (!pre.ok()) return Prefixed(f.name, pre.status());
  f.payload_start = kPreambleBytes + pre->header_len;
  if (f.size < f.payload_start) {
    return Status::DataLoss(fmt::format("{}: truncated in the header", f.name));
  }
  head.resize(static_cast<size_t>(f.payload_start));
  GANREG_RETURN_IF_ERROR(PreadExact(f.fd.get(), 0, head.data(), head.size(), f.name));
  Result<Header> header = ParseHeader(head);
  if (!header.ok()) return Prefixed(f.name, header.status());
  f.header = std::move(header).value();
  f.package_id_raw = crypto::FromHex(f.header.manifest.package_id).value();

  // The layout (checked contiguous by the parser) against the file's size.
  for (size_t i = 0; i < f.header.layouts.size(); ++i) {
    const PartLayout& l = f.header.layouts[i];
    if (f.size - f.payload_start < l.offset + l.length) {
      return Status::DataLoss(
          fmt::format("{}: truncated in part '{}'", f.name, f.header.manifest.parts[i].name));
    }
  }
  const PartLayout& last = f.header.layouts.back();
  const uint64_t end = f.payload_start + last.offset + last.length;
  if (f.size > end) {
    return Status::DataLoss(fmt::format("{}: {} bytes after the last part", f.name, f.size - end));
  }
  return f;
}

Result<size_t> FindPart(const PackageFile& f, std::string_view name) {
  const std::vector<PartInfo>& parts = f.header.manifest.parts;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].name == name) return i;
  }
  std::string names;
  for (const PartInfo& p : parts) names += (names.empty() ? "" : ", ") + p.name;
  return Status::NotFound(
      fmt::format("{}: no part named '{}' (the package has: {})", f.name, name, names));
}

namespace {
Status CheckContentKey(const PackageFile& f, size_t part, const crypto::SecretBytes& key) {
  if (key.size() != kContentKeyBytes ||
      !crypto::BytesEqual(KeyCheck(key), f.header.layouts[part].key_check)) {
    return Status::DataLoss(
        fmt::format("{}: the content key of part '{}' does not match the manifest", f.name,
                    f.header.manifest.parts[part].name));
  }
  return Status::Ok();
}
}  // namespace

Result<crypto::SecretBytes> UnwrapForRecipient(const PackageFile& f, size_t part,
                                               std::string_view box_public,
                                               const crypto::SecretBytes& box_secret) {
  const std::string& pname = f.header.manifest.parts[part].name;
  if (box_public.size() != crypto::kPublicKeyBytes || box_secret.size() != crypto::kKeyBytes) {
    return Status::InvalidArgument("a box key pair has 32-byte keys");
  }
  if (!crypto::BytesEqual(crypto::BoxPublicKeyOf(box_secret), box_public)) {
    return Status::InvalidArgument("the box secret key does not belong to the public key given");
  }
  for (const Wrap& w : f.header.layouts[part].wraps) {
    if (w.kind != Wrap::Kind::kRecipient || w.box_key != box_public) continue;
    Result<crypto::SecretBytes> key = crypto::OpenSealed(box_public, box_secret, w.sealed);
    if (!key.ok()) {
      return Status::DataLoss(fmt::format(
          "{}: the key of part '{}' sealed to this recipient does not open", f.name, pname));
    }
    GANREG_RETURN_IF_ERROR(CheckContentKey(f, part, *key));
    return key;
  }
  return Status::PermissionDenied(
      fmt::format("{}: part '{}' is not sealed to this key (box key {}…)", f.name, pname,
                  crypto::ToHex(box_public.substr(0, 8))));
}

Result<crypto::SecretBytes> UnwrapWithPassphrase(const PackageFile& f, size_t part,
                                                 std::string_view passphrase) {
  const std::string& pname = f.header.manifest.parts[part].name;
  for (const Wrap& w : f.header.layouts[part].wraps) {
    if (w.kind != Wrap::Kind::kPassphrase) continue;
    GANREG_ASSIGN_OR_RETURN(
        crypto::SecretBytes kek,
        crypto::DeriveKey(passphrase, w.salt, {w.ops, static_cast<size_t>(w.mem)}));
    Result<crypto::SecretBytes> key =
        crypto::Decrypt(kek, w.sealed, PassphraseAd(f.package_id_raw, part));
    // The key block is signed, so a wrap that does not open means the passphrase is wrong.
    if (!key.ok()) {
      return Status::Unauthenticated(
          fmt::format("{}: the passphrase does not open part '{}'", f.name, pname));
    }
    GANREG_RETURN_IF_ERROR(CheckContentKey(f, part, *key));
    return key;
  }
  return Status::PermissionDenied(
      fmt::format("{}: part '{}' cannot be opened with a passphrase", f.name, pname));
}

}  // namespace internal

namespace {

using internal::PackageFile;

// One part's plaintext, pulled chunk by chunk (read ahead and decrypted on worker threads); only
// authenticated chunks are handed out.
class ChunkStream final : public PackageReader::PartStream {
 public:
  explicit ChunkStream(std::unique_ptr<internal::PartOpener> opener) : opener_(std::move(opener)) {}
  Result<std::string_view> Next() override { return opener_->Next(); }

 private:
  std::unique_ptr<internal::PartOpener> opener_;
};

class FilePackageReader final : public PackageReader {
 public:
  explicit FilePackageReader(PackageFile f) : f_(std::move(f)) {}
  const Manifest& manifest() const override { return f_.header.manifest; }

  Result<std::unique_ptr<PartStream>> OpenPart(std::string_view name, std::string_view box_public,
                                               const crypto::SecretBytes& box_secret) override {
    GANREG_ASSIGN_OR_RETURN(size_t part, internal::FindPart(f_, name));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                            internal::UnwrapForRecipient(f_, part, box_public, box_secret));
    return StreamWith(part, key);
  }

  Status ReadPart(std::string_view name, std::string_view box_public,
                  const crypto::SecretBytes& box_secret,
                  const std::function<Status(std::string_view)>& sink) override {
    GANREG_ASSIGN_OR_RETURN(std::unique_ptr<PartStream> s, OpenPart(name, box_public, box_secret));
    return Drain(*s, sink);
  }

  Status ReadPartWithPassphrase(std::string_view name, std::string_view passphrase,
                                const std::function<Status(std::string_view)>& sink) override {
    GANREG_ASSIGN_OR_RETURN(size_t part, internal::FindPart(f_, name));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                            internal::UnwrapWithPassphrase(f_, part, passphrase));
    GANREG_ASSIGN_OR_RETURN(std::unique_ptr<PartStream> s, StreamWith(part, key));
    return Drain(*s, sink);
  }

  Status VerifyPart(std::string_view name, std::string_view box_public,
                    const crypto::SecretBytes& box_secret) override {
    return ReadPart(name, box_public, box_secret, [](std::string_view) { return Status::Ok(); });
  }

 private:
  Result<std::unique_ptr<PartStream>> StreamWith(size_t part, const crypto::SecretBytes& key) {
    const PartInfo& info = f_.header.manifest.parts[part];
    const internal::PartLayout& layout = f_.header.layouts[part];
    internal::ChunkStreamConfig c;
    c.fd = f_.fd.get();
    c.file_name = f_.name;
    c.part_name = info.name;
    c.version = f_.header.manifest.version;
    c.chunk_bytes = f_.header.chunk_bytes;
    c.file_offset = f_.payload_start + layout.offset;
    c.nonce_prefix = layout.nonce_prefix;
    c.aad = internal::ChunkAad(f_.package_id_raw, part);
    GANREG_ASSIGN_OR_RETURN(std::unique_ptr<internal::PartOpener> opener,
                            internal::PartOpener::Create(std::move(c), key, info.bytes,
                                                         info.digest,
                                                         internal::WorkerThreadsFor(info.bytes)));
    return std::unique_ptr<PartStream>(std::make_unique<ChunkStream>(std::move(opener)));
  }

  static Status Drain(PartStream& s, const std::function<Status(std::string_view)>& sink) {
    for (;;) {
      GANREG_ASSIGN_OR_RETURN(std::string_view piece, s.Next());
      if (piece.empty()) return Status::Ok();
      GANREG_RETURN_IF_ERROR(sink(piece));
    }
  }

  PackageFile f_;
};

}  // namespace

Result<std::unique_ptr<PackageReader>> PackageReader::Open(const std::filesystem::path& file) {
  GANREG_ASSIGN_OR_RETURN(internal::PackageFile f, internal::OpenPackageFile(file));
  return std::unique_ptr<PackageReader>(std::make_unique<FilePackageReader>(std::move(f)));
}

}  // namespace ganreg::transfer
