// User marker profiles in TOML.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "landmarks/landmark_test_support.hpp"
#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

TEST(UserProfile, TemplatesExpandPerSideAndSideTablesComeFirst) {
  const auto profile = parse_marker_profile_toml(R"(
name = "Treadmill lab"
[markers]
heel = "{S}_HEEL"
toe = ["{S}_HALLUX", "{S}_MT2"]
thigh_cluster = ["{S}_T1", "{S}_T2", "{S}_T3"]
[left]
heel = "LeftHeelSpecial"
[pelvis]
sacrum = "SACRUM"
cluster = ["P1", "P2", "P3"]
)",
                                                 "lab.toml");
  EXPECT_EQ(profile.name, "Treadmill lab");
  EXPECT_EQ(profile.source, "lab.toml");
  EXPECT_EQ(profile.left[Landmark::heel], (std::vector<std::string>{"LeftHeelSpecial", "L_HEEL"}));
  EXPECT_EQ(profile.right[Landmark::heel], (std::vector<std::string>{"R_HEEL"}));
  EXPECT_EQ(profile.right[Landmark::toe], (std::vector<std::string>{"R_HALLUX", "R_MT2"}));
  EXPECT_EQ(profile.left[Cluster::thigh], (std::vector<std::string>{"L_T1", "L_T2", "L_T3"}));
  EXPECT_EQ(profile.sacrum, (std::vector<std::string>{"SACRUM"}));
  EXPECT_EQ(profile.pelvis_cluster.size(), 3u);
}

void expect_input_error(const std::string& text, const std::string& fragment, std::optional<std::uint64_t> line) {
  try {
    (void)parse_marker_profile_toml(text, "bad.toml");
    FAIL() << "expected InputError for: " << text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "bad.toml");
    EXPECT_NE(e.problem().find(fragment), std::string::npos) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
  }
}

TEST(UserProfile, MistakesAreReportedWithTheirLine) {
  expect_input_error("[markers]\nheal = \"{S}HEE\"\n", "unknown key 'heal'", 2);
  expect_input_error("[markers]\nheel = \"HEEL\"\n", "needs \"{S}\"", 2);
  expect_input_error("[markers]\nheel = 3\n", "must be a marker label", 2);
  expect_input_error("[markers]\ntoe = []\n", "empty list", 2);
  expect_input_error("[markers\nheel = \"x\"\n", "not valid TOML", 1);
  expect_input_error("colour = \"red\"\n", "unknown key 'colour'", 1);
  expect_input_error("name = \"x\"\n", "names no markers", std::nullopt);
}

TEST(UserProfile, BuildsABodyFromUnknownLabels) {
  const auto dir = std::filesystem::temp_directory_path() / "touchdown_user_profile_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "lab.toml";
  {
    std::ofstream out(path);
    out << "name = \"Lab X\"\n[markers]\nheel = \"{S}.Fersen\"\ntoe = \"{S}.Zeh\"\nknee_lateral = \"{S}.Knie\"\n"
           "ankle_lateral = \"{S}.Knoechel\"\n";
  }
  // Z up, running towards +Y; labels no built-in profile knows.
  const std::size_t n = 20;
  auto constant = [&](double x, double y, double z) { return Trajectory(n, Vec3{x, y, z}); };
  const Trial trial = testing::make_trial({{"L.Fersen", constant(-0.1, 0.0, 0.05)},
                                           {"L.Zeh", constant(-0.1, 0.2, 0.05)},
                                           {"L.Knie", constant(-0.1, 0.05, 0.5)},
                                           {"L.Knoechel", constant(-0.1, 0.0, 0.08)},
                                           {"R.Fersen", constant(0.1, 0.0, 0.05)},
                                           {"R.Zeh", constant(0.1, 0.2, 0.05)},
                                           {"R.Knie", constant(0.1, 0.05, 0.5)},
                                           {"R.Knoechel", constant(0.1, 0.0, 0.08)}});
  EXPECT_THROW((void)build_body(trial, nullptr), AnalysisError);  // not a built-in convention
  BodyOptions options;
  options.profile_toml = path;
  options.cutoff_hz = 0;
  const Body body = build_body(trial, nullptr, options);
  EXPECT_EQ(body.marker_set, "Lab X");
  EXPECT_EQ(body.up, (Axis{2, +1}));
  EXPECT_EQ(body.progression, (Axis{1, +1}));
  ASSERT_EQ(body.right.knee_centre.size(), n);
  EXPECT_NEAR(body.right.knee_centre[3].z, 0.5, 1e-6);  // lateral marker as centre (float storage of mm)
  EXPECT_TRUE(body.left.hip_centre.empty());             // no pelvis markers in the profile: missing, not invented
  std::filesystem::remove_all(dir);
}

TEST(UserProfile, MissingFileIsAnInputError) {
  EXPECT_THROW((void)load_marker_profile_toml("/nonexistent/profile.toml"), InputError);
}

}  // namespace
}  // namespace touchdown
