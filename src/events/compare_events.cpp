// Agreement between two event methods on the same trial (marker-based vs force-plate events), per stance:
// the marker IC and TO minus the force IC and TO, in seconds (positive = the marker method is late).
// Each force stance is paired with the marker stance of the same side whose IC is nearest, if that IC
// lies within half the force stance's duration: a farther one belongs to another step (a stance the
// marker method missed), and pairing it would report a step-sized error instead of "no match".
#include <cmath>
#include <limits>

#include "touchdown/events.hpp"

namespace touchdown {

void compare_events(EventResult& force, const EventResult& markers) {
  for (Stance& stance : force.stances) {
    stance.ic_disagreement_s.reset();
    stance.to_disagreement_s.reset();
    if (stance.side == Side::none) continue;
    const Stance* nearest = nullptr;
    double best = std::numeric_limits<double>::infinity();
    for (const Stance& candidate : markers.stances) {
      if (candidate.side != stance.side) continue;
      const double distance = std::abs(candidate.ic_s - stance.ic_s);
      if (distance < best) {
        best = distance;
        nearest = &candidate;
      }
    }
    if (nearest == nullptr || best > 0.5 * (stance.to_s - stance.ic_s)) continue;
    stance.ic_disagreement_s = nearest->ic_s - stance.ic_s;
    stance.to_disagreement_s = nearest->to_s - stance.to_s;
  }
}

}  // namespace touchdown
