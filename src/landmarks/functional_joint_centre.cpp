#include "landmarks/functional_joint_centre.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <Eigen/Eigenvalues>

#include "landmarks/vec3_math.hpp"

namespace touchdown::landmarks {
namespace {

using Vector6d = Eigen::Matrix<double, 6, 1>;
using Matrix6d = Eigen::Matrix<double, 6, 6>;

constexpr double kRadToDeg = 57.29577951308232;

Vec3 to_vec3(const Eigen::Vector3d& v) { return {v.x(), v.y(), v.z()}; }

double rotation_angle_deg(const Eigen::Matrix3d& r) {
  return std::acos(std::clamp(0.5 * (r.trace() - 1.0), -1.0, 1.0)) * kRadToDeg;
}

// Relative rotation of segment b in segment a's frame.
Eigen::Matrix3d relative(const RigidTransform& a, const RigidTransform& b) { return a.rotation.transpose() * b.rotation; }

// Largest relative rotation between two frames, by two farthest-point passes (exact for motion about one
// axis, within a factor of two otherwise); linear in the number of frames.
double rotation_range_deg(std::span<const std::optional<RigidTransform>> a, std::span<const std::optional<RigidTransform>> b) {
  std::optional<Eigen::Matrix3d> start;
  for (std::size_t f = 0; f < a.size() && !start; ++f)
    if (a[f] && b[f]) start = relative(*a[f], *b[f]);
  if (!start) return 0;
  auto farthest = [&](const Eigen::Matrix3d& from) {
    double best = 0;
    Eigen::Matrix3d where = from;
    for (std::size_t f = 0; f < a.size(); ++f) {
      if (!a[f] || !b[f]) continue;
      const Eigen::Matrix3d r = relative(*a[f], *b[f]);
      const double angle = rotation_angle_deg(from.transpose() * r);
      if (angle > best) {
        best = angle;
        where = r;
      }
    }
    return std::pair{best, where};
  };
  const auto first = farthest(*start);
  return farthest(first.second).first;
}

double rms_residual(const Eigen::Vector3d& ca, const Eigen::Vector3d& cb, std::span<const std::optional<RigidTransform>> a,
                    std::span<const std::optional<RigidTransform>> b) {
  double squared = 0;
  std::size_t n = 0;
  for (std::size_t f = 0; f < a.size(); ++f) {
    if (!a[f] || !b[f]) continue;
    squared += (a[f]->rotation * ca + a[f]->translation - b[f]->rotation * cb - b[f]->translation).squaredNorm();
    ++n;
  }
  return n ? std::sqrt(squared / static_cast<double>(n)) : 0.0;
}

}  // namespace

std::vector<std::optional<RigidTransform>> track_cluster(std::span<const Trajectory* const> markers, double max_rms) {
  const std::size_t frames = markers.empty() ? 0 : markers.front()->size();
  std::vector<std::optional<RigidTransform>> poses(frames);
  std::vector<Vec3> frame_markers(markers.size()), reference;
  auto all_visible = [&](std::size_t f) {
    for (std::size_t k = 0; k < markers.size(); ++k) {
      frame_markers[k] = (*markers[k])[f];
      if (!valid(frame_markers[k])) return false;
    }
    return true;
  };
  for (std::size_t f = 0; f < frames; ++f) {
    if (!all_visible(f)) continue;
    if (reference.empty()) {
      Vec3 centroid{0, 0, 0};
      for (const auto& m : frame_markers) centroid = centroid + m;
      centroid = (1.0 / static_cast<double>(frame_markers.size())) * centroid;
      for (const auto& m : frame_markers) reference.push_back(m - centroid);
    }
    auto fit = fit_rigid_transform(reference, frame_markers);
    if (fit && fit->rms_residual <= max_rms) poses[f] = *fit;
  }
  return poses;
}

std::optional<ScoreFit> fit_score(std::span<const std::optional<RigidTransform>> a,
                                  std::span<const std::optional<RigidTransform>> b, bool hinge,
                                  std::span<const Vec3> axial_reference) {
  const std::size_t frames = std::min(a.size(), b.size());
  // Normal equations of the stacked system [R_a  -R_b] [c_a; c_b] = p_b - p_a.
  Matrix6d normal = Matrix6d::Zero();
  Vector6d rhs = Vector6d::Zero();
  ScoreFit fit;
  for (std::size_t f = 0; f < frames; ++f) {
    if (!a[f] || !b[f]) continue;
    Eigen::Matrix<double, 3, 6> row;
    row << a[f]->rotation, -b[f]->rotation;
    normal += row.transpose() * row;
    rhs += row.transpose() * (b[f]->translation - a[f]->translation);
    ++fit.frames;
  }
  if (fit.frames < 3) return std::nullopt;

  Eigen::SelfAdjointEigenSolver<Matrix6d> eigen(normal);
  if (eigen.info() != Eigen::Success) return std::nullopt;
  const Vector6d& values = eigen.eigenvalues();  // ascending
  const Matrix6d& vectors = eigen.eigenvectors();
  // Without relative rotation the system has rank 3; a hinge has rank 5 (exactly, without noise).
  const double tiny = 1e-10 * values(5);
  if (!(values(1) > tiny)) return std::nullopt;

  const Vector6d axis = vectors.col(0);
  fit.axis_a = axis.head<3>().normalized();
  fit.axis_b = axis.tail<3>().normalized();

  Vector6d x = Vector6d::Zero();
  const Eigen::Index first = hinge || !(values(0) > tiny) ? 1 : 0;
  for (Eigen::Index i = first; i < 6; ++i) x += (vectors.col(i).dot(rhs) / values(i)) * vectors.col(i);

  if (first == 1) {
    // Slide along the axis: per frame the lab point moves by s * d_f, d_f = (R_a n_a + R_b n_b) / 2; choose s
    // so that it comes closest to the reference point (least squares over frames): `axial_reference` where
    // given and valid, else the midpoint of the cluster centroids (the pose translations).
    auto slide = [&](bool use_reference) {
      double numerator = 0, denominator = 0;
      for (std::size_t f = 0; f < frames; ++f) {
        if (!a[f] || !b[f]) continue;
        if (use_reference && (f >= axial_reference.size() || !valid(axial_reference[f]))) continue;
        const Eigen::Vector3d point = 0.5 * (a[f]->rotation * x.head<3>() + a[f]->translation +
                                             b[f]->rotation * x.tail<3>() + b[f]->translation);
        const Eigen::Vector3d direction = 0.5 * (a[f]->rotation * axis.head<3>() + b[f]->rotation * axis.tail<3>());
        const Eigen::Vector3d target =
            use_reference ? Eigen::Vector3d(axial_reference[f].x, axial_reference[f].y, axial_reference[f].z)
                          : Eigen::Vector3d(0.5 * (a[f]->translation + b[f]->translation));
        numerator += direction.dot(target - point);
        denominator += direction.squaredNorm();
      }
      if (!(denominator > 0)) return false;
      x += (numerator / denominator) * axis;
      return true;
    };
    if (!axial_reference.empty() && slide(true)) {
      fit.slid_along_axis = ScoreFit::Slide::reference;
    } else if (slide(false)) {
      fit.slid_along_axis = ScoreFit::Slide::centroids;
    }
  }
  fit.centre_a = x.head<3>();
  fit.centre_b = x.tail<3>();
  fit.rms_residual = rms_residual(fit.centre_a, fit.centre_b, a, b);
  fit.rotation_range_deg = rotation_range_deg(a.first(frames), b.first(frames));
  return fit;
}

Trajectory joint_centre_trajectory(const ScoreFit& fit, std::span<const std::optional<RigidTransform>> a,
                                   std::span<const std::optional<RigidTransform>> b) {
  Trajectory centre(std::min(a.size(), b.size()), kMissing);
  for (std::size_t f = 0; f < centre.size(); ++f) {
    if (!a[f] || !b[f]) continue;
    centre[f] = to_vec3(0.5 * (a[f]->rotation * fit.centre_a + a[f]->translation + b[f]->rotation * fit.centre_b +
                               b[f]->translation));
  }
  return centre;
}

FunctionalJointCentre functional_joint_centre(std::span<const Trajectory* const> proximal,
                                              std::span<const Trajectory* const> distal,
                                              const FunctionalJointOptions& options) {
  FunctionalJointCentre out;
  if (proximal.size() < 3 || distal.size() < 3) {
    out.problem = "fewer than 3 markers on a segment";
    return out;
  }
  const auto a = track_cluster(proximal, options.max_cluster_rms);
  const auto b = track_cluster(distal, options.max_cluster_rms);
  if (a.size() != b.size()) {
    out.problem = "the two clusters have different frame counts";
    return out;
  }
  std::size_t common = 0, rigid_a = 0, rigid_b = 0;
  for (std::size_t f = 0; f < a.size(); ++f) {
    rigid_a += a[f].has_value();
    rigid_b += b[f].has_value();
    common += a[f] && b[f];
  }
  if (common < std::max<std::size_t>(options.min_frames, 3)) {
    out.problem = "only " + std::to_string(common) + " of " + std::to_string(a.size()) +
                  " frames where both segments have all markers visible and move rigidly (proximal " +
                  std::to_string(rigid_a) + ", distal " + std::to_string(rigid_b) + " frames)";
    return out;
  }
  out.fit = fit_score(a, b, options.hinge, options.axial_reference);
  if (!out.fit) {
    out.problem = "no relative rotation between the segments";
    return out;
  }
  if (!(out.fit->rotation_range_deg >= options.min_rotation_range_deg)) {
    char text[160];
    std::snprintf(text, sizeof text, "the segments rotate only %.0f deg relative to each other (%.0f deg needed)",
                  out.fit->rotation_range_deg, options.min_rotation_range_deg);
    out.problem = text;
    return out;
  }
  out.centre = joint_centre_trajectory(*out.fit, a, b);
  return out;
}

}  // namespace touchdown::landmarks
