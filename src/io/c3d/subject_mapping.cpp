// Subject: the name from SUBJECTS:NAMES (Vicon) or SUBJECT:NAME; body mass and height from the Vicon
// PROCESSING group (Bodymass, Height) or SUBJECTS / SUBJECT (MASS, HEIGHT). Vicon stores height in mm;
// other writers use m or cm, so the unit is inferred from the magnitude of a human height.
#include <array>
#include <cmath>

#include "io/c3d/parameter_access.hpp"
#include "io/c3d/trial_mapping.hpp"

namespace touchdown::c3d {
namespace {

struct Source {
  const char* group;
  const char* name;
};

std::optional<std::pair<double, std::string>> find_value(const C3dParameters& parameters, std::span<const Source> sources) {
  for (const auto& s : sources)
    if (auto v = first_number(parameters, s.group, s.name, false); v && *v > 0)
      return std::pair<double, std::string>{*v, std::string(s.group) + ":" + s.name};
  return std::nullopt;
}

}  // namespace

Subject map_subject(const MappingContext& context) {
  const auto& parameters = context.parameters;
  auto& warnings = context.warnings;
  Subject subject;
  const auto names = string_series(parameters, "SUBJECTS", "NAMES");
  for (const auto& n : names)
    if (!n.empty()) {
      subject.name = n;
      break;
    }
  if (subject.name.empty())
    if (auto n = first_string(parameters, "SUBJECT", "NAME")) subject.name = *n;
  if (names.size() > 1) warnings.push_back("C3D: SUBJECTS:NAMES lists " + std::to_string(names.size()) + " subjects; using '" + subject.name + "'");

  static constexpr std::array<Source, 6> mass_sources{{{"PROCESSING", "Bodymass"},
                                                       {"PROCESSING", "MASS"},
                                                       {"SUBJECTS", "MASS"},
                                                       {"SUBJECTS", "Bodymass"},
                                                       {"SUBJECT", "MASS"},
                                                       {"SUBJECT", "WEIGHT"}}};
  if (auto mass = find_value(parameters, mass_sources)) {
    if (mass->first >= 1 && mass->first <= 500) subject.mass_kg = mass->first;
    else warnings.push_back("C3D: " + mass->second + " = " + std::to_string(mass->first) + " is not a body mass in kg; ignored");
  }
  static constexpr std::array<Source, 4> height_sources{
      {{"PROCESSING", "Height"}, {"SUBJECTS", "HEIGHT"}, {"SUBJECT", "HEIGHT"}, {"PROCESSING", "HEIGHT"}}};
  if (auto height = find_value(parameters, height_sources)) {
    const double h = height->first;
    if (h >= 0.3 && h <= 3.0) {
      subject.height_m = h;
    } else if (h >= 30 && h <= 300) {
      subject.height_m = h / 100.0;
      warnings.push_back("C3D: " + height->second + " = " + std::to_string(h) + " read as cm");
    } else if (h >= 300 && h <= 3000) {
      subject.height_m = h / 1000.0;
      warnings.push_back("C3D: " + height->second + " = " + std::to_string(h) + " read as mm");
    } else {
      warnings.push_back("C3D: " + height->second + " = " + std::to_string(h) + " is not a human height in m, cm or mm; ignored");
    }
  }
  return subject;
}

}  // namespace touchdown::c3d
