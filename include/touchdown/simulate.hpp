#pragma once
// A parametric running simulator: a lab Trial (Plug-in Gait markers, type-2 force plates, a standing
// static trial) generated from a few runner parameters, together with the exact answers the analysis
// should find. Used by the built-in demo (`touchdown analyze` without a file analyses a generated heel
// striker and a generated forefoot striker) and by exact-answer tests of the whole pipeline.
//
// The model (src/sim/, each file documents its part and its sources):
// - Ground reaction (ground_reaction.hpp): per stance, vertical GRF = a short impact pulse plus an
//   active hump whose width is solved so that the vertical impulse of a step equals body weight x step
//   time (impulse-momentum: the mean vertical GRF over whole strides is body weight), the pulse amplitude
//   so that the first local maximum equals `impact_peak_bw`. AP: braking then propulsive half-sines with
//   zero net impulse. ML: a small medial half-sine.
// - Gait kinematics (gait_kinematics.hpp): each leg moves in its own sagittal plane. The knee flexion is
//   one smooth periodic curve through the parameters (exact at IC and at the stance peak). In stance the
//   foot is a rigid body on the floor (heel pad, forefoot pad or flat at IC; rolls off the toe tip); the
//   pelvis height follows from the knee angle and the foot (inverse kinematics), with the foot placement
//   chosen so that it best follows the centre-of-mass path the forces imply (centre_of_mass.hpp). Swing
//   joint angles are quintic splines: everything is continuous to the second derivative, so a 12 Hz
//   zero-lag filter changes the knee angle at IC by ~0.4 deg and the foot strike angle by ~0.2 deg.
// - Markers (marker_placement.hpp): Plug-in Gait names; pelvis markers placed so that the Harrington
//   et al. (2007) regression returns the model's hip joint centres exactly.
//
// Lab frame: millimetres, +Z up, +X progression (direction of running; on a treadmill the opposite of
// the belt), +Y to the runner's left; overground the middle of the trial passes the lab origin. Events
// are aligned to point frames: the step time and the contact time are rounded to whole point frames (the
// truth holds the values used), so every IC and TO falls exactly on a point frame and on an analog
// sample. IC is force onset (the force is zero at IC and rises with a finite slope: a 20 N threshold is
// crossed 1-2 samples later at 1 kHz); TO is the end of force. The trial starts in a flight phase, right
// foot first; the truth lists only stances complete inside the trial.
//
// Known limitations (documented in src/sim/gait_kinematics.hpp): legs move in sagittal planes through
// the hip joint centres (step width = hip width), the pelvis translates without rotating, and its height
// is kinematic rather than ballistic in flight.
//
// Force plates (C3D type 2, C3D User Guide "FORCE_PLATFORM"): channels Fx Fy Fz (N) and Mx My Mz (N*mm)
// of the force the foot applies to the plate, in the plate frame: x = +X, y = -Y, z = -Z (down), so a
// loaded plate reads Fz > 0. CORNERS: corner 1 in the +x+y quadrant, then 2 (-x+y), 3 (-x-y), 4 (+x-y).
// ORIGIN = (0, 0, oz): the vector from the plate's measurement origin to the centre of the working
// surface, in the plate frame; oz < 0 because the origin lies below the surface. Moments are about the
// plate origin, so the plate math recovers the true COP (plate frame, from the surface centre):
//     COPx = (oz*Fx - My)/Fz     COPy = (oz*Fy + Mx)/Fz
// (the same as (-My - Fx*dz)/Fz with the depth dz = -oz > 0). The free moment about the COP is zero.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "touchdown/trial.hpp"

namespace touchdown {

struct RunnerParameters {
  std::string name = "simulated runner";
  double mass_kg = 70.0;
  double height_m = 1.75;        // segment lengths scale with height (Winter 2009 proportions)
  double speed_m_s = 3.3;
  double cadence_spm = 170.0;    // steps per minute (rounded to whole point frames per step)
  double duty_factor = 0.36;     // contact time / stride time; < 0.5 leaves a flight phase

  // Touchdown. Foot strike angle: sagittal heel->toe angle at IC minus standing, + = toes up (Altman &
  // Davis 2012): e.g. +15 rearfoot (lands on the heel pad), -5 forefoot (lands on the forefoot pad),
  // 0 = flat landing.
  double foot_strike_angle_deg = 15.0;
  // Knee flexion (0 = straight): one smooth periodic curve per stride through these values (exact).
  double knee_flexion_ic_deg = 5.0;
  double knee_flexion_velocity_ic_deg_s = 200.0;  // already flexing at IC (minimum just before it)
  double knee_flexion_peak_stance_deg = 40.0;     // the maximum over stance
  double knee_flexion_peak_fraction = 0.42;       // when, as a fraction of stance
  double knee_flexion_toe_off_deg = 20.0;
  double knee_flexion_velocity_to_deg_s = -150.0; // still extending at TO (minimum just after)
  double knee_flexion_swing_peak_deg = 95.0;      // at 50 % of swing

  // Foot roll-over, as fractions of stance, and the foot angle at toe-off (relative to standing, toes down).
  double foot_flat_fraction = 0.20;   // heel (or forefoot) lowered to foot flat
  double heel_off_fraction = 0.55;    // heel rises; the foot then rolls off the toe tip
  double foot_angle_toe_off_deg = -55.0;
  double ankle_dorsiflexion_mid_swing_deg = 5.0;  // ankle angle in early-to-mid swing
  // The contact point's velocity at IC (relative to the ground); heel pad and shoe stop it within 15 ms.
  double touchdown_speed_m_s = 0.3;    // forward
  double touchdown_descent_m_s = 0.5;  // downward
  double hip_flexion_retraction_deg = 10.0;  // peak thigh flexion in late swing above its IC value

  // Vertical ground reaction force, in body weights. impact_peak_bw = 0: no impact transient.
  double impact_peak_bw = 1.6;
  double impact_time_fraction = 0.13;  // time of the impact pulse's own peak, fraction of stance (< 0.25)
  double active_peak_bw = 2.5;         // reached at mid-stance
  // Anterior-posterior (braking, then propulsion; the impulses cancel, so the running speed is constant).
  double braking_peak_bw = 0.35;
  double propulsive_peak_bw = 0.30;
  double mediolateral_peak_bw = 0.05;  // directed medially

  bool treadmill = true;  // true: one type-2 plate under both feet, belt moving at -speed along X;
                          // false: overground, `overground_plates` plates under consecutive stances
  int overground_plates = 3;
  double plate_origin_z_mm = -40.0;  // FORCE_PLATFORM:ORIGIN z (below the surface: negative)

  double point_rate_hz = 200.0;
  double analog_rate_hz = 1000.0;    // a whole multiple of point_rate_hz (C3D)
  double duration_s = 10.0;
  double static_duration_s = 1.0;
  double noise_mm = 0.0;             // Gaussian marker noise (standard deviation per coordinate)
  double force_noise_n = 0.0;        // Gaussian noise on the force channels (Fx Fy Fz, not moments)
  std::uint64_t seed = 1;            // same seed, same noise (mt19937_64 + Box-Muller, not the
                                     // implementation-defined std::normal_distribution)
  bool include_events = false;       // also write the true Foot Strike / Foot Off events into the Trial
};

// The two runners of the built-in demo: both treadmill, 3.3 m/s, 70 kg, 1.75 m, 10 s, noise-free.
// Heel striker: FSA +15 deg, knee 5 deg at IC (extended), peak 40 deg, impact peak 1.6 BW, 166 steps/min.
// Forefoot striker: FSA -5 deg, knee 18 deg at IC, peak 45 deg, no impact peak, 176 steps/min.
[[nodiscard]] RunnerParameters demo_heel_striker();
[[nodiscard]] RunnerParameters demo_forefoot_striker();

// The exact answers for one complete stance inside the trial. Times are seconds from the first point
// frame (IC and TO fall on point frames). Angles in degrees, forces in body weights (BW).
struct SimulatedStep {
  Side side = Side::none;
  double ic_s = 0, to_s = 0;
  std::size_t ic_frame = 0, to_frame = 0;  // 0-based point frame indices
  std::optional<std::size_t> plate;        // index into Trial::force_plates when a plate measured it

  // Foot strike.
  double foot_strike_angle_deg = 0;        // heel->toe marker angle at IC minus standing
  double foot_angle_ic_deg = 0;            // heel->toe marker angle to the floor at IC (not minus standing)
  double foot_angular_velocity_ic_deg_s = 0;  // sagittal, + = toes rotating up (stance side of IC)
  Vec3 cop_ic_mm;                          // COP at IC (lab frame; force onset)
  double strike_index = 0;          // Cavanagh & Lafortune 1980: COP at IC along the foot, posterior heel
                                    // = 0, toe tip = 1 (foot-length normalisation)
  double strike_index_markers = 0;  // the same COP projected on the heel-marker -> toe-marker line in the
                                    // floor plane, heel marker = 0, toe marker = 1

  // Knee (sagittal; the legs move in sagittal planes, so this is also the 3D flexion angle).
  double knee_flexion_ic_deg = 0;
  double knee_flexion_peak_deg = 0;        // maximum over the stance
  double knee_flexion_peak_s = 0;          // time from IC
  double knee_flexion_peak_first_half_deg = 0;  // maximum over the first half of stance (excursion metric)
  double knee_flexion_excursion_deg = 0;   // first-half peak minus IC value
  double knee_flexion_to_deg = 0;
  double shank_angle_ic_deg = 0;           // shank to vertical at IC, + = ankle ahead of knee
  double ankle_ahead_of_hip_ic_m = 0;      // overstride: ankle centre ahead of the hip joint centre at IC
  double heel_ahead_of_pelvis_ic_m = 0;    // heel marker ahead of the pelvis centre (mean of ASIS/PSIS)

  // Timing.
  double contact_time_s = 0;

  // Vertical GRF.
  std::optional<double> impact_peak_bw;    // first local maximum (in the first 25 % of stance); none: nullopt
  std::optional<double> impact_peak_s;     // from IC
  double active_peak_bw = 0;               // maximum vertical GRF in stance
  double active_peak_s = 0;                // from IC
  // Loading rates (Milner 2006): vertical force from 20 % to 80 % of the impact peak; without an impact
  // peak the force at 13 % of stance stands in for it (Blackmore 2016). VALR = 0.6 * peak / (t80 - t20),
  // VILR = maximum slope inside [t20, t80]. Computed on the continuous (unfiltered) force.
  std::string loading_window;              // "impact" or "blackmore13"
  double valr_bw_s = 0, vilr_bw_s = 0;
  double valr_blackmore13_bw_s = 0, vilr_blackmore13_bw_s = 0;  // always the 13 % window

  // Anterior-posterior GRF (+ = progression).
  double braking_peak_bw = 0;              // most negative value
  double braking_impulse_bw_s = 0;         // negative
  double propulsive_impulse_bw_s = 0;      // positive
};

struct SimulatedTruth {
  std::vector<SimulatedStep> steps;        // every complete stance in the trial, sorted by IC
  // Values actually used (after rounding to frames).
  double speed_m_s = 0, cadence_spm = 0, step_time_s = 0, stride_time_s = 0;
  double contact_time_s = 0, flight_time_s = 0, duty_factor = 0;
  double body_weight_n = 0;
  // Anatomy (m).
  double thigh_length_m = 0, shank_length_m = 0, foot_length_m = 0;
  double leg_length_m = 0;                  // hip joint centre to ankle centre, standing
  double standing_foot_angle_deg = 0;       // heel->toe marker angle to the floor in the static trial
  double vertical_oscillation_m = 0;        // peak-to-peak pelvis height while running
  // Hip joint centres of the model, per point frame (lab frame, mm, noise-free); the pelvis markers are
  // placed so that the Harrington et al. 2007 regression returns exactly these.
  std::vector<Vec3> hip_centre_left_mm, hip_centre_right_mm;
};

struct SimulatedTrial {
  Trial trial;          // the run
  Trial static_trial;   // standing still, same markers, no forces
  SimulatedTruth truth;
};

// Throws InputError naming the parameter when parameters are out of range or physically inconsistent
// (e.g. a leg that could not reach the ground at toe-off, an impact peak that would not be a peak).
[[nodiscard]] SimulatedTrial simulate_running(const RunnerParameters& parameters);

}  // namespace touchdown
