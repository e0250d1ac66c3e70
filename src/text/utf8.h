// Small UTF-8 primitives without ICU: a well-formedness scan and code point stepping, for the
// hot paths (decoding incoming files, classifying characters of every field of every row).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ganreg::text {

// Length of the longest prefix of `s` that is well-formed UTF-8 made of complete characters
// (no overlongs, no surrogates, nothing above U+10FFFF). `*truncated` is set when the rest of
// `s` is the beginning of a well-formed character, i.e. more bytes could still complete it.
inline size_t ValidUtf8Prefix(std::string_view s, bool* truncated) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  *truncated = false;
  while (i < n) {
    if (p[i] < 0x80) {
      // Most bytes of a registry file are ASCII (codes, dates, commas): take them 8 at a time.
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if ((w & 0x8080808080808080ull) != 0) break;
        i += 8;
      }
      while (i < n && p[i] < 0x80) ++i;
      if (i == n) break;
    }
    const unsigned char c = p[i];
    // Kana and kanji are three bytes led by E3–E9: take the common case in one test.
    if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3;
      lo = 0xA0;  // below is an overlong form
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3;
      hi = 0x9F;  // above are UTF-16 surrogates
    } else if (c == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4;
      hi = 0x8F;  // above is beyond U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n) {
      *truncated = true;
      return i;
    }
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (i + k >= n) {
        *truncated = true;
        return i;
      }
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return i;
}

// Decodes the code point that starts at s[*i] and advances *i past it. `s` must be well-formed
// UTF-8 (everything the decoders produce is); a stray byte is returned as itself.
inline char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char c = p[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if (c >= 0xC0 && c < 0xE0 && *i + 1 < n) {
    char32_t cp = (char32_t{c & 0x1Fu} << 6) | (p[*i + 1] & 0x3Fu);
    *i += 2;
    return cp;
  }
  if (c >= 0xE0 && c < 0xF0 && *i + 2 < n) {
    char32_t cp =
        (char32_t{c & 0x0Fu} << 12) | (char32_t{p[*i + 1] & 0x3Fu} << 6) | (p[*i + 2] & 0x3Fu);
    *i += 3;
    return cp;
  }
  if (c >= 0xF0 && *i + 3 < n) {
    char32_t cp = (char32_t{c & 0x07u} << 18) | (char32_t{p[*i + 1] & 0x3Fu} << 12) |
                  (char32_t{p[*i + 2] & 0x3Fu} << 6) | (p[*i + 3] & 0x3Fu);
    *i += 4;
    return cp;
  }
  ++*i;
  return c;
}

// Appends the UTF-8 form of `cp` (a Unicode scalar value) to `out`.
template <class String>
inline void AppendUtf8(char32_t cp, String* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace ganreg::text
