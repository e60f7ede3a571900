#include "retain/big_memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace retain {

void prefer_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
#ifdef MADV_HUGEPAGE  // Linux; elsewhere pages stay as the system gives them
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)begin;
  (void)end;
#endif
}

void* allocate_zeroed(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  void* data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) throw std::bad_alloc();
  prefer_huge_pages(data, bytes);
  return data;
}

void release_zeroed(void* data, std::size_t bytes) {
  if (data != nullptr) ::munmap(data, bytes);
}

}  // namespace retain
