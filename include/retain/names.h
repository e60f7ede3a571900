// Names of enum values, written once: each enum that a flag sets declares a table of {name, value}
// next to it, in the order help lists them, and these functions read it for parsing (any case),
// printing a value, and the list of names that help and error messages show.
//
//   inline constexpr named<time_unit> kTimeUnitNames[] = {{"days", time_unit::days},
//                                                         {"weeks", time_unit::weeks}};
//   parse_name(kTimeUnitNames, "Weeks")  // time_unit::weeks
//   name_of(kTimeUnitNames, time_unit::days)  // "days"
//   names_list(kTimeUnitNames)  // "days or weeks"
//
// A table is a C array of named<T> or a std::vector of them (a subset, from pick_names).
#pragma once

#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace retain {

/// One name of an enum value.
template <typename T>
struct named {
  std::string_view name;
  T value;
};

/// The value type of a name table.
template <typename Table>
using named_value_t = std::decay_t<decltype(std::begin(std::declval<const Table&>())->value)>;

/// Whether `a` and `b` are the same ignoring ASCII case.
constexpr bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// The value named `text` in any case; nullopt for a name the table does not have.
template <typename Table>
std::optional<named_value_t<Table>> parse_name(const Table& table, std::string_view text) {
  for (const auto& entry : table) {
    if (same_name(entry.name, text)) return entry.value;
  }
  return std::nullopt;
}

/// The name of `value` as the table writes it; empty for a value without a name.
template <typename Table>
std::string_view name_of(const Table& table, named_value_t<Table> of) {
  for (const auto& entry : table) {
    if (entry.value == of) return entry.name;
  }
  return {};
}

/// The names for help and error messages, in the table's order: "day, week, month or all".
template <typename Table>
std::string names_list(const Table& table) {
  std::string list;
  const auto size = static_cast<std::size_t>(std::distance(std::begin(table), std::end(table)));
  std::size_t i = 0;
  for (const auto& entry : table) {
    if (i > 0) list += i + 1 == size ? " or " : ", ";
    list += entry.name;
    ++i;
  }
  return list;
}

/// The entries of `table` for `values` only, in the table's order (a flag that takes some).
template <typename Table>
std::vector<named<named_value_t<Table>>> pick_names(
    const Table& table, std::initializer_list<named_value_t<Table>> values) {
  std::vector<named<named_value_t<Table>>> picked;
  for (const auto& entry : table) {
    for (const auto& wanted : values) {
      if (entry.value == wanted) picked.push_back(entry);
    }
  }
  return picked;
}

}  // namespace retain
