// Body mass from the mean vertical GRF over whole strides: a synthetic treadmill run whose half-sine
// stances are scaled so that the mean force over a step equals m g exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>
#include <vector>

#include "metrics/synthetic.hpp"
#include "touchdown/joint_load.hpp"
#include "touchdown/simulate.hpp"

namespace touchdown {
namespace {

constexpr double kG = 9.80665, kContact = 0.25, kStep = 0.36;

struct TreadmillRun {
  std::vector<PlateSeries> plates;
  std::vector<Stance> stances;
};

// Ten steps; the half-sine peak is m g pi T / (2 tc), so each step period carries an impulse m g T.
TreadmillRun treadmill_run(double mass, bool alternate_plates) {
  TreadmillRun r;
  const double peak = mass * kG * std::numbers::pi * kStep / (2 * kContact);
  const auto vertical = [&](double t) {
    const double phase = std::fmod(t - 0.1, kStep);
    return t >= 0.1 && t < 0.1 + 10 * kStep && phase < kContact ? peak * std::sin(std::numbers::pi * phase / kContact) : 0.0;
  };
  r.plates.push_back(testing::plate_series(1000.0, 4000, vertical));
  if (alternate_plates) r.plates.push_back(r.plates.front());
  for (int k = 0; k < 10; ++k) {
    const double ic = 0.1 + k * kStep;
    const std::size_t plate = alternate_plates ? static_cast<std::size_t>(k % 2) : 0;
    r.stances.push_back(testing::stance(k % 2 ? Side::right : Side::left, ic, ic + kContact, plate));
  }
  return r;
}

TEST(BodyMassEstimate, MeanVerticalForceOverWholeStridesIsBodyWeight) {
  const TreadmillRun run = treadmill_run(68.0, false);
  const MassEstimate e = estimate_body_mass_from_grf(run.plates, run.stances, Axis{2, 1});
  ASSERT_TRUE(e.mass_kg) << e.missing_reason;
  // Four whole strides (left IC 0.1 s to left IC 2.98 s); sampling the half-sines at 1 kHz errs by
  // well under 0.1 % of the impulse.
  EXPECT_NEAR(*e.mass_kg, 68.0, 0.05);
  EXPECT_EQ(e.method.rfind("estimated from mean vertical GRF over whole strides", 0), 0u) << e.method;
  EXPECT_NE(e.method.find("4 strides"), std::string::npos) << e.method;
}

TEST(BodyMassEstimate, RefusesContactsSpreadOverPlatesOrAMissedContact) {
  const TreadmillRun overground = treadmill_run(68.0, true);
  const MassEstimate split = estimate_body_mass_from_grf(overground.plates, overground.stances, Axis{2, 1});
  EXPECT_FALSE(split.mass_kg);
  EXPECT_NE(split.missing_reason.find("no whole stride"), std::string::npos);

  TreadmillRun missed = treadmill_run(68.0, false);
  missed.stances.erase(missed.stances.begin() + 1, missed.stances.begin() + 9);  // 3.2 s gap: contacts missed
  EXPECT_FALSE(estimate_body_mass_from_grf(missed.plates, missed.stances, Axis{2, 1}).mass_kg);
  EXPECT_FALSE(estimate_body_mass_from_grf({}, missed.stances, Axis{2, 1}).mass_kg);
}

TEST(BodyMassEstimate, SimulatedTreadmillRunnerFromItsPlateChannels) {
  // The simulator solves each stance so that its vertical impulse is body weight x step time
  // (simulate.hpp) and writes it as type-2 plate channels. Its plate z axis points down, so the vertical
  // reaction on the foot is the Fz channel (3rd channel of the plate) as it stands. 10 s, ~13 strides.
  RunnerParameters runner = demo_forefoot_striker();
  runner.mass_kg = 81.0;
  const SimulatedTrial sim = simulate_running(runner);
  ASSERT_EQ(sim.trial.force_plates.size(), 1u);
  const AnalogChannel& fz = sim.trial.analog.channels.at(sim.trial.force_plates[0].channels.at(2));
  PlateSeries plate;
  plate.rate_hz = sim.trial.analog.rate_hz;
  for (float value : fz.samples) plate.force_n.push_back(Vec3{0, 0, value});
  const std::vector<PlateSeries> plates{plate};
  std::vector<Stance> stances;
  for (const SimulatedStep& step : sim.truth.steps) stances.push_back(testing::stance(step.side, step.ic_s, step.to_s, 0));
  const MassEstimate e = estimate_body_mass_from_grf(plates, stances, sim.trial.up.axis);
  ASSERT_TRUE(e.mass_kg) << e.missing_reason;
  // Exact by construction up to the 1 kHz sampling of the curves and float channels: 0.1 %.
  EXPECT_NEAR(*e.mass_kg, 81.0, 0.08);
  std::cout << "[ measured ] simulated 81 kg runner: " << *e.mass_kg << " kg, " << e.method << "\n";
}

TEST(BodyMassEstimate, StepsPerKm) {
  // 180 steps/min at 3 m/s: 3 steps/s covering 3 m -> 1000 steps per km.
  EXPECT_NEAR(steps_per_km(180.0, 3.0), 1000.0, 1e-9);
}

}  // namespace
}  // namespace touchdown
