#pragma once
// Ground reaction force, moments, centre of pressure and free moment from force-plate channels.
//
// Method (C3D User Guide, "Force platforms"; Kistler force-plate formulae; Visual3D FP_TYPE pages):
// - Plate frame from FORCE_PLATFORM:CORNERS: corners 1-4 lie in the +x+y, -x+y, -x-y, +x-y quadrants,
//   so x = (c1 - c2) + (c4 - c3), y = (c1 - c4) + (c2 - c3) (orthogonalised), z = x cross y, which
//   points down into the plate for plates laid out as the guide shows.
// - ORIGIN is the vector from the plate's measurement origin O to the centre of the working surface,
//   in plate coordinates; z is negative when O lies below the surface. Old AMTI sheets wrote z > 0:
//   that z is negated (warning), and when x, y are non-zero the data decide their sign (the COP must
//   land on the plate). Type 3 stores the sensor offsets a, b in ORIGIN x, y and the depth az0 in z.
// - Plate outputs (F, M about O) are taken as the force the plate exerts on the body, in the plate
//   frame: rotated into the lab they are the ground reaction (Visual3D's CORNERS transform does no
//   more). Every loaded real plate checked stores them so: RBDS (Visual3D, type 4; its SOURCE.txt:
//   vertical = -Fz), ezc3d FP_Type3 (Kistler), BTS, Qualisys and BTK ADemo1 all give Fz < 0 in the
//   z-down plate frame under load. COP (plate frame, relative to O) = ((oz Fx - My)/Fz,
//   (Mx + oz Fy)/Fz, oz), the same for either sign of the wrench; free moment Tz = Mz - x Fy + y Fx.
//   Type 1 gives the COP and Tz directly; type 3 forms F and M from the 8 Kistler channels
//   (Kistler force-plate formulae); type 4 first applies the 6x6 calibration matrix.
// - If the vertical force comes out negative while the plate is loaded, the channels hold the force
//   on the plate instead (or an inverted amplifier polarity): F and M are negated, with a warning.
// - Units: corners/ORIGIN in POINT units; forces in N; moments by channel units (Nmm, Nm) or, for
//   type 4 and unlabelled channels, N x POINT units. Output is SI in the lab frame.
#include <cstddef>

#include "touchdown/trial.hpp"

namespace touchdown {

struct PlateOptions {
  double cop_threshold_n = 20.0;  // COP (and free moment) are undefined (NaN) below this vertical force
};

// Lab-frame series for plate `index` of `trial` (C3D types 1-4, or type 100 from OpenSim GRF files),
// one sample per analog sample. force_n is the reaction on the foot (vertical positive up while
// loaded); moment_nm is about the plate origin O (types 1-4) or the lab origin (type 100); cop_m and
// free_moment_nm are NaN where the vertical force is below options.cop_threshold_n.
// The vertical is trial.up when it is set (declared or detected), else the plate normal.
// Throws InputError when the plate's channels are missing, its CORNERS do not describe a plate, its
// calibration matrix is not 6x6, or its type is unknown.
PlateSeries compute_plate_series(const Trial& trial, std::size_t index, const PlateOptions& options = {});

}  // namespace touchdown
