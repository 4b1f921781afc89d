#pragma once
// Ground reaction force, moments, centre of pressure and free moment from force-plate channels.
#include <cstddef>

#include "touchdown/trial.hpp"

namespace touchdown {

struct PlateOptions {
  double cop_threshold_n = 20.0;  // COP is undefined (NaN) below this vertical force
};

// Lab-frame series for plate `index` of `trial` (C3D types 1-4, or type 100 from OpenSim GRF files).
// Throws InputError when the plate's channels are missing or its type is unknown.
PlateSeries compute_plate_series(const Trial& trial, std::size_t index, const PlateOptions& options = {});

}  // namespace touchdown
