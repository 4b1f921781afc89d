#include "landmarks/hip_joint_centre.hpp"

#include <cmath>

#include "landmarks/vec3_math.hpp"

namespace touchdown::landmarks {
namespace {

// Below 1 cm the pelvis is not a pelvis (markers merged or mislabelled); the frame would be noise.
constexpr double kMinPelvisDimensionM = 0.01;

}  // namespace

std::optional<PelvisFrame> pelvis_frame(const Vec3& right_asis, const Vec3& left_asis, const Vec3& mid_psis) {
  if (!valid(right_asis) || !valid(left_asis) || !valid(mid_psis)) return std::nullopt;
  PelvisFrame frame;
  frame.origin = 0.5 * (right_asis + left_asis);
  const Vec3 across = right_asis - left_asis;
  const double width = norm(across);
  if (!(width >= kMinPelvisDimensionM)) return std::nullopt;
  frame.right = (1.0 / width) * across;
  const Vec3 forward = frame.origin - mid_psis;
  const Vec3 forward_orthogonal = forward - dot(forward, frame.right) * frame.right;
  const double depth = norm(forward_orthogonal);
  if (!(depth >= kMinPelvisDimensionM)) return std::nullopt;
  frame.anterior = (1.0 / depth) * forward_orthogonal;
  frame.superior = cross(frame.right, frame.anterior);
  return frame;
}

std::optional<HipCentres> hip_centres_harrington(const Vec3& right_asis, const Vec3& left_asis,
                                                 const Vec3& mid_psis) {
  auto frame = pelvis_frame(right_asis, left_asis, mid_psis);
  if (!frame) return std::nullopt;
  const double pw_mm = 1000.0 * norm(right_asis - left_asis);
  const double pd_mm = 1000.0 * norm(frame->origin - mid_psis);
  const double x = (-0.24 * pd_mm - 9.9) / 1000.0;
  const double y = (-0.30 * pw_mm - 10.9) / 1000.0;
  const double z = (0.33 * pw_mm + 7.3) / 1000.0;
  const Vec3 common = frame->origin + x * frame->anterior + y * frame->superior;
  return HipCentres{common + z * frame->right, common - z * frame->right};
}

HipCentres hip_centres_from_trochanters(const Vec3& right_trochanter, const Vec3& left_trochanter) {
  const Vec3 right_to_left = left_trochanter - right_trochanter;
  return HipCentres{right_trochanter + 0.25 * right_to_left, left_trochanter - 0.25 * right_to_left};
}

}  // namespace touchdown::landmarks
