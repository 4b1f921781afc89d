// Per-side statistics, majority strike pattern, symmetry and the whole-session build on a synthetic trial.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/synthetic_session.hpp"
#include "touchdown/session.hpp"
#include "touchdown/version.hpp"

namespace touchdown {
namespace {

StepMetrics step_with(Side side, std::optional<double> fsa, std::optional<StrikePattern> pattern) {
  StepMetrics s;
  s.side = side;
  s.foot_strike.foot_strike_angle_deg =
      fsa ? Measured::of(*fsa, "deg", "test") : Measured::absent("deg", "heel or toe landmark missing at IC");
  s.foot_strike.strike_pattern.pattern = pattern;
  return s;
}

TEST(SideSummary, MeanSampleSdAndCount) {
  const std::vector<StepMetrics> steps{
      step_with(Side::right, 10.0, StrikePattern::rearfoot), step_with(Side::right, 12.0, StrikePattern::rearfoot),
      step_with(Side::left, -3.0, StrikePattern::forefoot),  step_with(Side::right, 14.0, StrikePattern::rearfoot),
      step_with(Side::right, 4.0, StrikePattern::midfoot),   step_with(Side::right, std::nullopt, std::nullopt)};
  const SideSummary r = summarize_side(steps, Side::right);
  EXPECT_EQ(r.steps, 5u);
  const SummaryStat& fsa = r.stats.at("foot_strike_angle_deg");
  EXPECT_EQ(fsa.n, 4u);
  // {10, 12, 14, 4}: mean 10, sample variance (0 + 4 + 16 + 36) / 3 = 56/3.
  EXPECT_NEAR(*fsa.mean, 10.0, 1e-12);
  EXPECT_NEAR(*fsa.sd, std::sqrt(56.0 / 3.0), 1e-12);
  EXPECT_EQ(fsa.unit, "deg");
  ASSERT_TRUE(r.strike_pattern.majority);
  EXPECT_EQ(*r.strike_pattern.majority, StrikePattern::rearfoot);
  EXPECT_EQ(r.strike_pattern.text, "rearfoot on 3 of 4 steps (1 unclassified)");

  const SideSummary l = summarize_side(steps, Side::left);
  EXPECT_EQ(l.stats.at("foot_strike_angle_deg").n, 1u);
  EXPECT_FALSE(l.stats.at("foot_strike_angle_deg").sd);  // one value: no SD
  EXPECT_EQ(l.strike_pattern.text, "forefoot on 1 of 1 steps");
  // Metrics no step has: absent mean with the steps' reason.
  EXPECT_FALSE(l.stats.at("impact_peak_bw").mean);
}

TEST(SideSummary, TieHasNoMajority) {
  const std::vector<StepMetrics> steps{step_with(Side::left, 10.0, StrikePattern::rearfoot),
                                       step_with(Side::left, -3.0, StrikePattern::forefoot)};
  const SideSummary l = summarize_side(steps, Side::left);
  EXPECT_FALSE(l.strike_pattern.majority);
  EXPECT_EQ(l.strike_pattern.text, "tie: 1 rearfoot, 1 forefoot");
}

TEST(Symmetry, RatioAndDifference) {
  SummaryStat left, right;
  left.mean = 2.0;
  right.mean = 3.0;
  left.unit = right.unit = "BW";
  const Symmetry ratio = symmetry_of(left, right, SymmetryKind::ratio);
  EXPECT_NEAR(*ratio.value, 40.0, 1e-12);  // 100 * 1 / 2.5
  EXPECT_EQ(ratio.unit, "%");
  const Symmetry difference = symmetry_of(left, right, SymmetryKind::difference);
  EXPECT_NEAR(*difference.value, 1.0, 1e-12);  // R - L
  EXPECT_EQ(difference.unit, "BW");
  right.mean.reset();
  EXPECT_FALSE(symmetry_of(left, right, SymmetryKind::ratio).value);
  EXPECT_EQ(symmetry_of(left, right, SymmetryKind::ratio).missing_reason, "no mean on the right side");
}

TEST(Session, SyntheticTreadmillTrial) {
  const testing::SyntheticTrial t = testing::synthetic_trial();
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(s.steps[0].side, Side::left);

  // Right: FSA 15 (rearfoot), 3D knee 12 deg; left: FSA -5 (forefoot), sagittal knee 18 deg. Exact geometry.
  EXPECT_NEAR(*s.right.stats.at("foot_strike_angle_deg").mean, 15.0, 1e-9);
  EXPECT_NEAR(*s.left.stats.at("foot_strike_angle_deg").mean, -5.0, 1e-9);
  EXPECT_EQ(s.right.strike_pattern.text, "rearfoot on 2 of 2 steps");
  EXPECT_EQ(*s.left.strike_pattern.majority, StrikePattern::forefoot);
  EXPECT_NEAR(*s.right.stats.at("knee_flexion_ic_deg").mean, 12.0, 1e-9);
  EXPECT_NEAR(*s.left.stats.at("knee_flexion_ic_deg").mean, 18.0, 1e-9);
  EXPECT_NE(s.steps[0].knee.knee_flexion_ic_deg.method.find("sagittal"), std::string::npos);
  EXPECT_NE(s.steps[1].knee.knee_flexion_ic_deg.method.find("Grood"), std::string::npos);
  // Strike index: right COP 2 cm ahead of the heel on a 18.8 cm (horizontal) foot; left 16 of 19.9 cm.
  EXPECT_NEAR(*s.right.stats.at("strike_index_pct").mean, 100 * 0.02 / (0.2 * std::cos(20 * testing::kDegToRad)), 1e-9);
  EXPECT_EQ(*s.right.strike_pattern_si.majority, StrikePattern::rearfoot);
  EXPECT_EQ(*s.left.strike_pattern_si.majority, StrikePattern::forefoot);
  // Left has no impact peak (ramp): absent with the reason; right has one.
  EXPECT_FALSE(s.steps[0].loading.impact_peak_bw.value);
  EXPECT_EQ(s.left.stats.at("impact_peak_bw").missing_reason, "no distinct impact peak in first 25% of stance");
  EXPECT_EQ(s.right.stats.at("impact_peak_bw").n, 2u);
  // Ramp VALR = 20 kN/s / (70 kg g); exact on a straight line.
  EXPECT_NEAR(*s.left.stats.at("valr_bw_s").mean, 20000.0 / (70 * 9.80665), 1e-6);
  // Symmetry of contact time: equal sides -> 0 %.
  EXPECT_NEAR(*s.symmetry.at("contact_time_s").value, 0.0, 1e-9);
  EXPECT_EQ(s.symmetry.at("knee_flexion_ic_deg").method, "R-L of the side means");
  EXPECT_NEAR(*s.symmetry.at("knee_flexion_ic_deg").value, -6.0, 1e-9);  // 12 - 18
  // Cadence: steps every 0.35 s -> 60 / 0.35 steps/min.
  EXPECT_NEAR(*s.cadence_spm.value, 60.0 / 0.35, 1e-9);
  EXPECT_NEAR(*s.speed_m_s.value, 3.5, 1e-12);
  // Leg stiffness: hip centre is fixed, COP fixed -> no compression measurable -> Morin 2005 with belt speed.
  ASSERT_TRUE(s.steps[0].loading.leg_stiffness_kn_m.value) << s.steps[0].loading.leg_stiffness_kn_m.missing_reason;
  EXPECT_NE(s.steps[0].loading.leg_stiffness_kn_m.method.find("Morin"), std::string::npos);
  EXPECT_FALSE(s.steps[3].loading.leg_stiffness_kn_m.value);  // last step: no flight time

  const Provenance& p = s.provenance;
  EXPECT_EQ(p.version, kVersion);
  EXPECT_EQ(p.inputs, std::vector<std::string>{"synthetic.c3d"});
  EXPECT_EQ(p.ground, "treadmill");
  EXPECT_EQ(p.thresholds.at("fsa_rearfoot_above_deg"), 8.0);
  EXPECT_EQ(p.thresholds.at("extended_knee_below_deg"), 10.0);
  EXPECT_FALSE(p.filter_cutoffs_hz.at("forces"));
  EXPECT_EQ(*p.filter_cutoffs_hz.at("markers"), 12.0);
  EXPECT_EQ(p.methods.at("knee_flexion_ic_deg").size(), 2u);  // 3D on the right, sagittal on the left
  EXPECT_EQ(p.body_mass_source, "--mass");
}

TEST(Session, WithoutMassEveryBwMetricSaysSo) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.options.body_mass_kg.reset();
  t.options.estimate_body_mass_from_grf = false;
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  EXPECT_EQ(s.steps[1].loading.impact_peak_bw.missing_reason, "body mass unknown");
  EXPECT_EQ(s.right.stats.at("valr_bw_s").missing_reason, "body mass unknown");
  EXPECT_EQ(s.provenance.body_mass_source, "unknown");
}

TEST(Session, StanceNamingAMissingPlateAndUnassignedStance) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.stances[1].plate = 3;
  t.stances.push_back(testing::stance(Side::none, 1.45, 1.49));
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(s.steps[1].loading.active_peak_bw.missing_reason, "stance names plate 3 but only 1 plate series were given");
  EXPECT_FALSE(s.steps[1].foot_strike.strike_index_pct.value);
  ASSERT_FALSE(s.provenance.warnings.empty());
  EXPECT_NE(s.provenance.warnings.back().find("not assigned to a foot"), std::string::npos);
}

TEST(Session, NonsenseStanceTimesAreSkippedOrAbsentNeverACrash) {
  testing::SyntheticTrial t = testing::synthetic_trial();
  t.stances.push_back(testing::stance(Side::left, std::nan(""), 1.0, 0));
  t.stances.push_back(testing::stance(Side::right, 1.3, 1.2, 0));
  t.stances.push_back(testing::stance(Side::left, 1.45, 1e300, 0));
  t.stances.push_back(testing::stance(Side::right, 1e300, 2e300, 0));
  const Session s = build_session(t.body, t.stances, t.plates, t.options, t.inputs);
  ASSERT_EQ(s.steps.size(), 6u);  // the NaN and the reversed stance are skipped with a warning
  EXPECT_EQ(s.provenance.warnings.size(), 2u);
  EXPECT_FALSE(s.steps[5].loading.active_peak_bw.value);
  EXPECT_EQ(s.steps[5].loading.active_peak_bw.missing_reason, "stance lies outside the force recording");
  EXPECT_FALSE(s.steps[5].knee.knee_flexion_ic_deg.value);
}

}  // namespace
}  // namespace touchdown
