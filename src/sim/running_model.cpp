#include "sim/running_model.hpp"

#include <cmath>
#include <string>

#include "touchdown/error.hpp"

namespace touchdown::sim {
namespace {

constexpr std::size_t kMaxFrames = 1'000'000;            // 1 h at 277 Hz
constexpr double kMaxAnalogValues = 50'000'000;          // 200 MB of float samples

void require(bool ok, const RunnerParameters& p, const std::string& problem) {
  if (!ok) throw InputError("runner parameters (" + p.name + ")", problem);
}

void require_range(double value, double lo, double hi, const char* name, const RunnerParameters& p) {
  require(std::isfinite(value) && value >= lo && value <= hi, p,
          std::string(name) + " = " + std::to_string(value) + " is outside [" + std::to_string(lo) + ", " +
              std::to_string(hi) + "]");
}

}  // namespace

void validate(const RunnerParameters& p) {
  require_range(p.mass_kg, 20, 300, "mass_kg", p);
  require_range(p.height_m, 1.0, 2.5, "height_m", p);
  require_range(p.speed_m_s, 1.5, 12, "speed_m_s", p);
  require_range(p.cadence_spm, 120, 240, "cadence_spm", p);
  require_range(p.duty_factor, 0.15, 0.49, "duty_factor (running needs a flight phase: < 0.5)", p);
  require_range(p.foot_strike_angle_deg, -30, 40, "foot_strike_angle_deg", p);
  require_range(p.knee_flexion_ic_deg, 0, 60, "knee_flexion_ic_deg", p);
  require_range(p.knee_flexion_peak_stance_deg, p.knee_flexion_ic_deg + 1, 90,
                "knee_flexion_peak_stance_deg (at least 1 deg above the IC flexion)", p);
  require_range(p.touchdown_speed_m_s, -3, 3, "touchdown_speed_m_s", p);
  require_range(p.touchdown_descent_m_s, 0, 3, "touchdown_descent_m_s", p);
  require_range(p.hip_flexion_retraction_deg, 0, 30, "hip_flexion_retraction_deg", p);
  require_range(p.foot_flat_fraction, 0.02, 0.6, "foot_flat_fraction", p);
  require_range(p.heel_off_fraction, p.foot_flat_fraction + 0.05, 0.9,
                "heel_off_fraction (after foot flat)", p);
  require_range(p.foot_angle_toe_off_deg, -85, -5, "foot_angle_toe_off_deg", p);
  require_range(p.knee_flexion_velocity_ic_deg_s, -500, 1500, "knee_flexion_velocity_ic_deg_s", p);
  require_range(p.knee_flexion_velocity_to_deg_s, -500, 1500, "knee_flexion_velocity_to_deg_s", p);
  require_range(p.knee_flexion_peak_fraction, 0.2, 0.7, "knee_flexion_peak_fraction", p);
  require_range(p.knee_flexion_toe_off_deg, 0, p.knee_flexion_peak_stance_deg - 1,
                "knee_flexion_toe_off_deg (below the stance peak)", p);
  require_range(p.knee_flexion_swing_peak_deg, p.knee_flexion_peak_stance_deg, 150,
                "knee_flexion_swing_peak_deg (at least the stance peak)", p);
  require_range(p.ankle_dorsiflexion_mid_swing_deg, -30, 30, "ankle_dorsiflexion_mid_swing_deg", p);
  require_range(p.impact_peak_bw, 0, p.active_peak_bw, "impact_peak_bw (below the active peak; 0 = none)", p);
  require_range(p.impact_time_fraction, 0.03, 0.2, "impact_time_fraction", p);
  require_range(p.active_peak_bw, 1.2, 6, "active_peak_bw", p);
  require_range(p.braking_peak_bw, 0, 2, "braking_peak_bw", p);
  require_range(p.propulsive_peak_bw, 0, 2, "propulsive_peak_bw", p);
  require((p.braking_peak_bw > 0) == (p.propulsive_peak_bw > 0), p,
          "braking_peak_bw and propulsive_peak_bw must both be zero or both positive (their impulses cancel)");
  require_range(p.mediolateral_peak_bw, 0, 1, "mediolateral_peak_bw", p);
  require(p.treadmill || (p.overground_plates >= 1 && p.overground_plates <= 20), p,
          "overground_plates must be between 1 and 20");
  require_range(p.plate_origin_z_mm, -200, 0, "plate_origin_z_mm", p);
  require_range(p.point_rate_hz, 10, 10000, "point_rate_hz", p);
  require_range(p.analog_rate_hz, p.point_rate_hz, 100000, "analog_rate_hz", p);
  const double ratio = p.analog_rate_hz / p.point_rate_hz;
  require(std::abs(ratio - std::round(ratio)) < 1e-9, p,
          "analog_rate_hz must be a whole multiple of point_rate_hz (C3D stores analog samples per frame)");
  require_range(p.duration_s, 0.1, 3600, "duration_s", p);
  require_range(p.static_duration_s, 0.1, 600, "static_duration_s", p);
  require_range(p.noise_mm, 0, 100, "noise_mm", p);
  require_range(p.force_noise_n, 0, 1000, "force_noise_n", p);
  const double frames = std::round(std::max(p.duration_s, p.static_duration_s) * p.point_rate_hz);
  require(frames <= static_cast<double>(kMaxFrames), p,
          "duration_s x point_rate_hz exceeds " + std::to_string(kMaxFrames) + " frames");
  const double channels = p.treadmill ? 6.0 : 6.0 * p.overground_plates;
  require(frames * std::round(ratio) * channels <= kMaxAnalogValues, p,
          "duration_s x analog_rate_hz x channels exceeds " + std::to_string(kMaxAnalogValues) + " samples");
}

RunningModel::RunningModel(const RunnerParameters& parameters) : parameters_(parameters) {
  validate(parameters);
  body_ = anthropometry_for_height(parameters.height_m);

  // Whole frames per step and per contact, so that every event falls on a frame.
  const double rate = parameters.point_rate_hz;
  timing_.point_rate_hz = rate;
  timing_.step_frames = static_cast<std::size_t>(std::lround(60.0 * rate / parameters.cadence_spm));
  timing_.contact_frames =
      static_cast<std::size_t>(std::lround(parameters.duty_factor * 2.0 * static_cast<double>(timing_.step_frames)));
  if (timing_.contact_frames < 2 || timing_.contact_frames >= timing_.step_frames)
    throw InputError("runner parameters (" + parameters.name + ")",
                     "point_rate_hz is too low to resolve the contact and flight phases");
  const std::size_t flight_frames = timing_.step_frames - timing_.contact_frames;
  timing_.step_s = static_cast<double>(timing_.step_frames) / rate;
  timing_.stride_s = 2.0 * timing_.step_s;
  timing_.contact_s = static_cast<double>(timing_.contact_frames) / rate;
  timing_.swing_s = timing_.stride_s - timing_.contact_s;
  timing_.flight_s = static_cast<double>(flight_frames) / rate;
  timing_.first_right_ic_s = static_cast<double>((flight_frames + 1) / 2) / rate;

  GroundReactionTargets targets;
  targets.contact_time_s = timing_.contact_s;
  targets.step_time_s = timing_.step_s;
  targets.impact_peak_bw = parameters.impact_peak_bw;
  targets.impact_time_fraction = parameters.impact_time_fraction;
  targets.active_peak_bw = parameters.active_peak_bw;
  targets.braking_peak_bw = parameters.braking_peak_bw;
  targets.propulsive_peak_bw = parameters.propulsive_peak_bw;
  targets.mediolateral_peak_bw = parameters.mediolateral_peak_bw;
  grf_ = GroundReaction::solve(targets);
  com_ = CentreOfMassPath(grf_, timing_.step_s, kGravity);

  frames_ = static_cast<std::size_t>(std::lround(parameters.duration_s * rate));
  // Overground, the middle of the trial passes the lab origin.
  x_at_first_ic_ = parameters.treadmill
                       ? 0.0
                       : -parameters.speed_m_s * (0.5 * parameters.duration_s - timing_.first_right_ic_s);
  gait_.emplace(parameters, body_, timing_, com_, x_at_first_ic_);
}

double RunningModel::lab_x(double ground_x, double t) const {
  if (!parameters_.treadmill) return ground_x;
  return ground_x - parameters_.speed_m_s * (t - timing_.first_right_ic_s) - x_at_first_ic_;
}

double RunningModel::leg_y(Side side) const {
  return side == Side::left ? body_.hip_half_width_m : -body_.hip_half_width_m;
}

std::optional<FootContact> RunningModel::contact(Side side, double t) const {
  // Cheap phase test first: most calls fall in swing.
  double since_ic = std::fmod(t - timing_.first_ic_s(side), timing_.stride_s);
  if (since_ic < 0) since_ic += timing_.stride_s;
  if (since_ic > timing_.contact_s + 1e-9 && since_ic < timing_.stride_s - 2e-9) return std::nullopt;
  const LegPose pose = gait_->leg(side, t);
  if (!pose.stance) return std::nullopt;
  FootContact c;
  c.tau = pose.tau;
  c.ic_s = pose.ic_s;
  const double bw = body_weight_n();
  const double medial = side == Side::left ? -1.0 : 1.0;  // the left foot is at +Y: medial is -Y
  c.force_n = {bw * grf_.anteroposterior_bw(pose.tau), medial * bw * grf_.mediolateral_bw(pose.tau),
               bw * grf_.vertical_bw(pose.tau)};
  const P2 cop = pose.foot.point(pose.cop_foot);
  c.cop_m = {lab_x(cop.x, t), leg_y(side), 0.0};
  return c;
}

}  // namespace touchdown::sim
