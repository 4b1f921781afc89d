#include "sim/ground_reaction.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "touchdown/error.hpp"

using touchdown::InputError;
using touchdown::sim::GroundReaction;
using touchdown::sim::GroundReactionTargets;

namespace {

GroundReactionTargets rearfoot() {
  GroundReactionTargets t;
  t.contact_time_s = 0.26;
  t.step_time_s = 0.36;
  t.impact_peak_bw = 1.6;
  t.impact_time_fraction = 0.13;
  t.active_peak_bw = 2.5;
  t.braking_peak_bw = 0.4;
  t.propulsive_peak_bw = 0.3;
  t.mediolateral_peak_bw = 0.05;
  return t;
}

// Composite Simpson rule over [a, b] with n (even) intervals.
template <typename F>
double integrate(F f, double a, double b, int n = 20000) {
  const double h = (b - a) / n;
  double sum = f(a) + f(b);
  for (int i = 1; i < n; ++i) sum += (i % 2 ? 4.0 : 2.0) * f(a + i * h);
  return sum * h / 3.0;
}

}  // namespace

TEST(SimGroundReaction, StanceCarriesBodyWeightOverTheStep) {
  for (double impact : {0.0, 1.6}) {
    GroundReactionTargets targets = rearfoot();
    targets.impact_peak_bw = impact;
    const GroundReaction grf = GroundReaction::solve(targets);
    const double impulse = integrate([&](double t) { return grf.vertical_bw(t); }, 0.0, targets.contact_time_s);
    // Impulse-momentum over a periodic step: vertical impulse = 1 BW x step time. Simpson on 20000
    // intervals of a function with bounded second derivative is exact to ~1e-9 here.
    EXPECT_NEAR(impulse, targets.step_time_s, 1e-7) << "impact " << impact;
    EXPECT_NEAR(grf.vertical_impulse_bw_s(), targets.step_time_s, 1e-12);  // closed form used by the solver
  }
}

TEST(SimGroundReaction, ImpactPeakIsTheFirstLocalMaximumAndEqualsTheTarget) {
  const GroundReaction grf = GroundReaction::solve(rearfoot());
  ASSERT_TRUE(grf.impact_peak_time_s().has_value());
  const double tp = *grf.impact_peak_time_s();
  EXPECT_NEAR(grf.vertical_bw(tp), 1.6, 1e-9);  // solver tolerance
  EXPECT_LT(tp, 0.25 * 0.26);                    // Lieberman: inside the first 25 % of stance
  // Rising before the peak, falling right after it (a distinct maximum), found independently on a grid.
  double previous = grf.vertical_bw(0.0);
  for (int i = 1; i <= 1000; ++i) {
    const double t = tp * i / 1000.0;
    EXPECT_GE(grf.vertical_bw(t), previous - 1e-15);
    previous = grf.vertical_bw(t);
  }
  EXPECT_LT(grf.vertical_bw(tp + 0.005), grf.vertical_bw(tp));
}

TEST(SimGroundReaction, ActivePeakAtMidStanceIsTheMaximum) {
  const GroundReaction grf = GroundReaction::solve(rearfoot());
  EXPECT_DOUBLE_EQ(grf.vertical_bw(0.13), 2.5);  // sin^p(pi/2) = 1 and the impact pulse is over
  double highest = 0;
  for (int i = 0; i <= 26000; ++i) highest = std::max(highest, grf.vertical_bw(0.26 * i / 26000.0));
  EXPECT_LE(highest, 2.5 + 1e-12);
}

TEST(SimGroundReaction, ZeroAtContactAndOutsideStance) {
  const GroundReaction grf = GroundReaction::solve(rearfoot());
  EXPECT_EQ(grf.vertical_bw(0.0), 0.0);
  EXPECT_NEAR(grf.vertical_bw(0.26), 0.0, 1e-15);  // sin(pi) is 1.2e-16 in floating point
  EXPECT_EQ(grf.vertical_bw(-0.01), 0.0);
  EXPECT_EQ(grf.vertical_bw(0.3), 0.0);
  EXPECT_EQ(grf.anteroposterior_bw(0.3), 0.0);
  EXPECT_EQ(grf.mediolateral_bw(-0.1), 0.0);
}

TEST(SimGroundReaction, BrakingAndPropulsiveImpulsesCancel) {
  const GroundReaction grf = GroundReaction::solve(rearfoot());
  const double net = integrate([&](double t) { return grf.anteroposterior_bw(t); }, 0.0, 0.26);
  // Piecewise sines with a kink at the braking/propulsion switch: Simpson error ~1e-8 there.
  EXPECT_NEAR(net, 0.0, 1e-7);
  EXPECT_NEAR(grf.braking_impulse_bw_s() + grf.propulsive_impulse_bw_s(), 0.0, 1e-15);
  const double braking = integrate([&](double t) { return std::min(grf.anteroposterior_bw(t), 0.0); }, 0.0, 0.26);
  EXPECT_NEAR(braking, grf.braking_impulse_bw_s(), 1e-6);
  EXPECT_DOUBLE_EQ(grf.braking_peak_bw(), -0.4);
  double lowest = 0;
  for (int i = 0; i <= 26000; ++i) lowest = std::min(lowest, grf.anteroposterior_bw(0.26 * i / 26000.0));
  EXPECT_NEAR(lowest, -0.4, 1e-6);  // grid of 10 us around a sine peak: error ~ (pi dt / tb)^2 / 2
}

TEST(SimGroundReaction, NoImpactMeansNoLocalMaximumBeforeTheActivePeak) {
  GroundReactionTargets targets = rearfoot();
  targets.impact_peak_bw = 0.0;
  const GroundReaction grf = GroundReaction::solve(targets);
  EXPECT_FALSE(grf.impact_peak_bw().has_value());
  for (int i = 1; i <= 1300; ++i) EXPECT_GT(grf.vertical_rate_bw_s(0.13 * i / 1300.0 - 1e-9), 0.0);
}

TEST(SimGroundReaction, LoadingRatesFollowTheirDefinition) {
  const GroundReaction grf = GroundReaction::solve(rearfoot());
  const auto rates = grf.loading_rates(1.6, *grf.impact_peak_time_s());
  // Milner 2006: the window runs from 20 % to 80 % of the peak.
  EXPECT_NEAR(grf.vertical_bw(rates.t20_s), 0.32, 1e-9);
  EXPECT_NEAR(grf.vertical_bw(rates.t80_s), 1.28, 1e-9);
  EXPECT_NEAR(rates.valr_bw_s, 0.96 / (rates.t80_s - rates.t20_s), 1e-9);
  // Mean value theorem: the largest slope in the window is at least the average slope.
  EXPECT_GE(rates.vilr_bw_s, rates.valr_bw_s);
  // VILR against central differences of the force on a 1 us grid (relative error ~1e-6).
  double steepest = 0;
  for (double t = rates.t20_s; t <= rates.t80_s; t += 1e-6)
    steepest = std::max(steepest, (grf.vertical_bw(t + 1e-7) - grf.vertical_bw(t - 1e-7)) / 2e-7);
  EXPECT_NEAR(rates.vilr_bw_s, steepest, 1e-3 * steepest);
}

TEST(SimGroundReaction, RejectsTargetsItCannotMeet) {
  GroundReactionTargets too_low = rearfoot();
  too_low.impact_peak_bw = 0.0;
  too_low.active_peak_bw = 1.5;  // a half-sine of 1.5 BW carries less than body weight over the step
  EXPECT_THROW((void)GroundReaction::solve(too_low), InputError);
  GroundReactionTargets buried = rearfoot();
  buried.impact_peak_bw = 0.2;  // below the active force already present at 13 % of stance
  EXPECT_THROW((void)GroundReaction::solve(buried), InputError);
}
