#pragma once
// Parameters -> Trial: labels, units, rates, analog scaling, force plates, events, subject, declared
// up axis. One function per concept; each records its decisions in `warnings`.
#include <optional>
#include <string>
#include <vector>

#include "io/c3d/data_layout.hpp"
#include "io/c3d/data_section.hpp"
#include "io/c3d/header.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/trial.hpp"

namespace touchdown::c3d {

struct MappingContext {
  const C3dHeader& header;
  const C3dParameters& parameters;
  const C3dLayout& layout;
  std::vector<std::string>& warnings;
};

// channel_mapping.cpp
// Sizes the tracks and fills labels, descriptions, rate, first frame and declared units ("mm", "m", ...;
// empty when POINT:UNITS is missing).
void map_points(const MappingContext& context, PointSet& points);
// Sizes the channels, fills labels, descriptions, units and rate, and returns the scaling of each channel.
AnalogScaling map_analog(const MappingContext& context, AnalogSet& analog);
// POINT:UNITS text -> "mm", "cm", "m", "dm", "in", or the text itself (with a warning) when unknown.
std::string normalize_length_unit(const std::string& declared, std::vector<std::string>& warnings);
// POINT:Y_SCREEN ("+Z", "-Y", ...) as the up axis, when declared and readable.
std::optional<AxisFinding> declared_up_axis(const MappingContext& context);

// force_plate_mapping.cpp: FORCE_PLATFORM group, types 1-4 (others kept with a warning).
std::vector<ForcePlate> map_force_plates(const MappingContext& context, std::size_t analog_channels);

// event_mapping.cpp: EVENT (+ EVENT_CONTEXT) group, else the header events. Times are seconds from the
// first point frame.
std::vector<Event> map_events(const MappingContext& context);

// subject_mapping.cpp: name, mass and height from SUBJECTS / SUBJECT / PROCESSING.
Subject map_subject(const MappingContext& context);

}  // namespace touchdown::c3d
