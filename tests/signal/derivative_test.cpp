#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "touchdown/signal.hpp"

using namespace touchdown;

TEST(Derivative, IsExactForQuadraticsInside) {
  const double rate = 100.0, h = 1.0 / rate;
  std::vector<double> s(50);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double t = static_cast<double>(i) * h;
    s[i] = 2.0 * t * t - 3.0 * t + 1.0;
  }
  const auto d = signal::derivative(s, rate);
  // Central differences are exact for polynomials up to degree 2 (Taylor remainder has f''').
  for (std::size_t i = 1; i + 1 < s.size(); ++i) EXPECT_NEAR(d[i], 4.0 * static_cast<double>(i) * h - 3.0, 1e-9);
  // Run ends use one-sided differences: (x1 - x0) / h = f'(0) + h f''/2 for a quadratic.
  EXPECT_NEAR(d[0], -3.0 + 2.0 * h, 1e-9);
}

TEST(Derivative, CentralDifferenceErrorOfACubicIsHSquaredTimesA) {
  // For f = a t^3, (f(t+h) - f(t-h)) / 2h = 3 a t^2 + a h^2 exactly.
  const double rate = 150.0, h = 1.0 / rate, a = 5.0;
  std::vector<double> s(40);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = a * std::pow(static_cast<double>(i) * h, 3);
  const auto d = signal::derivative(s, rate);
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const double t = static_cast<double>(i) * h;
    EXPECT_NEAR(d[i], 3 * a * t * t + a * h * h, 1e-9);
  }
}

TEST(Derivative, KeepsGapsMissing) {
  const double nan = std::nan("");
  const std::vector<double> s = {0.0, 1.0, 2.0, nan, 5.0, nan, 7.0, 9.0};
  const auto d = signal::derivative(s, 1.0);
  EXPECT_DOUBLE_EQ(d[1], 1.0);
  EXPECT_DOUBLE_EQ(d[2], 1.0);  // one-sided: the next sample is missing
  EXPECT_TRUE(std::isnan(d[3]));
  EXPECT_TRUE(std::isnan(d[4]));  // isolated sample: nothing to difference with
  EXPECT_TRUE(std::isnan(d[5]));
  EXPECT_DOUBLE_EQ(d[6], 2.0);
  EXPECT_DOUBLE_EQ(d[7], 2.0);
}

TEST(Derivative, DifferentiatesTrajectoriesAxisByAxis) {
  Trajectory t(10);
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = {static_cast<double>(i), 2.0 * static_cast<double>(i), 1.0};
  const Trajectory v = signal::derivative(t, 10.0);
  for (const Vec3& p : v) {
    EXPECT_DOUBLE_EQ(p.x, 10.0);
    EXPECT_DOUBLE_EQ(p.y, 20.0);
    EXPECT_DOUBLE_EQ(p.z, 0.0);
  }
}
