// Partner and registry key pairs: fingerprints, the PREFIX.pub text and the password-sealed
// PREFIX.key (docs/formats/transfer-package.md, "Key files").
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/files.h"
#include "crypto/crypto.h"
#include "transfer/internal/file_io.h"
#include "transfer/internal/format.h"
#include "transfer/internal/password_rule.h"
#include "transfer/internal/text_lines.h"
#include "transfer/package.h"

namespace ganreg::transfer {
namespace {

constexpr std::string_view kPublicTitle = "ganreg-public-key v1";
constexpr std::string_view kSecretTitle = "ganreg-secret-key v1";
constexpr size_t kSealedSecretsBytes = 24 + 32 + 64 + 16;  // crypto::Encrypt of both secrets

// The lines shared by both files, after the title.
std::string KeyLines(const PublicKey& key) {
  return fmt::format("name: {}\nbox-key: {}\nsign-key: {}\nfingerprint: {}\n", key.name,
                     crypto::ToHex(key.box_key), crypto::ToHex(key.sign_key), key.Fingerprint());
}

Result<std::string> HexField(const internal::TextLines& t, size_t i, std::string_view key,
                             size_t bytes) {
  GANREG_ASSIGN_OR_RETURN(std::string_view v, t.Field(i, key));
  Result<std::string> raw = crypto::FromHex(v);
  if (!raw.ok() || raw->size() != bytes) {
    return Status::DataLoss(fmt::format("'{}' is not {} bytes of hex", key, bytes));
  }
  return raw;
}

// Lines 1–4 (name, keys, fingerprint) of either file; the fingerprint must match the keys.
Result<PublicKey> ParseKeyLines(const internal::TextLines& t) {
  PublicKey k;
  GANREG_ASSIGN_OR_RETURN(std::string_view name, t.Field(1, "name"));
  if (!internal::IsValidName(name)) {
    return Status::DataLoss("the name is empty, too long or holds control characters");
  }
  k.name = std::string(name);
  GANREG_ASSIGN_OR_RETURN(k.box_key, HexField(t, 2, "box-key", crypto::kPublicKeyBytes));
  GANREG_ASSIGN_OR_RETURN(k.sign_key, HexField(t, 3, "sign-key", crypto::kPublicKeyBytes));
  GANREG_ASSIGN_OR_RETURN(std::string_view fp, t.Field(4, "fingerprint"));
  if (fp != k.Fingerprint()) {
    return Status::DataLoss("the fingerprint does not match the keys (mistyped or altered key)");
  }
  return k;
}

Status WritePublicFile(const std::filesystem::path& path, std::string_view text) {
  // The public half is meant to be handed out: world-readable, but never over an existing file.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int e = errno;
    std::string m = fmt::format("{}: cannot create: {}", path.string(), std::strerror(e));
    return e == EEXIST ? Status::AlreadyExists(std::move(m)) : Status::Unavailable(std::move(m));
  }
  internal::Fd owner(fd);
  GANREG_RETURN_IF_ERROR(internal::WriteAll(fd, text, path.string()));
  if (::fsync(fd) != 0) return Status::Unavailable(path.string() + ": fsync failed");
  return Status::Ok();
}

std::filesystem::path WithSuffix(const std::filesystem::path& prefix, std::string_view suffix) {
  std::filesystem::path p = prefix;
  p += std::string(suffix);
  return p;
}

}  // namespace

std::string PublicKey::Fingerprint() const {
  return crypto::ToHex(internal::FingerprintBytes(box_key, sign_key));
}

std::string FormatPublicKey(const PublicKey& key) {
  return std::string(kPublicTitle) + "\n" + KeyLines(key);
}

Result<PublicKey> ParsePublicKey(std::string_view text) {
  auto parsed = [&]() -> Result<PublicKey> {
    GANREG_ASSIGN_OR_RETURN(internal::TextLines t, internal::TextLines::Split(text));
    if (t.size() == 0 || t.line(0) != kPublicTitle) {
      return Status::DataLoss(fmt::format("the first line is not '{}'", kPublicTitle));
    }
    if (t.size() != 5) return Status::DataLoss("expected 5 lines");
    return ParseKeyLines(t);
  }();
  if (!parsed.ok()) {
    return Status::InvalidArgument(
        fmt::format("not a ganreg public key: {}", parsed.status().message()));
  }
  return parsed;
}

Result<PublicKey> ReadPublicKey(const std::filesystem::path& file) {
  GANREG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(file));
  Result<PublicKey> key = ParsePublicKey(text);
  if (!key.ok()) return key.status().WithContext(file.string());
  return key;
}

Result<SecretKey> GenerateKeyPair(std::string_view name) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  if (!internal::IsValidName(name)) {
    return Status::InvalidArgument(
        "a key's name must be 1–200 bytes of UTF-8 without control characters or outer spaces");
  }
  crypto::BoxKeyPair box = crypto::BoxKeyPair::Generate();
  crypto::SignKeyPair sign = crypto::SignKeyPair::Generate();
  SecretKey k;
  k.public_key = {std::string(name), box.public_key, sign.public_key};
  k.box_secret = std::move(box.secret_key);
  k.sign_secret = std::move(sign.secret_key);
  return k;
}

Status WriteKeyPair(const std::filesystem::path& prefix, std::string_view name,
                    std::string_view password) {
  GANREG_ASSIGN_OR_RETURN(SecretKey key, GenerateKeyPair(name));
  GANREG_RETURN_IF_ERROR(
      internal::CheckTransferPassword(password, {std::string(name)}, "the key password"));
  const std::filesystem::path pub = WithSuffix(prefix, ".pub");
  const std::filesystem::path sec = WithSuffix(prefix, ".key");
  std::error_code ec;
  for (const auto& p : {pub, sec}) {
    if (std::filesystem::exists(p, ec)) {
      return Status::AlreadyExists(fmt::format("{}: already exists", p.string()));
    }
  }
  // MODERATE (3 passes, 256 MiB): a lost key file is attacked offline, so the password's
  // derivation is made as costly as a person at a desk will wait for.
  const crypto::KdfProfile kdf = crypto::KdfProfile::Moderate();
  const std::string salt = crypto::RandomBytes(crypto::kSaltBytes);
  std::string text = std::string(kSecretTitle) + "\n" + KeyLines(key.public_key) +
                     fmt::format("kdf: argon2id ops={} mem={}\nsalt: {}\n", kdf.ops_limit,
                                 kdf.mem_limit, crypto::ToHex(salt));
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, crypto::DeriveKey(password, salt, kdf));
  crypto::SecretBytes secrets(key.box_secret.size() + key.sign_secret.size());
  std::memcpy(secrets.data(), key.box_secret.data(), key.box_secret.size());
  std::memcpy(secrets.data() + key.box_secret.size(), key.sign_secret.data(),
              key.sign_secret.size());
  // The associated data is every line before "sealed:": keys, name and cost cannot be swapped.
  text += "sealed: " + crypto::ToHex(crypto::Encrypt(kek, secrets.view(), text)) + "\n";
  text += "check: " + crypto::ToHex(crypto::Blake2b(text)) + "\n";
  GANREG_RETURN_IF_ERROR(WriteNewFile(sec, text));
  Status s = WritePublicFile(pub, FormatPublicKey(key.public_key));
  if (!s.ok()) ::unlink(sec.c_str());
  return s;
}

Result<SecretKey> ReadSecretKey(const std::filesystem::path& file, std::string_view password) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  GANREG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(file));
  const std::string name = file.string();
  auto damaged = [&](const Status& s) {
    return Status::DataLoss(fmt::format("{}: damaged key file: {}", name, s.message()));
  };
  Result<internal::TextLines> split = internal::TextLines::Split(text);
  if (!split.ok()) return damaged(split.status());
  const internal::TextLines& t = *split;
  if (t.size() == 0 || t.line(0) != kSecretTitle) {
    return damaged(Status::DataLoss(fmt::format("the first line is not '{}'", kSecretTitle)));
  }
  if (t.size() != 9) return damaged(Status::DataLoss("expected 9 lines"));
  // The unkeyed checksum first: damage is DATA_LOSS, only a wrong password is UNAUTHENTICATED.
  Result<std::string> check = HexField(t, 8, "check", crypto::kHashBytes);
  if (!check.ok()) return damaged(check.status());
  if (!crypto::BytesEqual(crypto::Blake2b(t.Canonical(8)), *check)) {
    return damaged(Status::DataLoss("checksum does not match"));
  }
  Result<PublicKey> pub = ParseKeyLines(t);
  if (!pub.ok()) return damaged(pub.status());
  Result<std::string_view> kdf_line = t.Field(5, "kdf");
  if (!kdf_line.ok()) return damaged(kdf_line.status());
  crypto::KdfProfile kdf{};
  {
    std::string_view v = *kdf_line;
    const size_t mem_at = v.find(" mem=");
    uint64_t ops = 0, mem = 0;
    if (v.substr(0, 13) != "argon2id ops=" || mem_at == std::string_view::npos ||
        !internal::ParseDecimal(v.substr(13, mem_at - 13), internal::kMaxKdfOps, &ops) ||
        !internal::ParseDecimal(v.substr(mem_at + 5), internal::kMaxKdfMem, &mem) ||
        ops < internal::kMinKdfOps || mem < internal::kMinKdfMem) {
      return damaged(Status::DataLoss("bad 'kdf' line"));
    }
    kdf = {ops, static_cast<size_t>(mem)};
  }
  Result<std::string> salt = HexField(t, 6, "salt", crypto::kSaltBytes);
  if (!salt.ok()) return damaged(salt.status());
  Result<std::string> sealed = HexField(t, 7, "sealed", kSealedSecretsBytes);
  if (!sealed.ok()) return damaged(sealed.status());

  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes kek, crypto::DeriveKey(password, *salt, kdf));
  Result<crypto::SecretBytes> secrets = crypto::Decrypt(kek, *sealed, t.Canonical(7));
  if (!secrets.ok()) {
    return Status::Unauthenticated(fmt::format("{}: wrong password for this key file", name));
  }
  SecretKey k;
  k.public_key = std::move(pub).value();
  k.box_secret = crypto::SecretBytes::CopyOf(secrets->span().subspan(0, 32));
  k.sign_secret = crypto::SecretBytes::CopyOf(secrets->span().subspan(32, 64));
  const std::string probe = "ganreg key file self-test";
  if (crypto::BoxPublicKeyOf(k.box_secret) != k.public_key.box_key ||
      !crypto::VerifySignature(k.public_key.sign_key, probe, crypto::Sign(k.sign_secret, probe))) {
    return Status::DataLoss(
        fmt::format("{}: the secret keys do not belong to the public keys", name));
  }
  return k;
}

}  // namespace ganreg::transfer
