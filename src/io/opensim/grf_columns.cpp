// OpenSim ground-reaction files name each foot's (or plate's) columns with a prefix and a fixed
// suffix: ground_force_vx/vy/vz (force, N), ground_force_px/py/pz (point of application = COP, m),
// ground_torque_x/y/z (free torque, N m), all in the ground frame (OpenSim ExternalLoads docs).
// Prefixes seen in the wild: "" (single plate), "1_", "2_", "R_", "L_", "r_", "calcn_r_", "right_".
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "io/opensim/opensim_detail.hpp"
#include "io/text/text_lines.hpp"

namespace touchdown::io {
namespace {
enum class Part { force, point, torque };

struct Suffix {
  std::string_view text;
  Part part;
  int axis;
};

constexpr std::array<Suffix, 15> kSuffixes{{
    {"ground_force_vx", Part::force, 0}, {"ground_force_vy", Part::force, 1}, {"ground_force_vz", Part::force, 2},
    {"ground_force_px", Part::point, 0}, {"ground_force_py", Part::point, 1}, {"ground_force_pz", Part::point, 2},
    {"ground_torque_x", Part::torque, 0}, {"ground_torque_y", Part::torque, 1}, {"ground_torque_z", Part::torque, 2},
    {"ground_moment_x", Part::torque, 0}, {"ground_moment_y", Part::torque, 1}, {"ground_moment_z", Part::torque, 2},
    {"ground_force_x", Part::force, 0}, {"ground_force_y", Part::force, 1}, {"ground_force_z", Part::force, 2},
}};

struct Group {
  std::string prefix;  // as written in the first column of the group
  std::array<std::optional<std::size_t>, 3> force, point, torque;
};

std::string default_units(Part part) {
  switch (part) {
    case Part::force: return "N";
    case Part::point: return "m";
    case Part::torque: return "Nm";
  }
  return "";
}

bool complete(const std::array<std::optional<std::size_t>, 3>& part) {
  return std::all_of(part.begin(), part.end(), [](const auto& c) { return c.has_value(); });
}
}  // namespace

Side side_from_prefix(std::string_view prefix) {
  bool right = false, left = false;
  std::size_t start = 0;
  while (start <= prefix.size()) {
    std::size_t end = start;
    while (end < prefix.size() && prefix[end] != '_' && prefix[end] != '.' && prefix[end] != '-' && prefix[end] != ' ') ++end;
    const std::string token = text::to_lower(prefix.substr(start, end - start));
    if (token == "r" || token == "right" || token == "rt") right = true;
    if (token == "l" || token == "left" || token == "lt") left = true;
    start = end + 1;
  }
  if (right == left) return Side::none;
  return right ? Side::right : Side::left;
}

std::vector<ForcePlate> grf_plates_from_columns(AnalogSet& analog, std::vector<std::string>& warnings) {
  std::vector<Group> groups;
  for (std::size_t c = 0; c < analog.channels.size(); ++c) {
    AnalogChannel& channel = analog.channels[c];
    for (const Suffix& suffix : kSuffixes) {
      if (!text::iends_with(channel.label, suffix.text)) continue;
      const std::string prefix = channel.label.substr(0, channel.label.size() - suffix.text.size());
      auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return text::iequals(g.prefix, prefix); });
      if (group == groups.end()) {
        groups.push_back(Group{prefix, {}, {}, {}});
        group = groups.end() - 1;
      }
      auto& slot = suffix.part == Part::force ? group->force : suffix.part == Part::point ? group->point : group->torque;
      if (slot[static_cast<std::size_t>(suffix.axis)])
        warnings.push_back("GRF column '" + channel.label + "' repeats a component; the first one is used");
      else
        slot[static_cast<std::size_t>(suffix.axis)] = c;
      if (channel.units.empty()) channel.units = default_units(suffix.part);
      break;
    }
  }

  std::vector<ForcePlate> plates;
  for (const Group& group : groups) {
    const std::string stem = group.prefix + "ground_force";
    if (!complete(group.force) || !complete(group.point)) {
      warnings.push_back("GRF columns '" + stem + "_*' lack force or point components; not used as a force plate");
      continue;
    }
    ForcePlate plate;
    plate.type = 100;
    for (const auto& part : {group.force, group.point}) for (const auto& c : part) plate.channels.push_back(*c);
    if (complete(group.torque)) {
      for (const auto& c : group.torque) plate.channels.push_back(*c);
    } else {
      warnings.push_back("GRF columns '" + stem + "_*' have no complete ground_torque_x/y/z; free moment unavailable");
    }
    plate.assigned_side = side_from_prefix(group.prefix);
    if (plate.assigned_side != Side::none)
      plate.name = std::string(to_string(plate.assigned_side)) + " foot (" + stem + ")";
    else
      plate.name = "plate " + std::to_string(plates.size() + 1) + " (" + stem + ")";
    plates.push_back(std::move(plate));
  }

  // OpenSim writes the point of application in metres; a table in millimetres shows itself by
  // COP magnitudes no lab floor has in metres (> 20 m while the foot is loaded).
  for (ForcePlate& plate : plates) {
    std::vector<float> magnitudes;
    const std::size_t samples = analog.channels[plate.channels[0]].samples.size();
    for (std::size_t i = 0; i < samples; ++i) {
      double load = 0;
      for (int a = 0; a < 3; ++a) {
        const double f = analog.channels[plate.channels[static_cast<std::size_t>(a)]].samples[i];
        load += f * f;
      }
      if (!(std::sqrt(load) > 50.0)) continue;
      float largest = 0;
      for (int a = 3; a < 6; ++a) largest = std::max(largest, std::abs(analog.channels[plate.channels[static_cast<std::size_t>(a)]].samples[i]));
      magnitudes.push_back(largest);
    }
    if (magnitudes.empty()) continue;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(magnitudes.size() / 2), magnitudes.end());
    const float median = magnitudes[magnitudes.size() / 2];
    if (median > 20.0f) {
      for (int a = 3; a < 6; ++a) {
        AnalogChannel& channel = analog.channels[plate.channels[static_cast<std::size_t>(a)]];
        if (channel.units == "m") channel.units = "mm";
      }
      warnings.push_back(plate.name + ": COP values around " + std::to_string(median) +
                         " while loaded cannot be metres; taken as mm");
    }
  }
  return plates;
}

}  // namespace touchdown::io
