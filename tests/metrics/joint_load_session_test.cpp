// Joint loading inside build_session on the synthetic treadmill trial (static legs, analytic forces):
// the per-step peak knee extensor moment against a hand formula, the PF chain, the JSON names the issue
// fixes, cumulative PF load per km, and the body-mass estimate when no mass is given.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "metrics/synthetic_session.hpp"
#include "touchdown/joint_load.hpp"
#include "touchdown/session_json.hpp"

namespace touchdown {
namespace {

constexpr double kG = 9.80665;

// Right leg of synthetic_trial(): thigh 10 deg forward of vertical, knee flexed 12 deg, epicondyles and
// malleoli along Y, heel (0.25, 0.05), toes 20 deg up, COP (0.27, 0). Internal extensor moment about lab
// right (-Y) = (r x F)_y of the GRF (r = COP - knee) + g sum m x (segment CM ahead of the knee).
double right_static_moment(double since_ic, double mass) {
  const double deg = testing::kDegToRad;
  const double knee_x = 0.45 * std::sin(10 * deg), knee_z = 0.9 - 0.45 * std::cos(10 * deg);
  const double ankle_dx = 0.42 * std::sin(-2 * deg);
  const double foot_cm_x = 0.25 + 0.4415 * 0.2 * std::cos(20 * deg);
  const double weights = kG * (0.0433 * mass * 0.4459 * ankle_dx + 0.0137 * mass * (foot_cm_x - knee_x));
  const double vertical = testing::trial_vertical(since_ic, true);
  if (!(vertical > 20)) return weights;  // COP undefined: no ground reaction
  const double ap = -300.0 * std::sin(2 * std::numbers::pi * since_ic / testing::kTrialContact);
  const double rx = 0.27 - knee_x, rz = 0.0 - knee_z;
  return rz * ap - rx * vertical + weights;
}

TEST(JointLoadSession, PeakKneeMomentMatchesTheStaticHandFormula) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.options.joint_load.cutoff_hz = 0.0;  // unfiltered, so the hand formula applies sample by sample
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  ASSERT_EQ(s.steps.size(), 4u);
  const StepMetrics& right = s.steps[1];
  ASSERT_EQ(right.side, Side::right);
  double expected = -std::numeric_limits<double>::infinity();
  for (int frame = 45; frame <= 70; ++frame) expected = std::max(expected, right_static_moment(frame / 100.0 - 0.45, 70.0));
  const Measured& moment = right.joint_load.knee_extensor_moment_peak_nm_kg;
  ASSERT_TRUE(moment.value) << moment.missing_reason;
  EXPECT_NEAR(*moment.value, expected / 70.0, 1e-9);  // same arithmetic, only rounding differs
  EXPECT_NE(moment.method.find("3D Newton-Euler"), std::string::npos) << moment.method;
  EXPECT_NE(moment.method.find("unfiltered"), std::string::npos) << moment.method;
  // The left leg has no medial markers: sagittal inverse dynamics.
  EXPECT_NE(s.steps[0].joint_load.knee_extensor_moment_peak_nm_kg.method.find("sagittal"), std::string::npos);
  // Nothing moves, so there is no loading phase to integrate; the metric says why.
  EXPECT_FALSE(right.joint_load.knee_negative_work_j_kg.value);
  EXPECT_EQ(right.joint_load.knee_negative_work_j_kg.missing_reason, "knee flexion peaks at IC (no loading phase)");
  // The session recorded the unfiltered ground reaction and warned that it differs from the markers'.
  EXPECT_FALSE(s.provenance.filter_cutoffs_hz.at("inverse_dynamics_forces"));
  EXPECT_NE(std::find_if(s.provenance.warnings.begin(), s.provenance.warnings.end(),
                         [](const std::string& w) { return w.find("differs from the marker cut-off") != std::string::npos; }),
            s.provenance.warnings.end());
}

TEST(JointLoadSession, JsonCarriesTheIssueNamesAndPfLoadPerKm) {
  const testing::SyntheticTrial t = testing::synthetic_trial();
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  EXPECT_EQ(*s.provenance.filter_cutoffs_hz.at("inverse_dynamics_forces"), 12.0);  // the markers' cut-off
  const nlohmann::json j = to_json(s);
  for (const char* name : {"knee_extensor_moment_peak_nm_kg", "pf_stress_peak_mpa", "tf_compression_peak_bw",
                           "pf_force_peak_bw", "quadriceps_force_peak_bw", "knee_negative_work_j_kg"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(j.at("steps").at(1).contains(name));
    EXPECT_TRUE(j.at("units").contains(name));
    EXPECT_TRUE(j.at("summary").at("right").contains(name));
  }
  EXPECT_EQ(j.at("units").at("pf_load_per_km"), "BW*steps/km");
  // Per knee: side mean peak PF force x half the steps per km; session: both knees.
  const double per_km = steps_per_km(*s.cadence_spm.value, *s.speed_m_s.value);
  for (const SideSummary* side : {&s.left, &s.right}) {
    const SummaryStat& pf = side->stats.at("pf_force_peak_bw");
    ASSERT_TRUE(pf.mean) << pf.missing_reason;
    ASSERT_TRUE(side->pf_load_per_km.value) << side->pf_load_per_km.missing_reason;
    EXPECT_NEAR(*side->pf_load_per_km.value, *pf.mean * per_km / 2, 1e-9);
  }
  ASSERT_TRUE(s.pf_load_per_km.value) << s.pf_load_per_km.missing_reason;
  // Two steps a side: the session value is the sum of the two knees.
  EXPECT_NEAR(*s.pf_load_per_km.value, *s.left.pf_load_per_km.value + *s.right.pf_load_per_km.value, 1e-9);
  EXPECT_DOUBLE_EQ(j.at("session").at("pf_load_per_km").at("value").get<double>(), *s.pf_load_per_km.value);
  EXPECT_DOUBLE_EQ(j.at("summary").at("left").at("pf_load_per_km").get<double>(), *s.left.pf_load_per_km.value);
}

TEST(JointLoadSession, WithoutMassTheTreadmillGrfGivesIt) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.options.body_mass_kg.reset();
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  // One whole stride (left IC 0.10 s to left IC 0.80 s): the impulses of one left and one right stance,
  // integrated here from the analytic curves, over 0.7 s.
  double impulse = 0;
  for (double u = 0; u < testing::kTrialContact; u += 1e-6)
    impulse += (testing::trial_vertical(u, true) + testing::trial_vertical(u, false)) * 1e-6;
  ASSERT_TRUE(s.provenance.body_mass_kg);
  // The plate samples at 1 kHz and drops the < 20 N edges from nothing (mass uses every sample): 0.2 %.
  EXPECT_NEAR(*s.provenance.body_mass_kg, impulse / 0.7 / kG, 0.002 * impulse / 0.7 / kG);
  EXPECT_EQ(s.provenance.body_mass_source.rfind("estimated from mean vertical GRF over whole strides", 0), 0u);
  EXPECT_TRUE(s.steps[1].joint_load.knee_extensor_moment_peak_nm_kg.value);
  EXPECT_TRUE(s.steps[1].loading.active_peak_bw.value);
}

TEST(JointLoadSession, StanceWithoutPlateOrMassSaysWhy) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.stances[0].plate.reset();
  t.options.body_mass_kg.reset();
  t.options.estimate_body_mass_from_grf = false;
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  EXPECT_EQ(s.steps[0].joint_load.pf_stress_peak_mpa.missing_reason, "no force plate under this stance");
  EXPECT_EQ(s.steps[1].joint_load.pf_stress_peak_mpa.missing_reason, "body mass unknown");
  EXPECT_FALSE(s.pf_load_per_km.value);
}

}  // namespace
}  // namespace touchdown
