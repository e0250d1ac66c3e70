// libFuzzer target: the notification CSV reader (encoding detection, CSV framing, header check
// and every row rule) on untrusted bytes, through validate::NotificationReader::Open on a file,
// as intake and NotificationPartSources use it.
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_common.h"
#include "validate/notification_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ganreg::fuzz::ScratchFile scratch(".csv");
  const std::filesystem::path& path =
      scratch.Write(std::string_view(reinterpret_cast<const char*>(data), size));
  auto reader = ganreg::validate::NotificationReader::Open(path, "fuzz.csv", std::nullopt,
                                                           ganreg::fuzz::kFuzzToday);
  if (!reader.ok()) return 0;
  ganreg::validate::Row row;
  for (int i = 0; i < 100000; ++i) {
    ganreg::Result<bool> more = (*reader)->Next(&row);
    if (!more.ok() || !*more) break;
    for (const ganreg::validate::Issue& issue : row.issues) {
      (void)ganreg::validate::FormatIssue("fuzz.csv", issue);
    }
  }
  return 0;
}
