// touchdown inspect FILE [--json]: what is in a lab file, and every decision the reader took.
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/read.hpp"

namespace touchdown::cli {
namespace {

nlohmann::json inspect_json(const Trial& trial) {
  nlohmann::json out;
  out["file"] = trial.source.path;
  out["format"] = trial.source.format;
  out["format_detail"] = trial.source.detail;
  out["bytes"] = trial.source.bytes;
  out["points"] = trial.points.tracks.size();
  out["analog_channels"] = trial.analog.channels.size();
  out["frames"] = trial.points.frames;
  out["first_frame"] = trial.points.first_frame;
  out["point_rate_hz"] = trial.points.rate_hz;
  out["analog_rate_hz"] = trial.analog.rate_hz;
  out["analog_samples_per_channel"] = trial.analog.samples_per_channel;
  out["duration_s"] = trial.duration_s();
  out["units"] = trial.points.units;
  out["up_axis"] = trial.up.axis.name();
  out["up_axis_method"] = trial.up.method;
  out["progression_axis"] = trial.progression.axis.name();
  out["progression_axis_method"] = trial.progression.method;
  auto& labels = out["point_labels"] = nlohmann::json::array();
  for (const auto& track : trial.points.tracks) labels.push_back(track.label);
  auto& analog = out["analog"] = nlohmann::json::array();
  for (const auto& channel : trial.analog.channels) analog.push_back({{"label", channel.label}, {"units", channel.units}});
  auto& plates = out["force_plates"] = nlohmann::json::array();
  for (const auto& plate : trial.force_plates) {
    nlohmann::json p{{"type", plate.type}, {"name", plate.name}, {"channels", plate.channels}};
    if (plate.assigned_side != Side::none) p["side"] = std::string(to_string(plate.assigned_side));
    nlohmann::json corners = nlohmann::json::array();
    for (const auto& c : plate.corners) corners.push_back({c.x, c.y, c.z});
    p["corners"] = corners;
    p["origin"] = {plate.origin.x, plate.origin.y, plate.origin.z};
    plates.push_back(p);
  }
  auto& events = out["events"] = nlohmann::json::array();
  for (const auto& e : trial.events)
    events.push_back({{"label", e.label}, {"side", std::string(to_string(e.side))}, {"time_s", e.time_s}});
  nlohmann::json subject = nlohmann::json::object();
  if (!trial.subject.name.empty()) subject["name"] = trial.subject.name;
  if (trial.subject.mass_kg) subject["mass_kg"] = *trial.subject.mass_kg;
  if (trial.subject.height_m) subject["height_m"] = *trial.subject.height_m;
  out["subject"] = subject;
  out["warnings"] = trial.warnings;
  return out;
}

void print_text(const Trial& trial, std::ostream& out) {
  out << trial.source.path << "  (" << trial.source.format;
  if (!trial.source.detail.empty()) out << ", " << trial.source.detail;
  out << ")\n";
  out << "  points:  " << trial.points.tracks.size() << " x " << trial.points.frames << " frames @ "
      << trial.points.rate_hz << " Hz, units " << trial.points.units << ", first frame " << trial.points.first_frame << "\n";
  out << "  analog:  " << trial.analog.channels.size() << " channels x " << trial.analog.samples_per_channel << " samples @ "
      << trial.analog.rate_hz << " Hz\n";
  out << "  duration " << std::fixed << std::setprecision(3) << trial.duration_s() << " s\n" << std::defaultfloat;
  out << "  up axis " << trial.up.axis.name() << " (" << trial.up.method << "), progression " << trial.progression.axis.name()
      << " (" << trial.progression.method << ")\n";
  for (std::size_t i = 0; i < trial.force_plates.size(); ++i)
    out << "  force plate " << i + 1 << ": type " << trial.force_plates[i].type << ", " << trial.force_plates[i].channels.size()
        << " channels" << (trial.force_plates[i].name.empty() ? "" : " (" + trial.force_plates[i].name + ")") << "\n";
  if (!trial.events.empty()) out << "  events: " << trial.events.size() << "\n";
  for (const auto& e : trial.events)
    out << "    " << std::fixed << std::setprecision(3) << e.time_s << " s  " << to_string(e.side) << "  " << e.label << "\n";
  out << std::defaultfloat;
  if (trial.subject.mass_kg) out << "  subject mass " << *trial.subject.mass_kg << " kg\n";
  if (trial.subject.height_m) out << "  subject height " << *trial.subject.height_m << " m\n";
  if (!trial.points.tracks.empty()) {
    out << "  labels:";
    for (const auto& track : trial.points.tracks) out << " " << track.label;
    out << "\n";
  }
  for (const auto& w : trial.warnings) out << "  warning: " << w << "\n";
}

}  // namespace

int run_inspect(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {"json"}, {"forces"});
  if (parsed.positional.size() != 1) throw UsageError("expected exactly one FILE");
  std::optional<std::filesystem::path> forces;
  if (auto f = parsed.value("forces")) forces = *f;
  Trial trial = read_trial(parsed.positional[0], forces);
  if (parsed.has("json"))
    std::cout << inspect_json(trial).dump(2) << "\n";
  else
    print_text(trial, std::cout);
  return 0;
}

}  // namespace touchdown::cli
