#include "retain/input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "retain/big_memory.h"
#include "retain/error.h"

namespace retain {

std::uint64_t line_of_record(std::uint64_t first_line,
                             const std::vector<std::pair<std::uint64_t, std::uint64_t>>& multiline,
                             std::uint64_t index) {
  // Extra lines of the multi-line records before `index`.
  auto it = std::lower_bound(multiline.begin(), multiline.end(), index,
                             [](const auto& entry, std::uint64_t i) { return entry.first < i; });
  std::uint64_t extra = it == multiline.begin() ? 0 : std::prev(it)->second;
  return first_line + index + extra;
}

std::uint64_t chunk::line_of(std::uint64_t index) const {
  return line_of_record(first_line, multiline, index);
}

std::uint64_t chunk::end_line() const {
  return first_line + records + (multiline.empty() ? 0 : multiline.back().second);
}

chunk_reader::chunk_reader(opened_input input, std::size_t chunk_bytes, char delimiter)
    : path_(std::move(input.name)),
      source_(std::move(input.source)),
      compression_(std::move(input.compression)),
      chunk_bytes_(chunk_bytes),
      delimiter_(delimiter),
      size_(input.size) {}

chunk_reader::chunk_reader(const std::string& path, std::size_t chunk_bytes, char delimiter)
    : chunk_reader(open_input(path), chunk_bytes, delimiter) {}

std::string chunk_reader::too_long() {
  return fmt::format("a record is longer than {} MiB (is a quote left open?)",
                     kMaxRecordBytes >> 20);
}

void chunk_reader::fail(std::uint64_t line, const std::string& reason) const {
  throw error(fmt::format("{}:{}: {}", path_, line, reason));
}

// Reads up to one chunk of bytes more into pending_; false at the end of the input.
bool chunk_reader::fill() {
  std::size_t old_size = pending_.size();
  // The buffers go round between this reader and the parsing threads; sized generously once,
  // they are not reallocated (and their pages not faulted in again) chunk after chunk.
  reserve_huge(pending_, std::max(old_size + chunk_bytes_, 2 * chunk_bytes_));
  // A read that ends a few bytes into a huge page faults in all of it (2 MiB per buffer): it
  // ends where the page begins instead, when that still reads more than half a chunk.
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  std::size_t want = chunk_bytes_;
  const auto at = reinterpret_cast<std::uintptr_t>(pending_.data() + old_size);
  const std::uintptr_t page_start = (at + want) & ~(kHugePage - 1);
  if (page_start > at + want / 2) want = page_start - at;
  pending_.resize(old_size + want);
  const std::size_t got = source_->read(pending_.data() + old_size, want);
  if (got < want) eof_ = true;
  pending_.resize(old_size + got);
  if (!started_) check_first_block();
  const char* fresh = pending_.data() + old_size;
  if (const auto* nul = static_cast<const char*>(std::memchr(fresh, '\0', pending_.size() - old_size))) {
    std::uint64_t line = next_line_ + records_ + total_extra_ + open_extra_ +
                         std::count(static_cast<const char*>(pending_.data() + boundary_), nul, '\n');
    fail(line, "has a NUL byte (is this a text CSV file?)");
  }
  return got > 0;
}

void chunk_reader::check_first_block() {
  started_ = true;
  const auto* bytes = reinterpret_cast<const unsigned char*>(pending_.data());
  std::size_t n = pending_.size();
  if (n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
    throw error(fmt::format("cannot read {}: it is UTF-16 text; save it as UTF-8", path_));
  }
  if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
    pending_.erase(pending_.begin(), pending_.begin() + 3);
    n -= 3;
  }
  if (std::memchr(pending_.data(), '\n', n) == nullptr &&
      std::memchr(pending_.data(), '\r', n) != nullptr) {
    throw error(fmt::format(
        "cannot read {}: its lines end in CR only (old Mac style); convert them with tr '\\r' "
        "'\\n'",
        path_));
  }
  if (delimiter_ == 0) sniff_delimiter();
}

// The header's separator: of , ; tab and |, the one it has most of outside quotes. A header of
// one column has none: then ',' (nothing to tell apart). Two with the same count: an error.
void chunk_reader::sniff_delimiter() {
  static constexpr char kCandidates[] = {',', ';', '\t', '|'};
  std::size_t counts[4] = {};
  bool quoted = false;
  for (char c : pending_) {
    if (c == '\n' && !quoted) break;
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (int i = 0; i < 4; ++i) counts[i] += c == kCandidates[i];
  }
  int best = 0;
  for (int i = 1; i < 4; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  for (int i = 0; i < 4; ++i) {
    if (i != best && counts[i] == counts[best] && counts[best] > 0) {
      auto name = [](char c) { return c == '\t' ? std::string("tab") : std::string(1, c); };
      throw error(fmt::format("{}:1: the header has as many \"{}\" as \"{}\"; set --delimiter",
                              path_, name(kCandidates[best]), name(kCandidates[i])));
    }
  }
  delimiter_ = kCandidates[best];
}

// True when the quote at data[quote] opens a quoted field: it stands at the start of a field,
// blanks aside. Anywhere else a quote is a plain character (ab"c), as the parser reads it too.
bool chunk_reader::opens_field(const char* data, std::size_t quote) const {
  std::size_t k = quote;
  while (k > 0 && (data[k - 1] == ' ' || (data[k - 1] == '\t' && delimiter_ != '\t'))) --k;
  return k == 0 || data[k - 1] == delimiter_ || data[k - 1] == '\n';
}

// Scans pending_[scanned_, end): counts whole records outside quotes and replaces newlines inside
// quotes with kQuotedNewline. pending_ starts at a record start.
void chunk_reader::scan() {
  char* data = pending_.data();
  const std::size_t end = pending_.size();
  std::size_t pos = scanned_;
  while (pos < end) {
    const char* quote = static_cast<const char*>(std::memchr(data + pos, '"', end - pos));
    std::size_t stop = quote == nullptr ? end : static_cast<std::size_t>(quote - data);
    if (!in_quote_) {
      while (pos < stop) {
        const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', stop - pos));
        if (nl == nullptr) break;
        if (static_cast<std::size_t>(nl - data) + 1 - boundary_ > kMaxRecordBytes) {
          fail(next_line_ + records_ + total_extra_, too_long());
        }
        if (open_extra_ > 0) {
          total_extra_ += open_extra_;
          multiline_.emplace_back(records_, total_extra_);
          open_extra_ = 0;
        }
        ++records_;
        boundary_ = static_cast<std::size_t>(nl - data) + 1;
        pos = boundary_;
      }
      pos = stop + 1;
      if (quote != nullptr && opens_field(data, stop)) in_quote_ = true;
    } else {
      for (std::size_t i = pos; i < stop; ++i) {
        if (data[i] == '\n') {
          data[i] = kQuotedNewline;
          ++open_extra_;
        }
      }
      if (quote == nullptr) {
        pos = end;
      } else if (stop + 1 == end && !eof_) {
        pos = stop;  // "" or the closing quote? The next byte tells.
        break;
      } else if (stop + 1 < end && data[stop + 1] == '"') {
        pos = stop + 2;  // a doubled quote inside quotes
      } else {
        in_quote_ = false;
        pos = stop + 1;
      }
    }
  }
  scanned_ = std::min(pos, end);
}

bool chunk_reader::next(chunk& out) {
  while (!eof_ && boundary_ == 0) {  // one read, more while no record is whole
    if (pending_.size() - boundary_ > kMaxRecordBytes) {
      fail(next_line_ + records_ + total_extra_, too_long());
    }
    if (!fill()) break;
    scan();
  }
  if (eof_) scan();  // a quote at the very end waited for a byte that never came
  if (eof_ && boundary_ < pending_.size()) {
    if (in_quote_) {
      fail(next_line_ + records_ + total_extra_,
           "a quoted field is not closed before the end of the file");
    }
    pending_.push_back('\n');  // the last line has no newline of its own
    scan();
  }
  if (boundary_ == 0) return false;

  out.first_line = next_line_;
  out.records = records_;
  out.multiline.swap(multiline_);
  multiline_.clear();
  // Hand out the whole records and keep only the partial one that follows them.
  out.bytes.swap(pending_);
  pending_.assign(out.bytes.begin() + static_cast<std::ptrdiff_t>(boundary_), out.bytes.end());
  out.bytes.resize(boundary_);
  next_line_ = out.end_line();
  // What scan() had not reached stays unscanned: it may have stopped before a quote at the end of
  // the bytes read (is it "" or a closing quote?), which the next scan must see.
  scanned_ -= boundary_;
  boundary_ = 0;
  records_ = 0;
  total_extra_ = 0;
  return true;
}

bool chunk_source::next(chunk& out, std::uint64_t& number) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failed_ || !reader_.next(out)) return false;
  number = next_number_++;
  progress_.advance(out.bytes.size(), out.records);
  return true;
}

void chunk_source::fail() {
  std::lock_guard<std::mutex> lock(mutex_);
  failed_ = true;
}

}  // namespace retain
