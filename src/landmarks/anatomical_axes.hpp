#pragma once
// Up and progression axes from the body itself, for trials whose reader did not decide them (until
// detect_axes fills Trial::up / Trial::progression for every reader) and as a cross-check when it did:
// - up: the lab axis closest to the mean direction from the feet (ankles, heels, toes) to the pelvis and knees;
// - progression: the lab axis closest to the horizontal part of the direction the runner faces (heel ->
//   toe, else mid-PSIS -> mid-ASIS, else heel cluster -> ankle centre), preferably in the standing trial.
// Facing, not displacement, so that treadmill runs (no displacement) get the same answer as overground runs.
#include <optional>

#include "touchdown/trial.hpp"

namespace touchdown::landmarks {

// The signed lab axis nearest to `direction`, never the axis `excluded_index` (-1: none). nullopt for a
// zero or NaN direction.
[[nodiscard]] std::optional<Axis> nearest_axis(const Vec3& direction, int excluded_index = -1);

// `direction` without its component along `up`.
[[nodiscard]] Vec3 horizontal_part(const Vec3& direction, Axis up);

}  // namespace touchdown::landmarks
