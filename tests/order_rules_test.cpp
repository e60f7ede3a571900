#include "retain/order_rules.h"

#include <catch2/catch.hpp>

#include "retain/loader.h"
#include "retain/sniff.h"

using namespace retain;  // NOLINT

namespace {

// A plan whose amount column is named `name`.
input_plan plan_with_amount(const std::string& name, amount_kind per = amount_kind::unknown) {
  input_plan plan;
  plan.path = "orders.csv";
  plan.columns = map_columns({"order_id", "customer", "date", name}, {}, "orders.csv", per);
  return plan;
}

}  // namespace

TEST_CASE("Placeholders and missing values are no customer", "[order_rules]") {
  for (const char* id : {"", "NA", "N/A", "n/a", "null", "NULL", "#N/A", "0", "-", "guest", "Guest"}) {
    CHECK(is_missing_customer(id));
  }
  for (const char* id : {"00", "a", "0a", "guests", "--", "c0"}) CHECK_FALSE(is_missing_customer(id));
}

TEST_CASE("A totals row is labelled Total, Totals or Grand total", "[order_rules]") {
  CHECK(is_totals_label("Totals"));
  CHECK(is_totals_label("TOTAL"));
  CHECK(is_totals_label("Grand Total"));
  CHECK_FALSE(is_totals_label("Total 1"));
  CHECK_FALSE(is_totals_label("1001"));
}

TEST_CASE("Only payments received are purchases among account activity", "[order_rules]") {
  for (const char* kind : {"", "Express Checkout Payment", "Website Payment", "Subscription Payment",
                           "Mobile Payment", "General Payment"}) {
    CHECK(is_payment_received(kind));
  }
  for (const char* kind : {"Payment Refund", "General Withdrawal", "General Credit Card Deposit",
                           "Transfer from PayPal Payment Account", "Payment Reversal",
                           "General Currency Conversion", "Fee Reversal", "Payment Sent",
                           "Hold on Balance for Dispute Investigation"}) {
    CHECK_FALSE(is_payment_received(kind));
  }
}

TEST_CASE("The layout or --amount-per decide what the amount column holds", "[order_rules]") {
  load_report report;
  CHECK(decide_amount(plan_with_amount("amount", amount_kind::order_total), 10, 0, report) ==
        amount_kind::order_total);
  CHECK(decide_amount(plan_with_amount("Order Total", amount_kind::line), 10, 10, report) ==
        amount_kind::line);
  CHECK(decide_amount(plan_with_amount("amount"), 0, 0, report) == amount_kind::line);
  CHECK(report.choices.empty());
}

TEST_CASE("An order-total name is taken once unless most orders disagree", "[order_rules]") {
  load_report report;
  CHECK(decide_amount(plan_with_amount("Order Total"), 4, 2, report) == amount_kind::order_total);
  REQUIRE(report.choices.size() == 1);
  CHECK(report.choices[0] ==
        "orders.csv: amount \"Order Total\" is the order's total, repeated on its rows: taken once "
        "per order (they agree in 2 of 4 orders with amounts on several rows)");
  CHECK_THROWS_WITH(decide_amount(plan_with_amount("Grand Total"), 5, 2, report),
                    "orders.csv: the amount column \"Grand Total\" is named as an order's total, "
                    "but the rows of most orders give different amounts (they agree in 2 of 5 "
                    "orders with amounts on several rows); set --amount-per order (the order's "
                    "total, taken once) or --amount-per row (line amounts, added up)");
}

TEST_CASE("A line name is added up; other names by how often the rows differ", "[order_rules]") {
  load_report report;
  CHECK(decide_amount(plan_with_amount("Line Total"), 10, 10, report) == amount_kind::line);
  CHECK(decide_amount(plan_with_amount("total"), 10, 8, report) == amount_kind::line);
  REQUIRE(report.choices.size() == 1);
  CHECK(report.choices[0] ==
        "orders.csv: amount \"total\" holds line amounts: an order's rows are added up (they agree "
        "in only 8 of 10 orders with amounts on several rows; --amount-per order takes one per "
        "order)");
  CHECK_THROWS_WITH(decide_amount(plan_with_amount("amount"), 10, 9, report),
                    "orders.csv: the amount column \"amount\" gives one amount on all the rows of "
                    "most orders (9 of 10 orders with amounts on several rows): it may be the "
                    "order's total repeated on each row, or line amounts that happen to agree; set "
                    "--amount-per order (the order's total, taken once) or --amount-per row (line "
                    "amounts, added up)");
}
