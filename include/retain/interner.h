// Gives each distinct string a dense number and stores its text once: in the 8 bytes that refer
// to it when it fits (ids of up to 8 bytes, most customer ids), else in large blocks; an
// open-addressing table of 16-byte slots finds it again in one memory access, for a slot holds
// what identifies the string: the string itself up to 8 bytes (compared exactly), or for a
// longer one 94 bits of two independent hashes (two different long strings among a billion share
// them with odds below 1 in 10^10). Several threads may intern at once: each writes its strings
// into its own blocks and claims an empty slot with compare-and-swap, fills it, then publishes
// it; the table only grows between the batches that threads announce with make_room(). Looking
// up a string that was seen allocates nothing.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "retain/big_memory.h"

namespace retain {

class interner {
 public:
  /// `writers` threads may hold leases at once, each with its own number below `writers`.
  explicit interner(std::size_t writers = 1);

  class lease;
  /// Lets `writer` intern up to `strings` new strings: waits while the table grows if it must,
  /// then lends the table to the writer until the lease ends (the table does not grow while any
  /// lease lasts). Interning goes through the lease. One lease per writer at a time.
  [[nodiscard]] lease make_room(std::size_t strings, std::size_t writer = 0);

  static std::uint64_t hash(std::string_view text);

  /// One past the highest number taken (gaps included).
  std::size_t size() const { return next_id_.load(std::memory_order_relaxed); }
  /// The string numbered `id` (empty for a gap). Not while writers are interning.
  std::string_view text(std::uint32_t id) const { return text_at(id).view(); }
  /// Ends interning and frees the lookup table; text() still works.
  void finish();

 private:
  void done(std::size_t writer);
  std::uint32_t intern_hashed(std::string_view text, std::uint64_t text_hash, std::size_t writer);
  void prefetch_slot(std::uint64_t text_hash) const;

  // A string in 8 bytes: one of up to 7 bytes is kept in them, its length in the top byte as
  // kShort | length; one of 8 bytes too when its last byte is none of 0x00 and kShort..0xFF; any
  // other points into the blocks (top byte 0), where its length (4 bytes) comes before it.
  // Trivial, so that its pages start zeroed (a null pointer: an empty string).
  struct text_ref {
    static constexpr std::uint8_t kShort = 0xF8;
    std::uint64_t word;

    static bool fits(std::string_view text);
    static text_ref inside(std::string_view text);
    static text_ref outside(const char* stored);
    std::string_view view() const;
  };
  struct block_list {
    std::vector<std::unique_ptr<char[]>> blocks;
    std::size_t left = 0;
    char* next = nullptr;
    std::size_t promised = 0;  // strings announced by make_room()
    std::uint32_t next_id = 0;  // numbers taken for new strings: [next_id, end_id)
    std::uint32_t end_id = 0;
  };

  // Texts by number, in pages that stay put while the table grows.
  static constexpr unsigned kPageShift = 18;
  text_ref& text_at(std::uint32_t id) { return text_pages_[id >> kPageShift][id & kPageMask]; }
  const text_ref& text_at(std::uint32_t id) const {
    return text_pages_[id >> kPageShift][id & kPageMask];
  }
  static constexpr std::uint32_t kPageMask = (std::uint32_t{1} << kPageShift) - 1;

  // A slot: head = (tag << 32) | (number + 1), 0 while empty, kFilling while its writer fills
  // it; body = what identifies the string (key::body).
  struct slot {
    std::atomic<std::uint64_t> head;
    std::atomic<std::uint64_t> body;
  };
  static constexpr std::uint32_t kFilling = 0xFFFFFFFF;
  // The tag is the top 32 bits of the hash, but for the low two bits, which tell how the body
  // identifies the string: 0 its bytes and length (up to 7 bytes), 1 its 8 bytes, 2 a second hash.
  struct key {
    std::uint64_t tag;
    std::uint64_t body;
  };
  static key key_of(std::string_view text, std::uint64_t text_hash);
  // A string's slot is found from its tag, which the slot keeps, scaled to the table: so the
  // table grows without reading a text.
  static std::size_t home(std::uint64_t tag, std::size_t slots) {
    return static_cast<std::size_t>((tag * slots) >> 32);
  }
  std::uint32_t take_number(std::size_t writer);
  std::size_t text_capacity(std::size_t slots) const;
  void add_text_pages(std::size_t texts);
  const char* store(std::string_view text, block_list& blocks);
  void grow(std::size_t needed);

  std::shared_mutex growth_;
  std::atomic<std::size_t> promised_{0};  // strings that writers inside make_room() may add
  big_array<slot> slots_;
  std::vector<big_array<text_ref>> text_pages_;
  std::atomic<std::uint32_t> next_id_{0};
  std::vector<block_list> writers_;
  std::uint32_t id_block_;  // numbers a writer takes at once
};

/// A writer's share of an interner's table, from make_room() until it is destroyed (or moved
/// from): the only way to intern, so no string is added while the table may grow, and a share
/// is given back on every path out, errors included.
class interner::lease {
 public:
  lease(lease&& other) noexcept
      : owner_(std::exchange(other.owner_, nullptr)), writer_(other.writer_) {}
  lease& operator=(lease&& other) noexcept {
    if (this != &other) {
      end();
      owner_ = std::exchange(other.owner_, nullptr);
      writer_ = other.writer_;
    }
    return *this;
  }
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
  ~lease() { end(); }

  /// The number of `text`, new the first time it is seen. With one writer numbers are dense.
  /// Several writers take numbers in blocks of 1024 (so they do not fight over one counter),
  /// which leaves the rest of each writer's last block unused.
  std::uint32_t intern(std::string_view text) { return intern_hashed(text, hash(text)); }
  /// The same, with `text_hash` = interner::hash(text) worked out before.
  std::uint32_t intern_hashed(std::string_view text, std::uint64_t text_hash) {
    return owner_->intern_hashed(text, text_hash, writer_);
  }
  /// A lookup in a table of hundreds of MB waits for memory; this starts loading the slot of a
  /// string early, so that a batch of lookups waits about as long as one: prefetch_slot() for
  /// each string of the batch, then intern() for each. A hint only.
  void prefetch_slot(std::uint64_t text_hash) const { owner_->prefetch_slot(text_hash); }

 private:
  friend class interner;
  lease(interner& owner, std::size_t writer) : owner_(&owner), writer_(writer) {}
  void end() {
    if (owner_ != nullptr) owner_->done(writer_);
    owner_ = nullptr;
  }
  interner* owner_;
  std::size_t writer_;
};

}  // namespace retain
