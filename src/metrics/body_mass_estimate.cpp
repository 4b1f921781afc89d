// Body mass from the ground reaction: over whole strides of steady running the centre of mass returns
// to the same height with the same vertical velocity, so the vertical impulse equals body weight x time
// and the mean vertical GRF equals body weight. Only a plate that carries every contact of those strides
// (an instrumented treadmill) sees the whole impulse.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "metrics/vec_math.hpp"
#include "touchdown/joint_load.hpp"

namespace touchdown {

MassEstimate estimate_body_mass_from_grf(std::span<const PlateSeries> plates, std::span<const Stance> stances, Axis up,
                                         double gravity_m_s2) {
  MassEstimate e;
  if (plates.empty()) {
    e.missing_reason = "no force plate";
    return e;
  }
  std::vector<const Stance*> sorted;
  sorted.reserve(stances.size());
  std::vector<std::size_t> count(plates.size(), 0);
  for (const Stance& s : stances) {
    if (s.side == Side::none || !std::isfinite(s.ic_s)) continue;
    sorted.push_back(&s);
    if (s.plate && *s.plate < plates.size()) ++count[*s.plate];
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Stance* a, const Stance* b) { return a->ic_s < b->ic_s; });
  const auto plate = static_cast<std::size_t>(std::max_element(count.begin(), count.end()) - count.begin());

  // Longest run of consecutive contacts on that plate with alternating feet and no missed contact
  // (a step longer than 1 s means a contact went undetected).
  constexpr double kMaxStepS = 1.0;
  std::size_t best_first = 0, best_length = 0, run_first = 0, run_length = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Stance& s = *sorted[i];
    const bool on_plate = s.plate && *s.plate == plate;
    const bool continues = run_length > 0 && on_plate && sorted[i - 1]->side != s.side &&
                           s.ic_s - sorted[i - 1]->ic_s <= kMaxStepS;
    if (continues) {
      ++run_length;
    } else {
      run_first = i;
      run_length = on_plate ? 1 : 0;
    }
    if (run_length > best_length) {
      best_first = run_first;
      best_length = run_length;
    }
  }
  // Whole strides: from a contact to the last contact of the same foot in the run.
  const std::size_t strides = best_length > 0 ? (best_length - 1) / 2 : 0;
  if (strides < 1) {
    e.missing_reason = "no whole stride with every contact on one force plate (overground, or contacts missed)";
    return e;
  }
  const PlateSeries& p = plates[plate];
  const double t0 = sorted[best_first]->ic_s, t1 = sorted[best_first + 2 * strides]->ic_s;
  if (!(p.rate_hz > 0)) {
    e.missing_reason = "force plate has no sampling rate";
    return e;
  }
  const auto n = static_cast<double>(p.force_n.size());
  const double from = std::round(t0 * p.rate_hz), to = std::min(std::round(t1 * p.rate_hz), n);
  if (!(from >= 0) || !(to > from + 1)) {
    e.missing_reason = "the strides lie outside the force recording";
    return e;
  }
  const Vec3 u = unit_vector(up);
  double sum = 0;
  std::size_t used = 0;
  for (auto i = static_cast<std::size_t>(from); i < static_cast<std::size_t>(to); ++i) {
    const double f = vec::dot(p.force_n[i], u);
    if (!std::isfinite(f)) continue;
    sum += f;
    ++used;
  }
  const double samples = to - from;
  if (static_cast<double>(used) < 0.99 * samples) {
    e.missing_reason = "more than 1 % of the force samples over the strides are missing";
    return e;
  }
  const double mass = sum / static_cast<double>(used) / gravity_m_s2;
  // A runner outside 20-250 kg means the plate is not carrying the body (calibration, wrong axis).
  if (!(mass >= 20 && mass <= 250)) {
    char text[128];
    std::snprintf(text, sizeof text, "mean vertical GRF over whole strides gives an implausible %.1f kg", mass);
    e.missing_reason = text;
    return e;
  }
  char text[200];
  std::snprintf(text, sizeof text,
                "estimated from mean vertical GRF over whole strides (%zu strides, %.2f-%.2f s, plate %zu)", strides,
                t0, t1, plate);
  e.mass_kg = mass;
  e.method = text;
  return e;
}

}  // namespace touchdown
