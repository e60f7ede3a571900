// retain report: the report a shop owner looks at, as one HTML page with charts or one xlsx
// workbook of its tables.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>

#include "retain/cli.h"
#include "retain/report.h"

namespace retain {
namespace {

enum class report_format { html, xlsx };
constexpr named<report_format> kReportFormatNames[] = {{"html", report_format::html},
                                                       {"xlsx", report_format::xlsx}};

struct report_flags {
  input_flags input;
  window_flags window;
  report_format format = report_format::html;
  std::string output;
};

}  // namespace

void add_report_command(CLI::App& app, std::string command_line) {
  auto flags = std::make_shared<report_flags>();
  CLI::App* command = app.add_subcommand(
      "report",
      "The report to look at: one HTML page with charts, or one xlsx workbook of its tables");
  command->footer(
      "One self-contained HTML page (no script, nothing fetched; light and dark, phone and\n"
      "print): the headline numbers of the period against the previous period of the same\n"
      "length; per window new and returning customers, repeat rate, retention and churn, AOV\n"
      "and value per customer (partial windows marked); the cohort retention heat map; the\n"
      "Lorenz curve of revenue over customers with the top 20%'s share and the share of\n"
      "customers holding 80%; customers and revenue per RFM segment; with --group-by the\n"
      "per-window charts of each group; the input's summary and the command. Every number is\n"
      "computed and printed by the code of retain summary, metrics, cohorts and customers.\n"
      "-o report.xlsx (or --format xlsx) writes the same tables as one workbook.\n"
      "Holds one small entry per order and per customer in memory.");
  add_input_flags(*command, flags->input);
  add_group_flag(*command, flags->input);
  add_window_flags(*command, flags->window);
  add_name_flag(*command, "-f,--format", flags->format, kReportFormatNames,
                "Output: {} (default: xlsx when --output ends in .xlsx, else html)");
  command->add_option("-o,--output", flags->output,
                      "Write to this file (replaced only when the whole report is written)");
  command->parse_complete_callback([command, flags] {
    refuse_input_as_output(*command, flags->output);
    if (command->count("--format") == 0 && format_of_path(flags->output) == output_format::xlsx) {
      flags->format = report_format::xlsx;
    }
    if (flags->format == report_format::xlsx)
      refuse_binary_to_terminal(output_format::xlsx, flags->output);
  });
  command->callback([flags, command_line = std::move(command_line)] {
    report_options options;
    options.windows = to_window_options(flags->window);
    options.group_column = flags->input.load.columns[static_cast<std::size_t>(role::group)];
    options.threads = flags->input.load.threads;
    loaded_orders loaded = load_with_flags(flags->input);
    require_orders_within(loaded.book, options.windows);
    const page_context context{command_line, render_summary(loaded.report), options.group_column};
    const report_tables report = compute_report(std::move(loaded.book), options);
    report_output out(flags->output);
    if (flags->format == report_format::xlsx) {
      write_report_xlsx(report, out);
    } else {
      out.write(render_report_html(report, context));
    }
    out.commit();
  });
}

}  // namespace retain
