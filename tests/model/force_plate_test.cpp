// Synthetic plates carry one hand-computed load (see the derivation below); each plate type encodes it
// in its own channels, and every type must give back the same lab-frame reaction, COP and free moment.
#include "touchdown/force_plate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "touchdown/error.hpp"

using namespace touchdown;

namespace {
// Plate 0.4 m (plate x) by 0.6 m (plate y), centre at lab (1.0, 2.0, 0) m, lab Z up, turned so that
// plate x = lab +Y, plate y = lab +X, plate z = lab -Z (down, as the C3D guide draws it).
// Corners in mm: 1 (+x+y) = (1300, 2200, 0), 2 (-x+y) = (1300, 1800, 0), 3 = (700, 1800, 0), 4 = (700, 2200, 0).
//
// Load, in the plate frame, as C3D files store it (the force of the plate on the foot): F = (-50, 100,
// -800) N (z points down, so -800 pushes the foot up), applied 0.05 m along plate x and 0.10 m along plate
// y from the surface centre, free torque -3 N m about plate z. With ORIGIN (10, -20, -40) mm the COP
// relative to O is d = (0.06, 0.08, -0.04) m and M = d x F + (0, 0, -3):
//   Mx = dy Fz - dz Fy = 0.08(-800) - (-0.04)(100) = -64 + 4 = -60
//   My = dz Fx - dx Fz = (-0.04)(-50) - 0.06(-800) = 2 + 48 = 50
//   Mz = dx Fy - dy Fx - 3 = 0.06(100) - 0.08(-50) - 3 = 6 + 4 - 3 = 7        [N m]
// Expected, lab frame: R maps (x, y, z) -> (y, x, -z), so the reaction R F = (100, -50, 800) N;
// COP = centre + R (0.05, 0.10, 0) = (1.10, 2.05, 0) m; free torque -3 about plate z = -3 x (lab -Z)
// = +3 N m about +Z; moment about O = R M = (My, Mx, -Mz) = (50, -60, -7) N m.
constexpr double kFx = -50, kFy = 100, kFz = -800, kMx = -60, kMy = 50, kMz = 7, kTz = -3;

Trial plate_trial(int type, const std::vector<std::pair<std::string, std::vector<float>>>& channels, Vec3 origin_mm) {
  Trial trial;
  trial.source.path = "synthetic";
  trial.points.units = "mm";
  trial.points.rate_hz = 100;
  trial.analog.rate_hz = 1000;
  trial.up = AxisFinding{Axis{2, 1}, "test: Z up", false};
  ForcePlate plate;
  plate.type = type;
  plate.corners = {Vec3{1300, 2200, 0}, Vec3{1300, 1800, 0}, Vec3{700, 1800, 0}, Vec3{700, 2200, 0}};
  plate.origin = origin_mm;
  for (const auto& [units, samples] : channels) {
    plate.channels.push_back(trial.analog.channels.size());
    trial.analog.channels.push_back({"ch" + std::to_string(trial.analog.channels.size() + 1), "", units, samples});
  }
  trial.analog.samples_per_channel = channels.empty() ? 0 : channels[0].second.size();
  trial.force_plates.push_back(plate);
  return trial;
}

Trial type2(double sign = 1, Vec3 origin = {10, -20, -40}) {
  auto f = [&](double v) { return std::vector<float>{static_cast<float>(sign * v)}; };
  return plate_trial(2, {{"N", f(kFx)}, {"N", f(kFy)}, {"N", f(kFz)}, {"Nmm", f(kMx * 1000)}, {"Nmm", f(kMy * 1000)},
                         {"Nmm", f(kMz * 1000)}},
                     origin);
}

void expect_reference_load(const PlateSeries& s) {
  ASSERT_EQ(s.force_n.size(), 1u);
  // Channels are float: 1e-4 relative on 800 N is 0.08 N; COP within 0.1 mm; torques within 0.01 N m.
  EXPECT_NEAR(s.force_n[0].x, 100.0, 0.05);
  EXPECT_NEAR(s.force_n[0].y, -50.0, 0.05);
  EXPECT_NEAR(s.force_n[0].z, 800.0, 0.05);
  EXPECT_NEAR(s.cop_m[0].x, 1.10, 1e-4);
  EXPECT_NEAR(s.cop_m[0].y, 2.05, 1e-4);
  EXPECT_NEAR(s.cop_m[0].z, 0.0, 1e-4);
  EXPECT_NEAR(s.free_moment_nm[0], 3.0, 0.01);
}

bool mentions(const PlateSeries& s, const std::string& text) {
  return std::any_of(s.warnings.begin(), s.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}
}  // namespace

TEST(ForcePlateSeries, Type2GivesTheHandComputedReactionCopAndFreeMoment) {
  const PlateSeries s = compute_plate_series(type2(), 0);
  expect_reference_load(s);
  EXPECT_NEAR(s.moment_nm[0].x, 50.0, 0.01);
  EXPECT_NEAR(s.moment_nm[0].y, -60.0, 0.01);
  EXPECT_NEAR(s.moment_nm[0].z, -7.0, 0.01);
  EXPECT_DOUBLE_EQ(s.rate_hz, 1000.0);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(ForcePlateSeries, Type1FromCopAndFreeTorque) {
  // COP relative to O: (0.06, 0.08) m; Tz = -3 N m.
  auto f = [](double v) { return std::vector<float>{static_cast<float>(v)}; };
  const Trial trial = plate_trial(1, {{"N", f(kFx)}, {"N", f(kFy)}, {"N", f(kFz)}, {"m", f(0.06)}, {"m", f(0.08)}, {"Nm", f(kTz)}},
                                  {10, -20, -40});
  expect_reference_load(compute_plate_series(trial, 0));
}

TEST(ForcePlateSeries, Type3FromKistlerSensorChannels) {
  // Kistler: sensors at (+-a, +-b) in the plane of O, which is az0 = -40 mm below the surface centre;
  // a = 0.12 m, b = 0.20 m. d = (0.05, 0.10, -0.04) m, so M = d x F + (0, 0, -3) = (-76, 42, 7) N m:
  //   Mx = 0.10(-800) - (-0.04)(100) = -76; My = (-0.04)(-50) - 0.05(-800) = 42; Mz = 5 + 5 - 3 = 7.
  // Channels solving Fx = fx12 + fx34, Fy = fy14 + fy23, Mz = b(fx34 - fx12) + a(fy14 - fy23),
  // Mx = b(fz1 + fz2 - fz3 - fz4), My = a(-fz1 + fz2 + fz3 - fz4), with fz1 - fz2 + fz3 - fz4 = 0:
  //   fx12 = fx34 = -25; fy14 = 50 + 7/0.24 = 79.1667, fy23 = 20.8333; fz = -382.5, -207.5, -17.5, -192.5.
  auto f = [](double v) { return std::vector<float>{static_cast<float>(v)}; };
  const Trial trial = plate_trial(3,
                                  {{"N", f(-25)}, {"N", f(-25)}, {"N", f(50 + 7.0 / 0.24)}, {"N", f(50 - 7.0 / 0.24)},
                                   {"N", f(-382.5)}, {"N", f(-207.5)}, {"N", f(-17.5)}, {"N", f(-192.5)}},
                                  {120, 200, -40});
  expect_reference_load(compute_plate_series(trial, 0));
}

TEST(ForcePlateSeries, Type4AppliesTheCalibrationMatrixFirst) {
  // C (row-major, F = C v): diag(2, 2, 4, 1000, 1000, 1000) N/V and N mm/V, plus cross-talk C[0][2] = 0.5:
  // v2 = Fz/4 = -200, v0 = (Fx - 0.5 v2)/2 = 25, v1 = Fy/2 = 50, v3..5 = M[N mm] / 1000 = M[N m].
  auto f = [](double v) { return std::vector<float>{static_cast<float>(v)}; };
  Trial trial = plate_trial(4, {{"V", f(25)}, {"V", f(50)}, {"V", f(-200)}, {"V", f(kMx)}, {"V", f(kMy)}, {"V", f(kMz)}},
                            {10, -20, -40});
  std::vector<double> cal(36, 0.0);
  for (std::size_t k = 0; k < 3; ++k) cal[k * 7] = k == 2 ? 4 : 2;
  for (std::size_t k = 3; k < 6; ++k) cal[k * 7] = 1000;
  cal[2] = 0.5;
  trial.force_plates[0].calibration = cal;
  expect_reference_load(compute_plate_series(trial, 0));
  trial.force_plates[0].calibration.resize(35);
  EXPECT_THROW((void)compute_plate_series(trial, 0), InputError);
}

TEST(ForcePlateSeries, PositiveOriginZIsTheOldAmtiConvention) {
  const PlateSeries s = compute_plate_series(type2(1, {10, -20, 40}), 0);
  expect_reference_load(s);
  EXPECT_TRUE(mentions(s, "ORIGIN z is positive"));
}

TEST(ForcePlateSeries, ReversedOriginXYIsDetectedFromTheCop) {
  // Treadmill-style origin in a plate corner: ORIGIN = (-180, 280, -40) mm puts O at (+0.18, -0.28) from
  // the centre. The same load 0.05/0.10 m from the centre has d = (0.05 - 0.18 = -0.13, 0.10 + 0.28 = 0.38).
  // Stored with x, y reversed, the COP would land 0.36 m / 0.56 m away, off the 0.4 x 0.6 m plate.
  const Vec3 d{-0.13, 0.38, -0.04};
  const Vec3 m{d.y * kFz - d.z * kFy, d.z * kFx - d.x * kFz, d.x * kFy - d.y * kFx + kTz};
  auto f = [](double v) { return std::vector<float>{static_cast<float>(v)}; };
  auto build = [&](Vec3 origin) {
    return plate_trial(2, {{"N", f(kFx)}, {"N", f(kFy)}, {"N", f(kFz)}, {"Nm", f(m.x)}, {"Nm", f(m.y)}, {"Nm", f(m.z)}}, origin);
  };
  const PlateSeries right = compute_plate_series(build({-180, 280, -40}), 0);
  expect_reference_load(right);
  EXPECT_TRUE(right.warnings.empty());
  const PlateSeries reversed = compute_plate_series(build({180, -280, -40}), 0);
  expect_reference_load(reversed);
  EXPECT_TRUE(mentions(reversed, "ORIGIN x, y"));
}

TEST(ForcePlateSeries, PlateReportingTheForceOnThePlateIsTurnedAround) {
  const PlateSeries s = compute_plate_series(type2(-1), 0);
  expect_reference_load(s);
  EXPECT_TRUE(mentions(s, "sign reversed"));
}

TEST(ForcePlateSeries, CopIsMissingBelowTheThreshold) {
  const PlateSeries s = compute_plate_series(type2(), 0, PlateOptions{900.0});
  EXPECT_NEAR(s.force_n[0].z, 800.0, 0.05);  // force is still reported
  EXPECT_TRUE(std::isnan(s.cop_m[0].x));
  EXPECT_TRUE(std::isnan(s.free_moment_nm[0]));
}

TEST(ForcePlateSeries, MetreTrialsAndUnlabelledMomentsUsePointUnits) {
  // Same plate in metres; moment channels without units are N x POINT units = N m here.
  Trial trial = type2();
  trial.points.units = "m";
  for (Vec3& c : trial.force_plates[0].corners) c = Vec3{c.x / 1000, c.y / 1000, c.z / 1000};
  trial.force_plates[0].origin = Vec3{0.010, -0.020, -0.040};
  for (std::size_t k = 3; k < 6; ++k) {
    trial.analog.channels[k].units = "";
    trial.analog.channels[k].samples[0] /= 1000.0f;
  }
  expect_reference_load(compute_plate_series(trial, 0));
}

TEST(ForcePlateSeries, RejectsUnusablePlates) {
  Trial trial = type2();
  EXPECT_THROW((void)compute_plate_series(trial, 1), InputError);  // no such plate
  trial.force_plates[0].type = 6;
  EXPECT_THROW((void)compute_plate_series(trial, 0), InputError);  // unsupported type
  trial = type2();
  trial.force_plates[0].channels[5] = 17;
  EXPECT_THROW((void)compute_plate_series(trial, 0), InputError);  // channel out of range
  trial = type2();
  trial.force_plates[0].corners[2] = Vec3{-5.9e10, 3e-38, 1e-14};  // garbage as in FP_Type1.c3d plates 2-4
  EXPECT_THROW((void)compute_plate_series(trial, 0), InputError);
  trial = type2();
  trial.force_plates[0].corners = {};
  EXPECT_THROW((void)compute_plate_series(trial, 0), InputError);  // all zero: not a plate
}

TEST(ForcePlateSeries, Type100TakesLabFrameGrfWithChannelUnits) {
  Trial trial;
  trial.source.path = "grf";
  trial.analog.rate_hz = 100;
  trial.up = AxisFinding{Axis{1, 1}, "test: Y up", false};
  const std::vector<std::pair<std::string, float>> values{{"N", 10}, {"N", 700}, {"N", -5}, {"mm", 1200}, {"mm", 0}, {"mm", 300},
                                                          {"Nmm", 0}, {"Nmm", 2500}, {"Nmm", 0}};
  ForcePlate plate;
  plate.type = 100;
  for (const auto& [units, value] : values) {
    plate.channels.push_back(trial.analog.channels.size());
    trial.analog.channels.push_back({"c", "", units, {value}});
  }
  trial.force_plates.push_back(plate);
  const PlateSeries s = compute_plate_series(trial, 0);
  EXPECT_DOUBLE_EQ(s.force_n[0].y, 700.0);
  EXPECT_DOUBLE_EQ(s.cop_m[0].x, 1.2);
  EXPECT_DOUBLE_EQ(s.cop_m[0].z, 0.3);
  EXPECT_DOUBLE_EQ(s.free_moment_nm[0], 2.5);
  // Moment about the lab origin: r x F + T = (0*(-5) - 0.3*700, 0.3*10 - 1.2*(-5) + 2.5, 1.2*700 - 0) = (-210, 11.5, 840).
  EXPECT_NEAR(s.moment_nm[0].x, -210.0, 1e-9);
  EXPECT_NEAR(s.moment_nm[0].y, 11.5, 1e-9);
  EXPECT_NEAR(s.moment_nm[0].z, 840.0, 1e-9);
}
