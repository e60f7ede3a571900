#include "retain/date_layouts.h"

#include <catch2/catch.hpp>

#include "retain/calendar.h"

using namespace retain;  // NOLINT: tests read better with short names

namespace {
date_layout_choice choose(std::vector<std::string_view> sample) {
  return choose_date_layout(sample);
}
// The layout chosen for the sample, which must read every value of it, as "format = days".
std::string chosen(std::vector<std::string_view> sample) {
  date_layout_choice choice = choose_date_layout(sample);
  if (!choice.problem.empty()) return "problem: " + choice.problem;
  date_parser parser(choice.format);
  std::string days;
  for (std::string_view value : sample) {
    if (value.find_first_not_of(" ") == std::string_view::npos) continue;  // blank
    date_result r = parser.parse(std::string(value));
    days += std::string(days.empty() ? "" : " ") + (r.problem ? r.problem : iso_date(r.day));
  }
  return choice.format + " = " + days;
}
}  // namespace

TEST_CASE("Dates the built-in layouts read need no format", "[date_layouts]") {
  date_layout_choice iso = choose({"2024-01-15", "2024-01-16 10:23:45 -0500", "2024-1-6"});
  CHECK(iso.format.empty());
  CHECK(iso.description == "ISO 8601");
  CHECK(iso.problem.empty());
  CHECK(choose({"20240115", "2024-01-15"}).description == "YYYYMMDD and ISO 8601");
  CHECK(choose({"Jun 28, 2024 10:58:01 PM", "28-Jun-2024"}).description ==
        "dates with month names");
  CHECK(choose({}).description == "built-in layouts (the sample holds no dates)");
}

TEST_CASE("A value in a built-in layout that is not a real date is left as a bad row",
          "[date_layouts]") {
  date_layout_choice choice = choose({"2024-01-15", "2024-02-30", "2024-01-17 25:00"});
  CHECK(choice.format.empty());
  CHECK(choice.problem.empty());
  CHECK(choose({"2024-02-30"}).problem ==
        "no date in the sample reads: \"2024-02-30\" is not a valid date");
}

TEST_CASE("A first number above 12 makes the column day-first", "[date_layouts]") {
  CHECK(chosen({"03/04/2024", "31/12/2023", "1/2/2024"}) ==
        "%d/%m/%Y = 2024-04-03 2023-12-31 2024-02-01");
  CHECK(choose({"03/04/2024", "31/12/2023"}).description == "day/month/year (%d/%m/%Y)");
  CHECK(chosen({"05-04-2024", "13-01-2024 10:15"}) == "%d-%m-%Y = 2024-04-05 2024-01-13");
  CHECK(chosen({"05/04/24", "13/01/24"}) == "%d/%m/%y = 2024-04-05 2024-01-13");
}

TEST_CASE("A second number above 12 makes the column month-first", "[date_layouts]") {
  CHECK(chosen({"12/1/2010 8:26", "12/13/2010 17:06", "1/2/2011 9:00"}) ==  // UCI online retail
        "%m/%d/%Y = 2010-12-01 2010-12-13 2011-01-02");
  CHECK(choose({"12/1/2010 8:26", "12/13/2010 17:06"}).description == "month/day/year (%m/%d/%Y)");
  CHECK(chosen({"01/02/23", "12/31/23", "6/5/99"}) ==  // Etsy
        "%m/%d/%y = 2023-01-02 2023-12-31 1999-06-05");
  CHECK(chosen({"01/02/2024 10:15 PM", "01/31/2024 12:00 AM"}) ==
        "%m/%d/%Y = 2024-01-02 2024-01-31");
  CHECK(chosen({"02-28-2024", "03-01-2024"}) == "%m-%d-%Y = 2024-02-28 2024-03-01");
}

TEST_CASE("Day/month order that the data does not decide is a problem, not a guess",
          "[date_layouts]") {
  CHECK(choose({"03/04/2024", "", "01/02/2024 10:15"}).problem ==
        "dates such as \"03/04/2024\" could be day/month or month/day; set --date-format "
        "%d/%m/%Y or --date-format %m/%d/%Y");
  CHECK(choose({"03/03/2024", "05/06/24"}).problem ==
        "dates mix layouts, such as \"03/03/2024\" and \"05/06/24\"; no one --date-format reads "
        "them all");
  CHECK(choose({"03/03/24", "05/06/24"}).problem ==
        "dates such as \"05/06/24\" could be day/month or month/day; set --date-format %d/%m/%y "
        "or --date-format %m/%d/%y");
  CHECK(choose({"03-04-2024"}).problem ==
        "dates such as \"03-04-2024\" could be day/month or month/day; set --date-format "
        "%d-%m-%Y or --date-format %m-%d-%Y");
  CHECK(choose({"03/04/2024"}).format.empty());
}

TEST_CASE("A column with both orders is inconsistent", "[date_layouts]") {
  CHECK(choose({"01/02/2024", "13/01/2024", "01/13/2024", "31/01/2024"}).problem ==
        "dates such as \"13/01/2024\" put the day first but \"01/13/2024\" put the month first; "
        "no one --date-format reads both");
}

TEST_CASE("Dotted dates are day-first unless the data says otherwise", "[date_layouts]") {
  CHECK(chosen({"31.12.2023", "01.02.2024"}) == "%d.%m.%Y = 2023-12-31 2024-02-01");
  CHECK(chosen({"03.04.2024", "01.02.2024 10:00"}) == "%d.%m.%Y = 2024-04-03 2024-02-01");
  CHECK(choose({"03.04.2024"}).description ==
        "day.month.year (%d.%m.%Y), day first as dotted dates are");
  CHECK(choose({"03.04.2024", "01.13.2024"}).problem ==
        "dotted dates such as \"01.13.2024\" put the month first, against the day-first "
        "convention; set --date-format %m.%d.%Y if that is their layout");
}

TEST_CASE("Year-first numeric dates need no evidence", "[date_layouts]") {
  CHECK(chosen({"2024/01/15", "2024/1/6 9:05"}) == "%Y/%m/%d = 2024-01-15 2024-01-06");
  CHECK(choose({"2024.01.15"}).description == "year.month.day (%Y.%m.%d)");
}

TEST_CASE("Blank values are ignored", "[date_layouts]") {
  CHECK(chosen({"", "12/31/2023", "  ", "01/02/2024"}) == "%m/%d/%Y = 2023-12-31 2024-01-02");
  CHECK(choose({"", " "}).format.empty());
  CHECK(choose({"", " "}).problem.empty());
}

TEST_CASE("Values in no known layout are bad rows beside others, a problem alone", "[date_layouts]") {
  CHECK(choose({"2024-01-15", "the 5th of June"}).problem.empty());
  CHECK(chosen({"12/31/2023", "31/12/2023/1"}) == "%m/%d/%Y = 2023-12-31 does not match --date-format");
  CHECK(choose({"the 5th of June", "n/a"}).problem ==
        "dates such as \"the 5th of June\" are in no layout retain recognizes; set --date-format "
        "to their strptime layout");
  CHECK(choose({"12/31/2023", "01/02/2024 noon"}).problem ==
        "dates such as \"01/02/2024 noon\" do not read as %m/%d/%Y, the layout of the others; "
        "set --date-format to their layout");
  CHECK(choose({"13/13/2024"}).problem ==
        "dates such as \"13/13/2024\" are not valid dates in any order; set --date-format to "
        "their layout");
}

TEST_CASE("Mixed layouts in one column are a problem", "[date_layouts]") {
  CHECK(choose({"2024-01-15", "2024-01-16", "12/31/2023"}).problem ==
        "dates mix layouts, such as \"2024-01-15\" and \"12/31/2023\"; no one --date-format "
        "reads them all");
  CHECK(choose({"31.12.2023", "31/12/2023"}).problem ==
        "dates mix layouts, such as \"31.12.2023\" and \"31/12/2023\"; no one --date-format "
        "reads them all");
}

TEST_CASE("A numeric value that is not a real date stays a bad row of the chosen layout",
          "[date_layouts]") {
  date_layout_choice choice = choose({"12/31/2023", "02/30/2024", "01/02/2024 25:00"});
  CHECK(choice.format == "%m/%d/%Y");
  CHECK(choice.problem.empty());
}

TEST_CASE("Suggestions name a format only when the text leaves no doubt", "[date_layouts]") {
  CHECK(suggest_date_format("12/31/2023") == "%m/%d/%Y");
  CHECK(suggest_date_format("31/12/2023") == "%d/%m/%Y");
  CHECK(suggest_date_format("31.12.2023") == "%d.%m.%Y");
  CHECK(suggest_date_format("03.04.2024") == "%d.%m.%Y");
  CHECK(suggest_date_format("12/31/23 10:15 PM") == "%m/%d/%y");
  CHECK(suggest_date_format("31-12-2023") == "%d-%m-%Y");
  CHECK(suggest_date_format("2024/01/15") == "%Y/%m/%d");
  CHECK(suggest_date_format("03/04/2024") == "");
  CHECK(suggest_date_format("02/30/2024") == "");
  CHECK(suggest_date_format("12/31/2023 noon") == "");
  CHECK(suggest_date_format("2024-01-15") == "");
  CHECK(suggest_date_format("yesterday") == "");
}
