#pragma once
// C3D reader and writer, written from the C3D User Guide (c3d.org). See src/io/c3d/ for the design:
// header.cpp (512-byte header), parameter_section.cpp (groups and parameters), processor_format.hpp
// (Intel / DEC / MIPS numbers), data_layout.cpp (frame layout decisions), data_section.cpp (data
// decoding), trial_mapping.cpp (parameters -> Trial), writer.cpp.
//
// Conventions of the Trial filled by read_c3d:
// - Point samples whose residual word is negative (C3D: invalid) are NaN; residuals are in point units,
//   -1 for invalid samples.
// - Analog samples are scaled: (raw - ANALOG:OFFSET) * ANALOG:SCALE * ANALOG:GEN_SCALE.
// - Event times are seconds from the first point frame (samples[0]), like Stance::ic_s. C3D EVENT:TIMES
//   count from frame 1 of the capture, so they are shifted by (first_frame - 1) / rate.
// - ForcePlate::calibration (type 4) is row-major with F = C * v, whatever FORCE_PLATFORM:MATRIX_STORE
//   says about the file's storage order.
// - Every decision the reader takes on an inconsistent file is one Trial::warnings entry.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/trial.hpp"

namespace touchdown {

struct C3dReadOptions {
  bool keep_residuals = true;  // store the 4th word (residual) of each point sample
};

// Reads a C3D file into a Trial. Throws InputError (file, byte offset, problem) for files that cannot
// be read; recoverable inconsistencies become Trial::warnings.
Trial read_c3d(const std::filesystem::path& path, const C3dReadOptions& options = {});
// Same, from bytes in memory (fuzzing, uploads). `name` is used in messages.
Trial read_c3d_bytes(std::span<const std::byte> bytes, const std::string& name, const C3dReadOptions& options = {});

// Writes an Intel-float C3D holding the Trial's points, analog channels, force plates (types 1-4; other
// types are not written), events and subject (used for demo files, benchmarks and round-trip tests).
// Trials with more than 65535 frames get POINT:FRAMES as a float and the TRIAL group. Residuals are
// stored in the 8-bit residual byte (resolution |POINT:SCALE|). Throws InputError when the Trial cannot
// be represented (e.g. analog samples that are not a whole number per frame) or the file cannot be written.
void write_c3d(const Trial& trial, const std::filesystem::path& path);

// ---- Parameter section, for tools that list a file's content (`touchdown inspect`) ----

// Byte order and floating-point format, from the processor byte of the parameter section (83 + type).
enum class C3dProcessor { intel = 1, dec = 2, mips = 3 };
[[nodiscard]] std::string_view to_string(C3dProcessor processor);

// One parameter, decoded to native values.
struct C3dParameter {
  std::string name;
  std::string description;
  int type = 0;                 // -1 char, 1 byte, 2 16-bit integer, 4 float (C3D storage codes)
  std::vector<int> dimensions;  // as stored; the first dimension varies fastest (FORTRAN order)
  bool locked = false;          // negative name length in the file
  std::vector<double> numbers;  // type 1 (unsigned), 2 (signed) and 4, in storage order
  // Type -1: one string per column of the first dimension (dimension 0 = string length), cut at the
  // first NUL and trimmed of trailing blanks. A scalar or 1-D character parameter gives one string.
  std::vector<std::string> strings;
  std::uint64_t offset = 0;  // byte offset of the parameter record in the file

  // Value i of a 16-bit integer parameter read as unsigned (C3D counts such as POINT:FRAMES are
  // unsigned since the 1990s); other types return numbers[i]. Requires i < numbers.size().
  [[nodiscard]] double unsigned_number(std::size_t i) const;
};

struct C3dGroup {
  int id = 0;  // positive group number (stored negated in the file)
  std::string name;
  std::string description;
  bool locked = false;
  std::vector<C3dParameter> parameters;
  std::uint64_t offset = 0;  // byte offset of the group record (0 for groups only referenced by parameters)
  [[nodiscard]] const C3dParameter* find(std::string_view parameter) const;  // case-insensitive
};

struct C3dParameters {
  C3dProcessor processor = C3dProcessor::intel;
  std::uint64_t section_offset = 0;  // byte offset of the parameter section
  int declared_blocks = 0;           // 512-byte blocks announced by the parameter section header
  std::vector<C3dGroup> groups;      // in file order; duplicated group names are kept as separate groups
  std::vector<std::string> warnings;

  // Case-insensitive lookup; searches every group of that name (files with duplicated groups exist).
  [[nodiscard]] const C3dParameter* find(std::string_view group, std::string_view parameter) const;
  [[nodiscard]] const C3dGroup* group(std::string_view name) const;
};

// Reads only the header and parameter section. Throws InputError like read_c3d.
C3dParameters read_c3d_parameters(const std::filesystem::path& path);
C3dParameters read_c3d_parameters_bytes(std::span<const std::byte> bytes, const std::string& name);

}  // namespace touchdown
