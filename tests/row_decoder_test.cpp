#include "retain/row_decoder.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "retain/loader.h"
#include "retain/sniff.h"

using namespace retain;  // NOLINT

namespace {

// A row as the parser hands it over: fields by role, in buffers the decoder may rewrite.
class row_of {
 public:
  row_of(const input_plan& plan, std::vector<std::string> values) : values_(std::move(values)) {
    fields_.fill(nullptr);
    for (std::size_t r = 0; r < kRoleCount; ++r) {
      const int column = plan.columns.index[r];
      if (column >= 0 && plan.columns.reader(static_cast<role>(r)) == static_cast<role>(r)) {
        fields_[r] = values_[static_cast<std::size_t>(column)].data();
      }
    }
  }
  const row_fields& fields() const { return fields_; }

 private:
  std::vector<std::string> values_;
  row_fields fields_;
};

struct decoding {
  input_plan plan;
  load_options options;
  decoding(std::vector<std::string> header, std::vector<std::vector<std::string>> sample,
           load_options with = {})
      : options(std::move(with)) {
    plan = plan_input(std::move(header), sample, options, "orders.csv");
  }
  decoded_row decode(row_decoder& decoder, std::vector<std::string> values) {
    row_of row(plan, std::move(values));
    decoded_row out;
    decoder.decode(row.fields(), out);
    // Views into the row's buffers would dangle: keep the tests to owned copies.
    texts = {std::string(out.order_id), std::string(out.customer), out.currency,
             std::string(out.status.text), std::string(out.email), std::string(out.group)};
    return out;
  }
  std::vector<std::string> texts;  // order id, customer, currency, status, email, group
};

}  // namespace

TEST_CASE("A row becomes its order's day, cents, customer and currency", "[row_decoder]") {
  decoding d({"Order", "Customer", "Date", "Total", "Currency"},
             {{"1", "a@x.com", "2024-01-31", "1,234.50", "usd"}});
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"#7", "Ann@X.com", "2024-01-31 10:00", "1,234.50", "usd"});
  CHECK(row.problem == nullptr);
  CHECK(d.texts[0] == "#7");
  CHECK(row.line_item);
  CHECK(d.texts[1] == "ann@x.com");  // e-mail addresses compare ignoring case
  CHECK(row.has_day);
  CHECK(row.day == days_from_civil(2024, 1, 31));
  CHECK(row.has_amount);
  CHECK(row.cents == 123450);
  CHECK(d.texts[2] == "USD");
  CHECK_FALSE(row.refund);
  CHECK(row.status.included);
}

TEST_CASE("A row that cannot be read says what and why, and keeps its order id", "[row_decoder]") {
  decoding d({"Order", "Customer", "Date", "Total"}, {{"1", "a", "2024-01-31", "10.00"}});
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"9", "a", "31.01.2024", "10.00"});
  CHECK(std::string(row.problem) == "a date that cannot be read");
  CHECK(row.reason.rfind("date \"31.01.2024\" is not a date (", 0) == 0);
  CHECK(row.reason.find("(--date-format %d.%m.%Y reads it)") != std::string::npos);
  CHECK(d.texts[0] == "9");
  CHECK(row.line_item);

  row = d.decode(decoder, {"9", "a", "2024-01-31", "ten"});
  CHECK(std::string(row.problem) == "an amount that cannot be read");
  CHECK(row.reason.rfind("amount \"ten\" ", 0) == 0);

  row = d.decode(decoder, {"", "a", "", "10.00"});
  CHECK(std::string(row.problem) == "an empty date");
  CHECK_FALSE(row.line_item);
}

TEST_CASE("Quantity times price is the amount without an amount column", "[row_decoder]") {
  decoding d({"InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice"},
             {{"536365", "17850", "12/13/2010 8:26", "6", "2.55"}});
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"536365", "17850", "12/1/2010 8:26", "6", "2.55"});
  CHECK(row.problem == nullptr);
  CHECK(row.cents == 1530);
  row = d.decode(decoder, {"536365", "17850", "12/1/2010 8:26", "1.5", "2.55"});
  CHECK(std::string(row.problem) == "a quantity that cannot be read");
  // A UCI 'C' invoice is a cancellation, whatever the status lists say.
  row = d.decode(decoder, {"C536379", "14527", "12/1/2010 9:41", "-1", "27.50"});
  CHECK(row.status.excluded);
  CHECK(d.texts[3] == "cancelled");
}

TEST_CASE("A negative row that names another order is a refund of it", "[row_decoder]") {
  load_options options;
  options.columns[static_cast<std::size_t>(role::order)] = "Transaction ID";
  options.columns[static_cast<std::size_t>(role::customer)] = "Name";
  options.columns[static_cast<std::size_t>(role::refund_of)] = "Reference Txn ID";
  decoding d({"Transaction ID", "Name", "Date", "Gross", "Reference Txn ID"},
             {{"T1", "Ann", "2024-01-02", "50.00", ""}}, options);
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"T2", "Shop", "2024-01-09", "-20.00", "T1"});
  CHECK(row.problem == nullptr);
  CHECK(row.refund);
  CHECK(row.refund_link);
  CHECK(d.texts[0] == "T1");  // the order it refers to
  CHECK(row.refunded == 2000);
  CHECK_FALSE(row.has_amount);
  CHECK_FALSE(row.has_day);   // the refund's day is not the order's
  CHECK(d.texts[1].empty());  // nor is its name the buyer's
}

TEST_CASE("Statuses mean what the vocabulary and the flags say", "[row_decoder]") {
  decoding d({"Order", "Customer", "Date", "Total", "Status"},
             {{"1", "a", "2024-01-31", "10.00", "paid"}});
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"1", "a", "2024-01-31", "10.00", "Storniert"});
  CHECK(row.status.excluded);
  CHECK(d.texts[3] == "Storniert");
  row = d.decode(decoder, {"2", "a", "2024-01-31", "10.00", "Refunded"});
  CHECK(row.status.refunded);
  CHECK_FALSE(row.status.excluded);
  row = d.decode(decoder, {"3", "a", "2024-01-31", "10.00", "on the moon"});
  CHECK(row.status.unknown);
  CHECK(d.texts[3] == "on the moon");
  row = d.decode(decoder, {"4", "a", "2024-01-31", "10.00", "paid"});
  CHECK_FALSE(row.status.unknown);
  CHECK(d.texts[3].empty());

  load_options only_paid;
  only_paid.include_statuses = {"paid"};
  decoding include({"Order", "Customer", "Date", "Total", "Status"},
                   {{"1", "a", "2024-01-31", "10.00", "paid"}}, only_paid);
  row_decoder strict(include.plan, include.options);
  CHECK(include.decode(strict, {"1", "a", "2024-01-31", "10.00", "Paid"}).status.included);
  CHECK_FALSE(include.decode(strict, {"2", "a", "2024-01-31", "10.00", "pending"}).status.included);
  CHECK_FALSE(include.decode(strict, {"3", "a", "2024-01-31", "10.00", ""}).status.included);
}

TEST_CASE("An amount in one currency and a currency column saying another is a bad row", "[row_decoder]") {
  decoding d({"Order", "Customer", "Date", "Total", "Currency"},
             {{"1", "a", "2024-01-31", "10.00", "EUR"}});
  row_decoder decoder(d.plan, d.options);
  decoded_row row = d.decode(decoder, {"1", "a", "2024-01-31", "USD 10.00", "eur"});
  CHECK(std::string(row.problem) == "amounts in two currencies");
  CHECK(row.reason == "the amount is in USD but the currency column says EUR");
}

TEST_CASE("A row labelled Totals without a date is a totals row", "[row_decoder]") {
  decoding d({"Order", "Customer", "Date", "Total"}, {{"1", "a", "2024-01-31", "10.00"}});
  row_decoder decoder(d.plan, d.options);
  CHECK(d.decode(decoder, {"Totals", "", "", "120.00"}).totals_row);
  CHECK_FALSE(d.decode(decoder, {"Totals", "a", "2024-01-31", "120.00"}).totals_row);
}
