#pragma once
// Signal processing shared by every path: gap filling, zero-lag Butterworth filtering, differentiation.
// NaN marks missing samples everywhere; functions work on contiguous runs of valid samples.
#include <cstddef>
#include <span>
#include <vector>

#include "touchdown/body.hpp"

namespace touchdown::signal {

// Fills gaps of at most `max_gap` samples by a cubic spline through the valid samples on both sides;
// longer gaps (and gaps at the ends) stay NaN. Returns the number of samples filled.
std::size_t fill_gaps_cubic(std::span<double> samples, std::size_t max_gap);

// Zero-lag low-pass: a 2nd-order Butterworth run forward and backward (4th-order overall, Winter's
// cut-off correction for the double pass), applied to each run of valid samples separately, with
// reflective padding at run ends. Runs too short to filter are left as they are.
std::vector<double> lowpass_zero_lag(std::span<const double> samples, double rate_hz, double cutoff_hz);

// First derivative by central differences (one-sided at run ends), units per second. NaN stays NaN.
std::vector<double> derivative(std::span<const double> samples, double rate_hz);

// The same operations on a 3D trajectory, axis by axis.
std::size_t fill_gaps_cubic(Trajectory& trajectory, std::size_t max_gap);
Trajectory lowpass_zero_lag(const Trajectory& trajectory, double rate_hz, double cutoff_hz);
Trajectory derivative(const Trajectory& trajectory, double rate_hz);

}  // namespace touchdown::signal
