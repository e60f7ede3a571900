// "Did you mean": the known name nearest a misspelt one, by edit distance, for the flags and
// subcommands that a command line gets wrong.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retain {

/// The fewest single-character insertions, deletions, substitutions and swaps of two adjacent
/// characters that turn `a` into `b` (optimal string alignment distance), by bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest `word`, if one is within `max_distance` edits and closer than half of
/// `word`'s length (so "-x" suggests nothing); the first of equally near ones.
std::optional<std::string> nearest_name(std::string_view word,
                                        const std::vector<std::string>& candidates,
                                        std::size_t max_distance = 2);

}  // namespace retain
