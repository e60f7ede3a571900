#include "retain/row_sink.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "retain/display.h"
#include "retain/xlsx.h"

namespace retain {
namespace {

constexpr const char* kPlain = "\x1b[0m";  // ends a shaded cell

bool aligned(output_format format) {
  return format == output_format::table || format == output_format::markdown;
}

// A cell of the terminal table or Markdown as written, before padding: escaped for the format.
std::string aligned_cell(const value& v, const column& col, output_format format) {
  return escape(human_text(v, col.kind), format);
}

// The heading of a column as the terminal table or Markdown writes it.
std::string aligned_heading(const column& col, output_format format) {
  return escape(heading(col), format);
}

// CSV and TSV: a header line of the escaped names, then a line per row of escaped plain values.
class delimited_sink : public row_sink {
 public:
  delimited_sink(output_format format, const std::vector<column>& columns, byte_sink& out)
      : format_(format), separator_(format == output_format::csv ? ',' : '\t'), out_(out) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) line_.push_back(separator_);
      line_ += escape(columns[c].name, format_);
    }
    line_.push_back('\n');
    out_.write(line_);
  }

  void row(const std::vector<value>& values) override {
    line_.clear();
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (c > 0) line_.push_back(separator_);
      line_ += escape(plain_text(values[c]), format_);
    }
    line_.push_back('\n');
    out_.write(line_);
  }

  void finish() override {}

 private:
  output_format format_;
  char separator_;
  byte_sink& out_;
  std::string line_;
};

// JSON: an array of objects, one a line; the keys escaped once.
class json_sink : public row_sink {
 public:
  json_sink(const std::vector<column>& columns, byte_sink& out) : out_(out) {
    for (const column& col : columns) keys_.push_back(escape(col.name, output_format::json));
  }

  void row(const std::vector<value>& values) override {
    line_ = rows_ == 0 ? "[\n  {" : ",\n  {";
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (c > 0) line_ += ", ";
      line_ += keys_[c];
      line_ += ": ";
      line_ += json_value(values[c]);
    }
    line_ += "}";
    out_.write(line_);
    ++rows_;
  }

  void finish() override { out_.write(rows_ == 0 ? "[]\n" : "\n]\n"); }

 private:
  byte_sink& out_;
  std::vector<std::string> keys_;
  std::string line_;
  std::size_t rows_ = 0;
};

// The terminal table and Markdown: the columns shown on a terminal, padded to their widths;
// Markdown between pipes under a rule that marks the right-aligned columns, the terminal table
// two spaces apart without trailing spaces.
class aligned_sink : public row_sink {
 public:
  aligned_sink(bool markdown, const std::vector<column>& columns, byte_sink& out,
               const std::vector<std::size_t>& widths, const cell_shader& shade)
      : markdown_(markdown),
        format_(markdown ? output_format::markdown : output_format::table), columns_(columns), out_(out), widths_(widths), shade_(shade) {
    if (widths_.size() != columns_.size()) {
      throw std::invalid_argument("the terminal table and Markdown need a width per column");
    }
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].on_terminal) shown_.push_back(c);
    }
    line_.clear();
    for (std::size_t c : shown_) cell(aligned_heading(columns_[c], format_), c, nullptr);
    end_line();
    if (markdown_) {
      line_.clear();
      for (std::size_t c : shown_) {
        line_.push_back('|');
        line_.append(widths_[c] + 1, '-');
        line_.push_back(right_aligned(columns_[c].kind) ? ':' : '-');
      }
      line_ += "|\n";
      out_.write(line_);
    }
  }

  void row(const std::vector<value>& values) override {
    line_.clear();
    for (std::size_t c : shown_) {
      const char* shade = shade_ ? shade_(rows_, c) : nullptr;
      cell(aligned_cell(values[c], columns_[c], format_), c, shade);
    }
    end_line();
    ++rows_;
  }

  void finish() override {}

 private:
  // Appends an escaped cell padded to its column's width in display cells.
  void cell(const std::string& text, std::size_t c, const char* shade) {
    if (markdown_) {
      line_ += "| ";
    } else if (c != shown_.front()) {
      line_ += "  ";
    }
    if (shade != nullptr) line_ += shade;
    const std::size_t width = display_width(text);
    const std::size_t padding = widths_[c] > width ? widths_[c] - width : 0;
    if (right_aligned(columns_[c].kind)) line_.append(padding, ' ');
    line_ += text;
    if (!right_aligned(columns_[c].kind)) line_.append(padding, ' ');
    if (shade != nullptr) line_ += kPlain;
    if (markdown_) line_.push_back(' ');
  }

  void end_line() {
    if (markdown_) {
      line_.push_back('|');
    } else {
      while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    }
    line_.push_back('\n');
    out_.write(line_);
  }

  bool markdown_;
  output_format format_;
  const std::vector<column>& columns_;
  byte_sink& out_;
  std::vector<std::size_t> widths_;
  cell_shader shade_;
  std::vector<std::size_t> shown_;
  std::string line_;
  std::size_t rows_ = 0;
};

}  // namespace

column_widths::column_widths(const std::vector<column>& columns, output_format format)
    : columns_(columns), format_(format), widths_(columns.size(), 0) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].on_terminal) widths_[c] = display_width(aligned_heading(columns_[c], format_));
  }
}

std::vector<std::size_t> fitting_columns(const std::vector<column>& columns,
                                         const std::vector<std::size_t>& widths,
                                         std::size_t width) {
  std::vector<std::size_t> kept;
  std::size_t used = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!columns[c].on_terminal) continue;
    const std::size_t needed = kept.empty() ? widths[c] : used + 2 + widths[c];
    if (kept.empty() || needed <= width) {
      kept.push_back(c);
      used = needed;
    }
  }
  return kept;
}

void column_widths::add(const std::vector<value>& row) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (!columns_[c].on_terminal) continue;
    widths_[c] = std::max(widths_[c], display_width(aligned_cell(row[c], columns_[c], format_)));
  }
}

std::unique_ptr<row_sink> open_row_sink(output_format format, const std::vector<column>& columns,
                                        byte_sink& out, const std::vector<std::size_t>& widths,
                                        const cell_shader& shade) {
  switch (format) {
    case output_format::csv:
    case output_format::tsv:
      return std::make_unique<delimited_sink>(format, columns, out);
    case output_format::json:
      return std::make_unique<json_sink>(columns, out);
    case output_format::markdown:
      return std::make_unique<aligned_sink>(true, columns, out, widths, shade);
    case output_format::xlsx:
      return open_xlsx_sink(columns, out);
    case output_format::table:
      break;
  }
  return std::make_unique<aligned_sink>(false, columns, out, widths, shade);
}

void write_rows(output_format format, const std::vector<column>& columns, std::size_t count,
                const row_maker& make, byte_sink& out, const cell_shader& shade) {
  std::vector<value> scratch;
  std::vector<std::size_t> widths;
  if (aligned(format)) {
    column_widths measured(columns, format);
    for (std::size_t i = 0; i < count; ++i) measured.add(make(i, scratch));
    widths = measured.widths();
  }
  std::unique_ptr<row_sink> sink = open_row_sink(format, columns, out, widths, shade);
  for (std::size_t i = 0; i < count && !out.closed(); ++i) sink->row(make(i, scratch));
  sink->finish();
}

}  // namespace retain
