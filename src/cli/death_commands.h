// Death information forms and the follow-back (issue #5, S-ACQ-2 イ): `death intake|list|review`,
// `intake-deaths` (the name for `death intake`), `followback list|export|answer`, and
// `synth deaths`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace ganreg::cli {

// Call after the `synth` subcommand exists: `synth deaths` is added to it.
void AddDeathCommands(CLI::App& app, Globals& g, int& rc);

}  // namespace ganreg::cli
