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
constexpr std::uint64_t kSecondSeed = 0x452821E638D01377ull;
constexpr std::size_t kFirstSlots = 1024;
}  // namespace

// A short string's bytes fill the low bytes of its key's body and of its text_ref, its length
// the top byte.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the interner packs short strings for a little-endian machine");

bool interner::text_ref::fits(std::string_view text) {
  if (text.size() < 8) return true;
  const auto last = static_cast<unsigned char>(text[7]);
  return text.size() == 8 && last != 0 && last < kShort;
}

interner::text_ref interner::text_ref::inside(std::string_view text) {
  text_ref ref{};
  std::memcpy(&ref.word, text.data(), text.size());
  if (text.size() < 8) ref.word |= std::uint64_t{kShort | text.size()} << 56;
  return ref;
}

interner::text_ref interner::text_ref::outside(const char* stored) {
  const auto address = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(stored));
  if ((address >> 56) != 0)
    throw std::length_error("a pointer above 2^56 (the interner packs pointers)");
  return {address};
}

std::string_view interner::text_ref::view() const {
  const auto top = static_cast<std::uint8_t>(word >> 56);
  if (top >= kShort) return {reinterpret_cast<const char*>(&word), std::size_t{top & 7u}};
  if (top != 0) return {reinterpret_cast<const char*>(&word), 8};
  if (word == 0) return {};
  const char* stored = reinterpret_cast<const char*>(static_cast<std::uintptr_t>(word));
  std::uint32_t length = 0;
  std::memcpy(&length, stored, sizeof length);
  return {stored + sizeof length, length};
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
  const auto length = static_cast<std::uint32_t>(text.size());  // records are at most 16 MiB
  const std::size_t bytes = sizeof length + text.size();
  if (bytes > blocks.left) {
    std::size_t size = std::max(kBlockBytes, bytes);
    blocks.blocks.push_back(std::make_unique<char[]>(size));
    blocks.next = blocks.blocks.back().get();
    blocks.left = size;
  }
  char* stored = blocks.next;
  std::memcpy(stored, &length, sizeof length);
  std::memcpy(stored + sizeof length, text.data(), text.size());
  blocks.next += bytes;
  blocks.left -= bytes;
  return stored;
}

// Keeps the load under 0.7 even if every promised string is new. Called with growth_ held
// exclusively.
void interner::grow(std::size_t needed) {
  std::size_t slots = slots_.size();
  while (needed * 10 > slots * 7) slots *= 2;
  if (slots == slots_.size()) return;
  if (slots > (std::size_t{1} << 32)) throw std::length_error("over 3 billion distinct strings");
  big_array<slot> grown(slots);
  const std::size_t mask = slots - 1;
  // The slots keep the bits that place them: no text is read, and both tables are walked in order.
  for (const slot& old : slots_) {
    std::uint64_t head = old.head.load(std::memory_order_relaxed);
    if (head == 0) continue;
    std::size_t i = home(head >> 32, slots);
    while (grown[i].head.load(std::memory_order_relaxed) != 0) i = (i + 1) & mask;
    grown[i].head.store(head, std::memory_order_relaxed);
    grown[i].body.store(old.body.load(std::memory_order_relaxed), std::memory_order_relaxed);
  }
  slots_ = std::move(grown);
  add_text_pages(text_capacity(slots));
}

interner::lease interner::make_room(std::size_t strings, std::size_t writer) {
  for (;;) {
    growth_.lock_shared();
    std::size_t promised = promised_.fetch_add(strings) + strings;
    if ((size() + promised) * 10 <= slots_.size() * 7) {
      writers_[writer].promised = strings;
      return lease(*this, writer);  // holding the shared lock until the lease ends
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

interner::key interner::key_of(std::string_view text, std::uint64_t text_hash) {
  const std::uint64_t tag = (text_hash >> 32) & ~std::uint64_t{3};
  std::uint64_t body = 0;
  if (text.size() < 8) {
    std::memcpy(&body, text.data(), text.size());
    return {tag, body | (std::uint64_t{text.size()} << 56)};
  }
  if (text.size() == 8) {
    std::memcpy(&body, text.data(), 8);
    return {tag | 1, body};
  }
  return {tag | 2, hash_bytes(text, kSecondSeed)};
}

std::uint32_t interner::take_number(std::size_t writer) {
  block_list& mine = writers_[writer];
  if (mine.next_id == mine.end_id) {
    mine.next_id = next_id_.fetch_add(id_block_, std::memory_order_relaxed);
    mine.end_id = mine.next_id + id_block_;
  }
  return mine.next_id++;
}

std::uint32_t interner::intern_hashed(std::string_view text, std::uint64_t text_hash,
                                      std::size_t writer) {
  const key k = key_of(text, text_hash);
  const std::size_t mask = slots_.size() - 1;
  const char* stored = nullptr;  // a long text's copy, made before a slot is claimed
  for (std::size_t i = home(k.tag, slots_.size());; i = (i + 1) & mask) {
    slot& s = slots_[i];
    std::uint64_t head = s.head.load(std::memory_order_acquire);
    if (head == 0) {
      if (stored == nullptr && !text_ref::fits(text)) stored = store(text, writers_[writer]);
      if (s.head.compare_exchange_strong(head, (k.tag << 32) | kFilling,
                                         std::memory_order_acq_rel)) {
        const std::uint32_t id = take_number(writer);
        text_at(id) = stored == nullptr ? text_ref::inside(text) : text_ref::outside(stored);
        s.body.store(k.body, std::memory_order_relaxed);
        s.head.store((k.tag << 32) | (std::uint64_t{id} + 1), std::memory_order_release);
        return id;
      }
      // Another writer took this slot first: `head` is now theirs; look at it.
    }
    if ((head >> 32) != k.tag) continue;
    while ((head & 0xFFFFFFFF) == kFilling) head = s.head.load(std::memory_order_acquire);
    if (s.body.load(std::memory_order_relaxed) == k.body) {
      return static_cast<std::uint32_t>(head & 0xFFFFFFFF) - 1;
    }
  }
}

}  // namespace retain
