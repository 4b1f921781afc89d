// write_c3d then read_c3d gives back the Trial: points (NaN gaps included), analog samples, force
// plates of types 1-4, events, subject and declared up axis, exactly in float storage. Also: long
// trials (> 65535 frames), what the writer refuses, and the reader's peak memory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>

#include "test_data.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
namespace {

class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("touchdown_" + std::to_string(::getpid()) + "_" + name)) {}
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Trial make_trial(std::size_t frames, std::size_t tracks, std::size_t channels, std::size_t per_frame) {
  Trial t;
  std::mt19937 random(42);
  std::uniform_real_distribution<float> position(-3000.0F, 3000.0F);
  std::normal_distribution<float> signal(0.0F, 2.0F);
  t.points.rate_hz = 200;
  t.points.first_frame = 7;
  t.points.frames = frames;
  t.points.units = "mm";
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t k = 0; k < tracks; ++k) {
    PointTrack track;
    track.label = "M" + std::to_string(k);
    track.description = k % 2 == 0 ? "marker " + std::to_string(k) : "";
    track.samples.resize(frames);
    for (std::size_t f = 0; f < frames; ++f) {
      const bool gap = (f + 3 * k) % 17 < 2;
      track.samples[f] = gap ? Vec3f{nan, nan, nan} : Vec3f{position(random), position(random), position(random)};
    }
    t.points.tracks.push_back(std::move(track));
  }
  t.analog.rate_hz = t.points.rate_hz * static_cast<double>(per_frame);
  t.analog.samples_per_channel = frames * per_frame;
  for (std::size_t c = 0; c < channels; ++c) {
    AnalogChannel channel;
    channel.label = "A" + std::to_string(c);
    channel.units = c < 3 ? "N" : "V";
    channel.samples.resize(frames * per_frame);
    for (auto& v : channel.samples) v = signal(random);
    t.analog.channels.push_back(std::move(channel));
  }
  return t;
}

void add_plates_events_subject(Trial& t) {
  for (int type = 1; type <= 4; ++type) {
    ForcePlate plate;
    plate.type = type;
    plate.name = "plate " + std::to_string(type);
    const std::size_t n = type == 3 ? 8 : 6;
    for (std::size_t i = 0; i < n; ++i) plate.channels.push_back((i + static_cast<std::size_t>(type)) % t.analog.channels.size());
    for (std::size_t c = 0; c < 4; ++c)
      plate.corners[c] = Vec3{100.0 * type + static_cast<double>(c), 200.5 + static_cast<double>(c), -1.25};
    plate.origin = Vec3{1.5, -2.5, -40.0 + type};
    if (type == 4) {
      plate.calibration.resize(36);
      for (std::size_t i = 0; i < 36; ++i) plate.calibration[i] = static_cast<double>(i) * 0.5 - 3;
    }
    t.force_plates.push_back(std::move(plate));
  }
  t.events = {{"Foot Strike", Side::left, 0.125, "file"}, {"Foot Off", Side::right, 0.4, "file"}, {"Event", Side::none, 61.5, "file"}};
  t.subject = Subject{"Runner One", 62.5, 1.81};
  t.up = AxisFinding{Axis{1, 1}, "C3D POINT:Y_SCREEN", false};
}

void expect_same_samples(const Trial& a, const Trial& b) {
  ASSERT_EQ(a.points.tracks.size(), b.points.tracks.size());
  ASSERT_EQ(a.points.frames, b.points.frames);
  for (std::size_t k = 0; k < a.points.tracks.size(); ++k) {
    const auto& p = a.points.tracks[k];
    const auto& q = b.points.tracks[k];
    ASSERT_EQ(p.label, q.label);
    ASSERT_EQ(p.description, q.description);
    for (std::size_t f = 0; f < a.points.frames; ++f) {
      ASSERT_EQ(p.samples[f].valid(), q.samples[f].valid()) << k << " " << f;
      if (!p.samples[f].valid()) continue;
      // Float storage: bit-exact.
      ASSERT_EQ(p.samples[f].x, q.samples[f].x);
      ASSERT_EQ(p.samples[f].y, q.samples[f].y);
      ASSERT_EQ(p.samples[f].z, q.samples[f].z);
    }
  }
  ASSERT_EQ(a.analog.channels.size(), b.analog.channels.size());
  ASSERT_EQ(a.analog.samples_per_channel, b.analog.samples_per_channel);
  for (std::size_t c = 0; c < a.analog.channels.size(); ++c) {
    ASSERT_EQ(a.analog.channels[c].label, b.analog.channels[c].label);
    ASSERT_EQ(a.analog.channels[c].units, b.analog.channels[c].units);
    ASSERT_EQ(a.analog.channels[c].samples, b.analog.channels[c].samples);  // SCALE 1, OFFSET 0: exact
  }
}

TEST(C3dRoundTrip, SyntheticTrialComesBackExactly) {
  Trial original = make_trial(500, 5, 8, 10);
  add_plates_events_subject(original);
  TempFile file("roundtrip.c3d");
  write_c3d(original, file.path());
  const Trial back = read_c3d(file.path());
  // The only decisions: event times count from capture frame 1 (first frame is 7); Height in mm.
  ASSERT_EQ(back.warnings.size(), 2U);
  EXPECT_NE(back.warnings[0].find("shifted by -0.03"), std::string::npos) << back.warnings[0];
  EXPECT_NE(back.warnings[1].find("read as mm"), std::string::npos) << back.warnings[1];
  expect_same_samples(original, back);
  EXPECT_EQ(back.points.rate_hz, original.points.rate_hz);
  EXPECT_EQ(back.points.first_frame, original.points.first_frame);
  EXPECT_EQ(back.points.units, "mm");
  EXPECT_EQ(back.analog.rate_hz, original.analog.rate_hz);
  ASSERT_EQ(back.force_plates.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& p = original.force_plates[i];
    const auto& q = back.force_plates[i];
    EXPECT_EQ(q.type, p.type);
    EXPECT_EQ(q.channels, p.channels);
    for (std::size_t c = 0; c < 4; ++c)
      for (int a = 0; a < 3; ++a) EXPECT_EQ(q.corners[c][a], p.corners[c][a]);  // values exact in float
    for (int a = 0; a < 3; ++a) EXPECT_EQ(q.origin[a], p.origin[a]);
    EXPECT_EQ(q.calibration, p.calibration);  // multiples of 0.5: exact in float
  }
  ASSERT_EQ(back.events.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back.events[i].label, original.events[i].label);
    EXPECT_EQ(back.events[i].side, original.events[i].side);
    // Times are stored as float seconds from capture frame 1 (plus whole minutes): float rounding only.
    EXPECT_NEAR(back.events[i].time_s, original.events[i].time_s, 1e-5);
  }
  EXPECT_EQ(back.subject.name, "Runner One");
  EXPECT_NEAR(back.subject.mass_kg.value_or(0), 62.5, 1e-6);     // float parameter
  EXPECT_NEAR(back.subject.height_m.value_or(0), 1.81, 1e-6);    // written in mm (Vicon), read back as m
  EXPECT_EQ(back.up.axis, original.up.axis);
  EXPECT_EQ(back.up.method, "C3D POINT:Y_SCREEN");
}

TEST(C3dRoundTrip, ResidualsKeepTheirResolution) {
  Trial original = make_trial(50, 2, 0, 0);
  for (auto& track : original.points.tracks) {
    track.residuals.resize(track.samples.size());
    for (std::size_t f = 0; f < track.samples.size(); ++f) track.residuals[f] = track.samples[f].valid() ? 0.8F : -1.0F;
  }
  TempFile file("residuals.c3d");
  write_c3d(original, file.path());
  const Trial back = read_c3d(file.path());
  const auto scale = static_cast<float>(read_c3d_parameters(file.path()).find("POINT", "SCALE")->numbers[0]);
  for (std::size_t f = 0; f < 50; ++f) {
    const float r = back.points.tracks[0].residuals[f];
    if (original.points.tracks[0].samples[f].valid()) EXPECT_NEAR(r, 0.8F, std::abs(scale) / 2 + 1e-6F);  // 8-bit residual byte x |scale|
    else EXPECT_EQ(r, -1.0F);
  }
}

TEST(C3dRoundTrip, RbdsRunComesBackExactly) {
  const std::string path = "running/rbds/c3d/RBDS001runT35.c3d";
  TOUCHDOWN_REQUIRE_DATA(path);
  const Trial original = read_c3d(testing::data_path(path));
  TempFile file("rbds.c3d");
  write_c3d(original, file.path());
  const Trial back = read_c3d(file.path());
  expect_same_samples(original, back);
  ASSERT_EQ(back.force_plates.size(), 1U);
  EXPECT_EQ(back.force_plates[0].calibration, original.force_plates[0].calibration);
  EXPECT_EQ(back.force_plates[0].channels, original.force_plates[0].channels);
  EXPECT_EQ(back.up.axis, original.up.axis);
}

TEST(C3dRoundTrip, LongTrialUsesFloatFrameCountAndTrialGroup) {
  constexpr std::size_t frames = 70000;
  const Trial original = make_trial(frames, 1, 1, 1);
  TempFile file("long.c3d");
  write_c3d(original, file.path());
  const C3dParameters parameters = read_c3d_parameters(file.path());
  ASSERT_NE(parameters.find("POINT", "FRAMES"), nullptr);
  EXPECT_EQ(parameters.find("POINT", "FRAMES")->type, 4);  // c3d.org: counts > 65535 as a float POINT:FRAMES
  const auto* end = parameters.find("TRIAL", "ACTUAL_END_FIELD");
  ASSERT_NE(end, nullptr);
  EXPECT_EQ(end->unsigned_number(0) + 65536 * end->unsigned_number(1), 7 + frames - 1);
  const Trial back = read_c3d(file.path());
  EXPECT_TRUE(back.warnings.empty()) << back.warnings.front();
  expect_same_samples(original, back);
}

TEST(C3dRoundTrip, EmptyTrialComesBackEmpty) {
  const Trial original = make_trial(0, 3, 2, 5);
  TempFile file("empty.c3d");
  write_c3d(original, file.path());
  const Trial back = read_c3d(file.path());
  EXPECT_EQ(back.points.frames, 0U);
  EXPECT_EQ(back.points.tracks.size(), 3U);
  EXPECT_EQ(back.analog.channels.size(), 2U);
  EXPECT_EQ(back.analog.samples_per_channel, 0U);
}

TEST(C3dRoundTrip, WriterRefusesTrialsC3dCannotHold) {
  TempFile file("refused.c3d");
  Trial odd = make_trial(10, 1, 1, 2);
  odd.analog.rate_hz = 250;  // not a whole multiple of 200 Hz
  EXPECT_THROW(write_c3d(odd, file.path()), InputError);
  Trial ragged = make_trial(10, 2, 0, 0);
  ragged.points.tracks[1].samples.pop_back();
  EXPECT_THROW(write_c3d(ragged, file.path()), InputError);
  Trial long_label = make_trial(10, 1, 0, 0);
  long_label.points.tracks[0].label = std::string(300, 'x');
  EXPECT_THROW(write_c3d(long_label, file.path()), InputError);
}

// Peak resident memory while reading: the Trial itself plus one chunk, never the file twice.
long resident_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  return -1;
}

TEST(C3dRoundTrip, ReadingPeaksBelowOneAndAHalfFileSizes) {
  TempFile file("memory.c3d");
  std::uintmax_t size = 0;
  {
    // 2 minutes: 60 markers @200 Hz, 16 analog channels @2 kHz (about 37 MB).
    const Trial big = make_trial(24000, 60, 16, 10);
    write_c3d(big, file.path());
    size = std::filesystem::file_size(file.path());
  }
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5" << std::flush;  // Linux >= 4.0: reset the peak (VmHWM) to the current RSS
  if (!clear) GTEST_SKIP() << "cannot reset the peak RSS (/proc/self/clear_refs)";
  const long before = resident_kb("VmRSS:");
  const Trial t = read_c3d(file.path());
  const long peak = resident_kb("VmHWM:");
  ASSERT_GT(before, 0);
  const double growth_bytes = static_cast<double>(peak - before) * 1024.0;
  RecordProperty("peak_growth_over_file_size", std::to_string(growth_bytes / static_cast<double>(size)));
  EXPECT_EQ(t.points.frames, 24000U);
  EXPECT_LE(growth_bytes, 1.5 * static_cast<double>(size));
}

}  // namespace
}  // namespace touchdown
