#include "sim/anthropometry.hpp"

namespace touchdown::sim {
namespace {
constexpr double kMarkerRadiusM = 0.007;  // 14 mm retro-reflective markers
}  // namespace

Anthropometry anthropometry_for_height(double height_m) {
  Anthropometry a;
  const double h = height_m;
  a.height_m = h;
  a.thigh_m = 0.245 * h;
  a.shank_m = 0.246 * h;
  a.foot_length_m = 0.152 * h;
  const double fl = a.foot_length_m;
  // The malleoli lie about a fifth of the foot length ahead of the heel, at Winter's ankle height.
  a.ankle = {0.22 * fl, 0.039 * h};
  a.heel_pad = {0.10 * fl, 0.0};
  a.forefoot_pad = {0.75 * fl, 0.0};
  a.toe_tip = {fl, 0.0};
  // The heel marker sits higher than the toe marker (as is usual when it is not levelled), so the
  // standing heel->toe angle is not zero and the static subtraction in the foot strike angle matters.
  a.heel_marker = {-kMarkerRadiusM, 0.12 * fl};
  a.toe_marker = {0.78 * fl, 0.10 * fl};

  a.pelvis_width_m = 0.14 * h;  // about 245 mm at 1.75 m
  a.pelvis_depth_m = 0.09 * h;  // about 158 mm
  a.psis_separation_m = 0.05 * h;
  a.pelvis_tilt_rad = rad(12.0);
  const double pw_mm = 1000.0 * a.pelvis_width_m, pd_mm = 1000.0 * a.pelvis_depth_m;
  a.hip_in_pelvis = {(-0.24 * pd_mm - 9.9) / 1000.0, (-0.30 * pw_mm - 10.9) / 1000.0};
  a.hip_half_width_m = (0.33 * pw_mm + 7.3) / 1000.0;

  a.knee_width_m = 0.057 * h;   // about 100 mm
  a.ankle_width_m = 0.040 * h;  // about 70 mm
  a.thigh_wand_m = 0.045 * h;
  a.shank_wand_m = 0.032 * h;
  return a;
}

}  // namespace touchdown::sim
