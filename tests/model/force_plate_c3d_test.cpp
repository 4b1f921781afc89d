// Force plates from real C3D files (read by branch `c3d`'s reader; skipped until it is merged).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "c3d_pending.hpp"
#include "test_data.hpp"
#include "touchdown/axes.hpp"
#include "touchdown/force_plate.hpp"

using namespace touchdown;
using touchdown::testing::data_path;

namespace {
bool mentions(const std::vector<std::string>& warnings, const std::string& text) {
  return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}
struct Contact {
  std::size_t begin, end;  // analog samples, end exclusive
};
// Stances: vertical force above `threshold`, at least `minimum_s` long (running stance > 0.1 s).
std::vector<Contact> contacts(const PlateSeries& series, int up, double threshold, double minimum_s) {
  std::vector<Contact> found;
  std::size_t begin = 0;
  bool on = false;
  for (std::size_t i = 0; i <= series.force_n.size(); ++i) {
    const bool loaded = i < series.force_n.size() && series.force_n[i][up] > threshold;
    if (loaded && !on) begin = i, on = true;
    if (!loaded && on) {
      on = false;
      if (static_cast<double>(i - begin) / series.rate_hz >= minimum_s) found.push_back({begin, i});
    }
  }
  return found;
}
}  // namespace

TEST(ForcePlateC3d, RbdsType4TreadmillGivesRunningForces) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  TOUCHDOWN_READ_C3D_OR_SKIP(trial, data_path("running/rbds/c3d/RBDS001runT35.c3d"));
  detect_axes(trial);
  ASSERT_EQ(trial.up.axis, (Axis{1, 1}));  // SOURCE.txt: lab Y = vertical
  ASSERT_EQ(trial.force_plates.size(), 1u);
  ASSERT_EQ(trial.force_plates[0].type, 4);
  const PlateSeries series = compute_plate_series(trial, 0);
  EXPECT_NEAR(series.rate_hz, 300.0, 1e-6);
  // SOURCE.txt: vertical force = -(value after ANALOG:SCALE) * 1000: the channels hold the force on the
  // foot in the z-down plate frame (CORNERS give plate z = lab -Y), the convention the code assumes.
  EXPECT_TRUE(series.warnings.empty()) << series.warnings.front();

  // Subject 1: 62 kg; "peak Fz ~2.5 BW", "~86 contacts in 30 s", "contact time ~0.22 s" (50 N threshold).
  const double body_weight = 62.0 * 9.81;
  double peak = 0;
  for (const Vec3& f : series.force_n) peak = std::max(peak, f.y);
  EXPECT_GT(peak / body_weight, 2.2);  // "~2.5 BW": +-0.3 BW allows for the threshold-free peak of one stance
  EXPECT_LT(peak / body_weight, 2.9);
  const auto stances = contacts(series, 1, 50.0, 0.08);
  EXPECT_NEAR(static_cast<double>(stances.size()), 86.0, 3.0);  // "~86": +-3 for contacts cut at the trial ends
  std::vector<double> durations;
  for (const Contact& c : stances) durations.push_back(static_cast<double>(c.end - c.begin) / series.rate_hz);
  std::nth_element(durations.begin(), durations.begin() + static_cast<std::ptrdiff_t>(durations.size() / 2), durations.end());
  EXPECT_NEAR(durations[durations.size() / 2], 0.22, 0.02);  // "~0.22 s"; 0.02 s = 6 samples

  // COP on the belt: CORNERS span X 1249-3049 mm and Z 733.7-1219.7 mm (parameter dump), Y = 0.
  std::size_t loaded = 0, on_plate = 0;
  for (const Vec3& cop : series.cop_m) {
    if (std::isnan(cop.x)) continue;
    ++loaded;
    on_plate += cop.x > 1.249 && cop.x < 3.049 && cop.z > 0.7337 && cop.z < 1.2197 && std::abs(cop.y) < 0.01 ? 1 : 0;
  }
  ASSERT_GT(loaded, 0u);
  EXPECT_GT(static_cast<double>(on_plate) / static_cast<double>(loaded), 0.99);

  // COP under the stance foot at mid-stance: within 0.2 m (horizontal) of the heel-MT1 midpoint of the
  // lower foot. A foot is < 0.3 m long; the ORIGIN x, y (-243, 900 mm) would put it 0.9 m off if misread.
  const std::size_t ratio = static_cast<std::size_t>(std::lround(trial.analog.rate_hz / trial.points.rate_hz));
  std::size_t checked = 0, under_foot = 0;
  for (const Contact& c : stances) {
    const std::size_t mid = (c.begin + c.end) / 2;
    const std::size_t frame = mid / ratio;
    const Vec3& cop = series.cop_m[mid];
    double best = 1e9;
    for (const char* side : {"R.", "L."}) {
      const auto heel = trial.points.find(std::string(side) + "Heel.Bottom");
      const auto toe = trial.points.find(std::string(side) + "MT1");
      if (!heel || !toe || frame >= trial.points.frames) continue;
      const Vec3f& h = trial.points.tracks[*heel].samples[frame];
      const Vec3f& t = trial.points.tracks[*toe].samples[frame];
      if (!h.valid() || !t.valid() || std::isnan(cop.x)) continue;
      best = std::min(best, std::hypot(cop.x - 0.5e-3 * (h.x + t.x), cop.z - 0.5e-3 * (h.z + t.z)));
    }
    if (best > 1e8) continue;
    ++checked;
    under_foot += best < 0.2 ? 1 : 0;
  }
  ASSERT_GT(checked, 40u);
  EXPECT_GT(static_cast<double>(under_foot) / static_cast<double>(checked), 0.9);
}

TEST(ForcePlateC3d, EzC3dType3KistlerStandingLoad) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/ezc3d_testFiles/FP_Type3.c3d");
  TOUCHDOWN_READ_C3D_OR_SKIP(trial, data_path("c3d-conformance/vendor/ezc3d_testFiles/FP_Type3.c3d"));
  trial.up = AxisFinding{Axis{2, 1}, "test: corners lie at Z ~ -6 mm, plate normal +Z", false};
  ASSERT_EQ(trial.force_plates.size(), 2u);
  const PlateSeries plate1 = compute_plate_series(trial, 0);
  ASSERT_EQ(plate1.force_n.size(), 8u);
  // Hand computation from the first analog frame (raw x ANALOG:SCALE, parameter dump): fz1..4 =
  // -232.8, -220.5, -215.0, -218.1 N, so Fz = -886.4 N in the z-down plate frame: a reaction of +886 N up;
  // Mx = b(fz1+fz2-fz3-fz4) = 0.35(-20.2) = -7.07, My = a(-fz1+fz2+fz3-fz4) = 0.21(15.4) = 3.23 N m;
  // Fx = -1.5, Fy = 3.1 N, az0 = -0.053 m: COP (plate) = ((az0 Fx - My)/Fz, (Mx + az0 Fy)/Fz) = (3.6, 8.2) mm.
  // Plate x = lab +Y, plate y = lab +X, centre = mean of CORNERS = (438.9, 287.6, -5.75) mm,
  // so COP (lab) = (438.9 + 8.2, 287.6 + 3.6, -5.75) mm.
  EXPECT_NEAR(plate1.force_n[0].z, 886.4, 2.0);  // channel values were rounded to 0.1 N by hand
  EXPECT_NEAR(plate1.cop_m[0].x, 0.4471, 0.003);  // 3 mm: hand rounding and the plate's 0.3 deg skew
  EXPECT_NEAR(plate1.cop_m[0].y, 0.2912, 0.003);
  EXPECT_NEAR(plate1.cop_m[0].z, -0.00575, 0.002);
  EXPECT_FALSE(mentions(plate1.warnings, "sign reversed"));
  // Plate 2 carries +-2 N of noise: COP undefined throughout.
  const PlateSeries plate2 = compute_plate_series(trial, 1);
  for (const Vec3& cop : plate2.cop_m) EXPECT_TRUE(std::isnan(cop.x));
}

TEST(ForcePlateC3d, EzC3dType1PlateGeometryAndGarbageCorners) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/ezc3d_testFiles/FP_Type1.c3d");
  TOUCHDOWN_READ_C3D_OR_SKIP(trial, data_path("c3d-conformance/vendor/ezc3d_testFiles/FP_Type1.c3d"));
  detect_axes(trial);
  ASSERT_EQ(trial.force_plates.size(), 4u);
  // Plate 1 CORNERS are a 0.4 x 0.6 m plate at Y ~ 0.02 m; its channels hold only +-7 N (no one stood
  // on it, per a dump of the analog block): forces are reported, the COP is undefined.
  const PlateSeries plate1 = compute_plate_series(trial, 0);
  ASSERT_FALSE(plate1.force_n.empty());
  double largest = 0;
  for (const Vec3& f : plate1.force_n) largest = std::max(largest, std::abs(f.x) + std::abs(f.y) + std::abs(f.z));
  EXPECT_LT(largest, 30.0);
  for (const Vec3& cop : plate1.cop_m) EXPECT_TRUE(std::isnan(cop.x));
  // Plates 2-4 have CORNERS like -5.9e10 and 3e-38: no plate can be built from them.
  for (std::size_t p = 1; p < 4; ++p) EXPECT_THROW((void)compute_plate_series(trial, p), InputError) << "plate " << p + 1;
}
