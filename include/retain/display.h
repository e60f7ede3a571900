// Text as a terminal shows it: UTF-8 decoded with invalid bytes as U+FFFD, control characters
// made visible, and widths in display cells (a CJK character is two, a combining accent none).
// The output formats build their escaping on it (format.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace retain {

/// The size of the terminal on standard output in cells, for fitting a table to it.
struct terminal_size {
  std::size_t columns = 0;
  std::size_t rows = 0;  ///< 0 when unknown
};
/// nullopt unless standard output is a terminal; else its size: $COLUMNS and $LINES where they
/// are positive numbers, else what the terminal says (TIOCGWINSZ); nullopt without a width.
std::optional<terminal_size> stdout_terminal_size();

/// Stands for bytes that are not UTF-8.
constexpr char32_t kReplacement = 0xFFFD;

/// Decodes the code point at `pos` of `text` and moves `pos` past it. A byte sequence that is not
/// UTF-8 (a stray continuation byte, a truncated, overlong or surrogate sequence, above U+10FFFF)
/// is U+FFFD, one for each maximal invalid part (Unicode's "substitution of maximal subparts").
/// `pos` must be before the end.
char32_t next_code_point(std::string_view text, std::size_t& pos);

/// Appends `cp` in UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// Display cells of a code point on a terminal: 0 for combining marks and format characters
/// (zero-width joiner, bidi marks), 2 for East Asian wide and fullwidth characters (CJK, most
/// emoji), else 1; 0 for control characters, which terminal_text() never lets through.
///
/// A table of our own rather than wcwidth(3): the C library's answer depends on setlocale() and
/// the user's locale (under LANG=C or from cron it returns -1 for every non-ASCII character) and
/// on the C library's Unicode version, so the same report would align differently from one
/// machine to the next. The tables come from scripts/gen_display_tables.py.
int code_point_width(char32_t cp);

/// Display cells of UTF-8 text: the sum of its code points' widths (invalid bytes count as the
/// U+FFFD that replaces them). Emoji sequences joined by U+200D count each emoji; terminals differ
/// on them anyway.
std::size_t display_width(std::string_view text);

/// Text safe to write to a terminal: valid UTF-8 (invalid bytes as U+FFFD), with no control
/// character. A line break (LF, or the kQuotedNewline that stands for one inside a quoted field) is
/// "␤" (U+2424; a CR before it is dropped), the other C0 controls their Unicode control pictures ("␛" for ESC, "␉" for tab,
/// "␍" for CR), DEL "␡", and the C1 controls (U+0080-U+009F, which some terminals obey) U+FFFD.
std::string terminal_text(std::string_view text);

/// terminal_text() of each line of `text`, the line breaks kept: for messages on stderr, which
/// quote bytes of the input (bad rows, statuses, header names).
std::string terminal_lines(std::string_view text);

}  // namespace retain
