// The report: the analyses a shop owner looks at first, gathered from the modules that compute
// them (summary, metrics, cohorts, customers) and laid out as one self-contained HTML page with
// inline SVG charts (svg_chart.h), or as one xlsx workbook of the same tables (xlsx.h). The page
// prints every number through the formatter (format.h human_text) from the same tables the CSV
// writes, and escapes every text through html_text (html.h).
//
// Sections: the headline numbers of the period against the previous period of the same length;
// per window, customers as new plus returning, repeat rate, retention and churn, AOV and
// customer value (partial first and last windows marked); the cohort retention heat map;
// revenue concentration (the Lorenz curve, the top 20%'s share, the share of customers holding
// 80%); RFM segments; with --group-by, the per-window charts of each group; the input's summary
// (columns, rules, what was left out) and the command.
#pragma once

#include <string>
#include <vector>

#include "retain/format.h"
#include "retain/metrics.h"
#include "retain/orders.h"
#include "retain/output.h"
#include "retain/table.h"

namespace retain {

struct report_options {
  /// --window, --from, --to as given (not spanned); default month over the whole input.
  window_options windows;
  /// --group-by's column; empty: no groups.
  std::string group_column;
  /// Threads of compute_metrics.
  unsigned threads = 1;
};

/// The tables of the report, each computed by its analysis module.
struct report_tables {
  window_kind window = window_kind::month;
  /// summary_table of the period (window all over --from/--to), then, when it has orders, of the
  /// previous period of the same length (the days just before --from).
  table headline;
  std::string previous_from;  ///< the previous period's days, YYYY-MM-DD
  std::string previous_to;
  /// metrics_table per window, with partial[i] for a window the data or --from/--to cut short
  /// (metrics' `complete` false: calendar.h window_complete, the one rule).
  table metrics;
  std::vector<bool> partial;
  /// cohort_wide_table of retention; the cohorts' window is the report's (month for day and
  /// all).
  window_kind cohort_window = window_kind::month;
  table cohorts;
  /// The Lorenz curve: customer_share, revenue_share (customers by revenue, largest first), at
  /// each customer up to 100 of them, else at every 1% of customers.
  table concentration;
  /// segment, customers, customer_share, revenue, revenue_share: one row per RFM segment.
  table segments;
  /// metrics_table per group of --group-by (the same windows), groups in byte order.
  std::vector<group_table> groups;
};

/// Computes every table of the report. Throws as the analyses do.
report_tables compute_report(order_book book, const report_options& options);

/// What the page says about its making: the command as typed, the loader's summary, the column
/// of --group-by.
struct page_context {
  std::string command;
  std::string input_summary;  ///< render_summary of the load (format.h)
  std::string group_column;
};

/// The report as one HTML page: no script, no request (a Content-Security-Policy forbids any),
/// styles inline for light and dark schemes, phones and print.
std::string render_report_html(const report_tables& report, const page_context& context);

/// The report's tables as one workbook, a sheet each: summary, metrics (and metrics by group),
/// cohorts, concentration, segments.
void write_report_xlsx(const report_tables& report, byte_sink& out);

}  // namespace retain
