// Memory for large tables that are read at random: taken straight from the kernel, so it starts
// zeroed without being touched, and backed by transparent huge pages where the kernel allows,
// which cuts the page faults and TLB misses that dominate lookups in tables of hundreds of MB.
#pragma once

#include <cstddef>
#include <utility>

namespace retain {

/// A zero-initialized array of trivially copyable T whose size is fixed at construction.
template <class T>
class big_array {
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

/// Asks for huge pages for memory not yet touched, such as a vector's fresh reserve(); a hint only.
void prefer_huge_pages(const void* data, std::size_t bytes);

/// Raw zeroed memory for big_array: mmap with a huge-page hint; throws std::bad_alloc.
void* allocate_zeroed(std::size_t bytes);
void release_zeroed(void* data, std::size_t bytes);

template <class T>
big_array<T>::big_array(std::size_t size)
    : data_(static_cast<T*>(allocate_zeroed(size * sizeof(T)))), size_(size) {}

template <class T>
big_array<T>::~big_array() {
  if (data_ != nullptr) release_zeroed(data_, size_ * sizeof(T));
}

}  // namespace retain
