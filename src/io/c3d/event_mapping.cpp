// Events. The EVENT group (c3d.org "The EVENT Group", Vicon 2001): USED, LABELS, CONTEXTS ("Left",
// "Right", "General"), TIMES(2, USED) as whole minutes and seconds "from the start of the trial where the
// first 3D sample (frame 1) is time 0.0", i.e. from capture frame 1, not from the first stored frame.
// EVENT_CONTEXT lists the contexts; it is used when CONTEXTS is absent but ICON_IDS are given.
// Without an EVENT group, the up to 18 header events are used (seconds from the first stored sample).
#include <algorithm>
#include <cmath>

#include "io/c3d/parameter_access.hpp"
#include "io/c3d/text.hpp"
#include "io/c3d/trial_mapping.hpp"

namespace touchdown::c3d {
namespace {

Side side_of(const std::string& context) {
  const std::string c = trim(context);
  if (istarts_with(c, "left")) return Side::left;
  if (istarts_with(c, "right")) return Side::right;
  return Side::none;
}

std::vector<Event> header_events(const MappingContext& context) {
  std::vector<Event> events;
  const auto& header = context.header;
  if (header.event_count <= 0) return events;
  const auto count = static_cast<std::size_t>(std::min(header.event_count, 18));
  if (header.event_count > 18)
    context.warnings.push_back("C3D: header declares " + std::to_string(header.event_count) + " events; the header holds 18");
  for (std::size_t i = 0; i < count; ++i) {
    const double t = header.event_times[i];
    if (!std::isfinite(t)) continue;
    events.push_back({header.event_labels[i].empty() ? "Event" : header.event_labels[i], Side::none, t, "c3d header"});
  }
  if (!events.empty())
    context.warnings.push_back("C3D: no EVENT group; " + std::to_string(events.size()) +
                               " header events read (labels only, no side)");
  return events;
}

}  // namespace

std::vector<Event> map_events(const MappingContext& context) {
  const auto& parameters = context.parameters;
  std::string group = "EVENT";
  if (parameters.group(group) == nullptr) {
    if (parameters.group("EVENTS") == nullptr || parameters.find("EVENTS", "TIMES") == nullptr) return header_events(context);
    group = "EVENTS";  // BKIN Dexterit-E (c3d.org sample22): same layout under another group name
    context.warnings.push_back("C3D: events read from the EVENTS group (the C3D name is EVENT)");
  }

  const auto times = number_series(parameters, group, "TIMES");
  std::size_t count = times.size() / 2;
  if (auto used = first_number(parameters, group, "USED")) {
    const auto declared = to_count(*used);
    if (declared > count)
      context.warnings.push_back("C3D: EVENT:USED is " + std::to_string(declared) + " but EVENT:TIMES holds " +
                                 std::to_string(count) + " times; " + std::to_string(count) + " events read");
    count = std::min(count, declared);
  }
  if (count == 0) return header_events(context);

  const auto labels = string_series(parameters, group, "LABELS");
  auto contexts = string_series(parameters, group, "CONTEXTS");
  if (contexts.empty()) {
    // Contexts given only through icon ids: map them with EVENT_CONTEXT:ICON_IDS -> EVENT_CONTEXT:LABELS.
    const auto icons = number_series(parameters, group, "ICON_IDS");
    const auto context_icons = number_series(parameters, "EVENT_CONTEXT", "ICON_IDS");
    const auto context_labels = string_series(parameters, "EVENT_CONTEXT", "LABELS");
    for (std::size_t i = 0; i < icons.size(); ++i) {
      std::string label;
      for (std::size_t k = 0; k < context_icons.size() && k < context_labels.size(); ++k)
        if (context_icons[k] == icons[i]) label = context_labels[k];
      contexts.push_back(label);
    }
    if (!contexts.empty()) context.warnings.push_back("C3D: EVENT:CONTEXTS is missing; sides taken from EVENT_CONTEXT via ICON_IDS");
  }

  const auto& layout = context.layout;
  const double shift = layout.point_rate > 0 ? static_cast<double>(layout.first_frame - 1) / layout.point_rate : 0.0;
  std::vector<Event> events;
  events.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const double minutes = times[2 * i];
    const double seconds = times[2 * i + 1];
    if (!std::isfinite(minutes) || !std::isfinite(seconds)) continue;
    Event event;
    event.label = i < labels.size() && !trim(labels[i]).empty() ? trim(labels[i]) : "Event";
    event.side = i < contexts.size() ? side_of(contexts[i]) : Side::none;
    event.time_s = minutes * 60.0 + seconds - shift;
    event.source = "file";
    events.push_back(std::move(event));
  }
  if (shift != 0 && !events.empty())
    context.warnings.push_back("C3D: EVENT:TIMES count from capture frame 1; shifted by -" + std::to_string(shift) +
                               " s so that 0 is the first stored frame (" + std::to_string(layout.first_frame) + ")");
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.time_s < b.time_s; });
  return events;
}

}  // namespace touchdown::c3d
