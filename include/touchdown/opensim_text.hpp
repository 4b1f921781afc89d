#pragma once
// OpenSim text formats: TRC (marker trajectories), MOT and STO (tables, e.g. ground reaction forces).
#include <filesystem>
#include <string>
#include <string_view>

#include "touchdown/trial.hpp"

namespace touchdown {

// Marker trajectories; empty or NaN cells are missing samples.
Trial read_trc(const std::filesystem::path& path);
Trial parse_trc(std::string_view text, const std::string& name);

// A MOT/STO table as analog channels. GRF column groups (`ground_force_v*`, `*_ground_force_p*`,
// `*_ground_torque_*`, `1_ground_force_*` ...) become type-100 force plates, tied to a foot when the
// column names say so (`r_`/`l_`, `calcn_r`, ...).
Trial read_mot(const std::filesystem::path& path);
Trial parse_mot(std::string_view text, const std::string& name);

// Marker trajectories from `trc` with the forces of `mot` attached (analog clock = the MOT's time column).
Trial read_trc_with_forces(const std::filesystem::path& trc, const std::filesystem::path& mot);

void write_trc(const Trial& trial, const std::filesystem::path& path);
void write_mot(const Trial& trial, const std::filesystem::path& path);  // analog channels (+ plate GRF)
void write_csv(const Trial& trial, const std::filesystem::path& path);  // one row per point frame

}  // namespace touchdown
