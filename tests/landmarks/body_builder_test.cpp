// build_body on synthetic marker sets with known answers: segments moved by known rigid motions must carry
// their static-only landmarks exactly (to the single-precision storage of the Trial).
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <map>

#include "landmarks/hip_joint_centre.hpp"
#include "landmarks/landmark_test_support.hpp"
#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

// Trials store millimetres in float: coordinates up to ~3000 mm keep ~2e-4 mm; a fit through several such
// markers stays within 1 micrometre.
constexpr double kFloatStorage = 1e-6;
constexpr std::size_t kFrames = 120;

struct Motion {
  Eigen::Matrix3d rotation;
  Eigen::Vector3d translation;
  Vec3 operator()(const Vec3& p) const {
    const Eigen::Vector3d q = rotation * Eigen::Vector3d(p.x, p.y, p.z) + translation;
    return {q.x(), q.y(), q.z()};
  }
};

// A different smooth motion per segment (seed), frame f.
Motion segment_motion(int seed, std::size_t f) {
  const double t = static_cast<double>(f) / 100.0;
  const double k = 1.0 + 0.3 * seed;
  Motion m;
  m.rotation = (Eigen::AngleAxisd(0.4 * std::sin(6 * k * t), Eigen::Vector3d::UnitX()) *
                Eigen::AngleAxisd(0.2 * std::sin(3 * t + seed), Eigen::Vector3d::UnitY()) *
                Eigen::AngleAxisd(0.3 * std::cos(5 * k * t), Eigen::Vector3d::UnitZ()))
                   .toRotationMatrix();
  m.translation = Eigen::Vector3d(0.05 * std::sin(4 * t), 0.04 * std::sin(9 * t), -0.5 * t);
  return m;
}

using Positions = std::map<std::string, Vec3>;

Trial static_trial(const Positions& positions) {
  std::vector<std::pair<std::string, Trajectory>> markers;
  for (const auto& [label, p] : positions) markers.emplace_back(label, Trajectory{p});
  return testing::make_trial(markers);
}

void expect_near(const Vec3& a, const Vec3& b, double tolerance, const std::string& what) {
  EXPECT_NEAR(a.x, b.x, tolerance) << what;
  EXPECT_NEAR(a.y, b.y, tolerance) << what;
  EXPECT_NEAR(a.z, b.z, tolerance) << what;
}

Vec3 mirror_x(const Vec3& v) { return {-v.x, v.y, v.z}; }
Vec3 mirror_y(const Vec3& v) { return {v.x, -v.y, v.z}; }

// ---- Running Injury Clinic style: clusters only in the run, anatomy only in the static -----------------
// Lab as in the RIC system: Y up, runner faces -Z, right = +X.
Positions ric_right_side() {
  return {{"R_hip", {0.18, 0.90, 0.00}},
          {"R_thigh_1", {0.14, 0.70, -0.02}}, {"R_thigh_2", {0.15, 0.60, -0.03}},
          {"R_thigh_3", {0.10, 0.70, -0.06}}, {"R_thigh_4", {0.11, 0.62, -0.07}},
          {"R_lat_knee", {0.15, 0.48, 0.00}}, {"R_med_knee", {0.05, 0.48, 0.00}},
          {"R_shank_1", {0.13, 0.30, -0.03}}, {"R_shank_2", {0.14, 0.22, -0.02}},
          {"R_shank_3", {0.09, 0.30, -0.06}}, {"R_shank_4", {0.10, 0.24, -0.05}},
          {"R_lat_ankle", {0.14, 0.08, 0.00}}, {"R_med_ankle", {0.07, 0.09, 0.00}},
          {"R_foot_1", {0.10, 0.04, 0.06}}, {"R_foot_2", {0.10, 0.08, 0.07}},
          {"R_foot_3", {0.13, 0.06, 0.065}}, {"R_foot_4", {0.09, 0.06, 0.075}}};
}

Positions ric_static() {
  Positions p = {{"pelvis_1", {0.04, 1.00, 0.10}}, {"pelvis_2", {-0.04, 1.00, 0.10}},
                 {"pelvis_3", {0.00, 1.05, 0.11}}, {"pelvis_4", {0.00, 0.96, 0.13}}};
  for (const auto& [label, v] : ric_right_side()) {
    p[label] = v;
    p["L" + label.substr(1)] = mirror_x(v);
  }
  return p;
}

int ric_segment(const std::string& label) {
  if (label.find("pelvis") != std::string::npos || label.find("hip") != std::string::npos) return 0;
  if (label.find("thigh") != std::string::npos || label.find("knee") != std::string::npos) return 1;
  if (label.find("shank") != std::string::npos || label.find("ankle") != std::string::npos) return 2;
  return 3;
}

TEST(BodyBuilder, RunningInjuryClinicClustersCarryStaticAnatomyExactly) {
  const Positions standing = ric_static();
  std::vector<std::pair<std::string, Trajectory>> run;
  for (const auto& [label, p] : standing) {
    if (label.find('_') == std::string::npos || label.find("hip") != std::string::npos ||
        label.find("knee") != std::string::npos || label.find("ankle") != std::string::npos)
      continue;  // anatomical markers exist only in the static trial
    Trajectory t(kFrames);
    for (std::size_t f = 0; f < kFrames; ++f) t[f] = segment_motion(ric_segment(label), f)(p);
    run.emplace_back(label, t);
  }
  const Trial dynamic = testing::make_trial(run);
  const Trial calibration = static_trial(standing);
  BodyOptions options;
  options.cutoff_hz = 0;  // exact answers need the raw markers
  const Body body = build_body(dynamic, &calibration, options);

  EXPECT_EQ(body.marker_set, "Running Injury Clinic");
  EXPECT_EQ(body.up, (Axis{1, +1}));
  EXPECT_EQ(body.progression, (Axis{2, -1}));
  for (Side s : {Side::left, Side::right}) {
    const char l = s == Side::left ? 'L' : 'R';
    auto at = [&](const std::string& suffix) { return standing.at(std::string(1, l) + suffix); };
    const auto hips = landmarks::hip_centres_from_trochanters(standing.at("R_hip"), standing.at("L_hip"));
    const Vec3 standing_hip = s == Side::left ? hips.left : hips.right;
    const Vec3 virtual_toe{at("_foot_1").x, at("_foot_1").y, at("_foot_1").z - 0.15};
    const auto& side = body.side(s);
    ASSERT_EQ(side.knee_centre.size(), kFrames);
    ASSERT_EQ(side.toe.size(), kFrames);
    for (std::size_t f = 0; f < kFrames; f += 7) {
      const auto thigh = segment_motion(1, f), shank = segment_motion(2, f), foot = segment_motion(3, f);
      expect_near(side.hip_centre[f], segment_motion(0, f)(standing_hip), kFloatStorage, "hip");
      expect_near(side.knee_lateral[f], thigh(at("_lat_knee")), kFloatStorage, "lateral knee");
      expect_near(side.knee_medial[f], thigh(at("_med_knee")), kFloatStorage, "medial knee");
      expect_near(side.ankle_medial[f], shank(at("_med_ankle")), kFloatStorage, "medial ankle");
      expect_near(side.heel[f], foot(at("_foot_1")), kFloatStorage, "heel = lowest foot marker");
      expect_near(side.toe[f], foot(virtual_toe), kFloatStorage, "virtual toe");
    }
    EXPECT_TRUE(side.virtual_foot_axis);
    ASSERT_TRUE(side.standing_foot_angle_deg);
    EXPECT_NEAR(*side.standing_foot_angle_deg, 0.0, 1e-3);  // horizontal by construction; float storage
  }
}

// ---- Plug-in Gait with medial markers only in the static trial ---------------------------------------
// Z up, runner faces +X, right = -Y. Thigh and shank have two markers each; the hip centre and the lateral
// knee marker complete their clusters.
Positions pig_static() {
  const Positions right = {{"RASI", {0.05, -0.12, 1.00}}, {"RPSI", {-0.10, -0.05, 1.02}},
                           {"RTHI", {0.02, -0.16, 0.70}}, {"RKNE", {0.00, -0.15, 0.50}},
                           {"RKNM", {0.00, -0.05, 0.50}}, {"RTIB", {0.01, -0.14, 0.30}},
                           {"RANK", {-0.01, -0.13, 0.08}}, {"RMED", {-0.01, -0.06, 0.08}},
                           {"RHEE", {-0.06, -0.10, 0.04}}, {"RTOE", {0.14, -0.11, 0.05}}};
  Positions p;
  for (const auto& [label, v] : right) {
    p[label] = v;
    p["L" + label.substr(1)] = mirror_y(v);
  }
  return p;
}

TEST(BodyBuilder, PlugInGaitMedialMarkersFromStaticWithVirtualTrackingPoints) {
  const Positions standing = pig_static();
  std::vector<std::pair<std::string, Trajectory>> run;
  for (const auto& [label, p] : standing) {
    if (label == "RKNM" || label == "LKNM" || label == "RMED" || label == "LMED") continue;
    Trajectory t(kFrames);
    for (std::size_t f = 0; f < kFrames; ++f) t[f] = segment_motion(0, f)(p);  // the whole body moves rigidly
    run.emplace_back(label, t);
  }
  const Trial dynamic = testing::make_trial(run);
  const Trial calibration = static_trial(standing);
  BodyOptions options;
  options.cutoff_hz = 0;
  const Body body = build_body(dynamic, &calibration, options);

  EXPECT_EQ(body.marker_set, "Plug-in Gait");
  EXPECT_EQ(body.up, (Axis{2, +1}));
  EXPECT_EQ(body.progression, (Axis{0, +1}));
  const Vec3 mid_psis{-0.10, 0.0, 1.02};  // RPSI and LPSI mirror each other across y = 0
  auto hips = landmarks::hip_centres_harrington(standing.at("RASI"), standing.at("LASI"), mid_psis);
  ASSERT_TRUE(hips);
  for (Side s : {Side::left, Side::right}) {
    const std::string p = s == Side::left ? "L" : "R";
    const auto& side = body.side(s);
    ASSERT_EQ(side.knee_medial.size(), kFrames);
    ASSERT_EQ(side.ankle_medial.size(), kFrames);
    for (std::size_t f = 0; f < kFrames; f += 11) {
      const auto move = segment_motion(0, f);
      expect_near(side.knee_medial[f], move(standing.at(p + "KNM")), kFloatStorage, "medial knee");
      expect_near(side.ankle_medial[f], move(standing.at(p + "MED")), kFloatStorage, "medial ankle");
      expect_near(side.hip_centre[f], move(s == Side::left ? hips->left : hips->right), kFloatStorage, "hip");
      const Vec3 knee_mid{0.5 * (side.knee_lateral[f].x + side.knee_medial[f].x),
                          0.5 * (side.knee_lateral[f].y + side.knee_medial[f].y),
                          0.5 * (side.knee_lateral[f].z + side.knee_medial[f].z)};
      expect_near(side.knee_centre[f], knee_mid, 1e-12, "knee centre = epicondyle midpoint");
    }
    // Heel (z 0.04) to toe (z 0.05) over 0.20 m forward: atan(0.01 / 0.20) = 2.862 deg.
    ASSERT_TRUE(side.standing_foot_angle_deg);
    EXPECT_NEAR(*side.standing_foot_angle_deg, 2.8624, 1e-3);  // float storage of mm
  }
}

TEST(BodyBuilder, UnknownMarkerSetNamesTheMissingLandmarksAndClosestProfile) {
  const Trial trial = testing::make_trial({{"RASI", Trajectory(10, Vec3{0.1, 0.1, 1})},
                                           {"LASI", Trajectory(10, Vec3{0.1, -0.1, 1})},
                                           {"Marker7", Trajectory(10, Vec3{0, 0, 0.1})}});
  try {
    (void)build_body(trial, nullptr);
    FAIL() << "expected AnalysisError";
  } catch (const AnalysisError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("Closest profile: Plug-in Gait"), std::string::npos) << message;
    EXPECT_NE(message.find("left heel (LHEE)"), std::string::npos) << message;
    EXPECT_NE(message.find("right toe (RTOE)"), std::string::npos) << message;
    EXPECT_NE(message.find("Marker7"), std::string::npos) << message;
  }
}

TEST(BodyBuilder, RejectsUnusableInput) {
  Trial keypoints = testing::make_trial({{"RHEE", Trajectory(10, Vec3{0, 0, 0})}});
  keypoints.points.dimensions = 2;
  keypoints.points.units = "px";
  EXPECT_THROW((void)build_body(keypoints, nullptr), InputError);

  const Positions standing = pig_static();
  const Trial trial = static_trial(standing);
  BodyOptions options;
  options.cutoff_hz = 60;  // at 100 Hz the Nyquist frequency is 50 Hz
  EXPECT_THROW((void)build_body(trial, nullptr, options), InputError);

  Trial empty = trial;
  empty.points.frames = 0;
  for (auto& t : empty.points.tracks) t.samples.clear();
  EXPECT_THROW((void)build_body(empty, nullptr), InputError);
}

TEST(BodyBuilder, MissingUnitsAreInferredFromTheBodySizeAndReported) {
  // Some C3D writers leave POINT:UNITS empty (the Running Injury Clinic exports). A ~1 m tall marker set
  // stored in millimetres spans ~1000 units: only millimetres make that a body.
  Trial trial = static_trial(pig_static());
  trial.points.units = "";
  const Body body = build_body(trial, nullptr);
  ASSERT_FALSE(body.right.heel.empty());
  EXPECT_NEAR(body.right.heel[0].z, 0.04, 1e-6);  // millimetres -> metres; float storage
  const bool reported = std::any_of(body.warnings.begin(), body.warnings.end(), [](const std::string& w) {
    return w.find("read as mm") != std::string::npos;
  });
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace touchdown
