// SHA-256 over OpenSSL's EVP interface, and the payload digest's fold.
#include "transfer/internal/payload_digest.h"

#include <openssl/evp.h>

#include "core/result.h"

namespace ganreg::transfer::internal {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  GANREG_CHECK(ctx_ != nullptr && EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::Update(const void* data, size_t n) {
  GANREG_CHECK(EVP_DigestUpdate(ctx_, data, n) == 1);
}

void Sha256::Final(uint8_t out[kLeafBytes]) {
  unsigned int len = 0;
  GANREG_CHECK(EVP_DigestFinal_ex(ctx_, out, &len) == 1 && len == kLeafBytes);
  GANREG_CHECK(EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) == 1);
}

void Sha256::Of(const void* data, size_t n, uint8_t out[kLeafBytes]) {
  Update(data, n);
  Final(out);
}

PayloadDigest::PayloadDigest() { root_.Update(kPayloadDigestDomain); }

void PayloadDigest::AddLeaf(const uint8_t leaf[kLeafBytes]) { root_.Update(leaf, kLeafBytes); }

std::string PayloadDigest::Final() {
  std::string out(kLeafBytes, '\0');
  root_.Final(reinterpret_cast<uint8_t*>(out.data()));
  return out;
}

}  // namespace ganreg::transfer::internal
