// Force-plate series: see include/touchdown/force_plate.hpp for the method and its sources.
#include "touchdown/force_plate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <string>

#include "touchdown/error.hpp"

namespace touchdown {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const Vec3 kNaNVec{kNaN, kNaN, kNaN};

Vec3 operator+(const Vec3& a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator-(const Vec3& a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 operator*(double s, const Vec3& a) { return {s * a.x, s * a.y, s * a.z}; }
double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(const Vec3& a, const Vec3& b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
bool finite(const Vec3& a) { return std::isfinite(a.x) && std::isfinite(a.y) && std::isfinite(a.z); }
Vec3 axis_vector(const Axis& axis) {
  Vec3 v{};
  v[axis.index] = axis.sign < 0 ? -1.0 : 1.0;
  return v;
}

// Unit spellings vary ("Nmm", "N.mm", "N*mm", "N mm"); compare them without separators.
std::string compact_units(std::string_view units) {
  std::string out;
  for (char c : units) {
    if (c == ' ' || c == '.' || c == '*' || c == '-' || c == '_') continue;
    if (static_cast<unsigned char>(c) >= 0x80) continue;  // e.g. the middle dot in "N·m"
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}
std::optional<double> length_scale(std::string_view units) {
  const std::string u = compact_units(units);
  if (u == "mm") return 1e-3;
  if (u == "cm") return 1e-2;
  if (u == "m") return 1.0;
  if (u == "in") return 0.0254;
  return std::nullopt;
}
std::optional<double> moment_scale(std::string_view units) {
  const std::string u = compact_units(units);
  if (u == "nmm") return 1e-3;
  if (u == "ncm") return 1e-2;
  if (u == "nm") return 1.0;
  if (u == "knm") return 1e3;
  return std::nullopt;
}
double force_scale(std::string_view units) { return compact_units(units) == "kn" ? 1e3 : 1.0; }

std::optional<Vec3> trial_up(const Trial& trial) {
  if (trial.up.method.empty()) return std::nullopt;
  return axis_vector(trial.up.axis);
}

class PlateComputation {
 public:
  PlateComputation(const Trial& trial, std::size_t index, const PlateOptions& options)
      : trial_(trial), plate_(trial.force_plates[index]), index_(index), options_(options) {}

  PlateSeries run() {
    validate_channels();
    out_.rate_hz = trial_.analog.rate_hz;
    out_.force_n.assign(samples_, kNaNVec);
    out_.moment_nm.assign(samples_, kNaNVec);
    out_.cop_m.assign(samples_, kNaNVec);
    out_.free_moment_nm.assign(samples_, kNaN);
    if (plate_.type == 100) lab_frame_grf();
    else plate_frame_wrench();
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError(trial_.source.path, "force plate " + std::to_string(index_ + 1) + ": " + problem);
  }
  void warn(const std::string& text) { out_.warnings.push_back("force plate " + std::to_string(index_ + 1) + ": " + text); }
  const AnalogChannel& channel(std::size_t k) const { return trial_.analog.channels[plate_.channels[k]]; }
  double sample(std::size_t k, std::size_t i) const { return channel(k).samples[i]; }

  void validate_channels() {
    std::size_t expected = 0;
    switch (plate_.type) {
      case 1: case 2: case 4: expected = 6; break;
      case 3: expected = 8; break;
      case 100: expected = plate_.channels.size() == 7 || plate_.channels.size() == 9 ? plate_.channels.size() : 6; break;
      default: fail("FORCE_PLATFORM:TYPE " + std::to_string(plate_.type) + " is not supported (types 1-4; 100 for GRF tables)");
    }
    if (plate_.channels.size() != expected)
      fail("type " + std::to_string(plate_.type) + " needs " + std::to_string(expected) + " channels, has " +
           std::to_string(plate_.channels.size()));
    samples_ = std::numeric_limits<std::size_t>::max();
    for (std::size_t c : plate_.channels) {
      if (c >= trial_.analog.channels.size())
        fail("channel index " + std::to_string(c + 1) + " but the trial has " + std::to_string(trial_.analog.channels.size()) +
             " analog channels");
      samples_ = std::min(samples_, trial_.analog.channels[c].samples.size());
    }
    if (plate_.type == 4 && plate_.calibration.size() != 36)
      fail("type 4 needs a 6x6 calibration matrix, has " + std::to_string(plate_.calibration.size()) + " values");
    if (plate_.type == 4 && !std::all_of(plate_.calibration.begin(), plate_.calibration.end(), [](double v) { return std::isfinite(v); }))
      fail("calibration matrix holds non-finite values");
  }

  double point_scale() {
    const double scale = trial_.points.to_metres();
    if (std::isfinite(scale)) return scale;
    warn("POINT units '" + trial_.points.units + "' unknown; plate geometry and moments taken as mm");
    return 1e-3;
  }

  // Types 1-4: outputs in the plate frame, then the reaction in the lab frame.
  void plate_frame_wrench() {
    const double to_m = point_scale();
    std::array<Vec3, 4> c;
    for (std::size_t k = 0; k < 4; ++k) {
      c[k] = to_m * plate_.corners[k];
      if (!finite(c[k]) || norm(c[k]) > 1e4) fail("CORNERS hold non-finite or absurd values");
    }
    const Vec3 ex = (c[0] - c[1]) + (c[3] - c[2]);
    const Vec3 ey = (c[0] - c[3]) + (c[1] - c[2]);
    const double side_x = norm(ex) / 2, side_y = norm(ey) / 2;
    // Real plates and instrumented treadmills measure 0.1 m to a few metres a side.
    if (!(side_x > 0.01 && side_y > 0.01 && side_x < 100 && side_y < 100))
      fail("CORNERS do not describe a plate (sides " + std::to_string(side_x) + " m and " + std::to_string(side_y) + " m)");
    const Vec3 xh = (1.0 / norm(ex)) * ex;
    const double skew = dot(xh, ey) / norm(ey);
    if (std::abs(skew) > 0.2)
      fail("CORNERS are not a rectangle (plate axes " + std::to_string(std::acos(std::clamp(skew, -1.0, 1.0)) * 180 / std::numbers::pi) +
           " deg apart)");
    const Vec3 ey_orthogonal = ey - dot(ey, xh) * xh;
    const Vec3 yh = (1.0 / norm(ey_orthogonal)) * ey_orthogonal;
    const Vec3 zh = cross(xh, yh);
    const Vec3 centre = 0.25 * (c[0] + c[1] + c[2] + c[3]);
    auto to_lab = [&](const Vec3& v) { return v.x * xh + v.y * yh + v.z * zh; };

    Vec3 origin = to_m * plate_.origin;
    if (!finite(origin)) fail("ORIGIN holds non-finite values");
    bool origin_z_negated = false;
    if (origin.z > 0) {
      origin.z = -origin.z;
      origin_z_negated = true;
      warn("ORIGIN z is positive (old AMTI sign convention); used as negative, as the C3D User Guide describes");
    }
    if (plate_.type == 3) {
      if (origin.x < 0 || origin.y < 0) warn("type 3 sensor offsets a, b (ORIGIN x, y) are negative; their magnitudes are used");
      origin.x = std::abs(origin.x);
      origin.y = std::abs(origin.y);
      if (origin.x == 0 || origin.y == 0)
        warn("type 3 sensor offsets a, b (ORIGIN x, y) are zero: moments, COP and free moment are unavailable");
    }

    // Plate-frame wrench: F, M about O, COP d relative to O, free torque T about plate z.
    const double oz = origin.z;
    std::vector<Vec3>& force = out_.force_n;
    std::vector<Vec3>& moment = out_.moment_nm;
    std::vector<Vec3>& cop = out_.cop_m;
    std::vector<double>& torque = out_.free_moment_nm;
    plate_outputs(to_m, oz, origin);
    for (std::size_t i = 0; i < samples_; ++i) {
      if (plate_.type == 1) {
        // Type 1 records the COP (relative to O) and Tz; the moment about O follows from them.
        moment[i] = cross(cop[i], force[i]) + torque[i] * Vec3{0, 0, 1};
        continue;
      }
      const Vec3& f = force[i];
      const Vec3& m = moment[i];
      cop[i] = Vec3{(oz * f.x - m.y) / f.z, (m.x + oz * f.y) / f.z, oz};
      torque[i] = m.z - cop[i].x * f.y + cop[i].y * f.x;
    }

    // Vertical = the surface normal pointing out of the plate: -z by the guide's convention.
    Vec3 up = -1.0 * zh;
    if (const auto declared = trial_up(trial_)) {
      const double agreement = dot(up, *declared);
      if (agreement < 0) {
        up = zh;
        warn("plate z axis points up (CORNERS ordered against the C3D guide); vertical taken from the trial's up axis");
      }
      if (std::abs(agreement) < 0.9)
        warn("plate surface is tilted " + std::to_string(std::acos(std::min(1.0, std::abs(agreement))) * 180 / std::numbers::pi) +
             " deg from the trial's up axis");
    }

    // Loaded samples decide the polarity and, when ORIGIN x, y are set, their sign.
    const double half_x = side_x / 2 + 0.05, half_y = side_y / 2 + 0.05;  // 5 cm margin for marker/COP noise
    std::size_t loaded = 0, downward = 0, inside_kept = 0, inside_negated = 0;
    const double up_z = dot(up, zh);  // -1 for a plate laid out as the guide shows
    for (std::size_t i = 0; i < samples_; ++i) {
      const double vertical = force[i].z * up_z;  // channel force along the up normal
      if (!(std::abs(vertical) >= options_.cop_threshold_n)) continue;
      ++loaded;
      if (vertical < 0) ++downward;
      const double dx = cop[i].x, dy = cop[i].y;
      if (std::abs(dx - origin.x) <= half_x && std::abs(dy - origin.y) <= half_y) ++inside_kept;
      if (std::abs(dx + origin.x) <= half_x && std::abs(dy + origin.y) <= half_y) ++inside_negated;
    }
    double polarity = 1.0;  // reaction = polarity * R * F
    if (loaded > 0 && 2 * downward > loaded) {
      polarity = -1.0;
      warn("vertical force is negative while loaded: the channels carry the force on the plate (or inverted polarity); "
           "sign reversed");
    }
    Vec3 origin_local = plate_.type == 3 ? Vec3{0, 0, oz} : origin;
    if (plate_.type != 3 && (origin.x != 0 || origin.y != 0)) {
      if (loaded > 0 && 2 * inside_kept < loaded && 5 * inside_negated >= 4 * loaded) {
        origin_local.x = -origin.x;
        origin_local.y = -origin.y;
        warn("ORIGIN x, y put the COP off the plate; with their signs reversed it lies on the plate, so they are reversed");
      } else if (loaded == 0 && origin_z_negated) {
        warn("ORIGIN sign convention is ambiguous (z was positive) and no loaded samples can confirm x, y; kept as stored");
      }
    }

    for (std::size_t i = 0; i < samples_; ++i) {
      const Vec3 reaction = polarity * to_lab(force[i]);
      const Vec3 reaction_moment = polarity * to_lab(moment[i]);
      const double free_torque = polarity * torque[i] * dot(zh, up);
      const Vec3 cop_plate = cop[i];
      force[i] = reaction;
      moment[i] = reaction_moment;
      if (dot(reaction, up) >= options_.cop_threshold_n && finite(cop_plate) && std::isfinite(free_torque)) {
        cop[i] = centre + to_lab(cop_plate - origin_local);
        torque[i] = free_torque;
      } else {
        cop[i] = kNaNVec;
        torque[i] = kNaN;
      }
    }
  }

  // Fills force (N), moment about O (N m) and, for type 1, cop (m, relative to O) and torque (N m),
  // all in the plate frame, as the channels give them (normally the plate's force on the body).
  void plate_outputs(double to_m, double oz, const Vec3& origin) {
    auto moment_units = [&](std::size_t k) {
      if (const auto scale = moment_scale(channel(k).units)) return *scale;
      return to_m;  // C3D: moments in N x POINT units
    };
    switch (plate_.type) {
      case 1: {
        const double fs = force_scale(channel(0).units);
        const auto px = length_scale(channel(3).units), py = length_scale(channel(4).units);
        const double tz = moment_units(5);
        for (std::size_t i = 0; i < samples_; ++i) {
          out_.force_n[i] = fs * Vec3{sample(0, i), sample(1, i), sample(2, i)};
          out_.cop_m[i] = Vec3{sample(3, i) * px.value_or(to_m), sample(4, i) * py.value_or(to_m), oz};
          out_.free_moment_nm[i] = sample(5, i) * tz;
        }
        break;
      }
      case 2: {
        const double fs = force_scale(channel(0).units);
        const std::array<double, 3> ms{moment_units(3), moment_units(4), moment_units(5)};
        for (std::size_t i = 0; i < samples_; ++i) {
          out_.force_n[i] = fs * Vec3{sample(0, i), sample(1, i), sample(2, i)};
          out_.moment_nm[i] = Vec3{sample(3, i) * ms[0], sample(4, i) * ms[1], sample(5, i) * ms[2]};
        }
        break;
      }
      case 3: {
        const double fs = force_scale(channel(0).units);
        // Without the sensor offsets the moments are unknown, not zero.
        const double a = origin.x > 0 ? origin.x : kNaN, b = origin.y > 0 ? origin.y : kNaN;
        for (std::size_t i = 0; i < samples_; ++i) {
          std::array<double, 8> f;
          for (std::size_t k = 0; k < 8; ++k) f[k] = fs * sample(k, i);
          // Kistler: fx12 fx34 fy14 fy23 fz1 fz2 fz3 fz4; sensors 1..4 at (a,b) (-a,b) (-a,-b) (a,-b).
          out_.force_n[i] = Vec3{f[0] + f[1], f[2] + f[3], f[4] + f[5] + f[6] + f[7]};
          out_.moment_nm[i] = Vec3{b * (f[4] + f[5] - f[6] - f[7]), a * (-f[4] + f[5] + f[6] - f[7]),
                                   b * (-f[0] + f[1]) + a * (f[2] - f[3])};
        }
        break;
      }
      case 4: {
        const auto& cal = plate_.calibration;
        for (std::size_t i = 0; i < samples_; ++i) {
          std::array<double, 6> v, w{};
          for (std::size_t k = 0; k < 6; ++k) v[k] = sample(k, i);
          for (std::size_t r = 0; r < 6; ++r)
            for (std::size_t k = 0; k < 6; ++k) w[r] += cal[r * 6 + k] * v[k];
          // The calibration gives N and N x POINT units (C3D distances are in POINT units).
          out_.force_n[i] = Vec3{w[0], w[1], w[2]};
          out_.moment_nm[i] = to_m * Vec3{w[3], w[4], w[5]};
        }
        break;
      }
      default: break;
    }
  }

  // Type 100: lab-frame force, COP and torque (OpenSim GRF tables): already the reaction on the foot.
  void lab_frame_grf() {
    const double fs = force_scale(channel(0).units);
    // Without units and without points to borrow them from, follow OpenSim: metres and N m.
    const double to_m = trial_.points.tracks.empty() ? 1.0 : trial_.points.to_metres();
    const auto cop_scale = length_scale(channel(3).units);
    if (!cop_scale && !std::isfinite(to_m)) warn("COP units unknown; taken as metres");
    const double cs = cop_scale.value_or(std::isfinite(to_m) ? to_m : 1.0);
    const std::size_t torques = plate_.channels.size() - 6;
    double ts = 1.0;
    if (torques > 0) {
      if (const auto scale = moment_scale(channel(6).units)) ts = *scale;
      else if (std::isfinite(to_m)) ts = to_m;
    }

    Vec3 up{};
    if (const auto declared = trial_up(trial_)) {
      up = *declared;
    } else {
      Vec3 mean{};
      for (std::size_t i = 0; i < samples_; ++i) {
        const Vec3 f{sample(0, i), sample(1, i), sample(2, i)};
        if (finite(f)) mean = mean + f;
      }
      int axis = 0;
      for (int a = 1; a < 3; ++a) if (std::abs(mean[a]) > std::abs(mean[axis])) axis = a;
      up[axis] = mean[axis] < 0 ? -1.0 : 1.0;
      warn("trial up axis not set; vertical taken as the largest mean force component");
    }
    std::size_t loaded = 0, negative = 0;
    for (std::size_t i = 0; i < samples_; ++i) {
      const double v = fs * dot(Vec3{sample(0, i), sample(1, i), sample(2, i)}, up);
      if (std::abs(v) >= options_.cop_threshold_n) ++loaded, negative += v < 0 ? 1 : 0;
    }
    double polarity = 1.0;
    if (loaded > 0 && 2 * negative > loaded) {
      polarity = -1.0;
      warn("vertical GRF is negative while loaded (the table holds the action on the ground); sign reversed");
    }
    for (std::size_t i = 0; i < samples_; ++i) {
      const Vec3 force = polarity * fs * Vec3{sample(0, i), sample(1, i), sample(2, i)};
      const Vec3 point = cs * Vec3{sample(3, i), sample(4, i), sample(5, i)};
      Vec3 torque = kNaNVec;
      if (torques == 3) torque = polarity * ts * Vec3{sample(6, i), sample(7, i), sample(8, i)};
      if (torques == 1) torque = polarity * ts * sample(6, i) * up;
      out_.force_n[i] = force;
      out_.moment_nm[i] = cross(point, force) + torque;
      if (dot(force, up) >= options_.cop_threshold_n && finite(point)) {
        out_.cop_m[i] = point;
        out_.free_moment_nm[i] = dot(torque, up);
      }
    }
  }

  const Trial& trial_;
  const ForcePlate& plate_;
  std::size_t index_;
  PlateOptions options_;
  std::size_t samples_ = 0;
  PlateSeries out_;
};
}  // namespace

PlateSeries compute_plate_series(const Trial& trial, std::size_t index, const PlateOptions& options) {
  if (index >= trial.force_plates.size())
    throw InputError(trial.source.path, "no force plate " + std::to_string(index + 1) + " (the trial has " +
                                            std::to_string(trial.force_plates.size()) + ")");
  return PlateComputation(trial, index, options).run();
}

}  // namespace touchdown
