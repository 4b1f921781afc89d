#pragma once
// Appending numbers to a text buffer with std::to_chars: locale-free, shortest round-trip form.
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace touchdown::io::text {

// Shortest text that reads back to the same value (float or double); `missing` for NaN.
template <typename Number>
inline void append_number(std::string& out, Number value, std::string_view missing) {
  if (std::isnan(value)) {
    out += missing;
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// Time stamps: 10 significant digits, so 1/150 s prints as 0.006666666667, not 17 digits of noise.
inline void append_time(std::string& out, double seconds) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, seconds, std::chars_format::general, 10);
  out.append(buffer, result.ptr);
}

// A label as one cell: separators and line breaks become '_'.
inline std::string cell_label(std::string_view label, char separator) {
  std::string out(label);
  for (char& c : out)
    if (c == separator || c == '\t' || c == '\n' || c == '\r' || c == '"') c = '_';
  return out.empty() ? std::string("unnamed") : out;
}

}  // namespace touchdown::io::text
