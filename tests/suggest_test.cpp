#include "retain/suggest.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace retain;  // NOLINT

TEST_CASE("Edit distance counts insertions, deletions, substitutions and adjacent swaps",
          "[suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("window", "window") == 0);
  CHECK(edit_distance("windw", "window") == 1);    // a deletion
  CHECK(edit_distance("windoww", "window") == 1);  // an insertion
  CHECK(edit_distance("wendow", "window") == 1);   // a substitution
  CHECK(edit_distance("metirc", "metric") == 1);   // a swap
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("ca", "abc") == 3);  // no edit of a swapped pair again
}

TEST_CASE("The nearest name within two edits is suggested, the first of equally near ones",
          "[suggest]") {
  const std::vector<std::string> flags = {"--window", "--from", "--to", "--format", "--output"};
  CHECK(nearest_name("--windw", flags) == "--window");
  CHECK(nearest_name("--fromat", flags) == "--format");
  CHECK(nearest_name("--form", flags) == "--from");  // --from 1 edit away (a swap), --format 2
  CHECK(nearest_name("--colour", flags) == std::nullopt);
  const std::vector<std::string> commands = {"metrics", "cohorts", "customers", "summary"};
  CHECK(nearest_name("metrcs", commands) == "metrics");
  CHECK(nearest_name("cohort", commands) == "cohorts");
  CHECK(nearest_name("orders.csv", commands) == std::nullopt);
  CHECK(nearest_name("x", {"y"}) == std::nullopt);  // one letter of one: no guess
}
