// Runs a few pieces of work at once, one thread each, for the stages that split their input
// (builders, customer ranges) over the threads of --threads.
#pragma once

#include <cstddef>
#include <exception>
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

}  // namespace retain
