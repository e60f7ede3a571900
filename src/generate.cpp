#include "retain/generate.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

namespace retain {
namespace {

// A flag as the completions offer it.
struct flag {
  std::vector<std::string> names;  // --window, -w
  std::string help;                // the first line of its help, up to the first period
  bool takes_value = false;
};

struct command {
  std::string name;  // empty for the app itself
  std::string help;
  std::vector<flag> flags;
};

std::string first_sentence(const std::string& text) {
  std::string out = text.substr(0, text.find_first_of(".\n("));
  while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
  return out;
}

std::vector<flag> flags_of(const CLI::App& app) {
  std::vector<flag> flags;
  for (const CLI::Option* option : app.get_options()) {
    flag f;
    for (const std::string& name : option->get_lnames()) f.names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) f.names.push_back("-" + name);
    if (f.names.empty()) continue;  // the files
    f.help = first_sentence(option->get_description());
    f.takes_value = !option->get_type_name().empty();  // a flag has no value type
    flags.push_back(std::move(f));
  }
  return flags;
}

// The app (name empty) and its subcommands; a subcommand with subcommands of its own (retain sql
// metrics, ...) completes the flags of all of them.
std::vector<command> commands_of(const CLI::App& app) {
  std::vector<command> commands = {{"", first_sentence(app.get_description()), flags_of(app)}};
  for (const CLI::App* sub : app.get_subcommands({})) {
    std::vector<flag> flags = flags_of(*sub);
    for (const CLI::App* nested : sub->get_subcommands({})) {
      for (flag& f : flags_of(*nested)) {
        const bool known = std::any_of(flags.begin(), flags.end(), [&](const flag& g) { return g.names == f.names; });
        if (!known) flags.push_back(std::move(f));
      }
    }
    commands.push_back({sub->get_name(), first_sentence(sub->get_description()), std::move(flags)});
  }
  return commands;
}

// Text inside single quotes of a shell: ' as '\''.
std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A line of preformatted roff text: backslashes escaped, and a leading . or ' made literal.
std::string roff_line(const std::string& line) {
  std::string out = line.empty() || (line[0] != '.' && line[0] != '\'') ? "" : "\\&";
  for (char c : line) out += c == '\\' ? std::string("\\e") : std::string(1, c);
  return out;
}

std::string roff_block(const std::string& text) {
  std::string out = ".nf\n";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += roff_line(text.substr(start, end - start)) + "\n";
    start = end + 1;
  }
  return out + ".fi\n";
}

std::string man_page(const CLI::App& app, std::string_view version) {
  std::string out = fmt::format(
      ".TH RETAIN 1 \"\" \"retain {}\" \"User Commands\"\n"
      ".SH NAME\n"
      "retain \\- {}\n"
      ".SH SYNOPSIS\n"
      ".B retain\n"
      "[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n"
      ".SH DESCRIPTION\n",
      version, first_sentence(app.get_description()).substr(sizeof("retain: ") - 1));
  out += roff_block(app.help());
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    out += fmt::format(".SS {}\n", sub->get_name());
    out += roff_block(sub->help());
    for (const CLI::App* nested : sub->get_subcommands({})) {  // retain sql metrics, ...
      out += fmt::format(".SS {} {}\n", sub->get_name(), nested->get_name());
      out += roff_block(nested->help());
    }
  }
  out +=
      ".SH EXIT STATUS\n"
      "0 success, 1 input or data error, 2 usage error.\n"
      ".SH SEE ALSO\n"
      "The README of the source tree: how exports are read, every definition.\n";
  return out;
}

std::string all_names(const std::vector<flag>& flags) {
  std::vector<std::string> names;
  for (const flag& f : flags) names.insert(names.end(), f.names.begin(), f.names.end());
  return fmt::format("{}", fmt::join(names, " "));
}

std::string bash_script(const std::vector<command>& commands) {
  std::vector<std::string> names = {"help"};
  std::string cases;
  for (const command& c : commands) {
    if (!c.name.empty()) names.push_back(c.name);
    cases += fmt::format("    {}) flags={} ;;\n", c.name.empty() ? "''" : c.name,
                         single_quoted(all_names(c.flags)));
  }
  return fmt::format(
      "# bash completion for retain (written by retain --generate bash)\n"
      "_retain() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} command='' flags i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case ${{COMP_WORDS[i]}} in\n"
      "      {}) command=${{COMP_WORDS[i]}}; break ;;\n"
      "    esac\n"
      "  done\n"
      "  case $command in\n"
      "{}"
      "    *) flags='' ;;\n"
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    mapfile -t COMPREPLY < <(compgen -W \"$flags\" -- \"$cur\")\n"
      "  elif [[ -z $command ]]; then\n"
      "    mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\"; compgen -f -- \"$cur\")\n"
      "  else\n"
      "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
      "  fi\n"
      "}}\n"
      "complete -o filenames -F _retain retain\n",
      fmt::join(names, "|"), cases, single_quoted(fmt::format("{}", fmt::join(names, " "))));
}

// The _arguments specs of one flag, a name each: '--window[help]:value:' '-w[help]:value:'.
std::string zsh_specs(const flag& f) {
  std::string help;
  for (char c : f.help) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') help += '\\';
    help += c;
  }
  std::vector<std::string> specs;
  for (const std::string& name : f.names) {
    specs.push_back(single_quoted(name + "[" + help + "]" + (f.takes_value ? ":value:" : "")));
  }
  return fmt::format("{}", fmt::join(specs, " "));
}

std::string zsh_script(const std::vector<command>& commands) {
  std::string described;
  std::string top;
  std::string cases;
  for (const command& c : commands) {
    std::string specs;
    for (const flag& f : c.flags) specs += " \\\n        " + zsh_specs(f);
    if (c.name.empty()) {
      top = specs;
      continue;
    }
    std::string help;
    for (char ch : c.help) help += ch == ':' ? std::string("\\:") : std::string(1, ch);
    described += fmt::format("    {}\n", single_quoted(c.name + ":" + help));
    cases +=
        fmt::format("    {})\n      _arguments{} \\\n        '*:file:_files' ;;\n", c.name, specs);
  }
  return fmt::format(
      "#compdef retain\n"
      "# zsh completion for retain (written by retain --generate zsh)\n"
      "_retain() {{\n"
      "  local -a commands\n"
      "  commands=(\n"
      "    'help:show the help of a subcommand'\n"
      "{}"
      "  )\n"
      "  if (( CURRENT == 2 )); then\n"
      "    if [[ $PREFIX == -* ]]; then\n"
      "      _arguments{}\n"
      "    else\n"
      "      _describe 'command' commands\n"
      "      _files\n"
      "    fi\n"
      "    return\n"
      "  fi\n"
      "  shift words\n"
      "  (( CURRENT-- ))\n"
      "  case ${{words[1]}} in\n"
      "{}"
      "    *) _files ;;\n"
      "  esac\n"
      "}}\n"
      "_retain \"$@\"\n",
      described, top, cases);
}

std::string fish_script(const std::vector<command>& commands) {
  std::string out = "# fish completion for retain (written by retain --generate fish)\n";
  std::vector<std::string> names = {"help"};
  for (const command& c : commands) {
    if (!c.name.empty()) names.push_back(c.name);
  }
  const std::string all = fmt::format("{}", fmt::join(names, " "));
  out += fmt::format("complete -c retain -n 'not __fish_seen_subcommand_from {}' -a help -d {}\n",
                     all, single_quoted("show the help of a subcommand"));
  for (const command& c : commands) {
    const std::string when = c.name.empty() ? fmt::format("not __fish_seen_subcommand_from {}", all)
                                            : fmt::format("__fish_seen_subcommand_from {}", c.name);
    if (!c.name.empty()) {
      out += fmt::format("complete -c retain -n 'not __fish_seen_subcommand_from {}' -a {} -d {}\n",
                         all, c.name, single_quoted(c.help));
    }
    for (const flag& f : c.flags) {
      std::string names_part;
      for (const std::string& name : f.names) {
        names_part +=
            name.size() > 2 && name[1] == '-' ? " -l " + name.substr(2) : " -s " + name.substr(1);
      }
      out += fmt::format("complete -c retain -n {}{}{} -d {}\n", single_quoted(when), names_part,
                         f.takes_value ? " -r" : "", single_quoted(f.help));
    }
  }
  return out;
}

}  // namespace

std::string generate(generated what, const CLI::App& app, std::string_view version) {
  switch (what) {
    case generated::man:
      return man_page(app, version);
    case generated::bash:
      return bash_script(commands_of(app));
    case generated::zsh:
      return zsh_script(commands_of(app));
    case generated::fish:
      break;
  }
  return fish_script(commands_of(app));
}

}  // namespace retain
