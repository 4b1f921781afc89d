#pragma once
// Reading typed values out of the parameter tree, with the C3D conventions for long lists: more than
// 255 entries continue in NAME2, NAME3, ... (C3D User Guide, "POINT:LABELS2", "ANALOG:SCALE2").
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/c3d.hpp"

namespace touchdown::c3d {

// A parameter value used as a count or index: NaN and negatives give 0, fractions are dropped, and
// values beyond `limit` are clamped (casting an out-of-range double to an integer is undefined).
inline std::size_t to_count(double value, double limit = 4294967295.0) {
  if (!(value >= 0)) return 0;
  return static_cast<std::size_t>(value < limit ? value : limit);
}
inline int to_int(double value) {
  if (!(value == value)) return 0;  // NaN
  if (value <= -2147483648.0) return std::numeric_limits<int>::min();
  if (value >= 2147483647.0) return std::numeric_limits<int>::max();
  return static_cast<int>(value);
}

// NAME, NAME2, NAME3, ... concatenated (strings of character parameters).
std::vector<std::string> string_series(const C3dParameters& parameters, std::string_view group, std::string_view name);
// Same for numbers; 16-bit integers are read signed unless `as_unsigned`.
std::vector<double> number_series(const C3dParameters& parameters, std::string_view group, std::string_view name,
                                  bool as_unsigned = false);
// First value of a numeric parameter, if present and finite.
std::optional<double> first_number(const C3dParameters& parameters, std::string_view group, std::string_view name,
                                   bool as_unsigned = true);
// First non-empty string of a character parameter.
std::optional<std::string> first_string(const C3dParameters& parameters, std::string_view group, std::string_view name);

}  // namespace touchdown::c3d
