#include "retain/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "retain/error.h"

namespace retain {
namespace {

// Writes everything; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

void write_file(std::string_view text, const std::string& path) {
  std::string temp = path + ".XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    throw error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  int code = write_all(fd, text);
  mode_t mask = ::umask(0);  // mkstemp makes the file 0600; give it the usual mode instead
  ::umask(mask);
  if (code == 0 && ::fchmod(fd, 0666 & ~mask) != 0) code = errno;
  if (code == 0 && ::fsync(fd) != 0) code = errno;
  if (::close(fd) != 0 && code == 0) code = errno;
  if (code == 0 && std::rename(temp.c_str(), path.c_str()) != 0) code = errno;
  if (code != 0) {
    ::unlink(temp.c_str());
    throw error(fmt::format("cannot write {}: {}", path, std::strerror(code)));
  }
}

}  // namespace

void write_output(std::string_view text, const std::string& path) {
  if (!path.empty() && path != "-") return write_file(text, path);
  int code = write_all(STDOUT_FILENO, text);
  if (code == EPIPE) return;  // the reader has all it wanted
  if (code != 0) {
    throw error(fmt::format("cannot write to standard output: {}", std::strerror(code)));
  }
}

}  // namespace retain
