// What the fuzz targets and their seed generator share: the fixed recipient key (a fuzzer cannot
// forge a sealed box, so seeds are sealed to this key and the target reads parts with it; it is
// not a secret), the date the seeds' rows are valid against, and a scratch file per process.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "crypto/crypto.h"
#include "crypto/secret_bytes.h"

namespace ganreg::fuzz {

inline crypto::SecretBytes FuzzBoxSecret() {
  std::string s;
  for (int i = 0; i < 32; ++i) s.push_back(static_cast<char>(0x40 + i));
  return crypto::SecretBytes::CopyOf(std::string_view(s));
}

inline constexpr int32_t kFuzzToday = 20250601;

// The readers take paths: each input is written to this file, which is removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(std::string_view extension)
      : path_(std::filesystem::temp_directory_path() /
              ("ganreg-fuzz-" + std::to_string(::getpid()) + std::string(extension))) {}
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::filesystem::path& Write(std::string_view data) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    return path_;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ganreg::fuzz
