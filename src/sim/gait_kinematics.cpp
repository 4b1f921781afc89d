#include "sim/gait_kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>

#include "touchdown/error.hpp"

namespace touchdown::sim {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kSource = "runner parameters";
// Time for the heel pad and shoe to stop the contact point after IC (impact decelerations of ~5 g).
constexpr double kSettleS = 0.015;
constexpr double kAnkleRateAtToeOffDegS = -300.0;
constexpr double kMaxPelvisExcursionM = 0.2;

std::string fixed(double value, int digits = 1) {
  std::ostringstream out;
  out.precision(digits);
  out << std::fixed << value;
  return out.str();
}

// Derivatives of the stance formulas at the ends of stance by one-sided differences (second order; the
// steps are far below any time scale of the motion and far above rounding).
constexpr double kRateStep = 1e-5, kAccelerationStep = 1e-4;
template <typename F>
double forward_rate(F f, double t) {
  const double h = kRateStep;
  return (-3.0 * f(t) + 4.0 * f(t + h) - f(t + 2 * h)) / (2 * h);
}
template <typename F>
double backward_rate(F f, double t) {
  const double h = kRateStep;
  return (3.0 * f(t) - 4.0 * f(t - h) + f(t - 2 * h)) / (2 * h);
}
template <typename F>
double forward_acceleration(F f, double t) {
  const double h = kAccelerationStep;
  return (2.0 * f(t) - 5.0 * f(t + h) + 4.0 * f(t + 2 * h) - f(t + 3 * h)) / (h * h);
}
template <typename F>
double backward_acceleration(F f, double t) {
  const double h = kAccelerationStep;
  return (2.0 * f(t) - 5.0 * f(t - h) + 4.0 * f(t - 2 * h) - f(t - 3 * h)) / (h * h);
}

// Golden-section minimum of a unimodal function on [lo, hi] (one new evaluation per iteration).
template <typename F>
double minimise(F f, double lo, double hi, double tolerance) {
  const double golden = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = hi - golden * (hi - lo), b = lo + golden * (hi - lo);
  double fa = f(a), fb = f(b);
  for (int k = 0; k < 300 && hi - lo > tolerance; ++k) {
    if (fa < fb) {
      hi = b, b = a, fb = fa;
      a = hi - golden * (hi - lo);
      fa = f(a);
    } else {
      lo = a, a = b, fa = fb;
      b = lo + golden * (hi - lo);
      fb = f(b);
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

GaitModel::GaitModel(const RunnerParameters& parameters, const Anthropometry& body, const GaitTiming& timing,
                     const CentreOfMassPath& com, double x_at_first_ic)
    : parameters_(parameters), body_(body), timing_(timing), com_(com), x_at_first_ic_(x_at_first_ic) {
  speed_ = parameters.speed_m_s;
  strike_ = rad(parameters.foot_strike_angle_deg);
  const double tc = timing.contact_s;
  foot_flat_s_ = parameters.foot_flat_fraction * tc;
  heel_off_s_ = parameters.heel_off_fraction * tc;
  landing_pitch_ = {strike_, -0.5 * strike_ / foot_flat_s_, 0.0, 0.0, 0.0, 0.0, foot_flat_s_};
  const double push_off = tc - heel_off_s_;
  const double toe_off = rad(parameters.foot_angle_toe_off_deg);
  push_off_pitch_ = {0.0, 0.0, 0.0, toe_off, 1.0 * toe_off / push_off, 0.0, push_off};
  landing_pivot_ = strike_ < 0 ? body.forefoot_pad : body.heel_pad;
  touchdown_velocity_ = {parameters.touchdown_speed_m_s, -parameters.touchdown_descent_m_s};
  settle_s_ = std::min(kSettleS, 0.5 * foot_flat_s_);
  initial_cop_ = strike_ > 0   ? body.heel_pad
                 : strike_ < 0 ? body.forefoot_pad
                               : 0.5 * (body.heel_pad + body.forefoot_pad);
  ankle_ic_ = stance_foot(0.0).point(body.ankle);
  build_knee();
  choose_placement();
  // At toe-off the ankle has nearly stopped plantarflexing (its peak plantarflexion comes just after):
  // the foot then turns with the shank. The shank rate depends a little on the push-off, hence two passes.
  const double average_rate = toe_off / push_off;
  for (int pass = 0; pass < 2; ++pass) {
    const double shank_rate = backward_rate([&](double tau) { return stance_pose(tau).shank; }, tc);
    push_off_pitch_.v1 = std::clamp(shank_rate + rad(kAnkleRateAtToeOffDegS), 2.0 * average_rate, 0.3 * average_rate);
    choose_placement();
  }
  build_swing();
}

void GaitModel::build_knee() {
  const double tc = timing_.contact_s, stride = timing_.stride_s, swing = timing_.swing_s;
  const RunnerParameters& p = parameters_;
  knee_peak_s_ = p.knee_flexion_peak_fraction * tc;
  const double ic = rad(p.knee_flexion_ic_deg), ic_rate = rad(p.knee_flexion_velocity_ic_deg_s);
  const double swing_peak_t = tc + 0.5 * swing;
  const double swing_peak = rad(p.knee_flexion_swing_peak_deg), stance_peak = rad(p.knee_flexion_peak_stance_deg);
  // The knee stays well flexed while the foot passes under the body, then extends quickly into touchdown.
  const double late_t = tc + 0.75 * swing, late = ic + 0.6 * (swing_peak - ic);
  // The acceleration at IC, shared by the two ends of the periodic curve.
  const QuinticSpline around_ic({{swing_peak_t - stride, swing_peak, 0.0},
                                 {late_t - stride, late},
                                 {0.0, ic, ic_rate},
                                 {knee_peak_s_, stance_peak, 0.0}});
  const double ic_acceleration = around_ic.knots()[2].acceleration;
  const double to_rate = rad(p.knee_flexion_velocity_to_deg_s);
  stance_knee_ = QuinticSpline({{0.0, ic, ic_rate, ic_acceleration},
                                {knee_peak_s_, stance_peak, 0.0},
                                {tc, rad(p.knee_flexion_toe_off_deg), to_rate}});
  // Swing starts with its own (one-sided) acceleration: once the foot leaves the ground the knee is free to
  // flex at once, which lifts the toes (a C2 join would leave them grazing the floor).
  swing_knee_ = QuinticSpline({{tc, rad(p.knee_flexion_toe_off_deg), to_rate},
                               {swing_peak_t, swing_peak, 0.0},
                               {late_t, late},
                               {stride, ic, ic_rate, ic_acceleration}});
  // The knots must be the extremes they stand for: no overshoot above the stance peak, no hyperextension.
  constexpr int kScan = 2000;
  for (int i = 0; i <= kScan; ++i) {
    const double t = stride * i / kScan;
    const double flexion = knee_flexion(t);
    if (t <= tc && flexion > rad(p.knee_flexion_peak_stance_deg) + 1e-12)
      throw InputError(kSource, "the knee curve would overshoot knee_flexion_peak_stance_deg; move "
                                "knee_flexion_peak_fraction towards mid-stance or lower the IC flexion velocity");
    if (flexion < 0.0)
      throw InputError(kSource, "the knee would hyperextend before IC; lower knee_flexion_velocity_ic_deg_s "
                                "or raise knee_flexion_ic_deg");
  }
}

FootPose GaitModel::stance_foot(double tau) const {
  if (tau < heel_off_s_) {
    const double pitch = tau < foot_flat_s_ ? landing_pitch_.value(tau) : 0.0;
    P2 ground = {landing_pivot_.x, 0.0};
    if (tau < settle_s_) {
      // Heel pad and shoe give way: the contact point arrives with the touchdown velocity and comes to
      // rest within settle_s_ (position -(1/2)(1-s)^3(1+s), velocity (1-s)^2(1+2s), zero acceleration
      // at contact, all relative to the rest position, times velocity x duration).
      const double s = tau / settle_s_, r = 1.0 - s;
      ground = ground + (-0.5 * r * r * r * (1.0 + s) * settle_s_) * touchdown_velocity_;
    }
    return {landing_pivot_, ground, pitch};
  }
  return {body_.toe_tip, {body_.toe_tip.x, 0.0}, push_off_pitch_.value(tau - heel_off_s_)};
}

P2 GaitModel::stance_cop(double tau) const {
  if (tau < foot_flat_s_) return initial_cop_;
  if (tau >= heel_off_s_) return body_.toe_tip;
  // Foot flat: the COP travels to the toes (smoothstep); after a forefoot strike it first drifts back
  // towards the midfoot as the heel comes down.
  const double s = (tau - foot_flat_s_) / (heel_off_s_ - foot_flat_s_);
  P2 cop = initial_cop_ + (s * s * (3.0 - 2.0 * s)) * (body_.toe_tip - initial_cop_);
  if (strike_ < 0) {
    const double back = std::sin(kPi * s);
    cop.x -= 0.2 * (body_.forefoot_pad.x - body_.heel_pad.x) * back * back;
  }
  return cop;
}

double GaitModel::stance_hip_x(double tau, double ankle_ahead) const {
  return ankle_ic_.x - ankle_ahead + speed_ * tau + com_.deviation(tau).x;
}

double GaitModel::stance_hip_z(double tau, double ankle_ahead) const {
  const double lt = body_.thigh_m, ls = body_.shank_m;
  const P2 ankle = stance_foot(tau).point(body_.ankle);
  const double reach_squared = lt * lt + ls * ls + 2 * lt * ls * std::cos(knee_flexion(tau));
  const double h = stance_hip_x(tau, ankle_ahead) - ankle.x;
  if (h * h >= reach_squared) return kNaN;
  return ankle.z + std::sqrt(reach_squared - h * h);
}

void GaitModel::choose_placement() {
  const double tc = timing_.contact_s, lt = body_.thigh_m, ls = body_.shank_m;
  constexpr int kSamples = 100;
  // The leg reaches the foot throughout stance only for ankle-ahead distances in (lo, hi).
  double lo = 0.0, hi = 1e300;
  for (int i = 0; i <= kSamples; ++i) {
    const double tau = tc * i / kSamples;
    const double reach = std::sqrt(lt * lt + ls * ls + 2 * lt * ls * std::cos(knee_flexion(tau)));
    const double offset = stance_hip_x(tau, 0.0) - stance_foot(tau).point(body_.ankle).x;
    lo = std::max(lo, offset - reach);
    hi = std::min(hi, offset + reach);
  }
  constexpr double kMargin = 0.005;  // keep the hip at least 5 mm inside the reachable range
  lo += kMargin;
  hi -= kMargin;
  if (!(lo < hi))
    throw InputError(kSource, "the leg cannot reach the foot from initial contact to toe-off (the body travels " +
                                  fixed(100 * speed_ * tc, 0) + " cm during a stance): lower speed_m_s or "
                                  "duty_factor, raise cadence_spm, or use a steeper foot_angle_toe_off_deg");
  // Least squares between the pelvis height over a whole step (stance, then the flight quintic) and the
  // centre-of-mass path, up to a constant.
  auto flight_for = [&](double ankle_ahead) {
    auto z = [&](double tau) { return stance_hip_z(tau, ankle_ahead); };
    return Quintic{z(tc),  backward_rate(z, tc),  backward_acceleration(z, tc),
                   z(0.0), forward_rate(z, 0.0), forward_acceleration(z, 0.0), timing_.flight_s};
  };
  auto mismatch = [&](double ankle_ahead) {
    const Quintic flight = flight_for(ankle_ahead);
    double sum = 0, sum_squares = 0;
    constexpr int kStepSamples = 2 * kSamples;
    for (int i = 0; i < kStepSamples; ++i) {
      const double tau = timing_.step_s * i / kStepSamples;
      const double height = tau <= tc ? stance_hip_z(tau, ankle_ahead) : flight.value(tau - tc);
      const double difference = height - com_.deviation(tau).z;
      sum += difference;
      sum_squares += difference * difference;
    }
    return sum_squares / kStepSamples - (sum / kStepSamples) * (sum / kStepSamples);
  };
  ankle_ahead_ = minimise(mismatch, lo, hi, 1e-9);
  flight_z_ = flight_for(ankle_ahead_);
  pelvis_min_z_ = 1e300;
  pelvis_max_z_ = -1e300;
  for (int i = 0; i <= 1000; ++i) {
    const double height = pelvis_z(timing_.step_s * i / 1000);
    pelvis_min_z_ = std::min(pelvis_min_z_, height);
    pelvis_max_z_ = std::max(pelvis_max_z_, height);
  }
  // Runners' pelvis rises and falls 5-12 cm per step; far more means the legs cannot cover the ground
  // travelled during a stance at this speed and contact time.
  if (pelvis_max_z_ - pelvis_min_z_ > kMaxPelvisExcursionM)
    throw InputError(kSource, "the pelvis would have to rise and fall " + fixed(100 * (pelvis_max_z_ - pelvis_min_z_), 0) +
                                  " cm per step to keep the feet on the ground: lower speed_m_s or duty_factor, or "
                                  "raise cadence_spm");
}

double GaitModel::pelvis_z(double tau) const {
  double wrapped = std::fmod(tau, timing_.step_s);
  if (wrapped < 0) wrapped += timing_.step_s;
  if (wrapped <= timing_.contact_s) return stance_hip_z(wrapped, ankle_ahead_);
  return flight_z_.value(wrapped - timing_.contact_s);
}

LegPose GaitModel::inverse_kinematics(P2 hip, P2 ankle) const {
  const double lt = body_.thigh_m, ls = body_.shank_m;
  const P2 d = ankle - hip;
  const double r = norm(d);
  const double direction = std::atan2(d.x, -d.z);
  const double at_hip = std::acos(std::clamp((lt * lt + r * r - ls * ls) / (2 * lt * r), -1.0, 1.0));
  const double at_knee = std::acos(std::clamp((lt * lt + ls * ls - r * r) / (2 * lt * ls), -1.0, 1.0));
  LegPose pose;
  pose.hip = hip;
  pose.ankle = ankle;
  pose.thigh = direction + at_hip;  // the knee lies ahead of the hip-ankle line
  pose.knee_flexion = kPi - at_knee;
  pose.shank = pose.thigh - pose.knee_flexion;
  pose.knee = hip + lt * hanging(pose.thigh);
  return pose;
}

LegPose GaitModel::stance_pose(double tau) const {
  const FootPose foot = stance_foot(tau);
  LegPose pose = inverse_kinematics({stance_hip_x(tau, ankle_ahead_), stance_hip_z(tau, ankle_ahead_)},
                                    foot.point(body_.ankle));
  pose.foot = foot;
  pose.ankle_dorsiflexion = foot.pitch - pose.shank;
  pose.stance = true;
  pose.tau = tau;
  pose.cop_foot = stance_cop(tau);
  return pose;
}

void GaitModel::build_swing() {
  const double tc = timing_.contact_s, swing = timing_.swing_s;
  auto thigh = [&](double tau) { return stance_pose(tau).thigh; };
  const LegPose at_to = stance_pose(tc), at_ic = stance_pose(0.0);

  // Peak hip flexion late in swing, then retraction into touchdown. Every joint angle joins stance with
  // equal value, rate and acceleration at TO and IC (C2): the touchdown velocity lives in the stance
  // foot model, which stops the contact point over the first milliseconds of stance.
  const double thigh_peak_s = 0.75 * swing;
  const double thigh_peak = std::max(at_ic.thigh, at_to.thigh) + rad(parameters_.hip_flexion_retraction_deg);
  // The thigh swings forward early (most of its travel by mid-swing), peaks, then retracts. Like the knee,
  // it starts swing with its own acceleration.
  swing_thigh_ = QuinticSpline({{0.0, at_to.thigh, backward_rate(thigh, tc)},
                                {0.45 * swing, thigh_peak - 0.15 * (thigh_peak - at_to.thigh)},
                                {thigh_peak_s, thigh_peak, 0.0},
                                {swing, at_ic.thigh, forward_rate(thigh, 0.0), forward_acceleration(thigh, 0.0)}});
  // Foot pitch: on from toe-off to the heel-up attitude of early swing (ankle near neutral), then turned
  // towards the landing attitude well before touchdown, so the toes clear the floor while the leg reaches
  // forward.
  const double early = 0.35 * swing;
  const double early_pitch =
      swing_thigh_.value(early) - knee_flexion(tc + early) + rad(parameters_.ankle_dorsiflexion_mid_swing_deg);
  swing_pitch_ = QuinticSpline({{0.0, push_off_pitch_.y1, push_off_pitch_.v1},
                                {early, early_pitch},
                                {0.8 * swing, 0.0},
                                {swing, strike_, landing_pitch_.v0, landing_pitch_.a0}});
}

LegPose GaitModel::swing_pose(double s) const {
  LegPose pose;
  pose.hip = {0.0, pelvis_z(timing_.contact_s + s)};
  pose.thigh = swing_thigh_.value(s);
  pose.knee_flexion = swing_knee_.value(timing_.contact_s + s);
  pose.shank = pose.thigh - pose.knee_flexion;
  const double pitch = swing_pitch_.value(s);
  pose.ankle_dorsiflexion = pitch - pose.shank;
  pose.knee = pose.hip + body_.thigh_m * hanging(pose.thigh);
  pose.ankle = pose.knee + body_.shank_m * hanging(pose.shank);
  pose.foot = {body_.ankle, pose.ankle, pitch};
  return pose;
}

P2 GaitModel::pelvis(double t) const {
  const double since = t - timing_.first_right_ic_s;
  return {x_at_first_ic_ + speed_ * since + com_.deviation(since).x, pelvis_z(since)};
}

LegPose GaitModel::leg(Side side, double t) const {
  const double first = timing_.first_ic_s(side), stride = timing_.stride_s;
  double ic = first + std::floor((t - first) / stride) * stride;
  // Rounding: a time within a nanosecond before an IC is that IC.
  if (t - ic >= stride - 1e-9) ic += stride;
  if (t - ic < -1e-9) ic -= stride;
  const double tau = std::max(t - ic, 0.0);
  if (tau <= timing_.contact_s) {
    LegPose pose = stance_pose(tau);
    const double shift = pelvis(ic).x - (ankle_ic_.x - ankle_ahead_);
    for (P2* p : {&pose.hip, &pose.knee, &pose.ankle, &pose.foot.pivot_ground}) p->x += shift;
    pose.ic_s = ic;
    return pose;
  }
  LegPose pose = swing_pose(tau - timing_.contact_s);
  const P2 hip = pelvis(t);
  for (P2* p : {&pose.hip, &pose.knee, &pose.ankle, &pose.foot.pivot_ground}) p->x += hip.x;
  pose.tau = tau;
  pose.ic_s = ic;
  return pose;
}

}  // namespace touchdown::sim
