#include "retain/big_memory.h"

#include <sys/mman.h>

#include <new>

namespace retain {

void* allocate_zeroed(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  void* data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) throw std::bad_alloc();
  if (bytes >= (std::size_t{4} << 20)) ::madvise(data, bytes, MADV_HUGEPAGE);  // a hint only
  return data;
}

void release_zeroed(void* data, std::size_t bytes) {
  if (data != nullptr) ::munmap(data, bytes);
}

}  // namespace retain
