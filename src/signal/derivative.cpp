// First derivative by finite differences: central (x[i+1] - x[i-1]) / 2h inside each run of valid
// samples (second-order accurate, no phase shift), one-sided first differences at run ends, NaN for
// missing samples and for isolated valid samples (no neighbour to difference with).
// Source: Winter, Biomechanics and Motor Control of Human Movement, 4th ed., sec. 3.5.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "touchdown/signal.hpp"

namespace touchdown::signal {

std::vector<double> derivative(std::span<const double> samples, double rate_hz) {
  if (!(rate_hz > 0) || !std::isfinite(rate_hz))
    throw std::invalid_argument("derivative: sampling rate must be positive and finite, got " + std::to_string(rate_hz));
  const std::size_t n = samples.size();
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  auto valid = [&](std::size_t i) { return !std::isnan(samples[i]); };
  for (std::size_t i = 0; i < n; ++i) {
    if (!valid(i)) continue;
    const bool has_before = i > 0 && valid(i - 1);
    const bool has_after = i + 1 < n && valid(i + 1);
    if (has_before && has_after)
      out[i] = (samples[i + 1] - samples[i - 1]) * rate_hz / 2.0;
    else if (has_after)
      out[i] = (samples[i + 1] - samples[i]) * rate_hz;
    else if (has_before)
      out[i] = (samples[i] - samples[i - 1]) * rate_hz;
  }
  return out;
}

Trajectory derivative(const Trajectory& trajectory, double rate_hz) {
  Trajectory out(trajectory.size());
  std::vector<double> axis(trajectory.size());
  for (int a = 0; a < 3; ++a) {
    for (std::size_t i = 0; i < trajectory.size(); ++i) axis[i] = trajectory[i][a];
    const std::vector<double> d = derivative(axis, rate_hz);
    for (std::size_t i = 0; i < trajectory.size(); ++i) out[i][a] = d[i];
  }
  return out;
}

}  // namespace touchdown::signal
