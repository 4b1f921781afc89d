#pragma once
// Internals shared by the OpenSim text readers: the first time stamp of a table (Trial keeps time
// relative to its first sample) and attaching a force table to a marker trial on one clock.
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/trial.hpp"

namespace touchdown::io {

struct TimedTrial {
  Trial trial;
  double first_time_s = 0;  // value of the Time/time column in the first data row
};

TimedTrial parse_trc_timed(std::string_view text, const std::string& name);
TimedTrial parse_mot_timed(std::string_view text, const std::string& name);

// Moves the analog channels and force plates of `forces` into `markers`. Analog sample 0 is put at
// the instant of point frame 0 (the C3D convention): leading NaN samples when the forces start later,
// leading samples dropped when they start earlier. Every adjustment is a warning.
void attach_forces(TimedTrial& markers, TimedTrial forces);

// GRF column groups (`<prefix>ground_force_v{x,y,z}`, `<prefix>ground_force_p{x,y,z}`,
// `<prefix>ground_torque_{x,y,z}`) as type-100 plates, tied to a side when the prefix says so.
// Sets channel units (N, m, Nm) where the table gave none.
std::vector<ForcePlate> grf_plates_from_columns(AnalogSet& analog, std::vector<std::string>& warnings);

// The side a column prefix names: `r_`, `R_`, `right_`, `calcn_r_`, `foot_l` ...; none otherwise.
Side side_from_prefix(std::string_view prefix);

}  // namespace touchdown::io
