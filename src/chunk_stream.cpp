#include "retain/chunk_stream.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "retain/hashing.h"

namespace retain {

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

chunk_stream::chunk_stream(const std::string& header_line,
                           std::optional<std::pair<chunk, std::uint64_t>> first,
                           chunk_source& source, bool hash_records)
    : source_(source), first_(std::move(first)), hash_records_(hash_records) {
  current_.assign(header_line.begin(), header_line.end());
  current_.push_back('\n');
  placed_.push_back({1, 0, 1, 1, {}, {0}});
}

int chunk_stream::read(char* buffer, int size) {
  int done = 0;
  while (done < size) {
    if (offset_ == current_.size() && !advance()) break;
    std::size_t n =
        std::min<std::size_t>(static_cast<std::size_t>(size - done), current_.size() - offset_);
    std::memcpy(buffer + done, current_.data() + offset_, n);
    offset_ += n;
    done += static_cast<int>(n);
  }
  return done;
}

const chunk_stream::placed& chunk_stream::holding(std::uint64_t stream_line) const {
  auto p = placed_.begin();
  while (std::next(p) != placed_.end() && stream_line >= p->first_stream_line + p->records) ++p;
  return *p;
}

chunk_stream::origin chunk_stream::locate(std::uint64_t stream_line) const {
  const placed& p = holding(stream_line);
  const std::uint64_t index = stream_line - p.first_stream_line;
  return {line_of_record(p.first_line, p.multiline, index), p.number, p.records};
}

std::uint64_t chunk_stream::record_hash(std::uint64_t stream_line) const {
  const placed& p = holding(stream_line);
  const std::uint64_t index = stream_line - p.first_stream_line;
  return index < p.hashes.size() ? p.hashes[index] : 0;
}

void chunk_stream::forget_before(std::uint64_t stream_line) {
  while (placed_.size() > 1 &&
         stream_line >= placed_.front().first_stream_line + placed_.front().records) {
    placed_.pop_front();
  }
}

bool chunk_stream::advance() {
  std::uint64_t number = 0;
  if (first_) {
    next_ = std::move(first_->first);
    number = first_->second;
    first_.reset();
  } else if (!source_.next(next_, number)) {
    return false;
  }
  std::vector<std::uint64_t> hashes;
  if (hash_records_) {
    // Each record ends in '\n'; a CR before it is not part of the row (CRLF and LF copies of
    // one file hash alike).
    hashes.reserve(next_.records);
    const char* at = next_.bytes.data();
    const char* end = at + next_.bytes.size();
    while (at < end) {
      const char* nl = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
      if (nl == nullptr) nl = end;
      const char* stop = nl > at && nl[-1] == '\r' ? nl - 1 : nl;
      hashes.push_back(hash_bytes(std::string_view(at, static_cast<std::size_t>(stop - at)),
                                  0x5245504541544544ull));  // "REPEATED"
      at = nl + 1;
    }
  }
  placed_.push_back({next_stream_line_, number, next_.first_line, next_.records, next_.multiline,
                     std::move(hashes)});
  next_stream_line_ += next_.records;
  current_.swap(next_.bytes);
  offset_ = 0;
  return true;
}

}  // namespace retain
