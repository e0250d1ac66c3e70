// The ganreg command: parses arguments, authenticates, calls the app layer, prints results.
// No business logic lives here.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/registry.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  return ganreg::cli::Main(argc, argv);
}
