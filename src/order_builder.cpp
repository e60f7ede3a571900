#include "retain/order_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "retain/big_memory.h"
#include "retain/date_layouts.h"
#include "retain/error.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "retain/money_text.h"
#include "retain/order_rules.h"
#include "retain/parallel.h"
#include "retain/sniff.h"
#include "retain/statuses.h"

namespace retain {
namespace {

std::size_t slot(role r) { return static_cast<std::size_t>(r); }

// Frees a vector's memory; `v = {}` would not: it assigns an empty list and keeps the capacity.
template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

constexpr const char* kRefundedInFull = "refunded in full (--net)";
constexpr const char* kNegative = "with a negative amount (refunds or credits, not purchases)";

// An order's amount: the order total taken once (its rows agree), or the sum of its rows.
cents_t order_amount(const pending_order& order, amount_kind amount) {
  const cents_t cents = order.cents;
  if (amount == amount_kind::order_total && order.amount_rows > 1) {
    return cents / static_cast<cents_t>(order.amount_rows);
  }
  return cents;
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
    : options_(options), policy_(strict), customers_(customers), writer_(writer) {}

void order_builder::begin_input(const input_plan& plan, std::uint32_t input) {
  plan_ = &plan;
  map_ = &plan.columns;
  dates_ = std::make_unique<date_parser>(plan.date_format);
  group_field_ = map_->reader(role::group);
  policy_.set_input(input);
  status_known_ = false;
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
  close_entry();
  adjacent_ = false;
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
                            std::uint64_t record_hash, const row_place& place) {
  auto field = [&](role r) {
    const char* f = fields[slot(r)];
    return f == nullptr ? std::string_view() : std::string_view(f);
  };
  std::string_view order_id = field(role::order);
  // A row with an order id may leave order fields blank: they are on another line item.
  bool line_item = !order_id.empty();
  // A bad row is skipped; the order it belongs to, if it names one, is left out whole.
  auto bad = [&](const char* kind, const std::string& reason) {
    policy_.bad_row(place.path(), place.line(), kind, reason);
    if (line_item) {
      order_for(order_id, false).bad = true;
    } else {
      close_entry();
      adjacent_ = false;
    }
  };

  day_t day = pending_order::kNoDay;
  std::string_view date_text = field(role::date);
  if (!date_text.empty()) {
    date_result date = dates_->parse(date_text);
    if (date.problem != nullptr) {
      std::string reason = fmt::format("date \"{}\" {}", date_text, date.problem);
      const std::string layout = suggest_date_format(date_text);
      if (!layout.empty() && layout != plan_->date_format) {
        reason += fmt::format(" (--date-format {} reads it)", layout);
      }
      return bad("a date that cannot be read", reason);
    }
    day = date.day;
  } else if (!line_item) {
    return bad("an empty date", "the date is empty");
  }

  cents_t cents = 0;
  bool has_amount = false;
  std::string_view mark;  // the currency the amount names
  if (map_->has(role::amount)) {
    for (std::size_t part = 0; part < kAmountParts; ++part) {
      const role r = amount_part(part);
      if (!map_->has(r)) continue;
      std::string_view text = field(r);
      if (text.empty()) continue;
      money_result amount = parse_money(text, plan_->decimal_mark);
      if (amount.problem != nullptr) {
        return bad("an amount that cannot be read",
                   fmt::format("amount \"{}\" {}", text, amount.problem));
      }
      if (!amount.currency.empty()) {
        if (!mark.empty() && mark != amount.currency) {
          return bad("amounts in two currencies",
                     fmt::format("amounts \"{}\" name two currencies", text));
        }
        mark = amount.currency;
      }
      if (!checked_add(cents, amount.cents, cents)) {
        return bad("an amount that cannot be read", "the amounts' sum is too large");
      }
      has_amount = true;
    }
    if (!has_amount && !line_item) return bad("an empty amount", "the amount is empty");
  } else {
    std::string_view quantity_text = field(role::quantity), price_text = field(role::price);
    if (!quantity_text.empty() || !price_text.empty() || !line_item) {
      std::int64_t quantity = 0;
      if (!parse_count(quantity_text, quantity)) {
        return bad("a quantity that cannot be read",
                   fmt::format("quantity \"{}\" is not a whole number", quantity_text));
      }
      money_result price = parse_money(price_text, plan_->decimal_mark);
      if (price.problem != nullptr) {
        return bad("a price that cannot be read",
                   fmt::format("price \"{}\" {}", price_text, price.problem));
      }
      mark = price.currency;
      if (!checked_multiply(price.cents, quantity, cents)) {
        return bad("an amount that cannot be read", "quantity times price is too large");
      }
      has_amount = true;
    }
  }
  cents_t refunded = 0;
  if (map_->has(role::refunded)) {
    std::string_view text = field(role::refunded);
    if (!text.empty()) {
      money_result amount = parse_money(text, plan_->decimal_mark);
      if (amount.problem != nullptr) {
        return bad("a refunded amount that cannot be read",
                   fmt::format("refunded amount \"{}\" {}", text, amount.problem));
      }
      refunded = amount.cents < 0 ? -amount.cents : amount.cents;
      // Etsy's "Adjusted Order Total" is what is left after refunds.
      if (map_->refunded_is_remaining) refunded = has_amount ? std::max<cents_t>(0, cents - amount.cents) : 0;
    }
  }
  // A refund row that refers to another order (PayPal's "Reference Txn ID") belongs to it; a
  // negative row of an order whose amount column holds order totals is a refund of it
  // (WooCommerce Analytics, Square): neither is part of what was paid.
  std::string_view refund_of = field(role::refund_of);
  const bool totals = map_->amount == amount_kind::order_total ||
                      (map_->amount == amount_kind::unknown && map_->amount_hint == amount_kind::order_total);
  const bool payment = is_payment_received(field(role::kind));
  const bool refund =
      has_amount && cents < 0 && (!refund_of.empty() || (totals && line_item && payment));
  if (refund && !refund_of.empty()) order_id = refund_of;
  if (refund) line_item = true;
  // Spreadsheet exports end with a row of totals (Gumroad's "Totals"): not an order.
  if (date_text.empty() && is_totals_label(order_id)) {
    pending_order& totals_row = order_for(order_id, false);
    totals_row.totals_row = true;
    return;
  }

  pending_order& order = order_for(order_id, refund);
  if (order.keyed) open_hashes_.push_back(record_hash);
  pending_order row;
  // A refund names the shop or the buyer, on the day of the refund: the order it refers to
  // keeps its own customer and day.
  if (!refund) {
    std::string_view customer = field(role::customer);
    row.customer = customer_id(customer, customer_hash);
    if (row.customer == pending_order::kNoCustomer && map_->has(role::email)) {
      row.customer = guest_id(field(role::email));
    }
    row.day = day;
  }
  row.cents = refund ? 0 : cents;
  row.has_amount = has_amount && !refund;
  row.amount_rows = row.has_amount ? 1 : 0;
  row.refund_only = refund;
  row.refund_link = refund && !refund_of.empty();
  apply_status(row, field(role::status), field(role::cancelled_at), order_id);
  row.not_a_payment = !refund && !payment;
  std::string_view group = field(group_field_);
  if (!group.empty()) row.group = group_id(group);
  std::string_view currency = field(role::currency);
  if (!currency.empty()) {
    scratch_.assign(currency);
    for (char& c : scratch_) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!mark.empty() && mark.size() == 3 && mark != scratch_) {
      return bad("amounts in two currencies",
                 fmt::format("the amount is in {} but the currency column says {}", mark, scratch_));
    }
    row.currency = currency_id(scratch_);
  } else if (!mark.empty()) {
    row.currency = currency_id(mark);
  }
  add_to_entry(order, row, refund ? -cents : refunded, refund);
}

pending_order& order_builder::order_for(std::string_view order_id, bool refund) {
  if (order_id.empty()) {
    close_entry();
    adjacent_ = false;
    return orders_.emplace_back();
  }
  order_index::key key = order_index::make_key(order_id);
  if (adjacent_ && refund == open_refund_ && keys_.back() == key && orders_.back().keyed) {
    return orders_.back();
  }
  close_entry();
  keys_.push_back(key);
  adjacent_ = true;
  open_refund_ = refund;
  pending_order& order = orders_.emplace_back();
  order.keyed = true;
  return order;
}

// The rows of the last keyed entry: when they are k >= 2 copies of the same rows (a file sorted
// after being joined to itself), the entry is k copies of one.
void order_builder::close_entry() {
  if (open_hashes_.empty()) return;
  pending_order& entry = orders_.back();
  std::vector<std::uint64_t>& h = open_hashes_;
  std::uint64_t all = 0;
  for (std::uint64_t x : h) all += x;
  std::uint16_t copies = 1;
  std::uint64_t fingerprint = all;
  if (h.size() >= 2 && h.size() <= 0xFFFF) {
    std::sort(h.begin(), h.end());
    std::size_t run = 0;
    while (run < h.size() && h[run] == h[0]) ++run;
    bool uniform = h.size() % run == 0;
    std::uint64_t distinct = 0;
    for (std::size_t i = 0; uniform && i < h.size(); i += run) {
      for (std::size_t j = i; j < i + run; ++j) uniform = uniform && h[j] == h[i];
      uniform = uniform && (i == 0 || h[i] != h[i - 1]);
      distinct += h[i];
    }
    if (uniform && run >= 2) {
      copies = static_cast<std::uint16_t>(run);
      fingerprint = distinct;
    }
  }
  entry.copies = copies;
  entry.fingerprint = fingerprint;
  h.clear();
}

std::uint32_t order_builder::customer_id(std::string_view text, std::uint64_t hash) {
  if (is_missing_customer(text)) return pending_order::kNoCustomer;
  return customers_.intern_hashed(text, hash, writer_);
}

std::uint32_t order_builder::guest_id(std::string_view email) {
  if (is_missing_customer(email)) return pending_order::kNoCustomer;
  scratch_.assign(email);
  to_lower(scratch_);
  return customers_.intern(scratch_, writer_);
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

// Of two statuses the lesser text, so that the choice does not depend on row order.
std::uint16_t order_builder::lowest(std::uint16_t current, std::uint16_t status) const {
  return current == pending_order::kNoStatus || statuses_[status] < statuses_[current] ? status
                                                                                       : current;
}

void order_builder::apply_status(pending_order& order, std::string_view status_text,
                                 std::string_view cancelled_at, std::string_view order_id) {
  bool c_invoice = map_->c_invoices_cancel && !order_id.empty() &&
                   (order_id.front() == 'C' || order_id.front() == 'c');
  // A cancellation column or a C invoice cancels whatever the status says (and whatever the
  // status lists are).
  if (!cancelled_at.empty() || c_invoice) {
    note_status(order, status_id("cancelled"), true);
    order.included = true;
    return;
  }
  if (status_text.empty() && !map_->status_is_refund_flag) {
    order.included = options_.include_statuses.empty();
    return;
  }
  // Rows mostly repeat the status of the row before: its effect is kept.
  if (!status_known_ || status_text != status_.text) {
    const std::string folded = fold_status(status_text);
    status_ = status_effect{};
    status_.text.assign(status_text);
    status_known_ = true;
    const status_meaning meaning = classify_status(status_text);
    if (map_->status_is_refund_flag) {  // Gumroad's "Fully Refunded?": a yes/no, not a status
      status_.refunded = folded == "1" || folded == "true" || folded == "yes";
    } else if (!options_.include_statuses.empty()) {
      status_.included = contains(options_.include_statuses, folded);
      status_.refunded = meaning == status_meaning::refunded;
    } else if (contains(options_.exclude_statuses, folded) ||
               meaning == status_meaning::not_purchase) {
      status_.status = status_id(status_text);
      status_.excluded = true;
    } else {
      if (meaning == status_meaning::unknown) status_.status = status_id(status_text);
      status_.refunded = meaning == status_meaning::refunded;
    }
  }
  if (status_.status != pending_order::kNoStatus) note_status(order, status_.status, status_.excluded);
  order.included = status_.included;
  order.refunded_status = status_.refunded;
}

// Adds a row to the entry of its run: the refunded-amount column is the order's (on one row or
// repeated on each: the largest counts), refunds that refer to the order add up.
// (close_entry() sets its copies and fingerprint once all its rows are in.)
void order_builder::add_to_entry(pending_order& entry, const pending_order& row, cents_t refunded,
                                 bool refund) {
  const cents_t before = refunded_of(entry);
  pending_order plain = row;
  plain.copies = entry.copies;
  plain.fingerprint = entry.fingerprint;
  const std::uint16_t copies = entry.copies;
  combine(entry, plain);
  entry.copies = copies;
  const cents_t now = refund ? before + refunded : std::max(before, refunded);
  if (now != before) set_refunded(entry, now);
  entry.refund_only = refund;  // refunds never share an entry with the order's own rows
}

cents_t order_builder::refunded_of(const pending_order& order) const {
  if (!order.has_refunded) return 0;
  auto it = refunded_.find(&order);
  return it == refunded_.end() ? 0 : it->second;
}

// Inserts only from one thread at a time (a builder while reading, the first builder while
// joining); from several, only the refunds of entries that have some.
void order_builder::set_refunded(pending_order& order, cents_t cents) {
  auto it = refunded_.find(&order);
  if (it == refunded_.end()) {
    refunded_.emplace(&order, cents);
  } else {
    it->second = cents;
  }
  order.has_refunded = true;
}

// An order's status: a not-a-purchase status wins over an unknown one; of two alike the lesser
// text, so that the choice does not depend on row order.
void order_builder::note_status(pending_order& order, std::uint16_t status, bool excluded) const {
  if (excluded && !order.status_excluded) {
    order.status = status;
    order.status_excluded = true;
  } else if (excluded == order.status_excluded) {
    order.status = lowest(order.status, status);
  }
}

// Joins what two entries of one order gathered; the result does not depend on their order.
void order_builder::combine(pending_order& into, const pending_order& from) {
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
  if (into.has_amount && from.has_amount &&
      static_cast<wide_t>(into.cents) * from.amount_rows !=
          static_cast<wide_t>(from.cents) * into.amount_rows) {
    into.amounts_differ = true;
  }
  if (from.has_amount) {
    cents_t sum = 0;  // the packed field cannot be bound to a reference
    if (checked_add(into.cents, from.cents, sum)) {
      into.cents = sum;
    } else {
      into.overflow = true;
    }
    into.has_amount = true;
  }
  if (from.has_refunded) {
    cents_t refunded = 0;
    if (checked_add(refunded_of(into), refunded_of(from), refunded)) {
      set_refunded(into, refunded);
    } else {
      into.overflow = true;
    }
  }
  if (into.amount_rows + from.amount_rows > 0xFFFF) into.overflow = true;
  into.amount_rows = static_cast<std::uint16_t>(std::min(into.amount_rows + from.amount_rows, 0xFFFF));
  into.overflow = into.overflow || from.overflow;
  // Two places of one order with the same rows are copies of it.
  if (into.fingerprint == from.fingerprint && into.copies + from.copies <= 0xFFFF) {
    into.copies = into.copies + from.copies;
  } else {  // as one place of these rows, once each
    const std::uint64_t into_rows = into.fingerprint, from_rows = from.fingerprint;
    into.fingerprint = into_rows * into.copies + from_rows * from.copies;
    into.copies = 1;
  }
  if (from.status != pending_order::kNoStatus) note_status(into, from.status, from.status_excluded);
  if (from.currency != pending_order::kNoCurrency) {
    if (into.currency == pending_order::kNoCurrency) {
      into.currency = from.currency;
    } else if (into.currency != from.currency) {
      into.currencies_differ = true;
      if (currencies_[from.currency] < currencies_[into.currency]) into.currency = from.currency;
    }
  }
  into.currencies_differ = into.currencies_differ || from.currencies_differ;
  if (from.group != pending_order::kNoGroup) {
    if (into.group == pending_order::kNoGroup) {
      into.group = from.group;
    } else if (into.group != from.group) {
      into.groups_differ = true;
    }
  }
  into.groups_differ = into.groups_differ || from.groups_differ;
  into.amounts_differ = into.amounts_differ || from.amounts_differ;
  into.included = into.included || from.included;
  into.refunded_status = into.refunded_status || from.refunded_status;
  into.refund_only = into.refund_only && from.refund_only;
  into.bad = into.bad || from.bad;
  into.totals_row = into.totals_row || from.totals_row;
  into.not_a_payment = into.not_a_payment || from.not_a_payment;
  into.refund_link = into.refund_link || from.refund_link;
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
    if (o.status != pending_order::kNoStatus) o.status = status[o.status];
    if (o.currency != pending_order::kNoCurrency) o.currency = currency[o.currency];
    if (o.group != pending_order::kNoGroup) o.group = group[o.group];
  }
}

// Why an order is left out ("" when it counts); each order gets the first reason that applies.
// `amount` is what the amount column holds, decided by then.
std::string order_builder::leave_out_reason(const pending_order& order, amount_kind amount) const {
  if (order.totals_row) return "(a spreadsheet's totals row)";
  if (order.bad) return "with a row that could not be read";
  if (order.conflict) return "whose rows name different customers";
  if (order.groups_differ) {
    return fmt::format("whose rows have different --group-by \"{}\" values",
                       options_.columns[static_cast<std::size_t>(role::group)]);
  }
  if (order.currencies_differ) return "whose rows name different currencies";
  if (order.status_excluded) return fmt::format("with status \"{}\"", statuses_[order.status]);
  if (!order.included) return "whose status is not in --include-status";
  if (order.not_a_payment) return "whose type is not a payment received (a transfer, a deposit, a fee, ...)";
  if (order.refund_only && order.refund_link) return "(refunds of orders not in the input)";
  if (order.refund_only) return kNegative;
  if (!options_.currency.empty()) {
    const std::string_view code =
        order.currency == pending_order::kNoCurrency ? "" : std::string_view(currencies_[order.currency]);
    if (code != options_.currency) {
      return code.empty() ? "without a currency (--currency counts only its own)"
                          : fmt::format("in a currency other than {}", options_.currency);
    }
  }
  if (order.customer == pending_order::kNoCustomer) return "without a customer id";
  if (order.day == pending_order::kNoDay) return "without a date";
  if (!order.has_amount) return "without an amount";
  if (order.overflow) return "whose total is too large for 64-bit cents";
  if (amount == amount_kind::order_total && order.amounts_differ) {
    return "whose rows give different order totals";
  }
  const cents_t total = order_amount(order, amount);
  if (total < 0) return kNegative;
  if (options_.net && (order.refunded_status || total - refunded_of(order) <= 0) && total > 0) {
    return kRefundedInFull;
  }
  return {};
}

// per_currency: orders by currency, the last one those without: a blank currency is a value of
// its own where the input has a currency column.
void order_builder::check_currencies(const std::vector<std::uint64_t>& per_currency) const {
  if (!options_.currency.empty()) return;
  std::vector<std::pair<std::string, std::uint64_t>> counts;
  for (std::uint32_t c = 0; c + 1 < per_currency.size(); ++c) {
    if (per_currency[c] > 0) counts.emplace_back(currencies_[c], per_currency[c]);
  }
  if (map_ != nullptr && map_->has(role::currency) && per_currency.back() > 0 && !counts.empty()) {
    counts.emplace_back("(blank)", per_currency.back());
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

// Joins the entries of each order id that the builders made in separate pieces. First the
// pieces of a run that a chunk boundary cut; then, unless the ids of the whole input run one way
// (so that an id can only repeat on the next order), every other place of each order.
template <class Combine>
void join_line_items(std::vector<paged_list<pending_order>*>& orders,
                     const std::vector<const key_list*>& keys,
                     const std::vector<std::tuple<std::uint64_t, std::size_t, std::size_t, std::size_t>>& spans,
                     Combine combine) {
  // A builder's spans come in file order, so each builder's keys are read in turn.
  std::vector<key_list::reader> readers;
  for (const key_list* list : keys) readers.emplace_back(*list);
  int direction = 0;
  pending_order* previous = nullptr;
  order_index::key previous_key;
  bool one_way = true;
  for (const auto& [number, b, first, end] : spans) {
    for (std::size_t i = first; i < end; ++i) {
      pending_order& o = (*orders[b])[i];
      if (!o.keyed) continue;
      const order_index::key k = readers[b].next();
      if (previous != nullptr && k == previous_key && i == first &&
          o.refund_only == previous->refund_only) {
        combine(*previous, o);  // the rest of a run that the chunk boundary cut
        o.joined = true;
        continue;
      }
      if (previous != nullptr && one_way) {
        int order = compare_ids(previous_key, k);
        if (order == 0 || (direction != 0 && order != direction)) one_way = false;
        direction = order;
      }
      previous = &o;
      previous_key = k;
    }
  }
  if (one_way) return;
  // Otherwise index every id, in file order (so that the places of an order are joined in the
  // same order with any number of threads).
  order_index index;
  std::vector<pending_order*> first_entry;
  readers.clear();
  for (const key_list* list : keys) readers.emplace_back(*list);
  for (const auto& [number, b, first, end] : spans) {
    for (std::size_t i = first; i < end; ++i) {
      pending_order& o = (*orders[b])[i];
      if (!o.keyed) continue;
      const order_index::key k = readers[b].next();
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
                    const std::vector<input_span>& inputs, load_report& report) {
  order_builder& base = builders[0];
  for (std::size_t b = 1; b < builders.size(); ++b) {
    base.adopt(builders[b]);
    base.refunded_.merge(builders[b].refunded_);
  }
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
  // Calls visit(order, input) for each order of builder b, with the number of the input it was
  // read from (an order joined from several inputs is where its first place is).
  auto each_order = [&](std::size_t b, auto visit) {
    for (const order_builder::chunk_span& span : builders[b].chunks_) {
      const auto next = std::upper_bound(inputs.begin(), inputs.end(), span.number,
                                         [](std::uint64_t n, const input_span& in) { return n < in.first_chunk; });
      const std::size_t input = static_cast<std::size_t>(next - inputs.begin()) - 1;
      for (std::size_t i = span.first_order; i < span.end_order; ++i) visit(builders[b].orders_[i], input);
    }
  };

  // Orders whose rows are k copies of the same rows (the same file twice, overlapping exports)
  // count once; then what the amount column holds, where the layout and the flags leave it open.
  // What the amount column holds is decided per input, from its own orders.
  struct repeats {
    std::uint64_t orders = 0, copies = 0;
    std::vector<std::uint64_t> multi, agree;  // by input
  };
  std::vector<repeats> found(builders.size());
  in_parallel(builders.size(), [&](std::size_t b) {
    repeats& r = found[b];
    r.multi.resize(inputs.size());
    r.agree.resize(inputs.size());
    each_order(b, [&](pending_order& order, std::size_t input) {
      if (order.joined || !order.keyed || order.bad || order.conflict) return;
      const std::uint16_t k = order.copies;
      const cents_t refunded = base.refunded_of(order);
      if (k >= 2 && order.cents % k == 0 && refunded % k == 0 && order.amount_rows % k == 0) {
        order.cents /= k;
        if (refunded != 0) base.set_refunded(order, refunded / k);  // there already: no insert
        order.amount_rows /= k;
        ++r.orders;
        r.copies += k - 1;
      }
      if (order.amount_rows >= 2) {
        ++r.multi[input];
        if (!order.amounts_differ) ++r.agree[input];
      }
    });
  });
  repeats all;
  all.multi.resize(inputs.size());
  all.agree.resize(inputs.size());
  for (const repeats& r : found) {
    all.orders += r.orders;
    all.copies += r.copies;
    for (std::size_t in = 0; in < inputs.size(); ++in) {
      all.multi[in] += r.multi[in];
      all.agree[in] += r.agree[in];
    }
  }
  if (all.orders > 0) {
    report.warnings.push_back(fmt::format(
        "{} {} rows repeated the same number of times (the same file twice, or overlapping "
        "exports?): each counted once",
        plural(all.orders, "order"), all.orders == 1 ? "has all its" : "have all their"));
  }
  std::vector<amount_kind> amounts;  // by input
  for (std::size_t in = 0; in < inputs.size(); ++in) {
    amounts.push_back(decide_amount(*inputs[in].plan, all.multi[in], all.agree[in], report));
  }

  // The policy, per order, one thread per builder: what each leaves out, and how many orders it
  // keeps of each customer. The book numbers its customers in order of interned id; with
  // --group-by in order of group and id: a customer who ordered in two groups is one in each.
  const bool grouping = !base.options_.columns[static_cast<std::size_t>(role::group)].empty();
  const bool net = base.options_.net;
  const std::uint16_t blank_group = grouping ? base.group_id("") : pending_order::kNoGroup;
  auto pair_of = [&](const pending_order& o) {
    std::uint64_t group = o.group == pending_order::kNoGroup ? blank_group : o.group;
    return (group << 32) | o.customer;
  };
  struct tally {
    std::map<std::string, std::uint64_t> left_out;
    std::map<std::uint16_t, std::uint64_t> unknown_statuses;
    std::vector<std::uint64_t> per_currency;  // the last one: orders without a currency
    std::vector<std::uint32_t> per_customer;  // kept orders by interned id; then where they go
    std::vector<std::uint64_t> pairs;         // with --group-by: pair_of() each kept order
    std::uint64_t kept = 0;
    refund_tally refunds;
  };
  std::vector<tally> tallies(builders.size());
  in_parallel(builders.size(), [&](std::size_t b) {
    tally& t = tallies[b];
    t.per_currency.resize(base.currencies_.size() + 1);
    if (!grouping) {
      reserve_huge(t.per_customer, base.customers_.size());
      t.per_customer.resize(base.customers_.size());
    }
    each_order(b, [&](pending_order& order, std::size_t input) {
      if (order.joined) return;
      const amount_kind amount = amounts[input];
      std::string reason = base.leave_out_reason(order, amount);
      if (!reason.empty()) {
        ++t.left_out[reason];
        if (reason == kRefundedInFull) {
          t.refunds.add(order_amount(order, amount), base.refunded_of(order), order.refunded_status);
        } else if (order.refund_only) {
          t.refunds.add_unmatched(base.refunded_of(order));
        } else if (reason == kNegative) {
          t.refunds.add_unmatched(-order_amount(order, amount));
        }
        order.joined = true;  // from here on: not in the book
        return;
      }
      const cents_t total = order_amount(order, amount);
      const cents_t refunded = base.refunded_of(order);
      t.refunds.add(total, refunded, order.refunded_status);
      order.cents = net ? total - std::min<cents_t>(refunded, total) : total;
      if (!order.status_excluded && order.status != pending_order::kNoStatus) {
        ++t.unknown_statuses[order.status];
      }
      ++t.per_currency[order.currency == pending_order::kNoCurrency ? base.currencies_.size()
                                                                     : order.currency];
      if (grouping) {
        t.pairs.push_back(pair_of(order));
      } else {
        ++t.per_customer[order.customer];
      }
      ++t.kept;
    });
  });
  std::map<std::string, std::uint64_t> left_out;
  std::map<std::string, std::uint64_t> unknown_statuses;
  std::vector<std::uint64_t> per_currency(base.currencies_.size() + 1);
  std::uint64_t kept = 0;
  for (const tally& t : tallies) {
    for (const auto& [reason, count] : t.left_out) left_out[reason] += count;
    for (const auto& [status, count] : t.unknown_statuses) unknown_statuses[base.statuses_[status]] += count;
    for (std::size_t c = 0; c < per_currency.size(); ++c) per_currency[c] += t.per_currency[c];
    report.refunds.merge(t.refunds);
    kept += t.kept;
  }
  if (kept > std::numeric_limits<std::uint32_t>::max()) {
    throw error(fmt::format("the input has {} orders; retain counts up to 4,294,967,295", kept));
  }
  base.check_currencies(per_currency);
  report.unknown_statuses.assign(unknown_statuses.begin(), unknown_statuses.end());
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
      book.orders[at++] = {n, o.day, o.cents};  // cents: the amount decided above
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
