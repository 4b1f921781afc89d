#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "events/synthetic_gait.hpp"
#include "touchdown/error.hpp"
#include "touchdown/events.hpp"

using namespace touchdown;
using touchdown::testing::GaitSpec;
using touchdown::testing::make_gait;

namespace {

// The detector's IC for a raised-cosine landing pulse of duration D starting at touchdown: midway
// between its jerk peak (touch + D/4) and its acceleration peak (touch + D/2). Its TO: the lift-off
// pulse's acceleration peak (lift + D/2), or with the jerk option its jerk peak (lift + D/4).
double expected_ic(double touch, const GaitSpec& spec) { return touch + 0.375 * spec.pulse_s; }
double expected_to(double lift, const GaitSpec& spec) { return lift + 0.5 * spec.pulse_s; }

void expect_events(const EventResult& events, const touchdown::testing::SyntheticGait& gait, const GaitSpec& spec,
                   double tolerance, double heel_shift = 0.0) {
  // Stances whose search windows reach past the recording's ends are dropped, so match by time.
  std::size_t matched = 0;
  for (const auto& truth : gait.truth) {
    const auto it = std::find_if(events.stances.begin(), events.stances.end(), [&](const Stance& s) {
      return s.side == truth.side && std::abs(s.ic_s - truth.touch_s) < 0.1;
    });
    if (it == events.stances.end()) continue;
    ++matched;
    EXPECT_NEAR(it->ic_s, expected_ic(truth.touch_s + heel_shift, spec), tolerance) << truth.touch_s;
    EXPECT_NEAR(it->to_s, expected_to(truth.lift_s, spec), tolerance) << truth.lift_s;
  }
  // All but the stances within a search window (80 ms) of either end of the recording are found.
  EXPECT_GE(matched + 2, gait.truth.size());
  EXPECT_EQ(matched, events.stances.size());
}

}  // namespace

TEST(MarkerEvents, FindLandingAndLiftOffFromMarkerAccelerationAtAFineRate) {
  GaitSpec spec;
  spec.marker_rate_hz = 1000.0;
  const auto gait = make_gait(spec);
  const EventResult events = detect_marker_events(gait.body);
  // Peaks of 40-sample pulses, refined by a parabola: well within half a sample (0.5 ms).
  expect_events(events, gait, spec, 0.0005);
  EXPECT_EQ(events.method, "markers");
}

TEST(MarkerEvents, StayWithinOneFrameAtMotionCaptureRate) {
  const GaitSpec spec;  // 150 Hz: a 40 ms pulse spans 6 frames
  const auto gait = make_gait(spec);
  const EventResult events = detect_marker_events(gait.body);
  expect_events(events, gait, spec, 1.0 / spec.marker_rate_hz);
  for (const Stance& s : events.stances) EXPECT_DOUBLE_EQ(s.uncertainty_s, 0.5 / spec.marker_rate_hz);
}

TEST(MarkerEvents, RearfootStrikeLandsOnTheHeelFirst) {
  GaitSpec spec;
  spec.marker_rate_hz = 1000.0;
  spec.heel_touch_delay_s = -0.025;  // heel 25 ms before the toe
  const auto gait = make_gait(spec);
  expect_events(detect_marker_events(gait.body), gait, spec, 0.0005, spec.heel_touch_delay_s);
}

TEST(MarkerEvents, ToeOffByJerkPeakForHalluxMarkers) {
  GaitSpec spec;
  spec.marker_rate_hz = 1000.0;
  const auto gait = make_gait(spec);
  MarkerEventOptions options;
  options.toe_off_by_jerk = true;
  const EventResult events = detect_marker_events(gait.body, options);
  ASSERT_FALSE(events.stances.empty());
  for (const Stance& s : events.stances) {
    const auto truth = std::find_if(gait.truth.begin(), gait.truth.end(),
                                    [&](const auto& t) { return t.side == s.side && std::abs(t.lift_s - s.to_s) < 0.05; });
    ASSERT_NE(truth, gait.truth.end());
    EXPECT_NEAR(s.to_s, truth->lift_s + 0.25 * spec.pulse_s, 0.0005);  // jerk of the lift pulse peaks at D/4
  }
}

TEST(MarkerEvents, RefilteringAtAGivenCutoffKeepsTheTimingWithinAFrame) {
  const GaitSpec spec;
  const auto gait = make_gait(spec);
  MarkerEventOptions options;
  options.cutoff_hz = 20.0;
  const EventResult events = detect_marker_events(gait.body, options);
  // Zero-lag filtering widens the pulses symmetrically: the acceleration peak stays, the jerk peak moves
  // earlier by a few ms (it is where the smoothed pulse rises fastest); bound: one 6.7 ms frame.
  expect_events(events, gait, spec, 1.0 / spec.marker_rate_hz);
  EXPECT_THROW(detect_marker_events(gait.body, MarkerEventOptions{80.0, false}), AnalysisError);
}

TEST(MarkerEvents, WarnWhenFootLandmarksAreMissing) {
  auto gait = make_gait(GaitSpec{});
  gait.body.left.toe.clear();
  const EventResult events = detect_marker_events(gait.body);
  EXPECT_TRUE(std::none_of(events.stances.begin(), events.stances.end(), [](const Stance& s) { return s.side == Side::left; }));
  EXPECT_TRUE(std::any_of(events.warnings.begin(), events.warnings.end(),
                          [](const std::string& w) { return w.find("left foot") != std::string::npos; }));
  EXPECT_FALSE(events.stances.empty());
}
