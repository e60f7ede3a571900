// Decides the date layout of one input from a sample of its date texts, so that exports written
// `12/31/2023` or `31.12.2023` read without a --date-format when the data itself says which number
// is the day, and never by a guess when it does not.
//
// The layouts it knows are the built-in ones of date_parser (ISO 8601, YYYYMMDD, month names) and
// the numeric ones shops write, each optionally followed by a time (24-hour, or 12-hour with
// AM/PM) that date_parser reads after any format:
//   MM/DD/YYYY, DD/MM/YYYY, MM/DD/YY (Etsy), DD/MM/YY, DD.MM.YYYY, DD-MM-YYYY, MM-DD-YYYY,
//   YYYY/MM/DD, YYYY.MM.DD (one-digit months and days too, as in `12/1/2010 8:26`).
// 2-digit years follow %y: 00-68 are 20xx, 69-99 are 19xx (see calendar.h).
//
// Day-first or month-first is read from the data: a value whose first number can only be a day
// (`31/12/2023`) makes the column day-first, one whose second number can only be a day
// (`12/31/2023`) month-first; both in one column is a problem, and so is neither (every value has
// both numbers 1..12), which names the two --date-format choices instead of guessing. Dotted dates
// are day-first by convention (no country writes month.day.year), so an all-ambiguous dotted column
// is read day-first; a dotted value that can only be month-first is a problem.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retain {

/// What a sample of one input's date texts says about their layout.
struct date_layout_choice {
  std::string
      format;  ///< "" = the built-in layouts; else a layout for date_parser, e.g. "%d/%m/%Y"
  std::string
      description;      ///< for the run's summary, e.g. "ISO 8601" or "day/month/year (%d/%m/%Y)"
  std::string problem;  ///< non-empty when no layout can be chosen: a one-line reason naming the
                        ///< flag(s), e.g. "dates such as \"03/04/2024\" could be day/month or
                        ///< month/day; set --date-format %d/%m/%Y or --date-format %m/%d/%Y"
};

/// Chooses the layout of a sample of date texts (say the first few thousand of a file). Blank
/// values are ignored. A layout is chosen only if it reads every value of the sample, except
/// values in its own shape that are not real dates (`2024-02-30`, `02/30/2024`, a time `25:00`):
/// those are the loader's bad rows, reported as such, and so are values in no known layout beside
/// values in one (`n/a` among ISO dates). A sample with no value in a known layout, values in two
/// layouts (`2024-01-05` and `05/01/2024`), and a day/month order the data does not decide are
/// problems. The format chosen is accepted by date_parser for every other value of the sample.
date_layout_choice choose_date_layout(const std::vector<std::string_view>& sample);

/// For a date text that the chosen layout could not read: a --date-format that would read it, or
/// "" when none is certain. "12/31/2023" -> "%m/%d/%Y"; "31/12/2023" -> "%d/%m/%Y";
/// "31.12.2023" -> "%d.%m.%Y"; "2024/01/15" -> "%Y/%m/%d"; "03/04/2024" -> "" (ambiguous); texts
/// the built-in layouts read -> "" (leave --date-format unset).
std::string suggest_date_format(std::string_view text);

}  // namespace retain
