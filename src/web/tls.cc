#include "web/tls.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <fmt/format.h>

namespace ganreg::web {

namespace {

struct PkeyFree { void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } };
struct X509Free { void operator()(X509* p) const { X509_free(p); } };
struct ExtFree { void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); } };
struct BioFree { void operator()(BIO* p) const { BIO_free(p); } };

Status OpenSslError(std::string_view what) {
  return Status::Internal(fmt::format("TLS certificate: {} failed (OpenSSL)", what));
}

Status AddExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, ExtFree> ext(
      X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return OpenSslError("an extension");
  return Status::Ok();
}

// Writes `pem` to `path`, created new with `mode`.
Status WriteNew(const std::filesystem::path& path, const std::string& pem, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::Unavailable(fmt::format("{}: cannot create: {}", path.string(),
                                           std::strerror(errno)));
  }
  size_t done = 0;
  while (done < pem.size()) {
    ssize_t n = ::write(fd, pem.data() + done, pem.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Status::Unavailable(fmt::format("{}: write failed", path.string()));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return Status::Unavailable(fmt::format("{}: write failed", path.string()));
  }
  return Status::Ok();
}

template <class F>
Result<std::string> ToPem(F&& write) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return OpenSslError("PEM encoding");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

}  // namespace

std::filesystem::path DefaultCertificateFile(const std::filesystem::path& registry_dir) {
  return registry_dir / "tls" / "server.crt";
}
std::filesystem::path DefaultKeyFile(const std::filesystem::path& registry_dir) {
  return registry_dir / "tls" / "server.key";
}

Status MakeSelfSignedCertificate(const std::filesystem::path& cert_file,
                                 const std::filesystem::path& key_file,
                                 std::string_view host_name, int days) {
  std::error_code ec;
  if (std::filesystem::exists(cert_file, ec) || std::filesystem::exists(key_file, ec)) {
    return Status::AlreadyExists(
        fmt::format("{} or {} exists already", cert_file.string(), key_file.string()));
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("key generation");
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  X509_set_version(cert.get(), 2);  // v3
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return OpenSslError("serial number");
  serial[0] &= 0x7f;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  if (!bn || !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()))) {
    BN_free(bn);
    return OpenSslError("serial number");
  }
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400L);
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string cn(host_name);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("ganreg registry"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_set_pubkey(cert.get(), key.get()) != 1) return OpenSslError("public key");
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (host_name != "localhost") san = fmt::format("DNS:{},{}", host_name, san);
  GANREG_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_alt_name, san));
  GANREG_RETURN_IF_ERROR(AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"));
  GANREG_RETURN_IF_ERROR(AddExtension(cert.get(), NID_key_usage, "critical,digitalSignature"));
  GANREG_RETURN_IF_ERROR(AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return OpenSslError("signing");

  GANREG_ASSIGN_OR_RETURN(std::string key_pem, ToPem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  }));
  GANREG_ASSIGN_OR_RETURN(std::string cert_pem,
                          ToPem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); }));
  for (const auto& dir : {cert_file.parent_path(), key_file.parent_path()}) {
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  }
  GANREG_RETURN_IF_ERROR(WriteNew(key_file, key_pem, 0600));
  return WriteNew(cert_file, cert_pem, 0644);
}

}  // namespace ganreg::web
