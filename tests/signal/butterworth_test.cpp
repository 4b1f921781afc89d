#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "touchdown/signal.hpp"

using namespace touchdown;

namespace {

constexpr double kRate = 150.0;
constexpr double kCutoff = 12.0;

// Gain of the forward-backward 2nd-order Butterworth after Winter's correction, from its transfer
// function: |H(f)|^2 = 1 / (1 + (tan(pi f / fs) / tan(pi fc' / fs))^4), tan(pi fc'/fs) = tan(pi fc/fs) / C,
// C = (sqrt(2) - 1)^(1/4) (Winter 2009, sec. 3.4.4).
double expected_gain(double f) {
  const double corrected = std::tan(std::numbers::pi * kCutoff / kRate) / std::pow(std::sqrt(2.0) - 1.0, 0.25);
  return 1.0 / (1.0 + std::pow(std::tan(std::numbers::pi * f / kRate) / corrected, 4));
}

std::vector<double> sine(double f, std::size_t n, double phase = 0.0) {
  std::vector<double> s(n);
  for (std::size_t i = 0; i < n; ++i) s[i] = std::sin(2 * std::numbers::pi * f * static_cast<double>(i) / kRate + phase);
  return s;
}

// Least-squares amplitude and phase of a known-frequency sine over samples [first, last).
struct Fit {
  double amplitude, phase;
};
Fit fit_sine(const std::vector<double>& s, double f, std::size_t first, std::size_t last) {
  double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
  for (std::size_t i = first; i < last; ++i) {
    const double w = 2 * std::numbers::pi * f * static_cast<double>(i) / kRate;
    ss += std::sin(w) * std::sin(w);
    sc += std::sin(w) * std::cos(w);
    cc += std::cos(w) * std::cos(w);
    ys += s[i] * std::sin(w);
    yc += s[i] * std::cos(w);
  }
  const double det = ss * cc - sc * sc;
  const double a = (ys * cc - yc * sc) / det;  // coefficient of sin
  const double b = (yc * ss - ys * sc) / det;  // coefficient of cos
  return {std::hypot(a, b), std::atan2(b, a)};
}

}  // namespace

TEST(ButterworthZeroLag, GainFollowsTheTransferFunctionBelowAtAndAboveCutoff) {
  const std::size_t n = 3000;  // 20 s
  for (const double f : {3.0, 8.0, kCutoff, 20.0, 30.0}) {
    const std::vector<double> out = signal::lowpass_zero_lag(sine(f, n), kRate, kCutoff);
    // Measured away from both ends (start-up transients stay in the padding and decay within ~40 samples):
    const Fit fit = fit_sine(out, f, 500, n - 500);
    // The digital response is exactly |H|^2; the least-squares fit of a pure sine is exact up to rounding
    // and the residual edge transient, far below 1e-4 in the middle of the record.
    EXPECT_NEAR(fit.amplitude, expected_gain(f), 1e-4) << f << " Hz";
  }
  // Winter's correction puts the -3 dB point of the double pass at the requested cut-off:
  EXPECT_NEAR(expected_gain(kCutoff), 1.0 / std::sqrt(2.0), 1e-12);
}

TEST(ButterworthZeroLag, HasNoPhaseLag) {
  const std::size_t n = 3000;
  const std::vector<double> in = sine(5.0, n, 0.3);
  const std::vector<double> out = signal::lowpass_zero_lag(in, kRate, kCutoff);
  const Fit before = fit_sine(in, 5.0, 500, n - 500), after = fit_sine(out, 5.0, 500, n - 500);
  // Forward-backward filtering cancels the phase exactly; the tolerance covers rounding only.
  EXPECT_NEAR(after.phase, before.phase, 1e-6);

  // Cross-correlation of a broadband low-frequency signal with its filtered copy peaks at lag 0.
  std::vector<double> broadband(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / kRate;
    broadband[i] = std::sin(2 * std::numbers::pi * 1.3 * t) + 0.7 * std::sin(2 * std::numbers::pi * 4.1 * t + 1.0) +
                   0.4 * std::sin(2 * std::numbers::pi * 9.7 * t + 2.0);
  }
  const std::vector<double> filtered = signal::lowpass_zero_lag(broadband, kRate, kCutoff);
  int best_lag = 99;
  double best = -1e300;
  for (int lag = -10; lag <= 10; ++lag) {
    double sum = 0;
    for (std::size_t i = 100; i + 100 < n; ++i) sum += broadband[i] * filtered[static_cast<std::size_t>(static_cast<long>(i) + lag)];
    if (sum > best) {
      best = sum;
      best_lag = lag;
    }
  }
  EXPECT_EQ(best_lag, 0);
}

TEST(ButterworthZeroLag, KeepsConstantsAndRampsUpToTheEnds) {
  // Unit DC gain and zero phase pass a constant and a ramp unchanged; odd-reflection padding continues
  // both at the ends, so even the first and last samples are kept (tolerance: padding transients
  // ~1e-9 of the ramp span).
  std::vector<double> constant(200, 3.5), ramp(200);
  for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = 0.01 * static_cast<double>(i) - 1.0;
  const auto c = signal::lowpass_zero_lag(constant, kRate, kCutoff);
  const auto r = signal::lowpass_zero_lag(ramp, kRate, kCutoff);
  for (std::size_t i = 0; i < ramp.size(); ++i) {
    EXPECT_NEAR(c[i], 3.5, 1e-12);
    EXPECT_NEAR(r[i], ramp[i], 1e-6) << i;
  }
}

TEST(ButterworthZeroLag, FiltersEachValidRunOnItsOwn) {
  const double nan = std::nan("");
  std::vector<double> a = sine(4.0, 120), b = sine(7.0, 90, 1.0);
  std::vector<double> joined = a;
  joined.insert(joined.end(), 5, nan);
  joined.insert(joined.end(), b.begin(), b.end());
  joined.push_back(nan);
  joined.insert(joined.end(), {1.0, 2.0, 3.0});  // a run too short to filter stays as measured
  const auto out = signal::lowpass_zero_lag(joined, kRate, kCutoff);
  const auto fa = signal::lowpass_zero_lag(a, kRate, kCutoff), fb = signal::lowpass_zero_lag(b, kRate, kCutoff);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_DOUBLE_EQ(out[i], fa[i]);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_TRUE(std::isnan(out[a.size() + i]));
  for (std::size_t i = 0; i < b.size(); ++i) EXPECT_DOUBLE_EQ(out[a.size() + 5 + i], fb[i]);
  EXPECT_TRUE(std::isnan(out[a.size() + 5 + b.size()]));
  EXPECT_EQ(out[out.size() - 3], 1.0);
  EXPECT_EQ(out.back(), 3.0);
}

TEST(ButterworthZeroLag, RejectsCutoffsItCannotRealise) {
  const std::vector<double> s(50, 1.0);
  EXPECT_THROW(signal::lowpass_zero_lag(s, kRate, 75.0), std::invalid_argument);
  EXPECT_THROW(signal::lowpass_zero_lag(s, kRate, 0.0), std::invalid_argument);
  EXPECT_THROW(signal::lowpass_zero_lag(s, 0.0, 10.0), std::invalid_argument);
}

TEST(ButterworthZeroLag, FiltersTrajectoriesAxisByAxis) {
  Trajectory t(300);
  const auto x = sine(30.0, 300), y = sine(2.0, 300);
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = {x[i], y[i], 1.0};
  const Trajectory out = signal::lowpass_zero_lag(t, kRate, kCutoff);
  const auto fx = signal::lowpass_zero_lag(x, kRate, kCutoff), fy = signal::lowpass_zero_lag(y, kRate, kCutoff);
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_DOUBLE_EQ(out[i].x, fx[i]);
    EXPECT_DOUBLE_EQ(out[i].y, fy[i]);
    EXPECT_NEAR(out[i].z, 1.0, 1e-12);
  }
}
