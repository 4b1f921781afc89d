// Forces and loading (metrics.md, "Forces and loading"):
// - impact peak: first distinct local maximum of vertical GRF in the first 25 % of stance (Lieberman et
//   al. 2010, Nature 463:531);
// - active peak: maximum vertical GRF in stance;
// - VALR: slope from 20 % to 80 % of the impact peak (Milner et al. 2006, MSSE 38:323); without an impact
//   peak the force at 13 % of stance is the reference (Blackmore et al. 2016, window `blackmore13`);
// - VILR: maximum first derivative of vertical GRF inside the same window (Milner 2006);
// - braking peak and impulses: AP force along progression, negative part = braking (Heiderscheit 2011);
// - leg stiffness: Fmax / leg compression, or the Morin et al. 2005 sine-wave model (J Appl Biomech 21:167).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>

#include "metrics/vec_math.hpp"
#include "common/format_number.hpp"
#include "touchdown/metrics.hpp"
#include "touchdown/signal.hpp"

namespace touchdown {
namespace {

using text::format;

// The stance's sample range [first, last] on the force clock; empty when outside the recording.
struct SampleWindow {
  std::size_t first = 0, last = 0;
  bool valid = false;
  std::string reason;
};

SampleWindow stance_window(const ForceSignals& forces, const Stance& stance) {
  SampleWindow w;
  const auto n = static_cast<double>(forces.vertical_n.size());
  if (!(forces.rate_hz > 0) || forces.vertical_n.empty()) {
    w.reason = "force plate has no samples";
    return w;
  }
  const double first = std::round(stance.ic_s * forces.rate_hz);
  const double last = std::min(std::round(stance.to_s * forces.rate_hz), n - 1);
  if (!std::isfinite(first) || !std::isfinite(last)) {
    w.reason = "stance times are not finite";
    return w;
  }
  if (first < 0 || first >= n) {
    w.reason = "stance lies outside the force recording";
    return w;
  }
  if (last - first < 4) {
    w.reason = "stance spans fewer than 5 force samples";
    return w;
  }
  w.first = static_cast<std::size_t>(first);
  w.last = static_cast<std::size_t>(last);
  w.valid = true;
  return w;
}

// Vertex of the parabola through samples k-1, k, k+1 (value, and position in samples), so that a peak
// between two samples is not under-read by up to a sample's worth of curvature.
struct Peak {
  double value = 0;
  double position = 0;  // fractional sample index
};
Peak refine_peak(const std::vector<double>& f, std::size_t k, std::size_t first, std::size_t last) {
  Peak p{f[k], static_cast<double>(k)};
  if (k <= first || k >= last) return p;
  const double a = f[k - 1], b = f[k], c = f[k + 1];
  const double curvature = a - 2 * b + c;
  if (!(curvature < 0)) return p;
  const double offset = std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5);
  p.value = b - 0.25 * (a - c) * offset;
  p.position = static_cast<double>(k) + offset;
  return p;
}

double interpolate(const std::vector<double>& f, double position) {
  const double clamped = std::clamp(position, 0.0, static_cast<double>(f.size() - 1));
  const auto below = static_cast<std::size_t>(std::floor(clamped));
  if (below + 1 >= f.size()) return f[below];
  const double fraction = clamped - static_cast<double>(below);
  return f[below] + fraction * (f[below + 1] - f[below]);
}

// First upward crossing of `level` in samples [from, to], as a fractional sample index; the sample
// before `from` counts as a starting point so a crossing just before IC's rounding is still found.
std::optional<double> first_crossing(const std::vector<double>& f, std::size_t from, std::size_t to, double level) {
  std::size_t start = from > 0 ? from - 1 : from;
  if (f[start] >= level) return std::nullopt;
  for (std::size_t i = start; i < to && i + 1 < f.size(); ++i)
    if (f[i + 1] >= level) return static_cast<double>(i) + (level - f[i]) / (f[i + 1] - f[i]);
  return std::nullopt;
}

// Distinct: after the maximum the force drops by at least `prominence` and then rises again by as much
// (a transient followed by the active peak), before ever exceeding the candidate.
bool is_distinct_peak(const std::vector<double>& f, std::size_t k, std::size_t last, double prominence) {
  double valley = f[k];
  for (std::size_t j = k + 1; j <= last; ++j) {
    valley = std::min(valley, f[j]);
    if (f[k] - valley >= prominence && f[j] - valley >= prominence) return true;
    if (f[j] > f[k]) return false;
  }
  return false;
}

// Integral of the negative and positive parts of a sampled signal, exact for its linear interpolation
// (a segment crossing zero is split at the crossing).
struct SignedIntegrals {
  double negative = 0, positive = 0;
};
SignedIntegrals signed_integrals(const std::vector<double>& f, std::size_t first, std::size_t last, double dt) {
  SignedIntegrals s;
  for (std::size_t i = first; i < last; ++i) {
    const double a = f[i], b = f[i + 1];
    if (a >= 0 && b >= 0) {
      s.positive += 0.5 * (a + b) * dt;
    } else if (a <= 0 && b <= 0) {
      s.negative += 0.5 * (a + b) * dt;
    } else {
      const double split = a / (a - b);  // fraction of the segment before the zero crossing
      const double before = 0.5 * a * split * dt, after = 0.5 * b * (1 - split) * dt;
      (a < 0 ? s.negative : s.positive) += before;
      (b < 0 ? s.negative : s.positive) += after;
    }
  }
  return s;
}

}  // namespace

ForceSignals prepare_force_signals(const PlateSeries& plate, Axis up, Axis progression, std::optional<double> cutoff_hz) {
  ForceSignals s;
  s.rate_hz = plate.rate_hz;
  const std::size_t n = plate.force_n.size();
  s.vertical_n.resize(n);
  s.anterior_n.resize(n);
  const Vec3 u = unit_vector(up), p = unit_vector(progression);
  for (std::size_t i = 0; i < n; ++i) {
    s.vertical_n[i] = vec::dot(plate.force_n[i], u);
    s.anterior_n[i] = vec::dot(plate.force_n[i], p);
  }
  s.cop_m = plate.cop_m;
  s.filter = "unfiltered";
  if (cutoff_hz) {
    if (*cutoff_hz > 0 && *cutoff_hz < 0.5 * plate.rate_hz) {
      s.vertical_n = signal::lowpass_zero_lag(s.vertical_n, plate.rate_hz, *cutoff_hz);
      s.anterior_n = signal::lowpass_zero_lag(s.anterior_n, plate.rate_hz, *cutoff_hz);
      s.filter = format("zero-lag Butterworth low-pass %g Hz", *cutoff_hz);
    } else {
      s.filter = format("unfiltered (cut-off %g Hz not below the Nyquist frequency)", *cutoff_hz);
    }
  }
  return s;
}

LoadingMetrics compute_loading(const ForceSignals& forces, const Stance& stance, std::optional<double> body_mass_kg,
                               const LoadingOptions& options) {
  LoadingMetrics m;
  const std::string filter = "force " + forces.filter;
  m.leg_stiffness_kn_m = Measured::absent("kN/m", "not computed (see compute_leg_stiffness)");
  auto all_absent = [&](const std::string& reason) {
    for (Measured* x : {&m.impact_peak_bw, &m.active_peak_bw, &m.braking_peak_bw})
      *x = Measured::absent("BW", reason);
    m.valr_bw_s = Measured::absent("BW/s", reason);
    m.vilr_bw_s = Measured::absent("BW/s", reason);
    m.braking_impulse_bws = Measured::absent("BW*s", reason);
    m.propulsive_impulse_bws = Measured::absent("BW*s", reason);
    return m;
  };
  const SampleWindow w = stance_window(forces, stance);
  if (!w.valid) return all_absent(w.reason);
  if (!body_mass_kg || !(*body_mass_kg > 0)) return all_absent("body mass unknown");
  const double weight_n = *body_mass_kg * options.gravity_m_s2;
  const double rate = forces.rate_hz;
  const std::vector<double>& f = forces.vertical_n;

  // Active peak.
  std::size_t k_max = w.first;
  for (std::size_t i = w.first; i <= w.last; ++i)
    if (f[i] > f[k_max]) k_max = i;
  const Peak active = refine_peak(f, k_max, w.first, w.last);
  m.active_peak_bw = Measured::of(active.value / weight_n, "BW", "maximum vertical GRF in stance; " + filter);

  // Impact peak: the first distinct local maximum inside the first 25 % of stance.
  const std::string impact_window = format("first %g%% of stance", 100 * options.impact_window_fraction);
  const auto search_end = std::min(
      w.last - 1, w.first + static_cast<std::size_t>(std::floor(options.impact_window_fraction *
                                                                static_cast<double>(w.last - w.first))));
  const double prominence = options.impact_min_prominence_fraction * active.value;
  std::optional<Peak> impact;
  for (std::size_t k = w.first + 1; k <= search_end; ++k) {
    if (f[k] > f[k - 1] && f[k] >= f[k + 1] && is_distinct_peak(f, k, w.last, prominence)) {
      impact = refine_peak(f, k, w.first, w.last);
      break;
    }
  }
  if (impact)
    m.impact_peak_bw = Measured::of(impact->value / weight_n, "BW", "first distinct local maximum of vertical GRF in the " +
                                                                        impact_window + "; " + filter);
  else
    m.impact_peak_bw = Measured::absent("BW", "no distinct impact peak in " + impact_window);

  // Loading rates: window from 20 % to 80 % of the reference force.
  double reference = 0, reference_position = 0;
  std::string window;
  if (impact) {
    reference = impact->value;
    reference_position = impact->position;
    window = "window=milner2006 (20-80 % of impact peak)";
  } else {
    reference_position = (stance.ic_s + options.blackmore_fraction * (stance.to_s - stance.ic_s)) * rate;
    reference = interpolate(f, reference_position);
    window = format("window=blackmore13 (20-80 %% of the force at %g %% of stance, no impact peak)",
                    100 * options.blackmore_fraction);
  }
  const auto reference_end = std::min(w.last, static_cast<std::size_t>(std::ceil(reference_position)));
  const std::optional<double> at20 = first_crossing(f, w.first, reference_end, 0.2 * reference);
  const std::optional<double> at80 = first_crossing(f, w.first, reference_end, 0.8 * reference);
  if (!(reference > 0) || !at20 || !at80 || !(*at80 > *at20)) {
    const std::string reason = !(reference > 0) ? "reference force is not positive"
                               : !at20          ? "vertical GRF at IC is already above 20 % of the reference force"
                                                : "no rise from 20 % to 80 % of the reference force";
    m.valr_bw_s = Measured::absent("BW/s", reason, window);
    m.vilr_bw_s = Measured::absent("BW/s", reason, window);
  } else {
    const double seconds = (*at80 - *at20) / rate;
    m.valr_bw_s = Measured::of(0.6 * reference / seconds / weight_n, "BW/s",
                               "slope between 20 % and 80 % crossings; " + window + "; " + filter);
    // VILR: largest central-difference derivative at the samples inside [t20, t80]; when no sample lies
    // inside (window shorter than a sample), the slope of the segment holding t20.
    double vilr = -std::numeric_limits<double>::infinity();
    for (auto i = static_cast<std::size_t>(std::ceil(*at20)); static_cast<double>(i) <= *at80; ++i)
      if (i >= 1 && i + 1 < f.size()) vilr = std::max(vilr, 0.5 * (f[i + 1] - f[i - 1]) * rate);
    if (!std::isfinite(vilr)) {
      const auto below = static_cast<std::size_t>(std::floor(*at20));
      vilr = (f[below + 1] - f[below]) * rate;
    }
    m.vilr_bw_s = Measured::of(vilr / weight_n, "BW/s",
                               "maximum central-difference dF/dt between 20 % and 80 % crossings; " + window + "; " + filter);
  }

  // Braking and propulsion along progression.
  const std::vector<double>& ap = forces.anterior_n;
  double most_negative = 0;
  for (std::size_t i = w.first; i <= w.last; ++i) most_negative = std::min(most_negative, ap[i]);
  m.braking_peak_bw = Measured::of(most_negative / weight_n, "BW",
                                   "most negative AP GRF along progression (0 when never braking); " + filter);
  const SignedIntegrals impulses = signed_integrals(ap, w.first, w.last, 1.0 / rate);
  m.braking_impulse_bws = Measured::of(impulses.negative / weight_n, "BW*s",
                                       "integral of the negative AP GRF over stance (<= 0); " + filter);
  m.propulsive_impulse_bws = Measured::of(impulses.positive / weight_n, "BW*s",
                                          "integral of the positive AP GRF over stance; " + filter);
  return m;
}

double leg_stiffness_morin2005_kn_m(double mass_kg, double contact_s, double flight_s, double leg_length_m,
                                    double speed_m_s, double gravity_m_s2) {
  constexpr double pi = std::numbers::pi;
  const double peak_force = mass_kg * gravity_m_s2 * pi / 2 * (flight_s / contact_s + 1);
  // Downward centre-of-mass displacement from IC to mid-stance under a sine force:
  // integral of s (F(s)/m - g) over [0, tc/2] (Morin 2005 write it with the opposite sign, as a height).
  const double com_drop = peak_force * contact_s * contact_s / (mass_kg * pi * pi) - gravity_m_s2 * contact_s * contact_s / 8;
  const double half_sweep = speed_m_s * contact_s / 2;
  const double leg_compression =
      leg_length_m - std::sqrt(leg_length_m * leg_length_m - half_sweep * half_sweep) + com_drop;
  return peak_force / leg_compression / 1000.0;
}

Measured compute_leg_stiffness(const Body& body, const ForceSignals* forces, const Stance& stance,
                               const SpatiotemporalMetrics& timing, std::optional<double> speed_m_s,
                               std::optional<double> body_mass_kg, const LoadingOptions& options) {
  const std::string unit = "kN/m";
  std::string why_not_measured = "no force plate under this stance";
  if (forces != nullptr && stance.side != Side::none) {
    const SampleWindow w = stance_window(*forces, stance);
    const Trajectory& hip = body.side(stance.side).hip_centre;
    if (!w.valid) {
      why_not_measured = w.reason;
    } else if (hip.empty() || !(body.rate_hz > 0)) {
      why_not_measured = "hip joint centre not available";
    } else {
      double peak_force = 0, first_length = std::numeric_limits<double>::quiet_NaN();
      double shortest = std::numeric_limits<double>::infinity();
      for (std::size_t i = w.first; i <= w.last; ++i) {
        peak_force = std::max(peak_force, forces->vertical_n[i]);
        if (i >= forces->cop_m.size() || !is_finite(forces->cop_m[i])) continue;
        const Vec3 h = sample_at(hip, body.rate_hz, static_cast<double>(i) / forces->rate_hz);
        if (!is_finite(h)) continue;
        const double length = vec::norm(vec::sub(h, forces->cop_m[i]));
        if (std::isnan(first_length)) first_length = length;
        shortest = std::min(shortest, length);
      }
      // Under 5 mm the compression is within marker and COP noise.
      constexpr double kMinCompression = 0.005;
      if (std::isfinite(first_length) && first_length - shortest > kMinCompression)
        return Measured::of(peak_force / (first_length - shortest) / 1000.0, unit,
                            "peak vertical GRF / (L(IC) - min L), L = |hip centre - COP| during stance");
      why_not_measured = "leg compression not measurable (COP or hip centre missing, or under 5 mm)";
    }
  }
  const std::string morin = "Morin 2005 sine-wave model (contact and flight time, mass, leg length, speed); " +
                            why_not_measured;
  if (!body_mass_kg || !(*body_mass_kg > 0)) return Measured::absent(unit, "body mass unknown", morin);
  if (!timing.contact_time_s.value) return Measured::absent(unit, "contact time absent", morin);
  if (!timing.flight_time_s.value) return Measured::absent(unit, "flight time absent: " + timing.flight_time_s.missing_reason, morin);
  if (!(body.leg_length_m > 0)) return Measured::absent(unit, "leg length unknown", morin);
  if (!speed_m_s) return Measured::absent(unit, "running speed unknown", morin);
  if (*speed_m_s * *timing.contact_time_s.value / 2 >= body.leg_length_m)
    return Measured::absent(unit, "half the distance covered in contact exceeds leg length", morin);
  return Measured::of(leg_stiffness_morin2005_kn_m(*body_mass_kg, *timing.contact_time_s.value,
                                                   *timing.flight_time_s.value, body.leg_length_m, *speed_m_s,
                                                   options.gravity_m_s2),
                      unit, morin);
}

}  // namespace touchdown
