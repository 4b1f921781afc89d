#pragma once
// Metres per point unit. Files normally declare their units (C3D POINT:UNITS, TRC Units); some writers
// leave the field empty (the Running Injury Clinic C3D exports). A body then gives the scale away: the
// spread of a runner's markers within one frame (feet to pelvis or shoulders) is 0.5-2.5 m.
#include <optional>
#include <string>

#include "touchdown/trial.hpp"

namespace touchdown::landmarks {

struct LengthScale {
  double metres_per_unit = 0;
  std::optional<std::string> inferred;  // set when the units were inferred: how, for Body::warnings
};

// Declared units when they are a length; otherwise inferred from the body size (mm, cm or m).
// nullopt when neither works (image pixels, or a body size that fits no unit).
[[nodiscard]] std::optional<LengthScale> length_scale(const PointSet& points);

}  // namespace touchdown::landmarks
