// Real data: RBDS subject 1 at 2.5 m/s on an instrumented treadmill (Fukuchi et al. 2017, PeerJ 5:e3298),
// text export of markers (150 Hz, mm) and forces (300 Hz, N, COP in mm; lab Y up, runner facing +X).
// The data set labels this runner a forefoot striker on both sides at 2.5 m/s (meta/RBDSinfo.txt RFSI25,
// LFSI25); body mass 62 kg (same table). Stances come from a 20 N / 10 N hysteresis written here as
// test scaffolding (events/ owns the real detector), feet from the lateral COP position.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.hpp"
#include "touchdown/session.hpp"
#include "touchdown/session_json.hpp"

namespace touchdown {
namespace {

using Table = std::map<std::string, std::vector<double>>;

// Tab-separated table with one header line; "NaN" and empty cells become NaN.
Table read_table(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  {
    std::istringstream header(line);
    for (std::string name; std::getline(header, name, '\t');) names.push_back(name);
  }
  Table table;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::size_t column = 0;
    for (std::string cell; std::getline(row, cell, '\t') && column < names.size(); ++column) {
      char* end = nullptr;
      const double value = std::strtod(cell.c_str(), &end);
      table[names[column]].push_back(end == cell.c_str() ? std::nan("") : value);
    }
    for (; column < names.size(); ++column) table[names[column]].push_back(std::nan(""));
  }
  return table;
}

Trajectory marker(const Table& t, const std::string& name) {
  const auto& x = t.at(name + "X");
  const auto& y = t.at(name + "Y");
  const auto& z = t.at(name + "Z");
  Trajectory out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = Vec3{x[i] / 1000, y[i] / 1000, z[i] / 1000};
  return out;
}

Trajectory mean_of(const std::vector<Trajectory>& parts) {
  Trajectory out(parts.front().size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    Vec3 sum;
    for (const Trajectory& p : parts) sum = Vec3{sum.x + p[i].x, sum.y + p[i].y, sum.z + p[i].z};
    const double n = static_cast<double>(parts.size());
    out[i] = Vec3{sum.x / n, sum.y / n, sum.z / n};
  }
  return out;
}

struct RbdsTrial {
  Body body;
  std::vector<PlateSeries> plates;
  std::vector<Stance> stances;
};

RbdsTrial load_rbds001_t25() {
  RbdsTrial r;
  const Table markers = read_table(testing::data_path("running/rbds/txt/RBDS001runT25markers.txt"));
  const Table statics = read_table(testing::data_path("running/rbds/txt/RBDS001static.txt"));
  const Table forces = read_table(testing::data_path("running/rbds/txt/RBDS001runT25forces.txt"));

  Body& b = r.body;
  b.rate_hz = 150;
  b.up = Axis{1, 1};
  b.progression = Axis{0, 1};
  b.pelvis_centre = mean_of({marker(markers, "R.ASIS"), marker(markers, "L.ASIS"), marker(markers, "R.PSIS"),
                             marker(markers, "L.PSIS")});
  b.frames = b.pelvis_centre.size();
  b.marker_set = "RBDS CAST (text export)";
  for (const char* prefix : {"R.", "L."}) {
    SideLandmarks& s = prefix[0] == 'R' ? b.right : b.left;
    s.heel = marker(markers, std::string(prefix) + "Heel.Bottom");
    s.toe = marker(markers, std::string(prefix) + "MT1");
    // Standing angle: mean heel -> MT1 angle over the static trial.
    const Trajectory heel = marker(statics, std::string(prefix) + "Heel.Bottom");
    const Trajectory toe = marker(statics, std::string(prefix) + "MT1");
    double sum = 0;
    for (std::size_t i = 0; i < heel.size(); ++i) sum += sagittal_foot_angle_deg(heel[i], toe[i], b.up, b.progression);
    s.standing_foot_angle_deg = sum / static_cast<double>(heel.size());
  }

  PlateSeries p;
  p.rate_hz = 300;
  const std::size_t n = forces.at("Fy").size();
  p.force_n.resize(n);
  p.cop_m.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    p.force_n[i] = Vec3{forces.at("Fx")[i], forces.at("Fy")[i], forces.at("Fz")[i]};
    p.cop_m[i] = p.force_n[i].y > 20 ? Vec3{forces.at("COPx")[i] / 1000, forces.at("COPy")[i] / 1000, forces.at("COPz")[i] / 1000}
                                     : Vec3{std::nan(""), std::nan(""), std::nan("")};
  }

  // Stances: rise above 20 N, fall below 10 N, at least 80 ms; partial stances at the file ends dropped.
  std::size_t i = 0;
  while (i < n) {
    if (p.force_n[i].y <= 20) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < n && p.force_n[i].y >= 10) ++i;
    if (start == 0 || i >= n || static_cast<double>(i - start) / p.rate_hz < 0.08) continue;
    Stance s;
    s.ic_s = static_cast<double>(start) / p.rate_hz;
    s.to_s = static_cast<double>(i - 1) / p.rate_hz;
    s.plate = 0;
    s.method = "force";
    // Foot: the heel whose lateral (Z) position is nearer the COP at mid-stance.
    const std::size_t mid = (start + i) / 2;
    const double t_mid = static_cast<double>(mid) / p.rate_hz;
    const double cop_z = p.cop_m[mid].z;
    const double right_z = sample_at(b.right.heel, b.rate_hz, t_mid).z, left_z = sample_at(b.left.heel, b.rate_hz, t_mid).z;
    s.side = std::abs(cop_z - right_z) < std::abs(cop_z - left_z) ? Side::right : Side::left;
    r.stances.push_back(s);
  }
  r.plates.push_back(std::move(p));
  return r;
}

TEST(RbdsSession, Subject1At2_5IsAForefootStrikerWithPlausibleLoads) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/txt/RBDS001runT25forces.txt");
  const RbdsTrial trial = load_rbds001_t25();
  MetricsOptions options;
  options.body_mass_kg = 62.0;  // meta/RBDSinfo.txt
  options.body_mass_source = "RBDSinfo.txt";
  options.spatiotemporal.treadmill_speed_m_s = 2.5;
  SessionInputs inputs;
  inputs.input_files = {"RBDS001runT25markers.txt", "RBDS001runT25forces.txt"};
  inputs.event_method = "force (test scaffolding)";
  const Session s = build_session(trial.body, trial.stances, trial.plates, options, inputs);

  // About 2.6 steps/s over 30 s, minus the partial stances at both ends.
  ASSERT_GE(s.steps.size(), 70u);
  ASSERT_LE(s.steps.size(), 90u);
  for (const SideSummary* side : {&s.left, &s.right}) {
    SCOPED_TRACE(std::string(to_string(side->side)));
    // Dataset label: forefoot. The strike index (COP at touchdown) must agree on the majority of steps.
    ASSERT_TRUE(side->strike_pattern_si.majority) << side->strike_pattern_si.text;
    EXPECT_EQ(*side->strike_pattern_si.majority, StrikePattern::forefoot) << side->strike_pattern_si.text;
    // A forefoot striker does not land toes-up: foot strike angle below the rearfoot threshold (8 deg).
    EXPECT_LT(*side->stats.at("foot_strike_angle_deg").mean, 8.0);
    // Forefoot strikers show no impact transient (Lieberman et al. 2010): at most 1 step in 10 with one.
    EXPECT_LE(side->stats.at("impact_peak_bw").n * 10, side->steps);
    // Contact 0.22-0.24 s at 3.5 m/s for this runner (data README); longer at 2.5 m/s, still under 0.32 s.
    EXPECT_GT(*side->stats.at("contact_time_s").mean, 0.22);
    EXPECT_LT(*side->stats.at("contact_time_s").mean, 0.32);
    // Peak vertical GRF of running at these speeds: about 2.5 BW (data README), 2-3 BW.
    EXPECT_GT(*side->stats.at("active_peak_bw").mean, 2.0);
    EXPECT_LT(*side->stats.at("active_peak_bw").mean, 3.0);
    // No knee or ankle markers in the dynamic trial: knee metrics absent, with the reason.
    EXPECT_EQ(side->stats.at("knee_flexion_ic_deg").missing_reason, "hip, knee or ankle landmark missing at IC");
  }
  // Constant speed on a treadmill: braking and propulsive impulses cancel over a stride (within 10 %).
  const double braking = *s.left.stats.at("braking_impulse_bws").mean + *s.right.stats.at("braking_impulse_bws").mean;
  const double propulsive = *s.left.stats.at("propulsive_impulse_bws").mean + *s.right.stats.at("propulsive_impulse_bws").mean;
  EXPECT_LT(braking, 0);
  EXPECT_LT(std::abs(braking + propulsive), 0.10 * propulsive);
  // Recreational running at 2.5 m/s: 140-190 steps/min.
  ASSERT_TRUE(s.cadence_spm.value);
  EXPECT_GT(*s.cadence_spm.value, 140.0);
  EXPECT_LT(*s.cadence_spm.value, 190.0);
  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j.at("steps").size(), s.steps.size());
  std::cout << "[ measured ] cadence " << *s.cadence_spm.value << " spm; SI left " << s.left.strike_pattern_si.text
            << ", right " << s.right.strike_pattern_si.text << "; FSA left " << *s.left.stats.at("foot_strike_angle_deg").mean
            << " right " << *s.right.stats.at("foot_strike_angle_deg").mean << " deg; VALR left "
            << *s.left.stats.at("valr_bw_s").mean << " right " << *s.right.stats.at("valr_bw_s").mean << " BW/s\n";
}

}  // namespace
}  // namespace touchdown
