// Command-line front end over the app layer.
#pragma once

namespace ganreg::cli {

// Runs the ganreg command line; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace ganreg::cli
