#include "retain/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "retain/error.h"

namespace retain {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;

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

}  // namespace

report_output::report_output(const std::string& path) {
  buffer_.reserve(kBufferBytes);
  if (path.empty() || path == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  // A symlink is followed: the report replaces the file it points to, and keeps that file's
  // mode; a new file gets the usual mode.
  path_ = path;
  if (char* resolved = ::realpath(path.c_str(), nullptr)) {
    path_ = resolved;
    std::free(resolved);
  }
  struct stat existing {};
  if (::stat(path_.c_str(), &existing) == 0) {
    mode_ = existing.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode_ = 0666 & ~mask;
  }
  std::string temp = path_ + ".XXXXXX";
  fd_ = ::mkstemp(temp.data());
  if (fd_ < 0) throw error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  temp_ = std::move(temp);
}

report_output::~report_output() {
  if (temp_.empty()) return;  // standard output, or a file committed or failed
  if (fd_ >= 0) ::close(fd_);
  ::unlink(temp_.c_str());
}

void report_output::fail(int code) {
  if (path_.empty()) {
    throw error(fmt::format("cannot write to standard output: {}", std::strerror(code)));
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temp_.c_str());
  temp_.clear();
  throw error(fmt::format("cannot write {}: {}", path_, std::strerror(code)));
}

void report_output::put(std::string_view text) {
  const int code = write_all(fd_, text);
  if (code == EPIPE && path_.empty()) {
    closed_ = true;  // the reader has all it wanted
  } else if (code != 0) {
    fail(code);
  }
}

void report_output::write(std::string_view text) {
  if (buffer_.size() + text.size() > kBufferBytes) {
    if (!closed_) put(buffer_);
    buffer_.clear();
  }
  if (closed_) return;
  if (text.size() >= kBufferBytes) {
    put(text);  // a whole report at once: no copy
  } else {
    buffer_ += text;
  }
}

void report_output::commit() {
  if (!closed_ && !buffer_.empty()) put(buffer_);
  buffer_.clear();
  if (temp_.empty()) return;  // standard output
  int code = 0;  // mkstemp makes the file 0600: it gets the mode chosen on construction
  if (::fchmod(fd_, mode_) != 0) code = errno;
  if (code == 0 && ::fsync(fd_) != 0) code = errno;
  if (::close(fd_) != 0 && code == 0) code = errno;
  fd_ = -1;
  if (code == 0 && std::rename(temp_.c_str(), path_.c_str()) != 0) code = errno;
  if (code != 0) fail(code);
  temp_.clear();
}

void write_output(std::string_view text, const std::string& path) {
  report_output out(path);
  out.write(text);
  out.commit();
}

}  // namespace retain
