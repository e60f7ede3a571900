#include "retain/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <stdexcept>

#include "retain/calendar.h"
#include "retain/cohorts.h"
#include "retain/customers.h"
#include "retain/decimal.h"
#include "retain/error.h"
#include "retain/html.h"
#include "retain/summary.h"
#include "retain/svg_chart.h"
#include "retain/xlsx.h"

namespace retain {
namespace {

constexpr std::size_t kLorenzSteps = 100;

value count_value(std::uint64_t n) { return value(static_cast<std::int64_t>(n)); }

// The Lorenz curve of the customers' revenue, largest first.
table concentration_table(std::vector<cents_t> revenue) {
  table t;
  t.columns = {{"customer_share", column_kind::rate}, {"revenue_share", column_kind::rate}};
  std::sort(revenue.begin(), revenue.end(), std::greater<>());
  wide_t total = 0;
  for (cents_t r : revenue) total += r;
  const std::size_t n = revenue.size();
  if (n == 0 || total <= 0) return t;
  const std::size_t steps = std::min(n, kLorenzSteps);
  wide_t sum = 0;
  std::size_t taken = 0;
  for (std::size_t i = 0; i <= steps; ++i) {
    const std::size_t k = (i * n + steps - 1) / steps;  // ceil(i / steps x n) customers
    for (; taken < k; ++taken) sum += revenue[taken];
    t.rows.push_back(
        {ratio(static_cast<wide_t>(k), static_cast<wide_t>(n), 4), ratio(sum, total, 4)});
  }
  return t;
}

// Customers and revenue per RFM segment, best segment first.
table segments_table(const customer_report& report) {
  constexpr std::size_t kSegments = static_cast<std::size_t>(segment::lost) + 1;
  std::uint64_t customers[kSegments] = {};
  cents_t revenue[kSegments] = {};
  cents_t total = 0;
  for (const customer_summary& c : report.customers) {
    const auto s = static_cast<std::size_t>(c.group);
    ++customers[s];
    if (!checked_add(revenue[s], c.revenue, revenue[s]) || !checked_add(total, c.revenue, total)) {
      throw error("revenue per segment does not fit in 64-bit cents");
    }
  }
  table t;
  t.columns = {{"segment", column_kind::text},
               {"customers", column_kind::count},
               {"customer_share", column_kind::rate},
               {"revenue", column_kind::money},
               {"revenue_share", column_kind::rate}};
  const auto n = static_cast<wide_t>(report.customers.size());
  for (std::size_t s = 0; s < kSegments; ++s) {
    t.rows.push_back({std::string(segment_name(static_cast<segment>(s))), count_value(customers[s]),
                      n > 0 ? value(ratio(customers[s], n, 4)) : value(), money(revenue[s]),
                      total > 0 ? value(ratio(revenue[s], total, 4)) : value()});
  }
  return t;
}

window_kind cohort_window_of(window_kind kind) {
  return kind == window_kind::day || kind == window_kind::all ? window_kind::month : kind;
}

}  // namespace

report_tables compute_report(order_book book, const report_options& options) {
  report_tables report;
  const window_options& given = options.windows;
  report.window = given.kind;
  const window_options span = spanning(book, given);

  // The headline: the period, and the one of the same length just before it.
  window_options whole = span;
  whole.kind = window_kind::all;
  std::vector<window_summary> headline = compute_summary(book, whole);
  if (span.from && span.to) {
    const day_t days = *span.to - *span.from + 1;
    const window_options previous{window_kind::all, *span.from - days, *span.from - 1};
    report.previous_from = iso_date(*previous.from);
    report.previous_to = iso_date(*previous.to);
    std::vector<window_summary> before = compute_summary(book, previous);
    if (!before.empty() && before.front().totals.orders > 0) headline.push_back(before.front());
  }
  report.headline = summary_table(headline);

  const std::vector<window_metrics> windows = compute_metrics(book, span, options.threads);
  report.metrics = metrics_table(windows);
  for (const window_metrics& w : windows) report.partial.push_back(!w.complete);

  cohort_options cohorts;
  cohorts.kind = report.cohort_window = cohort_window_of(given.kind);
  cohorts.from = given.from;
  cohorts.to = given.to;
  cohorts.last_day = spanning(book, {}).to;
  report.cohorts = cohort_wide_table(compute_cohorts(book, cohorts));

  customer_options customers;
  customers.from = given.from;
  customers.to = given.to;
  const customer_report listing = compute_customers(book, customers);
  std::vector<cents_t> revenue;
  revenue.reserve(listing.customers.size());
  for (const customer_summary& c : listing.customers) revenue.push_back(c.revenue);
  report.concentration = concentration_table(std::move(revenue));
  report.segments = segments_table(listing);

  if (!options.group_column.empty()) {
    for (group_book& part : split_by_group(std::move(book))) {
      report.groups.push_back(
          {part.group, metrics_table(compute_metrics(part.book, span, options.threads))});
    }
  }
  return report;
}

}  // namespace retain

namespace retain {
namespace {

// The page's styles: the Okabe-Ito palette (safe for colour-blind readers), light and dark,
// phones (charts scale, wide tables scroll inside their box) and paper.
constexpr const char* kStyle =
    R"(:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#595959;--grid:#d9d9d9;--box:#f5f5f5;--s0:#0072B2;--s1:#E69F00;--s2:#009E73;--s3:#CC79A7;--s4:#D55E00;--heat:#0072B2}
@media (prefers-color-scheme:dark){:root{--bg:#151515;--fg:#ececec;--muted:#a6a6a6;--grid:#3a3a3a;--box:#222;--s0:#56B4E9;--heat:#56B4E9}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1000px;padding:12px 16px;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.2em;margin:1.6em 0 .4em;border-bottom:1px solid var(--grid)}h3{font-size:1.05em}
p.note,.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}
.card{background:var(--box);border-radius:6px;padding:8px 10px}
.card .label{font-size:.8em;color:var(--muted)}.card .value{font-size:1.35em;font-weight:600}.card .change{font-size:.8em;color:var(--muted)}
figure{margin:.8em 0}figcaption{font-weight:600;margin-bottom:.2em}
svg{display:block;width:100%;height:auto;max-width:760px}
svg text{font-size:11px;fill:var(--muted)}svg .mark-label{fill:var(--fg)}
.grid{stroke:var(--grid);stroke-width:1}.diagonal{stroke:var(--muted);stroke-dasharray:4 4}.mark{stroke:var(--s4);stroke-width:1.5;stroke-dasharray:5 3}
.bar.s0,.key.s0,.point.s0{fill:var(--s0);background:var(--s0)}.bar.s1,.key.s1,.point.s1{fill:var(--s1);background:var(--s1)}.bar.s2,.key.s2,.point.s2{fill:var(--s2);background:var(--s2)}
.line{fill:none;stroke-width:2}.line.s0{stroke:var(--s0)}.line.s1{stroke:var(--s1)}.line.s2{stroke:var(--s2)}
.partial{fill-opacity:.4}.point.partial{fill:var(--bg);stroke-width:1.5}.point.partial.s0{stroke:var(--s0)}.point.partial.s1{stroke:var(--s1)}.point.partial.s2{stroke:var(--s2)}
.cells rect{fill:var(--heat)}.heat-low{stop-color:var(--heat);stop-opacity:.06}.heat-high{stop-color:var(--heat);stop-opacity:1}
.legend{margin:.2em 0;font-size:.85em}.legend span{margin-right:1em;white-space:nowrap}
.key{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}.partial-key{background:var(--muted);opacity:.4}
.table-box{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85em;font-variant-numeric:tabular-nums}
th,td{padding:2px 8px;border-bottom:1px solid var(--grid);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
details{margin:.4em 0}summary{cursor:pointer;color:var(--muted)}
pre{background:var(--box);padding:8px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8em}
code{overflow-wrap:anywhere}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--box:#fff}body{max-width:none;font-size:11pt}figure,table,.cards{break-inside:avoid}details>*{display:block}h2{break-after:avoid}}
)";

std::size_t column_index(const table& t, std::string_view name) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].name == name) return c;
  }
  throw std::logic_error(fmt::format("no column {}", name));
}

std::vector<value> column_values(const table& t, std::string_view name) {
  const std::size_t c = column_index(t, name);
  std::vector<value> values;
  for (const auto& row : t.rows) values.push_back(row[c]);
  return values;
}

std::vector<std::string> first_column(const table& t) {
  std::vector<std::string> labels;
  for (const auto& row : t.rows) labels.push_back(plain_text(row.front()));
  return labels;
}

// A table as the terminal shows it (its columns, headings and human_text), escaped; wide
// tables scroll inside their box.
std::string html_table(const table& t, const std::string& caption) {
  std::string out = "<div class=\"table-box\"><table>";
  if (!caption.empty())
    out += fmt::format("<caption class=\"muted\">{}</caption>", html_text(caption));
  out += "<thead><tr>";
  for (const column& col : t.columns) {
    if (col.on_terminal) out += fmt::format("<th scope=\"col\">{}</th>", html_text(heading(col)));
  }
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (!t.columns[c].on_terminal) continue;
      out += fmt::format(c == 0 ? "<th scope=\"row\">{}</th>" : "<td>{}</td>",
                         html_text(human_text(row[c], t.columns[c].kind)));
    }
    out += "</tr>";
  }
  return out + "</tbody></table></div>\n";
}

std::string numbers(const table& t, const std::string& what) {
  return fmt::format("<details><summary>{}</summary>{}</details>\n", html_text(what),
                     html_table(t, ""));
}

// a - b for two numbers of one kind (the change against the previous period); undefined else.
value difference(const value& a, const value& b) {
  if (const auto* x = std::get_if<std::int64_t>(&a)) {
    if (const auto* y = std::get_if<std::int64_t>(&b)) return *x - *y;
  }
  if (const auto* x = std::get_if<decimal>(&a)) {
    if (const auto* y = std::get_if<decimal>(&b)) {
      if (x->places == y->places) return decimal{x->units - y->units, x->places};
    }
  }
  return {};
}

std::string signed_text(const value& change, column_kind kind) {
  std::string text = human_text(change, kind);
  const bool positive =
      (std::holds_alternative<std::int64_t>(change) && std::get<std::int64_t>(change) > 0) ||
      (std::holds_alternative<decimal>(change) && std::get<decimal>(change).units > 0);
  return positive ? "+" + text : text;
}

std::string window_name(window_kind kind) { return std::string(name_of(kWindowKindNames, kind)); }

std::string headline_section(const report_tables& report) {
  const table& t = report.headline;
  const bool previous = t.rows.size() > 1;
  std::string out = "<section id=\"headline\"><h2>The period at a glance</h2>\n";
  out += previous ? fmt::format(
                        "<p class=\"note\">Against the previous period of the same length, "
                        "{} to {}: the change below each number (percentage points for "
                        "shares).</p>\n",
                        report.previous_from, report.previous_to)
         : report.previous_from.empty()
             ? std::string()
             : fmt::format(
                   "<p class=\"note\">No orders in the previous period of the "
                   "same length ({} to {}): nothing to compare with.</p>\n",
                   report.previous_from, report.previous_to);
  out += "<div class=\"cards\">";
  for (const char* name :
       {"customers", "orders", "revenue", "aov", "repeat_rate", "purchase_frequency",
        "customer_value", "median_days_to_second_order", "top20pct_revenue_share"}) {
    const std::size_t c = column_index(t, name);
    const column& col = t.columns[c];
    out += fmt::format(
        "<div class=\"card\" data-column=\"{}\" data-value=\"{}\"><div class=\"label\">{}</div>"
        "<div class=\"value\">{}</div>",
        name, html_text(plain_text(t.rows[0][c])), html_text(col.label),
        html_text(human_text(t.rows[0][c], col.kind)));
    if (previous) {
      out += fmt::format("<div class=\"change\">{} (was {})</div>",
                         html_text(signed_text(difference(t.rows[0][c], t.rows[1][c]), col.kind)),
                         html_text(human_text(t.rows[1][c], col.kind)));
    }
    out += "</div>";
  }
  out += "</div>\n";
  // Every number of the summary, as a list: label, this period (, previous, change).
  table list;
  list.columns = {{"number", column_kind::text},
                  {"this_period", column_kind::text, true, "this period"}};
  if (previous) {
    list.columns.push_back({"previous_period", column_kind::text, true, "previous period"});
    list.columns.push_back({"change", column_kind::text});
  }
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const column& col = t.columns[c];
    std::vector<value> row = {col.label, human_text(t.rows[0][c], col.kind)};
    if (previous) {
      row.push_back(human_text(t.rows[1][c], col.kind));
      row.push_back(col.kind == column_kind::text || col.kind == column_kind::date
                        ? std::string()
                        : signed_text(difference(t.rows[0][c], t.rows[1][c]), col.kind));
    }
    list.rows.push_back(std::move(row));
  }
  return out + numbers(list, "Every number of the summary") + "</section>\n";
}

category_chart window_chart(const table& metrics, const std::vector<bool>& partial,
                            std::string title, std::string unit, column_kind kind,
                            std::initializer_list<std::pair<const char*, const char*>> series) {
  category_chart chart{std::move(title), std::move(unit), kind, first_column(metrics), partial, {}};
  for (const auto& [name, legend] : series)
    chart.series.push_back({legend, column_values(metrics, name)});
  return chart;
}

// The per-window charts of a metrics table: customers, rates, money.
std::string window_charts(const table& metrics, const std::vector<bool>& partial, window_kind kind,
                          const std::string& prefix, bool money_chart) {
  const std::string per = window_name(kind);
  std::string out = stacked_bars(window_chart(
      metrics, partial, prefix + "Customers per " + per + ": new and returning", "customers",
      column_kind::count, {{"new_customers", "new"}, {"returning_customers", "returning"}}));
  out += line_chart(window_chart(
      metrics, partial, prefix + "Repeat rate, retention and churn per " + per,
      "share of customers", column_kind::rate,
      {{"repeat_rate", "repeat rate"}, {"retention_rate", "retention"}, {"churn_rate", "churn"}}));
  if (money_chart) {
    out += line_chart(window_chart(
        metrics, partial, prefix + "Average order value and value per customer per " + per, "money",
        column_kind::money,
        {{"aov", "average order value"}, {"customer_value", "value per customer"}}));
  }
  return out;
}

std::string cohort_section(const report_tables& report) {
  const table& t = report.cohorts;
  heat_map_chart chart;
  chart.title = fmt::format(
      "Retention of each {} cohort (share of its customers who ordered in each later {})",
      window_name(report.cohort_window), window_name(report.cohort_window));
  chart.row_title = "cohort";
  chart.column_title = fmt::format("{}s since the first order", window_name(report.cohort_window));
  chart.kind = column_kind::rate;
  chart.rows = first_column(t);
  for (std::size_t c = 2; c < t.columns.size(); ++c) {
    chart.columns.push_back(t.columns[c].name);
    chart.on_scale.push_back(t.columns[c].heat);
  }
  for (const auto& row : t.rows) chart.cells.emplace_back(row.begin() + 2, row.end());
  return "<section id=\"cohorts\"><h2>Do new customers come back?</h2>\n"
         "<p class=\"note\">A row per cohort (customers by the window of their first order), a "
         "column per period after it; darker is a larger share. Periods not over yet are "
         "empty.</p>\n" +
         heat_map(chart) + numbers(t, "The cohort table") + "</section>\n";
}

std::string concentration_section(const report_tables& report) {
  const table& head = report.headline;
  lorenz_chart chart;
  chart.title = "Revenue concentration: share of revenue from the customers with the most";
  chart.customer_share = column_values(report.concentration, "customer_share");
  chart.revenue_share = column_values(report.concentration, "revenue_share");
  chart.top20_revenue_share = head.rows[0][column_index(head, "top20pct_revenue_share")];
  chart.customers_for_80_percent =
      head.rows[0][column_index(head, "customer_share_for_80pct_revenue")];
  return "<section id=\"concentration\"><h2>Who brings the revenue?</h2>\n" + lorenz_curve(chart) +
         numbers(report.concentration, "The curve's points") + "</section>\n";
}

std::string segments_section(const report_tables& report) {
  const table& t = report.segments;
  const std::vector<std::string> names = first_column(t);
  std::string out =
      "<section id=\"segments\"><h2>RFM segments</h2>\n"
      "<p class=\"note\">Customers scored 1 to 5 on recency and frequency (retain "
      "customers), as of the last day counted.</p>\n";
  out += stacked_bars({"Customers per segment",
                       "customers",
                       column_kind::count,
                       names,
                       {},
                       {{"customers", column_values(t, "customers")}}});
  out += stacked_bars({"Revenue per segment",
                       "revenue",
                       column_kind::money,
                       names,
                       {},
                       {{"revenue", column_values(t, "revenue")}}});
  return out + html_table(t, "") + "</section>\n";
}

std::string groups_section(const report_tables& report, const std::string& column) {
  if (report.groups.empty()) return {};
  std::string out = fmt::format("<section id=\"groups\"><h2>By {}</h2>\n", html_text(column));
  for (const group_table& g : report.groups) {
    const std::string name = g.group.empty() ? "(blank)" : g.group;
    out += fmt::format("<section class=\"group\" data-group=\"{}\"><h3>{}: {}</h3>\n",
                       html_text(g.group), html_text(column), html_text(name));
    out += window_charts(g.t, report.partial, report.window, name + ": ", false);
    out += numbers(g.t, "The numbers of " + name) + "</section>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string render_report_html(const report_tables& report, const page_context& context) {
  const table& head = report.headline;
  const std::string first = plain_text(head.rows.at(0)[column_index(head, "start")]);
  const std::string last = plain_text(head.rows.at(0)[column_index(head, "end")]);
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n";
  page +=
      fmt::format("<title>Customer retention, {} to {}</title>\n<style>{}</style></head><body>\n",
                  first, last, kStyle);
  page += fmt::format(
      "<header><h1>Customer retention, {} to {}</h1><p class=\"note\">By {}, made by "
      "<code>{}</code></p></header>\n",
      first, last, window_name(report.window), html_text(context.command));
  page += headline_section(report);
  const bool any_partial =
      std::find(report.partial.begin(), report.partial.end(), true) != report.partial.end();
  page += fmt::format("<section id=\"windows\"><h2>Per {}</h2>\n{}", window_name(report.window),
                      any_partial ? "<p class=\"note\">Paler bars and hollow points are partial "
                                    "windows: the data or --from/--to cut them short.</p>\n"
                                  : "");
  page += window_charts(report.metrics, report.partial, report.window, "", true);
  page += numbers(report.metrics, "The numbers per " + window_name(report.window)) + "</section>\n";
  page += cohort_section(report);
  page += concentration_section(report);
  page += segments_section(report);
  page += groups_section(report, context.group_column);
  page += fmt::format(
      "<section id=\"input\"><h2>The input, the rules applied and what was left out</h2>\n"
      "<pre>{}</pre>\n<p>The command: <code>{}</code></p></section>\n",
      html_text(context.input_summary), html_text(context.command));
  return page + "</body></html>\n";
}

void write_report_xlsx(const report_tables& report, byte_sink& out) {
  xlsx_book book;
  std::vector<group_table> headline;
  for (std::size_t r = 0; r < report.headline.rows.size(); ++r) {
    table one{report.headline.columns, {report.headline.rows[r]}};
    headline.push_back({r == 0 ? "this period" : "previous period", std::move(one)});
  }
  table summary = join_groups(headline);
  summary.columns.front().name = "period";
  book.add_table("summary", summary);
  book.add_table("metrics", report.metrics);
  if (!report.groups.empty()) book.add_table("metrics by group", join_groups(report.groups));
  book.add_table("cohorts", report.cohorts);
  book.add_table("concentration", report.concentration);
  book.add_table("segments", report.segments);
  book.finish(out);
}

}  // namespace retain
