// Writes a report row by row in any output format, so that a report of millions of rows (one per
// customer) is never held as a table of formatted rows or as one string: each row is formatted
// as it is written and goes straight to a byte_sink (the atomic report_output of output.h, or a
// string). render() of format.h writes whole tables through the same sinks, so a streamed report
// is byte for byte the rendering of the table of the same rows.
//
// The terminal table and Markdown align their columns and so need each column's width before
// the first row: column_widths measures the rows in a first pass that keeps no text, and
// write_rows() makes every row twice for them (once measured, once written).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "retain/format.h"
#include "retain/output.h"
#include "retain/table.h"

namespace retain {

/// The widths of the terminal table and Markdown in display cells (display.h): per column, the
/// widest of its heading and its cells as human_text() writes them, escaped for the format (0 for
/// columns not shown on a terminal). `columns` must outlive it.
class column_widths {
 public:
  /// `format`: the terminal table or Markdown, whose escaping (format.h escape()) the widths count.
  explicit column_widths(const std::vector<column>& columns,
                         output_format format = output_format::table);
  /// Widens the columns to fit one row (a value per column).
  void add(const std::vector<value>& row);
  const std::vector<std::size_t>& widths() const { return widths_; }

 private:
  const std::vector<column>& columns_;
  output_format format_;
  std::vector<std::size_t> widths_;
};

/// The columns shown on a terminal (indexes into `columns`) that fit a terminal table of
/// `width` cells, given each column's width: the first column, then, in order, each that still
/// fits two cells after the ones kept.
std::vector<std::size_t> fitting_columns(const std::vector<column>& columns,
                                         const std::vector<std::size_t>& widths, std::size_t width);

/// The colour that starts cell (row, column) of the terminal table, rows counted from 0 after
/// the header, or nullptr for a plain cell; a shaded cell ends with the ANSI reset.
using cell_shader = std::function<const char*(std::size_t row, std::size_t column)>;

/// One report being written: rows go out as they come.
class row_sink {
 public:
  virtual ~row_sink() = default;
  /// Writes one row: a value per column, in the columns' order.
  virtual void row(const std::vector<value>& values) = 0;
  /// Writes what ends the report (JSON's closing bracket, or "[]" for no rows); once, last.
  virtual void finish() = 0;
};

/// Writes the header of `columns` in `format` to `out` and returns the sink for the rows. The
/// terminal table and Markdown need the `widths` of every row that will be written (from
/// column_widths; throws std::invalid_argument without one per column); `shade` shades cells of
/// the terminal table (ignored by the other formats). `columns` must outlive the sink.
std::unique_ptr<row_sink> open_row_sink(output_format format, const std::vector<column>& columns,
                                        byte_sink& out, const std::vector<std::size_t>& widths = {},
                                        const cell_shader& shade = {});

/// Row `index` of a report made on demand: the maker returns a row it holds, or fills `scratch`
/// (kept between calls, so that its strings are reused) and returns it.
using row_maker =
    std::function<const std::vector<value>&(std::size_t index, std::vector<value>& scratch)>;

/// Writes a report of `count` rows, made by `make` in order, to `out`: the header, the rows, the
/// end. The terminal table and Markdown make each row twice (a first pass measures the widths).
/// Stops making rows once out.closed() (the reader has gone).
void write_rows(output_format format, const std::vector<column>& columns, std::size_t count,
                const row_maker& make, byte_sink& out, const cell_shader& shade = {});

}  // namespace retain
