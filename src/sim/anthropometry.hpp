#pragma once
// Segment lengths and marker offsets of the simulated runner, scaled by body height (internal).
//
// Sources: segment lengths as fractions of height from Winter, "Biomechanics and Motor Control of Human
// Movement" (4th ed., 2009, Fig. 4.1): thigh (hip-knee) 0.245 H, shank (knee-ankle) 0.246 H, foot length
// 0.152 H, ankle height 0.039 H; hip joint centre from the pelvis markers by Harrington et al. (2007,
// J Biomech 40:595), so that a Harrington regression on the generated ASIS/PSIS returns the model's hip
// centres exactly. Pelvic width/depth, joint widths and foot marker positions are typical adult values
// scaled by height (modelling choices, documented below, not measurements).
#include "sim/sagittal.hpp"

namespace touchdown::sim {

struct Anthropometry {
  double height_m = 0;
  double thigh_m = 0;         // hip joint centre to knee joint centre
  double shank_m = 0;         // knee joint centre to ankle joint centre
  double foot_length_m = 0;   // posterior heel to toe tip
  // Foot frame (metres): origin at the posterior heel on the sole, x forward along the flat sole, z up.
  P2 ankle;         // ankle joint centre (midpoint of the malleoli)
  P2 heel_pad;      // plantar contact of a heel strike (rounded heel, 10 % of foot length)
  P2 forefoot_pad;  // plantar contact of a forefoot strike (metatarsal heads, 75 %)
  P2 toe_tip;       // the foot rolls off here at toe-off
  P2 heel_marker;   // HEE: posterior calcaneus, 14 mm marker
  P2 toe_marker;    // TOE: dorsum over the second metatarsal head
  // Pelvis (Harrington frame: origin mid-ASIS, x anterior, y superior, z right).
  double pelvis_width_m = 0;       // PW = |RASI - LASI|
  double pelvis_depth_m = 0;       // PD = |mid-ASIS - mid-PSIS|
  double psis_separation_m = 0;
  double pelvis_tilt_rad = 0;      // anterior tilt of the ASIS-PSIS plane (ASIS below PSIS)
  P2 hip_in_pelvis;                // Harrington (x, y): -0.24 PD - 9.9 mm, -0.30 PW - 10.9 mm
  double hip_half_width_m = 0;     // Harrington |z| = 0.33 PW + 7.3 mm
  // Lateral marker offsets from the joint centre / segment line.
  double knee_width_m = 0;         // epicondyle to epicondyle (KNE - KNM)
  double ankle_width_m = 0;        // malleolus to malleolus (ANK - MED)
  double thigh_wand_m = 0, shank_wand_m = 0;  // THI, TIB lateral offsets

  [[nodiscard]] double leg_length_m() const { return thigh_m + shank_m; }
  [[nodiscard]] double standing_hip_height_m() const { return ankle.z + thigh_m + shank_m; }
};

[[nodiscard]] Anthropometry anthropometry_for_height(double height_m);

}  // namespace touchdown::sim
