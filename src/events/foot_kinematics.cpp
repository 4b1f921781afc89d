#include "events/foot_kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "touchdown/signal.hpp"

namespace touchdown::events_detail {
namespace {

constexpr double kFloorPercentile = 0.05;  // stance covers ~35-60 % of a running cycle: 5 % is surely stance
constexpr std::size_t kMinValid = 20;

std::vector<double> vertical(const Trajectory& t, const Axis& up) {
  std::vector<double> h(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) h[i] = up.sign * t[i][up.index];
  return h;
}

// Subtracts the low percentile of the valid samples; returns false when too few are valid.
bool subtract_floor(std::vector<double>& h) {
  std::vector<double> valid;
  valid.reserve(h.size());
  for (double v : h)
    if (!std::isnan(v)) valid.push_back(v);
  if (valid.size() < kMinValid) return false;
  const auto k = static_cast<std::size_t>(kFloorPercentile * static_cast<double>(valid.size() - 1));
  std::nth_element(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(k), valid.end());
  const double floor = valid[k];
  for (double& v : h) v -= floor;
  return true;
}

}  // namespace

FootKinematics foot_kinematics(const Body& body, const SideLandmarks& side, double cutoff_hz) {
  FootKinematics foot;
  if (side.heel.size() != body.frames || side.toe.size() != body.frames || !(body.rate_hz > 0)) return foot;
  foot.heel = vertical(side.heel, body.up);
  foot.toe = vertical(side.toe, body.up);
  if (cutoff_hz > 0 && cutoff_hz < body.rate_hz / 2) {
    foot.heel = signal::lowpass_zero_lag(foot.heel, body.rate_hz, cutoff_hz);
    foot.toe = signal::lowpass_zero_lag(foot.toe, body.rate_hz, cutoff_hz);
  }
  foot.usable = subtract_floor(foot.heel) && subtract_floor(foot.toe);
  foot.heel_velocity = signal::derivative(foot.heel, body.rate_hz);
  foot.toe_velocity = signal::derivative(foot.toe, body.rate_hz);
  if (side.fifth_metatarsal.size() == body.frames) {
    foot.fifth = vertical(side.fifth_metatarsal, body.up);
    if (cutoff_hz > 0 && cutoff_hz < body.rate_hz / 2)
      foot.fifth = signal::lowpass_zero_lag(foot.fifth, body.rate_hz, cutoff_hz);
    if (subtract_floor(foot.fifth))
      foot.fifth_velocity = signal::derivative(foot.fifth, body.rate_hz);
    else
      foot.fifth.clear();
  }
  return foot;
}

FrameRange frames_between(const Body& body, double begin_s, double end_s) {
  FrameRange range;
  if (body.frames == 0 || !(body.rate_hz > 0) || !(end_s >= begin_s)) return range;
  const double last_frame = static_cast<double>(body.frames - 1);
  const double first = std::clamp(std::ceil(begin_s * body.rate_hz), 0.0, last_frame);
  const double last = std::clamp(std::floor(end_s * body.rate_hz), 0.0, last_frame);
  if (last < first) return range;
  range.first = static_cast<std::size_t>(first);
  range.last = static_cast<std::size_t>(last);
  range.empty = false;
  return range;
}

}  // namespace touchdown::events_detail
