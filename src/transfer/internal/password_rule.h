// S-TRN-3 for key-file passwords and package passphrases: at least 8 characters mixing letters,
// digits and symbols, and not guessable (access::PasswordPolicy and its common-password list).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::transfer::internal {

// OK, or kInvalidArgument "WHAT does not satisfy S-TRN-3: <rule broken>". `context` holds words
// the password must not contain (names). kNotFound if the common-password list is missing: the
// check fails closed.
Status CheckTransferPassword(std::string_view password, const std::vector<std::string>& context,
                             std::string_view what);

}  // namespace ganreg::transfer::internal
