// Charts as inline SVG for the HTML report, drawn from the values the formatter prints: every
// mark carries its value as the machine formats write it (data-value, plain_text of format.h)
// and shows it as a person reads it (a <title> tooltip, human_text), so the numbers in a chart
// are those of the CSV and of the table beside it. Geometry alone uses floating point. Text is
// escaped by html_text (html.h). Colours come from CSS classes (s0, s1, ...: the Okabe-Ito
// palette, set by the page for light and dark schemes); charts scale to their container
// (viewBox, width 100%).
#pragma once

#include <string>
#include <vector>

#include "retain/table.h"

namespace retain {

/// Values of one series, one per category; an undefined value is no mark (a gap in a line).
struct chart_series {
  std::string name;  ///< legend
  std::vector<value> values;
};

/// Categories along x (windows, segments) with one or more series of one kind.
struct category_chart {
  std::string title;
  std::string unit;  ///< the y axis: "customers", "share of customers", "money"
  column_kind kind = column_kind::count;
  std::vector<std::string> categories;
  /// Categories drawn as partial (hatched bars, hollow points); empty or one per category.
  std::vector<bool> partial;
  std::vector<chart_series> series;
};

/// Stacked bars: a <rect class="bar sK"> per category and series (zero-height for 0 and
/// undefined values), series stacked bottom to top in order.
std::string stacked_bars(const category_chart& chart);
/// Lines: per series a path through its defined values and a <circle class="point sK"> on each.
std::string line_chart(const category_chart& chart);

/// A matrix of cells (cohort x period), shaded from the lowest to the highest defined value
/// along a labelled scale; undefined cells are left empty (no rect).
struct heat_map_chart {
  std::string title;
  std::string row_title;     ///< "cohort"
  std::string column_title;  ///< "months since the first order"
  column_kind kind = column_kind::rate;
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<value>> cells;  ///< [row][column]
  /// Per column: shaded along the scale; other columns (period 0, always 100%) at full strength.
  std::vector<bool> on_scale;
};
/// A <g class="cells" data-row> per row with a <rect data-column data-value> per defined cell,
/// and a legend from the lowest to the highest value.
std::string heat_map(const heat_map_chart& chart);

/// The Lorenz curve of revenue over customers, largest first: points (customer share, revenue
/// share), both rates, from (0, 0) to (1, 1), with two marks: the revenue share of the top 20% of
/// customers, and the share of customers that holds 80% of revenue.
struct lorenz_chart {
  std::string title;
  std::vector<value> customer_share;
  std::vector<value> revenue_share;
  value top20_revenue_share;       ///< at customer share 0.2
  value customers_for_80_percent;  ///< at revenue share 0.8
};
/// A polyline with a <circle class="point"> per point, the diagonal, and the two marks
/// (class "mark").
std::string lorenz_curve(const lorenz_chart& chart);

}  // namespace retain
