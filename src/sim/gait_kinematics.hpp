#pragma once
// Sagittal leg kinematics of the simulated runner (internal).
//
// Knee: one periodic curve per stride (piecewise quintic) through the IC value (rising at the given
// rate), the stance peak (zero rate), a minimum at toe-off and the swing peak (50 % of swing); C2
// everywhere except at toe-off (C1: swing flexion starts at once). Smooth curves matter: the analysis
// low-passes markers (12 Hz), and a corner at IC would bias what it measures.
//
// Stance foot: a rigid body on the floor. It lands on a pivot (heel pad for a positive foot strike angle,
// forefoot pad for a negative one, flat for zero) at pitch = the foot strike angle, turns about that
// pivot to foot flat (quintic; rate at IC -0.5 x angle / duration, about -150 deg/s for a 15 deg heel
// strike, cf. van Werkhoven 2019), stays flat, and from heel-off rolls about the toe tip to the toe-off
// angle. The pivot does not slip (on a treadmill everything is later carried with the belt).
//
// Pelvis: moves forward at the running speed plus the small surge of the centre of mass (from the AP
// force); its height in stance follows from the knee angle and the ankle position (two-link inverse
// kinematics, the hip-ankle distance is set by the knee angle), and in flight is a quintic joining the
// stances. The one free placement value, how far ahead of the hip the ankle lands, is chosen so that the
// stance pelvis height best matches (least squares) the centre-of-mass path the ground reaction force
// implies (centre_of_mass.hpp). With a near-straight knee at IC the pelvis briefly rises after contact
// (the model has no heel-pad or shoe compression); the exact values of the knee, foot and forces are
// unaffected.
//
// Swing: the thigh angle (peak flexion at 80 % of swing, then retraction) and the ankle angle (neutral-ish
// at mid-swing) are quintic splines continuous in value, rate and acceleration with stance at TO and IC,
// except the thigh rate at IC: it is chosen so that the contact point comes down at
// `touchdown_descent_m_s` just before IC and stops at IC (the foot is stopped by the ground). The foot
// pitch stays C2 through IC and TO.
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
