#include "retain/order_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "retain/big_memory.h"
#include "retain/error.h"
#include "retain/loader.h"
#include "retain/money_text.h"
#include "retain/parallel.h"

namespace retain {
namespace {

std::size_t slot(role r) { return static_cast<std::size_t>(r); }

// Frees a vector's memory; `v = {}` would not: it assigns an empty list and keeps the capacity.
template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
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

// Orders ids as exports number them: shorter first, then byte by byte ("#999" < "#1000").
// -1 or 1 for a < b or a > b; 0 when either is a long id kept only as a hash.
int compare_ids(const order_index::key& a, const order_index::key& b) {
  if ((a.high | b.high) & 0x80000000u) return 0;
  auto rank = [](const order_index::key& k) {
    std::uint32_t tail = ((k.high & 0xFF) << 16) | (k.high & 0xFF00) | ((k.high >> 16) & 0xFF);
    return std::make_tuple(k.high >> 24, __builtin_bswap64(k.low), tail);
  };
  return rank(a) < rank(b) ? -1 : 1;
}

}  // namespace

std::uint32_t small_set::add(std::string_view text) {
  // Rows mostly repeat the string of the row before; a few strings are found fastest by looking
  // at each; more by their hash.
  constexpr std::size_t kLookAtEach = 8;
  if (last_ < items_.size() && items_[last_] == text) return last_;
  if (items_.size() <= kLookAtEach) {
    auto it = std::find(items_.begin(), items_.end(), text);
    if (it != items_.end()) return last_ = static_cast<std::uint32_t>(it - items_.begin());
  }
  auto [at, added] =
      numbers_.try_emplace(std::string(text), static_cast<std::uint32_t>(items_.size()));
  if (added) items_.emplace_back(text);
  return last_ = at->second;
}

order_builder::order_builder(const load_options& options, bool strict, interner& customers,
                             std::size_t writer)
    : options_(options), policy_(strict), dates_(options.date_format), customers_(customers),
      writer_(writer) {}

void order_builder::begin_input(const column_map& map, std::uint32_t input) {
  map_ = &map;
  group_field_ = map.reader(role::group);
  policy_.set_input(input);
}

void order_builder::begin_chunk(std::uint64_t number, std::uint64_t records) {
  end_chunks();
  customers_.make_room(records, writer_);
  in_chunk_ = true;
  if (!chunks_.empty()) chunks_.back().end_order = orders_.size();
  chunks_.push_back({number, orders_.size(), orders_.size()});
  adjacent_ = false;
}

void order_builder::end_chunks() {
  if (in_chunk_) customers_.done(writer_);
  in_chunk_ = false;
}

std::uint64_t order_builder::prepare(const row_fields& fields) {
  char* customer = fields[slot(role::customer)];
  if (customer == nullptr) return 0;
  std::string_view text(customer);
  if (text.find('@') != std::string_view::npos) {  // e-mail addresses compare ignoring case
    for (char* c = customer; *c != '\0'; ++c) {
      *c = static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    }
  }
  std::uint64_t hash = interner::hash(text);
  customers_.prefetch_slot(hash);
  return hash;
}

void order_builder::add_row(const row_fields& fields, std::uint64_t customer_hash,
                            const row_place& place) {
  auto field = [&](role r) {
    const char* f = fields[slot(r)];
    return f == nullptr ? std::string_view() : std::string_view(f);
  };
  std::string_view order_id = field(role::order);
  // A row with an order id may leave order fields blank: they are on another line item.
  bool line_item = !order_id.empty();
  // A bad row is skipped; the order it belongs to, if it names one, is left out whole.
  auto bad = [&](const std::string& reason) {
    policy_.bad_row(place.path(), place.line(), reason);
    if (line_item) {
      order_for(order_id).bad = true;
    } else {
      adjacent_ = false;
    }
  };

  day_t day = pending_order::kNoDay;
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
      if (amount.problem != nullptr) return bad(fmt::format("amount \"{}\" {}", text, amount.problem));
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
  pending_order row;
  row.customer = customer_id(field(role::customer), customer_hash);
  row.day = day;
  row.cents = cents;
  row.has_amount = has_amount;
  apply_status(row, field(role::status), field(role::cancelled_at), order_id);
  std::string_view group = field(group_field_);
  if (!group.empty()) row.group = group_id(group);
  std::string_view currency = field(role::currency);
  if (!currency.empty()) {
    scratch_.assign(currency);
    for (char& c : scratch_) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    row.currency = currency_id(scratch_);
  }
  combine(order, row);
}

pending_order& order_builder::order_for(std::string_view order_id) {
  if (order_id.empty()) {
    adjacent_ = false;
    return orders_.emplace_back();
  }
  order_index::key key = order_index::make_key(order_id);
  if (adjacent_ && keys_.back() == key && orders_.back().keyed) return orders_.back();
  keys_.push_back(key);
  adjacent_ = true;
  pending_order& order = orders_.emplace_back();
  order.keyed = true;
  return order;
}

std::uint32_t order_builder::customer_id(std::string_view text, std::uint64_t hash) {
  if (is_missing_id(text)) return pending_order::kNoCustomer;
  return customers_.intern_hashed(text, hash, writer_);
}

std::uint16_t order_builder::status_id(std::string_view status) {
  return static_cast<std::uint16_t>(std::min<std::uint32_t>(statuses_.add(status), 0xFFFE));
}

std::uint8_t order_builder::currency_id(std::string_view currency) {
  return static_cast<std::uint8_t>(std::min<std::uint32_t>(currencies_.add(currency), 0xFE));
}

std::uint16_t order_builder::group_id(std::string_view group) {
  std::uint32_t id = groups_.add(group);
  if (id >= pending_order::kNoGroup) {
    throw error(fmt::format("--group-by \"{}\" has more than {} different values",
                            options_.columns[static_cast<std::size_t>(role::group)],
                            pending_order::kNoGroup));
  }
  return static_cast<std::uint16_t>(id);
}

// Of two statuses or currencies the lesser text, so that the choice does not depend on row order.
void order_builder::set_status(pending_order& order, std::uint16_t status) const {
  if (order.excluded_status == pending_order::kNoStatus ||
      statuses_[status] < statuses_[order.excluded_status]) {
    order.excluded_status = status;
  }
}

void order_builder::set_currency(pending_order& order, std::uint8_t currency) const {
  if (order.currency == pending_order::kNoCurrency ||
      currencies_[currency] < currencies_[order.currency]) {
    order.currency = currency;
  }
}

void order_builder::apply_status(pending_order& order, std::string_view status_text,
                                 std::string_view cancelled_at, std::string_view order_id) {
  if (status_text.empty() && cancelled_at.empty() && !map_->c_invoices_cancel) {
    order.included = options_.include_statuses.empty();
    return;
  }
  bool c_invoice = map_->c_invoices_cancel && !order_id.empty() &&
                   (order_id.front() == 'C' || order_id.front() == 'c');
  const bool cancelled = !cancelled_at.empty() || c_invoice;
  // Rows mostly repeat the status of the row before: its effect is kept.
  if (cancelled || !status_known_ || status_text != status_.text) {
    scratch_.assign(status_text);
    to_lower(scratch_);
    if (cancelled) scratch_ = "cancelled";
    status_.excluded = !scratch_.empty() && contains(options_.exclude_statuses, scratch_)
                           ? status_id(scratch_)
                           : pending_order::kNoStatus;
    status_.included =
        options_.include_statuses.empty() || contains(options_.include_statuses, scratch_);
    status_.text.assign(status_text);
    status_known_ = !cancelled;
  }
  if (status_.excluded != pending_order::kNoStatus) set_status(order, status_.excluded);
  order.included = status_.included;
}

// Joins what two entries of one order gathered; the result does not depend on their order.
void order_builder::combine(pending_order& into, const pending_order& from) const {
  if (from.customer != pending_order::kNoCustomer) {
    if (into.customer == pending_order::kNoCustomer) {
      into.customer = from.customer;
    } else if (into.customer != from.customer) {
      into.conflict = true;
    }
  }
  into.conflict = into.conflict || from.conflict;
  const day_t day = from.day;  // a packed field: read it by value, not by reference
  if (day < into.day) into.day = day;
  if (from.has_amount) {
    cents_t sum = 0;  // the packed field cannot be bound to a reference
    if (checked_add(into.cents, from.cents, sum)) {
      into.cents = sum;
    } else {
      into.overflow = true;
    }
    into.has_amount = true;
  }
  into.overflow = into.overflow || from.overflow;
  if (from.excluded_status != pending_order::kNoStatus) set_status(into, from.excluded_status);
  if (from.currency != pending_order::kNoCurrency) set_currency(into, from.currency);
  if (from.group != pending_order::kNoGroup) {
    if (into.group == pending_order::kNoGroup) {
      into.group = from.group;
    } else if (into.group != from.group) {
      into.groups_differ = true;
    }
  }
  into.groups_differ = into.groups_differ || from.groups_differ;
  into.included = into.included || from.included;
  into.bad = into.bad || from.bad;
}

// Renumbers another builder's statuses and currencies into this one's.
void order_builder::adopt(order_builder& other) {
  rows += other.rows;
  std::vector<std::uint16_t> status(other.statuses_.size());
  for (std::uint32_t i = 0; i < status.size(); ++i) status[i] = status_id(other.statuses_[i]);
  std::vector<std::uint8_t> currency(other.currencies_.size());
  for (std::uint32_t i = 0; i < currency.size(); ++i) currency[i] = currency_id(other.currencies_[i]);
  std::vector<std::uint16_t> group(other.groups_.size());
  for (std::uint32_t i = 0; i < group.size(); ++i) group[i] = group_id(other.groups_[i]);
  for (pending_order& o : other.orders_) {
    if (o.excluded_status != pending_order::kNoStatus) o.excluded_status = status[o.excluded_status];
    if (o.currency != pending_order::kNoCurrency) o.currency = currency[o.currency];
    if (o.group != pending_order::kNoGroup) o.group = group[o.group];
  }
}

// Why an order is left out ("" when it counts); each order gets the first reason that applies.
std::string order_builder::leave_out_reason(const pending_order& order) const {
  if (order.bad) return "with a row that could not be read";
  if (order.conflict) return "whose rows name different customers";
  if (order.groups_differ) {
    return fmt::format("whose rows have different --group-by \"{}\" values",
                       options_.columns[static_cast<std::size_t>(role::group)]);
  }
  if (order.excluded_status != pending_order::kNoStatus) {
    return fmt::format("with status \"{}\"", statuses_[order.excluded_status]);
  }
  if (!order.included) return "whose status is not in --include-status";
  if (!options_.currency.empty() && order.currency != pending_order::kNoCurrency &&
      currencies_[order.currency] != options_.currency) {
    return fmt::format("in a currency other than {}", options_.currency);
  }
  if (order.customer == pending_order::kNoCustomer) return "without a customer id";
  if (order.day == pending_order::kNoDay) return "without a date";
  if (!order.has_amount) return "without an amount";
  if (order.overflow) return "whose total is too large for 64-bit cents";
  return {};
}

void order_builder::check_currencies(const std::vector<std::uint64_t>& per_currency) const {
  if (!options_.currency.empty()) return;
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
  throw error(fmt::format("the input mixes currencies: {}; choose one with --currency CODE", list));
}

namespace {

// Joins the entries of each order id that the builders made in separate pieces.
template <class Combine>
void join_line_items(std::vector<paged_list<pending_order>*>& orders,
                     const std::vector<const key_list*>& keys,
                     const std::vector<std::tuple<std::uint64_t, std::size_t, std::size_t, std::size_t>>& spans,
                     Combine combine) {
  // In file order the ids usually run one way; then an id can only repeat on the next order.
  // A builder's spans come in file order too, so each builder's keys are read in turn.
  std::vector<key_list::reader> readers;
  for (const key_list* list : keys) readers.emplace_back(*list);
  int direction = 0;
  pending_order* previous = nullptr;
  order_index::key previous_key;
  bool one_way = true;
  for (const auto& [number, b, first, end] : spans) {
    for (std::size_t i = first; i < end && one_way; ++i) {
      pending_order& o = (*orders[b])[i];
      if (!o.keyed) continue;
      const order_index::key k = readers[b].next();
      if (previous != nullptr && k == previous_key) {
        combine(*previous, o);
        o.joined = true;
        continue;
      }
      if (previous != nullptr) {
        int order = compare_ids(previous_key, k);
        if (order == 0 || (direction != 0 && order != direction)) one_way = false;
        direction = order;
      }
      previous = &o;
      previous_key = k;
    }
    if (!one_way) break;
  }
  if (one_way) return;
  // Otherwise index every id.
  order_index index;
  std::vector<pending_order*> first_entry;
  for (std::size_t b = 0; b < orders.size(); ++b) {
    key_list::reader reader(*keys[b]);
    for (std::size_t i = 0; i < orders[b]->size(); ++i) {
      pending_order& o = (*orders[b])[i];
      if (!o.keyed) continue;
      const order_index::key k = reader.next();
      if (o.joined) continue;
      auto at = index.find_or_add(k, static_cast<std::uint32_t>(first_entry.size()));
      if (at == first_entry.size()) {
        first_entry.push_back(&o);
      } else {
        combine(*first_entry[at], o);
        o.joined = true;
      }
    }
  }
}

}  // namespace

order_book assemble(std::vector<order_builder>& builders, std::shared_ptr<interner> names,
                    load_report& report) {
  order_builder& base = builders[0];
  for (std::size_t b = 1; b < builders.size(); ++b) base.adopt(builders[b]);
  report.rows = base.rows;

  std::vector<paged_list<pending_order>*> orders;
  std::vector<const key_list*> keys;
  std::vector<std::tuple<std::uint64_t, std::size_t, std::size_t, std::size_t>> spans;
  for (std::size_t b = 0; b < builders.size(); ++b) {
    order_builder& builder = builders[b];
    if (!builder.chunks_.empty()) builder.chunks_.back().end_order = builder.orders_.size();
    for (const auto& span : builder.chunks_) spans.emplace_back(span.number, b, span.first_order, span.end_order);
    orders.push_back(&builder.orders_);
    keys.push_back(&builder.keys_);
  }
  std::sort(spans.begin(), spans.end());
  join_line_items(orders, keys, spans,
                  [&](pending_order& into, const pending_order& from) { base.combine(into, from); });
  for (order_builder& builder : builders) builder.keys_ = key_list();

  // The policy, per order, one thread per builder: what each leaves out, and how many orders it
  // keeps of each customer. The book numbers its customers in order of interned id; with
  // --group-by in order of group and id: a customer who ordered in two groups is one in each.
  const bool grouping = !base.options_.columns[static_cast<std::size_t>(role::group)].empty();
  const std::uint16_t blank_group = grouping ? base.group_id("") : pending_order::kNoGroup;
  auto pair_of = [&](const pending_order& o) {
    std::uint64_t group = o.group == pending_order::kNoGroup ? blank_group : o.group;
    return (group << 32) | o.customer;
  };
  struct tally {
    std::map<std::string, std::uint64_t> left_out;
    std::vector<std::uint64_t> per_currency;
    std::vector<std::uint32_t> per_customer;  // kept orders by interned id; then where they go
    std::vector<std::uint64_t> pairs;         // with --group-by: pair_of() each kept order
    std::uint64_t kept = 0;
  };
  std::vector<tally> tallies(builders.size());
  in_parallel(builders.size(), [&](std::size_t b) {
    tally& t = tallies[b];
    t.per_currency.resize(base.currencies_.size());
    if (!grouping) {
      reserve_huge(t.per_customer, base.customers_.size());
      t.per_customer.resize(base.customers_.size());
    }
    for (pending_order& order : builders[b].orders_) {
      if (order.joined) continue;
      std::string reason = base.leave_out_reason(order);
      if (!reason.empty()) {
        ++t.left_out[reason];
        order.joined = true;  // from here on: not in the book
        continue;
      }
      if (order.currency != pending_order::kNoCurrency) ++t.per_currency[order.currency];
      if (grouping) {
        t.pairs.push_back(pair_of(order));
      } else {
        ++t.per_customer[order.customer];
      }
      ++t.kept;
    }
  });
  std::map<std::string, std::uint64_t> left_out;
  std::vector<std::uint64_t> per_currency(base.currencies_.size());
  std::uint64_t kept = 0;
  for (const tally& t : tallies) {
    for (const auto& [reason, count] : t.left_out) left_out[reason] += count;
    for (std::size_t c = 0; c < per_currency.size(); ++c) per_currency[c] += t.per_currency[c];
    kept += t.kept;
  }
  if (kept > std::numeric_limits<std::uint32_t>::max()) {
    throw error(fmt::format("the input has {} orders; retain counts up to 4,294,967,295", kept));
  }
  base.check_currencies(per_currency);
  report.left_out.assign(left_out.begin(), left_out.end());
  base.customers_.finish();

  // The book's customers, and where each one's orders begin (a counting sort by customer).
  order_book book;
  std::vector<std::uint32_t> ids;          // interned id, by book number
  std::vector<std::uint32_t> start = {0};  // by book number, and one past the last
  std::vector<std::uint32_t> number;       // book number by interned id (not with --group-by)
  std::vector<std::uint64_t> pairs;        // with --group-by: one per book customer, sorted
  if (grouping) {
    for (tally& t : tallies) {
      pairs.insert(pairs.end(), t.pairs.begin(), t.pairs.end());
      release(t.pairs);
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t run = i;
      while (run < pairs.size() && pairs[run] == pairs[i]) ++run;
      ids.push_back(static_cast<std::uint32_t>(pairs[i]));
      book.customer_groups.push_back(static_cast<std::uint16_t>(pairs[i] >> 32));
      start.push_back(start.back() + static_cast<std::uint32_t>(run - i));
      i = run;
    }
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (std::uint32_t g = 0; g < base.groups_.size(); ++g) book.group_names.push_back(base.groups_[g]);
  } else {
    reserve_huge(number, base.customers_.size());
    number.assign(base.customers_.size(), pending_order::kNoCustomer);
    reserve_huge(ids, number.size());
    reserve_huge(start, number.size() + 1);
    for (std::uint32_t c = 0; c < number.size(); ++c) {
      std::uint32_t at = start.back();
      for (tally& t : tallies) at += std::exchange(t.per_customer[c], at);  // builder by builder
      if (at == start.back()) continue;
      number[c] = static_cast<std::uint32_t>(ids.size());
      ids.push_back(c);
      start.push_back(at);
    }
  }
  book.customers = customer_table(std::move(names), std::move(ids));

  // Each order to its place; builders at once unless --group-by, whose customers share cursors.
  std::vector<std::uint32_t> next;  // with --group-by: where the next order of a customer goes
  if (grouping) next.assign(start.begin(), start.end() - 1);
  reserve_huge(book.orders, kept);
  book.orders.resize(kept);
  auto scatter = [&](std::size_t b) {
    for (const pending_order& o : builders[b].orders_) {
      if (o.joined) continue;
      const std::uint32_t n =
          grouping ? static_cast<std::uint32_t>(
                         std::lower_bound(pairs.begin(), pairs.end(), pair_of(o)) - pairs.begin())
                   : number[o.customer];
      std::uint32_t& at = grouping ? next[n] : tallies[b].per_customer[o.customer];
      book.orders[at++] = {n, o.day, o.cents};
    }
    builders[b].orders_ = paged_list<pending_order>();
  };
  if (grouping) {
    for (std::size_t b = 0; b < builders.size(); ++b) scatter(b);
  } else {
    in_parallel(builders.size(), scatter);
  }

  // Then each customer's orders by day, in as many parts as there are builders.
  const std::size_t customers = start.size() - 1;
  in_parallel(builders.size(), [&](std::size_t part) {
    const std::size_t first = customers * part / builders.size();
    const std::size_t end = customers * (part + 1) / builders.size();
    for (std::size_t n = first; n < end; ++n) {
      if (start[n + 1] - start[n] < 2) continue;
      std::sort(book.orders.begin() + start[n], book.orders.begin() + start[n + 1],
                [](const order& a, const order& b) {
                  return std::tie(a.day, a.cents) < std::tie(b.day, b.cents);
                });
    }
  });
  report.orders = book.orders.size();
  report.customers = book.customers.size();
  if (grouping) {  // customers, not customer-group pairs
    std::vector<bool> seen(base.customers_.size());
    report.customers = 0;
    for (std::uint64_t pair : pairs) {
      auto id = static_cast<std::uint32_t>(pair);
      if (!seen[id]) ++report.customers;
      seen[id] = true;
    }
  }
  return book;
}

}  // namespace retain
