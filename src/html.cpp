#include "retain/html.h"

#include "retain/display.h"
#include "retain/input.h"

namespace retain {

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
      case '\t':
      case static_cast<unsigned char>(kQuotedNewline):
        out.push_back(cp == '\t' ? '\t' : '\n');
        break;
      default:
        if (cp < 0x20) {
          append_utf8(out, 0x2400 + cp);  // control pictures: ␛ for ESC
        } else if (cp == 0x7F) {
          append_utf8(out, 0x2421);
        } else if (cp >= 0x80 && cp < 0xA0) {
          append_utf8(out, kReplacement);
        } else {
          append_utf8(out, cp);
        }
    }
  }
  return out;
}

}  // namespace retain
