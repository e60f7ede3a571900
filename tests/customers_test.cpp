#include "retain/customers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "retain/error.h"
#include "retain/format.h"

using namespace retain;  // NOLINT

namespace {

day_t d(int y, int m, int day) { return days_from_civil(y, m, day); }

struct sale {
  std::string customer;
  day_t day;
  cents_t cents;
};

// Customers are numbered in order of first appearance, or in the reverse of it, so that tests
// can show that the book's customer order does not matter; orders are sorted as the loader
// sorts them.
order_book book_of(const std::vector<sale>& sales, bool reversed = false) {
  std::vector<std::string> names;
  for (const sale& s : sales) {
    if (std::find(names.begin(), names.end(), s.customer) == names.end()) names.push_back(s.customer);
  }
  if (reversed) std::reverse(names.begin(), names.end());
  order_book book;
  for (const std::string& name : names) book.customers.push_back(name);
  for (const sale& s : sales) {
    auto index = std::find(names.begin(), names.end(), s.customer) - names.begin();
    book.orders.push_back({static_cast<std::uint32_t>(index), s.day, s.cents});
  }
  std::sort(book.orders.begin(), book.orders.end(), [](const order& a, const order& b) {
    return std::tie(a.customer, a.day, a.cents) < std::tie(b.customer, b.day, b.cents);
  });
  return book;
}

// "alice 2024-01-03..2024-03-30 o3 r4000 f2 rr2000 R2 F4 M1 At risk"
std::string summary(const customer_summary& c) {
  return std::string(c.id) + " " + iso_date(c.first_order) + ".." + iso_date(c.last_order) + " o" +
         std::to_string(c.orders) + " r" + std::to_string(c.revenue) + " f" +
         std::to_string(c.frequency) + " rr" + std::to_string(c.repeat_revenue) + " R" +
         std::to_string(c.r_score) + " F" + std::to_string(c.f_score) + " M" +
         std::to_string(c.m_score) + " " + std::string(segment_name(c.group));
}

// Summaries by customer id, so that the book's order does not show.
std::vector<std::string> summaries(const customer_report& report) {
  std::vector<std::string> out;
  for (const customer_summary& c : report.customers) out.push_back(summary(c));
  std::sort(out.begin(), out.end());
  return out;
}

const customer_summary& find(const customer_report& report, std::string_view id) {
  for (const customer_summary& c : report.customers) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no customer " + std::string(id));
}

// The shop of the golden CLI cases (tests/cli/inputs/orders.csv without its cancelled order).
const std::vector<sale> kShopSales = {
    {"alice", d(2024, 1, 3), 2000}, {"bob", d(2024, 1, 15), 3550}, {"alice", d(2024, 1, 28), 1500},
    {"bob", d(2024, 3, 5), 1225},   {"dave", d(2024, 3, 9), 4000}, {"alice", d(2024, 3, 30), 500},
    {"dave", d(2024, 3, 31), 1000}};
const order_book kShop = book_of(kShopSales);

std::string csv(const customer_report& report, const listing_options& listing = {}) {
  return render(customers_table(report, listing), output_format::csv);
}

// The customer column of the listed rows.
std::vector<std::string> listed(const customer_report& report, const listing_options& listing) {
  std::vector<std::string> ids;
  for (const auto& row : customers_table(report, listing).rows) {
    ids.push_back(std::get<std::string>(row.at(0)));
  }
  return ids;
}

listing_options sorted_by(sort_key key, bool reverse = false) {
  listing_options listing;
  listing.sort = key;
  listing.reverse = reverse;
  return listing;
}

}  // namespace

TEST_CASE("Each customer's totals, BTYD summary and RFM scores as of the last order",
          "[customers]") {
  customer_report report = compute_customers(kShop, {});
  CHECK(report.as_of == d(2024, 3, 31));
  CHECK(report.orders_after == 0);
  CHECK(report.customers_after == 0);
  // R by last order: bob 03-05, alice 03-30, dave 03-31 -> worse 0, 1, 2 of 3 -> 1, 2, 4.
  // F by orders: bob 2, dave 2, alice 3 -> 1, 1, 4. M by revenue: 40.00, 47.75, 50.00 -> 1, 2, 4.
  CHECK(summaries(report) ==
        std::vector<std::string>{"alice 2024-01-03..2024-03-30 o3 r4000 f2 rr2000 R2 F4 M1 At risk",
                                 "bob 2024-01-15..2024-03-05 o2 r4775 f1 rr1225 R1 F1 M2 Lost",
                                 "dave 2024-03-09..2024-03-31 o2 r5000 f1 rr1000 R4 F1 M4 New"});
  CHECK(csv(report) ==
        "customer,first_order,last_order,orders,revenue,aov,days_since_last_order,frequency,"
        "recency,T,monetary_value,r_score,f_score,m_score,segment\n"
        "dave,2024-03-09,2024-03-31,2,50.00,25.00,0,1,22,22,10.00,4,1,4,New\n"
        "bob,2024-01-15,2024-03-05,2,47.75,23.88,26,1,50,76,12.25,1,1,2,Lost\n"
        "alice,2024-01-03,2024-03-30,3,40.00,13.33,1,2,87,88,10.00,2,4,1,At risk\n");
}

TEST_CASE("Orders on the same day are one purchase", "[customers]") {
  order_book book = book_of({{"x", d(2024, 5, 1), 1000},
                             {"x", d(2024, 5, 1), 500},
                             {"x", d(2024, 5, 3), 700},
                             {"x", d(2024, 5, 3), 300},
                             {"x", d(2024, 5, 10), 101}});
  const customer_report report = compute_customers(book, {});
  const customer_summary& x = find(report, "x");
  CHECK(x.orders == 5);
  CHECK(x.revenue == 2601);
  CHECK(x.frequency == 2);                        // 3 purchase days
  CHECK(x.repeat_revenue == 1101);                // 05-03 (7.00 + 3.00) and 05-10 (1.01)
  CHECK(to_string(aov(x)) == "5.20");             // 26.01 / 5
  CHECK(to_string(monetary_value(x)) == "5.51");  // 11.01 / 2 = 5.505, half away from zero
}

TEST_CASE("Monetary value counts the repeat purchases only", "[customers]") {
  order_book book = book_of({{"once", d(2024, 5, 1), 9900},
                             {"same_day", d(2024, 5, 1), 1000},
                             {"same_day", d(2024, 5, 1), 2000},
                             {"twice", d(2024, 5, 1), 100000},
                             {"twice", d(2024, 5, 2), 1234}});
  customer_report report = compute_customers(book, {});
  CHECK(find(report, "once").frequency == 0);
  CHECK(to_string(monetary_value(find(report, "once"))) == "0.00");
  CHECK(find(report, "same_day").frequency == 0);
  CHECK(to_string(monetary_value(find(report, "same_day"))) == "0.00");
  CHECK(to_string(aov(find(report, "same_day"))) == "15.00");
  CHECK(to_string(monetary_value(find(report, "twice"))) == "12.34");  // not (1000.00 + 12.34) / 2
}

TEST_CASE("Weeks are days / 7 with 4 decimals", "[customers]") {
  CHECK(to_string(in_unit(22, time_unit::days)) == "22");
  CHECK(to_string(in_unit(0, time_unit::weeks)) == "0.0000");
  CHECK(to_string(in_unit(7, time_unit::weeks)) == "1.0000");
  CHECK(to_string(in_unit(4, time_unit::weeks)) == "0.5714");
  CHECK(to_string(in_unit(272, time_unit::weeks)) == "38.8571");
  listing_options weeks;
  weeks.unit = time_unit::weeks;
  // dave: recency = T = 22 days; bob: 50 and 76 days; alice: 87 and 88 days.
  CHECK(csv(compute_customers(kShop, {}), weeks) ==
        "customer,first_order,last_order,orders,revenue,aov,days_since_last_order,frequency,"
        "recency,T,monetary_value,r_score,f_score,m_score,segment\n"
        "dave,2024-03-09,2024-03-31,2,50.00,25.00,0,1,3.1429,3.1429,10.00,4,1,4,New\n"
        "bob,2024-01-15,2024-03-05,2,47.75,23.88,26,1,7.1429,10.8571,12.25,1,1,2,Lost\n"
        "alice,2024-01-03,2024-03-30,3,40.00,13.33,1,2,12.4286,12.5714,10.00,2,4,1,At risk\n");
}

TEST_CASE("Orders after the as-of day are left out, with customers who had none by then",
          "[customers]") {
  customer_report report = compute_customers(kShop, {d(2024, 2, 1), std::nullopt, std::nullopt});
  CHECK(report.as_of == d(2024, 2, 1));
  CHECK(report.orders_after == 4);     // alice 03-30, bob 03-05, dave 03-09 and 03-31
  CHECK(report.customers_after == 1);  // dave
  CHECK(summaries(report) ==
        std::vector<std::string>{
            "alice 2024-01-03..2024-01-28 o2 r3500 f1 rr1500 R3 F3 M1 Hibernating",
            "bob 2024-01-15..2024-01-15 o1 r3550 f0 rr0 R1 F1 M3 Lost"});
  listing_options listing;
  listing.top = 1;
  CHECK(csv(report, listing) ==
        "customer,first_order,last_order,orders,revenue,aov,days_since_last_order,frequency,"
        "recency,T,monetary_value,r_score,f_score,m_score,segment\n"
        "bob,2024-01-15,2024-01-15,1,35.50,35.50,17,0,0,17,0.00,1,1,3,Lost\n");
}

TEST_CASE("To is the as-of day unless as-of is given; orders before from are left out",
          "[customers]") {
  customer_options options;
  options.from = d(2024, 1, 10);
  options.to = d(2024, 2, 1);
  customer_report report = compute_customers(kShop, options);
  CHECK(report.as_of == d(2024, 2, 1));
  CHECK(report.orders_before == 1);    // alice 01-03
  CHECK(report.orders_after == 4);     // alice 03-30, bob 03-05, dave 03-09 and 03-31
  CHECK(report.customers_after == 1);  // dave
  CHECK(
      summaries(report) ==
      std::vector<std::string>{"alice 2024-01-28..2024-01-28 o1 r1500 f0 rr0 R3 F1 M1 Hibernating",
                               "bob 2024-01-15..2024-01-15 o1 r3550 f0 rr0 R1 F1 M3 Lost"});
  options.as_of = d(2024, 4, 30);
  report = compute_customers(kShop, options);
  CHECK(report.as_of == d(2024, 4, 30));
  CHECK(report.orders_after == 4);
}

TEST_CASE("An as-of day after the last order lengthens T and the days since", "[customers]") {
  customer_report report = compute_customers(kShop, {d(2024, 4, 30), std::nullopt, std::nullopt});
  CHECK(report.orders_after == 0);
  const customer_summary& dave = find(report, "dave");
  CHECK(report.as_of - dave.last_order == 30);
  CHECK(report.as_of - dave.first_order == 52);
}

TEST_CASE("An as-of day before every first order is a usage error", "[customers]") {
  CHECK_THROWS_WITH(compute_customers(kShop, {d(2024, 1, 2), std::nullopt, std::nullopt}),
                    "--as-of 2024-01-02 is before the first order (2024-01-03)");
  int exit_code = kExitOk;
  try {
    compute_customers(kShop, {d(2024, 1, 2), std::nullopt, std::nullopt});
  } catch (const error& e) {
    exit_code = e.exit_code();
  }
  CHECK(exit_code == kExitUsageError);
  // The first order's own day is fine: everyone else is left out.
  customer_report report = compute_customers(kShop, {d(2024, 1, 3), std::nullopt, std::nullopt});
  CHECK(summaries(report) ==
        std::vector<std::string>{"alice 2024-01-03..2024-01-03 o1 r2000 f0 rr0 R1 F1 M1 Lost"});
  CHECK(report.customers_after == 2);
  CHECK(report.orders_after == 6);
}

TEST_CASE("RFM scores: ties share the lower score", "[customers]") {
  order_book book = book_of({{"a", d(2024, 1, 1), 1000},
                             {"b", d(2024, 1, 5), 1000},
                             {"c", d(2024, 1, 1), 500},
                             {"c", d(2024, 1, 5), 500},
                             {"d", d(2024, 1, 1), 100},
                             {"d", d(2024, 1, 2), 100},
                             {"d", d(2024, 1, 5), 100},
                             {"e", d(2024, 1, 2), 2000},
                             {"e", d(2024, 1, 3), 2000},
                             {"e", d(2024, 1, 4), 2000}});
  // Last orders 01-01 (a), 01-04 (e), 01-05 (b, c, d): worse 0, 1, 2 of 5 -> R 1, 2, 3.
  // Orders 1 (a, b), 2 (c), 3 (d, e): worse 0, 2, 3 -> F 1, 3, 4.
  // Revenue 3.00 (d), 10.00 (a, b, c), 60.00 (e): worse 0, 1, 4 -> M 1, 2, 5.
  CHECK(summaries(compute_customers(book, {})) ==
        std::vector<std::string>{"a 2024-01-01..2024-01-01 o1 r1000 f0 rr0 R1 F1 M2 Lost",
                                 "b 2024-01-05..2024-01-05 o1 r1000 f0 rr0 R3 F1 M2 Hibernating",
                                 "c 2024-01-01..2024-01-05 o2 r1000 f1 rr500 R3 F3 M2 Hibernating",
                                 "d 2024-01-01..2024-01-05 o3 r300 f2 rr200 R3 F4 M1 Loyal",
                                 "e 2024-01-02..2024-01-04 o3 r6000 f2 rr4000 R2 F4 M5 At risk"});
}

TEST_CASE("RFM scores of ten distinct values are quintiles; all tied is the lowest score",
          "[customers]") {
  std::vector<sale> sales;
  for (int i = 0; i < 10; ++i) {
    sales.push_back({std::string(1, static_cast<char>('a' + i)), d(2024, 1, 1), i + 1});
  }
  const order_book book = book_of(sales);  // the report points into it
  customer_report report = compute_customers(book, {});
  std::string m_scores, r_scores, f_scores;
  for (const char* id : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
    const customer_summary& c = find(report, id);
    m_scores += std::to_string(c.m_score);
    r_scores += std::to_string(c.r_score);
    f_scores += std::to_string(c.f_score);
  }
  CHECK(m_scores == "1122334455");
  CHECK(r_scores == "1111111111");
  CHECK(f_scores == "1111111111");
}

TEST_CASE("Every pair of R and F scores is in exactly one segment", "[customers]") {
  // Rows R 5 down to 1, columns F 1 to 5.
  const char* expected[5][5] = {
      {"New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"},
      {"New", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"},
      {"Hibernating", "Hibernating", "Hibernating", "Loyal", "Loyal"},
      {"Hibernating", "Hibernating", "At risk", "At risk", "Can't lose"},
      {"Lost", "Lost", "At risk", "At risk", "Can't lose"}};
  for (int r = 5; r >= 1; --r) {
    for (int f = 1; f <= 5; ++f) {
      INFO("R " << r << " F " << f);
      CHECK(segment_name(segment_of(r, f)) == expected[5 - r][f - 1]);
    }
  }
}

TEST_CASE("Rows sort by revenue, largest first, ties by customer id", "[customers]") {
  order_book book =
      book_of({{"b", d(2024, 1, 1), 500}, {"c", d(2024, 1, 1), 900}, {"a", d(2024, 1, 2), 500}});
  CHECK(listed(compute_customers(book, {}), {}) == std::vector<std::string>{"c", "a", "b"});
  CHECK(listed(compute_customers(book, {}), sorted_by(sort_key::revenue, true)) ==
        std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("Every column of the listing is a sort key", "[customers]") {
  for (const column& c : customer_columns()) {
    INFO(c.name);
    CHECK(parse_name(kSortKeyNames, c.name).has_value());
  }
}

TEST_CASE("Every sort key, its reverse and --top", "[customers]") {
  customer_report report = compute_customers(kShop, {});
  using ids = std::vector<std::string>;
  CHECK(listed(report, sorted_by(sort_key::customer)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::customer, true)) == ids{"dave", "bob", "alice"});
  CHECK(listed(report, sorted_by(sort_key::orders)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::orders, true)) == ids{"bob", "dave", "alice"});
  CHECK(listed(report, sorted_by(sort_key::aov)) == ids{"dave", "bob", "alice"});
  CHECK(listed(report, sorted_by(sort_key::first_order)) == ids{"dave", "bob", "alice"});
  CHECK(listed(report, sorted_by(sort_key::last_order)) == ids{"dave", "alice", "bob"});
  CHECK(listed(report, sorted_by(sort_key::last_order, true)) == ids{"bob", "alice", "dave"});
  CHECK(listed(report, sorted_by(sort_key::frequency)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::recency)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::t)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::monetary_value)) == ids{"bob", "alice", "dave"});
  CHECK(listed(report, sorted_by(sort_key::days_since_last_order)) == ids{"bob", "alice", "dave"});
  CHECK(listed(report, sorted_by(sort_key::r_score)) == ids{"dave", "alice", "bob"});
  CHECK(listed(report, sorted_by(sort_key::f_score)) == ids{"alice", "bob", "dave"});
  CHECK(listed(report, sorted_by(sort_key::m_score)) == ids{"dave", "bob", "alice"});
  CHECK(listed(report, sorted_by(sort_key::segment)) == ids{"dave", "alice", "bob"});  // New first
  CHECK(listed(report, sorted_by(sort_key::segment, true)) == ids{"bob", "alice", "dave"});
  listing_options top = sorted_by(sort_key::customer);
  top.top = 2;
  CHECK(listed(report, top) == ids{"alice", "bob"});
  top.top = 10;
  CHECK(listed(report, top) == ids{"alice", "bob", "dave"});
}

TEST_CASE("Ratios sort by their exact value, not the rounded one", "[customers]") {
  // z: 1.00 over 3 orders = 0.333..; a: 0.33 over 1. Both show 0.33.
  order_book book = book_of({{"a", d(2024, 1, 1), 33},
                             {"z", d(2024, 1, 1), 34},
                             {"z", d(2024, 1, 2), 33},
                             {"z", d(2024, 1, 3), 33}});
  customer_report report = compute_customers(book, {});
  CHECK(to_string(aov(find(report, "a"))) == "0.33");
  CHECK(to_string(aov(find(report, "z"))) == "0.33");
  CHECK(listed(report, sorted_by(sort_key::aov)) == std::vector<std::string>{"z", "a"});
}

TEST_CASE("The table is the same whatever the order of customers in the book", "[customers]") {
  order_book reversed = book_of(kShopSales, true);
  REQUIRE(reversed.customers[0] == "dave");
  for (sort_key key :
       {sort_key::revenue, sort_key::orders, sort_key::customer, sort_key::monetary_value}) {
    CHECK(csv(compute_customers(reversed, {}), sorted_by(key)) ==
          csv(compute_customers(kShop, {}), sorted_by(key)));
  }
}

TEST_CASE("A customer's revenue that overflows is an error", "[customers]") {
  order_book book = book_of({{"x", d(2024, 5, 1), INT64_MAX}, {"x", d(2024, 5, 2), 1}});
  CHECK_THROWS_WITH(compute_customers(book, {}),
                    "revenue of customer \"x\" is too large to count in cents");
}

TEST_CASE("An empty book gives a table with its header only", "[customers]") {
  customer_report report = compute_customers(order_book{}, {});
  CHECK(report.customers.empty());
  CHECK(csv(report) ==
        "customer,first_order,last_order,orders,revenue,aov,days_since_last_order,frequency,"
        "recency,T,monetary_value,r_score,f_score,m_score,segment\n");
}

TEST_CASE("Customer ids sort in byte order, past their first 8 bytes and past plain ASCII",
          "[customers]") {
  const std::vector<std::string> ids = {"customer-2", "customer-10", "customer-1", "custome",
                                        "customer", std::string("customer\0", 9), "Zoë",
                                        "zoe", "\xff\xfe", "", "c", "customer-1x"};
  std::vector<sale> sales;
  for (const std::string& id : ids) sales.push_back({id, d(2024, 1, 1), 100});
  const order_book book = book_of(sales);
  std::vector<std::string> expected = ids;
  std::sort(expected.begin(), expected.end());  // std::string compares bytes as unsigned
  CHECK(listed(compute_customers(book, {}), sorted_by(sort_key::customer)) == expected);
  // Revenue ties fall back to the same id order.
  CHECK(listed(compute_customers(book, {}), sorted_by(sort_key::revenue)) == expected);
}

TEST_CASE("--top lists the first rows of the whole listing, for every key and its reverse",
          "[customers]") {
  std::vector<sale> sales;
  for (int i = 0; i < 60; ++i) {  // many ties: 7 revenues, 5 order counts, 4 first days
    const std::string id = "c" + std::to_string(i * 37 % 61);
    for (int k = 0; k <= i % 5; ++k) {
      sales.push_back({id, d(2024, 1, 1 + (i + k) % 4), 100 + i % 7});
    }
  }
  const order_book book = book_of(sales);
  const customer_report report = compute_customers(book, {});
  for (sort_key key : {sort_key::revenue, sort_key::orders, sort_key::aov, sort_key::first_order,
                       sort_key::last_order, sort_key::frequency, sort_key::recency, sort_key::t,
                       sort_key::monetary_value, sort_key::customer}) {
    for (bool reverse : {false, true}) {
      listing_options all = sorted_by(key, reverse);
      const std::vector<std::string> whole = listed(report, all);
      REQUIRE(whole.size() == 60);
      for (std::size_t top : {1, 7, 59}) {
        listing_options first = all;
        first.top = top;
        CHECK(listed(report, first) ==
              std::vector<std::string>(whole.begin(), whole.begin() + top));
      }
    }
  }
}
