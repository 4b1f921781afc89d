// Knee flexion (3D Grood & Suntay and sagittal projection), excursion, extended-knee flag, shank angle
// and overstride on legs of known geometry.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/synthetic.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {
using testing::kDegToRad;
using testing::kNaN;

// Z up, +X forward, so the subject's right is -Y. A leg in the sagittal plane: thigh tilted `thigh_deg`
// forward of vertical (knee ahead of hip), shank flexed `flexion_deg` relative to the thigh, the whole
// leg then turned `yaw_deg` about the vertical through the hip (out of the sagittal plane).
struct Leg {
  Vec3 hip, knee_lateral, knee_medial, knee_centre, ankle_lateral, ankle_medial, ankle_centre;
};
Leg make_leg(Side side, double thigh_deg, double flexion_deg, double yaw_deg = 0) {
  const double lateral_sign = side == Side::right ? -1.0 : 1.0;  // lateral direction along Y
  const double y0 = 0.1 * lateral_sign;
  const Vec3 hip{0, y0, 0.9};
  const double thigh = thigh_deg * kDegToRad, shank = (thigh_deg - flexion_deg) * kDegToRad;
  const Vec3 knee{0.45 * std::sin(thigh), y0, 0.9 - 0.45 * std::cos(thigh)};
  const Vec3 ankle{knee.x + 0.42 * std::sin(shank), y0, knee.z - 0.42 * std::cos(shank)};
  auto turn = [&](Vec3 p) {
    const double c = std::cos(yaw_deg * kDegToRad), s = std::sin(yaw_deg * kDegToRad);
    const double x = p.x - hip.x, y = p.y - hip.y;
    return Vec3{hip.x + c * x - s * y, hip.y + s * x + c * y, p.z};
  };
  auto offset = [](Vec3 p, double dy) { return Vec3{p.x, p.y + dy, p.z}; };
  Leg leg;
  leg.hip = hip;
  leg.knee_centre = turn(knee);
  leg.knee_lateral = turn(offset(knee, 0.05 * lateral_sign));
  leg.knee_medial = turn(offset(knee, -0.05 * lateral_sign));
  leg.ankle_centre = turn(ankle);
  leg.ankle_lateral = turn(offset(ankle, 0.035 * lateral_sign));
  leg.ankle_medial = turn(offset(ankle, -0.035 * lateral_sign));
  return leg;
}

void put(SideLandmarks& s, const Leg& leg, std::size_t frame) {
  s.hip_centre[frame] = leg.hip;
  s.knee_lateral[frame] = leg.knee_lateral;
  s.knee_medial[frame] = leg.knee_medial;
  s.knee_centre[frame] = leg.knee_centre;
  s.ankle_lateral[frame] = leg.ankle_lateral;
  s.ankle_medial[frame] = leg.ankle_medial;
  s.ankle_centre[frame] = leg.ankle_centre;
}

Body body_with_leg(Side side, const Leg& leg) {
  Body b = testing::empty_body(100);
  for (std::size_t i = 0; i < b.frames; ++i) put(side == Side::left ? b.left : b.right, leg, i);
  return b;
}

TEST(KneeFlexion, GroodSuntayOnKnownGeometryBothSides) {
  for (Side side : {Side::right, Side::left}) {
    const Leg leg = make_leg(side, 20.0, 30.0);
    const Vec3& h = leg.hip;
    // Exact geometry: 30 deg between thigh and shank; rounding only.
    EXPECT_NEAR(knee_flexion_grood_suntay_deg(h, leg.knee_lateral, leg.knee_medial, leg.ankle_lateral, leg.ankle_medial, side),
                30.0, 1e-9)
        << to_string(side);
    const KneeMetrics m = compute_knee(body_with_leg(side, leg), testing::stance(side, 0.3, 0.55));
    ASSERT_TRUE(m.knee_flexion_ic_deg.value);
    EXPECT_NEAR(*m.knee_flexion_ic_deg.value, 30.0, 1e-9);  // same
    EXPECT_NE(m.knee_flexion_ic_deg.method.find("Grood & Suntay"), std::string::npos);
  }
}

TEST(KneeFlexion, GroodSuntayIgnoresLegTurnedOutOfSagittalPlane) {
  // A leg turned 40 deg about the vertical: the joint angle is unchanged (3D), the sagittal projection is not.
  const Leg leg = make_leg(Side::right, 10.0, 30.0, 40.0);
  EXPECT_NEAR(knee_flexion_grood_suntay_deg(leg.hip, leg.knee_lateral, leg.knee_medial, leg.ankle_lateral,
                                            leg.ankle_medial, Side::right),
              30.0, 1e-9);  // exact geometry
  const double projected = knee_flexion_sagittal_deg(leg.hip, leg.knee_centre, leg.ankle_centre, Axis{2, 1}, Axis{0, 1});
  EXPECT_GT(std::abs(projected - 30.0), 1.0);  // projection shrinks the forward components by cos 40
}

TEST(KneeFlexion, HyperextensionIsNegative) {
  const Leg leg = make_leg(Side::right, 0.0, -5.0);
  EXPECT_NEAR(knee_flexion_grood_suntay_deg(leg.hip, leg.knee_lateral, leg.knee_medial, leg.ankle_lateral,
                                            leg.ankle_medial, Side::right),
              -5.0, 1e-9);  // exact geometry
  EXPECT_NEAR(knee_flexion_sagittal_deg(leg.hip, leg.knee_centre, leg.ankle_centre, Axis{2, 1}, Axis{0, 1}), -5.0, 1e-9);
}

TEST(KneeFlexion, SagittalProjectionWhenMedialMarkersMissing) {
  Body b = body_with_leg(Side::right, make_leg(Side::right, 15.0, 25.0));
  b.right.knee_medial.assign(b.frames, Vec3{kNaN, kNaN, kNaN});
  const KneeMetrics m = compute_knee(b, testing::stance(Side::right, 0.3, 0.55));
  ASSERT_TRUE(m.knee_flexion_ic_deg.value);
  EXPECT_NEAR(*m.knee_flexion_ic_deg.value, 25.0, 1e-9);  // leg in the sagittal plane: exact
  EXPECT_NE(m.knee_flexion_ic_deg.method.find("sagittal"), std::string::npos);
  EXPECT_NE(m.knee_flexion_ic_deg.method.find("medial markers missing"), std::string::npos);
}

TEST(KneeFlexion, ExcursionAndExtendedKneeFlag) {
  // Flexion 20 + 25 sin(pi (t - IC) / contact): peak 45 at mid-stance (frame 20), excursion 25.
  const double ic = 0.10, to = 0.30;
  Body b = testing::empty_body(100);
  for (std::size_t i = 0; i < b.frames; ++i) {
    const double t = static_cast<double>(i) / 100.0;
    const double phase = std::clamp((t - ic) / (to - ic), 0.0, 1.0);
    put(b.right, make_leg(Side::right, 15.0, 20.0 + 25.0 * std::sin(std::numbers::pi * phase)), i);
  }
  KneeMetrics m = compute_knee(b, testing::stance(Side::right, ic, to));
  ASSERT_TRUE(m.knee_flexion_excursion_deg.value);
  EXPECT_NEAR(*m.knee_flexion_ic_deg.value, 20.0, 1e-9);          // exact at a frame
  EXPECT_NEAR(*m.knee_flexion_excursion_deg.value, 25.0, 1e-9);   // mid-stance falls on frame 20
  ASSERT_TRUE(m.extended_knee);
  EXPECT_FALSE(*m.extended_knee);  // 20 >= 10
  KneeOptions strict;
  strict.extended_knee_threshold_deg = 25.0;
  m = compute_knee(b, testing::stance(Side::right, ic, to), strict);
  EXPECT_TRUE(*m.extended_knee);  // 20 < 25
}

TEST(KneeFlexion, ExtendedKneeAtFiveDegrees) {
  const KneeMetrics m = compute_knee(body_with_leg(Side::left, make_leg(Side::left, 25.0, 5.0)),
                                     testing::stance(Side::left, 0.3, 0.55));
  ASSERT_TRUE(m.extended_knee);
  EXPECT_TRUE(*m.extended_knee);
  EXPECT_NEAR(*m.knee_flexion_ic_deg.value, 5.0, 1e-9);  // exact geometry
  EXPECT_NEAR(*m.knee_flexion_excursion_deg.value, 0.0, 1e-9);  // constant posture
}

TEST(KneeFlexion, MissingHipGivesReasonAndNoFlag) {
  Body b = body_with_leg(Side::right, make_leg(Side::right, 10, 20));
  b.right.hip_centre[30] = Vec3{kNaN, kNaN, kNaN};
  const KneeMetrics m = compute_knee(b, testing::stance(Side::right, 0.3, 0.55));
  EXPECT_FALSE(m.knee_flexion_ic_deg.value);
  EXPECT_EQ(m.knee_flexion_ic_deg.missing_reason, "hip, knee or ankle landmark missing at IC");
  EXPECT_FALSE(m.extended_knee);
  EXPECT_FALSE(m.knee_flexion_excursion_deg.value);
}

TEST(ShankAngle, PositiveWhenAnkleAheadOfKnee) {
  // Thigh 20 deg forward, knee flexed 10: shank 10 deg forward of vertical, ankle ahead of the knee.
  const KneeMetrics m = compute_knee(body_with_leg(Side::right, make_leg(Side::right, 20.0, 10.0)),
                                     testing::stance(Side::right, 0.3, 0.55));
  ASSERT_TRUE(m.shank_angle_ic_deg.value);
  EXPECT_NEAR(*m.shank_angle_ic_deg.value, 10.0, 1e-9);  // exact geometry
  const KneeMetrics behind = compute_knee(body_with_leg(Side::right, make_leg(Side::right, 10.0, 25.0)),
                                          testing::stance(Side::right, 0.3, 0.55));
  EXPECT_NEAR(*behind.shank_angle_ic_deg.value, -15.0, 1e-9);  // exact geometry
}

TEST(Overstride, PelvisToHeelAlongProgressionAndPercentLegLength) {
  Body b = body_with_leg(Side::right, make_leg(Side::right, 20.0, 10.0));
  testing::fill(b.pelvis_centre, Vec3{1.0, 0, 1.0});
  testing::fill(b.right.heel, Vec3{1.3, -0.1, 0.05});
  b.leg_length_m = 0.9;
  KneeMetrics m = compute_knee(b, testing::stance(Side::right, 0.3, 0.55));
  ASSERT_TRUE(m.overstride_m.value);
  EXPECT_NEAR(*m.overstride_m.value, 0.3, 1e-12);               // 1.3 - 1.0
  EXPECT_NEAR(*m.overstride_pct_leg.value, 100.0 / 3.0, 1e-9);  // 0.3 / 0.9
  EXPECT_NE(m.overstride_m.method.find("pelvis centre"), std::string::npos);

  // Without the pelvis, the hip joint centre (x = 0) is the reference; without leg length, no percentage.
  b.pelvis_centre.assign(b.frames, Vec3{kNaN, kNaN, kNaN});
  b.leg_length_m = 0;
  m = compute_knee(b, testing::stance(Side::right, 0.3, 0.55));
  EXPECT_NEAR(*m.overstride_m.value, 1.3, 1e-12);  // heel 1.3 - hip 0
  EXPECT_NE(m.overstride_m.method.find("hip joint centre"), std::string::npos);
  EXPECT_FALSE(m.overstride_pct_leg.value);
  EXPECT_EQ(m.overstride_pct_leg.missing_reason, "leg length unknown");
}

}  // namespace
}  // namespace touchdown
