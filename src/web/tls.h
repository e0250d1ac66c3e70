// The server's TLS certificate. `ganreg init` makes a self-signed one for localhost so that the
// web client is encrypted from the first start; a real office configures its own (--cert, --key).
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"
#include "core/status.h"

namespace ganreg::web {

// Where `init` puts the self-signed certificate and its key inside a registry folder.
std::filesystem::path DefaultCertificateFile(const std::filesystem::path& registry_dir);
std::filesystem::path DefaultKeyFile(const std::filesystem::path& registry_dir);

// Writes a new ECDSA P-256 key (PEM, mode 0600) and a self-signed X.509 certificate for
// `host_name` (PEM) valid for `days`, with subjectAltName DNS:localhost, IP:127.0.0.1 and
// IP:::1 (and DNS:host_name if different). kAlreadyExists if either file exists.
Status MakeSelfSignedCertificate(const std::filesystem::path& cert_file,
                                 const std::filesystem::path& key_file,
                                 std::string_view host_name = "localhost", int days = 397);

}  // namespace ganreg::web
