// Internal helpers of the synthetic generator: a small seedable PRNG, calendar arithmetic on
// yyyymmdd dates, and the few UTF-8 operations the generator needs. Not part of the public API.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ganreg::synth::internal {

// SplitMix64 step: used to spread one seed into independent streams (one per row), so that a
// row's content depends only on (seed, row index), not on what the rows before it did.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna): fast, tiny state, and its output is fully specified, unlike
// std::uniform_int_distribution whose results differ between standard libraries. Reproducibility
// of the generated files matters more here than cryptographic strength (this is synthetic data).
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t sm = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (auto& word : s_) word = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), without modulo bias. n must be > 0.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t x = Next();
      if (x >= threshold) return x % n;
    }
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability percent/100.
  bool Percent(uint32_t percent) { return Below(100) < percent; }
  // True with probability per_mille/1000.
  bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Index into `weights` chosen with probability weight/sum. The sum must be > 0.
inline size_t PickIndex(Rng& rng, std::span<const uint32_t> weights) {
  uint64_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t r = rng.Below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

// Any table whose rows have a `weight` member.
template <class T>
const T& PickWeighted(Rng& rng, std::span<const T> rows) {
  uint64_t total = 0;
  for (const T& row : rows) total += row.weight;
  uint64_t r = rng.Below(total);
  for (const T& row : rows) {
    if (r < row.weight) return row;
    r -= row.weight;
  }
  return rows.back();
}

// ---- dates: days since 1970-01-01 <-> yyyymmdd ----

inline int32_t DaysFromYmd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}
      .time_since_epoch()
      .count();
}
inline bool IsValidYmd(int32_t ymd) {
  const std::chrono::year_month_day date{std::chrono::year{ymd / 10000},
                                         std::chrono::month{static_cast<unsigned>(ymd / 100 % 100)},
                                         std::chrono::day{static_cast<unsigned>(ymd % 100)}};
  return ymd > 0 && date.ok();
}
inline int32_t DaysFromYyyymmdd(int32_t ymd) {
  return DaysFromYmd(ymd / 10000, static_cast<unsigned>(ymd / 100 % 100),
                     static_cast<unsigned>(ymd % 100));
}
inline int32_t YyyymmddFromDays(int32_t days) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  return static_cast<int>(date.year()) * 10000 + static_cast<int>(unsigned(date.month())) * 100 +
         static_cast<int>(unsigned(date.day()));
}
// "yyyymmdd" (8 digits, zero-padded) appended to `out`.
inline void AppendYmd(std::string& out, int32_t ymd) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + ymd % 10);
    ymd /= 10;
  }
  out.append(buf, 8);
}
inline std::string FormatDays(int32_t days) {
  std::string s;
  AppendYmd(s, YyyymmddFromDays(days));
  return s;
}

// ---- UTF-8 (input is trusted: our own literals and validated data files) ----

// Appends the UTF-8 form of code point `cp`.
inline void AppendCodePoint(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// Decodes well-formed UTF-8 into code points; returns false on a malformed sequence.
bool DecodeUtf8(std::string_view s, std::u32string* out);

// Code points in `s`, counting each non-continuation byte (s must be well-formed UTF-8).
inline size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

}  // namespace ganreg::synth::internal
