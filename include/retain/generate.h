// What `retain --generate` writes: the man page and the shell completions, all made from the
// command line's own definition (the CLI11 app: its subcommands, flags and help text), so that
// they never disagree with `retain --help`.
#pragma once

#include <string>
#include <string_view>

#include "retain/names.h"

namespace CLI {
class App;
}

namespace retain {

enum class generated { man, bash, zsh, fish };
/// The names of --generate (names.h).
inline constexpr named<generated> kGeneratedNames[] = {{"man", generated::man},
                                                       {"bash", generated::bash},
                                                       {"zsh", generated::zsh},
                                                       {"fish", generated::fish}};

/// One file for `app` (the whole `retain` command line):
/// - man: a man(7) page, section 1: NAME, SYNOPSIS, then the help text of the app and of each
///   subcommand, verbatim (roff-escaped), and EXIT STATUS;
/// - bash, zsh, fish: a completion script that offers the subcommands, each subcommand's flags
///   (with their help in zsh and fish) and files.
/// `version` goes into the man page's header.
std::string generate(generated what, const CLI::App& app, std::string_view version);

}  // namespace retain
