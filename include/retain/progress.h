// A one-line progress bar on stderr for long reads: bytes read, rows per second and, when the
// size is known, the share done and the time left. The CLI turns it on only when stderr is a
// terminal, without --quiet and outside CI; it then appears once the input passes 100 MB.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace retain {

/// "retain: 210 MB of 528 MB (40%), 3.8M rows/s, 0:06 left" (no share or time left without a
/// total).
std::string progress_line(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows,
                          double seconds);

class progress_meter {
 public:
  /// Inputs smaller than this never show a bar.
  static constexpr std::uint64_t kThreshold = 100'000'000;

  /// `total_bytes` may be 0 (unknown, such as standard input). Disabled meters do nothing.
  progress_meter(bool enabled, std::uint64_t total_bytes);
  ~progress_meter();
  progress_meter(const progress_meter&) = delete;
  progress_meter& operator=(const progress_meter&) = delete;

  /// Counts a chunk handed to a parser; redraws at most four times a second. Thread-safe.
  void advance(std::uint64_t bytes, std::uint64_t rows);

 private:
  bool enabled_;
  std::uint64_t total_bytes_;
  std::uint64_t bytes_ = 0;
  std::uint64_t rows_ = 0;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace retain
