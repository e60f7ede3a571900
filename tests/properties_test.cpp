// Properties that hold for any input: row order and file splits do not change the output, and
// the windows' numbers are consistent with each other and with the `all` window in every format.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>

#include "retain/format.h"
#include "retain/loader.h"
#include "retain/metrics.h"
#include "test_files.h"

using namespace retain;  // NOLINT

namespace {

const std::string kSample = std::string(RETAIN_SOURCE_DIR) + "/data/orders.csv";

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The metrics of inputs given as texts.
std::string metrics_csv(const std::vector<std::string>& texts, window_kind kind, unsigned threads) {
  load_options options;
  options.threads = threads;
  options.chunk_bytes = 4096;  // many chunks, so that threads interleave
  loaded_orders loaded = load_orders(options, retain::testing::in_memory(texts));
  return render(metrics_table(compute_metrics(loaded.book, {kind, {}, {}})), output_format::csv);
}

const window_kind kKinds[] = {window_kind::day,     window_kind::week, window_kind::month,
                              window_kind::quarter, window_kind::year, window_kind::all};

}  // namespace

TEST_CASE("Shuffled rows split over several files give byte-identical output", "[properties]") {
  std::vector<std::string> lines = read_lines(kSample);
  REQUIRE(lines.size() > 1000);
  const std::string header = lines.front();
  std::vector<std::string> rows(lines.begin() + 1, lines.end());
  std::map<window_kind, std::string> expected;
  std::string whole;
  for (const std::string& line : lines) whole += line + "\n";
  for (window_kind kind : kKinds) expected[kind] = metrics_csv({whole}, kind, 1);

  std::mt19937 rng(2024);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(rows.begin(), rows.end(), rng);
    const std::size_t files = 1 + static_cast<std::size_t>(round) * 2;  // 1, 3, 5 files
    std::vector<std::string> parts;
    for (std::size_t f = 0; f < files; ++f) {
      std::string text = header + "\n";
      for (std::size_t r = f; r < rows.size(); r += files) text += rows[r] + "\n";
      parts.push_back(text);
    }
    for (window_kind kind : kKinds) {
      for (unsigned threads : {1u, 2u}) {
        INFO("round " << round << ", " << window_label(kind, 0) << ", threads " << threads);
        CHECK(metrics_csv(parts, kind, threads) == expected[kind]);
      }
    }
  }
}

TEST_CASE("Windows add up to the all window and keep their order of sizes", "[properties]") {
  load_options options;
  options.paths = {kSample};
  order_book book = load_orders(options).book;
  const window_metrics all = compute_metrics(book, {window_kind::all, {}, {}}).at(0);
  for (window_kind kind : kKinds) {
    std::uint64_t orders = 0, new_customers = 0;
    cents_t revenue = 0;
    for (const window_metrics& w : compute_metrics(book, {kind, {}, {}})) {
      INFO(w.label);
      CHECK(w.repeat_customers <= w.customers);
      CHECK(w.customers <= w.orders);
      CHECK(w.new_customers + w.returning_customers == w.customers);
      CHECK(w.start <= w.end);
      orders += w.orders;
      revenue += w.revenue;
      new_customers += w.new_customers;
    }
    CHECK(orders == all.orders);
    CHECK(revenue == all.revenue);
    CHECK(new_customers == all.customers);  // everyone is new exactly once
  }
}

TEST_CASE("Every format prints the same numbers", "[properties]") {
  load_options options;
  options.paths = {kSample};
  table t = metrics_table(compute_metrics(load_orders(options).book, {window_kind::quarter, {}, {}}));
  std::string csv = render(t, output_format::csv);
  std::string tsv = render(t, output_format::tsv);
  std::replace(tsv.begin(), tsv.end(), '\t', ',');
  CHECK(tsv == csv);  // no field needs quoting here

  // JSON: "key": value pairs in column order, the same texts as CSV (null for empty).
  std::istringstream csv_lines(csv), json_lines(render(t, output_format::json));
  std::string csv_line, json_line;
  std::getline(csv_lines, csv_line);  // header
  std::getline(json_lines, json_line);  // [
  while (std::getline(csv_lines, csv_line)) {
    REQUIRE(std::getline(json_lines, json_line));
    std::istringstream fields(csv_line);
    std::string expected = "  {";
    std::size_t c = 0;
    for (std::string field; std::getline(fields, field, ','); ++c) {
      bool text = t.columns[c].kind == column_kind::text || t.columns[c].kind == column_kind::date;
      expected += (c ? ", \"" : "\"") + t.columns[c].name + "\": " +
                  (field.empty() ? "null" : text ? "\"" + field + "\"" : field);
    }
    for (; c < t.columns.size(); ++c) expected += ", \"" + t.columns[c].name + "\": null";
    CHECK(json_line.substr(0, expected.size()) == expected);
  }
}
