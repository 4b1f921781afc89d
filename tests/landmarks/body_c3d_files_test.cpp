// Body building on real C3D files through the production reader: RBDS and Running Injury Clinic runs with
// their static trials, vendor files with Plug-in Gait and Qualisys names.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "landmarks/cluster_calibration.hpp"
#include "landmarks/landmark_test_support.hpp"
#include "test_data.hpp"
#include "touchdown/landmarks.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/signal.hpp"

namespace touchdown {
namespace {

using testing::distance;
using testing::distances;
using testing::mentions;
using testing::percentile;
using testing::valid;


Trial read(const std::string& relative) { return read_c3d(testing::data_path(relative)); }

// Change over the run of the distance from `point` to each marker of `cluster`, against the same distance in
// the standing trial. The run's markers are processed as build_body processes them (metres, gap fill,
// 12 Hz zero-lag low-pass), so the deviation measures the fit, not the filter.
std::vector<double> rigidity_deviation(const Body& body, const Trajectory& point, const Trial& run, const Body& standing_body,
                                       const Trajectory& standing_point, const Trial& standing,
                                       const std::vector<std::string>& cluster) {
  std::vector<double> deviation;
  for (const auto& label : cluster) {
    const auto d = run.points.find(label);
    const auto s = standing.points.find(label);
    if (!d || !s) {
      ADD_FAILURE() << "marker " << label << " missing";
      continue;
    }
    const double run_scale = run.points.to_metres();
    const double standing_scale = standing.points.to_metres();
    std::vector<double> reference;
    for (std::size_t f = 0; f < standing_body.frames; ++f) {
      const auto& v = standing.points.tracks[*s].samples[f];
      if (v.valid()) reference.push_back(distance(standing_point[f], {v.x * standing_scale, v.y * standing_scale, v.z * standing_scale}));
    }
    const double r = percentile(reference, 0.5);
    Trajectory marker(run.points.frames, Vec3{NAN, NAN, NAN});
    for (std::size_t f = 0; f < run.points.frames; ++f) {
      const auto& v = run.points.tracks[*d].samples[f];
      if (v.valid()) marker[f] = {v.x * run_scale, v.y * run_scale, v.z * run_scale};
    }
    signal::fill_gaps_cubic(marker, 10);
    marker = signal::lowpass_zero_lag(marker, run.points.rate_hz, 12);
    for (std::size_t f = 0; f < body.frames; ++f)
      if (valid(marker[f]) && valid(point[f])) deviation.push_back(std::abs(distance(point[f], marker[f]) - r));
  }
  return deviation;
}

TEST(BodyFromC3dFiles, RbdsC3dCastWithStaticCalibration) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const Trial run = read("running/rbds/c3d/RBDS001runT35.c3d");
  const Trial standing = read("running/rbds/c3d/RBDS001static.c3d");
  const Body body = build_body(run, &standing);
  const Body standing_body = build_body(standing, &standing);
  EXPECT_EQ(body.marker_set, "CAST/ISB (Visual3D, RBDS)");
  EXPECT_EQ(body.frames, 4500u);              // 30 s at 150 Hz (SOURCE.txt)
  EXPECT_EQ(body.up, (Axis{1, +1}));          // SOURCE.txt: lab Y vertical
  EXPECT_TRUE(mentions(body.methods, "L.Knee, L.Knee.Medial carried from the static trial"));
  for (Side s : {Side::left, Side::right}) {
    const std::string p = s == Side::left ? "L" : "R";
    const auto& side = body.side(s);
    const auto knee = rigidity_deviation(body, side.knee_centre, run, standing_body, standing_body.side(s).knee_centre,
                                         standing,
                                         {p + ".Thigh.Top.Lateral", p + ".Thigh.Bottom.Lateral", p + ".Thigh.Top.Medial",
                                          p + ".Thigh.Bottom.Medial"});
    const auto ankle = rigidity_deviation(body, side.ankle_centre, run, standing_body, standing_body.side(s).ankle_centre,
                                          standing,
                                          {p + ".Shank.Top.Lateral", p + ".Shank.Bottom.Lateral", p + ".Shank.Top.Medial",
                                           p + ".Shank.Bottom.Medial"});
    ASSERT_FALSE(knee.empty());
    ASSERT_FALSE(ankle.empty());
    // Rigid cluster plates: point-to-marker distances change only by marker noise (measured ~1 mm).
    EXPECT_LT(percentile(knee, 1.0), 0.003);
    EXPECT_LT(percentile(ankle, 1.0), 0.003);
    // Thigh length: pelvis skin-marker artefact only (see body_real_data_test): median within 5 mm.
    const double standing_thigh =
        percentile(distances(standing_body.side(s).hip_centre, standing_body.side(s).knee_centre), 0.5);
    const auto thigh = distances(side.hip_centre, side.knee_centre);
    EXPECT_NEAR(percentile(thigh, 0.5), standing_thigh, 0.005);
    EXPECT_NEAR(percentile(thigh, 0.01), standing_thigh, 0.015);
    EXPECT_NEAR(percentile(thigh, 0.99), standing_thigh, 0.015);
    ASSERT_TRUE(side.standing_foot_angle_deg);
    EXPECT_LT(std::abs(*side.standing_foot_angle_deg), 15.0);  // shod foot flat on the floor
  }
}

TEST(BodyFromC3dFiles, SameRbdsRunUnderRunningInjuryClinicNamesGivesTheSameShank) {
  // Fukuchi's re-export of the same run and static with RIC marker names, in another lab frame. The shank
  // (knee and ankle epicondyle/malleolus midpoints, both carried by the same four shank markers) must not
  // depend on the profile or the frame: equal per frame to float storage and filter rounding (< 0.5 mm).
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35_rot.c3d");
  const Trial run = read("running/rbds/c3d/RBDS001runT35.c3d");
  const Trial standing = read("running/rbds/c3d/RBDS001static.c3d");
  const Trial run_ric = read("running/rbds/c3d/RBDS001runT35_rot.c3d");
  const Trial standing_ric = read("running/rbds/c3d/RBDS001static_rot.c3d");
  const Body cast = build_body(run, &standing);
  const Body ric = build_body(run_ric, &standing_ric);
  EXPECT_EQ(ric.marker_set, "Running Injury Clinic");
  ASSERT_EQ(cast.frames, ric.frames);
  for (Side s : {Side::left, Side::right}) {
    const auto a = distances(cast.side(s).knee_centre, cast.side(s).ankle_centre);
    const auto b = distances(ric.side(s).knee_centre, ric.side(s).ankle_centre);
    ASSERT_EQ(a.size(), b.size());
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
    EXPECT_LT(worst, 0.0005) << to_string(s);
  }
}

TEST(BodyFromC3dFiles, RunningInjuryClinicRuns) {
  for (const char* id : {"20140515T133244", "20141003T073938", "20160226T120637"}) {
    const std::string base = std::string("running/rbds/c3d/") + id;
    if (!std::filesystem::exists(testing::data_path(base + "_run.c3d"))) GTEST_SKIP() << "real data not available";
    const Trial run = read(base + "_run.c3d");
    const Trial standing = read(base + "_static.c3d");
    const Body body = build_body(run, &standing);
    const Body standing_body = build_body(standing, &standing);
    EXPECT_EQ(body.marker_set, "Running Injury Clinic") << id;
    // RIC lab (3D gait system documentation): Y up, Z opposite to the direction of running.
    EXPECT_EQ(body.up, (Axis{1, +1})) << id;
    EXPECT_EQ(body.progression, (Axis{2, -1})) << id;
    EXPECT_FALSE(mentions(body.warnings, "disagrees")) << id;
    EXPECT_TRUE(mentions(body.methods, "greater trochanter in the static trial (Running Injury Clinic)")) << id;
    for (Side s : {Side::left, Side::right}) {
      const std::string p = s == Side::left ? "L" : "R";
      const auto& side = body.side(s);
      EXPECT_TRUE(side.virtual_foot_axis) << id;
      ASSERT_TRUE(side.standing_foot_angle_deg) << id;
      EXPECT_NEAR(*side.standing_foot_angle_deg, 0.0, 1e-9) << id;  // virtual axis horizontal by construction
      const auto knee = rigidity_deviation(body, side.knee_centre, run, standing_body, standing_body.side(s).knee_centre,
                                           standing, {p + "_thigh_1", p + "_thigh_2", p + "_thigh_3", p + "_thigh_4"});
      ASSERT_FALSE(knee.empty());
      // Rigid thigh shells (fit RMS <= 0.3 mm): 99 % of frames within 2 mm; no frame beyond the 10 mm
      // cluster-rejection limit (20140515 has 18 frames where two left-shell markers drift 40 mm).
      EXPECT_LT(percentile(knee, 0.99), 0.002) << id;
      EXPECT_LT(percentile(knee, 1.0), landmarks::kMaxClusterRmsM) << id;
      // The trochanter-rule hip centre rides with the pelvis cluster and the knee with the thigh shell; an
      // error in the predicted hip centre turns hip flexion into apparent thigh-length change (measured
      // 6-18 mm in these runs), so the median thigh length stays within 25 mm of standing.
      const double standing_thigh = distance(standing_body.side(s).hip_centre[0], standing_body.side(s).knee_centre[0]);
      EXPECT_NEAR(percentile(distances(side.hip_centre, side.knee_centre), 0.5), standing_thigh, 0.025) << id;
    }
  }
}

TEST(BodyFromC3dFiles, VendorFilesPlugInGaitAndQualisys) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Gait.c3d");
  const Body gait = build_body(read("c3d-conformance/vendor/btkdata_others/Gait.c3d"), nullptr);
  EXPECT_EQ(gait.marker_set, "Plug-in Gait");
  EXPECT_TRUE(mentions(gait.methods, "left foot: heel LHEE, toe LTOE"));
  const Body qualisys = build_body(read("c3d-conformance/vendor/ezc3d_testFiles/Qualisys.c3d"), nullptr);
  EXPECT_EQ(qualisys.marker_set, "Qualisys (IOR/CAST)");
  EXPECT_TRUE(mentions(qualisys.methods, "left knee centre: midpoint of L_FLE and L_FME"));
  EXPECT_TRUE(mentions(qualisys.methods, "left foot: heel L_FCC, toe L_FM1"));
}

}  // namespace
}  // namespace touchdown
