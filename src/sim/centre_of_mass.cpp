#include "sim/centre_of_mass.hpp"

#include <algorithm>
#include <cmath>

namespace touchdown::sim {
namespace {

constexpr std::size_t kIntervals = 8192;

// Periodic double integration of `acceleration` (and its derivative `jerk`) on a uniform grid:
// fills velocity and position with position[0] = 0 and zero mean velocity over the period.
void integrate_periodic(const std::vector<double>& acceleration, const std::vector<double>& jerk, double dt,
                        std::vector<double>& velocity, std::vector<double>& position) {
  const std::size_t n = acceleration.size();
  velocity.assign(n, 0.0);
  position.assign(n, 0.0);
  for (std::size_t i = 1; i < n; ++i)
    velocity[i] = velocity[i - 1] + 0.5 * dt * (acceleration[i - 1] + acceleration[i]) +
                  dt * dt / 12.0 * (jerk[i - 1] - jerk[i]);
  // The impulses balance analytically; remove the residual of the quadrature so the period closes.
  const double drift = velocity[n - 1];
  for (std::size_t i = 0; i < n; ++i) velocity[i] -= drift * static_cast<double>(i) / static_cast<double>(n - 1);
  for (std::size_t i = 1; i < n; ++i)
    position[i] = position[i - 1] + 0.5 * dt * (velocity[i - 1] + velocity[i]) +
                  dt * dt / 12.0 * (acceleration[i - 1] - acceleration[i]);
  // Constant initial velocity v0 so that position closes: position(T) + v0 T = 0.
  const double v0 = -position[n - 1] / (dt * static_cast<double>(n - 1));
  for (std::size_t i = 0; i < n; ++i) {
    velocity[i] += v0;
    position[i] += v0 * dt * static_cast<double>(i);
  }
}

}  // namespace

CentreOfMassPath::CentreOfMassPath(const GroundReaction& grf, double step_time_s, double gravity_m_s2)
    : step_(step_time_s), dt_(step_time_s / static_cast<double>(kIntervals)) {
  const std::size_t n = kIntervals + 1;
  std::vector<double> jx(n), jz(n);
  ax_.resize(n);
  az_.resize(n);
  const double tc = grf.contact_time_s();
  for (std::size_t i = 0; i < n; ++i) {
    const double t = dt_ * static_cast<double>(i);
    az_[i] = gravity_m_s2 * (grf.vertical_bw(t) - 1.0);
    jz[i] = gravity_m_s2 * grf.vertical_rate_bw_s(t);
    ax_[i] = gravity_m_s2 * grf.anteroposterior_bw(t);
    // AP force is piecewise sinusoidal; its slope enters only the end correction, a central difference
    // inside stance is enough there.
    const double h = 1e-7;
    jx[i] = (t > h && t < tc - h)
                ? gravity_m_s2 * (grf.anteroposterior_bw(t + h) - grf.anteroposterior_bw(t - h)) / (2 * h)
                : 0.0;
  }
  integrate_periodic(ax_, jx, dt_, vx_, x_);
  integrate_periodic(az_, jz, dt_, vz_, z_);
  min_z_ = *std::min_element(z_.begin(), z_.end());
  max_z_ = *std::max_element(z_.begin(), z_.end());
}

double CentreOfMassPath::wrap(double tau) const {
  double w = std::fmod(tau, step_);
  if (w < 0) w += step_;
  return w;
}

P2 CentreOfMassPath::deviation(double tau) const {
  const double w = wrap(tau);
  const std::size_t i = std::min(static_cast<std::size_t>(w / dt_), kIntervals - 1);
  const Hermite hx{x_[i], vx_[i], x_[i + 1], vx_[i + 1], dt_};
  const Hermite hz{z_[i], vz_[i], z_[i + 1], vz_[i + 1], dt_};
  const double local = w - dt_ * static_cast<double>(i);
  return {hx.value(local), hz.value(local)};
}

P2 CentreOfMassPath::velocity(double tau) const {
  const double w = wrap(tau);
  const std::size_t i = std::min(static_cast<std::size_t>(w / dt_), kIntervals - 1);
  const Hermite hx{x_[i], vx_[i], x_[i + 1], vx_[i + 1], dt_};
  const Hermite hz{z_[i], vz_[i], z_[i + 1], vz_[i + 1], dt_};
  const double local = w - dt_ * static_cast<double>(i);
  return {hx.rate(local), hz.rate(local)};
}

}  // namespace touchdown::sim
