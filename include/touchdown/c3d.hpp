#pragma once
// C3D reader and writer, written from the C3D User Guide (c3d.org). See src/io/c3d/ for the design.
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

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

// Writes an Intel-float C3D holding the Trial's points, analog channels, force plates (types 1-4),
// events and subject (used for demo files, benchmarks and round-trip tests).
void write_c3d(const Trial& trial, const std::filesystem::path& path);

}  // namespace touchdown
