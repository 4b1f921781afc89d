#pragma once
// Per-step metrics (one stance = one step): foot strike, knee at touchdown, forces and loading,
// spatiotemporal. Every definition, unit and source is in shared/design/metrics.md; the comment on
// each function names the paper it follows.
//
// Values are stored in the units they are reported in (deg, BW, BW/s, % ...); the unit travels with
// the value in `Measured::unit` and is also the suffix of the metric's name (foot_strike_angle_deg).
// A metric that cannot be computed is absent with a reason, never a zero that looks measured.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

// One number with its unit and the method that made it, or its absence with the reason.
struct Measured {
  std::optional<double> value;
  std::string unit;
  std::string method;          // how it was computed (filter, window, landmarks, ...)
  std::string missing_reason;  // non-empty exactly when `value` is empty

  // A non-finite `value` becomes an absence ("computation gave a non-finite value").
  [[nodiscard]] static Measured of(double value, std::string unit, std::string method);
  [[nodiscard]] static Measured absent(std::string unit, std::string reason, std::string method = {});
  [[nodiscard]] bool has_value() const { return value.has_value(); }
};

enum class StrikePattern { rearfoot, midfoot, forefoot };
[[nodiscard]] std::string_view to_string(StrikePattern pattern);  // "rearfoot", "midfoot", "forefoot"

// A strike-pattern classification, or its absence with the reason.
struct StrikeClass {
  std::optional<StrikePattern> pattern;
  std::string method;  // e.g. "FSA altman_davis_2012: RFS > 8.0 deg, FFS < -1.6 deg"
  std::string missing_reason;
};

// ---------------------------------------------------------------------------------------------
// Options (every threshold is recorded in the session provenance)

// Foot-strike-angle class thresholds: Altman & Davis 2012 (Gait Posture 35:298) RFS > 8.0 deg,
// FFS < -1.6 deg; Mo et al. 2021 (Res Sports Med) RFS > 7.4 deg, FFS < -0.8 deg.
enum class FsaThresholds { altman_davis_2012, mo2021 };
[[nodiscard]] std::string_view to_string(FsaThresholds thresholds);  // "altman_davis_2012", "mo2021"

struct FootStrikeOptions {
  FsaThresholds thresholds = FsaThresholds::altman_davis_2012;
  // The COP of the first loaded samples is noise-dominated (on the RBDS treadmill it jumps by +/-20 cm
  // between 300 Hz samples below ~300 N), so the strike index is the median of the per-sample index over
  // the samples with a defined COP in the first `strike_index_window_fraction` of stance.
  double strike_index_window_fraction = 0.10;
};

struct KneeOptions {
  double extended_knee_threshold_deg = 10.0;  // extended-knee touchdown: flexion at IC below this
};

struct LoadingOptions {
  // Zero-lag Butterworth cut-off for the force signals (metrics.md: 50 Hz for loading rates);
  // nullopt = unfiltered. Every vertical/AP force metric uses the same signal; the method says which.
  std::optional<double> force_cutoff_hz = 50.0;
  double impact_window_fraction = 0.25;  // impact peak searched in the first 25 % of stance (Lieberman 2010)
  // A local maximum is a distinct impact peak only when the force then drops by at least this fraction
  // of the active peak and rises again by as much (a transient, not noise or a shoulder).
  double impact_min_prominence_fraction = 0.02;
  double blackmore_fraction = 0.13;  // VALR reference without impact peak: force at 13 % of stance (Blackmore 2016)
  double gravity_m_s2 = 9.80665;
};

// Overground vs treadmill decides how step length and speed are derived.
enum class Ground { automatic, overground, treadmill };
[[nodiscard]] std::string_view to_string(Ground ground);  // "automatic", "overground", "treadmill"

struct SpatiotemporalOptions {
  Ground ground = Ground::automatic;
  std::optional<double> treadmill_speed_m_s;  // belt speed when known (CLI); treadmill speed is unknown otherwise
  // automatic: overground when the pelvis travels faster than this along progression over the trial.
  double overground_min_speed_m_s = 0.5;
  // A contralateral contact later than this is not the next step (a contact was missed in between).
  double max_step_time_s = 1.0;
};

// Sex selects the de Leva 1996 segment table and the Besier 2005 patellofemoral contact areas; neither
// is in the Trial, so it is an option (the method string says which table was used).
enum class BodySex { male, female };
[[nodiscard]] std::string_view to_string(BodySex sex);  // "male", "female"

// Knee joint loading (joint_load.hpp has the models and algorithms).
struct JointLoadOptions {
  // Low-pass cut-off for the ground reaction in inverse dynamics. It must equal the markers' cut-off
  // (Kristianslund et al. 2012), so by default (nullopt) it is the Body's marker cut-off
  // (SessionInputs::marker_cutoff_hz), or 12 Hz when that is unknown. 0 = unfiltered.
  std::optional<double> cutoff_hz;
  BodySex sex = BodySex::male;
  // A stance whose knee moment is missing on more than this fraction of its frames gets no joint-load
  // metrics (a peak could hide in the gap).
  double max_missing_fraction = 0.2;
  double gravity_m_s2 = 9.80665;
};

struct MetricsOptions {
  std::optional<double> body_mass_kg;  // CLI --mass, else the trial's subject; BW metrics absent without it
  std::string body_mass_source;        // "--mass", "trial subject", ... (provenance)
  // Without a body mass: estimate it as the mean vertical GRF over whole strides on one plate (a treadmill)
  // divided by g (estimate_body_mass_from_grf, joint_load.hpp); the source then says "estimated ...".
  bool estimate_body_mass_from_grf = true;
  FootStrikeOptions foot_strike;
  KneeOptions knee;
  LoadingOptions loading;
  SpatiotemporalOptions spatiotemporal;
  JointLoadOptions joint_load;
};

// ---------------------------------------------------------------------------------------------
// Per-step results, grouped by concept

struct FootStrikeMetrics {
  Measured foot_strike_angle_deg;        // FSA, + = toes up (heel first)
  StrikeClass strike_pattern;            // by FSA
  Measured strike_index_pct;             // COP at IC along heel->toe, heel = 0, toe = 100
  StrikeClass strike_pattern_si;         // by strike index
  Measured foot_angular_velocity_deg_s;  // sagittal, + = toes rising
};

struct KneeMetrics {
  Measured knee_flexion_ic_deg;         // 0 = straight, + = flexed
  Measured knee_flexion_excursion_deg;  // peak flexion in first half of stance minus flexion at IC
  std::optional<bool> extended_knee;    // knee_flexion_ic_deg < threshold; empty when flexion is absent
  Measured shank_angle_ic_deg;          // to vertical, + = ankle ahead of knee
  Measured overstride_m;                // pelvis (or hip) centre -> heel along progression, + = heel ahead
  Measured overstride_pct_leg;          // overstride in % of leg length
};

struct LoadingMetrics {
  Measured impact_peak_bw;
  Measured active_peak_bw;
  Measured valr_bw_s;
  Measured vilr_bw_s;
  Measured braking_peak_bw;          // most negative AP force (<= 0)
  Measured braking_impulse_bws;      // integral of the negative AP part (<= 0)
  Measured propulsive_impulse_bws;   // integral of the positive AP part (>= 0)
  Measured leg_stiffness_kn_m;
};

struct SpatiotemporalMetrics {
  Measured contact_time_s;   // TO - IC
  Measured flight_time_s;    // next contralateral IC - TO
  Measured step_time_s;      // next contralateral IC - IC
  Measured duty_factor_pct;  // contact time / stride time (next same-side IC - IC) * 100
  Measured step_length_m;    // along progression, this IC -> next contralateral IC
  Measured speed_m_s;        // step length / step time
};

// Knee loading in stance from inverse dynamics (joint_load.hpp). Peaks over stance; BW = body weight.
struct JointLoadMetrics {
  Measured knee_extensor_moment_peak_nm_kg;  // net internal knee moment, + = extensor
  Measured quadriceps_force_peak_bw;
  Measured pf_force_peak_bw;                 // patellofemoral joint reaction force
  Measured pf_stress_peak_mpa;               // PF joint reaction force / contact area
  Measured tf_compression_peak_bw;           // tibiofemoral compression estimate
  Measured knee_negative_work_j_kg;          // integral of negative knee power, IC -> peak flexion (<= 0)
};

struct StepMetrics {
  Side side = Side::none;
  double ic_s = 0, to_s = 0;
  std::optional<std::size_t> plate;
  std::string event_method;
  SpatiotemporalMetrics timing;
  FootStrikeMetrics foot_strike;
  KneeMetrics knee;
  LoadingMetrics loading;
  JointLoadMetrics joint_load;
};

// How a left-right symmetry index is formed for a metric.
enum class SymmetryKind {
  ratio,       // 100 * (R - L) / (0.5 * (R + L)), in %
  difference,  // R - L, in the metric's unit (angles and quantities that change sign or sit near zero)
};

// The numeric per-step metrics in report order: the name is the JSON key and CSV column (unit suffix).
struct MetricField {
  std::string_view name;
  std::string_view unit;
  SymmetryKind symmetry;
  const Measured& (*get)(const StepMetrics&);
};
[[nodiscard]] std::span<const MetricField> step_metric_fields();

// ---------------------------------------------------------------------------------------------
// Geometry helpers (exposed for tests and for other modules)

[[nodiscard]] Vec3 unit_vector(Axis axis);
// Linear interpolation of a trajectory at time t (t = 0 at frame 0); NaN when a neighbour is missing
// or t lies outside the recording.
[[nodiscard]] Vec3 sample_at(const Trajectory& trajectory, double rate_hz, double t_s);
[[nodiscard]] bool is_finite(const Vec3& v);

// Sagittal angle of heel -> toe against the floor, + = toe above heel, in deg.
[[nodiscard]] double sagittal_foot_angle_deg(const Vec3& heel, const Vec3& toe, Axis up, Axis progression);

// Grood & Suntay 1983 knee flexion (deg, + = flexed). Thigh frame: long axis knee centre -> hip
// centre, medio-lateral axis through the femoral epicondyles; shank frame: long axis ankle centre ->
// knee centre, medio-lateral through the malleoli (centres are epicondyle/malleolus midpoints).
// Flexion is the rotation about the femoral medio-lateral axis of the floating axis (e3 x e1).
[[nodiscard]] double knee_flexion_grood_suntay_deg(const Vec3& hip_centre, const Vec3& knee_lateral,
                                                   const Vec3& knee_medial, const Vec3& ankle_lateral,
                                                   const Vec3& ankle_medial, Side side);
// Sagittal-plane projection (plane of up and progression): signed angle between thigh (knee -> hip)
// and shank (ankle -> knee), + = flexed (ankle behind the thigh line).
[[nodiscard]] double knee_flexion_sagittal_deg(const Vec3& hip, const Vec3& knee, const Vec3& ankle, Axis up,
                                               Axis progression);

// ---------------------------------------------------------------------------------------------
// Foot strike (foot_strike.cpp)

[[nodiscard]] StrikeClass classify_by_foot_strike_angle(const Measured& fsa_deg, FsaThresholds thresholds);
// Cavanagh & Lafortune 1980 thirds as tabulated in metrics.md (RFS 0-33, MFS 34-67, FFS 68-100 %),
// applied to the index rounded to whole percent: RFS below 33.5, FFS from 67.5; below 0 is RFS and
// above 100 is FFS (the COP lies beyond the heel/toe markers).
[[nodiscard]] StrikeClass classify_by_strike_index(const Measured& strike_index_pct);

// The strike pattern a step is reported with (`strike_pattern`): by strike index when a force plate gives
// one, because the centre of pressure at contact is the direct measure of where the foot first loads
// (Cavanagh & Lafortune 1980) and the foot strike angle is its kinematic proxy for labs without plates;
// by foot strike angle otherwise. Both classifications are always reported as well.
[[nodiscard]] const StrikeClass& headline_strike_pattern(const FootStrikeMetrics& metrics);
[[nodiscard]] std::string_view headline_strike_basis(const FootStrikeMetrics& metrics);  // "strike index" / "foot strike angle"

// Foot strike angle (Altman & Davis 2012), strike index (Cavanagh & Lafortune 1980, COP projected on the
// heel->toe axis in the horizontal plane, median over the start of stance), foot angular velocity at IC (central difference of the
// heel->toe angle over +/- one frame). `plate` is the stance's plate series (nullptr without forces).
[[nodiscard]] FootStrikeMetrics compute_foot_strike(const Body& body, const Stance& stance, const PlateSeries* plate,
                                                    const FootStrikeOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Knee at touchdown (knee.cpp)

// 3D Grood & Suntay when hip centre, both epicondyles and both malleoli exist at IC, else the sagittal
// projection of hip, knee and ankle centres; the method string says which. Excursion uses the same
// method on every body frame in the first half of stance.
[[nodiscard]] KneeMetrics compute_knee(const Body& body, const Stance& stance, const KneeOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Forces and loading (loading.cpp)

// One plate's forces projected on the body's axes, filtered once for the whole recording.
struct ForceSignals {
  double rate_hz = 0;
  std::vector<double> vertical_n;  // reaction on the foot along `up`
  std::vector<double> anterior_n;  // along progression (+ = propulsive, - = braking)
  std::vector<Vec3> cop_m;         // NaN where unloaded
  std::string filter;              // "zero-lag Butterworth 50 Hz" or "unfiltered"
};
[[nodiscard]] ForceSignals prepare_force_signals(const PlateSeries& plate, Axis up, Axis progression,
                                                 std::optional<double> cutoff_hz);

// Impact peak (Lieberman 2010), active peak, VALR and VILR (Milner 2006; Blackmore 2016 window when
// there is no impact peak), braking peak and braking/propulsive impulse (Heiderscheit 2011). Peaks are
// refined by a parabola through the three samples around the maximum. Without body mass every BW
// metric is absent ("body mass unknown"). Leg stiffness is left absent here; see compute_leg_stiffness.
[[nodiscard]] LoadingMetrics compute_loading(const ForceSignals& forces, const Stance& stance,
                                             std::optional<double> body_mass_kg, const LoadingOptions& options = {});

// Leg stiffness, kN/m. Measured when forces, COP and the hip centre exist: peak vertical force /
// (L(IC) - min L), L = |hip centre - COP| over stance. Otherwise Morin et al. 2005 sine-wave model:
// Fmax = m g pi/2 (tf/tc + 1), dy = Fmax tc^2/(m pi^2) - g tc^2/8 (centre-of-mass drop),
// dL = L - sqrt(L^2 - (v tc/2)^2) + dy,
// k = Fmax / dL (needs mass, contact and flight time, leg length and speed).
[[nodiscard]] Measured compute_leg_stiffness(const Body& body, const ForceSignals* forces, const Stance& stance,
                                             const SpatiotemporalMetrics& timing,
                                             std::optional<double> speed_m_s, std::optional<double> body_mass_kg,
                                             const LoadingOptions& options = {});
// Morin 2005 model alone, kN/m (exposed for tests).
[[nodiscard]] double leg_stiffness_morin2005_kn_m(double mass_kg, double contact_s, double flight_s,
                                                  double leg_length_m, double speed_m_s, double gravity_m_s2);

// ---------------------------------------------------------------------------------------------
// Spatiotemporal (spatiotemporal.cpp)

struct GroundInfo {
  Ground ground = Ground::automatic;  // overground / treadmill; automatic = could not tell
  std::optional<double> treadmill_speed_m_s;
  std::string method;  // how it was decided
};
// Resolves Ground::automatic from the pelvis centre's mean speed along progression.
[[nodiscard]] GroundInfo detect_ground(const Body& body, const SpatiotemporalOptions& options = {});

// Timing of stance `index` in `stances` (sorted by ic_s). Step length: overground, heel position along
// progression at the next contralateral IC minus at this IC; treadmill, belt speed x step time plus the
// same heel displacement. `body` may be null (times only).
[[nodiscard]] SpatiotemporalMetrics compute_spatiotemporal(std::span<const Stance> stances, std::size_t index,
                                                           const Body* body, const GroundInfo& ground,
                                                           const SpatiotemporalOptions& options = {});

}  // namespace touchdown
