// POSIX file helpers for packages.
#include "transfer/internal/file_io.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/files.h"
#include "crypto/crypto.h"

namespace ganreg::transfer::internal {
namespace {
Status Errno(std::string_view name, std::string_view what) {
  const int e = errno;
  std::string m = fmt::format("{}: {}: {}", name, what, std::strerror(e));
  if (e == ENOENT) return Status::NotFound(std::move(m));
  if (e == EEXIST) return Status::AlreadyExists(std::move(m));
  return Status::Unavailable(std::move(m));
}
}  // namespace

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

Result<Fd> OpenForReading(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno(path.string(), "cannot open");
  return Fd(fd);
}

Result<uint64_t> FileSize(int fd, const std::filesystem::path& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return Errno(path.string(), "cannot stat");
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path.string() + ": not a regular file");
  return static_cast<uint64_t>(st.st_size);
}

Status PreadExact(int fd, uint64_t offset, char* out, size_t n, std::string_view name) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd, out + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Errno(name, "read");
    }
    if (got == 0) return Status::DataLoss(fmt::format("{}: file ends early", name));
    done += static_cast<size_t>(got);
  }
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view data, std::string_view name) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno(name, "write");
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status PwriteAll(int fd, uint64_t offset, std::string_view data, std::string_view name) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno(name, "write");
    }
    data.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Result<TempFile> TempFile::Create(const std::filesystem::path& dest, unsigned mode) {
  TempFile t;
  t.dest_ = dest;
  t.tmp_ = dest;
  // A random suffix: a temp file left by a crash never blocks the next attempt.
  t.tmp_ += ".tmp-" + crypto::ToHex(crypto::RandomBytes(6));
  t.tmp_name_ = t.tmp_.string();
  std::error_code ec;
  if (std::filesystem::exists(dest, ec)) {
    return Status::AlreadyExists(fmt::format("{}: already exists", dest.string()));
  }
  const int fd = ::open(t.tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Errno(t.tmp_name_, "cannot create");
  t.fd_ = Fd(fd);
  return t;
}

TempFile::TempFile(TempFile&& o) noexcept
    : dest_(std::move(o.dest_)),
      tmp_(std::move(o.tmp_)),
      tmp_name_(std::move(o.tmp_name_)),
      fd_(std::move(o.fd_)),
      done_(o.done_) {
  o.done_ = true;  // the moved-from object must not delete the file
}

TempFile::~TempFile() {
  if (!done_) {
    fd_ = Fd();
    ::unlink(tmp_.c_str());
  }
}

Status TempFile::Commit() {
  GANREG_CHECK(!done_);
  if (::fsync(fd_.get()) != 0) return Errno(tmp_name_, "fsync");
  fd_ = Fd();
  // No-clobber move: a package never replaces an existing file under the same name.
  if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, dest_.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) {
      return Status::AlreadyExists(fmt::format("{}: already exists", dest_.string()));
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
      return Errno(dest_.string(), "rename");
    }
    // A file system without RENAME_NOREPLACE (some FUSE mounts): check, then rename.
    std::error_code ec;
    if (std::filesystem::exists(dest_, ec)) {
      return Status::AlreadyExists(fmt::format("{}: already exists", dest_.string()));
    }
    if (::rename(tmp_.c_str(), dest_.c_str()) != 0) return Errno(dest_.string(), "rename");
  }
  done_ = true;
  return SyncDirectory(dest_.has_parent_path() ? dest_.parent_path() : ".");
}

Status CopyRange(int in, uint64_t in_offset, uint64_t n, int out, std::string_view name) {
  auto off = static_cast<off_t>(in_offset);
  while (n > 0) {
    const ssize_t got = ::copy_file_range(in, &off, out, nullptr, n, 0);
    if (got > 0) {
      n -= static_cast<uint64_t>(got);
      continue;
    }
    if (got == 0) return Status::DataLoss(fmt::format("{}: file ends early", name));
    if (errno == EINTR) continue;
    if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
      return Errno(name, "copy");
    }
    break;  // not supported here: copy through a buffer
  }
  std::vector<char> buf(1 << 20);
  while (n > 0) {
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n, buf.size()));
    GANREG_RETURN_IF_ERROR(PreadExact(in, static_cast<uint64_t>(off), buf.data(), take, name));
    GANREG_RETURN_IF_ERROR(WriteAll(out, std::string_view(buf.data(), take), name));
    off += static_cast<off_t>(take);
    n -= take;
  }
  return Status::Ok();
}

}  // namespace ganreg::transfer::internal
