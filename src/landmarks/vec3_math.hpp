#pragma once
// The few vector operations landmark geometry needs, on touchdown::Vec3 (double).
#include <cmath>
#include <limits>

#include "touchdown/trial.hpp"

namespace touchdown::landmarks {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr Vec3 kMissing{kNaN, kNaN, kNaN};

inline Vec3 operator+(const Vec3& a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
inline Vec3 operator-(const Vec3& a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline Vec3 operator*(double s, const Vec3& a) { return {s * a.x, s * a.y, s * a.z}; }
inline double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline double distance(const Vec3& a, const Vec3& b) { return norm(a - b); }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline Vec3 midpoint(const Vec3& a, const Vec3& b) { return 0.5 * (a + b); }
inline bool valid(const Vec3& v) { return !std::isnan(v.x) && !std::isnan(v.y) && !std::isnan(v.z); }
// Unit vector of a signed lab axis.
inline Vec3 unit(Axis axis) {
  Vec3 v{0, 0, 0};
  v[axis.index] = axis.sign < 0 ? -1.0 : 1.0;
  return v;
}

}  // namespace touchdown::landmarks
