#pragma once
// A complete synthetic treadmill trial: four alternating stances on one plate, a heel-striking right foot
// (FSA 15 deg, Gaussian impact transient, knee with medial markers) and a forefoot-striking left foot
// (FSA -5 deg, linear loading ramp without impact peak, knee without medial markers).
#include <cmath>
#include <numbers>
#include <vector>

#include "metrics/synthetic.hpp"
#include "touchdown/session.hpp"

namespace touchdown::testing {

struct SyntheticTrial {
  Body body;
  std::vector<Stance> stances;
  std::vector<PlateSeries> plates;
  MetricsOptions options;
  SessionInputs inputs;
};

inline constexpr double kTrialContact = 0.25;

// Right: 800 N Gaussian (sigma 8 ms) at 30 ms on a 1600 N half-sine. Left: 20 kN/s ramp to 2000 N at
// 100 ms, linear back to 0. AP: -300 sin(2 pi s / contact) on both.
inline double trial_vertical(double s, bool right) {
  if (s < 0 || s > kTrialContact) return 0;
  if (right)
    return 800.0 * std::exp(-(s - 0.030) * (s - 0.030) / (2 * 0.008 * 0.008)) +
           1600.0 * std::sin(std::numbers::pi * s / kTrialContact);
  return s <= 0.1 ? 20000.0 * s : 2000.0 * (kTrialContact - s) / (kTrialContact - 0.1);
}

inline SyntheticTrial synthetic_trial() {
  SyntheticTrial t;
  t.body = empty_body(150, 100.0);
  t.stances = {stance(Side::left, 0.10, 0.35, 0), stance(Side::right, 0.45, 0.70, 0),
               stance(Side::left, 0.80, 1.05, 0), stance(Side::right, 1.15, 1.40, 0)};
  Body& b = t.body;
  fill(b.pelvis_centre, Vec3{0, 0, 1.0});
  // Feet: right toes 20 deg up (standing 5 deg -> FSA 15), left toes 5 deg down, no standing trial.
  fill(b.right.heel, Vec3{0.25, -0.1, 0.05});
  fill(b.right.toe, Vec3{0.25 + 0.2 * std::cos(20 * kDegToRad), -0.1, 0.05 + 0.2 * std::sin(20 * kDegToRad)});
  b.right.standing_foot_angle_deg = 5.0;
  fill(b.left.heel, Vec3{0.20, 0.1, 0.05});
  fill(b.left.toe, Vec3{0.20 + 0.2 * std::cos(-5 * kDegToRad), 0.1, 0.05 + 0.2 * std::sin(-5 * kDegToRad)});
  // Legs: right knee flexed 12 deg (3D markers), left flexed 18 deg (no medial markers).
  for (auto [side, flexion] : {std::pair{Side::right, 12.0}, std::pair{Side::left, 18.0}}) {
    SideLandmarks& s = side == Side::right ? b.right : b.left;
    const double y = side == Side::right ? -0.1 : 0.1, lateral = side == Side::right ? -1.0 : 1.0;
    const double shank = (10.0 - flexion) * kDegToRad, thigh = 10.0 * kDegToRad;
    const Vec3 hip{0, y, 0.9}, knee{0.45 * std::sin(thigh), y, 0.9 - 0.45 * std::cos(thigh)};
    const Vec3 ankle{knee.x + 0.42 * std::sin(shank), y, knee.z - 0.42 * std::cos(shank)};
    fill(s.hip_centre, hip);
    fill(s.knee_centre, knee);
    fill(s.knee_lateral, Vec3{knee.x, y + 0.05 * lateral, knee.z});
    fill(s.ankle_centre, ankle);
    fill(s.ankle_lateral, Vec3{ankle.x, y + 0.035 * lateral, ankle.z});
    if (side == Side::right) {
      fill(s.knee_medial, Vec3{knee.x, y - 0.05 * lateral, knee.z});
      fill(s.ankle_medial, Vec3{ankle.x, y - 0.035 * lateral, ankle.z});
    }
  }
  b.leg_length_m = 0.87;
  b.methods = {"synthetic landmarks"};

  // One treadmill plate: COP at the heel for the right foot, under the forefoot for the left.
  PlateSeries p;
  p.rate_hz = 1000;
  const std::size_t n = 1500;
  p.force_n.resize(n);
  p.cop_m.resize(n);
  p.moment_nm.assign(n, Vec3{});
  p.free_moment_nm.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double time = static_cast<double>(i) / p.rate_hz;
    double vertical = 0, ap = 0;
    Vec3 cop{kNaN, kNaN, kNaN};
    for (const Stance& s : t.stances) {
      const double since = time - s.ic_s;
      if (since < 0 || since > kTrialContact) continue;
      const bool right = s.side == Side::right;
      vertical = trial_vertical(since, right);
      ap = -300.0 * std::sin(2 * std::numbers::pi * since / kTrialContact);
      cop = right ? Vec3{0.25 + 0.02, -0.1, 0} : Vec3{0.20 + 0.16, 0.1, 0};
    }
    p.force_n[i] = Vec3{ap, 0, vertical};
    p.cop_m[i] = vertical > 20 ? cop : Vec3{kNaN, kNaN, kNaN};
  }
  t.plates.push_back(std::move(p));

  t.options.body_mass_kg = 70.0;
  t.options.body_mass_source = "--mass";
  t.options.loading.force_cutoff_hz = std::nullopt;
  t.options.spatiotemporal.treadmill_speed_m_s = 3.5;
  t.inputs.input_files = {"synthetic.c3d"};
  t.inputs.event_method = "force";
  t.inputs.event_parameters = {"on_threshold_n=20", "off_threshold_n=10"};
  t.inputs.marker_cutoff_hz = 12.0;
  return t;
}

}  // namespace touchdown::testing
