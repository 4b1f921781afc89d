// Newton-Euler inverse dynamics of the foot + shank chain (Winter, Biomechanics and Motor Control of
// Human Movement, ch. 5; 3D with the Euler equations), the ground wrench prepared at the markers' cut-off
// (Kristianslund et al. 2012, J Biomech 45:666), and the per-stance knee load series. Models and
// citations: include/touchdown/joint_load.hpp.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "metrics/vec_math.hpp"
#include "common/format_number.hpp"
#include "touchdown/joint_load.hpp"
#include "touchdown/signal.hpp"

namespace touchdown {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const Vec3 kMissing{kNaN, kNaN, kNaN};

// I w for principal moments along orthonormal axes.
Vec3 inertia_times(const SegmentState& s, const SegmentInertia& inertia, const Vec3& w) {
  return vec::add(vec::add(vec::scale(s.axis_long, inertia.i_long * vec::dot(s.axis_long, w)),
                           vec::scale(s.axis_ml, inertia.i_ml * vec::dot(s.axis_ml, w))),
                  vec::scale(s.axis_ap, inertia.i_ap * vec::dot(s.axis_ap, w)));
}

// Sample of a trajectory at a frame, NaN when the trajectory is shorter (absent landmark).
Vec3 at(const Trajectory& t, std::size_t frame) { return frame < t.size() ? t[frame] : kMissing; }

// The joint centre: the Body's centre when present, else the epicondyle/malleolus midpoint (3D), else
// the lateral marker (sagittal fallback, as knee.cpp does).
Vec3 joint_centre(const Trajectory& centre, const Trajectory& lateral, const Trajectory& medial, std::size_t frame,
                  bool allow_lateral) {
  const Vec3 c = at(centre, frame);
  if (is_finite(c)) return c;
  const Vec3 l = at(lateral, frame), m = at(medial, frame);
  if (is_finite(l) && is_finite(m)) return vec::midpoint(l, m);
  return allow_lateral ? l : kMissing;
}

// Medio-lateral vector pointing to the subject's right on both legs (ISB), from lateral/medial markers.
Vec3 rightward(const Vec3& lateral, const Vec3& medial, Side side) {
  return side == Side::left ? vec::sub(medial, lateral) : vec::sub(lateral, medial);
}

// Orthonormal principal axes {long, ml, ap} from a long-axis vector and a medio-lateral hint.
std::array<Vec3, 3> axes_from(const Vec3& long_vector, const Vec3& ml_hint) {
  const Vec3 e_long = vec::normalized(long_vector);
  const Vec3 e_ml = vec::normalized(vec::reject(ml_hint, e_long));
  return {e_long, e_ml, vec::cross(e_long, e_ml)};
}

bool finite_axes(const std::array<Vec3, 3>& a) { return is_finite(a[0]) && is_finite(a[1]) && is_finite(a[2]); }

Vec3 interpolate(const std::vector<Vec3>& v, double position) {
  if (v.empty() || !(position >= 0) || position > static_cast<double>(v.size() - 1)) return kMissing;
  const auto below = static_cast<std::size_t>(std::floor(position));
  if (below + 1 >= v.size()) return v[below];
  const double f = position - static_cast<double>(below);
  return vec::add(v[below], vec::scale(vec::sub(v[below + 1], v[below]), f));
}

using text::format;

void clear_outputs(KneeLoadData& d) {
  for (auto* v : {&d.extensor_moment_nm, &d.flexion_deg, &d.power_w, &d.quadriceps_n, &d.pf_force_n, &d.pf_stress_mpa,
                  &d.tf_compression_n})
    v->clear();
  d.moment_nm.clear();
  d.force_n.clear();
  d.tibia_up.clear();
}

}  // namespace

Wrench proximal_joint_wrench(std::span<const SegmentState> segments, std::span<const SegmentInertia> inertia,
                             const Vec3& joint, const Wrench& ground_about_origin, const Vec3& gravity) {
  Wrench w;
  w.force = vec::scale(ground_about_origin.force, -1.0);
  // Moment of the ground reaction about the joint: M_origin - joint x F.
  w.moment = vec::scale(vec::sub(ground_about_origin.moment, vec::cross(joint, ground_about_origin.force)), -1.0);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const SegmentState& s = segments[i];
    const SegmentInertia& m = inertia[i];
    const Vec3 net_acceleration = vec::sub(s.com_acceleration, gravity);  // a - g
    w.force = vec::add(w.force, vec::scale(net_acceleration, m.mass_kg));
    const Vec3 euler = vec::add(inertia_times(s, m, s.angular_acceleration),
                                vec::cross(s.angular_velocity, inertia_times(s, m, s.angular_velocity)));
    const Vec3 transfer = vec::cross(vec::sub(s.com, joint), vec::scale(net_acceleration, m.mass_kg));
    w.moment = vec::add(w.moment, vec::add(euler, transfer));
  }
  return w;
}

AngularRates angular_rates(const std::array<Vec3, 3>& before, const std::array<Vec3, 3>& now,
                           const std::array<Vec3, 3>& after, double h) {
  AngularRates r;
  for (std::size_t k = 0; k < 3; ++k) {
    const Vec3 rate = vec::scale(vec::sub(after[k], before[k]), 0.5 / h);
    const Vec3 second = vec::scale(vec::add(vec::sub(after[k], vec::scale(now[k], 2.0)), before[k]), 1.0 / (h * h));
    r.velocity = vec::add(r.velocity, vec::scale(vec::cross(now[k], rate), 0.5));
    r.acceleration = vec::add(r.acceleration, vec::scale(vec::cross(now[k], second), 0.5));
  }
  return r;
}

GroundWrenchSignals prepare_ground_wrench(const PlateSeries& plate, Axis up, std::optional<double> cutoff_hz) {
  GroundWrenchSignals g;
  g.rate_hz = plate.rate_hz;
  const std::size_t n = plate.force_n.size();
  g.force_n.resize(n);
  g.moment_origin_nm.resize(n);
  const Vec3 u = unit_vector(up);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3& f = plate.force_n[i];
    const Vec3 cop = i < plate.cop_m.size() ? plate.cop_m[i] : kMissing;
    if (!is_finite(f)) {  // a gap in the recording stays a gap
      g.force_n[i] = g.moment_origin_nm[i] = kMissing;
    } else if (!is_finite(cop)) {  // unloaded: no wrench, and no undefined COP in any moment
      g.force_n[i] = g.moment_origin_nm[i] = Vec3{};
    } else {
      const double free = i < plate.free_moment_nm.size() && std::isfinite(plate.free_moment_nm[i])
                              ? plate.free_moment_nm[i]
                              : 0.0;
      g.force_n[i] = f;
      g.moment_origin_nm[i] = vec::add(vec::cross(cop, f), vec::scale(u, free));
    }
  }
  g.filter = "unfiltered";
  if (cutoff_hz && *cutoff_hz > 0) {
    if (*cutoff_hz < 0.5 * plate.rate_hz) {
      g.force_n = signal::lowpass_zero_lag(g.force_n, plate.rate_hz, *cutoff_hz);
      g.moment_origin_nm = signal::lowpass_zero_lag(g.moment_origin_nm, plate.rate_hz, *cutoff_hz);
      g.filter = format("zero-lag Butterworth low-pass %g Hz", *cutoff_hz);
    } else {
      g.filter = format("unfiltered (cut-off %g Hz not below the Nyquist frequency)", *cutoff_hz);
    }
  }
  return g;
}

void compute_knee_load(const Body& body, const Stance& stance, const GroundWrenchSignals& ground,
                       const KneeLoadModel& model, KneeLoadData& d) {
  clear_outputs(d);
  d.method = KneeLoadMethod::none;
  d.missing_reason.clear();
  d.rate_hz = body.rate_hz;
  if (stance.side == Side::none) {
    d.missing_reason = "stance not assigned to a foot";
    return;
  }
  if (!(body.rate_hz > 0) || body.frames < 5) {
    d.missing_reason = "no marker data";
    return;
  }
  if (!(ground.rate_hz > 0) || ground.force_n.empty()) {
    d.missing_reason = "force plate has no samples";
    return;
  }
  const double rate = body.rate_hz, h = 1.0 / rate;
  const double first_position = std::ceil(stance.ic_s * rate - 1e-6);
  const double last_position = std::floor(stance.to_s * rate + 1e-6);
  if (!std::isfinite(first_position) || !std::isfinite(last_position)) {
    d.missing_reason = "stance times are not finite";
    return;
  }
  // One frame of margin on both sides for the central differences.
  const double frames = static_cast<double>(body.frames);
  const double first_f = std::max(first_position, 1.0), last_f = std::min(last_position, frames - 2);
  if (last_f - first_f < 2) {
    d.missing_reason = "stance spans fewer than 3 marker frames inside the recording";
    return;
  }
  const auto first = static_cast<std::size_t>(first_f), last = static_cast<std::size_t>(last_f);
  d.first_frame = first;

  const SideLandmarks& leg = body.side(stance.side);
  const auto ic_frame = static_cast<std::size_t>(std::clamp(std::round(stance.ic_s * rate), 0.0, frames - 1));
  const bool three_d = is_finite(at(leg.knee_lateral, ic_frame)) && is_finite(at(leg.knee_medial, ic_frame)) &&
                       is_finite(at(leg.ankle_lateral, ic_frame)) && is_finite(at(leg.ankle_medial, ic_frame));
  d.method = three_d ? KneeLoadMethod::three_d : KneeLoadMethod::sagittal;
  const Vec3 up = unit_vector(body.up);
  const Vec3 lab_right = vec::cross(unit_vector(body.progression), up);
  const SegmentParameters shank_p = de_leva_1996(Segment::shank, model.sex);
  const SegmentParameters foot_p = de_leva_1996(Segment::foot, model.sex);

  // Geometry of every frame in [first - 1, last + 1].
  const std::size_t frames_used = last - first + 3;
  for (auto* v : {&d.shank_axes, &d.foot_axes}) v->resize(frames_used);
  for (auto* v : {&d.shank_com, &d.foot_com, &d.knee, &d.extension_axis}) v->resize(frames_used);
  for (auto* v : {&d.shank_length, &d.foot_length, &d.flexion_margin}) v->resize(frames_used);
  double shank_sum = 0, foot_sum = 0;
  std::size_t lengths = 0;
  for (std::size_t j = 0; j < frames_used; ++j) {
    const std::size_t f = first - 1 + j;
    const Vec3 knee = joint_centre(leg.knee_centre, leg.knee_lateral, leg.knee_medial, f, !three_d);
    const Vec3 ankle = joint_centre(leg.ankle_centre, leg.ankle_lateral, leg.ankle_medial, f, !three_d);
    const Vec3 heel = at(leg.heel, f), toe = at(leg.toe, f), hip = at(leg.hip_centre, f);
    Vec3 ml = lab_right, knee_ml = lab_right;
    if (three_d) {
      ml = rightward(at(leg.ankle_lateral, f), at(leg.ankle_medial, f), stance.side);
      knee_ml = rightward(at(leg.knee_lateral, f), at(leg.knee_medial, f), stance.side);
    }
    const Vec3 shank_vector = vec::sub(knee, ankle), foot_vector = vec::sub(toe, heel);
    // Sagittal: every segment lies in the plane of up and progression; rotation only about lab right.
    d.shank_axes[j] = axes_from(three_d ? shank_vector : vec::reject(shank_vector, lab_right), ml);
    d.foot_axes[j] = axes_from(three_d ? foot_vector : vec::reject(foot_vector, lab_right), ml);
    d.knee[j] = knee;
    d.shank_com[j] = vec::add(knee, vec::scale(vec::sub(ankle, knee), shank_p.com_fraction));
    d.foot_com[j] = vec::add(heel, vec::scale(foot_vector, foot_p.com_fraction));
    d.shank_length[j] = vec::norm(shank_vector);
    d.foot_length[j] = vec::norm(foot_vector);
    if (std::isfinite(d.shank_length[j]) && std::isfinite(d.foot_length[j])) {
      shank_sum += d.shank_length[j];
      foot_sum += d.foot_length[j];
      ++lengths;
    }
    // Extensor moment about the femoral medio-lateral axis (Grood & Suntay e1) when the thigh is known.
    Vec3 extension = lab_right;
    if (three_d) {
      const Vec3 thigh_long = vec::sub(hip, knee);
      extension = is_finite(thigh_long) ? vec::normalized(vec::reject(knee_ml, vec::normalized(thigh_long)))
                                        : d.shank_axes[j][1];
    }
    d.extension_axis[j] = extension;
    if (!is_finite(hip) || !is_finite(knee) || !is_finite(ankle)) {
      d.flexion_margin[j] = kNaN;
    } else if (three_d) {
      d.flexion_margin[j] = knee_flexion_grood_suntay_deg(hip, at(leg.knee_lateral, f), at(leg.knee_medial, f),
                                                          at(leg.ankle_lateral, f), at(leg.ankle_medial, f), stance.side);
    } else {
      d.flexion_margin[j] = knee_flexion_sagittal_deg(hip, knee, ankle, body.up, body.progression);
    }
  }
  if (lengths == 0) {
    d.method = KneeLoadMethod::none;
    d.missing_reason = "knee, ankle, heel or toe landmark missing throughout stance";
    return;
  }
  const std::array<SegmentInertia, 2> inertia{
      segment_inertia(shank_p, model.body_mass_kg, shank_sum / static_cast<double>(lengths)),
      segment_inertia(foot_p, model.body_mass_kg, foot_sum / static_cast<double>(lengths))};
  const Vec3 gravity = vec::scale(up, -model.gravity_m_s2);

  const std::size_t n = last - first + 1;
  d.extensor_moment_nm.resize(n);
  d.moment_nm.resize(n);
  d.force_n.resize(n);
  d.tibia_up.resize(n);
  for (auto* v : {&d.flexion_deg, &d.power_w, &d.quadriceps_n, &d.pf_force_n, &d.pf_stress_mpa, &d.tf_compression_n})
    v->resize(n);
  constexpr double kDegToRad = 1.0 / vec::kRadToDeg;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = i + 1;  // margin index of this frame
    const double t = static_cast<double>(first + i) * h;
    std::array<SegmentState, 2> segments;
    bool valid = true;
    for (std::size_t s = 0; s < 2; ++s) {
      const auto& axes = s == 0 ? d.shank_axes : d.foot_axes;
      const auto& com = s == 0 ? d.shank_com : d.foot_com;
      if (!finite_axes(axes[j - 1]) || !finite_axes(axes[j]) || !finite_axes(axes[j + 1]) || !is_finite(com[j - 1]) ||
          !is_finite(com[j]) || !is_finite(com[j + 1])) {
        valid = false;
        break;
      }
      const AngularRates rates = angular_rates(axes[j - 1], axes[j], axes[j + 1], h);
      segments[s] = SegmentState{com[j],
                                 vec::scale(vec::add(vec::sub(com[j + 1], vec::scale(com[j], 2.0)), com[j - 1]), rate * rate),
                                 rates.velocity,
                                 rates.acceleration,
                                 axes[j][0],
                                 axes[j][1],
                                 axes[j][2]};
    }
    const double plate_position = t * ground.rate_hz;
    const Wrench ground_wrench{interpolate(ground.force_n, plate_position), interpolate(ground.moment_origin_nm, plate_position)};
    d.flexion_deg[i] = d.flexion_margin[j];
    d.tibia_up[i] = d.shank_axes[j][0];
    if (!valid || !is_finite(d.knee[j]) || !is_finite(ground_wrench.force) || !is_finite(ground_wrench.moment) ||
        !is_finite(d.extension_axis[j])) {
      d.extensor_moment_nm[i] = d.power_w[i] = d.quadriceps_n[i] = d.pf_force_n[i] = d.pf_stress_mpa[i] =
          d.tf_compression_n[i] = kNaN;
      d.moment_nm[i] = d.force_n[i] = kMissing;
      continue;
    }
    const Wrench knee = proximal_joint_wrench(segments, inertia, d.knee[j], ground_wrench, gravity);
    const double extensor = vec::dot(knee.moment, d.extension_axis[j]);
    d.extensor_moment_nm[i] = extensor;
    d.moment_nm[i] = three_d ? knee.moment : vec::scale(lab_right, extensor);
    d.force_n[i] = knee.force;
    // Extension velocity = -d(flexion)/dt; central difference over the margin frames.
    const double extension_velocity = -(d.flexion_margin[j + 1] - d.flexion_margin[j - 1]) * 0.5 * rate * kDegToRad;
    d.power_w[i] = extensor * extension_velocity;
    if (std::isfinite(d.flexion_deg[i])) {
      const PatellofemoralLoad pf = patellofemoral_load(extensor, d.flexion_deg[i], model.sex);
      d.quadriceps_n[i] = pf.quadriceps_n;
      d.pf_force_n[i] = pf.pf_force_n;
      d.pf_stress_mpa[i] = pf.pf_stress_mpa;
      d.tf_compression_n[i] = tibiofemoral_compression_n(knee.force, d.tibia_up[i], pf.quadriceps_n);
    } else {
      d.quadriceps_n[i] = d.pf_force_n[i] = d.pf_stress_mpa[i] = d.tf_compression_n[i] = kNaN;
    }
  }
}

}  // namespace touchdown
