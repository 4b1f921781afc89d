#include "io/c3d/data_layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "io/c3d/parameter_access.hpp"
#include "io/c3d/text.hpp"
#include "touchdown/error.hpp"

namespace touchdown::c3d {
namespace {

template <typename T>
struct Candidate {
  T value{};
  std::string source;
};

template <typename T>
void add_candidate(std::vector<Candidate<T>>& list, T value, std::string source) {
  for (const auto& c : list)
    if (c.value == value) return;
  list.push_back({value, std::move(source)});
}

struct AnalogShape {
  std::size_t channels = 0;
  std::size_t per_frame = 0;
  friend bool operator==(const AnalogShape&, const AnalogShape&) = default;
};

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

const C3dParameter* numeric(const C3dParameters& p, std::string_view group, std::string_view name) {
  const auto* q = p.find(group, name);
  return q != nullptr && !q->numbers.empty() ? q : nullptr;
}

bool valid_rate(double r) { return std::isfinite(r) && r > 0 && r < 1e7; }

// A TRIAL field: two unsigned 16-bit words, least significant first (c3d.org "TRIAL:ACTUAL_START_FIELD").
std::optional<std::uint64_t> trial_field(const C3dParameters& p, std::string_view name) {
  const auto* q = numeric(p, "TRIAL", name);
  if (q == nullptr || q->type == 4) return std::nullopt;
  std::uint64_t value = to_count(q->unsigned_number(0), 65535);
  if (q->numbers.size() >= 2) value += std::uint64_t{to_count(q->unsigned_number(1), 65535)} << 16U;
  return value;
}

struct Combination {
  std::array<std::size_t, 5> index{};  // offset, storage, points, analog, frames
  int distance = 0;
};

}  // namespace

C3dLayout decide_layout(const C3dHeader& header, const C3dParameters& parameters, const ByteSource& source,
                        std::vector<std::string>& warnings) {
  const std::uint64_t file_size = source.size();
  const std::string& file_name = source.name();
  auto trailing_zero = [&](std::uint64_t offset, std::uint64_t bytes) {
    std::vector<std::byte> tail(static_cast<std::size_t>(bytes));
    source.read(offset, tail, "data section");
    return std::all_of(tail.begin(), tail.end(), [](std::byte b) { return b == std::byte{0}; });
  };
  C3dLayout layout;
  layout.processor = parameters.processor;

  // ---- rates (needed to derive analog samples per frame) ----
  const auto param_point_rate = first_number(parameters, "POINT", "RATE");
  const double header_rate = header.frame_rate;
  double point_rate = 0;
  if (param_point_rate && valid_rate(*param_point_rate)) {
    point_rate = *param_point_rate;
    if (valid_rate(header_rate) && std::abs(header_rate - point_rate) > 1e-3 * point_rate)
      warnings.push_back("C3D: header frame rate " + number_text(header_rate) + " Hz disagrees with POINT:RATE " +
                         number_text(point_rate) + " Hz; using POINT:RATE");
  } else if (valid_rate(header_rate)) {
    point_rate = header_rate;
    if (!parameters.groups.empty())
      warnings.push_back("C3D: POINT:RATE is " + std::string(param_point_rate ? "invalid" : "missing") +
                         "; using the header frame rate " + number_text(header_rate) + " Hz");
  }
  const auto param_analog_rate = first_number(parameters, "ANALOG", "RATE");

  // ---- storage and scale ----
  const auto param_scale = first_number(parameters, "POINT", "SCALE");
  const bool have_param_scale = param_scale && *param_scale != 0;
  const double scale_value = have_param_scale ? *param_scale : static_cast<double>(header.scale);
  std::vector<Candidate<bool>> storage;
  add_candidate(storage, scale_value < 0, have_param_scale ? "POINT:SCALE" : "header scale");
  if (have_param_scale && std::isfinite(header.scale) && header.scale != 0)
    add_candidate(storage, header.scale < 0, "header scale");
  if (std::isfinite(scale_value) && scale_value != 0) {
    layout.point_scale = static_cast<float>(std::abs(scale_value));
  } else {
    layout.point_scale = 1.0F;
    warnings.push_back("C3D: POINT:SCALE and the header scale are 0 or invalid; integer coordinates are used unscaled");
  }
  if (have_param_scale && std::isfinite(header.scale) && header.scale != 0 &&
      std::abs(std::abs(header.scale) - std::abs(*param_scale)) > 1e-4 * std::abs(*param_scale))
    warnings.push_back("C3D: header scale " + number_text(header.scale) + " disagrees with POINT:SCALE " +
                       number_text(*param_scale) + "; using POINT:SCALE");

  // ---- data section offset ----
  std::vector<Candidate<std::uint64_t>> offsets;
  if (header.data_block >= 2) add_candidate(offsets, (std::uint64_t{header.data_block} - 1) * kBlockSize, "header data block");
  if (auto ds = first_number(parameters, "POINT", "DATA_START"); ds && *ds >= 2)
    add_candidate(offsets, (to_count(*ds, 65535) - 1) * kBlockSize, "POINT:DATA_START");
  if (offsets.empty()) throw InputError(file_name, "no data section: header word 9 and POINT:DATA_START are both missing or 0", 16);

  // ---- points per frame ----
  std::vector<Candidate<std::size_t>> point_counts;
  if (auto used = first_number(parameters, "POINT", "USED")) add_candidate(point_counts, to_count(*used, 65535), "POINT:USED");
  add_candidate(point_counts, std::size_t{header.point_count}, "header point count");

  // ---- analog channels x samples per frame ----
  std::size_t spf_rates = 0;
  if (param_analog_rate && valid_rate(*param_analog_rate) && point_rate > 0) {
    const double ratio = *param_analog_rate / point_rate;
    if (ratio >= 0.5 && ratio < 65536) spf_rates = static_cast<std::size_t>(std::lround(ratio));
  }
  const std::size_t spf_header = header.analog_samples_per_frame;
  const std::size_t spf_primary = spf_header > 0 ? spf_header : spf_rates;
  std::vector<Candidate<AnalogShape>> analog;
  const auto analog_used = first_number(parameters, "ANALOG", "USED");
  if (analog_used) {
    const auto channels = to_count(*analog_used, 65535);
    add_candidate(analog, AnalogShape{channels, channels > 0 ? std::max<std::size_t>(spf_primary, 1) : 0}, "ANALOG:USED");
    if (channels > 0 && spf_rates > 0 && spf_rates != spf_primary)
      add_candidate(analog, AnalogShape{channels, spf_rates}, "ANALOG:USED with ANALOG:RATE / POINT:RATE");
  }
  if (header.analog_words_per_frame > 0) {
    const std::size_t words = header.analog_words_per_frame;
    const std::size_t spf = spf_primary > 0 ? spf_primary : 1;
    if (words % spf == 0) add_candidate(analog, AnalogShape{words / spf, spf}, "header analog words per frame");
    if (const std::size_t used = analog_used ? to_count(*analog_used, 65535) : 0; used > 0 && words % used == 0)
      add_candidate(analog, AnalogShape{used, words / used}, "header analog words per frame / ANALOG:USED");
  }
  if (analog.empty()) add_candidate(analog, AnalogShape{0, 0}, "no analog data");

  // ---- frame count ----
  std::vector<Candidate<std::uint64_t>> frame_counts;
  const auto* point_frames = numeric(parameters, "POINT", "FRAMES");
  if (point_frames != nullptr && point_frames->type == 4 && point_frames->numbers[0] >= 0 && point_frames->numbers[0] < 1e12)
    add_candidate(frame_counts, static_cast<std::uint64_t>(std::llround(point_frames->numbers[0])), "POINT:FRAMES (float)");
  const auto trial_start = trial_field(parameters, "ACTUAL_START_FIELD");
  const auto trial_end = trial_field(parameters, "ACTUAL_END_FIELD");
  if (trial_start && trial_end && *trial_end >= *trial_start)
    add_candidate(frame_counts, *trial_end - *trial_start + 1, "TRIAL:ACTUAL_START_FIELD/ACTUAL_END_FIELD");
  if (point_frames != nullptr && point_frames->type != 4)
    add_candidate(frame_counts, std::uint64_t{to_count(point_frames->unsigned_number(0))}, "POINT:FRAMES");
  if (auto long_frames = first_number(parameters, "POINT", "LONG_FRAMES"); long_frames && *long_frames >= 0 && *long_frames < 1e12)
    add_candidate(frame_counts, static_cast<std::uint64_t>(std::llround(*long_frames)), "POINT:LONG_FRAMES");
  // A header last frame of 65535 is the C3D convention for "longer than 16 bits": not a count.
  if (header.last_frame >= header.first_frame && (header.last_frame != 65535 || frame_counts.empty()))
    add_candidate(frame_counts, std::uint64_t{header.last_frame} - header.first_frame + 1U,
                  "header frames " + std::to_string(header.first_frame) + ".." + std::to_string(header.last_frame));
  const bool have_declared_frames = !frame_counts.empty();
  if (!have_declared_frames) add_candidate(frame_counts, std::uint64_t{0}, "no frame count");

  // ---- choose the combination that fills the file ----
  auto frame_bytes_of = [&](const Combination& c) {
    const std::uint64_t words = 4 * std::uint64_t{point_counts[c.index[2]].value} +
                                std::uint64_t{analog[c.index[3]].value.channels} * analog[c.index[3]].value.per_frame;
    return words * (storage[c.index[1]].value ? 4U : 2U);
  };
  auto fits_exactly = [&](const Combination& c) {
    const std::uint64_t offset = offsets[c.index[0]].value;
    const std::uint64_t frames = frame_counts[c.index[4]].value;
    const std::uint64_t fb = frame_bytes_of(c);
    if (fb == 0 || frames == 0) return false;
    if (offset > file_size) return false;
    const std::uint64_t available = file_size - offset;
    return frames <= available / fb && available - frames * fb < kBlockSize;
  };
  std::vector<Combination> combinations;
  for (std::size_t o = 0; o < offsets.size(); ++o)
    for (std::size_t s = 0; s < storage.size(); ++s)
      for (std::size_t p = 0; p < point_counts.size(); ++p)
        for (std::size_t a = 0; a < analog.size(); ++a)
          for (std::size_t f = 0; f < frame_counts.size(); ++f) {
            Combination c{{o, s, p, a, f}, 0};
            for (auto i : c.index) c.distance += i > 0 ? 1 : 0;
            combinations.push_back(c);
          }
  std::stable_sort(combinations.begin(), combinations.end(),
                   [](const Combination& a, const Combination& b) { return a.distance < b.distance; });
  Combination chosen = combinations.front();
  bool exact = false;
  for (const auto& c : combinations)
    if (fits_exactly(c)) {
      chosen = c;
      exact = true;
      break;
    }

  auto note_choice = [&](const auto& list, std::size_t index, const char* quantity, auto show) {
    if (index > 0)
      warnings.push_back(std::string("C3D: ") + quantity + ": " + list[index].source + " (" + show(list[index].value) +
                         ") matches the file size, " + list[0].source + " (" + show(list[0].value) + ") does not; using " +
                         show(list[index].value));
    else if (list.size() > 1 && exact)
      for (std::size_t i = 1; i < list.size(); ++i)
        warnings.push_back(std::string("C3D: ") + quantity + ": " + list[i].source + " says " + show(list[i].value) + ", " +
                           list[0].source + " says " + show(list[0].value) + "; using " + show(list[0].value) +
                           " (it matches the file size)");
  };
  auto show_count = [](auto v) { return std::to_string(v); };
  note_choice(offsets, chosen.index[0], "data section offset", [](std::uint64_t v) { return "byte " + std::to_string(v); });
  note_choice(storage, chosen.index[1], "storage", [](bool f) { return std::string(f ? "float" : "integer"); });
  note_choice(point_counts, chosen.index[2], "points per frame", show_count);
  note_choice(analog, chosen.index[3], "analog data per frame", [](const AnalogShape& a) {
    return std::to_string(a.channels) + " channels x " + std::to_string(a.per_frame) + " samples";
  });
  if (have_declared_frames) note_choice(frame_counts, chosen.index[4], "frame count", show_count);

  layout.data_offset = offsets[chosen.index[0]].value;
  layout.float_storage = storage[chosen.index[1]].value;
  layout.points = point_counts[chosen.index[2]].value;
  layout.analog_channels = analog[chosen.index[3]].value.channels;
  layout.analog_per_frame = analog[chosen.index[3]].value.per_frame;
  std::uint64_t frames = frame_counts[chosen.index[4]].value;

  const std::uint64_t fb = layout.frame_bytes();
  if (fb > 0 && !exact) {
    const std::uint64_t available = layout.data_offset <= file_size ? file_size - layout.data_offset : 0;
    const std::uint64_t fit = available / fb;
    // Frames taken from the file size: the final block's zero padding can look like whole frames.
    auto fit_without_padding = [&] {
      std::uint64_t n = fit;
      while (n > 0 && fit - n < (kBlockSize - 1) / fb + 1 && trailing_zero(layout.data_offset + (n - 1) * fb, fb)) --n;
      return n;
    };
    if (!have_declared_frames) {
      frames = fit_without_padding();
      warnings.push_back("C3D: no frame count in the header or parameters; " + std::to_string(frames) +
                         " frames taken from the file size");
    } else if (frames > fit) {
      if (fit == 0)
        throw InputError(file_name,
                         "data section holds no complete frame (" + std::to_string(frames) + " frames of " + std::to_string(fb) +
                             " bytes declared, " + std::to_string(available) + " bytes present)",
                         layout.data_offset);
      warnings.push_back("C3D: " + frame_counts[chosen.index[4]].source + " declares " + std::to_string(frames) +
                         " frames but the file holds only " + std::to_string(fit) + " complete frames; reading " +
                         std::to_string(fit));
      frames = fit;
    } else if (frames < fit) {
      // 16-bit frame counts wrap (mod 65536) or saturate at 65535 on long trials (C3D User Guide,
      // "The C3D frame count"): the count that fills the file is the true one.
      const std::uint64_t wrapped = frames + (fit - frames) / 65536 * 65536;
      if (wrapped > frames && available - wrapped * fb < kBlockSize) {
        warnings.push_back("C3D: " + frame_counts[chosen.index[4]].source + " declares " + std::to_string(frames) +
                           " frames, a 16-bit count that wrapped; the file holds " + std::to_string(wrapped) + " frames, all read");
        frames = wrapped;
      } else if (frames == 65535 || header.last_frame == 65535) {
        const std::uint64_t n = fit_without_padding();
        warnings.push_back("C3D: " + frame_counts[chosen.index[4]].source + " declares " + std::to_string(frames) +
                           " frames, a 16-bit count that saturated; " + std::to_string(n) + " frames taken from the file size");
        frames = n;
      } else if (available - frames * fb >= kBlockSize) {
        warnings.push_back("C3D: " + std::to_string(available - frames * fb) + " bytes after the last of the " +
                           std::to_string(frames) + " declared frames are ignored");
      }
    }
  }
  layout.frames = frames;

  // ---- rates ----
  if (!valid_rate(point_rate)) {
    if (param_analog_rate && valid_rate(*param_analog_rate) && layout.analog_per_frame > 0) {
      point_rate = *param_analog_rate / static_cast<double>(layout.analog_per_frame);
      warnings.push_back("C3D: no valid point frame rate; using ANALOG:RATE / samples per frame = " + number_text(point_rate) + " Hz");
    } else if (layout.frames > 0) {
      throw InputError(file_name, "no valid frame rate: header says " + number_text(header_rate) + " Hz" +
                                      (param_point_rate ? ", POINT:RATE says " + number_text(*param_point_rate) + " Hz" : ""),
                       20);
    }
  }
  layout.point_rate = point_rate;
  if (layout.analog_channels > 0 && layout.analog_per_frame > 0) {
    const double expected = point_rate * static_cast<double>(layout.analog_per_frame);
    if (param_analog_rate && valid_rate(*param_analog_rate)) {
      if (std::abs(*param_analog_rate - expected) > 1e-3 * expected) {
        warnings.push_back("C3D: ANALOG:RATE " + number_text(*param_analog_rate) + " Hz disagrees with the frame rate x " +
                           std::to_string(layout.analog_per_frame) + " samples per frame; using " + number_text(expected) + " Hz");
        layout.analog_rate = expected;
      } else {
        layout.analog_rate = *param_analog_rate;
      }
    } else {
      layout.analog_rate = expected;
      warnings.push_back("C3D: ANALOG:RATE is missing; using frame rate x samples per frame = " + number_text(expected) + " Hz");
    }
  }

  // ---- first frame ----
  layout.first_frame = header.first_frame;
  if (trial_start) {
    if (*trial_start != header.first_frame && header.first_frame != 65535)
      warnings.push_back("C3D: TRIAL:ACTUAL_START_FIELD (" + std::to_string(*trial_start) + ") disagrees with the header first frame (" +
                         std::to_string(header.first_frame) + "); using TRIAL:ACTUAL_START_FIELD");
    layout.first_frame = static_cast<std::int64_t>(*trial_start);
  }
  if (layout.first_frame == 0)
    warnings.push_back("C3D: first frame number is 0 (C3D frames count from 1); kept as 0");

  // ---- analog number format ----
  if (const auto* format = parameters.find("ANALOG", "FORMAT"); format != nullptr && !format->strings.empty())
    layout.analog_unsigned = istarts_with(trim(format->strings.front()), "UNSIGNED");
  return layout;
}

}  // namespace touchdown::c3d
