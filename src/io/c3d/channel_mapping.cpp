#include <cmath>
#include <unordered_map>

#include "io/c3d/parameter_access.hpp"
#include "io/c3d/text.hpp"
#include "io/c3d/trial_mapping.hpp"

namespace touchdown::c3d {
namespace {

// Labels must name tracks unambiguously: blank ones get a generated name, repeated ones a suffix.
std::vector<std::string> usable_labels(std::vector<std::string> labels, std::size_t count, const std::string& parameter,
                                       const std::string& generated_prefix, std::vector<std::string>& warnings) {
  const std::size_t given = labels.size();
  if (given < count)
    warnings.push_back("C3D: " + parameter + " has " + std::to_string(given) + " labels for " + std::to_string(count) +
                       " channels; the others are named " + generated_prefix + "<n>");
  labels.resize(count);
  std::size_t blank = 0;
  for (std::size_t i = 0; i < count; ++i) {
    labels[i] = trim(labels[i]);
    if (labels[i].empty()) {
      labels[i] = generated_prefix + std::to_string(i + 1);
      blank += i < given ? 1 : 0;
    }
  }
  if (blank > 0)
    warnings.push_back("C3D: " + std::to_string(blank) + " blank " + parameter + " entries named " + generated_prefix + "<n>");
  std::unordered_map<std::string, int> seen;
  std::vector<std::string> renamed;
  for (auto& label : labels) {
    const int n = ++seen[label];
    if (n > 1) {
      std::string unique = label + "_" + std::to_string(n);
      while (seen.count(unique) > 0) unique += "_";
      seen[unique] = 1;
      if (renamed.size() < 5) renamed.push_back(label + " -> " + unique);
      label = unique;
    }
  }
  if (!renamed.empty()) {
    std::string list;
    for (const auto& r : renamed) list += (list.empty() ? "" : ", ") + r;
    warnings.push_back("C3D: duplicate " + parameter + " renamed (" + list + (renamed.size() == 5 ? ", ..." : "") + ")");
  }
  return labels;
}

std::optional<Axis> parse_axis(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  std::size_t i = 0;
  int sign = 1;
  if (t[0] == '+' || t[0] == '-') {
    sign = t[0] == '-' ? -1 : 1;
    i = 1;
  }
  if (i + 1 != t.size()) return std::nullopt;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(t[i])));
  if (c < 'X' || c > 'Z') return std::nullopt;
  return Axis{c - 'X', sign};
}

}  // namespace

std::string normalize_length_unit(const std::string& declared, std::vector<std::string>& warnings) {
  const std::string u = lower(trim(declared));
  if (u == "mm" || istarts_with(u, "millim")) return "mm";
  if (u == "cm" || istarts_with(u, "centim")) return "cm";
  if (u == "dm" || istarts_with(u, "decim")) return "dm";
  if (u == "m" || istarts_with(u, "met")) {  // "meters", "metres", and "mete" (4-character truncation, FP1.C3D)
    if (u != "m" && u != "meter" && u != "meters" && u != "metre" && u != "metres")
      warnings.push_back("C3D: POINT:UNITS '" + declared + "' read as metres");
    return "m";
  }
  if (u == "in" || u == "inch" || u == "inches") return "in";
  warnings.push_back("C3D: POINT:UNITS '" + declared + "' is not a length unit Touchdown converts; kept as is");
  return trim(declared);
}

void map_points(const MappingContext& context, PointSet& points) {
  const auto& parameters = context.parameters;
  const std::size_t count = context.layout.points;
  points.rate_hz = context.layout.point_rate;
  points.first_frame = context.layout.first_frame;
  points.frames = static_cast<std::size_t>(context.layout.frames);
  points.dimensions = 3;
  const auto labels = usable_labels(string_series(parameters, "POINT", "LABELS"), count, "POINT:LABELS", "Point", context.warnings);
  auto descriptions = string_series(parameters, "POINT", "DESCRIPTIONS");
  descriptions.resize(std::max(descriptions.size(), count));
  points.tracks.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    points.tracks[i].label = labels[i];
    points.tracks[i].description = trim(descriptions[i]);
  }
  points.units.clear();
  if (auto units = first_string(parameters, "POINT", "UNITS")) points.units = normalize_length_unit(*units, context.warnings);
}

AnalogScaling map_analog(const MappingContext& context, AnalogSet& analog) {
  const auto& parameters = context.parameters;
  auto& warnings = context.warnings;
  const std::size_t count = context.layout.analog_channels;
  analog.rate_hz = context.layout.analog_rate;
  analog.samples_per_channel = static_cast<std::size_t>(context.layout.frames * context.layout.analog_per_frame);
  const auto labels = usable_labels(string_series(parameters, "ANALOG", "LABELS"), count, "ANALOG:LABELS", "Analog", warnings);
  auto descriptions = string_series(parameters, "ANALOG", "DESCRIPTIONS");
  auto units = string_series(parameters, "ANALOG", "UNITS");
  descriptions.resize(std::max(descriptions.size(), count));
  units.resize(std::max(units.size(), count));
  analog.channels.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    analog.channels[i].label = labels[i];
    analog.channels[i].description = trim(descriptions[i]);
    analog.channels[i].units = trim(units[i]);
  }

  AnalogScaling scaling;
  scaling.offset.assign(count, 0.0F);
  scaling.factor.assign(count, 1.0F);
  if (count == 0) return scaling;
  double gen_scale = 1.0;
  if (auto g = first_number(parameters, "ANALOG", "GEN_SCALE", false); g && *g != 0) gen_scale = *g;
  else warnings.push_back("C3D: ANALOG:GEN_SCALE is missing or 0; using 1");
  const auto scales = number_series(parameters, "ANALOG", "SCALE");
  // ANALOG:FORMAT UNSIGNED: offsets are unsigned 16-bit values too (e.g. 32768 stored as -32768).
  auto offsets = number_series(parameters, "ANALOG", "OFFSET", context.layout.analog_unsigned);
  if (offsets.empty() && parameters.find("ANALOG", "OFFSETS") != nullptr) {
    offsets = number_series(parameters, "ANALOG", "OFFSETS", context.layout.analog_unsigned);  // early Motion Analysis name
    warnings.push_back("C3D: analog offsets read from ANALOG:OFFSETS (the C3D name is ANALOG:OFFSET)");
  }
  if (scales.empty()) warnings.push_back("C3D: ANALOG:SCALE is missing; analog values are unscaled (scale 1)");
  else if (scales.size() < count)
    warnings.push_back("C3D: ANALOG:SCALE has " + std::to_string(scales.size()) + " values for " + std::to_string(count) +
                       " channels; channels " + std::to_string(scales.size() + 1) + ".." + std::to_string(count) +
                       " use the last one (" + std::to_string(scales.back()) + ")");
  if (offsets.empty()) warnings.push_back("C3D: ANALOG:OFFSET is missing; offsets are 0");
  else if (offsets.size() < count)
    warnings.push_back("C3D: ANALOG:OFFSET has " + std::to_string(offsets.size()) + " values for " + std::to_string(count) +
                       " channels; channels " + std::to_string(offsets.size() + 1) + ".." + std::to_string(count) +
                       " use the last one (" + std::to_string(offsets.back()) + ")");
  for (std::size_t i = 0; i < count; ++i) {
    const double scale = scales.empty() ? 1.0 : scales[std::min(i, scales.size() - 1)];
    const double offset = offsets.empty() ? 0.0 : offsets[std::min(i, offsets.size() - 1)];
    scaling.factor[i] = static_cast<float>(scale * gen_scale);
    scaling.offset[i] = static_cast<float>(offset);
  }
  return scaling;
}

std::optional<AxisFinding> declared_up_axis(const MappingContext& context) {
  const auto text = first_string(context.parameters, "POINT", "Y_SCREEN");
  if (!text) return std::nullopt;
  const auto axis = parse_axis(*text);
  if (!axis) {
    context.warnings.push_back("C3D: POINT:Y_SCREEN '" + *text + "' is not an axis; up axis left to detection");
    return std::nullopt;
  }
  if (auto x_text = first_string(context.parameters, "POINT", "X_SCREEN")) {
    if (auto x_axis = parse_axis(*x_text); x_axis && x_axis->index == axis->index)
      context.warnings.push_back("C3D: POINT:X_SCREEN and POINT:Y_SCREEN name the same axis (" + *x_text + ", " + *text + ")");
  }
  return AxisFinding{*axis, "C3D POINT:Y_SCREEN", false};
}

}  // namespace touchdown::c3d
