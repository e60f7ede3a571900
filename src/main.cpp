// retain's entry point: runs the command line and maps every error to its exit code, here only.
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>

#include "retain/cli.h"
#include "retain/display.h"
#include "retain/error.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe shows up as EPIPE and ends the output quietly
  try {
    return retain::run_cli(argc, argv);
  } catch (const retain::error& e) {
    // Messages quote the input's bytes: no control sequence of it reaches the terminal.
    std::fprintf(stderr, "retain: error: %s\n", retain::terminal_lines(e.what()).c_str());
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "retain: error: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "retain: error: %s\n", e.what());
  }
  return retain::kExitDataError;
}
