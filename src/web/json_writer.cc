// JsonWriter: the escaping of strings as nlohmann writes them (json_writer.h).
#include "web/json_writer.h"

#include <array>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

namespace ganreg::web::internal {

namespace {

// What a byte asks for: copied as it is, escaped, or the start of a multi-byte sequence.
enum : uint8_t { kPlain, kEscape, kMultiByte };
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kEscape;
  t['"'] = t['\\'] = kEscape;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kMultiByte;
  return t;
}();

// Whether one of the eight bytes of `w` is not kPlain: below 0x20, '"', '\\' or 0x80 and above.
// (Bit Twiddling Hacks' haszero and hasless: a false positive in one byte happens only beside a
// true one, so the answer for the word is exact.)
bool NeedsCare(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  return (below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')) | (w & kHigh)) !=
         0;
}

// Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF) that begins at p[0] >= 0x80, or 0 if there is none before `end`. These are
// the sequences nlohmann's decoder accepts; anything else goes to nlohmann itself.
size_t Utf8Sequence(const unsigned char* p, const unsigned char* end) {
  const size_t left = static_cast<size_t>(end - p);
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < left && p[k] >= lo && p[k] <= hi;
  };
  const unsigned c = p[0];
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void JsonWriter::Raw(std::string_view text) {
  std::memcpy(Room(text.size()), text.data(), text.size());
  len_ += text.size();
}

void JsonWriter::Quoted(std::string_view s) {
  // At most 6 bytes out for one in (\u001f), and the quotes.
  const size_t start = len_;
  char* out = Room(6 * s.size() + 2);
  *out++ = '"';
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = in + s.size();
  while (in < end) {
    // Runs of bytes copied as they are (all of a code, a date, a key): eight at a time while
    // none of the eight needs care, then one at a time.
    while (end - in >= 8) {
      uint64_t word;
      std::memcpy(&word, in, 8);
      if (NeedsCare(word)) break;
      std::memcpy(out, in, 8);
      out += 8;
      in += 8;
    }
    while (in < end && kByteClass[*in] == kPlain) *out++ = static_cast<char>(*in++);
    if (in == end) break;
    const unsigned char c = *in;
    switch (kByteClass[c]) {
      case kMultiByte: {
        const size_t n = Utf8Sequence(in, end);
        if (n == 0) {
          // Not UTF-8: nlohmann's own replacement, so that the output stays the same byte for
          // byte (it is rare: the app layer's text is UTF-8).
          len_ = start;
          Raw(nlohmann::ordered_json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
          return;
        }
        std::memcpy(out, in, n);
        out += n;
        in += n;
        break;
      }
      default: {
        *out++ = '\\';
        switch (c) {
          case '"':
            *out++ = '"';
            break;
          case '\\':
            *out++ = '\\';
            break;
          case '\b':
            *out++ = 'b';
            break;
          case '\f':
            *out++ = 'f';
            break;
          case '\n':
            *out++ = 'n';
            break;
          case '\r':
            *out++ = 'r';
            break;
          case '\t':
            *out++ = 't';
            break;
          default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = kHex[c >> 4];
            *out++ = kHex[c & 0xF];
        }
        ++in;
      }
    }
  }
  *out++ = '"';
  len_ = static_cast<size_t>(out - buf_.data());
}

void JsonWriter::Key(JsonKey name) {
  Separate();
  const std::string_view v = name.view();
  char* out = Room(v.size() + 3);
  out[0] = '"';
  std::memcpy(out + 1, v.data(), v.size());
  out[v.size() + 1] = '"';
  out[v.size() + 2] = ':';
  len_ += v.size() + 3;
  need_comma_ = false;
}

void JsonWriter::String(std::string_view v) {
  Separate();
  Quoted(v);
}

void JsonWriter::Int(int64_t v) {
  Separate();
  char* out = Room(20);  // "-9223372036854775808"
  len_ = static_cast<size_t>(std::to_chars(out, out + 20, v).ptr - buf_.data());
}

void JsonWriter::Bool(bool v) {
  Separate();
  Raw(v ? "true" : "false");
}

void JsonWriter::Null() {
  Separate();
  Raw("null");
}

std::string JsonWriter::Take() && {
  buf_.resize(len_);
  len_ = 0;
  need_comma_ = false;
  return std::move(buf_);
}

}  // namespace ganreg::web::internal
