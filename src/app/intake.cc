// Intake of a notification file: digest, keep the original encrypted, validate row by row,
// split each valid row into identity and clinical parts under fresh batch keys, hold faulty rows
// back (encrypted) with their report, and write the hand-over book — all in one transaction, so
// a crash leaves either the whole file recorded or nothing, and a retry is safe.
#include <cstdio>

#include <fmt/format.h>

#include "app/door.h"
#include "app/internal.h"
#include "crypto/crypto.h"
#include "crypto/stream.h"
#include "text/encoding.h"
#include "validate/notification_reader.h"

namespace ganreg::app {

namespace {
constexpr size_t kReadChunk = 1 << 16;

bool IsHospitalCode(std::string_view code) {
  if (code.size() != 10) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsMedium(std::string_view m) {
  return m == "online" || m == "cd-r" || m == "usb" || m == "paper";
}

// Streams `file` once: BLAKE2b digest and size.
Status DigestFile(const std::filesystem::path& file, std::string* digest, int64_t* bytes) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(fmt::format("{}: cannot open", file.string()));
  crypto::Hasher h;
  std::string buf(kReadChunk, '\0');
  *bytes = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    h.Update(std::string_view(buf.data(), n));
    *bytes += static_cast<int64_t>(n);
  }
  bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) return Status::Unavailable(fmt::format("{}: read error", file.string()));
  *digest = h.Final();
  return Status::Ok();
}

Status EncryptOriginal(const std::filesystem::path& file, const std::filesystem::path& out,
                       const crypto::SecretBytes& key) {
  GANREG_ASSIGN_OR_RETURN(auto writer, crypto::EncryptedFileWriter::Create(out, key));
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(fmt::format("{}: cannot open", file.string()));
  std::string buf(kReadChunk, '\0');
  size_t n;
  Status s;
  while (s.ok() && (n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    s = writer->Write(std::string_view(buf.data(), n));
  }
  std::fclose(f);
  GANREG_RETURN_IF_ERROR(s);
  return writer->Finish();
}

int64_t NewKeyNumber() {
  // 16 decimal digits, first one non-zero: random, so it says nothing about order or origin.
  return static_cast<int64_t>(1'000'000'000'000'000ULL +
                              crypto::RandomUint64() % 9'000'000'000'000'000ULL);
}
}  // namespace

Result<IntakeResult> Session::Intake(const IntakeRequest& req) {
  const std::string display =
      req.display_name.empty() ? req.file.filename().string() : req.display_name;
  return Run<IntakeResult>(Action::kIntake, "file:" + display, [&](Work& w) -> Result<IntakeResult> {
    if (!IsHospitalCode(req.hospital_code)) {
      return Status::InvalidArgument(fmt::format(
          "--from '{}' is not a 10-digit medical institution code", req.hospital_code));
    }
    if (!IsMedium(req.medium)) {
      return Status::InvalidArgument(
          fmt::format("--medium '{}' is not one of online, cd-r, usb, paper", req.medium));
    }
    std::optional<text::Encoding> declared;
    if (req.encoding && *req.encoding != "auto") {
      GANREG_ASSIGN_OR_RETURN(declared, text::ParseEncoding(*req.encoding));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    IntakeResult result;

    std::string digest;
    int64_t bytes = 0;
    GANREG_RETURN_IF_ERROR(DigestFile(req.file, &digest, &bytes));
    GANREG_ASSIGN_OR_RETURN(auto earlier, db_.FindFileByDigest(digest));
    if (earlier) {
      result.duplicate = true;
      result.file_id = earlier->id;
      result.reason = fmt::format("the same file was received on {} as file #{} ({})",
                                  FormatUtc(earlier->received_at), earlier->id, earlier->status);
      w.object = fmt::format("file:{}", earlier->id);
      w.detail = "duplicate: nothing added";
      return result;
    }

    // Fresh data keys for this file, sealed to each category's public key: taking a file in
    // needs no grant to read it back.
    crypto::SecretBytes identity_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
    crypto::SecretBytes clinical_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
    GANREG_ASSIGN_OR_RETURN(auto id_cat, db_.CurrentCategoryKey(
                                             model::CategoryId(model::Category::kNotificationIdentity)));
    GANREG_ASSIGN_OR_RETURN(auto cl_cat, db_.CurrentCategoryKey(
                                             model::CategoryId(model::Category::kNotificationClinical)));

    // The original is kept, encrypted under the identity batch key (it holds identities).
    const std::string original = crypto::ToHex(digest) + ".enc";
    GANREG_RETURN_IF_ERROR(
        EncryptOriginal(req.file, registry_.dir_ / "originals" / original, identity_key));

    store::FileRecord f;
    f.digest = digest;
    f.display_name = display;
    f.hospital_code = req.hospital_code;
    f.medium = req.medium;
    f.encoding = declared ? std::string(text::EncodingName(*declared)) : "auto";
    f.received_at = now;
    f.received_by = actor_.name;
    f.status = "accepted";
    f.original = original;
    f.bytes = bytes;
    GANREG_ASSIGN_OR_RETURN(f.id, db_.InsertFile(f));
    w.object = fmt::format("file:{}", f.id);
    result.file_id = f.id;
    GANREG_RETURN_IF_ERROR(db_.InsertBatchKey({f.id, id_cat.category, id_cat.version,
                                               crypto::SealTo(id_cat.public_key, identity_key.span())}));
    GANREG_RETURN_IF_ERROR(db_.InsertBatchKey({f.id, cl_cat.category, cl_cat.version,
                                               crypto::SealTo(cl_cat.public_key, clinical_key.span())}));

    auto reader = validate::NotificationReader::Open(req.file, display, declared, JapanDate(now));
    if (!reader.ok()) {
      if (reader.status().code() != StatusCode::kRejected) return reader.status();
      f.status = "rejected";
      f.reason = reader.status().message();
      result.rejected = true;
      result.reason = f.reason;
    } else {
      f.encoding = std::string(text::EncodingName((*reader)->encoding()));
      validate::Row row;
      store::IdentityRecord identity{0, f.id, {}};
      store::ClinicalRecord clinical{0, f.id, 0, req.hospital_code, now, {}};
      std::string issues_text;
      for (;;) {
        GANREG_ASSIGN_OR_RETURN(bool more, (*reader)->Next(&row));
        if (!more) break;
        ++f.rows_read;
        if (!row.issues.empty()) {
          // Held back (quarantine): the raw row encrypted, its report in clear (the report
          // never quotes an identity value).
          issues_text.clear();
          for (const auto& issue : row.issues) {
            if (!issues_text.empty()) issues_text.push_back('\n');
            issues_text += validate::FormatIssue(display, issue);
            ++result.issue_count;
            if (result.issues.size() < IntakeResult::kMaxReportedIssues) {
              result.issues.push_back(validate::FormatIssue(display, issue));
            }
          }
          GANREG_RETURN_IF_ERROR(db_.InsertHeldRow(
              {f.id, static_cast<int64_t>(row.line), issues_text,
               crypto::Encrypt(identity_key, row.raw, internal::HeldRowAd(f.id, row.line))}));
          crypto::Wipe(row.raw.data(), row.raw.size());
          ++f.rows_held;
          continue;
        }
        std::string identity_plain = model::EncodePart(row.row, model::Part::kIdentity);
        std::string clinical_plain = model::EncodePart(row.row, model::Part::kClinical);
        for (int attempt = 0;; ++attempt) {
          int64_t key_no = NewKeyNumber();
          identity.key_no = clinical.key_no = key_no;
          identity.ciphertext =
              crypto::Encrypt(identity_key, identity_plain, internal::IdentityAd(key_no, f.id));
          Status s = db_.InsertIdentity(identity);
          if (s.code() == StatusCode::kAlreadyExists && attempt < 8) continue;  // drawn before
          GANREG_RETURN_IF_ERROR(s);
          clinical.line = static_cast<int64_t>(row.line);
          clinical.ciphertext =
              crypto::Encrypt(clinical_key, clinical_plain, internal::ClinicalAd(key_no, f.id));
          GANREG_RETURN_IF_ERROR(db_.InsertClinical(clinical));
          break;
        }
        crypto::Wipe(identity_plain.data(), identity_plain.size());
        crypto::Wipe(row.raw.data(), row.raw.size());
        ++f.rows_accepted;
      }
    }
    GANREG_RETURN_IF_ERROR(db_.FinishFile(f));

    // S-ACQ-5: every receipt goes into the hand-over book.
    store::HandoverRecord h;
    h.at = now;
    h.direction = "receipt";
    h.handled_by = actor_.name;
    h.counterpart = req.hospital_code;
    h.recipient = registry_.name_;
    h.medium = req.medium;
    h.file_id = f.id;
    h.summary = result.rejected
                    ? fmt::format("届出票ファイル {} (notification file): 受付不可 rejected", display)
                    : fmt::format("届出票ファイル {} (notification file): {}件 rows, 受理 accepted {}, "
                                  "保留 held back {}",
                                  display, f.rows_read, f.rows_accepted, f.rows_held);
    GANREG_RETURN_IF_ERROR(db_.InsertHandover(h).status());

    result.encoding = f.encoding;
    result.rows_read = f.rows_read;
    result.rows_accepted = f.rows_accepted;
    result.rows_held = f.rows_held;
    w.outcome = result.rejected ? audit::Outcome::kRejected : audit::Outcome::kDone;
    w.detail = result.rejected
                   ? fmt::format("rejected bytes={}", bytes)
                   : fmt::format("rows={} accepted={} held={} encoding={} bytes={}", f.rows_read,
                                 f.rows_accepted, f.rows_held, f.encoding, bytes);
    return result;
  });
}

}  // namespace ganreg::app
