// Foot strike: foot strike angle and its class (Altman & Davis 2012, Gait Posture 35:298; Mo et al.
// 2021 thresholds as an option), strike index and its class (Cavanagh & Lafortune 1980, J Biomech
// 13:397), foot angular velocity at IC (van Werkhoven 2019).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "metrics/vec_math.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {

std::string format_deg(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

struct FsaCutoffs {
  double rearfoot_above, forefoot_below;
};
FsaCutoffs cutoffs(FsaThresholds thresholds) {
  return thresholds == FsaThresholds::mo2021 ? FsaCutoffs{7.4, -0.8} : FsaCutoffs{8.0, -1.6};
}

// Heel->toe angle at time t, NaN when either landmark is missing there.
double foot_angle_at(const Body& body, const SideLandmarks& foot, double t_s) {
  const Vec3 heel = sample_at(foot.heel, body.rate_hz, t_s);
  const Vec3 toe = sample_at(foot.toe, body.rate_hz, t_s);
  if (!is_finite(heel) || !is_finite(toe)) return std::numeric_limits<double>::quiet_NaN();
  return sagittal_foot_angle_deg(heel, toe, body.up, body.progression);
}

Measured foot_angular_velocity(const Body& body, const SideLandmarks& foot, double ic_s, double angle_ic) {
  const std::string unit = "deg/s";
  const double h = 1.0 / body.rate_hz;
  const double before = foot_angle_at(body, foot, ic_s - h);
  const double after = foot_angle_at(body, foot, ic_s + h);
  if (std::isfinite(before) && std::isfinite(after))
    return Measured::of((after - before) / (2 * h), unit, "central difference of heel->toe sagittal angle, +/-1 frame");
  if (std::isfinite(after))
    return Measured::of((after - angle_ic) / h, unit, "forward difference of heel->toe sagittal angle (no frame before IC)");
  if (std::isfinite(before))
    return Measured::of((angle_ic - before) / h, unit, "backward difference of heel->toe sagittal angle (no frame after IC)");
  return Measured::absent(unit, "heel or toe landmark missing in the frames around IC");
}

Measured strike_index(const Body& body, const SideLandmarks& foot, const Stance& stance, const PlateSeries* plate,
                      const FootStrikeOptions& options) {
  const std::string unit = "% foot length";
  if (plate == nullptr) return Measured::absent(unit, "no force plate under this stance");
  if (!(plate->rate_hz > 0) || plate->cop_m.empty()) return Measured::absent(unit, "force plate has no centre of pressure");
  const double window_end = stance.ic_s + options.strike_index_window_fraction * (stance.to_s - stance.ic_s);
  const double first_sample = std::ceil(stance.ic_s * plate->rate_hz - 1e-6);
  if (!std::isfinite(window_end) || !(first_sample < static_cast<double>(plate->cop_m.size())))
    return Measured::absent(unit, "stance lies outside the force recording");
  const auto first = static_cast<std::size_t>(std::max(0.0, first_sample));
  const Vec3 up = unit_vector(body.up);
  std::vector<double> indices;
  bool foot_missing = false, foot_degenerate = false;
  for (std::size_t i = first; i < plate->cop_m.size(); ++i) {
    const double t = static_cast<double>(i) / plate->rate_hz;
    if (t > window_end + 1e-9) break;
    if (!is_finite(plate->cop_m[i])) continue;
    // Heel and toe at the COP sample's own time: on a treadmill the foot moves with the belt.
    const Vec3 heel = sample_at(foot.heel, body.rate_hz, t);
    const Vec3 toe = sample_at(foot.toe, body.rate_hz, t);
    if (!is_finite(heel) || !is_finite(toe)) {
      foot_missing = true;
      continue;
    }
    // Horizontal projection: the heel marker sits above the floor, so a 3D projection onto a tilted
    // foot would mix marker height into the index.
    const Vec3 axis = vec::reject(vec::sub(toe, heel), up);
    const double length2 = vec::dot(axis, axis);
    if (!(length2 > 1e-8)) {
      foot_degenerate = true;
      continue;
    }
    indices.push_back(100.0 * vec::dot(vec::reject(vec::sub(plate->cop_m[i], heel), up), axis) / length2);
  }
  if (indices.empty()) {
    if (foot_missing) return Measured::absent(unit, "heel or toe landmark missing at IC");
    if (foot_degenerate) return Measured::absent(unit, "heel and toe landmarks coincide in the horizontal plane");
    return Measured::absent(unit, "centre of pressure undefined near IC");
  }
  const auto middle = indices.begin() + static_cast<std::ptrdiff_t>(indices.size() / 2);
  std::nth_element(indices.begin(), middle, indices.end());
  double median = *middle;
  if (indices.size() % 2 == 0) median = 0.5 * (median + *std::max_element(indices.begin(), middle));
  // The sample count stays out of the method so that steps made the same way share one method string.
  char method[200];
  std::snprintf(method, sizeof method,
                "median over the COP samples in the first %g%% of stance, COP projected on heel->toe (horizontal), "
                "heel = 0, toe = 100",
                100 * options.strike_index_window_fraction);
  return Measured::of(median, unit, method);
}

}  // namespace

StrikeClass classify_by_foot_strike_angle(const Measured& fsa_deg, FsaThresholds thresholds) {
  const FsaCutoffs c = cutoffs(thresholds);
  StrikeClass result;
  result.method = "FSA " + std::string(to_string(thresholds)) + ": RFS > " + format_deg(c.rearfoot_above) +
                  " deg, FFS < " + format_deg(c.forefoot_below) + " deg";
  if (!fsa_deg.value) {
    result.missing_reason = "foot strike angle absent: " + fsa_deg.missing_reason;
    return result;
  }
  const double fsa = *fsa_deg.value;
  result.pattern = fsa > c.rearfoot_above   ? StrikePattern::rearfoot
                   : fsa < c.forefoot_below ? StrikePattern::forefoot
                                            : StrikePattern::midfoot;
  return result;
}

StrikeClass classify_by_strike_index(const Measured& strike_index_pct) {
  StrikeClass result;
  result.method = "strike index (Cavanagh & Lafortune 1980): RFS 0-33 %, MFS 34-67 %, FFS 68-100 %";
  if (!strike_index_pct.value) {
    result.missing_reason = "strike index absent: " + strike_index_pct.missing_reason;
    return result;
  }
  const double index = *strike_index_pct.value;
  result.pattern = index < 33.5    ? StrikePattern::rearfoot
                   : index < 67.5  ? StrikePattern::midfoot
                                   : StrikePattern::forefoot;
  return result;
}

FootStrikeMetrics compute_foot_strike(const Body& body, const Stance& stance, const PlateSeries* plate,
                                      const FootStrikeOptions& options) {
  FootStrikeMetrics m;
  const std::string deg = "deg";
  auto all_absent = [&](const std::string& reason) {
    m.foot_strike_angle_deg = Measured::absent(deg, reason);
    m.strike_index_pct = Measured::absent("% foot length", reason);
    m.foot_angular_velocity_deg_s = Measured::absent("deg/s", reason);
    m.strike_pattern = classify_by_foot_strike_angle(m.foot_strike_angle_deg, options.thresholds);
    m.strike_pattern_si = classify_by_strike_index(m.strike_index_pct);
    return m;
  };
  if (stance.side == Side::none) return all_absent("stance not assigned to a foot");
  if (!(body.rate_hz > 0)) return all_absent("no marker data");
  const SideLandmarks& foot = body.side(stance.side);
  if (foot.heel.empty() || foot.toe.empty()) return all_absent("heel or toe landmark not available");

  const double angle = foot_angle_at(body, foot, stance.ic_s);
  if (!std::isfinite(angle)) {
    m.foot_strike_angle_deg = Measured::absent(deg, "heel or toe landmark missing at IC");
    m.foot_angular_velocity_deg_s = Measured::absent("deg/s", "heel or toe landmark missing at IC");
  } else {
    if (foot.standing_foot_angle_deg)
      m.foot_strike_angle_deg =
          Measured::of(angle - *foot.standing_foot_angle_deg, deg,
                       "heel->toe sagittal angle at IC minus standing angle (" +
                           format_deg(*foot.standing_foot_angle_deg) + " deg)");
    else
      m.foot_strike_angle_deg =
          Measured::of(angle, deg, "heel->toe sagittal angle at IC relative to the floor (no standing trial)");
    m.foot_angular_velocity_deg_s = foot_angular_velocity(body, foot, stance.ic_s, angle);
  }
  m.strike_pattern = classify_by_foot_strike_angle(m.foot_strike_angle_deg, options.thresholds);
  m.strike_index_pct = strike_index(body, foot, stance, plate, options);
  m.strike_pattern_si = classify_by_strike_index(m.strike_index_pct);
  return m;
}

const StrikeClass& headline_strike_pattern(const FootStrikeMetrics& metrics) {
  return metrics.strike_pattern_si.pattern ? metrics.strike_pattern_si : metrics.strike_pattern;
}

std::string_view headline_strike_basis(const FootStrikeMetrics& metrics) {
  return metrics.strike_pattern_si.pattern ? "strike index" : "foot strike angle";
}

}  // namespace touchdown
