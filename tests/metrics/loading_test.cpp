// Impact peak, active peak, VALR, VILR, braking/propulsive impulses and leg stiffness on analytic force
// curves whose answers are known in closed form or by dense evaluation of the analytic expression.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "metrics/synthetic.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kMass = 70.0;
constexpr double kG = 9.80665;
constexpr double kWeight = kMass * kG;

LoadingOptions unfiltered() {
  LoadingOptions o;
  o.force_cutoff_hz = std::nullopt;
  return o;
}

// Heel-strike curve: Gaussian impact transient (800 N at 30 ms, sigma 8 ms) on a 1600 N half-sine
// active peak over a 250 ms stance starting at IC = 0.1 s.
constexpr double kIc = 0.1, kContact = 0.25;
double heel_strike(double t) {
  const double s = t - kIc;
  if (s < 0 || s > kContact) return 0;
  return 800.0 * std::exp(-(s - 0.030) * (s - 0.030) / (2 * 0.008 * 0.008)) + 1600.0 * std::sin(kPi * s / kContact);
}
double heel_strike_slope(double t) {
  const double s = t - kIc;
  return -800.0 * (s - 0.030) / (0.008 * 0.008) * std::exp(-(s - 0.030) * (s - 0.030) / (2 * 0.008 * 0.008)) +
         1600.0 * kPi / kContact * std::cos(kPi * s / kContact);
}

// Time in [lo, hi] where the increasing analytic curve reaches `level`, by bisection.
double bisect(double (*f)(double), double level, double lo, double hi) {
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) < level ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Maximum of the analytic curve near the transient, found on a 0.1 us grid.
struct AnalyticPeak {
  double t = 0, value = 0;
};
AnalyticPeak analytic_impact_peak() {
  AnalyticPeak p{kIc, 0};
  for (double t = kIc; t < kIc + 0.06; t += 1e-7)
    if (heel_strike(t) > p.value) p = {t, heel_strike(t)};
  return p;
}

TEST(Loading, GaussianPlusHalfSineImpactPeakAndLoadingRates) {
  const PlateSeries plate = testing::plate_series(1000, 500, heel_strike);
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), kMass, unfiltered());

  // Reference answers from the analytic curve, evaluated densely (independent of the sampled code path).
  const auto [impact_t, impact] = analytic_impact_peak();
  const double t20 = bisect(heel_strike, 0.2 * impact, kIc, impact_t);
  const double t80 = bisect(heel_strike, 0.8 * impact, kIc, impact_t);
  double max_slope = 0;
  for (double t = t20; t <= t80; t += 1e-7) max_slope = std::max(max_slope, heel_strike_slope(t));

  ASSERT_TRUE(m.impact_peak_bw.value) << m.impact_peak_bw.missing_reason;
  // Parabolic refinement of a 1 kHz sampled smooth peak: error well under 0.1 %.
  EXPECT_NEAR(*m.impact_peak_bw.value, impact / kWeight, 1e-3 * impact / kWeight);
  // Active peak: the half-sine crest (1600 N at mid-stance, Gaussian tail there is ~1e-30 N).
  EXPECT_NEAR(*m.active_peak_bw.value, 1600.0 / kWeight, 1e-3 * 1600.0 / kWeight);
  ASSERT_TRUE(m.valr_bw_s.value) << m.valr_bw_s.missing_reason;
  // Linear interpolation of the crossings on 1 ms samples: < 0.5 % on the 20-80 % duration.
  EXPECT_NEAR(*m.valr_bw_s.value, 0.6 * impact / (t80 - t20) / kWeight, 5e-3 * 0.6 * impact / (t80 - t20) / kWeight);
  EXPECT_NE(m.valr_bw_s.method.find("milner2006"), std::string::npos);
  ASSERT_TRUE(m.vilr_bw_s.value);
  // Central difference on 1 ms samples: truncation h^2 f'''/6 is ~0.5 % of the slope here.
  EXPECT_NEAR(*m.vilr_bw_s.value, max_slope / kWeight, 1e-2 * max_slope / kWeight);
  EXPECT_GT(*m.vilr_bw_s.value, *m.valr_bw_s.value);  // instantaneous maximum exceeds the average
  EXPECT_NE(m.vilr_bw_s.method.find("unfiltered"), std::string::npos);
}

TEST(Loading, DefaultFilterIsRecordedAndKeepsTheImpactPeak) {
  const PlateSeries plate = testing::plate_series(1000, 500, heel_strike);
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, LoadingOptions{}.force_cutoff_hz);
  EXPECT_NE(f.filter.find("50 Hz"), std::string::npos);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), kMass);
  ASSERT_TRUE(m.impact_peak_bw.value) << m.impact_peak_bw.missing_reason;
  // The transient's spectrum is mostly below 30 Hz: a 50 Hz low-pass lowers the peak by a few % at most.
  const double unfiltered_peak = analytic_impact_peak().value / kWeight;
  EXPECT_NEAR(*m.impact_peak_bw.value, unfiltered_peak, 0.06 * unfiltered_peak);
  EXPECT_NE(m.valr_bw_s.method.find("50 Hz"), std::string::npos);
}

TEST(Loading, CutoffAtOrAboveNyquistLeavesForcesUnfilteredAndSaysSo) {
  const PlateSeries plate = testing::plate_series(100, 50, heel_strike);  // 100 Hz: Nyquist 50 Hz
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, 50.0);
  EXPECT_EQ(f.filter, "unfiltered (cut-off 50 Hz not below the Nyquist frequency)");
  for (std::size_t i = 0; i < f.vertical_n.size(); ++i) EXPECT_EQ(f.vertical_n[i], plate.force_n[i].z);  // untouched copy
}

TEST(Loading, LinearRampWithoutImpactPeakUsesBlackmoreWindowAndSlope) {
  // Rise at 20 kN/s to 2000 N at 100 ms, fall linearly to 0 at 250 ms: no peak in the first 25 %.
  constexpr double slope = 20000.0;
  const PlateSeries plate = testing::plate_series(1000, 500, [](double t) {
    const double s = t - kIc;
    if (s < 0 || s > kContact) return 0.0;
    return s <= 0.1 ? slope * s : 2000.0 * (kContact - s) / (kContact - 0.1);
  });
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), kMass, unfiltered());
  EXPECT_FALSE(m.impact_peak_bw.value);
  EXPECT_EQ(m.impact_peak_bw.missing_reason, "no distinct impact peak in first 25% of stance");
  ASSERT_TRUE(m.valr_bw_s.value) << m.valr_bw_s.missing_reason;
  // A straight line: the 20-80 % slope and every central difference equal the ramp slope (rounding only).
  EXPECT_NEAR(*m.valr_bw_s.value, slope / kWeight, 1e-9 * slope / kWeight);
  EXPECT_NEAR(*m.vilr_bw_s.value, slope / kWeight, 1e-9 * slope / kWeight);
  EXPECT_NE(m.valr_bw_s.method.find("blackmore13"), std::string::npos);
  EXPECT_NE(m.vilr_bw_s.method.find("blackmore13"), std::string::npos);
  // Parabola through a kinked peak overshoots by (6.67 N * 0.1)/4 = 0.17 N: 1e-4 relative covers it.
  EXPECT_NEAR(*m.active_peak_bw.value, 2000.0 / kWeight, 1e-4 * 2000.0 / kWeight);
}

TEST(Loading, ApSineGivesKnownBrakingAndPropulsiveImpulses) {
  // AP = -300 sin(2 pi s / contact): braking first half, propulsion second; each impulse 300 * contact / pi.
  constexpr double amplitude = 300.0;
  const PlateSeries plate = testing::plate_series(
      1000, 500, heel_strike, [](double t) {
        const double s = t - kIc;
        return s < 0 || s > kContact ? 0.0 : -amplitude * std::sin(2 * kPi * s / kContact);
      });
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), kMass, unfiltered());
  const double impulse = amplitude * kContact / kPi / kWeight;
  // Piecewise-linear integration of a sine on 1 ms samples: relative error ~(h omega)^2/12 < 1e-4.
  EXPECT_NEAR(*m.braking_impulse_bws.value, -impulse, 1e-3 * impulse);
  EXPECT_NEAR(*m.propulsive_impulse_bws.value, impulse, 1e-3 * impulse);
  // Extremum at 62.5 ms falls between samples: 1 - cos(2 pi 0.5/250) = 1.6e-4 relative.
  EXPECT_NEAR(*m.braking_peak_bw.value, -amplitude / kWeight, 1e-3 * amplitude / kWeight);
  EXPECT_EQ(m.braking_impulse_bws.unit, "BW*s");
}

TEST(Loading, ProgressionAlongMinusXFlipsTheApSign) {
  // Same lab force, runner going towards -X: a force along +X is now braking.
  const PlateSeries plate = testing::plate_series(1000, 500, heel_strike, [](double t) {
    const double s = t - kIc;
    return s < 0 || s > kContact ? 0.0 : 100.0;
  });
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, -1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), kMass, unfiltered());
  EXPECT_NEAR(*m.braking_peak_bw.value, -100.0 / kWeight, 1e-12);  // constant force, exact
  EXPECT_NEAR(*m.braking_impulse_bws.value, -100.0 * kContact / kWeight, 1e-9);  // 250 samples of a constant
  EXPECT_NEAR(*m.propulsive_impulse_bws.value, 0.0, 1e-12);
}

TEST(Loading, WithoutBodyMassEveryBwMetricIsAbsentWithReason) {
  const PlateSeries plate = testing::plate_series(1000, 500, heel_strike);
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, kIc, kIc + kContact, 0), std::nullopt);
  for (const Measured* x : {&m.impact_peak_bw, &m.active_peak_bw, &m.valr_bw_s, &m.vilr_bw_s, &m.braking_peak_bw,
                            &m.braking_impulse_bws, &m.propulsive_impulse_bws}) {
    EXPECT_FALSE(x->value);
    EXPECT_EQ(x->missing_reason, "body mass unknown");
  }
}

TEST(Loading, StanceOutsideRecordingIsAbsent) {
  const PlateSeries plate = testing::plate_series(1000, 100, heel_strike);
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  const LoadingMetrics m = compute_loading(f, testing::stance(Side::right, 2.0, 2.25, 0), kMass);
  EXPECT_EQ(m.active_peak_bw.missing_reason, "stance lies outside the force recording");
}

TEST(LegStiffness, Morin2005ModelByHand) {
  // m = 70 kg, tc = 0.25 s, tf = 0.12 s, L = 0.95 m, v = 4 m/s, g = 9.81:
  // Fmax = 70*9.81*pi/2*(0.12/0.25 + 1) = 1596.43 N; dy = Fmax*0.0625/(70 pi^2) - 9.81*0.0625/8 = 0.067781 m;
  // dL = 0.95 - sqrt(0.95^2 - 0.5^2) + dy = 0.210006 m; k = 7.6018 kN/m.
  EXPECT_NEAR(leg_stiffness_morin2005_kn_m(70, 0.25, 0.12, 0.95, 4.0, 9.81), 7.6018, 1e-4);  // hand arithmetic to 5 digits
}

TEST(LegStiffness, MeasuredFromHipToCopCompression) {
  // Hip 0.9 m above a fixed COP, dropping 5 cm (sin^2) by mid-stance; vertical force a 1600 N half-sine:
  // k = 1600 N / 0.05 m = 32 kN/m.
  Body b = testing::empty_body(200, 200.0);
  testing::fill(b.right.hip_centre, 200.0, [](double t) {
    const double s = std::clamp((t - kIc) / kContact, 0.0, 1.0);
    return Vec3{0, 0, 0.9 - 0.05 * std::pow(std::sin(kPi * s), 2)};
  });
  const PlateSeries plate = testing::plate_series(1000, 500, [](double t) {
    const double s = t - kIc;
    return s < 0 || s > kContact ? 0.0 : 1600.0 * std::sin(kPi * s / kContact);
  });
  const ForceSignals f = prepare_force_signals(plate, Axis{2, 1}, Axis{0, 1}, std::nullopt);
  SpatiotemporalMetrics timing;
  const Measured k = compute_leg_stiffness(b, &f, testing::stance(Side::right, kIc, kIc + kContact, 0), timing,
                                           std::nullopt, std::nullopt);
  ASSERT_TRUE(k.value) << k.missing_reason;
  // COP appears 1 ms after IC (1600 sin(pi/250) = 20.1 N > 20 N); the hip, linearly interpolated between
  // the 200 Hz frames at 0 and 5 ms, has dropped 1/5 of 5 cm * sin^2(pi * 5/250) there.
  const double first_drop = 0.2 * 0.05 * std::pow(std::sin(kPi * 0.02), 2);
  EXPECT_NEAR(*k.value, 1600.0 / (0.05 - first_drop) / 1000.0, 1e-9);  // exact for this sampling
  EXPECT_NE(k.method.find("COP"), std::string::npos);
}

TEST(LegStiffness, FallsBackToMorinAndExplainsWhatIsMissing) {
  Body b = testing::empty_body(200, 200.0);
  SpatiotemporalMetrics timing;
  timing.contact_time_s = Measured::of(0.25, "s", "");
  timing.flight_time_s = Measured::of(0.12, "s", "");
  const Stance s = testing::stance(Side::right, kIc, kIc + kContact);
  b.leg_length_m = 0.95;
  LoadingOptions o;
  o.gravity_m_s2 = 9.81;
  const Measured k = compute_leg_stiffness(b, nullptr, s, timing, 4.0, 70.0, o);
  ASSERT_TRUE(k.value);
  EXPECT_NEAR(*k.value, 7.6018, 1e-4);  // the hand computation above
  EXPECT_NE(k.method.find("Morin 2005"), std::string::npos);
  EXPECT_EQ(compute_leg_stiffness(b, nullptr, s, timing, std::nullopt, 70.0, o).missing_reason, "running speed unknown");
  EXPECT_EQ(compute_leg_stiffness(b, nullptr, s, timing, 4.0, std::nullopt, o).missing_reason, "body mass unknown");
}

}  // namespace
}  // namespace touchdown
