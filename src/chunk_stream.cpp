#include "retain/chunk_stream.h"

#include <algorithm>
#include <cstring>
#include <iterator>

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
                           chunk_source& source)
    : source_(source), first_(std::move(first)) {
  current_.assign(header_line.begin(), header_line.end());
  current_.push_back('\n');
  placed_.push_back({1, 0, 1, 1, {}});
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

chunk_stream::origin chunk_stream::locate(std::uint64_t stream_line) const {
  auto p = placed_.begin();
  while (std::next(p) != placed_.end() && stream_line >= p->first_stream_line + p->records) ++p;
  std::uint64_t index = stream_line - p->first_stream_line;
  if (p->multiline.empty()) return {p->first_line + index, p->number, p->records};
  chunk view;
  view.first_line = p->first_line;
  view.records = p->records;
  view.multiline = p->multiline;
  return {view.line_of(index), p->number, p->records};
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
  placed_.push_back({next_stream_line_, number, next_.first_line, next_.records, next_.multiline});
  next_stream_line_ += next_.records;
  current_.swap(next_.bytes);
  offset_ = 0;
  return true;
}

}  // namespace retain
