#include "model/marker_roles.hpp"

#include <gtest/gtest.h>

using namespace touchdown;
using touchdown::model::classify_marker;
using touchdown::model::MarkerRole;

// Labels taken from the data sets in shared/data (Plug-in Gait, RBDS CAST/ISB, OpenSim, BTK French).
TEST(MarkerRoles, ClassifiesFeetPelvisAndTrunkAcrossMarkerSets) {
  struct Case {
    const char* label;
    MarkerRole role;
    Side side;
  };
  const Case cases[] = {
      {"LHEE", MarkerRole::heel, Side::left},       {"R.Heel.Bottom", MarkerRole::heel, Side::right},
      {"RCAL", MarkerRole::heel, Side::right},      {"R.Calca", MarkerRole::heel, Side::right},
      {"calcn_r", MarkerRole::heel, Side::right},   {"L_FCC", MarkerRole::heel, Side::left},
      {"RTOE", MarkerRole::toe, Side::right},       {"L.MT1", MarkerRole::toe, Side::left},
      {"RMT5", MarkerRole::toe, Side::right},       {"R.Foot.Med", MarkerRole::toe, Side::right},
      {"L.HAL", MarkerRole::toe, Side::left},       {"LANK", MarkerRole::foot, Side::left},
      {"RLMAL", MarkerRole::foot, Side::right},     {"L_foot_1", MarkerRole::foot, Side::left},
      {"RASI", MarkerRole::pelvis, Side::right},    {"L.PSIS", MarkerRole::pelvis, Side::left},
      {"V.Sacral", MarkerRole::pelvis, Side::none}, {"R.EIAS", MarkerRole::pelvis, Side::right},
      {"pelvis_1", MarkerRole::pelvis, Side::none}, {"S2", MarkerRole::pelvis, Side::none},
      {"C7", MarkerRole::trunk, Side::none},        {"CLAV", MarkerRole::trunk, Side::none},
      {"LFHD", MarkerRole::trunk, Side::left},      {"Tete.H", MarkerRole::trunk, Side::none},
      {"Subject:STRN", MarkerRole::trunk, Side::none}, {"L_IAS", MarkerRole::pelvis, Side::left},
      {"R_IPS", MarkerRole::pelvis, Side::right},   {"CV7", MarkerRole::trunk, Side::none},
      {"r heel", MarkerRole::heel, Side::right},    {"l met", MarkerRole::toe, Side::left},
      {"RTH1", MarkerRole::unknown, Side::none},    {"L.Shank.Top.Lateral", MarkerRole::unknown, Side::none},
      {"RKNE", MarkerRole::unknown, Side::none},    {"StartG", MarkerRole::unknown, Side::none},
  };
  for (const Case& c : cases) {
    const auto name = classify_marker(c.label);
    EXPECT_EQ(name.role, c.role) << c.label;
    if (c.role != MarkerRole::unknown) {
      EXPECT_EQ(name.side, c.side) << c.label;
    }
  }
}
