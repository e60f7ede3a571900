#include "retain/order_entries.h"

#include <fmt/format.h>

#include <algorithm>

#include "retain/error.h"

namespace retain {

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

std::uint16_t order_entries::status_id(std::string_view status) {
  return static_cast<std::uint16_t>(std::min<std::uint32_t>(statuses.add(status), 0xFFFE));
}

std::uint8_t order_entries::currency_id(std::string_view currency) {
  return static_cast<std::uint8_t>(std::min<std::uint32_t>(currencies.add(currency), 0xFE));
}

std::uint16_t order_entries::group_id(std::string_view group) {
  std::uint32_t id = groups.add(group);
  if (id >= pending_order::kNoGroup) {
    throw error(fmt::format("--group-by \"{}\" has more than {} different values",
                            group_column_,
                            pending_order::kNoGroup));
  }
  return static_cast<std::uint16_t>(id);
}

cents_t order_entries::refunded_of(const pending_order& order) const {
  if (!order.has_refunded) return 0;
  auto it = refunded_.find(&order);
  return it == refunded_.end() ? 0 : it->second;
}

void order_entries::set_refunded(pending_order& order, cents_t cents) {
  auto it = refunded_.find(&order);
  if (it == refunded_.end()) {
    refunded_.emplace(&order, cents);
  } else {
    it->second = cents;
  }
  order.has_refunded = true;
}

void order_entries::note_status(pending_order& order, std::uint16_t status, bool excluded) const {
  if (excluded && !order.status_excluded) {
    order.status = status;
    order.status_excluded = true;
  } else if (excluded == order.status_excluded) {
    const std::uint16_t current = order.status;
    if (current == pending_order::kNoStatus || statuses[status] < statuses[current]) order.status = status;
  }
}

void order_entries::combine(pending_order& into, const pending_order& from) {
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
      if (currencies[from.currency] < currencies[into.currency]) into.currency = from.currency;
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

void order_entries::adopt(order_entries& other) {
  std::vector<std::uint16_t> status(other.statuses.size());
  for (std::uint32_t i = 0; i < status.size(); ++i) status[i] = status_id(other.statuses[i]);
  std::vector<std::uint8_t> currency(other.currencies.size());
  for (std::uint32_t i = 0; i < currency.size(); ++i) currency[i] = currency_id(other.currencies[i]);
  std::vector<std::uint16_t> group(other.groups.size());
  for (std::uint32_t i = 0; i < group.size(); ++i) group[i] = group_id(other.groups[i]);
  for (pending_order& o : other.orders) {
    if (o.status != pending_order::kNoStatus) o.status = status[o.status];
    if (o.currency != pending_order::kNoCurrency) o.currency = currency[o.currency];
    if (o.group != pending_order::kNoGroup) o.group = group[o.group];
  }
  refunded_.merge(other.refunded_);
}

}  // namespace retain
