#include "retain/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

#include "retain/big_memory.h"
#include "retain/error.h"
#include "retain/input.h"
#include "retain/assembly.h"
#include "retain/order_builder.h"
#include "retain/records.h"
#include "retain/row_decoder.h"
#include "retain/sniff.h"

namespace retain {

std::optional<bad_row_budget> bad_row_budget::parse(std::string_view text) {
  bad_row_budget budget;
  budget.percent = !text.empty() && text.back() == '%';
  if (budget.percent) text.remove_suffix(1);
  std::uint64_t whole = 0, tenths = 0;
  std::size_t pos = 0, digits = 0;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 12; ++pos, ++digits) {
    whole = whole * 10 + static_cast<std::uint64_t>(text[pos] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (budget.percent && pos + 2 == text.size() && text[pos] == '.' && text[pos + 1] >= '0' &&
      text[pos + 1] <= '9') {
    tenths = static_cast<std::uint64_t>(text[pos + 1] - '0');
    pos += 2;
  }
  if (pos != text.size()) return std::nullopt;
  if (budget.percent) {
    if (whole > 100 || (whole == 100 && tenths > 0)) return std::nullopt;
    budget.per_mille = static_cast<std::uint32_t>(whole * 10 + tenths);
  } else {
    budget.rows = whole;
  }
  return budget;
}

std::uint64_t bad_row_budget::allowed(std::uint64_t rows_read) const {
  if (!percent) return rows;
  return static_cast<std::uint64_t>(static_cast<wide_t>(rows_read) * per_mille / 1000);
}

std::string bad_row_budget::describe() const {
  if (!percent) return fmt::format("{}", rows);
  return per_mille % 10 == 0 ? fmt::format("{}%", per_mille / 10)
                             : fmt::format("{}.{}%", per_mille / 10, per_mille % 10);
}

void refund_tally::add(cents_t total, cents_t refunded, bool by_status) {
  if (refunded <= 0 && !by_status) return;
  ++orders;
  const bool full = by_status || refunded >= total;
  if (full) ++in_full;
  if (by_status && refunded <= 0) ++status_only;
  cents += full ? total : refunded;
}

void refund_tally::add_unmatched(cents_t refund) {
  ++unmatched;
  unmatched_cents += refund;
}

void refund_tally::merge(const refund_tally& other) {
  unmatched += other.unmatched;
  unmatched_cents += other.unmatched_cents;
  orders += other.orders;
  in_full += other.in_full;
  status_only += other.status_only;
  cents += other.cents;
}

namespace {

// Takes the header record off the first chunk.
std::string take_header(chunk& first) {
  auto nl = std::find(first.bytes.begin(), first.bytes.end(), '\n');
  std::string header(first.bytes.begin(), nl);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  std::uint64_t body_line = first.line_of(1);
  first.bytes.erase(first.bytes.begin(), nl + 1);
  std::uint64_t header_extra = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> multiline;
  for (auto [index, extra] : first.multiline) {
    if (index == 0) {
      header_extra = extra;
    } else {
      multiline.emplace_back(index - 1, extra - header_extra);
    }
  }
  first.multiline = std::move(multiline);
  first.first_line = body_line;
  first.records -= 1;
  return header;
}


// The place of a row: its chunk knows the line where each record starts, worked out only when a
// message needs it.
class row_in_chunk final : public row_place {
 public:
  row_in_chunk(const std::string& path, const chunk& records, std::uint64_t index)
      : path_(path), records_(records), index_(index) {}
  const std::string& path() const override { return path_; }
  std::uint64_t line() const override { return records_.line_of(index_); }

 private:
  const std::string& path_;
  const chunk& records_;
  std::uint64_t index_;
};

// Rows of a chunk gathered before they are added to the builder, so that their customers are
// looked up together: each row is decoded and its customer's slot prefetched, then the rows are
// added. Their fields point into the chunk, which stays put until add().
class row_batch {
 public:
  row_batch(const std::string& path, row_decoder& decoder, order_builder& builder)
      : path_(path), decoder_(decoder), builder_(builder) {}

  void push(const split_record& record, const chunk& records) {
    records_ = &records;
    rows_[size_].record = record;
    if (++size_ == kRows) add();
  }

  /// Adds the rows gathered so far to the builder.
  void add() {
    for (std::size_t i = 0; i < size_; ++i) {
      row& r = rows_[i];
      if (r.record.problem != nullptr) continue;
      decoder_.decode(r.record.fields, r.decoded);
      builder_.prefetch(r.decoded);
    }
    for (std::size_t i = 0; i < size_; ++i) {
      const row& r = rows_[i];
      const row_in_chunk place(path_, *records_, r.record.index);
      if (r.record.problem != nullptr) {
        builder_.policy().bad_row(path_, place.line(),
                                  "a row that cannot be split into the header's fields",
                                  fmt::format("the row {}", r.record.problem));
      } else {
        builder_.add_row(r.decoded, r.record.hash, place);
      }
    }
    size_ = 0;
  }

 private:
  static constexpr std::size_t kRows = 16;
  struct row {
    split_record record;
    decoded_row decoded;
  };

  const std::string& path_;
  row_decoder& decoder_;
  order_builder& builder_;
  const chunk* records_ = nullptr;
  std::array<row, kRows> rows_;
  std::size_t size_ = 0;
};

// One reading thread: splits, decodes and adds the rows of the chunks it takes from `source`
// (`first`, if given, before them), in the order it takes them.
void read_rows(chunk_source& source, std::optional<std::pair<chunk, std::uint64_t>> first,
               const input_plan& plan, char delimiter, const load_options& options,
               order_builder& builder) {
  const column_map& map = plan.columns;
  // Repeated rows matter only where rows share order ids.
  record_splitter splitter(delimiter, map, map.has(role::order) || map.has(role::refund_of));
  row_decoder decoder(plan, options);
  row_batch batch(plan.path, decoder, builder);
  // The builder's lease on the customer table ends however this returns: another thread may be
  // waiting to grow the table.
  struct chunks_end {
    order_builder& builder;
    ~chunks_end() { builder.end_chunks(); }
  } end{builder};
  chunk records;
  std::uint64_t number = 0;
  for (;;) {
    if (first) {
      records = std::move(first->first);
      number = first->second;
      first.reset();
    } else if (!source.next(records, number)) {
      break;
    }
    builder.begin_chunk(number, records.records);
    splitter.start(records);
    split_record record;
    while (splitter.next(record)) {
      ++builder.rows;
      batch.push(record, records);
    }
    batch.add();  // a batch holds rows of one chunk
  }
}

// Splits the first records of `first` (the sample the plan is decided from).
std::vector<std::vector<std::string>> sample_of(const chunk& first, char delimiter) {
  std::vector<std::vector<std::string>> sample;
  const char* at = first.bytes.data();
  const char* end = at + first.bytes.size();
  while (at < end && sample.size() < kSampleRecords) {
    const char* nl = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (nl == nullptr) nl = end;
    std::string record(at, nl);
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (!record.empty()) {
      try {
        sample.push_back(split_fields(delimiter, std::move(record)));
      } catch (const error&) {
        // a row the splitter will report as bad; the sample does without it
      }
    }
    at = nl + 1;
  }
  return sample;
}

// The plan of an input from its first chunk, whose header record it takes off.
input_plan plan_of(const chunk_reader& reader, chunk& first, const load_options& options) {
  const char sep = reader.delimiter();
  std::string header_line = take_header(first);
  std::vector<std::string> header;
  try {
    header = split_fields(sep, header_line);
  } catch (const error& e) {
    throw error(fmt::format("{}:1: the header: {}", reader.path(), e.what()));
  }
  if (header.size() == 1 && header[0].find_first_of(";\t|,") != std::string::npos) {
    throw error(fmt::format("{}:1: the header is one column \"{}\"; set --delimiter to the "
                            "file's separator (, ; tab |)",
                            reader.path(), header[0]));
  }
  return plan_input(std::move(header), sample_of(first, sep), options, reader.path());
}

// Reads one input: its plan from the header and the first records, then its rows, in as many
// threads as there are builders.
void read_input(chunk_reader& reader, chunk first, std::uint32_t input,
                std::uint64_t& chunk_number, const load_options& options,
                std::vector<order_builder>& builders, progress_meter& progress,
                load_report& report, input_plan& plan) {
  const std::size_t first_bytes = first.bytes.size();
  const std::uint64_t first_records = first.records;
  plan = plan_of(reader, first, options);
  report.columns.push_back(fmt::format("{}: {}", reader.path(), plan.columns.describe()));
  if (!reader.compression().empty()) {
    report.choices.push_back(fmt::format("{}: {}-compressed, read as it is decompressed",
                                         reader.path(), reader.compression()));
  }
  for (const std::string& choice : plan.choices) {
    report.choices.push_back(fmt::format("{}: {}", reader.path(), choice));
  }
  for (const std::string& warning : plan.warnings) {
    report.warnings.push_back(fmt::format("{}: {}", reader.path(), warning));
  }

  progress.advance(first_bytes, first_records);
  chunk_source source(reader, chunk_number + 1, progress);
  std::vector<std::exception_ptr> failures(builders.size());
  std::optional<std::pair<chunk, std::uint64_t>> taken;
  taken.emplace(std::move(first), chunk_number);
  auto work = [&](std::size_t w) {
    try {
      builders[w].begin_input(input);
      read_rows(source, w == 0 ? std::move(taken) : std::nullopt, plan, reader.delimiter(), options, builders[w]);
    } catch (...) {
      failures[w] = std::current_exception();
      source.fail();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < builders.size(); ++w) threads.emplace_back(work, w);
  work(0);
  for (std::thread& t : threads) t.join();
  chunk_number = source.next_number();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

// Ends the run when more rows could not be read than --max-bad-rows allows, naming the commonest
// reason and its first lines.
void check_budget(const row_policy& bad, std::uint64_t rows, const bad_row_budget& budget) {
  if (bad.count() <= budget.allowed(rows)) return;
  auto [kind, counted] = bad.commonest();
  std::string examples;
  for (const row_policy::message& m : counted.examples) examples += "; " + m.text;
  const wide_t tenths = static_cast<wide_t>(bad.count()) * 1000 / std::max<std::uint64_t>(rows, 1);
  throw error(fmt::format(
      "{} of {} rows ({}.{}%) could not be read, more than --max-bad-rows {} allows; most have {} "
      "({}){}",
      bad.count(), rows, static_cast<std::uint64_t>(tenths / 10),
      static_cast<std::uint64_t>(tenths % 10), budget.describe(), kind,
      counted.count == 1 ? std::string("1 row") : fmt::format("{} rows", counted.count), examples));
}

}  // namespace

loaded_orders load_orders(const load_options& options) {
  std::vector<opened_input> inputs;
  for (const std::string& path : options.paths) inputs.push_back(open_input(path));
  return load_orders(options, std::move(inputs));
}

loaded_orders load_orders(const load_options& options, std::vector<opened_input> opened) {
  // --strict stops at the first bad row in file order, which only one reader can tell.
  std::size_t threads = options.strict ? 1 : std::max<unsigned>(1, options.threads);
  auto customers = std::make_shared<interner>(threads);
  std::vector<order_builder> builders;
  builders.reserve(threads);
  for (std::size_t w = 0; w < threads; ++w) {
    builders.emplace_back(options.strict, options.columns[static_cast<std::size_t>(role::group)],
                          *customers, w);
  }
  loaded_orders result;
  load_report& report = result.report;
  std::uint64_t chunk_number = 0;
  std::uint64_t total_bytes = 0;  // of the inputs; unknown (0) when one's size is not known
  for (const opened_input& input : opened) {
    if (input.size == 0) {
      total_bytes = 0;
      break;
    }
    total_bytes += input.size;
  }
  progress_meter progress(options.progress, total_bytes);
  std::deque<input_plan> plans;  // the builders read each input by its plan until the end
  std::vector<input_span> inputs;
  for (std::uint32_t input = 0; input < opened.size(); ++input) {
    chunk_reader reader(std::move(opened[input]), options.chunk_bytes, options.delimiter);
    chunk first;
    if (!reader.next(first)) throw error(fmt::format("{}: the file is empty", reader.path()));
    input_plan& plan = plans.emplace_back();
    inputs.push_back({chunk_number, &plan});
    read_input(reader, std::move(first), input, chunk_number, options, builders, progress, report, plan);
    if (options.delimiter == 0 && reader.delimiter() != ',') {
      report.choices.push_back(fmt::format("{}: fields separated by \"{}\" (from the header)",
                                           reader.path(),
                                           reader.delimiter() == '\t' ? "tab" : std::string(1, reader.delimiter())));
    }
  }
  // Bad rows: every reader's first few are in file order, so the first few overall are among them.
  row_policy bad(false);
  std::uint64_t rows = 0;
  for (order_builder& b : builders) {
    bad.merge(b.policy());
    rows += b.rows;
  }
  report.rows = rows;
  report.bad_rows = bad.count();
  report.bad_row_messages = bad.shown();
  report.net = options.net;
  check_budget(bad, rows, options.max_bad_rows);
  std::vector<order_entries> parts;
  for (order_builder& b : builders) parts.push_back(b.take_entries());
  result.book = assemble(std::move(parts), std::move(customers), inputs, options, report);
  return result;
}

input_plan read_plan(const std::string& path, const load_options& options) {
  chunk_reader reader(path, options.chunk_bytes, options.delimiter);
  chunk first;
  if (!reader.next(first)) throw error(fmt::format("{}: the file is empty", reader.path()));
  return plan_of(reader, first, options);
}

}  // namespace retain
