#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "test_data.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
const char* kSmallTrc =
    "PathFileType\t4\t(X/Y/Z)\tsmall.trc\n"
    "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n"
    "100\t100\t3\t2\tmm\t100\t1\t3\n"
    "Frame#\tTime\tRHEE\t\t\tRTOE\t\t\n"
    "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
    "\n"
    "1\t0.00\t1.5\t2.5\t3.5\t10\t20\t30\n"
    "2\t0.01\t\t\t\t11\tNaN\t31\n"
    "3\t0.02\t1.7\t2.7\t3.7\n";

double missing_fraction(const Trial& trial) {
  std::size_t missing = 0, total = 0;
  for (const auto& track : trial.points.tracks)
    for (const auto& s : track.samples) missing += s.valid() ? 0 : 1, ++total;
  return static_cast<double>(missing) / static_cast<double>(total);
}

bool has_warning(const Trial& trial, const std::string& text) {
  for (const auto& w : trial.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(TrcReader, ParsesHeaderLabelsValuesAndGaps) {
  const Trial trial = parse_trc(kSmallTrc, "small.trc");
  EXPECT_EQ(trial.source.format, "trc");
  EXPECT_DOUBLE_EQ(trial.points.rate_hz, 100.0);
  EXPECT_EQ(trial.points.frames, 3u);
  EXPECT_EQ(trial.points.first_frame, 1);
  EXPECT_EQ(trial.points.units, "mm");
  ASSERT_EQ(trial.points.tracks.size(), 2u);
  EXPECT_EQ(trial.points.tracks[0].label, "RHEE");
  EXPECT_EQ(trial.points.tracks[1].label, "RTOE");
  // Values are stored as float: 1.5 and 3.7 read back to within float rounding (1e-6 relative).
  EXPECT_FLOAT_EQ(trial.points.tracks[0].samples[0].x, 1.5f);
  EXPECT_FLOAT_EQ(trial.points.tracks[0].samples[2].z, 3.7f);
  EXPECT_FALSE(trial.points.tracks[0].samples[1].valid());  // empty cells
  EXPECT_FALSE(trial.points.tracks[1].samples[1].valid());  // one NaN makes the whole sample missing
  EXPECT_FALSE(trial.points.tracks[1].samples[2].valid());  // row ended early
  EXPECT_TRUE(trial.warnings.empty());
}

TEST(TrcReader, UsesTheRealRowCountWhenTheHeaderDisagrees) {
  std::string text = kSmallTrc;
  text.replace(text.find("100\t100\t3\t2"), 11, "100\t100\t9\t2");
  const Trial trial = parse_trc(text, "more.trc");
  EXPECT_EQ(trial.points.frames, 3u);
  EXPECT_TRUE(has_warning(trial, "NumFrames = 9"));
}

TEST(TrcReader, AcceptsSpaceSeparatedRowsAndCrLf) {
  const std::string text =
      "PathFileType 4 (X/Y/Z) spaces.trc\r\nDataRate CameraRate NumFrames NumMarkers Units\r\n"
      "50 50 2 1 m\r\nFrame# Time A\r\n X1 Y1 Z1\r\n1 0 +1 2e-1 -3\r\n2 0.02 1.5 NaN 1.#QNAN\r\n";
  const Trial trial = parse_trc(text, "spaces.trc");
  ASSERT_EQ(trial.points.tracks.size(), 1u);
  EXPECT_EQ(trial.points.units, "m");
  EXPECT_FLOAT_EQ(trial.points.tracks[0].samples[0].x, 1.0f);
  EXPECT_FLOAT_EQ(trial.points.tracks[0].samples[0].y, 0.2f);
  EXPECT_FALSE(trial.points.tracks[0].samples[1].valid());
}

TEST(TrcReader, NamesFileAndLineOfANonNumericCell) {
  std::string text = kSmallTrc;
  text.replace(text.find("2.5"), 3, "2,5");
  try {
    (void)parse_trc(text, "bad.trc");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "bad.trc");
    EXPECT_EQ(error.line(), 7u);
    EXPECT_NE(error.problem().find("'2,5' is not a number"), std::string::npos) << error.what();
    EXPECT_TRUE(error.byte_offset().has_value());
  }
}

TEST(TrcReader, RejectsEmptyNonTrcAndHeaderOnlyInput) {
  EXPECT_THROW((void)parse_trc("", "empty.trc"), InputError);
  EXPECT_THROW((void)parse_trc("Frame#\tTime\n", "x.trc"), InputError);
  EXPECT_THROW((void)parse_trc("PathFileType\t4\nDataRate\n100\nFrame#\tTime\tA\n\t\tX1\tY1\tZ1\n", "x.trc"), InputError);
}

TEST(TrcReader, RefusesHeadersOutOfProportionToTheFile) {
  // One long label line and many one-cell rows would need gigabytes of NaN; the reader says no.
  std::string text = "PathFileType\t4\nDataRate\tNumMarkers\n100\t1\nFrame#\tTime";
  for (int i = 0; i < 2000; ++i) text += "\tM" + std::to_string(i) + "\t\t";
  text += "\n\n";
  for (int i = 0; i < 2000; ++i) text += std::to_string(i + 1) + "\t0\t" + std::string(3 * 2000, '\t') + "1\n";
  EXPECT_NO_THROW((void)parse_trc(text, "wide.trc"));  // rows really are this wide: fine
  std::string narrow = text.substr(0, text.find("\n\n") + 2);
  for (int i = 0; i < 300000; ++i) narrow += "1\t0\n";  // 3e5 rows x 2000 markers x 12 bytes = 7 GB
  narrow += "1\t0" + std::string(3 * 2000, '\t') + "1\n";
  EXPECT_THROW((void)parse_trc(narrow, "narrow.trc"), InputError);
}

// Real files. Expected counts come from each folder's SOURCE.txt or the file's own header line.
TEST(TrcReader, ReadsOpenSimRunWithNaNGaps) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/Run_500_02.trc");
  const Trial trial = read_trc(data_path("running/opensim_core/Run_500_02.trc"));
  // SOURCE.txt: 42 markers @100 Hz, 427 frames, mm, a few NaN entries (0.1 %).
  EXPECT_EQ(trial.points.tracks.size(), 42u);
  EXPECT_EQ(trial.points.frames, 427u);
  EXPECT_DOUBLE_EQ(trial.points.rate_hz, 100.0);
  EXPECT_EQ(trial.points.units, "mm");
  EXPECT_EQ(trial.points.tracks[0].label, "LASI");
  EXPECT_FALSE(trial.points.tracks[0].samples[0].valid());  // line 6 starts "1 0 NaN NaN NaN"
  // Line 6, RASI: 1009.526917 1016.496277 -198.410294 (float keeps ~7 digits: 1e-3 mm).
  EXPECT_NEAR(trial.points.tracks[1].samples[0].x, 1009.526917, 1e-3);
  EXPECT_NEAR(trial.points.tracks[1].samples[0].z, -198.410294, 1e-3);
  const double missing = missing_fraction(trial);
  EXPECT_GT(missing, 0.0);
  EXPECT_LT(missing, 0.01);  // "a few NaN entries (0.1 %)"
}

TEST(TrcReader, ReadsUwRunningWithSpacesInTheFirstLine) {
  TOUCHDOWN_REQUIRE_DATA("running/opensim_core/uw_running.trc");
  const Trial trial = read_trc(data_path("running/opensim_core/uw_running.trc"));
  // SOURCE.txt: 44 markers @200 Hz, 2105 frames, R.Heel among the labels.
  EXPECT_EQ(trial.points.tracks.size(), 44u);
  EXPECT_EQ(trial.points.frames, 2105u);
  EXPECT_DOUBLE_EQ(trial.points.rate_hz, 200.0);
  EXPECT_TRUE(trial.points.find("R.Heel").has_value());
  EXPECT_TRUE(trial.warnings.empty());
}

TEST(TrcReader, ReadsBmcRunWithEmptyCells) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/motion_capture_run.trc");
  const Trial trial = read_trc(data_path("running/bmc_opensim/motion_capture_run.trc"));
  // SOURCE.txt: 78 markers @150 Hz, 123 frames, 25.6 % of entries empty.
  EXPECT_EQ(trial.points.tracks.size(), 78u);
  EXPECT_EQ(trial.points.frames, 123u);
  EXPECT_DOUBLE_EQ(trial.points.rate_hz, 150.0);
  EXPECT_NEAR(missing_fraction(trial), 0.256, 0.005);  // stated to 0.1 %; whole triples are empty together
  EXPECT_TRUE(trial.points.find("RCAL").has_value());
  EXPECT_TRUE(trial.warnings.empty());
}

TEST(TrcReader, ReadsBmcStaticTrial) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/static_run.trc");
  const Trial trial = read_trc(data_path("running/bmc_opensim/static_run.trc"));
  // Header line 3: 150 Hz, 1500 frames, 78 markers.
  EXPECT_EQ(trial.points.tracks.size(), 78u);
  EXPECT_EQ(trial.points.frames, 1500u);
}

TEST(TrcReader, ReadsBtkSamples) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_trc/SprintMotion.trc");
  const std::string dir = "c3d-conformance/vendor/btkdata_trc/";
  // vendor/SOURCE.txt: sprint start, 59 markers @250 Hz, 788 frames, R.Calca = heel.
  const Trial sprint = read_trc(data_path(dir + "SprintMotion.trc"));
  EXPECT_EQ(sprint.points.tracks.size(), 59u);
  EXPECT_EQ(sprint.points.frames, 788u);
  EXPECT_DOUBLE_EQ(sprint.points.rate_hz, 250.0);
  EXPECT_TRUE(sprint.points.find("R.Calca").has_value());
  // SprintCalib: header and line 4 say 65 markers, 337 frames, but every row (counted with awk) has
  // values up to cell 212 = 210 coordinates = 70 markers: the 5 unlabelled ones are kept, with a warning.
  const Trial calib = read_trc(data_path(dir + "SprintCalib.trc"));
  EXPECT_EQ(calib.points.tracks.size(), 70u);
  EXPECT_EQ(calib.points.tracks[64].label, "StartArr");
  EXPECT_EQ(calib.points.tracks[69].label, "unlabeled_70");
  EXPECT_EQ(calib.points.frames, 337u);
  EXPECT_TRUE(has_warning(calib, "unlabeled"));
  // Res16bits: header 44 markers, 100 frames.
  EXPECT_TRUE(sprint.warnings.empty());
  const Trial res16 = read_trc(data_path(dir + "Res16bits.trc"));
  EXPECT_EQ(res16.points.tracks.size(), 44u);
  EXPECT_EQ(res16.points.frames, 100u);
}

TEST(TrcReader, KeepsEveryValueOfGaitTrcWhoseHeaderUndercountsItsColumns) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_trc/Gait.trc");
  const Trial trial = read_trc(data_path("c3d-conformance/vendor/btkdata_trc/Gait.trc"));
  // Header: 487 frames, NumMarkers 66; line 4 labels 33 markers; the widest row (318 cells, counted
  // with awk) holds 316 coordinate cells = 105.3 markers, i.e. values up to marker 106 (last cell empty).
  EXPECT_EQ(trial.points.frames, 487u);
  EXPECT_EQ(trial.points.tracks[0].label, "R.Shoulder");
  EXPECT_EQ(trial.points.tracks[32].label, "PX");
  EXPECT_GE(trial.points.tracks.size(), 105u);
  EXPECT_LE(trial.points.tracks.size(), 106u);
  EXPECT_TRUE(has_warning(trial, "NumMarkers = 66"));
  EXPECT_TRUE(has_warning(trial, "unlabeled"));
}

TEST(TrcReader, NamesEmptyAndTruncatedBtkFiles) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_trc/Empty.trc");
  const std::string dir = "c3d-conformance/vendor/btkdata_trc/";
  try {
    (void)read_trc(data_path(dir + "Empty.trc"));
    FAIL() << "Empty.trc must not read";
  } catch (const InputError& error) {
    EXPECT_NE(error.problem().find("empty"), std::string::npos) << error.what();
    EXPECT_NE(error.file().find("Empty.trc"), std::string::npos);
  }
  try {
    (void)read_trc(data_path(dir + "Truncated.trc"));
    FAIL() << "Truncated.trc must not read";
  } catch (const InputError& error) {
    EXPECT_NE(error.problem().find("truncated"), std::string::npos) << error.what();
  }
}
