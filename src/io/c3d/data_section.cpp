#include "io/c3d/data_section.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/c3d/processor_format.hpp"
#include "touchdown/error.hpp"

namespace touchdown::c3d {
namespace {

constexpr std::uint64_t kChunkBytes = std::uint64_t{4} << 20U;
constexpr float kSentinel = 1e8F;

struct Targets {
  std::vector<Vec3f*> points;
  std::vector<float*> residuals;  // empty when residuals are not kept
  std::vector<float*> analog;
  const float* offset = nullptr;
  const float* factor = nullptr;
  float scale = 1;
  std::size_t per_frame = 0;
  bool ignore_flags = false;
};

template <C3dProcessor P, bool FloatStorage, bool UnsignedAnalog>
void decode_frames(const std::byte* data, std::uint64_t frame_bytes, std::uint64_t first, std::uint64_t count, const Targets& t,
                   DecodeCounts& counts) {
  using W = Word<P>;
  constexpr std::size_t word = FloatStorage ? 4 : 2;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::size_t points = t.points.size();
  const std::size_t channels = t.analog.size();
  const bool residuals = !t.residuals.empty();
  std::uint64_t valid = 0;
  std::uint64_t flagged = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::byte* p = data + i * frame_bytes;
    const std::uint64_t frame = first + i;
    for (std::size_t k = 0; k < points; ++k, p += 4 * word) {
      float x, y, z;
      int mask_residual;
      if constexpr (FloatStorage) {
        x = W::f32(p);
        y = W::f32(p + 4);
        z = W::f32(p + 8);
        const float w = W::f32(p + 12);
        // C3D: "word four is a floating-point value that must be converted to a signed integer".
        mask_residual = (w >= 0.0F && w < 32768.0F) ? static_cast<int>(w) : -1;
        if (std::isnan(x) || std::isnan(y) || std::isnan(z)) mask_residual = -1;
      } else {
        x = static_cast<float>(W::i16(p)) * t.scale;
        y = static_cast<float>(W::i16(p + 2)) * t.scale;
        z = static_cast<float>(W::i16(p + 4)) * t.scale;
        mask_residual = W::i16(p + 6);
      }
      if (mask_residual >= 0) {
        t.points[k][frame] = Vec3f{x, y, z};
        if (residuals) t.residuals[k][frame] = static_cast<float>(mask_residual & 0xFF) * t.scale;
        ++valid;
      } else {
        // Coordinates worth keeping when the flags turn out to be a writer error: finite, not all zero,
        // and not a "missing" sentinel such as SIMI's -1e9 (no lab is 100 km wide).
        const bool has_coordinates = std::abs(x) < kSentinel && std::abs(y) < kSentinel && std::abs(z) < kSentinel &&
                                     (x != 0 || y != 0 || z != 0);
        flagged += has_coordinates ? 1 : 0;
        t.points[k][frame] = t.ignore_flags && has_coordinates ? Vec3f{x, y, z} : Vec3f{nan, nan, nan};
        if (residuals) t.residuals[k][frame] = -1.0F;
      }
    }
    if (channels == 0) continue;
    const std::uint64_t base = frame * t.per_frame;
    for (std::size_t s = 0; s < t.per_frame; ++s) {
      for (std::size_t c = 0; c < channels; ++c, p += word) {
        float raw;
        if constexpr (FloatStorage) raw = W::f32(p);
        else if constexpr (UnsignedAnalog) raw = static_cast<float>(W::u16(p));
        else raw = static_cast<float>(W::i16(p));
        t.analog[c][base + s] = (raw - t.offset[c]) * t.factor[c];
      }
    }
  }
  counts.valid_samples += valid;
  counts.flagged_with_coordinates += flagged;
}

using Decoder = void (*)(const std::byte*, std::uint64_t, std::uint64_t, std::uint64_t, const Targets&, DecodeCounts&);

template <C3dProcessor P>
Decoder pick_for(bool float_storage, bool unsigned_analog) {
  if (float_storage) return &decode_frames<P, true, false>;
  return unsigned_analog ? &decode_frames<P, false, true> : &decode_frames<P, false, false>;
}

Decoder pick(const C3dLayout& layout) {
  switch (layout.processor) {
    case C3dProcessor::intel: return pick_for<C3dProcessor::intel>(layout.float_storage, layout.analog_unsigned);
    case C3dProcessor::dec: return pick_for<C3dProcessor::dec>(layout.float_storage, layout.analog_unsigned);
    case C3dProcessor::mips: return pick_for<C3dProcessor::mips>(layout.float_storage, layout.analog_unsigned);
  }
  return pick_for<C3dProcessor::intel>(layout.float_storage, layout.analog_unsigned);
}

}  // namespace

DecodeCounts decode_data_section(const ByteSource& source, const C3dLayout& layout, const AnalogScaling& scaling,
                                 bool keep_residuals, bool ignore_invalid_flags, Trial& trial) {
  DecodeCounts counts;
  const std::uint64_t frames = layout.frames;
  Targets targets;
  targets.scale = layout.point_scale;
  targets.per_frame = layout.analog_per_frame;
  targets.ignore_flags = ignore_invalid_flags;
  targets.offset = scaling.offset.data();
  targets.factor = scaling.factor.data();
  for (auto& track : trial.points.tracks) {
    track.samples.resize(frames);
    targets.points.push_back(track.samples.data());
    if (keep_residuals) {
      track.residuals.resize(frames);
      targets.residuals.push_back(track.residuals.data());
    } else {
      track.residuals.clear();
    }
  }
  for (auto& channel : trial.analog.channels) {
    channel.samples.resize(frames * layout.analog_per_frame);
    targets.analog.push_back(channel.samples.data());
  }
  const std::uint64_t frame_bytes = layout.frame_bytes();
  if (frames == 0 || frame_bytes == 0) return counts;

  if (layout.data_offset > source.size() || frames > (source.size() - layout.data_offset) / frame_bytes)
    throw InputError(source.name(), "data section runs past the end of the file", layout.data_offset);
  const Decoder decode = pick(layout);
  if (auto memory = source.in_memory(); !memory.empty()) {
    decode(memory.data() + layout.data_offset, frame_bytes, 0, frames, targets, counts);
    return counts;
  }
  const std::uint64_t chunk_frames = std::max<std::uint64_t>(1, kChunkBytes / frame_bytes);
  std::vector<std::byte> buffer(static_cast<std::size_t>(std::min(frames, chunk_frames) * frame_bytes));
  for (std::uint64_t first = 0; first < frames; first += chunk_frames) {
    const std::uint64_t count = std::min(chunk_frames, frames - first);
    const std::span<std::byte> chunk(buffer.data(), static_cast<std::size_t>(count * frame_bytes));
    source.read(layout.data_offset + first * frame_bytes, chunk, "data section");
    decode(chunk.data(), frame_bytes, first, count, targets, counts);
  }
  return counts;
}

}  // namespace touchdown::c3d
