// Tibiofemoral compression estimate: the axial component of the knee joint reaction force (inverse
// dynamics) plus the quadriceps force carried to the tibia by the patellar tendon, taken along the tibial
// axis. An upper-bound simplification of the muscle-force models (DeVita & Hortobagyi 2001, J Biomech
// 34:1123, who add hamstrings and gastrocnemius): no tendon angle, no antagonists.
#include "metrics/vec_math.hpp"
#include "touchdown/joint_load.hpp"

namespace touchdown {

double tibiofemoral_compression_n(const Vec3& knee_force_on_shank_n, const Vec3& tibia_up, double quadriceps_n) {
  // The thigh pushes the shank distally (against tibia_up) when the joint is compressed.
  const double axial = -vec::dot(knee_force_on_shank_n, tibia_up);
  return axial + quadriceps_n;
}

}  // namespace touchdown
