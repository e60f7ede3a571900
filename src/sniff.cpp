#include "retain/sniff.h"

#include <fmt/format.h>

#include "retain/date_layouts.h"
#include "retain/error.h"
#include "retain/loader.h"
#include "retain/money_text.h"

namespace retain {
namespace {

// The sample's values of the column that `r` reads, blanks left out.
std::vector<std::string_view> values_of(const std::vector<std::vector<std::string>>& sample,
                                        const column_map& map, role r) {
  std::vector<std::string_view> values;
  if (!map.has(r)) return values;
  const auto column = static_cast<std::size_t>(map.index[static_cast<std::size_t>(r)]);
  for (const std::vector<std::string>& record : sample) {
    if (column < record.size() && !record[column].empty()) values.push_back(record[column]);
  }
  return values;
}

// Customer values that are people's names ("Ann Lee", "A. Martin": WooCommerce Analytics'
// "Customer", PrestaShop's "Client"), not ids or e-mails: most have a space and no '@'.
bool names_people(const std::vector<std::string_view>& values) {
  std::size_t names = 0;
  for (std::string_view v : values) {
    names += v.find(' ') != std::string_view::npos && v.find('@') == std::string_view::npos;
  }
  return !values.empty() && names * 2 > values.size();
}

}  // namespace

input_plan plan_input(std::vector<std::string> header,
                      const std::vector<std::vector<std::string>>& sample,
                      const load_options& options, const std::string& path) {
  input_plan plan;
  plan.path = path;
  plan.columns = map_columns(std::move(header), options.columns, path, options.amount_per);
  const column_map& map = plan.columns;
  if (!map.platform.empty()) plan.choices.push_back(fmt::format("recognised the {}", map.platform));
  if (names_people(values_of(sample, map, role::customer))) {
    plan.warnings.push_back(fmt::format(
        "customers are told apart by the name in \"{}\" (no id or e-mail): two customers of one "
        "name count as one",
        map.name(role::customer)));
  }
  if (!map.caveat.empty()) plan.warnings.push_back(map.caveat);

  if (options.date_format.empty()) {
    const date_layout_choice dates = choose_date_layout(values_of(sample, map, role::date));
    if (!dates.problem.empty()) {
      throw error(fmt::format("{}: column \"{}\": {}", path, map.name(role::date), dates.problem));
    }
    plan.date_format = dates.format;
    if (!dates.format.empty()) {
      plan.choices.push_back(fmt::format("dates read as {}", dates.description));
    }
  } else {
    plan.date_format = options.date_format;
  }

  if (options.decimal_mark == 0) {
    std::vector<std::string_view> amounts;
    for (role r : {role::amount, role::amount_2, role::amount_3, role::amount_4, role::price,
                   role::refunded}) {
      std::vector<std::string_view> more = values_of(sample, map, r);
      amounts.insert(amounts.end(), more.begin(), more.end());
    }
    const decimal_mark_choice mark = choose_decimal_mark(amounts);
    if (!mark.problem.empty()) throw error(fmt::format("{}: {}", path, mark.problem));
    plan.decimal_mark = mark.mark;
    if (mark.mark == ',') {
      plan.choices.push_back(fmt::format("amounts have a decimal comma ({})", mark.evidence));
    }
  } else {
    plan.decimal_mark = options.decimal_mark;
  }
  return plan;
}

}  // namespace retain
