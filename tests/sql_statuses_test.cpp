#include "retain/sql_statuses.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "retain/byte_source.h"

namespace retain {
namespace {

std::vector<std::string> read(std::string bytes, const char* column = "status") {
  return read_status_values(*memory_source(std::move(bytes)), "values.csv", column);
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("Status values are read one per line, the CSV header skipped", "[sql_statuses]") {
  CHECK(read("status\nCompleted\nCanceled by customer\n") ==
        strings{"Completed", "Canceled by customer"});
  CHECK(read("Completed\nPayment failed") == strings{"Completed", "Payment failed"});
  CHECK(read("\xEF\xBB\xBF\"status\"\npaid\n") == strings{"paid"});
  // Only the first line is a header, and only when it is the column's name as written.
  CHECK(read("Status\nstatus\n") == strings{"Status", "status"});
}

TEST_CASE("Status values keep their quotes, commas, blanks and line breaks as CSV writes them",
          "[sql_statuses]") {
  CHECK(read("\"Canceled, by customer\"\n\"Say \"\"no\"\"\"\n  padded \n\"two\nlines\"\n") ==
        strings{"Canceled, by customer", "Say \"no\"", "  padded ", "two\nlines"});
}

TEST_CASE("Status values read CRLF line ends as LF ones", "[sql_statuses]") {
  CHECK(read("status\r\nCompleted\r\n\"Zahlung\r\nausstehend\"\r\nRefunded\r\n") ==
        strings{"Completed", "Zahlung\r\nausstehend", "Refunded"});
}

TEST_CASE("An empty line is the empty status, and a value given twice is read once",
          "[sql_statuses]") {
  CHECK(read("status\npaid\n\nCancelled\npaid\n\r\n\"\"\n") == strings{"paid", "", "Cancelled"});
  CHECK(read("").empty());
}

TEST_CASE("A status value file with several fields or an open quote is refused, naming the line",
          "[sql_statuses]") {
  REQUIRE_THROWS_WITH(
      read("status\npaid\nCancelled,12\n"),
      "values.csv:3: more than one field: give the status column only (SELECT DISTINCT "
      "status ...)");
  REQUIRE_THROWS_WITH(read("\"two\nlines\"\n\"open\n"), "values.csv:3: a quote is not closed");
  REQUIRE_THROWS_WITH(read("\"paid\" later\n"), "values.csv:1: text after a closing quote");
}

TEST_CASE("Each status value gets the verdict the loader gives it, and the empty status is added",
          "[sql_statuses]") {
  const std::vector<status_value> judged = judge_status_values(
      {"Completed", "Canceled by customer", "Payment failed", "Teilweise erstattet", "Remboursée",
       "Refund failed", "wc-on-hold", "Open"},
      {}, {"open"});
  const std::vector<std::pair<std::string, status_verdict>> expected = {
      {"Completed", status_verdict::counted},
      {"Canceled by customer", status_verdict::left_out},
      {"Payment failed", status_verdict::left_out},
      {"Teilweise erstattet", status_verdict::counted},
      {"Remboursée", status_verdict::refunded},
      {"Refund failed", status_verdict::unknown},
      {"wc-on-hold", status_verdict::left_out},
      {"Open", status_verdict::left_out},
      {"", status_verdict::counted}};
  REQUIRE(judged.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(judged[i].text == expected[i].first);
    CHECK(judged[i].verdict == expected[i].second);
  }
}

TEST_CASE("With --include-status only the listed values count, the empty status too",
          "[sql_statuses]") {
  const std::vector<status_value> judged = judge_status_values(
      {"", "Completed", "Cancelled", "Refunded"}, {"cancelled", "refunded"}, {});
  REQUIRE(judged.size() == 4);
  CHECK(judged[0].verdict == status_verdict::left_out);
  CHECK(judged[1].verdict == status_verdict::left_out);
  CHECK(judged[2].verdict == status_verdict::counted);
  CHECK(judged[3].verdict == status_verdict::refunded);
}

TEST_CASE("The values retain does not know are named in one warning", "[sql_statuses]") {
  const std::vector<status_value> judged =
      judge_status_values({"paid", "Refund failed", "Open"}, {}, {});
  CHECK(unknown_values_warning(judged, "values.csv") ==
        "2 statuses of values.csv that retain does not know, counted as purchases: \"Refund "
        "failed\", "
        "\"Open\"; --exclude-status leaves them out");
  CHECK(unknown_values_warning(judge_status_values({"Returned"}, {}, {}), "-") ==
        "1 status of - that retain does not know, counted as purchases: \"Returned\"; "
        "--exclude-status "
        "leaves them out");
  CHECK(unknown_values_warning(judge_status_values({"paid"}, {}, {}), "values.csv").empty());
}

TEST_CASE("Verdicts have the names the query's status column holds", "[sql_statuses]") {
  CHECK(verdict_token(status_verdict::counted) == "counted");
  CHECK(verdict_token(status_verdict::refunded) == "refunded");
  CHECK(verdict_token(status_verdict::left_out) == "left out");
  CHECK(verdict_token(status_verdict::unknown) == "unknown");
}

}  // namespace retain
