// Topography table: the doc's list, transcribed in ASCII and compiled into one bit mask of
// subsite digits per group (a test checks it against the doc itself).
#include "validate/internal/topography.h"

#include <array>
#include <cstdint>

namespace ganreg::validate::internal {
namespace {

// "nn d,d-d,..." groups separated by ';', exactly as in the doc (with '-' for the en dash).
constexpr std::string_view kGroups =
    "00 0-6,8,9;01 9;02 0-4,8,9;03 0,1,9;04 0,1,8,9;05 0-2,8,9;06 0-2,8,9;07 9;08 0,1,8,9;"
    "09 0,1,8,9;10 0-4,8,9;11 0-3,8,9;12 9;13 0-2,8,9;14 0,2,8;15 0-5,8,9;16 0-6,8,9;"
    "17 0-3,8,9;18 0-9;19 9;20 9;21 0-2,8;22 0,1;23 9;24 0,1,8,9;25 0-4,7-9;26 0,8,9;"
    "30 0,1;31 0-3,8,9;32 0-3,8,9;33 9;34 0-3,8,9;37 9;38 0-4,8;39 0,8,9;40 0-3,8,9;"
    "41 0-4,8,9;42 0-4;44 0-9;47 0-6,8,9;48 0-2,8;49 0-6,8,9;50 0-6,8,9;51 0-2,8,9;52 9;"
    "53 0,1,8,9;54 0-3,8,9;55 9;56 9;57 0-4,7-9;58 9;60 0-2,8,9;61 9;62 0,1,9;"
    "63 0-2,7-9;64 9;65 9;66 9;67 0-9;68 0,1,8,9;69 0-6,8,9;70 0,1,9;71 0-9;72 0-5,8,9;"
    "73 9;74 0,1,9;75 0-5,8,9;76 0-5,7,8;77 0-5,8,9;80 9";

constexpr std::array<uint16_t, 100> BuildTable() {
  std::array<uint16_t, 100> table{};
  size_t i = 0;
  while (i < kGroups.size()) {
    int group = (kGroups[i] - '0') * 10 + (kGroups[i + 1] - '0');
    i += 3;  // "nn "
    uint16_t mask = 0;
    while (i < kGroups.size() && kGroups[i] != ';') {
      int from = kGroups[i] - '0';
      int to = from;
      ++i;
      if (i < kGroups.size() && kGroups[i] == '-') {
        to = kGroups[i + 1] - '0';
        i += 2;
      }
      for (int d = from; d <= to; ++d) mask = static_cast<uint16_t>(mask | (1u << d));
      if (i < kGroups.size() && kGroups[i] == ',') ++i;
    }
    table[static_cast<size_t>(group)] = mask;
    ++i;  // ';'
  }
  return table;
}

constexpr std::array<uint16_t, 100> kSubsites = BuildTable();
static_assert(kSubsites[18] == 0x3FF);
static_assert(kSubsites[39] == ((1 << 0) | (1 << 8) | (1 << 9)));
static_assert(kSubsites[80] == (1 << 9));

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool HasTopographyForm(std::string_view code) {
  return code.size() == 5 && code[0] == 'C' && IsDigit(code[1]) && IsDigit(code[2]) &&
         code[3] == '.' && IsDigit(code[4]);
}

bool IsTopographyCode(std::string_view code) {
  if (!HasTopographyForm(code)) return false;
  const int group = (code[1] - '0') * 10 + (code[2] - '0');
  return (kSubsites[static_cast<size_t>(group)] >> (code[4] - '0') & 1u) != 0;
}

}  // namespace ganreg::validate::internal
