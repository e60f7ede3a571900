#include "retain/calendar.h"

#include <catch2/catch.hpp>

using namespace retain;  // NOLINT: tests read better with short names

namespace {
day_t day_of(const char* text) {
  date_result r = date_parser().parse(text);
  REQUIRE(r.problem == nullptr);
  return r.day;
}
const char* problem_of(const char* text, std::string format = {}) {
  return date_parser(std::move(format)).parse(text).problem;
}
// The date read as YYYY-MM-DD, or the reason it is not one.
std::string read(const std::string& text, std::string format = {}) {
  date_result r = date_parser(std::move(format)).parse(text);
  return r.problem == nullptr ? iso_date(r.day) : r.problem;
}
}  // namespace

TEST_CASE("Day numbers round-trip through civil dates", "[calendar]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  for (day_t d = -800000; d < 3000000; d += 997) {
    civil_date c = civil_from_days(d);
    CHECK(days_from_civil(c.year, c.month, c.day) == d);
  }
  CHECK(iso_date(days_from_civil(2024, 2, 29)) == "2024-02-29");
  CHECK(iso_date(days_from_civil(1, 1, 1)) == "0001-01-01");
}

TEST_CASE("Leap days exist only in leap years", "[calendar]") {
  CHECK(is_valid_date(2024, 2, 29));
  CHECK(is_valid_date(2000, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
  CHECK_FALSE(is_valid_date(2023, 2, 29));
  CHECK_FALSE(is_valid_date(2023, 4, 31));
  CHECK_FALSE(is_valid_date(2023, 13, 1));
  CHECK_FALSE(is_valid_date(0, 1, 1));
}

TEST_CASE("ISO dates and date-times keep the date as written", "[calendar]") {
  const day_t jan15 = days_from_civil(2024, 1, 15);
  CHECK(day_of("2024-01-15") == jan15);
  CHECK(day_of("20240115") == jan15);
  CHECK(day_of("2024-01-15T10:23") == jan15);
  CHECK(day_of("2024-01-15T10:23:45") == jan15);
  CHECK(day_of("2024-01-15 10:23:45.123456") == jan15);
  CHECK(day_of("2024-01-15T23:59:59Z") == jan15);
  CHECK(day_of("2024-01-15T23:30:00+02:00") == jan15);
  CHECK(day_of("2024-01-15T23:30:00-0500") == jan15);
  CHECK(day_of("2024-01-15 23:30:00 -0500") == jan15);  // Shopify
  CHECK(day_of("2024-01-15T00:30:00+14") == jan15);
}

TEST_CASE("Impossible dates are refused with a reason", "[calendar]") {
  CHECK(std::string(problem_of("2023-02-30")) == "is not a valid date");
  CHECK(std::string(problem_of("2024-13-01")) == "is not a valid date");
  CHECK(std::string(problem_of("0000-01-01")) == "has a year out of range (0001-9999)");
  CHECK(std::string(problem_of("99999-01-01")) == "has a year out of range (0001-9999)");
  CHECK(std::string(problem_of("2024-01-15T10:00:00+25:00")) == "has a UTC offset out of range");
  CHECK(std::string(problem_of("2024-01-15T24:00:00")) == "has a time out of range");
  CHECK(std::string(problem_of("2024-01-15x")) == "has text after the date");
  CHECK(std::string(problem_of("")) == "is empty");
  CHECK(std::string(problem_of("12/01/2010")) ==
        "is not a date (expected YYYY-MM-DD, an ISO date-time or YYYYMMDD; see --date-format)");
}

TEST_CASE("ISO order with one-digit months, days and hours reads the same day", "[calendar]") {
  CHECK(read("2024-1-6") == "2024-01-06");
  CHECK(read("2024-1-6 9:05") == "2024-01-06");
  CHECK(read("2024-11-6 9:05") == "2024-11-06");
  CHECK(read("2024-1-16T9:05:30") == "2024-01-16");
  CHECK(read("2024-01-15 9:05") == "2024-01-15");
  CHECK(read("2024-2-30") == "is not a valid date");
  CHECK(read("2024-13-1") == "is not a valid date");
  CHECK(read("2024-1-6 9:5") == "has an unreadable time");
  CHECK(read("2024-1-6 25:00") == "has a time out of range");
}

TEST_CASE("12-hour clocks keep the date: 12 AM is midnight, 12 PM noon", "[calendar]") {
  CHECK(read("2023-12-31 10:15 PM") == "2023-12-31");
  CHECK(read("2023-12-31 10:15:07 am") == "2023-12-31");
  CHECK(read("2023-12-31 11:59:59 pm") == "2023-12-31");
  CHECK(read("2023-12-31 12:00 AM") == "2023-12-31");
  CHECK(read("2023-12-31 12:30 PM") == "2023-12-31");
  CHECK(read("2023-12-31 1:05PM") == "2023-12-31");
  CHECK(read("2023-12-31 0:30 AM") == "has a time out of range");
  CHECK(read("2023-12-31 13:00 PM") == "has a time out of range");
  CHECK(read("2023-12-31 10:15 XM") == "has an unreadable time or offset");
}

TEST_CASE("Zone names after the time are read and not applied", "[calendar]") {
  CHECK(read("2024-01-17 10:23:45 UTC") == "2024-01-17");
  CHECK(read("2024-01-17 23:59:59 GMT") == "2024-01-17");
  CHECK(read("2024-01-17 23:59 PST") == "2024-01-17");
  CHECK(read("2024-01-17 23:59 CEST") == "2024-01-17");
  CHECK(read("2024-01-17 11:59 PM AKST") == "2024-01-17");
  CHECK(read("2024-01-17 10:23:45 utc") == "has an unreadable time or offset");
  CHECK(read("2024-01-17 10:23:45 EUROPE") == "has an unreadable time or offset");
  CHECK(read("2024-01-17 UTC") == "has an unreadable time");
}

TEST_CASE("English month names read in any case, full or short", "[calendar]") {
  CHECK(read("Jun 28, 2024") == "2024-06-28");
  CHECK(read("Jun 28, 2024 10:58:01 PM") == "2024-06-28");  // Magento 2 grid
  CHECK(read("Jun 28, 2024, 10:58:01\xE2\x80\xAFPM") == "2024-06-28");  // newer ICU
  CHECK(read("June 28, 2024") == "2024-06-28");
  CHECK(read("june 28 2024") == "2024-06-28");
  CHECK(read("SEP 3, 2024") == "2024-09-03");
  CHECK(read("28 Jun 2024") == "2024-06-28");
  CHECK(read("1 Jan 2024 00:00") == "2024-01-01");
  CHECK(read("28 Sept 2024") == "2024-09-28");
  CHECK(read("28-Jun-2024") == "2024-06-28");
  CHECK(read("28-dec-1999") == "1999-12-28");
  CHECK(read("Fri, 28 Jun 2024 10:58:01 +0000") == "2024-06-28");  // RFC 2822
  CHECK(read("Friday, June 28, 2024") == "2024-06-28");
  CHECK(read("Thu, 01 Jan 1970 00:00:00 GMT") == "1970-01-01");
  CHECK(read("Wed, 31 Dec 1969 23:59:59 -0100") == "1969-12-31");
}

TEST_CASE("Month-name dates that are not real dates are refused with a reason", "[calendar]") {
  CHECK(read("Jun 31, 2024") == "is not a valid date");
  CHECK(read("Feb 29, 2023") == "is not a valid date");
  CHECK(read("31 Apr 2024") == "is not a valid date");
  CHECK(read("Jun 28, 2024 24:00") == "has a time out of range");
  CHECK(read("Sun, 28 Jun 2024 10:58:01 +0000") == "has a weekday that is not the date's");
  CHECK(read("Jun 28, 20245") == "has a year out of range (0001-9999)");
  CHECK(read("Jun 28, 2024 x") == "has an unreadable time");
  CHECK(read("Jun 28, 2024x") == "has text after the date");
  const std::string not_a_date =
      "is not a date (expected YYYY-MM-DD, an ISO date-time or YYYYMMDD; see --date-format)";
  CHECK(read("Jux 28, 2024") == not_a_date);
  CHECK(read("June 2024") == not_a_date);
  CHECK(read("28 Jun 24") == not_a_date);
  CHECK(read("28/Jun/2024") == not_a_date);
  CHECK(read("Ju 28, 2024") == not_a_date);
}

TEST_CASE("A --date-format reads exactly its layout", "[calendar]") {
  date_parser us("%m/%d/%Y %H:%M");
  CHECK(us.parse("12/1/2010 8:26").day == days_from_civil(2010, 12, 1));
  CHECK(std::string(us.parse("13/1/2010 8:26").problem) == "does not match --date-format");
  CHECK(std::string(us.parse("2/30/2010 8:26").problem) == "is not a valid date");
  CHECK(std::string(us.parse("12/1/2010 8:26 extra").problem) == "does not match --date-format");
  CHECK(std::string(us.parse("12/1/2010 8:26:30").problem) == "does not match --date-format");
}

TEST_CASE("A --date-format of the date part also reads the time exports append", "[calendar]") {
  CHECK(read("12/31/2023", "%m/%d/%Y") == "2023-12-31");
  CHECK(read("12/31/2023 10:15", "%m/%d/%Y") == "2023-12-31");
  CHECK(read("12/1/2010 8:26", "%m/%d/%Y") == "2010-12-01");
  CHECK(read("12/31/2023 10:15:07 PM", "%m/%d/%Y") == "2023-12-31");
  CHECK(read("12/31/2023T10:15:00Z", "%m/%d/%Y") == "2023-12-31");
  CHECK(read("31.12.2023 23:59 +01:00", "%d.%m.%Y") == "2023-12-31");
  CHECK(read("12/31/2023 25:15", "%m/%d/%Y") == "has a time out of range");
  CHECK(read("12/31/2023 10:15 +15:00", "%m/%d/%Y") == "has a UTC offset out of range");
  CHECK(read("12/31/2023 tomorrow", "%m/%d/%Y") == "does not match --date-format");
  CHECK(read("12/31/2023x", "%m/%d/%Y") == "does not match --date-format");
  CHECK(read("12/31/2023", "%m/%d/%Y %H:%M") == "does not match --date-format");
}

TEST_CASE("%y reads 00-68 as 20xx and 69-99 as 19xx", "[calendar]") {
  CHECK(read("12/31/23", "%m/%d/%y") == "2023-12-31");  // Etsy
  CHECK(read("1/5/00", "%m/%d/%y") == "2000-01-05");
  CHECK(read("1/5/68", "%m/%d/%y") == "2068-01-05");
  CHECK(read("1/5/69", "%m/%d/%y") == "1969-01-05");
  CHECK(read("1/5/99", "%m/%d/%y") == "1999-01-05");
  CHECK(read("2/29/23", "%m/%d/%y") == "is not a valid date");
  CHECK(read("12/31/2023", "%m/%d/%y") == "does not match --date-format");
}

TEST_CASE("%Y refuses a year of fewer than 4 digits", "[calendar]") {
  CHECK(read("12/31/23", "%m/%d/%Y") ==
        "has a year of fewer than 4 digits for %Y (2-digit years need %y)");
  CHECK(read("1/1/999", "%m/%d/%Y") ==
        "has a year of fewer than 4 digits for %Y (2-digit years need %y)");
  CHECK(read("1/1/1000", "%m/%d/%Y") == "1000-01-01");
}

TEST_CASE("%b, %B, %I and %p read month names and the 12-hour clock", "[calendar]") {
  CHECK(read("Jun 28, 2024", "%b %d, %Y") == "2024-06-28");
  CHECK(read("JUNE 28, 2024 10:58 PM", "%b %d, %Y") == "2024-06-28");
  CHECK(read("28 June 2024", "%d %B %Y") == "2024-06-28");
  CHECK(read("28-jun-24", "%d-%b-%y") == "2024-06-28");
  CHECK(read("Jun 31, 2024", "%b %d, %Y") == "is not a valid date");
  CHECK(read("Jux 28, 2024", "%b %d, %Y") == "does not match --date-format");
  CHECK(read("06/28/2024 12:00 AM", "%m/%d/%Y %I:%M %p") == "2024-06-28");
  CHECK(read("06/28/2024 11:59 pm", "%m/%d/%Y %I:%M %p") == "2024-06-28");
  CHECK(read("06/28/2024 13:00 PM", "%m/%d/%Y %I:%M %p") == "does not match --date-format");
}

TEST_CASE("Window labels, starts and ends for every kind", "[calendar]") {
  const day_t d = days_from_civil(2024, 5, 17);  // a Friday
  auto label = [&](window_kind k) { return window_label(k, window_index(k, d)); };
  auto start = [&](window_kind k) { return iso_date(window_start(k, window_index(k, d))); };
  auto end = [&](window_kind k) { return iso_date(window_end(k, window_index(k, d))); };
  CHECK(label(window_kind::day) == "2024-05-17");
  CHECK(label(window_kind::week) == "2024-W20");
  CHECK(start(window_kind::week) == "2024-05-13");
  CHECK(end(window_kind::week) == "2024-05-19");
  CHECK(label(window_kind::month) == "2024-05");
  CHECK(end(window_kind::month) == "2024-05-31");
  CHECK(label(window_kind::quarter) == "2024-Q2");
  CHECK(start(window_kind::quarter) == "2024-04-01");
  CHECK(end(window_kind::quarter) == "2024-06-30");
  CHECK(label(window_kind::year) == "2024");
  CHECK(end(window_kind::year) == "2024-12-31");
  CHECK(label(window_kind::all) == "all");
  CHECK(end(window_kind::month) == "2024-05-31");
  CHECK(iso_date(window_end(window_kind::month, window_index(window_kind::month,
                                                            days_from_civil(2024, 2, 3)))) ==
        "2024-02-29");
}

TEST_CASE("A window is complete when the data covers all its days", "[calendar]") {
  const day_t from = days_from_civil(2024, 2, 1);
  const day_t to = days_from_civil(2024, 5, 15);
  auto complete = [&](window_kind k, int y, int m, int d) {
    return window_complete(k, window_index(k, days_from_civil(y, m, d)), from, to);
  };
  CHECK(complete(window_kind::month, 2024, 2, 10));
  CHECK(complete(window_kind::month, 2024, 4, 1));
  CHECK_FALSE(complete(window_kind::month, 2024, 5, 1));    // ends after the 15th
  CHECK_FALSE(complete(window_kind::month, 2024, 1, 31));   // starts before February
  CHECK_FALSE(complete(window_kind::quarter, 2024, 2, 1));  // Q1 starts in January
  CHECK(complete(window_kind::day, 2024, 5, 15));
  CHECK_FALSE(complete(window_kind::day, 2024, 5, 16));
  CHECK(complete(window_kind::week, 2024, 5, 12));        // Monday 6th to Sunday 12th
  CHECK_FALSE(complete(window_kind::week, 2024, 5, 13));  // to Sunday 19th
  CHECK(complete(window_kind::all, 2024, 1, 1));          // the data's span itself
}

TEST_CASE("ISO weeks belong to the year of their Thursday", "[calendar]") {
  auto week = [](int y, int m, int d) {
    return window_label(window_kind::week, window_index(window_kind::week, days_from_civil(y, m, d)));
  };
  CHECK(week(2020, 12, 31) == "2020-W53");
  CHECK(week(2021, 1, 3) == "2020-W53");  // a Sunday: still the last week of 2020
  CHECK(week(2021, 1, 4) == "2021-W01");  // Monday
  CHECK(week(2019, 12, 30) == "2020-W01");
  CHECK(week(2024, 1, 1) == "2024-W01");
  CHECK(week(2027, 1, 1) == "2026-W53");
  CHECK(week(1969, 12, 29) == "1970-W01");  // before day 0
  CHECK(week(1969, 12, 28) == "1969-W52");
}

TEST_CASE("Consecutive windows have consecutive indexes", "[calendar]") {
  for (window_kind k : {window_kind::day, window_kind::week, window_kind::month,
                        window_kind::quarter, window_kind::year}) {
    std::int64_t i = window_index(k, days_from_civil(2023, 12, 31));
    CHECK(window_start(k, i + 1) == window_end(k, i) + 1);
    CHECK(window_index(k, window_start(k, i)) == i);
    CHECK(window_index(k, window_end(k, i)) == i);
  }
}
