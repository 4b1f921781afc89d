// Knee at touchdown: knee flexion at IC (Grood & Suntay 1983 joint coordinate system for 3D landmarks,
// sagittal projection otherwise), knee flexion excursion over the first half of stance, extended-knee
// flag, shank angle to vertical and overstride (metrics.md, "Knee at touchdown").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "metrics/vec_math.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum class KneeMethod { none, grood_suntay, sagittal };

// First non-empty trajectory of the two: a landmark centre, or its lateral marker when the centre is absent.
const Trajectory& centre_or(const Trajectory& centre, const Trajectory& fallback) {
  return centre.empty() ? fallback : centre;
}

struct KneeSampler {
  const Body& body;
  const SideLandmarks& leg;
  Side side;

  [[nodiscard]] Vec3 at(const Trajectory& trajectory, double t) const { return sample_at(trajectory, body.rate_hz, t); }

  [[nodiscard]] KneeMethod method_at(double t) const {
    const bool has_hip = is_finite(at(leg.hip_centre, t));
    if (has_hip && is_finite(at(leg.knee_lateral, t)) && is_finite(at(leg.knee_medial, t)) &&
        is_finite(at(leg.ankle_lateral, t)) && is_finite(at(leg.ankle_medial, t)))
      return KneeMethod::grood_suntay;
    if (has_hip && is_finite(at(centre_or(leg.knee_centre, leg.knee_lateral), t)) &&
        is_finite(at(centre_or(leg.ankle_centre, leg.ankle_lateral), t)))
      return KneeMethod::sagittal;
    return KneeMethod::none;
  }

  [[nodiscard]] double flexion_deg(KneeMethod method, double t) const {
    if (method == KneeMethod::grood_suntay) {
      const Vec3 hip = at(leg.hip_centre, t), knee_lat = at(leg.knee_lateral, t), knee_med = at(leg.knee_medial, t);
      const Vec3 ankle_lat = at(leg.ankle_lateral, t), ankle_med = at(leg.ankle_medial, t);
      if (!is_finite(hip) || !is_finite(knee_lat) || !is_finite(knee_med) || !is_finite(ankle_lat) ||
          !is_finite(ankle_med))
        return kNaN;
      return knee_flexion_grood_suntay_deg(hip, knee_lat, knee_med, ankle_lat, ankle_med, side);
    }
    if (method == KneeMethod::sagittal) {
      const Vec3 hip = at(leg.hip_centre, t);
      const Vec3 knee = at(centre_or(leg.knee_centre, leg.knee_lateral), t);
      const Vec3 ankle = at(centre_or(leg.ankle_centre, leg.ankle_lateral), t);
      if (!is_finite(hip) || !is_finite(knee) || !is_finite(ankle)) return kNaN;
      return knee_flexion_sagittal_deg(hip, knee, ankle, body.up, body.progression);
    }
    return kNaN;
  }
};

std::string method_name(KneeMethod method) {
  return method == KneeMethod::grood_suntay
             ? "3D Grood & Suntay (hip centre, epicondyles, malleoli)"
             : "sagittal-plane projection of hip-knee-ankle (medial markers missing)";
}

Measured shank_angle(const KneeSampler& s, double ic) {
  const std::string unit = "deg";
  const Vec3 knee = s.at(centre_or(s.leg.knee_centre, s.leg.knee_lateral), ic);
  const Vec3 ankle = s.at(centre_or(s.leg.ankle_centre, s.leg.ankle_lateral), ic);
  if (!is_finite(knee) || !is_finite(ankle)) return Measured::absent(unit, "knee or ankle landmark missing at IC");
  const Vec3 shank = vec::sub(ankle, knee);
  const double forward = vec::dot(shank, unit_vector(s.body.progression));
  const double down = -vec::dot(shank, unit_vector(s.body.up));
  return Measured::of(std::atan2(forward, down) * vec::kRadToDeg, unit,
                      "knee centre -> ankle centre to vertical in the sagittal plane, + = ankle ahead");
}

void overstride(const KneeSampler& s, double ic, KneeMetrics& m) {
  Vec3 reference = s.at(s.body.pelvis_centre, ic);
  std::string from = "pelvis centre";
  if (!is_finite(reference)) {
    reference = s.at(s.leg.hip_centre, ic);
    from = "hip joint centre";
  }
  Vec3 foot = s.at(s.leg.heel, ic);
  std::string to = "heel";
  if (!is_finite(foot)) {
    foot = s.at(centre_or(s.leg.ankle_centre, s.leg.ankle_lateral), ic);
    to = "ankle centre";
  }
  if (!is_finite(reference) || !is_finite(foot)) {
    const std::string reason = "pelvis/hip centre or heel/ankle landmark missing at IC";
    m.overstride_m = Measured::absent("m", reason);
    m.overstride_pct_leg = Measured::absent("% leg length", reason);
    return;
  }
  const std::string method = from + " -> " + to + " at IC along progression, + = " + to + " ahead";
  const double distance = vec::dot(vec::sub(foot, reference), unit_vector(s.body.progression));
  m.overstride_m = Measured::of(distance, "m", method);
  if (s.body.leg_length_m > 0)
    m.overstride_pct_leg = Measured::of(100.0 * distance / s.body.leg_length_m, "% leg length", method);
  else
    m.overstride_pct_leg = Measured::absent("% leg length", "leg length unknown", method);
}

}  // namespace

KneeMetrics compute_knee(const Body& body, const Stance& stance, const KneeOptions& options) {
  KneeMetrics m;
  if (stance.side == Side::none || !(body.rate_hz > 0)) {
    const std::string reason = stance.side == Side::none ? "stance not assigned to a foot" : "no marker data";
    m.knee_flexion_ic_deg = Measured::absent("deg", reason);
    m.knee_flexion_excursion_deg = Measured::absent("deg", reason);
    m.shank_angle_ic_deg = Measured::absent("deg", reason);
    m.overstride_m = Measured::absent("m", reason);
    m.overstride_pct_leg = Measured::absent("% leg length", reason);
    return m;
  }
  const KneeSampler s{body, body.side(stance.side), stance.side};
  const double ic = stance.ic_s;
  const KneeMethod method = s.method_at(ic);
  if (method == KneeMethod::none) {
    m.knee_flexion_ic_deg = Measured::absent("deg", "hip, knee or ankle landmark missing at IC");
    m.knee_flexion_excursion_deg = Measured::absent("deg", "hip, knee or ankle landmark missing at IC");
  } else {
    const double at_ic = s.flexion_deg(method, ic);
    m.knee_flexion_ic_deg = Measured::of(at_ic, "deg", method_name(method));
    // Peak over every body frame in (IC, IC + half stance], same method as at IC.
    const double half_end = ic + 0.5 * (stance.to_s - stance.ic_s);
    const double first_frame = std::floor(ic * body.rate_hz) + 1;
    double peak = at_ic;
    std::size_t used = 0;
    const double frames = static_cast<double>(s.leg.hip_centre.size());
    for (double frame = std::max(first_frame, 0.0); frame < frames && frame / body.rate_hz <= half_end + 1e-9; frame += 1) {
      const double flexion = s.flexion_deg(method, frame / body.rate_hz);
      if (!std::isfinite(flexion)) continue;
      peak = std::max(peak, flexion);
      ++used;
    }
    if (used == 0)
      m.knee_flexion_excursion_deg =
          Measured::absent("deg", "no knee sample in the first half of stance", method_name(method));
    else
      m.knee_flexion_excursion_deg =
          Measured::of(peak - at_ic, "deg", "peak flexion in first half of stance minus flexion at IC; " + method_name(method));
    if (m.knee_flexion_ic_deg.value) m.extended_knee = *m.knee_flexion_ic_deg.value < options.extended_knee_threshold_deg;
  }
  m.shank_angle_ic_deg = shank_angle(s, ic);
  overstride(s, ic, m);
  return m;
}

}  // namespace touchdown
