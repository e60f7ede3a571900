#include "retain/xlsx.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "retain/calendar.h"
#include "retain/display.h"
#include "retain/error.h"
#include "retain/format.h"

namespace retain {
namespace {

constexpr lxw_row_t kMaxRows = 1048576;    // Excel's rows per sheet, the header included
constexpr std::size_t kSheetNameMax = 31;  // Excel's longest sheet name
constexpr std::size_t kCopyBytes = 1 << 16;

void check(lxw_error code, const std::string& what) {
  if (code != LXW_NO_ERROR) throw error(fmt::format("xlsx: {}: {}", what, lxw_strerror(code)));
}

double as_double(const decimal& d) {
  double scale = 1;
  for (int i = 0; i < d.places; ++i) scale *= 10;
  return static_cast<double>(d.units) / scale;
}

// Width in characters of a column: its name or the widest value its kind usually has.
double width_of(const column& col) {
  std::size_t width = 10;
  switch (col.kind) {
    case column_kind::text:
      width = 16;
      break;
    case column_kind::money:
      width = 14;
      break;
    case column_kind::date:
      width = 11;
      break;
    case column_kind::rate:
    case column_kind::count:
    case column_kind::flag:
    case column_kind::number:
      width = 10;
      break;
  }
  return static_cast<double>(std::max(width, display_width(col.name)) + 2);
}

class sheet_sink : public row_sink {
 public:
  sheet_sink(lxw_worksheet* sheet, const xlsx_book::formats& formats,
             const std::vector<column>& columns, std::string name)
      : sheet_(sheet), formats_(formats), columns_(columns), name_(std::move(name)) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(sheet_, col, col, width_of(columns_[c]), nullptr), name_);
      check(worksheet_write_string(sheet_, 0, col,
                                   escape(columns_[c].name, output_format::xlsx).c_str(),
                                   formats_.header),
            name_);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }

  void row(const std::vector<value>& values) override {
    if (row_ + 1 >= kMaxRows) {
      throw error(
          fmt::format("xlsx: sheet {} would have more than {} rows, Excel's limit; "
                      "--format csv has none",
                      name_, kMaxRows - 1));
    }
    ++row_;
    for (std::size_t c = 0; c < values.size(); ++c) cell(static_cast<lxw_col_t>(c), values[c]);
  }

  void finish() override {
    if (columns_.empty()) return;
    const auto last_col = static_cast<lxw_col_t>(columns_.size() - 1);
    check(worksheet_autofilter(sheet_, 0, 0, row_, last_col), name_);
    std::size_t first_heat = columns_.size();
    std::size_t last_heat = 0;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (!columns_[c].heat) continue;
      first_heat = std::min(first_heat, c);
      last_heat = c;
    }
    if (first_heat < columns_.size() && row_ > 0) {
      lxw_conditional_format scale{};
      scale.type = LXW_CONDITIONAL_2_COLOR_SCALE;
      scale.min_color = 0xFFFFFF;  // white to Okabe-Ito sky blue: black text stays readable
      scale.max_color = 0x56B4E9;
      check(worksheet_conditional_format_range(sheet_, 1, static_cast<lxw_col_t>(first_heat), row_,
                                               static_cast<lxw_col_t>(last_heat), &scale),
            name_);
    }
  }

 private:
  void cell(lxw_col_t c, const value& v) {
    const column& col = columns_[c];
    if (const std::string* text = std::get_if<std::string>(&v)) {
      const date_result day =
          col.kind == column_kind::date ? dates_.parse(*text) : date_result{0, "not a date"};
      if (day.problem == nullptr) {
        const civil_date d = civil_from_days(day.day);
        lxw_datetime when{d.year, d.month, d.day, 0, 0, 0};
        check(worksheet_write_datetime(sheet_, row_, c, &when, formats_.date), name_);
      } else {
        check(worksheet_write_string(sheet_, row_, c, escape(*text, output_format::xlsx).c_str(),
                                     nullptr),
              fmt::format("{} row {} column {}", name_, row_, col.name));
      }
    } else if (const std::int64_t* n = std::get_if<std::int64_t>(&v)) {
      check(worksheet_write_number(sheet_, row_, c, static_cast<double>(*n), number_format(col, 0)),
            name_);
    } else if (const decimal* d = std::get_if<decimal>(&v)) {
      check(worksheet_write_number(sheet_, row_, c, as_double(*d), number_format(col, d->places)),
            name_);
    } else if (const bool* flag = std::get_if<bool>(&v)) {
      check(worksheet_write_boolean(sheet_, row_, c, *flag, nullptr), name_);
    }  // undefined: a blank cell
  }

  lxw_format* number_format(const column& col, int places) const {
    switch (col.kind) {
      case column_kind::count:
        return formats_.count;
      case column_kind::money:
        return formats_.money;
      case column_kind::rate:
        return formats_.rate;
      case column_kind::text:
      case column_kind::date:
      case column_kind::flag:
      case column_kind::number:
        break;
    }
    return formats_.number[std::clamp(places, 0, 6)];
  }

  lxw_worksheet* sheet_;
  const xlsx_book::formats& formats_;
  const std::vector<column>& columns_;
  std::string name_;
  date_parser dates_;  // YYYY-MM-DD of the date columns
  lxw_row_t row_ = 0;  // the last row written; 0 is the header
};

// A one-sheet workbook: the sheet's rows, then the whole workbook to `out`.
class book_sink : public row_sink {
 public:
  book_sink(const std::vector<column>& columns, byte_sink& out, const std::string& sheet)
      : out_(out), sheet_(book_.add_sheet(sheet, columns)) {}
  void row(const std::vector<value>& values) override { sheet_->row(values); }
  void finish() override {
    sheet_->finish();
    book_.finish(out_);
  }

 private:
  byte_sink& out_;
  xlsx_book book_;
  std::unique_ptr<row_sink> sheet_;
};

}  // namespace

xlsx_book::xlsx_book() {
  const char* dir = std::getenv("TMPDIR");
  std::string temp = fmt::format("{}/retain-xlsx-XXXXXX", dir != nullptr && *dir ? dir : "/tmp");
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    throw error(fmt::format("cannot write a temporary file in {}: {}", temp, std::strerror(errno)));
  ::close(fd);
  path_ = temp;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as they are written
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (book_ == nullptr) {
    ::unlink(path_.c_str());
    throw error(fmt::format("cannot start a workbook in {}", path_));
  }
  // A fixed creation time: the same report gives the same workbook.
  lxw_doc_properties properties{};
  properties.created = 946684800;  // 2000-01-01
  workbook_set_properties(book_, &properties);
  formats_.header = workbook_add_format(book_);
  format_set_bold(formats_.header);
  format_set_bottom(formats_.header, LXW_BORDER_THIN);
  auto numeric = [&](const char* layout) {
    lxw_format* f = workbook_add_format(book_);
    format_set_num_format(f, layout);
    return f;
  };
  formats_.count = numeric("#,##0");
  formats_.money = numeric("#,##0.00");
  formats_.rate = numeric("0.00%");
  formats_.date = numeric("yyyy-mm-dd");
  const char* places[] = {"0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"};
  for (int i = 0; i < 7; ++i) formats_.number[i] = numeric(places[i]);
}

xlsx_book::~xlsx_book() {
  if (book_ != nullptr) lxw_workbook_free(book_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

std::unique_ptr<row_sink> xlsx_book::add_sheet(const std::string& name,
                                               const std::vector<column>& columns) {
  const std::string cut = name.substr(0, kSheetNameMax);
  lxw_worksheet* sheet = workbook_add_worksheet(book_, cut.c_str());
  if (sheet == nullptr) throw error(fmt::format("xlsx: cannot add the sheet {}", cut));
  return std::make_unique<sheet_sink>(sheet, formats_, columns, cut);
}

void xlsx_book::add_table(const std::string& name, const table& t) {
  std::unique_ptr<row_sink> sheet = add_sheet(name, t.columns);
  for (const std::vector<value>& row : t.rows) sheet->row(row);
  sheet->finish();
}

void xlsx_book::finish(byte_sink& out) {
  lxw_workbook* book = book_;
  book_ = nullptr;  // workbook_close frees it, whatever it returns
  check(workbook_close(book), "closing the workbook");
  std::FILE* file = std::fopen(path_.c_str(), "rb");
  if (file == nullptr) {
    throw error(fmt::format("cannot read {}: {}", path_, std::strerror(errno)));
  }
  std::string piece(kCopyBytes, '\0');
  std::size_t n = 0;
  while (!out.closed() && (n = std::fread(piece.data(), 1, piece.size(), file)) > 0) {
    out.write(std::string_view(piece.data(), n));
  }
  std::fclose(file);
}

std::unique_ptr<row_sink> open_xlsx_sink(const std::vector<column>& columns, byte_sink& out,
                                         const std::string& sheet) {
  return std::make_unique<book_sink>(columns, out, sheet);
}

}  // namespace retain
