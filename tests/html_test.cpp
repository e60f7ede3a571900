#include "retain/html.h"

#include <catch2/catch.hpp>

using retain::html_text;

TEST_CASE("Markup in a value is text: tags, quotes and ampersands are character references",
          "[html]") {
  CHECK(html_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(html_text("\" onload=\"alert(1)") == "&quot; onload=&quot;alert(1)");
  CHECK(html_text("' onmouseover='x'") == "&#39; onmouseover=&#39;x&#39;");
  CHECK(html_text("Tom & Jerry") == "Tom &amp; Jerry");
  CHECK(html_text("&lt;") == "&amp;lt;");
}

TEST_CASE("Invalid UTF-8 and control characters never reach the page", "[html]") {
  CHECK(html_text("a\xff"
                  "b") ==
        "a\xEF\xBF\xBD"
        "b");                                          // U+FFFD
  CHECK(html_text("\x1b[31m") == "\xE2\x90\x9B[31m");  // ␛[31m
  CHECK(html_text("a\x7f") == "a\xE2\x90\xA1");        // ␡
  CHECK(html_text("a\xC2\x85"
                  "b") ==
        "a\xEF\xBF\xBD"
        "b");                                                  // C1 NEL
  CHECK(html_text("two\x1elines\ttab") == "two\nlines\ttab");  // a quoted newline of the input
  CHECK(html_text("Zoë 東京 🙂") == "Zoë 東京 🙂");
}
