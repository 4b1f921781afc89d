#include <gtest/gtest.h>

#include <algorithm>
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

// Crossing of threshold F by the half-sine P sin(pi s / Tc): s = Tc/pi asin(F/P) after touch (rising) or
// before lift (falling).
double crossing_offset(double threshold, double peak, double contact) {
  return contact / std::numbers::pi * std::asin(threshold / peak);
}

bool contains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

PlateSeries series(const std::vector<double>& vertical, double rate) {
  PlateSeries p;
  p.rate_hz = rate;
  for (double f : vertical) p.force_n.push_back({0.0, 0.0, f});
  p.cop_m.assign(vertical.size(), Vec3{0.5, 0.5, 0.0});
  return p;
}

// A stance is a half-sine of `peak` N over `samples` samples, placed after `flight` zero samples.
void append_stance(std::vector<double>& f, std::size_t flight, std::size_t samples, double peak) {
  f.insert(f.end(), flight, 0.0);
  for (std::size_t i = 0; i <= samples; ++i)
    f.push_back(peak * std::sin(std::numbers::pi * static_cast<double>(i) / static_cast<double>(samples)));
}

}  // namespace

TEST(ForceEvents, TimesAreTheInterpolatedThresholdCrossings) {
  const GaitSpec spec;  // touches, stance and stride fall on the 300 Hz sample grid
  const auto gait = make_gait(spec);
  std::vector<ForcePlate> info(2);
  info[0].assigned_side = Side::left;
  info[1].assigned_side = Side::right;
  const EventResult events = detect_force_events(gait.per_foot_plates, info, nullptr);
  ASSERT_EQ(events.stances.size(), gait.truth.size());
  const double ic_offset = crossing_offset(20.0, spec.peak_force_n, spec.stance_s);
  const double to_offset = crossing_offset(10.0, spec.peak_force_n, spec.stance_s);
  for (std::size_t k = 0; k < gait.truth.size(); ++k) {
    const Stance& s = events.stances[k];
    EXPECT_EQ(s.side, gait.truth[k].side);
    EXPECT_EQ(s.plate, gait.truth[k].side == Side::left ? 0u : 1u);
    // Linear interpolation of a sine between two samples errs by <= h^2/8 |F''|/|F'| ~ 1e-6 s here.
    EXPECT_NEAR(s.ic_s, gait.truth[k].touch_s + ic_offset, 2e-6);
    EXPECT_NEAR(s.to_s, gait.truth[k].lift_s - to_offset, 2e-6);
    EXPECT_DOUBLE_EQ(s.uncertainty_s, 0.5 / spec.plate_rate_hz);
    EXPECT_EQ(s.method, "force");
  }
  EXPECT_TRUE(contains(events.parameters, "on_threshold_n=20"));
  EXPECT_TRUE(contains(events.parameters, "off_threshold_n=10"));
  EXPECT_TRUE(contains(events.parameters, "vertical=+Z"));
}

TEST(ForceEvents, PlateTimesAreOnThePointClockWhateverTheRates) {
  GaitSpec spec;
  spec.plate_rate_hz = 1000.0;  // touches on the 1 ms grid too
  spec.marker_rate_hz = 120.0;
  const auto gait = make_gait(spec);
  const EventResult events = detect_force_events({gait.treadmill}, {}, &gait.body);
  ASSERT_EQ(events.stances.size(), gait.truth.size());
  const double ic_offset = crossing_offset(20.0, spec.peak_force_n, spec.stance_s);
  for (std::size_t k = 0; k < gait.truth.size(); ++k)
    EXPECT_NEAR(events.stances[k].ic_s, gait.truth[k].touch_s + ic_offset, 1e-6);  // h = 1 ms: error ~1e-7 s
}

TEST(ForceEvents, OneTreadmillPlateIsSplitIntoLeftAndRightByTheFootMarkers) {
  const auto gait = make_gait(GaitSpec{});
  const EventResult events = detect_force_events({gait.treadmill}, {}, &gait.body);
  ASSERT_EQ(events.stances.size(), gait.truth.size());
  for (std::size_t k = 0; k < gait.truth.size(); ++k) {
    EXPECT_EQ(events.stances[k].side, gait.truth[k].side) << "stance " << k;
    EXPECT_EQ(events.stances[k].plate, 0u);
  }
  EXPECT_FALSE(contains(events.warnings, "foot not identified"));
}

TEST(ForceEvents, ABodyWithoutFeetLeavesSidesUnknownWithOneWarning) {
  auto gait = make_gait(GaitSpec{});
  gait.body.left.heel.clear();
  const EventResult events = detect_force_events({gait.treadmill}, {}, &gait.body);
  ASSERT_EQ(events.stances.size(), gait.truth.size());
  for (const Stance& s : events.stances) EXPECT_EQ(s.side, Side::none);
  EXPECT_EQ(std::count_if(events.warnings.begin(), events.warnings.end(),
                          [](const std::string& w) { return w.find("foot not identified") != std::string::npos; }),
            1);
  EXPECT_TRUE(contains(events.warnings, std::to_string(gait.truth.size()) + " stance(s)"));
}

TEST(ForceEvents, WithoutBodyOrAssignedPlateTheSideStaysUnknown) {
  const auto gait = make_gait(GaitSpec{});
  const EventResult events = detect_force_events({gait.treadmill}, {}, nullptr);
  ASSERT_FALSE(events.stances.empty());
  for (const Stance& s : events.stances) EXPECT_EQ(s.side, Side::none);
  EXPECT_TRUE(contains(events.warnings, "without a side"));
}

TEST(ForceEvents, HysteresisMergesShortDipsAndIgnoresShortLoads) {
  const double rate = 1000.0;
  std::vector<double> f;
  append_stance(f, 100, 250, 1500.0);  // stance 1: IC ~0.100 s
  // Dip to 5 N for 10 ms inside stance 2 (< 20 ms minimum flight): one stance, not two.
  append_stance(f, 100, 120, 1500.0);
  f.insert(f.end(), 10, 5.0);
  append_stance(f, 0, 120, 1500.0);
  append_stance(f, 100, 50, 300.0);   // a 50 ms load (< 80 ms): a swinging foot's brush, not a stance
  f.insert(f.end(), 100, 0.0);
  f.insert(f.end(), 200, 15.0);       // 15 N never reaches the 20 N on threshold
  f.insert(f.end(), 100, 0.0);
  const EventResult events = detect_force_events({series(f, rate)}, {}, nullptr);
  ASSERT_EQ(events.stances.size(), 2u);
  EXPECT_NEAR(events.stances[1].to_s - events.stances[1].ic_s, 0.250, 0.002);  // 120 + 10 + 120 ms, minus crossings
  EXPECT_TRUE(contains(events.warnings, "shorter than 80 ms"));
}

TEST(ForceEvents, PartialAndInterruptedStancesAreDroppedWithAWarning) {
  const double rate = 1000.0;
  std::vector<double> f;
  for (std::size_t i = 125; i <= 250; ++i) f.push_back(1500.0 * std::sin(std::numbers::pi * static_cast<double>(i) / 250.0));
  append_stance(f, 100, 250, 1500.0);  // complete
  append_stance(f, 100, 250, 1500.0);  // gets a missing sample below
  f[f.size() - 100] = std::nan("");
  append_stance(f, 100, 250, 1500.0);
  f.resize(f.size() - 100);            // ends while loaded
  const EventResult events = detect_force_events({series(f, rate)}, {}, nullptr);
  ASSERT_EQ(events.stances.size(), 1u);
  EXPECT_NEAR(events.stances[0].ic_s, 0.226, 0.002);  // 126 samples of the first partial stance + 100 flight
  EXPECT_TRUE(contains(events.warnings, "already loaded at the first sample"));
  EXPECT_TRUE(contains(events.warnings, "still loaded at the last sample"));
  EXPECT_TRUE(contains(events.warnings, "missing force samples"));
}

TEST(ForceEvents, StancesAtThePlateEdgeAreDropped) {
  const double rate = 1000.0;
  std::vector<double> f;
  append_stance(f, 100, 250, 1500.0);
  append_stance(f, 100, 250, 1500.0);
  f.insert(f.end(), 100, 0.0);
  PlateSeries plate = series(f, rate);
  for (std::size_t i = 0; i < f.size(); ++i) plate.cop_m[i] = i < 400 ? Vec3{0.30, 0.20, 0.0} : Vec3{0.595, 0.20, 0.0};
  ForcePlate info;
  info.corners = {Vec3{600, 400, 0}, Vec3{0, 400, 0}, Vec3{0, 0, 0}, Vec3{600, 0, 0}};  // mm: a 0.6 x 0.4 m plate
  const EventResult events = detect_force_events({plate}, {info}, nullptr);
  ASSERT_EQ(events.stances.size(), 1u);  // the second stance's COP is 5 mm from the edge
  EXPECT_LT(events.stances[0].ic_s, 0.2);
  EXPECT_TRUE(contains(events.warnings, "plate edge"));
}

TEST(ForceEvents, FindsTheVerticalAxisWithoutABody) {
  GaitSpec spec;
  spec.up = Axis{1, -1};  // forces reported along -Y
  const auto gait = make_gait(spec);
  const EventResult events = detect_force_events({gait.treadmill}, {}, nullptr);
  EXPECT_EQ(events.stances.size(), gait.truth.size());
  EXPECT_TRUE(contains(events.parameters, "vertical=-Y (largest mean force)"));
}

TEST(ForceEvents, RaisesThresholdsAboveTheNoiseOfAnUnloadedTreadmill) {
  const GaitSpec spec;
  auto gait = make_gait(spec);
  // Belt noise of 0-30 N (deterministic pseudo-random) on top of the forces: a 10 N off threshold would
  // never see the plate unload.
  unsigned state = 12345;
  for (Vec3& f : gait.treadmill.force_n) {
    state = state * 1103515245u + 12345u;
    f.z += 30.0 * static_cast<double>((state >> 16) & 0x7fff) / 32767.0;
  }
  const EventResult events = detect_force_events({gait.treadmill}, {}, &gait.body);
  ASSERT_EQ(events.stances.size(), gait.truth.size());
  EXPECT_TRUE(contains(events.warnings, "thresholds raised"));
  // A raised on threshold (<= 70 N) is crossed within 3.5 ms of touchdown on this 20 kN/s slope; the noise
  // shifts the crossing by <= 1.5 ms; plus one 3.3 ms sample of margin.
  for (std::size_t k = 0; k < gait.truth.size(); ++k) {
    EXPECT_NEAR(events.stances[k].ic_s, gait.truth[k].touch_s, 0.0085) << k;
    EXPECT_EQ(events.stances[k].side, gait.truth[k].side) << k;
  }
}

TEST(ForceEvents, RejectsInconsistentOptions) {
  ForceEventOptions bad;
  bad.off_threshold_n = 30.0;  // above the on threshold
  EXPECT_THROW(detect_force_events({}, {}, nullptr, bad), AnalysisError);
  PlateSeries no_rate;
  no_rate.force_n.assign(10, Vec3{0, 0, 100});
  EXPECT_THROW(detect_force_events({no_rate}, {}, nullptr), AnalysisError);
}
