// Where the tests find the real public exports (RETAIN_DATASETS_DIR, ../shared/datasets by
// default), and the visible skip where they are absent (a user's clone).
#pragma once

#include <sys/stat.h>

#include <catch2/catch.hpp>

namespace retain::testing {

/// Whether RETAIN_DATASETS_DIR exists; if not, says so as a Catch2 warning, so that the skip shows.
inline bool have_datasets() {
  struct stat info {};
  if (::stat(RETAIN_DATASETS_DIR, &info) == 0) return true;
  WARN("skipped: " RETAIN_DATASETS_DIR " is absent (the shared datasets live beside the repo)");
  return false;
}

}  // namespace retain::testing
