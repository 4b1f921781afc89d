#pragma once
// Calibrated Anatomical System Technique (CAST; Cappozzo, Catani, Della Croce & Leardini 1995, Clin Biomech
// 10:171-178): anatomical points digitised in a static trial are expressed relative to a cluster of
// technical markers on the same segment; in every frame of the movement the cluster's rigid motion from the
// static pose is estimated by least squares and applied to the anatomical points.
//
// The rigid fit is the singular-value-decomposition solution of the orthogonal Procrustes problem (Arun,
// Huang & Blostein 1987, IEEE PAMI 9:698; Söderkvist & Wedin 1993, J Biomech 26:1473), with the sign
// correction that keeps it a rotation, never a reflection (Umeyama 1991, IEEE PAMI 13:376). Only markers
// visible in the frame take part; with fewer than three, or three nearly on a line, the frame is missing.
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "touchdown/body.hpp"

namespace touchdown::landmarks {

struct RigidTransform {
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();
  double rms_residual = 0;  // of the fitted markers, in their units
  [[nodiscard]] Vec3 apply(const Vec3& p) const;
};

// Smallest spread (RMS distance from the markers' principal line) that still fixes the rotation about
// that line: 1 mm; technical clusters span several centimetres.
inline constexpr double kMinClusterSpreadM = 1e-3;

// Rotation and translation taking `from[i]` onto `to[i]` in the least-squares sense, over the pairs in
// which both points are valid (not NaN). nullopt with fewer than 3 pairs or a degenerate (collinear) set.
[[nodiscard]] std::optional<RigidTransform> fit_rigid_transform(std::span<const Vec3> from, std::span<const Vec3> to,
                                                                double min_spread = kMinClusterSpreadM);

// A cluster whose markers depart from their static shape by more than 10 mm RMS is not moving as one rigid
// body in that frame (a mislabelled, swapped or badly gap-filled marker: seen in a Running Injury Clinic
// run, where two thigh-shell markers drift 40 mm for 18 frames); the carried points would be wrong by
// centimetres, so the frame is left missing. Rigid shells fit to ~1 mm, skin-marker pelvis sets to ~5 mm.
inline constexpr double kMaxClusterRmsM = 0.010;

class ClusterCalibration {
 public:
  // Positions in the static trial, in metres: the cluster markers and the anatomical points they carry.
  ClusterCalibration(std::vector<Vec3> static_markers, std::vector<Vec3> static_points,
                     double max_rms_residual = kMaxClusterRmsM);

  // `dynamic_markers[k]` is the trajectory of static marker k (all of equal length). Returns one trajectory
  // per anatomical point, NaN in frames without a valid fit or with a fit RMS above the limit.
  // `rms_residual` (optional) receives the fit's RMS marker residual per frame (NaN without a fit; the
  // value also for rejected frames).
  [[nodiscard]] std::vector<Trajectory> reconstruct(std::span<const Trajectory* const> dynamic_markers,
                                                    std::vector<double>* rms_residual = nullptr) const;

  [[nodiscard]] std::size_t marker_count() const { return static_markers_.size(); }

 private:
  std::vector<Vec3> static_markers_;
  std::vector<Vec3> static_points_;
  double max_rms_residual_;
};

}  // namespace touchdown::landmarks
