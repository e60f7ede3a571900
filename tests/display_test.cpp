#include "retain/display.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using retain::display_width;
using retain::terminal_text;

namespace {

std::vector<char32_t> decode(const std::string& text) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0; pos < text.size();) out.push_back(retain::next_code_point(text, pos));
  return out;
}

}  // namespace

TEST_CASE("UTF-8 decodes to code points and every maximal invalid part is one U+FFFD",
          "[display]") {
  CHECK(decode("a\xc3\xa9\xe9\xa1\xa7\xf0\x9f\x98\x80") ==
        std::vector<char32_t>{'a', 0xE9, 0x9867, 0x1F600});
  CHECK(decode("\xff") == std::vector<char32_t>{0xFFFD});                 // never in UTF-8
  CHECK(decode("\x80\x80") == std::vector<char32_t>{0xFFFD, 0xFFFD});     // stray continuations
  CHECK(decode("\xe9\xa1z") == std::vector<char32_t>{0xFFFD, 'z'});       // truncated: one
  CHECK(decode("\xc0\xaf") == std::vector<char32_t>{0xFFFD, 0xFFFD});     // overlong '/'
  CHECK(decode("\xed\xa0\x80") == std::vector<char32_t>{0xFFFD, 0xFFFD, 0xFFFD});  // surrogate
  CHECK(decode("\xf4\x90\x80\x80").size() == 4);                          // above U+10FFFF
  CHECK(decode("\xe9") == std::vector<char32_t>{0xFFFD});                 // cut at the end
}

TEST_CASE("Widths are display cells: CJK and emoji two, combining accents none", "[display]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("\xe9\xa1\xa7\xe5\xae\xa2") == 4);          // 顧客
  CHECK(display_width("e\xcc\x81") == 1);                          // e + U+0301
  CHECK(display_width("\xc3\xa9") == 1);                           // é precomposed
  CHECK(display_width("\xf0\x9f\x98\x80") == 2);                   // 😀
  CHECK(display_width("\xef\xbc\xa1") == 2);                       // fullwidth Ａ
  CHECK(display_width("\xe2\x80\x8b") == 0);                       // zero-width space
  CHECK(display_width("\xed\x95\x9c") == 2);                       // 한
  CHECK(display_width("\xff") == 1);                               // as its U+FFFD
}

TEST_CASE("Terminal text has no control character and shows line breaks as a symbol",
          "[display]") {
  CHECK(terminal_text("plain \xc3\xa9 \xe9\xa1\xa7") == "plain \xc3\xa9 \xe9\xa1\xa7");
  CHECK(terminal_text("\x1b[31mred\x1b[0m") == "\xe2\x90\x9b[31mred\xe2\x90\x9b[0m");  // ␛
  CHECK(terminal_text("a\nb\x1e" "c\r\nd") == "a\xe2\x90\xa4" "b\xe2\x90\xa4" "c\xe2\x90\xa4" "d");
  CHECK(terminal_text("a\rb") == "a\xe2\x90\x8d" "b");                                  // ␍
  CHECK(terminal_text("\t\x07\x7f") == "\xe2\x90\x89\xe2\x90\x87\xe2\x90\xa1");           // ␉␇␡
  CHECK(terminal_text("\xc2\x9b" "2J") == "\xef\xbf\xbd" "2J");  // C1 CSI
  CHECK(terminal_text("bad\xff") == "bad\xef\xbf\xbd");
}
