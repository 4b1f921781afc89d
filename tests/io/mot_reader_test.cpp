#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "test_data.hpp"
#include "touchdown/error.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/opensim_text.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
bool has_warning(const Trial& trial, const std::string& text) {
  return std::any_of(trial.warnings.begin(), trial.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}
const AnalogChannel& channel(const Trial& trial, const std::string& label) {
  const auto index = trial.analog.find(label);
  if (!index) throw std::runtime_error("no channel " + label);
  return trial.analog.channels[*index];
}
// First and last sample (as times relative to the first row) where the vertical force >= threshold.
std::pair<double, double> stance(const PlateSeries& series, int up, double threshold) {
  double first = -1, last = -1;
  for (std::size_t i = 0; i < series.force_n.size(); ++i)
    if (series.force_n[i][up] >= threshold) {
      if (first < 0) first = static_cast<double>(i) / series.rate_hz;
      last = static_cast<double>(i) / series.rate_hz;
    }
  return {first, last};
}
double peak(const PlateSeries& series, int up) {
  double best = 0;
  for (const Vec3& f : series.force_n) best = std::max(best, f[up]);
  return best;
}
}  // namespace

TEST(MotReader, ParsesVersion1HeaderAndGrfGroups) {
  const char* text =
      "grf\nversion=1\nnRows=3\nnColumns=10\ninDegrees=no\nendheader\n"
      "time\tr_ground_force_vx\tr_ground_force_vy\tr_ground_force_vz\tr_ground_force_px\tr_ground_force_py\t"
      "r_ground_force_pz\tr_ground_torque_x\tr_ground_torque_y\tr_ground_torque_z\n"
      "0.0\t1\t700\t2\t0.5\t0\t0.1\t0\t1.5\t0\n"
      "0.5\t1\t800\t2\t0.6\t0\t0.1\t0\t2.5\t0\n"
      "1.0\t\t10\t2\t0.7\t0\t0.1\t0\t3.5\t0\n";
  Trial trial = parse_mot(text, "grf.mot");
  EXPECT_EQ(trial.source.format, "mot");
  EXPECT_DOUBLE_EQ(trial.analog.rate_hz, 2.0);
  EXPECT_EQ(trial.analog.samples_per_channel, 3u);
  ASSERT_EQ(trial.analog.channels.size(), 9u);
  EXPECT_TRUE(std::isnan(trial.analog.channels[0].samples[2]));  // empty cell = missing
  ASSERT_EQ(trial.force_plates.size(), 1u);
  const ForcePlate& plate = trial.force_plates[0];
  EXPECT_EQ(plate.type, 100);
  EXPECT_EQ(plate.assigned_side, Side::right);
  EXPECT_EQ(plate.channels.size(), 9u);
  EXPECT_EQ(channel(trial, "r_ground_force_px").units, "m");
  EXPECT_EQ(channel(trial, "r_ground_force_vy").units, "N");
  EXPECT_EQ(channel(trial, "r_ground_torque_y").units, "Nm");
  EXPECT_TRUE(trial.warnings.empty());

  trial.up = AxisFinding{Axis{1, 1}, "test", false};
  const PlateSeries series = compute_plate_series(trial, 0);
  EXPECT_DOUBLE_EQ(series.force_n[1].y, 800.0);
  EXPECT_DOUBLE_EQ(series.cop_m[1].x, 0.6f);  // stored as float
  EXPECT_DOUBLE_EQ(series.free_moment_nm[1], 2.5);
  EXPECT_TRUE(std::isnan(series.cop_m[2].x));  // 10 N < 20 N: COP undefined
}

TEST(MotReader, RecognisesPrefixesAndSides) {
  std::string labels = "time";
  for (const char* prefix : {"1_", "calcn_l_", "R_"})
    for (const char* part : {"ground_force_vx", "ground_force_vy", "ground_force_vz", "ground_force_px", "ground_force_py", "ground_force_pz"})
      labels += std::string("\t") + prefix + part;
  std::string row = "0";
  for (int i = 0; i < 18; ++i) row += "\t1";
  const Trial trial = parse_mot("name x\ndatacolumns 19\ndatarows 1\nendheader\n" + labels + "\n" + row + "\n", "x.mot");
  ASSERT_EQ(trial.force_plates.size(), 3u);
  EXPECT_EQ(trial.force_plates[0].assigned_side, Side::none);
  EXPECT_EQ(trial.force_plates[1].assigned_side, Side::left);
  EXPECT_EQ(trial.force_plates[2].assigned_side, Side::right);
  EXPECT_EQ(trial.force_plates[0].channels.size(), 6u);  // no torque columns
  EXPECT_TRUE(has_warning(trial, "no complete ground_torque"));
  EXPECT_TRUE(has_warning(trial, "sampling rate unknown"));
}

TEST(MotReader, ReadsVec3StoTables) {
  const Trial trial = parse_mot("DataRate=100\nDataType=Vec3\nversion=3\nendheader\ntime\tLHEE\n0\t1,2,3\n0.01\t4,5,6\n", "m.sto");
  EXPECT_EQ(trial.source.format, "sto");
  ASSERT_EQ(trial.analog.channels.size(), 3u);
  EXPECT_EQ(trial.analog.channels[2].label, "LHEE_z");
  EXPECT_FLOAT_EQ(trial.analog.channels[2].samples[1], 6.0f);
  EXPECT_DOUBLE_EQ(trial.analog.rate_hz, 100.0);
}

TEST(MotReader, NamesLineOfWrongWidthNonNumericAndMissingParts) {
  const std::string head = "x\nendheader\ntime\ta\tb\n";
  try {
    (void)parse_mot(head + "0\t1\t2\n0.1\t1\n", "short.mot");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 5u);
    EXPECT_NE(error.problem().find("2 values but there are 3"), std::string::npos) << error.what();
  }
  try {
    (void)parse_mot(head + "0\t1\t2\n0.1\t1\tabc\n", "text.mot");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 5u);
    EXPECT_NE(error.problem().find("(b)"), std::string::npos) << error.what();
  }
  EXPECT_NO_THROW((void)parse_mot(head + "0\t1\t2\t\t\n0.1\t1\t\n", "trailing.mot"));  // empty trailing cells are fine
  EXPECT_THROW((void)parse_mot("", "empty.mot"), InputError);
  EXPECT_THROW((void)parse_mot("no header here\n1 2 3\n", "plain.mot"), InputError);
  EXPECT_THROW((void)parse_mot("x\nendheader\n", "labels.mot"), InputError);
  EXPECT_THROW((void)parse_mot(head, "rows.mot"), InputError);
  EXPECT_THROW((void)parse_mot("DataType=Quaternion\nendheader\ntime\tq\n0\t1,0,0,0\n", "q.sto"), InputError);
}

TEST(MotReader, ReadsSpaceSeparatedVersion2Tables) {
  const Trial trial = parse_mot("Coordinates\nversion=2\nnRows=2\nnColumns=3\ninDegrees=yes\nendheader\n"
                                "time  knee_angle_r  pelvis_tx\n  0.00  -6.9  1.02\n  0.01  -7.1  1.03\n",
                                "q.sto");
  ASSERT_EQ(trial.analog.channels.size(), 2u);
  EXPECT_FLOAT_EQ(trial.analog.channels[0].samples[1], -7.1f);
  EXPECT_EQ(trial.analog.channels[0].units, "deg");
  EXPECT_EQ(trial.analog.channels[1].units, "m");
  EXPECT_NEAR(trial.analog.rate_hz, 100.0, 1e-9);
  EXPECT_NE(trial.source.detail.find("version 2"), std::string::npos);
  EXPECT_TRUE(trial.warnings.empty());
}

TEST(MotReader, WarnsWhenHeaderCountsDisagreeWithTheRows) {
  const Trial trial = parse_mot("x\nnRows=5\nnColumns=3\nendheader\ntime\ta\n0\t1\n0.1\t2\n", "x.mot");
  EXPECT_EQ(trial.analog.samples_per_channel, 2u);
  EXPECT_TRUE(has_warning(trial, "declares 5 rows"));
  EXPECT_TRUE(has_warning(trial, "declares 3 columns"));
}

// Real files: expected values from running/*/SOURCE.txt.
TEST(MotReader, ReadsOpenSimCmcRunningGrf) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/runningModel_GRF_data.mot");
  Trial trial = read_mot(data_path("running/opensim_core/runningModel_GRF_data.mot"));
  // GRF 1000 Hz, 0.860-1.550 s (691 rows), R and L groups with torques.
  EXPECT_NEAR(trial.analog.rate_hz, 1000.0, 1e-6);
  EXPECT_EQ(trial.analog.samples_per_channel, 691u);
  EXPECT_EQ(trial.analog.channels.size(), 18u);
  ASSERT_EQ(trial.force_plates.size(), 2u);
  EXPECT_EQ(trial.force_plates[0].assigned_side, Side::right);
  EXPECT_EQ(trial.force_plates[1].assigned_side, Side::left);
  EXPECT_TRUE(trial.warnings.empty());

  trial.up = AxisFinding{Axis{1, 1}, "OpenSim ground frame", false};
  const PlateSeries right = compute_plate_series(trial, 0);
  const PlateSeries left = compute_plate_series(trial, 1);
  // R stance 0.868-1.105 s (Fz > 20 N) on the file's clock, which starts at 0.860 s; one sample = 1 ms.
  const auto [on, off] = stance(right, 1, 20.0);
  EXPECT_NEAR(on + 0.860, 0.868, 0.0015);
  EXPECT_NEAR(off + 0.860, 1.105, 0.0015);
  // Peaks quoted to the newton: R 1977 N, L 1951 N.
  EXPECT_NEAR(peak(right, 1), 1977.0, 1.0);
  EXPECT_NEAR(peak(left, 1), 1951.0, 1.0);
}

TEST(MotReader, ReadsBmcGrfWithUnterminatedLastRow) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/grf_run.mot");
  Trial trial = read_mot(data_path("running/bmc_opensim/grf_run.mot"));
  // SOURCE.txt: 300 Hz, 0-0.817 s = 245 steps, so 246 rows as the header says (the last has no line end).
  EXPECT_NEAR(trial.analog.rate_hz, 300.0, 0.01);
  EXPECT_EQ(trial.analog.samples_per_channel, 246u);
  EXPECT_TRUE(trial.warnings.empty());
  trial.up = AxisFinding{Axis{1, 1}, "OpenSim ground frame", false};
  const PlateSeries right = compute_plate_series(trial, 0);
  const PlateSeries left = compute_plate_series(trial, 1);
  // R stance 0.057-0.297 s peak 1751 N; L stance 0.403-0.663 s peak 1623 N (one sample = 3.3 ms).
  const auto [r_on, r_off] = stance(right, 1, 20.0);
  const auto [l_on, l_off] = stance(left, 1, 20.0);
  EXPECT_NEAR(r_on, 0.057, 0.0035);
  EXPECT_NEAR(r_off, 0.297, 0.0035);
  EXPECT_NEAR(l_on, 0.403, 0.0035);
  EXPECT_NEAR(l_off, 0.663, 0.0035);
  EXPECT_NEAR(peak(right, 1), 1751.0, 1.0);
  EXPECT_NEAR(peak(left, 1), 1623.0, 1.0);
}

TEST(MotReader, ReadsKinematicsAndInverseDynamicsTables) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/runningModel_Kinematics_q.sto");
  // runningModel_Kinematics_q.sto: 684 rows, 38 columns, degrees; knee_angle_r = -6.9 at R onset 0.868 s.
  const Trial q = read_mot(data_path("running/opensim_core/runningModel_Kinematics_q.sto"));
  EXPECT_EQ(q.source.format, "sto");
  EXPECT_EQ(q.analog.samples_per_channel, 684u);
  EXPECT_EQ(q.analog.channels.size(), 37u);
  const AnalogChannel& knee = channel(q, "knee_angle_r");
  EXPECT_EQ(knee.units, "deg");
  // Time starts at 0.862 s at 1000 Hz: 0.868 s is row 6. SOURCE quotes one decimal.
  EXPECT_NEAR(knee.samples[6], -6.9, 0.05);
  EXPECT_EQ(channel(q, "pelvis_tx").units, "m");

  // subject02_running_arms_ik.mot: 600 rows over 0-9.98 s, 161 columns.
  const Trial ik = read_mot(data_path("running/opensim_core/subject02_running_arms_ik.mot"));
  EXPECT_EQ(ik.analog.samples_per_channel, 600u);
  EXPECT_EQ(ik.analog.channels.size(), 160u);

  // bmc ik_output_run.mot: version=1, nRows=122, nColumns=40, inDegrees=yes, CRLF; knee 22.2 deg at 0.057 s.
  const Trial bmc = read_mot(data_path("running/bmc_opensim/ik_output_run.mot"));
  EXPECT_EQ(bmc.analog.samples_per_channel, 122u);
  EXPECT_EQ(bmc.analog.channels.size(), 39u);
  const AnalogChannel& bmc_knee = channel(bmc, "knee_angle_r");
  EXPECT_EQ(bmc_knee.units, "deg");
  const auto row = static_cast<std::size_t>(std::lround(0.057 * bmc.analog.rate_hz));
  EXPECT_NEAR(bmc_knee.samples[row], 22.2, 1.0);  // IK rows are 1/150 s apart; 0.057 s falls between two
  EXPECT_TRUE(bmc.warnings.empty());

  // bmc inverse_dynamics.sto: nRows=109, nColumns=40, inDegrees=no.
  const Trial id = read_mot(data_path("running/bmc_opensim/inverse_dynamics.sto"));
  EXPECT_EQ(id.analog.samples_per_channel, 109u);
  EXPECT_EQ(id.analog.channels.size(), 39u);
  EXPECT_EQ(channel(id, "knee_angle_r_moment").units, "Nm");
  EXPECT_EQ(channel(id, "pelvis_tx_force").units, "N");
}
