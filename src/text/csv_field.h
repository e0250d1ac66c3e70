// One field of a CSV file ganreg writes (RFC 4180): as it is, or in double quotes with its quotes
// doubled when it holds a comma, a quote or a line break. Every CSV writer in the project (the
// synthetic files, the follow-back list, a package's notification part) goes through here.
#pragma once

#include <string>
#include <string_view>

namespace ganreg::text {

inline void AppendCsvField(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

inline std::string CsvField(std::string_view v) {
  std::string out;
  AppendCsvField(out, v);
  return out;
}

}  // namespace ganreg::text
