#include "retain/columns.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "retain/error.h"
#include "retain/platforms.h"

namespace retain {
namespace {

// Header names are compared lowercased with everything but letters and digits dropped, so that
// "Created at", "created_at" and "CREATED-AT" are one name.
std::string normalize(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::size_t slot(role r) { return static_cast<std::size_t>(r); }

std::string lower(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Known names by role, best first (normalized). Sources: generic exports and database dumps,
// Shopify orders export, UCI Online Retail, Stripe payments, WooCommerce orders.
const std::vector<std::vector<std::string_view>>& known_names() {
  static const std::vector<std::vector<std::string_view>> kNames = {
      /* customer */ {"customerid", "customeremail", "email", "billingemail", "buyeremail",
                      "purchaseemail", "fromemailaddress", "customer", "clientid", "userid",
                      "client", "buyer"},
      /* date */ {"orderdate", "invoicedate", "createdat", "createdutc", "created", "date",
                  "orderdatetime", "purchasedate", "saledate", "timestamp"},
      /* amount */ {"total", "ordertotal", "grandtotal", "amount", "revenue", "netsales",
                    "totalprice", "sales", "gross", "saleprice", "linetotal"},
      /* order */ {"orderid", "ordernumber", "order", "invoiceno", "invoice", "invoiceid",
                   "transactionid", "purchaseid"},
      /* status */ {"orderstatus", "status", "financialstatus", "paymentstatus"},
      /* quantity */ {"quantity", "qty"},
      /* price */ {"unitprice", "price"},
      /* currency */ {"currency", "currencycode"},
      /* cancelled_at */ {"cancelledat", "canceledat"},
      /* group */ {},
      /* email */ {"email", "customeremail", "billingemail", "buyeremail", "fromemailaddress"},
      /* refunded */ {"amountrefunded", "refundedamount", "totalrefunded", "refundamount",
                      "orderrefundamount"},
      /* refund_of */ {"referencetxnid"},
      /* amount_2..4 */ {}, {}, {},
      /* kind */ {},
  };
  return kNames;
}

std::string list_header(const std::vector<std::string>& header) {
  constexpr std::size_t kShown = 40;
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("\"{}\"", header[i]);
  }
  if (header.size() > kShown) out += fmt::format(" and {} more", header.size() - kShown);
  return out;
}

// "columns 1 and 4 are both named "email"...": a header that repeats a name cannot be read by name.
std::string repeated_name(const std::vector<std::string>& header, const std::vector<int>& columns) {
  std::string numbers;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    numbers += fmt::format("{}{}", i == 0 ? "" : i + 1 == columns.size() ? " and " : ", ",
                           columns[i] + 1);
  }
  bool two = columns.size() == 2;
  return fmt::format("columns {} are {} named \"{}\"; rename {} in the header", numbers,
                     two ? "both" : "all", header[columns[0]], two ? "one of them" : "all but one");
}

bool same_names(const std::vector<std::string>& header, const std::vector<int>& columns) {
  for (int c : columns) {
    if (header[c] != header[columns[0]]) return false;
  }
  return true;
}

std::string quoted_list(const std::vector<std::string>& header, const std::vector<int>& columns) {
  std::string out;
  for (int c : columns) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", header[c]);
  return out;
}

// The column named `wanted` by a flag: exact name first, then ignoring case, then normalized.
int find_named(const std::vector<std::string>& header, const std::string& wanted, role r,
               const std::string& path) {
  const std::string wanted_lower = lower(wanted), wanted_norm = normalize(wanted);
  for (int level = 0; level < 3; ++level) {
    std::vector<int> hits;
    for (std::size_t c = 0; c < header.size(); ++c) {
      bool hit = level == 0   ? header[c] == wanted
                 : level == 1 ? lower(header[c]) == wanted_lower
                              : !wanted_norm.empty() && normalize(header[c]) == wanted_norm;
      if (hit) hits.push_back(static_cast<int>(c));
    }
    if (hits.size() == 1) return hits[0];
    if (hits.size() > 1 && same_names(header, hits)) {
      throw error(fmt::format("{}: {}", path, repeated_name(header, hits)));
    }
    if (hits.size() > 1) {
      throw error(fmt::format("{}: --{} \"{}\" matches {} columns ({})", path, role_name(r),
                              wanted, hits.size(), quoted_list(header, hits)));
    }
  }
  throw error(fmt::format("{}: --{} \"{}\" names no column; the header has {}", path,
                          role_name(r), wanted, list_header(header)));
}

// The column whose normalized name is `name`, or -1; an error when several are.
int detect_one(const std::vector<std::string>& normalized, const std::vector<std::string>& header,
               std::string_view name, role r, const std::string& path) {
  std::vector<int> hits;
  for (std::size_t c = 0; c < normalized.size(); ++c) {
    if (normalized[c] == name) hits.push_back(static_cast<int>(c));
  }
  if (hits.size() > 1 && same_names(header, hits)) {
    throw error(fmt::format("{}: {}", path, repeated_name(header, hits)));
  }
  if (hits.size() > 1) {
    throw error(fmt::format("{}: {} columns could be the {} column ({}); choose one with --{}",
                            path, hits.size(), role_name(r), quoted_list(header, hits),
                            role_name(r)));
  }
  return hits.empty() ? -1 : hits[0];
}

// The best-known column for a role, or -1.
int detect(const std::vector<std::string>& normalized, const std::vector<std::string>& header,
           role r, const std::string& path) {
  for (std::string_view name : known_names()[slot(r)]) {
    const int column = detect_one(normalized, header, name, r, path);
    if (column >= 0) return column;
  }
  return -1;
}

// --amount "A+B+C": a name that is a column is one column, else the names between the '+'.
std::vector<std::string> amount_parts(const std::vector<std::string>& header, const std::string& given) {
  if (given.find('+') == std::string::npos ||
      std::find(header.begin(), header.end(), given) != header.end()) {
    return {given};
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= given.size()) {
    std::size_t plus = std::min(given.find('+', start), given.size());
    std::string_view part(given.data() + start, plus - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    parts.emplace_back(part);
    start = plus + 1;
  }
  return parts;
}

// What an amount column's name says it holds.
amount_kind name_hint(std::string_view normalized) {
  // Names that say "the whole order's" ("Total" alone does not: exports and dumps also use it
  // for line totals).
  static constexpr std::string_view kOrderTotals[] = {
      "ordertotal",       "grandtotal",     "ordertotalamount", "grandtotalpurchased",
      "grandtotalbase",   "totalcollected", "ordergrandtotal",  "ordertotalinctax",
      "ordertotalexctax", "totalpaid",      "orderamount"};
  static constexpr std::string_view kLines[] = {"linetotal", "linesubtotal", "itemtotal",
                                                "lineamount", "lineitemtotal", "itemprice",
                                                "price", "unitprice", "lineitemprice"};
  if (std::find(std::begin(kOrderTotals), std::end(kOrderTotals), normalized) != std::end(kOrderTotals)) {
    return amount_kind::order_total;
  }
  if (std::find(std::begin(kLines), std::end(kLines), normalized) != std::end(kLines)) {
    return amount_kind::line;
  }
  return amount_kind::unknown;
}

}  // namespace

role amount_part(std::size_t part) {
  return part == 0 ? role::amount : static_cast<role>(static_cast<std::size_t>(role::amount_2) + part - 1);
}

std::string_view role_name(role r) {
  static constexpr std::string_view kNames[] = {
      "customer", "date",         "amount",   "order",    "status",    "quantity",
      "price",    "currency",     "cancelled-at", "group-by", "email", "refunded",
      "refund-of", "amount", "amount", "amount", "kind"};
  return kNames[slot(r)];
}

role column_map::reader(role r) const {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (index[i] == index[slot(r)]) return static_cast<role>(i);
  }
  return r;
}

std::string column_map::describe() const {
  std::string out;
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    if (index[r] < 0 || (r >= slot(role::amount_2) && r <= slot(role::amount_4))) continue;
    std::string name = fmt::format("\"{}\"", header[index[r]]);
    if (static_cast<role>(r) == role::amount) {
      for (std::size_t part = 1; part < kAmountParts; ++part) {
        int column = index[slot(amount_part(part))];
        if (column >= 0) name += fmt::format("+\"{}\"", header[column]);
      }
    }
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", role_name(static_cast<role>(r)), name);
  }
  return out;
}

column_map map_columns(std::vector<std::string> header, const column_names& chosen,
                       const std::string& path, amount_kind amount_per) {
  column_map map;
  map.index.fill(-1);
  std::vector<std::string> normalized;
  normalized.reserve(header.size());
  for (const std::string& name : header) normalized.push_back(normalize(name));
  auto find_normalized = [&](std::string_view name) {
    auto it = std::find(normalized.begin(), normalized.end(), name);
    return it == normalized.end() ? -1 : static_cast<int>(it - normalized.begin());
  };
  // A layout's column by its normalized name; a name the header repeats is refused as detect()
  // refuses it.
  auto find_layout = [&](std::string_view name, role r) {
    return detect_one(normalized, header, name, r, path);
  };
  const platform_layout* layout = recognise_platform(normalized);
  if (layout != nullptr) {
    map.platform = std::string(layout->name);
    map.caveat = std::string(layout->caveat);
    map.amount = layout->amount;
    map.c_invoices_cancel = layout->c_invoices_cancel;
    map.refunded_is_remaining = layout->refunded_is_remaining;
    map.status_is_refund_flag = layout->status_is_refund_flag;
  }

  // Given quantity or price but no amount means: compute the amount from them.
  const bool amount_from_items =
      chosen[slot(role::amount)].empty() &&
      (!chosen[slot(role::quantity)].empty() || !chosen[slot(role::price)].empty());
  const bool layout_has_amount =
      layout != nullptr && layout->columns[slot(role::amount)] != "-";
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    auto r = static_cast<role>(i);
    if (i >= slot(role::amount_2) && i <= slot(role::amount_4)) continue;  // --amount "A+B", layouts
    if (r == role::amount && !chosen[i].empty()) {
      std::vector<std::string> parts = amount_parts(header, chosen[i]);
      if (parts.size() > kAmountParts) {
        throw error(fmt::format("{}: --amount \"{}\" adds more than {} columns", path, chosen[i],
                                kAmountParts));
      }
      for (std::size_t part = 0; part < parts.size(); ++part) {
        map.index[slot(amount_part(part))] = find_named(header, parts[part], r, path);
      }
      if (parts.size() > 1) map.amount = amount_kind::line;
    } else if (!chosen[i].empty()) {
      map.index[i] = find_named(header, chosen[i], r, path);
    } else if (r == role::amount && amount_from_items) {
      continue;
    } else if (layout != nullptr && !layout->columns[i].empty()) {
      if (layout->columns[i] != "-") map.index[i] = find_layout(layout->columns[i], r);
      if (r == role::amount && map.index[i] >= 0) {
        for (std::size_t part = 1; part < kAmountParts; ++part) {
          std::string_view name = layout->columns[slot(amount_part(part))];
          if (!name.empty()) map.index[slot(amount_part(part))] = find_layout(name, r);
        }
      }
      if (map.index[i] < 0 && layout->columns[i] != "-") map.index[i] = detect(normalized, header, r, path);
    } else if (!(r == role::amount && layout_has_amount && layout->columns[i] == "-")) {
      map.index[i] = detect(normalized, header, r, path);
    }
  }
  // Shopify names its order number column "Name"; elsewhere a name is a person's.
  if (!map.has(role::order) && chosen[slot(role::order)].empty() && find_normalized("financialstatus") >= 0) {
    map.index[slot(role::order)] = find_normalized("name");
  }
  if (layout == nullptr && map.has(role::order)) {
    const std::string& order = normalized[map.index[slot(role::order)]];
    map.c_invoices_cancel = order == "invoiceno" || order == "invoice";
  }
  // The e-mail is a guest's id only beside a customer column that is not itself the e-mail.
  if (map.has(role::email) && map.has(role::customer) &&
      (map.index[slot(role::email)] == map.index[slot(role::customer)] ||
       std::find(known_names()[slot(role::email)].begin(), known_names()[slot(role::email)].end(),
                 normalized[map.index[slot(role::customer)]]) !=
           known_names()[slot(role::email)].end())) {
    map.index[slot(role::email)] = -1;
  }

  if (!map.has(role::amount)) {
    map.amount = amount_kind::line;  // quantity x price, row by row
  } else {
    if (chosen[slot(role::quantity)].empty()) map.index[slot(role::quantity)] = -1;  // not read
    if (chosen[slot(role::price)].empty()) map.index[slot(role::price)] = -1;
    map.amount_hint = name_hint(normalized[map.index[slot(role::amount)]]);
  }
  if (amount_per != amount_kind::unknown) map.amount = amount_per;

  auto require = [&](bool ok, std::string_view what, std::string_view flags) {
    if (ok) return;
    if (layout != nullptr && layout->columns[slot(role::customer)] == "-" && what == "customer") {
      throw error(fmt::format("{}: the {} has no customer column: no column tells who bought, so "
                              "retention cannot be counted from it; set --customer NAME if "
                              "another column does",
                              path, map.platform));
    }
    throw error(fmt::format("{}: no {} column found; set {} (the header has {})", path, what,
                            flags, list_header(header)));
  };
  require(map.has(role::customer), "customer", "--customer NAME");
  require(map.has(role::date), "order date", "--date NAME");
  require(map.has(role::amount) || (map.has(role::quantity) && map.has(role::price)),
          "amount (or quantity and unit price)", "--amount NAME, or --quantity and --price");
  map.header = std::move(header);
  return map;
}

}  // namespace retain
