// Reading requests and writing results, for the API's route files (api_*.cc). Shared by the
// web module's files only.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "web/internal.h"

namespace ganreg::web::internal {

// The number in the address's group `i` (the route's pattern matched it as digits).
inline Result<int64_t> PathNumber(const httplib::Request& req, size_t i) {
  const std::string v = req.matches[i].str();
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Status::InvalidArgument("the number in the address is out of range");
  }
  return n;
}

// A whole-number query parameter from `lo` to `hi`, `fallback` if absent.
inline Result<int64_t> QueryNumber(const httplib::Request& req, const char* name, int64_t fallback,
                                   int64_t lo, int64_t hi) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n < lo || n > hi) {
    return Status::InvalidArgument(
        fmt::format("query parameter '{}' must be a whole number from {} to {}", name, lo, hi));
  }
  return n;
}

// A short query parameter ("" if absent); never personal data (codes, months, statuses).
inline Result<std::string> QueryText(const httplib::Request& req, const char* name) {
  std::string v = req.has_param(name) ? req.get_param_value(name) : std::string();
  if (v.size() > 40) {
    return Status::InvalidArgument(fmt::format("query parameter '{}' is too long", name));
  }
  return v;
}

// Members of a JSON body. Absent or null: the fallback; of another type: kInvalidArgument.
inline Result<bool> BodyBool(const Json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    return Status::InvalidArgument(fmt::format("'{}' must be true or false", name));
  }
  return it->get<bool>();
}

inline Result<int64_t> BodyInt(const Json& body, std::string_view name, int64_t fallback = 0) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return Status::InvalidArgument(fmt::format("'{}' must be a whole number", name));
  }
  return it->get<int64_t>();
}

inline Result<double> BodyDouble(const Json& body, std::string_view name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return 0.0;
  if (!it->is_number()) return Status::InvalidArgument(fmt::format("'{}' must be a number", name));
  return it->get<double>();
}

// A list of strings: a JSON array of strings, or one string of comma-separated names (as the
// CLI takes them); empty entries are dropped.
inline Result<std::vector<std::string>> BodyList(const Json& body, std::string_view name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  auto add = [&](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!s.empty()) out.emplace_back(s);
  };
  if (it->is_string()) {
    std::string_view rest = it->get_ref<const std::string&>();
    for (size_t at; (at = rest.find(',')) != std::string_view::npos; rest.remove_prefix(at + 1)) {
      add(rest.substr(0, at));
    }
    add(rest);
    return out;
  }
  if (!it->is_array()) {
    return Status::InvalidArgument(fmt::format("'{}' must be a list of names", name));
  }
  for (const auto& v : *it) {
    if (!v.is_string()) {
      return Status::InvalidArgument(fmt::format("'{}' must be a list of names", name));
    }
    add(v.get_ref<const std::string&>());
  }
  return out;
}

template <class T, class F>
Json JsonList(const std::vector<T>& v, F&& one) {
  Json a = Json::array();
  for (const auto& x : v) a.push_back(one(x));
  return a;
}

}  // namespace ganreg::web::internal
