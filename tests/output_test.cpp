#include "retain/output.h"

#include <catch2/catch.hpp>
#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
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

TEST_CASE("A report written in pieces replaces the file only when committed", "[output]") {
  temp_file report("old report\n");
  {
    report_output out(report.path());
    for (int i = 0; i < 20000; ++i) out.write("row,row,row,row\n");  // past the buffer
    CHECK(contents(report.path()) == "old report\n");
    out.commit();
  }
  const std::string text = contents(report.path());
  CHECK(text.size() == 20000 * 16);
  CHECK(text.substr(0, 16) == "row,row,row,row\n");
}

TEST_CASE("A report abandoned before its commit leaves the old file and no temporary file",
          "[output]") {
  char folder[] = "/tmp/retain_output_XXXXXX";
  REQUIRE(::mkdtemp(folder) != nullptr);
  const std::string path = std::string(folder) + "/report.csv";
  write_output("old report\n", path);
  try {
    report_output out(path);
    for (int i = 0; i < 20000; ++i) out.write("half a report\n");
    throw std::runtime_error("an error midway");
  } catch (const std::runtime_error&) {
  }
  CHECK(contents(path) == "old report\n");
  std::size_t files = 0;
  DIR* dir = ::opendir(folder);
  REQUIRE(dir != nullptr);
  while (const dirent* entry = ::readdir(dir)) files += entry->d_name[0] != '.';
  ::closedir(dir);
  CHECK(files == 1);
  std::remove(path.c_str());
  ::rmdir(folder);
}
