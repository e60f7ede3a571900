#include "retain/report.h"

#include <catch2/catch.hpp>

#include "retain/customers.h"
#include "retain/format.h"
#include "retain/row_sink.h"
#include "test_books.h"

using namespace retain;  // NOLINT
using retain::testing::d;

namespace {

order_book seven() { return retain::testing::seven_customers(); }

std::string csv(const table& t) { return render(t, output_format::csv); }

}  // namespace

TEST_CASE("The Lorenz curve takes the customers largest first, a point per customer", "[report]") {
  const report_tables report = compute_report(seven(), {});
  // Revenue 130.00 70.00 60.00 35.00 21.01 15.00 5.00 of 336.01.
  CHECK(csv(report.concentration) ==
        "customer_share,revenue_share\n0.0000,0.0000\n0.1429,0.3869\n0.2857,0.5952\n"
        "0.4286,0.7738\n0.5714,0.8780\n0.7143,0.9405\n0.8571,0.9851\n1.0000,1.0000\n");
}

TEST_CASE("Segments count every customer and add up to the revenue", "[report]") {
  const report_tables report = compute_report(seven(), {});
  const table listing = customers_table(compute_customers(seven(), {}), {});
  std::int64_t customers = 0;
  std::int64_t cents = 0;
  for (const auto& row : report.segments.rows) {
    std::int64_t in_listing = 0;
    for (const auto& c : listing.rows)
      in_listing += std::get<std::string>(c.back()) == std::get<std::string>(row[0]);
    CHECK(std::get<std::int64_t>(row[1]) == in_listing);
    customers += std::get<std::int64_t>(row[1]);
    cents += std::get<decimal>(row[3]).units;
  }
  CHECK(customers == 7);
  CHECK(cents == 33601);
  CHECK(report.segments.rows.size() == 8);
}

TEST_CASE("The headline compares with the period of the same length just before", "[report]") {
  report_options options;
  options.windows.from = d(2024, 3, 1);
  options.windows.to = d(2024, 4, 30);
  const report_tables report = compute_report(seven(), options);
  REQUIRE(report.headline.rows.size() == 2);
  CHECK(report.previous_from == "2023-12-31");  // 61 days before 2024-03-01
  CHECK(report.previous_to == "2024-02-29");
  CHECK(plain_text(report.headline.rows[0][4]) == "2");          // orders in March and April
  CHECK(plain_text(report.headline.rows[1][4]) == "14");         // in January and February
  CHECK(compute_report(seven(), {}).headline.rows.size() == 1);  // nothing before the first order
}

TEST_CASE("Windows cut short by the data are partial", "[report]") {
  const report_tables report = compute_report(seven(), {});
  // January starts on the first order's day, the 1st; April ends on the last order's, the 4th.
  CHECK(report.partial == std::vector<bool>{false, false, false, true});
  CHECK(report.cohorts.rows.size() == 1);  // every customer first ordered in January
}

TEST_CASE("The page escapes hostile group values and fetches nothing", "[report]") {
  order_book book = seven();
  book.group_names = {"<script>alert(1)</script>", "\" onload=\"alert(1)"};
  book.customer_groups = {0, 1, 0, 1, 0, 1, 0};
  report_options options;
  options.group_column = "<b>country</b>";
  const report_tables report = compute_report(std::move(book), options);
  REQUIRE(report.groups.size() == 2);
  const std::string page = render_report_html(
      report, {"retain report 'x<y>.csv'", "retain: read 16 rows\n", options.group_column});
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("\" onload") == std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&quot; onload=&quot;alert(1)") != std::string::npos);
  CHECK(page.find("content=\"default-src 'none'; style-src 'unsafe-inline'\"") !=
        std::string::npos);
  CHECK(page.find("://") == std::string::npos);  // no address of any kind
}

TEST_CASE("The workbook of the report is one zip of its sheets", "[report]") {
  string_sink out;
  write_report_xlsx(compute_report(seven(), {}), out);
  CHECK(out.text().substr(0, 4) == "PK\x03\x04");
}
