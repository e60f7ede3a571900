// retain cohorts (scaffold: filled in by the cohorts analysis).
#include <CLI/CLI.hpp>

#include "retain/cli.h"

namespace retain {

void add_cohorts_command(CLI::App& app) { (void)app; }

}  // namespace retain
