#include "retain/loader.h"

// The parser's own reading thread is not needed: chunk_reader already reads ahead in big blocks.
// csv.h uses std::numeric_limits without including <limits>, and its file-name copy trips GCC's
// truncation warning wherever it is inlined.
#pragma GCC diagnostic ignored "-Wstringop-truncation"
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

#include "retain/error.h"
#include "retain/input.h"
#include "retain/interner.h"
#include "retain/order_index.h"
#include "retain/row_policy.h"

namespace retain {

const std::vector<std::string>& default_excluded_statuses() {
  static const std::vector<std::string> kStatuses = {"cancelled", "canceled", "voided", "void",
                                                     "failed"};
  return kStatuses;
}

namespace {

template <char sep>
using csv_parser = io::CSVReader<kRoleCount, io::trim_chars<' ', '\t'>,
                                 io::double_quote_escape<sep, '"'>, io::throw_on_overflow>;

std::size_t slot(role r) { return static_cast<std::size_t>(r); }

// The bytes the CSV parser reads: the header line, then the chunks of one input in order. It also
// remembers where each chunk starts in the parser's line count, to map a row back to its line.
class chunk_source;

class chunk_stream final : public io::ByteSourceBase {
 public:
  chunk_stream(const std::string& header_line, std::optional<chunk> first, chunk_source& source)
      : source_(source), first_(std::move(first)) {
    current_.assign(header_line.begin(), header_line.end());
    current_.push_back('\n');
    placed_.push_back({1, 1, 1, {}});
  }

  int read(char* buffer, int size) override {
    int done = 0;
    while (done < size) {
      if (offset_ == current_.size() && !advance()) break;
      std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(size - done),
                                            current_.size() - offset_);
      std::memcpy(buffer + done, current_.data() + offset_, n);
      offset_ += n;
      done += static_cast<int>(n);
    }
    return done;
  }

  /// The line in the input where the parser's line `stream_line` starts; lines only grow.
  std::uint64_t physical_line(std::uint64_t stream_line) {
    while (placed_.size() > 1 &&
           stream_line >= placed_.front().first_stream_line + placed_.front().records) {
      placed_.pop_front();
    }
    const placed& p = placed_.front();
    std::uint64_t index = stream_line - p.first_stream_line;
    if (p.multiline.empty()) return p.first_line + index;
    chunk view;
    view.first_line = p.first_line;
    view.records = p.records;
    view.multiline = p.multiline;
    return view.line_of(index);
  }

 private:
  struct placed {
    std::uint64_t first_stream_line;
    std::uint64_t first_line;
    std::uint64_t records;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> multiline;
  };

  bool advance();

  chunk_source& source_;
  std::optional<chunk> first_;
  chunk next_;
  std::vector<char> current_;
  std::size_t offset_ = 0;
  std::deque<placed> placed_;
  std::uint64_t next_stream_line_ = 2;
};

// The parser drops its byte source once it has seen the end; this one lends a stream that lives on.
class borrowed_source final : public io::ByteSourceBase {
 public:
  explicit borrowed_source(io::ByteSourceBase& source) : source_(source) {}
  int read(char* buffer, int size) override { return source_.read(buffer, size); }

 private:
  io::ByteSourceBase& source_;
};

// Splits the header line into names, unquoted and trimmed exactly as the parser does.
template <char sep>
std::vector<std::string> split_header(std::string line) {
  using quote = io::double_quote_escape<sep, '"'>;
  std::vector<std::string> names;
  char* rest = line.data();
  while (rest != nullptr) {
    char *begin, *end;
    try {
      io::detail::chop_next_column<quote>(rest, begin, end);
    } catch (const io::error::base&) {
      throw error("the header has a quote that is not closed");
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

bool is_missing_id(std::string_view id) {
  static constexpr std::string_view kMissing[] = {"", "NA", "N/A", "n/a", "null", "NULL", "#N/A"};
  return std::find(std::begin(kMissing), std::end(kMissing), id) != std::end(kMissing);
}

void to_lower(std::string& text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr day_t kNoDay = std::numeric_limits<day_t>::max();

// A few distinct strings (statuses, currencies), numbered in order of first sight.
class small_set {
 public:
  std::uint32_t add(std::string_view text) {
    auto it = std::find(items_.begin(), items_.end(), text);
    if (it != items_.end()) return static_cast<std::uint32_t>(it - items_.begin());
    items_.emplace_back(text);
    return static_cast<std::uint32_t>(items_.size() - 1);
  }
  const std::string& operator[](std::uint32_t id) const { return items_[id]; }
  std::size_t size() const { return items_.size(); }

 private:
  std::vector<std::string> items_;
};

// An order as its rows are gathered.
struct pending_order {
  std::uint32_t customer = kNone;
  day_t day = kNoDay;
  cents_t cents = 0;
  std::uint16_t excluded_status = kNoStatus;  // a status from the excluded list, by statuses id
  std::uint8_t currency = kNoCurrency;        // by currencies id
  bool has_amount : 1;
  bool included : 1;  // some row has a status that --include-status admits
  bool conflict : 1;  // rows name different customers
  bool bad : 1;       // a row could not be read
  bool keyed : 1;     // found by an order id
  bool overflow : 1;  // its total does not fit in 64-bit cents

  static constexpr std::uint16_t kNoStatus = 0xFFFF;
  static constexpr std::uint8_t kNoCurrency = 0xFF;
  pending_order() : has_amount(false), included(false), conflict(false), bad(false), keyed(false),
                    overflow(false) {}
};

// Where the row being read stands, computed only when a message needs it.
struct row_place {
  const std::string& path;
  chunk_stream& stream;
  std::uint64_t stream_line;
  std::uint64_t line() const { return stream.physical_line(stream_line); }
};

// Turns rows into orders under the policy in loader.h. Each reading thread has its own; merge()
// then joins them into one, so the result does not depend on which thread read which rows.
class order_builder {
 public:
  order_builder(const load_options& options, bool strict)
      : options_(options), policy_(strict), dates_(options.date_format) {}

  void begin_input(const column_map& map, std::uint32_t input) {
    map_ = &map;
    policy_.set_input(input);
  }
  row_policy& policy() { return policy_; }
  std::uint64_t rows = 0;

  void add_row(const std::array<char*, kRoleCount>& fields, const row_place& place) {
    auto field = [&](role r) {
      const char* f = fields[slot(r)];
      return f == nullptr ? std::string_view() : std::string_view(f);
    };
    std::string_view order_id = field(role::order);
    // A row with an order id may leave order fields blank: they are on another line item.
    bool line_item = !order_id.empty();
    // A bad row is skipped; the order it belongs to, if it names one, is left out whole.
    auto bad = [&](const std::string& reason) {
      policy_.bad_row(place.path, place.line(), reason);
      if (line_item) order_for(order_id).bad = true;
    };

    day_t day = kNoDay;
    std::string_view date_text = field(role::date);
    if (!date_text.empty()) {
      date_result date = dates_.parse(date_text);
      if (date.problem != nullptr) return bad(fmt::format("date \"{}\" {}", date_text, date.problem));
      day = date.day;
    } else if (!line_item) {
      return bad("the date is empty");
    }

    cents_t cents = 0;
    bool has_amount = false;
    if (map_->has(role::amount)) {
      std::string_view text = field(role::amount);
      if (!text.empty()) {
        money_result amount = parse_money(text, options_.decimal_mark);
        if (amount.problem != nullptr) {
          return bad(fmt::format("amount \"{}\" {}", text, amount.problem));
        }
        cents = amount.cents;
        has_amount = true;
      } else if (!line_item) {
        return bad("the amount is empty");
      }
    } else {
      std::string_view quantity_text = field(role::quantity), price_text = field(role::price);
      if (!quantity_text.empty() || !price_text.empty() || !line_item) {
        std::int64_t quantity = 0;
        if (!parse_count(quantity_text, quantity)) {
          return bad(fmt::format("quantity \"{}\" is not a whole number", quantity_text));
        }
        money_result price = parse_money(price_text, options_.decimal_mark);
        if (price.problem != nullptr) {
          return bad(fmt::format("price \"{}\" {}", price_text, price.problem));
        }
        if (!checked_multiply(price.cents, quantity, cents)) {
          return bad("quantity times price is too large");
        }
        has_amount = true;
      }
    }

    std::string_view customer_text = field(role::customer);
    if (customer_text.size() > interner::kMaxLength) {
      return bad(fmt::format("the customer id is longer than {} bytes", interner::kMaxLength));
    }
    pending_order& order = order_for(order_id);
    set_customer(order, customer_id(customer_text));
    order.day = std::min(order.day, day);
    if (has_amount) add_amount(order, cents);
    apply_status(order, field(role::status), field(role::cancelled_at), order_id);
    std::string_view currency = field(role::currency);
    if (!currency.empty()) {
      scratch_.assign(currency);
      for (char& c : scratch_) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      set_currency(order, currency_id(scratch_));
    }
  }

  // Takes in the orders, customers and counts of another builder.
  void merge(order_builder& other) {
    rows += other.rows;
    std::vector<std::string_view> names = other.customers_.texts();
    std::vector<std::uint32_t> customer(names.size());
    for (std::size_t c = 0; c < names.size(); ++c) customer[c] = customers_.intern(names[c]);
    std::vector<std::uint16_t> status(other.statuses_.size());
    for (std::uint32_t i = 0; i < status.size(); ++i) status[i] = status_id(other.statuses_[i]);
    std::vector<std::uint8_t> currency(other.currencies_.size());
    for (std::uint32_t i = 0; i < currency.size(); ++i) currency[i] = currency_id(other.currencies_[i]);

    auto translate = [&](pending_order o) {
      if (o.customer != kNone) o.customer = customer[o.customer];
      if (o.excluded_status != pending_order::kNoStatus) o.excluded_status = status[o.excluded_status];
      if (o.currency != pending_order::kNoCurrency) o.currency = currency[o.currency];
      return o;
    };
    // Visit the other orders in their own order: inserting them in the other table's slot order
    // would pile them into long runs of this one.
    std::vector<order_index::key> keys(other.orders_.size());
    other.order_ids_.for_each([&](order_index::key k, std::uint32_t index) { keys[index] = k; });
    for (std::size_t i = 0; i < other.orders_.size(); ++i) {
      pending_order o = translate(other.orders_[i]);
      if (!o.keyed) {
        orders_.push_back(o);
        continue;
      }
      auto at = order_ids_.find_or_add(keys[i], static_cast<std::uint32_t>(orders_.size()));
      if (at == orders_.size()) {
        orders_.push_back(o);
      } else {
        combine(orders_[at], o);
      }
    }
    other.customers_ = interner();
    other.order_ids_ = order_index();
    other.orders_ = {};
  }

  // Applies the order policy and builds the order book.
  order_book finish(load_report& report) {
    std::map<std::string, std::uint64_t> left_out;
    std::vector<std::uint64_t> per_currency(currencies_.size());
    std::vector<std::uint64_t> per_customer(customers_.size());
    std::vector<char> counted(orders_.size());
    std::uint64_t kept = 0;
    for (std::size_t i = 0; i < orders_.size(); ++i) {
      const pending_order& order = orders_[i];
      std::string reason = leave_out_reason(order);
      if (!reason.empty()) {
        ++left_out[reason];
        continue;
      }
      if (order.currency != pending_order::kNoCurrency) ++per_currency[order.currency];
      ++per_customer[order.customer];
      counted[i] = 1;
      ++kept;
    }
    check_currencies(per_currency);
    report.left_out.assign(left_out.begin(), left_out.end());

    // Counting sort by customer, then each customer's orders by day.
    order_book book;
    std::vector<std::string_view> names = customers_.texts();
    std::vector<std::uint32_t> number(customers_.size(), kNone);
    std::vector<std::uint64_t> start;  // by book number: where the customer's orders begin
    std::uint64_t offset = 0;
    for (std::uint32_t c = 0; c < customers_.size(); ++c) {
      if (per_customer[c] == 0) continue;
      number[c] = static_cast<std::uint32_t>(book.customers.size());
      book.customers.emplace_back(names[c]);
      start.push_back(offset);
      offset += per_customer[c];
    }
    std::vector<std::uint64_t> next = start;
    book.orders.resize(kept);
    for (std::size_t i = 0; i < orders_.size(); ++i) {
      if (!counted[i]) continue;
      const pending_order& order = orders_[i];
      std::uint32_t c = number[order.customer];
      book.orders[next[c]++] = {c, order.day, order.cents};
    }
    orders_ = {};
    for (std::size_t c = 0; c < start.size(); ++c) {
      auto first = book.orders.begin() + static_cast<std::ptrdiff_t>(start[c]);
      auto last = book.orders.begin() + static_cast<std::ptrdiff_t>(next[c]);
      if (last - first > 1) {
        std::sort(first, last, [](const order& a, const order& b) {
          return std::tie(a.day, a.cents) < std::tie(b.day, b.cents);
        });
      }
    }
    report.orders = book.orders.size();
    report.customers = book.customers.size();
    return book;
  }

 private:
  pending_order& order_for(std::string_view order_id) {
    if (order_id.empty()) return orders_.emplace_back();
    auto index = order_ids_.find_or_add(order_index::make_key(order_id),
                                        static_cast<std::uint32_t>(orders_.size()));
    if (index == orders_.size()) orders_.emplace_back().keyed = true;
    return orders_[index];
  }

  std::uint32_t customer_id(std::string_view text) {
    if (is_missing_id(text)) return kNone;
    if (text.find('@') == std::string_view::npos) return customers_.intern(text);
    scratch_.assign(text);  // e-mail addresses compare ignoring case
    to_lower(scratch_);
    return customers_.intern(scratch_);
  }

  std::uint16_t status_id(std::string_view status) {
    return static_cast<std::uint16_t>(std::min<std::uint32_t>(statuses_.add(status), 0xFFFE));
  }

  std::uint8_t currency_id(std::string_view currency) {
    return static_cast<std::uint8_t>(std::min<std::uint32_t>(currencies_.add(currency), 0xFE));
  }

  static void set_customer(pending_order& order, std::uint32_t customer) {
    if (customer == kNone) return;
    if (order.customer == kNone) {
      order.customer = customer;
    } else if (order.customer != customer) {
      order.conflict = true;
    }
  }

  static void add_amount(pending_order& order, cents_t cents) {
    if (!checked_add(order.cents, cents, order.cents)) order.overflow = true;
    order.has_amount = true;
  }

  // Of two texts, the lesser one, so that the choice does not depend on row order.
  void set_status(pending_order& order, std::uint16_t status) {
    if (order.excluded_status == pending_order::kNoStatus ||
        statuses_[status] < statuses_[order.excluded_status]) {
      order.excluded_status = status;
    }
  }

  void set_currency(pending_order& order, std::uint8_t currency) {
    if (order.currency == pending_order::kNoCurrency ||
        currencies_[currency] < currencies_[order.currency]) {
      order.currency = currency;
    }
  }

  // Joins the rows of one order that two builders gathered.
  void combine(pending_order& into, const pending_order& from) {
    set_customer(into, from.customer);
    if (from.conflict) into.conflict = true;
    into.day = std::min(into.day, from.day);
    if (from.has_amount) add_amount(into, from.cents);
    if (from.overflow) into.overflow = true;
    if (from.excluded_status != pending_order::kNoStatus) set_status(into, from.excluded_status);
    if (from.currency != pending_order::kNoCurrency) set_currency(into, from.currency);
    if (from.included) into.included = true;
    if (from.bad) into.bad = true;
  }

  void apply_status(pending_order& order, std::string_view status_text,
                    std::string_view cancelled_at, std::string_view order_id) {
    if (status_text.empty() && cancelled_at.empty() && !map_->c_invoices_cancel) {
      if (options_.include_statuses.empty()) order.included = true;
      return;
    }
    scratch_.assign(status_text);
    to_lower(scratch_);
    bool c_invoice = map_->c_invoices_cancel && !order_id.empty() &&
                     (order_id.front() == 'C' || order_id.front() == 'c');
    if (!cancelled_at.empty() || c_invoice) scratch_ = "cancelled";
    if (!scratch_.empty() && contains(options_.exclude_statuses, scratch_)) {
      set_status(order, status_id(scratch_));
    }
    if (options_.include_statuses.empty() || contains(options_.include_statuses, scratch_)) {
      order.included = true;
    }
  }

  // Why an order is left out ("" when it counts); each order gets the first reason that applies.
  std::string leave_out_reason(const pending_order& order) const {
    if (order.bad) return "with a row that could not be read";
    if (order.conflict) return "whose rows name different customers";
    if (order.excluded_status != pending_order::kNoStatus) {
      return fmt::format("with status \"{}\"", statuses_[order.excluded_status]);
    }
    if (!order.included) return "whose status is not in --include-status";
    if (!options_.currency.empty() && order.currency != pending_order::kNoCurrency &&
        currencies_[order.currency] != options_.currency) {
      return fmt::format("in a currency other than {}", options_.currency);
    }
    if (order.customer == kNone) return "without a customer id";
    if (order.day == kNoDay) return "without a date";
    if (!order.has_amount) return "without an amount";
    if (order.overflow) return "whose total is too large for 64-bit cents";
    return {};
  }

  void check_currencies(const std::vector<std::uint64_t>& per_currency) const {
    if (!options_.currency.empty() || per_currency.size() < 2) return;
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    for (std::uint32_t c = 0; c < per_currency.size(); ++c) {
      if (per_currency[c] > 0) counts.emplace_back(currencies_[c], per_currency[c]);
    }
    if (counts.size() < 2) return;
    std::sort(counts.begin(), counts.end());
    std::string list;
    for (const auto& [code, count] : counts) {
      list += fmt::format("{}{} ({} order{})", list.empty() ? "" : ", ", code, count,
                          count == 1 ? "" : "s");
    }
    throw error(fmt::format("the input mixes currencies: {}; choose one with --currency CODE",
                            list));
  }

  const load_options& options_;
  row_policy policy_;
  date_parser dates_;
  const column_map* map_ = nullptr;
  interner customers_;
  order_index order_ids_;
  small_set statuses_;
  small_set currencies_;
  std::vector<pending_order> orders_;
  std::string scratch_;
};

// Hands the chunks of one input to the reading threads, in order, and stops them all once one
// of them has failed.
class chunk_source {
 public:
  explicit chunk_source(chunk_reader& reader) : reader_(reader) {}
  bool next(chunk& out) {
    std::lock_guard<std::mutex> lock(mutex_);
    return !failed_ && reader_.next(out);
  }
  void fail() {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_ = true;
  }

 private:
  chunk_reader& reader_;
  std::mutex mutex_;
  bool failed_ = false;
};

bool chunk_stream::advance() {
  if (first_) {
    next_ = std::move(*first_);
    first_.reset();
  } else if (!source_.next(next_)) {
    return false;
  }
  placed_.push_back({next_stream_line_, next_.first_line, next_.records, next_.multiline});
  next_stream_line_ += next_.records;
  current_.swap(next_.bytes);
  offset_ = 0;
  return true;
}

// Reads rows from one stream of chunks into a builder.
template <char sep>
void read_rows(chunk_stream& stream, const std::string& path, const column_map& map,
               order_builder& builder) {
  csv_parser<sep> parser(path, std::make_unique<borrowed_source>(stream));
  std::array<std::string, kRoleCount> names;
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    names[r] = map.has(static_cast<role>(r)) ? map.name(static_cast<role>(r))
                                             : fmt::format("\x01unused {}", r);
  }
  std::apply([&](auto&... name) {
    parser.read_header(io::ignore_extra_column | io::ignore_missing_column, name...);
  }, names);

  std::array<char*, kRoleCount> fields;
  for (;;) {
    fields.fill(nullptr);
    try {
      if (!std::apply([&](auto&... f) { return parser.read_row(f...); }, fields)) break;
    } catch (const io::error::base& e) {
      ++builder.rows;
      builder.policy().bad_row(path, stream.physical_line(parser.get_file_line()),
                               fmt::format("the row {}", parser_problem(e)));
      continue;
    }
    ++builder.rows;
    builder.add_row(fields, {path, stream, parser.get_file_line()});
  }
}

template <char sep>
void read_input(chunk_reader& reader, std::uint32_t input, const load_options& options,
                std::vector<order_builder>& builders, load_report& report) {
  chunk first;
  if (!reader.next(first)) throw error(fmt::format("{}: the file is empty", reader.path()));
  std::string header_line = take_header(first);
  std::vector<std::string> header;
  try {
    header = split_header<sep>(header_line);
  } catch (const error& e) {
    throw error(fmt::format("{}:1: {}", reader.path(), e.what()));
  }
  if (header.size() == 1 && header[0].find_first_of(";\t|,") != std::string::npos) {
    throw error(fmt::format("{}:1: the header is one column \"{}\"; set --delimiter to the "
                            "file's separator (, ; tab |)",
                            reader.path(), header[0]));
  }
  column_map map = map_columns(std::move(header), options.columns, reader.path());
  report.columns.push_back(fmt::format("{}: {}", reader.path(), map.describe()));

  chunk_source source(reader);
  std::vector<std::unique_ptr<chunk_stream>> streams;
  for (std::size_t w = 0; w < builders.size(); ++w) {
    builders[w].begin_input(map, input);
    streams.push_back(std::make_unique<chunk_stream>(
        header_line, w == 0 ? std::optional<chunk>(std::move(first)) : std::nullopt, source));
  }
  std::vector<std::exception_ptr> failures(builders.size());
  auto work = [&](std::size_t w) {
    try {
      read_rows<sep>(*streams[w], reader.path(), map, builders[w]);
    } catch (...) {
      failures[w] = std::current_exception();
      source.fail();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < builders.size(); ++w) threads.emplace_back(work, w);
  work(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace

loaded_orders load_orders(const load_options& options) {
  // --strict stops at the first bad row in file order, which only one reader can tell.
  std::size_t threads = options.strict ? 1 : std::max<unsigned>(1, options.threads);
  std::vector<order_builder> builders;
  builders.reserve(threads);
  for (std::size_t w = 0; w < threads; ++w) builders.emplace_back(options, options.strict);
  loaded_orders result;
  load_report& report = result.report;
  for (std::uint32_t input = 0; input < options.paths.size(); ++input) {
    chunk_reader reader(options.paths[input]);
    switch (options.delimiter) {
      case ';':
        read_input<';'>(reader, input, options, builders, report);
        break;
      case '\t':
        read_input<'\t'>(reader, input, options, builders, report);
        break;
      case '|':
        read_input<'|'>(reader, input, options, builders, report);
        break;
      default:
        read_input<','>(reader, input, options, builders, report);
        break;
    }
  }
  // Bad rows: every reader's first few are in file order, so the first few overall are among them.
  std::vector<row_policy::message> shown;
  for (order_builder& b : builders) {
    report.bad_rows += b.policy().count();
    shown.insert(shown.end(), b.policy().shown().begin(), b.policy().shown().end());
  }
  std::sort(shown.begin(), shown.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
  for (std::size_t i = 0; i < shown.size() && i < row_policy::kShown; ++i) {
    report.bad_row_messages.push_back(shown[i].text);
  }
  for (std::size_t w = 1; w < builders.size(); ++w) builders[0].merge(builders[w]);
  report.rows = builders[0].rows;
  result.book = builders[0].finish(report);
  return result;
}

}  // namespace retain
