// Fuzzes the whole pipeline on one order export: every stage of the loader (byte source, chunk
// reader and streams, row decoder, order builder, assembly), then every subcommand's analysis
// and rendering (metrics, summary, cohorts, customers) and render_summary.
//
// Input layout: [options byte][report byte][chunk byte][CSV file bytes]. The CSV bytes are read
// from memory (memory_source) and loaded twice: once with the default options and once with the
// variant the options byte selects:
//   bit 0 strict   bits 1-2 delimiter , ; tab |   bit 3 threads 1/2   bit 4 decimal mark . / ,
//   bit 5 a --date-format (which one: bit 7 of the report byte)   bit 6 --currency USD
//   bit 7 the same file twice as two inputs
// and the chunk byte sets the variant's chunk size: 0 the default 4 MiB, 1-127 that many bytes,
// 128-255 (byte - 127) * 64 bytes, so that small inputs are cut into many chunks (shared by two
// threads, records longer than a chunk, quoted newlines across chunk ends).
// The report byte picks the analyses of each load that found orders:
//   bits 0-2 window kind (mod 6; cohorts: mod 4 of week, month, quarter, year)
//   bits 3-5 output format (mod 5)   bit 6 --from/--to inside the orders' span (may cross: an
//   expected error)   bit 7 date format "%d.%m.%Y" (else "%m/%d/%Y %H:%M"); with bit 6 the
//   cohorts are cumulative and customers are as of the middle day.
//
// retain::error is the documented way to refuse bad input and is caught; any other exception,
// a crash, a leak, a sanitizer report or a broken invariant is a finding. Invariants: the book is
// as orders.h describes it (orders grouped by customer and sorted by day, every customer with an
// order, distinct non-empty ids, counts as in the report), and the windows are as metrics.h
// defines them (contiguous; repeat <= customers <= orders; returning = customers - new; without
// --from/--to every order, customer and cent counted exactly once).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "retain/byte_source.h"
#include "retain/calendar.h"
#include "retain/cohorts.h"
#include "retain/customers.h"
#include "retain/error.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "retain/metrics.h"
#include "retain/summary.h"

namespace {

// Windows are contiguous from the first order to the last, so a day or week table over dates
// centuries apart has millions of rows: correct, but it would make every such input a timeout.
// Those spans are computed per year instead.
retain::window_kind bounded_kind(retain::window_kind kind, retain::day_t first, retain::day_t last) {
  const std::int64_t span = std::int64_t{last} - first;
  if ((kind == retain::window_kind::day && span > 20000) ||
      (kind == retain::window_kind::week && span > 20000 * 7)) {
    return retain::window_kind::year;
  }
  return kind;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "loader_fuzz: broken invariant: %s\n", what);
  std::abort();
}

// What orders.h and loader.h promise about a loaded book.
void check_book(const retain::loaded_orders& loaded) {
  const retain::order_book& book = loaded.book;
  if (loaded.report.orders != book.orders.size()) fail("report.orders != book.orders.size()");
  if (loaded.report.customers != book.customers.size()) {
    fail("report.customers != book.customers.size()");
  }
  if (loaded.report.bad_row_messages.size() > loaded.report.bad_rows) {
    fail("more bad-row messages than bad rows");
  }
  // Orders are grouped by customer, each customer's sorted by day; every customer has one.
  std::vector<bool> seen(book.customers.size()), done(book.customers.size());
  for (std::size_t i = 0; i < book.orders.size(); ++i) {
    const retain::order& o = book.orders[i];
    if (o.customer >= book.customers.size()) fail("order names no customer");
    const int year = retain::civil_from_days(o.day).year;
    if (year < 1 || year > 9999) fail("order day outside 0001..9999");
    if (i > 0) {
      const retain::order& previous = book.orders[i - 1];
      if (previous.customer != o.customer) {
        done[previous.customer] = true;
        if (done[o.customer]) fail("a customer's orders are not together");
      } else if (previous.day > o.day) {
        fail("a customer's orders are not by day");
      }
    }
    seen[o.customer] = true;
  }
  for (bool s : seen) {
    if (!s) fail("a customer without orders");
  }
  std::vector<std::string_view> ids;
  for (std::size_t c = 0; c < book.customers.size(); ++c) {
    ids.push_back(book.customers[c]);
    if (ids.back().empty()) fail("an empty customer id");
  }
  std::sort(ids.begin(), ids.end());
  if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) fail("a customer id twice");
}

// What metrics.h defines, checked on the windows compute_metrics returns.
void check_windows(const std::vector<retain::window_metrics>& windows,
                   const retain::order_book& book, bool clipped) {
  std::uint64_t orders = 0, new_customers = 0;
  retain::wide_t revenue = 0;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const retain::window_metrics& w = windows[i];
    if (w.start > w.end) fail("window starts after it ends");
    if (i > 0 && windows[i - 1].end + 1 != w.start) fail("windows are not contiguous");
    if (w.repeat_customers > w.customers || w.customers > w.orders) {
      fail("repeat_customers <= customers <= orders does not hold");
    }
    if (w.new_customers > w.customers || w.returning_customers != w.customers - w.new_customers) {
      fail("returning_customers != customers - new_customers");
    }
    // The first window has no previous one; a partial last window is left undefined too
    // (metrics.h; compute_metrics runs here with the default --partial empty).
    const bool partial_last = i + 1 == windows.size() && !w.complete;
    if (w.retained_customers.has_value() != (i > 0 && !partial_last)) {
      fail("retained_customers not set in exactly the windows after the first but a partial last");
    }
    if (w.retained_customers &&
        (*w.retained_customers > w.customers || *w.retained_customers > windows[i - 1].customers)) {
      fail("retained_customers above this or the previous window's customers");
    }
    orders += w.orders;
    new_customers += w.new_customers;
    revenue += w.revenue;
  }
  if (clipped) {
    if (orders > book.orders.size() || new_customers > book.customers.size()) {
      fail("clipped windows count more than the book");
    }
    return;
  }
  retain::wide_t total = 0;
  for (const retain::order& o : book.orders) total += o.cents;
  if (orders != book.orders.size()) fail("windows do not count every order once");
  if (new_customers != book.customers.size()) fail("new_customers do not add up to the customers");
  if (revenue != total) fail("window revenue does not add up to the orders' amounts");
}

void report(const retain::loaded_orders& loaded, std::uint8_t choice) {
  check_book(loaded);
  (void)retain::render_summary(loaded.report);
  const auto& orders = loaded.book.orders;
  if (orders.empty()) return;
  auto [first, last] = std::minmax_element(
      orders.begin(), orders.end(),
      [](const retain::order& a, const retain::order& b) { return a.day < b.day; });

  static constexpr retain::window_kind kKinds[] = {
      retain::window_kind::day,     retain::window_kind::week, retain::window_kind::month,
      retain::window_kind::quarter, retain::window_kind::year, retain::window_kind::all};
  static constexpr retain::output_format kFormats[] = {
      retain::output_format::table, retain::output_format::csv, retain::output_format::tsv,
      retain::output_format::json, retain::output_format::markdown};

  retain::window_options windows;
  windows.kind = bounded_kind(kKinds[(choice & 7) % 6], first->day, last->day);
  const bool clipped = (choice & 0x40) != 0;
  if (clipped) {
    windows.from = first->day + 1;  // may be after --to: then compute_metrics gives no window
    windows.to = last->day - 1;
  }
  const retain::output_format format = kFormats[((choice >> 3) & 7) % 5];
  try {
    const std::vector<retain::window_metrics> metrics =
        retain::compute_metrics(loaded.book, windows);
    check_windows(metrics, loaded.book, clipped);
    const retain::table table = retain::metrics_table(metrics);
    if (table.rows.size() != metrics.size()) fail("metrics_table has another number of rows");
    (void)retain::render(table, format);
    (void)retain::render(retain::summary_table(retain::compute_summary(loaded.book, windows)), format);
  } catch (const retain::error&) {
    // revenue beyond 64-bit cents: refused with a message.
  }
  static constexpr retain::window_kind kCohortKinds[] = {
      retain::window_kind::week, retain::window_kind::month, retain::window_kind::quarter,
      retain::window_kind::year};
  retain::cohort_options cohorts;
  cohorts.kind = bounded_kind(kCohortKinds[(choice & 7) % 4], first->day, last->day);
  if (cohorts.kind == retain::window_kind::week && last->day - first->day > 2000) {
    cohorts.kind = retain::window_kind::year;  // a week x week table of 40 years: too slow
  }
  cohorts.cumulative = clipped;
  try {
    const retain::cohort_table table = retain::compute_cohorts(loaded.book, cohorts);
    (void)retain::render(retain::cohort_long_table(table), format);
  } catch (const retain::error&) {
  }
  retain::customer_options as_of;
  if (clipped) as_of.as_of = first->day + (last->day - first->day) / 2;
  try {
    const retain::customer_report customers = retain::compute_customers(loaded.book, as_of);
    if (customers.customers.size() + customers.customers_after != loaded.book.customers.size()) {
      fail("customers: listed + after as_of != the book's customers");
    }
    (void)retain::render(retain::customers_table(customers, {}), format);
  } catch (const retain::error&) {
  }
}

// Loads `copies` copies of the bytes as that many inputs.
void load_and_report(const retain::load_options& options, std::string_view bytes, int copies,
                     std::uint8_t choice) {
  std::vector<retain::opened_input> inputs;
  for (int i = 0; i < copies; ++i) {
    retain::opened_input& input = inputs.emplace_back();
    input.name = "orders.csv";
    std::string compression;
    input.source = retain::decompressing(retain::memory_source(std::string(bytes)), input.name, compression);
    input.compression = compression;
  }
  retain::loaded_orders loaded;
  try {
    loaded = retain::load_orders(options, std::move(inputs));
  } catch (const retain::error&) {
    return;  // bad input, refused with a message
  }
  report(loaded, choice);
}

}  // namespace

// Every load allocates a 4 MiB read block and the CSV parser's 3 MiB buffer per thread, even for
// a tiny file; ASan maps each afresh and by default also releases and re-faults their shadow
// pages, which is most of the time per input. Clearing the shadow in place instead is about a
// third faster and checks the same. ASAN_OPTIONS given at run time still apply on top.
extern "C" const char* __asan_default_options() {
  return "clear_shadow_mmap_threshold=1099511627776";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::uint8_t variant = data[0];
  const std::uint8_t choice = data[1];
  const std::uint8_t chunk = data[2];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 3), size - 3);

  load_and_report(retain::load_options(), bytes, 1, choice);

  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  retain::load_options options;
  options.strict = (variant & 0x01) != 0;
  options.delimiter = kDelimiters[(variant >> 1) & 3];
  options.threads = (variant & 0x08) ? 2 : 1;
  options.decimal_mark = (variant & 0x10) ? ',' : '.';
  if (variant & 0x20) options.date_format = (choice & 0x80) ? "%d.%m.%Y" : "%m/%d/%Y %H:%M";
  if (variant & 0x40) options.currency = "USD";
  if (chunk != 0) options.chunk_bytes = chunk < 128 ? chunk : std::size_t{chunk - 127u} * 64;
  load_and_report(options, bytes, (variant & 0x80) ? 2 : 1, choice);
  return 0;
}
