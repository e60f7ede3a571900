#include "retain/order_builder.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "retain/order_rules.h"

namespace retain {

order_builder::order_builder(bool strict, std::string group_column, interner& customers,
                             std::size_t writer)
    : policy_(strict),
      group_column_(group_column),
      customers_(customers),
      writer_(writer),
      entries_(std::move(group_column)) {}

void order_builder::begin_input(std::uint32_t input) { policy_.set_input(input); }

void order_builder::begin_chunk(std::uint64_t number, std::uint64_t records) {
  end_chunks();
  lease_.emplace(customers_.make_room(records, writer_));
  auto& chunks = entries_.chunks;
  if (!chunks.empty()) chunks.back().end = entries_.orders.size();
  chunks.push_back({number, entries_.orders.size(), entries_.orders.size()});
  adjacent_ = false;
}

void order_builder::end_chunks() {
  close_entry();
  adjacent_ = false;
  lease_.reset();
}

order_entries order_builder::take_entries() {
  end_chunks();
  if (!entries_.chunks.empty()) entries_.chunks.back().end = entries_.orders.size();
  return std::exchange(entries_, order_entries(group_column_));
}

void order_builder::prefetch(const decoded_row& row) const {
  if (!row.customer.empty()) lease_->prefetch_slot(row.customer_hash);
}

void order_builder::add_row(const decoded_row& row, std::uint64_t record_hash,
                            const row_place& place) {
  if (row.problem != nullptr) {
    // A bad row is skipped; the order it belongs to, if it names one, is left out whole.
    policy_.bad_row(place.path(), place.line(), row.problem, row.reason);
    if (row.line_item) {
      order_for(row.order_id, false).bad = true;
    } else {
      close_entry();
      adjacent_ = false;
    }
    return;
  }
  if (row.totals_row) {
    order_for(row.order_id, false).totals_row = true;
    return;
  }
  pending_order& order = order_for(row.order_id, row.refund);
  if (order.keyed) open_hashes_.push_back(record_hash);
  pending_order entry;
  entry.customer = customer_id(row);
  if (row.has_day) entry.day = row.day;
  entry.cents = row.cents;
  entry.has_amount = row.has_amount;
  entry.amount_rows = row.has_amount ? 1 : 0;
  entry.refund_only = row.refund;
  entry.refund_link = row.refund_link;
  const status_meaning_of_row& status = row.status;
  if (status.excluded || status.unknown) {
    entries_.note_status(entry, entries_.status_id(status.text), status.excluded);
  }
  entry.included = status.included;
  entry.refunded_status = status.refunded;
  entry.not_a_payment = !row.refund && !row.payment;
  if (!row.group.empty()) entry.group = entries_.group_id(row.group);
  if (!row.currency.empty()) entry.currency = entries_.currency_id(row.currency);
  add_to_entry(order, entry, row.refunded, row.refund);
}

pending_order& order_builder::order_for(std::string_view order_id, bool refund) {
  if (order_id.empty()) {
    close_entry();
    adjacent_ = false;
    open_ = true;
    return open_entry_ = pending_order();
  }
  order_index::key key = order_index::make_key(order_id);
  if (adjacent_ && refund == open_refund_ && entries_.keys.back() == key) return open_entry_;
  close_entry();
  entries_.keys.push_back(key);
  adjacent_ = true;
  open_refund_ = refund;
  open_ = true;
  open_entry_ = pending_order();
  open_entry_.keyed = true;
  return open_entry_;
}

// Stores the open entry. The rows of a keyed entry: when they are k >= 2 copies of the same
// rows (a file sorted after being joined to itself), the entry is k copies of one.
void order_builder::close_entry() {
  if (!open_) return;
  open_ = false;
  if (open_hashes_.empty()) {
    entries_.orders.push_back(open_entry_);
    return;
  }
  pending_order& entry = open_entry_;
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
  entry.fingerprint = fingerprint & pending_order::kFingerprintBits;
  h.clear();
  entries_.orders.push_back(entry);
}

// The customer's number; a missing id falls back on a guest's e-mail address.
std::uint32_t order_builder::customer_id(const decoded_row& row) {
  if (!is_missing_customer(row.customer)) return lease_->intern_hashed(row.customer, row.customer_hash);
  if (is_missing_customer(row.email)) return pending_order::kNoCustomer;
  guest_.assign(row.email);  // e-mail addresses compare ignoring case
  for (char& c : guest_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lease_->intern(guest_);
}

// Adds a row to the entry of its run: the refunded-amount column is the order's (on one row or
// repeated on each: the largest counts), refunds that refer to the order add up.
// (close_entry() sets its copies and fingerprint once all its rows are in.)
void order_builder::add_to_entry(pending_order& entry, const pending_order& row, cents_t refunded,
                                 bool refund) {
  const cents_t before = entry.refunded;
  pending_order plain = row;
  plain.copies = entry.copies;
  plain.fingerprint = entry.fingerprint;
  const std::uint16_t copies = entry.copies;
  entries_.combine(entry, plain);
  entry.copies = copies;
  const cents_t now = refund ? before + refunded : std::max(before, refunded);
  entry.refunded = now;
  entry.refund_only = refund;  // refunds never share an entry with the order's own rows
}

}  // namespace retain
