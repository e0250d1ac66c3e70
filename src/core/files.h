// Small file-system helpers that return Status instead of throwing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg {

// Reads a whole (small) file. kNotFound if missing, kUnavailable on I/O errors.
Result<std::string> ReadFileToString(const std::filesystem::path& path);

// Writes `data` to `path` atomically: a temp file beside it, fsync, rename, fsync of the folder.
// `mode` is applied to the file before the rename (0600 for secrets).
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data,
                           unsigned mode = 0600);

// Creates `path` exclusively (fails with kAlreadyExists if it exists), mode 0600, fsynced.
Status WriteNewFile(const std::filesystem::path& path, std::string_view data);

// Reads the first line of a password file, without the line ending.
Result<std::string> ReadPasswordFile(const std::filesystem::path& path);

// fsyncs a directory so that a rename inside it is durable.
Status SyncDirectory(const std::filesystem::path& dir);

}  // namespace ganreg
