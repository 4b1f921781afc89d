// Every file of the C3D conformance folder (c3d.org samples + vendor files) is covered: it loads with
// the counts and rates it declares, or with the decision the reader is expected to take on it, or it
// fails with the expected InputError.
//
// Where the expected numbers come from: the files' own headers and parameters, read with an independent
// byte-level dump and checked against the file size ((size - data offset) / frame bytes), the per-sample
// readme files, and the expectations published with BTK and ezc3d for the vendor files. Entries that
// needed a decision say which, and the warning fragment the reader must give.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "test_data.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
namespace {

struct Expected {
  std::string path;  // relative to c3d-conformance/
  std::size_t points = 0;
  double rate = 0;
  std::size_t frames = 0;
  std::size_t channels = 0;
  double analog_rate = 0;
  std::size_t plates = 0;
  std::size_t events = 0;
  std::vector<std::string> warnings{};  // fragments that must appear
  std::string error{};                  // InputError fragment when the file must not load
};

// clang-format off
const std::vector<Expected> kFiles = {
    {"c3d_org/sample_00/Advanced Realtime Tracking GmbH/arthuman-sample.c3d", 63, 60.0033, 4007, 0, 0, 0, 0, {"POINT:RATE is missing"}},
    {"c3d_org/sample_00/Codamotion/codamotion_gaitwands_19970212.c3d", 24, 200, 512, 16, 400, 1, 0},
    {"c3d_org/sample_00/Codamotion/codamotion_gaitwands_20150204.c3d", 23, 200, 2001, 48, 1000, 4, 0},
    {"c3d_org/sample_00/Cometa Systems/EMG Data Cometa.c3d", 0, 10, 199, 24, 2000, 0, 0},
    {"c3d_org/sample_00/Innovative Sports Training/Gait with EMG.c3d", 24, 60, 134, 32, 1080, 2, 0},
    {"c3d_org/sample_00/Innovative Sports Training/Static Pose.c3d", 30, 60, 120, 32, 1080, 2, 0},
    {"c3d_org/sample_00/Motion Analysis Corporation/Sample_Jump2.c3d", 51, 120, 264, 16, 600, 2, 4, {"duplicate POINT:LABELS"}},
    {"c3d_org/sample_00/Motion Analysis Corporation/Walk1.c3d", 49, 60, 151, 18, 960, 2, 8},
    {"c3d_org/sample_00/NexGen Ergonomics/test1.c3d", 40, 128, 721, 0, 0, 0, 0},
    // First frame 63: EVENT:TIMES are shifted to the first stored frame.
    {"c3d_org/sample_00/Vicon Motion Systems/pyCGM2 lower limb CGM24 Walking01.c3d", 171, 100, 493, 6, 1000, 1, 18, {"shifted by -0.62"}},
    // sample_01: readme table (26 markers, 16 channels, 450 frames, 50/200 Hz) in six processor/storage variants.
    {"c3d_org/sample_01/Eb015pi.c3d", 26, 50, 450, 16, 200, 2, 3, {"3 header events"}},
    {"c3d_org/sample_01/Eb015pr.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_01/Eb015si.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_01/Eb015sr.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_01/Eb015vi.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_01/Eb015vr.c3d", 26, 50, 450, 16, 200, 2, 3},
    // sample_02: readme table (36 markers, 16 channels, frames 1..89, 50/200 Hz). dec_int's header lists 8
    // events, the others 9 (ezc3d: "Header is actually different").
    {"c3d_org/sample_02/dec_int.c3d", 36, 50, 89, 16, 200, 2, 8},
    {"c3d_org/sample_02/dec_real.c3d", 36, 50, 89, 16, 200, 2, 9},
    {"c3d_org/sample_02/pc_int.c3d", 36, 50, 89, 16, 200, 2, 9},
    {"c3d_org/sample_02/pc_real.c3d", 36, 50, 89, 16, 200, 2, 9},
    // One parameter offset above 255 is stored little-endian in these big-endian files.
    {"c3d_org/sample_02/sgi_int.c3d", 36, 50, 89, 16, 200, 2, 9, {"wrong byte order"}},
    {"c3d_org/sample_02/sgi_real.c3d", 36, 50, 89, 16, 200, 2, 9, {"wrong byte order"}},
    {"c3d_org/sample_03/gait-pig-nz.c3d", 85, 120, 301, 18, 1800, 3, 7, {"shifted by -2.49"}},
    {"c3d_org/sample_03/gait-pig.c3d", 77, 50, 142, 30, 800, 2, 9},
    {"c3d_org/sample_03/gait-raw.c3d", 27, 50, 142, 30, 800, 2, 0},
    {"c3d_org/sample_04/sub_labels.c3d", 114, 60, 333, 36, 1200, 2, 8},
    // Early Motion Analysis names (FORCE_PLATEFORM, OFFSETS); the plate has no corners, so it is dropped.
    {"c3d_org/sample_06/MACsample.c3d", 33, 60, 180, 16, 1020, 0, 0,
     {"header scale 0.0551136 disagrees", "FORCE_PLATEFORM", "ANALOG:OFFSETS", "no FORCE_PLATFORM:CORNERS"}},
    {"c3d_org/sample_06/newwalk.c3d", 25, 60, 360, 20, 960, 2, 0},
    {"c3d_org/sample_07/16bitanalog.c3d", 27, 60, 237, 40, 600, 2, 0},
    // sample_08: readme table; parameter and data blocks at different places, same content.
    {"c3d_org/sample_08/EB015PI.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_08/TESTAPI.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_08/TESTBPI.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_08/TESTCPI.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_08/TESTDPI.c3d", 26, 50, 450, 16, 200, 2, 3},
    {"c3d_org/sample_09/PlugInC3D.c3d", 86, 60, 281, 36, 1200, 2, 8},
    {"c3d_org/sample_09/PolygonC3D.c3d", 86, 60, 281, 36, 1200, 2, 8},
    {"c3d_org/sample_09/VER4C3D.c3d", 18, 60, 281, 36, 1200, 2, 8},
    // sample_10: readme table (TYPE-2/-4: 13 markers, 6 channels, 199 frames, 60/1200 Hz; -2a/-4a: 25, 20, 360, 60/960).
    {"c3d_org/sample_10/TYPE-2.C3D", 13, 60, 199, 6, 1200, 1, 0},
    {"c3d_org/sample_10/TYPE-2a.c3d", 25, 60, 360, 20, 960, 2, 0},
    {"c3d_org/sample_10/TYPE-3.c3d", 21, 60, 515, 28, 60, 4, 0},
    {"c3d_org/sample_10/TYPE-4.C3D", 13, 60, 199, 6, 1200, 1, 0},
    {"c3d_org/sample_10/TYPE-4a.c3d", 25, 60, 360, 20, 960, 2, 0},
    {"c3d_org/sample_11/2198928.c3d", 94, 60, 189, 40, 600, 4, 8},
    // evart: SCALE has 24 entries for 28 channels; the TYPE-3 plates have 6 channel rows (c3dio notes),
    // so only the two TYPE-4 plates remain; 17 samples per 60 Hz frame make 1020 Hz, not the declared 1000.
    {"c3d_org/sample_11/evart.c3d", 22, 60, 243, 28, 1020, 2, 0,
     {"ANALOG:SCALE has 24 values for 28 channels", "needs 8 channels", "ANALOG:RATE 1000 Hz disagrees"}},
    // Phoenix files: POINT:FRAMES is one more than the data hold; the header range matches the file size.
    {"c3d_org/sample_13/Dance.c3d", 40, 65.0533, 499, 8, 65.0533, 0, 0, {"header frames 1..499 (499) matches the file size"}},
    {"c3d_org/sample_13/Dance1.c3d", 40, 65.0364, 498, 8, 65.0364, 0, 0, {"matches the file size"}},
    {"c3d_org/sample_13/golfswing.c3d", 29, 107.527, 514, 8, 107.527, 0, 0, {"matches the file size"}},
    {"c3d_org/sample_13/golfswing1.c3d", 29, 107.527, 513, 8, 107.527, 0, 0, {"matches the file size"}},
    {"c3d_org/sample_14/sample14.c3d", 14, 50, 186, 32, 800, 3, 0},
    {"c3d_org/sample_15/FP1.C3D", 8, 60, 480, 12, 600, 1, 4, {"'mete' read as metres"}},
    {"c3d_org/sample_15/FP2.C3D", 8, 60, 480, 12, 600, 1, 4, {"'mete' read as metres"}},
    // SIMI files: every residual is -1 yet the coordinates are there (readme); units missing, values in m.
    {"c3d_org/sample_16/basketball.c3d", 22, 25, 34, 0, 0, 0, 0, {"flags are ignored", "suggests m"}},
    {"c3d_org/sample_16/giant.c3d", 29, 50, 355, 0, 0, 0, 0, {"flags are ignored", "suggests m", "duplicate POINT:LABELS"}},
    {"c3d_org/sample_16/golf.c3d", 21, 200, 137, 0, 0, 0, 0, {"flags are ignored", "suggests m"}},
    {"c3d_org/sample_17/128analogchannels.c3d", 10, 160, 4038, 128, 160, 14, 0},
    // The parameter section (12 blocks from block 2) overlaps the data (block 12): EVENT:LABELS runs into
    // the data and EVENT:TIMES is lost, so the 7 header events are used.
    {"c3d_org/sample_18/bad_parameter_section.c3d", 45, 120, 332, 32, 1200, 2, 7, {"read up to here", "7 header events"}},
    {"c3d_org/sample_20/phasespace_sample.c3d", 40, 30, 701, 0, 0, 0, 0, {"holds no parameters"}},
    // Readme: the true rates are 200/1000 Hz, but the file's layout (17 samples per frame) is that of its
    // parameters (60/1020 Hz); nothing in the file tells the truth, so the declared rates are kept.
    {"c3d_org/sample_21/sample21.c3d", 14, 60, 574, 12, 1020, 2, 0},
    // BTK: events STAY_CENTRE (0 s) and TARGET_ON (1.614 s) from the EVENTS group.
    {"c3d_org/sample_22/BKINtechnologies.c3d", 2, 1000, 5065, 20, 1000, 0, 2, {"EVENTS group"}},
    {"c3d_org/sample_23/Vicon_analysis.c3d", 89, 120, 694, 34, 1800, 3, 17},
    // Header word 3 says 16 analog words per frame; the data hold 16 channels x 7 samples (980 / 140 Hz).
    {"c3d_org/sample_24/MotionMonitorC3D.c3d", 8, 140, 840, 16, 980, 1, 0, {"16 channels x 7 samples", "blank POINT:LABELS"}},
    {"c3d_org/sample_25/analogfpscale03.c3d", 18, 120, 358, 28, 1080, 2, 0},
    {"c3d_org/sample_25/analogfpscale04.c3d", 17, 120, 397, 28, 1080, 2, 0},
    {"c3d_org/sample_25/analogfpscale04i.c3d", 17, 120, 397, 28, 1080, 2, 0},
    {"c3d_org/sample_26/Capture0002.c3d", 18, 240, 661, 16, 240, 2, 0},
    {"c3d_org/sample_26/Capture0003.c3d", 18, 240, 589, 16, 240, 2, 0},
    {"c3d_org/sample_26/Capture0004.c3d", 18, 240, 453, 16, 240, 2, 0},
    {"c3d_org/sample_26/Capture0008_Standing.c3d", 18, 240, 2400, 16, 240, 2, 0},
    {"c3d_org/sample_26/Standing_Hybrid_1.c3d", 37, 240, 1200, 0, 0, 0, 0},
    {"c3d_org/sample_26/Standing_Hybrid_2.c3d", 37, 240, 1200, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_1_1.c3d", 25, 240, 672, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_1_2.c3d", 25, 240, 599, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_1_3.c3d", 25, 240, 626, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_1_4.c3d", 25, 240, 649, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_1_5.c3d", 25, 240, 646, 16, 240, 2, 0},
    {"c3d_org/sample_26/Walking_Hybrid_2.c3d", 73, 240, 541, 16, 240, 2, 0},
    // POINT:USED says 12 points; the header's 11 fill the file exactly.
    {"c3d_org/sample_27/kyowadengyo.c3d", 11, 60, 152, 24, 60, 3, 0, {"header point count (11) matches the file size"}},
    // BTS: POINT:RATE, ANALOG:RATE and POINT:UNITS missing (readme); header rate 100 Hz.
    {"c3d_org/sample_28/dynamic.C3D", 34, 100, 296, 6, 100, 1, 0, {"POINT:RATE is missing", "ANALOG:RATE is missing"}},
    {"c3d_org/sample_28/standing.C3D", 38, 100, 200, 6, 100, 1, 0, {"POINT:RATE is missing", "ANALOG:RATE is missing"}},
    {"c3d_org/sample_28/type1.C3D", 28, 100, 296, 6, 100, 1, 0, {"ANALOG:RATE is missing"}},
    {"c3d_org/sample_29/Facial-Sing.c3d", 38, 100, 3000, 0, 0, 0, 0},
    {"c3d_org/sample_30/admarche2.c3d", 17, 50, 159, 8, 50, 1, 0, {"flags are ignored"}},
    {"c3d_org/sample_30/emgwl.c3d", 0, 50, 501, 4, 1600, 0, 3, {"first frame number is 0"}},
    {"c3d_org/sample_30/marche281.c3d", 29, 240, 961, 0, 0, 0, 0, {"flags are ignored"}},
    {"c3d_org/sample_32/vicon_zerowire.c3d", 55, 100, 306, 13, 4000, 1, 10},
    // DATA_START 188 > 127: read as unsigned. Two PROCESSING groups.
    {"c3d_org/sample_33/bigparlove.c3d", 205, 200, 323, 30, 1000, 5, 0},
    {"c3d_org/sample_34/AlbertoINT.c3d", 40, 120, 4921, 0, 0, 0, 0},
    // Despite its name, POINT:SCALE is positive and the data size is that of integer storage.
    {"c3d_org/sample_34/AlbertoREAL.c3d", 64, 120, 4921, 0, 0, 0, 0},
    {"c3d_org/sample_34/Basketball.c3d", 64, 120, 774, 0, 0, 0, 0},
    // POINT:RATE 1 Hz with 1250 analog samples per frame (readme: "odd but valid").
    {"c3d_org/sample_35/Mega Electronics Isokinetic EMG Angle Torque Sample File.c3d", 0, 1, 29, 4, 1250, 0, 0},
    {"c3d_org/sample_37/ART-Human_2persons_integer.c3d", 126, 60, 972, 0, 0, 0, 0},
    {"c3d_org/sample_37/ART-Human_hands_real_no6dof.c3d", 61, 60, 969, 0, 0, 0, 0},
    {"c3d_org/sample_37/ART-Human_real.c3d", 63, 60, 966, 0, 0, 0, 0},
    {"c3d_org/sample_37/ART-Human_tools_integer_6dofLimbs.c3d", 37, 60, 1162, 0, 0, 0, 0},
    {"vendor/btkdata_others/1123x01EMG.c3d", 0, 1000, 4564, 8, 1000, 0, 0},
    {"vendor/btkdata_others/561xxa01_anonym.C3D", 34, 100, 361, 18, 100, 3, 0, {"POINT:RATE is missing"}},
    {"vendor/btkdata_others/ADemo1_rewrite_c3d_pc_float.c3d", 24, 200, 512, 16, 400, 1, 0},
    {"vendor/btkdata_others/ADemo1_rewrite_c3d_pc_integer.c3d", 24, 200, 512, 16, 400, 1, 0},
    {"vendor/btkdata_others/Analysis.c3d", 24, 100, 101, 16, 100, 0, 6},
    {"vendor/btkdata_others/Empty.c3d", 0, 0, 0, 0, 0, 0, 0, {}, "file is empty"},
    {"vendor/btkdata_others/Gait.c3d", 33, 100, 487, 28, 1000, 2, 0},
    {"vendor/btkdata_others/MyCube.c3d", 14, 50, 1, 0, 0, 0, 0},
    {"vendor/btkdata_others/Res16bits.c3d", 44, 100, 100, 81, 1000, 6, 0},
    // BTK: 41 points "Point    1".."Point   41", frames 1..111, 250 Hz; ANALOG:UNITS declares 32 entries but holds 1.
    {"vendor/btkdata_others/badParameterOffset.c3d", 41, 250, 111, 0, 0, 0, 0, {"'UNITS' run past its record"}},
    // OptiTrack: POINT:LABELS lacks its description-length byte (README); offsets still lead to the next record.
    {"vendor/btkdata_others/mocap36.c3d", 36, 100, 1380, 0, 0, 0, 0},
    // ANALYSIS:VALUES lies past the declared parameter blocks (README): read anyway.
    {"vendor/btkdata_others/parameterOverflow.c3d", 142, 100, 101, 36, 100, 3, 6, {"past the 46 blocks"}},
    // Plate 2 uses channels 8..13 of a 6-channel file.
    {"vendor/btkdata_others/shd01.c3d", 27, 250, 237, 6, 1000, 1, 0, {"refers to analog channel 8"}},
    // ezc3d: BTS 22 points @100 Hz, 675 frames, 44 analog channels x 10 samples, 6 plates.
    {"vendor/ezc3d_testFiles/BTS.c3d", 22, 100, 675, 44, 1000, 6, 0},
    {"vendor/ezc3d_testFiles/C3DRotationExample.c3d", 0, 85, 340, 0, 0, 0, 0, {"ROTATION group"}},
    {"vendor/ezc3d_testFiles/FP_Type1.c3d", 22, 100, 634, 24, 200, 4, 0},
    {"vendor/ezc3d_testFiles/FP_Type3.c3d", 34, 250, 2, 16, 1000, 2, 0},
    // Analog only, 16 channels x 10 samples per 60 Hz frame.
    {"vendor/ezc3d_testFiles/Kistler.c3d", 0, 60, 3969, 16, 600, 2, 0},
    // POINT:FRAMES says 1149; the file holds 29 frames of 54 float points.
    {"vendor/ezc3d_testFiles/Optotrak.c3d", 54, 30, 29, 0, 0, 0, 0, {"holds only 29 complete frames"}},
    // ezc3d: 55 points @200 Hz, 340 frames, 69 analog channels x 10 samples.
    {"vendor/ezc3d_testFiles/Qualisys.c3d", 55, 200, 340, 69, 2000, 2, 7},
    {"vendor/ezc3d_testFiles/Vicon.c3d", 51, 100, 580, 38, 2000, 0, 0},
    {"vendor/ezc3d_testFiles/read_NOTworking2.c3d", 23, 25, 670, 0, 0, 0, 0, {"first frame number is 0"}},
};
// clang-format on

void PrintTo(const Expected& e, std::ostream* os) { *os << e.path; }

const std::filesystem::path kRoot = "c3d-conformance";

class C3dConformance : public ::testing::TestWithParam<Expected> {};

TEST_P(C3dConformance, LoadsAsExpected) {
  const Expected& e = GetParam();
  TOUCHDOWN_REQUIRE_DATA((kRoot / e.path).string());
  const auto path = testing::data_path((kRoot / e.path).string());
  if (!e.error.empty()) {
    try {
      (void)read_c3d(path);
      FAIL() << "expected an InputError";
    } catch (const InputError& error) {
      EXPECT_NE(error.problem().find(e.error), std::string::npos) << error.what();
      EXPECT_NE(error.file().find(path.filename().string()), std::string::npos);
    }
    return;
  }
  const Trial t = read_c3d(path);
  EXPECT_EQ(t.points.tracks.size(), e.points);
  EXPECT_NEAR(t.points.rate_hz, e.rate, 1e-3);  // rates above are printed to 6 significant digits
  EXPECT_EQ(t.points.frames, e.frames);
  EXPECT_EQ(t.analog.channels.size(), e.channels);
  if (e.channels > 0) {
    EXPECT_NEAR(t.analog.rate_hz, e.analog_rate, 1e-3);
    EXPECT_EQ(t.analog.samples_per_channel,
              static_cast<std::size_t>(std::llround(e.analog_rate / e.rate)) * e.frames);
  }
  EXPECT_EQ(t.force_plates.size(), e.plates);
  EXPECT_EQ(t.events.size(), e.events);
  for (const auto& track : t.points.tracks) {
    ASSERT_EQ(track.samples.size(), e.frames) << track.label;
    ASSERT_EQ(track.residuals.size(), e.frames) << track.label;
  }
  for (const auto& channel : t.analog.channels) ASSERT_EQ(channel.samples.size(), t.analog.samples_per_channel);
  for (const auto& plate : t.force_plates)
    for (auto c : plate.channels) EXPECT_LT(c, t.analog.channels.size());
  for (const auto& fragment : e.warnings) {
    const bool found = std::any_of(t.warnings.begin(), t.warnings.end(),
                                   [&](const std::string& w) { return w.find(fragment) != std::string::npos; });
    EXPECT_TRUE(found) << "missing warning containing '" << fragment << "'";
  }
  EXPECT_EQ(t.source.format, "c3d");
  EXPECT_EQ(t.source.bytes, std::filesystem::file_size(path));
}

std::string test_name(const ::testing::TestParamInfo<Expected>& file) {
  std::string name = file.param.path;
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(C3dFiles, C3dConformance, ::testing::ValuesIn(kFiles), test_name);

TEST(C3dConformanceFolder, EveryC3dFileIsInTheTable) {
  TOUCHDOWN_REQUIRE_DATA(kRoot.string());
  std::set<std::string> listed;
  for (const auto& e : kFiles) listed.insert(e.path);
  std::size_t found = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::data_path(kRoot.string()))) {
    std::string extension = entry.path().extension().string();
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!entry.is_regular_file() || extension != ".c3d") continue;
    ++found;
    const auto relative = std::filesystem::relative(entry.path(), testing::data_path(kRoot.string())).generic_string();
    EXPECT_TRUE(listed.count(relative) == 1) << relative << " is not covered by the conformance table";
  }
  EXPECT_EQ(found, kFiles.size());
}

}  // namespace
}  // namespace touchdown
