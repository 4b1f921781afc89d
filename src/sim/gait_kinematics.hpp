#pragma once
// Sagittal leg kinematics of the simulated runner (internal).
//
// Knee: one periodic curve per stride (piecewise quintic) through the IC value (already flexing at the
// given rate; its minimum comes just before IC), the stance peak (zero rate), the toe-off value (still
// extending; minimum just after TO) and the swing peak (50 % of swing). C2 everywhere except at toe-off
// (C1: once the foot is off the ground swing flexion starts at once, which lifts the foot). Smooth curves
// matter: the analysis low-passes markers (12 Hz), and a corner at IC would bias what it measures.
//
// Stance foot: a rigid body on the floor. It lands on a pivot (heel pad for a positive foot strike angle,
// forefoot pad for a negative one, flat for zero) at pitch = the foot strike angle; the pivot arrives
// with the touchdown velocity and the heel pad and shoe stop it within 15 ms (C2, ~5 g, a few mm). The
// foot turns about the pivot to foot flat (quintic; rate at IC -0.5 x angle / duration, about -150 deg/s
// for a 15 deg heel strike, cf. van Werkhoven 2019), stays flat, and from heel-off rolls about the toe
// tip to the toe-off angle, ending with the ankle nearly done plantarflexing (the foot turns with the
// shank at TO). The pivot does not slip (on a treadmill everything is later carried with the belt).
//
// Pelvis: moves forward at the running speed plus the small surge of the centre of mass (from the AP
// force); its height in stance follows from the knee angle and the ankle position (two-link inverse
// kinematics: the hip-ankle distance is set by the knee angle), and in flight is a quintic joining the
// stances (C2). The one free placement value, how far ahead of the hip the ankle lands, is chosen so that
// the pelvis height over a step best matches (least squares) the centre-of-mass path the ground reaction
// force implies (centre_of_mass.hpp). Known limitation: a rigid leg with a near-straight knee at IC makes
// the pelvis rise briefly after contact (real runners absorb this in heel pad, shoe and soft tissue), so
// the pelvis path peaks late in stance and dips in flight instead of following a ballistic arc; knee,
// foot and force values are unaffected.
//
// Swing: the thigh angle (forward early, peak flexion at 75 % of swing, then retraction) and the foot
// pitch (the heel-up attitude of early swing, level at 80 %, the strike angle at IC) are quintic splines
// joining stance with equal value and rate at TO and equal value, rate and acceleration at IC. The heel
// and forefoot pads and the markers stay above the floor; the toe tip (the unmarked roll-off point) may
// brush it by a few millimetres just after TO, where real toes are still bending off the ground.
#include <cstddef>

#include "sim/anthropometry.hpp"
#include "sim/centre_of_mass.hpp"
#include "sim/sagittal.hpp"
#include "touchdown/simulate.hpp"

namespace touchdown::sim {

struct GaitTiming {
  double point_rate_hz = 0;
  std::size_t step_frames = 0, contact_frames = 0;
  double step_s = 0, stride_s = 0, contact_s = 0, swing_s = 0, flight_s = 0;
  double first_right_ic_s = 0;  // on a point frame; the trial starts in a flight phase
  [[nodiscard]] double first_ic_s(Side side) const {
    return side == Side::left ? first_right_ic_s + step_s : first_right_ic_s;
  }
};

struct FootPose {
  P2 pivot_foot;     // a point of the foot frame ...
  P2 pivot_ground;   // ... and where it is (ground frame)
  double pitch = 0;  // rad, + = toes up, relative to standing
  [[nodiscard]] P2 point(P2 in_foot) const { return pivot_ground + rotate(in_foot - pivot_foot, pitch); }
};

struct LegPose {  // ground frame (metres), sagittal
  P2 hip, knee, ankle;
  double thigh = 0, knee_flexion = 0, shank = 0, ankle_dorsiflexion = 0;  // rad
  FootPose foot;
  bool stance = false;
  double tau = 0;   // time since this leg's latest IC
  double ic_s = 0;  // that IC
  P2 cop_foot;      // stance: centre of pressure in the foot frame
};

class GaitModel {
 public:
  GaitModel(const RunnerParameters& parameters, const Anthropometry& body, const GaitTiming& timing,
            const CentreOfMassPath& com, double x_at_first_ic);

  [[nodiscard]] P2 pelvis(double t) const;  // midpoint of the hip joint centres, ground frame
  [[nodiscard]] LegPose leg(Side side, double t) const;

  // The same for every stance.
  [[nodiscard]] LegPose stance_pose(double tau) const;  // foot frame origin at ground x = 0
  // Knee flexion (rad) at tau since IC, tau in [0, stride].
  [[nodiscard]] double knee_flexion(double tau) const {
    return tau <= timing_.contact_s ? stance_knee_.value(tau) : swing_knee_.value(tau);
  }
  [[nodiscard]] double ankle_ahead_of_hip_at_ic() const { return ankle_ahead_; }
  [[nodiscard]] double knee_peak_time_s() const { return knee_peak_s_; }
  [[nodiscard]] double foot_pitch_rate_ic() const { return landing_pitch_.v0; }  // rad/s
  [[nodiscard]] P2 initial_cop() const { return initial_cop_; }
  [[nodiscard]] P2 touchdown_velocity() const { return touchdown_velocity_; }  // contact point, before IC
  [[nodiscard]] double pelvis_height_range() const { return pelvis_max_z_ - pelvis_min_z_; }

 private:
  [[nodiscard]] FootPose stance_foot(double tau) const;
  [[nodiscard]] P2 stance_cop(double tau) const;
  // Hip height in stance, for a given ankle-ahead-of-hip distance at IC (NaN where the leg cannot reach).
  [[nodiscard]] double stance_hip_z(double tau, double ankle_ahead) const;
  [[nodiscard]] double stance_hip_x(double tau, double ankle_ahead) const;
  [[nodiscard]] double pelvis_z(double tau) const;  // tau since the latest IC of either leg
  [[nodiscard]] LegPose inverse_kinematics(P2 hip, P2 ankle) const;
  void build_knee();
  void choose_placement();
  void build_swing();
  [[nodiscard]] LegPose swing_pose(double s) const;  // s since TO; hip at x = 0

  RunnerParameters parameters_;
  Anthropometry body_;
  GaitTiming timing_;
  CentreOfMassPath com_;
  double x_at_first_ic_ = 0;
  double speed_ = 0, strike_ = 0;
  double foot_flat_s_ = 0, heel_off_s_ = 0;
  Quintic landing_pitch_, push_off_pitch_;
  P2 landing_pivot_, initial_cop_;
  P2 ankle_ic_;  // stance ankle at IC, foot frame origin at ground x = 0
  QuinticSpline stance_knee_, swing_knee_;
  double knee_peak_s_ = 0;
  double ankle_ahead_ = 0;
  Quintic flight_z_;
  QuinticSpline swing_thigh_, swing_pitch_;
  P2 touchdown_velocity_;
  double settle_s_ = 0;
  double pelvis_min_z_ = 0, pelvis_max_z_ = 0;

};

}  // namespace touchdown::sim
