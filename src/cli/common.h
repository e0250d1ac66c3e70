// Shared pieces of the CLI: global options, error printing, logging in.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "app/registry.h"
#include "core/result.h"

namespace ganreg::cli {

struct Globals {
  std::string registry;
  std::string user;
  std::string password_file;
};

// Prints the failure (Japanese first, then English) and returns its exit code.
int Fail(const Status& s);
// Reads a password file named by an option; kInvalidArgument naming the option if none given.
Result<std::string> Password(const std::string& file, std::string_view what);
// Opens the registry and logs the global user in, then runs `fn`; returns its exit code.
int WithSession(const Globals& g, const std::function<int(app::Session&)>& fn);
void AddGlobals(CLI::App& app, Globals& g);

}  // namespace ganreg::cli
