// The password rules of S-PWD-1..3 (and S-TRN-3's for passphrases): at least 8 characters mixing
// letters, digits and symbols, and not guessable. Pure apart from loading the common-password list.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"

namespace ganreg::access {

inline constexpr int kPasswordMinLength = 8;
inline constexpr int kPasswordMaxAgeDays = 60;  // S-PWD-2
inline constexpr int kMaxFailedLogins = 5;
inline constexpr int kLockoutSeconds = 15 * 60;

class PasswordPolicy {
 public:
  // Loads the common-password list (one per line; '#' lines are comments). The default is
  // Debian john-data's /usr/share/john/password.lst. kNotFound names the package to install:
  // the policy fails closed rather than accept passwords it cannot check.
  static Result<PasswordPolicy> Load(const std::filesystem::path& list);
  static std::filesystem::path DefaultListPath();

  // OK, or kInvalidArgument naming the first rule broken. `context` holds words the password
  // must not contain or equal: the user's id and name, the registry's name.
  Status Check(std::string_view password, const std::vector<std::string>& context) const;

  size_t common_count() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;  // lower-cased, de-leeted
};

}  // namespace ganreg::access
