#pragma once
// Body: named anatomical landmarks per side, in metres, in the lab frame, gap-filled and filtered.
// Built from a Trial by landmarks/ (marker-set profiles, static calibration, hip-joint-centre regression).
// Downstream code (events/, metrics/) sees only this, never marker names.
#include <optional>
#include <string>
#include <vector>

#include "touchdown/trial.hpp"

namespace touchdown {

using Trajectory = std::vector<Vec3>;  // one sample per frame; NaN where missing

struct SideLandmarks {
  Trajectory hip_centre;    // hip joint centre (measured, or regression from pelvis markers)
  Trajectory knee_lateral, knee_medial, knee_centre;    // epicondyles; centre = midpoint (or lateral + offset)
  Trajectory ankle_lateral, ankle_medial, ankle_centre;  // malleoli; centre = midpoint
  Trajectory heel;          // posterior/plantar heel (calcaneus) marker
  Trajectory toe;           // distal foot: toe/hallux marker, or first/second metatarsal head
  Trajectory fifth_metatarsal;  // when present (foot frame), else empty
  // Sagittal foot angle (heel -> toe vs floor) in the standing trial, for the foot strike angle; absent
  // without a static trial (FSA is then measured against the floor and the report says so).
  std::optional<double> standing_foot_angle_deg;
  // True when heel and toe are not anatomical markers but a foot axis fixed to a heel cluster in the standing
  // trial (Running Injury Clinic sets have no toe marker): foot angles are valid, positions along the foot
  // (strike index, foot length) are not.
  bool virtual_foot_axis = false;
  [[nodiscard]] bool empty() const { return heel.empty(); }
};

struct Body {
  double rate_hz = 0;
  std::size_t frames = 0;
  Axis up;           // positive up
  Axis progression;  // positive in the direction of travel
  Trajectory pelvis_centre;  // mean of ASIS/PSIS (or pelvis cluster)
  SideLandmarks left, right;
  double leg_length_m = 0;   // mean hip-centre to ankle-centre distance (standing when available); 0 if unknown

  // How it was built: marker-set profile, which landmarks came from the static calibration, the hip
  // joint centre method, gap-fill limit and filter cut-off.
  std::string marker_set;
  std::vector<std::string> methods;
  std::vector<std::string> warnings;

  [[nodiscard]] const SideLandmarks& side(Side s) const { return s == Side::left ? left : right; }
};

}  // namespace touchdown
