// The ICD-O-3 topography codes the notification layout accepts (Cnn.d), as listed in
// docs/formats/notification-csv.md, "Topography codes accepted".
#pragma once

#include <string_view>

namespace ganreg::validate::internal {

// True if `code` is exactly "Cnn.d" with nn.d a code of the accepted table.
bool IsTopographyCode(std::string_view code);

// True if `code` has the form Cnn.d (digits), whether or not it exists.
bool HasTopographyForm(std::string_view code);

}  // namespace ganreg::validate::internal
