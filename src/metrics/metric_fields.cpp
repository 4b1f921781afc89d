#include <array>

#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {
constexpr SymmetryKind kRatio = SymmetryKind::ratio;
constexpr SymmetryKind kDifference = SymmetryKind::difference;

// Angles, and quantities that change sign or sit near zero (strike index of a rearfoot striker,
// overstride), get a difference: a ratio of two numbers near zero says nothing.
const std::array kFields{
    MetricField{"contact_time_s", "s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.contact_time_s; }},
    MetricField{"flight_time_s", "s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.flight_time_s; }},
    MetricField{"step_time_s", "s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.step_time_s; }},
    MetricField{"duty_factor_pct", "%", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.duty_factor_pct; }},
    MetricField{"step_length_m", "m", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.step_length_m; }},
    MetricField{"speed_m_s", "m/s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.timing.speed_m_s; }},
    MetricField{"foot_strike_angle_deg", "deg", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.foot_strike.foot_strike_angle_deg; }},
    MetricField{"strike_index_pct", "% foot length", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.foot_strike.strike_index_pct; }},
    MetricField{"foot_angular_velocity_deg_s", "deg/s", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.foot_strike.foot_angular_velocity_deg_s; }},
    MetricField{"knee_flexion_ic_deg", "deg", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.knee.knee_flexion_ic_deg; }},
    MetricField{"knee_flexion_excursion_deg", "deg", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.knee.knee_flexion_excursion_deg; }},
    MetricField{"shank_angle_ic_deg", "deg", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.knee.shank_angle_ic_deg; }},
    MetricField{"overstride_m", "m", kDifference, [](const StepMetrics& m) -> const Measured& { return m.knee.overstride_m; }},
    MetricField{"overstride_pct_leg", "% leg length", kDifference,
                [](const StepMetrics& m) -> const Measured& { return m.knee.overstride_pct_leg; }},
    MetricField{"impact_peak_bw", "BW", kRatio, [](const StepMetrics& m) -> const Measured& { return m.loading.impact_peak_bw; }},
    MetricField{"active_peak_bw", "BW", kRatio, [](const StepMetrics& m) -> const Measured& { return m.loading.active_peak_bw; }},
    MetricField{"valr_bw_s", "BW/s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.loading.valr_bw_s; }},
    MetricField{"vilr_bw_s", "BW/s", kRatio, [](const StepMetrics& m) -> const Measured& { return m.loading.vilr_bw_s; }},
    MetricField{"braking_peak_bw", "BW", kRatio, [](const StepMetrics& m) -> const Measured& { return m.loading.braking_peak_bw; }},
    MetricField{"braking_impulse_bws", "BW*s", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.loading.braking_impulse_bws; }},
    MetricField{"propulsive_impulse_bws", "BW*s", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.loading.propulsive_impulse_bws; }},
    MetricField{"leg_stiffness_kn_m", "kN/m", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.loading.leg_stiffness_kn_m; }},
    MetricField{"knee_extensor_moment_peak_nm_kg", "N*m/kg", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.knee_extensor_moment_peak_nm_kg; }},
    MetricField{"quadriceps_force_peak_bw", "BW", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.quadriceps_force_peak_bw; }},
    MetricField{"pf_force_peak_bw", "BW", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.pf_force_peak_bw; }},
    MetricField{"pf_stress_peak_mpa", "MPa", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.pf_stress_peak_mpa; }},
    MetricField{"tf_compression_peak_bw", "BW", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.tf_compression_peak_bw; }},
    MetricField{"knee_negative_work_j_kg", "J/kg", kRatio,
                [](const StepMetrics& m) -> const Measured& { return m.joint_load.knee_negative_work_j_kg; }},
};
}  // namespace

std::span<const MetricField> step_metric_fields() { return kFields; }

}  // namespace touchdown
