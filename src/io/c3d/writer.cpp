// write_c3d: Intel (processor 84) float C3D, laid out as the C3D User Guide describes: header block,
// parameter section from block 2, data section after it. Samples are written as stored in the Trial
// (analog SCALE 1, OFFSET 0, GEN_SCALE 1), so a read gives back the same numbers.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

#include "io/c3d/header.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
namespace {
using c3d::kBlockSize;

class Bytes {
 public:
  void u8(unsigned v) { data_.push_back(static_cast<std::byte>(v & 0xFFU)); }
  void i8(int v) { u8(static_cast<unsigned>(v) & 0xFFU); }
  void u16(unsigned v) {
    u8(v);
    u8(v >> 8U);
  }
  void f32(float v) {
    const auto bits = std::bit_cast<std::uint32_t>(v);
    u16(bits & 0xFFFFU);
    u16(bits >> 16U);
  }
  void text(std::string_view s, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) u8(i < s.size() ? static_cast<unsigned char>(s[i]) : ' ');
  }
  void patch_u16(std::size_t at, unsigned v) {
    data_[at] = static_cast<std::byte>(v & 0xFFU);
    data_[at + 1] = static_cast<std::byte>((v >> 8U) & 0xFFU);
  }
  void pad_to_block() {
    while (data_.size() % kBlockSize != 0) u8(0);
  }
  [[nodiscard]] std::size_t size() const { return data_.size(); }
  [[nodiscard]] const std::vector<std::byte>& data() const { return data_; }
  std::vector<std::byte>& data() { return data_; }

 private:
  std::vector<std::byte> data_;
};

class ParameterWriter {
 public:
  explicit ParameterWriter(const std::string& file) : file_(file) {
    out_.u8(1);  // reserved word (kept as many writers do: block pointer + key)
    out_.u8(c3d::kParameterKey);
    out_.u8(0);  // block count, patched in finish()
    out_.u8(84);  // 83 + 1: Intel
  }

  int group(std::string_view name, std::string_view description) {
    const int id = ++groups_;
    begin_record(name, -id);
    const std::size_t offset_at = out_.size();
    out_.u16(0);
    out_.u8(static_cast<unsigned>(description.size()));
    out_.text(description, description.size());
    end_record(offset_at);
    return id;
  }

  // Returns the byte position of the first value, for patching.
  std::size_t integers(int group, std::string_view name, const std::vector<int>& dims, const std::vector<std::int64_t>& values) {
    const std::size_t offset_at = begin_parameter(group, name, 2, dims);
    const std::size_t values_at = out_.size();
    for (auto v : values) {
      if (v < -32768 || v > 65535) throw InputError(file_, "value " + std::to_string(v) + " of " + std::string(name) + " does not fit 16 bits");
      out_.u16(static_cast<unsigned>(v) & 0xFFFFU);
    }
    finish_parameter(offset_at);
    return values_at;
  }
  void floats(int group, std::string_view name, const std::vector<int>& dims, const std::vector<double>& values) {
    const std::size_t offset_at = begin_parameter(group, name, 4, dims);
    for (auto v : values) out_.f32(static_cast<float>(v));
    finish_parameter(offset_at);
  }
  void string(int group, std::string_view name, std::string_view value) {
    const std::size_t width = std::max<std::size_t>(value.size(), 1);
    check_width(name, width);
    const std::size_t offset_at = begin_parameter(group, name, -1, {static_cast<int>(width)});
    out_.text(value, width);
    finish_parameter(offset_at);
  }
  // A list of strings; more than 255 continue in NAME2, NAME3, ... (C3D User Guide, POINT:LABELS2).
  void strings(int group, std::string_view name, const std::vector<std::string>& values) {
    std::size_t width = 1;
    for (const auto& v : values) width = std::max(width, v.size());
    check_width(name, width);
    std::size_t part = 0;
    do {
      const std::size_t first = part * 255;
      const std::size_t count = std::min<std::size_t>(255, values.size() - first);
      const std::string part_name = std::string(name) + (part == 0 ? "" : std::to_string(part + 1));
      const std::size_t offset_at = begin_parameter(group, part_name, -1, {static_cast<int>(width), static_cast<int>(count)});
      for (std::size_t i = 0; i < count; ++i) out_.text(values[first + i], width);
      finish_parameter(offset_at);
      ++part;
    } while (part * 255 < values.size());
  }
  void float_list(int group, std::string_view name, const std::vector<double>& values) {
    std::size_t part = 0;
    do {
      const std::size_t first = part * 255;
      const std::size_t count = std::min<std::size_t>(255, values.size() - first);
      const std::string part_name = std::string(name) + (part == 0 ? "" : std::to_string(part + 1));
      floats(group, part_name, {static_cast<int>(count)}, std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(first),
                                                                              values.begin() + static_cast<std::ptrdiff_t>(first + count)));
      ++part;
    } while (part * 255 < values.size());
  }
  void integer_list(int group, std::string_view name, const std::vector<std::int64_t>& values) {
    std::size_t part = 0;
    do {
      const std::size_t first = part * 255;
      const std::size_t count = std::min<std::size_t>(255, values.size() - first);
      const std::string part_name = std::string(name) + (part == 0 ? "" : std::to_string(part + 1));
      integers(group, part_name, {static_cast<int>(count)},
               std::vector<std::int64_t>(values.begin() + static_cast<std::ptrdiff_t>(first),
                                         values.begin() + static_cast<std::ptrdiff_t>(first + count)));
      ++part;
    } while (part * 255 < values.size());
  }

  // Blocks of the section; the last record's offset becomes 0 ("last record").
  Bytes finish() {
    if (last_offset_at_ != 0) out_.patch_u16(last_offset_at_, 0);
    out_.u16(0);  // a zero name length after the last record, for readers that look for it
    out_.pad_to_block();
    const std::size_t blocks = out_.size() / kBlockSize;
    if (blocks > 255) throw InputError(file_, "parameter section needs " + std::to_string(blocks) + " blocks; C3D allows 255");
    out_.data()[2] = static_cast<std::byte>(blocks);
    return out_;
  }

 private:
  void check_width(std::string_view name, std::size_t width) const {
    if (width > 255) throw InputError(file_, "a " + std::string(name) + " entry is longer than the 255 characters C3D allows");
  }
  void begin_record(std::string_view name, int id) {
    out_.i8(static_cast<int>(name.size()));
    out_.i8(id);
    out_.text(name, name.size());
  }
  void end_record(std::size_t offset_at) {
    out_.patch_u16(offset_at, static_cast<unsigned>(out_.size() - offset_at));
    last_offset_at_ = offset_at;
  }
  std::size_t begin_parameter(int group, std::string_view name, int type, const std::vector<int>& dims) {
    for (int d : dims)
      if (d < 0 || d > 255) throw InputError(file_, std::string(name) + " has a dimension of " + std::to_string(d) + "; C3D allows 255");
    begin_record(name, group);
    const std::size_t offset_at = out_.size();
    out_.u16(0);
    out_.i8(type);
    out_.u8(static_cast<unsigned>(dims.size()));
    for (int d : dims) out_.u8(static_cast<unsigned>(d));
    return offset_at;
  }
  void finish_parameter(std::size_t offset_at) {
    out_.u8(0);  // no description
    if (out_.size() - offset_at > 32767) throw InputError(file_, "a parameter is too large for a C3D record");
    end_record(offset_at);
  }

  const std::string& file_;
  Bytes out_;
  int groups_ = 0;
  std::size_t last_offset_at_ = 0;
};

std::string axis_text(const Axis& axis) { return std::string(axis.sign < 0 ? "-" : "+") + static_cast<char>('X' + axis.index); }

std::string_view context_of(Side side) {
  switch (side) {
    case Side::left: return "Left";
    case Side::right: return "Right";
    case Side::none: return "General";
  }
  return "General";
}

}  // namespace

void write_c3d(const Trial& trial, const std::filesystem::path& path) {
  const std::string file = path.string();
  const auto& points = trial.points;
  const auto& analog = trial.analog;

  // ---- frame clock ----
  double rate = points.rate_hz;
  std::size_t frames = points.frames;
  std::size_t per_frame = 0;
  if (!analog.channels.empty()) {
    if (!(rate > 0)) {
      rate = analog.rate_hz;
      frames = analog.samples_per_channel;
    }
    if (!(analog.rate_hz > 0) || !(rate > 0)) throw InputError(file, "analog channels need a positive rate");
    const double ratio = analog.rate_hz / rate;
    per_frame = static_cast<std::size_t>(std::lround(ratio));
    if (per_frame == 0 || std::abs(ratio - static_cast<double>(per_frame)) > 1e-6 * ratio)
      throw InputError(file, "analog rate " + std::to_string(analog.rate_hz) + " Hz is not a whole multiple of the frame rate " +
                                 std::to_string(rate) + " Hz");
  }
  if (!(rate > 0) && frames > 0) throw InputError(file, "the trial has frames but no frame rate");
  for (const auto& track : points.tracks)
    if (track.samples.size() != frames)
      throw InputError(file, "track '" + track.label + "' has " + std::to_string(track.samples.size()) + " samples, expected " +
                                 std::to_string(frames));
  for (const auto& channel : analog.channels)
    if (channel.samples.size() != frames * per_frame)
      throw InputError(file, "analog channel '" + channel.label + "' has " + std::to_string(channel.samples.size()) +
                                 " samples, expected " + std::to_string(frames * per_frame));
  if (points.tracks.size() > 65535) throw InputError(file, "more than 65535 point tracks");
  if (analog.channels.size() * per_frame > 65535) throw InputError(file, "more than 65535 analog samples per frame");

  // POINT:SCALE for float files only scales residuals, but must be valid: max coordinate / 32000.
  float largest = 0;
  for (const auto& track : points.tracks)
    for (const auto& s : track.samples)
      if (s.valid()) largest = std::max({largest, std::abs(s.x), std::abs(s.y), std::abs(s.z)});
  const float scale = largest > 0 ? largest / 32000.0F : 0.1F;

  const std::int64_t first_frame = points.first_frame;
  const std::int64_t last_frame = first_frame + static_cast<std::int64_t>(frames) - 1;
  const bool long_trial = frames > 65535;

  // ---- parameters ----
  ParameterWriter parameters(file);
  std::vector<std::string> labels, descriptions;
  for (const auto& track : points.tracks) {
    labels.push_back(track.label);
    descriptions.push_back(track.description);
  }
  const int point_group = parameters.group("POINT", "3-D point parameters");
  parameters.integers(point_group, "USED", {}, {static_cast<std::int64_t>(points.tracks.size())});
  parameters.floats(point_group, "SCALE", {}, {-static_cast<double>(scale)});
  parameters.floats(point_group, "RATE", {}, {rate});
  // POINT:DATA_START is known once the section size is; its value is patched after finish().
  const std::size_t data_start_at = parameters.integers(point_group, "DATA_START", {}, {0});
  if (long_trial) parameters.floats(point_group, "FRAMES", {}, {static_cast<double>(frames)});
  else parameters.integers(point_group, "FRAMES", {}, {static_cast<std::int64_t>(frames)});
  parameters.strings(point_group, "LABELS", labels);
  parameters.strings(point_group, "DESCRIPTIONS", descriptions);
  parameters.string(point_group, "UNITS", points.units);
  if (!trial.up.method.empty()) {
    Axis x_axis{trial.up.axis.index == 0 ? 1 : 0, 1};
    if (!trial.progression.method.empty() && trial.progression.axis.index != trial.up.axis.index) x_axis = trial.progression.axis;
    parameters.string(point_group, "X_SCREEN", axis_text(x_axis));
    parameters.string(point_group, "Y_SCREEN", axis_text(trial.up.axis));
  }

  const int analog_group = parameters.group("ANALOG", "Analog data parameters");
  std::vector<std::string> analog_labels, analog_descriptions, analog_units;
  for (const auto& channel : analog.channels) {
    analog_labels.push_back(channel.label);
    analog_descriptions.push_back(channel.description);
    analog_units.push_back(channel.units);
  }
  parameters.integers(analog_group, "USED", {}, {static_cast<std::int64_t>(analog.channels.size())});
  parameters.strings(analog_group, "LABELS", analog_labels);
  parameters.strings(analog_group, "DESCRIPTIONS", analog_descriptions);
  parameters.strings(analog_group, "UNITS", analog_units);
  parameters.float_list(analog_group, "SCALE", std::vector<double>(analog.channels.size(), 1.0));
  parameters.integer_list(analog_group, "OFFSET", std::vector<std::int64_t>(analog.channels.size(), 0));
  parameters.floats(analog_group, "GEN_SCALE", {}, {1.0});
  parameters.floats(analog_group, "RATE", {}, {analog.channels.empty() ? rate : analog.rate_hz});
  parameters.string(analog_group, "FORMAT", "SIGNED");
  parameters.integers(analog_group, "BITS", {}, {16});

  std::vector<const ForcePlate*> plates;
  for (const auto& plate : trial.force_plates)
    if (plate.type >= 1 && plate.type <= 4) plates.push_back(&plate);
  if (plates.size() > 255) throw InputError(file, "more than 255 force plates");
  const int plate_group = parameters.group("FORCE_PLATFORM", "Force platform parameters");
  parameters.integers(plate_group, "USED", {}, {static_cast<std::int64_t>(plates.size())});
  {
    const int n = static_cast<int>(plates.size());
    std::vector<std::int64_t> types, channels;
    std::vector<double> corners, origins, calibration;
    std::size_t rows = 6;
    bool any_type4 = false;
    for (const auto* plate : plates) {
      rows = std::max(rows, plate->channels.size());
      any_type4 = any_type4 || plate->type == 4;
    }
    if (rows > 255) throw InputError(file, "a force plate has more than 255 channels");
    for (const auto* plate : plates) {
      types.push_back(plate->type);
      for (std::size_t r = 0; r < rows; ++r)
        channels.push_back(r < plate->channels.size() ? static_cast<std::int64_t>(plate->channels[r]) + 1 : 0);
      for (const auto& corner : plate->corners)
        for (int a = 0; a < 3; ++a) corners.push_back(corner[a]);
      for (int a = 0; a < 3; ++a) origins.push_back(plate->origin[a]);
      for (std::size_t column = 0; column < 6; ++column)  // column order (C3D default, MATRIX_STORE BYCOLUMN)
        for (std::size_t row = 0; row < 6; ++row)
          calibration.push_back(plate->calibration.size() == 36 ? plate->calibration[row * 6 + column] : 0.0);
    }
    parameters.integers(plate_group, "TYPE", {n}, types);
    parameters.integers(plate_group, "ZERO", {2}, {1, 0});
    parameters.floats(plate_group, "CORNERS", {3, 4, n}, corners);
    parameters.floats(plate_group, "ORIGIN", {3, n}, origins);
    parameters.integers(plate_group, "CHANNEL", {static_cast<int>(rows), n}, channels);
    if (any_type4) {
      parameters.floats(plate_group, "CAL_MATRIX", {6, 6, n}, calibration);
      parameters.string(plate_group, "MATRIX_STORE", "BYCOLUMN");
    }
  }

  if (!trial.events.empty()) {
    if (trial.events.size() > 255) throw InputError(file, "more than 255 events");
    const int context_group = parameters.group("EVENT_CONTEXT", "Event context parameters");
    parameters.integers(context_group, "USED", {}, {3});
    parameters.integers(context_group, "ICON_IDS", {3}, {0, 1, 2});
    parameters.strings(context_group, "LABELS", {"General", "Left", "Right"});
    const int event_group = parameters.group("EVENT", "Event parameters");
    std::vector<std::string> event_labels, contexts;
    std::vector<double> times;
    // EVENT:TIMES count from capture frame 1 (see event_mapping.cpp); Event::time_s from the first stored frame.
    const double shift = rate > 0 ? static_cast<double>(first_frame - 1) / rate : 0.0;
    for (const auto& event : trial.events) {
      event_labels.push_back(event.label);
      contexts.emplace_back(context_of(event.side));
      const double t = event.time_s + shift;
      const double minutes = t >= 0 ? std::floor(t / 60.0) : 0.0;
      times.push_back(minutes);
      times.push_back(t - 60.0 * minutes);
    }
    parameters.integers(event_group, "USED", {}, {static_cast<std::int64_t>(trial.events.size())});
    parameters.strings(event_group, "LABELS", event_labels);
    parameters.strings(event_group, "CONTEXTS", contexts);
    parameters.floats(event_group, "TIMES", {2, static_cast<int>(trial.events.size())}, times);
  }

  if (!trial.subject.name.empty()) {
    const int subjects = parameters.group("SUBJECTS", "Subject parameters");
    parameters.integers(subjects, "USED", {}, {1});
    parameters.strings(subjects, "NAMES", {trial.subject.name});
  }
  if (trial.subject.mass_kg || trial.subject.height_m) {
    const int processing = parameters.group("PROCESSING", "Subject measurements");
    if (trial.subject.mass_kg) parameters.floats(processing, "Bodymass", {}, {*trial.subject.mass_kg});
    if (trial.subject.height_m) parameters.floats(processing, "Height", {}, {*trial.subject.height_m * 1000.0});  // mm, as Vicon
  }

  auto split = [](std::int64_t v) -> std::vector<std::int64_t> {
    const auto u = static_cast<std::uint64_t>(std::max<std::int64_t>(v, 0));
    return {static_cast<std::int64_t>(u & 0xFFFFU), static_cast<std::int64_t>((u >> 16U) & 0xFFFFU)};
  };
  if (frames > 0) {
    const int trial_group = parameters.group("TRIAL", "Trial frame range");
    parameters.integers(trial_group, "ACTUAL_START_FIELD", {2}, split(first_frame));
    parameters.integers(trial_group, "ACTUAL_END_FIELD", {2}, split(last_frame));
  }
  const int manufacturer = parameters.group("MANUFACTURER", "Writer");
  parameters.string(manufacturer, "COMPANY", "Touchdown");
  parameters.string(manufacturer, "SOFTWARE", "touchdown write_c3d");

  Bytes section = parameters.finish();
  std::vector<std::byte>& bytes = section.data();
  const std::size_t blocks = bytes.size() / kBlockSize;
  const unsigned data_block = static_cast<unsigned>(2 + blocks);
  section.patch_u16(data_start_at, data_block);

  // ---- header ----
  Bytes header;
  header.u8(2);
  header.u8(c3d::kParameterKey);
  header.u16(static_cast<unsigned>(points.tracks.size()));
  header.u16(static_cast<unsigned>(analog.channels.size() * per_frame));
  header.u16(static_cast<unsigned>(std::clamp<std::int64_t>(first_frame, 0, 65535)));
  header.u16(static_cast<unsigned>(std::clamp<std::int64_t>(long_trial ? 65535 : last_frame, 0, 65535)));
  header.u16(0);
  header.f32(-scale);
  header.u16(data_block);
  header.u16(static_cast<unsigned>(per_frame));
  header.f32(static_cast<float>(rate));
  while (header.size() < 2 * 149) header.u16(0);
  header.u16(c3d::kLabelKey);  // word 150
  header.u16(0);               // word 151: no header events
  header.pad_to_block();

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(file, "cannot open for writing");
  auto write = [&](const std::vector<std::byte>& b) {
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  };
  write(header.data());
  write(bytes);

  // ---- data, in chunks ----
  const std::size_t frame_words = 4 * points.tracks.size() + analog.channels.size() * per_frame;
  const std::size_t chunk_frames = std::max<std::size_t>(1, (std::size_t{4} << 20U) / std::max<std::size_t>(1, frame_words * 4));
  std::vector<float> chunk;
  chunk.reserve(std::min(frames, chunk_frames) * frame_words);
  for (std::size_t f0 = 0; f0 < frames; f0 += chunk_frames) {
    const std::size_t count = std::min(chunk_frames, frames - f0);
    chunk.clear();
    for (std::size_t f = f0; f < f0 + count; ++f) {
      for (const auto& track : points.tracks) {
        const Vec3f& s = track.samples[f];
        if (s.valid()) {
          float residual_word = 0;
          if (!track.residuals.empty() && track.residuals[f] > 0)
            residual_word = std::min(255.0F, std::round(track.residuals[f] / scale));
          chunk.insert(chunk.end(), {s.x, s.y, s.z, residual_word});
        } else {
          chunk.insert(chunk.end(), {0.0F, 0.0F, 0.0F, -1.0F});
        }
      }
      for (std::size_t s = 0; s < per_frame; ++s)
        for (const auto& channel : analog.channels) chunk.push_back(channel.samples[f * per_frame + s]);
    }
    if constexpr (std::endian::native == std::endian::big)
      for (auto& v : chunk) v = std::bit_cast<float>(__builtin_bswap32(std::bit_cast<std::uint32_t>(v)));
    out.write(reinterpret_cast<const char*>(chunk.data()), static_cast<std::streamsize>(chunk.size() * sizeof(float)));
  }
  const auto written = static_cast<std::size_t>(out.tellp());
  if (written % kBlockSize != 0) {
    const std::vector<char> padding(kBlockSize - written % kBlockSize, 0);
    out.write(padding.data(), static_cast<std::streamsize>(padding.size()));
  }
  out.flush();
  if (!out) throw InputError(file, "write failed");
}

}  // namespace touchdown
