#include "retain/interner.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "retain/hashing.h"

namespace retain {
namespace {
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
constexpr std::uint64_t kSeed = 0x243F6A8885A308D3ull;
constexpr std::size_t kFirstSlots = 1024;
}  // namespace

interner::text_ref interner::text_ref::inside(std::string_view text) {
  text_ref ref;
  std::memcpy(ref.words, text.data(), text.size());
  ref.words[1] |= std::uint64_t{text.size()} << 56;
  return ref;
}

interner::text_ref interner::text_ref::outside(const char* data, std::size_t length) {
  text_ref ref;
  ref.words[0] = reinterpret_cast<std::uintptr_t>(data);
  ref.words[1] = (std::uint64_t{kOutside} << 56) | length;
  return ref;
}

std::string_view interner::text_ref::view() const {
  if (tag() != kOutside) return {reinterpret_cast<const char*>(words), tag()};
  return {reinterpret_cast<const char*>(static_cast<std::uintptr_t>(words[0])),
          static_cast<std::size_t>(words[1] & 0xFFFFFFFFFFFFFFull)};
}

// Numbers stay below 0.7 of the slots (make_room() sees to it), so the texts need no more room.
std::size_t interner::text_capacity(std::size_t slots) const {
  return slots * 7 / 10 + writers_.size() * id_block_ + 1;
}

interner::interner(std::size_t writers)
    : slots_(kFirstSlots),
      writers_(std::max<std::size_t>(1, writers)),
      id_block_(writers_.size() > 1 ? 1024 : 1) {
  add_text_pages(text_capacity(kFirstSlots));
}

void interner::add_text_pages(std::size_t texts) {
  while (text_pages_.size() << kPageShift < texts) {
    text_pages_.emplace_back(std::size_t{1} << kPageShift);
  }
}

void interner::finish() { slots_ = {}; }

const char* interner::store(std::string_view text, block_list& blocks) {
  if (text.size() > blocks.left) {
    std::size_t size = std::max(kBlockBytes, text.size());
    blocks.blocks.push_back(std::make_unique<char[]>(size));
    blocks.next = blocks.blocks.back().get();
    blocks.left = size;
  }
  char* stored = blocks.next;
  std::memcpy(stored, text.data(), text.size());
  blocks.next += text.size();
  blocks.left -= text.size();
  return stored;
}

// Keeps the load under 0.7 even if every promised string is new. Called with growth_ held
// exclusively.
void interner::grow(std::size_t needed) {
  std::size_t slots = slots_.size();
  while (needed * 10 > slots * 7) slots *= 2;
  if (slots == slots_.size()) return;
  if (slots > (std::size_t{1} << 32)) throw std::length_error("over 3 billion distinct strings");
  big_array<std::atomic<std::uint64_t>> grown(slots);
  const std::size_t mask = slots - 1;
  // The slots keep the bits that place them: no text is read, and both tables are walked in order.
  for (const auto& slot : slots_) {
    std::uint64_t word = slot.load(std::memory_order_relaxed);
    if (word == 0) continue;
    std::size_t i = home(word >> 32, slots);
    while (grown[i].load(std::memory_order_relaxed) != 0) i = (i + 1) & mask;
    grown[i].store(word, std::memory_order_relaxed);
  }
  slots_ = std::move(grown);
  add_text_pages(text_capacity(slots));
}

void interner::make_room(std::size_t strings, std::size_t writer) {
  for (;;) {
    growth_.lock_shared();
    std::size_t promised = promised_.fetch_add(strings) + strings;
    if ((size() + promised) * 10 <= slots_.size() * 7) {
      writers_[writer].promised = strings;
      return;  // holding the shared lock
    }
    promised_.fetch_sub(strings);
    growth_.unlock_shared();
    std::unique_lock<std::shared_mutex> exclusive(growth_);
    grow(size() + promised_.load() + strings);
  }
}

void interner::done(std::size_t writer) {
  // What was used is in size() now; the promise is taken back.
  promised_.fetch_sub(writers_[writer].promised);
  writers_[writer].promised = 0;
  growth_.unlock_shared();
}

std::uint64_t interner::hash(std::string_view text) { return hash_bytes(text, kSeed); }

void interner::prefetch_slot(std::uint64_t text_hash) const {
  __builtin_prefetch(&slots_[home(text_hash >> 32, slots_.size())]);
}

void interner::prefetch_text(std::uint64_t text_hash) const {
  std::uint64_t word = slots_[home(text_hash >> 32, slots_.size())].load(std::memory_order_relaxed);
  if (word != 0 && (word >> 32) == (text_hash >> 32)) {
    __builtin_prefetch(&text_at(static_cast<std::uint32_t>(word & 0xFFFFFFFF) - 1));
  }
}

std::uint32_t interner::intern_hashed(std::string_view text, std::uint64_t text_hash,
                                      std::size_t writer) {
  const std::uint64_t tag = text_hash >> 32;
  const std::size_t mask = slots_.size() - 1;
  const bool short_text = text.size() < 16;
  const text_ref probe = short_text ? text_ref::inside(text) : text_ref();
  auto equal = [&](const text_ref& t) {
    if (short_text) return t.words[0] == probe.words[0] && t.words[1] == probe.words[1];
    return t.tag() == text_ref::kOutside && t.view() == text;
  };
  std::uint32_t mine = 0xFFFFFFFF;  // a number taken for this string, if it comes to that
  for (std::size_t i = home(tag, slots_.size());; i = (i + 1) & mask) {
    std::uint64_t word = slots_[i].load(std::memory_order_acquire);
    if (word == 0) {
      if (mine == 0xFFFFFFFF) {
        block_list& mine_from = writers_[writer];
        if (mine_from.next_id == mine_from.end_id) {
          mine_from.next_id = next_id_.fetch_add(id_block_, std::memory_order_relaxed);
          mine_from.end_id = mine_from.next_id + id_block_;
        }
        mine = mine_from.next_id++;
        text_at(mine) = short_text ? probe
                                  : text_ref::outside(store(text, writers_[writer]), text.size());
      }
      if (slots_[i].compare_exchange_strong(word, (tag << 32) | (mine + 1),
                                            std::memory_order_acq_rel)) {
        return mine;
      }
      // Another writer took this slot first: `word` is now theirs; look at it.
    }
    if ((word >> 32) == tag) {
      std::uint32_t id = static_cast<std::uint32_t>(word & 0xFFFFFFFF) - 1;
      if (equal(text_at(id))) {
        if (mine != 0xFFFFFFFF) text_at(mine) = text_ref();  // a gap
        return id;
      }
    }
  }
}

}  // namespace retain
