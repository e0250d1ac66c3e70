// `ganreg serve`: the registry over HTTPS for the browser client (issue #6).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace ganreg::cli {

void AddServeCommands(CLI::App& app, Globals& g, int& rc);

// Makes the registry's self-signed localhost certificate (init and demo call this); prints
// where it is. OK if one exists already.
Status EnsureCertificate(const std::string& registry_dir);

}  // namespace ganreg::cli
