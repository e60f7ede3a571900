#include "retain/loader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "retain/error.h"
#include "test_files.h"

using namespace retain;  // NOLINT
using retain::testing::temp_file;

namespace {

// Loads with no limit on bad rows unless the options set one: most tests look at what is skipped.
loaded_orders load(const std::string& csv, load_options options = {}) {
  if (options.max_bad_rows.percent && options.max_bad_rows.per_mille == 10) {
    options.max_bad_rows.per_mille = 1000;
  }
  return load_orders(options, retain::testing::in_memory({csv}));
}

// "customer day cents" per order, sorted (the book numbers customers in no particular order).
std::vector<std::string> orders_of(const order_book& book) {
  std::vector<std::string> out;
  for (const order& o : book.orders) {
    out.push_back(std::string(book.customers[o.customer]) + " " + iso_date(o.day) + " " +
                  std::to_string(o.cents));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string left_out(const load_report& report) {
  std::string out;
  for (const auto& [reason, count] : report.left_out) {
    out += std::to_string(count) + " " + reason + "; ";
  }
  return out;
}

}  // namespace

TEST_CASE("Each row is an order without an order column", "[loader]") {
  auto loaded = load("customer_id,order_date,amount\nb,2024-01-02,10\na,2024-01-01,5.5\nb,2024-01-02,1\n");
  CHECK(orders_of(loaded.book) ==
        std::vector<std::string>{"a 2024-01-01 550", "b 2024-01-02 100", "b 2024-01-02 1000"});
  CHECK(loaded.book.customers.size() == 2);
  for (std::size_t i = 1; i < loaded.book.orders.size(); ++i) {  // by customer, then by day
    const order& a = loaded.book.orders[i - 1];
    const order& b = loaded.book.orders[i];
    CHECK((a.customer < b.customer || (a.customer == b.customer && a.day <= b.day)));
  }
  CHECK(loaded.report.rows == 3);
  CHECK(loaded.report.orders == 3);
  CHECK(loaded.report.customers == 2);
}

TEST_CASE("Rows sharing an order id are one order wherever they stand", "[loader]") {
  auto loaded = load(
      "order_id,email,date,total\n"
      "1,a@x.com,2024-01-02,10.00\n"
      "2,b@x.com,2024-01-03,7.00\n"
      "1,,,2.50\n"
      "1,A@X.com,2024-01-01,\n");
  CHECK(orders_of(loaded.book) ==
        std::vector<std::string>{"a@x.com 2024-01-01 1250", "b@x.com 2024-01-03 700"});
}

TEST_CASE("Shopify continuation rows, notes over several lines and cancellations", "[loader]") {
  auto loaded = load(
      "Name,Email,Financial Status,Currency,Total,Created at,Notes,Cancelled at\n"
      "#1002,Ann@Shop.com,paid,USD,30.00,2024-02-01 10:00:00 -0500,\"gift\nwrap it\",\n"
      "#1002,Ann@Shop.com,,,,2024-02-01 10:00:00 -0500,,\n"
      "#1003,bob@shop.com,refunded,USD,12.00,2024-02-02 23:30:00 -0500,,\n"
      "#1004,bob@shop.com,paid,USD,99.00,2024-02-03 09:00:00 -0500,,2024-02-03 10:00:00 -0500\n"
      "#1005,,paid,USD,5.00,2024-02-04 09:00:00 -0500,,\n"
      "#1006,cy@shop.com,voided,USD,8.00,2024-02-05 09:00:00 -0500,,\n");
  CHECK(orders_of(loaded.book) ==
        std::vector<std::string>{"ann@shop.com 2024-02-01 3000", "bob@shop.com 2024-02-02 1200"});
  CHECK(left_out(loaded.report) ==
        "1 with status \"cancelled\"; 1 with status \"voided\"; "
        "1 without a customer id; ");
  CHECK(loaded.report.rows == 6);
}

TEST_CASE("UCI line items: quantity times price, C invoices and NA ids", "[loader]") {
  auto loaded = load(
      "\"InvoiceNo\",\"StockCode\",\"Quantity\",\"InvoiceDate\",\"UnitPrice\",\"CustomerID\"\r\n"
      "\"536365\",\"A\",6,\"2010-12-01 08:26:00\",2.55,17850\r\n"
      "\"536365\",\"B\",2,\"2010-12-01 08:26:00\",0.1,17850\r\n"
      "\"C536379\",\"D\",-1,\"2010-12-01 09:41:00\",27.5,14527\r\n"
      "\"536414\",\"E\",56,\"2010-12-01 11:52:00\",0,NA\r\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"17850 2010-12-01 1550"});
  CHECK(left_out(loaded.report) ==
        "1 with status \"cancelled\"; 1 without a customer id; ");
}

TEST_CASE("Bad rows are skipped, counted and shown with their line", "[loader]") {
  auto loaded = load(
      "customer,date,amount\n"
      "a,2024-01-01,1.00\n"
      "b,2024-02-30,1.00\n"
      "c,2024-01-01,12,3x\n"
      "d,2024-01-01\n"
      "e,2024-01-01,1.005\n"
      "f,,1\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-01 100"});
  CHECK(loaded.report.bad_rows == 5);
  const std::string& path = loaded.report.bad_row_messages.at(0).substr(0, loaded.report.bad_row_messages[0].find(':'));
  CHECK(loaded.report.bad_row_messages ==
        std::vector<std::string>{path + ":3: date \"2024-02-30\" is not a valid date",
                                 path + ":4: the row has more fields than the header",
                                 path + ":5: the row has fewer fields than the header",
                                 path + ":6: amount \"1.005\" has more than 2 decimals",
                                 path + ":7: the date is empty"});
}

TEST_CASE("A quote inside an unquoted field is a plain character", "[loader]") {
  auto loaded = load("customer,date,amount\nab\"c,2024-01-01,1.00\nd,2024-01-02,2.00\n"
                     "e\"f,2024-01-03,4.00\n  \"g,h\" ,2024-01-04,8.00\n");
  CHECK(orders_of(loaded.book) ==
        std::vector<std::string>{"ab\"c 2024-01-01 100", "d 2024-01-02 200", "e\"f 2024-01-03 400",
                                 "g,h 2024-01-04 800"});
  CHECK(loaded.report.bad_rows == 0);
}

TEST_CASE("Blank lines are not rows", "[loader]") {
  auto loaded = load("customer,date,amount\n\na,2024-01-01,1\n\r\n  \nb,2024-01-02,x\n\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-01 100"});
  CHECK(loaded.report.rows == 2);
  REQUIRE(loaded.report.bad_row_messages.size() == 1);
  const std::string& message = loaded.report.bad_row_messages[0];
  CHECK(message.substr(message.find(':')) == ":6: amount \"x\" is not a number");
}

TEST_CASE("Line numbers count the lines of multi-line fields", "[loader]") {
  auto loaded = load("customer,note,date,amount\na,\"x\ny\nz\",2024-01-01,1\nb,\"p\nq\",bad,1\n");
  REQUIRE(loaded.report.bad_row_messages.size() == 1);
  const std::string& message = loaded.report.bad_row_messages[0];
  CHECK(message.substr(message.find(':')) == ":5: date \"bad\" is not a date (expected YYYY-MM-DD, "
                                             "an ISO date-time or YYYYMMDD; see --date-format)");
}

TEST_CASE("A bad line item leaves its whole order out", "[loader]") {
  auto loaded = load("order,customer,date,amount\n1,a,2024-01-01,5\n1,a,2024-01-01,x\n2,a,2024-01-02,3\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-02 300"});
  CHECK(left_out(loaded.report) == "1 with a row that could not be read; ");
}

TEST_CASE("Orders whose rows name different customers are left out", "[loader]") {
  auto loaded = load("order,customer,date,amount\n1,a,2024-01-01,5\n1,b,2024-01-01,4\n2,a,2024-01-02,3\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-02 300"});
  CHECK(left_out(loaded.report) == "1 whose rows name different customers; ");
}

TEST_CASE("--strict stops at the first bad row", "[loader]") {
  temp_file file("customer,date,amount\na,2024-01-01,1\nb,2024-01-01,abc\nc,x,1\n");
  load_options options;
  options.paths = {file.path()};
  options.strict = true;
  CHECK_THROWS_WITH(load_orders(options),
                    file.path() + ":3: amount \"abc\" is not a number (--strict)");
}

TEST_CASE("Mixed currencies need --currency", "[loader]") {
  const std::string csv = "customer,date,amount,currency\na,2024-01-01,1,usd\nb,2024-01-01,2,EUR\nc,2024-01-02,3,USD\n";
  CHECK_THROWS_WITH(load(csv),
                    "the input mixes currencies: EUR (1 order), USD (2 orders); choose one with "
                    "--currency CODE");
  load_options options;
  options.currency = "USD";
  auto loaded = load(csv, options);
  CHECK(loaded.report.orders == 2);
  CHECK(left_out(loaded.report) == "1 in a currency other than USD; ");
}

TEST_CASE("Statuses mean what the vocabulary says; --include-status and --exclude-status rule",
          "[loader]") {
  const std::string csv =
      "customer,date,amount,status\na,2024-01-01,1,Completed\nb,2024-01-01,2,Pending\n"
      "c,2024-01-02,3,Cancelled\nd,2024-01-02,4,refunded\ne,2024-01-03,5,Shipped\n";
  auto loaded = load(csv);
  CHECK(orders_of(loaded.book) ==
        std::vector<std::string>{"a 2024-01-01 100", "d 2024-01-02 400", "e 2024-01-03 500"});
  CHECK(left_out(loaded.report) == "1 with status \"Cancelled\"; 1 with status \"Pending\"; ");
  load_options only_completed;
  only_completed.include_statuses = {"completed", "refunded"};
  CHECK(orders_of(load(csv, only_completed).book) ==
        std::vector<std::string>{"a 2024-01-01 100", "d 2024-01-02 400"});
  load_options keep_all;
  keep_all.include_statuses = {"completed", "pending", "cancelled", "refunded", "shipped"};
  CHECK(load(csv, keep_all).report.orders == 5);
  load_options no_shipped;
  no_shipped.exclude_statuses = {"shipped"};
  CHECK(load(csv, no_shipped).report.orders == 2);
}

TEST_CASE("Semicolons, tabs and date formats", "[loader]") {
  load_options semicolon;
  semicolon.delimiter = ';';
  semicolon.date_format = "%d.%m.%Y";
  CHECK(orders_of(load("Kunde;Datum;Umsatz\n7;31.12.2023;\"1,234.50\"\n", [&] {
          auto o = semicolon;
          o.columns[static_cast<std::size_t>(role::customer)] = "Kunde";
          o.columns[static_cast<std::size_t>(role::date)] = "Datum";
          o.columns[static_cast<std::size_t>(role::amount)] = "Umsatz";
          return o;
        }()).book) == std::vector<std::string>{"7 2023-12-31 123450"});
  load_options tab;
  tab.delimiter = '\t';
  CHECK(orders_of(load("customer\tdate\tamount\nx y\t20240105\t$3\n", tab).book) ==
        std::vector<std::string>{"x y 2024-01-05 300"});
}

TEST_CASE("Several files are one data set", "[loader]") {
  temp_file first("order,customer,date,amount\n1,a,2024-01-01,5\n");
  load_options options;
  options.paths = {first.path()};
  auto loaded_first = load_orders(options);
  CHECK(loaded_first.report.orders == 1);
  temp_file second_commas("customer,order,amount,date\na,1,2,2024-01-03\nb,2,1,2024-01-02\n");
  options.paths = {first.path(), second_commas.path()};
  CHECK(orders_of(load_orders(options).book) ==
        std::vector<std::string>{"a 2024-01-01 700", "b 2024-01-02 100"});
}

TEST_CASE("Row order does not change the order book", "[loader]") {
  std::vector<std::string> rows;
  for (int i = 0; i < 200; ++i) {
    rows.push_back(std::to_string(i % 37) + ",c" + std::to_string(i % 11) + ",2024-0" +
                   std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "," +
                   std::to_string(i) + ".0" + std::to_string(i % 10) + "\n");
  }
  auto csv = [&] {
    std::string out = "order,customer,date,amount\n";
    for (const std::string& row : rows) out += row;
    return out;
  };
  const auto expected = orders_of(load(csv()).book);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(rows.begin(), rows.end(), rng);
    CHECK(orders_of(load(csv()).book) == expected);
  }
}

TEST_CASE("Threads and chunk sizes do not change the order book", "[loader]") {
  // Line items in runs (ids one way), then the same rows shuffled (ids every which way).
  std::string in_runs = "order,customer,date,amount,status\n";
  for (int o = 0; o < 300; ++o) {
    for (int item = 0; item <= o % 3; ++item) {
      in_runs += fmt::format("{:05},c{},2024-{:02}-{:02},{}.{:02},{}\n", o, o % 41, 1 + o % 12,
                             1 + (o + item) % 28, o + item, item * 7, o % 17 == 0 ? "void" : "paid");
    }
  }
  std::vector<std::string> lines;
  for (std::size_t start = in_runs.find('\n') + 1; start < in_runs.size();) {
    std::size_t end = in_runs.find('\n', start) + 1;
    lines.push_back(in_runs.substr(start, end - start));
    start = end;
  }
  std::shuffle(lines.begin(), lines.end(), std::mt19937(11));
  std::string shuffled = "order,customer,date,amount,status\n";
  for (const std::string& line : lines) shuffled += line;

  load_options reference;
  const auto expected = orders_of(load(in_runs, reference).book);
  REQUIRE(expected.size() == 282);  // 300 orders, 18 of them void
  for (const std::string* csv : {&in_runs, &shuffled}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      for (std::size_t chunk_bytes : {std::size_t{40}, std::size_t{700}, kDefaultChunkBytes}) {
        load_options options;
        options.threads = threads;
        options.chunk_bytes = chunk_bytes;
        auto loaded = load(*csv, options);
        INFO("threads " << threads << ", chunks of " << chunk_bytes << " bytes");
        CHECK(orders_of(loaded.book) == expected);
        CHECK(loaded.report.rows == 600);
      }
    }
  }
}

TEST_CASE("Inputs with nothing to count give an empty book", "[loader]") {
  CHECK(load("customer,date,amount\n").book.orders.empty());
  auto cancelled = load("customer,date,amount,status\na,2024-01-01,1,cancelled\n");
  CHECK(cancelled.book.orders.empty());
  CHECK(cancelled.book.customers.empty());
  CHECK(left_out(cancelled.report) == "1 with status \"cancelled\"; ");
  temp_file empty("");
  load_options options;
  options.paths = {empty.path()};
  CHECK_THROWS_WITH(load_orders(options), empty.path() + ": the file is empty");
}

namespace {

load_options grouped_by(const std::string& column) {
  load_options options;
  options.columns[static_cast<std::size_t>(role::group)] = column;
  return options;
}

// "group: customer day cents, ..." per group book, in split order.
std::vector<std::string> groups_of(order_book book) {
  std::vector<std::string> out;
  for (group_book& part : split_by_group(std::move(book))) {
    std::string line = part.group + ":";
    for (const std::string& o : orders_of(part.book)) line += " " + o + ",";
    out.push_back(line);
    for (const order& o : part.book.orders) REQUIRE(o.customer < part.book.customers.size());
  }
  return out;
}

}  // namespace

TEST_CASE("--group-by: blank values inherit from the order's rows; differing ones leave it out",
          "[loader][groups]") {
  auto loaded = load(
      "order,customer,date,amount,country\n"
      "1,a,2024-01-01,10,DE\n"
      "1,a,2024-01-01,5,\n"     // a line item without the order's country
      "2,a,2024-02-01,7,US\n"   // a, again, in another group: a customer of each
      "3,b,2024-01-05,3,\n"     // no country at all: the group ""
      "4,c,2024-01-06,4,DE\n"
      "4,c,2024-01-06,4,US\n",  // two countries: left out
      grouped_by("country"));
  CHECK(left_out(loaded.report) == "1 whose rows have different --group-by \"country\" values; ");
  CHECK(loaded.report.orders == 3);
  CHECK(loaded.report.customers == 2);  // a and b, whatever their groups
  CHECK(loaded.book.customers.size() == 3);  // a in DE, a in US, b in ""
  CHECK(groups_of(std::move(loaded.book)) ==
        std::vector<std::string>{": b 2024-01-05 300,", "DE: a 2024-01-01 1500,",
                                 "US: a 2024-02-01 700,"});
}

TEST_CASE("--group-by may name a column another role reads", "[loader][groups]") {
  auto loaded = load("customer,date,amount,status\na,2024-01-01,1,paid\nb,2024-01-02,2,refunded\n"
                     "a,2024-01-03,4,refunded\n",
                     grouped_by("status"));
  CHECK(groups_of(std::move(loaded.book)) ==
        std::vector<std::string>{"paid: a 2024-01-01 100,",
                                 "refunded: a 2024-01-03 400, b 2024-01-02 200,"});
}

TEST_CASE("--group-by: the groups' orders add up to the whole input's, with threads and chunks",
          "[loader][groups]") {
  std::string csv = "order,customer,date,amount,channel\n";
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) {
    const char* channel[] = {"web", "shop", "app", ""};
    csv += fmt::format("{},c{},2024-{:02}-{:02},{}.{:02},{}\n", i / 2, random() % 400,
                       1 + random() % 12, 1 + random() % 28, random() % 100, random() % 100,
                       i % 2 == 1 ? "" : channel[random() % 4]);
  }
  auto whole = load(csv);
  load_options options = grouped_by("channel");
  options.threads = 2;
  options.chunk_bytes = 4096;
  auto grouped = load(csv, options);
  CHECK(grouped.report.orders == whole.report.orders);
  CHECK(grouped.report.customers == whole.report.customers);
  std::vector<std::string> all;
  for (group_book& part : split_by_group(std::move(grouped.book))) {
    for (const std::string& o : orders_of(part.book)) all.push_back(o);
  }
  std::sort(all.begin(), all.end());
  CHECK(all == orders_of(whole.book));
}

TEST_CASE("--group-by names a column of the header", "[loader][groups]") {
  CHECK_THROWS_WITH(load("customer,date,amount\na,2024-01-01,1\n", grouped_by("country")),
                    Catch::Contains("--group-by \"country\" names no column; the header has "
                                    "\"customer\", \"date\", \"amount\""));
}

namespace {

// Loads several inputs given as texts.
loaded_orders load_all(const std::vector<std::string>& csvs, const load_options& options = {}) {
  return load_orders(options, retain::testing::in_memory(csvs));
}

const std::string kLineItems =
    "order_id,customer,date,product,amount\n"
    "1,a,2024-01-02,Mug,10.00\n1,a,2024-01-02,Tee,15.00\n"
    "2,b,2024-01-03,Cap,7.00\n"
    "3,a,2024-02-01,Mug,10.00\n3,a,2024-02-01,Mug,10.00\n3,a,2024-02-01,Bag,4.00\n";

}  // namespace

TEST_CASE("An order given twice (the same file twice) counts once, with a warning", "[loader]") {
  const std::vector<std::string> once = orders_of(load(kLineItems).book);
  CHECK(once == std::vector<std::string>{"a 2024-01-02 2500", "a 2024-02-01 2400", "b 2024-01-03 700"});
  for (unsigned threads : {1u, 2u}) {
    for (std::size_t chunk : {std::size_t{16}, std::size_t{64}, kDefaultChunkBytes}) {
      load_options options;
      options.threads = threads;
      options.chunk_bytes = chunk;
      auto twice = load_all({kLineItems, kLineItems}, options);
      CHECK(orders_of(twice.book) == once);
      REQUIRE(twice.report.warnings.size() == 1);
      CHECK(twice.report.warnings[0] ==
            "3 orders have all their rows repeated the same number of times (the same file "
            "twice, or overlapping exports?): each counted once");
      auto thrice = load_all({kLineItems, kLineItems, kLineItems}, options);
      CHECK(orders_of(thrice.book) == once);
    }
  }
}

TEST_CASE("An order whose rows all repeat side by side counts once; a repeated line among others stays",
          "[loader]") {
  auto loaded = load(
      "order_id,customer,date,amount\n"
      "1,a,2024-01-02,10.00\n1,a,2024-01-02,10.00\n1,a,2024-01-02,4.00\n1,a,2024-01-02,4.00\n"
      "2,b,2024-01-03,7.00\n2,b,2024-01-03,7.00\n2,b,2024-01-03,3.00\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-02 1400", "b 2024-01-03 1700"});
  CHECK(loaded.report.warnings.size() == 1);
}

TEST_CASE("Rows without an order id are each an order, repeated or not", "[loader]") {
  auto loaded = load_all({"customer,date,amount\na,2024-01-02,10.00\na,2024-01-02,10.00\n",
                          "customer,date,amount\na,2024-01-02,10.00\n"});
  CHECK(loaded.report.orders == 3);
  CHECK(loaded.report.warnings.empty());
}

TEST_CASE("An order total on every row is taken once; orders whose rows disagree are left out",
          "[loader]") {
  auto loaded = load(
      "order_id,email,date,item,Order Total\n"
      "1,a@x.com,2024-01-02,Mug,30.00\n1,a@x.com,2024-01-02,Tee,30.00\n"
      "2,b@x.com,2024-01-03,Cap,15.00\n"
      "3,a@x.com,2024-02-01,Mug,20.00\n3,a@x.com,2024-02-01,Tee,22.00\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a@x.com 2024-01-02 3000", "b@x.com 2024-01-03 1500"});
  CHECK(left_out(loaded.report) == "1 whose rows give different order totals; ");
  load_options rows;
  rows.amount_per = amount_kind::line;
  CHECK(load("order_id,email,date,item,Order Total\n1,a@x.com,2024-01-02,Mug,30.00\n"
             "1,a@x.com,2024-01-02,Tee,30.00\n", rows).book.orders[0].cents == 6000);
}

TEST_CASE("Line amounts are added up when an order's rows differ; agreeing rows need --amount-per",
          "[loader]") {
  auto loaded = load(kLineItems);
  REQUIRE(loaded.report.choices.size() == 1);
  CHECK(loaded.report.choices[0].find("amount \"amount\" holds line amounts") != std::string::npos);
  const std::string agreeing =
      "order_id,customer,date,item,amount\n1,a,2024-01-02,Mug,10.00\n1,a,2024-01-02,Tee,10.00\n";
  temp_file file(agreeing);
  load_options options;
  options.paths = {file.path()};
  CHECK_THROWS_WITH(load_orders(options),
                    file.path() + ": the amount column \"amount\" gives one amount on all the rows of "
                    "most orders (1 of 1 order with amounts on several rows): it may be the order's "
                    "total repeated on each row, or line amounts that happen to agree; set "
                    "--amount-per order (the order's total, taken once) or --amount-per row (line "
                    "amounts, added up)");
  options.amount_per = amount_kind::order_total;
  CHECK(load_orders(options).book.orders[0].cents == 1000);
}

TEST_CASE("Negative amounts are refunds or credits, not purchases", "[loader]") {
  auto loaded = load("customer,date,amount\na,2024-01-02,40.00\na,2024-01-20,-40.00\nb,2024-01-03,5.00\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-02 4000", "b 2024-01-03 500"});
  CHECK(left_out(loaded.report) == "1 with a negative amount (refunds or credits, not purchases); ");
}

TEST_CASE("Refunds: gross by default, --net subtracts them and leaves full refunds out", "[loader]") {
  const std::string csv =
      "Transaction ID,From Email Address,Date,Gross,Status,Reference Txn ID\n"
      "T1,a@x.com,2024-01-02,40.00,Completed,\n"
      "T2,b@x.com,2024-01-03,25.00,Completed,\n"
      "T3,shop@x.com,2024-01-09,-10.00,Completed,T1\n"
      "T4,shop@x.com,2024-01-10,-25.00,Completed,T2\n"
      "T5,shop@x.com,2024-01-11,-5.00,Completed,T9\n"
      "T6,c@x.com,2024-01-12,30.00,Refunded,\n";
  auto gross = load(csv);
  CHECK(orders_of(gross.book) ==
        std::vector<std::string>{"a@x.com 2024-01-02 4000", "b@x.com 2024-01-03 2500", "c@x.com 2024-01-12 3000"});
  CHECK(left_out(gross.report) == "1 (refunds of orders not in the input); ");
  CHECK(gross.report.refunds.orders == 3);
  CHECK(gross.report.refunds.in_full == 2);
  CHECK(gross.report.refunds.status_only == 1);
  CHECK(gross.report.refunds.cents == 1000 + 2500 + 3000);
  CHECK(gross.report.refunds.unmatched == 1);
  CHECK(gross.report.refunds.unmatched_cents == 500);
  load_options net;
  net.net = true;
  auto netted = load(csv, net);
  CHECK(orders_of(netted.book) == std::vector<std::string>{"a@x.com 2024-01-02 3000"});
  CHECK(left_out(netted.report) ==
        "1 (refunds of orders not in the input); 2 refunded in full (--net); ");
}

TEST_CASE("Guests without a customer id are told apart by their e-mail", "[loader]") {
  auto loaded = load(
      "Order ID,Customer ID,Customer Email,Order Date,Order Total\n"
      "1,12,ann@x.com,2024-01-02,10.00\n2,0,Eve@X.com,2024-01-03,20.00\n"
      "3,0,bob@x.com,2024-01-04,5.00\n4,guest,,2024-01-05,7.00\n5,,eve@x.com,2024-02-01,1.00\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"12 2024-01-02 1000", "bob@x.com 2024-01-04 500",
                                                           "eve@x.com 2024-01-03 2000", "eve@x.com 2024-02-01 100"});
  CHECK(left_out(loaded.report) == "1 without a customer id; ");
}

TEST_CASE("A cancellation column cancels whatever the status lists say", "[loader]") {
  const std::string csv = "customer,date,amount,status,cancelled_at\na,2024-01-02,10,paid,2024-01-03\n"
                          "b,2024-01-03,5,refunded,\nc,2024-01-04,6,paid,\n";
  load_options options;
  options.exclude_statuses = {"refunded"};
  CHECK(orders_of(load(csv, options).book) == std::vector<std::string>{"c 2024-01-04 600"});
  options.exclude_statuses = {};
  options.include_statuses = {"paid"};
  CHECK(orders_of(load(csv, options).book) == std::vector<std::string>{"c 2024-01-04 600"});
}

TEST_CASE("Currency signs in amounts are currencies; a blank currency is a value of its own",
          "[loader]") {
  CHECK_THROWS_WITH(load("customer,date,amount\na,2024-01-01,$10.00\nb,2024-01-02,€20.00\n"),
                    "the input mixes currencies: $ (1 order), EUR (1 order); choose one with "
                    "--currency CODE");
  const std::string blank = "customer,date,amount,currency\na,2024-01-01,10,USD\nb,2024-01-02,20,\n";
  CHECK_THROWS_WITH(load(blank), "the input mixes currencies: (blank) (1 order), USD (1 order); "
                                 "choose one with --currency CODE");
  load_options usd;
  usd.currency = "USD";
  auto loaded = load(blank, usd);
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a 2024-01-01 1000"});
  CHECK(left_out(loaded.report) == "1 without a currency (--currency counts only its own); ");
}

TEST_CASE("More bad rows than --max-bad-rows end the run with the commonest reason and examples",
          "[loader]") {
  temp_file file("customer,date,amount\na,12/31/2023,1\nb,01/15/2024,2\nc,01/05/2024,x\n"
                 "d,02/20/2024,4\ne,01/05/2024,5\n");
  load_options options;
  options.paths = {file.path()};
  options.date_format = "%d/%m/%Y";  // the wrong way round
  const std::string reads = " does not match --date-format (--date-format %m/%d/%Y reads it)";
  CHECK_THROWS_WITH(load_orders(options),
                    "4 of 5 rows (80.0%) could not be read, more than --max-bad-rows 1% allows; most "
                    "have a date that cannot be read (3 rows); " +
                        file.path() + ":2: date \"12/31/2023\"" + reads + "; " + file.path() +
                        ":3: date \"01/15/2024\"" + reads + "; " + file.path() +
                        ":5: date \"02/20/2024\"" + reads);
  options.max_bad_rows = *bad_row_budget::parse("4");
  CHECK(load_orders(options).report.bad_rows == 4);
  options.max_bad_rows = *bad_row_budget::parse("79.9%");
  CHECK_THROWS(load_orders(options));
  options.max_bad_rows = *bad_row_budget::parse("80%");
  CHECK(load_orders(options).report.orders == 1);
}

TEST_CASE("--max-bad-rows reads a count or a share", "[loader]") {
  CHECK(bad_row_budget::parse("25")->allowed(1000) == 25);
  CHECK(bad_row_budget::parse("0.5%")->allowed(1000) == 5);
  CHECK(bad_row_budget::parse("1%")->allowed(99) == 0);
  CHECK(bad_row_budget::parse("100%")->allowed(7) == 7);
  CHECK(bad_row_budget::parse("0.5%")->describe() == "0.5%");
  for (const char* bad : {"", "%", "x", "1.5", "101%", "1.55%", "-1", "5 %"}) {
    CHECK_FALSE(bad_row_budget::parse(bad).has_value());
  }
}

TEST_CASE("The separator is the one the header uses most", "[loader]") {
  CHECK(load("customer;date;amount\na;2024-01-01;1,50\n").book.orders[0].cents == 150);
  CHECK(load("customer\tdate\tamount\na\t2024-01-01\t2\n").book.orders[0].cents == 200);
  CHECK(load("customer|date|amount\na|2024-01-01|3\n").book.orders[0].cents == 300);
  temp_file tie("a,b;c\n1,2;3\n");
  load_options options;
  options.paths = {tie.path()};
  CHECK_THROWS_WITH(load_orders(options),
                    tie.path() + ":1: the header has as many \",\" as \";\"; set --delimiter");
}

TEST_CASE("A spreadsheet's totals row is not an order", "[loader]") {
  auto loaded = load("Purchase ID,Purchase Email,Purchase Date,Sale Price ($)\n"
                     "p1,a@x.com,2024-01-08,10.0\np2,b@x.com,2024-01-09,5.0\nTotals,,,15.0\n");
  CHECK(loaded.report.orders == 2);
  CHECK(left_out(loaded.report) == "1 (a spreadsheet's totals row); ");
}

TEST_CASE("Account activity: only payments received are purchases", "[loader]") {
  auto loaded = load(
      "Date,Type,Status,Gross,From Email Address,Transaction ID,Reference Txn ID\n"
      "2024-01-02,Express Checkout Payment,Completed,40.00,a@x.com,T1,\n"
      "2024-01-03,General Credit Card Deposit,Completed,500.00,shop@x.com,T2,\n"
      "2024-01-04,General Withdrawal,Completed,-60.00,shop@x.com,T3,\n"
      "2024-01-05,Website Payment,Completed,25.00,b@x.com,T4,\n"
      "2024-01-06,Transfer from PayPal Payment Account,Completed,30.00,shop@x.com,T5,\n");
  CHECK(orders_of(loaded.book) == std::vector<std::string>{"a@x.com 2024-01-02 4000", "b@x.com 2024-01-05 2500"});
  CHECK(left_out(loaded.report) ==
        "3 whose type is not a payment received (a transfer, a deposit, a fee, ...); ");
}

TEST_CASE("Each input's amount column is read by its own rule", "[loader]") {
  const std::string totals =
      "order_id,email,date,item,Order Total\n"
      "101,a@x.com,2024-01-02,Mug,30.00\n101,a@x.com,2024-01-02,Tee,30.00\n"
      "102,b@x.com,2024-01-03,Cap,15.00\n";
  const std::vector<std::string> expected = {"a 2024-01-02 2500", "a 2024-02-01 2400",
                                             "a@x.com 2024-01-02 3000", "b 2024-01-03 700",
                                             "b@x.com 2024-01-03 1500"};
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(sorted(orders_of(load_all({totals, kLineItems}).book)) == expected);
  CHECK(sorted(orders_of(load_all({kLineItems, totals}).book)) == expected);
}

TEST_CASE("A column read by two roles keeps its text for --group-by", "[loader]") {
  // The currency column is compared in upper case, but grouped by as written.
  auto loaded = load("customer,date,amount,currency\na,2024-01-01,5.00,usd\nb,2024-01-02,7.00,usd\n",
                     grouped_by("currency"));
  REQUIRE_FALSE(loaded.book.group_names.empty());
  CHECK(loaded.book.group_names[0] == "usd");
}
