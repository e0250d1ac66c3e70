// Versioned schema migrations of the embedded store; applied in order, each in one transaction,
// recorded in PRAGMA user_version. Never edit a released migration: add a new one.
#pragma once

#include <span>
#include <string_view>

namespace ganreg::store::internal {

std::span<const std::string_view> Migrations();

}  // namespace ganreg::store::internal
