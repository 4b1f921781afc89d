#include "touchdown/read.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "c3d_pending.hpp"
#include "test_data.hpp"
#include "touchdown/error.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("touchdown_read_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}
}  // namespace

TEST(ReadTrial, SniffsContentNotExtension) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/grf_run.mot");
  // A TRC named .txt and a MOT named .dat still read by content.
  const std::string trc = "PathFileType\t4\nDataRate\tNumMarkers\tUnits\n100\t1\tmm\nFrame#\tTime\tA\n\t\tX1\tY1\tZ1\n1\t0\t1\t2\t3\n";
  const auto trc_path = write_temp("markers.txt", trc);
  const Trial markers = read_trial(trc_path);
  std::filesystem::remove(trc_path);
  EXPECT_EQ(markers.source.format, "trc");
  EXPECT_FALSE(markers.up.method.empty());  // axes were looked at (here: nothing to tell, and it says so)

  const Trial forces = read_trial(data_path("running/bmc_opensim/grf_run.mot"));
  EXPECT_EQ(forces.source.format, "mot");
  EXPECT_EQ(forces.up.axis, (Axis{1, 1}));
  EXPECT_EQ(forces.force_plates.size(), 2u);
}

TEST(ReadTrial, AttachesForcesAndDetectsAxes) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  const Trial trial = read_trial(data_path("running/bmc_opensim/motion_capture_run.trc"), data_path("running/bmc_opensim/grf_run.mot"));
  EXPECT_EQ(trial.force_plates.size(), 2u);
  EXPECT_EQ(trial.up.axis, (Axis{1, 1}));
  EXPECT_EQ(trial.progression.axis, (Axis{0, 1}));
}

TEST(ReadTrial, RejectsUnknownEmptyAndMissingFiles) {
  const auto text = write_temp("notes.txt", "hello, world\n");
  EXPECT_THROW((void)read_trial(text), InputError);
  std::filesystem::remove(text);
  const auto empty = write_temp("empty.c3d", "");
  EXPECT_THROW((void)read_trial(empty), InputError);
  std::filesystem::remove(empty);
  EXPECT_THROW((void)read_trial("/nonexistent/file.c3d"), InputError);
  EXPECT_THROW((void)read_trial(std::filesystem::temp_directory_path()), InputError);
}

TEST(ReadTrial, ForcesOnlyGoWithTrc) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/grf_run.mot");
  EXPECT_THROW((void)read_trial(data_path("running/bmc_opensim/grf_run.mot"), data_path("running/bmc_opensim/grf_run.mot")), InputError);
}

TEST(ReadTrial, DispatchesC3dByItsSecondByte) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  TOUCHDOWN_READ_C3D_OR_SKIP(direct, data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  const Trial trial = read_trial(data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  EXPECT_EQ(trial.source.format, "c3d");
  EXPECT_EQ(trial.points.tracks.size(), direct.points.tracks.size());
  EXPECT_EQ(trial.up.axis, (Axis{1, 1}));  // SOURCE.txt: lab Y = vertical
}
