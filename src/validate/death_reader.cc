// The death information form reader: encoding settled by the shared detector, the file decoded
// whole, parsed by the shared RFC 4180 parser, each row checked. The identity items are checked
// by the notification layout's own rules (one rule set for names, readings, dates and addresses).
#include "validate/death_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "validate/internal/csv_parser.h"
#include "validate/internal/row_validator.h"

namespace ganreg::validate {
namespace {

using model::DeathItem;
constexpr std::string_view kNotTheLayout = "this is not the death information form layout";
constexpr size_t kMaxRecordBytes = 1024 * 1024;

std::string_view Id(DeathItem item) { return model::Def(item).id; }

// The value of a clinical item as it may appear in a report (cut when long).
std::string Quote(std::string_view v) {
  if (v.size() <= 24) return fmt::format("'{}'", v);
  size_t cut = 24;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xc0) == 0x80) --cut;
  return fmt::format("'{}…'", v.substr(0, cut));
}

bool HasControl(std::string_view v) {
  for (char ch : v) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x20 || b == 0x7f) return true;
  }
  return false;
}

bool AllDigits(std::string_view v) {
  for (char c : v) {
    if (c < '0' || c > '9') return false;
  }
  return !v.empty();
}

// The identity items that a death form shares with a notification, by the notification's rules.
constexpr std::array<std::pair<DeathItem, model::Item>, 6> kShared = {{
    {DeathItem::kKanaName, model::Item::kKanaName},
    {DeathItem::kName, model::Item::kName},
    {DeathItem::kSex, model::Item::kSex},
    {DeathItem::kBirthDate, model::Item::kBirthDate},
    {DeathItem::kPrefectureCode, model::Item::kPrefectureCode},
    {DeathItem::kAddress, model::Item::kAddress},
}};

}  // namespace

std::vector<Issue> ValidateDeathRow(const model::DeathRow& row, int32_t today, uint64_t line) {
  std::vector<Issue> issues;
  // Identity items: the notification rules, keeping only what they say about these items.
  {
    const model::NotificationRow n = model::AsNotificationIdentity(row);
    std::vector<Issue> all;
    internal::ValidateRowInto(n, today, line, &all);
    for (const auto& [death_item, item] : kShared) {
      const std::string_view id = model::Def(item).id;
      for (Issue& issue : all) {
        if (issue.item != id) continue;
        // The reading is optional on a death form (S-ACQ-2 イ lists name, not reading).
        if (death_item == DeathItem::kKanaName && row[death_item].empty()) continue;
        issue.item = std::string(Id(death_item));
        issues.push_back(std::move(issue));
      }
    }
  }
  auto fail = [&](DeathItem item, std::string reason) {
    issues.push_back({line, std::string(Id(item)), std::move(reason)});
  };
  // Death date: the form's own date, clinical (may be quoted).
  int32_t death = 0;
  const std::string& dd = row[DeathItem::kDeathDate];
  if (dd.empty()) {
    fail(DeathItem::kDeathDate, "required");
  } else if (HasControl(dd)) {
    fail(DeathItem::kDeathDate, "contains a control character");
  } else if (!internal::ParseDate(dd, &death)) {
    fail(DeathItem::kDeathDate, fmt::format("{} is not a date that exists (yyyymmdd)", Quote(dd)));
    death = 0;
  } else if (death > today) {
    fail(DeathItem::kDeathDate, fmt::format("{} is after the day of intake", Quote(dd)));
    death = 0;
  }
  int32_t birth = 0;
  if (death != 0 && internal::ParseDate(row[DeathItem::kBirthDate], &birth) && death < birth) {
    // The birth date is identity: the rule is named, the values are not.
    issues.push_back({line, "D1 birth_date/death_date", "the death date is before the birth date"});
  }
  // Underlying cause of death: ICD-10.
  const std::string& cause = row[DeathItem::kUnderlyingCause];
  if (cause.empty()) {
    fail(DeathItem::kUnderlyingCause, "required");
  } else if (model::NormalizeIcd10(cause).empty()) {
    fail(DeathItem::kUnderlyingCause,
         HasControl(cause) ? std::string("contains a control character")
                           : fmt::format("{} is not an ICD-10 code (e.g. C18.7, C187, I21.9)",
                                         Quote(cause)));
  }
  // Place of death.
  const std::string& kind = row[DeathItem::kPlaceKind];
  bool kind_ok = false;
  if (kind.empty()) {
    fail(DeathItem::kPlaceKind, "required");
  } else if (kind.size() != 1 || kind[0] < '1' || kind[0] > '7') {
    fail(DeathItem::kPlaceKind,
         HasControl(kind) ? std::string("contains a control character")
                          : fmt::format("{} is not 1–7 (1 hospital, 2 clinic, 3 care facility, 4 "
                                        "maternity home, 5 nursing home, 6 home, 7 other)",
                                        Quote(kind)));
  } else {
    kind_ok = true;
  }
  const std::string& inst = row[DeathItem::kPlaceInstitution];
  if (!inst.empty()) {
    if (inst.size() != 10 || !AllDigits(inst)) {
      fail(DeathItem::kPlaceInstitution,
           HasControl(inst) ? std::string("contains a control character")
                            : fmt::format("{} is not a 10-digit medical institution code",
                                          Quote(inst)));
    } else if (kind_ok && !model::IsMedicalPlaceKind(kind)) {
      issues.push_back({line, "P1 place_kind/place_institution",
                        fmt::format("an institution is given for place kind {}; only 1 (hospital) "
                                    "and 2 (clinic) have one",
                                    kind)});
    }
  }
  return issues;
}

Result<DeathFile> ReadDeathFile(const std::filesystem::path& file, std::string_view display_name,
                                std::optional<text::Encoding> declared, int32_t today) {
  const std::string name(display_name);
  GANREG_ASSIGN_OR_RETURN(text::EncodingDetection detection,
                          text::DetectFileEncoding(file, name, declared));
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return Status::Unavailable(fmt::format("{}: {}", name, ec.message()));
  if (size > kMaxDeathFileBytes) {
    return Status::Rejected(fmt::format("{}:1: the file is larger than {} MiB: split it", name,
                                        kMaxDeathFileBytes / (1024 * 1024)));
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  {
    FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr) {
      return errno == ENOENT ? Status::NotFound(fmt::format("{}: cannot open", name))
                             : Status::Unavailable(fmt::format("{}: cannot open: {}", name,
                                                               std::strerror(errno)));
    }
    const size_t n = std::fread(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    if (n != bytes.size()) return Status::Unavailable(fmt::format("{}: read error", name));
  }
  GANREG_ASSIGN_OR_RETURN(auto decoder, text::Decoder::Create(detection.encoding));
  std::string text;
  Status decoded = decoder->Decode(bytes, true, &text);
  ::explicit_bzero(bytes.data(), bytes.size());  // identities in clear: not left in freed memory
  if (!decoded.ok()) return Status(decoded.code(), fmt::format("{}: {}", name, decoded.message()));

  DeathFile out;
  out.encoding = detection.encoding;
  internal::CsvParser parser(kMaxRecordBytes);
  size_t pos = 0;
  std::array<std::string, model::kDeathItemCount> cells;
  std::string raw;
  internal::CsvRecordInfo info;
  auto next = [&](std::string* fields, std::string* raw_out) {
    return parser.Next(text, &pos, true, {fields, model::kDeathItemCount, raw_out}, &info) ==
           internal::CsvParser::Step::kRecord;
  };
  Status result;
  if (!next(cells.data(), &raw)) {
    result = Status::Rejected(fmt::format("{}: file is empty", name));
  } else if (info.unterminated_quote || info.too_long) {
    result = Status::Rejected(fmt::format("{}:{}: the header ends inside a quoted field: {}", name,
                                          info.line, kNotTheLayout));
  } else {
    const size_t compared = std::min<size_t>(info.field_count, model::kDeathItemCount);
    for (size_t i = 0; i < compared && result.ok(); ++i) {
      const model::DeathItemDef& def = model::DeathItems()[i];
      if (cells[i] == def.label || cells[i] == def.id) continue;
      // A file without its header has a person's row in line 1: the cell is not repeated.
      result = Status::Rejected(fmt::format(
          "{}:{}: header column {} does not match (not shown: it may be personal data), "
          "expected '{}' or '{}': {}",
          name, info.line, i + 1, def.label, def.id, kNotTheLayout));
    }
    if (result.ok() && info.field_count != model::kDeathItemCount) {
      result = Status::Rejected(fmt::format("{}:{}: header has {} columns, expected {}: {}", name,
                                            info.line, info.field_count, model::kDeathItemCount,
                                            kNotTheLayout));
    }
  }
  while (result.ok()) {
    DeathRowRead r;
    if (!next(r.row.values.data(), &r.raw)) break;
    r.line = info.line;
    if (info.too_long || info.unterminated_quote || info.field_count != model::kDeathItemCount) {
      r.issues.push_back(
          {info.line, "row",
           info.unterminated_quote
               ? std::string("ends inside a quoted field (file truncated?)")
               : info.too_long ? std::string("is longer than 1 MiB and was cut")
                               : fmt::format("has {} columns, expected {}", info.field_count,
                                             model::kDeathItemCount)});
    } else {
      if (info.stray_quote_field >= 0) {
        r.issues.push_back(
            {info.line,
             std::string(model::DeathItems()[static_cast<size_t>(info.stray_quote_field)].id),
             "text after the closing quote (broken quoting)"});
      }
      std::vector<Issue> found = ValidateDeathRow(r.row, today, info.line);
      for (auto& i : found) r.issues.push_back(std::move(i));
    }
    out.rows.push_back(std::move(r));
  }
  ::explicit_bzero(text.data(), text.size());
  if (!result.ok()) return result;
  return out;
}

}  // namespace ganreg::validate
