// Spot checks of decoded values on real files, against numbers published with other readers' test
// suites (BTK, ezc3d), the c3d.org readme files, and physics; plus cross-format identity: the same trial
// stored Intel / DEC / MIPS, integer / float must decode to the same values.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "test_data.hpp"
#include "touchdown/c3d.hpp"

namespace touchdown {
namespace {

Trial load(const std::string& relative) { return read_c3d(testing::data_path(relative)); }

const std::string kOrg = "c3d-conformance/c3d_org/";
const std::string kVendor = "c3d-conformance/vendor/";

TEST(C3dValues, Sample01MatchesBtkReferenceInAllSixVariants) {
  for (const char* name : {"Eb015pi", "Eb015pr", "Eb015si", "Eb015sr", "Eb015vi", "Eb015vr"}) {
    const std::string path = kOrg + "sample_01/" + name + ".c3d";
    TOUCHDOWN_REQUIRE_DATA(path);
    SCOPED_TRACE(name);
    const Trial t = load(path);
    // BTK C3DFileIOTest Sample01_*: values printed to 4-5 decimals, hence 1e-4 (1e-3 for the analog sample
    // printed as -26.6599, i.e. -26.66 in float).
    const auto rft1 = t.points.find("RFT1");
    ASSERT_TRUE(rft1.has_value());
    EXPECT_EQ(t.points.tracks[*rft1].description, "DIST/LAT FOOT");
    EXPECT_EQ(t.points.rate_hz, 50.0);
    EXPECT_NEAR(t.points.tracks[*rft1].samples[8].x, 250.4166, 1e-4);
    EXPECT_NEAR(t.points.tracks[*rft1].residuals[0], 1.3333, 1e-4);
    EXPECT_NEAR(t.points.tracks[14].residuals[20], 1.91667, 1e-4);
    EXPECT_NEAR(t.points.tracks[17].samples[16].x, 285.0, 1e-4);
    EXPECT_NEAR(t.points.tracks[17].samples[16].y, 222.4166, 1e-4);
    EXPECT_NEAR(t.points.tracks[17].samples[16].z, 564.4166, 1e-4);
    EXPECT_NEAR(t.analog.channels[0].samples[0], -26.6599, 1e-3);
    EXPECT_NEAR(t.analog.channels[0].samples[1], -25.8, 1e-4);
    EXPECT_EQ(t.analog.channels[2].description, "FORCE Z-COMP 1");
    EXPECT_EQ(t.analog.channels[15].label, "CH16");
    ASSERT_EQ(t.events.size(), 3U);  // header events (no EVENT group)
    EXPECT_EQ(t.events[0].label, "RIC");
    EXPECT_NEAR(t.events[0].time_s, 2.72, 1e-4);
    EXPECT_EQ(t.events[1].label, "RHS");
    EXPECT_NEAR(t.events[1].time_s, 5.40, 1e-4);
    EXPECT_EQ(t.events[2].label, "RTO");
    EXPECT_NEAR(t.events[2].time_s, 7.32, 1e-4);
  }
}

TEST(C3dValues, Sample02MatchesBtkReference) {
  // BTK Sample02_*: RSK1 frame 17 and FZ1 samples 16 and 40. The integer files differ from the float
  // ones by one integer step (POINT:SCALE 0.281) in y, as BTK's numbers for pc_int/sgi_int show.
  struct Case {
    const char* name;
    double y;
  };
  for (const Case c : {Case{"dec_int", 523.8418}, Case{"dec_real", 523.8417}, Case{"pc_int", 523.5606},
                       Case{"pc_real", 523.8417}, Case{"sgi_int", 523.5606}, Case{"sgi_real", 523.8417}}) {
    const std::string path = kOrg + "sample_02/" + c.name + ".c3d";
    TOUCHDOWN_REQUIRE_DATA(path);
    SCOPED_TRACE(c.name);
    const Trial t = load(path);
    EXPECT_EQ(t.points.tracks[3].label, "RSK1");
    EXPECT_NEAR(t.points.tracks[3].samples[16].x, 384.0944, 1e-4);
    EXPECT_NEAR(t.points.tracks[3].samples[16].y, c.y, 1e-4);
    EXPECT_NEAR(t.points.tracks[3].samples[16].z, 311.2683, 1e-4);
    EXPECT_EQ(t.analog.channels[2].label, "FZ1");
    EXPECT_NEAR(t.analog.channels[2].samples[15], 8.9280, 1e-4);
    EXPECT_NEAR(t.analog.channels[2].samples[39], 5.952, 1e-4);
  }
}

TEST(C3dValues, BadParameterOffsetMatchesBtkReference) {
  const std::string path = kVendor + "btkdata_others/badParameterOffset.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial t = load(path);
  // BTK BadParameterOffset test (1e-5 as there).
  EXPECT_EQ(t.points.tracks[0].label, "Point    1");
  EXPECT_EQ(t.points.tracks[40].label, "Point   41");
  EXPECT_NEAR(t.points.tracks[0].samples[0].x, 168.093002, 1e-5);
  EXPECT_NEAR(t.points.tracks[29].samples[10].y, 731.903015, 1e-5);
  // BTK reads this sample as 0: its residual word is -1, so it is missing here (NaN), never a 0.
  EXPECT_FALSE(t.points.tracks[40].samples[110].valid());
}

TEST(C3dValues, BkinEventsMatchBtkReference) {
  const std::string path = kOrg + "sample_22/BKINtechnologies.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial t = load(path);
  ASSERT_EQ(t.events.size(), 2U);
  EXPECT_EQ(t.events[0].label, "STAY_CENTRE");
  EXPECT_NEAR(t.events[0].time_s, 0.0, 1e-4);
  EXPECT_EQ(t.events[1].label, "TARGET_ON");
  EXPECT_NEAR(t.events[1].time_s, 1.6140, 1e-4);
}

// Same trial in several storages: points agree within one integer step (|POINT:SCALE|, plus float
// rounding), validity is identical, analog samples agree within `analog_step` plus float precision.
void expect_same_trial(const Trial& a, const Trial& b, double point_tolerance, double analog_tolerance,
                       double analog_step = 0.0) {
  ASSERT_EQ(a.points.tracks.size(), b.points.tracks.size());
  ASSERT_EQ(a.points.frames, b.points.frames);
  for (std::size_t k = 0; k < a.points.tracks.size(); ++k) {
    EXPECT_EQ(a.points.tracks[k].label, b.points.tracks[k].label);
    for (std::size_t f = 0; f < a.points.frames; ++f) {
      const auto& p = a.points.tracks[k].samples[f];
      const auto& q = b.points.tracks[k].samples[f];
      ASSERT_EQ(p.valid(), q.valid()) << "track " << k << " frame " << f;
      if (!p.valid()) continue;
      ASSERT_NEAR(p.x, q.x, point_tolerance) << "track " << k << " frame " << f;
      ASSERT_NEAR(p.y, q.y, point_tolerance) << "track " << k << " frame " << f;
      ASSERT_NEAR(p.z, q.z, point_tolerance) << "track " << k << " frame " << f;
    }
  }
  ASSERT_EQ(a.analog.channels.size(), b.analog.channels.size());
  for (std::size_t c = 0; c < a.analog.channels.size(); ++c)
    for (std::size_t s = 0; s < a.analog.samples_per_channel; ++s)
      ASSERT_NEAR(a.analog.channels[c].samples[s], b.analog.channels[c].samples[s],
                  analog_step + analog_tolerance * (1 + std::abs(a.analog.channels[c].samples[s])))
          << "channel " << c << " sample " << s;
}

TEST(C3dValues, Sample01SixStoragesDecodeToTheSameTrial) {
  const std::string reference = kOrg + "sample_01/Eb015pr.c3d";
  TOUCHDOWN_REQUIRE_DATA(reference);
  const Trial pr = load(reference);
  for (const char* name : {"Eb015pi", "Eb015si", "Eb015sr", "Eb015vi", "Eb015vr"}) {
    SCOPED_TRACE(name);
    // readme: "identical data values"; POINT:SCALE 0.0833: one integer step.
    expect_same_trial(pr, load(kOrg + "sample_01/" + name + ".c3d"), 0.0834, 1e-6);
  }
}

TEST(C3dValues, Sample02SixStoragesDecodeToTheSameTrial) {
  const std::string reference = kOrg + "sample_02/pc_real.c3d";
  TOUCHDOWN_REQUIRE_DATA(reference);
  const Trial pr = load(reference);
  for (const char* name : {"pc_int", "sgi_int", "sgi_real", "dec_int", "dec_real"}) {
    SCOPED_TRACE(name);
    expect_same_trial(pr, load(kOrg + "sample_02/" + name + ".c3d"), 0.2812, 1e-6);  // POINT:SCALE 0.28118
  }
}

TEST(C3dValues, Sample08BlockPlacementsDecodeToTheSameTrial) {
  const std::string reference = kOrg + "sample_08/EB015PI.c3d";
  TOUCHDOWN_REQUIRE_DATA(reference);
  const Trial base = load(reference);
  for (const char* name : {"TESTAPI", "TESTBPI", "TESTCPI", "TESTDPI"}) {
    SCOPED_TRACE(name);
    expect_same_trial(base, load(kOrg + "sample_08/" + name + ".c3d"), 0.0, 0.0);  // same bytes, other blocks
  }
}

TEST(C3dValues, FloatAndIntegerRewritesAgreeWithinOneIntegerStep) {
  const std::string f = kVendor + "btkdata_others/ADemo1_rewrite_c3d_pc_float.c3d";
  TOUCHDOWN_REQUIRE_DATA(f);
  // POINT:SCALE and ANALOG:SCALE are 0.1: one integer step each.
  expect_same_trial(load(f), load(kVendor + "btkdata_others/ADemo1_rewrite_c3d_pc_integer.c3d"), 0.1, 1e-6, 0.1);
  // analogfpscale04i is 04 converted to DEC integer; its analog data are corrupted by the conversion
  // (readme), so only the points are compared.
  Trial real = load(kOrg + "sample_25/analogfpscale04.c3d");
  Trial integer = load(kOrg + "sample_25/analogfpscale04i.c3d");
  real.analog.channels.clear();
  integer.analog.channels.clear();
  expect_same_trial(real, integer, 0.1, 0.0);
}

TEST(C3dValues, Type4CalibrationMatrixIsStoredByColumn) {
  const std::string path = kOrg + "sample_10/TYPE-4.C3D";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial t = load(path);
  ASSERT_EQ(t.force_plates.size(), 1U);
  const auto& c = t.force_plates[0].calibration;
  ASSERT_EQ(c.size(), 36U);
  EXPECT_EQ(t.force_plates[0].type, 4);
  // CAL_MATRIX(i,j) is stored column by column (C3D User Guide). Read that way, forces have sensitivities
  // of ~1.5-6 N/V with crosstalk below 1 %, and the moment rows (N mm / V) ~740 on the diagonal: the
  // AMTI pattern of matrix.pdf. Read by rows, Fx would take -4.3 N/V from the Mx channel (280 % crosstalk).
  EXPECT_NEAR(c[0 * 6 + 0], 1.527, 1e-6);
  EXPECT_NEAR(c[3 * 6 + 0], -4.284, 1e-6);
  EXPECT_NEAR(c[0 * 6 + 3], 0.0, 1e-6);
  EXPECT_NEAR(c[3 * 6 + 3], 741.871, 1e-3);
  EXPECT_NEAR(c[2 * 6 + 2], 5.988, 1e-6);
  for (std::size_t row = 0; row < 3; ++row) {
    for (std::size_t column = 0; column < 6; ++column) {
      if (row != column) {
        EXPECT_LT(std::abs(c[row * 6 + column]), 0.01 * c[row * 7]);
      }
    }
  }
}

TEST(C3dValues, EventTimesFallInsideTheStoredFrames) {
  // EVENT:TIMES count from capture frame 1; after the shift every gait event must lie within the data.
  for (const char* path : {"sample_03/gait-pig-nz.c3d", "sample_32/vicon_zerowire.c3d", "sample_23/Vicon_analysis.c3d"}) {
    TOUCHDOWN_REQUIRE_DATA(kOrg + path);
    SCOPED_TRACE(path);
    const Trial t = load(kOrg + path);
    ASSERT_FALSE(t.events.empty());
    for (const auto& e : t.events) {
      EXPECT_GE(e.time_s, 0.0);
      EXPECT_LE(e.time_s, t.duration_s());
      EXPECT_NE(e.side, Side::none);
      EXPECT_EQ(e.source, "file");
    }
  }
  // vicon_zerowire: first event "Foot Strike", Left, at 3.34 s of capture; data start at frame 306 (100 Hz).
  const Trial t = load(kOrg + "sample_32/vicon_zerowire.c3d");
  EXPECT_EQ(t.events[0].label, "Foot Strike");
  EXPECT_EQ(t.events[0].side, Side::left);
  EXPECT_NEAR(t.events[0].time_s, 3.34 - 3.05, 1e-6);  // EVENT:TIMES are floats: 1e-6 s
}

TEST(C3dValues, SimiSentinelsAreMissingAndCoordinatesKept) {
  const std::string path = kOrg + "sample_16/giant.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial t = load(path);
  EXPECT_EQ(t.points.units, "m");
  std::size_t valid = 0, missing = 0;
  for (const auto& track : t.points.tracks)
    for (const auto& s : track.samples) {
      if (!s.valid()) {
        ++missing;
        continue;
      }
      ++valid;
      EXPECT_LT(std::abs(s.x), 20.0F);  // a lab in metres; the -1e9 sentinels must not survive
    }
  EXPECT_GT(valid, 0U);
  EXPECT_GT(missing, 0U);
}

TEST(C3dValues, DuplicatedGroupsAreAllSearched) {
  const std::string path = kOrg + "sample_33/bigparlove.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const C3dParameters p = read_c3d_parameters(testing::data_path(path));
  std::size_t processing = 0;
  for (const auto& g : p.groups) processing += g.name == "PROCESSING" ? 1 : 0;
  EXPECT_EQ(processing, 2U);  // readme: "two groups with the same name PROCESSING"
  ASSERT_NE(p.find("POINT", "DATA_START"), nullptr);
  EXPECT_EQ(p.find("POINT", "DATA_START")->unsigned_number(0), 188.0);  // readme: DATA_START 188 > 127
}

TEST(C3dValues, RbdsTreadmillRunHasAType4PlateWhoseVerticalForceAveragesBodyWeight) {
  const std::string path = "running/rbds/c3d/RBDS001runT35.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial t = load(path);
  // SOURCE.txt: 32 markers @150 Hz (mm), 6 analog @300 Hz, TYPE-4 plate, Y up.
  EXPECT_EQ(t.points.tracks.size(), 32U);
  EXPECT_EQ(t.points.rate_hz, 150.0);
  EXPECT_EQ(t.points.units, "mm");
  EXPECT_EQ(t.analog.channels.size(), 6U);
  EXPECT_EQ(t.analog.rate_hz, 300.0);
  EXPECT_EQ(t.up.axis, (Axis{1, 1}));
  EXPECT_EQ(t.up.method, "C3D POINT:Y_SCREEN");
  ASSERT_EQ(t.force_plates.size(), 1U);
  const auto& plate = t.force_plates[0];
  EXPECT_EQ(plate.type, 4);
  ASSERT_EQ(plate.calibration.size(), 36U);
  const double diagonal[6] = {500, 500, 1000, 800000, 250000, 400000};  // SOURCE.txt
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(plate.calibration[i * 7], diagonal[i]);
  const auto fz = t.analog.find("F1Z");
  ASSERT_TRUE(fz.has_value());
  EXPECT_EQ(plate.channels[2], *fz);
  // SOURCE.txt: vertical force N = -(value after ANALOG:SCALE) * 1000 = -(C v)_z. Averaged over 30 s of
  // running, the vertical ground reaction equals body weight (no net vertical momentum change):
  // subject 1 weighs 62 kg (SOURCE.txt) -> 608 N. 10 % covers treadmill drift and a partial last stride.
  double sum = 0;
  for (float v : t.analog.channels[*fz].samples) sum += -plate.calibration[2 * 6 + 2] * v;
  const double mean_vertical = sum / static_cast<double>(t.analog.samples_per_channel);
  EXPECT_NEAR(mean_vertical, 62 * 9.81, 0.1 * 62 * 9.81);
}

}  // namespace
}  // namespace touchdown
