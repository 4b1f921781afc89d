#include "landmarks/length_units.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace touchdown::landmarks {
namespace {

// Body size in point units: median over (up to 200 evenly spaced) frames of the largest per-axis spread of
// the markers seen in that frame.
std::optional<double> body_size(const PointSet& points) {
  if (points.frames == 0) return std::nullopt;
  const std::size_t step = std::max<std::size_t>(1, points.frames / 200);
  std::vector<double> sizes;
  for (std::size_t f = 0; f < points.frames; f += step) {
    std::array<float, 3> low{INFINITY, INFINITY, INFINITY}, high{-INFINITY, -INFINITY, -INFINITY};
    std::size_t seen = 0;
    for (const auto& track : points.tracks) {
      if (f >= track.samples.size() || !track.samples[f].valid()) continue;
      const auto& v = track.samples[f];
      const std::array<float, 3> xyz{v.x, v.y, v.z};
      for (int k = 0; k < 3; ++k) {
        low[k] = std::min(low[k], xyz[k]);
        high[k] = std::max(high[k], xyz[k]);
      }
      ++seen;
    }
    if (seen < 3) continue;
    double size = 0;
    for (int k = 0; k < 3; ++k) size = std::max(size, static_cast<double>(high[k] - low[k]));
    sizes.push_back(size);
  }
  if (sizes.empty()) return std::nullopt;
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(sizes.size() / 2), sizes.end());
  return sizes[sizes.size() / 2];
}

}  // namespace

std::optional<LengthScale> length_scale(const PointSet& points) {
  if (const double declared = points.to_metres(); declared > 0) return LengthScale{declared, std::nullopt};
  if (points.units == "px") return std::nullopt;
  auto size = body_size(points);
  if (!size) return std::nullopt;
  struct Candidate {
    const char* name;
    double metres_per_unit;
  };
  for (const Candidate c : {Candidate{"mm", 1e-3}, Candidate{"cm", 1e-2}, Candidate{"m", 1.0}}) {
    const double metres = *size * c.metres_per_unit;
    if (metres >= 0.5 && metres <= 2.5)
      return LengthScale{c.metres_per_unit, "point units '" + points.units + "' are not a length unit; read as " +
                                                c.name + " (markers span " + std::to_string(*size) +
                                                " units within a frame, a body size only in " + c.name + ")"};
  }
  return std::nullopt;
}

}  // namespace touchdown::landmarks
