#pragma once
// Coarse roles of markers from their labels, across common marker sets (Plug-in Gait, CAST/ISB,
// OpenSim/Rajagopal, Motion Analysis Helen Hayes, Qualisys, French BTK samples): enough to tell
// feet from pelvis and trunk for axis detection. Full marker-set profiles live in landmarks/.
#include <string_view>

#include "touchdown/trial.hpp"

namespace touchdown::model {

enum class MarkerRole { unknown, heel, toe, foot, pelvis, trunk };

struct MarkerName {
  MarkerRole role = MarkerRole::unknown;
  Side side = Side::none;
};

// e.g. "LHEE" -> heel/left, "R.Heel.Bottom" -> heel/right, "calcn_r" -> heel/right, "RASI" -> pelvis/right,
// "C7" -> trunk, "RMT5" -> toe/right, "R.Foot.Med" -> toe/right, "RTH1" -> unknown.
MarkerName classify_marker(std::string_view label);

[[nodiscard]] inline bool is_foot(MarkerRole role) {
  return role == MarkerRole::heel || role == MarkerRole::toe || role == MarkerRole::foot;
}

}  // namespace touchdown::model
