#include "retain/big_memory.h"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace retain;  // NOLINT

TEST_CASE("A paged list keeps every element in place across its pages", "[big_memory]") {
  // 2^20 elements a page: this list spans two pages and a bit of a third.
  constexpr std::size_t kCount = (std::size_t{1} << 21) + 5;
  paged_list<std::uint32_t> list;
  const std::uint32_t* first = &list.emplace_back();
  for (std::uint32_t i = 1; i < kCount; ++i) list.emplace_back() = i;
  REQUIRE(list.size() == kCount);
  CHECK(first == &list[0]);  // never moved
  CHECK(list.back() == kCount - 1);
  CHECK(list[std::size_t{1} << 20] == (1u << 20));
  std::size_t seen = 0;
  bool in_order = true;
  for (std::uint32_t value : list) in_order = in_order && value == seen++;
  CHECK(in_order);
  CHECK(seen == kCount);
  const paged_list<std::uint32_t>& view = list;
  std::uint64_t sum = 0;
  for (std::uint32_t value : view) sum += value;
  CHECK(sum == std::uint64_t{kCount} * (kCount - 1) / 2);
}

TEST_CASE("An empty paged list has nothing to walk", "[big_memory]") {
  paged_list<std::uint32_t> list;
  CHECK(list.size() == 0);
  CHECK_FALSE(list.begin() != list.end());
}

TEST_CASE("A byte buffer keeps its reserved room and its bytes when resized", "[big_memory]") {
  byte_buffer bytes;
  reserve_huge(bytes, 8 << 20);
  CHECK(bytes.capacity() >= (8u << 20));
  bytes.resize(3);
  bytes[0] = 'a';
  bytes.resize(1);
  CHECK(bytes.size() == 1);
  CHECK(bytes[0] == 'a');
}
