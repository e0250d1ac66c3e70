// Line splitting and "key: value" fields for key files and receipts.
#include "transfer/internal/text_lines.h"

#include <fmt/format.h>

namespace ganreg::transfer::internal {

Result<TextLines> TextLines::Split(std::string_view text) {
  TextLines t;
  if (text.find('\0') != std::string_view::npos) return Status::DataLoss("contains a NUL byte");
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return Status::DataLoss("contains a lone CR");
    t.lines_.push_back(line);
  }
  // Trailing blank lines (an editor's extra newline) are tolerated; blank lines inside are not.
  while (!t.lines_.empty() && t.lines_.back().empty()) t.lines_.pop_back();
  for (std::string_view l : t.lines_) {
    if (l.empty()) return Status::DataLoss("contains a blank line");
  }
  return t;
}

std::string TextLines::Canonical(size_t end) const {
  std::string out;
  for (size_t i = 0; i < end && i < lines_.size(); ++i) {
    out.append(lines_[i]);
    out.push_back('\n');
  }
  return out;
}

Result<std::string_view> TextLines::Field(size_t i, std::string_view key) const {
  if (i >= lines_.size()) return Status::DataLoss(fmt::format("line '{}:' is missing", key));
  std::string_view l = lines_[i];
  if (l.size() < key.size() + 1 || l.substr(0, key.size()) != key || l[key.size()] != ':') {
    return Status::DataLoss(fmt::format("line {} should be '{}:'", i + 1, key));
  }
  l.remove_prefix(key.size() + 1);
  if (l.empty()) return l;
  if (l.front() != ' ')
    return Status::DataLoss(fmt::format("line {}: space expected after ':'", i + 1));
  return l.substr(1);
}

bool ParseDecimal(std::string_view s, uint64_t max, uint64_t* out) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<uint64_t>(c - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

}  // namespace ganreg::transfer::internal
