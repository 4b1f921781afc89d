#include "touchdown/axes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "c3d_pending.hpp"
#include "test_data.hpp"
#include "touchdown/opensim_text.hpp"
#include "touchdown/read.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
bool has_warning(const Trial& trial, const std::string& text) {
  return std::any_of(trial.warnings.begin(), trial.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}
bool method_has(const AxisFinding& finding, const std::string& text) { return finding.method.find(text) != std::string::npos; }

// A runner, Z up, 1.5 s at 100 Hz: pelvis markers at 0.95 m, heel and toe markers swinging between the
// floor and 0.3 m. `pelvis_speed` moves everything along lab X; `belt_speed` moves feet in stance along X.
Trial synthetic_runner(double pelvis_speed, double belt_speed) {
  Trial trial;
  trial.points.rate_hz = 100;
  trial.points.units = "m";
  const std::size_t frames = 150;
  trial.points.frames = frames;
  const char* labels[] = {"LASI", "RASI", "LPSI", "RPSI", "LHEE", "LTOE", "RHEE", "RTOE"};
  for (const char* label : labels) trial.points.tracks.push_back({label, "", std::vector<Vec3f>(frames), {}});
  for (std::size_t f = 0; f < frames; ++f) {
    const double t = static_cast<double>(f) / 100.0;
    const double x = pelvis_speed * t;
    for (std::size_t k = 0; k < 4; ++k) {
      const double side = k % 2 ? -0.12 : 0.12;
      const double front = k < 2 ? 0.1 : -0.1;
      trial.points.tracks[k].samples[f] = Vec3f{static_cast<float>(x + front), static_cast<float>(side), 0.95f};
    }
    for (int s = 0; s < 2; ++s) {
      // Each foot: 0.35 s stance (on the floor, carried by the belt), 0.35 s swing, out of phase.
      const double phase = std::fmod(t + s * 0.35, 0.7);
      const bool stance = phase < 0.35;
      const double lift = stance ? 0.0 : 0.3 * std::sin((phase - 0.35) / 0.35 * 3.14159);
      const double along = stance ? x + 0.2 - belt_speed * phase : x - 0.2 + 0.4 * (phase - 0.35) / 0.35;
      const float y = s == 0 ? 0.1f : -0.1f;
      trial.points.tracks[4 + 2 * s].samples[f] = Vec3f{static_cast<float>(along - 0.1), y, static_cast<float>(0.05 + lift)};
      trial.points.tracks[5 + 2 * s].samples[f] = Vec3f{static_cast<float>(along + 0.1), y, static_cast<float>(0.02 + lift)};
    }
  }
  return trial;
}
}  // namespace

TEST(AxisDetection, OvergroundRunnerFromPelvisDisplacement) {
  Trial trial = synthetic_runner(-3.5, 0.0);
  detect_axes(trial);
  EXPECT_EQ(trial.up.axis, (Axis{2, 1}));
  EXPECT_TRUE(trial.up.detected);
  EXPECT_TRUE(method_has(trial.up, "above foot markers"));
  EXPECT_EQ(trial.progression.axis, (Axis{0, -1}));
  EXPECT_TRUE(method_has(trial.progression, "overground"));
}

TEST(AxisDetection, TreadmillRunnerFromBeltMotion) {
  // Heel-to-toe points +X (toe ahead of heel) and the belt carries stance feet towards -X.
  Trial trial = synthetic_runner(0.0, 3.0);
  detect_axes(trial);
  EXPECT_EQ(trial.up.axis, (Axis{2, 1}));
  EXPECT_EQ(trial.progression.axis, (Axis{0, 1}));
  EXPECT_TRUE(method_has(trial.progression, "treadmill")) << trial.progression.method;
  EXPECT_FALSE(has_warning(trial, "disagrees"));
}

TEST(AxisDetection, KeepsADeclaredUpAxisTheDataConfirm) {
  Trial trial = synthetic_runner(2.0, 0.0);
  trial.up = AxisFinding{Axis{2, 1}, "C3D POINT:Y_SCREEN", false};
  detect_axes(trial);
  EXPECT_EQ(trial.up.axis, (Axis{2, 1}));
  EXPECT_FALSE(trial.up.detected);
  EXPECT_TRUE(method_has(trial.up, "C3D POINT:Y_SCREEN; confirmed by"));
}

TEST(AxisDetection, ReplacesADeclaredUpAxisTheDataContradict) {
  Trial trial = synthetic_runner(2.0, 0.0);
  trial.up = AxisFinding{Axis{2, -1}, "C3D POINT:Y_SCREEN", false};
  detect_axes(trial);
  EXPECT_EQ(trial.up.axis, (Axis{2, 1}));
  EXPECT_TRUE(trial.up.detected);
  EXPECT_TRUE(has_warning(trial, "declares -Z up"));
}

TEST(AxisDetection, SaysSoWhenNothingCanTell) {
  Trial trial;
  detect_axes(trial);
  EXPECT_FALSE(trial.up.detected);
  EXPECT_TRUE(method_has(trial.up, "not detected"));
  EXPECT_TRUE(method_has(trial.progression, "not detected"));
  EXPECT_TRUE(has_warning(trial, "up axis could not be detected"));
}

// Real files; the expected axes were read off the raw files independently of this code (pelvis and
// foot marker coordinates printed with a 20-line Python script, e.g. bmc RASI X 37 -> 2224 mm over
// 0.82 s while Y stays 830-930 mm and RCAL Y 35-393 mm).
TEST(AxisDetection, OpenSimTreadmillRun) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/Run_500_02.trc");
  // Y up (RASI Y ~1000 mm, RCAL Y 94-691 mm); treadmill (RASI X within 957-1066 mm); RTOE - RCAL median +168 mm in X.
  Trial trial = read_trc(data_path("running/opensim_core/Run_500_02.trc"));
  detect_axes(trial);
  EXPECT_TRUE(trial.up.detected);
  EXPECT_EQ(trial.up.axis, (Axis{1, 1}));
  EXPECT_EQ(trial.progression.axis, (Axis{0, 1}));
  EXPECT_TRUE(method_has(trial.progression, "treadmill")) << trial.progression.method;
  EXPECT_FALSE(has_warning(trial, "disagrees"));
}

TEST(AxisDetection, BmcOvergroundRun) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  Trial trial = read_trc(data_path("running/bmc_opensim/motion_capture_run.trc"));
  detect_axes(trial);
  EXPECT_TRUE(trial.up.detected);
  EXPECT_EQ(trial.up.axis, (Axis{1, 1}));
  EXPECT_EQ(trial.progression.axis, (Axis{0, 1}));
  EXPECT_TRUE(method_has(trial.progression, "overground")) << trial.progression.method;
}

TEST(AxisDetection, UwTreadmillAndBtkSamples) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/uw_running.trc");
  // uw_running: Y up (R.ASIS Y ~1400, R.Heel Y 346-1035); R.MT1 - R.Heel median +223 mm in X.
  Trial uw = read_trc(data_path("running/opensim_core/uw_running.trc"));
  detect_axes(uw);
  EXPECT_TRUE(uw.up.detected);
  EXPECT_EQ(uw.up.axis, (Axis{1, 1}));
  EXPECT_EQ(uw.progression.axis, (Axis{0, 1}));
  // SprintMotion: Z up (C7 Z 688-1199, R.Calca Z 111-424); C7 X 162 -> 2984 mm.
  Trial sprint = read_trc(data_path("c3d-conformance/vendor/btkdata_trc/SprintMotion.trc"));
  detect_axes(sprint);
  // The sprinter leans: trunk minus feet has median +699 mm in X and +560 mm in Z, but the feet range
  // over metres in X and stay near the floor in Z.
  EXPECT_EQ(sprint.up.axis, (Axis{2, 1}));
  EXPECT_TRUE(sprint.up.detected) << sprint.up.method;
  EXPECT_EQ(sprint.progression.axis, (Axis{0, 1}));
  // Gait.trc (walking): Z up (R.ASIS Z ~900, R.Heel Z 14-256); R.ASIS X 1790 -> -2242 mm over 4.9 s.
  Trial gait = read_trc(data_path("c3d-conformance/vendor/btkdata_trc/Gait.trc"));
  detect_axes(gait);
  EXPECT_TRUE(gait.up.detected);
  EXPECT_EQ(gait.up.axis, (Axis{2, 1}));
  EXPECT_EQ(gait.progression.axis, (Axis{0, -1}));
}

TEST(AxisDetection, ForcesOnlyTreadmillAndOverground) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/runningModel_GRF_data.mot");
  // CMC running GRF (treadmill: R COP x 1.07 -> 0.69 m in stance, L 1.07 -> 0.61 m, same place): Y up, +X.
  Trial cmc = read_mot(data_path("running/opensim_core/runningModel_GRF_data.mot"));
  detect_axes(cmc);
  EXPECT_EQ(cmc.up.axis, (Axis{1, 1}));
  EXPECT_TRUE(method_has(cmc.up, "ground reaction"));
  EXPECT_EQ(cmc.progression.axis, (Axis{0, 1}));
  EXPECT_TRUE(method_has(cmc.progression, "treadmill")) << cmc.progression.method;
  // bmc GRF (overground: R stance COP x ~0.33 m, L stance ~1.50 m): +X.
  Trial bmc = read_mot(data_path("running/bmc_opensim/grf_run.mot"));
  detect_axes(bmc);
  EXPECT_EQ(bmc.up.axis, (Axis{1, 1}));
  EXPECT_EQ(bmc.progression.axis, (Axis{0, 1}));
  EXPECT_TRUE(method_has(bmc.progression, "overground")) << bmc.progression.method;
}

TEST(AxisDetection, RbdsTreadmillIsYUp) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  TOUCHDOWN_READ_C3D_OR_SKIP(trial, data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  detect_axes(trial);
  // running/rbds/SOURCE.txt: lab Y = vertical; instrumented treadmill.
  EXPECT_EQ(trial.up.axis, (Axis{1, 1}));
  EXPECT_TRUE(method_has(trial.progression, "treadmill")) << trial.progression.method;
  EXPECT_NE(trial.progression.axis.index, 1);
  EXPECT_FALSE(has_warning(trial, "disagrees"));
}

TEST(AxisDetection, ZUpC3dFiles) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Gait.c3d");
  // BTK Gait.c3d (Motion Analysis walking): POINT:Y_SCREEN = +Z (parameter dump), RHEE/RTOE/ASIS markers.
  TOUCHDOWN_READ_C3D_OR_SKIP(gait, data_path("c3d-conformance/vendor/btkdata_others/Gait.c3d"));
  detect_axes(gait);
  EXPECT_EQ(gait.up.axis, (Axis{2, 1}));
  EXPECT_NE(gait.up.method.find("confirmed by pelvis/trunk markers"), std::string::npos) << gait.up.method;
  // ezc3d Qualisys.c3d: POINT:Y_SCREEN = -Z, yet its force-plate corners lie at the floor with the plate
  // normal +Z and the L_IAS/CV7 markers are above L_FCC/L_FM1 along +Z: the declaration is overruled.
  TOUCHDOWN_READ_C3D_OR_SKIP(qualisys, data_path("c3d-conformance/vendor/ezc3d_testFiles/Qualisys.c3d"));
  detect_axes(qualisys);
  EXPECT_EQ(qualisys.up.axis, (Axis{2, 1}));
  EXPECT_TRUE(qualisys.up.detected);
  EXPECT_TRUE(has_warning(qualisys, "declares -Z up")) << (qualisys.warnings.empty() ? "" : qualisys.warnings.front());
}
