// NotificationReader over a file: the encoding is settled first (one streaming pass), then the
// file is read in 64 KiB pieces → decoded → CSV records → header check → validated rows. Memory
// is one piece plus the current row, whatever the size of the file.
#include "validate/notification_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "text/utf8.h"
#include "validate/internal/csv_parser.h"
#include "validate/internal/row_validator.h"

namespace ganreg::validate {
namespace {

constexpr size_t kChunkSize = 64 * 1024;
// Far above any valid row (the longest items are 100 characters) yet far below what would hurt:
// it only stops a file without line breaks from growing one row without bound.
constexpr size_t kMaxRecordBytes = 64 * 1024 * 1024;
constexpr std::string_view kNotTheLayout = "this is not the national notification layout";

Status ErrnoStatus(std::string_view name, std::string_view what) {
  int e = errno;
  std::string m = fmt::format("{}: {}: {}", name, what, std::strerror(e));
  if (e == ENOENT) return Status::NotFound(std::move(m));
  // The header promises kNotFound or kUnavailable: kPermissionDenied is for actors, not files.
  return Status::Unavailable(std::move(m));
}

// Whether a header cell may be quoted in a message. A file that lacks its header has a patient's
// row in line 1, and the reject message is shown without the identity grant: text that could be
// a record number, a name ("family given") or a date is not repeated.
bool SafeToShowHeaderCell(std::string_view v) {
  if (text::CodePointCount(v) > 40) return false;
  for (size_t i = 0; i < v.size();) {
    const char32_t cp = text::NextCodePoint(v, &i);
    if (cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0x3000) return false;
    if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) return false;
  }
  return true;
}

class FileReader final : public NotificationReader {
 public:
  FileReader(int fd, std::string name, std::unique_ptr<text::Decoder> decoder,
             text::EncodingDetection detection, int32_t today, bool assumed = false)
      : assumed_(assumed),
        fd_(fd),
        name_(std::move(name)),
        decoder_(std::move(decoder)),
        detection_(detection),
        today_(today),
        bytes_(kChunkSize),
        parser_(kMaxRecordBytes) {
    text_.reserve(kChunkSize * 2);
  }
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  ~FileReader() override {
    ::close(fd_);
    // The buffers held patients' identity data in clear: do not leave it in freed memory.
    ::explicit_bzero(bytes_.data(), bytes_.size());
    text_.resize(text_.capacity());
    ::explicit_bzero(text_.data(), text_.size());
  }

  Status ReadHeader();
  Result<bool> Next(Row* out) override;
  text::Encoding encoding() const override { return detection_.encoding; }
  bool had_bom() const override { return detection_.had_bom; }
  bool guessed_wrong() const override { return guessed_wrong_; }

 private:
  Status Fill();
  Result<bool> NextRecord(const internal::CsvSink& sink, internal::CsvRecordInfo* info);

  bool assumed_;  // the encoding was assumed (OpenAssumingUtf8), not settled by a pass
  bool guessed_wrong_ = false;
  int fd_;
  std::string name_;
  std::unique_ptr<text::Decoder> decoder_;
  text::EncodingDetection detection_;
  int32_t today_;
  std::vector<char> bytes_;  // the current piece of the file
  std::string text_;         // the current piece, decoded
  size_t pos_ = 0;           // parse position in text_
  bool eof_ = false;         // text_ holds the last piece
  internal::CsvParser parser_;
};

Status FileReader::Fill() {
  ssize_t n;
  do {
    n = ::read(fd_, bytes_.data(), bytes_.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) return ErrnoStatus(name_, "read");
  text_.clear();
  pos_ = 0;
  Status s =
      decoder_->Decode(std::string_view(bytes_.data(), static_cast<size_t>(n)), n == 0, &text_);
  // Open checked the encoding, so this fails only if the file changed since — or, when the
  // encoding was assumed, if the file is not UTF-8 after all.
  if (!s.ok()) {
    guessed_wrong_ = assumed_;
    return Status(s.code(), fmt::format("{}: {}", name_, s.message()));
  }
  if (n == 0) eof_ = true;
  return Status::Ok();
}

Result<bool> FileReader::NextRecord(const internal::CsvSink& sink, internal::CsvRecordInfo* info) {
  for (;;) {
    switch (parser_.Next(text_, &pos_, eof_, sink, info)) {
      case internal::CsvParser::Step::kRecord:
        return true;
      case internal::CsvParser::Step::kEnd:
        return false;
      case internal::CsvParser::Step::kNeedMore:
        if (eof_) {
          return Status::Internal(fmt::format("{}: CSV parser wants more after the end", name_));
        }
        GANREG_RETURN_IF_ERROR(Fill());
        break;
    }
  }
}

Status FileReader::ReadHeader() {
  std::array<std::string, model::kItemCount> cells;
  std::string raw;
  internal::CsvRecordInfo info;
  GANREG_ASSIGN_OR_RETURN(bool found, NextRecord({cells.data(), cells.size(), &raw}, &info));
  if (!found) return Status::Rejected(fmt::format("{}: file is empty", name_));
  if (info.unterminated_quote || info.too_long) {
    return Status::Rejected(fmt::format("{}:{}: the header ends inside a quoted field: {}", name_,
                                        info.line, kNotTheLayout));
  }
  const size_t compared = std::min<size_t>(info.field_count, model::kItemCount);
  for (size_t i = 0; i < compared; ++i) {
    const model::ItemDef& def = model::Items()[i];
    if (cells[i] == def.label || cells[i] == def.id) continue;
    const std::string shown =
        SafeToShowHeaderCell(cells[i])
            ? fmt::format("is '{}'", cells[i])
            : std::string("does not match (not shown: it may be patient data)");
    return Status::Rejected(fmt::format("{}:{}: header column {} {}, expected '{}' or '{}': {}",
                                        name_, info.line, i + 1, shown, def.label, def.id,
                                        kNotTheLayout));
  }
  if (info.field_count != model::kItemCount) {
    return Status::Rejected(fmt::format("{}:{}: header has {} columns, expected {}: {}", name_,
                                        info.line, info.field_count, model::kItemCount,
                                        kNotTheLayout));
  }
  return Status::Ok();
}

Result<bool> FileReader::Next(Row* out) {
  out->issues.clear();
  internal::CsvRecordInfo info;
  GANREG_ASSIGN_OR_RETURN(
      bool found, NextRecord({out->row.values.data(), out->row.values.size(), &out->raw}, &info));
  if (!found) return false;
  out->line = info.line;

  // A broken record's items are not where the layout says; checking them would only add noise.
  bool broken = false;
  if (info.too_long) {
    out->issues.push_back(
        {info.line, "row",
         fmt::format("is longer than {} MiB and was cut", kMaxRecordBytes / (1024 * 1024))});
    broken = true;
  }
  if (info.unterminated_quote) {
    out->issues.push_back({info.line, "row", "ends inside a quoted field (file truncated?)"});
    broken = true;
  }
  if (info.field_count != model::kItemCount) {
    out->issues.push_back(
        {info.line, "row",
         fmt::format("has {} columns, expected {}", info.field_count, model::kItemCount)});
    broken = true;
  }
  if (broken) return true;
  if (info.stray_quote_field >= 0) {
    out->issues.push_back(
        {info.line, std::string(model::Items()[static_cast<size_t>(info.stray_quote_field)].id),
         "text after the closing quote (broken quoting)"});
  }
  // Every value is cut from `raw` (quotes and doubled quotes taken out, nothing added), so a
  // record whose text holds no control character has none in any value.
  internal::ValidateRowInto(out->row, today_, info.line, &out->issues,
                            internal::TextHasNoControls(out->raw));
  return true;
}

}  // namespace

Result<std::unique_ptr<NotificationReader>> NotificationReader::Open(
    const std::filesystem::path& file, std::string display_name,
    std::optional<text::Encoding> declared, int32_t today) {
  GANREG_ASSIGN_OR_RETURN(text::EncodingDetection detection,
                          text::DetectFileEncoding(file, display_name, declared));
  GANREG_ASSIGN_OR_RETURN(std::unique_ptr<text::Decoder> decoder,
                          text::Decoder::Create(detection.encoding));
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(display_name, "cannot open");
  auto reader = std::make_unique<FileReader>(fd, std::move(display_name), std::move(decoder),
                                             detection, today);
  GANREG_RETURN_IF_ERROR(reader->ReadHeader());
  return std::unique_ptr<NotificationReader>(std::move(reader));
}

Result<std::unique_ptr<NotificationReader>> NotificationReader::OpenAssumingUtf8(
    const std::filesystem::path& file, std::string display_name,
    std::optional<text::Encoding> declared, int32_t today) {
  if (declared == text::Encoding::kCp932) {
    return Open(file, std::move(display_name), declared, today);
  }
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(display_name, "cannot open");
  char head[3] = {};
  ssize_t n;
  do {
    n = ::pread(fd, head, sizeof head, 0);
  } while (n < 0 && errno == EINTR);
  const bool bom = n == 3 && std::string_view(head, 3) == "\xEF\xBB\xBF";
  auto decoder = text::Decoder::Create(text::Encoding::kUtf8);
  if (n >= 0 && decoder.ok()) {
    auto reader = std::make_unique<FileReader>(fd, display_name, std::move(*decoder),
                                               text::EncodingDetection{text::Encoding::kUtf8, bom},
                                               today, /*assumed=*/true);
    // The header and the first piece of the file are UTF-8: go on reading. Otherwise (another
    // encoding, or a file Open refuses) Open gives its answer.
    if (reader->ReadHeader().ok()) return std::unique_ptr<NotificationReader>(std::move(reader));
  } else {
    ::close(fd);
  }
  return Open(file, std::move(display_name), declared, today);
}

}  // namespace ganreg::validate
