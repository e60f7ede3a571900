#include "retain/predict.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "retain/error.h"
#include "retain/parallel.h"
#include "retain/records.h"

namespace retain {
namespace {

double days_per_unit(time_unit unit) { return unit == time_unit::weeks ? 7.0 : 1.0; }

// The chosen model's P(alive) and expected purchases.
double p_alive_of(const btyd_fits& fits, const btyd_customer& c) {
  if (fits.model == btyd_model::pareto)
    return pareto_p_alive(pareto_of(fits.purchases), c.x, c.t_x, c.T);
  return bgnbd_p_alive(bgnbd_of(fits.purchases), c.x, c.t_x, c.T);
}

// A fit whose expected purchases cannot be evaluated (a series that does not converge) is
// refused with what the fit says, not with the series' arguments: BG/NBD runs a and b toward
// infinity when every customer has the same drop-out chance after a purchase (its beta
// distribution collapses to a point), where eq. 10's 2F1 needs about a * z terms.
[[noreturn]] void refuse_scores(const btyd_fits& fits, const error& series) {
  const fit_result& f = fits.purchases;
  std::string values;
  for (std::size_t i = 0; i < f.names.size(); ++i) {
    values += fmt::format("{}{} = {:.4g}", i == 0 ? "" : ", ", f.names[i], f.values[i]);
  }
  if (fits.model == btyd_model::bgnbd) {
    const bgnbd_params p = bgnbd_of(f);
    throw error(fmt::format(
        "cannot score customers with the BG/NBD fit ({}): a and b ran so large that every "
        "customer has the same drop-out chance after a purchase ({:.3f}), a limit where the "
        "model's expected purchases cannot be evaluated; --model pareto fits such data, and "
        "--fit-only prints this fit",
        values, p.a / (p.a + p.b)));
  }
  throw error(fmt::format("cannot score customers with the Pareto/NBD fit ({}): {}", values,
                          series.what()));
}

double expected_of(const btyd_fits& fits, const btyd_customer& c, double t) {
  try {
    if (fits.model == btyd_model::pareto) {
      return pareto_expected(pareto_of(fits.purchases), c.x, c.t_x, c.T, t);
    }
    return bgnbd_expected(bgnbd_of(fits.purchases), c.x, c.t_x, c.T, t);
  } catch (const error& series) {
    refuse_scores(fits, series);
  }
}

double expected_new_of(const btyd_fits& fits, double t) {
  try {
    if (fits.model == btyd_model::pareto) return pareto_expected_new(pareto_of(fits.purchases), t);
    return bgnbd_expected_new(bgnbd_of(fits.purchases), t);
  } catch (const error& series) {
    refuse_scores(fits, series);
  }
}

// A number of the summary file, or an error naming the place.
double summary_number(const std::string& text, const char* column, const std::string& where) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(v) || v < 0) {
    throw error(fmt::format("{}: {} \"{}\" is not a number of 0 or more", where, column, text));
  }
  return v;
}

int decimals_of(const std::string& text) {
  const std::size_t dot = text.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

}  // namespace

std::string_view model_title(btyd_model model) {
  return model == btyd_model::pareto ? "Pareto/NBD" : "BG/NBD";
}

btyd_book_summary btyd_customers(const order_book& book, std::optional<day_t> as_of, time_unit unit,
                                 unsigned threads) {
  btyd_book_summary out;
  const order_list& orders = book.orders;
  if (orders.empty()) return out;
  const std::size_t n = orders.size();
  const std::size_t parts = std::max(1u, threads);
  // Part p holds the customers whose orders start in [n p / parts, n (p+1) / parts).
  std::vector<std::size_t> bounds(parts + 1, n);
  for (std::size_t p = 0; p < parts; ++p) {
    std::size_t i = n * p / parts;
    while (i > 0 && i < n && orders[i].customer == orders[i - 1].customer) ++i;
    bounds[p] = i;
  }
  // The first and last order days.
  std::vector<std::pair<day_t, day_t>> spans(parts, {orders[0].day, orders[0].day});
  in_parallel(parts, [&](std::size_t p) {
    for (std::size_t i = bounds[p]; i < bounds[p + 1]; ++i) {
      spans[p].first = std::min(spans[p].first, orders[i].day);
      spans[p].second = std::max(spans[p].second, orders[i].day);
    }
  });
  day_t first_day = spans[0].first;
  for (const auto& [low, high] : spans) {
    first_day = std::min(first_day, low);
    out.last_day = std::max(out.last_day, high);
  }
  if (as_of && *as_of < first_day) {
    throw usage_error(fmt::format("--as-of {} is before the first order ({})", iso_date(*as_of),
                                  iso_date(first_day)));
  }
  out.as_of = as_of.value_or(out.last_day);
  // Each part's customers with an order up to as_of (their first is), then their summaries in
  // place. A customer's orders are sorted by day.
  std::vector<std::size_t> offsets(parts + 1, 0);
  in_parallel(parts, [&](std::size_t p) {
    for (std::size_t i = bounds[p]; i < bounds[p + 1]; ++i) {
      if ((i == bounds[p] || orders[i].customer != orders[i - 1].customer) &&
          orders[i].day <= out.as_of) {
        ++offsets[p + 1];
      }
    }
  });
  for (std::size_t p = 0; p < parts; ++p) offsets[p + 1] += offsets[p];
  out.customers.resize(offsets[parts]);
  const double per = days_per_unit(unit);
  in_parallel(parts, [&](std::size_t p) {
    btyd_customer* next = out.customers.data() + offsets[p];
    for (std::size_t i = bounds[p]; i < bounds[p + 1];) {
      const std::uint32_t customer = orders[i].customer;
      const day_t first = orders[i].day;
      day_t last = first;
      std::uint32_t frequency = 0;
      cents_t revenue = 0, repeat_revenue = 0;
      bool fits = true;
      for (; i < bounds[p + 1] && orders[i].customer == customer; ++i) {
        const order& o = orders[i];
        if (o.day > out.as_of) continue;
        if (o.day != last) ++frequency;
        last = o.day;
        fits = fits && checked_add(revenue, o.cents, revenue);
        if (o.day != first) fits = fits && checked_add(repeat_revenue, o.cents, repeat_revenue);
      }
      if (!fits) {
        throw error(fmt::format("revenue of customer \"{}\" is too large to count in cents",
                                book.customers[customer]));
      }
      if (first > out.as_of) continue;
      const double x = frequency;
      *next++ = {book.customers[customer], x, (last - first) / per, (out.as_of - first) / per,
                 frequency > 0 ? static_cast<double>(repeat_revenue) / 100 / x : 0.0};
    }
  });
  return out;
}

btyd_summary_file read_btyd_summary(std::string text, const std::string& name) {
  static constexpr const char* kColumns[] = {"customer", "frequency", "recency", "T",
                                             "monetary_value"};
  btyd_summary_file out;
  std::vector<std::pair<std::size_t, std::size_t>> id_spans;  // offset, size in id_text
  std::unordered_map<std::string, std::size_t> line_of_id;
  std::size_t at = 0;
  std::size_t line = 0;
  std::vector<std::size_t> index(5, SIZE_MAX);
  std::size_t fields_expected = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string record = text.substr(at, end - at);
    at = end + 1;
    ++line;
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = fmt::format("{}:{}", name, line);
    std::vector<std::string> fields = split_fields(',', record);
    if (fields_expected == 0) {  // the header
      for (std::size_t i = 0; i < fields.size(); ++i) {
        for (std::size_t k = 0; k < 5; ++k) {
          if (same_name(fields[i], kColumns[k]) && index[k] == SIZE_MAX) index[k] = i;
        }
      }
      for (std::size_t k = 0; k < 5; ++k) {
        if (index[k] == SIZE_MAX) {
          throw error(
              fmt::format("{}: the summary has no column {} (it needs customer, "
                          "frequency, recency, T, monetary_value)",
                          where, kColumns[k]));
        }
      }
      fields_expected = fields.size();
      continue;
    }
    if (fields.size() != fields_expected) {
      throw error(fmt::format("{}: {} fields where the header has {}", where, fields.size(),
                              fields_expected));
    }
    const std::string& id = fields[index[0]];
    const auto [seen, fresh] = line_of_id.emplace(id, line);
    if (!fresh) {
      throw error(fmt::format("{}: customer \"{}\" is given twice (first on line {})", where, id,
                              seen->second));
    }
    btyd_customer c;
    c.x = summary_number(fields[index[1]], "frequency", where);
    if (c.x != std::floor(c.x)) {
      throw error(
          fmt::format("{}: frequency \"{}\" is not a whole number", where, fields[index[1]]));
    }
    c.t_x = summary_number(fields[index[2]], "recency", where);
    c.T = summary_number(fields[index[3]], "T", where);
    c.m = summary_number(fields[index[4]], "monetary_value", where);
    if (c.t_x > c.T) {
      throw error(
          fmt::format("{}: recency {} is after T {}", where, fields[index[2]], fields[index[3]]));
    }
    if (c.x == 0 && c.t_x != 0) {
      throw error(fmt::format("{}: recency {} with frequency 0 (no repeat purchase)", where,
                              fields[index[2]]));
    }
    out.places =
        std::max({out.places, decimals_of(fields[index[2]]), decimals_of(fields[index[3]])});
    id_spans.emplace_back(out.id_text.size(), id.size());
    out.id_text += id;
    out.customers.push_back(c);
  }
  if (fields_expected == 0) throw error(fmt::format("{}: the summary is empty", name));
  for (std::size_t i = 0; i < out.customers.size(); ++i) {
    out.customers[i].id =
        std::string_view(out.id_text).substr(id_spans[i].first, id_spans[i].second);
  }
  out.places = std::min(out.places, 6);
  return out;
}

btyd_groups group_customers(const std::vector<btyd_customer>& customers, unsigned threads) {
  // The distinct tuples numbered as first met, through an open-addressing table of their
  // numbers (0: empty), which doubles when half full.
  btyd_groups groups;
  std::vector<btyd_tuple>& tuples = groups.tuples;
  std::vector<std::uint32_t> slots(1 << 12, 0);
  auto slot_of = [&](double x, double t_x, double T) {
    auto bits = [](double v) {
      std::uint64_t b;
      std::memcpy(&b, &v, sizeof b);
      return b;
    };
    std::uint64_t h = (bits(x) * 0x9E3779B97F4A7C15u + bits(t_x)) * 0xC2B2AE3D27D4EB4Fu + bits(T);
    h ^= h >> 33;  // MurmurHash3's finalizer: every bit of the tuple reaches the low bits
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
      const std::uint32_t number = slots[s];
      if (number == 0) return s;
      const btyd_tuple& t = tuples[number - 1];
      if (t.x == x && t.t_x == t_x && t.T == T) return s;
    }
  };
  std::vector<std::uint32_t> first_met(customers.size());
  for (std::size_t i = 0; i < customers.size(); ++i) {
    // + 0.0 makes -0 (which a summary file may hold) the same tuple as 0.
    const double x = customers[i].x + 0.0, t_x = customers[i].t_x + 0.0, T = customers[i].T + 0.0;
    std::size_t s = slot_of(x, t_x, T);
    if (slots[s] == 0) {
      tuples.push_back({x, t_x, T, 0});
      if (2 * tuples.size() > slots.size()) {
        slots.assign(2 * slots.size(), 0);
        for (std::size_t k = 0; k + 1 < tuples.size(); ++k) {
          slots[slot_of(tuples[k].x, tuples[k].t_x, tuples[k].T)] =
              static_cast<std::uint32_t>(k + 1);
        }
        s = slot_of(x, t_x, T);
      }
      slots[s] = static_cast<std::uint32_t>(tuples.size());
    }
    first_met[i] = slots[s] - 1;
    tuples[first_met[i]].count += 1;
  }
  slots = {};
  // Sorted, and each customer's tuple renumbered.
  std::vector<std::uint32_t> sorted(tuples.size());
  std::iota(sorted.begin(), sorted.end(), 0u);
  auto key = [&](std::uint32_t k) { return std::tie(tuples[k].x, tuples[k].t_x, tuples[k].T); };
  sort_in_parallel(
      sorted, [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); }, threads);
  std::vector<std::uint32_t> rank(tuples.size());
  std::vector<btyd_tuple> in_order(tuples.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    rank[sorted[k]] = static_cast<std::uint32_t>(k);
    in_order[k] = tuples[sorted[k]];
  }
  tuples = std::move(in_order);
  groups.tuple_of = std::move(first_met);
  const unsigned parts = std::max(1u, threads);
  in_parallel(parts, [&](std::size_t part) {
    const std::size_t n = groups.tuple_of.size();
    for (std::size_t i = n * part / parts; i < n * (part + 1) / parts; ++i) {
      groups.tuple_of[i] = rank[groups.tuple_of[i]];
    }
  });
  return groups;
}

btyd_fits fit_models(const std::vector<btyd_customer>& customers, const btyd_groups& groups,
                     btyd_model model, unsigned threads) {
  btyd_fits fits;
  fits.model = model;
  std::vector<spend_tuple> spends;
  for (const btyd_customer& c : customers) {
    if (c.x > 0) ++fits.repeat_buyers;
    if (c.x > 0 && c.m > 0) spends.push_back({c.x, c.m, 1});
    if (c.x > 0 && !(c.m > 0)) ++fits.spend_left_out;
  }
  fits.customers = static_cast<double>(customers.size());
  merge_tuples(spends, threads);
  const std::vector<btyd_tuple>& tuples = groups.tuples;
  fits.purchases =
      model == btyd_model::pareto ? fit_pareto(tuples, threads) : fit_bgnbd(tuples, threads);
  fits.spend = fit_gamma_gamma(spends, threads);
  // Pearson's correlation of x and m over the repeat buyers fitted.
  double n = 0, sx = 0, sm = 0;
  for (const spend_tuple& t : spends) {
    n += t.count;
    sx += t.count * t.x;
    sm += t.count * t.m;
  }
  double sxx = 0, smm = 0, sxm = 0;
  for (const spend_tuple& t : spends) {
    const double dx = t.x - sx / n;
    const double dm = t.m - sm / n;
    sxx += t.count * dx * dx;
    smm += t.count * dm * dm;
    sxm += t.count * dx * dm;
  }
  fits.spend_correlation = sxx > 0 && smm > 0 ? sxm / std::sqrt(sxx * smm) : std::nan("");
  return fits;
}

decimal rounded(double v, int places) {
  // The exact powers that std::pow gives, without its cost (8 calls a row, millions of rows).
  static constexpr double kPowersOfTen[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  const double scaled =
      v * (places >= 0 && places < 7 ? kPowersOfTen[places] : std::pow(10.0, places));
  if (!std::isfinite(scaled) || std::fabs(scaled) >= 9e18) {
    throw error(
        fmt::format("a result is {} and cannot be printed: refusing to print a wrong "
                    "number",
                    v));
  }
  return {static_cast<std::int64_t>(std::llround(scaled)), places};
}

table fit_table(const btyd_fits& fits, std::string_view unit) {
  table t;
  t.columns = {{"model", column_kind::text},
               {"parameter", column_kind::text},
               {"value", column_kind::number},
               {"std_error", column_kind::number, true, "std. error"},
               {"unit", column_kind::text}};
  auto add = [&](std::string_view model, const fit_result& fit,
                 const std::vector<std::string>& units) {
    auto row = [&](std::string name, value v, value se, std::string u) {
      t.rows.push_back(
          {std::string(model), std::move(name), std::move(v), std::move(se), std::move(u)});
    };
    for (std::size_t i = 0; i < fit.values.size(); ++i) {
      row(fit.names[i], rounded(fit.values[i], 6), rounded(fit.std_errors[i], 6), units[i]);
    }
    row("log_likelihood", rounded(fit.log_likelihood, 4), {}, "");
    row("aic", rounded(fit.aic, 4), {}, "");
    row("bic", rounded(fit.bic, 4), {}, "");
    row("customers", static_cast<std::int64_t>(fit.customers), {}, "");
    row("iterations", std::int64_t{fit.evaluations}, {}, "");
    row("converged", std::int64_t{fit.converged ? 1 : 0}, {}, "");
  };
  const std::string u(unit);
  add(model_title(fits.model), fits.purchases, {"", u, "", ""});
  if (fits.model == btyd_model::pareto) t.rows[3][4] = u;  // beta is a time too
  add("Gamma-Gamma", fits.spend, {"", "", "currency"});
  t.rows.push_back({std::string("Gamma-Gamma"), std::string("repeat_buyers"),
                    static_cast<std::int64_t>(fits.repeat_buyers), value(), std::string()});
  t.rows.push_back(
      {std::string("Gamma-Gamma"), std::string("spend_correlation"),
       std::isfinite(fits.spend_correlation) ? value(rounded(fits.spend_correlation, 4)) : value(),
       value(), std::string()});
  return t;
}

std::vector<prediction> predict_all(const std::vector<btyd_customer>& customers,
                                    const btyd_groups& groups, const btyd_fits& fits,
                                    const predict_options& options) {
  struct tuple_score {
    double p_alive, expected_orders, discounted;  // discounted: the clv at a spend of 1
  };
  const std::vector<btyd_tuple>& tuples = groups.tuples;
  std::vector<tuple_score> scores(tuples.size());
  const unsigned threads = std::max(1u, options.threads);
  in_parallel(threads, [&](std::size_t part) {
    for (std::size_t i = tuples.size() * part / threads; i < tuples.size() * (part + 1) / threads;
         ++i) {
      const btyd_customer c{{}, tuples[i].x, tuples[i].t_x, tuples[i].T, 0};
      const double orders = expected_of(fits, c, options.clv.horizon);
      scores[i] = {p_alive_of(fits, c), orders,
                   options.clv.annual_rate == 0
                       ? orders
                       : clv([&](double t) { return expected_of(fits, c, t); }, 1, options.clv)};
    }
  });
  const gamma_gamma_params spend = gamma_gamma_of(fits.spend);
  std::vector<prediction> out(customers.size());
  in_parallel(threads, [&](std::size_t part) {
    for (std::size_t i = out.size() * part / threads; i < out.size() * (part + 1) / threads; ++i) {
      const btyd_customer& c = customers[i];
      const tuple_score& s = scores[groups.tuple_of[i]];
      prediction& p = out[i];
      p.p_alive = s.p_alive;
      p.expected_orders = s.expected_orders;
      p.expected_aov = gamma_gamma_expected_spend(spend, c.x, std::max(c.m, 0.0));
      p.clv = p.expected_aov * s.discounted;
    }
  });
  return out;
}

std::vector<std::uint32_t> predict_order(const std::vector<btyd_customer>& customers,
                                         const std::vector<prediction>& scores, predict_sort key,
                                         bool reverse, std::optional<std::size_t> top,
                                         unsigned threads) {
  auto number = [&](std::uint32_t i) {
    switch (key) {
      case predict_sort::clv:
        return scores[i].clv;
      case predict_sort::p_alive:
        return scores[i].p_alive;
      case predict_sort::expected_orders:
        return scores[i].expected_orders;
      case predict_sort::expected_aov:
        return scores[i].expected_aov;
      case predict_sort::frequency:
        return customers[i].x;
      case predict_sort::recency:
        return customers[i].t_x;
      case predict_sort::t:
        return customers[i].T;
      case predict_sort::monetary_value:
        return customers[i].m;
      case predict_sort::customer:
        break;
    }
    return 0.0;
  };
  // The sort reads these in place: the number, then the id's first bytes, then (seldom) its text.
  struct sort_entry {
    double number;
    std::uint64_t id_key;
    std::uint32_t index;
  };
  std::vector<sort_entry> entries(customers.size());
  const unsigned parts = std::max(1u, threads);
  in_parallel(parts, [&](std::size_t part) {
    for (std::size_t i = entries.size() * part / parts; i < entries.size() * (part + 1) / parts;
         ++i) {
      const auto index = static_cast<std::uint32_t>(i);
      entries[i] = {number(index), id_key_of(customers[i].id), index};
    }
  });
  const bool ids_reversed = reverse && key == predict_sort::customer;
  auto before = [&](const sort_entry& a, const sort_entry& b) {
    if (a.number != b.number) return reverse ? a.number < b.number : a.number > b.number;
    if (a.id_key != b.id_key) return ids_reversed ? b.id_key < a.id_key : a.id_key < b.id_key;
    const std::string_view x = customers[a.index].id;
    const std::string_view y = customers[b.index].id;
    return ids_reversed ? y < x : x < y;
  };
  if (top && *top < entries.size()) {
    const auto end = entries.begin() + static_cast<std::ptrdiff_t>(*top);
    std::partial_sort(entries.begin(), end, entries.end(), before);
    entries.erase(end, entries.end());
  } else {
    sort_in_parallel(entries, before, parts);
  }
  std::vector<std::uint32_t> order(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) order[i] = entries[i].index;
  return order;
}

std::vector<column> predict_columns() {
  return {{"customer", column_kind::text},
          {"frequency", column_kind::count},
          {"recency", column_kind::number},
          {"T", column_kind::number},
          {"monetary_value", column_kind::money, true, "monetary"},
          {"p_alive", column_kind::rate, true, "P(alive)"},
          {"expected_orders", column_kind::number, true, "exp. orders"},
          {"expected_aov", column_kind::money, true, "exp. AOV"},
          {"clv", column_kind::money, true, "CLV"}};
}

void predict_row(const btyd_customer& c, const prediction& p, int places, std::vector<value>& row) {
  row.resize(9);
  row[0] = std::string(c.id);
  row[1] = static_cast<std::int64_t>(c.x);
  row[2] = rounded(c.t_x, places);
  row[3] = rounded(c.T, places);
  row[4] = rounded(c.m, 2);
  row[5] = rounded(p.p_alive, 4);
  row[6] = rounded(p.expected_orders, 4);
  row[7] = rounded(p.expected_aov, 2);
  row[8] = rounded(p.clv, 2);
}

holdout_report compare_holdout(const order_book& book,
                               const std::vector<btyd_customer>& calibration, const btyd_fits& fits,
                               const holdout_options& options) {
  const double per = days_per_unit(options.unit);
  const day_t cal_end = options.calibration_end;
  const day_t end = options.holdout_end;
  // One pass over the book: each calibration customer's holdout purchase days (by the id's
  // address, which the book and the calibration share), and the repeat purchase days by day.
  std::unordered_map<const char*, std::uint32_t> holdout_days;
  std::map<day_t, std::uint64_t> repeats_on;
  std::map<day_t, std::uint64_t> first_on;  // the customers' first purchase days (cohorts)
  for (auto o = book.orders.begin(); o != book.orders.end();) {
    const std::uint32_t customer = o->customer;
    const day_t first = o->day;
    day_t last = first;
    std::uint32_t in_holdout = 0;
    for (; o != book.orders.end() && o->customer == customer; ++o) {
      if (first > cal_end || o->day == last || o->day > end) continue;
      last = o->day;
      ++repeats_on[o->day];
      if (o->day > cal_end) ++in_holdout;
    }
    if (first > cal_end) continue;
    ++first_on[first];
    if (in_holdout > 0) holdout_days[book.customers[customer].data()] = in_holdout;
  }
  holdout_report out;
  // By calibration frequency 0..6, 7+.
  const double t_star = (end - cal_end) / per;
  std::array<double, 8> count{}, actual{}, predicted{};
  double total_actual = 0, total_predicted = 0;
  for (const btyd_customer& c : calibration) {
    const std::size_t g = static_cast<std::size_t>(std::min(c.x, 7.0));
    const auto found = holdout_days.find(c.id.data());
    const double a = found == holdout_days.end() ? 0 : found->second;
    const double p = expected_of(fits, c, t_star);
    count[g] += 1;
    actual[g] += a;
    predicted[g] += p;
    total_actual += a;
    total_predicted += p;
  }
  out.by_frequency.columns = {{"frequency", column_kind::text},
                              {"customers", column_kind::count},
                              {"actual", column_kind::number, true, "actual mean"},
                              {"predicted", column_kind::number, true, "predicted mean"}};
  double absolute = 0;
  double groups = 0;
  for (std::size_t g = 0; g < 8; ++g) {
    if (count[g] == 0) continue;
    const double a = actual[g] / count[g];
    const double p = predicted[g] / count[g];
    absolute += std::fabs(a - p);
    groups += 1;
    out.by_frequency.rows.push_back({g == 7 ? std::string("7+") : std::to_string(g),
                                     static_cast<std::int64_t>(count[g]), rounded(a, 4),
                                     rounded(p, 4)});
  }
  // Tracking: cumulative repeat purchase days at the end of each week from the first purchase.
  out.tracking.columns = {{"week", column_kind::count},
                          {"end", column_kind::text},
                          {"period", column_kind::text},
                          {"actual", column_kind::count, true, "actual cum."},
                          {"expected", column_kind::number, true, "expected cum."}};
  const day_t start = first_on.empty() ? cal_end : first_on.begin()->first;
  std::uint64_t cumulative = 0;
  auto repeats = repeats_on.begin();
  double track_absolute = 0, track_weeks = 0, last_actual = 0, last_expected = 0;
  for (day_t week_end = start + 6, week = 1;; week_end += 7, ++week) {
    const day_t upto = std::min(week_end, end);
    for (; repeats != repeats_on.end() && repeats->first <= upto; ++repeats) {
      cumulative += repeats->second;
    }
    double expected = 0;
    for (const auto& [first, n] : first_on) {
      if (first < upto)
        expected += static_cast<double>(n) * expected_new_of(fits, (upto - first) / per);
    }
    const bool holdout = upto > cal_end;
    if (holdout) {
      track_absolute += std::fabs(static_cast<double>(cumulative) - expected);
      track_weeks += 1;
      last_actual = static_cast<double>(cumulative);
      last_expected = expected;
    }
    out.tracking.rows.push_back({std::int64_t{week}, iso_date(upto),
                                 std::string(holdout ? "holdout" : "calibration"),
                                 static_cast<std::int64_t>(cumulative), rounded(expected, 2)});
    if (upto >= end) break;
  }
  out.errors.columns = {{"comparison", column_kind::text},
                        {"mean_absolute_error", column_kind::number, true, "mean abs. error"},
                        {"total_relative_error", column_kind::rate, true, "total rel. error"}};
  auto relative = [](double predicted_total, double actual_total) {
    return actual_total > 0 ? value(rounded((predicted_total - actual_total) / actual_total, 4))
                            : value();
  };
  out.errors.rows.push_back({std::string("by calibration frequency"),
                             groups > 0 ? value(rounded(absolute / groups, 4)) : value(),
                             relative(total_predicted, total_actual)});
  out.errors.rows.push_back(
      {std::string("tracking (holdout weeks)"),
       track_weeks > 0 ? value(rounded(track_absolute / track_weeks, 2)) : value(),
       relative(last_expected, last_actual)});
  return out;
}

}  // namespace retain
