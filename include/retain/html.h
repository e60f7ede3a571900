// HTML escaping, the one rule for every text of the HTML report (html, svg_chart, report): a value
// from the input (a customer id, a group value, a file name, a status) is text in the page, never
// markup, inside an element or a quoted attribute, in HTML and in inline SVG alike.
#pragma once

#include <string>
#include <string_view>

namespace retain {

/// `text` as element content or a double- or single-quoted attribute value: & < > " ' as
/// character references; always valid UTF-8 (invalid bytes as U+FFFD); a line break of the input
/// (also the loader's kQuotedNewline) as a newline; other C0 controls and DEL as their Unicode
/// control pictures (U+2400...), C1 controls as U+FFFD, so that no byte of the input is markup
/// or an invisible character.
std::string html_text(std::string_view text);

}  // namespace retain
