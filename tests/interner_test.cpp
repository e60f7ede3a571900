#include "retain/interner.h"

#include <catch2/catch.hpp>

#include <string>
#include <algorithm>
#include <stdexcept>
#include <thread>

#include "retain/order_index.h"

using namespace retain;  // NOLINT

TEST_CASE("Equal strings get one number, texts come back by number", "[interner]") {
  interner strings;
  interner::lease lease = strings.make_room(4);
  std::uint32_t a = lease.intern("alice");
  std::uint32_t b = lease.intern("bob");
  CHECK(lease.intern("alice") == a);
  CHECK(lease.intern(std::string("bo") + "b") == b);
  CHECK(lease.intern("") != a);
  CHECK(a != b);
  CHECK(strings.text(a) == "alice");
  CHECK(strings.text(b) == "bob");
}

TEST_CASE("The table grows between batches and keeps every string", "[interner]") {
  interner strings;
  std::vector<std::uint32_t> ids;
  for (int batch = 0; batch < 50; ++batch) {
    interner::lease lease = strings.make_room(1000);
    for (int i = 0; i < 1000; ++i) ids.push_back(lease.intern("customer-" + std::to_string(batch * 1000 + i)));
  }
  interner::lease lease = strings.make_room(50000);
  for (int i = 0; i < 50000; ++i) REQUIRE(lease.intern("customer-" + std::to_string(i)) == ids[i]);
  CHECK(strings.size() == 50000);
}

TEST_CASE("Threads interning the same strings agree on their numbers", "[interner]") {
  interner strings(4);
  std::vector<std::vector<std::uint32_t>> seen(4, std::vector<std::uint32_t>(20000));
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int batch = 0; batch < 20; ++batch) {
        interner::lease lease = strings.make_room(1000, w);
        for (int i = batch * 1000; i < (batch + 1) * 1000; ++i) {
          int n = static_cast<int>((i * 7919 + static_cast<int>(w) * 4999) % 20000);  // own order
          seen[w][static_cast<std::size_t>(n)] = lease.intern("id" + std::to_string(n));
        }
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
  interner::lease lease = strings.make_room(texts.size() * 2);
  std::vector<std::uint32_t> ids;
  for (const std::string& t : texts) ids.push_back(lease.intern(t));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(lease.intern(texts[i]) == ids[i]);
    CHECK(strings.text(ids[i]) == texts[i]);
  }
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

TEST_CASE("Texts of every length and last byte come back as they were interned", "[interner]") {
  interner strings;
  std::vector<std::string> texts;
  for (std::size_t n = 0; n <= 20; ++n) texts.push_back(std::string(n, 'x'));
  // Eight bytes are kept in place unless the last one is 0x00 or 0xF8..0xFF.
  for (int last : {0x00, 0x01, 0x41, 0x7F, 0x80, 0xF7, 0xF8, 0xFB, 0xFF}) {
    texts.push_back("1234567" + std::string(1, static_cast<char>(last)));
    texts.push_back("123456" + std::string(1, static_cast<char>(last)));
  }
  texts.push_back(std::string(100'000, 'y'));
  interner::lease lease = strings.make_room(texts.size());
  std::vector<std::uint32_t> ids;
  for (const std::string& t : texts) ids.push_back(lease.intern(t));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("text " << i);
    CHECK(strings.text(ids[i]) == texts[i]);
  }
}

TEST_CASE("A lease ends on every path out, so the table can grow for the next writer", "[interner]") {
  interner strings(2);
  try {
    interner::lease lease = strings.make_room(10, 0);
    lease.intern("alice");
    throw std::runtime_error("a bad row under --strict");
  } catch (const std::runtime_error&) {
  }
  // Growing needs every share back: with writer 0's still out this would wait forever.
  interner::lease lease = strings.make_room(100000, 1);
  CHECK(lease.intern("alice") == 0);
  interner::lease moved = std::move(lease);
  CHECK(moved.intern("bob") != 0);
}
