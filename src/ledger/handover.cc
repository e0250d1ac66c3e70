// Hand-over book entries over the store.
#include "ledger/handover.h"

#include <fmt/format.h>

namespace ganreg::ledger {

std::string_view MediumId(Medium m) {
  switch (m) {
    case Medium::kOnline: return "online";
    case Medium::kCdR: return "cd-r";
    case Medium::kUsb: return "usb";
    case Medium::kPaper: return "paper";
  }
  return "?";
}

std::optional<Medium> ParseMedium(std::string_view id) {
  for (Medium m : {Medium::kOnline, Medium::kCdR, Medium::kUsb, Medium::kPaper}) {
    if (MediumId(m) == id) return m;
  }
  return std::nullopt;
}

namespace {
Result<int64_t> Record(store::Database& db, const Delivery& d, std::string_view direction) {
  // S-ACQ-5: date, who, sender, content summary, medium and recipient are all required.
  for (auto [field, value] : {std::pair<std::string_view, std::string_view>{"handled by", d.handled_by},
                              {"sender/recipient", d.counterpart},
                              {"recipient", d.recipient},
                              {"content summary", d.summary}}) {
    if (value.empty()) {
      return Status::InvalidArgument(
          fmt::format("hand-over book: the {} of a {} is missing (S-ACQ-5)", field, direction));
    }
  }
  if (d.at <= 0) return Status::InvalidArgument("hand-over book: the date is missing (S-ACQ-5)");
  store::HandoverRecord r;
  r.at = d.at;
  r.direction = std::string(direction);
  r.handled_by = d.handled_by;
  r.counterpart = d.counterpart;
  r.recipient = d.recipient;
  r.summary = d.summary;
  r.medium = std::string(MediumId(d.medium));
  r.file_id = d.file_id;
  return db.InsertHandover(r);
}
}  // namespace

Result<int64_t> RecordReceipt(store::Database& db, const Delivery& d) {
  return Record(db, d, "receipt");
}

Result<int64_t> RecordDispatch(store::Database& db, const Delivery& d) {
  return Record(db, d, "dispatch");
}

}  // namespace ganreg::ledger
