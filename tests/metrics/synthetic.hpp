#pragma once
// Hand-computable synthetic inputs for the metric tests: a Body with constant or scripted landmarks in
// a Z-up, +X-progression lab, stances, and plate series built from analytic force curves.
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"
#include "touchdown/trial.hpp"

namespace touchdown::testing {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kDegToRad = std::numbers::pi / 180.0;

// Z up, progression +X, `frames` frames at `rate_hz`, every trajectory sized and NaN.
inline Body empty_body(std::size_t frames, double rate_hz = 100.0) {
  Body b;
  b.rate_hz = rate_hz;
  b.frames = frames;
  b.up = Axis{2, 1};
  b.progression = Axis{0, 1};
  const Trajectory missing(frames, Vec3{kNaN, kNaN, kNaN});
  b.pelvis_centre = missing;
  for (SideLandmarks* s : {&b.left, &b.right}) {
    s->hip_centre = s->knee_lateral = s->knee_medial = s->knee_centre = missing;
    s->ankle_lateral = s->ankle_medial = s->ankle_centre = s->heel = s->toe = missing;
  }
  b.leg_length_m = 0.9;
  b.marker_set = "synthetic";
  return b;
}

inline void fill(Trajectory& t, const Vec3& v) {
  for (Vec3& x : t) x = v;
}
inline void fill(Trajectory& t, double rate_hz, const std::function<Vec3(double)>& f) {
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = f(static_cast<double>(i) / rate_hz);
}

inline Stance stance(Side side, double ic, double to, std::optional<std::size_t> plate = std::nullopt) {
  Stance s;
  s.side = side;
  s.ic_s = ic;
  s.to_s = to;
  s.plate = plate;
  s.method = "synthetic";
  return s;
}

// Plate series with force(t) = vertical * up(+Z) + anterior * (+X); COP at `cop` where vertical > 20 N.
inline PlateSeries plate_series(double rate_hz, std::size_t samples, const std::function<double(double)>& vertical,
                                const std::function<double(double)>& anterior = [](double) { return 0.0; },
                                Vec3 cop = {0, 0, 0}) {
  PlateSeries p;
  p.rate_hz = rate_hz;
  p.force_n.resize(samples);
  p.cop_m.resize(samples);
  p.moment_nm.assign(samples, Vec3{});
  p.free_moment_nm.assign(samples, 0.0);
  for (std::size_t i = 0; i < samples; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    p.force_n[i] = Vec3{anterior(t), 0, vertical(t)};
    p.cop_m[i] = p.force_n[i].z > 20 ? cop : Vec3{kNaN, kNaN, kNaN};
  }
  return p;
}

}  // namespace touchdown::testing
