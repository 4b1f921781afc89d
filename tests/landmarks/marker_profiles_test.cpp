// Marker-set recognition on the label lists of real files.
#include <gtest/gtest.h>

#include "landmarks/landmark_test_support.hpp"
#include "test_data.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

std::string recognised(const Trial& dynamic, const Trial* standing = nullptr) {
  return recognise_marker_set(dynamic, standing).name;
}

TEST(MarkerProfiles, BuiltInProfilesAreWellFormed) {
  const auto& profiles = builtin_marker_profiles();
  ASSERT_EQ(profiles.size(), 5u);
  for (const auto& p : profiles) {
    EXPECT_FALSE(p.name.empty());
    for (const auto* side : {&p.left, &p.right})
      for (const auto& candidates : side->landmarks)
        for (const auto& label : candidates) EXPECT_EQ(label.find("{S}"), std::string::npos) << p.name;
  }
  EXPECT_EQ(to_string(Landmark::fifth_metatarsal), "fifth_metatarsal");
  EXPECT_EQ(landmark_from_string("knee_medial"), Landmark::knee_medial);
  EXPECT_FALSE(landmark_from_string("kneecap"));
}

TEST(MarkerProfiles, RbdsCastRunAndStatic) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/txt/RBDS001runT25markers.txt");
  const Trial run = testing::read_rbds_marker_table(testing::data_path("running/rbds/txt/RBDS001runT25markers.txt"));
  const Trial standing = testing::read_rbds_marker_table(testing::data_path("running/rbds/txt/RBDS001static.txt"));
  EXPECT_EQ(recognised(run, &standing), "CAST/ISB (Visual3D, RBDS)");
  EXPECT_EQ(recognised(run), "CAST/ISB (Visual3D, RBDS)");  // heel and MT1 are in the run itself
  const auto match = match_marker_profile(builtin_marker_profiles()[1], run, &standing);
  EXPECT_TRUE(match.left_foot && match.right_foot);
  EXPECT_TRUE(match.missing.empty());
}

TEST(MarkerProfiles, OtherRbdsSubjectsTextTables) {
  for (const char* file : {"running/rbds/txt/RBDS0041runT352.txt", "running/rbds/txt/RBDS032runT35markers.txt"}) {
    if (!std::filesystem::exists(testing::data_path(file))) GTEST_SKIP() << "real data not available";
    EXPECT_EQ(recognised(testing::read_rbds_marker_table(testing::data_path(file))), "CAST/ISB (Visual3D, RBDS)")
        << file;
  }
}

TEST(MarkerProfiles, OpenSimTrcFiles) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  // Rajagopal set: RCAL/RTOE/RMT5, epicondyles RLFC/RMFC, malleoli RLMAL/RMMAL, RHJC.
  const Trial bmc = testing::read_trc_labels(testing::data_path("running/bmc_opensim/motion_capture_run.trc"));
  const Trial bmc_static = testing::read_trc_labels(testing::data_path("running/bmc_opensim/static_run.trc"));
  EXPECT_EQ(recognised(bmc, &bmc_static), "OpenSim (Hamner, Rajagopal)");
  const auto match = match_marker_profile(builtin_marker_profiles()[3], bmc, nullptr);
  EXPECT_TRUE(match.left_foot && match.right_foot);
  // Hamner 5 m/s run: clusters RTH1-3/RTB1-3 and foot markers, no knee or ankle markers.
  EXPECT_EQ(recognised(testing::read_trc_labels(testing::data_path("running/opensim_core/Run_500_02.trc"))),
            "OpenSim (Hamner, Rajagopal)");
  // UW running: dotted names R.Knee, R.Ankle, R.Heel, R.MT1, R.TH1, R_HJC.
  EXPECT_EQ(recognised(testing::read_trc_labels(testing::data_path("running/opensim_core/uw_running.trc"))),
            "CAST/ISB (Visual3D, RBDS)");
}

TEST(MarkerProfiles, RunningInjuryClinicNeedsItsStaticTrial) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/20140515T133244_run.c3d");
  // Heel clusters only: without the static trial there is no toe and no way to build a foot.
  const Trial run = read_c3d(testing::data_path("running/rbds/c3d/20140515T133244_run.c3d"));
  const Trial standing = read_c3d(testing::data_path("running/rbds/c3d/20140515T133244_static.c3d"));
  EXPECT_EQ(recognised(run, &standing), "Running Injury Clinic");
  EXPECT_THROW((void)recognised(run), AnalysisError);
  // Fukuchi's re-export of RBDS subject 1 with the RIC names.
  const Trial rbds_standing = read_c3d(testing::data_path("running/rbds/c3d/RBDS001static_rot.c3d"));
  EXPECT_EQ(recognised(read_c3d(testing::data_path("running/rbds/c3d/RBDS001runT35_rot.c3d")), &rbds_standing),
            "Running Injury Clinic");
}

TEST(MarkerProfiles, RbdsC3dFiles) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const Trial run = read_c3d(testing::data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  const Trial standing = read_c3d(testing::data_path("running/rbds/c3d/RBDS001static.c3d"));
  EXPECT_EQ(recognised(run, &standing), "CAST/ISB (Visual3D, RBDS)");
  EXPECT_EQ(recognised(read_c3d(testing::data_path("running/rbds/c3d/static.c3d"))), "CAST/ISB (Visual3D, RBDS)");
}

TEST(MarkerProfiles, VendorLabelConventions) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Gait.c3d");
  EXPECT_EQ(recognised(read_c3d(testing::data_path("c3d-conformance/vendor/btkdata_others/Gait.c3d"))),
            "Plug-in Gait");  // RASI, VSAC, RKNE, RANK, RHEE, RTOE
  EXPECT_EQ(recognised(read_c3d(testing::data_path("c3d-conformance/vendor/ezc3d_testFiles/Qualisys.c3d"))),
            "Qualisys (IOR/CAST)");  // L_IAS, L_FLE, L_FAL, L_FCC, L_FM1, L_FM5
  // Vicon prefixes labels with the subject name when several subjects share a capture.
  EXPECT_EQ(recognised(testing::labels_only({"Runner:LHEE", "Runner:LTOE", "Runner:RHEE", "Runner:RTOE"})),
            "Plug-in Gait");
}

}  // namespace
}  // namespace touchdown
