#pragma once
// The Trial: one in-memory representation of a recording, whatever file or device it came from.
// Readers (io/) fill it; everything downstream (landmarks/, signal/, events/, metrics/) reads it.
//
// Storage rules
// - Contiguous and preallocated from header counts: one trajectory per point, one vector per analog
//   channel; readers never append sample by sample.
// - Missing is NaN, never 0: a marker the cameras did not see is NaN in all coordinates.
// - Values are kept in the units the file declares (points: `point_units`, analog: per channel), with
//   helpers to convert to SI, so a round trip to another format loses nothing.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace touchdown {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  double& operator[](int i) { return i == 0 ? x : (i == 1 ? y : z); }
  double operator[](int i) const { return i == 0 ? x : (i == 1 ? y : z); }
};

// Point samples are stored in single precision: C3D float/int data carries no more, and it halves
// memory for long trials. Computation happens in double after extraction.
struct Vec3f {
  float x = 0, y = 0, z = 0;
  [[nodiscard]] bool valid() const { return !std::isnan(x) && !std::isnan(y) && !std::isnan(z); }
};

enum class Side { left, right, none };
[[nodiscard]] std::string_view to_string(Side side);

// A signed lab axis, e.g. +Y (up) or -X (progression).
struct Axis {
  int index = 2;  // 0 = X, 1 = Y, 2 = Z
  int sign = 1;   // +1 or -1
  [[nodiscard]] std::string name() const;  // "+Z", "-X", ...
  friend bool operator==(const Axis&, const Axis&) = default;
};

// How an axis was decided, so reports can say whether it was declared by the file or inferred.
struct AxisFinding {
  Axis axis;
  std::string method;  // e.g. "C3D POINT:Y_SCREEN", "largest mean marker height", "pelvis displacement"
  bool detected = false;
};

// One named trajectory, in `PointSet::units`. Per-sample validity: NaN coordinates = missing.
struct PointTrack {
  std::string label;
  std::string description;
  std::vector<Vec3f> samples;    // one per frame
  std::vector<float> residuals;  // one per frame when the source has them (C3D); -1 = invalid; else empty
};

struct PointSet {
  double rate_hz = 0;
  std::int64_t first_frame = 1;  // 1-based frame number of samples[0] (C3D convention)
  std::size_t frames = 0;
  int dimensions = 3;            // 2 for image keypoints (z is NaN)
  std::string units = "mm";      // "mm", "cm", "m", or "px" for image keypoints
  std::vector<PointTrack> tracks;

  [[nodiscard]] std::optional<std::size_t> find(std::string_view label) const;  // exact, then case-insensitive
  [[nodiscard]] double to_metres() const;  // scale factor from `units` to m; NaN for px/unknown
  [[nodiscard]] double time_of_frame(std::size_t index) const { return static_cast<double>(index) / rate_hz; }
};

struct AnalogChannel {
  std::string label;
  std::string description;
  std::string units;           // as declared, e.g. "V", "N", "Nmm"
  std::vector<float> samples;  // already scaled: (raw - offset) * scale * gen_scale
};

struct AnalogSet {
  double rate_hz = 0;
  std::size_t samples_per_channel = 0;
  std::vector<AnalogChannel> channels;
  [[nodiscard]] std::optional<std::size_t> find(std::string_view label) const;
};

// A force plate as described by the C3D FORCE_PLATFORM group (types 1-4) or built from a GRF file.
// Type 1: Fx Fy Fz Px Py Tz (COP given). Type 2: Fx Fy Fz Mx My Mz. Type 3: Kistler 8 channels
// (fx12 fx34 fy14 fy23 fz1 fz2 fz3 fz4). Type 4: like type 2 with a 6x6 calibration matrix.
// Type 100 (Touchdown internal): channels already hold lab-frame Fx Fy Fz, COPx COPy COPz, Tz
// in N, point units and N*point-units (OpenSim GRF files). Channel units, when set, take precedence;
// 9 channels (Tx Ty Tz, the free torque vector) and 6 (no torque) are accepted too.
struct ForcePlate {
  int type = 2;
  std::array<Vec3, 4> corners{};  // lab frame, point units; corner 1 is the +x+y quadrant of the plate
  Vec3 origin{};                  // plate-frame vector from the plate origin to the centre of the top surface
                                  // (C3D FORCE_PLATFORM:ORIGIN, point units), as stored
  std::vector<std::size_t> channels;  // 0-based indices into AnalogSet::channels
  std::vector<double> calibration;    // type 4: 6x6 row-major (applied as F = C * v); empty otherwise
  std::string name;                   // e.g. "plate 1", "right foot (ground_force_v)"
  Side assigned_side = Side::none;    // set when the source ties a plate to one foot (OpenSim per-foot GRF)
};

struct Event {
  std::string label;  // "Foot Strike", "Foot Off", "Event", ...
  Side side = Side::none;
  double time_s = 0;
  std::string source;  // "file" (C3D EVENT group), "force", "markers", ...
};

struct Subject {
  std::string name;
  std::optional<double> mass_kg;
  std::optional<double> height_m;
};

struct SourceInfo {
  std::string path;
  std::string format;  // "c3d", "trc", "mot", "sto", "generated"
  std::string detail;  // e.g. "C3D Intel float, parameter block 2, data block 11"
  std::uintmax_t bytes = 0;
};

struct Trial {
  SourceInfo source;
  PointSet points;
  AnalogSet analog;
  std::vector<ForcePlate> force_plates;
  std::vector<Event> events;
  Subject subject;
  AxisFinding up;           // vertical axis, positive up
  AxisFinding progression;  // direction of travel (or opposite of the belt on a treadmill)
  std::vector<std::string> warnings;  // every decision the reader took that a user should know about

  [[nodiscard]] double duration_s() const;
};

// Force-plate output resampled on the analog clock, in the lab frame and SI units: the reaction acting
// on the foot. COP is NaN where |Fz| is below `cop_threshold_n` (undefined, never a number).
struct PlateSeries {
  double rate_hz = 0;
  std::vector<Vec3> force_n;
  std::vector<Vec3> moment_nm;       // about the plate origin, lab frame
  std::vector<Vec3> cop_m;           // lab frame
  std::vector<double> free_moment_nm;  // about the vertical axis through the COP
  std::vector<std::string> warnings;   // decisions taken while computing (ORIGIN sign, polarity, units)
};

}  // namespace touchdown
