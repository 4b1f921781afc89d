// Is this running? Running has a flight phase between the stances of the two feet; walking has
// double support instead (both feet on the ground at once, ~20 % of the cycle at normal speed) and
// never a flight (Novacheck 1998, Gait Posture 7:77). The metrics of this project are defined for
// running (foot strike, impact peak, loading rate); computed on walking they would look valid and be
// meaningless, so the analysis refuses.
//
// Rule: take consecutive stances (sorted by IC) of opposite feet, or of unknown feet; the gap from one
// TO to the next IC is a flight when positive and double support when negative. A gap counts as double
// support only when the overlap exceeds the timing uncertainty (one marker frame, or the stances' own
// uncertainty), so one-frame event jitter at a short flight does not read as walking. The trial is
// refused when fewer than two stances were found, when no gap is a flight, or when at least half of the
// gaps are double support.
#include <algorithm>
#include <sstream>
#include <vector>

#include "touchdown/error.hpp"
#include "touchdown/events.hpp"

namespace touchdown {

void require_running(const EventResult& events, const Body& body) {
  if (events.stances.size() < 2) {
    throw AnalysisError("not a running trial: " + std::to_string(events.stances.size()) + " stance(s) found by the " +
                        events.method +
                        " method, at least 2 are needed (no flight phase: both feet on the ground at once (walking?), "
                        "or the recording is too short)");
  }
  std::vector<Stance> stances = events.stances;
  std::sort(stances.begin(), stances.end(), [](const Stance& a, const Stance& b) { return a.ic_s < b.ic_s; });
  const double frame_s = body.rate_hz > 0 ? 1.0 / body.rate_hz : 0.0;
  std::size_t gaps = 0, flights = 0, double_supports = 0;
  for (std::size_t i = 1; i < stances.size(); ++i) {
    const Stance& before = stances[i - 1];
    const Stance& after = stances[i];
    const bool same_known_side = before.side == after.side && before.side != Side::none;
    if (same_known_side) continue;  // a step of the other foot was missed: no evidence either way
    ++gaps;
    const double gap = after.ic_s - before.to_s;
    const double tolerance = std::max({frame_s, before.uncertainty_s + after.uncertainty_s});
    if (gap > 0)
      ++flights;
    else if (-gap > tolerance)
      ++double_supports;
  }
  if (gaps == 0) {
    throw AnalysisError("not a running trial: all " + std::to_string(stances.size()) +
                        " stances are of one foot, so no flight phase between the feet can be seen");
  }
  if (flights == 0 || 2 * double_supports >= gaps) {
    std::ostringstream message;
    message << "not a running trial: no flight phase: both feet on the ground at once (walking?) in "
            << double_supports << " of " << gaps << " steps, a flight in " << flights << " ("
            << events.method << " events)";
    throw AnalysisError(message.str());
  }
}

}  // namespace touchdown
