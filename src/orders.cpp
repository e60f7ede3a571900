#include "retain/orders.h"

#include <algorithm>

namespace retain {

void customer_table::push_back(std::string_view text) {
  ids_.push_back(names_->make_room(1).intern(text));
}

customer_table customer_table::subset(const std::vector<std::uint32_t>& numbers) const {
  std::vector<std::uint32_t> ids;
  ids.reserve(numbers.size());
  for (std::uint32_t n : numbers) ids.push_back(ids_[n]);
  return customer_table(names_, std::move(ids));
}

std::vector<group_book> split_by_group(order_book book) {
  if (book.customer_groups.empty()) {
    std::vector<group_book> whole(1);
    whole[0].book = std::move(book);
    return whole;
  }
  // Where each customer's orders begin; they are grouped by customer.
  std::vector<std::size_t> begin(book.customers.size() + 1, book.orders.size());
  for (std::size_t i = book.orders.size(); i-- > 0;) begin[book.orders[i].customer] = i;
  for (std::size_t c = book.customers.size(); c-- > 0;) begin[c] = std::min(begin[c], begin[c + 1]);

  std::vector<std::vector<std::uint32_t>> members(book.group_names.size());
  for (std::uint32_t c = 0; c < book.customers.size(); ++c) {
    members[book.customer_groups[c]].push_back(c);
  }
  std::vector<std::uint32_t> by_name;
  for (std::uint32_t g = 0; g < members.size(); ++g) {
    if (!members[g].empty()) by_name.push_back(g);
  }
  std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
    return book.group_names[a] < book.group_names[b];
  });
  std::vector<group_book> groups;
  for (std::uint32_t g : by_name) {
    group_book& part = groups.emplace_back();
    part.group = book.group_names[g];
    part.book.customers = book.customers.subset(members[g]);
    for (std::uint32_t n = 0; n < members[g].size(); ++n) {
      const std::uint32_t c = members[g][n];
      for (std::size_t i = begin[c]; i < begin[c + 1]; ++i) {
        part.book.orders.push_back({n, book.orders[i].day, book.orders[i].cents});
      }
    }
  }
  return groups;
}

}  // namespace retain
