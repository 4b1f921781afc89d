// Force-plate stance detection: initial contact (IC) and toe-off (TO) from the vertical ground
// reaction force, with hysteresis.
//
// Algorithm (metrics.md, "Events"; BTK's vertical-force threshold detector, kineticstoolkit's
// hysteresis):
//  1. Vertical force: the plate force projected on the Body's up axis; without a Body, on the lab axis
//     with the largest mean |force| (body weight dominates it), signed so that the mean is positive.
//  2. Hysteresis: a stance starts when the force rises above `on_threshold_n` (20 N) and ends when it
//     falls below `off_threshold_n` (10 N), so noise around a single threshold cannot split a stance.
//     Event times are the threshold crossings, linearly interpolated between the two samples that
//     bracket them (sub-sample timing; the reported uncertainty stays +/- half a force sample).
//     Noise guard: a treadmill's unloaded force can hover at 10-40 N (belt vibration, offset), so
//     it would never fall below 10 N between steps. The unloaded noise is measured on the plate first:
//     stance cores are the runs above 10 % of the 99th-percentile force; the middle half of each gap
//     between cores is unloaded for sure (it is far from the edges of both stances); the median plus
//     three robust standard deviations (1.4826 x median absolute deviation) of the force there is the
//     noise level. If it exceeds the off threshold, the off
//     threshold becomes noise + half the hysteresis width and the on threshold keeps its distance
//     above it; the parameters and a warning record the thresholds actually used.
//  3. Loaded intervals separated by less than `min_flight_s` (20 ms) are merged: no runner has a
//     flight that short, so the force dipped (noise, a zeroed export) without the foot leaving.
//     Then intervals shorter than `min_stance_s` (80 ms) are discarded: running contacts last
//     >= 0.1 s even in sprinting, shorter ones are impacts of a swinging foot, cables, noise.
//  4. Stances that are loaded at the first or last force sample are partial (their IC or TO was not
//     recorded), and stances interrupted by missing samples are incomplete: both are dropped with a
//     warning. On a plate whose corners are known, a stance whose centre of pressure comes within 10 mm
//     of the plate edge (or beyond it) while the force exceeds 20 % of its peak is dropped too: part of
//     the foot was probably off the plate, so the force is not the whole reaction.
//  5. Side: a plate tied to one foot by its source (OpenSim per-foot GRF) gives that side; otherwise,
//     with a Body, the foot that is lower and slower during the stance (side_assignment.cpp) — this is
//     how one treadmill plate that carries both feet is split into left and right stances.
// Times are on the point clock: both clocks start at the first frame, so plate sample i is at
// i / plate rate seconds whatever the two rates are.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "events/foot_kinematics.hpp"
#include "events/side_assignment.hpp"
#include "touchdown/error.hpp"
#include "touchdown/events.hpp"

namespace touchdown {
namespace {

using events_detail::FootKinematics;

constexpr double kEdgeMarginM = 0.010;
constexpr double kEdgeCheckForceFraction = 0.2;

struct LoadedInterval {
  double begin = 0, end = 0;  // fractional plate samples of the threshold crossings
  bool partial_start = false, partial_end = false, interrupted = false;
};

std::string format_number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string format_time(double seconds) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(3);
  out << seconds << " s";
  return out.str();
}

// Axis with the largest mean |force|, signed so that the mean vertical force is positive.
Axis dominant_force_axis(const PlateSeries& plate) {
  std::array<double, 3> sum{}, sum_abs{};
  for (const Vec3& f : plate.force_n)
    for (int a = 0; a < 3; ++a)
      if (!std::isnan(f[a])) {
        sum[static_cast<std::size_t>(a)] += f[a];
        sum_abs[static_cast<std::size_t>(a)] += std::abs(f[a]);
      }
  const auto best = static_cast<int>(std::max_element(sum_abs.begin(), sum_abs.end()) - sum_abs.begin());
  return Axis{best, sum[static_cast<std::size_t>(best)] < 0 ? -1 : 1};
}

double vertical_force(const PlateSeries& plate, std::size_t i, const Axis& up) {
  return up.sign * plate.force_n[i][up.index];
}

std::vector<LoadedInterval> hysteresis_intervals(const PlateSeries& plate, const Axis& up,
                                                 const ForceEventOptions& options) {
  std::vector<LoadedInterval> intervals;
  const std::size_t n = plate.force_n.size();
  if (n == 0) return intervals;
  bool loaded = false;
  LoadedInterval current;
  const double first = vertical_force(plate, 0, up);
  if (!std::isnan(first) && first > options.off_threshold_n) {
    loaded = true;
    current = LoadedInterval{0.0, 0.0, true, false, false};
  }
  double f = first;
  for (std::size_t i = 1; i < n; ++i) {
    const double previous = f;
    f = vertical_force(plate, i, up);
    if (std::isnan(f)) {
      if (loaded) {
        current.end = static_cast<double>(i - 1);
        current.interrupted = true;
        intervals.push_back(current);
        loaded = false;
      }
      continue;
    }
    if (!loaded && f > options.on_threshold_n) {
      loaded = true;
      current = LoadedInterval{};
      if (std::isnan(previous)) {
        current.begin = static_cast<double>(i);
        current.interrupted = true;  // the rise happened while the plate was not recorded
      } else {
        const double fraction = (options.on_threshold_n - previous) / (f - previous);
        current.begin = static_cast<double>(i - 1) + std::clamp(fraction, 0.0, 1.0);
      }
    } else if (loaded && f < options.off_threshold_n) {
      loaded = false;
      const double fraction = (previous - options.off_threshold_n) / (previous - f);
      current.end = static_cast<double>(i - 1) + std::clamp(fraction, 0.0, 1.0);
      intervals.push_back(current);
    }
  }
  if (loaded) {
    current.end = static_cast<double>(n - 1);
    current.partial_end = true;
    intervals.push_back(current);
  }
  return intervals;
}

void merge_short_flights(std::vector<LoadedInterval>& intervals, double min_flight_samples) {
  if (intervals.empty()) return;
  std::size_t kept = 0;
  for (std::size_t i = 1; i < intervals.size(); ++i) {
    LoadedInterval& last = intervals[kept];
    const LoadedInterval& next = intervals[i];
    if (next.begin - last.end < min_flight_samples && !last.interrupted && !next.interrupted) {
      last.end = next.end;
      last.partial_end = next.partial_end;
    } else {
      intervals[++kept] = next;
    }
  }
  intervals.resize(kept + 1);
}

// Plate corners in metres: C3D corners are in point units, which the plate does not carry. Force
// plates and treadmills measure 0.3-3 m, so a diagonal above 10 units can only be millimetres.
std::vector<Vec3> corners_in_metres(const ForcePlate& info) {
  std::vector<Vec3> corners(info.corners.begin(), info.corners.end());
  double diagonal = 0;
  for (const Vec3& a : corners)
    for (const Vec3& b : corners) diagonal = std::max(diagonal, std::hypot(a.x - b.x, a.y - b.y, a.z - b.z));
  if (!(diagonal > 1e-6)) return {};  // corners unknown (e.g. a GRF file)
  const double scale = diagonal > 10.0 ? 1e-3 : 1.0;
  for (Vec3& c : corners) c = {c.x * scale, c.y * scale, c.z * scale};
  return corners;
}

// Signed distance of point p to the edge of the convex quadrilateral, in the horizontal plane
// (positive inside). Corners are in order around the plate.
double distance_inside(const std::vector<Vec3>& corners, const Vec3& p, int u, int v) {
  double area = 0;  // orientation of the polygon
  for (std::size_t k = 0; k < corners.size(); ++k) {
    const Vec3& a = corners[k];
    const Vec3& b = corners[(k + 1) % corners.size()];
    area += a[u] * b[v] - b[u] * a[v];
  }
  const double orientation = area < 0 ? -1.0 : 1.0;
  double inside = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < corners.size(); ++k) {
    const Vec3& a = corners[k];
    const Vec3& b = corners[(k + 1) % corners.size()];
    const double eu = b[u] - a[u], ev = b[v] - a[v];
    const double length = std::hypot(eu, ev);
    if (length <= 0) continue;
    const double cross = eu * (p[v] - a[v]) - ev * (p[u] - a[u]);
    inside = std::min(inside, orientation * cross / length);
  }
  return inside;
}

// Closest approach of the loaded COP to the plate edge during the stance (m; negative = outside).
std::optional<double> closest_edge_approach(const ForcePlate& info, const PlateSeries& plate, const Axis& up,
                                            const LoadedInterval& interval) {
  const std::vector<Vec3> corners = corners_in_metres(info);
  if (corners.empty() || plate.cop_m.size() != plate.force_n.size()) return std::nullopt;
  const auto first = static_cast<std::size_t>(std::ceil(interval.begin));
  const auto last = std::min(static_cast<std::size_t>(std::floor(interval.end)), plate.force_n.size() - 1);
  double peak = 0;
  for (std::size_t i = first; i <= last; ++i) peak = std::max(peak, vertical_force(plate, i, up));
  const int u = (up.index + 1) % 3, v = (up.index + 2) % 3;
  std::optional<double> closest;
  for (std::size_t i = first; i <= last; ++i) {
    const Vec3& cop = plate.cop_m[i];
    if (vertical_force(plate, i, up) < kEdgeCheckForceFraction * peak || std::isnan(cop[u]) || std::isnan(cop[v]))
      continue;
    const double d = distance_inside(corners, cop, u, v);
    if (!closest || d < *closest) closest = d;
  }
  return closest;
}

double quantile(std::vector<double>& values, double q) {
  const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

// Upper noise level of the vertical force while the plate is surely unloaded (median + 3 robust standard
// deviations); nullopt when it cannot be told.
std::optional<double> unloaded_noise(const PlateSeries& plate, const Axis& up) {
  const std::size_t n = plate.force_n.size();
  std::vector<double> values;
  values.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (const double f = vertical_force(plate, i, up); !std::isnan(f)) values.push_back(f);
  if (values.size() < 100) return std::nullopt;
  const double core_level = 0.1 * quantile(values, 0.99);
  if (!(core_level > 0)) return std::nullopt;
  values.clear();
  std::size_t gap_start = n;  // first unloaded sample of the current gap between cores (n: none yet)
  bool seen_core = false;
  for (std::size_t i = 0; i < n; ++i) {
    const double f = vertical_force(plate, i, up);
    const bool core = !std::isnan(f) && f > core_level;
    if (!core && gap_start == n && seen_core) gap_start = i;
    if (core) {
      if (gap_start != n) {  // a gap between two cores ends: keep its middle half
        const std::size_t length = i - gap_start;
        for (std::size_t k = gap_start + length / 4; k < gap_start + length - length / 4; ++k)
          if (const double g = vertical_force(plate, k, up); !std::isnan(g)) values.push_back(g);
      }
      gap_start = n;
      seen_core = true;
    }
  }
  if (values.size() < 20) return std::nullopt;
  // Robust level + spread: the median and the median absolute deviation (scaled to a standard deviation
  // for Gaussian noise) ignore the few samples of a stance's decaying tail that reach the gap's middle.
  const double level = quantile(values, 0.5);
  for (double& v : values) v = std::abs(v - level);
  const double spread = 1.4826 * quantile(values, 0.5);
  return level + 3.0 * spread;
}

void check_options(const ForceEventOptions& o) {
  if (!(o.on_threshold_n > 0) || !(o.off_threshold_n > 0) || o.off_threshold_n > o.on_threshold_n)
    throw AnalysisError("force events: thresholds must be positive with off (" + format_number(o.off_threshold_n) +
                        " N) <= on (" + format_number(o.on_threshold_n) + " N)");
  if (!(o.min_stance_s >= 0) || !(o.min_flight_s >= 0))
    throw AnalysisError("force events: minimum stance and flight durations must not be negative");
}

}  // namespace

EventResult detect_force_events(const std::vector<PlateSeries>& plates, const std::vector<ForcePlate>& plate_info,
                                const Body* body, const ForceEventOptions& options) {
  check_options(options);
  EventResult result;
  result.method = "force";
  result.parameters = {"on_threshold_n=" + format_number(options.on_threshold_n),
                       "off_threshold_n=" + format_number(options.off_threshold_n),
                       "min_stance_s=" + format_number(options.min_stance_s),
                       "min_flight_s=" + format_number(options.min_flight_s),
                       "timing=linear interpolation of the threshold crossings"};
  FootKinematics left, right;
  if (body != nullptr) {
    left = events_detail::foot_kinematics(*body, body->left, 0.0);
    right = events_detail::foot_kinematics(*body, body->right, 0.0);
  }
  for (std::size_t p = 0; p < plates.size(); ++p) {
    const PlateSeries& plate = plates[p];
    const std::string plate_name = "plate " + std::to_string(p + 1);
    if (plate.force_n.empty()) continue;
    if (!(plate.rate_hz > 0) || !std::isfinite(plate.rate_hz))
      throw AnalysisError("force events: " + plate_name + " has no valid sampling rate (" +
                          format_number(plate.rate_hz) + " Hz)");
    const ForcePlate* info = p < plate_info.size() ? &plate_info[p] : nullptr;
    const Axis up = body != nullptr ? body->up : dominant_force_axis(plate);
    result.parameters.push_back(plate_name + " vertical=" + up.name() +
                                (body != nullptr ? " (body up axis)" : " (largest mean force)"));
    ForceEventOptions used = options;
    if (options.raise_thresholds_above_noise) {
      if (const auto noise = unloaded_noise(plate, up); noise && *noise >= options.off_threshold_n) {
        const double width = options.on_threshold_n - options.off_threshold_n;
        used.off_threshold_n = std::ceil(*noise + 0.5 * width);
        used.on_threshold_n = used.off_threshold_n + width;
        result.warnings.push_back(plate_name + ": the unloaded force reaches " + format_number(std::round(*noise)) +
                                  " N between stances (median + 3 robust SD), above the " +
                                  format_number(options.off_threshold_n) + " N off threshold: thresholds raised to " +
                                  format_number(used.on_threshold_n) + " N (on) and " +
                                  format_number(used.off_threshold_n) + " N (off)");
        result.parameters.push_back(plate_name + " on_threshold_n=" + format_number(used.on_threshold_n) +
                                    " off_threshold_n=" + format_number(used.off_threshold_n) + " (raised above noise)");
      }
    }
    std::vector<LoadedInterval> intervals = hysteresis_intervals(plate, up, used);
    merge_short_flights(intervals, options.min_flight_s * plate.rate_hz);
    std::size_t too_short = 0;
    struct Unidentified {
      std::string reason, first_where;
      std::size_t count = 0;
    };
    std::vector<Unidentified> unidentified;
    const double sample_s = 1.0 / plate.rate_hz;
    for (const LoadedInterval& interval : intervals) {
      const double ic_s = interval.begin * sample_s, to_s = interval.end * sample_s;
      if (to_s - ic_s < options.min_stance_s) {
        ++too_short;
        continue;
      }
      auto where = [&] { return plate_name + " " + format_time(ic_s) + "-" + format_time(to_s); };
      if (interval.partial_start || interval.partial_end) {
        result.warnings.push_back("stance on " + where() + " is partial (" +
                                  (interval.partial_start ? "already loaded at the first sample"
                                                          : "still loaded at the last sample") +
                                  "): dropped");
        continue;
      }
      if (interval.interrupted) {
        result.warnings.push_back("stance on " + where() + " has missing force samples: dropped");
        continue;
      }
      if (info != nullptr) {
        if (const auto edge = closest_edge_approach(*info, plate, up, interval); edge && *edge < kEdgeMarginM) {
          result.warnings.push_back("stance on " + where() + ": the centre of pressure comes " +
                                    format_number(std::round(*edge * 1000.0)) +
                                    " mm from the plate edge (foot probably partly off the plate): dropped");
          continue;
        }
      }
      Stance stance;
      stance.ic_s = ic_s;
      stance.to_s = to_s;
      stance.plate = p;
      stance.method = "force";
      stance.uncertainty_s = 0.5 * sample_s;
      if (info != nullptr && info->assigned_side != Side::none) {
        stance.side = info->assigned_side;
      } else if (body != nullptr) {
        const auto decision = events_detail::assign_stance_side(*body, left, right, ic_s, to_s);
        stance.side = decision.side;
        if (decision.side == Side::none) {
          // One line per reason, not per stance: a body without feet would otherwise flood the report.
          auto same = std::find_if(unidentified.begin(), unidentified.end(),
                                   [&](const auto& u) { return u.reason == decision.reason; });
          if (same == unidentified.end())
            unidentified.push_back({decision.reason, where(), 1});
          else
            ++same->count;
        }
      }
      result.stances.push_back(stance);
    }
    for (const auto& u : unidentified)
      result.warnings.push_back(std::to_string(u.count) + " stance(s) on " + plate_name + ", first " + u.first_where +
                                ": foot not identified (" + u.reason + ")");
    if (too_short > 0)
      result.warnings.push_back(plate_name + ": " + std::to_string(too_short) + " loaded interval(s) shorter than " +
                                format_number(options.min_stance_s * 1000.0) + " ms ignored (not a stance)");
  }
  std::sort(result.stances.begin(), result.stances.end(),
            [](const Stance& a, const Stance& b) { return a.ic_s < b.ic_s; });
  const auto sideless = std::count_if(result.stances.begin(), result.stances.end(),
                                      [](const Stance& s) { return s.side == Side::none; });
  if (body == nullptr && sideless > 0)
    result.warnings.push_back(std::to_string(sideless) +
                              " stance(s) without a side: no body given and the plate is not tied to one foot");
  return result;
}

}  // namespace touchdown
