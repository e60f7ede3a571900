#include "retain/row_decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "retain/date_layouts.h"
#include "retain/interner.h"
#include "retain/loader.h"
#include "retain/money_text.h"
#include "retain/order_rules.h"
#include "retain/sniff.h"
#include "retain/statuses.h"

namespace retain {
namespace {

void to_lower(char* text) {
  for (char* c = text; *c != '\0'; ++c) *c = static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
}

}  // namespace

row_decoder::row_decoder(const input_plan& plan, const load_options& options)
    : plan_(plan),
      options_(options),
      dates_(plan.date_format),
      group_field_(plan.columns.reader(role::group)),
      totals_(plan.columns.amount == amount_kind::order_total ||
              (plan.columns.amount == amount_kind::unknown &&
               plan.columns.amount_hint == amount_kind::order_total)) {}

std::string_view row_decoder::field(const row_fields& fields, role r) {
  const char* f = fields[static_cast<std::size_t>(r)];
  return f == nullptr ? std::string_view() : std::string_view(f);
}

void row_decoder::decode(const row_fields& fields, decoded_row& row) {
  row = decoded_row{};
  const column_map& map = plan_.columns;
  row.order_id = field(fields, role::order);
  row.line_item = !row.order_id.empty();
  auto bad = [&](const char* kind, std::string reason) {
    row.problem = kind;
    row.reason = std::move(reason);
  };

  std::string_view date_text = field(fields, role::date);
  if (!date_text.empty()) {
    date_result date = dates_.parse(date_text);
    if (date.problem != nullptr) {
      std::string reason = fmt::format("date \"{}\" {}", date_text, date.problem);
      const std::string layout = suggest_date_format(date_text);
      if (!layout.empty() && layout != plan_.date_format) {
        reason += fmt::format(" (--date-format {} reads it)", layout);
      }
      return bad("a date that cannot be read", std::move(reason));
    }
    row.day = date.day;
    row.has_day = true;
  } else if (!row.line_item) {
    return bad("an empty date", "the date is empty");
  }

  std::string_view mark;  // the currency the amount names
  if (!read_amount(fields, row, mark)) return;
  if (map.has(role::refunded)) {
    std::string_view text = field(fields, role::refunded);
    if (!text.empty()) {
      money_result amount = parse_money(text, plan_.decimal_mark);
      if (amount.problem != nullptr) {
        return bad("a refunded amount that cannot be read",
                   fmt::format("refunded amount \"{}\" {}", text, amount.problem));
      }
      row.refunded = amount.cents < 0 ? -amount.cents : amount.cents;
      // Etsy's "Adjusted Order Total" is what is left after refunds.
      if (map.refunded_is_remaining) {
        row.refunded = row.has_amount ? std::max<cents_t>(0, row.cents - amount.cents) : 0;
      }
    }
  }
  std::string_view refund_of = field(fields, role::refund_of);
  row.payment = is_payment_received(field(fields, role::kind));
  row.refund = row.has_amount && row.cents < 0 &&
               (!refund_of.empty() || (totals_ && row.line_item && row.payment));
  if (row.refund) {
    if (!refund_of.empty()) row.order_id = refund_of;
    row.line_item = true;
    row.refund_link = !refund_of.empty();
    row.refunded = -row.cents;
    row.cents = 0;
    row.has_amount = false;
  }
  // Spreadsheet exports end with a row of totals (Gumroad's "Totals"): not an order.
  row.totals_row = date_text.empty() && is_totals_label(row.order_id);
  if (row.totals_row) return;

  // A refund names the shop or the buyer, on the day of the refund: the order it refers to
  // keeps its own customer and day.
  if (row.refund) {
    row.has_day = false;
  } else {
    char* customer = fields[static_cast<std::size_t>(role::customer)];
    if (customer != nullptr) {
      if (std::strchr(customer, '@') != nullptr) to_lower(customer);  // e-mails ignore case
      row.customer = customer;
      row.customer_hash = interner::hash(row.customer);
    }
    if (map.has(role::email)) row.email = field(fields, role::email);
  }
  read_status(field(fields, role::status), field(fields, role::cancelled_at), row);
  row.group = field(fields, group_field_);
  const std::string_view currency = field(fields, role::currency);
  if (!currency.empty()) {
    row.currency.assign(currency);
    for (char& c : row.currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!mark.empty() && mark.size() == 3 && mark != row.currency) {
      return bad("amounts in two currencies",
                 fmt::format("the amount is in {} but the currency column says {}", mark, row.currency));
    }
  } else {
    row.currency.assign(mark);
  }
}

// The amount: the sum of the amount columns, or quantity x price. False for a bad row.
bool row_decoder::read_amount(const row_fields& fields, decoded_row& row, std::string_view& mark) {
  const column_map& map = plan_.columns;
  auto bad = [&](const char* kind, std::string reason) {
    row.problem = kind;
    row.reason = std::move(reason);
    return false;
  };
  if (map.has(role::amount)) {
    for (std::size_t part = 0; part < kAmountParts; ++part) {
      const role r = amount_part(part);
      if (!map.has(r)) continue;
      std::string_view text = field(fields, r);
      if (text.empty()) continue;
      money_result amount = parse_money(text, plan_.decimal_mark);
      if (amount.problem != nullptr) {
        return bad("an amount that cannot be read",
                   fmt::format("amount \"{}\" {}", text, amount.problem));
      }
      if (!amount.currency.empty()) {
        if (!mark.empty() && mark != amount.currency) {
          return bad("amounts in two currencies",
                     fmt::format("amounts \"{}\" name two currencies", text));
        }
        mark = amount.currency;
      }
      if (!checked_add(row.cents, amount.cents, row.cents)) {
        return bad("an amount that cannot be read", "the amounts' sum is too large");
      }
      row.has_amount = true;
    }
    if (!row.has_amount && !row.line_item) return bad("an empty amount", "the amount is empty");
    return true;
  }
  std::string_view quantity_text = field(fields, role::quantity);
  std::string_view price_text = field(fields, role::price);
  if (quantity_text.empty() && price_text.empty() && row.line_item) return true;
  std::int64_t quantity = 0;
  if (!parse_count(quantity_text, quantity)) {
    return bad("a quantity that cannot be read",
               fmt::format("quantity \"{}\" is not a whole number", quantity_text));
  }
  money_result price = parse_money(price_text, plan_.decimal_mark);
  if (price.problem != nullptr) {
    return bad("a price that cannot be read", fmt::format("price \"{}\" {}", price_text, price.problem));
  }
  mark = price.currency;
  if (!checked_multiply(price.cents, quantity, row.cents)) {
    return bad("an amount that cannot be read", "quantity times price is too large");
  }
  row.has_amount = true;
  return true;
}

void row_decoder::read_status(std::string_view text, std::string_view cancelled_at, decoded_row& row) {
  const column_map& map = plan_.columns;
  const bool c_invoice = map.c_invoices_cancel && !row.order_id.empty() &&
                         (row.order_id.front() == 'C' || row.order_id.front() == 'c');
  // A cancellation column or a C invoice cancels whatever the status says (and whatever the
  // status lists are).
  if (!cancelled_at.empty() || c_invoice) {
    row.status = {"cancelled", true, false, true, false};
    return;
  }
  if (text.empty() && !map.status_is_refund_flag) {
    row.status.included = options_.include_statuses.empty();
    return;
  }
  // Rows mostly repeat the status of the row before: its meaning is kept.
  if (!status_known_ || text != status_text_) {
    status_text_.assign(text);
    status_known_ = true;
    status_ = status_meaning_of_row{};
    if (map.status_is_refund_flag) {  // Gumroad's "Fully Refunded?": a yes/no, not a status
      const std::string folded = fold_status(text);
      status_.refunded = folded == "1" || folded == "true" || folded == "yes";
    } else {
      const status_verdict verdict = judge_status(text, options_.include_statuses, options_.exclude_statuses);
      // With --include-status an unlisted status is not included; without, it is excluded.
      if (options_.include_statuses.empty()) {
        status_.excluded = verdict == status_verdict::left_out;
      } else {
        status_.included = verdict != status_verdict::left_out;
      }
      status_.unknown = verdict == status_verdict::unknown;
      status_.refunded = verdict == status_verdict::refunded;
    }
  }
  row.status = status_;
  // The text is the row's own field, which outlives the next row's decoding.
  if (status_.excluded || status_.unknown) row.status.text = text;
}

}  // namespace retain
