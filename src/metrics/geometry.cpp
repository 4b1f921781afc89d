#include <cmath>
#include <limits>

#include "metrics/vec_math.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {

Vec3 unit_vector(Axis axis) {
  Vec3 v;
  v[axis.index] = axis.sign < 0 ? -1.0 : 1.0;
  return v;
}

bool is_finite(const Vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

Vec3 sample_at(const Trajectory& trajectory, double rate_hz, double t_s) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Vec3 missing{nan, nan, nan};
  if (trajectory.empty() || !(rate_hz > 0) || !std::isfinite(t_s)) return missing;
  const double position = t_s * rate_hz;
  const double last = static_cast<double>(trajectory.size() - 1);
  // Times within a thousandth of a frame of a sample use that sample (event times are frame times).
  constexpr double kSnap = 1e-3;
  if (position < -kSnap || position > last + kSnap) return missing;
  const double nearest = std::round(position);
  if (std::abs(position - nearest) <= kSnap) return trajectory[static_cast<std::size_t>(nearest)];
  const auto below = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(below);
  const Vec3& a = trajectory[below];
  const Vec3& b = trajectory[below + 1];
  return vec::add(a, vec::scale(vec::sub(b, a), fraction));  // NaN in either neighbour propagates
}

double sagittal_foot_angle_deg(const Vec3& heel, const Vec3& toe, Axis up, Axis progression) {
  const Vec3 foot = vec::sub(toe, heel);
  return std::atan2(vec::dot(foot, unit_vector(up)), vec::dot(foot, unit_vector(progression))) * vec::kRadToDeg;
}

double knee_flexion_grood_suntay_deg(const Vec3& hip_centre, const Vec3& knee_lateral, const Vec3& knee_medial,
                                     const Vec3& ankle_lateral, const Vec3& ankle_medial, Side side) {
  const Vec3 knee_centre = vec::midpoint(knee_lateral, knee_medial);
  const Vec3 ankle_centre = vec::midpoint(ankle_lateral, ankle_medial);
  // ISB convention: medio-lateral axes point to the subject's right on both sides, so that the
  // anterior axis is long x medio-lateral on both legs and flexion has one sign.
  const bool right = side != Side::left;
  const Vec3 knee_ml = right ? vec::sub(knee_lateral, knee_medial) : vec::sub(knee_medial, knee_lateral);
  const Vec3 thigh_long = vec::normalized(vec::sub(hip_centre, knee_centre));
  const Vec3 thigh_ml = vec::normalized(vec::reject(knee_ml, thigh_long));
  const Vec3 thigh_anterior = vec::cross(thigh_long, thigh_ml);
  const Vec3 shank_long = vec::normalized(vec::sub(knee_centre, ankle_centre));
  // Grood & Suntay 1983: e1 = femoral medio-lateral (flexion axis), e3 = tibial long axis,
  // e2 = e3 x e1 the floating axis; flexion is the angle of e2 from the femoral anterior axis about e1.
  // The shank's own medio-lateral axis (malleoli) enters only ab/adduction and rotation, not flexion.
  const Vec3 floating = vec::normalized(vec::cross(shank_long, thigh_ml));
  return std::atan2(-vec::dot(floating, thigh_long), vec::dot(floating, thigh_anterior)) * vec::kRadToDeg;
}

double knee_flexion_sagittal_deg(const Vec3& hip, const Vec3& knee, const Vec3& ankle, Axis up, Axis progression) {
  const Vec3 u = unit_vector(up);
  const Vec3 p = unit_vector(progression);
  const Vec3 thigh = vec::sub(hip, knee);
  const Vec3 shank = vec::sub(knee, ankle);
  const double thigh_p = vec::dot(thigh, p), thigh_u = vec::dot(thigh, u);
  const double shank_p = vec::dot(shank, p), shank_u = vec::dot(shank, u);
  // Signed angle from the shank to the thigh in the (progression, up) plane: positive when the ankle
  // lies behind the line of the thigh (flexion), negative in hyperextension.
  return std::atan2(shank_p * thigh_u - shank_u * thigh_p, shank_p * thigh_p + shank_u * thigh_u) * vec::kRadToDeg;
}

}  // namespace touchdown
