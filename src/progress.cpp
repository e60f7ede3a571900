#include "retain/progress.h"

#include <fmt/format.h>

#include <cstdio>

namespace retain {
namespace {

std::string megabytes(std::uint64_t bytes) { return fmt::format("{} MB", bytes / 1'000'000); }

std::string rate(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.1f}M", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.0f}k", per_second / 1e3);
  return fmt::format("{:.0f}", per_second);
}

}  // namespace

std::string progress_line(std::uint64_t bytes, std::uint64_t total_bytes, std::uint64_t rows,
                          double seconds) {
  std::string line = "retain: " + megabytes(bytes);
  if (total_bytes > 0) {
    line += fmt::format(" of {} ({}%)", megabytes(total_bytes),
                        std::min<std::uint64_t>(100, bytes * 100 / total_bytes));
  }
  if (seconds > 0) line += fmt::format(", {} rows/s", rate(static_cast<double>(rows) / seconds));
  if (total_bytes > bytes && bytes > 0 && seconds > 0) {
    auto left = static_cast<std::uint64_t>(seconds * static_cast<double>(total_bytes - bytes) /
                                           static_cast<double>(bytes));
    line += fmt::format(", {}:{:02} left", left / 60, left % 60);
  }
  return line;
}

progress_meter::progress_meter(bool enabled, std::uint64_t total_bytes)
    : enabled_(enabled && (total_bytes == 0 || total_bytes >= kThreshold)),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

progress_meter::~progress_meter() {
  if (shown_) std::fputs("\r\033[K", stderr);  // leave the line clean for the summary
}

void progress_meter::advance(std::uint64_t bytes, std::uint64_t rows) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  bytes_ += bytes;
  rows_ += rows;
  auto now = std::chrono::steady_clock::now();
  if (bytes_ < kThreshold || now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[K%s", progress_line(bytes_, total_bytes_, rows_, seconds).c_str());
  shown_ = true;
}

}  // namespace retain
