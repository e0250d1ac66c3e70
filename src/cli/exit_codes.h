// Exit codes of the ganreg command (documented in docs/cli.md). One mapping from Status.
#pragma once

#include "core/status.h"

namespace ganreg::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;          // I/O or internal failure
inline constexpr int kExitUsage = 2;            // bad command line or arguments
inline constexpr int kExitPermissionDenied = 3; // the actor may not do this (incl. password must be changed first)
inline constexpr int kExitUnauthenticated = 4;  // wrong password, unknown user, locked or disabled account
inline constexpr int kExitRejected = 5;         // input refused as a whole (a file that cannot be taken in)
inline constexpr int kExitHeldBack = 6;         // input taken in, but some rows were held back for correction
inline constexpr int kExitNotFound = 7;         // a named thing does not exist
inline constexpr int kExitTampered = 8;         // tampering or corruption found

int ExitCodeFor(const Status& s);

}  // namespace ganreg::cli
