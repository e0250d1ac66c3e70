// S-TRN-3 through the access module's password policy.
#include "transfer/internal/password_rule.h"

#include <fmt/format.h>

#include "access/password_policy.h"

namespace ganreg::transfer::internal {

Status CheckTransferPassword(std::string_view password, const std::vector<std::string>& context,
                             std::string_view what) {
  GANREG_ASSIGN_OR_RETURN(access::PasswordPolicy policy,
                          access::PasswordPolicy::Load(access::PasswordPolicy::DefaultListPath()));
  Status s = policy.Check(password, context);
  if (s.ok()) return s;
  return Status(s.code(), fmt::format("{} does not satisfy S-TRN-3: {}", what, s.message()));
}

}  // namespace ganreg::transfer::internal
