#include "events/synthetic_gait.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace touchdown::testing {
namespace {

struct Contact {
  double touch, lift;
};

// Contacts of one marker covering [-stride, duration + stride].
std::vector<Contact> contacts(const GaitSpec& spec, double first_touch, double touch_offset, double lift_offset) {
  std::vector<Contact> out;
  double touch = first_touch;
  while (touch > -spec.stride_s) touch -= spec.stride_s;
  for (; touch < spec.duration_s + spec.stride_s; touch += spec.stride_s)
    out.push_back({touch + touch_offset, touch + spec.stance_s - lift_offset});
  return out;
}

// Height above rest of a marker at time t, by integrating the acceleration on a fine grid.
class MarkerMotion {
 public:
  MarkerMotion(const GaitSpec& spec, std::vector<Contact> c, double t_end) : spec_(spec), contacts_(std::move(c)) {
    const double start = contacts_.front().touch + spec_.pulse_s;  // at rest
    const std::size_t n = static_cast<std::size_t>((t_end - start) / kStep) + 2;
    start_ = start;
    height_.assign(n, 0.0);
    double v = 0, h = 0, a_prev = acceleration(start);
    for (std::size_t i = 1; i < n; ++i) {
      const double t = start + static_cast<double>(i) * kStep;
      const double a = acceleration(t);
      if (at_rest(t)) {
        v = 0;
        h = 0;
      } else {
        const double v_next = v + 0.5 * (a + a_prev) * kStep;
        h += 0.5 * (v + v_next) * kStep;
        v = v_next;
      }
      a_prev = a;
      height_[i] = h;
    }
  }
  [[nodiscard]] double height(double t) const {
    const double x = (t - start_) / kStep;
    const auto i = static_cast<std::size_t>(x);
    const double w = x - static_cast<double>(i);
    return (1 - w) * height_[i] + w * height_[i + 1];
  }

 private:
  static constexpr double kStep = 2e-5;  // trapezoid error ~ step^2: far below a micrometre
  [[nodiscard]] double pulse(double s) const {
    const double amplitude = spec_.landing_speed_mps / spec_.pulse_s;
    return amplitude * (1 - std::cos(2 * std::numbers::pi * s / spec_.pulse_s));
  }
  [[nodiscard]] bool at_rest(double t) const {
    return std::any_of(contacts_.begin(), contacts_.end(),
                       [&](const Contact& c) { return t >= c.touch + spec_.pulse_s && t <= c.lift; });
  }
  [[nodiscard]] double acceleration(double t) const {
    for (std::size_t k = 0; k + 1 < contacts_.size(); ++k) {
      const double lift = contacts_[k].lift, touch = contacts_[k + 1].touch;
      if (t < lift || t > touch + spec_.pulse_s) continue;
      const double d = spec_.pulse_s;
      const double middle = touch - lift - d;
      const double amplitude = spec_.landing_speed_mps / d;
      if (t < lift + d) return pulse(t - lift);
      if (t >= touch) return pulse(t - touch);
      return -2.0 * amplitude * d / middle;  // removes the lift-off and landing impulses A*D each
    }
    return 0.0;
  }
  const GaitSpec& spec_;
  std::vector<Contact> contacts_;
  double start_ = 0;
  std::vector<double> height_;
};

}  // namespace

SyntheticGait make_gait(const GaitSpec& spec) {
  SyntheticGait gait;
  const double first_left = spec.first_right_touch_s + spec.stride_s / 2;
  const auto frames = static_cast<std::size_t>(std::llround(spec.duration_s * spec.marker_rate_hz));
  Body& body = gait.body;
  body.rate_hz = spec.marker_rate_hz;
  body.frames = frames;
  body.up = spec.up;
  body.progression = Axis{(spec.up.index + 1) % 3, 1};
  const int lateral = (spec.up.index + 2) % 3;
  const double end = spec.duration_s + spec.stride_s;
  for (const Side side : {Side::left, Side::right}) {
    const double first = side == Side::left ? first_left : spec.first_right_touch_s;
    const MarkerMotion toe(spec, contacts(spec, first, 0.0, 0.0), end);
    const MarkerMotion heel(spec, contacts(spec, first, spec.heel_touch_delay_s, spec.heel_lift_lead_s), end);
    SideLandmarks& s = side == Side::left ? body.left : body.right;
    s.heel.resize(frames);
    s.toe.resize(frames);
    const double across = side == Side::left ? 0.1 : -0.1;
    for (std::size_t i = 0; i < frames; ++i) {
      const double t = static_cast<double>(i) / spec.marker_rate_hz;
      Vec3 h{}, k{};
      h[spec.up.index] = spec.up.sign * (spec.heel_rest_m + heel.height(t));
      k[spec.up.index] = spec.up.sign * (spec.toe_rest_m + toe.height(t));
      h[body.progression.index] = 0.2 * std::sin(2 * std::numbers::pi * (t - first) / spec.stride_s);
      k[body.progression.index] = h[body.progression.index] + 0.18;
      h[lateral] = k[lateral] = across;
      s.heel[i] = h;
      s.toe[i] = k;
    }
  }

  const auto samples = static_cast<std::size_t>(std::llround(spec.duration_s * spec.plate_rate_hz));
  gait.per_foot_plates.resize(2);
  for (PlateSeries& p : gait.per_foot_plates) {
    p.rate_hz = spec.plate_rate_hz;
    p.force_n.assign(samples, Vec3{});
    p.cop_m.assign(samples, Vec3{std::nan(""), std::nan(""), std::nan("")});
  }
  for (const Side side : {Side::left, Side::right}) {
    const double first = side == Side::left ? first_left : spec.first_right_touch_s;
    PlateSeries& plate = gait.per_foot_plates[side == Side::left ? 0 : 1];
    for (const Contact& c : contacts(spec, first, 0.0, 0.0)) {
      if (c.touch > 0 && c.lift < spec.duration_s) gait.truth.push_back({side, c.touch, c.lift});
      for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / spec.plate_rate_hz;
        if (t <= c.touch || t >= c.lift) continue;
        plate.force_n[i][spec.up.index] += spec.up.sign * spec.peak_force_n *
                                           std::sin(std::numbers::pi * (t - c.touch) / (c.lift - c.touch));
        plate.cop_m[i] = Vec3{0.5, 0.5, 0.5};
      }
    }
  }
  gait.treadmill = gait.per_foot_plates[0];
  for (std::size_t i = 0; i < samples; ++i)
    for (int a = 0; a < 3; ++a) gait.treadmill.force_n[i][a] += gait.per_foot_plates[1].force_n[i][a];
  std::sort(gait.truth.begin(), gait.truth.end(),
            [](const TrueStance& a, const TrueStance& b) { return a.touch_s < b.touch_s; });
  return gait;
}

}  // namespace touchdown::testing
