#pragma once
// Reading typed values out of the parameter tree, with the C3D conventions for long lists: more than
// 255 entries continue in NAME2, NAME3, ... (C3D User Guide, "POINT:LABELS2", "ANALOG:SCALE2").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/c3d.hpp"

namespace touchdown::c3d {

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
