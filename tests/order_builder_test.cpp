// The order builder and the assembly, fed decoded rows from memory: what they make of line items,
// of orders split between chunks and threads, of repeated rows, refunds and bad rows.
#include "retain/order_builder.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "retain/assembly.h"
#include "retain/loader.h"
#include "retain/sniff.h"

using namespace retain;  // NOLINT

namespace {

class at_line final : public row_place {
 public:
  explicit at_line(std::uint64_t line) : line_(line) {}
  const std::string& path() const override { return path_; }
  std::uint64_t line() const override { return line_; }

 private:
  std::string path_ = "orders.csv";
  std::uint64_t line_;
};

// A row of order `id` (empty: no order id) by `customer` on 2024-01-`day` of `cents`.
decoded_row row(std::string_view id, std::string_view customer, int day, cents_t cents) {
  decoded_row r;
  r.order_id = id;
  r.line_item = !id.empty();
  r.customer = customer;
  r.customer_hash = interner::hash(customer);
  r.day = days_from_civil(2024, 1, day);
  r.has_day = true;
  r.cents = cents;
  r.has_amount = true;
  return r;
}

// Builders that read chunks of one input, then the assembly.
struct run {
  load_options options;
  input_plan plan;
  std::shared_ptr<interner> names;
  std::vector<order_builder> builders;
  std::uint64_t line = 2;

  explicit run(std::size_t threads, load_options with = {}) : options(std::move(with)) {
    plan = plan_input({"Order", "Customer", "Date", "Total"}, {{"1", "a", "2024-01-01", "1.00"}},
                      options, "orders.csv");
    names = std::make_shared<interner>(threads);
    builders.reserve(threads);
    for (std::size_t w = 0; w < threads; ++w) builders.emplace_back(false, "", *names, w);
    for (order_builder& b : builders) b.begin_input(0);
  }
  // Chunk `number`'s rows, read by builder `b`; record hashes tell repeated rows apart.
  void chunk(std::size_t b, std::uint64_t number, const std::vector<decoded_row>& rows,
             const std::vector<std::uint64_t>& hashes = {}) {
    builders[b].begin_chunk(number, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      builders[b].prefetch(rows[i]);
      builders[b].add_row(rows[i], hashes.empty() ? line * 7919 : hashes[i], at_line(line));
      ++line;
    }
    builders[b].end_chunks();
  }
  order_book assemble(load_report& report) {
    std::vector<order_entries> parts;
    for (order_builder& b : builders) parts.push_back(b.take_entries());
    return retain::assemble(std::move(parts), names, {{0, &plan}}, options, report);
  }
};

std::vector<std::string> orders_of(const order_book& book) {
  std::vector<std::string> out;
  for (const order& o : book.orders) {
    out.push_back(std::string(book.customers[o.customer]) + " " + iso_date(o.day) + " " +
                  std::to_string(o.cents));
  }
  return out;
}

}  // namespace

TEST_CASE("Line items of one order are one order, wherever the chunks put them", "[order_builder]") {
  // Order 2 runs over the boundary between chunks 0 and 1, read by two threads; order 1 comes
  // back in chunk 2 (ids that do not run one way are indexed).
  run r(2);
  r.chunk(0, 0, {row("1", "ann", 3, 1000), row("2", "bob", 5, 250)});
  r.chunk(1, 1, {row("2", "bob", 4, 750), row("3", "ann", 9, 500)});
  r.chunk(0, 2, {row("1", "ann", 2, 200)});
  load_report report;
  order_book book = r.assemble(report);
  CHECK(orders_of(book) == std::vector<std::string>{"ann 2024-01-02 1200", "ann 2024-01-09 500",
                                                    "bob 2024-01-04 1000"});
  CHECK(report.orders == 3);
  CHECK(report.customers == 2);
  CHECK(report.warnings.empty());
}

TEST_CASE("The same rows twice count once, with a warning", "[order_builder]") {
  run r(1);
  // Order 1's two rows appear twice each (the file joined to itself, sorted).
  r.chunk(0, 0, {row("1", "ann", 3, 1000), row("1", "ann", 3, 1000), row("1", "ann", 3, 500),
                 row("1", "ann", 3, 500), row("2", "bob", 4, 100)},
          {11, 11, 22, 22, 33});
  // Order 3 twice, in two places of the input.
  r.chunk(0, 1, {row("3", "cy", 6, 700), row("4", "cy", 7, 1)}, {44, 55});
  r.chunk(0, 2, {row("3", "cy", 6, 700)}, {44});
  load_report report;
  order_book book = r.assemble(report);
  CHECK(orders_of(book) == std::vector<std::string>{"ann 2024-01-03 1500", "bob 2024-01-04 100",
                                                    "cy 2024-01-06 700", "cy 2024-01-07 1"});
  REQUIRE(report.warnings.size() == 1);
  CHECK(report.warnings[0].rfind("2 orders have all their rows repeated", 0) == 0);
}

TEST_CASE("Two rows of one order that differ are line items, not copies", "[order_builder]") {
  run r(1);
  r.chunk(0, 0, {row("1", "ann", 3, 1000), row("1", "ann", 3, 500)}, {11, 12});
  load_report report;
  CHECK(orders_of(r.assemble(report)) == std::vector<std::string>{"ann 2024-01-03 1500"});
  CHECK(report.warnings.empty());
}

TEST_CASE("What the policy leaves out is counted by reason", "[order_builder]") {
  run r(1);
  decoded_row cancelled = row("2", "bob", 4, 100);
  cancelled.status = {"cancelled", true, false, true, false};
  decoded_row other_customer = row("3", "cy", 5, 100);
  decoded_row bad_date = row("4", "dee", 6, 100);
  bad_date.problem = "a date that cannot be read";
  bad_date.reason = "date \"soon\" is not a date";
  r.chunk(0, 0, {row("1", "ann", 3, 1000), cancelled, row("3", "dee", 5, 100), other_customer,
                 row("4", "dee", 6, 100), bad_date, row("5", "", 7, 100), row("6", "eve", 8, -300)});
  load_report report;
  order_book book = r.assemble(report);
  CHECK(orders_of(book) == std::vector<std::string>{"ann 2024-01-03 1000"});
  using count = std::pair<std::string, std::uint64_t>;
  CHECK(report.left_out == std::vector<count>{
                               {"whose rows name different customers", 1},
                               {"with a negative amount (refunds or credits, not purchases)", 1},
                               {"with a row that could not be read", 1},
                               {"with status \"cancelled\"", 1},
                               {"without a customer id", 1}});
  CHECK(r.builders[0].policy().count() == 1);
  CHECK(r.builders[0].policy().shown() == std::vector<std::string>{"orders.csv:7: date \"soon\" is not a date"});
  CHECK(report.refunds.unmatched == 1);
  CHECK(report.refunds.unmatched_cents == 300);
}

TEST_CASE("Refunds that refer to an order are taken off it under --net", "[order_builder]") {
  decoded_row refund = row("1", "", 9, 0);
  refund.has_amount = false;
  refund.has_day = false;
  refund.refund = true;
  refund.refund_link = true;
  refund.refunded = 400;
  decoded_row in_full = refund;
  in_full.order_id = "2";
  in_full.refunded = 500;
  for (bool net : {false, true}) {
    load_options options;
    options.net = net;
    run r(1, options);
    r.chunk(0, 0, {row("1", "ann", 3, 1000), refund, row("2", "bob", 4, 500), in_full});
    load_report report;
    order_book book = r.assemble(report);
    CHECK(report.refunds.orders == 2);
    CHECK(report.refunds.in_full == 1);
    CHECK(report.refunds.cents == 900);
    if (net) {
      CHECK(orders_of(book) == std::vector<std::string>{"ann 2024-01-03 600"});
    } else {
      CHECK(orders_of(book) == std::vector<std::string>{"ann 2024-01-03 1000", "bob 2024-01-04 500"});
    }
  }
}
