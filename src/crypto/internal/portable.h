// The portable path of crypto.cc, for its tests: on a machine with AES-NI, Decrypt opens
// AES-256-GCM records with libsodium and would leave OpenSSL's path (the one for machines
// without it) untested. Private to the crypto module.
#pragma once

#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace ganreg::crypto::internal {

// Decrypt, with OpenSSL for AES-256-GCM records whatever the CPU.
Result<SecretBytes> DecryptWithOpenSsl(const SecretBytes& key, std::string_view sealed,
                                       std::string_view ad);

}  // namespace ganreg::crypto::internal
