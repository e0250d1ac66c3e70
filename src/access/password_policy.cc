// Password checks. Guessability is judged on a normalised form (lower case, common
// letter-for-digit swaps undone, trailing digits and symbols stripped) so that "P@ssw0rd1!" is
// recognised as "password".
#include "access/password_policy.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include <fmt/format.h>

namespace ganreg::access {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Undo the usual substitutions: @→a, 0→o, 1→l, 3→e, $→s, 5→s, 7→t, !→i.
std::string Deleet(std::string_view s) {
  std::string out = Lower(s);
  for (char& c : out) {
    switch (c) {
      case '@': c = 'a'; break;
      case '0': c = 'o'; break;
      case '1': c = 'l'; break;
      case '3': c = 'e'; break;
      case '$': case '5': c = 's'; break;
      case '7': c = 't'; break;
      case '!': c = 'i'; break;
      default: break;
    }
  }
  return out;
}

// The alphabetic core: strip leading/trailing digits and symbols ("Summer2026!" → "summer").
std::string Core(std::string_view s) {
  std::string l = Lower(s);
  size_t b = 0, e = l.size();
  while (b < e && !std::isalpha(static_cast<unsigned char>(l[b]))) ++b;
  while (e > b && !std::isalpha(static_cast<unsigned char>(l[e - 1]))) --e;
  return l.substr(b, e - b);
}

constexpr std::string_view kKeyboardRows[] = {
    "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "abcdefghijklmnopqrstuvwxyz",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/", "qazwsxedcrfvtgbyhnujmikolp"};

// True if `s` contains a run of 4+ characters in keyboard or alphabet order (either direction).
bool HasKeyboardRun(std::string_view s) {
  std::string l = Lower(s);
  for (std::string_view row : kKeyboardRows) {
    std::string rev(row.rbegin(), row.rend());
    for (size_t i = 0; i + 4 <= l.size(); ++i) {
      std::string_view piece(l.data() + i, 4);
      if (row.find(piece) != std::string_view::npos || rev.find(piece) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

// True if one character makes up half the password or more, or any 3 in a row repeat ("aaa").
bool HasRepetition(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == s[i + 1] && s[i] == s[i + 2]) return true;
  }
  for (char c : s) {
    if (static_cast<size_t>(std::count(s.begin(), s.end(), c)) * 2 >= s.size()) return true;
  }
  return false;
}

}  // namespace

std::filesystem::path PasswordPolicy::DefaultListPath() { return "/usr/share/john/password.lst"; }

Result<PasswordPolicy> PasswordPolicy::Load(const std::filesystem::path& list) {
  std::ifstream in(list);
  if (!in) {
    return Status::NotFound(fmt::format(
        "{}: the common-password list is missing (install Debian package john-data); "
        "passwords cannot be checked without it", list.string()));
  }
  PasswordPolicy p;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("#!comment", 0) == 0) continue;
    p.common_.insert(Deleet(line));
    std::string core = Core(line);
    if (core.size() >= 4) p.common_.insert(core);
  }
  return p;
}

Status PasswordPolicy::Check(std::string_view password,
                             const std::vector<std::string>& context) const {
  if (password.size() < static_cast<size_t>(kPasswordMinLength)) {
    return Status::InvalidArgument(
        fmt::format("password is shorter than {} characters (S-PWD-1)", kPasswordMinLength));
  }
  bool letter = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::isalpha(c)) {
      letter = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else if (c >= 0x80 || std::ispunct(c) || c == ' ') {
      symbol = true;
    } else {
      return Status::InvalidArgument("password contains a control character");
    }
  }
  if (!letter || !digit || !symbol) {
    return Status::InvalidArgument(
        "password must mix letters, digits and symbols (S-PWD-3)");
  }
  const std::string norm = Deleet(password);
  const std::string core = Core(password);
  if (common_.contains(norm) || common_.contains(core) || common_.contains(Deleet(core))) {
    return Status::InvalidArgument("password is a common password or a variant of one (S-PWD-1)");
  }
  for (const std::string& word : context) {
    if (word.size() < 3) continue;
    std::string w = Lower(word);
    if (Lower(password).find(w) != std::string::npos || norm.find(Deleet(w)) != std::string::npos) {
      return Status::InvalidArgument(
          "password contains the user's id or name or the registry's name (S-PWD-1)");
    }
  }
  if (HasKeyboardRun(password)) {
    return Status::InvalidArgument("password contains a keyboard or alphabet run (S-PWD-1)");
  }
  if (HasRepetition(password)) {
    return Status::InvalidArgument("password repeats characters (S-PWD-1)");
  }
  return Status::Ok();
}

}  // namespace ganreg::access
