// retain_generate: writes a synthetic, deterministic e-commerce orders CSV to stdout.
//
//   retain_generate [--rows N] [--customers N] [--seed N] [--start YYYY-MM-DD] [--years N]
//                   [--line-items] [--dropout P]
//
// Header: order_id,customer_id,order_date,total,currency,status
//
// Determinism: the only randomness is a xoshiro256** generator seeded through splitmix64, and
// every value is derived with integer arithmetic (no std:: distributions, no floating point),
// so a given set of flags gives byte-identical output with any compiler on any platform.
// Each aspect (dates, customers, totals, statuses, line items, drop-out) draws from its own
// stream, so --line-items only adds rows and never changes which orders are generated.
//
// Distributions:
//   * Dates: the period [start, start + years) is cut into --rows equal slices and order i gets
//     a uniform second inside slice i. Timestamps are thus uniform over the period and already
//     in increasing order (like a real export) without sorting. order_id is the row number
//     (O0000001, ...), so ids increase with time as they do in a shop database.
//   * Customers: exactly min(customers, rows) distinct ids. Which orders are a new customer's
//     first order is a uniform random subset of that size (selection sampling; order 1 is always
//     one), so acquisition is spread evenly over the period and customer ids are numbered in
//     order of first purchase. Every other order is a repeat purchase by an already-acquired
//     customer, chosen with probability proportional to a "loyalty" weight fixed at acquisition
//     (sampled with a Fenwick tree):
//       - 45% of customers get weight 0: one-time buyers who never come back;
//       - 55% get a Zipf-like weight, (16..31) * 2^g with g geometric(1/2) capped at 7, so
//         P(w > x) ~ 1/x: most loyal customers return rarely, a few very often.
//     As the customer base grows, each loyal customer's share of repeat orders shrinks, so
//     purchase frequency decays with customer age (a natural cohort retention curve), old loyal
//     customers accumulate long histories and recent ones have had little time to return.
//     With the defaults (1M orders, 400k customers) about 29% of customers order more than once,
//     41% of those exactly twice, the top 1% of customers place ~25% of orders and the heaviest
//     customer a few hundred. Fewer customers per order (e.g. 10M orders, 400k customers) means
//     more repeat orders per loyal customer, but the one-time share stays at least 45%.
//   * --dropout P (default 0: nobody drops out, 0 to 0.5): each loyal customer gets, at
//     acquisition, their own drop-out probability p, uniform on [0, 2P] (mean P), and after each
//     of their orders (the first one included) stops buying for good with probability p: their
//     weight leaves the tree. This is the "death" process of BG/NBD and Pareto/NBD, with the
//     spread between customers that both models assume (one p for all makes BG/NBD's beta
//     mixing degenerate: its a and b run off to infinity). The draws come from their own
//     stream, so P = 0 writes the same bytes as without the flag. The repeat orders still
//     number rows - customers; should every loyal customer have dropped out, a repeat order
//     falls back to any acquired customer (see the fallback below).
//   * Totals: lognormal-like, built as a product of 12 independent uniform factors in
//     [0.64, 1.36] applied in Q16 fixed point to a base amount (log of the product is a sum of
//     12 terms, hence close to normal). Median about 55.00, sigma of log about 0.75: roughly 80% of
//     orders fall in 20-150, 99% below 350. 0.5% of orders are bulk orders multiplied by 2-8.
//     Minimum 1.00. Two decimals, currency always USD.
//   * Status: 96% paid, 3% refunded, 1% cancelled (cancelled orders keep their total).
//   * --line-items: about 30% of orders are written as 2 or 3 rows with the same order_id,
//     customer_id, order_date and status; the order total is split across the rows at random
//     and the cents add up exactly. --rows counts orders, so this outputs about 1.38x rows.
//
// Output is formatted by hand into a 4 MiB buffer written with fwrite (10M orders take a few
// seconds). Exit status: 0 on success, 1 on a write error, 2 on invalid flags.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using u64 = std::uint64_t;
using i64 = std::int64_t;

// ---------------------------------------------------------------------------------------------
// PRNG

u64 splitmix64(u64& state) {
  u64 z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

u64 rotl(u64 x, int k) { return (x << k) | (x >> (64 - k)); }

class Rng {  // xoshiro256**
 public:
  Rng(u64 seed, u64 stream) {
    u64 sm = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (u64& word : s_) word = splitmix64(sm);
  }
  u64 next() {
    const u64 result = rotl(s_[1] * 5, 7) * 9;
    const u64 t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n), n > 0. The modulo bias is below n / 2^64, irrelevant here.
  u64 below(u64 n) { return next() % n; }

 private:
  u64 s_[4];
};

// ---------------------------------------------------------------------------------------------
// Calendar (Howard Hinnant's algorithms, proleptic Gregorian, days since 1970-01-01)

i64 days_from_civil(i64 y, unsigned m, unsigned d) {
  y -= m <= 2;
  const i64 era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<i64>(doe) - 719468;
}

void civil_from_days(i64 z, i64& y, unsigned& m, unsigned& d) {
  z += 719468;
  const i64 era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<i64>(yoe) + era * 400 + (m <= 2);
}

bool is_leap(i64 y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(i64 y, unsigned m) {
  static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// ---------------------------------------------------------------------------------------------
// Flags

struct Options {
  u64 rows = 1000000;
  u64 customers = 400000;
  u64 seed = 1;
  i64 start_year = 2022;
  unsigned start_month = 1;
  unsigned start_day = 1;
  u64 years = 3;
  bool line_items = false;
  u64 dropout_ppm = 0;  // --dropout P in parts per million
};

const char kUsage[] =
    "usage: retain_generate [--rows N] [--customers N] [--seed N] [--start YYYY-MM-DD]\n"
    "                       [--years N] [--line-items] [--dropout P]\n"
    "Writes a deterministic synthetic orders CSV to stdout.\n"
    "  --rows N         number of orders (default 1000000)\n"
    "  --customers N    number of distinct customers (default 400000)\n"
    "  --seed N         random seed (default 1)\n"
    "  --start DATE     first day of the period, UTC, year 1970-9899 (default 2022-01-01)\n"
    "  --years N        length of the period in years, 1-100 (default 3)\n"
    "  --line-items     write ~30% of orders as 2-3 line-item rows sharing the order_id\n"
    "  --dropout P      after each order a repeat buyer stops for good with their own\n"
    "                   probability, uniform on [0, 2P]; P from 0 to 0.5 with up to 6\n"
    "                   decimals (default 0: nobody drops out)\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "retain_generate: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

bool parse_u64(const std::string& text, u64& out) {
  if (text.empty() || text.size() > 20) return false;
  u64 value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const u64 digit = static_cast<u64>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

// A number written 0, 1, 0.25, .5 or 1.000000 (at most 6 decimals), in parts per million;
// parsed exactly, without floating point, so the output cannot depend on the platform.
bool parse_millionths(const std::string& text, u64& ppm) {
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string decimals = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.size() > 1 || decimals.size() > 6 || (whole.empty() && decimals.empty())) return false;
  u64 units = 0, fraction = 0;
  if (!whole.empty() && !parse_u64(whole, units)) return false;
  if (!decimals.empty() && !parse_u64(decimals + std::string(6 - decimals.size(), '0'), fraction)) {
    return false;
  }
  ppm = units * 1000000 + fraction;
  return true;
}

bool parse_date(const std::string& text, Options& options) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  u64 y = 0, m = 0, d = 0;
  if (!parse_u64(text.substr(0, 4), y) || !parse_u64(text.substr(5, 2), m) ||
      !parse_u64(text.substr(8, 2), d)) {
    return false;
  }
  if (y < 1970 || y > 9899 || m < 1 || m > 12 || d < 1 || d > days_in_month(static_cast<i64>(y), unsigned(m))) {
    return false;
  }
  options.start_year = static_cast<i64>(y);
  options.start_month = static_cast<unsigned>(m);
  options.start_day = static_cast<unsigned>(d);
  return true;
}

Options parse_args(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    bool has_value = false;
    const std::size_t eq = flag.find('=');
    if (flag.compare(0, 2, "--") == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
      has_value = true;
    }
    if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (flag == "--line-items") {
      if (has_value) usage_error("--line-items takes no value");
      options.line_items = true;
      continue;
    }
    if (flag != "--rows" && flag != "--customers" && flag != "--seed" && flag != "--start" &&
        flag != "--years" && flag != "--dropout") {
      usage_error("unknown argument '" + std::string(argv[i]) + "'");
    }
    if (!has_value) {
      if (i + 1 >= argc) usage_error(flag + " needs a value");
      value = argv[++i];
    }
    bool ok = true;
    if (flag == "--rows") {
      ok = parse_u64(value, options.rows) && options.rows <= (u64{1} << 40);
    } else if (flag == "--customers") {
      ok = parse_u64(value, options.customers) && options.customers >= 1 &&
           options.customers <= (u64{1} << 32);
    } else if (flag == "--seed") {
      ok = parse_u64(value, options.seed);
    } else if (flag == "--start") {
      ok = parse_date(value, options);
    } else if (flag == "--dropout") {
      ok = parse_millionths(value, options.dropout_ppm) && options.dropout_ppm <= 500000;
    } else {  // --years
      ok = parse_u64(value, options.years) && options.years >= 1 && options.years <= 100;
    }
    if (!ok) usage_error("invalid value '" + value + "' for " + flag);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Output

class Writer {
 public:
  Writer() : buf_(kSize) {}
  // Returns a pointer with room for at least `n` (<= kSlack) bytes; call commit() after.
  char* room() {
    if (used_ + kSlack > buf_.size()) flush();
    return buf_.data() + used_;
  }
  void commit(char* end) { used_ = static_cast<std::size_t>(end - buf_.data()); }
  void flush() {
    if (used_ != 0 && std::fwrite(buf_.data(), 1, used_, stdout) != used_) failed_ = true;
    used_ = 0;
  }
  bool finish() {
    flush();
    return !failed_ && std::fflush(stdout) == 0;
  }

 private:
  static constexpr std::size_t kSize = std::size_t{4} << 20;
  static constexpr std::size_t kSlack = 4096;
  std::vector<char> buf_;
  std::size_t used_ = 0;
  bool failed_ = false;
};

unsigned digit_count(u64 value) {
  unsigned n = 1;
  while (value >= 10) {
    value /= 10;
    ++n;
  }
  return n;
}

// Writes `value` zero-padded to at least `width` digits.
char* put_padded(char* p, u64 value, unsigned width) {
  char tmp[24];
  unsigned n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n < width) tmp[n++] = '0';
  while (n != 0) *p++ = tmp[--n];
  return p;
}

char* put_2(char* p, unsigned value) {
  p[0] = static_cast<char>('0' + value / 10);
  p[1] = static_cast<char>('0' + value % 10);
  return p + 2;
}

char* put_cents(char* p, u64 cents) {
  p = put_padded(p, cents / 100, 1);
  *p++ = '.';
  return put_2(p, static_cast<unsigned>(cents % 100));
}

// ---------------------------------------------------------------------------------------------
// Customers: Fenwick tree of loyalty weights for proportional sampling.

class Fenwick {
 public:
  explicit Fenwick(u64 n) : tree_(n + 1, 0) {
    step_ = 1;
    while (step_ * 2 <= n) step_ *= 2;
  }
  void add(u64 index, u64 weight) {  // index is 0-based
    total_ += weight;
    change(index, weight);
  }
  // Takes back a weight added at `index` (the sums wrap modulo 2^64 and come back exact).
  void remove(u64 index, u64 weight) {
    total_ -= weight;
    change(index, 0 - weight);
  }
  u64 total() const { return total_; }
  // The 0-based index whose cumulative weight range contains r (r < total()).
  u64 find(u64 r) const {
    u64 pos = 0;
    for (u64 step = step_; step != 0; step >>= 1) {
      if (pos + step < tree_.size() && tree_[pos + step] <= r) {
        pos += step;
        r -= tree_[pos];
      }
    }
    return pos;
  }

 private:
  void change(u64 index, u64 delta) {
    for (u64 i = index + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
  }

  std::vector<u64> tree_;
  u64 step_ = 1;
  u64 total_ = 0;
};

// 45% of customers get weight 0 (one-time buyers); the others get (16..31) * 2^g with g
// geometric(1/2) capped at 7, a discrete Zipf-like law: P(w > x) ~ 1/x up to 3968.
u64 loyalty_weight(Rng& rng) {
  if (rng.below(100) < 45) return 0;
  const u64 bits = rng.next();
  unsigned g = 0;
  while (g < 7 && ((bits >> g) & 1) == 0) ++g;
  return (16 + rng.below(16)) << g;
}

// Lognormal-like order total in cents: product of 12 uniform factors in [0.64, 1.36] (Q16).
u64 order_total_cents(Rng& rng) {
  constexpr u64 kOne = 65536;
  constexpr u64 kLow = kOne * 64 / 100;
  constexpr u64 kHigh = kOne * 136 / 100;
  u64 value = u64{7350} << 16;  // base 73.50 compensates the -0.03 mean log of each factor
  for (int i = 0; i < 12; ++i) value = value * (kLow + rng.below(kHigh - kLow + 1)) >> 16;
  if (rng.below(1000) < 5) value *= 2 + rng.below(7);  // bulk order
  const u64 cents = value >> 16;
  return cents < 100 ? 100 : cents;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_args(argc, argv);

  const i64 start_day = days_from_civil(options.start_year, options.start_month, options.start_day);
  const i64 end_day = days_from_civil(options.start_year + static_cast<i64>(options.years),
                                      options.start_month, options.start_day);
  const u64 period = static_cast<u64>(end_day - start_day) * 86400;  // seconds
  const i64 start_second = start_day * 86400;

  const u64 rows = options.rows;
  const u64 customers = options.customers < rows ? options.customers : rows;
  const unsigned order_width = digit_count(rows) < 6 ? 6 : digit_count(rows);
  const unsigned customer_width = digit_count(customers) < 6 ? 6 : digit_count(customers);

  Rng date_rng(options.seed, 1);
  Rng customer_rng(options.seed, 2);
  Rng total_rng(options.seed, 3);
  Rng status_rng(options.seed, 4);
  Rng line_rng(options.seed, 5);
  Rng dropout_rng(options.seed, 6);

  Writer out;
  {
    static const char kHeader[] = "order_id,customer_id,order_date,total,currency,status\n";
    char* p = out.room();
    std::memcpy(p, kHeader, sizeof kHeader - 1);
    out.commit(p + sizeof kHeader - 1);
  }

  Fenwick loyalty(customers);
  // With --dropout, each customer's weight while they still buy (0 once dropped out) and
  // drop-out probability in parts per million.
  struct Buyer {
    u64 weight;
    u64 dropout_ppm;
  };
  std::vector<Buyer> buyers(options.dropout_ppm != 0 ? customers : 0);
  u64 acquired = 0;

  // Slice i of the period is [i * period / rows, (i + 1) * period / rows); tracked as quotient
  // and remainder so nothing overflows whatever the row count.
  const u64 slice_q = rows ? period / rows : 0;
  const u64 slice_r = rows ? period % rows : 0;
  u64 slice_start = 0, slice_rem = 0;

  i64 cached_day = INT64_MIN;
  char date_text[11] = {};

  for (u64 i = 0; i < rows; ++i) {
    // Date.
    u64 slice_end = slice_start + slice_q;
    u64 rem = slice_rem + slice_r;
    if (rem >= rows) {
      rem -= rows;
      ++slice_end;
    }
    const u64 width = slice_end - slice_start;
    const u64 offset = slice_start + (width ? date_rng.below(width) : 0);
    slice_start = slice_end;
    slice_rem = rem;
    const i64 second = start_second + static_cast<i64>(offset);
    const i64 day = second / 86400;  // second >= 0: the start year is >= 1970
    const unsigned sod = static_cast<unsigned>(second - day * 86400);
    if (day != cached_day) {
      cached_day = day;
      i64 y;
      unsigned m, d;
      civil_from_days(day, y, m, d);
      char* q = put_padded(date_text, static_cast<u64>(y), 4);
      *q++ = '-';
      q = put_2(q, m);
      *q++ = '-';
      put_2(q, d);
    }

    // Customer: new with probability (customers still to acquire) / (orders left).
    u64 customer;
    const bool is_new =
        acquired == 0 || (acquired < customers && customer_rng.below(rows - i) < customers - acquired);
    if (is_new) {
      customer = acquired++;
      const u64 weight = loyalty_weight(customer_rng);
      if (weight) loyalty.add(customer, weight);
      if (!buyers.empty()) {
        buyers[customer] = {weight, dropout_rng.below(2 * options.dropout_ppm + 1)};
      }
    } else if (loyalty.total() != 0) {
      customer = loyalty.find(customer_rng.below(loyalty.total()));
    } else {  // no loyal customer buying (the first few orders, or all dropped out): any one
      customer = customer_rng.below(acquired);
    }
    if (!buyers.empty() && buyers[customer].weight != 0 &&
        dropout_rng.below(1000000) < buyers[customer].dropout_ppm) {
      loyalty.remove(customer, buyers[customer].weight);
      buyers[customer].weight = 0;
    }

    const u64 cents = order_total_cents(total_rng);
    const u64 status_draw = status_rng.below(100);
    const char* status = status_draw < 96 ? "paid" : status_draw < 99 ? "refunded" : "cancelled";

    // Line items: split the total into 2-3 parts with shares 10..100 each.
    u64 parts[3] = {cents, 0, 0};
    unsigned part_count = 1;
    if (options.line_items && line_rng.below(100) < 30) {
      part_count = 2 + static_cast<unsigned>(line_rng.below(2));
      u64 shares[3], share_sum = 0;
      for (unsigned k = 0; k < part_count; ++k) share_sum += shares[k] = 10 + line_rng.below(91);
      u64 rest = cents;
      for (unsigned k = 0; k + 1 < part_count; ++k) rest -= parts[k] = cents * shares[k] / share_sum;
      parts[part_count - 1] = rest;  // >= 1 cent since cents >= 100 and every share >= 10
      // Rows that repeat each other whole read as one order given twice (README: repeated
      // orders), so no two parts are equal: move a cent from the last part.
      if (parts[0] == parts[1] || parts[0] == parts[part_count - 1] || parts[1] == parts[part_count - 1]) {
        parts[0] += 1;
        parts[part_count - 1] -= 1;
      }
    }

    for (unsigned k = 0; k < part_count; ++k) {
      char* p = out.room();
      *p++ = 'O';
      p = put_padded(p, i + 1, order_width);
      *p++ = ',';
      *p++ = 'c';
      p = put_padded(p, customer + 1, customer_width);
      *p++ = ',';
      std::memcpy(p, date_text, 10);
      p += 10;
      *p++ = 'T';
      p = put_2(p, sod / 3600);
      *p++ = ':';
      p = put_2(p, sod / 60 % 60);
      *p++ = ':';
      p = put_2(p, sod % 60);
      *p++ = 'Z';
      *p++ = ',';
      p = put_cents(p, parts[k]);
      std::memcpy(p, ",USD,", 5);
      p += 5;
      const std::size_t len = std::strlen(status);
      std::memcpy(p, status, len);
      p += len;
      *p++ = '\n';
      out.commit(p);
    }
  }

  if (!out.finish()) {
    std::fprintf(stderr, "retain_generate: write error\n");
    return 1;
  }
  return 0;
}
