#include "retain/order_entries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <tuple>

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

namespace {

// The flags an entry keeps in place; the others are rare.
enum : std::uint8_t {
  kHasAmount = 1,
  kIncluded = 2,
  kKeyed = 4,
  kJoined = 8,
  kRefundedStatus = 16,
  kStatusExcluded = 32,
  kRare = 64,  // some field is in the sparse columns
};

constexpr std::int32_t kWide = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t kNoDay24 = 0x7FFFFF;
constexpr std::int32_t kWide24 = -0x800000;
constexpr std::uint8_t kStatusOutside = 0xFE;

// Entries keep their fingerprint and day as their low bytes.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "entries are packed for a little-endian machine");

}  // namespace

bool pending_order::operator==(const pending_order& o) const {
  return std::tie(customer, day, cents, refunded, fingerprint, copies, amount_rows, status,
                  currency, group, has_amount, included, conflict, bad, keyed, overflow, joined,
                  groups_differ, amounts_differ, refunded_status, refund_only, currencies_differ,
                  totals_row, not_a_payment, refund_link, status_excluded) ==
         std::tie(o.customer, o.day, o.cents, o.refunded, o.fingerprint, o.copies, o.amount_rows,
                  o.status, o.currency, o.group, o.has_amount, o.included, o.conflict, o.bad,
                  o.keyed, o.overflow, o.joined, o.groups_differ, o.amounts_differ,
                  o.refunded_status, o.refund_only, o.currencies_differ, o.totals_row,
                  o.not_a_payment, o.refund_link, o.status_excluded);
}

// The rare flags, a bit each; get() reads them back in the same order.
std::uint16_t entry_list::rare_flags(const pending_order& o) {
  return static_cast<std::uint16_t>(o.conflict | o.bad << 1 | o.overflow << 2 |
                                    o.groups_differ << 3 | o.amounts_differ << 4 |
                                    o.refund_only << 5 | o.currencies_differ << 6 |
                                    o.totals_row << 7 | o.not_a_payment << 8 | o.refund_link << 9);
}

// The common fields in place; says whether any other field differs from its default.
bool entry_list::pack(const pending_order& order, packed& to) {
  const bool narrow_cents =
      order.cents > kWide && order.cents <= std::numeric_limits<std::int32_t>::max();
  const std::int32_t day = order.day == pending_order::kNoDay            ? kNoDay24
                           : order.day > kWide24 && order.day < kNoDay24 ? order.day
                                                                         : kWide24;
  const bool status_inside =
      order.status < kStatusOutside || order.status == pending_order::kNoStatus;
  const bool rare = !narrow_cents || day == kWide24 || !status_inside || order.refunded != 0 ||
                    order.copies != 1 || order.amount_rows != (order.has_amount ? 1 : 0) ||
                    order.group != pending_order::kNoGroup || rare_flags(order) != 0;
  to.customer = order.customer;
  to.cents = narrow_cents ? static_cast<std::int32_t>(order.cents) : kWide;
  std::memcpy(to.fingerprint, &order.fingerprint, sizeof to.fingerprint);
  std::memcpy(to.day, &day, sizeof to.day);
  to.currency = order.currency;
  to.status = status_inside ? static_cast<std::uint8_t>(order.status) : kStatusOutside;
  to.flags = static_cast<std::uint8_t>(
      (order.has_amount ? kHasAmount : 0) | (order.included ? kIncluded : 0) |
      (order.keyed ? kKeyed : 0) | (order.joined ? kJoined : 0) |
      (order.refunded_status ? kRefundedStatus : 0) |
      (order.status_excluded ? kStatusExcluded : 0) | (rare ? kRare : 0));
  return rare;
}

void entry_list::store(std::size_t i, const pending_order& order) {
  packed& to = packed_[i];
  // The columns may hold an older entry's values: they are read only for rare entries.
  if (!pack(order, to)) return;
  wide_cents_.set(i, to.cents == kWide ? order.cents : 0);
  wide_days_.set(i, order.day);
  refunded_.set(i, order.refunded);
  copies_.set(i, static_cast<std::uint16_t>(order.copies - 1));
  amount_rows_.set(i, static_cast<std::uint16_t>(order.amount_rows - (order.has_amount ? 1 : 0)));
  statuses_.set(i, order.status ^ pending_order::kNoStatus);
  groups_.set(i, order.group ^ pending_order::kNoGroup);
  rare_flags_.set(i, rare_flags(order));
}

void entry_list::push_back(const pending_order& order) {
  packed_.emplace_back();
  store(packed_.size() - 1, order);
}

void entry_list::set(std::size_t i, const pending_order& order) { store(i, order); }

pending_order entry_list::get(std::size_t i) const {
  const packed& from = packed_[i];
  pending_order order;
  order.customer = from.customer;
  order.cents = from.cents;
  std::memcpy(&order.fingerprint, from.fingerprint, sizeof from.fingerprint);
  std::uint32_t day_bits = 0;
  std::memcpy(&day_bits, from.day, sizeof from.day);
  const std::int32_t day = static_cast<std::int32_t>(day_bits << 8) >> 8;  // sign-extended
  order.day = day == kNoDay24 ? pending_order::kNoDay : day;
  order.currency = from.currency;
  order.status = from.status == 0xFF ? pending_order::kNoStatus : from.status;
  order.has_amount = (from.flags & kHasAmount) != 0;
  order.amount_rows = order.has_amount ? 1 : 0;
  order.included = (from.flags & kIncluded) != 0;
  order.keyed = (from.flags & kKeyed) != 0;
  order.joined = (from.flags & kJoined) != 0;
  order.refunded_status = (from.flags & kRefundedStatus) != 0;
  order.status_excluded = (from.flags & kStatusExcluded) != 0;
  if ((from.flags & kRare) == 0) return order;
  if (from.cents == kWide) order.cents = wide_cents_.get(i);
  if (day == kWide24) order.day = wide_days_.get(i);
  if (from.status == kStatusOutside) order.status = statuses_.get(i) ^ pending_order::kNoStatus;
  order.refunded = refunded_.get(i);
  order.copies = static_cast<std::uint16_t>(copies_.get(i) + 1);
  order.amount_rows = static_cast<std::uint16_t>(amount_rows_.get(i) + order.amount_rows);
  order.group = groups_.get(i) ^ pending_order::kNoGroup;
  const unsigned flags = rare_flags_.get(i);
  order.conflict = flags & 1;
  order.bad = (flags >> 1) & 1;
  order.overflow = (flags >> 2) & 1;
  order.groups_differ = (flags >> 3) & 1;
  order.amounts_differ = (flags >> 4) & 1;
  order.refund_only = (flags >> 5) & 1;
  order.currencies_differ = (flags >> 6) & 1;
  order.totals_row = (flags >> 7) & 1;
  order.not_a_payment = (flags >> 8) & 1;
  order.refund_link = (flags >> 9) & 1;
  return order;
}

void entry_list::release_before(std::size_t i) {
  packed_.release_before(i);
  wide_cents_.release_before(i);
  wide_days_.release_before(i);
  refunded_.release_before(i);
  copies_.release_before(i);
  amount_rows_.release_before(i);
  statuses_.release_before(i);
  groups_.release_before(i);
  rare_flags_.release_before(i);
}

void entry_list::renumber(const std::vector<std::uint16_t>& status,
                          const std::vector<std::uint8_t>& currency,
                          const std::vector<std::uint16_t>& group) {
  auto same = [](const auto& numbers) {
    for (std::size_t n = 0; n < numbers.size(); ++n) {
      if (numbers[n] != n) return false;
    }
    return true;
  };
  if (same(status) && same(currency) && same(group)) return;  // the usual case: no pass
  for (std::size_t i = 0; i < size(); ++i) {
    pending_order o = get(i);
    if (o.status != pending_order::kNoStatus) o.status = status[o.status];
    if (o.currency != pending_order::kNoCurrency) o.currency = currency[o.currency];
    if (o.group != pending_order::kNoGroup) o.group = group[o.group];
    set(i, o);
  }
}

std::size_t entry_list::rare_bytes() const {
  return wide_cents_.bytes() + wide_days_.bytes() + refunded_.bytes() + copies_.bytes() +
         amount_rows_.bytes() + statuses_.bytes() + groups_.bytes() + rare_flags_.bytes();
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

void order_entries::combine(pending_order& into, const pending_order& from) const {
  if (from.customer != pending_order::kNoCustomer) {
    if (into.customer == pending_order::kNoCustomer) {
      into.customer = from.customer;
    } else if (into.customer != from.customer) {
      into.conflict = true;
    }
  }
  into.conflict = into.conflict || from.conflict;
  if (from.day < into.day) into.day = from.day;
  if (into.has_amount && from.has_amount &&
      static_cast<wide_t>(into.cents) * from.amount_rows !=
          static_cast<wide_t>(from.cents) * into.amount_rows) {
    into.amounts_differ = true;
  }
  cents_t sum = 0;  // into's sums stay as they were when one overflows
  if (from.has_amount) {
    if (checked_add(into.cents, from.cents, sum)) {
      into.cents = sum;
    } else {
      into.overflow = true;
    }
    into.has_amount = true;
  }
  if (from.refunded != 0) {
    if (checked_add(into.refunded, from.refunded, sum)) {
      into.refunded = sum;
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
    into.fingerprint =
        (into_rows * into.copies + from_rows * from.copies) & pending_order::kFingerprintBits;
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
  other.orders.renumber(status, currency, group);
}

}  // namespace retain
