#include "retain/sniff.h"

#include <catch2/catch.hpp>

#include "retain/loader.h"

using namespace retain;  // NOLINT

namespace {

input_plan plan(std::vector<std::string> header, std::vector<std::vector<std::string>> sample,
                load_options options = {}) {
  return plan_input(std::move(header), sample, options, "orders.csv");
}

}  // namespace

TEST_CASE("A plan names the platform its header shows", "[sniff]") {
  input_plan p = plan({"id", "Created (UTC)", "Amount", "Amount Refunded", "Status", "Customer ID"},
                      {{"ch_1", "2024-01-06 14:22", "40.00", "0.00", "Paid", "cus_1"}});
  CHECK(p.columns.platform == "Stripe payments export");
  CHECK(p.choices == std::vector<std::string>{"recognised the Stripe payments export"});
  CHECK(p.date_format.empty());
  CHECK(p.decimal_mark == '.');
}

TEST_CASE("The date layout and the decimal mark come from the sample", "[sniff]") {
  input_plan p = plan({"customer", "date", "amount"},
                      {{"a", "31/12/2023", "12,50"}, {"b", "05/01/2024", "1.234,00"}});
  CHECK(p.date_format == "%d/%m/%Y");
  CHECK(p.decimal_mark == ',');
  REQUIRE(p.choices.size() == 2);
  CHECK(p.choices[0] == "dates read as day/month/year (%d/%m/%Y)");
  CHECK(p.choices[1].rfind("amounts have a decimal comma (", 0) == 0);
}

TEST_CASE("Flags fix what the sample would decide", "[sniff]") {
  load_options options;
  options.date_format = "%m/%d/%Y";
  options.decimal_mark = '.';
  input_plan p = plan({"customer", "date", "amount"}, {{"a", "03/04/2024", "1,234"}}, options);
  CHECK(p.date_format == "%m/%d/%Y");
  CHECK(p.decimal_mark == '.');
  CHECK(p.choices.empty());
}

TEST_CASE("A sample that leaves the day/month order or the decimal mark open is refused",
          "[sniff]") {
  CHECK_THROWS_WITH(plan({"customer", "date", "amount"}, {{"a", "03/04/2024", "1.00"}}),
                    "orders.csv: column \"date\": dates such as \"03/04/2024\" could be day/month "
                    "or month/day; set --date-format %d/%m/%Y or --date-format %m/%d/%Y");
  CHECK_THROWS_WITH(plan({"customer", "date", "amount"}, {{"a", "2024-01-01", "1,234"}}),
                    "orders.csv: no amount in the sample shows the decimal mark, and \"1,234\" has "
                    "3 digits after ',', a group of thousands or 3 decimals: set --decimal-point "
                    "(1,234.50) or --decimal-comma (1.234,50)");
}

TEST_CASE("Customers told apart by name only are a warning", "[sniff]") {
  input_plan names = plan({"Date", "Client", "Total"},
                          {{"2024-01-01", "A. Martin", "1"}, {"2024-01-02", "B. Roux", "2"}});
  CHECK(names.warnings == std::vector<std::string>{
                              "customers are told apart by the name in \"Client\" (no id or "
                              "e-mail): two customers of one name count as one"});
  input_plan ids = plan({"Date", "customer", "Total"}, {{"2024-01-01", "c1", "1"}});
  CHECK(ids.warnings.empty());
}
