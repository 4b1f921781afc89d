#pragma once
// Where the data section is and how one frame of it is laid out: storage (integer or float), points
// per frame, analog channels and samples per frame, frame count, rates, first frame.
//
// The header, the parameters and the file size can disagree (old writers, hand-edited files,
// > 65535 frames). Each quantity has candidates in priority order (parameters before header, as the
// C3D User Guide recommends; TRIAL:ACTUAL_*_FIELD and float POINT:FRAMES before 16-bit counts). The
// first combination whose data section fills the file exactly (within the final 512-byte block) wins;
// if none does, the parameter-based layout is kept and the frame count is cut to what the file holds.
// Every departure from the parameters is reported as a warning.
#include <cstdint>
#include <string>
#include <vector>

#include "io/c3d/byte_source.hpp"
#include "io/c3d/header.hpp"
#include "touchdown/c3d.hpp"

namespace touchdown::c3d {

struct C3dLayout {
  C3dProcessor processor = C3dProcessor::intel;
  bool float_storage = true;
  float point_scale = 1.0F;  // > 0; multiplies integer coordinates and the residual byte
  std::uint64_t data_offset = 0;
  std::size_t points = 0;
  std::size_t analog_channels = 0;
  std::size_t analog_per_frame = 0;  // samples of each channel per point frame
  std::uint64_t frames = 0;
  std::int64_t first_frame = 1;
  double point_rate = 0;
  double analog_rate = 0;
  bool analog_unsigned = false;  // ANALOG:FORMAT = UNSIGNED (integer storage only)

  [[nodiscard]] std::uint64_t word_bytes() const { return float_storage ? 4 : 2; }
  [[nodiscard]] std::uint64_t frame_words() const { return 4 * points + analog_channels * analog_per_frame; }
  [[nodiscard]] std::uint64_t frame_bytes() const { return frame_words() * word_bytes(); }
};

// `source` gives the file size and, where the frame count must come from the file size, the final
// block (to tell zero padding from frames).
C3dLayout decide_layout(const C3dHeader& header, const C3dParameters& parameters, const ByteSource& source,
                        std::vector<std::string>& warnings);

}  // namespace touchdown::c3d
