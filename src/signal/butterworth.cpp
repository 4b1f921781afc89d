// Zero-lag Butterworth low-pass filter, as used for marker and force data in gait analysis.
//
// A 2nd-order Butterworth section (bilinear transform with frequency pre-warping) is run forward
// and then backward over the data: the phase shifts cancel (zero lag) and the magnitude response is
// squared, giving a 4th-order roll-off. Squaring moves the -3 dB point below the design cut-off, so
// the design cut-off is raised by Winter's correction for n passes of a 2nd-order filter,
// C = (2^(1/n) - 1)^(1/4) (n = 2: C = 0.802), applied to the pre-warped frequency:
// tan(pi*fc_design/fs) = tan(pi*fc/fs) / C. The double pass then has gain exactly 1/sqrt(2) at fc:
// |H(f)|^2 = 1 / (1 + (tan(pi f/fs) / tan(pi fc_design/fs))^4).
// Source: D. A. Winter, Biomechanics and Motor Control of Human Movement, 4th ed. (2009), sec. 3.4.4.
//
// Each contiguous run of valid (non-NaN) samples is filtered on its own, so a gap never smears NaN
// or a step into the data. Run ends are extended by odd (point) reflection, 2*x[0] - x[k], which
// continues both the level and the slope of the signal, and the filter state starts in the steady
// state of the first padded sample, so start-up transients stay in the padding.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "touchdown/signal.hpp"

namespace touchdown::signal {
namespace {

constexpr std::size_t kMinRun = 4;  // shorter runs carry too little to filter; left as measured

struct Biquad {
  double b0, b1, b2, a1, a2;
};

Biquad design_lowpass(double rate_hz, double cutoff_hz) {
  const double winter_correction = std::pow(std::sqrt(2.0) - 1.0, 0.25);  // (2^(1/2) - 1)^(1/4), two passes
  const double k = std::tan(std::numbers::pi * cutoff_hz / rate_hz) / winter_correction;
  const double norm = 1.0 / (1.0 + std::numbers::sqrt2 * k + k * k);
  Biquad q{};
  q.b0 = k * k * norm;
  q.b1 = 2.0 * q.b0;
  q.b2 = q.b0;
  q.a1 = 2.0 * (k * k - 1.0) * norm;
  q.a2 = (1.0 - std::numbers::sqrt2 * k + k * k) * norm;
  return q;
}

// Runs the section over `data` in place (transposed direct form II), starting from the steady state
// for a constant input equal to data[0] (the section has unit gain at DC).
template <typename Iterator>
void run_section(const Biquad& q, Iterator first, Iterator last) {
  if (first == last) return;
  const double start = *first;
  double z1 = start * (q.b1 - q.a1 + q.b2 - q.a2);
  double z2 = start * (q.b2 - q.a2);
  for (auto it = first; it != last; ++it) {
    const double x = *it;
    const double y = q.b0 * x + z1;
    z1 = q.b1 * x - q.a1 * y + z2;
    z2 = q.b2 * x - q.a2 * y;
    *it = y;
  }
}

std::size_t padding_for(std::size_t run, double rate_hz, double cutoff_hz) {
  // About three periods of the cut-off: the section's impulse response has decayed well below 1e-3 by then.
  const auto settle = static_cast<std::size_t>(std::ceil(3.0 * rate_hz / cutoff_hz));
  return std::min(run - 1, std::max<std::size_t>(settle, 9));
}

void filter_run(const Biquad& q, std::span<const double> in, std::span<double> out, std::size_t pad,
                std::vector<double>& buffer) {
  const std::size_t n = in.size();
  buffer.resize(n + 2 * pad);
  for (std::size_t k = 0; k < pad; ++k) buffer[pad - 1 - k] = 2.0 * in[0] - in[k + 1];
  std::copy(in.begin(), in.end(), buffer.begin() + static_cast<std::ptrdiff_t>(pad));
  for (std::size_t k = 0; k < pad; ++k) buffer[pad + n + k] = 2.0 * in[n - 1] - in[n - 2 - k];
  run_section(q, buffer.begin(), buffer.end());
  run_section(q, buffer.rbegin(), buffer.rend());
  std::copy_n(buffer.begin() + static_cast<std::ptrdiff_t>(pad), n, out.begin());
}

void check_arguments(double rate_hz, double cutoff_hz) {
  if (!(rate_hz > 0) || !std::isfinite(rate_hz))
    throw std::invalid_argument("lowpass_zero_lag: sampling rate must be positive and finite, got " +
                                std::to_string(rate_hz));
  if (!(cutoff_hz > 0) || !(cutoff_hz < rate_hz / 2))
    throw std::invalid_argument("lowpass_zero_lag: cut-off " + std::to_string(cutoff_hz) +
                                " Hz must lie between 0 and the Nyquist frequency " + std::to_string(rate_hz / 2) +
                                " Hz; lower the cut-off or use data sampled faster");
}

}  // namespace

std::vector<double> lowpass_zero_lag(std::span<const double> samples, double rate_hz, double cutoff_hz) {
  check_arguments(rate_hz, cutoff_hz);
  const Biquad q = design_lowpass(rate_hz, cutoff_hz);
  std::vector<double> out(samples.begin(), samples.end());
  std::vector<double> buffer;
  std::size_t i = 0;
  const std::size_t n = samples.size();
  while (i < n) {
    if (std::isnan(samples[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < n && !std::isnan(samples[i])) ++i;
    const std::size_t run = i - begin;
    if (run < kMinRun) continue;
    filter_run(q, samples.subspan(begin, run), std::span<double>(out).subspan(begin, run),
               padding_for(run, rate_hz, cutoff_hz), buffer);
  }
  return out;
}

Trajectory lowpass_zero_lag(const Trajectory& trajectory, double rate_hz, double cutoff_hz) {
  Trajectory out(trajectory.size());
  std::vector<double> axis(trajectory.size());
  for (int a = 0; a < 3; ++a) {
    for (std::size_t i = 0; i < trajectory.size(); ++i) axis[i] = trajectory[i][a];
    const std::vector<double> filtered = lowpass_zero_lag(axis, rate_hz, cutoff_hz);
    for (std::size_t i = 0; i < trajectory.size(); ++i) out[i][a] = filtered[i];
  }
  return out;
}

}  // namespace touchdown::signal
