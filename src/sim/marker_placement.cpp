#include "sim/marker_placement.hpp"

namespace touchdown::sim {
namespace {

Vec3 add(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 scale(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
Vec3 lerp(Vec3 a, Vec3 b, double f) { return add(a, scale(f, add(b, scale(-1.0, a)))); }

struct LegPoints {  // lab frame, metres
  Vec3 hip, knee, ankle, heel_marker, toe_marker;
};

void place_pelvis(const Anthropometry& body, Vec3 hip_mid, MarkerFrame& out) {
  const double tilt = body.pelvis_tilt_rad;
  const Vec3 anterior{std::cos(tilt), 0.0, -std::sin(tilt)};
  const Vec3 superior{std::sin(tilt), 0.0, std::cos(tilt)};
  const Vec3 right{0.0, -1.0, 0.0};
  // Harrington: hip = mid-ASIS + x anterior + y superior +/- z right.
  const Vec3 mid_asis = add(hip_mid, add(scale(-body.hip_in_pelvis.x, anterior), scale(-body.hip_in_pelvis.z, superior)));
  const Vec3 mid_psis = add(mid_asis, scale(-body.pelvis_depth_m, anterior));
  out.position_m[0] = add(mid_asis, scale(-0.5 * body.pelvis_width_m, right));
  out.position_m[1] = add(mid_asis, scale(0.5 * body.pelvis_width_m, right));
  out.position_m[2] = add(mid_psis, scale(-0.5 * body.psis_separation_m, right));
  out.position_m[3] = add(mid_psis, scale(0.5 * body.psis_separation_m, right));
  out.hip_left_m = add(hip_mid, scale(-body.hip_half_width_m, right));
  out.hip_right_m = add(hip_mid, scale(body.hip_half_width_m, right));
}

void place_leg(const Anthropometry& body, const LegPoints& leg, double lateral_sign, std::size_t first,
               MarkerFrame& out) {
  const Vec3 lateral{0.0, lateral_sign, 0.0};
  out.position_m[first + 0] = add(lerp(leg.hip, leg.knee, 0.6), scale(body.thigh_wand_m, lateral));
  out.position_m[first + 1] = add(leg.knee, scale(0.5 * body.knee_width_m, lateral));
  out.position_m[first + 2] = add(leg.knee, scale(-0.5 * body.knee_width_m, lateral));
  out.position_m[first + 3] = add(lerp(leg.knee, leg.ankle, 0.6), scale(body.shank_wand_m, lateral));
  out.position_m[first + 4] = add(leg.ankle, scale(0.5 * body.ankle_width_m, lateral));
  out.position_m[first + 5] = add(leg.ankle, scale(-0.5 * body.ankle_width_m, lateral));
  out.position_m[first + 6] = leg.heel_marker;
  out.position_m[first + 7] = leg.toe_marker;
}

}  // namespace

std::string_view marker_description(std::size_t index) {
  static constexpr std::array<std::string_view, 4> kPelvis = {
      "left anterior superior iliac spine", "right anterior superior iliac spine",
      "left posterior superior iliac spine", "right posterior superior iliac spine"};
  if (index < 4) return kPelvis[index];
  const std::size_t in_leg = (index - 4) % 8;
  static constexpr std::array<std::string_view, 8> kLeg = {
      "thigh wand", "lateral femoral epicondyle", "medial femoral epicondyle", "tibia wand",
      "lateral malleolus", "medial malleolus", "posterior calcaneus (heel)", "second metatarsal head (toe)"};
  return kLeg[in_leg];
}

void place_running_markers(const RunningModel& model, double t, MarkerFrame& out) {
  const GaitModel& gait = model.gait();
  const Anthropometry& body = model.body();
  const P2 pelvis = gait.pelvis(t);
  place_pelvis(body, {model.lab_x(pelvis.x, t), 0.0, pelvis.z}, out);
  for (Side side : {Side::left, Side::right}) {
    const LegPose pose = gait.leg(side, t);
    const double y = model.leg_y(side);
    auto lab = [&](P2 p) { return Vec3{model.lab_x(p.x, t), y, p.z}; };
    const LegPoints leg{lab(pose.hip), lab(pose.knee), lab(pose.ankle), lab(pose.foot.point(body.heel_marker)),
                        lab(pose.foot.point(body.toe_marker))};
    place_leg(body, leg, side == Side::left ? 1.0 : -1.0, side == Side::left ? 4 : 12, out);
  }
}

void place_standing_markers(const RunningModel& model, MarkerFrame& out) {
  const Anthropometry& body = model.body();
  const double hip_z = body.standing_hip_height_m();
  place_pelvis(body, {0.0, 0.0, hip_z}, out);
  for (Side side : {Side::left, Side::right}) {
    const double y = model.leg_y(side);
    // Ankle under the hip; the foot frame origin (posterior heel) behind it.
    const double heel_x = -body.ankle.x;
    auto foot = [&](P2 p) { return Vec3{heel_x + p.x, y, p.z}; };
    const LegPoints leg{{0.0, y, hip_z},
                        {0.0, y, body.ankle.z + body.shank_m},
                        {0.0, y, body.ankle.z},
                        foot(body.heel_marker),
                        foot(body.toe_marker)};
    place_leg(body, leg, side == Side::left ? 1.0 : -1.0, side == Side::left ? 4 : 12, out);
  }
}

}  // namespace touchdown::sim
