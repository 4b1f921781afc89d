#pragma once
// Ground reaction force of one simulated stance, in body weights, as a function of time from initial
// contact (internal).
//
// Vertical: Fz(t) = impact pulse + P [(1 - k) sin(pi t/tc) + k sin^3(pi t/tc)]
// - Impact pulse: A sin(pi t / (2 tp)) rising to its peak at tp, then A cos^2(pi (t - tp) / (2 tf))
//   back to zero at tp + tf, tf = 0.6 tp (C1; it starts with a finite slope, so the force crosses a 20 N
//   threshold within a millisecond of contact, as a heel strike does, and falls faster than it rose).
// - Active hump: maximum P at mid-stance, unimodal for k in [-1/2, 1] (k = 0: half-sine; k > 0 narrower,
//   k < 0 flatter); k is solved so that the stance carries body weight over the whole step: the vertical
//   impulse equals 1 BW x step time (impulse-momentum over a periodic stride), using its mean
//   (2/pi)(1 - k/3). A plain half-sine with a 2.5 BW peak carries too much impulse for running duty
//   factors; real vertical GRF curves are indeed narrower than a half-sine.
// - A is solved so that the first local maximum of Fz (the impact peak, Lieberman et al. 2010) equals
//   the requested value; it must be a distinct maximum inside the first 25 % of stance.
// The compact pulse (instead of a Gaussian) keeps Fz exactly zero at IC and leaves the active peak
// untouched: the pulse ends before mid-stance.
//
// Anterior-posterior (+ = progression): -B sin(pi t / tb) for t < tb, then +Q sin(pi (t - tb)/(tc - tb)),
// with tb = tc Q / (B + Q) so that braking and propulsive impulses cancel (constant mean speed).
// Mediolateral: a medially directed half-sine; left and right cancel over a stride.
#include <optional>
#include <string>

namespace touchdown::sim {

struct GroundReactionTargets {
  double contact_time_s = 0;
  double step_time_s = 0;
  double impact_peak_bw = 0;       // 0 = no impact pulse
  double impact_time_fraction = 0.13;
  double active_peak_bw = 2.5;
  double braking_peak_bw = 0, propulsive_peak_bw = 0, mediolateral_peak_bw = 0;
};

// Loading rates computed on the continuous vertical force (Milner 2006; Blackmore 2016 window).
struct LoadingRates {
  double peak_bw = 0;       // the 100 % level of the window
  double t20_s = 0, t80_s = 0;
  double valr_bw_s = 0;     // 0.6 * peak / (t80 - t20)
  double vilr_bw_s = 0;     // maximum dFz/dt inside [t20, t80]
};

class GroundReaction {
 public:
  // Throws InputError (file "runner parameters") when the targets cannot be met.
  static GroundReaction solve(const GroundReactionTargets& targets);

  [[nodiscard]] double contact_time_s() const { return tc_; }
  [[nodiscard]] double vertical_bw(double t) const;          // 0 outside [0, contact_time]
  [[nodiscard]] double vertical_rate_bw_s(double t) const;   // dFz/dt
  [[nodiscard]] double anteroposterior_bw(double t) const;
  [[nodiscard]] double mediolateral_bw(double t) const;      // + = medial

  [[nodiscard]] double active_shape() const { return k_; }
  [[nodiscard]] double impact_amplitude_bw() const { return amplitude_; }
  [[nodiscard]] double active_peak_bw() const { return active_; }
  [[nodiscard]] double active_peak_time_s() const { return 0.5 * tc_; }
  [[nodiscard]] std::optional<double> impact_peak_time_s() const { return impact_time_; }
  [[nodiscard]] std::optional<double> impact_peak_bw() const;
  [[nodiscard]] double braking_peak_bw() const { return -braking_; }
  [[nodiscard]] double braking_impulse_bw_s() const;
  [[nodiscard]] double propulsive_impulse_bw_s() const;
  [[nodiscard]] double vertical_impulse_bw_s() const;

  // First time in [from, to] where the vertical force reaches `level` (bisection after a scan).
  [[nodiscard]] std::optional<double> first_crossing_s(double level, double from, double to) const;
  // VALR/VILR between 20 % and 80 % of `peak_bw`, searched before `peak_time_s`.
  [[nodiscard]] LoadingRates loading_rates(double peak_bw, double peak_time_s) const;

 private:
  [[nodiscard]] std::optional<double> first_local_maximum_s() const;
  double tc_ = 0, pulse_peak_s_ = 0, pulse_fall_s_ = 0, amplitude_ = 0, active_ = 0, k_ = 0;
  double braking_ = 0, propulsive_ = 0, braking_end_s_ = 0, mediolateral_ = 0;
  std::optional<double> impact_time_;
};

}  // namespace touchdown::sim
