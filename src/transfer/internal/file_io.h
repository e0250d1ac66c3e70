// POSIX file helpers for packages: an owned descriptor, exact positioned reads, and a temporary
// file beside the destination that appears under its final name only when complete (and never
// over an existing file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ganreg::transfer::internal {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

// Opens `path` for reading. kNotFound if missing, kUnavailable otherwise.
Result<Fd> OpenForReading(const std::filesystem::path& path);
Result<uint64_t> FileSize(int fd, const std::filesystem::path& path);
// Reads exactly out->size() bytes at `offset`. kDataLoss if the file ends first.
Status PreadExact(int fd, uint64_t offset, char* out, size_t n, std::string_view name);
Status WriteAll(int fd, std::string_view data, std::string_view name);
Status PwriteAll(int fd, uint64_t offset, std::string_view data, std::string_view name);

// A file being written beside `dest`; Commit() fsyncs it and moves it to `dest` unless `dest`
// exists (kAlreadyExists). Dropped without Commit(), it is deleted.
class TempFile {
 public:
  static Result<TempFile> Create(const std::filesystem::path& dest, unsigned mode);
  ~TempFile();
  TempFile(TempFile&& o) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_.get(); }
  const std::string& name() const { return tmp_name_; }
  Status Commit();

 private:
  TempFile() = default;
  std::filesystem::path dest_, tmp_;
  std::string tmp_name_;
  Fd fd_;
  bool done_ = false;
};

// Copies `n` bytes from `in` at `in_offset` to the current position of `out` (copy_file_range
// where the file system allows, so a large payload need not pass through user space).
Status CopyRange(int in, uint64_t in_offset, uint64_t n, int out, std::string_view name);

}  // namespace ganreg::transfer::internal
