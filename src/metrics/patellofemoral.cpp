// Patellofemoral joint model (citations in include/touchdown/joint_load.hpp):
//   Fq = M_ext / d(theta)                     effective quadriceps moment arm, van Eijden et al. 1986 cubic
//   PFJRF = k(theta) Fq, k = 2 sin(beta / 2)  Brechter & Powers 2002 fit of van Eijden 1986
//   stress = PFJRF / A(theta)                 contact area from Besier et al. 2005 (MRI, 0/30/60 deg)
#include <algorithm>

#include "touchdown/joint_load.hpp"

namespace touchdown {
namespace {

// The fits were made over 0-90 deg of flexion; outside, the end value is used (hyperextension -> 0 deg).
double fit_range(double knee_flexion_deg) { return std::clamp(knee_flexion_deg, 0.0, 90.0); }

}  // namespace

double quadriceps_moment_arm_m(double knee_flexion_deg) {
  const double t = fit_range(knee_flexion_deg);
  return ((8.0e-8 * t - 1.3e-5) * t + 2.8e-4) * t + 0.046;
}

double pf_force_ratio(double knee_flexion_deg) {
  const double t = fit_range(knee_flexion_deg);
  const double numerator = 0.462 + 1.47e-3 * t - 3.84e-5 * t * t;
  const double denominator = 1.0 - 1.62e-2 * t + 1.55e-4 * t * t - 6.98e-7 * t * t * t;
  return numerator / denominator;
}

double pf_contact_area_mm2(double knee_flexion_deg, BodySex sex) {
  // Besier et al. 2005 unloaded means at 0, 30, 60 deg (female 0 deg: reported "similar" to male, so the
  // male 210 mm^2), the quadratic through them, times 1.24: their mean increase under weight-bearing.
  const double a0 = 210.0, a30 = sex == BodySex::female ? 269.0 : 414.0, a60 = sex == BodySex::female ? 396.0 : 520.0;
  constexpr double kWeightBearing = 1.24;
  const double t = std::clamp(knee_flexion_deg, 0.0, 60.0) / 30.0;  // 0, 1, 2 at the measured angles
  // Lagrange quadratic through (0, a0), (1, a30), (2, a60).
  const double area = a0 * (t - 1) * (t - 2) / 2 - a30 * t * (t - 2) + a60 * t * (t - 1) / 2;
  return kWeightBearing * area;
}

PatellofemoralLoad patellofemoral_load(double extensor_moment_nm, double knee_flexion_deg, BodySex sex) {
  PatellofemoralLoad load;
  load.quadriceps_n = std::max(extensor_moment_nm, 0.0) / quadriceps_moment_arm_m(knee_flexion_deg);
  load.pf_force_n = pf_force_ratio(knee_flexion_deg) * load.quadriceps_n;
  load.pf_stress_mpa = load.pf_force_n / pf_contact_area_mm2(knee_flexion_deg, sex);  // N/mm^2 = MPa
  return load;
}

}  // namespace touchdown
