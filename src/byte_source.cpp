#include "retain/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "retain/error.h"

namespace retain {
namespace {

// A file or a pipe; reads until `size` bytes or the end.
class fd_source final : public byte_source {
 public:
  fd_source(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~fd_source() override {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t got = 0;
    while (got < size) {
      ssize_t n = ::read(fd_, buffer + got, size - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw error(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    return got;
  }

 private:
  int fd_;
  std::string name_;
};

class string_source final : public byte_source {
 public:
  explicit string_source(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, bytes_.size() - at_);
    std::memcpy(buffer, bytes_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t at_ = 0;
};

// Bytes already taken from a source (to look at its header), then the rest of it.
class prefixed_source final : public byte_source {
 public:
  prefixed_source(std::string prefix, std::unique_ptr<byte_source> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, prefix_.size() - at_);
    std::memcpy(buffer, prefix_.data() + at_, n);
    at_ += n;
    return n + (n < size ? rest_->read(buffer + n, size - n) : 0);
  }

 private:
  std::string prefix_;
  std::size_t at_ = 0;
  std::unique_ptr<byte_source> rest_;
};

constexpr std::size_t kCompressedBlock = std::size_t{1} << 18;

// Inflates gzip members one after another (zlib; windowBits 15 + 16 reads the gzip wrapper).
class gzip_source final : public byte_source {
 public:
  gzip_source(std::unique_ptr<byte_source> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(kCompressedBlock) {
    if (inflateInit2(&z_, 15 + 16) != Z_OK) throw error(fmt::format("cannot read {}: zlib", name_));
  }
  ~gzip_source() override { inflateEnd(&z_); }

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t got = 0;
    while (got < size && !done_) {
      if (z_.avail_in == 0) {
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(raw_->read(in_.data(), in_.size()));
        if (z_.avail_in == 0) {
          if (in_member_) {
            throw error(fmt::format("cannot read {}: the gzip data ends early (truncated?)", name_));
          }
          done_ = true;
          break;
        }
      }
      z_.next_out = reinterpret_cast<Bytef*>(buffer + got);
      z_.avail_out = static_cast<uInt>(std::min<std::size_t>(size - got, 1u << 30));
      const uInt before = z_.avail_out;
      in_member_ = true;
      const int status = inflate(&z_, Z_NO_FLUSH);
      got += before - z_.avail_out;
      if (status == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);  // another member may follow, as zcat reads them
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        throw error(fmt::format("cannot read {}: the gzip data is damaged ({})", name_,
                                z_.msg != nullptr ? z_.msg : "inflate failed"));
      }
    }
    return got;
  }

 private:
  std::unique_ptr<byte_source> raw_;
  std::string name_;
  std::vector<char> in_;
  z_stream z_{};
  bool in_member_ = false;
  bool done_ = false;
};

// Decompresses zstd frames one after another.
class zstd_source final : public byte_source {
 public:
  zstd_source(std::unique_ptr<byte_source> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(kCompressedBlock), z_(ZSTD_createDCtx()) {
    if (z_ == nullptr) throw error(fmt::format("cannot read {}: zstd", name_));
  }
  ~zstd_source() override { ZSTD_freeDCtx(z_); }

  std::size_t read(char* buffer, std::size_t size) override {
    ZSTD_outBuffer out{buffer, size, 0};
    while (out.pos < size && !done_) {
      if (input_.pos == input_.size) {
        input_ = {in_.data(), raw_->read(in_.data(), in_.size()), 0};
        if (input_.size == 0) {
          if (pending_ != 0) {
            throw error(fmt::format("cannot read {}: the zstd data ends early (truncated?)", name_));
          }
          done_ = true;
          break;
        }
      }
      pending_ = ZSTD_decompressStream(z_, &out, &input_);
      if (ZSTD_isError(pending_)) {
        throw error(fmt::format("cannot read {}: the zstd data is damaged ({})", name_,
                                ZSTD_getErrorName(pending_)));
      }
    }
    return out.pos;
  }

 private:
  std::unique_ptr<byte_source> raw_;
  std::string name_;
  std::vector<char> in_;
  ZSTD_DCtx* z_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  std::size_t pending_ = 0;  // 0 when the last frame read is complete
  bool done_ = false;
};

// Reads another source on a thread of its own, a few blocks ahead, so that decompressing
// overlaps parsing. Its error, if any, comes out of read() in the reader's thread.
class threaded_source final : public byte_source {
 public:
  explicit threaded_source(std::unique_ptr<byte_source> inner)
      : inner_(std::move(inner)), thread_([this] { produce(); }) {}
  ~threaded_source() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t got = 0;
    while (got < size) {
      if (at_ == current_.size()) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
        if (ready_.empty()) {
          if (failure_) std::rethrow_exception(failure_);
          break;
        }
        current_ = std::move(ready_.front());
        ready_.pop_front();
        at_ = 0;
        lock.unlock();
        changed_.notify_all();
      }
      const std::size_t n = std::min(size - got, current_.size() - at_);
      std::memcpy(buffer + got, current_.data() + at_, n);
      at_ += n;
      got += n;
    }
    return got;
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;
  static constexpr std::size_t kAhead = 8;

  void produce() {
    try {
      for (;;) {
        std::vector<char> block(kBlock);
        block.resize(inner_->read(block.data(), block.size()));
        std::unique_lock<std::mutex> lock(mutex_);
        if (block.empty()) break;
        changed_.wait(lock, [&] { return ready_.size() < kAhead || stopping_; });
        if (stopping_) return;
        ready_.push_back(std::move(block));
        lock.unlock();
        changed_.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      failure_ = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_ = true;
    }
    changed_.notify_all();
  }

  std::unique_ptr<byte_source> inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<char>> ready_;
  bool finished_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<char> current_;
  std::size_t at_ = 0;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

std::unique_ptr<byte_source> memory_source(std::string bytes) {
  return std::make_unique<string_source>(std::move(bytes));
}

std::unique_ptr<byte_source> decompressing(std::unique_ptr<byte_source> raw,
                                           const std::string& name, std::string& compression) {
  std::string head(4, '\0');
  head.resize(raw->read(head.data(), head.size()));
  auto bytes = [&](std::initializer_list<unsigned char> magic) {
    return head.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), head.begin(),
                      [](unsigned char m, char c) { return m == static_cast<unsigned char>(c); });
  };
  const bool gzip = bytes({0x1f, 0x8b}), zstd = bytes({0x28, 0xb5, 0x2f, 0xfd});
  auto whole = std::make_unique<prefixed_source>(std::move(head), std::move(raw));
  compression = gzip ? "gzip" : zstd ? "zstd" : "";
  if (gzip) return std::make_unique<threaded_source>(std::make_unique<gzip_source>(std::move(whole), name));
  if (zstd) return std::make_unique<threaded_source>(std::make_unique<zstd_source>(std::move(whole), name));
  return whole;
}

opened_input open_input(const std::string& path) {
  opened_input input;
  int fd = STDIN_FILENO;
  input.name = path == "-" ? "<stdin>" : path;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      if (fd > STDIN_FILENO) ::close(fd);
      throw error(fmt::format("cannot read {}: it is a directory", path));
    }
    if (S_ISREG(info.st_mode)) input.size = static_cast<std::uint64_t>(info.st_size);
#ifdef F_SETPIPE_SZ  // Linux only
    // A pipe's 64 KiB buffer makes the writer and retain take turns every 64 KiB; a bigger one
    // (up to the system's limit, 1 MiB by default) lets each run longer. A hint only.
    if (S_ISFIFO(info.st_mode)) ::fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#endif
  }
  input.source = decompressing(std::make_unique<fd_source>(fd, input.name), input.name,
                               input.compression);
  if (!input.compression.empty()) input.size = 0;
  return input;
}

}  // namespace retain
