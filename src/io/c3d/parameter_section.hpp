#pragma once
// The parameter section (C3D User Guide, "The Parameter Section"): a 4-byte header (reserved word,
// block count, 83 + processor type) followed by group and parameter records, each
//   int8 name length (negative = locked), int8 id (negative = group, positive = parameter of group |id|),
//   name, int16 offset to the next record (counted from this word; 0 = last record), then
//   group:     uint8 description length, description
//   parameter: int8 type (-1 char, 1 byte, 2 int16, 4 float), uint8 dimension count, dimensions (uint8),
//              data (first dimension fastest), uint8 description length, description.
// Parsing is driven by the offsets, never by lengths the file does not commit to, and every length is
// checked against the bytes available, so a garbage section ends the walk instead of reading wild.
#include <cstdint>

#include "io/c3d/byte_source.hpp"
#include "touchdown/c3d.hpp"

namespace touchdown::c3d {

// Parses records from `start` + 4 up to `limit` (exclusive, already clipped to the file size).
// Throws InputError when not even the first record can be read; later problems end the walk with a
// warning in the result.
C3dParameters parse_parameter_section(const ByteSource& source, std::uint64_t start, std::uint64_t limit,
                                      C3dProcessor processor, int declared_blocks);

}  // namespace touchdown::c3d
