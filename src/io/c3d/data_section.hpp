#pragma once
// The data section (C3D User Guide, "The 3D Point Data Section" and "Analog Data Storage"): frame after
// frame, each point as X Y Z and a 4th word (camera mask in the high byte, residual / |POINT:SCALE| in
// the low byte, negative = invalid), then the analog samples (sample-major: all channels of sample 1,
// then all channels of sample 2, ...). Integer files store 16-bit words (coordinates x |POINT:SCALE|),
// float files 32-bit floats whose 4th word is converted to an integer before it is split.
//
// The section is read in chunks of about 4 MiB and converted straight into the Trial's preallocated
// per-track vectors, so reading costs the output plus one chunk of memory.
#include <cstdint>
#include <vector>

#include "io/c3d/byte_source.hpp"
#include "io/c3d/data_layout.hpp"
#include "touchdown/trial.hpp"

namespace touchdown::c3d {

// Per analog channel: value = (raw - offset) * factor, factor = ANALOG:SCALE x ANALOG:GEN_SCALE.
struct AnalogScaling {
  std::vector<float> offset;
  std::vector<float> factor;
};

struct DecodeCounts {
  std::uint64_t valid_samples = 0;
  // Samples flagged invalid (negative residual word) that still carry plausible coordinates (finite,
  // not all zero, below 1e8 in magnitude).
  std::uint64_t flagged_with_coordinates = 0;
};

// Fills trial.points.tracks[*].samples/residuals and trial.analog.channels[*].samples, which must
// already have layout.points tracks and layout.analog_channels channels. With `ignore_invalid_flags`
// the coordinates of flagged samples are kept (their residual stays -1).
DecodeCounts decode_data_section(const ByteSource& source, const C3dLayout& layout, const AnalogScaling& scaling,
                                 bool keep_residuals, bool ignore_invalid_flags, Trial& trial);

}  // namespace touchdown::c3d
