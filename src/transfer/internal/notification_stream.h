// The plaintext of notification parts (docs/formats/transfer-package.md, "Notification parts"):
// a header naming the part and the file it came from, then one record per row. Separated from
// the package so that the record reader can be tested and fuzzed on plaintext directly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/notification.h"
#include "transfer/package.h"
#include "validate/notification_reader.h"

namespace ganreg::transfer::internal {

inline constexpr std::string_view kRowsMagic = "GNRGROWS";
inline constexpr uint8_t kRowsVersion = 1;
inline constexpr size_t kPairingIdBytes = 16;
inline constexpr size_t kRowsHeaderBytes = 8 + 1 + 1 + kPairingIdBytes + 8;
inline constexpr uint32_t kRecordFixedBytes = 8 + 16;  // line, key number
// The CSV reader cuts a record at 64 MiB; nothing longer can have been packed.
inline constexpr uint32_t kMaxRecordBytes = (64u << 20) + kRecordFixedBytes;

std::string EncodeRowsHeader(model::Part part, std::string_view pairing_id, uint64_t rows);
void AppendRecord(uint64_t line, uint64_t key_number, std::string_view encoded_part,
                  std::string* out);

// The row as one CSV line of the national layout, without a line ending.
std::string RenderCsvLine(const model::NotificationRow& row);

// Reads both parts' plaintext in lockstep (their headers at once) and yields validated rows.
// `rows` is the count both manifests state. kDataLoss if the parts do not pair.
Result<std::unique_ptr<validate::NotificationReader>> ReadNotificationStreams(
    std::unique_ptr<PackageReader::PartStream> identity,
    std::unique_ptr<PackageReader::PartStream> clinical, uint64_t rows, std::string display,
    int32_t today);

}  // namespace ganreg::transfer::internal
