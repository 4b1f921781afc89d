#pragma once
// The simulated runner assembled from its parts (internal; the public entry point is simulate_running).
// Immutable after construction; evaluates the body at any time, so tests can check exact values
// between frames and in double precision.
#include <array>
#include <optional>

#include "sim/anthropometry.hpp"
#include "sim/centre_of_mass.hpp"
#include "sim/gait_kinematics.hpp"
#include "sim/ground_reaction.hpp"
#include "touchdown/simulate.hpp"

namespace touchdown::sim {

constexpr double kGravity = 9.80665;  // standard gravity (m/s^2)

// Throws InputError naming the first parameter out of range.
void validate(const RunnerParameters& parameters);

// Ground reaction of one foot in the lab frame (reaction on the foot, SI units).
struct FootContact {
  Vec3 force_n;     // +X progression, +Y left, +Z up
  Vec3 cop_m;       // on the floor (z = 0)
  double tau = 0;   // time since this stance's IC
  double ic_s = 0;
};

class RunningModel {
 public:
  explicit RunningModel(const RunnerParameters& parameters);

  [[nodiscard]] const RunnerParameters& parameters() const { return parameters_; }
  [[nodiscard]] const Anthropometry& body() const { return body_; }
  [[nodiscard]] const GaitTiming& timing() const { return timing_; }
  [[nodiscard]] const GroundReaction& grf() const { return grf_; }
  [[nodiscard]] const CentreOfMassPath& com() const { return com_; }
  [[nodiscard]] const GaitModel& gait() const { return *gait_; }
  [[nodiscard]] double body_weight_n() const { return parameters_.mass_kg * kGravity; }
  [[nodiscard]] std::size_t frames() const { return frames_; }

  // Lab x of a ground-frame x at time t: the same overground; carried back with the belt on a treadmill.
  [[nodiscard]] double lab_x(double ground_x, double t) const;
  // Lateral position (lab y, m) of a leg's sagittal plane.
  [[nodiscard]] double leg_y(Side side) const;
  // Reaction on the foot of `side` at time t, if it is in stance (force may be zero at IC/TO).
  [[nodiscard]] std::optional<FootContact> contact(Side side, double t) const;

 private:
  RunnerParameters parameters_;
  Anthropometry body_;
  GaitTiming timing_;
  GroundReaction grf_;
  CentreOfMassPath com_;
  std::optional<GaitModel> gait_;
  std::size_t frames_ = 0;
  double x_at_first_ic_ = 0;
};

}  // namespace touchdown::sim
