// Runs a few pieces of work at once, one thread each, for the stages that split their input
// (builders, customer ranges) over the threads of --threads; and sorts on those threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <iterator>
#include <thread>
#include <vector>

namespace retain {

/// Runs work(0), ..., work(n - 1) at once, a thread each (work(0) on the calling thread); then
/// rethrows the first exception any of them threw.
template <class Work>
void in_parallel(std::size_t n, const Work& work) {
  std::vector<std::exception_ptr> failures(n);
  auto run = [&](std::size_t i) {
    try {
      work(i);
    } catch (...) {
      failures[i] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < n; ++i) threads.emplace_back(run, i);
  run(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

/// Sorts `items` by `less` on up to `threads` threads: a slice each, sorted at once, then the
/// slices merged pairwise in place (a buffer of up to half the items). The result is the one sorted
/// order, whatever the thread count, when `less` tells any two items apart (or leaves equivalent
/// only items the caller cannot tell apart, such as equal tuples about to be merged).
template <class T, class Less>
void sort_in_parallel(std::vector<T>& items, const Less& less, unsigned threads) {
  constexpr std::size_t kMinSlice = 1 << 16;  // smaller inputs are not worth a thread
  const std::size_t slices =
      std::max<std::size_t>(1, std::min<std::size_t>(threads, items.size() / kMinSlice));
  auto bound = [&](std::size_t i) {
    return items.begin() + static_cast<std::ptrdiff_t>(items.size() * i / slices);
  };
  in_parallel(slices, [&](std::size_t i) { std::sort(bound(i), bound(i + 1), less); });
  for (std::size_t width = 1; width < slices; width *= 2) {  // runs of `width` slices, in pairs
    const std::size_t pairs = (slices + 2 * width - 1) / (2 * width);
    in_parallel(pairs, [&](std::size_t pair) {
      const std::size_t first = 2 * width * pair;
      std::inplace_merge(bound(first), bound(std::min(slices, first + width)),
                         bound(std::min(slices, first + 2 * width)), less);
    });
  }
}

}  // namespace retain
