#pragma once
// One number in printf notation for method strings and messages ("12 Hz", "1.4 mm"), shared by every
// module that describes how a value was made.
#include <cstdio>
#include <string>

namespace touchdown::text {

inline std::string format(const char* pattern, double value) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

}  // namespace touchdown::text
