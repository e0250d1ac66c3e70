// Linkage subcommands (issue #5): `link`, and `review next|decide|undo`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace ganreg::cli {

void AddLinkageCommands(CLI::App& app, Globals& g, int& rc);

}  // namespace ganreg::cli
