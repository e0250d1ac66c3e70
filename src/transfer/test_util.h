// Test helpers of the transfer module: a temporary folder, key pairs, whole-file reads and
// writes, and an in-memory part stream. For tests only.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "crypto/crypto.h"
#include "transfer/package.h"

namespace ganreg::transfer::testing {

inline constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC)
inline constexpr int64_t kDay = 24 * 60 * 60;
// Strong enough for S-TRN-3 and absent from the common-password list.
inline constexpr char kPassphrase[] = "Kq7#vRm2!pLx";

class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("ganreg_transfer_" + crypto::ToHex(crypto::RandomBytes(6)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path Path(const std::string& name) const { return dir_ / name; }
  std::filesystem::path dir_;
};

inline SecretKey NewKey(std::string_view name) {
  Result<SecretKey> k = GenerateKeyPair(name);
  GANREG_CHECK(k.ok());
  return std::move(k).value();
}

inline std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteAll(const std::filesystem::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// A part whose plaintext is `data`, emitted in pieces of `piece` bytes.
inline PartSource StringPart(std::string name, std::string data, std::vector<PublicKey> to,
                             size_t piece = 100000) {
  PartSource p;
  p.name = std::move(name);
  p.recipients = std::move(to);
  p.produce = [data = std::move(data), piece](const std::function<Status(std::string_view)>& emit) {
    for (size_t at = 0; at < data.size(); at += piece) {
      GANREG_RETURN_IF_ERROR(emit(std::string_view(data).substr(at, piece)));
    }
    return Status::Ok();
  };
  return p;
}

// Deterministic bytes that differ everywhere (so a moved chunk is never equal to another).
inline std::string Pattern(size_t n, uint32_t seed = 1) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s[i] = static_cast<char>(x);
  }
  return s;
}

inline Result<std::string> ReadPartToString(PackageReader& r, std::string_view name,
                                            const SecretKey& key) {
  std::string out;
  Status s = r.ReadPart(name, key.public_key.box_key, key.box_secret, [&](std::string_view d) {
    out.append(d);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

// The format-2 digest of a part whose sealed bytes (ciphertext ‖ tag per chunk) are `sealed`,
// recomputed here with OpenSSL's one-shot SHA-256, independently of the writer's code: SHA-256 of
// the domain followed by SHA-256 of each sealed chunk of chunk_bytes + 16 bytes (the last shorter).
inline std::string V2Digest(std::string_view sealed, uint32_t chunk_bytes) {
  auto sha = [](std::string_view d) {
    unsigned char out[32];
    unsigned int len = 0;
    GANREG_CHECK(EVP_Digest(d.data(), d.size(), out, &len, EVP_sha256(), nullptr) == 1);
    return std::string(reinterpret_cast<const char*>(out), len);
  };
  std::string leaves = "ganreg-transfer payload digest v2";
  const size_t step = size_t{chunk_bytes} + 16;
  for (size_t at = 0; at < sealed.size(); at += step) leaves += sha(sealed.substr(at, step));
  return crypto::ToHex(sha(leaves));
}

// A part stream over fixed pieces of plaintext (for the record reader without a package).
class MemoryStream : public PackageReader::PartStream {
 public:
  explicit MemoryStream(std::string data, size_t piece = 7)
      : data_(std::move(data)), piece_(piece) {}
  Result<std::string_view> Next() override {
    if (at_ >= data_.size()) return std::string_view();
    std::string_view v = std::string_view(data_).substr(at_, piece_);
    at_ += v.size();
    return v;
  }

 private:
  std::string data_;
  size_t piece_;
  size_t at_ = 0;
};

}  // namespace ganreg::transfer::testing
