// JSON contract field names and CSV layout of a Session.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "metrics/synthetic_session.hpp"
#include "touchdown/session_json.hpp"
#include "touchdown/version.hpp"

namespace touchdown {
namespace {

Session synthetic_session() {
  const testing::SyntheticTrial t = testing::synthetic_trial();
  return build_session(t.body, t.stances, t.plates, t.options, t.inputs);
}

// The names the CLI, the web app and users' scripts rely on (session_json.hpp).
const std::vector<std::string> kStepContract{
    "side",           "ic_s",           "to_s",      "strike_pattern", "foot_strike_angle_deg",
    "strike_index_pct", "knee_flexion_ic_deg", "knee_flexion_excursion_deg", "contact_time_s",
    "impact_peak_bw", "valr_bw_s",      "vilr_bw_s", "braking_impulse_bws"};

TEST(SessionJson, StepsCarryTheContractFields) {
  const nlohmann::json j = to_json(synthetic_session());
  ASSERT_TRUE(j.at("steps").is_array());
  ASSERT_EQ(j.at("steps").size(), 4u);
  for (const auto& step : j.at("steps"))
    for (const std::string& name : kStepContract) EXPECT_TRUE(step.contains(name)) << name;
  const auto& left = j.at("steps").at(0);
  const auto& right = j.at("steps").at(1);
  EXPECT_EQ(left.at("side"), "left");
  EXPECT_EQ(right.at("side"), "right");
  EXPECT_EQ(left.at("strike_pattern"), "forefoot");
  EXPECT_EQ(right.at("strike_pattern"), "rearfoot");
  EXPECT_DOUBLE_EQ(right.at("ic_s").get<double>(), 0.45);  // copied from the stance
  EXPECT_NEAR(right.at("foot_strike_angle_deg").get<double>(), 15.0, 1e-9);  // exact geometry
}

TEST(SessionJson, MissingMetricIsNullWithReason) {
  const nlohmann::json j = to_json(synthetic_session());
  const auto& left = j.at("steps").at(0);  // forefoot ramp: no impact peak
  EXPECT_TRUE(left.at("impact_peak_bw").is_null());
  EXPECT_EQ(left.at("missing").at("impact_peak_bw"), "no distinct impact peak in first 25% of stance");
  EXPECT_FALSE(left.at("missing").contains("valr_bw_s"));
  EXPECT_NE(left.at("methods").at("valr_bw_s").get<std::string>().find("blackmore13"), std::string::npos);
}

TEST(SessionJson, SummaryKeyedBySideWithMeansAndStats) {
  const nlohmann::json j = to_json(synthetic_session());
  const auto& summary = j.at("summary");
  for (const char* side : {"left", "right"}) {
    ASSERT_TRUE(summary.contains(side));
    for (const std::string& name : kStepContract) {
      if (name == "side" || name == "ic_s" || name == "to_s") continue;
      EXPECT_TRUE(summary.at(side).contains(name)) << side << " " << name;
    }
    EXPECT_TRUE(summary.at(side).at("stats").at("contact_time_s").contains("sd"));
  }
  EXPECT_EQ(summary.at("right").at("strike_pattern"), "rearfoot");
  EXPECT_EQ(summary.at("right").at("strike_pattern_text"), "rearfoot on 2 of 2 steps");
  EXPECT_NEAR(summary.at("right").at("knee_flexion_ic_deg").get<double>(), 12.0, 1e-9);  // exact geometry
  EXPECT_EQ(summary.at("right").at("stats").at("knee_flexion_ic_deg").at("n"), 2);
  EXPECT_TRUE(summary.at("left").at("impact_peak_bw").is_null());
  EXPECT_EQ(summary.at("left").at("missing").at("impact_peak_bw"), "no distinct impact peak in first 25% of stance");
}

TEST(SessionJson, ProvenanceAndExtras) {
  const nlohmann::json j = to_json(synthetic_session());
  const auto& p = j.at("provenance");
  for (const char* key : {"input", "methods", "thresholds", "filter_cutoffs", "version"}) EXPECT_TRUE(p.contains(key)) << key;
  EXPECT_EQ(p.at("version"), kVersion);
  EXPECT_EQ(p.at("input").at(0), "synthetic.c3d");
  EXPECT_TRUE(p.at("filter_cutoffs").at("forces_hz").is_null());  // filtering disabled in the fixture
  EXPECT_EQ(p.at("filter_cutoffs").at("markers_hz"), 12.0);
  EXPECT_EQ(p.at("event_method"), "force");
  EXPECT_EQ(j.at("units").at("valr_bw_s"), "BW/s");
  EXPECT_TRUE(j.at("symmetry").contains("contact_time_s"));
  EXPECT_NEAR(j.at("session").at("cadence_spm").at("value").get<double>(), 60.0 / 0.35, 1e-9);  // step every 0.35 s
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

TEST(SessionCsv, HeaderHasUnitsAndOneRowPerStep) {
  std::ostringstream out;
  write_csv(out, synthetic_session());
  std::istringstream in(out.str());
  std::string header_line;
  std::getline(in, header_line);
  const std::vector<std::string> header = split(header_line);
  EXPECT_EQ(header, csv_header());
  EXPECT_EQ(std::vector<std::string>(header.begin(), header.begin() + 3), (std::vector<std::string>{"side", "ic_s", "to_s"}));
  // Every numeric column names its unit.
  const std::vector<std::string> text_columns{"side", "plate_index", "event_method", "strike_pattern", "strike_pattern_si", "strike_pattern_fsa",
                                              "extended_knee"};
  const std::vector<std::string> suffixes{"_s", "_deg", "_pct", "_bw", "_bws", "_m", "_deg_s", "_pct_leg", "_kn_m",
                                          "_nm_kg", "_mpa", "_j_kg"};
  for (const std::string& column : header) {
    if (std::find(text_columns.begin(), text_columns.end(), column) != text_columns.end()) continue;
    bool has_unit = false;
    for (const std::string& suffix : suffixes)
      has_unit |= column.size() > suffix.size() && column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0;
    EXPECT_TRUE(has_unit) << column;
  }
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(split(line));
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  EXPECT_EQ(rows[0][column("side")], "left");
  EXPECT_EQ(rows[0][column("strike_pattern")], "forefoot");
  EXPECT_EQ(rows[0][column("impact_peak_bw")], "");  // missing is an empty cell, not 0
  EXPECT_NEAR(std::stod(rows[1][column("foot_strike_angle_deg")]), 15.0, 1e-8);  // 10 significant digits
}

}  // namespace
}  // namespace touchdown
