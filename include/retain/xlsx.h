// Excel workbooks (.xlsx), written with libxlsxwriter in its constant-memory mode: each sheet is
// a row sink (row_sink.h), so a row per customer goes to disk as it comes. Cells are typed by
// their column's kind: counts, money (#,##0.00), rates (0.00%) and other numbers as numbers,
// dates as dates (yyyy-mm-dd), flags (complete) as booleans, ids and labels always as text,
// undefined values blank. Each
// sheet has a bold, frozen header row, an autofilter over its rows, column widths by kind, and a
// two-colour scale over its heat-map columns (the cohort periods).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "retain/output.h"
#include "retain/row_sink.h"
#include "retain/table.h"

struct lxw_workbook;
struct lxw_format;

namespace retain {

/// One workbook being written to a temporary file, then copied to a byte_sink by finish().
class xlsx_book {
 public:
  /// Opens the workbook in a temporary file (TMPDIR, else /tmp); throws retain::error when it
  /// cannot.
  xlsx_book();
  ~xlsx_book();
  xlsx_book(const xlsx_book&) = delete;
  xlsx_book& operator=(const xlsx_book&) = delete;

  /// Adds a sheet (its name cut to Excel's 31 characters) and writes its header; rows go to the
  /// sink returned, whose finish() sets the autofilter and the colour scale. A sheet's rows must
  /// all be written, and its sink finished, before the next sheet is added. More rows than a
  /// sheet holds (1,048,575) throw retain::error. `columns` must outlive the sink.
  std::unique_ptr<row_sink> add_sheet(const std::string& name, const std::vector<column>& columns);
  /// A whole table as a sheet.
  void add_table(const std::string& name, const table& t);
  /// Closes the workbook and copies its bytes to `out`, in pieces.
  void finish(byte_sink& out);

  /// The cell formats of the kinds, shared by the sheets.
  struct formats {
    lxw_format* header = nullptr;
    lxw_format* count = nullptr;
    lxw_format* money = nullptr;
    lxw_format* rate = nullptr;
    lxw_format* date = nullptr;
    lxw_format* number[7] = {};  ///< by decimal places, 0 to 6
  };

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
  formats formats_;
};

/// A one-sheet workbook as a row sink (--format xlsx): its finish() writes the whole workbook
/// to `out`. The sheet is named `sheet`.
std::unique_ptr<row_sink> open_xlsx_sink(const std::vector<column>& columns, byte_sink& out,
                                         const std::string& sheet = "retain");

}  // namespace retain
