// The assembly stage: joins the order entries that the builders made (order_entries.h) into the
// order book the analyses read, in steps, each a function of its own in assembly.cpp:
//   1. gather: one numbering of statuses, currencies and groups for all entries;
//   2. join line items: the entries of one order id wherever they stand. When the ids of the
//      whole input run one way (increasing or decreasing, as exports write them) an id can only
//      repeat on the next entry, and no table of ids is needed; otherwise every id is indexed;
//   3. repeats: an order whose rows all appear k >= 2 times counts once (with a warning); then
//      what the amount column of each input holds, where the layout and the flags leave it open
//      (decide_amount in order_rules.h);
//   4. policy: what is left out and why (loader.h), refunds, unknown statuses, currencies;
//   5. the book: customers numbered, each one's orders together and by day.
// The result does not depend on how the rows were split among builders.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "retain/interner.h"
#include "retain/order_entries.h"
#include "retain/orders.h"

namespace retain {

struct input_plan;
struct load_options;
struct load_report;

/// Where the chunks of one input begin (chunk numbers count on across inputs), and its plan.
struct input_span {
  std::uint64_t first_chunk;
  const input_plan* plan;
};

/// Builds the book from the builders' entries (`parts`, emptied) under `options`' policy,
/// counting what it leaves out into `report`; the book's customer table keeps `names`, the
/// interner the builders shared. Throws retain::error for mixed currencies without --currency
/// or more orders than the book can number.
order_book assemble(std::vector<order_entries> parts, std::shared_ptr<interner> names,
                    const std::vector<input_span>& inputs, const load_options& options,
                    load_report& report);

}  // namespace retain
