// Transfer-package subcommands: keygen, partner, registry public-key, pack, verify,
// verify-receipt; `intake` routes packages here.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace ganreg::cli {

void AddTransferCommands(CLI::App& app, Globals& g, int& rc);

// True if `file` starts with the transfer-package magic.
bool LooksLikePackage(const std::string& file);

// `ganreg intake PACKAGE… --medium M [--receipt-out F]`.
int IntakePackages(const Globals& g, const std::vector<std::string>& files,
                   const std::string& medium, const std::string& receipt_out);

}  // namespace ganreg::cli
