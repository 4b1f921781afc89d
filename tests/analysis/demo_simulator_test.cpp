// The whole lab analysis against the parametric simulator's exact answers (the built-in demo's runners).
#include <gtest/gtest.h>

#include <cmath>

#include "touchdown/analysis.hpp"
#include "touchdown/simulate.hpp"

using namespace touchdown;

namespace {

double side_mean(const Session& session, Side side, const std::string& metric) {
  const auto& stat = session.summary(side).stats.at(metric);
  EXPECT_TRUE(stat.mean.has_value()) << metric << ": " << stat.missing_reason;
  return stat.mean.value_or(std::nan(""));
}

struct DemoCase {
  RunnerParameters runner;
  StrikePattern pattern;
};

class DemoRunner : public ::testing::TestWithParam<DemoCase> {};

TEST_P(DemoRunner, AnalysisRecoversTheSimulatedAnswers) {
  const DemoCase& c = GetParam();
  const SimulatedTrial sim = simulate_running(c.runner);
  const AnalysisResult result = analyze_trial(sim.trial, &sim.static_trial);
  const Session& session = result.session;
  ASSERT_FALSE(sim.truth.steps.empty());
  const SimulatedStep& truth = sim.truth.steps.front();  // every simulated step is identical by construction

  // Every complete simulated stance is found, on the right side, within one analog sample plus the time
  // the force needs to climb to the 20 N threshold (the simulator's onset has a finite slope: 1-2 ms).
  ASSERT_EQ(session.steps.size(), sim.truth.steps.size());
  for (std::size_t i = 0; i < session.steps.size(); ++i) {
    EXPECT_EQ(session.steps[i].side, sim.truth.steps[i].side);
    EXPECT_NEAR(session.steps[i].ic_s, sim.truth.steps[i].ic_s, 0.004);
    EXPECT_NEAR(session.steps[i].to_s, sim.truth.steps[i].to_s, 0.004);
  }
  for (Side side : {Side::left, Side::right}) {
    SCOPED_TRACE(std::string(to_string(side)));
    const SideSummary& summary = session.summary(side);
    ASSERT_TRUE(summary.strike_pattern.majority.has_value());
    EXPECT_EQ(*summary.strike_pattern.majority, c.pattern);
    EXPECT_EQ(summary.strike_pattern.unclassified, 0u);
    // 12 Hz marker filtering shifts the foot angle at IC by < 0.2 deg and the knee by < 0.25 deg (the
    // simulator's own filter-robustness test); the events' 1-2 ms lag adds < 0.4 deg at touchdown rates.
    EXPECT_NEAR(side_mean(session, side, "foot_strike_angle_deg"), truth.foot_strike_angle_deg, 0.6);
    EXPECT_NEAR(side_mean(session, side, "knee_flexion_ic_deg"), truth.knee_flexion_ic_deg, 1.0);
    EXPECT_NEAR(side_mean(session, side, "knee_flexion_excursion_deg"), truth.knee_flexion_excursion_deg, 1.5);
    EXPECT_NEAR(side_mean(session, side, "contact_time_s"), truth.contact_time_s, 0.004);
    // 50 Hz force filtering rounds the impact transient's top by a few percent.
    if (truth.impact_peak_bw) {
      EXPECT_NEAR(side_mean(session, side, "impact_peak_bw"), *truth.impact_peak_bw, 0.05);
      EXPECT_NEAR(side_mean(session, side, "valr_bw_s"), truth.valr_bw_s, 0.05 * truth.valr_bw_s);
    } else {
      EXPECT_FALSE(summary.stats.at("impact_peak_bw").mean.has_value());
      EXPECT_NEAR(side_mean(session, side, "valr_bw_s"), truth.valr_blackmore13_bw_s, 0.05 * truth.valr_blackmore13_bw_s);
    }
    EXPECT_NEAR(side_mean(session, side, "braking_impulse_bws"), truth.braking_impulse_bw_s,
                0.05 * std::abs(truth.braking_impulse_bw_s));
  }
  ASSERT_TRUE(session.cadence_spm.value.has_value());
  EXPECT_NEAR(*session.cadence_spm.value, sim.truth.cadence_spm, 0.5);  // event timing jitter < 1 ms per step
}

INSTANTIATE_TEST_SUITE_P(Demo, DemoRunner,
                         ::testing::Values(DemoCase{demo_heel_striker(), StrikePattern::rearfoot},
                                           DemoCase{demo_forefoot_striker(), StrikePattern::forefoot}),
                         [](const auto& test) { return test.param.pattern == StrikePattern::rearfoot ? "HeelStriker" : "ForefootStriker"; });

TEST(DemoRunner, HeelStrikerLandsWithAnExtendedKneeAndTheForefootStrikerDoesNot) {
  const SimulatedTrial heel = simulate_running(demo_heel_striker());
  const SimulatedTrial fore = simulate_running(demo_forefoot_striker());
  const Session a = analyze_trial(heel.trial, &heel.static_trial).session;
  const Session b = analyze_trial(fore.trial, &fore.static_trial).session;
  EXPECT_EQ(a.left.extended_knee_steps, a.left.knee_flexion_steps);  // knee 5 deg < 10 deg threshold
  EXPECT_EQ(b.left.extended_knee_steps, 0u);                          // knee 18 deg
}

}  // namespace
