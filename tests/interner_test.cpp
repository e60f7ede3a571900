#include "retain/interner.h"

#include <catch2/catch.hpp>

#include <string>
#include <algorithm>
#include <thread>

#include "retain/order_index.h"

using namespace retain;  // NOLINT

TEST_CASE("Equal strings get one number, texts come back by number", "[interner]") {
  interner strings;
  strings.make_room(4);
  std::uint32_t a = strings.intern("alice");
  std::uint32_t b = strings.intern("bob");
  CHECK(strings.intern("alice") == a);
  CHECK(strings.intern(std::string("bo") + "b") == b);
  CHECK(strings.intern("") != a);
  strings.done();
  CHECK(a != b);
  CHECK(strings.text(a) == "alice");
  CHECK(strings.text(b) == "bob");
}

TEST_CASE("The table grows between batches and keeps every string", "[interner]") {
  interner strings;
  std::vector<std::uint32_t> ids;
  for (int batch = 0; batch < 50; ++batch) {
    strings.make_room(1000);
    for (int i = 0; i < 1000; ++i) ids.push_back(strings.intern("customer-" + std::to_string(batch * 1000 + i)));
    strings.done();
  }
  strings.make_room(50000);
  for (int i = 0; i < 50000; ++i) REQUIRE(strings.intern("customer-" + std::to_string(i)) == ids[i]);
  strings.done();
  CHECK(strings.size() == 50000);
}

TEST_CASE("Threads interning the same strings agree on their numbers", "[interner]") {
  interner strings(4);
  std::vector<std::vector<std::uint32_t>> seen(4, std::vector<std::uint32_t>(20000));
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int batch = 0; batch < 20; ++batch) {
        strings.make_room(1000, w);
        for (int i = batch * 1000; i < (batch + 1) * 1000; ++i) {
          int n = static_cast<int>((i * 7919 + static_cast<int>(w) * 4999) % 20000);  // own order
          seen[w][static_cast<std::size_t>(n)] = strings.intern("id" + std::to_string(n), w);
        }
        strings.done(w);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int n = 0; n < 20000; ++n) {
    INFO(n);
    REQUIRE(seen[0][static_cast<std::size_t>(n)] == seen[1][static_cast<std::size_t>(n)]);
    REQUIRE(seen[0][static_cast<std::size_t>(n)] == seen[2][static_cast<std::size_t>(n)]);
    REQUIRE(seen[0][static_cast<std::size_t>(n)] == seen[3][static_cast<std::size_t>(n)]);
    REQUIRE(strings.text(seen[0][static_cast<std::size_t>(n)]) == "id" + std::to_string(n));
  }
}

TEST_CASE("Short order ids are kept exactly, long ones by hash", "[interner]") {
  using key = order_index::key;
  key a = order_index::make_key("#1001");
  CHECK(a == order_index::make_key("#1001"));
  CHECK_FALSE(a == order_index::make_key("#1002"));
  CHECK_FALSE(order_index::make_key("ab") == order_index::make_key(std::string("ab\0", 3)));
  key long_id = order_index::make_key("ch_3MmlLrLkdIwHu7ix0snN0B15");
  CHECK(long_id == order_index::make_key("ch_3MmlLrLkdIwHu7ix0snN0B15"));
  CHECK_FALSE(long_id == order_index::make_key("ch_3MmlLrLkdIwHu7ix0snN0B16"));
  CHECK((long_id.high & 0x80000000u) != 0);
  CHECK((a.high & 0x80000000u) == 0);
}

TEST_CASE("The order index finds what it stored", "[interner]") {
  order_index index;
  for (std::uint32_t i = 0; i < 30000; ++i) {
    REQUIRE(index.find_or_add(order_index::make_key("O" + std::to_string(i)), i) == i);
  }
  for (std::uint32_t i = 0; i < 30000; ++i) {
    REQUIRE(index.find_or_add(order_index::make_key("O" + std::to_string(i)), 99999999) == i);
  }
}

TEST_CASE("A key list gives back every key, in order", "[interner]") {
  std::vector<std::string> ids = {"#1001", "#1002", "#1002", "#999", "", "ch_3MmlLrLkdIwHu7ix0snN0B15",
                                  "#1003", "abcdefghijk", "abcdefghijj", "#1003"};
  for (int i = 0; i < 1000; ++i) ids.push_back("O" + std::to_string(100000 + i));
  key_list list;
  CHECK(list.empty());
  for (const std::string& id : ids) {
    list.push_back(order_index::make_key(id));
    CHECK(list.back() == order_index::make_key(id));
  }
  key_list::reader reader(list);
  for (const std::string& id : ids) REQUIRE(reader.next() == order_index::make_key(id));
}

TEST_CASE("Strings that differ in length or in one byte get different numbers", "[interner]") {
  interner strings;
  std::vector<std::string> texts = {"", "a", "ab", std::string("ab\0", 3), "abcdefg",
                                    std::string("abcdefg\x07", 8), "abcdefgh", "abcdefgi",
                                    "abcdefghi", "abcdefghj", "abcdefghijklmnop", "abcdefghijklmnoq"};
  strings.make_room(texts.size() * 2);
  std::vector<std::uint32_t> ids;
  for (const std::string& t : texts) ids.push_back(strings.intern(t));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(strings.intern(texts[i]) == ids[i]);
    CHECK(strings.text(ids[i]) == texts[i]);
  }
  strings.done();
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}
