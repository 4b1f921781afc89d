// Foot strike angle, strike patterns, strike index and foot angular velocity on hand-computable feet.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/synthetic.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {
using testing::kDegToRad;
using testing::kNaN;

// A right foot whose heel->toe line rises `angle_deg` above the floor at every frame.
Body foot_at_angle(double angle_deg, double length_m = 0.2) {
  Body b = testing::empty_body(100);
  testing::fill(b.right.heel, Vec3{0.1, -0.1, 0.05});
  testing::fill(b.right.toe, Vec3{0.1 + length_m * std::cos(angle_deg * kDegToRad), -0.1,
                                  0.05 + length_m * std::sin(angle_deg * kDegToRad)});
  return b;
}

TEST(FootStrikeAngle, HeelToToeAngleMinusStandingAngle) {
  Body b = foot_at_angle(20.0);
  b.right.standing_foot_angle_deg = 5.0;
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55), nullptr);
  ASSERT_TRUE(m.foot_strike_angle_deg.value) << m.foot_strike_angle_deg.missing_reason;
  // Exact geometry: 20 deg line minus 5 deg standing; only rounding error.
  EXPECT_NEAR(*m.foot_strike_angle_deg.value, 15.0, 1e-9);
  EXPECT_EQ(m.foot_strike_angle_deg.unit, "deg");
  EXPECT_NE(m.foot_strike_angle_deg.method.find("standing"), std::string::npos);
  ASSERT_TRUE(m.strike_pattern.pattern);
  EXPECT_EQ(*m.strike_pattern.pattern, StrikePattern::rearfoot);  // 15 > 8.0
}

TEST(FootStrikeAngle, WithoutStandingTrialIsRelativeToFloorAndSaysSo) {
  const Body b = foot_at_angle(-4.0);
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55), nullptr);
  ASSERT_TRUE(m.foot_strike_angle_deg.value);
  EXPECT_NEAR(*m.foot_strike_angle_deg.value, -4.0, 1e-9);  // exact geometry
  EXPECT_NE(m.foot_strike_angle_deg.method.find("no standing trial"), std::string::npos);
  EXPECT_EQ(*m.strike_pattern.pattern, StrikePattern::forefoot);  // -4 < -1.6
}

TEST(FootStrikeAngle, BackwardProgressionAndYUpFrameGiveTheSameAngle) {
  // Same foot in a Y-up lab running towards -X: toes 10 deg up.
  Body b = testing::empty_body(50);
  b.up = Axis{1, 1};
  b.progression = Axis{0, -1};
  testing::fill(b.left.heel, Vec3{2.0, 0.04, 0.3});
  testing::fill(b.left.toe, Vec3{2.0 - 0.2 * std::cos(10 * kDegToRad), 0.04 + 0.2 * std::sin(10 * kDegToRad), 0.3});
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::left, 0.1, 0.3), nullptr);
  ASSERT_TRUE(m.foot_strike_angle_deg.value);
  EXPECT_NEAR(*m.foot_strike_angle_deg.value, 10.0, 1e-9);  // exact geometry
}

TEST(StrikePattern, AltmanDavisThresholdsAreStrict) {
  auto classify = [](double fsa, FsaThresholds t = FsaThresholds::altman_davis_2012) {
    return *classify_by_foot_strike_angle(Measured::of(fsa, "deg", ""), t).pattern;
  };
  EXPECT_EQ(classify(8.01), StrikePattern::rearfoot);
  EXPECT_EQ(classify(8.0), StrikePattern::midfoot);  // RFS only above 8.0
  EXPECT_EQ(classify(-1.6), StrikePattern::midfoot);
  EXPECT_EQ(classify(-1.61), StrikePattern::forefoot);
  // Mo et al. 2021: RFS > 7.4, FFS < -0.8.
  EXPECT_EQ(classify(7.5, FsaThresholds::mo2021), StrikePattern::rearfoot);
  EXPECT_EQ(classify(7.5), StrikePattern::midfoot);
  EXPECT_EQ(classify(-1.0, FsaThresholds::mo2021), StrikePattern::forefoot);
  EXPECT_EQ(classify(-1.0), StrikePattern::midfoot);
  const StrikeClass c = classify_by_foot_strike_angle(Measured::of(0, "deg", ""), FsaThresholds::mo2021);
  EXPECT_NE(c.method.find("mo2021"), std::string::npos);
}

TEST(StrikePattern, AbsentAngleGivesAbsentClassWithReason) {
  const StrikeClass c =
      classify_by_foot_strike_angle(Measured::absent("deg", "heel marker missing at IC"), FsaThresholds::altman_davis_2012);
  EXPECT_FALSE(c.pattern);
  EXPECT_NE(c.missing_reason.find("heel marker missing at IC"), std::string::npos);
}

TEST(StrikeIndex, CopAtKnownFractionOfFootLength) {
  // Heel at x = 0.10, toe at x = 0.35 (25 cm, toes 15 deg up: the horizontal projection is what counts
  // along the floor, so we place the toe so that the horizontal foot length is 25 cm), COP at x = 0.20
  // and 3 cm lateral: 40 % of foot length -> midfoot.
  Body b = testing::empty_body(100);
  testing::fill(b.right.heel, Vec3{0.10, -0.10, 0.04});
  testing::fill(b.right.toe, Vec3{0.35, -0.10, 0.04 + 0.25 * std::tan(15 * kDegToRad)});
  const PlateSeries plate = testing::plate_series(1000, 1000, [](double t) { return t >= 0.3 && t <= 0.55 ? 1000.0 : 0.0; },
                                                  [](double) { return 0.0; }, Vec3{0.20, -0.13, 0.0});
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55, 0), &plate);
  ASSERT_TRUE(m.strike_index_pct.value) << m.strike_index_pct.missing_reason;
  EXPECT_NEAR(*m.strike_index_pct.value, 40.0, 1e-9);  // (0.20 - 0.10) / 0.25, exact
  EXPECT_EQ(*m.strike_pattern_si.pattern, StrikePattern::midfoot);
}

TEST(StrikeIndex, ClassBoundariesFollowTheTable) {
  auto classify = [](double si) { return *classify_by_strike_index(Measured::of(si, "%", "")).pattern; };
  EXPECT_EQ(classify(-3.0), StrikePattern::rearfoot);  // COP behind the heel marker
  EXPECT_EQ(classify(33.0), StrikePattern::rearfoot);
  EXPECT_EQ(classify(34.0), StrikePattern::midfoot);
  EXPECT_EQ(classify(67.0), StrikePattern::midfoot);
  EXPECT_EQ(classify(68.0), StrikePattern::forefoot);
  EXPECT_EQ(classify(104.0), StrikePattern::forefoot);
}

TEST(StrikeIndex, MedianOverStartOfStanceRejectsNoisyCop) {
  // COP undefined for the first 3 ms (force below the plate threshold), two wild samples after that (as on
  // a treadmill at low load), otherwise under the forefoot at 90 % of the foot.
  Body b = testing::empty_body(100);
  testing::fill(b.right.heel, Vec3{0.0, 0, 0.03});
  testing::fill(b.right.toe, Vec3{0.2, 0, 0.03});
  PlateSeries plate = testing::plate_series(1000, 1000, [](double t) { return t >= 0.3 && t <= 0.55 ? 1000.0 : 0.0; },
                                            [](double) { return 0.0; }, Vec3{0.18, 0, 0});
  for (std::size_t i = 300; i < 303; ++i) plate.cop_m[i] = Vec3{kNaN, kNaN, kNaN};
  plate.cop_m[303] = Vec3{-0.5, 0, 0};
  plate.cop_m[304] = Vec3{0.9, 0, 0};
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55, 0), &plate);
  ASSERT_TRUE(m.strike_index_pct.value);
  EXPECT_NEAR(*m.strike_index_pct.value, 90.0, 1e-9);  // 0.18 / 0.20: the median ignores the two outliers
  EXPECT_EQ(*m.strike_pattern_si.pattern, StrikePattern::forefoot);
  EXPECT_NE(m.strike_index_pct.method.find("median over the COP samples in the first 10% of stance"), std::string::npos)
      << m.strike_index_pct.method;
}

TEST(StrikeIndex, FollowsTheFootOnATreadmill) {
  // Foot carried backwards by the belt at 3 m/s; COP fixed on the foot at 25 % of its length: the index
  // is computed with heel and toe at each COP sample's time, so it stays 25 %.
  Body b = testing::empty_body(100);
  testing::fill(b.right.heel, 100.0, [](double t) { return Vec3{1.0 - 3.0 * t, 0, 0.03}; });
  testing::fill(b.right.toe, 100.0, [](double t) { return Vec3{1.2 - 3.0 * t, 0, 0.03}; });
  PlateSeries plate = testing::plate_series(1000, 1000, [](double t) { return t >= 0.3 && t <= 0.55 ? 1000.0 : 0.0; });
  for (std::size_t i = 0; i < plate.cop_m.size(); ++i)
    if (is_finite(plate.cop_m[i])) plate.cop_m[i] = Vec3{1.05 - 3.0 * static_cast<double>(i) / 1000.0, 0, 0};
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55, 0), &plate);
  ASSERT_TRUE(m.strike_index_pct.value);
  // Linear interpolation of linear marker motion is exact; rounding only.
  EXPECT_NEAR(*m.strike_index_pct.value, 25.0, 1e-9);
  EXPECT_EQ(*m.strike_pattern_si.pattern, StrikePattern::rearfoot);
}

TEST(StrikeIndex, AbsentWithReasons) {
  const Body b = foot_at_angle(10);
  const Stance s = testing::stance(Side::right, 0.30, 0.55, 0);
  EXPECT_EQ(compute_foot_strike(b, s, nullptr).strike_index_pct.missing_reason, "no force plate under this stance");
  // COP never defined within the first 5 % of stance.
  const PlateSeries unloaded = testing::plate_series(1000, 1000, [](double) { return 5.0; });
  const FootStrikeMetrics m = compute_foot_strike(b, s, &unloaded);
  EXPECT_FALSE(m.strike_index_pct.value);
  EXPECT_EQ(m.strike_index_pct.missing_reason, "centre of pressure undefined near IC");
  EXPECT_FALSE(m.strike_pattern_si.pattern);
  EXPECT_FALSE(m.strike_pattern_si.missing_reason.empty());
}

TEST(FootAngularVelocity, LinearlyRotatingFootGivesItsRate) {
  // Toe rotates down about the heel at -100 deg/s from 20 deg at t = 0.30 s (frame 30 at 100 Hz).
  Body b = testing::empty_body(100);
  testing::fill(b.right.heel, Vec3{0, 0, 0.05});
  testing::fill(b.right.toe, 100.0, [](double t) {
    const double angle = (20.0 - 100.0 * (t - 0.30)) * kDegToRad;
    return Vec3{0.2 * std::cos(angle), 0, 0.05 + 0.2 * std::sin(angle)};
  });
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55), nullptr);
  ASSERT_TRUE(m.foot_angular_velocity_deg_s.value);
  // Central difference of a linear angle is exact; 1e-6 covers rounding of positions.
  EXPECT_NEAR(*m.foot_angular_velocity_deg_s.value, -100.0, 1e-6);
  EXPECT_NEAR(*m.foot_strike_angle_deg.value, 20.0, 1e-9);
}

TEST(FootStrike, MissingLandmarksGiveReasonsNotZeros) {
  Body b = foot_at_angle(10);
  b.right.heel[30] = Vec3{kNaN, kNaN, kNaN};
  const FootStrikeMetrics m = compute_foot_strike(b, testing::stance(Side::right, 0.30, 0.55), nullptr);
  EXPECT_FALSE(m.foot_strike_angle_deg.value);
  EXPECT_EQ(m.foot_strike_angle_deg.missing_reason, "heel or toe landmark missing at IC");
  EXPECT_FALSE(m.strike_pattern.pattern);
  EXPECT_FALSE(m.foot_angular_velocity_deg_s.value);

  Body no_toe = foot_at_angle(10);
  no_toe.right.toe.clear();
  EXPECT_EQ(compute_foot_strike(no_toe, testing::stance(Side::right, 0.30, 0.55), nullptr).foot_strike_angle_deg.missing_reason,
            "heel or toe landmark not available");
}

}  // namespace
}  // namespace touchdown
