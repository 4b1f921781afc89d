// The lab analysis end to end on real running trials from ../shared/data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "test_data.hpp"
#include "touchdown/analysis.hpp"
#include "touchdown/error.hpp"
#include "touchdown/read.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {

std::size_t count_side(const Session& session, Side side) {
  return static_cast<std::size_t>(
      std::count_if(session.steps.begin(), session.steps.end(), [&](const StepMetrics& s) { return s.side == side; }));
}

double mean_of(const Session& session, Side side, const std::string& metric) {
  const auto& stat = session.summary(side).stats.at(metric);
  EXPECT_TRUE(stat.mean.has_value()) << metric << ": " << stat.missing_reason;
  return stat.mean.value_or(std::nan(""));
}

TEST(RealTrials, RbdsSubject1TreadmillForefootStriker) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const Trial run = read_trial(data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  const Trial standing = read_trial(data_path("running/rbds/c3d/RBDS001static.c3d"));
  AnalysisOptions options;
  options.metrics.body_mass_kg = 62.0;  // running/rbds/SOURCE.txt: subject 1, 62 kg
  const AnalysisResult result = analyze_trial(run, &standing, options);
  const Session& s = result.session;

  EXPECT_EQ(result.events.method, "force");
  // SOURCE.txt: ~86 contacts in 30 s with a simple 50 N threshold; the first contact is partial (dropped).
  EXPECT_GE(s.steps.size(), 82u);
  EXPECT_LE(s.steps.size(), 88u);
  EXPECT_LE(std::abs(static_cast<long>(count_side(s, Side::left)) - static_cast<long>(count_side(s, Side::right))), 1);
  for (Side side : {Side::left, Side::right}) {
    SCOPED_TRACE(std::string(to_string(side)));
    // meta/RBDSinfo.txt labels subject 1 forefoot on both sides at 3.5 m/s.
    ASSERT_TRUE(s.summary(side).strike_pattern.majority.has_value());
    EXPECT_EQ(*s.summary(side).strike_pattern.majority, StrikePattern::forefoot);
    // SOURCE.txt: contact ~0.22 s at 3.5 m/s (0.22-0.24 s typical here).
    EXPECT_NEAR(mean_of(s, side, "contact_time_s"), 0.225, 0.02);
    // Peak vertical GRF ~2.5 BW (SOURCE.txt); a forefoot striker shows no distinct impact peak on most steps.
    EXPECT_NEAR(mean_of(s, side, "active_peak_bw"), 2.5, 0.25);
    // Knee metrics exist (static calibration carried the epicondyles) and lie in the running range.
    const double knee = mean_of(s, side, "knee_flexion_ic_deg");
    EXPECT_GT(knee, 0.0);
    EXPECT_LT(knee, 30.0);
    EXPECT_GT(mean_of(s, side, "knee_flexion_excursion_deg"), 15.0);
  }
  // Force and marker events agree: median |IC difference| within one marker frame (6.7 ms at 150 Hz).
  std::vector<double> ic_ms;
  for (const Stance& stance : result.events.stances)
    if (stance.ic_disagreement_s) ic_ms.push_back(std::abs(*stance.ic_disagreement_s) * 1000);
  ASSERT_GT(ic_ms.size(), 70u);
  std::nth_element(ic_ms.begin(), ic_ms.begin() + static_cast<long>(ic_ms.size() / 2), ic_ms.end());
  EXPECT_LE(ic_ms[ic_ms.size() / 2], 1000.0 / 150.0);
  ASSERT_TRUE(s.cadence_spm.value.has_value());
  EXPECT_NEAR(*s.cadence_spm.value, 171.0, 8.0);  // 86 contacts in 30 s = 172 steps/min
}

TEST(RealTrials, BmcOvergroundTrcWithGrfFindsOneStancePerFoot) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  const Trial run = read_trial(data_path("running/bmc_opensim/motion_capture_run.trc"),
                               data_path("running/bmc_opensim/grf_run.mot"));
  const Trial standing = read_trial(data_path("running/bmc_opensim/static_run.trc"));
  const Session s = analyze_trial(run, &standing).session;
  ASSERT_EQ(s.steps.size(), 2u);
  // SOURCE.txt: R stance 0.057-0.297 s, L stance 0.403-0.663 s (from the GRF with its own threshold).
  EXPECT_EQ(s.steps[0].side, Side::right);
  EXPECT_NEAR(s.steps[0].ic_s, 0.057, 0.010);
  EXPECT_NEAR(s.steps[0].to_s, 0.297, 0.010);
  EXPECT_EQ(s.steps[1].side, Side::left);
  EXPECT_NEAR(s.steps[1].ic_s, 0.403, 0.010);
  EXPECT_NEAR(s.steps[1].to_s, 0.663, 0.010);
  for (const StepMetrics& step : s.steps) {
    EXPECT_TRUE(step.foot_strike.foot_strike_angle_deg.has_value());
    EXPECT_TRUE(step.knee.knee_flexion_ic_deg.has_value());
    EXPECT_TRUE(step.foot_strike.strike_index_pct.has_value());
  }
  // SOURCE.txt (OpenSim IK, course): knee 22.2 deg at R touchdown. Markers and IK differ in joint
  // definitions (epicondyle midpoint vs model axis), so agreement to ~5 deg is what can be asked.
  EXPECT_NEAR(*s.steps[0].knee.knee_flexion_ic_deg.value, 22.2, 5.0);
}

TEST(RealTrials, HamnerRunWithNanGapsUsesMarkerEvents) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/Run_500_02.trc");
  const Trial run = read_trial(data_path("running/opensim_core/Run_500_02.trc"));
  const AnalysisResult result = analyze_trial(run, nullptr);
  EXPECT_EQ(result.events.method.rfind("markers", 0), 0u) << result.events.method;
  const Session& s = result.session;
  // 4.27 s at ~190 steps/min (5 m/s) holds ~13 complete stances.
  EXPECT_GE(s.steps.size(), 10u);
  for (Side side : {Side::left, Side::right}) {
    SCOPED_TRACE(std::string(to_string(side)));
    EXPECT_GE(count_side(s, side), 5u);
    // Contact at 5 m/s: ~0.17-0.23 s (Hamner 2010); marker events shorten it slightly.
    EXPECT_NEAR(mean_of(s, side, "contact_time_s"), 0.20, 0.04);
    EXPECT_TRUE(s.summary(side).stats.at("foot_strike_angle_deg").mean.has_value());
    // Knee from functional (SCoRE) centres, sagittal projection: a running knee at touchdown is flexed
    // ~5-30 deg (Hamner 2010 model results at 5 m/s lie near 15-20 deg).
    const double knee = mean_of(s, side, "knee_flexion_ic_deg");
    EXPECT_GT(knee, 5.0);
    EXPECT_LT(knee, 30.0);
    // No forces: loading is absent with a reason, never zero.
    EXPECT_FALSE(s.summary(side).stats.at("impact_peak_bw").mean.has_value());
    EXPECT_FALSE(s.summary(side).stats.at("impact_peak_bw").missing_reason.empty());
  }
}

TEST(RealTrials, RunningInjuryClinicClusterRunsWithStatics) {
  for (const char* id : {"20140515T133244", "20141003T073938", "20160226T120637"}) {
    const std::string run_path = std::string("running/rbds/c3d/") + id + "_run.c3d";
    TOUCHDOWN_REQUIRE_DATA(run_path);
    SCOPED_TRACE(id);
    const Trial run = read_trial(data_path(run_path));
    const Trial standing = read_trial(data_path(std::string("running/rbds/c3d/") + id + "_static.c3d"));
    const Session s = analyze_trial(run, &standing).session;
    // 25 s at ~2.5 m/s and ~160-170 steps/min holds ~35 stances per foot; marker events may miss a few.
    for (Side side : {Side::left, Side::right}) {
      EXPECT_GE(count_side(s, side), 20u);
      const double knee = mean_of(s, side, "knee_flexion_ic_deg");
      EXPECT_GT(knee, -5.0);
      EXPECT_LT(knee, 35.0);
    }
  }
}

TEST(RealTrials, WalkingIsRefusedWithAClearMessage) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Gait.c3d");
  const Trial walk = read_trial(data_path("c3d-conformance/vendor/btkdata_others/Gait.c3d"));
  try {
    (void)analyze_trial(walk, nullptr);
    FAIL() << "walking was analysed as running";
  } catch (const AnalysisError& e) {
    EXPECT_NE(std::string(e.what()).find("walking"), std::string::npos) << e.what();
  }
}

}  // namespace
