// Side assignment of a force-plate stance (treadmill: one plate carries both feet; overground: a
// plate does not know which foot stepped on it).
//
// Algorithm: over the middle 60 % of the stance (away from the instants when the other foot may just
// have left or may be about to land), each foot gets a score
//     score = median over frames of [ lowest marker height above its floor level
//                                     + 0.1 s * |vertical velocity of that marker| ]   (metres)
// The foot on the ground is low (heel or toe within a few mm of its floor level) and still vertically,
// while the swinging foot is 0.05-0.4 m up and moving at ~0.5-2 m/s (on a treadmill the stance foot
// moves backwards with the belt, but not vertically). The lower score wins when the two differ by more
// than 1 cm; otherwise the side stays unknown and the caller warns. The velocity weight of 0.1 s turns
// a speed into the distance travelled in a tenth of a second, i.e. it counts about as much as height.
#include "events/side_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace touchdown::events_detail {
namespace {

constexpr double kVelocityWeightS = 0.1;
constexpr double kMinScoreDifferenceM = 0.01;
constexpr double kMiddleFraction = 0.6;

// NaN when the foot has no valid frame in the range.
double foot_score(const FootKinematics& foot, const FrameRange& range, std::vector<double>& scratch) {
  scratch.clear();
  for (std::size_t i = range.first; i <= range.last; ++i) {
    const bool heel_ok = !std::isnan(foot.heel[i]) && !std::isnan(foot.heel_velocity[i]);
    const bool toe_ok = !std::isnan(foot.toe[i]) && !std::isnan(foot.toe_velocity[i]);
    if (!heel_ok && !toe_ok) continue;
    const bool use_heel = heel_ok && (!toe_ok || foot.heel[i] <= foot.toe[i]);
    const double height = use_heel ? foot.heel[i] : foot.toe[i];
    const double speed = std::abs(use_heel ? foot.heel_velocity[i] : foot.toe_velocity[i]);
    scratch.push_back(height + kVelocityWeightS * speed);
  }
  if (scratch.empty()) return std::nan("");
  const auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
  std::nth_element(scratch.begin(), mid, scratch.end());
  return *mid;
}

}  // namespace

SideDecision assign_stance_side(const Body& body, const FootKinematics& left, const FootKinematics& right, double ic_s,
                                double to_s) {
  SideDecision decision;
  if (!left.usable || !right.usable) {
    decision.reason = "heel/toe landmarks of both feet are needed";
    return decision;
  }
  const double margin = 0.5 * (1.0 - kMiddleFraction) * (to_s - ic_s);
  const FrameRange range = frames_between(body, ic_s + margin, to_s - margin);
  if (range.empty) {
    decision.reason = "the stance lies outside the marker recording";
    return decision;
  }
  std::vector<double> scratch;
  scratch.reserve(range.last - range.first + 1);
  const double left_score = foot_score(left, range, scratch);
  const double right_score = foot_score(right, range, scratch);
  if (std::isnan(left_score) || std::isnan(right_score)) {
    decision.reason = "foot markers missing during the stance";
    return decision;
  }
  if (std::abs(left_score - right_score) < kMinScoreDifferenceM) {
    decision.reason = "both feet equally low and still (double support?)";
    return decision;
  }
  decision.side = left_score < right_score ? Side::left : Side::right;
  return decision;
}

}  // namespace touchdown::events_detail
