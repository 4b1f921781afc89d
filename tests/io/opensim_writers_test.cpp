#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <string>

#include "test_data.hpp"
#include "touchdown/error.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/opensim_text.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("touchdown_opensim_" + std::to_string(::getpid()) + "_" + name);
}
std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
bool same_sample(const Vec3f& a, const Vec3f& b) {
  if (!a.valid() || !b.valid()) return a.valid() == b.valid();
  return a.x == b.x && a.y == b.y && a.z == b.z;
}
}  // namespace

TEST(OpenSimWriters, TrcRoundTripIsExact) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/Run_500_02.trc");
  const Trial original = read_trc(data_path("running/opensim_core/Run_500_02.trc"));
  const auto path = temp_file("round.trc");
  write_trc(original, path);
  const Trial copy = read_trc(path);
  std::filesystem::remove(path);
  EXPECT_TRUE(copy.warnings.empty());
  EXPECT_EQ(copy.points.frames, original.points.frames);
  EXPECT_EQ(copy.points.first_frame, original.points.first_frame);
  EXPECT_DOUBLE_EQ(copy.points.rate_hz, original.points.rate_hz);
  EXPECT_EQ(copy.points.units, original.points.units);
  ASSERT_EQ(copy.points.tracks.size(), original.points.tracks.size());
  std::size_t differing = 0;
  for (std::size_t t = 0; t < copy.points.tracks.size(); ++t) {
    EXPECT_EQ(copy.points.tracks[t].label, original.points.tracks[t].label);
    for (std::size_t f = 0; f < copy.points.frames; ++f)
      differing += same_sample(copy.points.tracks[t].samples[f], original.points.tracks[t].samples[f]) ? 0 : 1;
  }
  EXPECT_EQ(differing, 0u);  // shortest round-trip float text: bit-exact
}

TEST(OpenSimWriters, MotWritesGrfColumnsThatReadBackAsPlates) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/grf_run.mot");
  Trial original = read_mot(data_path("running/bmc_opensim/grf_run.mot"));
  original.up = AxisFinding{Axis{1, 1}, "OpenSim ground frame", false};
  const auto path = temp_file("grf.mot");
  write_mot(original, path);
  Trial copy = read_mot(path);
  std::filesystem::remove(path);
  copy.up = original.up;
  ASSERT_EQ(copy.force_plates.size(), 2u);
  EXPECT_EQ(copy.force_plates[0].assigned_side, Side::right);
  EXPECT_EQ(copy.analog.samples_per_channel, original.analog.samples_per_channel);
  EXPECT_NEAR(copy.analog.rate_hz, original.analog.rate_hz, 1e-6);
  for (std::size_t p = 0; p < 2; ++p) {
    const PlateSeries a = compute_plate_series(original, p);
    const PlateSeries b = compute_plate_series(copy, p);
    for (std::size_t i = 0; i < a.force_n.size(); ++i) {
      // Values pass through float text once: 1e-3 N on forces of up to 2 kN is float precision.
      EXPECT_NEAR(a.force_n[i].y, b.force_n[i].y, 1e-3);
      EXPECT_EQ(std::isnan(a.cop_m[i].x), std::isnan(b.cop_m[i].x));
      if (!std::isnan(a.cop_m[i].x)) {
        EXPECT_NEAR(a.cop_m[i].x, b.cop_m[i].x, 1e-6);
      }
    }
  }
}

TEST(OpenSimWriters, CsvHasUnitsInColumnNamesAndEmptyMissingCells) {
  Trial trial;
  trial.points.rate_hz = 100;
  trial.points.frames = 2;
  trial.points.units = "mm";
  const float nan = std::nanf("");
  trial.points.tracks.push_back({"LHEE", "", {{1.5f, 2.0f, 3.0f}, {nan, nan, nan}}, {}});
  const auto path = temp_file("markers.csv");
  write_csv(trial, path);
  const std::string text = slurp(path);
  std::filesystem::remove(path);
  EXPECT_EQ(text, "frame,time_s,LHEE_x_mm,LHEE_y_mm,LHEE_z_mm\n1,0,1.5,2,3\n2,0.01,,,\n");
}

TEST(OpenSimWriters, CsvOfImageKeypointsHasNoZ) {
  Trial trial;
  trial.points.rate_hz = 30;
  trial.points.frames = 1;
  trial.points.units = "px";
  trial.points.dimensions = 2;
  trial.points.tracks.push_back({"left_heel", "", {{320.5f, 240.0f, std::nanf("")}}, {}});
  const auto path = temp_file("keypoints.csv");
  write_csv(trial, path);
  EXPECT_EQ(slurp(path), "frame,time_s,left_heel_x_px,left_heel_y_px\n1,0,320.5,240\n");
  std::filesystem::remove(path);
  EXPECT_THROW(write_trc(trial, temp_file("keypoints.trc")), InputError);
}

TEST(OpenSimWriters, RefuseTrialsWithoutRates) {
  const Trial empty;
  EXPECT_THROW(write_trc(empty, temp_file("x.trc")), InputError);
  EXPECT_THROW(write_mot(empty, temp_file("x.mot")), InputError);
  EXPECT_THROW(write_csv(empty, temp_file("x.csv")), InputError);
}

TEST(TrcWithForces, AttachesBmcGrfOnTheMarkerClock) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  Trial trial = read_trc_with_forces(data_path("running/bmc_opensim/motion_capture_run.trc"),
                                     data_path("running/bmc_opensim/grf_run.mot"));
  EXPECT_EQ(trial.points.frames, 123u);
  EXPECT_NEAR(trial.analog.rate_hz, 300.0, 0.01);
  ASSERT_EQ(trial.force_plates.size(), 2u);
  EXPECT_TRUE(trial.warnings.empty()) << trial.warnings.front();
  trial.up = AxisFinding{Axis{1, 1}, "OpenSim ground frame", false};
  const PlateSeries right = compute_plate_series(trial, 0);
  // Physics: at right mid-stance (0.18 s, SOURCE.txt: stance 0.057-0.297 s) the COP lies under the
  // right foot, between RCAL and RMT5 (a foot is < 0.3 m long, so within 0.2 m of their midpoint).
  const auto heel = *trial.points.find("RCAL");
  const auto toe = *trial.points.find("RMT5");
  const std::size_t frame = static_cast<std::size_t>(std::lround(0.18 * trial.points.rate_hz));
  const std::size_t sample = static_cast<std::size_t>(std::lround(0.18 * trial.analog.rate_hz));
  const Vec3f& h = trial.points.tracks[heel].samples[frame];
  const Vec3f& t = trial.points.tracks[toe].samples[frame];
  ASSERT_TRUE(h.valid() && t.valid());
  const Vec3& cop = right.cop_m[sample];
  const double dx = cop.x - 0.5e-3 * (h.x + t.x), dz = cop.z - 0.5e-3 * (h.z + t.z);
  EXPECT_LT(std::hypot(dx, dz), 0.2);
}

TEST(TrcWithForces, PadsForcesThatStartAfterTheMarkers) {
  const std::string trc = temp_file("pad.trc").string();
  const std::string mot = temp_file("pad.mot").string();
  {
    std::ofstream(trc) << "PathFileType\t4\nDataRate\tNumMarkers\tUnits\n100\t1\tmm\nFrame#\tTime\tA\n\t\tX1\tY1\tZ1\n"
                          "1\t0\t1\t2\t3\n2\t0.01\t1\t2\t3\n3\t0.02\t1\t2\t3\n";
    std::ofstream(mot) << "x\nendheader\ntime\tground_force_vx\tground_force_vy\tground_force_vz\tground_force_px\t"
                          "ground_force_py\tground_force_pz\n0.01\t0\t500\t0\t0\t0\t0\n0.015\t0\t600\t0\t0\t0\t0\n";
  }
  const Trial trial = read_trc_with_forces(trc, mot);
  std::filesystem::remove(trc);
  std::filesystem::remove(mot);
  // The table starts 0.01 s after frame 0 at 200 Hz: two NaN samples, then the rows.
  ASSERT_EQ(trial.analog.samples_per_channel, 4u);
  EXPECT_TRUE(std::isnan(trial.analog.channels[1].samples[1]));
  EXPECT_FLOAT_EQ(trial.analog.channels[1].samples[2], 500.0f);
  ASSERT_FALSE(trial.warnings.empty());
  EXPECT_NE(trial.warnings.back().find("after the markers"), std::string::npos);
}
