// Contact, flight and step time, duty factor, step length and speed, ground detection.
#include <gtest/gtest.h>

#include <vector>

#include "metrics/synthetic.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {

// Alternating steps every 0.35 s, contact 0.25 s: L 0.00-0.25, R 0.35-0.60, L 0.70-0.95, R 1.05-1.30.
std::vector<Stance> four_steps() {
  return {testing::stance(Side::left, 0.00, 0.25), testing::stance(Side::right, 0.35, 0.60),
          testing::stance(Side::left, 0.70, 0.95), testing::stance(Side::right, 1.05, 1.30)};
}

// Overground runner at 3.5 m/s: pelvis moving, each heel planted where it lands (1.225 m per step).
Body overground_body() {
  Body b = testing::empty_body(150);
  testing::fill(b.pelvis_centre, 100.0, [](double t) { return Vec3{3.5 * t, 0, 1.0}; });
  testing::fill(b.left.heel, 100.0, [](double t) { return Vec3{t < 0.5 ? 0.0 : 2.45, 0.1, 0.05}; });
  testing::fill(b.right.heel, 100.0, [](double t) { return Vec3{t < 1.0 ? 1.225 : 3.675, -0.1, 0.05}; });
  return b;
}

TEST(Spatiotemporal, TimesFromAlternatingStances) {
  const std::vector<Stance> s = four_steps();
  const GroundInfo ground{Ground::treadmill, std::nullopt, "declared"};
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, nullptr, ground);
  // Differences of the given event times; 1e-12 covers rounding.
  EXPECT_NEAR(*m.contact_time_s.value, 0.25, 1e-12);
  EXPECT_NEAR(*m.flight_time_s.value, 0.10, 1e-12);
  EXPECT_NEAR(*m.step_time_s.value, 0.35, 1e-12);
  EXPECT_NEAR(*m.duty_factor_pct.value, 100.0 * 0.25 / 0.70, 1e-9);  // contact / stride

  const SpatiotemporalMetrics last = compute_spatiotemporal(s, 3, nullptr, ground);
  EXPECT_NEAR(*last.contact_time_s.value, 0.25, 1e-12);
  EXPECT_FALSE(last.flight_time_s.value);
  EXPECT_EQ(last.flight_time_s.missing_reason, "no later contact (last step of the trial)");
  EXPECT_FALSE(last.duty_factor_pct.value);
}

TEST(Spatiotemporal, MissedContactIsNotAStep) {
  std::vector<Stance> s = four_steps();
  s.erase(s.begin() + 1);  // right contact at 0.35 s not detected: L, L, R
  const GroundInfo ground{Ground::treadmill, 3.5, "declared"};
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, nullptr, ground);
  EXPECT_FALSE(m.flight_time_s.value);
  EXPECT_EQ(m.flight_time_s.missing_reason, "next contact is the same foot (the other foot's contact was not detected)");
  EXPECT_FALSE(m.step_length_m.value);
  EXPECT_NEAR(*m.duty_factor_pct.value, 100.0 * 0.25 / 0.70, 1e-9);  // stride is still measurable
}

TEST(Spatiotemporal, OvergroundStepLengthFromHeels) {
  const Body b = overground_body();
  const GroundInfo ground = detect_ground(b);
  EXPECT_EQ(ground.ground, Ground::overground);
  const std::vector<Stance> s = four_steps();
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, &b, ground);
  ASSERT_TRUE(m.step_length_m.value) << m.step_length_m.missing_reason;
  EXPECT_NEAR(*m.step_length_m.value, 1.225, 1e-12);   // right heel 1.225 - left heel 0
  EXPECT_NEAR(*m.speed_m_s.value, 1.225 / 0.35, 1e-9);  // = 3.5 m/s
}

TEST(Spatiotemporal, TreadmillNeedsBeltSpeed) {
  Body b = testing::empty_body(150);
  testing::fill(b.pelvis_centre, Vec3{0, 0, 1.0});
  testing::fill(b.left.heel, Vec3{0.2, 0.1, 0.05});
  testing::fill(b.right.heel, Vec3{0.25, -0.1, 0.05});
  const std::vector<Stance> s = four_steps();

  const GroundInfo unknown_speed = detect_ground(b);
  EXPECT_EQ(unknown_speed.ground, Ground::treadmill);  // pelvis does not travel
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, &b, unknown_speed);
  EXPECT_FALSE(m.step_length_m.value);
  EXPECT_EQ(m.step_length_m.missing_reason, "treadmill belt speed unknown (give it, e.g. --speed)");

  SpatiotemporalOptions o;
  o.treadmill_speed_m_s = 3.5;
  const GroundInfo known = detect_ground(b, o);
  const SpatiotemporalMetrics k = compute_spatiotemporal(s, 0, &b, known, o);
  ASSERT_TRUE(k.step_length_m.value);
  // Belt 3.5 m/s x 0.35 s plus the right heel landing 5 cm further forward in the lab.
  EXPECT_NEAR(*k.step_length_m.value, 3.5 * 0.35 + 0.05, 1e-12);
  EXPECT_NEAR(*k.speed_m_s.value, 3.5, 1e-12);
}

TEST(Spatiotemporal, UnknownGroundWithoutPelvis) {
  const Body b = testing::empty_body(150);
  const GroundInfo g = detect_ground(b);
  EXPECT_EQ(g.ground, Ground::automatic);
  const std::vector<Stance> s = four_steps();
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, &b, g);
  EXPECT_FALSE(m.speed_m_s.value);
  EXPECT_NE(m.speed_m_s.missing_reason.find("cannot tell treadmill from overground"), std::string::npos);
}

TEST(Spatiotemporal, OverlappingContactsAreNotFlight) {
  const std::vector<Stance> s{testing::stance(Side::left, 0.0, 0.6), testing::stance(Side::right, 0.5, 1.1)};
  const SpatiotemporalMetrics m = compute_spatiotemporal(s, 0, nullptr, GroundInfo{});
  EXPECT_FALSE(m.flight_time_s.value);
  EXPECT_NE(m.flight_time_s.missing_reason.find("double support"), std::string::npos);
}

}  // namespace
}  // namespace touchdown
