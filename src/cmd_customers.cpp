// retain customers (scaffold: filled in by the customers analysis).
#include <CLI/CLI.hpp>

#include "retain/cli.h"

namespace retain {

void add_customers_command(CLI::App& app) { (void)app; }

}  // namespace retain
