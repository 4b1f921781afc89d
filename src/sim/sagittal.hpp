#pragma once
// Sagittal-plane geometry and interpolation shared by the simulator's models (internal).
// Points are (x forward, z up) in metres; angles in radians, counter-clockwise seen from the runner's
// left (+Y), so a positive foot pitch lifts the toes and a positive segment angle puts the distal end
// ahead of the proximal one.
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <numbers>
#include <vector>

namespace touchdown::sim {

struct P2 {
  double x = 0, z = 0;
};
inline P2 operator+(P2 a, P2 b) { return {a.x + b.x, a.z + b.z}; }
inline P2 operator-(P2 a, P2 b) { return {a.x - b.x, a.z - b.z}; }
inline P2 operator*(double s, P2 a) { return {s * a.x, s * a.z}; }
inline double norm(P2 a) { return std::hypot(a.x, a.z); }

// Rotation by `angle` (counter-clockwise in the x-z plane, toes up for a foot).
inline P2 rotate(P2 a, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return {a.x * c - a.z * s, a.x * s + a.z * c};
}
// d/dangle of rotate(a, angle).
inline P2 rotate_rate(P2 a, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return {-a.x * s - a.z * c, a.x * c - a.z * s};
}

// Unit vector of a segment hanging at `angle` from straight down (angle > 0: distal end ahead).
inline P2 hanging(double angle) { return {std::sin(angle), -std::cos(angle)}; }
inline P2 hanging_rate(double angle) { return {std::cos(angle), std::sin(angle)}; }

inline double deg(double radians) { return radians * 180.0 / std::numbers::pi; }
inline double rad(double degrees) { return degrees * std::numbers::pi / 180.0; }

// Cubic Hermite segment on [0, duration]: value and first derivative (per second).
struct Hermite {
  double y0 = 0, m0 = 0, y1 = 0, m1 = 0, duration = 1;
  [[nodiscard]] double value(double t) const {
    const double s = t / duration, s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * duration * m0 + (-2 * s3 + 3 * s2) * y1 +
           (s3 - s2) * duration * m1;
  }
  [[nodiscard]] double rate(double t) const {
    const double s = t / duration, s2 = s * s;
    return ((6 * s2 - 6 * s) * y0 + (-6 * s2 + 6 * s) * y1) / duration + (3 * s2 - 4 * s + 1) * m0 +
           (3 * s2 - 2 * s) * m1;
  }
};

// Quintic Hermite segment on [0, duration]: value, rate and acceleration given at both ends, so
// segments joined with equal end conditions are C2 (no jumps in acceleration).
struct Quintic {
  double y0 = 0, v0 = 0, a0 = 0, y1 = 0, v1 = 0, a1 = 0, duration = 1;
  [[nodiscard]] double value(double t) const { return evaluate(t, 0); }
  [[nodiscard]] double rate(double t) const { return evaluate(t, 1); }
  [[nodiscard]] double acceleration(double t) const { return evaluate(t, 2); }
  // order 0: value, 1: d/dt, 2: d2/dt2
  [[nodiscard]] double evaluate(double t, int order) const {
    const double d = duration, dy = y1 - y0, d2 = d * d;
    const double c[6] = {y0,
                         d * v0,
                         0.5 * d2 * a0,
                         10 * dy - 6 * d * v0 - 4 * d * v1 - 0.5 * d2 * (3 * a0 - a1),
                         -15 * dy + 8 * d * v0 + 7 * d * v1 + 0.5 * d2 * (3 * a0 - 2 * a1),
                         6 * dy - 3 * d * (v0 + v1) - 0.5 * d2 * (a0 - a1)};
    const double s = t / d;
    double sum = 0, power = 1;
    for (int k = order; k < 6; ++k) {
      double factor = 1;
      for (int j = 0; j < order; ++j) factor *= k - j;
      sum += factor * c[k] * power;
      power *= s;
    }
    return order == 0 ? sum : order == 1 ? sum / d : sum / d2;
  }
};

// Piecewise quintic through knots (t strictly increasing) with given values and rates (interior rates
// left NaN take the Catmull-Rom slope of the neighbours). Knot accelerations left NaN are filled with the mean of the two neighbouring cubic Hermite segments'
// accelerations there, a smooth choice that keeps the curve C2.
class QuinticSpline {
 public:
  struct Knot {
    double t = 0, value = 0, rate = std::numeric_limits<double>::quiet_NaN(),
           acceleration = std::numeric_limits<double>::quiet_NaN();
  };
  QuinticSpline() = default;
  explicit QuinticSpline(std::vector<Knot> knots) : knots_(std::move(knots)) {
    const std::size_t n = knots_.size();
    // Interior knots given without a rate get the Catmull-Rom slope of their neighbours.
    for (std::size_t i = 1; i + 1 < n; ++i)
      if (std::isnan(knots_[i].rate))
        knots_[i].rate = (knots_[i + 1].value - knots_[i - 1].value) / (knots_[i + 1].t - knots_[i - 1].t);
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isnan(knots_[i].acceleration)) continue;
      double sum = 0;
      int count = 0;
      if (i > 0) {  // cubic from i-1 to i, acceleration at its end
        const Knot &a = knots_[i - 1], &b = knots_[i];
        const double d = b.t - a.t;
        sum += 6 * (a.value - b.value) / (d * d) + (2 * a.rate + 4 * b.rate) / d;
        ++count;
      }
      if (i + 1 < n) {  // cubic from i to i+1, acceleration at its start
        const Knot &a = knots_[i], &b = knots_[i + 1];
        const double d = b.t - a.t;
        sum += 6 * (b.value - a.value) / (d * d) - (4 * a.rate + 2 * b.rate) / d;
        ++count;
      }
      knots_[i].acceleration = count ? sum / count : 0.0;
    }
  }
  [[nodiscard]] const std::vector<Knot>& knots() const { return knots_; }
  [[nodiscard]] double value(double t) const { return segment(t).value(t - knots_[index(t)].t); }
  [[nodiscard]] double rate(double t) const { return segment(t).rate(t - knots_[index(t)].t); }
  [[nodiscard]] double acceleration(double t) const { return segment(t).acceleration(t - knots_[index(t)].t); }

 private:
  [[nodiscard]] std::size_t index(double t) const {
    std::size_t i = 0;
    while (i + 2 < knots_.size() && t >= knots_[i + 1].t) ++i;
    return i;
  }
  [[nodiscard]] Quintic segment(double t) const {
    const Knot& a = knots_[index(t)];
    const Knot& b = knots_[index(t) + 1];
    return {a.value, a.rate, a.acceleration, b.value, b.rate, b.acceleration, b.t - a.t};
  }
  std::vector<Knot> knots_;
};

}  // namespace touchdown::sim
