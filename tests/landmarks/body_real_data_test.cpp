// Body building on real running data: RBDS subject 1 at 2.5 m/s (Fukuchi et al. 2017, PeerJ 5:e3298), CAST
// marker set whose knee and ankle markers exist only in the static trial. Read from the RBDS text tables
// with a test-only parser, so this runs without the C3D reader.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "landmarks/landmark_test_support.hpp"
#include "test_data.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

using testing::distance;
using testing::distances;
using testing::mentions;
using testing::percentile;
using testing::valid;

constexpr const char* kRun = "running/rbds/txt/RBDS001runT25markers.txt";
constexpr const char* kStatic = "running/rbds/txt/RBDS001static.txt";
// RBDS subject 1: 181 cm (SOURCE.txt, meta/RBDSinfo.txt).
constexpr double kHeightM = 1.81;

Vec3 metres(const Vec3f& v) { return {v.x / 1000.0, v.y / 1000.0, v.z / 1000.0}; }

class RbdsSubject1 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::data_path(kRun))) return;
    run_ = new Trial(testing::read_rbds_marker_table(testing::data_path(kRun)));
    standing_ = new Trial(testing::read_rbds_marker_table(testing::data_path(kStatic)));
    body_ = new Body(build_body(*run_, standing_));
    // The standing trial analysed as if it were the movement: every landmark is measured there, which
    // gives the standing reference lengths without the cluster reconstruction under test.
    standing_body_ = new Body(build_body(*standing_, standing_));
  }
  static void TearDownTestSuite() {
    delete body_;
    delete standing_body_;
    delete run_;
    delete standing_;
  }
  void SetUp() override {
    TOUCHDOWN_REQUIRE_DATA(kRun);
    TOUCHDOWN_REQUIRE_DATA(kStatic);
  }

  // Deviation of |point - marker| over the run from its standing value, for each marker of a cluster.
  static std::vector<double> rigidity_deviation(Side side, const Trajectory SideLandmarks::*point,
                                                const std::vector<std::string>& markers) {
    std::vector<double> deviation;
    for (const auto& suffix : markers) {
      const std::string label = std::string(side == Side::left ? "L" : "R") + suffix;
      const auto s = standing_->points.find(label);
      const auto d = run_->points.find(label);
      if (!s || !d) {
        ADD_FAILURE() << "marker " << label << " missing";
        continue;
      }
      std::vector<double> standing;
      const auto& standing_point = standing_body_->side(side).*point;
      for (std::size_t f = 0; f < standing_body_->frames; ++f)
        standing.push_back(distance(standing_point[f], metres(standing_->points.tracks[*s].samples[f])));
      const double reference = percentile(standing, 0.5);
      const auto& run_point = body_->side(side).*point;
      for (std::size_t f = 0; f < body_->frames; ++f) {
        const auto& v = run_->points.tracks[*d].samples[f];
        if (v.valid() && valid(run_point[f])) deviation.push_back(std::abs(distance(run_point[f], metres(v)) - reference));
      }
    }
    return deviation;
  }

  static inline Trial* run_ = nullptr;
  static inline Trial* standing_ = nullptr;
  static inline Body* body_ = nullptr;
  static inline Body* standing_body_ = nullptr;
};

TEST_F(RbdsSubject1, RecognisesTheCastMarkerSet) {
  EXPECT_EQ(body_->marker_set, "CAST/ISB (Visual3D, RBDS)");
  EXPECT_EQ(body_->frames, 4500u);  // 30 s at 150 Hz (SOURCE.txt)
  EXPECT_DOUBLE_EQ(body_->rate_hz, 150.0);
}

TEST_F(RbdsSubject1, AxesFollowTheLabAndTheRunner) {
  // SOURCE.txt: lab Y is vertical. The runner faces the way the ASIS lie ahead of the PSIS in the
  // standing trial, read here straight from the file, independently of the builder's heel -> toe choice.
  EXPECT_EQ(body_->up, (Axis{1, +1}));
  const auto asis = standing_->points.find("R.ASIS"), psis = standing_->points.find("R.PSIS");
  ASSERT_TRUE(asis && psis);
  const double forward_x = standing_->points.tracks[*asis].samples[0].x - standing_->points.tracks[*psis].samples[0].x;
  EXPECT_EQ(body_->progression, (Axis{0, forward_x > 0 ? +1 : -1}));
}

TEST_F(RbdsSubject1, KneeAndAnkleComeFromTheStaticTrialByCast) {
  bool knee = false, ankle = false, hip = false;
  for (const auto& m : body_->methods) {
    knee |= m.find("L.Knee, L.Knee.Medial carried from the static trial") != std::string::npos;
    ankle |= m.find("R.Ankle, R.Ankle.Medial carried from the static trial") != std::string::npos;
    hip |= m.find("right hip centre: Harrington") != std::string::npos;
  }
  EXPECT_TRUE(knee && ankle && hip);
  for (Side s : {Side::left, Side::right}) {
    const auto& side = body_->side(s);
    ASSERT_EQ(side.knee_centre.size(), body_->frames);
    ASSERT_EQ(side.ankle_centre.size(), body_->frames);
    // The RBDS clusters are visible throughout: every frame must have a fit.
    EXPECT_EQ(distances(side.knee_centre, side.ankle_centre).size(), body_->frames);
  }
}

TEST_F(RbdsSubject1, ReconstructedJointCentresMoveRigidlyWithTheirClusters) {
  // The clusters are rigid plates: point-to-marker distances can change only by marker noise and the
  // filter's smoothing, ~1 mm; 3 mm would mean the fit or the marker assignment is wrong.
  const std::vector<std::string> thigh = {".Thigh.Top.Lateral", ".Thigh.Bottom.Lateral", ".Thigh.Top.Medial",
                                          ".Thigh.Bottom.Medial"};
  const std::vector<std::string> shank = {".Shank.Top.Lateral", ".Shank.Bottom.Lateral", ".Shank.Top.Medial",
                                          ".Shank.Bottom.Medial"};
  for (Side s : {Side::left, Side::right}) {
    auto knee = rigidity_deviation(s, &SideLandmarks::knee_centre, thigh);
    auto ankle = rigidity_deviation(s, &SideLandmarks::ankle_centre, shank);
    ASSERT_FALSE(knee.empty());
    ASSERT_FALSE(ankle.empty());
    EXPECT_LT(percentile(knee, 1.0), 0.003) << to_string(s);
    EXPECT_LT(percentile(ankle, 1.0), 0.003) << to_string(s);
  }
}

TEST_F(RbdsSubject1, ThighLengthStaysNearItsStandingValue) {
  // Hip centre (Harrington, from pelvis skin markers) to knee centre (thigh cluster): the bone does not
  // stretch, so changes are soft-tissue artefact of the pelvis markers (pelvis fit RMS ~5 mm here):
  // the median within 5 mm of standing, 98 % of frames within 15 mm.
  for (Side s : {Side::left, Side::right}) {
    const double standing = percentile(distances(standing_body_->side(s).hip_centre, standing_body_->side(s).knee_centre), 0.5);
    const auto run = distances(body_->side(s).hip_centre, body_->side(s).knee_centre);
    ASSERT_GT(run.size(), body_->frames * 99 / 100);
    EXPECT_NEAR(percentile(run, 0.5), standing, 0.005) << to_string(s);
    EXPECT_NEAR(percentile(run, 0.01), standing, 0.015) << to_string(s);
    EXPECT_NEAR(percentile(run, 0.99), standing, 0.015) << to_string(s);
    // Winter (2009) anthropometry: thigh 0.245 H; individual proportions vary by ~10 %.
    EXPECT_NEAR(standing, 0.245 * kHeightM, 0.1 * 0.245 * kHeightM) << to_string(s);
  }
}

TEST_F(RbdsSubject1, LegLengthMatchesAnthropometry) {
  // Winter (2009): thigh 0.245 H + leg 0.246 H = 0.491 H from hip to ankle; ~10 % individual variation.
  EXPECT_NEAR(body_->leg_length_m, 0.491 * kHeightM, 0.1 * 0.491 * kHeightM);
}

TEST_F(RbdsSubject1, StandingFootAngleIsSmall) {
  // Standing shod on a flat floor, heel-bottom and first-metatarsal markers (~18 cm apart) differ in height
  // by a couple of centimetres at most: well under 15 deg, and positive (heel marker lower, Heel.Bottom).
  for (Side s : {Side::left, Side::right}) {
    const auto angle = body_->side(s).standing_foot_angle_deg;
    ASSERT_TRUE(angle.has_value()) << to_string(s);
    EXPECT_GT(*angle, -15.0) << to_string(s);
    EXPECT_LT(*angle, 15.0) << to_string(s);
    EXPECT_FALSE(body_->side(s).virtual_foot_axis);
  }
}

TEST_F(RbdsSubject1, WithoutStaticTrialTheKneeIsFunctional) {
  // No epicondyles or malleoli in the run and no static trial: knee and ankle centres come from the cluster
  // motion (SCoRE), never from a guessed offset.
  const Body body = build_body(*run_, nullptr);
  for (Side s : {Side::left, Side::right}) {
    EXPECT_FALSE(body.side(s).heel.empty());  // heel and toe are measured in the run
    EXPECT_FALSE(body.side(s).standing_foot_angle_deg.has_value());
    EXPECT_TRUE(body.side(s).knee_lateral.empty());
    const auto& functional = body.side(s).knee_centre;
    const auto& cast = body_->side(s).knee_centre;  // epicondyle midpoint carried from the static trial
    ASSERT_EQ(functional.size(), cast.size()) << to_string(s);
    // Differences split into the sagittal plane (up, progression: what the knee flexion fallback sees) and
    // the rest (mostly along the flexion axis, medio-lateral).
    const int up = body_->up.index, forward = body_->progression.index;
    std::vector<double> sagittal, whole;
    for (std::size_t f = 0; f < cast.size(); ++f) {
      if (!valid(functional[f]) || !valid(cast[f])) continue;
      whole.push_back(distance(functional[f], cast[f]));
      sagittal.push_back(std::hypot(functional[f][up] - cast[f][up], functional[f][forward] - cast[f][forward]));
    }
    ASSERT_GT(whole.size(), cast.size() / 2) << to_string(s);
    std::printf("RBDS001 %s functional vs CAST knee: median %.4f m, sagittal %.4f m\n",
                std::string(to_string(s)).c_str(), percentile(whole, 0.5), percentile(sagittal, 0.5));
    // Across the flexion axis SCoRE/SARA agree with the epicondyle midpoint to ~1 cm (Ehrig 2006 report
    // errors of this order with soft-tissue artefact); the axis is tilted ~10 deg out of the medio-lateral
    // direction here, so a few cm of along-axis offset leak <1 cm into the sagittal plane: 2 cm.
    EXPECT_LT(percentile(sagittal, 0.5), 0.020) << to_string(s);
    // Along the axis the hinge point is placed by the hip-centre rule, 2-5 cm from the epicondyle midpoint
    // (functional_joint_centre.hpp): bounded at 6 cm, to catch a centre slid off the knee altogether.
    EXPECT_LT(percentile(whole, 0.5), 0.060) << to_string(s);
  }
  const auto mentions = [&](const std::vector<std::string>& lines, const char* text) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(mentions(body.methods, "left knee centre: functional joint centre (SCoRE, Ehrig 2006)"));
  EXPECT_TRUE(mentions(body.warnings, "knee flexion uses the sagittal-plane projection"));
}

// Other RBDS runners with the same CAST marker set and their own static trials (text tables).
TEST(RbdsOtherRunners, ThighLengthAndStandingFootAngle) {
  const std::vector<std::pair<const char*, const char*>> runs = {
      {"running/rbds/txt/RBDS0041runT252.txt", "running/rbds/txt/RBDS0041static.txt"},
      {"running/rbds/txt/RBDS0041runT352.txt", "running/rbds/txt/RBDS0041static.txt"},
      {"running/rbds/txt/RBDS0041runT452.txt", "running/rbds/txt/RBDS0041static.txt"},
      {"running/rbds/txt/RBDS032runT35markers.txt", "running/rbds/txt/RBDS032static.txt"}};
  for (const auto& [run_file, static_file] : runs) {
    if (!std::filesystem::exists(testing::data_path(run_file))) GTEST_SKIP() << "real data not available";
    const Trial run = testing::read_rbds_marker_table(testing::data_path(run_file));
    const Trial standing = testing::read_rbds_marker_table(testing::data_path(static_file));
    EXPECT_EQ(run.points.frames, 4500u) << run_file;  // 30 s at 150 Hz (SOURCE.txt)
    const Body body = build_body(run, &standing);
    const Body standing_body = build_body(standing, &standing);
    for (Side s : {Side::left, Side::right}) {
      const auto& side = body.side(s);
      // Two errors change the apparent thigh length: soft-tissue artefact of the pelvis skin markers
      // (about a centimetre in running) and the regression's hip-centre error (1-2 cm, Sangeux et al.
      // 2014), which hip flexion turns into length change. Median within 15 mm of standing (subject 1
      // above: within 5 mm).
      const double standing_thigh =
          percentile(distances(standing_body.side(s).hip_centre, standing_body.side(s).knee_centre), 0.5);
      const auto thigh = distances(side.hip_centre, side.knee_centre);
      ASSERT_GT(thigh.size(), body.frames / 2) << run_file;
      EXPECT_NEAR(percentile(thigh, 0.5), standing_thigh, 0.015) << run_file << " " << to_string(s);
      ASSERT_TRUE(side.standing_foot_angle_deg) << run_file;
      EXPECT_LT(std::abs(*side.standing_foot_angle_deg), 15.0) << run_file;  // shod foot flat on the floor
    }
  }
}

}  // namespace
}  // namespace touchdown
