#pragma once
// Hip joint centre (HJC) when no marker measures it.
//
// Default: Harrington, Morris, Bhattacharya, Gillespie, Roberts & Morris (2007), "Prediction of the hip
// joint centre in adults, children, and patients with cerebral palsy based on magnetic resonance imaging",
// J Biomech 40:595-602. Regression in the pelvis frame (origin: mid-ASIS; z: left ASIS -> right ASIS;
// x: anterior, the component of mid-PSIS -> mid-ASIS orthogonal to z; y = z x x, superior), with pelvic
// width PW = |RASIS - LASIS| and pelvic depth PD = |mid-ASIS - mid-PSIS|, in mm:
//     x = -0.24 PD - 9.9      y = -0.30 PW - 10.9      z = +/-(0.33 PW + 7.3)   (+ right, - left)
// This is the paper's PW/PD-only variant, which needs no leg length; leave-one-out errors in the paper are
// about 5 mm per axis. Marker centres stand in for the bony landmarks (markers add their radius, ~7 mm,
// mostly to PD, which moves the HJC ~2 mm posteriorly); Sangeux et al. 2014 (Gait Posture 40:20) found
// Harrington's equations closest to functional methods among the regressions.
//
// Without ASIS/PSIS (Running Injury Clinic sets mark the greater trochanters in the static trial), the RIC
// 3D gait system places the HJC on the inter-trochanteric line, a quarter of the way from each trochanter
// to the other (Running Injury Clinic, Calgary; as used by Fukuchi et al. 2017 for the RIC data).
#include <optional>

#include "touchdown/trial.hpp"

namespace touchdown::landmarks {

struct PelvisFrame {
  Vec3 origin;                      // mid-ASIS
  Vec3 anterior, superior, right;   // unit axes, right-handed
};

// nullopt when any point is missing or the ASIS coincide / the posterior point lies on the ASIS line.
[[nodiscard]] std::optional<PelvisFrame> pelvis_frame(const Vec3& right_asis, const Vec3& left_asis,
                                                      const Vec3& mid_psis);

struct HipCentres {
  Vec3 right, left;
};

// Inputs and outputs in metres. `mid_psis` is the PSIS midpoint or a sacral marker.
[[nodiscard]] std::optional<HipCentres> hip_centres_harrington(const Vec3& right_asis, const Vec3& left_asis,
                                                               const Vec3& mid_psis);

// Running Injury Clinic rule from the greater trochanter markers.
[[nodiscard]] HipCentres hip_centres_from_trochanters(const Vec3& right_trochanter, const Vec3& left_trochanter);

}  // namespace touchdown::landmarks
