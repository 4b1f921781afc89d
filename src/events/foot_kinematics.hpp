#pragma once
// Vertical heel and toe kinematics of one foot, shared by the marker event detector and the side
// assignment of force events. Internal to events/.
#include <vector>

#include "touchdown/body.hpp"

namespace touchdown::events_detail {

struct FootKinematics {
  // Height of each marker above its own floor level (m), NaN where missing. The floor level of a marker is
  // a low percentile of its height over the trial: every foot marker rests near its floor level during
  // stance, so this removes marker placement differences (a heel-bottom marker sits lower than a
  // metatarsal-head marker) without knowing where the floor is.
  std::vector<double> heel, toe;
  std::vector<double> heel_velocity, toe_velocity;  // vertical, m/s
  std::vector<double> fifth, fifth_velocity;        // fifth metatarsal when the body has it, else empty
  bool usable = false;  // both markers present with enough valid samples
};

// `cutoff_hz` <= 0 uses the landmarks as they are (Body is already filtered).
FootKinematics foot_kinematics(const Body& body, const SideLandmarks& side, double cutoff_hz);

// The frame range [first, last] of the point clock covering [begin_s, end_s], clamped to the body.
struct FrameRange {
  std::size_t first = 0, last = 0;
  bool empty = true;
};
FrameRange frames_between(const Body& body, double begin_s, double end_s);

}  // namespace touchdown::events_detail
