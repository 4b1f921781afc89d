#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "events/synthetic_gait.hpp"
#include "touchdown/error.hpp"
#include "touchdown/events.hpp"

using namespace touchdown;
using touchdown::testing::GaitSpec;
using touchdown::testing::make_gait;

namespace {
GaitSpec walking() {
  GaitSpec spec;
  spec.stride_s = 1.10;
  spec.stance_s = 0.66;  // 60 % of the cycle: each foot lands before the other leaves (double support)
  spec.heel_touch_delay_s = -0.030;
  spec.heel_lift_lead_s = 0.200;
  spec.peak_force_n = 800.0;
  return spec;
}

std::string message_of(const EventResult& events, const Body& body) {
  try {
    require_running(events, body);
  } catch (const AnalysisError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(CompareEvents, GivesMarkerMinusForceTimingPerStance) {
  const GaitSpec spec;
  const auto gait = make_gait(spec);
  EventResult force = detect_force_events({gait.treadmill}, {}, &gait.body);
  const EventResult markers = detect_marker_events(gait.body);
  compare_events(force, markers);
  // Known answer: marker IC = touch + 3D/8, force IC = touch + Tc/pi asin(20/P) (see synthetic_gait.hpp).
  const double expected_ic = 0.375 * spec.pulse_s - spec.stance_s / std::numbers::pi * std::asin(20.0 / spec.peak_force_n);
  const double expected_to = 0.5 * spec.pulse_s + spec.stance_s / std::numbers::pi * std::asin(10.0 / spec.peak_force_n);
  std::size_t compared = 0;
  for (const Stance& s : force.stances) {
    if (!s.ic_disagreement_s) continue;
    ++compared;
    EXPECT_NEAR(*s.ic_disagreement_s, expected_ic, 1.0 / spec.marker_rate_hz);  // marker timing within a frame
    EXPECT_NEAR(*s.to_disagreement_s, expected_to, 1.0 / spec.marker_rate_hz);
  }
  EXPECT_GE(compared + 2, force.stances.size());  // marker stances near the recording ends are dropped
}

TEST(CompareEvents, LeavesStancesWithoutAMatchingMarkerStanceEmpty) {
  EventResult force, markers;
  force.stances.push_back({Side::left, 1.0, 1.25, 0u, "force", 0.0, 0.1, 0.1});
  force.stances.push_back({Side::right, 2.0, 2.25, 0u, "force", 0.0, {}, {}});
  markers.stances.push_back({Side::right, 1.0, 1.25, {}, "markers", 0.0, {}, {}});  // other foot
  markers.stances.push_back({Side::right, 2.5, 2.75, {}, "markers", 0.0, {}, {}});  // 0.5 s away: another step
  compare_events(force, markers);
  EXPECT_FALSE(force.stances[0].ic_disagreement_s.has_value());  // stale values are cleared
  EXPECT_FALSE(force.stances[1].ic_disagreement_s.has_value());
}

TEST(RequireRunning, AcceptsRunningByForceAndByMarkers) {
  const auto gait = make_gait(GaitSpec{});
  EXPECT_NO_THROW(require_running(detect_force_events({gait.treadmill}, {}, &gait.body), gait.body));
  EXPECT_NO_THROW(require_running(detect_marker_events(gait.body), gait.body));
}

TEST(RequireRunning, RefusesWalkingSeenByMarkers) {
  const auto gait = make_gait(walking());
  const EventResult events = detect_marker_events(gait.body);
  ASSERT_GE(events.stances.size(), 10u);
  EXPECT_NE(message_of(events, gait.body).find("no flight phase: both feet on the ground at once (walking?)"),
            std::string::npos);
}

TEST(RequireRunning, RefusesWalkingSeenByForcePlates) {
  const auto gait = make_gait(walking());
  // One treadmill plate: the force never drops between steps, so no complete stance is found at all.
  const EventResult treadmill = detect_force_events({gait.treadmill}, {}, &gait.body);
  EXPECT_NE(message_of(treadmill, gait.body).find("no flight phase"), std::string::npos);
  // One plate per foot: stances are found but overlap.
  std::vector<ForcePlate> info(2);
  info[0].assigned_side = Side::left;
  info[1].assigned_side = Side::right;
  const EventResult plates = detect_force_events(gait.per_foot_plates, info, nullptr);
  ASSERT_GE(plates.stances.size(), 10u);
  EXPECT_NE(message_of(plates, gait.body).find("both feet on the ground at once"), std::string::npos);
}

TEST(RequireRunning, NeedsTwoStancesOfBothFeet) {
  const auto gait = make_gait(GaitSpec{});
  EventResult one;
  one.method = "force";
  one.stances.push_back({Side::left, 1.0, 1.25, {}, "force", 0.0, {}, {}});
  EXPECT_NE(message_of(one, gait.body).find("at least 2"), std::string::npos);
  one.stances.push_back({Side::left, 1.72, 1.97, {}, "force", 0.0, {}, {}});
  EXPECT_NE(message_of(one, gait.body).find("one foot"), std::string::npos);
}
