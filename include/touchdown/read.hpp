#pragma once
// One entry point for every lab file: the format is sniffed from the content, not the extension.
#include <filesystem>
#include <optional>

#include "touchdown/trial.hpp"

namespace touchdown {

// C3D, TRC, MOT or STO. `forces` attaches a MOT/STO GRF file to a TRC. Axes are detected.
Trial read_trial(const std::filesystem::path& path, const std::optional<std::filesystem::path>& forces = std::nullopt);

}  // namespace touchdown
