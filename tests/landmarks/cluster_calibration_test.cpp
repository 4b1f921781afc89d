// CAST rigid fit: exact answers on synthetic clusters moved by known rotations and translations.
#include "landmarks/cluster_calibration.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>

namespace touchdown::landmarks {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

Vec3 move(const Eigen::Matrix3d& r, const Eigen::Vector3d& t, const Vec3& p) {
  const Eigen::Vector3d q = r * Eigen::Vector3d(p.x, p.y, p.z) + t;
  return {q.x(), q.y(), q.z()};
}

// A thigh-like plate of four markers (metres) and the two epicondyles it carries.
const std::vector<Vec3> kCluster = {{0.10, 0.60, 0.05}, {0.10, 0.50, 0.06}, {0.04, 0.61, 0.07}, {0.05, 0.49, 0.08}};
const std::vector<Vec3> kEpicondyles = {{0.02, 0.45, 0.12}, {0.03, 0.45, 0.01}};

Eigen::Matrix3d rotation(double a, double b, double c) {
  return (Eigen::AngleAxisd(a, Eigen::Vector3d::UnitX()) * Eigen::AngleAxisd(b, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(c, Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}

void expect_near(const Vec3& a, const Vec3& b, double tolerance) {
  EXPECT_NEAR(a.x, b.x, tolerance);
  EXPECT_NEAR(a.y, b.y, tolerance);
  EXPECT_NEAR(a.z, b.z, tolerance);
}

TEST(ClusterCalibration, RigidMotionReproducesAnatomicalPointsExactly) {
  const std::size_t frames = 50;
  std::vector<Trajectory> markers(kCluster.size(), Trajectory(frames));
  std::vector<Trajectory> expected(kEpicondyles.size(), Trajectory(frames));
  for (std::size_t f = 0; f < frames; ++f) {
    const double s = static_cast<double>(f) / frames;
    const Eigen::Matrix3d r = rotation(1.2 * s - 0.3, 0.8 * s, -2.0 * s + 0.5);  // large, 3-axis rotations
    const Eigen::Vector3d t(3.0 * s, 0.1 * std::sin(10 * s), -1.5 + s);
    for (std::size_t k = 0; k < kCluster.size(); ++k) markers[k][f] = move(r, t, kCluster[k]);
    for (std::size_t p = 0; p < kEpicondyles.size(); ++p) expected[p][f] = move(r, t, kEpicondyles[p]);
  }
  ClusterCalibration calibration(kCluster, kEpicondyles);
  std::vector<const Trajectory*> dynamic;
  for (const auto& m : markers) dynamic.push_back(&m);
  std::vector<double> residual;
  const auto points = calibration.reconstruct(dynamic, &residual);
  ASSERT_EQ(points.size(), 2u);
  for (std::size_t f = 0; f < frames; ++f) {
    // Noise-free rigid data: only floating-point rounding separates the fit from the truth.
    for (std::size_t p = 0; p < 2; ++p) expect_near(points[p][f], expected[p][f], 1e-9);
    EXPECT_LT(residual[f], 1e-9);
  }
}

TEST(ClusterCalibration, ThreeVisibleMarkersSufficeTwoDoNot) {
  const Eigen::Matrix3d r = rotation(0.4, -0.2, 1.0);
  const Eigen::Vector3d t(0.5, 0.2, -0.1);
  std::vector<Trajectory> markers(kCluster.size(), Trajectory(3));
  for (std::size_t k = 0; k < kCluster.size(); ++k)
    for (std::size_t f = 0; f < 3; ++f) markers[k][f] = move(r, t, kCluster[k]);
  markers[0][1] = {kNan, kNan, kNan};  // frame 1: three markers left
  markers[0][2] = {kNan, kNan, kNan};  // frame 2: two markers left
  markers[1][2] = {kNan, kNan, kNan};
  ClusterCalibration calibration(kCluster, kEpicondyles);
  std::vector<const Trajectory*> dynamic;
  for (const auto& m : markers) dynamic.push_back(&m);
  const auto points = calibration.reconstruct(dynamic);
  expect_near(points[0][0], move(r, t, kEpicondyles[0]), 1e-9);  // exact data, rounding only
  expect_near(points[0][1], move(r, t, kEpicondyles[0]), 1e-9);
  EXPECT_TRUE(std::isnan(points[0][2].x));
}

TEST(ClusterCalibration, MarkerUnseenInStaticIsIgnored) {
  auto standing = kCluster;
  standing[2] = {kNan, kNan, kNan};
  const Eigen::Matrix3d r = rotation(-0.7, 0.3, 0.2);
  const Eigen::Vector3d t(-0.2, 0.0, 0.9);
  std::vector<Trajectory> markers(kCluster.size(), Trajectory(1));
  for (std::size_t k = 0; k < kCluster.size(); ++k) markers[k][0] = move(r, t, kCluster[k]);
  markers[2][0] = {9, 9, 9};  // would ruin the fit if it took part
  ClusterCalibration calibration(standing, kEpicondyles);
  std::vector<const Trajectory*> dynamic;
  for (const auto& m : markers) dynamic.push_back(&m);
  expect_near(calibration.reconstruct(dynamic)[1][0], move(r, t, kEpicondyles[1]), 1e-9);  // rounding only
}

TEST(ClusterCalibration, FrameWithADisplacedMarkerIsLeftMissing) {
  // Frame 1: one marker 5 cm off its place in the cluster (a mislabelled marker): the cluster no longer
  // moves as one body, the fit RMS is centimetres, and the carried point is missing rather than wrong.
  std::vector<Trajectory> markers(kCluster.size(), Trajectory(2));
  for (std::size_t k = 0; k < kCluster.size(); ++k) markers[k][0] = markers[k][1] = kCluster[k];
  markers[3][1].y += 0.05;
  ClusterCalibration calibration(kCluster, kEpicondyles);
  std::vector<const Trajectory*> dynamic;
  for (const auto& m : markers) dynamic.push_back(&m);
  std::vector<double> residual;
  const auto points = calibration.reconstruct(dynamic, &residual);
  expect_near(points[0][0], kEpicondyles[0], 1e-9);  // identity motion, rounding only
  EXPECT_TRUE(std::isnan(points[0][1].x));
  EXPECT_GT(residual[1], kMaxClusterRmsM);  // reported, not hidden
}

TEST(ClusterCalibration, CollinearMarkersGiveNoFit) {
  const std::vector<Vec3> line = {{0, 0, 0}, {0, 0.05, 0}, {0, 0.10, 0}, {0, 0.15, 0}};
  EXPECT_FALSE(fit_rigid_transform(line, line).has_value());
}

TEST(ClusterCalibration, MirroredTargetYieldsRotationNotReflection) {
  // An irregular (chiral) tetrahedron and its mirror image through x = 0: no rotation maps one onto the
  // other, so the best rotation has determinant +1 and leaves a residual; SVD without the sign fix would
  // return the reflection with zero residual.
  const std::vector<Vec3> tetrahedron = {{0, 0, 0}, {0.10, 0, 0}, {0, 0.07, 0}, {0.02, 0.03, 0.05}};
  std::vector<Vec3> mirrored;
  for (const auto& p : tetrahedron) mirrored.push_back({-p.x, p.y, p.z});
  auto fit = fit_rigid_transform(tetrahedron, mirrored);
  ASSERT_TRUE(fit);
  EXPECT_NEAR(fit->rotation.determinant(), 1.0, 1e-12);  // orthonormal to rounding
  EXPECT_GT(fit->rms_residual, 1e-3);                    // centimetre-sized shape: mm-sized misfit at least
}

}  // namespace
}  // namespace touchdown::landmarks
