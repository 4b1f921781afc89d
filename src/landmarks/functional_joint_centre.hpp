#pragma once
// Functional joint centres: where two segments rotate about each other, found from the motion of their
// marker clusters alone (no epicondyle or malleolus markers, no static trial).
//
// SCoRE, symmetrical centre of rotation estimation (Ehrig, Taylor, Duda & Heller 2006, J Biomech
// 39:2798-2809): each cluster's pose per frame (R, p) is a least-squares rigid fit to its own reference
// shape (cluster_calibration.hpp); the joint centre is one point fixed in both segments, c_a in segment a and
// c_b in segment b, minimising  sum_f |R_a,f c_a + p_a,f - (R_b,f c_b + p_b,f)|^2  (linear least squares in
// the six unknowns). Per frame the centre is the midpoint of the two transformed points; their distance is
// the residual.
//
// SARA, symmetrical axis of rotation approach (Ehrig, Taylor, Duda & Heller 2007, J Biomech 40:2150-2157):
// for a hinge the same system is singular along the flexion axis, and the right singular vector of its
// smallest singular value, [n_a; n_b], is that axis expressed in both segments. A knee (and, in running, the
// ankle: ~50 deg of dorsi/plantarflexion against ~10-15 deg about other axes) is close to a hinge, so the
// SCoRE point is well defined across the axis but arbitrary along it (it drifts with noise). With `hinge`
// set the point is solved in the complement of the axis and then slid along the axis to the point closest
// (least squares over frames) to a reference point:
//   - for the knee, the hip centre: the femur's mechanical axis meets the knee flexion axis nearly at right
//     angles in the frontal plane (mechanical lateral distal femoral angle 87 +- 2 deg; Paley 2002,
//     Principles of Deformity Correction), so the foot of the perpendicular from the hip centre lies near
//     mid-joint (about 0.45 m x tan 3 deg ~ 2 cm off, plus the hip centre's own error);
//   - else (the ankle) the midpoint of the two clusters' centroids. At the knee this is poor, since technical
//     clusters sit on the lateral side of thigh and shank: on the Rajagopal-set run of running/bmc_opensim it
//     was 63-70 mm along the axis from the epicondyle midpoint, against 16-18 mm for the hip rule
//     (perpendicular distance to the axis 11-15 mm either way). At the ankle the hip-style rule (knee centre)
//     fails: the functional ankle axis mixes talocrural and subtalar motion and lies 30-50 deg off the
//     medio-lateral direction, so sliding towards the knee moved the centre ~12 cm from the malleolus
//     midpoint on RBDS001, where the centroid rule (and plain SCoRE) stayed within ~2 cm along the axis.
// The along-axis position of a hinge centre is the weak part of any functional method (on RBDS001 the hip
// rule is 25-50 mm along the axis from the CAST epicondyle midpoint, 4-10 mm across it). Along-axis offsets
// barely change sagittal-plane angles (the knee axis is nearly medio-lateral), which is what the knee
// flexion fallback without epicondyles uses.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "landmarks/cluster_calibration.hpp"
#include "touchdown/body.hpp"

namespace touchdown::landmarks {

// Pose of a cluster in every frame relative to its reference shape: the first frame in which all its markers
// are visible, centred on its centroid (so the pose's translation is the cluster centroid). Frames with a
// missing marker, or where the cluster departs from the reference shape by more than `max_rms` (not rigid),
// are nullopt. All trajectories have the same length.
[[nodiscard]] std::vector<std::optional<RigidTransform>> track_cluster(std::span<const Trajectory* const> markers,
                                                                       double max_rms = kMaxClusterRmsM);

struct ScoreFit {
  Eigen::Vector3d centre_a = Eigen::Vector3d::Zero();  // in cluster a's reference coordinates
  Eigen::Vector3d centre_b = Eigen::Vector3d::Zero();  // in cluster b's reference coordinates
  Eigen::Vector3d axis_a = Eigen::Vector3d::UnitX();   // SARA axis (unit) in cluster a's coordinates
  Eigen::Vector3d axis_b = Eigen::Vector3d::UnitX();
  double rms_residual = 0;       // RMS over frames of |R_a c_a + p_a - (R_b c_b + p_b)|, in marker units
  std::size_t frames = 0;        // frames where both poses exist
  double rotation_range_deg = 0;  // largest relative rotation between two of those frames (approximate)
  enum class Slide { no, reference, centroids };
  Slide slid_along_axis = Slide::no;  // hinge: to the point nearest the reference point, or the centroids
};

// `hinge`: solve across the axis and slide along it (see above); otherwise the plain SCoRE solution (ball
// joint). nullopt with fewer than 3 common frames or a singular system (no relative rotation).
// `axial_reference` (per frame, lab; may be empty or partly NaN) is the point a hinge centre is slid towards.
[[nodiscard]] std::optional<ScoreFit> fit_score(std::span<const std::optional<RigidTransform>> a,
                                                std::span<const std::optional<RigidTransform>> b, bool hinge,
                                                std::span<const Vec3> axial_reference = {});

// The joint centre of `fit` per frame (midpoint of the two segments' estimates); NaN where a pose is missing.
[[nodiscard]] Trajectory joint_centre_trajectory(const ScoreFit& fit, std::span<const std::optional<RigidTransform>> a,
                                                 std::span<const std::optional<RigidTransform>> b);

struct FunctionalJointOptions {
  // Below this relative rotation the centre is too poorly determined (Ehrig 2006: errors grow quickly under
  // ~20-30 deg of range); running knees flex 60-100 deg, ankles 40-60 deg.
  double min_rotation_range_deg = 30;
  std::size_t min_frames = 10;
  bool hinge = true;
  std::span<const Vec3> axial_reference;  // hip centre per frame for a knee (hinge); empty: cluster centroids
  double max_cluster_rms = kMaxClusterRmsM;
};

struct FunctionalJointCentre {
  Trajectory centre;     // empty when not computed (see problem)
  std::optional<ScoreFit> fit;
  std::string problem;   // why there is no centre, for a warning
};

// Proximal cluster (e.g. thigh) against distal cluster (shank), marker trajectories in metres.
[[nodiscard]] FunctionalJointCentre functional_joint_centre(std::span<const Trajectory* const> proximal,
                                                            std::span<const Trajectory* const> distal,
                                                            const FunctionalJointOptions& options = {});

}  // namespace touchdown::landmarks
