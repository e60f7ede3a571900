#include "retain/generate.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace retain;  // NOLINT

namespace {

// A small command line: two subcommands, flags with and without values, help with the
// characters each format must escape.
struct sample_app {
  CLI::App app{"retain: sample metrics.", "retain"};
  std::string window;
  bool quiet = false;
  sample_app() {
    app.footer(".starts with a dot\\and a backslash");
    CLI::App* metrics = app.add_subcommand("metrics", "Metrics per window: the numbers");
    metrics->add_option("-w,--window", window, "Window: day [or] month. More text");
    metrics->add_flag("-q,--quiet", quiet, "Nothing on stderr 'but' errors");
    app.add_subcommand("cohorts", "Acquisition cohorts");
  }
};

}  // namespace

TEST_CASE("The man page holds the help of the app and of every subcommand", "[generate]") {
  sample_app s;
  const std::string page = generate(generated::man, s.app, "9.9.9");
  CHECK(page.rfind(".TH RETAIN 1 \"\" \"retain 9.9.9\" \"User Commands\"\n.SH NAME\n"
                   "retain \\- sample metrics\n",
                   0) == 0);
  CHECK(page.find(".SS metrics\n.nf\nMetrics per window: the numbers\n") != std::string::npos);
  CHECK(page.find(".SS cohorts\n") != std::string::npos);
  CHECK(page.find("Window: day [or] month. More text") != std::string::npos);
  // A line that starts with a dot is text, not a request; a backslash is \e.
  CHECK(page.find("\n\\&.starts with a dot\\eand a backslash\n") != std::string::npos);
}

TEST_CASE("Completions offer the subcommands and each one's flags", "[generate]") {
  sample_app s;
  const std::string bash = generate(generated::bash, s.app, "");
  CHECK(bash.find("      help|metrics|cohorts) command=${COMP_WORDS[i]}; break ;;\n") !=
        std::string::npos);
  CHECK(bash.find("    metrics) flags='--help -h --window -w --quiet -q' ;;\n") !=
        std::string::npos);
  CHECK(bash.find("complete -o filenames -F _retain retain\n") != std::string::npos);
  const std::string zsh = generate(generated::zsh, s.app, "");
  CHECK(zsh.rfind("#compdef retain\n", 0) == 0);
  CHECK(zsh.find("'--window[Window\\: day \\[or\\] month]:value:' '-w[Window\\: day \\[or\\] "
                 "month]:value:'") != std::string::npos);
  CHECK(zsh.find("'--quiet[Nothing on stderr '\\''but'\\'' errors]'") != std::string::npos);
  const std::string fish = generate(generated::fish, s.app, "");
  CHECK(fish.find("complete -c retain -n '__fish_seen_subcommand_from metrics' -l window -s w -r "
                  "-d 'Window: day [or] month'\n") != std::string::npos);
  CHECK(fish.find("complete -c retain -n 'not __fish_seen_subcommand_from help metrics cohorts' "
                  "-a cohorts -d 'Acquisition cohorts'\n") != std::string::npos);
}
