// AES-256-GCM STREAM over OpenSSL EVP (AES-NI where the CPU has it).
#include "transfer/internal/gcm_stream.h"

#include <openssl/evp.h>

#include <climits>

#include "crypto/secret_bytes.h"

namespace ganreg::transfer::internal {
namespace {
const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
}  // namespace

std::string StreamNonce(std::string_view prefix, uint32_t index, bool final) {
  GANREG_CHECK(prefix.size() == kNoncePrefixBytes);
  std::string nonce(prefix);
  for (int i = 3; i >= 0; --i) nonce.push_back(static_cast<char>(index >> (8 * i)));
  nonce.push_back(final ? '\x01' : '\x00');
  return nonce;
}

GcmStream::GcmStream(Direction direction, std::string_view nonce_prefix, std::string aad)
    : direction_(direction), nonce_prefix_(nonce_prefix), aad_(std::move(aad)) {}

GcmStream::~GcmStream() {
  if (ctx_ != nullptr) EVP_CIPHER_CTX_free(ctx_);  // cleanses the key schedule
}

Result<std::unique_ptr<GcmStream>> GcmStream::Create(Direction direction,
                                                     const crypto::SecretBytes& key,
                                                     std::string_view nonce_prefix,
                                                     std::string aad) {
  GANREG_CHECK(key.size() == kContentKeyBytes);
  GANREG_CHECK(nonce_prefix.size() == kNoncePrefixBytes);
  GANREG_CHECK(aad.size() < INT_MAX);
  std::unique_ptr<GcmStream> s(new GcmStream(direction, nonce_prefix, std::move(aad)));
  s->ctx_ = EVP_CIPHER_CTX_new();
  const int enc = direction == Direction::kSeal ? 1 : 0;
  if (s->ctx_ == nullptr ||
      EVP_CipherInit_ex(s->ctx_, EVP_aes_256_gcm(), nullptr, nullptr, nullptr, enc) != 1 ||
      EVP_CIPHER_CTX_ctrl(s->ctx_, EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
      EVP_CipherInit_ex(s->ctx_, nullptr, nullptr, key.data(), nullptr, enc) != 1) {
    return Status::Internal("OpenSSL could not set up AES-256-GCM");
  }
  return s;
}

Status GcmStream::Seal(uint32_t index, bool final, std::string_view plaintext, char* out) {
  GANREG_CHECK(direction_ == Direction::kSeal);
  GANREG_CHECK(plaintext.size() < INT_MAX);
  const std::string nonce = StreamNonce(nonce_prefix_, index, final);
  auto* o = reinterpret_cast<unsigned char*>(out);
  int len = 0;
  int total = 0;
  // Only the nonce changes per chunk: the key schedule set in Create is kept (key = nullptr).
  if (EVP_EncryptInit_ex(ctx_, nullptr, nullptr, nullptr, U(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx_, nullptr, &len, U(aad_), static_cast<int>(aad_.size())) != 1) {
    return Status::Internal("AES-256-GCM sealing failed");
  }
  if (!plaintext.empty()) {
    if (EVP_EncryptUpdate(ctx_, o, &len, U(plaintext), static_cast<int>(plaintext.size())) != 1) {
      return Status::Internal("AES-256-GCM sealing failed");
    }
    total = len;
  }
  if (EVP_EncryptFinal_ex(ctx_, o + total, &len) != 1) {
    return Status::Internal("AES-256-GCM sealing failed");
  }
  total += len;
  GANREG_CHECK(static_cast<size_t>(total) == plaintext.size());
  if (EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, o + total) != 1) {
    return Status::Internal("AES-256-GCM sealing failed (tag)");
  }
  return Status::Ok();
}

bool GcmStream::Open(uint32_t index, bool final, std::string_view sealed, uint8_t* out) {
  GANREG_CHECK(direction_ == Direction::kOpen);
  if (sealed.size() < kGcmTagBytes || sealed.size() >= INT_MAX) return false;
  const size_t n = sealed.size() - kGcmTagBytes;
  const std::string nonce = StreamNonce(nonce_prefix_, index, final);
  // OpenSSL wants a writable tag buffer.
  unsigned char tag[kGcmTagBytes];
  for (size_t i = 0; i < kGcmTagBytes; ++i) tag[i] = static_cast<unsigned char>(sealed[n + i]);
  int len = 0;
  int total = 0;
  bool ok = EVP_DecryptInit_ex(ctx_, nullptr, nullptr, nullptr, U(nonce)) == 1 &&
            EVP_DecryptUpdate(ctx_, nullptr, &len, U(aad_), static_cast<int>(aad_.size())) == 1;
  if (ok && n > 0) {
    ok = EVP_DecryptUpdate(ctx_, out, &len, U(sealed), static_cast<int>(n)) == 1;
    total = len;
  }
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag) == 1 &&
       EVP_DecryptFinal_ex(ctx_, out + total, &len) > 0;
  if (!ok) {
    // GCM decrypts before it verifies: what was written is unauthenticated and must not be used.
    if (n > 0) crypto::Wipe(out, n);
    return false;
  }
  return static_cast<size_t>(total + len) == n;
}

Status GcmStream::Begin(uint32_t index, bool final) {
  const std::string nonce = StreamNonce(nonce_prefix_, index, final);
  int len = 0;
  if (EVP_CipherInit_ex(ctx_, nullptr, nullptr, nullptr, U(nonce), -1) != 1 ||
      EVP_CipherUpdate(ctx_, nullptr, &len, U(aad_), static_cast<int>(aad_.size())) != 1) {
    return Status::Internal("AES-256-GCM failed (nonce)");
  }
  return Status::Ok();
}

Status GcmStream::Update(const uint8_t* in, uint8_t* out, size_t n) {
  GANREG_CHECK(n < INT_MAX);
  if (n == 0) return Status::Ok();
  int len = 0;
  if (EVP_CipherUpdate(ctx_, out, &len, in, static_cast<int>(n)) != 1 ||
      static_cast<size_t>(len) != n) {
    return Status::Internal("AES-256-GCM failed");
  }
  return Status::Ok();
}

Status GcmStream::SealFinal(uint8_t* tag) {
  GANREG_CHECK(direction_ == Direction::kSeal);
  unsigned char none[16];
  int len = 0;
  if (EVP_EncryptFinal_ex(ctx_, none, &len) != 1 || len != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, tag) != 1) {
    return Status::Internal("AES-256-GCM sealing failed (tag)");
  }
  return Status::Ok();
}

bool GcmStream::OpenFinal(const uint8_t* tag) {
  GANREG_CHECK(direction_ == Direction::kOpen);
  unsigned char copy[kGcmTagBytes];  // OpenSSL wants a writable tag buffer
  for (size_t i = 0; i < kGcmTagBytes; ++i) copy[i] = tag[i];
  unsigned char none[16];
  int len = 0;
  return EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, copy) == 1 &&
         EVP_DecryptFinal_ex(ctx_, none, &len) > 0 && len == 0;
}

}  // namespace ganreg::transfer::internal
