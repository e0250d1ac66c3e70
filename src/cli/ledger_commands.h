// Office-ledger subcommands (issue #4): `inquiry` (the inquiry book and its call-back numbers,
// S-INQ-1..6), `media` (S-STO-2) and `disposal` (S-STO-4, S-STO-5).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace ganreg::cli {

void AddLedgerCommands(CLI::App& app, Globals& g, int& rc);

// Second slice (src/cli/office_commands.cc): `training`, `briefing`, `id-audit` (S-HUM-1..3,
// S-SYS-3), `incident` (S-INC-1, S-INC-2), `keybox`, `entry-log` (S-STO-1, S-ENT-1) and `due`.
void AddOfficeCommands(CLI::App& app, Globals& g, int& rc);

// Third slice (src/cli/register_commands.cc): `self-assessment` (S-CHK-1), `takeout` (STO-3),
// `maintenance` (S-SYS-6), `acquisition` (S-ACQ-4), `definition` (S-SYS-4), `ledger print`.
// Call after the `ledger` command exists.
void AddRegisterCommands(CLI::App& app, Globals& g, int& rc);

}  // namespace ganreg::cli
