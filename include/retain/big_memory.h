// Memory for large tables that are read at random: taken straight from the kernel, so it starts
// zeroed without being touched, and backed by transparent huge pages where the kernel allows,
// which cuts the page faults and TLB misses that dominate lookups in tables of hundreds of MB.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace retain {

/// An array whose size is fixed at construction, in memory that the kernel hands out zeroed.
/// T is trivially destructible. A trivially default-constructible T (integers, structs of them,
/// std::atomic of an integer) is constructed without a write and starts as all zero bytes; any
/// other T is constructed in place by the array's user before it is read (paged_list does).
template <class T>
class big_array {
  static_assert(std::is_trivially_destructible_v<T>, "big_array never destroys its elements");
 public:
  big_array() = default;
  explicit big_array(std::size_t size);
  ~big_array();
  big_array(big_array&& other) noexcept { swap(other); }
  big_array& operator=(big_array&& other) noexcept {
    big_array(std::move(other)).swap(*this);
    return *this;
  }
  big_array(const big_array&) = delete;
  big_array& operator=(const big_array&) = delete;

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t size() const { return size_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void swap(big_array& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

/// A list of trivially copyable T that grows a page of 2^20 elements at a time and never moves
/// what it holds: no copy as it grows and never two copies in memory, whether or not its final
/// size was known (standard input from a pipe).
template <class T>
class paged_list {
 public:
  T& emplace_back() {
    if (size_ == pages_.size() << kShift) pages_.emplace_back(kPage);
    T* at = &(*this)[size_++];
    return *::new (static_cast<void*>(at)) T();
  }
  T& operator[](std::size_t i) { return pages_[i >> kShift][i & (kPage - 1)]; }
  const T& operator[](std::size_t i) const { return pages_[i >> kShift][i & (kPage - 1)]; }
  T& back() { return (*this)[size_ - 1]; }
  std::size_t size() const { return size_; }
  /// Frees the pages that hold only elements before `i`, for a list read once front to back:
  /// those elements must not be touched again (size() does not change).
  void release_before(std::size_t i) {
    for (std::size_t page = 0; page < (i >> kShift) && page < pages_.size(); ++page) pages_[page] = big_array<T>();
  }

  // Walks a page with a pointer and steps to the next page at its end.
  template <class List, class Item>
  class basic_iterator {
   public:
    basic_iterator(List& list, std::size_t i) : list_(&list), i_(i) { seek(); }
    Item& operator*() const { return *at_; }
    basic_iterator& operator++() {
      ++i_;
      if (++at_ == page_end_) seek();
      return *this;
    }
    bool operator!=(const basic_iterator& other) const { return i_ != other.i_; }

   private:
    void seek() {
      if (i_ >= list_->size_) return;
      at_ = &(*list_)[i_];
      page_end_ = at_ + (kPage - (i_ & (kPage - 1)));
    }
    List* list_;
    std::size_t i_;
    Item* at_ = nullptr;
    Item* page_end_ = nullptr;
  };
  using iterator = basic_iterator<paged_list, T>;
  using const_iterator = basic_iterator<const paged_list, const T>;
  iterator begin() { return {*this, 0}; }
  iterator end() { return {*this, size_}; }
  const_iterator begin() const { return {*this, 0}; }
  const_iterator end() const { return {*this, size_}; }

 private:
  static constexpr unsigned kShift = 20;
  static constexpr std::size_t kPage = std::size_t{1} << kShift;
  std::vector<big_array<T>> pages_;
  std::size_t size_ = 0;
};

/// Leaves the elements that resize() adds uninitialized, for buffers that are written in full
/// right after they are sized: zeroing them first would be a pass over the memory for nothing.
template <class T>
struct uninitialized_allocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = uninitialized_allocator<U>;
  };
  uninitialized_allocator() = default;
  template <class U>
  uninitialized_allocator(const uninitialized_allocator<U>&) noexcept {}
  template <class U>
  void construct(U* at) noexcept {
    ::new (static_cast<void*>(at)) U;
  }
  template <class U, class... Args>
  void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
};

/// Bytes read from an input: sized, then filled by read().
using byte_buffer = std::vector<char, uninitialized_allocator<char>>;

/// Asks for huge pages for memory not yet touched, such as a vector's fresh reserve(); a hint only.
/// Each page fault costs about as much as zeroing the page; in two threads at once more still.
void prefer_huge_pages(const void* data, std::size_t bytes);

/// Reserves room for `n` elements in a vector, backed by huge pages where the kernel allows.
template <class Vector>
void reserve_huge(Vector& v, std::size_t n) {
  if (v.capacity() >= n) return;
  v.reserve(n);
  prefer_huge_pages(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(*v.data()));
}

/// Raw zeroed memory for big_array: mmap with a huge-page hint; throws std::bad_alloc.
void* allocate_zeroed(std::size_t bytes);
void release_zeroed(void* data, std::size_t bytes);

template <class T>
big_array<T>::big_array(std::size_t size)
    : data_(static_cast<T*>(allocate_zeroed(size * sizeof(T)))), size_(size) {
  // Begins the elements' lifetime (formally needed for std::atomic) without a write; a T with a
  // constructor of its own is constructed by whoever fills the element (paged_list).
  if constexpr (std::is_trivially_default_constructible_v<T>) {
    std::uninitialized_default_construct_n(data_, size_);
  }
}

template <class T>
big_array<T>::~big_array() {
  if (data_ != nullptr) release_zeroed(data_, size_ * sizeof(T));
}

}  // namespace retain
