#pragma once
// Locating the shared real-data folder. Tests that need it call TOUCHDOWN_REQUIRE_DATA(path), which
// skips with a message (not a failure) when ../shared/data is absent, as in a user's fresh clone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace touchdown::testing {
inline std::filesystem::path data_dir() {
  if (const char* env = std::getenv("TOUCHDOWN_DATA")) return env;
  return TOUCHDOWN_DATA_DIR;
}
inline std::filesystem::path data_path(const std::string& relative) { return data_dir() / relative; }
}  // namespace touchdown::testing

#define TOUCHDOWN_REQUIRE_DATA(relative)                                                              \
  do {                                                                                               \
    if (!std::filesystem::exists(::touchdown::testing::data_path(relative)))                         \
      GTEST_SKIP() << "real data not available: " << ::touchdown::testing::data_path(relative)       \
                   << " (shared/data is not beside this checkout)";                                  \
  } while (0)
