// FORCE_PLATFORM group (C3D User Guide, "The FORCE_PLATFORM group"):
//   USED, TYPE(USED), CHANNEL(6 or 8, USED) 1-based analog channel numbers,
//   CORNERS(3, 4, USED) lab coordinates of corners 1..4 (+x+y, -x+y, -x-y, +x-y quadrants of the plate),
//   ORIGIN(3, USED) plate-frame vector from the plate origin to the centre of the top surface,
//   CAL_MATRIX(6, 6, USED) for type 4, applied as [CAL_MATRIX] v = F and stored in column order
//   ("CAL_MATRIX(1,2,1) must contain the first element of the second column") unless the Vicon-style
//   MATRIX_STORE parameter says BYROW.
#include <cmath>

#include "io/c3d/parameter_access.hpp"
#include "io/c3d/text.hpp"
#include "io/c3d/trial_mapping.hpp"

namespace touchdown::c3d {
namespace {

std::size_t channels_for_type(int type) { return type == 3 ? 8 : 6; }
bool known_type(int type) { return type >= 1 && type <= 4; }

}  // namespace

std::vector<ForcePlate> map_force_plates(const MappingContext& context, std::size_t analog_channels) {
  const auto& parameters = context.parameters;
  auto& warnings = context.warnings;
  std::vector<ForcePlate> plates;
  std::string group = "FORCE_PLATFORM";
  if (parameters.group(group) == nullptr) {
    if (parameters.group("FORCE_PLATEFORM") == nullptr) return plates;
    group = "FORCE_PLATEFORM";  // early Motion Analysis spelling (c3d.org sample06 MACsample.c3d)
    warnings.push_back("C3D: force plates read from the misspelt group FORCE_PLATEFORM");
  }

  const auto types = number_series(parameters, group, "TYPE");
  std::size_t used = 0;
  if (auto u = first_number(parameters, group, "USED")) {
    used = to_count(*u, 65535);
  } else if (!types.empty()) {
    used = types.size();
    warnings.push_back("C3D: FORCE_PLATFORM:USED is missing; " + std::to_string(used) + " plates taken from FORCE_PLATFORM:TYPE");
  }
  if (used == 0) return plates;
  if (types.size() < used) {
    warnings.push_back("C3D: FORCE_PLATFORM:USED is " + std::to_string(used) + " but FORCE_PLATFORM:TYPE has " +
                       std::to_string(types.size()) + " entries; only those plates are read");
    used = types.size();
  }

  const auto* channel_parameter = parameters.find(group, "CHANNEL");
  const std::size_t rows = channel_parameter != nullptr && !channel_parameter->dimensions.empty()
                               ? static_cast<std::size_t>(channel_parameter->dimensions[0])
                               : 0;
  const auto channels = number_series(parameters, group, "CHANNEL");
  const auto corners = number_series(parameters, group, "CORNERS");
  const auto origins = number_series(parameters, group, "ORIGIN");
  const auto* cal_parameter = parameters.find(group, "CAL_MATRIX");
  const auto calibration = number_series(parameters, group, "CAL_MATRIX");
  bool by_row = false;
  if (auto store = first_string(parameters, group, "MATRIX_STORE")) {
    if (iequals(trim(*store), "BYROW")) by_row = true;
    else if (!iequals(trim(*store), "BYCOLUMN"))
      warnings.push_back("C3D: FORCE_PLATFORM:MATRIX_STORE '" + *store + "' is unknown; CAL_MATRIX read in column order (C3D default)");
  }
  std::size_t cal_rows = 6, cal_columns = 6;
  if (cal_parameter != nullptr && cal_parameter->dimensions.size() >= 2) {
    cal_rows = static_cast<std::size_t>(cal_parameter->dimensions[0]);
    cal_columns = static_cast<std::size_t>(cal_parameter->dimensions[1]);
  }

  for (std::size_t p = 0; p < used; ++p) {
    const std::string name = "plate " + std::to_string(p + 1);
    ForcePlate plate;
    plate.type = to_int(types[p]);
    plate.name = name;
    const std::size_t needed = known_type(plate.type) ? channels_for_type(plate.type) : rows;
    if (!known_type(plate.type))
      warnings.push_back("C3D: " + name + " has TYPE " + std::to_string(plate.type) +
                         ", which Touchdown does not compute; its channels are kept");
    if (rows < needed || channels.size() < (p + 1) * rows || needed == 0) {
      warnings.push_back("C3D: " + name + " (TYPE " + std::to_string(plate.type) + ") needs " + std::to_string(needed) +
                         " channels but FORCE_PLATFORM:CHANNEL gives " + std::to_string(rows) + " per plate; plate ignored");
      continue;
    }
    bool channels_ok = true;
    for (std::size_t r = 0; r < needed; ++r) {
      const double number = channels[p * rows + r];
      if (!(number >= 1 && number <= static_cast<double>(analog_channels))) {
        warnings.push_back("C3D: " + name + " refers to analog channel " + std::to_string(to_int(number)) +
                           " but the file has " + std::to_string(analog_channels) + " channels; plate ignored");
        channels_ok = false;
        break;
      }
      plate.channels.push_back(to_count(number) - 1);
    }
    if (!channels_ok) continue;

    if (corners.size() >= (p + 1) * 12) {
      for (std::size_t c = 0; c < 4; ++c)
        for (int a = 0; a < 3; ++a) plate.corners[c][a] = corners[p * 12 + c * 3 + static_cast<std::size_t>(a)];
    } else {
      // Without corners the plate cannot be placed in the lab: forces and COP would be silently wrong.
      warnings.push_back("C3D: " + name + " has no FORCE_PLATFORM:CORNERS, so its place in the lab is unknown; plate ignored");
      continue;
    }
    if (origins.size() >= (p + 1) * 3) {
      plate.origin = Vec3{origins[p * 3], origins[p * 3 + 1], origins[p * 3 + 2]};
    } else {
      warnings.push_back("C3D: " + name + " has no FORCE_PLATFORM:ORIGIN; origin left at 0");
    }

    if (plate.type == 4) {
      const std::size_t per_plate = cal_rows * cal_columns;
      const bool have = cal_rows == 6 && cal_columns == 6 && calibration.size() >= (p + 1) * per_plate;
      bool all_zero = true;
      if (have) {
        plate.calibration.assign(36, 0.0);
        for (std::size_t k = 0; k < 36; ++k) {
          const double v = calibration[p * 36 + k];
          all_zero = all_zero && v == 0;
          const std::size_t row = by_row ? k / 6 : k % 6;
          const std::size_t column = by_row ? k % 6 : k / 6;
          plate.calibration[row * 6 + column] = v;
        }
      }
      if (!have || all_zero) {
        warnings.push_back("C3D: " + name + " is TYPE 4 but its CAL_MATRIX is " + (have ? "all zeros" : "missing or not 6x6") +
                           "; read as TYPE 2 (identity calibration)");
        plate.type = 2;
        plate.calibration.clear();
      }
    }
    plates.push_back(std::move(plate));
  }
  return plates;
}

}  // namespace touchdown::c3d
