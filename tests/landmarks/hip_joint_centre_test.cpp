// Hip joint centre regressions against hand computations.
#include "landmarks/hip_joint_centre.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

namespace touchdown::landmarks {
namespace {

void expect_near(const Vec3& a, const Vec3& b, double tolerance) {
  EXPECT_NEAR(a.x, b.x, tolerance);
  EXPECT_NEAR(a.y, b.y, tolerance);
  EXPECT_NEAR(a.z, b.z, tolerance);
}

// Lab: X anterior, Y up, Z right. ASIS 250 mm apart at height 1 m, mid-PSIS 150 mm behind mid-ASIS.
// Harrington 2007 (mm, pelvis frame = lab frame here, origin mid-ASIS):
//   x = -0.24 * 150 - 9.9 = -45.9;  y = -0.30 * 250 - 10.9 = -85.9;  z = +/-(0.33 * 250 + 7.3) = +/-89.8
TEST(HipJointCentre, HarringtonOnHandComputedPelvis) {
  const Vec3 rasis{0, 1.0, 0.125}, lasis{0, 1.0, -0.125}, mid_psis{-0.150, 1.0, 0};
  auto hips = hip_centres_harrington(rasis, lasis, mid_psis);
  ASSERT_TRUE(hips);
  expect_near(hips->right, {-0.0459, 1.0 - 0.0859, 0.0898}, 1e-12);  // exact arithmetic, rounding only
  expect_near(hips->left, {-0.0459, 1.0 - 0.0859, -0.0898}, 1e-12);
}

// The same pelvis in a Z-up lab walking towards -X, tilted 10 deg: the prediction turns with the pelvis.
TEST(HipJointCentre, HarringtonFollowsThePelvisFrame) {
  const Eigen::Matrix3d to_lab =
      (Eigen::AngleAxisd(0.1745, Eigen::Vector3d::UnitY()) *
       (Eigen::Matrix3d() << -1, 0, 0, 0, 0, 1, 0, 1, 0).finished());  // X_ant -> -X, Y_up -> Z, Z_right -> +Y
  const Eigen::Vector3d offset(2.0, -0.5, 0.3);
  auto place = [&](const Vec3& p) {
    const Eigen::Vector3d q = to_lab * Eigen::Vector3d(p.x, p.y, p.z) + offset;
    return Vec3{q.x(), q.y(), q.z()};
  };
  auto hips = hip_centres_harrington(place({0, 1.0, 0.125}), place({0, 1.0, -0.125}), place({-0.150, 1.0, 0}));
  ASSERT_TRUE(hips);
  expect_near(hips->right, place({-0.0459, 0.9141, 0.0898}), 1e-12);  // rounding only
  expect_near(hips->left, place({-0.0459, 0.9141, -0.0898}), 1e-12);
}

TEST(HipJointCentre, DegeneratePelvisGivesNothing) {
  EXPECT_FALSE(hip_centres_harrington({0, 1, 0.1}, {0, 1, 0.1}, {-0.15, 1, 0}));      // ASIS merged
  EXPECT_FALSE(hip_centres_harrington({0, 1, 0.1}, {0, 1, -0.1}, {0, 1, 0.05}));      // PSIS on the ASIS line
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(hip_centres_harrington({nan, 1, 0.1}, {0, 1, -0.1}, {-0.15, 1, 0}));  // missing marker
}

// Running Injury Clinic: a quarter of the inter-trochanteric distance medial to each trochanter.
TEST(HipJointCentre, TrochanterRule) {
  auto hips = hip_centres_from_trochanters({0.02, 0.90, 0.18}, {-0.02, 0.90, -0.18});
  expect_near(hips.right, {0.01, 0.90, 0.09}, 1e-15);  // (GT_R + (GT_L - GT_R)/4), exact in binary
  expect_near(hips.left, {-0.01, 0.90, -0.09}, 1e-15);
}

}  // namespace
}  // namespace touchdown::landmarks
