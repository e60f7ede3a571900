#include "retain/output.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "test_files.h"

using namespace retain;  // NOLINT
using retain::testing::temp_file;

namespace {
std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

TEST_CASE("A report replaces the file only when it is written whole", "[output]") {
  temp_file report("old report\n");
  write_output("new report\n", report.path());
  CHECK(contents(report.path()) == "new report\n");
}

TEST_CASE("A report that cannot be written is an error naming the file", "[output]") {
  CHECK_THROWS_WITH(write_output("x", "/nonexistent-dir/report.csv"),
                    "cannot write /nonexistent-dir/report.csv: No such file or directory");
}
