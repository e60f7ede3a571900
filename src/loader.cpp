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
#include <tuple>

#include "retain/error.h"
#include "retain/input.h"
#include "retain/interner.h"
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
class chunk_stream final : public io::ByteSourceBase {
 public:
  chunk_stream(const std::string& header_line, chunk body, chunk_reader& reader)
      : reader_(reader), next_(std::move(body)), has_next_(true) {
    current_.assign(header_line.begin(), header_line.end());
    current_.push_back('\n');
    placed_.push_back({1, 1, 1, {}});
    next_stream_line_ = 2;
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
    chunk view;
    view.first_line = p.first_line;
    view.records = p.records;
    std::uint64_t index = stream_line - p.first_stream_line;
    if (p.multiline.empty()) return p.first_line + index;
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

  bool advance() {
    if (has_next_) {
      has_next_ = false;
    } else if (!reader_.next(next_)) {
      return false;
    }
    placed_.push_back({next_stream_line_, next_.first_line, next_.records, next_.multiline});
    next_stream_line_ += next_.records;
    current_.swap(next_.bytes);
    offset_ = 0;
    return true;
  }

  chunk_reader& reader_;
  chunk next_;
  bool has_next_;
  std::vector<char> current_;
  std::size_t offset_ = 0;
  std::deque<placed> placed_;
  std::uint64_t next_stream_line_;
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

// An order as its rows are gathered.
struct pending_order {
  std::uint32_t customer = kNone;
  day_t day = kNoDay;
  cents_t cents = 0;
  std::uint32_t excluded_status = kNone;  // a status from the excluded list, by statuses_ id
  std::uint32_t currency = kNone;         // by currencies_ id
  bool has_amount = false;
  bool included = false;  // some row has a status that --include-status admits
  bool conflict = false;  // rows name different customers
  bool bad = false;       // a row could not be read
};

// Where the row being read stands, computed only when a message needs it.
struct row_place {
  const std::string& path;
  chunk_stream& stream;
  std::uint64_t stream_line;
  std::uint64_t line() const { return stream.physical_line(stream_line); }
};

// Turns rows into orders under the policy in loader.h.
class order_builder {
 public:
  order_builder(const load_options& options, row_policy& policy)
      : options_(options), policy_(policy), dates_(options.date_format) {}

  void begin_input(const column_map& map) { map_ = &map; }

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

    pending_order& order = order_for(order_id);
    std::uint32_t customer = customer_id(field(role::customer));
    if (customer != kNone) {
      if (order.customer == kNone) {
        order.customer = customer;
      } else if (order.customer != customer) {
        order.conflict = true;
      }
    }
    order.day = std::min(order.day, day);
    if (has_amount) {
      if (!checked_add(order.cents, cents, order.cents)) {
        return bad("the order's total is too large");
      }
      order.has_amount = true;
    }
    apply_status(order, field(role::status), field(role::cancelled_at), order_id);
    std::string_view currency = field(role::currency);
    if (!currency.empty() && order.currency == kNone) {
      scratch_.assign(currency);
      for (char& c : scratch_) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      order.currency = currencies_.intern(scratch_);
    }
  }

  // Applies the order policy and builds the order book.
  order_book finish(load_report& report) {
    std::map<std::string, std::uint64_t> left_out;
    std::vector<std::uint64_t> per_currency(currencies_.size());
    std::vector<const pending_order*> kept;
    for (const pending_order& order : orders_) {
      std::string reason = leave_out_reason(order);
      if (!reason.empty()) {
        ++left_out[reason];
        continue;
      }
      if (order.currency != kNone) ++per_currency[order.currency];
      kept.push_back(&order);
    }
    check_currencies(per_currency);
    report.left_out.assign(left_out.begin(), left_out.end());

    // Number customers in sorted order, so that the book does not depend on row order.
    std::vector<std::uint32_t> by_text;
    std::vector<char> used(customers_.size());
    for (const pending_order* order : kept) used[order->customer] = 1;
    for (std::uint32_t c = 0; c < customers_.size(); ++c) {
      if (used[c]) by_text.push_back(c);
    }
    std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) {
      return customers_.text(a) < customers_.text(b);
    });
    order_book book;
    std::vector<std::uint32_t> number(customers_.size(), kNone);
    for (std::uint32_t c : by_text) {
      number[c] = static_cast<std::uint32_t>(book.customers.size());
      book.customers.emplace_back(customers_.text(c));
    }
    book.orders.reserve(kept.size());
    for (const pending_order* order : kept) {
      book.orders.push_back({number[order->customer], order->day, order->cents});
    }
    std::sort(book.orders.begin(), book.orders.end(), [](const order& a, const order& b) {
      return std::tie(a.customer, a.day, a.cents) < std::tie(b.customer, b.day, b.cents);
    });
    report.orders = book.orders.size();
    report.customers = book.customers.size();
    return book;
  }

 private:
  pending_order& order_for(std::string_view order_id) {
    if (order_id.empty()) return orders_.emplace_back();
    std::uint32_t id = order_ids_.intern(order_id);
    if (id == slots_.size()) {
      slots_.push_back(orders_.size());
      orders_.emplace_back();
    }
    return orders_[slots_[id]];
  }

  std::uint32_t customer_id(std::string_view text) {
    if (is_missing_id(text)) return kNone;
    if (text.find('@') == std::string_view::npos) return customers_.intern(text);
    scratch_.assign(text);  // e-mail addresses compare ignoring case
    to_lower(scratch_);
    return customers_.intern(scratch_);
  }

  void apply_status(pending_order& order, std::string_view status_text,
                    std::string_view cancelled_at, std::string_view order_id) {
    scratch_.assign(status_text);
    to_lower(scratch_);
    bool c_invoice = map_->c_invoices_cancel && !order_id.empty() &&
                     (order_id.front() == 'C' || order_id.front() == 'c');
    if (!cancelled_at.empty() || c_invoice) scratch_ = "cancelled";
    if (!scratch_.empty() && contains(options_.exclude_statuses, scratch_)) {
      std::uint32_t id = statuses_.intern(scratch_);
      if (order.excluded_status == kNone ||
          statuses_.text(id) < statuses_.text(order.excluded_status)) {
        order.excluded_status = id;
      }
    }
    if (options_.include_statuses.empty() || contains(options_.include_statuses, scratch_)) {
      order.included = true;
    }
  }

  // Why an order is left out ("" when it counts); each order gets the first reason that applies.
  std::string leave_out_reason(const pending_order& order) const {
    if (order.bad) return "with a row that could not be read";
    if (order.conflict) return "whose rows name different customers";
    if (order.excluded_status != kNone) {
      return fmt::format("with status \"{}\"", statuses_.text(order.excluded_status));
    }
    if (!order.included) return "whose status is not in --include-status";
    if (!options_.currency.empty() && order.currency != kNone &&
        currencies_.text(order.currency) != options_.currency) {
      return fmt::format("in a currency other than {}", options_.currency);
    }
    if (order.customer == kNone) return "without a customer id";
    if (order.day == kNoDay) return "without a date";
    if (!order.has_amount) return "without an amount";
    return {};
  }

  void check_currencies(const std::vector<std::uint64_t>& per_currency) const {
    if (!options_.currency.empty() || per_currency.size() < 2) return;
    std::string list;
    for (std::uint32_t c = 0; c < per_currency.size(); ++c) {
      list += fmt::format("{}{} ({} order{})", list.empty() ? "" : ", ", currencies_.text(c),
                          per_currency[c], per_currency[c] == 1 ? "" : "s");
    }
    throw error(fmt::format("the input mixes currencies: {}; choose one with --currency CODE",
                            list));
  }

  const load_options& options_;
  row_policy& policy_;
  date_parser dates_;
  const column_map* map_ = nullptr;
  interner customers_;
  interner order_ids_;
  interner statuses_;
  interner currencies_;
  std::vector<std::size_t> slots_;  // order id number -> index in orders_
  std::deque<pending_order> orders_;
  std::string scratch_;
};

template <char sep>
void read_input(chunk_reader& reader, const load_options& options, order_builder& builder,
                row_policy& policy, load_report& report) {
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
  builder.begin_input(map);

  chunk_stream stream(header_line, std::move(first), reader);
  csv_parser<sep> parser(reader.path(), std::make_unique<borrowed_source>(stream));
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
      ++report.rows;
      policy.bad_row(reader.path(), stream.physical_line(parser.get_file_line()),
                     fmt::format("the row {}", parser_problem(e)));
      continue;
    }
    ++report.rows;
    builder.add_row(fields, {reader.path(), stream, parser.get_file_line()});
  }
}

}  // namespace

loaded_orders load_orders(const load_options& options) {
  row_policy policy(options.strict);
  order_builder builder(options, policy);
  loaded_orders result;
  load_report& report = result.report;
  for (const std::string& path : options.paths) {
    chunk_reader reader(path);
    switch (options.delimiter) {
      case ';':
        read_input<';'>(reader, options, builder, policy, report);
        break;
      case '\t':
        read_input<'\t'>(reader, options, builder, policy, report);
        break;
      case '|':
        read_input<'|'>(reader, options, builder, policy, report);
        break;
      default:
        read_input<','>(reader, options, builder, policy, report);
        break;
    }
  }
  result.book = builder.finish(report);
  report.bad_rows = policy.count();
  report.bad_row_messages = policy.shown();
  return result;
}

}  // namespace retain
