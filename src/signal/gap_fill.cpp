// Gap filling by a local not-a-knot cubic spline.
//
// Each gap of at most `max_gap` missing samples is bridged by a cubic spline through up to
// kSupport valid samples on each side (the contiguous valid samples adjoining the gap). The
// not-a-knot end condition (third derivative continuous at the second and penultimate knots) is
// used rather than the "natural" one because it reproduces any cubic polynomial exactly, so a
// smooth trajectory is filled without the artificial flattening that zero end curvature imposes
// (de Boor, A Practical Guide to Splines, ch. IV). This is the usual "spline fill" of motion-capture
// software, limited to short gaps as recommended for gait data (Howarth & Callaghan 2010,
// J Biomech 43:1575: errors grow quickly beyond ~10 frames); longer gaps and gaps touching either
// end of the signal stay NaN.
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <vector>

#include "touchdown/signal.hpp"

namespace touchdown::signal {
namespace {

constexpr std::size_t kSupport = 6;  // valid samples used on each side of a gap

// Workspace reused across gaps so that filling a long signal allocates once.
struct SplineWorkspace {
  std::vector<double> x, y;  // knots (sample indices) and values
  Eigen::MatrixXd system;
  Eigen::VectorXd rhs, second;  // second derivatives at the knots
};

// Second derivatives M of the not-a-knot cubic spline through (x, y); needs >= 4 knots.
void solve_not_a_knot(SplineWorkspace& w) {
  const auto n = static_cast<Eigen::Index>(w.x.size());
  w.system.setZero(n, n);
  w.rhs.setZero(n);
  auto h = [&](Eigen::Index i) { return w.x[static_cast<std::size_t>(i + 1)] - w.x[static_cast<std::size_t>(i)]; };
  auto slope = [&](Eigen::Index i) {
    return (w.y[static_cast<std::size_t>(i + 1)] - w.y[static_cast<std::size_t>(i)]) / h(i);
  };
  // Not-a-knot at knot 1: (M1 - M0)/h0 = (M2 - M1)/h1.
  w.system(0, 0) = h(1);
  w.system(0, 1) = -(h(0) + h(1));
  w.system(0, 2) = h(0);
  for (Eigen::Index i = 1; i + 1 < n; ++i) {  // C2 continuity at interior knots
    w.system(i, i - 1) = h(i - 1);
    w.system(i, i) = 2.0 * (h(i - 1) + h(i));
    w.system(i, i + 1) = h(i);
    w.rhs(i) = 6.0 * (slope(i) - slope(i - 1));
  }
  // Not-a-knot at knot n-2.
  w.system(n - 1, n - 3) = h(n - 2);
  w.system(n - 1, n - 2) = -(h(n - 3) + h(n - 2));
  w.system(n - 1, n - 1) = h(n - 3);
  w.second = w.system.partialPivLu().solve(w.rhs);
}

double evaluate(const SplineWorkspace& w, std::size_t segment, double at) {
  const double x0 = w.x[segment], x1 = w.x[segment + 1];
  const double step = x1 - x0;
  const double a = (x1 - at) / step, b = (at - x0) / step;
  const auto m0 = w.second(static_cast<Eigen::Index>(segment)), m1 = w.second(static_cast<Eigen::Index>(segment + 1));
  return a * w.y[segment] + b * w.y[segment + 1] + ((a * a * a - a) * m0 + (b * b * b - b) * m1) * step * step / 6.0;
}

// Fills samples[begin, end) (all NaN) from the valid samples around them.
void fill_one_gap(std::span<double> samples, std::size_t begin, std::size_t end, SplineWorkspace& w) {
  w.x.clear();
  w.y.clear();
  std::size_t left = begin;
  while (left > 0 && begin - left < kSupport && !std::isnan(samples[left - 1])) --left;
  for (std::size_t i = left; i < begin; ++i) {
    w.x.push_back(static_cast<double>(i));
    w.y.push_back(samples[i]);
  }
  for (std::size_t i = end; i < samples.size() && i - end < kSupport && !std::isnan(samples[i]); ++i) {
    w.x.push_back(static_cast<double>(i));
    w.y.push_back(samples[i]);
  }
  const std::size_t knots = w.x.size();
  if (knots < 4) {  // too little support for a cubic: the straight line between the neighbours
    const double y0 = samples[begin - 1], y1 = samples[end];
    const double span = static_cast<double>(end - begin + 1);
    for (std::size_t i = begin; i < end; ++i) samples[i] = y0 + (y1 - y0) * static_cast<double>(i - begin + 1) / span;
    return;
  }
  solve_not_a_knot(w);
  const std::size_t segment = begin - left - 1;  // the knot pair (begin-1, end) bracketing the gap
  for (std::size_t i = begin; i < end; ++i) samples[i] = evaluate(w, segment, static_cast<double>(i));
}

}  // namespace

std::size_t fill_gaps_cubic(std::span<double> samples, std::size_t max_gap) {
  SplineWorkspace workspace;
  workspace.x.reserve(2 * kSupport);
  workspace.y.reserve(2 * kSupport);
  std::size_t filled = 0;
  std::size_t i = 0;
  const std::size_t n = samples.size();
  while (i < n && std::isnan(samples[i])) ++i;  // leading gap stays missing
  while (i < n) {
    if (!std::isnan(samples[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < n && std::isnan(samples[i])) ++i;
    if (i == n) break;  // trailing gap stays missing
    if (i - begin <= max_gap) {
      fill_one_gap(samples, begin, i, workspace);
      filled += i - begin;
    }
  }
  return filled;
}

std::size_t fill_gaps_cubic(Trajectory& trajectory, std::size_t max_gap) {
  std::vector<double> axis(trajectory.size());
  std::size_t filled = 0;
  for (int a = 0; a < 3; ++a) {
    for (std::size_t i = 0; i < trajectory.size(); ++i) axis[i] = trajectory[i][a];
    const std::size_t count = fill_gaps_cubic(std::span<double>(axis), max_gap);
    if (count == 0) continue;
    filled = std::max(filled, count);  // normally the same frames are missing on every axis
    for (std::size_t i = 0; i < trajectory.size(); ++i) trajectory[i][a] = axis[i];
  }
  return filled;
}

}  // namespace touchdown::signal
