#pragma once
// Synthetic gait with known events, for exact-answer tests of the event detectors.
//
// Each foot marker's vertical motion is built from its acceleration: at rest during stance; a lift-off
// pulse a(s) = A (1 - cos(2 pi s / D)) for s in [0, D] after the marker leaves the floor; constant
// deceleration -g in mid-swing; a landing pulse of the same shape (decelerating the descent) that
// starts when the marker touches down and ends when it is at rest. g = 2 A D / (swing - 2 D) makes the
// swing symmetric, so the marker returns exactly to its rest height. Landing speed is A * D.
// Known answers: the landing pulse's acceleration peaks at touch + D/2 and its jerk at touch + D/4; the
// lift-off pulse's acceleration peaks at lift + D/2.
// The vertical GRF of each foot is a half-sine from the toe's touchdown to its lift-off, so the force
// thresholds are crossed at touch + Tc/pi * asin(F/P) and lift - Tc/pi * asin(F/P).
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"

namespace touchdown::testing {

struct GaitSpec {
  double marker_rate_hz = 150.0;
  double plate_rate_hz = 300.0;
  double duration_s = 10.0;
  double stride_s = 0.72;        // one foot's cycle
  double stance_s = 0.25;        // toe touchdown to toe lift-off; < stride/2 means a flight phase
  double first_right_touch_s = 0.30;  // left touches half a stride later
  double pulse_s = 0.040;        // D
  double landing_speed_mps = 1.0;
  double heel_touch_delay_s = 0.030;  // heel lands after the toe (forefoot strike); negative: heel first
  double heel_lift_lead_s = 0.080;    // heel leaves the floor before the toe
  double heel_rest_m = 0.030, toe_rest_m = 0.045;
  double peak_force_n = 1600.0;
  Axis up{2, 1};
};

struct TrueStance {
  Side side;
  double touch_s, lift_s;  // toe touchdown and lift-off (the heel's are offset by the spec)
};

struct SyntheticGait {
  Body body;
  PlateSeries treadmill;                   // one plate carrying both feet
  std::vector<PlateSeries> per_foot_plates;  // [left, right]
  std::vector<TrueStance> truth;           // every stance that starts after t=0, sorted by touch
};

SyntheticGait make_gait(const GaitSpec& spec);

}  // namespace touchdown::testing
