#pragma once
// Small 3-vector arithmetic on touchdown::Vec3 for the metric computations (internal).
#include <cmath>

#include "touchdown/trial.hpp"

namespace touchdown::vec {

inline Vec3 add(const Vec3& a, const Vec3& b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
inline Vec3 sub(const Vec3& a, const Vec3& b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline Vec3 scale(const Vec3& a, double s) { return {a.x * s, a.y * s, a.z * s}; }
inline Vec3 midpoint(const Vec3& a, const Vec3& b) { return scale(add(a, b), 0.5); }
inline double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double norm(const Vec3& a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalized(const Vec3& a) { return scale(a, 1.0 / norm(a)); }
// `a` without its component along the unit vector `n`.
inline Vec3 reject(const Vec3& a, const Vec3& n) { return sub(a, scale(n, dot(a, n))); }

inline constexpr double kRadToDeg = 57.29577951308232;

}  // namespace touchdown::vec
