// Patellofemoral and tibiofemoral models against values computed by hand from the published fits
// (van Eijden 1986 moment arm, Brechter & Powers 2002 k, Besier 2005 contact areas).
#include <gtest/gtest.h>

#include "touchdown/joint_load.hpp"

namespace touchdown {
namespace {

TEST(Patellofemoral, ModelsAtTheAnglesTheirSourcesTabulate) {
  // Moment arm at full extension is the fit's constant, 4.6 cm; at 30 deg:
  // 8e-8*27000 - 1.3e-5*900 + 2.8e-4*30 + 0.046 = 0.04486 m.
  EXPECT_NEAR(quadriceps_moment_arm_m(0), 0.046, 1e-15);
  EXPECT_NEAR(quadriceps_moment_arm_m(30), 0.04486, 1e-12);
  // k at 0 deg = 0.462; at 30 deg = 0.47154 / 0.634654; at 60 deg = 0.41196 / 0.435232.
  EXPECT_NEAR(pf_force_ratio(0), 0.462, 1e-15);
  EXPECT_NEAR(pf_force_ratio(30), 0.47154 / 0.634654, 1e-12);
  EXPECT_NEAR(pf_force_ratio(60), 0.41196 / 0.435232, 1e-12);
  // Contact area: Besier 2005 means x 1.24 exactly at 0, 30 and 60 deg.
  EXPECT_NEAR(pf_contact_area_mm2(0, BodySex::male), 210 * 1.24, 1e-9);
  EXPECT_NEAR(pf_contact_area_mm2(30, BodySex::male), 414 * 1.24, 1e-9);
  EXPECT_NEAR(pf_contact_area_mm2(60, BodySex::male), 520 * 1.24, 1e-9);
  EXPECT_NEAR(pf_contact_area_mm2(30, BodySex::female), 269 * 1.24, 1e-9);
  EXPECT_NEAR(pf_contact_area_mm2(60, BodySex::female), 396 * 1.24, 1e-9);
  // Outside the measured range the end values hold (no extrapolated parabola).
  EXPECT_DOUBLE_EQ(pf_contact_area_mm2(85, BodySex::male), pf_contact_area_mm2(60, BodySex::male));
  EXPECT_DOUBLE_EQ(pf_contact_area_mm2(-5, BodySex::male), pf_contact_area_mm2(0, BodySex::male));
  EXPECT_DOUBLE_EQ(quadriceps_moment_arm_m(120), quadriceps_moment_arm_m(90));
  EXPECT_DOUBLE_EQ(pf_force_ratio(-10), pf_force_ratio(0));
}

TEST(Patellofemoral, LoadChainAtThirtyDegrees) {
  // 150 N*m extensor at 30 deg: Fq = 150 / 0.04486; PFJRF = k Fq; stress = PFJRF / (414 * 1.24 mm^2).
  const PatellofemoralLoad load = patellofemoral_load(150.0, 30.0, BodySex::male);
  const double fq = 150.0 / 0.04486, pf = fq * 0.47154 / 0.634654;
  EXPECT_NEAR(load.quadriceps_n, fq, 1e-9);
  EXPECT_NEAR(load.pf_force_n, pf, 1e-9);
  EXPECT_NEAR(load.pf_stress_mpa, pf / (414 * 1.24), 1e-12);
  // A flexor moment loads no quadriceps in this model.
  const PatellofemoralLoad flexor = patellofemoral_load(-40.0, 30.0, BodySex::male);
  EXPECT_EQ(flexor.quadriceps_n, 0.0);
  EXPECT_EQ(flexor.pf_force_n, 0.0);
  EXPECT_EQ(flexor.pf_stress_mpa, 0.0);
}

TEST(Patellofemoral, RunningMagnitudesAreInThePublishedRange) {
  // 2.5 N*m/kg at 40 deg for 70 kg: Fq ~ 6 BW, PFJRF ~ 5 BW, stress ~ 6 MPa; running PF stress is
  // reported at roughly 5-11 MPa (Willson 2014; Vannatta & Kernozek 2015).
  const double weight = 70 * 9.80665;
  const PatellofemoralLoad load = patellofemoral_load(2.5 * 70, 40.0, BodySex::male);
  EXPECT_GT(load.pf_force_n / weight, 3.0);
  EXPECT_LT(load.pf_force_n / weight, 8.0);
  EXPECT_GT(load.pf_stress_mpa, 4.0);
  EXPECT_LT(load.pf_stress_mpa, 12.0);
}

}  // namespace
}  // namespace touchdown
