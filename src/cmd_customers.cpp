// retain customers: one row per customer with totals, the BTYD summary and RFM segments.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "retain/cli.h"
#include "retain/customers.h"
#include "retain/error.h"

namespace retain {
namespace {

struct customers_flags {
  input_flags input;
  output_flags output;
  std::string as_of;
  window_flags span;        // --from, --to
  listing_options listing;  // --time-unit, --sort, --reverse
  std::size_t top = 0;      // 0: all
};


// "left out 3 orders after --as-of 2024-03-31, 2 before --from 2024-01-01, and 1 customer with
// no order by then"
std::string left_out_note(const customer_report& report, const customer_options& options) {
  std::vector<std::string> parts;
  if (report.orders_after > 0) {
    const bool by_to = options.to && (!options.as_of || *options.to < *options.as_of);
    parts.push_back(fmt::format("{} after {} {}", plural(report.orders_after, "order"),
                                by_to ? "--to" : "--as-of",
                                iso_date(by_to ? *options.to : report.as_of)));
  }
  if (report.orders_before > 0) {
    parts.push_back(fmt::format("{} before --from {}",
                                parts.empty() ? plural(report.orders_before, "order")
                                              : std::to_string(report.orders_before),
                                iso_date(*options.from)));
  }
  std::string note = fmt::format("retain: left out {}", fmt::join(parts, ", "));
  if (report.customers_after > 0) {
    note += fmt::format(", and {} with no order {}", plural(report.customers_after, "customer"),
                        options.from ? "in that span" : "by then");
  }
  return note + "\n";
}


}  // namespace

void add_as_of_flags(CLI::App& command, std::string& as_of, window_flags& span) {
  command.add_option("--as-of", as_of,
                     "Observation end, YYYY-MM-DD; later orders are left out (default: the last "
                     "order's day)");
  add_span_flags(command, span,
                 "Last day counted, YYYY-MM-DD: later orders are left out; the as-of day unless "
                 "--as-of is given (default: last order)");
}

customer_options to_customer_options(const std::string& as_of, const window_flags& span_flags) {
  customer_options options;
  const window_options span = to_window_options(span_flags);
  options.from = span.from;
  options.to = span.to;
  if (as_of.empty()) return options;
  options.as_of = parse_flag_date("--as-of", as_of);
  if (options.from && *options.as_of < *options.from) {
    throw usage_error(fmt::format("--from {} is after --as-of {}", span_flags.from, as_of));
  }
  return options;
}

void add_listing_flags(CLI::App& command, listing_options& listing, std::size_t& top) {
  add_name_flag(command, "--time-unit", listing.unit, kTimeUnitNames, "Unit of recency and T: {}");
  add_name_flag(command, "--sort", listing.sort, kSortKeyNames,
                "Sort by {}: numbers and dates largest and latest first, segment best first "
                "(Champions to Lost), customer A to Z; ties by customer");
  command.add_flag("--reverse", listing.reverse, "Reverse the sort order (ties stay by customer)");
  command.add_option("--top", top, "Show only the first N customers (default: all)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            const bool whole = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            return whole && text.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : "\"" + text + "\" is not a number of customers (1 or more)";
          },
          "N"));
}

listing_options to_listing_options(listing_options listing, std::size_t top) {
  if (top > 0) listing.top = top;
  return listing;
}

void add_customers_command(CLI::App& app) {
  auto flags = std::make_shared<customers_flags>();
  CLI::App* command = app.add_subcommand(
      "customers",
      "One row per customer: totals, the BTYD summary (as Python lifetimes) and RFM segments");
  command->footer(
      "One row per customer as of a day: totals, the BTYD summary and RFM segments.\n"
      "  days_since_last_order = as-of - last order;  aov = revenue / orders\n"
      "  BTYD (as Python lifetimes' summary_data_from_transaction_data, freq=\"D\"): orders on\n"
      "  one day are one purchase; frequency = purchase days - 1; recency = last - first\n"
      "  purchase; T = as-of - first purchase; monetary_value = mean revenue of the repeat\n"
      "  purchase days (0 without repeats). Weeks are days / 7, with 4 decimals.\n"
      "  RFM scores 1-5: 1 + floor(5 x customers with a worse value / customers), ties share\n"
      "  a score; R by last order, F by orders, M by revenue. Segments from R and F.\n"
      "Orders after --as-of are left out and counted in the summary on stderr, with the\n"
      "customers who had no order by then. Scores are over all customers, whatever --top shows.\n"
      "Holds one small entry per order and per customer in memory, never the rows.");
  add_input_flags(*command, flags->input);
  add_as_of_flags(*command, flags->as_of, flags->span);
  add_listing_flags(*command, flags->listing, flags->top);
  add_output_flags(*command, flags->output);
  command->callback([flags] {
    const customer_options options = to_customer_options(flags->as_of, flags->span);
    const listing_options listing = to_listing_options(flags->listing, flags->top);
    loaded_orders loaded = load_with_flags(flags->input);
    customer_report report = compute_customers(loaded.book, options);
    std::optional<day_t> end = options.to;
    if (options.as_of) end = std::min(*options.as_of, end.value_or(*options.as_of));
    require_orders_within(loaded.book, {window_kind::all, options.from, end});
    const bool left_out = report.orders_after > 0 || report.orders_before > 0;
    if (left_out && shows_summary(flags->input)) {
      std::fputs(left_out_note(report, options).c_str(), stderr);
    }
    // One small entry per customer, sorted; each row is made as it is written.
    sort_customers(report, listing);
    emit_rows(
        customer_columns(), report.customers.size(),
        [&](std::size_t i, std::vector<value>& row) -> const std::vector<value>& {
          customer_row(report.customers[i], report.as_of, listing.unit, row);
          return row;
        },
        flags->output);
  });
}

}  // namespace retain
