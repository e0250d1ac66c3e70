// Notification files as two parts that share only a key number per row (S-TRN-2): the hospital
// side validates and splits the CSV; the registry side joins the parts in lockstep and yields
// rows as intake's CSV reader does.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "crypto/crypto.h"
#include "text/csv_field.h"
#include "transfer/internal/bytes.h"
#include "transfer/internal/key_numbers.h"
#include "transfer/internal/notification_stream.h"
#include "transfer/package.h"

namespace ganreg::transfer {
namespace internal {
namespace {

char PartTag(model::Part part) { return part == model::Part::kIdentity ? 'I' : 'C'; }
std::string_view PartName(model::Part part) {
  return part == model::Part::kIdentity ? "identity" : "clinical";
}

void Wipe(std::string* s) {
  s->resize(s->capacity());
  if (!s->empty()) crypto::Wipe(s->data(), s->size());
  s->clear();
}

// Records of one part's plaintext, assembled across chunk boundaries with one record of memory.
class RecordSource {
 public:
  RecordSource(std::unique_ptr<PackageReader::PartStream> stream, model::Part part,
               std::string display)
      : stream_(std::move(stream)), part_(part), display_(std::move(display)) {}
  RecordSource(const RecordSource&) = delete;
  RecordSource& operator=(const RecordSource&) = delete;
  ~RecordSource() { Wipe(&buf_); }  // it held rows in clear

  Status ReadHeader(std::string* pairing_id, uint64_t* rows) {
    GANREG_ASSIGN_OR_RETURN(bool complete, Fill(kRowsHeaderBytes));
    if (!complete) return Bad("is shorter than its header");
    ByteReader r(std::string_view(buf_).substr(pos_, kRowsHeaderBytes));
    std::string_view magic;
    uint8_t version = 0, tag = 0;
    GANREG_CHECK(r.Bytes(kRowsMagic.size(), &magic) && r.U8(&version) && r.U8(&tag) &&
                 r.Bytes(kPairingIdBytes, pairing_id) && r.U64(rows));
    if (magic != kRowsMagic) return Bad("is not a notification part");
    if (version != kRowsVersion) {
      return Bad(
          fmt::format("has row format version {}; this ganreg reads {}", version, kRowsVersion));
    }
    if (tag != static_cast<uint8_t>(PartTag(part_))) {
      return Bad(fmt::format("holds the other part (tag '{}')", static_cast<char>(tag)));
    }
    pos_ += kRowsHeaderBytes;
    return Status::Ok();
  }

  // The next record, or false at the end of the part (after its digest was checked).
  // The views are valid until the next call.
  Result<bool> Next(uint64_t* line, std::string_view* key, std::string_view* body) {
    GANREG_ASSIGN_OR_RETURN(bool more, Fill(4));
    if (!more) {
      if (pos_ != buf_.size()) return Bad("ends inside a record");
      return false;
    }
    const uint32_t len = GetU32Be(buf_.data() + pos_);
    if (len <= kRecordFixedBytes || len > kMaxRecordBytes) {
      return Bad(fmt::format("has a record of impossible length {}", len));
    }
    GANREG_ASSIGN_OR_RETURN(bool complete, Fill(4 + size_t{len}));
    if (!complete) return Bad("ends inside a record");
    const char* p = buf_.data() + pos_ + 4;
    *line = GetU64Be(p);
    *key = std::string_view(p + 8, 16);
    *body = std::string_view(p + kRecordFixedBytes, len - kRecordFixedBytes);
    if (!IsKeyNumber(*key)) return Bad("has a record with a malformed key number");
    pos_ += 4 + size_t{len};
    return true;
  }

 private:
  Status Bad(std::string_view what) {
    return Status::DataLoss(fmt::format("{}: the {} part {}", display_, PartName(part_), what));
  }

  // Makes at least `n` unread bytes available; false if the part ends first.
  Result<bool> Fill(size_t n) {
    while (buf_.size() - pos_ < n) {
      if (ended_) return false;
      if (pos_ > 0) {
        buf_.erase(0, pos_);
        pos_ = 0;
      }
      GANREG_ASSIGN_OR_RETURN(std::string_view piece, stream_->Next());
      if (piece.empty()) {
        ended_ = true;
      } else {
        buf_.append(piece);
      }
    }
    return true;
  }

  std::unique_ptr<PackageReader::PartStream> stream_;
  model::Part part_;
  std::string display_;
  std::string buf_;
  size_t pos_ = 0;
  bool ended_ = false;
};

class PartsReader final : public validate::NotificationReader {
 public:
  PartsReader(std::unique_ptr<PackageReader::PartStream> identity,
              std::unique_ptr<PackageReader::PartStream> clinical, uint64_t rows,
              std::string display, int32_t today)
      : identity_(std::move(identity), model::Part::kIdentity, display),
        clinical_(std::move(clinical), model::Part::kClinical, display),
        rows_(rows),
        display_(std::move(display)),
        today_(today) {}

  Status ReadHeaders() {
    std::string pair_i, pair_c;
    uint64_t rows_i = 0, rows_c = 0;
    GANREG_RETURN_IF_ERROR(identity_.ReadHeader(&pair_i, &rows_i));
    GANREG_RETURN_IF_ERROR(clinical_.ReadHeader(&pair_c, &rows_c));
    if (!crypto::BytesEqual(pair_i, pair_c)) {
      return NotPaired("the identity and clinical parts come from different files");
    }
    if (rows_i != rows_ || rows_c != rows_) {
      return NotPaired(
          fmt::format("the parts say {} and {} rows, the manifests {}", rows_i, rows_c, rows_));
    }
    return Status::Ok();
  }

  Result<bool> Next(validate::Row* out) override {
    if (!failed_.ok()) return failed_;
    if (done_) return false;
    Result<bool> r = NextRow(out);
    if (!r.ok()) failed_ = r.status();  // the streams are mid-record: no way to go on
    return r;
  }

  text::Encoding encoding() const override { return text::Encoding::kUtf8; }
  bool had_bom() const override { return false; }

 private:
  Result<bool> NextRow(validate::Row* out) {
    uint64_t line_i = 0, line_c = 0;
    std::string_view key_i, key_c, body_i, body_c;
    GANREG_ASSIGN_OR_RETURN(bool has_i, identity_.Next(&line_i, &key_i, &body_i));
    GANREG_ASSIGN_OR_RETURN(bool has_c, clinical_.Next(&line_c, &key_c, &body_c));
    if (has_i != has_c) {
      return NotPaired(fmt::format("the {} part ends after {} rows, the other goes on",
                                   has_i ? "clinical" : "identity", count_));
    }
    if (!has_i) {
      if (count_ != rows_) {
        return NotPaired(
            fmt::format("the parts end after {} rows, the manifests say {}", count_, rows_));
      }
      done_ = true;
      return false;
    }
    ++count_;
    if (count_ > rows_) {
      return NotPaired(fmt::format("the parts hold more rows than the manifests' {}", rows_));
    }
    // The key number is the only link between the parts (S-TRN-2): every row must agree.
    if (line_i != line_c || key_i != key_c) {
      return NotPaired(
          fmt::format("row {} has a different line or key number in each part", count_));
    }
    if (line_i < 2 || line_i <= last_line_) {
      return Status::DataLoss(
          fmt::format("{}: row {} has line {}, out of order", display_, count_, line_i));
    }
    last_line_ = line_i;
    for (std::string& v : out->row.values) v.clear();
    Status s = model::DecodePart(body_i, model::Part::kIdentity, &out->row);
    if (s.ok()) s = model::DecodePart(body_c, model::Part::kClinical, &out->row);
    if (!s.ok()) return Status::DataLoss(fmt::format("{}:{}: {}", display_, line_i, s.message()));
    out->line = line_i;
    out->raw = RenderCsvLine(out->row);
    // Validated again here, with the registry's date: what the hospital checked is not trusted.
    out->issues = validate::ValidateRow(out->row, today_, line_i);
    return true;
  }

  Status NotPaired(std::string_view why) {
    return Status::DataLoss(fmt::format("{}: parts do not pair: {}", display_, why));
  }

  RecordSource identity_, clinical_;
  uint64_t rows_;
  std::string display_;
  int32_t today_;
  uint64_t count_ = 0;
  uint64_t last_line_ = 0;
  bool done_ = false;
  Status failed_;
};

}  // namespace

std::string EncodeRowsHeader(model::Part part, std::string_view pairing_id, uint64_t rows) {
  GANREG_CHECK(pairing_id.size() == kPairingIdBytes);
  ByteWriter w;
  w.Bytes(kRowsMagic);
  w.U8(kRowsVersion);
  w.U8(static_cast<uint8_t>(PartTag(part)));
  w.Bytes(pairing_id);
  w.U64(rows);
  return std::move(w.str());
}

void AppendRecord(uint64_t line, uint64_t key_number, std::string_view encoded_part,
                  std::string* out) {
  const size_t len = kRecordFixedBytes + encoded_part.size();
  GANREG_CHECK(len <= kMaxRecordBytes);
  char b[12];
  PutU32Be(b, static_cast<uint32_t>(len));
  for (int i = 0; i < 8; ++i) b[4 + i] = static_cast<char>(line >> (8 * (7 - i)));
  out->append(b, sizeof b);
  out->append(FormatKeyNumber(key_number));
  out->append(encoded_part);
}

std::string RenderCsvLine(const model::NotificationRow& row) {
  std::string out;
  for (size_t i = 0; i < row.values.size(); ++i) {
    if (i > 0) out.push_back(',');
    text::AppendCsvField(out, row.values[i]);
  }
  return out;
}

Result<std::unique_ptr<validate::NotificationReader>> ReadNotificationStreams(
    std::unique_ptr<PackageReader::PartStream> identity,
    std::unique_ptr<PackageReader::PartStream> clinical, uint64_t rows, std::string display,
    int32_t today) {
  auto reader = std::make_unique<PartsReader>(std::move(identity), std::move(clinical), rows,
                                              std::move(display), today);
  GANREG_RETURN_IF_ERROR(reader->ReadHeaders());
  return std::unique_ptr<validate::NotificationReader>(std::move(reader));
}

}  // namespace internal

namespace {

// What the two producers share: the file, what validation saw, and the key numbers. The seed
// lives in `keys` only; it goes when both producers (NotificationParts) are destroyed.
struct SplitState {
  std::filesystem::path csv;
  std::string display;
  int32_t today = 0;
  uint64_t rows = 0;
  std::string rows_digest;  // of every row's line and items, as validated
  std::string pairing_id;
  internal::KeyNumbers keys;
};

void HashRow(const validate::Row& r, crypto::Hasher* h) {
  internal::ByteWriter w;
  w.U64(r.line);
  for (const std::string& v : r.row.values) {
    w.U64(v.size());
    w.Bytes(v);
  }
  h->Update(w.str());
  internal::Wipe(&w.str());
}

Result<std::unique_ptr<validate::NotificationReader>> OpenCsv(const SplitState& s) {
  return validate::NotificationReader::Open(s.csv, s.display, std::nullopt, s.today);
}

// Re-reads the CSV and emits one part. Everything emitted must be what was validated: the rows
// are hashed again and compared at the end, so a file changed in between aborts the package.
Status ProducePart(const SplitState& s, model::Part part,
                   const std::function<Status(std::string_view)>& emit) {
  GANREG_ASSIGN_OR_RETURN(std::unique_ptr<validate::NotificationReader> reader, OpenCsv(s));
  std::string out = internal::EncodeRowsHeader(part, s.pairing_id, s.rows);
  crypto::Hasher hasher;
  validate::Row row;
  uint64_t index = 0;
  bool extra_rows = false;
  Status status;
  for (;;) {
    Result<bool> more = reader->Next(&row);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    if (index == s.rows) {  // more rows than were validated
      extra_rows = true;
      break;
    }
    HashRow(row, &hasher);
    internal::AppendRecord(row.line, s.keys.Of(index), model::EncodePart(row.row, part), &out);
    ++index;
    if (out.size() >= 64 * 1024) {
      status = emit(out);
      internal::Wipe(&out);
      if (!status.ok()) break;
    }
  }
  for (std::string& v : row.row.values) internal::Wipe(&v);
  internal::Wipe(&row.raw);
  if (status.ok() &&
      (extra_rows || index != s.rows || !crypto::BytesEqual(hasher.Final(), s.rows_digest))) {
    status = Status::Aborted(
        fmt::format("{} changed while it was being packed; pack it again", s.display));
  }
  if (status.ok() && !out.empty()) status = emit(out);
  internal::Wipe(&out);
  return status;
}

}  // namespace

Result<NotificationParts> NotificationPartSources(const std::filesystem::path& csv,
                                                  std::string display, int32_t today,
                                                  bool allow_invalid) {
  GANREG_RETURN_IF_ERROR(crypto::Init());
  auto state = std::make_shared<SplitState>();
  state->csv = csv;
  state->display = std::move(display);
  state->today = today;
  {
    // Validation exactly as intake does it: the same reader, the same rules, the same report.
    GANREG_ASSIGN_OR_RETURN(std::unique_ptr<validate::NotificationReader> reader, OpenCsv(*state));
    crypto::Hasher hasher;
    std::vector<std::string> problems;
    uint64_t bad_rows = 0;
    validate::Row row;
    for (;;) {
      GANREG_ASSIGN_OR_RETURN(bool more, reader->Next(&row));
      if (!more) break;
      ++state->rows;
      HashRow(row, &hasher);
      if (!row.issues.empty()) ++bad_rows;
      for (const validate::Issue& issue : row.issues) {
        problems.push_back(validate::FormatIssue(state->display, issue));
      }
    }
    for (std::string& v : row.row.values) internal::Wipe(&v);
    internal::Wipe(&row.raw);
    state->rows_digest = hasher.Final();
    if (!problems.empty() && !allow_invalid) {
      std::string m = fmt::format(
          "{}: {} of {} rows have problems; a file is packed only when every row is valid:",
          state->display, bad_rows, state->rows);
      for (const std::string& p : problems) m += "\n" + p;
      return Status::Rejected(std::move(m));
    }
  }
  state->pairing_id = crypto::RandomBytes(internal::kPairingIdBytes);
  // A fresh seed per call, held only by the producers: key numbers say nothing about the patient,
  // the row or the file, and cannot be recomputed once the producers are gone.
  auto seed = std::make_shared<crypto::SecretBytes>(crypto::SecretBytes::Random(32));
  state->keys = internal::KeyNumbers::Assign(state->rows, [seed](uint64_t r, uint32_t attempt) {
    return internal::DeriveKeyNumber(*seed, r, attempt);
  });

  NotificationParts parts;
  parts.rows = state->rows;
  for (model::Part part : {model::Part::kIdentity, model::Part::kClinical}) {
    PartSource& p = part == model::Part::kIdentity ? parts.identity : parts.clinical;
    p.name = std::string(internal::PartName(part));
    p.rows = state->rows;
    p.key_number_scheme = std::string(kNotificationKeyNumberScheme);
    p.produce = [state, part](const std::function<Status(std::string_view)>& emit) {
      return ProducePart(*state, part, emit);
    };
  }
  return parts;
}

Result<std::unique_ptr<validate::NotificationReader>> OpenNotificationParts(
    PackageReader& identity_package, PackageReader& clinical_package, std::string_view box_public,
    const crypto::SecretBytes& box_secret, std::string display, int32_t today) {
  auto find = [&](const PackageReader& pkg, std::string_view name) -> Result<const PartInfo*> {
    const Manifest& m = pkg.manifest();
    if (m.key_number_scheme != kNotificationKeyNumberScheme) {
      return Status::InvalidArgument(fmt::format(
          "{}: the package with the {} part does not hold notification parts (key-number "
          "scheme '{}')",
          display, name, m.key_number_scheme));
    }
    for (const PartInfo& p : m.parts) {
      if (p.name == name) return &p;
    }
    return Status::NotFound(fmt::format("{}: the package has no part '{}'", display, name));
  };
  GANREG_ASSIGN_OR_RETURN(const PartInfo* identity, find(identity_package, "identity"));
  GANREG_ASSIGN_OR_RETURN(const PartInfo* clinical, find(clinical_package, "clinical"));
  if (identity->rows != clinical->rows) {
    return Status::DataLoss(
        fmt::format("{}: parts do not pair: the identity part has {} rows, the clinical part {}",
                    display, identity->rows, clinical->rows));
  }
  GANREG_ASSIGN_OR_RETURN(std::unique_ptr<PackageReader::PartStream> i,
                          identity_package.OpenPart("identity", box_public, box_secret));
  GANREG_ASSIGN_OR_RETURN(std::unique_ptr<PackageReader::PartStream> c,
                          clinical_package.OpenPart("clinical", box_public, box_secret));
  return internal::ReadNotificationStreams(std::move(i), std::move(c), identity->rows,
                                           std::move(display), today);
}

}  // namespace ganreg::transfer
