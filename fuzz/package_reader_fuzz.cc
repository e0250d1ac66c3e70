// libFuzzer target: transfer packages from untrusted bytes. The first input byte picks what the
// rest is: 0 — a package file: PackageReader::Open, every part verified with the fixed key, and
// identity + clinical joined; 1 — two notification-part plaintexts fed straight to the record
// reader (a fuzzer cannot forge the AEAD, so this is how it reaches the record parser).
#include <cstdint>
#include <filesystem>
#include <string>

#include "crypto/crypto.h"
#include "fuzz_common.h"
#include "transfer/internal/notification_stream.h"
#include "transfer/package.h"

namespace {

using ganreg::Result;
using ganreg::Status;
using namespace ganreg;  // NOLINT: a fuzz target, not a library

class BytesStream : public transfer::PackageReader::PartStream {
 public:
  explicit BytesStream(std::string data) : data_(std::move(data)) {}
  Result<std::string_view> Next() override {
    if (at_ >= data_.size()) return std::string_view();
    // Uneven pieces, so records straddle them.
    std::string_view v = std::string_view(data_).substr(at_, 1 + at_ % 13);
    at_ += v.size();
    return v;
  }

 private:
  std::string data_;
  size_t at_ = 0;
};

void Drain(validate::NotificationReader& reader) {
  validate::Row row;
  for (int i = 0; i < 100000; ++i) {
    Result<bool> more = reader.Next(&row);
    if (!more.ok() || !*more) return;
  }
}

void FuzzPackage(std::string_view bytes) {
  static const fuzz::ScratchFile scratch(".grp");
  const std::filesystem::path& path = scratch.Write(bytes);
  static const crypto::SecretBytes secret = fuzz::FuzzBoxSecret();
  static const std::string box_public = crypto::BoxPublicKeyOf(secret);
  auto reader = transfer::PackageReader::Open(path);
  if (!reader.ok()) return;
  (void)(*reader)->manifest().ExpiredAt(0);
  for (const transfer::PartInfo& p : (*reader)->manifest().parts) {
    (void)(*reader)->VerifyPart(p.name, box_public, secret);
  }
  auto joined = transfer::OpenNotificationParts(**reader, **reader, box_public, secret, "fuzz.grp",
                                                fuzz::kFuzzToday);
  if (joined.ok()) Drain(**joined);
}

void FuzzPlaintext(std::string_view bytes) {
  // rows (1 byte), identity length (2 bytes), identity plaintext, clinical plaintext.
  if (bytes.size() < 3) return;
  const uint64_t rows = static_cast<uint8_t>(bytes[0]);
  const size_t split =
      static_cast<size_t>(static_cast<uint8_t>(bytes[1])) << 8 | static_cast<uint8_t>(bytes[2]);
  bytes.remove_prefix(3);
  const size_t cut = std::min(split, bytes.size());
  auto joined = transfer::internal::ReadNotificationStreams(
      std::make_unique<BytesStream>(std::string(bytes.substr(0, cut))),
      std::make_unique<BytesStream>(std::string(bytes.substr(cut))), rows, "fuzz",
      fuzz::kFuzzToday);
  if (joined.ok()) Drain(**joined);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool initialised = crypto::Init().ok();
  if (!initialised || size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    FuzzPackage(bytes);
  } else {
    FuzzPlaintext(bytes);
  }
  return 0;
}
