// Big-endian field encoding for the transfer formats: a writer that appends and a reader that
// never reads past its input (every getter reports failure instead), for parsing untrusted files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ganreg::transfer::internal {

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Be(v, 2); }
  void U32(uint32_t v) { Be(v, 4); }
  void U64(uint64_t v) { Be(v, 8); }
  void I64(int64_t v) { Be(static_cast<uint64_t>(v), 8); }
  void Bytes(std::string_view b) { out_.append(b); }
  // `text`: u16 length then the bytes. The caller has checked the length.
  void Text(std::string_view t) {
    U16(static_cast<uint16_t>(t.size()));
    out_.append(t);
  }
  std::string& str() { return out_; }
  size_t size() const { return out_.size(); }

 private:
  void Be(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool U8(uint8_t* v) {
    uint64_t x;
    if (!Be(1, &x)) return false;
    *v = static_cast<uint8_t>(x);
    return true;
  }
  bool U16(uint16_t* v) {
    uint64_t x;
    if (!Be(2, &x)) return false;
    *v = static_cast<uint16_t>(x);
    return true;
  }
  bool U32(uint32_t* v) {
    uint64_t x;
    if (!Be(4, &x)) return false;
    *v = static_cast<uint32_t>(x);
    return true;
  }
  bool U64(uint64_t* v) { return Be(8, v); }
  bool I64(int64_t* v) {
    uint64_t x;
    if (!Be(8, &x)) return false;
    *v = static_cast<int64_t>(x);
    return true;
  }
  bool Bytes(size_t n, std::string_view* v) {
    if (in_.size() < n) return false;
    *v = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool Bytes(size_t n, std::string* v) {
    std::string_view s;
    if (!Bytes(n, &s)) return false;
    v->assign(s);
    return true;
  }
  bool Text(std::string* v) {
    uint16_t n;
    return U16(&n) && Bytes(n, v);
  }
  bool empty() const { return in_.empty(); }
  size_t remaining() const { return in_.size(); }

 private:
  bool Be(size_t n, uint64_t* v) {
    if (in_.size() < n) return false;
    uint64_t x = 0;
    for (size_t i = 0; i < n; ++i) x = (x << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(n);
    *v = x;
    return true;
  }
  std::string_view in_;
};

inline void PutU32Be(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>(v >> (8 * (3 - i)));
}
inline uint32_t GetU32Be(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
inline uint64_t GetU64Be(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

}  // namespace ganreg::transfer::internal
