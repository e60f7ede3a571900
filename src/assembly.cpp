#include "retain/assembly.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "retain/big_memory.h"
#include "retain/error.h"
#include "retain/format.h"
#include "retain/loader.h"
#include "retain/order_rules.h"
#include "retain/parallel.h"
#include "retain/sniff.h"

namespace retain {
namespace {

constexpr const char* kRefundedInFull = "refunded in full (--net)";
constexpr const char* kNegative = "with a negative amount (refunds or credits, not purchases)";

// Frees a vector's memory; `v = {}` would not: it assigns an empty list and keeps the capacity.
template <class T>
void release(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

// An order's amount: the order total taken once (its rows agree), or the sum of its rows.
cents_t order_amount(const pending_order& order, amount_kind amount) {
  const cents_t cents = order.cents;
  if (amount == amount_kind::order_total && order.amount_rows > 1) {
    return cents / static_cast<cents_t>(order.amount_rows);
  }
  return cents;
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

// The entries of all parts and where they came from, in reading order.
struct placed_entries {
  struct span {
    std::uint64_t chunk;  // chunk number: reading order
    std::size_t part;
    std::size_t first, end;  // entries [first, end) of the part
    std::size_t input;       // the input the chunk is from
  };
  std::vector<order_entries>& parts;
  std::vector<span> spans;  // sorted by chunk
  order_entries& base() { return parts[0]; }

  /// Calls visit(entry, input) for each entry of part `p`, with the input it was read from;
  /// stores the entry back when visit() returns true (it changed it). With `last_visit`, frees
  /// the entries' memory as it goes: they are not read again.
  template <class Visit>
  void each_entry(std::size_t p, Visit visit, bool last_visit = false) {
    entry_list& list = parts[p].orders;
    for (const span& s : spans) {
      if (s.part != p) continue;
      for (std::size_t i = s.first; i < s.end; ++i) {
        pending_order order = list.get(i);
        if (visit(order, s.input)) list.set(i, order);
      }
      if (last_visit) list.release_before(s.end);
    }
    if (last_visit) list = entry_list();
  }
};

// 1. One numbering of statuses, currencies and groups for all parts (the first part's), and the
// parts' chunks in reading order.
placed_entries gather(std::vector<order_entries>& parts, const std::vector<input_span>& inputs) {
  placed_entries placed{parts, {}};
  for (std::size_t p = 1; p < parts.size(); ++p) parts[0].adopt(parts[p]);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    for (const order_entries::chunk_span& c : parts[p].chunks) {
      const auto next = std::upper_bound(inputs.begin(), inputs.end(), c.number,
                                         [](std::uint64_t n, const input_span& in) { return n < in.first_chunk; });
      placed.spans.push_back({c.number, p, c.first, c.end, static_cast<std::size_t>(next - inputs.begin()) - 1});
    }
  }
  std::sort(placed.spans.begin(), placed.spans.end(),
            [](const placed_entries::span& a, const placed_entries::span& b) { return a.chunk < b.chunk; });
  return placed;
}

// 2. Joins the entries of each order id: first the pieces of a run that a chunk boundary cut;
// then, unless the ids of the whole input run one way (so that an id can only repeat on the
// next entry), every other place of each order, in file order (so that the places of an order
// are joined in the same order with any number of threads).
void join_line_items(placed_entries& placed) {
  const order_entries& base = placed.base();
  std::vector<key_list::reader> readers;
  for (const order_entries& part : placed.parts) readers.emplace_back(part.keys);
  int direction = 0;
  pending_order previous;  // the last keyed entry that is not a piece of another
  std::size_t previous_part = 0, previous_at = 0;
  bool any = false;
  order_index::key previous_key;
  bool one_way = true;
  for (const placed_entries::span& s : placed.spans) {
    entry_list& list = placed.parts[s.part].orders;
    for (std::size_t i = s.first; i < s.end; ++i) {
      pending_order o = list.get(i);
      if (!o.keyed) continue;
      const order_index::key k = readers[s.part].next();
      if (any && k == previous_key && i == s.first && o.refund_only == previous.refund_only) {
        base.combine(previous, o);  // the rest of a run that the chunk boundary cut
        placed.parts[previous_part].orders.set(previous_at, previous);
        o.joined = true;
        list.set(i, o);
        continue;
      }
      if (any && one_way) {
        int order = compare_ids(previous_key, k);
        if (order == 0 || (direction != 0 && order != direction)) one_way = false;
        direction = order;
      }
      previous = o;
      previous_part = s.part;
      previous_at = i;
      previous_key = k;
      any = true;
    }
  }
  if (!one_way) {
    // Where the first entry of each order stands: its part in the top 16 bits, its index below.
    constexpr unsigned kPartShift = 48;
    order_index index;
    std::vector<std::uint64_t> first_entry;
    readers.clear();
    for (const order_entries& part : placed.parts) readers.emplace_back(part.keys);
    for (const placed_entries::span& s : placed.spans) {
      entry_list& list = placed.parts[s.part].orders;
      for (std::size_t i = s.first; i < s.end; ++i) {
        pending_order o = list.get(i);
        if (!o.keyed) continue;
        const order_index::key k = readers[s.part].next();
        if (o.joined) continue;
        auto at = index.find_or_add(k, static_cast<std::uint32_t>(first_entry.size()));
        if (at == first_entry.size()) {
          first_entry.push_back((std::uint64_t{s.part} << kPartShift) | i);
        } else {
          entry_list& first_list = placed.parts[first_entry[at] >> kPartShift].orders;
          const std::size_t first_at = first_entry[at] & ((std::uint64_t{1} << kPartShift) - 1);
          pending_order first = first_list.get(first_at);
          base.combine(first, o);
          first_list.set(first_at, first);
          o.joined = true;
          list.set(i, o);
        }
      }
    }
  }
  for (order_entries& part : placed.parts) part.keys = key_list();
}

// 3. Orders whose rows are k copies of the same rows (the same file twice, overlapping exports)
// count once; then what the amount column of each input holds, decided from its own orders
// where the layout and the flags leave it open. Returns it by input.
std::vector<amount_kind> collapse_repeats(placed_entries& placed, const std::vector<input_span>& inputs,
                                          load_report& report) {
  struct repeats {
    std::uint64_t orders = 0, copies = 0;
    std::vector<std::uint64_t> multi, agree;  // by input
  };
  std::vector<repeats> found(placed.parts.size());
  in_parallel(placed.parts.size(), [&](std::size_t p) {
    repeats& r = found[p];
    r.multi.resize(inputs.size());
    r.agree.resize(inputs.size());
    placed.each_entry(p, [&](pending_order& order, std::size_t input) {
      if (order.joined || !order.keyed || order.bad || order.conflict) return false;
      const std::uint16_t k = order.copies;
      bool collapsed = false;
      if (k >= 2 && order.cents % k == 0 && order.refunded % k == 0 && order.amount_rows % k == 0) {
        order.cents /= k;
        order.refunded /= k;
        order.amount_rows /= k;
        ++r.orders;
        r.copies += k - 1;
        collapsed = true;
      }
      if (order.amount_rows >= 2) {
        ++r.multi[input];
        if (!order.amounts_differ) ++r.agree[input];
      }
      return collapsed;
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
  std::vector<amount_kind> amounts;
  for (std::size_t in = 0; in < inputs.size(); ++in) {
    amounts.push_back(decide_amount(*inputs[in].plan, all.multi[in], all.agree[in], report));
  }
  return amounts;
}

// Why an order is left out ("" when it counts); each order gets the first reason that applies.
// `amount` is what the amount column holds.
std::string leave_out_reason(const pending_order& order, amount_kind amount,
                             const order_entries& base, const load_options& options) {
  if (order.totals_row) return "(a spreadsheet's totals row)";
  if (order.bad) return "with a row that could not be read";
  if (order.conflict) return "whose rows name different customers";
  if (order.groups_differ) {
    return fmt::format("whose rows have different --group-by \"{}\" values",
                       options.columns[static_cast<std::size_t>(role::group)]);
  }
  if (order.currencies_differ) return "whose rows name different currencies";
  if (order.status_excluded) return fmt::format("with status \"{}\"", base.statuses[order.status]);
  if (!order.included) return "whose status is not in --include-status";
  if (order.not_a_payment) return "whose type is not a payment received (a transfer, a deposit, a fee, ...)";
  if (order.refund_only && order.refund_link) return "(refunds of orders not in the input)";
  if (order.refund_only) return kNegative;
  if (!options.currency.empty()) {
    const std::string_view code =
        order.currency == pending_order::kNoCurrency ? "" : std::string_view(base.currencies[order.currency]);
    if (code != options.currency) {
      return code.empty() ? "without a currency (--currency counts only its own)"
                          : fmt::format("in a currency other than {}", options.currency);
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
  if (options.net && (order.refunded_status || total - order.refunded <= 0) && total > 0) {
    return kRefundedInFull;
  }
  return {};
}

// Without --currency the counted orders must be in one currency. per_currency: orders by
// currency, the last one those without: a blank currency is a value of its own where an input
// has a currency column.
void check_currencies(const std::vector<std::uint64_t>& per_currency, const order_entries& base,
                      const std::vector<input_span>& inputs, const load_options& options) {
  if (!options.currency.empty()) return;
  std::vector<std::pair<std::string, std::uint64_t>> counts;
  for (std::uint32_t c = 0; c + 1 < per_currency.size(); ++c) {
    if (per_currency[c] > 0) counts.emplace_back(base.currencies[c], per_currency[c]);
  }
  const bool currency_column = std::any_of(inputs.begin(), inputs.end(), [](const input_span& in) {
    return in.plan->columns.has(role::currency);
  });
  if (currency_column && per_currency.back() > 0 && !counts.empty()) {
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

// What the book needs of an order the policy counts: 18 bytes instead of an entry's 20, so that
// the entries' memory is given back before the book takes its own.
struct __attribute__((packed, aligned(2))) kept_order {
  std::uint32_t customer;  // interned id
  std::uint16_t group;     // kNoGroup without a --group-by value
  day_t day;
  cents_t cents;  // as the policy decided: the order total taken once, --net applied
};

// What the policy kept of one part.
struct kept_orders {
  paged_list<kept_order> orders;
  std::vector<std::uint32_t> per_customer;  // kept orders by interned id; then where they go
  std::vector<std::uint64_t> pairs;         // with --group-by: (group << 32) | customer, each kept order
};

// The book's customer of an order: its customer, or with --group-by its group and customer (a
// customer who ordered in two groups is one in each).
struct customer_key {
  bool grouping;
  std::uint16_t blank_group;  // the group of orders without a --group-by value
  std::uint64_t operator()(const kept_order& o) const {
    std::uint64_t group = o.group == pending_order::kNoGroup ? blank_group : o.group;
    return (group << 32) | o.customer;
  }
};

// 4. The policy, per order, one thread per part: marks what it leaves out and counts why,
// applies --net, tallies refunds, unknown statuses and currencies into `report`, and keeps what
// the book needs of each order it counts (the entries are freed as they are read).
std::vector<kept_orders> apply_policy(placed_entries& placed, const std::vector<amount_kind>& amounts,
                                      const std::vector<input_span>& inputs, const load_options& options,
                                      const customer_key& key, std::size_t customers, load_report& report) {
  struct tally {
    std::map<std::string, std::uint64_t> left_out;
    std::map<std::uint16_t, std::uint64_t> unknown_statuses;
    std::vector<std::uint64_t> per_currency;  // the last one: orders without a currency
    refund_tally refunds;
  };
  order_entries& base = placed.base();
  std::vector<tally> tallies(placed.parts.size());
  std::vector<kept_orders> kept(placed.parts.size());
  in_parallel(placed.parts.size(), [&](std::size_t p) {
    tally& t = tallies[p];
    kept_orders& k = kept[p];
    t.per_currency.resize(base.currencies.size() + 1);
    if (!key.grouping) {
      reserve_huge(k.per_customer, customers);
      k.per_customer.resize(customers);
    }
    placed.each_entry(
        p,
        [&](const pending_order& order, std::size_t input) {
          if (order.joined) return false;
          const amount_kind amount = amounts[input];
          std::string reason = leave_out_reason(order, amount, base, options);
          if (!reason.empty()) {
            ++t.left_out[reason];
            if (reason == kRefundedInFull) {
              t.refunds.add(order_amount(order, amount), order.refunded, order.refunded_status);
            } else if (order.refund_only) {
              t.refunds.add_unmatched(order.refunded);
            } else if (reason == kNegative) {
              t.refunds.add_unmatched(-order_amount(order, amount));
            }
            return false;
          }
          const cents_t total = order_amount(order, amount);
          const cents_t refunded = order.refunded;
          t.refunds.add(total, refunded, order.refunded_status);
          kept_order& counted = k.orders.emplace_back();
          counted = {order.customer, order.group, order.day,
                     options.net ? total - std::min<cents_t>(refunded, total) : total};
          if (!order.status_excluded && order.status != pending_order::kNoStatus) {
            ++t.unknown_statuses[order.status];
          }
          ++t.per_currency[order.currency == pending_order::kNoCurrency ? base.currencies.size()
                                                                        : order.currency];
          if (key.grouping) {
            k.pairs.push_back(key(counted));
          } else {
            ++k.per_customer[order.customer];
          }
          return false;
        },
        true);
  });
  std::map<std::string, std::uint64_t> left_out;
  std::map<std::string, std::uint64_t> unknown_statuses;
  std::vector<std::uint64_t> per_currency(base.currencies.size() + 1);
  for (const tally& t : tallies) {
    for (const auto& [reason, count] : t.left_out) left_out[reason] += count;
    for (const auto& [status, count] : t.unknown_statuses) unknown_statuses[base.statuses[status]] += count;
    for (std::size_t c = 0; c < per_currency.size(); ++c) per_currency[c] += t.per_currency[c];
    report.refunds.merge(t.refunds);
  }
  check_currencies(per_currency, base, inputs, options);
  report.unknown_statuses.assign(unknown_statuses.begin(), unknown_statuses.end());
  report.left_out.assign(left_out.begin(), left_out.end());
  return kept;
}

// 5. The book: its customers, numbered in order of interned id (with --group-by in order of
// group and id), each one's orders together (a counting sort by customer) and by day.
order_book build_book(const placed_entries& placed, std::vector<kept_orders>& kept,
                      std::shared_ptr<interner> names, const customer_key& key, load_report& report) {
  std::uint64_t count = 0;
  for (const kept_orders& k : kept) count += k.orders.size();
  if (count > std::numeric_limits<std::uint32_t>::max()) {
    throw error(fmt::format("the input has {} orders; retain counts up to 4,294,967,295", count));
  }
  const order_entries& base = placed.parts[0];
  const std::size_t interned = names->size();
  order_book book;
  std::vector<std::uint32_t> ids;          // interned id, by book number
  std::vector<std::uint32_t> start = {0};  // by book number, and one past the last
  std::vector<std::uint32_t> number;       // book number by interned id (not with --group-by)
  std::vector<std::uint64_t> pairs;        // with --group-by: one per book customer, sorted
  if (key.grouping) {
    for (kept_orders& k : kept) {
      pairs.insert(pairs.end(), k.pairs.begin(), k.pairs.end());
      release(k.pairs);
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
    for (std::uint32_t g = 0; g < base.groups.size(); ++g) book.group_names.push_back(base.groups[g]);
  } else {
    reserve_huge(number, interned);
    number.assign(interned, pending_order::kNoCustomer);
    reserve_huge(ids, interned);
    reserve_huge(start, interned + 1);
    for (std::uint32_t c = 0; c < interned; ++c) {
      std::uint32_t at = start.back();
      for (kept_orders& k : kept) at += std::exchange(k.per_customer[c], at);  // part by part
      if (at == start.back()) continue;
      number[c] = static_cast<std::uint32_t>(ids.size());
      ids.push_back(c);
      start.push_back(at);
    }
  }
  book.customers = customer_table(names, std::move(ids));

  // Each order to its place; parts at once unless --group-by, whose customers share cursors.
  std::vector<std::uint32_t> next;  // with --group-by: where the next order of a customer goes
  if (key.grouping) next.assign(start.begin(), start.end() - 1);
  reserve_huge(book.orders, count);
  book.orders.resize(count);
  const std::size_t parts = placed.parts.size();
  auto scatter = [&](std::size_t p) {
    paged_list<kept_order>& from = kept[p].orders;
    for (std::size_t i = 0; i < from.size(); ++i) {
      const kept_order& o = from[i];
      if ((i & 0xFFFF) == 0) from.release_before(i);
      const std::uint32_t n =
          key.grouping ? static_cast<std::uint32_t>(
                             std::lower_bound(pairs.begin(), pairs.end(), key(o)) - pairs.begin())
                       : number[o.customer];
      std::uint32_t& at = key.grouping ? next[n] : kept[p].per_customer[o.customer];
      book.orders[at++] = {n, o.day, o.cents};
    }
    from = paged_list<kept_order>();
  };
  if (key.grouping) {
    for (std::size_t p = 0; p < parts; ++p) scatter(p);
  } else {
    in_parallel(parts, scatter);
  }

  // Then each customer's orders by day, in as many parts as there are parts.
  const std::size_t customers = start.size() - 1;
  in_parallel(parts, [&](std::size_t part) {
    const std::size_t first = customers * part / parts;
    const std::size_t end = customers * (part + 1) / parts;
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
  if (key.grouping) {  // customers, not customer-group pairs
    std::vector<bool> seen(interned);
    report.customers = 0;
    for (std::uint64_t pair : pairs) {
      auto id = static_cast<std::uint32_t>(pair);
      if (!seen[id]) ++report.customers;
      seen[id] = true;
    }
  }
  return book;
}

}  // namespace

order_book assemble(std::vector<order_entries> parts, std::shared_ptr<interner> names,
                    const std::vector<input_span>& inputs, const load_options& options,
                    load_report& report) {
  names->finish();  // no more customers: the lookup table's memory goes before the book's comes
  placed_entries placed = gather(parts, inputs);
  join_line_items(placed);
  const std::vector<amount_kind> amounts = collapse_repeats(placed, inputs, report);
  const bool grouping = !options.columns[static_cast<std::size_t>(role::group)].empty();
  const customer_key key{grouping, grouping ? placed.base().group_id("") : pending_order::kNoGroup};
  std::vector<kept_orders> kept =
      apply_policy(placed, amounts, inputs, options, key, names->size(), report);
  return build_book(placed, kept, std::move(names), key, report);
}

}  // namespace retain
