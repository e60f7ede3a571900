#include "retain/progress.h"

#include <catch2/catch.hpp>

using namespace retain;  // NOLINT

TEST_CASE("The progress line shows the share done and the time left", "[progress]") {
  CHECK(progress_line(210'000'000, 528'000'000, 3'800'000, 1.0) ==
        "retain: 210 MB of 528 MB (39%), 3.8M rows/s, 0:01 left");
  CHECK(progress_line(100'000'000, 1'000'000'000, 900'000, 60.0) ==
        "retain: 100 MB of 1000 MB (10%), 15k rows/s, 9:00 left");
}

TEST_CASE("Without a size the progress line shows what was read", "[progress]") {
  CHECK(progress_line(150'000'000, 0, 2'000'000, 2.0) == "retain: 150 MB, 1.0M rows/s");
}
