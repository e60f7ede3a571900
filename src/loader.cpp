#include "retain/loader.h"

// The parser's own reading thread is not needed: chunk_reader already reads ahead in big blocks.
// csv.h uses std::numeric_limits without including <limits>, and its file-name copy trips GCC's
// truncation warning wherever it is inlined.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#define CSV_IO_NO_THREAD
#include <limits>
#include <libfccp/csv.h>

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
#include "retain/chunk_stream.h"
#include "retain/assembly.h"
#include "retain/order_builder.h"
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

// The parser's quoting policy, RFC 4180 as real exports write it: a field is quoted only when its
// first character (blanks aside) is a quote; a quote elsewhere (ab"c) is a plain character.
// fast-cpp-csv-parser's own double_quote_escape would start a quoted run at any quote.
template <char sep>
struct field_quotes {
  static const char* find_next_column_end(const char* col_begin) {
    const char* p = col_begin;
    while (*p == ' ' || (*p == '\t' && sep != '\t')) ++p;
    if (*p == '"') {
      for (++p;; ++p) {
        if (*p == '\0') throw io::error::escaped_string_not_closed();
        if (*p == '"') {
          if (p[1] != '"') break;
          ++p;
        }
      }
      ++p;
    }
    while (*p != sep && *p != '\0') ++p;
    return p;
  }
  static void unescape(char*& col_begin, char*& col_end) {
    io::double_quote_escape<sep, '"'>::unescape(col_begin, col_end);
  }
};

template <char sep>
using csv_parser = io::CSVReader<kRoleCount, io::trim_chars<' ', '\t'>, field_quotes<sep>,
                                 io::throw_on_overflow, io::empty_line_comment>;

// Lends a thread's chunk stream to the parser, which drops its byte source once it has seen the
// end of it. The parser reads into a buffer of 48 MB that it has just allocated: asked for huge
// pages before the copy first touches it, it costs a few page faults instead of thousands, which
// with two threads faulting at once is about a fifth of the run. It reads into two places of
// that buffer (the first two thirds, then the last third again and again): each is advised once.
class stream_source final : public io::ByteSourceBase {
 public:
  explicit stream_source(chunk_stream& stream) : stream_(stream) {}
  int read(char* buffer, int size) override {
    if (buffer != advised_[0] && buffer != advised_[1]) {
      prefer_huge_pages(buffer, static_cast<std::size_t>(size));
      advised_[advised_[0] == nullptr ? 0 : 1] = buffer;
    }
    return stream_.read(buffer, size);
  }

 private:
  chunk_stream& stream_;
  const char* advised_[2] = {nullptr, nullptr};
};

// Splits a record (the header, or a record of the sample) into fields, unquoted and trimmed
// exactly as the parser does.
template <char sep>
std::vector<std::string> split_record(std::string line) {
  using quote = field_quotes<sep>;
  std::vector<std::string> names;
  char* rest = line.data();
  while (rest != nullptr) {
    char *begin, *end;
    try {
      io::detail::chop_next_column<quote>(rest, begin, end);
    } catch (const io::error::base&) {
      throw error("a quote is not closed");
    }
    io::trim_chars<' ', '\t'>::trim(begin, end);
    quote::unescape(begin, end);
    names.emplace_back(begin, end);
  }
  return names;
}

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

const char* parser_problem(const io::error::base& e) {
  if (dynamic_cast<const io::error::too_few_columns*>(&e)) return "has fewer fields than the header";
  if (dynamic_cast<const io::error::too_many_columns*>(&e)) return "has more fields than the header";
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&e)) {
    return "has a quoted field that is not closed";
  }
  return "cannot be parsed";
}

// The place of the row the parser just read.
class parsed_row final : public row_place {
 public:
  parsed_row(const std::string& path, chunk_stream& stream, std::uint64_t stream_line)
      : path_(path), stream_(stream), stream_line_(stream_line) {}
  const std::string& path() const override { return path_; }
  std::uint64_t line() const override { return stream_.locate(stream_line_).line; }

 private:
  const std::string& path_;
  chunk_stream& stream_;
  std::uint64_t stream_line_;
};

// Rows read ahead of adding them to the builder, copied out of the parser's buffer (which moves
// as it refills), so that their customers are looked up together: each row is decoded and its
// customer's slot prefetched, then the rows are added. The parser cuts a row's fields in place,
// so one copy of the bytes they span keeps them all.
class row_batch {
 public:
  row_batch(const std::string& path, chunk_stream& stream, row_decoder& decoder,
            order_builder& builder)
      : path_(path), stream_(stream), decoder_(decoder), builder_(builder) {}

  /// Keeps a copy of a row the parser read, or of the problem it had; adds the batch when full.
  void push(const row_fields& fields, std::uint64_t stream_line,
            const char* problem) {
    const char* first = nullptr;
    const char* last = nullptr;
    for (const char* f : fields) {
      if (f == nullptr || problem != nullptr) continue;
      if (first == nullptr || f < first) first = f;
      if (last == nullptr || f > last) last = f;
    }
    const std::size_t bytes = first == nullptr ? 0 : last + std::strlen(last) + 1 - first;
    if (used_ + bytes > bytes_.size()) {
      add();
      if (bytes > bytes_.size()) bytes_.resize(bytes);
    }
    row& r = rows_[size_++];
    if (bytes > 0) std::memcpy(bytes_.data() + used_, first, bytes);
    for (std::size_t f = 0; f < kRoleCount; ++f) {
      r.offsets[f] = fields[f] == nullptr || problem != nullptr
                         ? kAbsent
                         : used_ + static_cast<std::size_t>(fields[f] - first);
    }
    used_ += bytes;
    r.stream_line = stream_line;
    r.problem = problem;
    if (size_ == kRows) add();
  }

  /// Adds the rows kept so far to the builder; then their lines are not located again.
  void add() {
    if (size_ == 0) return;
    for (std::size_t i = 0; i < size_; ++i) {
      row& r = rows_[i];
      for (std::size_t f = 0; f < kRoleCount; ++f) {
        r.fields[f] = r.offsets[f] == kAbsent ? nullptr : bytes_.data() + r.offsets[f];
      }
      if (r.problem != nullptr) continue;
      decoder_.decode(r.fields, r.decoded);
      builder_.prefetch(r.decoded);
    }
    for (std::size_t i = 0; i < size_; ++i) {
      const row& r = rows_[i];
      if (r.problem != nullptr) {
        builder_.policy().bad_row(path_, stream_.locate(r.stream_line).line,
                                  "a row that cannot be split into the header's fields",
                                  fmt::format("the row {}", r.problem));
      } else {
        builder_.add_row(r.decoded, stream_.record_hash(r.stream_line),
                         parsed_row(path_, stream_, r.stream_line));
      }
    }
    stream_.forget_before(rows_[size_ - 1].stream_line);
    size_ = 0;
    used_ = 0;
  }

 private:
  static constexpr std::size_t kRows = 16;
  static constexpr std::size_t kAbsent = ~std::size_t{0};
  struct row {
    std::array<std::size_t, kRoleCount> offsets;  // of the fields in bytes_, or kAbsent
    row_fields fields;
    std::uint64_t stream_line = 0;
    const char* problem = nullptr;  // the parser's
    decoded_row decoded;
  };

  const std::string& path_;
  chunk_stream& stream_;
  row_decoder& decoder_;
  order_builder& builder_;
  std::array<row, kRows> rows_;
  std::size_t size_ = 0;
  std::vector<char> bytes_ = std::vector<char>(std::size_t{1} << 16);
  std::size_t used_ = 0;
};

// Reads the rows of one thread's chunk stream into its builder.
template <char sep>
void read_rows(chunk_stream& stream, const input_plan& plan, const load_options& options,
               order_builder& builder) {
  const std::string& path = plan.path;
  const column_map& map = plan.columns;
  csv_parser<sep> parser(path, std::make_unique<stream_source>(stream));
  std::array<std::string, kRoleCount> names;
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const auto each = static_cast<role>(r);
    names[r] = map.has(each) && map.reader(each) == each ? map.name(each)
                                                         : fmt::format("\x01unused {}", r);
  }
  try {
    std::apply([&](auto&... name) {
      parser.read_header(io::ignore_extra_column | io::ignore_missing_column, name...);
    }, names);
  } catch (const io::error::base& e) {  // map_columns refuses what the parser would: a guard
    throw error(fmt::format("{}:1: the header cannot be read ({})", path, e.what()));
  }

  row_fields fields;
  row_decoder decoder(plan, options);
  row_batch batch(path, stream, decoder, builder);
  std::uint64_t chunk_number = ~std::uint64_t{0};
  for (;;) {
    fields.fill(nullptr);
    bool read = false;
    const char* problem = nullptr;
    try {
      read = std::apply([&](auto&... f) { return parser.read_row(f...); }, fields);
    } catch (const io::error::base& e) {
      read = true;
      problem = parser_problem(e);
    }
    if (!read) break;
    ++builder.rows;
    std::uint64_t line = parser.get_file_line();
    chunk_stream::origin origin = stream.locate(line);
    if (origin.chunk != chunk_number) {
      batch.add();  // a batch holds rows of one chunk
      chunk_number = origin.chunk;
      builder.begin_chunk(chunk_number, origin.chunk_records);
    }
    batch.push(fields, line, problem);
  }
  batch.add();
  builder.end_chunks();
}

// Splits the first records of `first` (the sample the plan is decided from).
template <char sep>
std::vector<std::vector<std::string>> sample_of(const chunk& first) {
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
        sample.push_back(split_record<sep>(std::move(record)));
      } catch (const error&) {
        // a row the parser will report as bad; the sample does without it
      }
    }
    at = nl + 1;
  }
  return sample;
}

template <char sep>
void read_input(chunk_reader& reader, chunk first, std::uint32_t input,
                std::uint64_t& chunk_number, const load_options& options,
                std::vector<order_builder>& builders, progress_meter& progress,
                load_report& report, input_plan& plan) {
  const std::size_t first_bytes = first.bytes.size();
  const std::uint64_t first_records = first.records;
  std::string header_line = take_header(first);
  std::vector<std::string> header;
  try {
    header = split_record<sep>(header_line);
  } catch (const error& e) {
    throw error(fmt::format("{}:1: the header: {}", reader.path(), e.what()));
  }
  if (header.size() == 1 && header[0].find_first_of(";\t|,") != std::string::npos) {
    throw error(fmt::format("{}:1: the header is one column \"{}\"; set --delimiter to the "
                            "file's separator (, ; tab |)",
                            reader.path(), header[0]));
  }
  plan = plan_input(std::move(header), sample_of<sep>(first), options, reader.path());
  const column_map& map = plan.columns;
  report.columns.push_back(fmt::format("{}: {}", reader.path(), map.describe()));
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
  std::vector<std::unique_ptr<chunk_stream>> streams;
  // Repeated rows matter only where rows share order ids.
  const bool hash_records = map.has(role::order) || map.has(role::refund_of);
  for (std::size_t w = 0; w < builders.size(); ++w) {
    builders[w].begin_input(input);
    std::optional<std::pair<chunk, std::uint64_t>> taken;
    if (w == 0) taken.emplace(std::move(first), chunk_number);
    streams.push_back(
        std::make_unique<chunk_stream>(header_line, std::move(taken), source, hash_records));
  }
  std::vector<std::exception_ptr> failures(builders.size());
  auto work = [&](std::size_t w) {
    try {
      read_rows<sep>(*streams[w], plan, options, builders[w]);
    } catch (...) {
      builders[w].end_chunks();
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
    switch (reader.delimiter()) {
      case ';':
        read_input<';'>(reader, std::move(first), input, chunk_number, options, builders, progress, report, plan);
        break;
      case '\t':
        read_input<'\t'>(reader, std::move(first), input, chunk_number, options, builders, progress, report, plan);
        break;
      case '|':
        read_input<'|'>(reader, std::move(first), input, chunk_number, options, builders, progress, report, plan);
        break;
      default:
        read_input<','>(reader, std::move(first), input, chunk_number, options, builders, progress, report, plan);
        break;
    }
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

}  // namespace retain
