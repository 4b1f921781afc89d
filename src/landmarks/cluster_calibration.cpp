#include "landmarks/cluster_calibration.hpp"

#include <cassert>
#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include "landmarks/vec3_math.hpp"

namespace touchdown::landmarks {
namespace {

Eigen::Vector3d to_eigen(const Vec3& v) { return {v.x, v.y, v.z}; }

}  // namespace

Vec3 RigidTransform::apply(const Vec3& p) const {
  const Eigen::Vector3d q = rotation * to_eigen(p) + translation;
  return {q.x(), q.y(), q.z()};
}

std::optional<RigidTransform> fit_rigid_transform(std::span<const Vec3> from, std::span<const Vec3> to,
                                                  double min_spread) {
  assert(from.size() == to.size());
  std::size_t n = 0;
  Eigen::Vector3d from_mean = Eigen::Vector3d::Zero(), to_mean = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (!valid(from[i]) || !valid(to[i])) continue;
    from_mean += to_eigen(from[i]);
    to_mean += to_eigen(to[i]);
    ++n;
  }
  if (n < 3) return std::nullopt;
  from_mean /= static_cast<double>(n);
  to_mean /= static_cast<double>(n);

  Eigen::Matrix3d cross_covariance = Eigen::Matrix3d::Zero();
  Eigen::Matrix3d from_scatter = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (!valid(from[i]) || !valid(to[i])) continue;
    const Eigen::Vector3d p = to_eigen(from[i]) - from_mean;
    const Eigen::Vector3d q = to_eigen(to[i]) - to_mean;
    cross_covariance += p * q.transpose();
    from_scatter += p * p.transpose();
  }
  // The second principal spread of the (static) markers: ~0 when they lie on a line, and then the rotation
  // about that line is undetermined.
  // Closed-form 3x3 eigenvalues: this runs once per frame and segment. min_spread <= 0 skips the check
  // (the caller has already checked this marker subset).
  if (min_spread > 0) {
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> spread;
    spread.computeDirect(from_scatter, Eigen::EigenvaluesOnly);
    const double second_spread = std::sqrt(std::max(0.0, spread.eigenvalues()(1)) / static_cast<double>(n));
    if (!(second_spread >= min_spread)) return std::nullopt;
  }

  Eigen::JacobiSVD<Eigen::Matrix3d> svd(cross_covariance, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::Matrix3d& u = svd.matrixU();
  const Eigen::Matrix3d& v = svd.matrixV();
  Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
  d(2, 2) = (v * u.transpose()).determinant() < 0 ? -1.0 : 1.0;

  RigidTransform t;
  t.rotation = v * d * u.transpose();
  t.translation = to_mean - t.rotation * from_mean;
  double squared = 0;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (!valid(from[i]) || !valid(to[i])) continue;
    squared += (t.rotation * to_eigen(from[i]) + t.translation - to_eigen(to[i])).squaredNorm();
  }
  t.rms_residual = std::sqrt(squared / static_cast<double>(n));
  return t;
}

ClusterCalibration::ClusterCalibration(std::vector<Vec3> static_markers, std::vector<Vec3> static_points,
                                       double max_rms_residual)
    : static_markers_(std::move(static_markers)),
      static_points_(std::move(static_points)),
      max_rms_residual_(max_rms_residual) {}

std::vector<Trajectory> ClusterCalibration::reconstruct(std::span<const Trajectory* const> dynamic_markers,
                                                        std::vector<double>* rms_residual) const {
  assert(dynamic_markers.size() == static_markers_.size());
  const std::size_t frames = dynamic_markers.empty() ? 0 : dynamic_markers.front()->size();
  std::vector<Trajectory> points(static_points_.size(), Trajectory(frames, Vec3{kNaN, kNaN, kNaN}));
  if (rms_residual) rms_residual->assign(frames, kNaN);

  // The static cluster's spread depends only on which markers a frame sees; with all of them visible
  // (nearly every frame) it is checked once here instead of once per frame.
  const bool full_cluster_spread_ok = fit_rigid_transform(static_markers_, static_markers_).has_value();
  std::vector<Vec3> frame_markers(static_markers_.size());
  for (std::size_t f = 0; f < frames; ++f) {
    bool all_visible = true;
    for (std::size_t k = 0; k < static_markers_.size(); ++k) {
      assert(dynamic_markers[k]->size() == frames);
      frame_markers[k] = (*dynamic_markers[k])[f];
      all_visible = all_visible && valid(frame_markers[k]) && valid(static_markers_[k]);
    }
    if (all_visible && !full_cluster_spread_ok) continue;
    auto fit = all_visible ? fit_rigid_transform(static_markers_, frame_markers, 0.0)
                           : fit_rigid_transform(static_markers_, frame_markers);
    if (!fit) continue;
    if (rms_residual) (*rms_residual)[f] = fit->rms_residual;
    if (!(fit->rms_residual <= max_rms_residual_)) continue;
    for (std::size_t p = 0; p < static_points_.size(); ++p) points[p][f] = fit->apply(static_points_[p]);
  }
  return points;
}

}  // namespace touchdown::landmarks
