// Force events on an overground run exported as OpenSim GRF (one series per foot), parsed ad hoc here
// (the production .mot reader lives in io/).
#include <gtest/gtest.h>

#include <algorithm>

#include "events/text_table.hpp"
#include "test_data.hpp"
#include "touchdown/events.hpp"

using namespace touchdown;

TEST(OpenSimGrfEvents, OneRightAndOneLeftStanceOverground) {
  TOUCHDOWN_REQUIRE_DATA("running/bmc_opensim/grf_run.mot");
  const auto table =
      touchdown::testing::read_text_table(touchdown::testing::data_path("running/bmc_opensim/grf_run.mot").string(), "time");
  const auto& time = table.column("time");
  ASSERT_GT(time.size(), 2u);
  const double rate = static_cast<double>(time.size() - 1) / (time.back() - time.front());  // 300 Hz per SOURCE.txt
  std::vector<PlateSeries> plates(2);
  std::vector<ForcePlate> info(2);
  const char* prefixes[] = {"R_ground_force_", "L_ground_force_"};
  for (std::size_t p = 0; p < 2; ++p) {
    const std::string prefix = prefixes[p];
    const auto &vx = table.column(prefix + "vx"), &vy = table.column(prefix + "vy"), &vz = table.column(prefix + "vz");
    const auto &px = table.column(prefix + "px"), &py = table.column(prefix + "py"), &pz = table.column(prefix + "pz");
    plates[p].rate_hz = rate;
    for (std::size_t i = 0; i < time.size(); ++i) {
      plates[p].force_n.push_back({vx[i], vy[i], vz[i]});
      plates[p].cop_m.push_back({px[i], py[i], pz[i]});
    }
    info[p].type = 100;
    info[p].assigned_side = p == 0 ? Side::right : Side::left;
  }
  const EventResult events = detect_force_events(plates, info, nullptr);
  ASSERT_EQ(events.stances.size(), 2u);
  EXPECT_EQ(events.stances[0].side, Side::right);
  EXPECT_EQ(events.stances[1].side, Side::left);
  // SOURCE.txt: R stance 0.057-0.297 s, L 0.403-0.663 s, threshold not stated; between 10 and 50 N the
  // crossings move by at most 3 samples (10 ms) on these slopes.
  EXPECT_NEAR(events.stances[0].ic_s, 0.057, 0.010);
  EXPECT_NEAR(events.stances[0].to_s, 0.297, 0.010);
  EXPECT_NEAR(events.stances[1].ic_s, 0.403, 0.010);
  EXPECT_NEAR(events.stances[1].to_s, 0.663, 0.010);
  // OpenSim's GRF is Y-up; found from the forces themselves since no body is given.
  EXPECT_NE(std::find(events.parameters.begin(), events.parameters.end(), "plate 1 vertical=+Y (largest mean force)"),
            events.parameters.end());
  Body body;
  body.rate_hz = 150.0;
  EXPECT_NO_THROW(require_running(events, body));  // a 0.1 s flight between the two stances
}
