// retain predict: fits a buy-till-you-die model and Gamma-Gamma, and scores every customer.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retain/byte_source.h"
#include "retain/cli.h"
#include "retain/display.h"
#include "retain/error.h"
#include "retain/predict.h"

namespace retain {
namespace {

struct predict_flags {
  input_flags input;
  output_flags output;
  btyd_model model = btyd_model::bgnbd;
  time_unit unit = time_unit::days;
  double horizon = -1;  // -1: one year
  double discount_rate = 0;
  std::string summary;
  bool fit_only = false;
  std::string calibration_end;
  std::string as_of;
  predict_sort sort = predict_sort::clv;
  bool reverse = false;
  std::size_t top = 0;  // 0: all
};

// The customers to fit and score, from the orders or a summary file.
struct customer_input {
  std::optional<loaded_orders> loaded;  // the orders, when read
  std::optional<btyd_summary_file> summary;
  std::vector<btyd_customer> customers;
  int places = 0;      // of recency and T
  day_t as_of = 0;     // of the orders' summary
  day_t last_day = 0;  // the last order's day
};

std::string read_all(const std::string& path, std::string& name) {
  opened_input in = open_input(path);
  name = in.name;
  std::string text;
  char buffer[1 << 16];
  while (const std::size_t n = in.source->read(buffer, sizeof buffer)) text.append(buffer, n);
  return text;
}

customer_input read_customers(predict_flags& flags) {
  customer_input in;
  if (!flags.summary.empty()) {
    if (!flags.input.load.paths.empty()) {
      throw usage_error(
          "--summary reads customers, not orders: give the order exports or "
          "--summary, not both");
    }
    std::string name;
    std::string text = read_all(flags.summary, name);
    in.summary = read_btyd_summary(std::move(text), name);
    in.customers = in.summary->customers;
    in.places = in.summary->places;
    return in;
  }
  std::optional<day_t> as_of;
  if (!flags.as_of.empty()) as_of = parse_flag_date("--as-of", flags.as_of);
  std::optional<day_t> calibration_end;
  if (!flags.calibration_end.empty()) {
    calibration_end = parse_flag_date("--calibration-end", flags.calibration_end);
    if (as_of && *as_of <= *calibration_end) {
      throw usage_error(
          fmt::format("--calibration-end {} is not before --as-of {}: no holdout "
                      "period is left",
                      flags.calibration_end, flags.as_of));
    }
    as_of = calibration_end;
  }
  in.loaded = load_with_flags(flags.input);
  btyd_book_summary summary =
      btyd_customers(in.loaded->book, as_of, flags.unit, flags.input.load.threads);
  in.last_day = summary.last_day;
  if (calibration_end && *calibration_end >= in.last_day && flags.as_of.empty()) {
    throw usage_error(fmt::format("--calibration-end {} leaves no holdout: the last order is on {}",
                                  flags.calibration_end, iso_date(in.last_day)));
  }
  in.as_of = summary.as_of;
  in.customers = std::move(summary.customers);
  in.places = flags.unit == time_unit::weeks ? 4 : 0;
  return in;
}

void warn(const predict_flags& flags, const std::string& text) {
  if (!flags.input.quiet)
    std::fputs(terminal_lines("retain: warning: " + text + "\n").c_str(), stderr);
}

void warn_about_fits(const predict_flags& flags, const btyd_fits& fits) {
  for (const fit_result* fit : {&fits.purchases, &fits.spend}) {
    if (!fit->converged) {
      warn(flags, fmt::format("the {} fit did not converge (gradient norm {:.3g} after {} "
                              "evaluations): its numbers are the best found, not the optimum",
                              fit == &fits.spend ? "Gamma-Gamma" : model_title(fits.model),
                              fit->gradient_norm, fit->evaluations));
    }
  }
  if (fits.spend_left_out > 0) {
    warn(flags, fmt::format("{} of {} repeat buyers have a mean repeat spend of 0 or less: they are "
                            "left out of the Gamma-Gamma fit, and their expected_aov takes "
                            "their spend as 0",
                            fits.spend_left_out, fits.repeat_buyers));
  }
  if (std::fabs(fits.spend_correlation) > 0.3) {
    warn(flags, fmt::format("frequency and spend correlate ({:.2f}) over the repeat buyers: "
                            "Gamma-Gamma assumes they do not, so expected_aov and clv lean",
                            fits.spend_correlation));
  }
}

// The holdout comparison: a block per table for a reader, one JSON object of arrays.
std::string render_holdout(const table& fit, const holdout_report& report, output_format format) {
  if (format == output_format::json) {
    return fmt::format("{{\"fit\": {}, \"by_frequency\": {}, \"tracking\": {}, \"errors\": {}}}\n",
                       render(fit, format), render(report.by_frequency, format),
                       render(report.tracking, format), render(report.errors, format));
  }
  if (format != output_format::table && format != output_format::markdown) {
    throw usage_error("--calibration-end writes four tables: use --format table, markdown or json");
  }
  const std::vector<group_table> blocks = {{"fit", fit},
                                           {"by calibration frequency", report.by_frequency},
                                           {"tracking", report.tracking},
                                           {"errors", report.errors}};
  return render_blocks(blocks, "holdout", format,
                       [&](const table& t) { return render(t, format); });
}

void run_predict(predict_flags& flags) {
  if (!flags.summary.empty() && !flags.calibration_end.empty()) {
    throw usage_error("--calibration-end needs the orders, not --summary");
  }
  customer_input in = read_customers(flags);
  const unsigned threads = flags.input.load.threads;
  btyd_groups groups = group_customers(in.customers, threads);
  const btyd_fits fits = fit_models(in.customers, groups, flags.model, threads);
  warn_about_fits(flags, fits);
  const std::string unit(name_of(kTimeUnitNames, flags.unit));
  const table fit = fit_table(fits, unit);
  if (flags.fit_only) {
    write_output(render(fit, flags.output.format), flags.output.output);
    return;
  }
  if (!flags.calibration_end.empty()) {
    holdout_options options;
    options.calibration_end = in.as_of;
    options.holdout_end =
        flags.as_of.empty() ? in.last_day : parse_flag_date("--as-of", flags.as_of);
    options.unit = flags.unit;
    const holdout_report report = compare_holdout(in.loaded->book, in.customers, fits, options);
    write_output(render_holdout(fit, report, flags.output.format), flags.output.output);
    return;
  }
  if (shows_summary(flags.input)) std::fputs(render(fit, output_format::table).c_str(), stderr);
  const double per = flags.unit == time_unit::weeks ? 7.0 : 1.0;
  predict_options options;
  options.threads = threads;
  options.clv.horizon =
      flags.horizon >= 0 ? flags.horizon : (flags.unit == time_unit::weeks ? 52 : 365);
  options.clv.month = 365.25 / 12 / per;
  options.clv.annual_rate = flags.discount_rate;
  const std::vector<prediction> scores = predict_all(in.customers, groups, fits, options);
  groups = {};  // freed before the sort of the listing, the peak
  std::optional<std::size_t> top;
  if (flags.top > 0) top = flags.top;
  const std::vector<std::uint32_t> order =
      predict_order(in.customers, scores, flags.sort, flags.reverse, top, threads);
  constexpr std::size_t kAhead = 16;
  emit_rows(
      predict_columns(), order.size(),
      [&](std::size_t i, std::vector<value>& row) -> const std::vector<value>& {
        // The rows are in score order, the customers in the book's: fetch ahead what the rows
        // after this one read (their entries, then their ids' text), or each waits on memory.
        if (i + kAhead < order.size()) {
          __builtin_prefetch(&in.customers[order[i + kAhead]]);
          __builtin_prefetch(&scores[order[i + kAhead]]);
        }
        if (i + kAhead / 2 < order.size()) {
          __builtin_prefetch(in.customers[order[i + kAhead / 2]].id.data());
        }
        predict_row(in.customers[order[i]], scores[order[i]], in.places, row);
        return row;
      },
      flags.output);
}

}  // namespace

void add_predict_command(CLI::App& app) {
  auto flags = std::make_shared<predict_flags>();
  CLI::App* command = app.add_subcommand(
      "predict",
      "Buy-till-you-die models: who is still a customer, how much they will buy, their CLV");
  command->footer(
      "Fits BG/NBD (default) or Pareto/NBD on every customer's frequency (repeat purchase\n"
      "days), recency and T (as retain customers), and the Gamma-Gamma spend model on repeat\n"
      "buyers, by maximum likelihood; then scores each customer:\n"
      "  p_alive          P(still a customer); 1 for a customer without a repeat purchase in\n"
      "                   BG/NBD (it lets customers drop out only right after a purchase)\n"
      "  expected_orders  expected purchase days in the next --horizon\n"
      "  expected_aov     expected spend per purchase (Gamma-Gamma, currency units)\n"
      "  clv              expected revenue over the horizon: monthly steps of 365.25/12 days,\n"
      "                   each month's expected revenue divided by (1 + d)^k, k = 1, 2, ...,\n"
      "                   with d = (1 + --discount-rate)^(1/12) - 1\n"
      "The fit (parameters, standard errors, log-likelihood, AIC, BIC) goes to stderr on a\n"
      "terminal or with --verbose, and is the whole output with --fit-only.\n"
      "--calibration-end fits on the orders up to that day and compares the holdout after it\n"
      "(to --as-of or the last order): mean holdout purchases by calibration frequency and the\n"
      "weekly cumulative repeat purchases, actual against predicted.\n"
      "Holds one small entry per order and per customer in memory.");
  add_input_flags(*command, flags->input);
  add_name_flag(*command, "--model", flags->model, kBtydModelNames,
                "Purchase model: {} (BG/NBD or Pareto/NBD)");
  add_name_flag(*command, "--time-unit", flags->unit, kTimeUnitNames,
                "Unit of recency, T, alpha, beta and --horizon: {}");
  command
      ->add_option("--horizon", flags->horizon,
                   "Prediction horizon in the time unit (default: 365 days or 52 weeks)")
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option("--discount-rate", flags->discount_rate,
                   "Annual discount rate of clv, e.g. 0.1 (default: 0), applied monthly")
      ->check(CLI::Range(0.0, 10.0));
  command->add_option("--summary", flags->summary,
                      "Read a per-customer summary CSV (customer, frequency, recency, T, "
                      "monetary_value, as retain customers prints it; recency and T in the time "
                      "unit) instead of orders");
  command->add_flag("--fit-only", flags->fit_only, "Print only the fit");
  command->add_option("--calibration-end", flags->calibration_end,
                      "Fit on orders up to this day, YYYY-MM-DD, and compare the predictions with "
                      "the orders after it");
  command->add_option("--as-of", flags->as_of,
                      "Observation end, YYYY-MM-DD; later orders are left out (default: the last "
                      "order's day)");
  add_name_flag(*command, "--sort", flags->sort, kPredictSortNames,
                "Sort by {}: numbers largest first, customer A to Z; ties by customer");
  command->add_flag("--reverse", flags->reverse, "Reverse the sort order (ties stay by customer)");
  command->add_option("--top", flags->top, "Show only the first N customers (default: all)")
      ->check(CLI::PositiveNumber);
  add_output_flags(*command, flags->output);
  command->callback([flags] { run_predict(*flags); });
}

}  // namespace retain
