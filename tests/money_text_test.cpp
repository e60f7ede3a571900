#include "retain/money_text.h"

#include <catch2/catch.hpp>

#include <string>

using namespace retain;  // NOLINT

namespace {

// No-break space U+00A0 and narrow no-break space U+202F (PrestaShop's French locale writes them),
// and U+2019, the apostrophe Swiss locales print.
#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define RSQUO "\xE2\x80\x99"

// "cents" or "cents CURRENCY" for an amount read, else the problem.
std::string read(std::string_view text, char decimal_mark = '.') {
  money_result r = parse_money(text, decimal_mark);
  if (r.problem != nullptr) return r.problem;
  std::string out = std::to_string(r.cents);
  if (!r.currency.empty()) out += " " + std::string(r.currency);
  return out;
}

}  // namespace

TEST_CASE("Plain amounts are read into exact cents", "[money_text]") {
  CHECK(read("1234.5") == "123450");
  CHECK(read("1234") == "123400");
  CHECK(read("-3") == "-300");
  CHECK(read("+7") == "700");
  CHECK(read("0.07") == "7");
  CHECK(read(".5") == "50");
  CHECK(read("5.") == "500");
  CHECK(read("-0.00") == "0");
  CHECK(read("1,234.50") == "123450");
  CHECK(read("1,234,567") == "123456700");
  CHECK(read(" 12.30 ") == "1230");
  CHECK(read("\t12.30\t") == "1230");
  CHECK(read(NBSP "12.30" NNBSP) == "1230");
  CHECK(read("12.5000") == "1250");  // further zeros lose nothing
  CHECK(read("92233720368547758.07") == "9223372036854775807");
  CHECK(read("-92233720368547758.07") == "-9223372036854775807");
}

TEST_CASE("A decimal comma swaps the roles of comma and point", "[money_text]") {
  CHECK(read("1.234,50", ',') == "123450");
  CHECK(read("12,5", ',') == "1250");
  CHECK(read("-0,07", ',') == "-7");
  CHECK(read(",5", ',') == "50");
  CHECK(read("1.234.567", ',') == "123456700");
  CHECK(read("1,234.50", ',') == "has more than 2 decimals");
  CHECK(read("12,345", ',') == "has more than 2 decimals");
  CHECK(read("12.50", ',') == "has a thousands separator out of place");
}

TEST_CASE("A sign before the number names its currency", "[money_text]") {
  CHECK(read("$12.00") == "1200 $");
  CHECK(read("€5") == "500 EUR");
  CHECK(read("£1.5") == "150 GBP");
  CHECK(read("¥1200") == "120000 ¥");
  CHECK(read("₹1,00,000") == "has a thousands separator out of place");  // lakh groups: not read
  CHECK(read("₹100,000") == "10000000 INR");
  CHECK(read("US$12") == "1200 USD");
  CHECK(read("R$ 1.234,56", ',') == "123456 BRL");
  CHECK(read("A$12") == "1200 AUD");
  CHECK(read("AU$12") == "1200 AUD");
  CHECK(read("C$12") == "1200 CAD");
  CHECK(read("CA$12") == "1200 CAD");
  CHECK(read("NZ$12") == "1200 NZD");
  CHECK(read("HK$12") == "1200 HKD");
  CHECK(read("€ 12,00", ',') == "1200 EUR");
  CHECK(read("kr 12,00", ',') == "1200 kr");
}

TEST_CASE("A sign or code after the number is read with or without a space", "[money_text]") {
  CHECK(read("12,00 €", ',') == "1200 EUR");
  CHECK(read("12.00€") == "1200 EUR");
  CHECK(read("12.00 EUR") == "1200 EUR");
  CHECK(read("12.00EUR") == "1200 EUR");
  CHECK(read("5,00 zł", ',') == "500 PLN");
  CHECK(read("12,00 kr", ',') == "1200 kr");
  CHECK(read("12 $") == "1200 $");
  CHECK(read("12" NBSP "€") == "1200 EUR");
  CHECK(read("12" NNBSP "€") == "1200 EUR");
}

TEST_CASE("Three-letter codes are read in any case and returned uppercase", "[money_text]") {
  CHECK(read("EUR 12.00") == "1200 EUR");
  CHECK(read("USD 1,234.50") == "123450 USD");
  CHECK(read("CHF 5.00") == "500 CHF");
  CHECK(read("usd 5") == "500 USD");
  CHECK(read("5 Eur") == "500 EUR");
  CHECK(read("eur12") == "1200 EUR");
}

TEST_CASE("The currency is static text, never a view of the input", "[money_text]") {
  const std::string text = "usd 5";
  std::string_view currency = parse_money(text).currency;
  CHECK(currency == "USD");
  CHECK_FALSE((currency.data() >= text.data() && currency.data() < text.data() + text.size()));
  CHECK(parse_money("12").currency.empty());
  CHECK(parse_money("$x").currency.empty());
}

TEST_CASE("Spaces, no-break spaces and apostrophes group thousands", "[money_text]") {
  CHECK(read("1 234,50 €", ',') == "123450 EUR");
  CHECK(read("1" NBSP "234,50" NBSP "€", ',') == "123450 EUR");
  CHECK(read("1" NNBSP "234,50" NNBSP "€", ',') == "123450 EUR");
  CHECK(read("1" NNBSP "234" NNBSP "567,00" NNBSP "€", ',') == "123456700 EUR");
  CHECK(read("1 234.50") == "123450");
  CHECK(read("USD 12 000") == "1200000 USD");
  CHECK(read("1'234.50") == "123450");
  CHECK(read("CHF 1'234'567.50") == "123456750 CHF");
  CHECK(read("1" RSQUO "234.50") == "123450");
  CHECK(read("1'234,50", ',') == "123450");
}

TEST_CASE("Thousands groups must be whole and of one kind", "[money_text]") {
  CHECK(read("12,50") == "has a thousands separator out of place");
  CHECK(read("1,23,456") == "has a thousands separator out of place");
  CHECK(read("1234,567") == "has a thousands separator out of place");
  CHECK(read("0,123") == "has a thousands separator out of place");
  CHECK(read(",123") == "is not a number");
  CHECK(read("1,234,") == "has a thousands separator out of place");
  CHECK(read("12 34") == "has a thousands separator out of place");
  CHECK(read("1 2345") == "has a thousands separator out of place");
  CHECK(read("1" NBSP "23") == "has a thousands separator out of place");
  CHECK(read("1,234 567") == "has a thousands separator out of place");
  CHECK(read("1 234" NBSP "567") == "has a thousands separator out of place");
  CHECK(read("1'234,567.00") == "has a thousands separator out of place");
  CHECK(read("1''234") == "has a thousands separator out of place");
  CHECK(read("1  234") == "is not a number");  // a space not before a digit ends the number
}

TEST_CASE("Parentheses and signs make negatives", "[money_text]") {
  CHECK(read("(12.00)") == "-1200");
  CHECK(read("($12.00)") == "-1200 $");
  CHECK(read("$(12.00)") == "-1200 $");
  CHECK(read("$ (12.00)") == "-1200 $");
  CHECK(read("(12,00 €)", ',') == "-1200 EUR");
  CHECK(read("(12,00) €", ',') == "-1200 EUR");
  CHECK(read("( 12.00 )") == "-1200");
  CHECK(read("-$12.00") == "-1200 $");
  CHECK(read("$-12.00") == "-1200 $");
  CHECK(read("-€5") == "-500 EUR");
  CHECK(read("€ -12,00", ',') == "-1200 EUR");
  CHECK(read("-12,00 €", ',') == "-1200 EUR");
  CHECK(read("EUR -12.00") == "-1200 EUR");
  CHECK(read("- 12.00") == "-1200");  // nothing else could be meant
  CHECK(read("+$5") == "500 $");
}

TEST_CASE("Signs and parentheses out of place are refused", "[money_text]") {
  CHECK(read("--5") == "is not a number");
  CHECK(read("+-5") == "is not a number");
  CHECK(read("-$-5") == "is not a number");
  CHECK(read("(-12)") == "is not a number");
  CHECK(read("-(12)") == "is not a number");
  CHECK(read("((12))") == "is not a number");
  CHECK(read("(12") == "is not a number");
  CHECK(read("12)") == "is not a number");
  CHECK(read("(12))") == "is not a number");
  CHECK(read("12-") == "is not a number");
  CHECK(read("12.00 -") == "is not a number");
  CHECK(read("-") == "is not a number");
  CHECK(read("()") == "is not a number");
}

TEST_CASE("Two currency marks are refused", "[money_text]") {
  CHECK(read("$12 EUR") == "has two currency marks");
  CHECK(read("€12 €") == "has two currency marks");
  CHECK(read("$12 USD") == "has two currency marks");
  CHECK(read("US$ $5") == "has two currency marks");
  CHECK(read("EUR $5") == "has two currency marks");
  CHECK(read("(€12) EUR") == "has two currency marks");
}

TEST_CASE("Amounts that are not exact numbers are refused", "[money_text]") {
  CHECK(read("") == "is empty");
  CHECK(read("  \t") == "is empty");
  CHECK(read(NBSP NNBSP) == "is empty");
  CHECK(read("1.234") == "has more than 2 decimals");
  CHECK(read("12.345x") == "has more than 2 decimals");
  CHECK(read("1e5") == "is not a number");
  CHECK(read("NaN") == "is not a number");
  CHECK(read("inf") == "is not a number");
  CHECK(read("12,3x") == "is not a number");
  CHECK(read(".") == "is not a number");
  CHECK(read("$") == "is not a number");
  CHECK(read("EUR") == "is not a number");
  CHECK(read("12 EU") == "is not a number");
  CHECK(read("EURO 12") == "is not a number");
  CHECK(read("XY$12") == "is not a number");
  CHECK(read("Fr. 5") == "is not a number");
  CHECK(read("12.00 12") == "is not a number");
  CHECK(read("1.2.3") == "is not a number");
  CHECK(read("0x1F") == "is not a number");
  CHECK(read("99999999999999999999") == "is out of range");
  CHECK(read("92233720368547758.08") == "is out of range");
  CHECK(read("-92233720368547758.08") == "is out of range");
  CHECK(read("$92,233,720,368,547,758.08") == "is out of range");
}

namespace {

std::string describe(const decimal_mark_choice& c) {
  return std::string(1, c.mark) + " | " + c.evidence + " | " + c.problem;
}

}  // namespace

TEST_CASE("One or two digits after a mark decide it", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"12,50"})) == ", | \"12,50\" has 2 digits after ',' | ");
  CHECK(describe(choose_decimal_mark({"12,5"})) == ", | \"12,5\" has 1 digit after ',' | ");
  CHECK(describe(choose_decimal_mark({"12.50"})) == ". | \"12.50\" has 2 digits after '.' | ");
  CHECK(describe(choose_decimal_mark({"12.5000"})) == ". | \"12.5000\" has 4 digits after '.' | ");
  CHECK(describe(choose_decimal_mark({"7", "3,10", "12,50"})) ==
        ", | \"3,10\" has 2 digits after ',' | ");
}

TEST_CASE("Both marks in one amount decide the last one", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"1.234,50"})) == ", | \"1.234,50\" has ',' after '.' | ");
  CHECK(describe(choose_decimal_mark({"1,234.50"})) == ". | \"1,234.50\" has '.' after ',' | ");
}

TEST_CASE("A mark written twice in one amount groups thousands", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"1.234.567"})) ==
        ", | \"1.234.567\" has '.' more than once | ");
  CHECK(describe(choose_decimal_mark({"1,234,567"})) ==
        ". | \"1,234,567\" has ',' more than once | ");
}

TEST_CASE("Three digits after what cannot lead a group of thousands decide", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"1234,560"})) ==
        ", | \"1234,560\" has 3 digits after ',' and \"1234\" before it, which cannot lead a "
        "group of thousands | ");
  CHECK(describe(choose_decimal_mark({"0.120"})) ==
        ". | \"0.120\" has 3 digits after '.' and \"0\" before it, which cannot lead a group of "
        "thousands | ");
}

TEST_CASE("Amounts that decide rule over ambiguous ones", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"1,234", "12.50"})) ==
        ". | \"12.50\" has 2 digits after '.' | ");
  CHECK(describe(choose_decimal_mark({"1.234", "2,50", "1.230"})) ==
        ", | \"2,50\" has 2 digits after ',' | ");
}

TEST_CASE("Ambiguous amounts with nothing to decide are a problem", "[money_text]") {
  decimal_mark_choice c = choose_decimal_mark({"1,234", "12", "5.678"});
  CHECK(c.mark == '.');
  CHECK(c.evidence == "\"1,234\" has 3 digits after ',', a group of thousands or 3 decimals");
  CHECK(c.problem ==
        "no amount in the sample shows the decimal mark, and \"1,234\" has 3 digits after ',', a "
        "group of thousands or 3 decimals: set --decimal-point (1,234.50) or --decimal-comma "
        "(1.234,50)");
}

TEST_CASE("Amounts that decide both marks are a problem", "[money_text]") {
  decimal_mark_choice c = choose_decimal_mark({"12,50", "1,234", "3.99", "4,10"});
  CHECK(c.mark == '.');
  CHECK(c.evidence == "\"12,50\" has 2 digits after ','; \"3.99\" has 2 digits after '.'");
  CHECK(c.problem ==
        "the amounts mix decimal marks (\"12,50\" has 2 digits after ',', but \"3.99\" has 2 "
        "digits after '.'): neither the default '.' nor --decimal-comma reads them all");
}

TEST_CASE("Without a decimal mark in the sample '.' is assumed", "[money_text]") {
  const std::string none = ". | no amount in the sample has a decimal mark; '.' assumed | ";
  CHECK(describe(choose_decimal_mark({"12", "", "1 234", "$5", "(7)"})) == none);
  CHECK(describe(choose_decimal_mark({})) == none);
}

TEST_CASE("Blank values and values read with neither mark are ignored", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"", "  ", "n/a", "1.234,567", "12,50"})) ==
        ", | \"12,50\" has 2 digits after ',' | ");
}

TEST_CASE("Currency marks and spaces around an amount do not hide its mark", "[money_text]") {
  CHECK(describe(choose_decimal_mark({"12,50 €"})) == ", | \"12,50 €\" has 2 digits after ',' | ");
  CHECK(describe(choose_decimal_mark({" ($1,234.50) "})) ==
        ". | \"($1,234.50)\" has '.' after ',' | ");
  CHECK(describe(choose_decimal_mark({"1" NNBSP "234,50" NNBSP "€"})) ==
        ", | \"1" NNBSP "234,50" NNBSP "€\" has 2 digits after ',' | ");
}
