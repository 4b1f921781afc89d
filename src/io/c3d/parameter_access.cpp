#include "io/c3d/parameter_access.hpp"

#include <cmath>

namespace touchdown::c3d {
namespace {
std::string numbered(std::string_view name, int n) { return std::string(name) + (n == 1 ? "" : std::to_string(n)); }
}  // namespace

std::vector<std::string> string_series(const C3dParameters& parameters, std::string_view group, std::string_view name) {
  std::vector<std::string> out;
  for (int n = 1; n < 100; ++n) {
    const auto* p = parameters.find(group, numbered(name, n));
    if (p == nullptr) break;
    out.insert(out.end(), p->strings.begin(), p->strings.end());
  }
  return out;
}

std::vector<double> number_series(const C3dParameters& parameters, std::string_view group, std::string_view name,
                                  bool as_unsigned) {
  std::vector<double> out;
  for (int n = 1; n < 100; ++n) {
    const auto* p = parameters.find(group, numbered(name, n));
    if (p == nullptr) break;
    for (std::size_t i = 0; i < p->numbers.size(); ++i) out.push_back(as_unsigned ? p->unsigned_number(i) : p->numbers[i]);
  }
  return out;
}

std::optional<double> first_number(const C3dParameters& parameters, std::string_view group, std::string_view name,
                                   bool as_unsigned) {
  const auto* p = parameters.find(group, name);
  if (p == nullptr || p->numbers.empty()) return std::nullopt;
  const double v = as_unsigned ? p->unsigned_number(0) : p->numbers[0];
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::optional<std::string> first_string(const C3dParameters& parameters, std::string_view group, std::string_view name) {
  const auto* p = parameters.find(group, name);
  if (p == nullptr) return std::nullopt;
  for (const auto& s : p->strings)
    if (!s.empty()) return s;
  return std::nullopt;
}

}  // namespace touchdown::c3d
