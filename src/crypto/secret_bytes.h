// SecretBytes: the one type that holds key material and decrypted secrets.
// Allocated with sodium_malloc (guard pages, mlock), wiped on destruction, move-only,
// compared only in constant time. Never converted implicitly to std::string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ganreg::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  // Zero-filled secret of `size` bytes.
  explicit SecretBytes(size_t size);
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // `size` random bytes from the OS generator.
  static SecretBytes Random(size_t size);
  // Copies `data` into a new secret buffer (the caller wipes its own copy).
  static SecretBytes CopyOf(std::span<const uint8_t> data);
  static SecretBytes CopyOf(std::string_view data);

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data_, size_}; }
  // A view for parsing decrypted records; valid while this object lives.
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  // Constant-time equality.
  bool Equals(const SecretBytes& other) const;
  // Explicit copy, for the rare place that must keep two owners.
  SecretBytes Clone() const { return CopyOf(span()); }

 private:
  void Release();
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Overwrites `data` with zeros in a way the compiler cannot elide.
void Wipe(void* data, size_t size);

}  // namespace ganreg::crypto
