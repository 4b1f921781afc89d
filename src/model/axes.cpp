// Axis detection: see include/touchdown/axes.hpp for the rules and their order.
#include "touchdown/axes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/marker_roles.hpp"
#include "touchdown/error.hpp"
#include "touchdown/force_plate.hpp"

namespace touchdown {
namespace {
using model::MarkerRole;

std::string fixed(double value, int decimals = 2) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto k = static_cast<std::ptrdiff_t>(fraction * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[static_cast<std::size_t>(k)];
}

// Largest-magnitude component of v among `allowed` axes: (index, sign, magnitude, runner-up magnitude).
struct Dominant {
  int index = -1;
  int sign = 1;
  double magnitude = 0, runner_up = 0;
};
Dominant dominant(const Vec3& v, int excluded = -1) {
  Dominant d;
  for (int a = 0; a < 3; ++a) {
    if (a == excluded || !std::isfinite(v[a])) continue;
    const double m = std::abs(v[a]);
    if (d.index < 0 || m > d.magnitude) {
      d.runner_up = d.index < 0 ? 0 : d.magnitude;
      d.index = a;
      d.magnitude = m;
      d.sign = v[a] < 0 ? -1 : 1;
    } else {
      d.runner_up = std::max(d.runner_up, m);
    }
  }
  return d;
}

struct Markers {
  double scale = 1;  // to metres (1 when units are unknown, e.g. pixels)
  bool metric = true;
  std::vector<std::size_t> pelvis, trunk, foot, heels[2], toes[2];
};

Markers classify(const PointSet& points) {
  Markers m;
  m.scale = points.to_metres();
  if (!std::isfinite(m.scale)) m.scale = 1, m.metric = false;
  for (std::size_t t = 0; t < points.tracks.size(); ++t) {
    const auto name = model::classify_marker(points.tracks[t].label);
    const int side = name.side == Side::left ? 0 : name.side == Side::right ? 1 : -1;
    switch (name.role) {
      case MarkerRole::pelvis: m.pelvis.push_back(t); break;
      case MarkerRole::trunk: m.trunk.push_back(t); break;
      case MarkerRole::heel:
        m.foot.push_back(t);
        if (side >= 0) m.heels[side].push_back(t);
        break;
      case MarkerRole::toe:
        m.foot.push_back(t);
        if (side >= 0) m.toes[side].push_back(t);
        break;
      case MarkerRole::foot: m.foot.push_back(t); break;
      case MarkerRole::unknown: break;
    }
  }
  return m;
}

// Mean of the valid samples of `tracks` at frame f, in metres; nullopt when none is valid.
std::optional<Vec3> centroid(const PointSet& points, const std::vector<std::size_t>& tracks, std::size_t f, double scale) {
  Vec3 sum{};
  int n = 0;
  for (std::size_t t : tracks) {
    const Vec3f& s = points.tracks[t].samples[f];
    if (!s.valid()) continue;
    sum.x += s.x, sum.y += s.y, sum.z += s.z;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return Vec3{sum.x * scale / n, sum.y * scale / n, sum.z * scale / n};
}

std::size_t frames_of(const PointSet& points) {
  std::size_t frames = points.frames;
  for (const PointTrack& track : points.tracks) frames = std::min(frames, track.samples.size());
  return frames;
}

std::optional<AxisFinding> up_from_markers(const Trial& trial, const Markers& m) {
  std::vector<std::size_t> upper = m.pelvis;
  upper.insert(upper.end(), m.trunk.begin(), m.trunk.end());
  if (upper.empty() || m.foot.empty()) return std::nullopt;
  std::vector<double> diff[3], feet[3];
  const std::size_t frames = frames_of(trial.points);
  for (std::size_t f = 0; f < frames; ++f) {
    const auto top = centroid(trial.points, upper, f, m.scale);
    const auto bottom = centroid(trial.points, m.foot, f, m.scale);
    if (!top || !bottom) continue;
    for (int a = 0; a < 3; ++a) diff[a].push_back((*top)[a] - (*bottom)[a]), feet[a].push_back((*bottom)[a]);
  }
  if (diff[0].size() < 3) return std::nullopt;
  const Vec3 med{median(diff[0]), median(diff[1]), median(diff[2])};
  const Dominant d = dominant(med);
  if (d.index < 0) return std::nullopt;
  // Pelvis and trunk sit 0.7-1.5 m above the feet; horizontally they are within a stride of them,
  // except when the runner leans far forward (sprint starts), where the trunk is also well ahead.
  const double needed = m.metric ? 0.3 : 0.5 * d.magnitude;
  if (d.magnitude < needed) return std::nullopt;
  if (d.magnitude >= 2 * d.runner_up)
    return AxisFinding{Axis{d.index, d.sign},
                       "pelvis/trunk markers above foot markers (median " + fixed(d.magnitude) + (m.metric ? " m)" : ")"), true};
  // Two candidate axes: the feet travel along the horizontal one but stay near the floor on the vertical.
  int best = -1, other = -1;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(med[a]) < needed) continue;
    if (best < 0) best = a;
    else other = a;
  }
  if (best < 0 || other < 0) return std::nullopt;
  auto range = [&](int a) { return percentile(feet[a], 0.95) - percentile(feet[a], 0.05); };
  if (range(other) < range(best)) std::swap(best, other);
  if (!(range(best) < 0.5 * range(other))) return std::nullopt;
  return AxisFinding{Axis{best, med[best] < 0 ? -1 : 1},
                     "pelvis/trunk markers above foot markers (median " + fixed(std::abs(med[best])) + (m.metric ? " m" : "") +
                         "; the trunk is also ahead along " + std::string(1, static_cast<char>('X' + other)) +
                         ", the axis the feet travel along)",
                     true};
}

std::optional<AxisFinding> up_from_plates(const Trial& trial) {
  // GRF tables: a ground reaction points up, so its largest mean component is the up axis.
  for (const ForcePlate& plate : trial.force_plates) {
    if (plate.type != 100 || plate.channels.size() < 3) continue;
    if (std::any_of(plate.channels.begin(), plate.channels.begin() + 3,
                    [&](std::size_t c) { return c >= trial.analog.channels.size(); }))
      continue;
    Vec3 sum{};
    std::size_t n = 0;
    const std::size_t samples = trial.analog.channels[plate.channels[0]].samples.size();
    for (std::size_t i = 0; i < samples; ++i) {
      Vec3 f{};
      for (int a = 0; a < 3; ++a) {
        const auto& channel = trial.analog.channels[plate.channels[static_cast<std::size_t>(a)]].samples;
        f[a] = i < channel.size() ? channel[i] : std::numeric_limits<double>::quiet_NaN();
      }
      if (!std::isfinite(f.x + f.y + f.z) || std::sqrt(f.x * f.x + f.y * f.y + f.z * f.z) < 50) continue;  // loaded only
      sum.x += f.x, sum.y += f.y, sum.z += f.z;
      ++n;
    }
    if (n < 10) continue;
    const Dominant d = dominant(sum);
    if (d.index < 0 || d.magnitude < 2 * d.runner_up) continue;
    return AxisFinding{Axis{d.index, d.sign},
                       "largest mean ground reaction component (" + plate.name + ", " +
                           fixed(d.magnitude / static_cast<double>(n), 0) + " N)",
                       true};
  }
  // C3D plates: the surface normal, out of the plate (plate z points down).
  for (std::size_t p = 0; p < trial.force_plates.size(); ++p) {
    const ForcePlate& plate = trial.force_plates[p];
    if (plate.type < 1 || plate.type > 4) continue;
    const auto& c = plate.corners;
    auto sub = [](const Vec3& a, const Vec3& b) { return Vec3{a.x - b.x, a.y - b.y, a.z - b.z}; };
    const Vec3 c12 = sub(c[0], c[1]), c43 = sub(c[3], c[2]), c14 = sub(c[0], c[3]), c23 = sub(c[1], c[2]);
    const Vec3 x{c12.x + c43.x, c12.y + c43.y, c12.z + c43.z}, y{c14.x + c23.x, c14.y + c23.y, c14.z + c23.z};
    const Vec3 z{x.y * y.z - x.z * y.y, x.z * y.x - x.x * y.z, x.x * y.y - x.y * y.x};
    const double length = std::sqrt(z.x * z.x + z.y * z.y + z.z * z.z);
    if (!(length > 0) || !std::isfinite(length)) continue;
    const Vec3 normal{-z.x / length, -z.y / length, -z.z / length};
    const Dominant d = dominant(normal);
    if (d.index < 0 || d.magnitude < 0.9) continue;
    return AxisFinding{Axis{d.index, d.sign}, "force plate " + std::to_string(p + 1) + " surface normal (CORNERS, plate z down)",
                       true};
  }
  return std::nullopt;
}

void decide_up(Trial& trial, const Markers& m) {
  const bool declared = !trial.up.method.empty() && !trial.up.detected && trial.up.method.rfind("not detected", 0) != 0;
  const std::optional<AxisFinding> markers = up_from_markers(trial, m);
  const std::optional<AxisFinding> plates = up_from_plates(trial);
  const std::optional<AxisFinding>& data = markers ? markers : plates;
  if (markers && plates && !(markers->axis == plates->axis))
    trial.warnings.push_back(markers->method + " gives " + markers->axis.name() + " up but " + plates->method + " gives " +
                             plates->axis.name());
  if (declared) {
    for (const auto& source : {markers, plates}) {
      if (source && source->axis == trial.up.axis) {
        trial.up.method += "; confirmed by " + source->method;
        return;
      }
    }
    if (!data) {
      trial.up.method += " (not checked: no pelvis/foot markers or forces to confirm it)";
      return;
    }
    trial.warnings.push_back("the file declares " + trial.up.axis.name() + " up (" + trial.up.method + ") but " + data->method +
                             " gives " + data->axis.name() + "; using " + data->axis.name());
    trial.up = *data;
    return;
  }
  if (data) {
    trial.up = *data;
    return;
  }
  trial.up = AxisFinding{Axis{2, 1}, "not detected (no pelvis/foot markers or forces); +Z assumed", false};
  trial.warnings.push_back("up axis could not be detected; +Z assumed");
}

Vec3 horizontal(const Vec3& v, int up) {
  Vec3 h = v;
  h[up] = 0;
  return h;
}

std::optional<AxisFinding> progression_from_pelvis(const Trial& trial, const Markers& m, int up, double& speed) {
  const std::vector<std::size_t>* set = &m.pelvis;
  std::string what = "pelvis";
  if (set->empty()) set = &m.trunk, what = "trunk";
  if (set->empty()) return std::nullopt;
  const std::size_t frames = frames_of(trial.points);
  std::vector<std::pair<std::size_t, Vec3>> track;
  for (std::size_t f = 0; f < frames; ++f)
    if (const auto c = centroid(trial.points, *set, f, m.scale)) track.emplace_back(f, *c);
  if (track.size() < 10 || !(trial.points.rate_hz > 0)) return std::nullopt;
  const std::size_t tenth = std::max<std::size_t>(1, track.size() / 10);
  Vec3 start{}, end{};
  double t0 = 0, t1 = 0;
  for (std::size_t i = 0; i < tenth; ++i) {
    const auto& a = track[i];
    const auto& b = track[track.size() - 1 - i];
    for (int k = 0; k < 3; ++k) start[k] += a.second[k] / static_cast<double>(tenth), end[k] += b.second[k] / static_cast<double>(tenth);
    t0 += static_cast<double>(a.first) / static_cast<double>(tenth);
    t1 += static_cast<double>(b.first) / static_cast<double>(tenth);
  }
  const double seconds = (t1 - t0) / trial.points.rate_hz;
  if (!(seconds > 0)) return std::nullopt;
  const Vec3 moved = horizontal(Vec3{end.x - start.x, end.y - start.y, end.z - start.z}, up);
  speed = std::sqrt(moved.x * moved.x + moved.y * moved.y + moved.z * moved.z) / seconds;
  // Overground running is > 2 m/s (walking > 0.7 m/s); a runner on a treadmill drifts by centimetres.
  if (m.metric && speed < 0.5) return std::nullopt;
  const Dominant d = dominant(moved, up);
  if (d.index < 0) return std::nullopt;
  return AxisFinding{Axis{d.index, d.sign}, what + " displacement, overground (" + fixed(speed) + (m.metric ? " m/s)" : "/s)"),
                     true};
}

std::optional<AxisFinding> progression_from_belt(const Trial& trial, const Markers& m, int up) {
  const std::size_t frames = frames_of(trial.points);
  if (frames < 5 || !(trial.points.rate_hz > 0)) return std::nullopt;
  std::vector<double> velocity[3];
  for (std::size_t t : m.foot) {
    const auto& samples = trial.points.tracks[t].samples;
    std::vector<double> heights;
    for (std::size_t f = 0; f < frames; ++f)
      if (samples[f].valid()) heights.push_back(Vec3{samples[f].x, samples[f].y, samples[f].z}[up] * m.scale);
    if (heights.size() < 20) continue;
    const double low = percentile(heights, 0.05), high = percentile(heights, 0.95);
    // Stance: the lowest 15 % of the marker's vertical range (the foot is flat on the belt).
    const double stance_limit = low + 0.15 * (high - low);
    for (std::size_t f = 1; f + 1 < frames; ++f) {
      const Vec3f& a = samples[f - 1];
      const Vec3f& b = samples[f];
      const Vec3f& c = samples[f + 1];
      if (!a.valid() || !b.valid() || !c.valid()) continue;
      if (Vec3{b.x, b.y, b.z}[up] * m.scale > stance_limit) continue;
      const double k = m.scale * trial.points.rate_hz / 2;
      velocity[0].push_back((c.x - a.x) * k), velocity[1].push_back((c.y - a.y) * k), velocity[2].push_back((c.z - a.z) * k);
    }
  }
  if (velocity[0].size() < 10) return std::nullopt;
  Vec3 belt{median(velocity[0]), median(velocity[1]), median(velocity[2])};
  belt[up] = 0;
  const Dominant d = dominant(belt, up);
  // Treadmill belts run at > 1 m/s for running; feet in stance on the ground move < 0.3 m/s.
  if (d.index < 0 || (m.metric && d.magnitude < 0.5) || d.magnitude < 2 * d.runner_up) return std::nullopt;
  return AxisFinding{Axis{d.index, -d.sign},
                     "treadmill: opposite to foot velocity in stance (belt " + fixed(d.magnitude) + (m.metric ? " m/s)" : "/s)"),
                     true};
}

std::optional<AxisFinding> progression_from_feet(const Trial& trial, const Markers& m, int up) {
  std::vector<double> along[3];
  const std::size_t frames = frames_of(trial.points);
  for (int side = 0; side < 2; ++side) {
    if (m.heels[side].empty() || m.toes[side].empty()) continue;
    for (std::size_t f = 0; f < frames; ++f) {
      const auto heel = centroid(trial.points, m.heels[side], f, m.scale);
      const auto toe = centroid(trial.points, m.toes[side], f, m.scale);
      if (!heel || !toe) continue;
      for (int a = 0; a < 3; ++a) along[a].push_back((*toe)[a] - (*heel)[a]);
    }
  }
  if (along[0].size() < 3) return std::nullopt;
  const Vec3 direction = horizontal(Vec3{median(along[0]), median(along[1]), median(along[2])}, up);
  const Dominant d = dominant(direction, up);
  if (d.index < 0 || d.magnitude < 1.5 * d.runner_up) return std::nullopt;
  return AxisFinding{Axis{d.index, d.sign}, "heel-to-toe direction of the foot markers", true};
}

// Forces only. Overground, successive stances land a step apart along the direction of travel; on a
// treadmill they land in the same place and the belt carries the COP backwards by speed x contact time
// (> 0.25 m at running speeds), while overground the COP rolls forwards by less than a foot length.
std::optional<AxisFinding> progression_from_cop(const Trial& trial, int up) {
  struct Stance {
    double time;
    Vec3 first, last, mean;
  };
  std::vector<Stance> stances;
  for (std::size_t p = 0; p < trial.force_plates.size(); ++p) {
    PlateSeries series;
    try {
      series = compute_plate_series(trial, p);
    } catch (const InputError&) {
      continue;
    }
    const std::size_t minimum = static_cast<std::size_t>(std::max(2.0, 0.05 * series.rate_hz));  // 50 ms
    std::size_t begin = 0, count = 0;
    Vec3 sum{};
    for (std::size_t i = 0; i <= series.cop_m.size(); ++i) {
      const bool valid = i < series.cop_m.size() && std::isfinite(series.cop_m[i].x + series.cop_m[i].y + series.cop_m[i].z);
      if (valid) {
        if (count == 0) begin = i, sum = Vec3{};
        for (int a = 0; a < 3; ++a) sum[a] += series.cop_m[i][a];
        ++count;
        continue;
      }
      if (count >= minimum) {
        const double n = static_cast<double>(count);
        stances.push_back(Stance{static_cast<double>(begin + count / 2) / series.rate_hz, series.cop_m[begin],
                                 series.cop_m[begin + count - 1], Vec3{sum.x / n, sum.y / n, sum.z / n}});
      }
      count = 0;
    }
  }
  if (stances.empty()) return std::nullopt;
  std::sort(stances.begin(), stances.end(), [](const Stance& a, const Stance& b) { return a.time < b.time; });
  const Vec3 spread = horizontal(Vec3{stances.back().mean.x - stances.front().mean.x, stances.back().mean.y - stances.front().mean.y,
                                      stances.back().mean.z - stances.front().mean.z},
                                 up);
  const Dominant step = dominant(spread, up);
  if (stances.size() >= 2 && step.magnitude > 0.5 && step.magnitude > 2 * step.runner_up)
    return AxisFinding{Axis{step.index, step.sign},
                       "successive stance positions, overground (" + std::to_string(stances.size()) + " stances, COP advanced " +
                           fixed(step.magnitude) + " m)",
                       true};
  Vec3 travel{};
  for (const Stance& s : stances)
    for (int a = 0; a < 3; ++a) travel[a] += (s.last[a] - s.first[a]) / static_cast<double>(stances.size());
  const Dominant d = dominant(horizontal(travel, up), up);
  // Roll-over moves the COP 0.05-0.25 m along the foot; a few centimetres or less says nothing.
  if (d.index < 0 || d.magnitude < 2 * d.runner_up || d.magnitude < 0.03) return std::nullopt;
  if (d.magnitude > 0.25)
    return AxisFinding{Axis{d.index, -d.sign},
                       "treadmill: opposite to COP travel in stance (belt carries it " + fixed(d.magnitude) + " m)", true};
  return AxisFinding{Axis{d.index, d.sign}, "COP roll-over in stance (" + fixed(d.magnitude) + " m)", true};
}

void decide_progression(Trial& trial, const Markers& m) {
  const int up = trial.up.axis.index;
  double pelvis_speed = std::numeric_limits<double>::quiet_NaN();
  std::optional<AxisFinding> found = progression_from_pelvis(trial, m, up, pelvis_speed);
  if (!found) found = progression_from_belt(trial, m, up);
  const std::optional<AxisFinding> feet = progression_from_feet(trial, m, up);
  if (found && feet && !(found->axis == feet->axis))
    trial.warnings.push_back("progression " + found->axis.name() + " (" + found->method + ") disagrees with the " +
                             feet->method + " (" + feet->axis.name() + ")");
  if (!found) found = feet;
  if (!found) found = progression_from_cop(trial, up);
  if (found) {
    trial.progression = *found;
    return;
  }
  Axis fallback{up == 0 ? 1 : 0, 1};
  trial.progression = AxisFinding{fallback, "not detected (no pelvis/foot markers or COP); " + fallback.name() + " assumed", false};
  trial.warnings.push_back("progression axis could not be detected; " + fallback.name() + " assumed");
}
}  // namespace

void detect_axes(Trial& trial) {
  const Markers markers = classify(trial.points);
  decide_up(trial, markers);
  decide_progression(trial, markers);
}

}  // namespace touchdown
