// Exact-answer tests on C3D files built byte by byte (c3d_file_builder.hpp): every processor type and
// storage, the residual word, analog scaling, parameter records, frame-count rules, broken files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "io/c3d_file_builder.hpp"
#include "io/c3d/processor_format.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
namespace {
using testing::C3dFileBuilder;

Trial read(const std::vector<std::byte>& bytes, const C3dReadOptions& options = {}) {
  return read_c3d_bytes(bytes, "synthetic.c3d", options);
}

bool has_warning(const Trial& trial, const std::string& fragment) {
  for (const auto& w : trial.warnings)
    if (w.find(fragment) != std::string::npos) return true;
  return false;
}

// POINT and ANALOG groups for `points` points and `channels` channels x `spf` samples per frame.
void describe(C3dFileBuilder& b, int points, int channels, int spf, int frames, float scale) {
  b.group("POINT");
  b.group("ANALOG");
  b.point_count = static_cast<std::uint16_t>(points);
  b.analog_words = static_cast<std::uint16_t>(channels * spf);
  b.samples_per_frame = static_cast<std::uint16_t>(spf);
  b.first_frame = 1;
  b.last_frame = static_cast<std::uint16_t>(frames);
  b.scale = scale;
  b.ints("POINT", "USED", {}, {static_cast<double>(points)});
  b.floats("POINT", "SCALE", {}, {scale});
  b.floats("POINT", "RATE", {}, {100.0});
  b.ints("POINT", "FRAMES", {}, {static_cast<double>(frames)});
  std::vector<std::string> labels;
  for (int i = 0; i < points; ++i) labels.push_back("M" + std::to_string(i + 1));
  b.strings("POINT", "LABELS", labels);
  b.strings("POINT", "UNITS", {"mm"});
  b.ints("ANALOG", "USED", {}, {static_cast<double>(channels)});
  b.floats("ANALOG", "RATE", {}, {100.0 * spf});
  std::vector<std::string> analog_labels;
  for (int i = 0; i < channels; ++i) analog_labels.push_back("A" + std::to_string(i + 1));
  if (channels > 0) b.strings("ANALOG", "LABELS", analog_labels);
  b.floats("ANALOG", "GEN_SCALE", {}, {1.0});
  b.floats("ANALOG", "SCALE", {channels}, std::vector<double>(static_cast<std::size_t>(channels), 1.0));
  b.ints("ANALOG", "OFFSET", {channels}, std::vector<double>(static_cast<std::size_t>(channels), 0.0));
}

// ---- processor number formats ----

TEST(C3dNumbers, DecFloatMatchesVaxReferenceEncodings) {
  // VAX F-floating reference longwords (VAX Architecture Reference Manual): 1.0 = 0x00004080,
  // -1.0 = 0x0000C080, 0.5 = 0x00004000, 3.0 = 0x00004140. The bytes in the file are the longword
  // little-endian, which is what dec_float_from_le_bits takes.
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00004080U), 1.0F);
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x0000C080U), -1.0F);
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00004000U), 0.5F);
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00004140U), 3.0F);
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00000000U), 0.0F);
  // Exponents 1 and 2 fall below IEEE's normal range: 0.5 * 2^(e-128), exact as subnormals.
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00000100U), std::ldexp(1.0F, -127));  // e = 2
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00000080U), std::ldexp(1.0F, -128));  // e = 1
  // The largest DEC exponent (255) is beyond IEEE's largest normal exponent minus 2: still finite.
  EXPECT_EQ(c3d::dec_float_from_le_bits(0x00007F80U), std::ldexp(1.0F, 126));
  EXPECT_TRUE(std::isnan(c3d::dec_float_from_le_bits(0x00008000U)));  // reserved operand
}

struct FormatCase {
  C3dProcessor processor;
  bool float_storage;
};

class C3dFormats : public ::testing::TestWithParam<FormatCase> {};

TEST_P(C3dFormats, DecodePointsResidualsAndAnalog) {
  const auto [processor, float_storage] = GetParam();
  C3dFileBuilder b;
  b.processor = processor;
  b.float_storage = float_storage;
  const float scale = float_storage ? -0.25F : 0.25F;  // power of two: integer coordinates scale exactly
  describe(b, 2, 2, 2, 2, scale);
  b.floats("ANALOG", "SCALE", {2}, {0.5, -2.0});
  b.ints("ANALOG", "OFFSET", {2}, {10, -4});
  b.floats("ANALOG", "GEN_SCALE", {}, {2.0});
  auto coordinate = [&](double mm) { return float_storage ? mm : mm / 0.25; };
  for (int f = 0; f < 2; ++f) {
    // point 1: valid, camera mask 0x05, residual byte 6 -> residual 6 * 0.25 mm
    b.data_words.insert(b.data_words.end(), {coordinate(100.5 + f), coordinate(-200.25), coordinate(1500.0), 5 * 256 + 6});
    // point 2: invalid in frame 1 (residual word -1), valid with residual 0 in frame 2
    if (f == 0) b.data_words.insert(b.data_words.end(), {coordinate(1), coordinate(2), coordinate(3), -1});
    else b.data_words.insert(b.data_words.end(), {coordinate(-7.75), coordinate(0), coordinate(12), 0});
    // analog: sample-major, channel 1 then 2
    b.data_words.insert(b.data_words.end(), {14.0 + f, 0.0, 20.0, -10.0});
  }
  const Trial t = read(b.build());
  ASSERT_EQ(t.points.tracks.size(), 2U);
  ASSERT_EQ(t.points.frames, 2U);
  EXPECT_TRUE(t.warnings.empty()) << t.warnings.front();
  // Exact: every value is representable in both storages and the integer scale is a power of two.
  EXPECT_EQ(t.points.tracks[0].samples[1].x, 101.5F);
  EXPECT_EQ(t.points.tracks[0].samples[0].y, -200.25F);
  EXPECT_EQ(t.points.tracks[0].samples[0].z, 1500.0F);
  EXPECT_EQ(t.points.tracks[0].residuals[0], 1.5F);  // residual byte 6 x |scale| 0.25 (C3D: byte 2 of word 4)
  EXPECT_FALSE(t.points.tracks[1].samples[0].valid());
  EXPECT_EQ(t.points.tracks[1].residuals[0], -1.0F);
  EXPECT_EQ(t.points.tracks[1].samples[1].x, -7.75F);
  EXPECT_EQ(t.points.tracks[1].residuals[1], 0.0F);
  ASSERT_EQ(t.analog.channels.size(), 2U);
  ASSERT_EQ(t.analog.samples_per_channel, 4U);
  // (raw - offset) * scale * gen_scale: (14 - 10) * 0.5 * 2 = 4; (0 + 4) * -2 * 2 = -16
  EXPECT_EQ(t.analog.channels[0].samples[0], 4.0F);
  EXPECT_EQ(t.analog.channels[1].samples[0], -16.0F);
  EXPECT_EQ(t.analog.channels[0].samples[1], 10.0F);    // (20 - 10) * 1
  EXPECT_EQ(t.analog.channels[1].samples[1], 24.0F);    // (-10 + 4) * -4
  EXPECT_EQ(t.analog.channels[0].samples[2], 5.0F);     // frame 2, sample 1: (15 - 10) * 1
  EXPECT_EQ(t.analog.rate_hz, 200.0);
}

INSTANTIATE_TEST_SUITE_P(C3dProcessors, C3dFormats,
                         ::testing::Values(FormatCase{C3dProcessor::intel, true}, FormatCase{C3dProcessor::intel, false},
                                           FormatCase{C3dProcessor::dec, true}, FormatCase{C3dProcessor::dec, false},
                                           FormatCase{C3dProcessor::mips, true}, FormatCase{C3dProcessor::mips, false}));

TEST(C3dSynthetic, UnsignedAnalogReadsWordsAndOffsetsAsUnsigned) {
  C3dFileBuilder b;
  b.float_storage = false;
  describe(b, 0, 1, 1, 2, 1.0F);
  b.strings("ANALOG", "FORMAT", {"UNSIGNED"});
  b.ints("ANALOG", "OFFSET", {1}, {-32768});  // 32768 stored as a 16-bit pattern
  b.data_words = {40000, 100};
  const Trial t = read(b.build());
  ASSERT_EQ(t.analog.channels.size(), 1U);
  EXPECT_EQ(t.analog.channels[0].samples[0], 40000.0F - 32768.0F);
  EXPECT_EQ(t.analog.channels[0].samples[1], 100.0F - 32768.0F);
}

TEST(C3dSynthetic, SignedAnalogIsTwoComplement) {
  C3dFileBuilder b;
  b.float_storage = false;
  describe(b, 0, 1, 1, 1, 1.0F);
  b.data_words = {-300};
  EXPECT_EQ(read(b.build()).analog.channels[0].samples[0], -300.0F);
}

TEST(C3dSynthetic, FloatResidualWordIsConvertedToAnIntegerBeforeSplitting) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 2, -0.5F);
  b.data_words = {1, 2, 3, 0x7F * 256 + 4.0, 1, 2, 3, 4.9};  // camera mask 0x7F, residual 4; then residual 4.9 -> 4
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.tracks[0].residuals[0], 2.0F);  // 4 x 0.5
  EXPECT_EQ(t.points.tracks[0].residuals[1], 2.0F);
}

TEST(C3dSynthetic, ResidualsCanBeDropped) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 1, -1.0F);
  b.data_words = {1, 2, 3, 0};
  C3dReadOptions options;
  options.keep_residuals = false;
  EXPECT_TRUE(read(b.build(), options).points.tracks[0].residuals.empty());
}

// ---- parameter section ----

TEST(C3dSynthetic, LockedGroupsMultiDimensionalAndStringParameters) {
  C3dFileBuilder b;
  b.group("!POINT");
  b.group("EXTRA");
  b.ints("POINT", "USED", {}, {0}, true);
  b.floats("POINT", "RATE", {}, {50});
  b.floats("EXTRA", "CUBE", {3, 4, 2}, [] {
    std::vector<double> v;
    for (int i = 0; i < 24; ++i) v.push_back(i);
    return v;
  }());
  b.strings("EXTRA", "NAMES", {"ab", "cde", ""}, 4);
  b.parameters.push_back({"EXTRA", "LETTER", -1, {}, {}, {"Q"}, false});
  b.bytes("EXTRA", "FLAGS", {3}, {0, 200, 255});
  b.last_frame = 0;
  const auto bytes = b.build();
  const C3dParameters p = read_c3d_parameters_bytes(bytes, "params.c3d");
  ASSERT_NE(p.group("POINT"), nullptr);
  EXPECT_TRUE(p.group("point")->locked);  // lookups are case-insensitive
  EXPECT_TRUE(p.find("POINT", "USED")->locked);
  EXPECT_FALSE(p.find("POINT", "RATE")->locked);
  const auto* cube = p.find("EXTRA", "CUBE");
  ASSERT_NE(cube, nullptr);
  EXPECT_EQ(cube->dimensions, (std::vector<int>{3, 4, 2}));
  ASSERT_EQ(cube->numbers.size(), 24U);
  EXPECT_EQ(cube->numbers[1 + 3 * 2 + 12 * 1], 19.0);  // element (2,3,2): first dimension fastest
  const auto* names = p.find("EXTRA", "NAMES");
  EXPECT_EQ(names->strings, (std::vector<std::string>{"ab", "cde", ""}));
  EXPECT_EQ(p.find("EXTRA", "LETTER")->strings, (std::vector<std::string>{"Q"}));
  EXPECT_EQ(p.find("EXTRA", "FLAGS")->numbers, (std::vector<double>{0, 200, 255}));  // bytes are unsigned
}

TEST(C3dSynthetic, LabelsContinueInLabels2AndAreMadeUnique) {
  C3dFileBuilder b;
  describe(b, 300, 0, 0, 1, -1.0F);
  b.parameters.erase(std::remove_if(b.parameters.begin(), b.parameters.end(), [](const auto& p) { return p.name == "LABELS"; }),
                     b.parameters.end());
  std::vector<std::string> first, second;
  for (int i = 0; i < 255; ++i) first.push_back("P" + std::to_string(i));
  first[10] = "";     // blank -> generated name
  first[20] = "P19";  // duplicate -> suffixed
  for (int i = 255; i < 300; ++i) second.push_back("Q" + std::to_string(i));
  b.strings("POINT", "LABELS", first);
  b.strings("POINT", "LABELS2", second);
  b.data_words.assign(300 * 4, 0.0);
  const Trial t = read(b.build());
  ASSERT_EQ(t.points.tracks.size(), 300U);
  EXPECT_EQ(t.points.tracks[299].label, "Q299");
  EXPECT_EQ(t.points.tracks[10].label, "Point11");
  EXPECT_EQ(t.points.tracks[20].label, "P19_2");
  EXPECT_TRUE(has_warning(t, "blank POINT:LABELS"));
  EXPECT_TRUE(has_warning(t, "duplicate POINT:LABELS"));
}

TEST(C3dSynthetic, HeaderOnlyFileUsesHeaderCounts) {
  // Like phasespace_sample.c3d: a parameter section with no records.
  C3dFileBuilder b;
  b.point_count = 2;
  b.last_frame = 3;
  b.frame_rate = 30;
  b.data_words.assign(2 * 4 * 3, 1.0);
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.tracks.size(), 2U);
  EXPECT_EQ(t.points.frames, 3U);
  EXPECT_EQ(t.points.rate_hz, 30.0);
  EXPECT_TRUE(has_warning(t, "holds no parameters"));
}

TEST(C3dSynthetic, UnknownProcessorByteFallsBackToAPlausibleHeaderReading) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 1, -1.0F);
  b.processor_byte = 0;
  b.data_words = {1, 2, 3, 0};
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.tracks[0].samples[0].z, 3.0F);
  EXPECT_TRUE(has_warning(t, "processor type byte is 0"));
}

// ---- frame counts and layout decisions ----

TEST(C3dSynthetic, WrappedSixteenBitFrameCountIsResolvedFromTheFileSize) {
  constexpr int frames = 70000;
  C3dFileBuilder b;
  b.float_storage = false;
  describe(b, 1, 0, 0, 0, 1.0F);
  b.last_frame = 65535;  // header saturates (Vicon)
  for (auto& p : b.parameters)
    if (p.name == "FRAMES") p.numbers = {frames - 65536};  // 16-bit count wrapped
  b.data_words.reserve(4 * frames);
  for (int f = 0; f < frames; ++f) b.data_words.insert(b.data_words.end(), {static_cast<double>(f % 1000), 0, 0, 0});
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.frames, static_cast<std::size_t>(frames));
  EXPECT_EQ(t.points.tracks[0].samples[69999].x, 999.0F);
  EXPECT_TRUE(has_warning(t, "wrapped"));
}

TEST(C3dSynthetic, SaturatedFrameCountTakesTheFramesThatFillTheFileButNotThePadding) {
  constexpr int frames = 66000;  // 528000 bytes: the last block carries 384 bytes (48 frames) of zero padding
  C3dFileBuilder b;
  b.float_storage = false;
  describe(b, 1, 0, 0, 0, 1.0F);
  b.last_frame = 65535;
  for (auto& p : b.parameters)
    if (p.name == "FRAMES") p.numbers = {-1};  // 65535 as a 16-bit pattern
  for (int f = 0; f < frames; ++f) b.data_words.insert(b.data_words.end(), {static_cast<double>(f % 1000 + 1), 0, 0, 0});
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.frames, static_cast<std::size_t>(frames));
  EXPECT_TRUE(has_warning(t, "saturated"));
}

TEST(C3dSynthetic, FloatPointFramesAndTrialFieldsGiveLongFrameCounts) {
  constexpr int frames = 66000;
  C3dFileBuilder b;
  b.float_storage = false;
  describe(b, 1, 0, 0, 0, 1.0F);
  b.last_frame = 65535;
  for (auto& p : b.parameters)
    if (p.name == "FRAMES") {
      p.type = 4;
      p.numbers = {frames};
    }
  b.group("TRIAL");
  b.ints("TRIAL", "ACTUAL_START_FIELD", {2}, {100000 - 65536, 1});  // 100000 = low word + 65536 x high word
  b.ints("TRIAL", "ACTUAL_END_FIELD", {2}, {(100000 + frames - 1) % 65536, (100000 + frames - 1) / 65536});
  b.data_words.assign(4 * frames, 0.0);
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.frames, static_cast<std::size_t>(frames));
  EXPECT_EQ(t.points.first_frame, 100000);
}

TEST(C3dSynthetic, AnalogUsedZeroWithAnalogDataIsDetectedFromTheDataSize) {
  // c3d.org sample28 trap: parameters say no analog channels, the header and the data hold 6.
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 40, -1.0F);
  b.analog_words = 6;
  b.samples_per_frame = 1;
  for (int f = 0; f < 40; ++f) {
    b.data_words.insert(b.data_words.end(), {1, 2, 3, 0});
    for (int c = 0; c < 6; ++c) b.data_words.push_back(c + 0.5);
  }
  const Trial t = read(b.build());
  ASSERT_EQ(t.analog.channels.size(), 6U);
  EXPECT_EQ(t.analog.channels[5].samples[39], 5.5F);
  EXPECT_EQ(t.points.tracks[0].samples[39].z, 3.0F);
  EXPECT_TRUE(has_warning(t, "matches the file size"));
}

TEST(C3dSynthetic, ShortAnalogScaleUsesTheLastValue) {
  // evart.c3d trap: ANALOG:SCALE has fewer entries than channels.
  C3dFileBuilder b;
  describe(b, 0, 4, 1, 1, -1.0F);
  b.floats("ANALOG", "SCALE", {2}, {2.0, 3.0});
  b.data_words = {1, 1, 1, 1};
  const Trial t = read(b.build());
  EXPECT_EQ(t.analog.channels[0].samples[0], 2.0F);
  EXPECT_EQ(t.analog.channels[3].samples[0], 3.0F);
  EXPECT_TRUE(has_warning(t, "ANALOG:SCALE has 2 values for 4 channels"));
}

TEST(C3dSynthetic, TruncatedDataSectionReadsTheCompleteFrames) {
  C3dFileBuilder b;
  describe(b, 40, 0, 0, 100, -1.0F);
  b.data_words.assign(40 * 4 * 10, 1.0);  // 10 of 100 frames (6400 bytes: padding cannot hide a frame)
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.frames, 10U);
  EXPECT_TRUE(has_warning(t, "holds only 10 complete frames"));
}

TEST(C3dSynthetic, HeaderFirstFrameZeroIsKept) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 2, -1.0F);
  b.first_frame = 0;
  b.last_frame = 1;
  b.data_words.assign(8, 1.0);
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.first_frame, 0);
  EXPECT_EQ(t.points.frames, 2U);
}

// ---- Trial mapping ----

TEST(C3dSynthetic, CalMatrixHonoursMatrixStore) {
  for (const char* store : {"", "BYCOLUMN", "BYROW"}) {
    C3dFileBuilder b;
    describe(b, 0, 6, 1, 1, -1.0F);
    b.group("FORCE_PLATFORM");
    b.ints("FORCE_PLATFORM", "USED", {}, {1});
    b.ints("FORCE_PLATFORM", "TYPE", {1}, {4});
    b.ints("FORCE_PLATFORM", "CHANNEL", {6, 1}, {6, 5, 4, 3, 2, 1});
    std::vector<double> flat(36);
    for (int k = 0; k < 36; ++k) flat[static_cast<std::size_t>(k)] = k;
    b.floats("FORCE_PLATFORM", "CAL_MATRIX", {6, 6, 1}, flat);
    b.floats("FORCE_PLATFORM", "CORNERS", {3, 4, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    b.floats("FORCE_PLATFORM", "ORIGIN", {3, 1}, {0.5, -0.5, -40});
    if (*store != '\0') b.strings("FORCE_PLATFORM", "MATRIX_STORE", {store});
    b.data_words.assign(6, 0.0);
    const Trial t = read(b.build());
    ASSERT_EQ(t.force_plates.size(), 1U) << store;
    const auto& plate = t.force_plates[0];
    EXPECT_EQ(plate.channels, (std::vector<std::size_t>{5, 4, 3, 2, 1, 0}));
    EXPECT_EQ(plate.corners[1].x, 4.0);  // corner 2, x: element (1,2,1)
    EXPECT_EQ(plate.origin.z, -40.0);
    ASSERT_EQ(plate.calibration.size(), 36U);
    // Row 1, column 0 of C (F = C v): column order stores it at flat index 0*6+1, row order at 1*6+0.
    EXPECT_EQ(plate.calibration[1 * 6 + 0], std::string(store) == "BYROW" ? 6.0 : 1.0) << store;
  }
}

TEST(C3dSynthetic, PlatesWithTooFewOrMissingChannelsAreDroppedWithAWarning) {
  C3dFileBuilder b;
  describe(b, 0, 8, 1, 1, -1.0F);
  b.group("FORCE_PLATFORM");
  b.ints("FORCE_PLATFORM", "USED", {}, {3});
  b.ints("FORCE_PLATFORM", "TYPE", {3}, {3, 1, 2});
  b.ints("FORCE_PLATFORM", "CHANNEL", {6, 3}, {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 9});
  b.floats("FORCE_PLATFORM", "CORNERS", {3, 4, 3}, std::vector<double>(36, 1.0));
  b.data_words.assign(8, 0.0);
  const Trial t = read(b.build());
  ASSERT_EQ(t.force_plates.size(), 1U);  // type 3 needs 8 channels; plate 3 names channel 9 of 8
  EXPECT_EQ(t.force_plates[0].type, 1);
  EXPECT_TRUE(has_warning(t, "needs 8 channels"));
  EXPECT_TRUE(has_warning(t, "refers to analog channel 9"));
}

TEST(C3dSynthetic, EventsAreShiftedToTheFirstStoredFrame) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 5, -1.0F);
  b.first_frame = 11;  // at 100 Hz: frame 11 is 0.1 s after capture frame 1
  b.last_frame = 15;
  b.group("EVENT");
  b.ints("EVENT", "USED", {}, {3});
  b.strings("EVENT", "LABELS", {"Foot Strike", "Foot Off", "Foot Strike"});
  b.strings("EVENT", "CONTEXTS", {"Right", "left", "General"});
  b.floats("EVENT", "TIMES", {2, 3}, {0, 0.125, 0, 0.11, 1, 0.1});
  b.data_words.assign(5 * 4, 1.0);
  const Trial t = read(b.build());
  ASSERT_EQ(t.events.size(), 3U);
  // Sorted by time: 0.11 - 0.1, 0.125 - 0.1, 60.1 - 0.1 (float storage of the times: 1e-6 s)
  EXPECT_EQ(t.events[0].label, "Foot Off");
  EXPECT_EQ(t.events[0].side, Side::left);
  EXPECT_NEAR(t.events[0].time_s, 0.01, 1e-6);
  EXPECT_EQ(t.events[1].side, Side::right);
  EXPECT_NEAR(t.events[1].time_s, 0.025, 1e-6);
  EXPECT_EQ(t.events[2].side, Side::none);
  EXPECT_NEAR(t.events[2].time_s, 60.0, 1e-5);
  EXPECT_EQ(t.events[2].source, "file");
}

TEST(C3dSynthetic, SubjectHeightUnitIsInferredAndUpAxisComesFromYScreen) {
  for (double height : {1.8, 180.0, 1800.0}) {
    C3dFileBuilder b;
    describe(b, 1, 0, 0, 1, -1.0F);
    b.group("PROCESSING");
    b.group("SUBJECTS");
    b.floats("PROCESSING", "Bodymass", {1}, {70.5});
    b.floats("PROCESSING", "Height", {1}, {height});
    b.strings("SUBJECTS", "NAMES", {"Runner"});
    b.strings("POINT", "Y_SCREEN", {"+Y"});
    b.data_words.assign(4, 1.0);
    const Trial t = read(b.build());
    ASSERT_TRUE(t.subject.height_m.has_value());
    EXPECT_NEAR(*t.subject.height_m, 1.8, 1e-6);  // float storage of the parameter
    EXPECT_NEAR(t.subject.mass_kg.value_or(0), 70.5, 1e-6);
    EXPECT_EQ(t.subject.name, "Runner");
    EXPECT_EQ(t.up.axis, (Axis{1, 1}));
    EXPECT_EQ(t.up.method, "C3D POINT:Y_SCREEN");
    EXPECT_FALSE(t.up.detected);
  }
}

TEST(C3dSynthetic, AllSamplesFlaggedInvalidKeepTheirCoordinatesButNotSentinels) {
  // SIMI files (c3d.org sample16): every residual is -1; missing markers hold -1e9.
  C3dFileBuilder b;
  describe(b, 2, 0, 0, 2, -1.0F);
  b.data_words = {1.5, 2.5, 0.5, -1, -1e9, -1e9, -1e9, -1, 1.6, 2.6, 0.6, -1, 3, 3, 3, -1};
  const Trial t = read(b.build());
  EXPECT_EQ(t.points.tracks[0].samples[1].x, 1.6F);
  EXPECT_FALSE(t.points.tracks[1].samples[0].valid());
  EXPECT_TRUE(t.points.tracks[1].samples[1].valid());
  EXPECT_EQ(t.points.tracks[0].residuals[0], -1.0F);
  EXPECT_TRUE(has_warning(t, "flags are ignored"));
}

// ---- broken files: InputError naming the file, the byte offset and the problem ----

void expect_input_error(const std::vector<std::byte>& bytes, const std::string& fragment, std::uint64_t offset) {
  try {
    (void)read(bytes);
    FAIL() << "expected InputError containing '" << fragment << "'";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "synthetic.c3d");
    EXPECT_NE(e.problem().find(fragment), std::string::npos) << e.what();
    ASSERT_TRUE(e.byte_offset().has_value()) << e.what();
    EXPECT_EQ(*e.byte_offset(), offset) << e.what();
  }
}

TEST(C3dBroken, MissingFileAndDirectory) {
  EXPECT_THROW((void)read_c3d("/nonexistent/touchdown.c3d"), InputError);
  EXPECT_THROW((void)read_c3d(std::filesystem::temp_directory_path()), InputError);
  EXPECT_THROW((void)read_c3d_parameters("/nonexistent/touchdown.c3d"), InputError);
}

TEST(C3dBroken, EmptyAndShortFiles) {
  expect_input_error({}, "empty", 0);
  expect_input_error(std::vector<std::byte>(100), "fewer than the 512-byte", 100);
}

TEST(C3dBroken, WrongKeyByte) {
  C3dFileBuilder b;
  b.key = 0x51;
  expect_input_error(b.build(), "not a C3D file", 1);
}

TEST(C3dBroken, ParameterPointerPastTheEnd) {
  auto bytes = C3dFileBuilder{}.build();
  bytes[0] = std::byte{200};
  expect_input_error(bytes, "points past the end", 0);
}

TEST(C3dBroken, GarbageParameterSection) {
  auto bytes = C3dFileBuilder{}.build();
  for (std::size_t i = 516; i < 600; ++i) bytes[i] = std::byte{0xFF};
  expect_input_error(bytes, "parameter section is not readable", 516);
}

TEST(C3dBroken, UnknownProcessorAndImplausibleHeader) {
  C3dFileBuilder b;
  b.processor_byte = 99;
  b.frame_rate = -5;
  expect_input_error(b.build(), "unknown processor type 99", 515);
}

TEST(C3dBroken, DataSectionBeyondTheFile) {
  C3dFileBuilder b;
  describe(b, 1, 0, 0, 5, -1.0F);
  b.data_block = 300;
  auto bytes = b.build();
  bytes.resize(4096);
  expect_input_error(bytes, "no complete frame", 299 * 512);
}

TEST(C3dBroken, HugeDeclaredCountsNeverAllocate) {
  C3dFileBuilder b;
  describe(b, 0, 0, 0, 65535, -1.0F);
  for (auto& p : b.parameters)
    if (p.name == "USED") p.numbers = {65535};
  b.point_count = 65535;
  b.analog_words = 65535;
  b.samples_per_frame = 255;
  expect_input_error(b.build(), "no complete frame", 1024);
}

TEST(C3dBroken, CountsOfAnyTypeAndMagnitudeAreSafe) {
  // Fuzzer find: ANALOG:USED stored as the float 1.47e-39 became a zero divisor. Every count-like
  // parameter, stored as a float with awkward values, must give a Trial or an InputError.
  const double values[] = {1.46939e-39, 0.5, -3.0, 1e30, std::numeric_limits<double>::quiet_NaN(), 65535.0};
  const std::pair<const char*, const char*> parameters[] = {
      {"ANALOG", "USED"},         {"POINT", "USED"},           {"POINT", "FRAMES"},         {"POINT", "DATA_START"},
      {"FORCE_PLATFORM", "USED"}, {"FORCE_PLATFORM", "TYPE"},  {"FORCE_PLATFORM", "CHANNEL"}, {"EVENT", "USED"},
      {"TRIAL", "ACTUAL_START_FIELD"}, {"ANALOG", "OFFSET"}};
  for (const auto& [group, name] : parameters) {
    for (double value : values) {
      C3dFileBuilder b;
      describe(b, 1, 6, 1, 3, -1.0F);
      b.group("FORCE_PLATFORM");
      b.group("EVENT");
      b.group("TRIAL");
      b.ints("FORCE_PLATFORM", "USED", {}, {1});
      b.ints("FORCE_PLATFORM", "TYPE", {1}, {2});
      b.ints("FORCE_PLATFORM", "CHANNEL", {6, 1}, {1, 2, 3, 4, 5, 6});
      b.floats("FORCE_PLATFORM", "CORNERS", {3, 4, 1}, std::vector<double>(12, 1.0));
      b.ints("EVENT", "USED", {}, {1});
      b.floats("EVENT", "TIMES", {2, 1}, {0, 0.01});
      b.ints("TRIAL", "ACTUAL_START_FIELD", {2}, {1, 0});
      b.floats(group, name, {1}, {value});
      b.data_words.assign(3 * (4 + 6), 1.0);
      try {
        const Trial t = read(b.build());
        EXPECT_LE(t.points.frames, 3U) << group << ":" << name << " = " << value;
      } catch (const InputError&) {
      }
    }
  }
}

}  // namespace
}  // namespace touchdown
