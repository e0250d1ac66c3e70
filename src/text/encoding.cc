// Encodings of incoming files. UTF-8 is only checked for well-formedness (utf8.h, no table);
// every CP932 byte goes through ICU's windows-31j converter (= ibm-943_P15A-2003).
#include "text/encoding.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utypes.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include "text/utf8.h"

namespace ganreg::text {
namespace {

constexpr size_t kChunkSize = 64 * 1024;

// windows-31j is ICU's alias of ibm-943_P15A-2003, the Microsoft variant of Shift_JIS: 0x8160 and
// 0x817C decode to U+FF5E／U+FF0D as Windows does, and the NEC and IBM extensions (①, 髙, 﨑)
// round-trip. Known quirk of this table: it swaps the control bytes 0x1A, 0x1C and 0x7F (IBM PC
// convention). All three are control characters either way, which the validator rejects.
constexpr const char* kCp932ConverterName = "windows-31j";

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

Result<ConverterPtr> OpenCp932Converter() {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(kCp932ConverterName, &err));
  if (U_FAILURE(err) || cnv == nullptr) {
    return Status::Internal(fmt::format("ICU converter {} is not available: {}",
                                        kCp932ConverterName, u_errorName(err)));
  }
  // Stop at the first unmappable or ill-formed sequence: a substitution character would
  // silently change a patient's data.
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) {
    return Status::Internal(fmt::format("ICU converter setup failed: {}", u_errorName(err)));
  }
  return cnv;
}

// The first byte at which a stream breaks its encoding.
struct ByteError {
  uint64_t offset = 0;  // from the start of the stream, 0-based
  uint8_t byte = 0;
};

// Streaming UTF-8 check (and copy, when `out` is given); a character split across chunks is
// carried over.
class Utf8Stream {
 public:
  // Counts `n` bytes (a BOM) that are not passed through, so that offsets stay file offsets.
  void Skip(size_t n) { consumed_ += n; }

  std::optional<ByteError> Feed(std::string_view chunk, bool last, std::string* out) {
    const uint64_t chunk_offset = consumed_;
    consumed_ += chunk.size();
    size_t i = 0;
    if (carry_len_ > 0) {
      // Complete the carried character with as many bytes as it still may take (at most 3).
      while (carry_len_ < carry_.size() && i < chunk.size()) carry_[carry_len_++] = chunk[i++];
      bool truncated = false;
      size_t ok = ValidUtf8Prefix(std::string_view(carry_.data(), carry_len_), &truncated);
      if (ok == 0 && truncated && !last) return std::nullopt;  // still incomplete: tiny chunk
      if (ok == 0) return ByteError{carry_offset_, static_cast<uint8_t>(carry_[0])};
      // `ok` bytes form the carried character; anything we took beyond it is rescanned below.
      if (out != nullptr) out->append(carry_.data(), ok);
      const size_t taken_beyond = carry_len_ - ok;
      i -= taken_beyond;
      carry_len_ = 0;
    }
    std::string_view rest = chunk.substr(i);
    bool truncated = false;
    size_t ok = ValidUtf8Prefix(rest, &truncated);
    if (out != nullptr) out->append(rest.data(), ok);
    if (ok == rest.size()) return std::nullopt;
    if (truncated && !last) {
      carry_len_ = rest.size() - ok;
      std::memcpy(carry_.data(), rest.data() + ok, carry_len_);
      carry_offset_ = chunk_offset + i + ok;
      return std::nullopt;
    }
    return ByteError{chunk_offset + i + ok, static_cast<uint8_t>(rest[ok])};
  }

 private:
  std::array<char, 4> carry_{};
  size_t carry_len_ = 0;
  uint64_t carry_offset_ = 0;
  uint64_t consumed_ = 0;
};

// Streaming CP932 check (and conversion to UTF-8, when `out` is given) through ICU.
class Cp932Stream {
 public:
  explicit Cp932Stream(ConverterPtr cnv) : cnv_(std::move(cnv)) {}

  std::optional<ByteError> Feed(std::string_view chunk, bool last, std::string* out) {
    const char* source = chunk.data();
    const char* const source_limit = source + chunk.size();
    const uint64_t chunk_offset = consumed_;
    consumed_ += chunk.size();
    for (;;) {
      UChar* target = buffer_.data();
      UErrorCode err = U_ZERO_ERROR;
      ucnv_toUnicode(cnv_.get(), &target, buffer_.data() + buffer_.size(), &source, source_limit,
                     nullptr, last, &err);
      if (out != nullptr) AppendUtf16(buffer_.data(), target, out);
      if (err == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(err)) {
        char bad[32];
        int8_t bad_len = sizeof bad;
        UErrorCode err2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv_.get(), bad, &bad_len, &err2);
        if (U_FAILURE(err2) || bad_len <= 0) {
          bad_len = 1;
          bad[0] = source > chunk.data() ? source[-1] : 0;
        }
        ucnv_reset(cnv_.get());
        const uint64_t end = chunk_offset + static_cast<uint64_t>(source - chunk.data());
        return ByteError{end - static_cast<uint64_t>(bad_len), static_cast<uint8_t>(bad[0])};
      }
      return std::nullopt;
    }
  }

 private:
  void AppendUtf16(const UChar* begin, const UChar* end, std::string* out) {
    for (const UChar* p = begin; p != end; ++p) {
      char32_t u = *p;
      if (high_surrogate_ != 0) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          AppendUtf8(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00), out);
          high_surrogate_ = 0;
          continue;
        }
        high_surrogate_ = 0;  // ICU never emits a lone surrogate; drop it defensively
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        high_surrogate_ = u;  // the pair may be split across two buffers
        continue;
      }
      AppendUtf8(u, out);
    }
  }

  ConverterPtr cnv_;
  std::array<UChar, 8192> buffer_{};
  char32_t high_surrogate_ = 0;
  uint64_t consumed_ = 0;
};

// Line breaks in `s`. memchr is vectorised by libc; a plain counting loop is not at -O2.
uint64_t CountNewlines(std::string_view s) {
  uint64_t n = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const void* q = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (q == nullptr) break;
    ++n;
    p = static_cast<const char*>(q) + 1;
  }
  return n;
}

// Physical line (1-based) of byte `offset` in a chunk that starts at `chunk_offset` on line
// `chunk_line`. Offsets before the chunk belong to a character split across the boundary,
// which holds no line break.
uint64_t LineOf(std::string_view chunk, uint64_t chunk_offset, uint64_t chunk_line,
                uint64_t offset) {
  if (offset <= chunk_offset) return chunk_line;
  size_t n = std::min<uint64_t>(offset - chunk_offset, chunk.size());
  return chunk_line + CountNewlines(chunk.substr(0, n));
}

struct LocatedError {
  uint64_t line = 0;
  uint64_t offset = 0;
  uint8_t byte = 0;
};

Status ErrnoStatus(std::string_view name, std::string_view what) {
  int e = errno;
  std::string m = fmt::format("{}: {}: {}", name, what, std::strerror(e));
  if (e == ENOENT) return Status::NotFound(std::move(m));
  // The header promises kNotFound or kUnavailable: kPermissionDenied is for actors, not files.
  return Status::Unavailable(std::move(m));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads up to `buf.size()` bytes; 0 at the end of the file.
Result<size_t> ReadSome(int fd, std::vector<char>& buf, std::string_view name) {
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) return ErrnoStatus(name, "read");
  }
}

// Streams the whole file through `stream` (from the start); the first bad byte, if any.
template <class Stream>
Result<std::optional<LocatedError>> ScanFile(int fd, std::string_view name, Stream& stream) {
  if (::lseek(fd, 0, SEEK_SET) != 0) return ErrnoStatus(name, "seek");
  std::vector<char> buf(kChunkSize);
  uint64_t offset = 0;
  uint64_t line = 1;
  for (;;) {
    GANREG_ASSIGN_OR_RETURN(size_t n, ReadSome(fd, buf, name));
    std::string_view chunk(buf.data(), n);
    std::optional<ByteError> e = stream.Feed(chunk, n == 0, nullptr);
    if (e.has_value()) {
      return std::optional<LocatedError>(
          LocatedError{LineOf(chunk, offset, line, e->offset), e->offset, e->byte});
    }
    if (n == 0) return std::optional<LocatedError>();
    offset += n;
    line += CountNewlines(chunk);
  }
}

std::string ByteProblem(std::string_view name, const LocatedError& e, std::string_view what) {
  return fmt::format("{}:{}: byte offset {}: 0x{:02X} is not valid {}", name, e.line, e.offset,
                     e.byte, what);
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Decoders keep the position of what they have seen so that an error can say where it is.
class Utf8Decoder final : public Decoder {
 public:
  Status Decode(std::string_view chunk, bool last, std::string* out) override {
    if (!bom_checked_) {
      // The BOM is skipped whichever way the first chunks cut it.
      size_t take = std::min(kUtf8Bom.size() - head_.size(), chunk.size());
      head_.append(chunk.substr(0, take));
      chunk.remove_prefix(take);
      if (head_.size() < kUtf8Bom.size() && !last) return Status::Ok();
      bom_checked_ = true;
      std::string head = std::move(head_);
      if (head == kUtf8Bom) {
        offset_ += head.size();
        stream_.Skip(head.size());
      } else {
        GANREG_RETURN_IF_ERROR(Feed(head, last && chunk.empty(), out));
      }
      if (chunk.empty() && !last) return Status::Ok();
    }
    return Feed(chunk, last, out);
  }

 private:
  Status Feed(std::string_view chunk, bool last, std::string* out) {
    std::optional<ByteError> e = stream_.Feed(chunk, last, out);
    if (e.has_value()) {
      return Status::Rejected(fmt::format("line {}, byte offset {}: 0x{:02X} is not valid UTF-8",
                                          LineOf(chunk, offset_, line_, e->offset), e->offset,
                                          e->byte));
    }
    offset_ += chunk.size();
    line_ += CountNewlines(chunk);
    return Status::Ok();
  }

  Utf8Stream stream_;
  bool bom_checked_ = false;
  std::string head_;
  uint64_t offset_ = 0;
  uint64_t line_ = 1;
};

class Cp932Decoder final : public Decoder {
 public:
  explicit Cp932Decoder(ConverterPtr cnv) : stream_(std::move(cnv)) {}

  Status Decode(std::string_view chunk, bool last, std::string* out) override {
    std::optional<ByteError> e = stream_.Feed(chunk, last, out);
    if (e.has_value()) {
      return Status::Rejected(fmt::format("line {}, byte offset {}: 0x{:02X} is not valid CP932",
                                          LineOf(chunk, offset_, line_, e->offset), e->offset,
                                          e->byte));
    }
    offset_ += chunk.size();
    line_ += CountNewlines(chunk);
    return Status::Ok();
  }

 private:
  Cp932Stream stream_;
  uint64_t offset_ = 0;
  uint64_t line_ = 1;
};

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kCp932:
      return "cp932";
  }
  return "unknown";
}

Result<Encoding> ParseEncoding(std::string_view name) {
  for (std::string_view n : {"utf-8", "utf8"}) {
    if (EqualsIgnoreAsciiCase(name, n)) return Encoding::kUtf8;
  }
  for (std::string_view n : {"cp932", "shift_jis", "sjis", "windows-31j"}) {
    if (EqualsIgnoreAsciiCase(name, n)) return Encoding::kCp932;
  }
  return Status::InvalidArgument(fmt::format("unknown encoding '{}': use utf-8 or cp932", name));
}

Result<EncodingDetection> DetectFileEncoding(const std::filesystem::path& file,
                                             std::string_view display_name,
                                             std::optional<Encoding> declared) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoStatus(display_name, "cannot open");

  std::vector<char> head_buf(kUtf8Bom.size());
  size_t head_len = 0;
  while (head_len < head_buf.size()) {
    ssize_t n = ::read(fd.get(), head_buf.data() + head_len, head_buf.size() - head_len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(display_name, "read");
    if (n == 0) break;
    head_len += static_cast<size_t>(n);
  }
  const bool bom = std::string_view(head_buf.data(), head_len) == kUtf8Bom;

  if (declared == Encoding::kCp932) {
    if (bom) {
      return Status::Rejected(fmt::format(
          "{}:1: byte offset 0: the file starts with a UTF-8 byte order mark but was declared "
          "cp932",
          display_name));
    }
    GANREG_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenCp932Converter());
    Cp932Stream stream(std::move(cnv));
    GANREG_ASSIGN_OR_RETURN(std::optional<LocatedError> e,
                            ScanFile(fd.get(), display_name, stream));
    if (e.has_value()) {
      return Status::Rejected(ByteProblem(display_name, *e, "CP932 (declared cp932)"));
    }
    return EncodingDetection{Encoding::kCp932, false};
  }

  Utf8Stream utf8;
  GANREG_ASSIGN_OR_RETURN(std::optional<LocatedError> utf8_error,
                          ScanFile(fd.get(), display_name, utf8));
  if (!utf8_error.has_value()) return EncodingDetection{Encoding::kUtf8, bom};
  if (declared == Encoding::kUtf8) {
    return Status::Rejected(ByteProblem(display_name, *utf8_error, "UTF-8 (declared utf-8)"));
  }
  if (bom) {
    return Status::Rejected(
        ByteProblem(display_name, *utf8_error, "UTF-8 (the file starts with a UTF-8 BOM)"));
  }

  // Not UTF-8: a second streaming pass decides CP932. Only files that fail UTF-8 pay for it,
  // and those usually fail within the first rows.
  GANREG_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenCp932Converter());
  Cp932Stream cp932(std::move(cnv));
  GANREG_ASSIGN_OR_RETURN(std::optional<LocatedError> cp932_error,
                          ScanFile(fd.get(), display_name, cp932));
  if (!cp932_error.has_value()) return EncodingDetection{Encoding::kCp932, false};

  // Neither fits. The file stops being readable in both at the later of the two first errors.
  const LocatedError& u = *utf8_error;
  const LocatedError& c = *cp932_error;
  if (u.offset == c.offset) {
    return Status::Rejected(
        fmt::format("{}:{}: byte offset {}: 0x{:02X} is neither valid UTF-8 "
                    "nor valid CP932",
                    display_name, u.line, u.offset, u.byte));
  }
  const bool utf8_later = u.offset > c.offset;
  const LocatedError& primary = utf8_later ? u : c;
  const LocatedError& other = utf8_later ? c : u;
  return Status::Rejected(fmt::format(
      "{}:{}: byte offset {}: 0x{:02X} is not valid {}, and the file is not {} either (line {}, "
      "byte offset {}: 0x{:02X})",
      display_name, primary.line, primary.offset, primary.byte, utf8_later ? "UTF-8" : "CP932",
      utf8_later ? "CP932" : "UTF-8", other.line, other.offset, other.byte));
}

Result<std::unique_ptr<Decoder>> Decoder::Create(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return std::unique_ptr<Decoder>(std::make_unique<Utf8Decoder>());
    case Encoding::kCp932: {
      GANREG_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenCp932Converter());
      return std::unique_ptr<Decoder>(std::make_unique<Cp932Decoder>(std::move(cnv)));
    }
  }
  return Status::InvalidArgument("unknown encoding");
}

Result<std::string> Utf8ToCp932(std::string_view utf8) {
  bool truncated = false;
  size_t ok = ValidUtf8Prefix(utf8, &truncated);
  if (ok != utf8.size()) {
    return Status::InvalidArgument(fmt::format("byte offset {}: 0x{:02X} is not valid UTF-8", ok,
                                               static_cast<uint8_t>(utf8[ok])));
  }
  std::vector<UChar> utf16;
  utf16.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = NextCodePoint(utf8, &i);
    if (cp >= 0x10000) {
      utf16.push_back(static_cast<UChar>(0xD800 + ((cp - 0x10000) >> 10)));
      utf16.push_back(static_cast<UChar>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      utf16.push_back(static_cast<UChar>(cp));
    }
  }
  GANREG_ASSIGN_OR_RETURN(ConverterPtr cnv, OpenCp932Converter());
  // CP932 takes at most 2 bytes for one UTF-16 unit.
  std::string out(utf16.size() * 2 + 8, '\0');
  char* target = out.data();
  const UChar* source = utf16.data();
  UErrorCode err = U_ZERO_ERROR;
  ucnv_fromUnicode(cnv.get(), &target, out.data() + out.size(), &source,
                   utf16.data() + utf16.size(), nullptr, true, &err);
  if (U_FAILURE(err)) {
    UChar bad[8];
    int8_t bad_len = 8;
    UErrorCode err2 = U_ZERO_ERROR;
    ucnv_getInvalidUChars(cnv.get(), bad, &bad_len, &err2);
    char32_t cp = bad_len > 0 ? bad[0] : 0;
    if (bad_len > 1 && cp >= 0xD800 && cp <= 0xDBFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (bad[1] - 0xDC00u);
    }
    size_t unit = static_cast<size_t>(source - utf16.data()) -
                  static_cast<size_t>(std::max<int8_t>(bad_len, 0));
    size_t character = 1;  // 1-based position of the character among the code points
    for (size_t k = 0; k < unit; ++k) {
      if (utf16[k] < 0xDC00 || utf16[k] > 0xDFFF) ++character;
    }
    return Status::InvalidArgument(fmt::format("character {} (U+{:04X}) has no CP932 form",
                                               character, static_cast<uint32_t>(cp)));
  }
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

bool IsValidUtf8(std::string_view s) {
  bool truncated = false;
  return ValidUtf8Prefix(s, &truncated) == s.size();
}

size_t CodePointCount(std::string_view utf8) {
  // Code points = bytes that are not continuation bytes (10xxxxxx), counted 8 at a time.
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const char* p = utf8.data();
  const size_t n = utf8.size();
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    // One bit 7 per continuation byte; the multiply sums the eight bytes into the top one
    // (portable: no popcount instruction needed).
    continuation +=
        static_cast<size_t>((((w & ~(w << 1) & kHigh) >> 7) * 0x0101010101010101ull) >> 56);
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

}  // namespace ganreg::text
