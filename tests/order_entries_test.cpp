// The order entries: an entry reads back exactly as it was stored, whether its fields fit the
// 20 bytes kept in place or some are rare and kept in sparse columns; and what combine() makes
// of two places of one order.
#include "retain/order_entries.h"

#include <catch2/catch.hpp>
#include <limits>
#include <string>
#include <vector>

using namespace retain;  // NOLINT

namespace {

// An entry as most orders make it: every field fits in place.
pending_order common_entry() {
  pending_order o;
  o.customer = 4'000'000;
  o.day = days_from_civil(2024, 2, 29);
  o.cents = 12'345;
  o.fingerprint = 0xABCD'1234'5678;
  o.amount_rows = 1;
  o.has_amount = true;
  o.included = true;
  o.keyed = true;
  o.currency = 3;
  o.status = 7;
  o.status_excluded = true;
  o.refunded_status = true;
  return o;
}

// An entry with every rare field set.
pending_order rare_entry() {
  pending_order o = common_entry();
  o.cents = -5'000'000'000;
  o.refunded = 300;
  o.copies = 3;
  o.amount_rows = 0xFFFF;
  o.status = 300;
  o.group = 12;
  o.day = days_from_civil(1, 1, 1);
  o.conflict = o.bad = o.overflow = o.groups_differ = o.amounts_differ = o.refund_only = true;
  o.currencies_differ = o.totals_row = o.not_a_payment = o.refund_link = o.joined = true;
  return o;
}

}  // namespace

TEST_CASE("A common entry reads back as stored and needs no rare column", "[order_entries]") {
  entry_list list;
  list.push_back(common_entry());
  list.push_back(pending_order());  // all defaults: no customer, day, status or currency
  REQUIRE(list.size() == 2);
  CHECK(list.get(0) == common_entry());
  CHECK(list.get(1) == pending_order());
  CHECK(list.get(1).day == pending_order::kNoDay);
  CHECK(list.rare_bytes() == 0);
}

TEST_CASE("Amounts, days and statuses that do not fit in place read back exactly",
          "[order_entries]") {
  const cents_t cents[] = {std::numeric_limits<std::int32_t>::max(),
                           std::numeric_limits<std::int32_t>::min() + cents_t{1},
                           std::numeric_limits<std::int32_t>::min(),
                           cents_t{1} << 31,
                           std::numeric_limits<cents_t>::max(),
                           std::numeric_limits<cents_t>::min()};
  const day_t days[] = {days_from_civil(1, 1, 1),
                        days_from_civil(9999, 12, 31),
                        -0x800000,
                        0x7FFFFE,
                        0x7FFFFF,
                        -0x7FFFFFFF};
  const std::uint16_t statuses[] = {0, 0xFD, 0xFE, 0xFF, 0xFFFE};
  entry_list list;
  std::vector<pending_order> stored;
  for (cents_t c : cents) {
    for (day_t d : days) {
      for (std::uint16_t s : statuses) {
        pending_order o = common_entry();
        o.cents = c;
        o.day = d;
        o.status = s;
        list.push_back(o);
        stored.push_back(o);
      }
    }
  }
  for (std::size_t i = 0; i < stored.size(); ++i) {
    INFO("entry " << i);
    CHECK(list.get(i) == stored[i]);
  }
}

TEST_CASE("Every rare field reads back, and an entry can become common and rare again",
          "[order_entries]") {
  entry_list list;
  list.push_back(common_entry());
  list.push_back(rare_entry());
  CHECK(list.get(1) == rare_entry());
  CHECK(list.rare_bytes() > 0);

  list.set(1, common_entry());  // the columns keep the old values, which must not show
  CHECK(list.get(1) == common_entry());
  pending_order one_rare = common_entry();
  one_rare.bad = true;
  list.set(1, one_rare);
  CHECK(list.get(1) == one_rare);
  list.set(0, rare_entry());
  CHECK(list.get(0) == rare_entry());
}

TEST_CASE("Each rare field alone makes an entry rare and reads back", "[order_entries]") {
  std::vector<pending_order> cases(13, common_entry());
  cases[0].refunded = -1;
  cases[1].copies = 2;
  cases[2].amount_rows = 2;
  cases[3].group = 0;
  cases[4].conflict = true;
  cases[5].overflow = true;
  cases[6].groups_differ = true;
  cases[7].amounts_differ = true;
  cases[8].refund_only = true;
  cases[9].currencies_differ = true;
  cases[10].totals_row = true;
  cases[11].not_a_payment = true;
  cases[12].refund_link = true;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    entry_list list;
    list.push_back(cases[i]);
    CHECK(list.get(0) == cases[i]);
    CHECK(list.rare_bytes() > 0);
  }
}

TEST_CASE("Renumbering maps statuses, currencies and groups, in place or not", "[order_entries]") {
  entry_list list;
  pending_order a = common_entry();
  a.status = 0;
  a.currency = 1;
  list.push_back(a);
  pending_order b = rare_entry();
  b.status = 1;
  b.currency = 0;
  b.group = 0;
  list.push_back(b);
  list.push_back(pending_order());
  list.renumber({0x100, 2}, {5, 4}, {9});
  a.status = 0x100;
  a.currency = 4;
  b.status = 2;
  b.currency = 5;
  b.group = 9;
  CHECK(list.get(0) == a);
  CHECK(list.get(1) == b);
  CHECK(list.get(2) == pending_order());
}

TEST_CASE("Entries on pages past the first read back", "[order_entries]") {
  entry_list list;
  constexpr std::size_t kCount = (std::size_t{1} << 20) + 5;  // a page of entries and a few
  for (std::size_t i = 0; i < kCount; ++i) {
    pending_order o = i % 100'000 == 0 ? rare_entry() : common_entry();
    o.customer = static_cast<std::uint32_t>(i);
    list.push_back(o);
  }
  for (std::size_t i :
       {std::size_t{0}, std::size_t{1}, std::size_t{1} << 20, kCount - 1, std::size_t{1'000'000}}) {
    pending_order o = i % 100'000 == 0 ? rare_entry() : common_entry();
    o.customer = static_cast<std::uint32_t>(i);
    INFO("entry " << i);
    CHECK(list.get(i) == o);
  }
  const std::size_t before = list.rare_bytes();
  list.release_before(std::size_t{1} << 20);
  CHECK(list.rare_bytes() < before);
  pending_order last = common_entry();
  last.customer = static_cast<std::uint32_t>(kCount - 1);
  CHECK(list.get(kCount - 1) == last);
}

TEST_CASE("Combining two places sums money, keeps the earliest day, and leaves sums that overflow",
          "[order_entries]") {
  order_entries entries;  // the numbers common_entry() uses
  for (int n = 0; n <= 7; ++n) entries.status_id("status " + std::to_string(n));
  for (int n = 0; n <= 3; ++n) entries.currency_id("currency " + std::to_string(n));
  pending_order into = common_entry();
  into.refunded = 100;
  pending_order from = common_entry();
  from.day = into.day - 3;
  from.cents = 55;
  from.refunded = 20;
  from.fingerprint = 1;
  entries.combine(into, from);
  CHECK(into.cents == 12'400);
  CHECK(into.refunded == 120);
  CHECK(into.day == from.day);
  CHECK(into.amount_rows == 2);
  CHECK(into.amounts_differ);
  CHECK(into.copies == 1);
  CHECK(into.fingerprint == ((0xABCD'1234'5678 + 1) & pending_order::kFingerprintBits));
  CHECK_FALSE(into.overflow);

  pending_order big = common_entry();
  big.cents = std::numeric_limits<cents_t>::max();
  big.refunded = std::numeric_limits<cents_t>::max();
  entries.combine(into, big);
  CHECK(into.overflow);
  CHECK(into.cents == 12'400);  // as they were
  CHECK(into.refunded == 120);

  pending_order copy = common_entry();
  pending_order same = common_entry();
  entries.combine(copy, same);
  CHECK(copy.copies == 2);
  CHECK(copy.fingerprint == common_entry().fingerprint);
}
