#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "touchdown/signal.hpp"

using namespace touchdown;

namespace {
double cubic(double x) { return 0.002 * x * x * x - 0.05 * x * x + 0.3 * x + 1.0; }
}  // namespace

TEST(GapFillCubic, FillsACubicExactly) {
  std::vector<double> s(40);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = cubic(static_cast<double>(i));
  for (std::size_t i = 15; i < 23; ++i) s[i] = std::nan("");
  EXPECT_EQ(signal::fill_gaps_cubic(s, 10), 8u);
  // A not-a-knot spline reproduces any cubic: only rounding remains.
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_NEAR(s[i], cubic(static_cast<double>(i)), 1e-9) << i;
}

TEST(GapFillCubic, LeavesLongGapsAndEndGapsMissing) {
  const double nan = std::nan("");
  std::vector<double> s(60);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = cubic(static_cast<double>(i));
  for (std::size_t i = 0; i < 3; ++i) s[i] = nan;     // leading gap: nothing to interpolate from
  for (std::size_t i = 20; i < 31; ++i) s[i] = nan;   // 11 > max_gap 10
  for (std::size_t i = 40; i < 50; ++i) s[i] = nan;   // exactly max_gap: filled
  for (std::size_t i = 57; i < 60; ++i) s[i] = nan;   // trailing gap
  EXPECT_EQ(signal::fill_gaps_cubic(s, 10), 10u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(std::isnan(s[i]));
  for (std::size_t i = 20; i < 31; ++i) EXPECT_TRUE(std::isnan(s[i]));
  for (std::size_t i = 40; i < 50; ++i) EXPECT_NEAR(s[i], cubic(static_cast<double>(i)), 1e-9);
  for (std::size_t i = 57; i < 60; ++i) EXPECT_TRUE(std::isnan(s[i]));
}

TEST(GapFillCubic, BridgesWithAStraightLineWhenTooFewNeighbours) {
  const double nan = std::nan("");
  std::vector<double> s = {nan, 1.0, nan, nan, 4.0, nan};
  EXPECT_EQ(signal::fill_gaps_cubic(s, 10), 2u);
  EXPECT_DOUBLE_EQ(s[2], 2.0);
  EXPECT_DOUBLE_EQ(s[3], 3.0);
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_TRUE(std::isnan(s[5]));
}

TEST(GapFillCubic, FillsTrajectoriesOnEveryAxis) {
  const double nan = std::nan("");
  Trajectory t(30);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double x = static_cast<double>(i);
    t[i] = {cubic(x), 2.0 * x, -x * x};
  }
  for (std::size_t i = 10; i < 14; ++i) t[i] = {nan, nan, nan};
  EXPECT_EQ(signal::fill_gaps_cubic(t, 10), 4u);
  for (std::size_t i = 10; i < 14; ++i) {
    const double x = static_cast<double>(i);
    EXPECT_NEAR(t[i].x, cubic(x), 1e-9);
    EXPECT_NEAR(t[i].y, 2.0 * x, 1e-9);
    EXPECT_NEAR(t[i].z, -x * x, 1e-9);
  }
}
