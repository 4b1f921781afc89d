#include "landmarks/anatomical_axes.hpp"

#include <cmath>

#include "landmarks/vec3_math.hpp"

namespace touchdown::landmarks {

std::optional<Axis> nearest_axis(const Vec3& direction, int excluded_index) {
  if (!valid(direction)) return std::nullopt;
  std::optional<Axis> best;
  double best_size = 0;
  for (int i = 0; i < 3; ++i) {
    if (i == excluded_index) continue;
    const double size = std::abs(direction[i]);
    if (size > best_size) {
      best_size = size;
      best = Axis{i, direction[i] < 0 ? -1 : 1};
    }
  }
  return best;
}

Vec3 horizontal_part(const Vec3& direction, Axis up) {
  Vec3 out = direction;
  out[up.index] = 0;
  return out;
}

}  // namespace touchdown::landmarks
