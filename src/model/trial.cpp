#include "touchdown/trial.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace touchdown {
namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
template <typename Items>
std::optional<std::size_t> find_label(const Items& items, std::string_view label) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].label == label) return i;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (iequals(items[i].label, label)) return i;
  return std::nullopt;
}
}  // namespace

std::string_view to_string(Side side) {
  switch (side) {
    case Side::left: return "left";
    case Side::right: return "right";
    case Side::none: return "none";
  }
  return "none";
}

std::string Axis::name() const { return std::string(sign < 0 ? "-" : "+") + static_cast<char>('X' + index); }

std::optional<std::size_t> PointSet::find(std::string_view label) const { return find_label(tracks, label); }
std::optional<std::size_t> AnalogSet::find(std::string_view label) const { return find_label(channels, label); }

double PointSet::to_metres() const {
  if (iequals(units, "mm")) return 1e-3;
  if (iequals(units, "cm")) return 1e-2;
  if (iequals(units, "m")) return 1.0;
  if (iequals(units, "dm")) return 1e-1;
  if (iequals(units, "in") || iequals(units, "inch")) return 0.0254;
  return std::numeric_limits<double>::quiet_NaN();
}

double Trial::duration_s() const {
  double points_s = points.rate_hz > 0 ? static_cast<double>(points.frames) / points.rate_hz : 0.0;
  double analog_s = analog.rate_hz > 0 ? static_cast<double>(analog.samples_per_channel) / analog.rate_hz : 0.0;
  return std::max(points_s, analog_s);
}

}  // namespace touchdown
