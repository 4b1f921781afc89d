#pragma once
// Knee joint loading in stance (metrics.md, "Joint loading"): Newton-Euler inverse dynamics of foot and
// shank, quadriceps force, patellofemoral (PF) joint reaction force and stress, tibiofemoral (TF)
// compression, knee power and negative work; the body-mass estimate from the ground reaction.
//
// Style (Pinocchio): models are plain values (SegmentParameters, KneeLoadModel); algorithms are free
// functions that fill a caller-owned workspace (KneeLoadData) which grows to the longest stance once
// and is reused, so a whole session allocates nothing per sample.
//
// Sources
// - Segment inertia: de Leva P. 1996, Adjustments to Zatsiorsky-Seluyanov's segment inertia parameters,
//   J Biomech 29:1223 (Table 4).
// - Inverse dynamics: Newton-Euler equations of the foot + shank chain, bottom-up from the measured ground
//   reaction (Winter DA, Biomechanics and Motor Control of Human Movement, ch. 5), in 3D with the Euler
//   equations I alpha + omega x I omega for each segment.
// - Same low-pass cut-off for forces and markers: Kristianslund E, Krosshaug T, van den Bogert AJ 2012,
//   J Biomech 45:666 (different cut-offs create artefactual knee moment peaks at impact).
// - Quadriceps force = knee extensor moment / effective quadriceps moment arm d(theta), with the cubic
//   fit of van Eijden et al. 1986 (J Biomech 19:219) used in running PF-stress studies:
//   d = 8.0e-8 th^3 - 1.3e-5 th^2 + 2.8e-4 th + 0.046 m, th = knee flexion in degrees.
// - PF joint reaction force = k(theta) Fq with k = 2 sin(beta/2), beta the angle between quadriceps and
//   patellar tendon, as fitted to van Eijden 1986 by Brechter & Powers 2002 (Med Sci Sports Exerc
//   34:1582): k = (0.462 + 1.47e-3 th - 3.84e-5 th^2) / (1 - 1.62e-2 th + 1.55e-4 th^2 - 6.98e-7 th^3).
//   The model chain (moment -> Fq -> PFJRF -> stress) is that of Ho et al. 2012 (Gait Posture 36:271) and
//   Kulmala et al. 2013 (Med Sci Sports Exerc 45:2306).
// - PF contact area vs knee angle: Besier et al. 2005 (J Orthop Res 23:345) MRI means at 0, 30, 60 deg
//   (male 210, 414, 520 mm^2; female 210, 269, 396 mm^2, unloaded), the quadratic through them, times
//   1.24 for weight-bearing (their mean increase under load); held constant outside 0-60 deg.
// - TF compression: the knee joint reaction force along the tibia plus the quadriceps force, taken along
//   the tibia through the patellar tendon (an upper-bound estimate: no tendon angle, no co-contraction;
//   DeVita & Hortobagyi 2001, J Biomech 34:1123, add hamstrings and gastrocnemius).
// - Cumulative load per km: per-step peak x steps per km (Willson et al. 2014, Clin Biomech 29:243).
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"
#include "touchdown/metrics.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

// ---------------------------------------------------------------------------------------------
// Segment inertia (segment_inertia.cpp)

enum class Segment { thigh, shank, foot };

// de Leva 1996 Table 4, as fractions of body mass and of segment length. Endpoints: thigh hip -> knee
// joint centre, shank knee joint centre -> lateral malleolus (the ankle centre is used), foot heel -> toe
// tip (the toe landmark is used, which may be a metatarsal head). De Leva's "sagittal" and "transverse"
// radii are assigned to the antero-posterior and medio-lateral axes respectively; they differ by < 5 %,
// which moves a running knee moment by well under 0.1 N*m.
struct SegmentParameters {
  double mass_fraction = 0;
  double com_fraction = 0;  // centre of mass from the proximal endpoint (foot: heel)
  double gyration_long = 0;  // radius of gyration / length about the long axis
  double gyration_ml = 0;    // about the medio-lateral (flexion) axis
  double gyration_ap = 0;    // about the antero-posterior axis
};
[[nodiscard]] SegmentParameters de_leva_1996(Segment segment, BodySex sex);

// Mass, centre-of-mass fraction and central principal moments of inertia (kg m^2).
struct SegmentInertia {
  double mass_kg = 0;
  double com_fraction = 0;
  double i_long = 0, i_ml = 0, i_ap = 0;
};
[[nodiscard]] SegmentInertia segment_inertia(const SegmentParameters& parameters, double body_mass_kg, double length_m);

// ---------------------------------------------------------------------------------------------
// Newton-Euler core (inverse_dynamics.cpp)

// One rigid segment at one instant, lab frame. The axes are its principal axes (unit, orthogonal).
struct SegmentState {
  Vec3 com;                   // m
  Vec3 com_acceleration;      // m/s^2
  Vec3 angular_velocity;      // rad/s
  Vec3 angular_acceleration;  // rad/s^2
  Vec3 axis_long, axis_ml, axis_ap;
};

// A force and a moment; `moment` is about the point the producer names.
struct Wrench {
  Vec3 force;
  Vec3 moment;
};

// Force and moment that the proximal segment exerts on a chain of segments at the point `joint`, given
// the external ground reaction on the chain (force, and moment about the lab origin) and gravity (vector,
// e.g. -9.81 * up). Newton-Euler for the chain: F = sum m (a - g) - F_ground;
// M_joint = sum [I alpha + omega x I omega + m (c - joint) x (a - g)] - (M_ground,origin - joint x F_ground).
[[nodiscard]] Wrench proximal_joint_wrench(std::span<const SegmentState> segments,
                                           std::span<const SegmentInertia> inertia, const Vec3& joint,
                                           const Wrench& ground_about_origin, const Vec3& gravity);

// Angular velocity and acceleration of a frame from its axes at three consecutive samples (time step
// h), by central differences: omega = 1/2 sum e_k x de_k/dt, alpha = 1/2 sum e_k x d2e_k/dt2 (exact
// identities for orthonormal frames; the differences make them second-order accurate).
struct AngularRates {
  Vec3 velocity, acceleration;
};
[[nodiscard]] AngularRates angular_rates(const std::array<Vec3, 3>& before, const std::array<Vec3, 3>& now,
                                         const std::array<Vec3, 3>& after, double h);

// The ground reaction of one plate as a wrench on the foot: force, and moment about the lab origin
// (COP x F + free moment about up). Samples where the COP is undefined (plate unloaded) are zero before
// filtering, so no undefined COP reaches a knee moment; force and moment are then low-pass filtered at
// the inverse-dynamics cut-off (zero-lag Butterworth, signal.hpp).
struct GroundWrenchSignals {
  double rate_hz = 0;
  std::vector<Vec3> force_n;
  std::vector<Vec3> moment_origin_nm;
  std::string filter;  // "zero-lag Butterworth low-pass 12 Hz", "unfiltered"
};
[[nodiscard]] GroundWrenchSignals prepare_ground_wrench(const PlateSeries& plate, Axis up,
                                                        std::optional<double> cutoff_hz);

// ---------------------------------------------------------------------------------------------
// Patellofemoral and tibiofemoral models (patellofemoral.cpp, tibiofemoral.cpp). Angles in degrees of
// knee flexion; each model clamps to the range its source covers (moment arm and k: 0-90 deg).

[[nodiscard]] double quadriceps_moment_arm_m(double knee_flexion_deg);     // van Eijden 1986 cubic
[[nodiscard]] double pf_force_ratio(double knee_flexion_deg);              // k = PFJRF / Fq (Brechter & Powers 2002)
[[nodiscard]] double pf_contact_area_mm2(double knee_flexion_deg, BodySex sex);  // Besier 2005, weight-bearing

// Quadriceps force, PF joint reaction force and stress at one instant. A flexor (negative) moment gives
// no quadriceps force (the model has no antagonists).
struct PatellofemoralLoad {
  double quadriceps_n = 0, pf_force_n = 0, pf_stress_mpa = 0;
};
[[nodiscard]] PatellofemoralLoad patellofemoral_load(double extensor_moment_nm, double knee_flexion_deg, BodySex sex);

// TF compression (N): the knee joint reaction force on the shank pushing it distally along the tibial
// axis (`tibia_up`: unit, ankle -> knee), plus the quadriceps force along the tibia.
[[nodiscard]] double tibiofemoral_compression_n(const Vec3& knee_force_on_shank_n, const Vec3& tibia_up,
                                                double quadriceps_n);

// ---------------------------------------------------------------------------------------------
// Knee load over one stance (inverse_dynamics.cpp, joint_load.cpp)

// The fixed inputs of one trial.
struct KneeLoadModel {
  double body_mass_kg = 0;
  BodySex sex = BodySex::male;
  double gravity_m_s2 = 9.80665;
};

enum class KneeLoadMethod { none, three_d, sagittal };

// Workspace and result for one stance: one entry per body frame from `first_frame` (the first frame at
// or after IC) to the last frame at or before TO. NaN where a landmark or the ground reaction is
// missing. Reused across stances (capacity only grows).
struct KneeLoadData {
  KneeLoadMethod method = KneeLoadMethod::none;
  std::size_t first_frame = 0;
  double rate_hz = 0;
  std::vector<double> extensor_moment_nm;  // net internal knee moment on the shank, + = extensor
  std::vector<Vec3> moment_nm;   // the same as a lab vector (3D method; sagittal: its flexion component only)
  std::vector<Vec3> force_n;     // knee joint reaction force on the shank (from the thigh)
  std::vector<Vec3> tibia_up;    // unit shank axis, ankle -> knee
  std::vector<double> flexion_deg;       // knee flexion (Grood & Suntay or sagittal); NaN without hip centre
  std::vector<double> power_w;           // sagittal knee power: extensor moment x knee extension velocity
  std::vector<double> quadriceps_n, pf_force_n, pf_stress_mpa, tf_compression_n;
  std::string missing_reason;  // set when method == none
  // Scratch: per-frame landmark geometry, one frame of margin on both sides.
  std::vector<std::array<Vec3, 3>> shank_axes, foot_axes;
  std::vector<Vec3> shank_com, foot_com, knee, extension_axis;
  std::vector<double> shank_length, foot_length, flexion_margin;

  [[nodiscard]] std::size_t size() const { return extensor_moment_nm.size(); }
};

// Inverse dynamics, quadriceps/PF/TF load and power over one stance of `stance.side`. 3D when both
// epicondyles and both malleoli exist at IC (principal axes from the malleoli; extensor moment about the
// femoral medio-lateral axis, else the tibial one), else sagittal (every segment projected on the plane
// of up and progression; knee and ankle centres or their lateral markers). Needs heel and toe for the
// foot. `ground` is the stance's plate; its wrench is used only between IC and TO.
void compute_knee_load(const Body& body, const Stance& stance, const GroundWrenchSignals& ground,
                       const KneeLoadModel& model, KneeLoadData& data);

// Per-step metrics from a filled KneeLoadData (peaks over stance, negative work from IC to peak flexion).
[[nodiscard]] JointLoadMetrics summarize_knee_load(const KneeLoadData& data, const KneeLoadModel& model,
                                                   const JointLoadOptions& options, const std::string& filter);

// compute_knee_load + summarize_knee_load; every metric absent with the reason when there is no body
// mass, no plate or no usable landmarks.
[[nodiscard]] JointLoadMetrics compute_joint_load(const Body& body, const Stance& stance,
                                                  const GroundWrenchSignals* ground,
                                                  std::optional<double> body_mass_kg,
                                                  const JointLoadOptions& options, KneeLoadData& data);

// Every joint-load metric absent with `reason`.
[[nodiscard]] JointLoadMetrics joint_load_absent(const std::string& reason);

// ---------------------------------------------------------------------------------------------
// Body mass from the ground reaction (body_mass_estimate.cpp)

// Over whole strides the body neither rises nor falls, so the mean vertical GRF equals body weight.
// Uses the plate carrying the most stances, from the first IC of one foot to its last IC on that plate,
// when every contact in between lies on the same plate (a treadmill); mass = mean vertical force / g.
struct MassEstimate {
  std::optional<double> mass_kg;
  std::string method;          // "estimated from mean vertical GRF over whole strides (12 strides, plate 0)"
  std::string missing_reason;  // why not (overground, too few strides, ...)
};
[[nodiscard]] MassEstimate estimate_body_mass_from_grf(std::span<const PlateSeries> plates,
                                                       std::span<const Stance> stances, Axis up,
                                                       double gravity_m_s2 = 9.80665);

// Steps per km from cadence (steps/min) and speed (m/s), for cumulative load per km.
[[nodiscard]] double steps_per_km(double cadence_spm, double speed_m_s);

}  // namespace touchdown
