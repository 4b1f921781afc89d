// The two runners of the built-in demo. Values are typical of the literature for recreational runners
// at 3.3 m/s: rearfoot strikers land with the foot ~15 deg toes-up, a straighter knee and a distinct
// impact peak; forefoot strikers land toes-down with more knee flexion and no impact peak (Lieberman et
// al. 2010, Nature 463:531; Altman & Davis 2012, Gait Posture 35:298; Almeida et al. 2015, Gait Posture).
#include "touchdown/simulate.hpp"

namespace touchdown {

RunnerParameters demo_heel_striker() {
  RunnerParameters p;
  p.name = "demo heel striker";
  p.cadence_spm = 166.0;
  p.foot_strike_angle_deg = 15.0;
  p.knee_flexion_ic_deg = 5.0;
  p.knee_flexion_peak_stance_deg = 40.0;
  p.impact_peak_bw = 1.6;
  p.active_peak_bw = 2.5;
  p.braking_peak_bw = 0.40;
  p.propulsive_peak_bw = 0.30;
  return p;
}

RunnerParameters demo_forefoot_striker() {
  RunnerParameters p;
  p.name = "demo forefoot striker";
  p.cadence_spm = 176.0;
  p.foot_strike_angle_deg = -5.0;
  p.knee_flexion_ic_deg = 18.0;
  p.knee_flexion_peak_stance_deg = 45.0;
  p.impact_peak_bw = 0.0;
  p.active_peak_bw = 2.6;
  p.braking_peak_bw = 0.30;
  p.propulsive_peak_bw = 0.30;
  p.seed = 2;
  return p;
}

}  // namespace touchdown
