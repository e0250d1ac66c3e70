// The delivery hand-over book (配送物等受渡簿, S-ACQ-5): every receipt and every dispatch of
// deliveries, with date, who received or sent it, sender, content summary, kind of medium and
// recipient. Entries are appended inside the use case's transaction and never changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace ganreg::ledger {

// How a delivery came or went (S-ACQ-1, S-TRN-1): the online connection service in principle,
// media or paper by a means that leaves a delivery record.
enum class Medium { kOnline, kCdR, kUsb, kPaper };
std::string_view MediumId(Medium m);  // "online", "cd-r", "usb", "paper"
std::optional<Medium> ParseMedium(std::string_view id);

struct Delivery {
  int64_t at = 0;
  std::string handled_by;   // the staff member who received (or sent) it
  std::string counterpart;  // sender of a receipt, recipient of a dispatch
  std::string recipient;    // whom it was for (the registry office, for receipts)
  std::string summary;      // content summary; never personal information
  Medium medium = Medium::kOnline;
  int64_t file_id = 0;      // the received file it brought, if any
};

// Appends a receipt. kInvalidArgument if a field S-ACQ-5 requires is empty.
Result<int64_t> RecordReceipt(store::Database& db, const Delivery& d);
// Appends a dispatch (registry → hospitals, users).
Result<int64_t> RecordDispatch(store::Database& db, const Delivery& d);

}  // namespace ganreg::ledger
