#include "retain/parallel.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

using namespace retain;  // NOLINT

TEST_CASE("A sort on threads gives std::sort's order for any thread count", "[parallel]") {
  // 300,001 distinct numbers shuffled: enough for 4 slices of the smallest size (65,536) and
  // an odd slice left over in the pairwise merges.
  std::vector<std::uint64_t> numbers(300001);
  std::iota(numbers.begin(), numbers.end(), 0u);
  for (std::uint64_t& n : numbers) n = n * 2654435761u % 1000003u;
  std::shuffle(numbers.begin(), numbers.end(), std::mt19937(11));
  std::vector<std::uint64_t> expected = numbers;
  std::sort(expected.begin(), expected.end(), std::greater<>());
  for (unsigned threads : {1u, 2u, 3u, 4u, 5u, 8u}) {
    INFO(threads << " threads");
    std::vector<std::uint64_t> sorted = numbers;
    sort_in_parallel(sorted, std::greater<>(), threads);
    CHECK(sorted == expected);
  }
  std::vector<int> few = {3, 1, 2};
  sort_in_parallel(few, std::less<>(), 4);
  CHECK(few == std::vector<int>{1, 2, 3});
}
