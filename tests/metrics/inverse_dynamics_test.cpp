// Inverse dynamics against hand-computed cases: static equilibrium of foot + shank under a ground
// reaction, a pendulum swinging about a fixed knee (moment = I_knee theta'' + gravity moment, work =
// change of energy), angular velocity/acceleration of analytic rotations, and the Euler term against a
// finite difference of angular momentum. Lab frame: Z up, X progression, so lab right is -Y.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <tuple>
#include <vector>

#include "metrics/synthetic.hpp"
#include "touchdown/joint_load.hpp"

namespace touchdown {
namespace {

constexpr double kG = 9.80665;
constexpr double kPi = std::numbers::pi;
const Vec3 kGravity{0, 0, -kG};
const Vec3 kRight{0, -1, 0};  // progression (+X) x up (+Z)

Vec3 add(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 scale(Vec3 a, double s) { return {a.x * s, a.y * s, a.z * s}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }

// Rodrigues rotation of v about unit axis n by angle a.
Vec3 rotate(Vec3 v, Vec3 n, double a) {
  return add(add(scale(v, std::cos(a)), scale(cross(n, v), std::sin(a))), scale(n, dot(n, v) * (1 - std::cos(a))));
}

SegmentState at_rest(Vec3 com) {
  SegmentState s;
  s.com = com;
  s.axis_long = {0, 0, 1};
  s.axis_ml = {0, -1, 0};
  s.axis_ap = {1, 0, 0};
  return s;
}

TEST(SegmentInertia, DeLeva1996MaleShankAndFootByHand) {
  // de Leva 1996 Table 4, male shank: 4.33 % of mass, CM 44.59 % from the knee, radii 25.5/24.9/10.3 %.
  const SegmentInertia shank = segment_inertia(de_leva_1996(Segment::shank, BodySex::male), 70.0, 0.43);
  EXPECT_DOUBLE_EQ(shank.mass_kg, 0.0433 * 70.0);
  EXPECT_DOUBLE_EQ(shank.com_fraction, 0.4459);
  EXPECT_NEAR(shank.i_ml, 3.031 * (0.249 * 0.43) * (0.249 * 0.43), 1e-12);  // transverse radius -> flexion axis
  EXPECT_NEAR(shank.i_ap, 3.031 * (0.255 * 0.43) * (0.255 * 0.43), 1e-12);
  EXPECT_NEAR(shank.i_long, 3.031 * (0.103 * 0.43) * (0.103 * 0.43), 1e-12);
  const SegmentParameters foot = de_leva_1996(Segment::foot, BodySex::female);
  EXPECT_DOUBLE_EQ(foot.mass_fraction, 0.0129);  // female foot 1.29 %, CM 40.14 % from the heel
  EXPECT_DOUBLE_EQ(foot.com_fraction, 0.4014);
}

TEST(InverseDynamics, StaticEquilibriumOfFootAndShankUnderAVerticalGroundReaction) {
  // Knee at (0, 0, 0.5); 1000 N straight up at a COP 0.1 m behind the knee on the floor.
  const Vec3 knee{0, 0, 0.5}, cop{-0.1, 0, 0}, grf{0, 0, 1000};
  const Wrench ground{grf, cross(cop, grf)};  // moment about the lab origin
  // Massless segments: the thigh must hold 100 N*m of extensor moment and push down 1000 N.
  const std::array<SegmentState, 2> segments{at_rest({0.02, 0, 0.3}), at_rest({0.05, 0, 0.05})};
  const std::array<SegmentInertia, 2> massless{};
  const Wrench bare = proximal_joint_wrench(segments, massless, knee, ground, kGravity);
  EXPECT_NEAR(dot(bare.moment, kRight), 100.0, 1e-12);  // 1000 N x 0.1 m lever, exact
  EXPECT_NEAR(bare.force.z, -1000.0, 1e-12);
  // Shank 3 kg with its CM 2 cm ahead of the knee, foot 1 kg 5 cm ahead: their weights add
  // 3 g 0.02 + 1 g 0.05 of extensor moment; the thigh pushes down 1000 - 4 g.
  std::array<SegmentInertia, 2> masses{};
  masses[0].mass_kg = 3.0;
  masses[1].mass_kg = 1.0;
  masses[0].i_ml = masses[1].i_ml = 0.05;  // inertia plays no part at rest
  const Wrench loaded = proximal_joint_wrench(segments, masses, knee, ground, kGravity);
  EXPECT_NEAR(dot(loaded.moment, kRight), 100.0 + kG * (3 * 0.02 + 1 * 0.05), 1e-12);
  EXPECT_NEAR(loaded.force.z, -(1000.0 - 4 * kG), 1e-12);
  EXPECT_NEAR(loaded.force.x, 0.0, 1e-12);
  // Tibiofemoral compression of the bare joint force along a vertical tibia, plus a 2000 N quadriceps.
  EXPECT_NEAR(tibiofemoral_compression_n(loaded.force, Vec3{0, 0, 1}, 2000.0), 1000.0 - 4 * kG + 2000.0, 1e-12);
}

TEST(InverseDynamics, AngularRatesOfARotationAboutATiltedAxis) {
  // phi(t) = 0.8 sin(3 t) about a fixed tilted axis: omega = phi' n, alpha = phi'' n.
  const Vec3 n = scale(Vec3{1, 2, 2}, 1.0 / 3.0);
  const auto frame = [&](double t) {
    const double phi = 0.8 * std::sin(3 * t);
    return std::array<Vec3, 3>{rotate({1, 0, 0}, n, phi), rotate({0, 1, 0}, n, phi), rotate({0, 0, 1}, n, phi)};
  };
  const double t = 0.4, h = 1e-3;
  const AngularRates r = angular_rates(frame(t - h), frame(t), frame(t + h), h);
  const double rate = 2.4 * std::cos(3 * t), acceleration = -7.2 * std::sin(3 * t);
  // Central differences: error ~ h^2 |phi'''| / 6 ~ 4e-6 rad/s (and rad/s^2 for alpha, from phi'''').
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(r.velocity[k], rate * n[k], 1e-5);
    EXPECT_NEAR(r.acceleration[k], acceleration * n[k], 1e-4);
  }
}

TEST(InverseDynamics, EulerTermMatchesFiniteDifferenceOfAngularMomentum) {
  // A body spinning about a precessing axis: the moment about its centre of mass (no gravity, no ground)
  // must equal dH/dt, H = I omega, with dH/dt taken by central differences of H itself.
  SegmentInertia inertia;
  inertia.mass_kg = 2.0;
  inertia.i_long = 0.01;
  inertia.i_ml = 0.05;
  inertia.i_ap = 0.08;
  const Vec3 precession = scale(Vec3{0, 1, 1}, 1 / std::sqrt(2.0));
  const auto frame = [&](double t) {
    // Spin 5 t about the body's own long (z) axis, then precess 2 t about a lab axis.
    std::array<Vec3, 3> e{Vec3{0, 0, 1}, Vec3{std::cos(5 * t), std::sin(5 * t), 0}, Vec3{-std::sin(5 * t), std::cos(5 * t), 0}};
    for (Vec3& v : e) v = rotate(v, precession, 2 * t + 0.3 * t * t);
    return e;
  };
  const double h = 1e-4;
  const auto state = [&](double t) {
    const AngularRates r = angular_rates(frame(t - h), frame(t), frame(t + h), h);
    const std::array<Vec3, 3> e = frame(t);
    return SegmentState{Vec3{}, Vec3{}, r.velocity, r.acceleration, e[0], e[1], e[2]};
  };
  const auto momentum = [&](double t) {
    const SegmentState s = state(t);
    const Vec3& w = s.angular_velocity;
    return add(add(scale(s.axis_long, inertia.i_long * dot(s.axis_long, w)), scale(s.axis_ml, inertia.i_ml * dot(s.axis_ml, w))),
               scale(s.axis_ap, inertia.i_ap * dot(s.axis_ap, w)));
  };
  const double t = 0.7, dt = 1e-3;
  const Vec3 dh = scale(add(momentum(t + dt), scale(momentum(t - dt), -1)), 0.5 / dt);
  const std::array<SegmentState, 1> segments{state(t)};
  const std::array<SegmentInertia, 1> inertias{inertia};
  const Wrench w = proximal_joint_wrench(segments, inertias, Vec3{}, Wrench{}, Vec3{});
  // |dH/dt| ~ 1 N*m here; both sides carry O(h^2, dt^2) difference errors of ~1e-5.
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(w.moment[k], dh[k], 1e-4) << k;
  EXPECT_GT(std::abs(w.moment[0]) + std::abs(w.moment[1]) + std::abs(w.moment[2]), 0.1);  // not a trivial zero
}

// ---------------------------------------------------------------------------------------------
// A pendulum: shank and foot rigidly fixed, swinging about a fixed knee in the sagittal plane with
// theta(t) = A sin(w t) from hanging straight down (+ = foot forward), thigh fixed vertical above.

constexpr double kRate = 400.0;
constexpr double kAmplitude = 0.5, kOmega = 2 * kPi * 1.5;
constexpr double kMass = 70.0;
const Vec3 kKnee{0.0, -0.1, 0.5};
constexpr double kShank = 0.40;
// Foot offsets from the ankle at theta = 0 (progression, up).
constexpr double kHeelX = -0.05, kHeelZ = -0.06, kToeX = 0.17, kToeZ = -0.06;

double theta(double t) { return kAmplitude * std::sin(kOmega * t); }
double theta_dot(double t) { return kAmplitude * kOmega * std::cos(kOmega * t); }
double theta_ddot(double t) { return -kAmplitude * kOmega * kOmega * std::sin(kOmega * t); }

// Point at (x along progression, z along up) from the knee at theta = 0, rotated by theta about lab right.
Vec3 swung(double x, double z, double t) {
  const double a = theta(t);
  return Vec3{kKnee.x + x * std::cos(a) - z * std::sin(a), kKnee.y, kKnee.z + x * std::sin(a) + z * std::cos(a)};
}

Body pendulum_body(bool three_d) {
  Body b = testing::empty_body(static_cast<std::size_t>(2.0 * kRate), kRate);
  SideLandmarks& leg = b.right;
  testing::fill(leg.hip_centre, Vec3{kKnee.x, kKnee.y, kKnee.z + 0.45});
  testing::fill(leg.knee_centre, kKnee);
  testing::fill(leg.knee_lateral, Vec3{kKnee.x, kKnee.y - 0.05, kKnee.z});
  if (three_d) testing::fill(leg.knee_medial, Vec3{kKnee.x, kKnee.y + 0.05, kKnee.z});
  testing::fill(leg.ankle_centre, kRate, [](double t) { return swung(0, -kShank, t); });
  testing::fill(leg.ankle_lateral, kRate, [](double t) { return add(swung(0, -kShank, t), Vec3{0, -0.035, 0}); });
  if (three_d)
    testing::fill(leg.ankle_medial, kRate, [](double t) { return add(swung(0, -kShank, t), Vec3{0, 0.035, 0}); });
  testing::fill(leg.heel, kRate, [](double t) { return swung(kHeelX, -kShank + kHeelZ, t); });
  testing::fill(leg.toe, kRate, [](double t) { return swung(kToeX, -kShank + kToeZ, t); });
  return b;
}

// No ground reaction at all: a plate that never loads (COP undefined throughout).
GroundWrenchSignals unloaded_plate() {
  return prepare_ground_wrench(testing::plate_series(1000.0, 2000, [](double) { return 0.0; }), Axis{2, 1}, std::nullopt);
}

struct PendulumExpectation {
  SegmentInertia shank, foot;
  double shank_com_x, shank_com_z, foot_com_x, foot_com_z;  // at theta = 0, from the knee
  [[nodiscard]] double pivot_inertia() const {
    return shank.i_ml + shank.mass_kg * (shank_com_x * shank_com_x + shank_com_z * shank_com_z) + foot.i_ml +
           foot.mass_kg * (foot_com_x * foot_com_x + foot_com_z * foot_com_z);
  }
  // M = I_knee theta'' - (gravity moment about lab right) = I theta'' + g sum m x_i(t).
  [[nodiscard]] double moment(double t) const {
    const double a = theta(t);
    const double shank_x = shank_com_x * std::cos(a) - shank_com_z * std::sin(a);
    const double foot_x = foot_com_x * std::cos(a) - foot_com_z * std::sin(a);
    return pivot_inertia() * theta_ddot(t) + kG * (shank.mass_kg * shank_x + foot.mass_kg * foot_x);
  }
  // Force of the thigh on the shank: sum m (a - g), a of each centre of mass rotating about the knee.
  [[nodiscard]] Vec3 force(double t) const {
    const double a = theta(t), w = theta_dot(t), dw = theta_ddot(t);
    Vec3 f{0, 0, 0};
    for (auto [m, x, z] : {std::tuple{shank.mass_kg, shank_com_x, shank_com_z}, std::tuple{foot.mass_kg, foot_com_x, foot_com_z}}) {
      const double ax = dw * (-x * std::sin(a) - z * std::cos(a)) - w * w * (x * std::cos(a) - z * std::sin(a));
      const double az = dw * (x * std::cos(a) - z * std::sin(a)) - w * w * (x * std::sin(a) + z * std::cos(a));
      f = add(f, Vec3{m * ax, 0, m * (az + kG)});
    }
    return f;
  }
  [[nodiscard]] double energy(double t) const {
    const double a = theta(t);
    const double shank_z = shank_com_x * std::sin(a) + shank_com_z * std::cos(a);
    const double foot_z = foot_com_x * std::sin(a) + foot_com_z * std::cos(a);
    return 0.5 * pivot_inertia() * theta_dot(t) * theta_dot(t) + kG * (shank.mass_kg * shank_z + foot.mass_kg * foot_z);
  }
};

PendulumExpectation pendulum_expectation() {
  PendulumExpectation e;
  const double foot_length = std::hypot(kToeX - kHeelX, kToeZ - kHeelZ);
  e.shank = segment_inertia(de_leva_1996(Segment::shank, BodySex::male), kMass, kShank);
  e.foot = segment_inertia(de_leva_1996(Segment::foot, BodySex::male), kMass, foot_length);
  e.shank_com_x = 0;
  e.shank_com_z = -kShank * e.shank.com_fraction;
  e.foot_com_x = kHeelX + (kToeX - kHeelX) * e.foot.com_fraction;
  e.foot_com_z = -kShank + kHeelZ + (kToeZ - kHeelZ) * e.foot.com_fraction;
  return e;
}

class PendulumTest : public ::testing::TestWithParam<bool> {};

TEST_P(PendulumTest, KneeMomentIsInertiaTimesAccelerationPlusGravityMoment) {
  const bool three_d = GetParam();
  const Body body = pendulum_body(three_d);
  const GroundWrenchSignals ground = unloaded_plate();
  KneeLoadData data;
  compute_knee_load(body, testing::stance(Side::right, 0.2, 1.6, 0), ground, KneeLoadModel{kMass, BodySex::male, kG}, data);
  ASSERT_EQ(data.method, three_d ? KneeLoadMethod::three_d : KneeLoadMethod::sagittal) << data.missing_reason;
  const PendulumExpectation e = pendulum_expectation();
  ASSERT_EQ(data.first_frame, static_cast<std::size_t>(0.2 * kRate));
  ASSERT_EQ(data.size(), static_cast<std::size_t>(1.4 * kRate) + 1);
  double largest = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const double t = static_cast<double>(data.first_frame + i) / kRate;
    largest = std::max(largest, std::abs(e.moment(t)));
    // Second differences at 400 Hz: relative error (h w)^2 / 12 ~ 4e-4 of the inertial term (~1.5 N*m).
    ASSERT_NEAR(data.extensor_moment_nm[i], e.moment(t), 2e-3) << "t = " << t;
    // No ground reaction: the thigh carries the segments' weight and accelerates them. Second
    // differences of the centres of mass: (h w)^2 / 12 of ~15 N of inertial force, under 0.01 N.
    const Vec3 force = e.force(t);
    ASSERT_NEAR(data.force_n[i].x, force.x, 0.02) << "t = " << t;
    ASSERT_NEAR(data.force_n[i].z, force.z, 0.02) << "t = " << t;
  }
  EXPECT_GT(largest, 1.0);  // the test exercises a real moment, not zeros
}

TEST_P(PendulumTest, KneeWorkEqualsTheChangeOfPendulumEnergy) {
  const Body body = pendulum_body(GetParam());
  KneeLoadData data;
  compute_knee_load(body, testing::stance(Side::right, 0.2, 1.6, 0), unloaded_plate(), KneeLoadModel{kMass, BodySex::male, kG},
                    data);
  ASSERT_NE(data.method, KneeLoadMethod::none) << data.missing_reason;
  // Power = extensor moment x extension velocity; thigh fixed, so extension velocity = theta'.
  const PendulumExpectation e = pendulum_expectation();
  double work = 0;
  for (std::size_t i = 0; i + 1 < data.size(); ++i) work += 0.5 * (data.power_w[i] + data.power_w[i + 1]) / kRate;
  const double t0 = static_cast<double>(data.first_frame) / kRate;
  const double t1 = static_cast<double>(data.first_frame + data.size() - 1) / kRate;
  // Trapezoid and central-difference errors of O(h^2) on a ~1 J energy swing: 1 mJ.
  EXPECT_NEAR(work, e.energy(t1) - e.energy(t0), 1e-3);
  EXPECT_GT(std::abs(e.energy(0.45) - e.energy(0.2)), 0.1);  // the energy does change
}

INSTANTIATE_TEST_SUITE_P(ThreeDAndSagittal, PendulumTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& param) { return param.param ? "ThreeD" : "Sagittal"; });

// ---------------------------------------------------------------------------------------------
// Standing still on a plate: the whole pipeline (landmarks -> segments -> ground wrench) gives the
// static answer: GRF moment about the knee plus the segments' weight moments.

TEST(InverseDynamics, StandingStillOnAPlateGivesTheStaticMoment) {
  Body body = testing::empty_body(100, 100.0);
  SideLandmarks& leg = body.left;
  const Vec3 knee{0.10, 0.1, 0.48}, ankle{0.0, 0.1, 0.08}, heel{-0.06, 0.1, 0.03}, toe{0.16, 0.1, 0.02};
  testing::fill(leg.hip_centre, Vec3{-0.05, 0.1, 0.92});
  testing::fill(leg.knee_centre, knee);
  testing::fill(leg.knee_lateral, add(knee, Vec3{0, 0.05, 0}));
  testing::fill(leg.knee_medial, add(knee, Vec3{0, -0.05, 0}));
  testing::fill(leg.ankle_centre, ankle);
  testing::fill(leg.ankle_lateral, add(ankle, Vec3{0, 0.035, 0}));
  testing::fill(leg.ankle_medial, add(ankle, Vec3{0, -0.035, 0}));
  testing::fill(leg.heel, heel);
  testing::fill(leg.toe, toe);
  // 1200 N up with a 30 N forward component, COP 2 cm ahead of the ankle, free moment 1.5 N*m.
  const Vec3 cop{0.02, 0.1, 0.0};
  PlateSeries plate = testing::plate_series(1000.0, 1000, [](double) { return 1200.0; }, [](double) { return 30.0; }, cop);
  plate.free_moment_nm.assign(plate.force_n.size(), 1.5);
  const GroundWrenchSignals ground = prepare_ground_wrench(plate, body.up, std::nullopt);
  // The prepared moment about the origin is COP x F + free moment about up, exactly.
  const Vec3 expected_origin = add(cross(cop, Vec3{30, 0, 1200}), Vec3{0, 0, 1.5});
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(ground.moment_origin_nm[500][k], expected_origin[k], 1e-12);

  const double mass = 60.0;
  KneeLoadData data;
  compute_knee_load(body, testing::stance(Side::left, 0.2, 0.8, 0), ground, KneeLoadModel{mass, BodySex::male, kG}, data);
  ASSERT_EQ(data.method, KneeLoadMethod::three_d) << data.missing_reason;
  // Hand computation in the sagittal plane (x forward, z up), moments about lab right (-Y):
  // GRF about the knee: r = COP - knee = (-0.08, -0.48); (r x F)_y = r_z F_x - r_x F_z
  // = -0.48*30 + 0.08*1200 = 81.6 -> about right -81.6 (external flexion); internal extensor +81.6.
  // Weights: shank CM = knee + 0.4459 (ankle - knee), x offset -0.04459; foot CM = heel + 0.4415 (toe -
  // heel), x offset -0.06 + 0.4415*0.22 - 0.10. Internal moment about right from a weight: g m x.
  const double shank_mass = 0.0433 * mass, foot_mass = 0.0137 * mass;
  const double shank_x = 0.4459 * (ankle.x - knee.x), foot_x = heel.x + 0.4415 * (toe.x - heel.x) - knee.x;
  const double expected = 81.6 + kG * (shank_mass * shank_x + foot_mass * foot_x);
  // The extensor axis is the femoral medio-lateral axis; here it is lab right exactly (epicondyles along Y).
  for (std::size_t i = 0; i < data.size(); ++i) {
    ASSERT_NEAR(data.extensor_moment_nm[i], expected, 1e-9);
    ASSERT_NEAR(data.power_w[i], 0.0, 1e-9);  // nothing moves
  }
  // Joint force: thigh on shank = weights - GRF.
  EXPECT_NEAR(data.force_n[0].x, -30.0, 1e-9);
  EXPECT_NEAR(data.force_n[0].z, (shank_mass + foot_mass) * kG - 1200.0, 1e-9);
}

TEST(InverseDynamics, UndefinedCopOutsideStanceNeverReachesTheMoment) {
  // Two plates equal in stance; outside stance one reads 0 N, the other 15 N of noise with the COP undefined
  // (as a reader reports an unloaded plate). After zeroing and the 12 Hz filter, both give the same wrench.
  const auto in_stance = [](double t) { return t >= 0.3 && t <= 0.55; };
  const auto vertical = [&](double t) { return in_stance(t) ? 1500.0 * std::sin(kPi * (t - 0.3) / 0.25) + 25 : 0.0; };
  PlateSeries clean = testing::plate_series(1000.0, 1000, vertical, [](double) { return 0.0; }, Vec3{0.1, 0, 0});
  PlateSeries noisy = clean;
  for (std::size_t i = 0; i < noisy.force_n.size(); ++i) {
    if (in_stance(static_cast<double>(i) / 1000.0)) continue;
    noisy.force_n[i] = Vec3{3.0, -2.0, 15.0 * ((i % 2) ? 1.0 : -1.0)};
    noisy.cop_m[i] = Vec3{testing::kNaN, testing::kNaN, testing::kNaN};
  }
  const GroundWrenchSignals a = prepare_ground_wrench(clean, Axis{2, 1}, 12.0);
  const GroundWrenchSignals b = prepare_ground_wrench(noisy, Axis{2, 1}, 12.0);
  EXPECT_EQ(a.filter, "zero-lag Butterworth low-pass 12 Hz");
  for (std::size_t i = 0; i < a.force_n.size(); ++i) {
    ASSERT_TRUE(is_finite(b.moment_origin_nm[i])) << i;  // no NaN COP anywhere in the moment
    for (int k = 0; k < 3; ++k) {
      ASSERT_DOUBLE_EQ(a.force_n[i][k], b.force_n[i][k]) << i;
      ASSERT_DOUBLE_EQ(a.moment_origin_nm[i][k], b.moment_origin_nm[i][k]) << i;
    }
  }
}

}  // namespace
}  // namespace touchdown
