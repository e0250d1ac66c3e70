// File helpers: atomic writes, exclusive creation, password files.
#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace ganreg {
namespace {
Status ErrnoStatus(const std::filesystem::path& path, std::string_view what) {
  int e = errno;
  std::string m = fmt::format("{}: {}: {}", path.string(), what, std::strerror(e));
  if (e == ENOENT) return Status::NotFound(std::move(m));
  if (e == EEXIST) return Status::AlreadyExists(std::move(m));
  if (e == EACCES || e == EPERM) return Status::PermissionDenied(std::move(m));
  return Status::Unavailable(std::move(m));
}

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, "write");
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return ErrnoStatus(path, "fsync");
  return Status::Ok();
}
}  // namespace

Result<std::string> ReadFileToString(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open");
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = ErrnoStatus(path, "read");
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(dir, "cannot open folder");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoStatus(dir, "fsync");
  return Status::Ok();
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data,
                           unsigned mode) {
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp{}", ::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ErrnoStatus(tmp, "cannot create");
  Status s = WriteAll(fd, data, tmp);
  ::close(fd);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status r = ErrnoStatus(path, "rename");
    ::unlink(tmp.c_str());
    return r;
  }
  std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  return SyncDirectory(dir);
}

Status WriteNewFile(const std::filesystem::path& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus(path, "cannot create");
  Status s = WriteAll(fd, data, path);
  ::close(fd);
  return s;
}

Result<std::string> ReadPasswordFile(const std::filesystem::path& path) {
  auto content = ReadFileToString(path);
  if (!content.ok()) return content.status().WithContext("password file");
  std::string s = std::move(content).value();
  size_t end = s.find_first_of("\r\n");
  if (end != std::string::npos) s.resize(end);
  if (s.empty()) return Status::InvalidArgument(fmt::format("{}: password file is empty", path.string()));
  return s;
}

}  // namespace ganreg
