#include "retain/columns.h"

#include <catch2/catch.hpp>

using namespace retain;  // NOLINT

namespace {
column_map map_of(std::vector<std::string> header, column_names chosen = {}) {
  return map_columns(std::move(header), chosen, "orders.csv");
}
}  // namespace

TEST_CASE("Generic headers are detected ignoring case and punctuation", "[columns]") {
  column_map m = map_of({"Order ID", "customer_id", "ORDER-DATE", "Total", "status", "x"});
  CHECK(m.describe() ==
        "customer=\"customer_id\" date=\"ORDER-DATE\" amount=\"Total\" order=\"Order ID\" "
        "status=\"status\"");
  CHECK_FALSE(m.c_invoices_cancel);
}

TEST_CASE("A Shopify orders export maps Name to the order", "[columns]") {
  column_map m = map_of({"Name", "Email", "Financial Status", "Paid at", "Currency", "Subtotal",
                         "Total", "Created at", "Lineitem quantity", "Lineitem price",
                         "Cancelled at", "Id"});
  CHECK(m.describe() ==
        "customer=\"Email\" date=\"Created at\" amount=\"Total\" order=\"Name\" "
        "status=\"Financial Status\" currency=\"Currency\" cancelled-at=\"Cancelled at\"");
}

TEST_CASE("UCI Online Retail computes amounts and knows C invoices", "[columns]") {
  column_map m = map_of({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                         "UnitPrice", "CustomerID", "Country"});
  CHECK(m.describe() ==
        "customer=\"CustomerID\" date=\"InvoiceDate\" order=\"InvoiceNo\" quantity=\"Quantity\" "
        "price=\"UnitPrice\"");
  CHECK(m.c_invoices_cancel);
}

TEST_CASE("A Stripe payments export: one charge is one order; guests by e-mail", "[columns]") {
  column_map m = map_of({"id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Status",
                         "Customer ID", "Customer Email", "Invoice ID"});
  CHECK(m.describe() ==
        "customer=\"Customer ID\" date=\"Created (UTC)\" amount=\"Amount\" order=\"id\" "
        "status=\"Status\" currency=\"Currency\" email=\"Customer Email\" "
        "refunded=\"Amount Refunded\"");
  CHECK(m.platform == "Stripe payments export");
  CHECK(m.amount == amount_kind::order_total);
}

TEST_CASE("WooCommerce exports prefer the e-mail to the customer name", "[columns]") {
  column_map m = map_of({"Order #", "Date", "Status", "Customer", "Billing Email", "Net Sales"});
  CHECK(m.describe() ==
        "customer=\"Billing Email\" date=\"Date\" amount=\"Net Sales\" order=\"Order #\" "
        "status=\"Status\"");
}

TEST_CASE("Flags choose columns by exact name, then case, then punctuation", "[columns]") {
  column_names chosen;
  chosen[static_cast<std::size_t>(role::customer)] = "buyer";
  chosen[static_cast<std::size_t>(role::date)] = "PAID AT";
  chosen[static_cast<std::size_t>(role::amount)] = "net_total";
  column_map m = map_of({"Buyer", "paid_at", "Net Total", "created_at"}, chosen);
  CHECK(m.describe() == "customer=\"Buyer\" date=\"paid_at\" amount=\"Net Total\"");
}

TEST_CASE("Quantity and price flags replace a detected amount", "[columns]") {
  column_names chosen;
  chosen[static_cast<std::size_t>(role::quantity)] = "units";
  chosen[static_cast<std::size_t>(role::price)] = "each";
  column_map m = map_of({"email", "date", "total", "units", "each"}, chosen);
  CHECK_FALSE(m.has(role::amount));
  CHECK(m.name(role::quantity) == "units");
}

TEST_CASE("Missing and ambiguous columns are errors that list the header", "[columns]") {
  CHECK_THROWS_WITH(map_of({"when", "total"}),
                    "orders.csv: no customer column found; set --customer NAME (the header has "
                    "\"when\", \"total\")");
  CHECK_THROWS_WITH(map_of({"email", "total"}),
                    "orders.csv: no order date column found; set --date NAME (the header has "
                    "\"email\", \"total\")");
  CHECK_THROWS_WITH(map_of({"email", "date", "quantity"}),
                    "orders.csv: no amount (or quantity and unit price) column found; set "
                    "--amount NAME, or --quantity and --price (the header has \"email\", \"date\", "
                    "\"quantity\")");
  CHECK_THROWS_WITH(map_of({"Email", "email", "date", "total"}),
                    "orders.csv: 2 columns could be the customer column (\"Email\", \"email\"); "
                    "choose one with --customer");
  column_names chosen;
  chosen[static_cast<std::size_t>(role::customer)] = "client";
  CHECK_THROWS_WITH(map_of({"email", "date", "total"}, chosen),
                    "orders.csv: --customer \"client\" names no column; the header has \"email\", "
                    "\"date\", \"total\"");
}

TEST_CASE("A header that repeats a name says so", "[columns]") {
  CHECK_THROWS_WITH(map_of({"email", "date", "amount", "email"}),
                    "orders.csv: columns 1 and 4 are both named \"email\"; rename one of them in "
                    "the header");
  column_names chosen;
  chosen[static_cast<std::size_t>(role::amount)] = "Total";
  CHECK_THROWS_WITH(map_of({"Email", "Total", "Created at", "Total", "Total"}, chosen),
                    "orders.csv: columns 2, 4 and 5 are all named \"Total\"; rename all but one "
                    "in the header");
}

TEST_CASE("A huge header is listed only in part", "[columns]") {
  std::vector<std::string> header;
  for (int i = 0; i < 100000; ++i) header.push_back("c" + std::to_string(i));
  try {
    map_of(header);
    FAIL("no error");
  } catch (const std::exception& e) {
    std::string message = e.what();
    CHECK(message.size() < 600);
    CHECK(message.find("and 99960 more") != std::string::npos);
  }
}

TEST_CASE("A platform layout's column that the header repeats is refused", "[columns]") {
  CHECK_THROWS_WITH(map_of({"Name", "Email", "Financial Status", "Lineitem quantity", "Total",
                            "Created at", "Total"}),
                    "orders.csv: columns 5 and 7 are both named \"Total\"; rename one of them in "
                    "the header");
}
