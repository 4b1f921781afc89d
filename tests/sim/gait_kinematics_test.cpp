// The simulated runner's body model, checked in double precision between frames.
#include "sim/gait_kinematics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/running_model.hpp"
#include "touchdown/simulate.hpp"

using namespace touchdown;
using namespace touchdown::sim;

namespace {

std::vector<RunnerParameters> runners() {
  RunnerParameters flat = demo_heel_striker();
  flat.name = "flat lander";
  flat.foot_strike_angle_deg = 0.0;
  flat.knee_flexion_ic_deg = 12.0;
  flat.impact_peak_bw = 1.3;
  return {demo_heel_striker(), demo_forefoot_striker(), flat};
}

}  // namespace

TEST(SimGaitKinematics, KneeFlexionAtContactAndItsStancePeakAreExact) {
  for (const RunnerParameters& p : runners()) {
    const RunningModel model(p);
    const GaitModel& gait = model.gait();
    // Two-link inverse kinematics of the actual hip and ankle positions, not the prescribed curve.
    EXPECT_NEAR(deg(gait.stance_pose(0.0).knee_flexion), p.knee_flexion_ic_deg, 1e-9) << p.name;
    double peak = 0;
    const double tc = model.timing().contact_s;
    for (int i = 0; i <= 2000; ++i) peak = std::max(peak, gait.stance_pose(tc * i / 2000).knee_flexion);
    peak = std::max(peak, gait.stance_pose(gait.knee_peak_time_s()).knee_flexion);
    EXPECT_NEAR(deg(peak), p.knee_flexion_peak_stance_deg, 1e-9) << p.name;
  }
}

TEST(SimGaitKinematics, FootPitchAtContactIsTheStrikeAngle) {
  for (const RunnerParameters& p : runners()) {
    const RunningModel model(p);
    const double ic = model.timing().first_ic_s(Side::left);
    EXPECT_NEAR(deg(model.gait().leg(Side::left, ic).foot.pitch), p.foot_strike_angle_deg, 1e-12) << p.name;
  }
}

TEST(SimGaitKinematics, FootIsFlatAndDoesNotSlipBetweenFootFlatAndHeelOff) {
  for (const RunnerParameters& p : runners()) {
    RunnerParameters overground = p;
    overground.treadmill = false;
    const RunningModel model(overground);
    const Anthropometry& body = model.body();
    const double ic = model.timing().first_ic_s(Side::right), tc = model.timing().contact_s;
    const LegPose first = model.gait().leg(Side::right, ic + p.foot_flat_fraction * tc);
    const double heel_x = first.foot.point(body.heel_pad).x;
    for (double f = p.foot_flat_fraction; f <= p.heel_off_fraction; f += 0.01) {
      const FootPose foot = model.gait().leg(Side::right, ic + f * tc).foot;
      EXPECT_NEAR(foot.point(body.heel_pad).z, 0.0, 1e-12) << p.name;
      EXPECT_NEAR(foot.point(body.forefoot_pad).z, 0.0, 1e-12) << p.name;
      EXPECT_NEAR(foot.point(body.heel_pad).x, heel_x, 1e-9) << p.name;  // overground: no slip
    }
    // Push-off: the foot rolls about the toe tip, which stays put until toe-off.
    const double toe_x = model.gait().leg(Side::right, ic + p.heel_off_fraction * tc).foot.point(body.toe_tip).x;
    for (double f = p.heel_off_fraction; f <= 1.0; f += 0.01) {
      const P2 toe = model.gait().leg(Side::right, ic + f * tc).foot.point(body.toe_tip);
      EXPECT_NEAR(toe.z, 0.0, 1e-12);
      EXPECT_NEAR(toe.x, toe_x, 1e-9);
    }
  }
}

TEST(SimGaitKinematics, ContactPointArrivesWithTheTouchdownVelocity) {
  for (const RunnerParameters& p : runners()) {
    RunnerParameters overground = p;
    overground.treadmill = false;
    const RunningModel model(overground);
    const Anthropometry& body = model.body();
    const P2 pivot = p.foot_strike_angle_deg < 0 ? body.forefoot_pad : body.heel_pad;
    const double ic = model.timing().first_ic_s(Side::left), h = 1e-6;
    auto at = [&](double t) { return model.gait().leg(Side::left, t).foot.point(pivot); };
    // Both one-sided differences: the swing arrives and the stance starts with the same velocity (C1).
    for (double sign : {-1.0, 1.0}) {
      const P2 velocity = (sign / h) * (at(ic + sign * h) - at(ic));
      EXPECT_NEAR(velocity.x, p.touchdown_speed_m_s, 1e-3) << p.name;  // O(h) difference error
      EXPECT_NEAR(velocity.z, -p.touchdown_descent_m_s, 1e-3) << p.name;
    }
  }
}

TEST(SimGaitKinematics, LegIsContinuousAtContactAndToeOff) {
  for (const RunnerParameters& p : runners()) {
    const RunningModel model(p);
    const GaitTiming& timing = model.timing();
    for (double event : {timing.first_ic_s(Side::right) + timing.stride_s,
                         timing.first_ic_s(Side::right) + timing.contact_s}) {
      const double h = 1e-7;
      const LegPose before = model.gait().leg(Side::right, event - h), after = model.gait().leg(Side::right, event + h);
      // Segments move at most a few m/s: 2e-7 s apart they differ by < 1e-6 m (or rad); a seam would not.
      EXPECT_NEAR(before.knee.x, after.knee.x, 1e-6) << p.name;
      EXPECT_NEAR(before.knee.z, after.knee.z, 1e-6) << p.name;
      EXPECT_NEAR(before.ankle.x, after.ankle.x, 1e-6) << p.name;
      EXPECT_NEAR(before.ankle.z, after.ankle.z, 1e-6) << p.name;
      EXPECT_NEAR(before.foot.pitch, after.foot.pitch, 1e-5) << p.name;
      // Joint angle rates agree too (C1): compare one-sided differences over 1 ms.
      const double d = 1e-3;
      auto rate = [&](double from, double to) {
        const LegPose a = model.gait().leg(Side::right, from), b = model.gait().leg(Side::right, to);
        return (b.knee_flexion - a.knee_flexion) / (to - from);
      };
      EXPECT_NEAR(rate(event - d, event), rate(event, event + d), 0.5) << p.name;  // rad/s; O(d * accel)
    }
  }
}

TEST(SimGaitKinematics, FootClearsTheFloorInSwingAndTheKneeNeverHyperextends) {
  for (const RunnerParameters& p : runners()) {
    const RunningModel model(p);
    const Anthropometry& body = model.body();
    const GaitTiming& timing = model.timing();
    const double start = timing.first_ic_s(Side::right);
    for (double t = start; t < start + timing.stride_s; t += 1e-4) {
      const LegPose pose = model.gait().leg(Side::right, t);
      EXPECT_GE(pose.knee_flexion, 0.0) << p.name << " at " << t - start;
      EXPECT_LE(norm(pose.ankle - pose.hip), body.thigh_m + body.shank_m + 1e-12);
      if (pose.stance) continue;
      // The heel and forefoot pads stay above the floor (the toe tip, the unmarked roll-off point, may
      // brush it just after toe-off, where real toes are still bending off the ground).
      EXPECT_GE(pose.foot.point(body.heel_pad).z, 0.0) << p.name << " at " << t - start;
      EXPECT_GE(pose.foot.point(body.forefoot_pad).z, 0.0) << p.name << " at " << t - start;
      // Marker centres stay at least a marker radius (7 mm) above the floor.
      EXPECT_GE(pose.foot.point(body.heel_marker).z, 0.007) << p.name;
      EXPECT_GE(pose.foot.point(body.toe_marker).z, 0.007) << p.name;
    }
  }
}

TEST(SimGaitKinematics, PelvisPathIsContinuousOverTheStep) {
  const RunningModel model(demo_heel_striker());
  const GaitTiming& timing = model.timing();
  const double start = timing.first_ic_s(Side::right);
  for (double event : {start, start + timing.contact_s, start + timing.step_s}) {
    EXPECT_NEAR(model.gait().pelvis(event - 1e-7).z, model.gait().pelvis(event + 1e-7).z, 1e-6);
  }
  // Vertical excursion of a running pelvis: several centimetres, not millimetres or decimetres.
  EXPECT_GT(model.gait().pelvis_height_range(), 0.04);
  EXPECT_LT(model.gait().pelvis_height_range(), 0.12);
}
