// libsodium behind ganreg's crypto surface.
#include "crypto/crypto.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "crypto/internal/portable.h"

namespace ganreg::crypto {

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kKeyBytes);
static_assert(crypto_box_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);
static_assert(crypto_pwhash_SALTBYTES == kSaltBytes);

namespace {
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
}  // namespace

Status Init() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0) randombytes_buf(out.data(), n);
  return out;
}

uint64_t RandomUint64() {
  uint64_t v;
  randombytes_buf(&v, sizeof v);
  return v;
}

uint32_t RandomUniform(uint32_t upper) { return randombytes_uniform(upper); }

size_t EncryptedSize(size_t n) { return kNonce + n + kTag; }

namespace {
constexpr size_t kGcmNonce = 12;
constexpr size_t kGcmHeader = 8 + kGcmNonce;  // magic, nonce
static_assert(kGcmMagic.size() == 8);
static_assert(crypto_aead_aes256gcm_KEYBYTES == kKeyBytes);
static_assert(crypto_aead_aes256gcm_NPUBBYTES == kGcmNonce);
static_assert(crypto_aead_aes256gcm_ABYTES == kTag);

bool IsGcmRecord(std::string_view sealed) {
  return sealed.size() >= kGcmHeader + kTag && sealed.substr(0, 8) == kGcmMagic;
}

// The plaintext size of a record of either kind (kDataLoss if too short to be one).
Result<size_t> PlainSize(std::string_view sealed) {
  if (IsGcmRecord(sealed)) return sealed.size() - kGcmHeader - kTag;
  if (sealed.size() < kNonce + kTag) return Status::DataLoss("ciphertext is too short");
  return sealed.size() - kNonce - kTag;
}

// Opens a record into `out` (PlainSize bytes): a BatchEncryptor record (AES-256-GCM) with
// libsodium where the CPU has AES-NI and PCLMUL (it checks the tag before it decrypts, and
// costs a seventh of OpenSSL's per-record context set-up, which dominated a list page), else
// with OpenSSL (constant-time software), so that records open on any machine; an Encrypt record
// (XChaCha20-Poly1305) with libsodium.
Status OpenInto(const SecretBytes& key, std::string_view sealed, std::string_view ad,
                unsigned char* out, bool portable = false) {
  const unsigned char* p = U(sealed);
  if (!IsGcmRecord(sealed)) {
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &mlen, nullptr, p + kNonce,
                                                   sealed.size() - kNonce, U(ad), ad.size(), p,
                                                   key.data()) != 0) {
      return Status::DataLoss("ciphertext does not authenticate (damaged, moved or wrong key)");
    }
    return Status::Ok();
  }
  const size_t n = sealed.size() - kGcmHeader - kTag;
  if (!portable && crypto_aead_aes256gcm_is_available() == 1) {
    unsigned long long mlen = 0;
    if (crypto_aead_aes256gcm_decrypt(out, &mlen, nullptr, p + kGcmHeader, n + kTag, U(ad),
                                      ad.size(), p + 8, key.data()) != 0) {
      return Status::DataLoss("ciphertext does not authenticate (damaged, moved or wrong key)");
    }
    return Status::Ok();
  }
  if (n > INT_MAX || ad.size() > INT_MAX) return Status::DataLoss("record is too large");
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  GANREG_CHECK(ctx != nullptr);
  int len = 0;
  bool ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), p + 8) == 1 &&
            EVP_DecryptUpdate(ctx, nullptr, &len, U(ad), static_cast<int>(ad.size())) == 1 &&
            EVP_DecryptUpdate(ctx, out, &len, p + kGcmHeader, static_cast<int>(n)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTag),
                                const_cast<unsigned char*>(p + kGcmHeader + n)) == 1 &&
            EVP_DecryptFinal_ex(ctx, out + len, &len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) return Status::DataLoss("ciphertext does not authenticate (damaged, moved or wrong key)");
  return Status::Ok();
}
}  // namespace

std::string Encrypt(const SecretBytes& key, std::string_view plaintext, std::string_view ad) {
  GANREG_CHECK(key.size() == kKeyBytes);
  std::string out(EncryptedSize(plaintext.size()), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  // Random 192-bit nonces: collisions are negligible for any number of records we will hold.
  randombytes_buf(p, kNonce);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p + kNonce, &clen, U(plaintext), plaintext.size(),
                                             U(ad), ad.size(), nullptr, p, key.data());
  GANREG_CHECK(clen == plaintext.size() + kTag);
  return out;
}

Result<SecretBytes> Decrypt(const SecretBytes& key, std::string_view sealed, std::string_view ad) {
  GANREG_CHECK(key.size() == kKeyBytes);
  GANREG_ASSIGN_OR_RETURN(size_t n, PlainSize(sealed));
  SecretBytes out(n);
  GANREG_RETURN_IF_ERROR(OpenInto(key, sealed, ad, out.data()));
  return out;
}

Result<SecretBytes> internal::DecryptWithOpenSsl(const SecretBytes& key, std::string_view sealed,
                                                 std::string_view ad) {
  GANREG_CHECK(key.size() == kKeyBytes);
  GANREG_ASSIGN_OR_RETURN(size_t n, PlainSize(sealed));
  SecretBytes out(n);
  GANREG_RETURN_IF_ERROR(OpenInto(key, sealed, ad, out.data(), /*portable=*/true));
  return out;
}

ScrubbedBuffer::~ScrubbedBuffer() {
  bytes_.resize(bytes_.capacity());
  sodium_memzero(bytes_.data(), bytes_.size());
}

Status DecryptInto(const SecretBytes& key, std::string_view sealed, std::string_view ad,
                   ScrubbedBuffer* out) {
  GANREG_CHECK(key.size() == kKeyBytes);
  out->size_ = 0;
  GANREG_ASSIGN_OR_RETURN(size_t n, PlainSize(sealed));
  if (out->bytes_.size() < n) {
    // Wipe before the old block is freed by the growth.
    sodium_memzero(out->bytes_.data(), out->bytes_.size());
    std::string grown(std::max(n, out->bytes_.size() * 2), '\0');
    out->bytes_.swap(grown);
  }
  GANREG_RETURN_IF_ERROR(
      OpenInto(key, sealed, ad, reinterpret_cast<unsigned char*>(out->bytes_.data())));
  out->size_ = n;
  return Status::Ok();
}

struct BatchEncryptor::Impl {
  // libsodium's precomputed AES-256-GCM state (the key schedule: secret, wiped at the end).
  alignas(16) crypto_aead_aes256gcm_state state;
  bool sodium = false;
  EVP_CIPHER_CTX* ctx = nullptr;  // OpenSSL otherwise
  RandomBlock random;
  ~Impl() {
    sodium_memzero(&state, sizeof state);
    if (ctx != nullptr) EVP_CIPHER_CTX_free(ctx);  // cleanses the key schedule
  }
};

BatchEncryptor::BatchEncryptor(const SecretBytes& key, Engine engine) : impl_(new Impl) {
  GANREG_CHECK(key.size() == kKeyBytes);
  impl_->sodium = engine == Engine::kBest && crypto_aead_aes256gcm_is_available() == 1;
  if (impl_->sodium) {
    GANREG_CHECK(crypto_aead_aes256gcm_beforenm(&impl_->state, key.data()) == 0);
  } else {
    impl_->ctx = EVP_CIPHER_CTX_new();
    GANREG_CHECK(impl_->ctx != nullptr);
    GANREG_CHECK(EVP_EncryptInit_ex(impl_->ctx, EVP_aes_256_gcm(), nullptr, key.data(), nullptr) == 1);
  }
}

BatchEncryptor::~BatchEncryptor() = default;

void BatchEncryptor::Encrypt(std::string_view plaintext, std::string_view ad, std::string* out) {
  GANREG_CHECK(plaintext.size() <= INT_MAX && ad.size() <= INT_MAX);
  out->resize(kGcmHeader + plaintext.size() + kTag);
  auto* p = reinterpret_cast<unsigned char*>(out->data());
  std::memcpy(p, kGcmMagic.data(), 8);
  const uint64_t r0 = impl_->random.Next(), r1 = impl_->random.Next();
  std::memcpy(p + 8, &r0, 8);
  std::memcpy(p + 16, &r1, 4);
  unsigned char* c = p + kGcmHeader;
  if (impl_->sodium) {
    unsigned long long clen = 0;
    crypto_aead_aes256gcm_encrypt_afternm(c, &clen, U(plaintext), plaintext.size(), U(ad),
                                          ad.size(), nullptr, p + 8, &impl_->state);
    return;
  }
  EVP_CIPHER_CTX* ctx = impl_->ctx;
  int len = 0;
  GANREG_CHECK(EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, p + 8) == 1 &&
               EVP_EncryptUpdate(ctx, nullptr, &len, U(ad), static_cast<int>(ad.size())) == 1 &&
               EVP_EncryptUpdate(ctx, c, &len, U(plaintext), static_cast<int>(plaintext.size())) == 1 &&
               EVP_EncryptFinal_ex(ctx, c + len, &len) == 1 &&
               EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTag),
                                   c + plaintext.size()) == 1);
}

uint64_t RandomBlock::Next() {
  if (used_ == std::size(block_)) {
    randombytes_buf(block_, sizeof block_);
    used_ = 0;
  }
  uint64_t v = block_[used_];
  block_[used_++] = 0;
  return v;
}

BoxKeyPair BoxKeyPair::Generate() {
  BoxKeyPair kp;
  kp.public_key.assign(crypto_box_PUBLICKEYBYTES, '\0');
  kp.secret_key = SecretBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(kp.public_key.data()), kp.secret_key.data());
  return kp;
}

std::string BoxPublicKeyOf(const SecretBytes& secret_key) {
  GANREG_CHECK(secret_key.size() == crypto_box_SECRETKEYBYTES);
  std::string pk(crypto_box_PUBLICKEYBYTES, '\0');
  crypto_scalarmult_base(reinterpret_cast<unsigned char*>(pk.data()), secret_key.data());
  return pk;
}

std::string SealTo(std::string_view public_key, std::span<const uint8_t> message) {
  GANREG_CHECK(public_key.size() == crypto_box_PUBLICKEYBYTES);
  std::string out(message.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()), message.data(), message.size(),
                  U(public_key));
  return out;
}

Result<SecretBytes> OpenSealed(std::string_view public_key, const SecretBytes& secret_key,
                               std::string_view sealed) {
  if (public_key.size() != crypto_box_PUBLICKEYBYTES ||
      secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return Status::InvalidArgument("key of the wrong size");
  }
  if (sealed.size() < crypto_box_SEALBYTES) return Status::DataLoss("sealed key is too short");
  SecretBytes out(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(out.data(), U(sealed), sealed.size(), U(public_key),
                           secret_key.data()) != 0) {
    return Status::DataLoss("sealed key does not open with this key pair");
  }
  return out;
}

SignKeyPair SignKeyPair::Generate() {
  SignKeyPair kp;
  kp.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  kp.secret_key = SecretBytes(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(kp.public_key.data()), kp.secret_key.data());
  return kp;
}

std::string Sign(const SecretBytes& secret_key, std::string_view message) {
  GANREG_CHECK(secret_key.size() == crypto_sign_SECRETKEYBYTES);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, U(message),
                       message.size(), secret_key.data());
  return sig;
}

bool VerifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(U(signature), U(message), message.size(), U(public_key)) == 0;
}

KdfProfile KdfProfile::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
KdfProfile KdfProfile::Moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
KdfProfile KdfProfile::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}
Result<KdfProfile> KdfProfile::Named(std::string_view name) {
  if (name == "interactive") return Interactive();
  if (name == "moderate") return Moderate();
  if (name == "minimum") return Minimum();
  return Status::InvalidArgument(
      fmt::format("unknown key-derivation profile '{}' (interactive, moderate, minimum)", name));
}

Result<std::string> HashPassword(std::string_view password, const KdfProfile& profile) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), profile.ops_limit,
                            profile.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Unavailable("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view verifier, std::string_view password) {
  std::string v(verifier);  // must be NUL-terminated
  return crypto_pwhash_str_verify(v.c_str(), password.data(), password.size()) == 0;
}

Result<SecretBytes> DeriveKey(std::string_view password, std::string_view salt,
                              const KdfProfile& profile) {
  if (salt.size() != kSaltBytes) return Status::InvalidArgument("salt of the wrong size");
  SecretBytes key(kKeyBytes);
  if (crypto_pwhash(key.data(), key.size(), password.data(), password.size(), U(salt),
                    profile.ops_limit, profile.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Unavailable("out of memory while deriving a key");
  }
  return key;
}

static_assert(sizeof(crypto_generichash_state) <= 384);

Hasher::Hasher() {
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0,
                          kHashBytes);
}

void Hasher::Update(std::string_view data) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_), U(data),
                            data.size());
}

std::string Hasher::Final() {
  std::string out(kHashBytes, '\0');
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_),
                           reinterpret_cast<unsigned char*>(out.data()), kHashBytes);
  return out;
}

std::string Blake2b(std::string_view data) {
  std::string out(kHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), kHashBytes, U(data), data.size(),
                     nullptr, 0);
  return out;
}

std::string Blake2bKeyed(const SecretBytes& key, std::string_view data) {
  GANREG_CHECK(key.size() >= crypto_generichash_KEYBYTES_MIN &&
               key.size() <= crypto_generichash_KEYBYTES_MAX);
  std::string out(kHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), kHashBytes, U(data), data.size(),
                     key.data(), key.size());
  return out;
}

void Blake2bPair(std::string_view a, std::string_view b, unsigned char out[kHashBytes]) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kHashBytes);
  crypto_generichash_update(&st, U(a), a.size());
  crypto_generichash_update(&st, U(b), b.size());
  crypto_generichash_final(&st, out, kHashBytes);
}

std::string ToHex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), U(bytes), bytes.size());
  out.pop_back();
  return out;
}

Result<std::string> FromHex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != out.size()) {
    return Status::InvalidArgument("not a hexadecimal string");
  }
  return out;
}

bool BytesEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace ganreg::crypto
