#pragma once
// The runner's centre of mass over one step, from the ground reaction force (internal). The pelvis takes
// its forward surge from it, and its height follows it as closely as the leg geometry allows
// (gait_kinematics.hpp).
//
// Newton: z'' = g (Fz/BW - 1), x'' = g Fx/BW, with one stance per step (left and right are identical
// in the sagittal plane). Because a stance's vertical impulse is 1 BW x step time and its AP impulse is
// zero, the motion is periodic; the integration constants are chosen for the periodic solution, with
// the deviations zero at initial contact: z(0) = 0 and x(0) = 0 (x excludes speed * t). Velocities come
// from the trapezoid rule with its end correction (4th order); positions likewise, so a cubic Hermite
// interpolant with the grid velocities is C1 and accurate to well below a micrometre.
#include <cstddef>
#include <vector>

#include "sim/ground_reaction.hpp"
#include "sim/sagittal.hpp"

namespace touchdown::sim {

class CentreOfMassPath {
 public:
  CentreOfMassPath() = default;
  CentreOfMassPath(const GroundReaction& grf, double step_time_s, double gravity_m_s2);

  // tau: time since the latest initial contact, wrapped into [0, step time).
  [[nodiscard]] P2 deviation(double tau) const;  // (x - speed*tau, z) relative to the IC values
  [[nodiscard]] P2 velocity(double tau) const;   // (dx/dt - speed, dz/dt)
  [[nodiscard]] double step_time_s() const { return step_; }
  [[nodiscard]] double min_z() const { return min_z_; }
  [[nodiscard]] double max_z() const { return max_z_; }

 private:
  [[nodiscard]] double wrap(double tau) const;
  double step_ = 0, dt_ = 0, min_z_ = 0, max_z_ = 0;
  std::vector<double> x_, vx_, ax_, z_, vz_, az_;
};

}  // namespace touchdown::sim
