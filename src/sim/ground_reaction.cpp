#include "sim/ground_reaction.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "touchdown/error.hpp"

namespace touchdown::sim {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr const char* kSource = "runner parameters";

// Active hump f(u) = (1 - k) sin(pi u) + k sin^3(pi u): maximum 1 at u = 1/2 and unimodal for
// k in [-1/2, 1]; its mean over [0, 1] is (2/pi)(1 - k/3).
constexpr double kMinShape = -0.5, kMaxShape = 1.0;
// The impact transient falls faster than it rises (Lieberman et al. 2010, Fig. 2).
constexpr double kPulseFall = 0.6;
double hump_mean(double k) { return 2.0 / kPi * (1.0 - k / 3.0); }

std::string fixed(double value, int digits = 3) {
  std::ostringstream out;
  out.precision(digits);
  out << std::fixed << value;
  return out.str();
}

}  // namespace

double GroundReaction::vertical_bw(double t) const {
  if (!(t >= 0.0 && t <= tc_)) return 0.0;
  const double s = std::sin(kPi * t / tc_);
  double f = active_ * ((1.0 - k_) * s + k_ * s * s * s);
  if (t < pulse_peak_s_) {
    f += amplitude_ * std::sin(kPi * t / (2.0 * pulse_peak_s_));
  } else if (t < pulse_peak_s_ + pulse_fall_s_) {
    const double c = std::cos(kPi * (t - pulse_peak_s_) / (2.0 * pulse_fall_s_));
    f += amplitude_ * c * c;
  }
  return f;
}

double GroundReaction::vertical_rate_bw_s(double t) const {
  if (!(t >= 0.0 && t <= tc_)) return 0.0;
  const double angle = kPi * t / tc_, s = std::sin(angle);
  double rate = active_ * std::cos(angle) * ((1.0 - k_) + 3.0 * k_ * s * s) * kPi / tc_;
  if (t < pulse_peak_s_) {
    const double w = kPi / (2.0 * pulse_peak_s_);
    rate += amplitude_ * w * std::cos(w * t);
  } else if (t < pulse_peak_s_ + pulse_fall_s_) {
    const double w = kPi / (2.0 * pulse_fall_s_);
    rate -= amplitude_ * w * std::sin(2.0 * w * (t - pulse_peak_s_));
  }
  return rate;
}

double GroundReaction::anteroposterior_bw(double t) const {
  if (!(t >= 0.0 && t <= tc_) || braking_ + propulsive_ <= 0.0) return 0.0;
  if (t < braking_end_s_) return -braking_ * std::sin(kPi * t / braking_end_s_);
  return propulsive_ * std::sin(kPi * (t - braking_end_s_) / (tc_ - braking_end_s_));
}

double GroundReaction::mediolateral_bw(double t) const {
  if (!(t >= 0.0 && t <= tc_)) return 0.0;
  return mediolateral_ * std::sin(kPi * t / tc_);
}

std::optional<double> GroundReaction::impact_peak_bw() const {
  if (!impact_time_) return std::nullopt;
  return vertical_bw(*impact_time_);
}

double GroundReaction::braking_impulse_bw_s() const { return -braking_ * 2.0 * braking_end_s_ / kPi; }
double GroundReaction::propulsive_impulse_bw_s() const { return propulsive_ * 2.0 * (tc_ - braking_end_s_) / kPi; }
double GroundReaction::vertical_impulse_bw_s() const {
  return active_ * tc_ * hump_mean(k_) + amplitude_ * (2.0 / kPi * pulse_peak_s_ + 0.5 * pulse_fall_s_);
}

std::optional<double> GroundReaction::first_local_maximum_s() const {
  if (amplitude_ <= 0.0) return std::nullopt;
  // A maximum of the sum can only lie before the pulse ends (the active hump rises).
  const double end = std::min(pulse_peak_s_ + pulse_fall_s_, 0.5 * tc_);
  constexpr int kScan = 400;
  double previous_t = 0.0;
  for (int i = 1; i <= kScan; ++i) {
    const double t = end * i / kScan;
    if (vertical_rate_bw_s(t) <= 0.0) {
      double lo = previous_t, hi = t;  // rate > 0 at lo, <= 0 at hi
      for (int k = 0; k < 200 && hi - lo > 1e-14 * tc_; ++k) {
        const double mid = 0.5 * (lo + hi);
        (vertical_rate_bw_s(mid) > 0.0 ? lo : hi) = mid;
      }
      return 0.5 * (lo + hi);
    }
    previous_t = t;
  }
  return std::nullopt;
}

std::optional<double> GroundReaction::first_crossing_s(double level, double from, double to) const {
  constexpr int kScan = 4000;
  double previous = from;
  if (vertical_bw(from) >= level) return from;
  for (int i = 1; i <= kScan; ++i) {
    const double t = from + (to - from) * i / kScan;
    if (vertical_bw(t) >= level) {
      double lo = previous, hi = t;
      for (int k = 0; k < 200 && hi - lo > 1e-15; ++k) {
        const double mid = 0.5 * (lo + hi);
        (vertical_bw(mid) >= level ? hi : lo) = mid;
      }
      return 0.5 * (lo + hi);
    }
    previous = t;
  }
  return std::nullopt;
}

LoadingRates GroundReaction::loading_rates(double peak_bw, double peak_time_s) const {
  LoadingRates rates;
  rates.peak_bw = peak_bw;
  rates.t20_s = first_crossing_s(0.2 * peak_bw, 0.0, peak_time_s).value_or(0.0);
  rates.t80_s = first_crossing_s(0.8 * peak_bw, 0.0, peak_time_s).value_or(peak_time_s);
  rates.valr_bw_s = rates.t80_s > rates.t20_s ? 0.6 * peak_bw / (rates.t80_s - rates.t20_s) : 0.0;
  // VILR: scan, then golden-section refinement around the best sample.
  constexpr int kScan = 2000;
  const double span = rates.t80_s - rates.t20_s;
  int best = 0;
  double best_rate = -1e300;
  for (int i = 0; i <= kScan; ++i) {
    const double r = vertical_rate_bw_s(rates.t20_s + span * i / kScan);
    if (r > best_rate) best_rate = r, best = i;
  }
  double lo = rates.t20_s + span * std::max(best - 1, 0) / kScan;
  double hi = rates.t20_s + span * std::min(best + 1, kScan) / kScan;
  const double golden = (std::sqrt(5.0) - 1.0) / 2.0;
  for (int k = 0; k < 100 && hi - lo > 1e-14; ++k) {
    const double a = hi - golden * (hi - lo), b = lo + golden * (hi - lo);
    if (vertical_rate_bw_s(a) > vertical_rate_bw_s(b))
      hi = b;
    else
      lo = a;
  }
  rates.vilr_bw_s = std::max(best_rate, vertical_rate_bw_s(0.5 * (lo + hi)));
  return rates;
}

GroundReaction GroundReaction::solve(const GroundReactionTargets& targets) {
  GroundReaction grf;
  grf.tc_ = targets.contact_time_s;
  grf.active_ = targets.active_peak_bw;
  grf.pulse_peak_s_ = targets.impact_time_fraction * targets.contact_time_s;
  grf.pulse_fall_s_ = kPulseFall * grf.pulse_peak_s_;
  grf.braking_ = targets.braking_peak_bw;
  grf.propulsive_ = targets.propulsive_peak_bw;
  grf.mediolateral_ = targets.mediolateral_peak_bw;
  if (grf.braking_ + grf.propulsive_ > 0.0)
    grf.braking_end_s_ = grf.tc_ * grf.propulsive_ / (grf.braking_ + grf.propulsive_);

  // Stance impulse = 1 BW x step time; the active hump carries what the impact pulse does not.
  auto solve_shape = [&](double amplitude) {
    const double pulse = amplitude * (2.0 / kPi * grf.pulse_peak_s_ + 0.5 * grf.pulse_fall_s_);
    const double needed = (targets.step_time_s - pulse) / (grf.active_ * grf.tc_);
    if (needed > hump_mean(kMinShape) || needed < hump_mean(kMaxShape)) {
      const double implied = (targets.step_time_s - pulse) / (grf.tc_ * hump_mean(0.0));
      throw InputError(kSource, "active_peak_bw = " + fixed(grf.active_) + " is too " +
                                    (needed > hump_mean(kMinShape) ? "low" : "high") +
                                    " to carry body weight over a step of " + fixed(targets.step_time_s) +
                                    " s with " + fixed(grf.tc_) + " s of contact (about " + fixed(implied, 2) +
                                    " BW would; the model accepts curves from flat-topped to narrow around that)");
    }
    return 3.0 * (1.0 - needed * kPi / 2.0);
  };

  grf.k_ = solve_shape(0.0);
  const double target = targets.impact_peak_bw;
  if (target > 0.0) {
    // The first local maximum rises with the pulse amplitude (the hump's shape follows the amplitude to
    // keep the impulse); below some amplitude there is no distinct maximum at all. Bisection on
    // "a distinct maximum at or above the target".
    auto reaches = [&](double amplitude) {
      grf.amplitude_ = amplitude;
      grf.k_ = solve_shape(amplitude);
      const auto peak = grf.first_local_maximum_s();
      return peak && grf.vertical_bw(*peak) >= target;
    };
    double lo = 0.0, hi = target;
    for (int k = 0; k < 100 && hi - lo > 1e-13 * target; ++k) {
      const double mid = 0.5 * (lo + hi);
      (reaches(mid) ? hi : lo) = mid;
    }
    (void)reaches(hi);  // leave the solver in its final state
    grf.impact_time_ = grf.first_local_maximum_s();
    if (!grf.impact_time_ || std::abs(grf.vertical_bw(*grf.impact_time_) - target) > 1e-9)
      throw InputError(kSource, "impact_peak_bw = " + fixed(target) +
                                    " does not form a distinct peak over the rising active force; use a larger "
                                    "value, an earlier impact_time_fraction, or 0 for none");
    if (*grf.impact_time_ >= 0.25 * grf.tc_)
      throw InputError(kSource, "the impact peak would fall after 25 % of stance; use an earlier impact_time_fraction");
  }
  return grf;
}

}  // namespace touchdown::sim
