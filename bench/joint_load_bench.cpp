// Knee joint loading for a 30 s treadmill trial (markers 150 Hz, plate 300 Hz, 83 stances): preparing
// the ground wrench at the markers' cut-off plus inverse dynamics, PF/TF load and metrics for every
// stance. Target (issue): adds at most 5 ms to an analysis.
#include <benchmark/benchmark.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "touchdown/joint_load.hpp"

namespace {

using touchdown::Vec3;
constexpr double kPi = std::numbers::pi;
constexpr double kSeconds = 30.0, kMarkerRate = 150.0, kPlateRate = 300.0, kStep = 0.36, kContact = 0.25;

// Legs swinging about a fixed hip (Z up, X progression), both with medial markers (3D inverse dynamics).
touchdown::Body running_body() {
  touchdown::Body b;
  b.rate_hz = kMarkerRate;
  b.frames = static_cast<std::size_t>(kSeconds * kMarkerRate);
  b.up = touchdown::Axis{2, 1};
  b.progression = touchdown::Axis{0, 1};
  b.pelvis_centre.assign(b.frames, Vec3{0, 0, 1.0});
  for (int s = 0; s < 2; ++s) {
    touchdown::SideLandmarks& leg = s == 0 ? b.left : b.right;
    const double y = s == 0 ? 0.1 : -0.1, out = s == 0 ? 1.0 : -1.0, phase = s == 0 ? 0.0 : kPi;
    for (auto* t : {&leg.hip_centre, &leg.knee_lateral, &leg.knee_medial, &leg.knee_centre, &leg.ankle_lateral,
                    &leg.ankle_medial, &leg.ankle_centre, &leg.heel, &leg.toe})
      t->resize(b.frames);
    for (std::size_t i = 0; i < b.frames; ++i) {
      const double t = static_cast<double>(i) / kMarkerRate;
      const double thigh = 0.4 * std::sin(2 * kPi * t / (2 * kStep) + phase);
      const double knee_flexion = 0.6 + 0.4 * std::sin(2 * kPi * t / (2 * kStep) + phase + 1.0);
      const Vec3 hip{0, y, 0.95};
      const Vec3 knee{hip.x + 0.45 * std::sin(thigh), y, hip.z - 0.45 * std::cos(thigh)};
      const double shank = thigh - knee_flexion;
      const Vec3 ankle{knee.x + 0.42 * std::sin(shank), y, knee.z - 0.42 * std::cos(shank)};
      leg.hip_centre[i] = hip;
      leg.knee_centre[i] = knee;
      leg.knee_lateral[i] = Vec3{knee.x, y + 0.05 * out, knee.z};
      leg.knee_medial[i] = Vec3{knee.x, y - 0.05 * out, knee.z};
      leg.ankle_centre[i] = ankle;
      leg.ankle_lateral[i] = Vec3{ankle.x, y + 0.035 * out, ankle.z};
      leg.ankle_medial[i] = Vec3{ankle.x, y - 0.035 * out, ankle.z};
      leg.heel[i] = Vec3{ankle.x - 0.05, y, ankle.z - 0.05};
      leg.toe[i] = Vec3{ankle.x + 0.17, y, ankle.z - 0.05};
    }
  }
  return b;
}

struct Trial {
  touchdown::Body body = running_body();
  touchdown::PlateSeries plate;
  std::vector<touchdown::Stance> stances;
  Trial() {
    const auto n = static_cast<std::size_t>(kSeconds * kPlateRate);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    plate.rate_hz = kPlateRate;
    plate.force_n.assign(n, Vec3{});
    plate.cop_m.assign(n, Vec3{nan, nan, nan});
    plate.moment_nm.assign(n, Vec3{});
    plate.free_moment_nm.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / kPlateRate, phase = std::fmod(t + 0.1, kStep);
      if (phase >= kContact) continue;
      plate.force_n[i] = Vec3{-200 * std::sin(2 * kPi * phase / kContact), 0, 1600 * std::sin(kPi * phase / kContact)};
      if (plate.force_n[i].z > 20) plate.cop_m[i] = Vec3{0.1 + 0.1 * phase / kContact, 0, 0};
    }
    for (int k = 1; 0.26 + k * kStep + kContact < kSeconds; ++k) {
      touchdown::Stance s;
      s.side = k % 2 ? touchdown::Side::right : touchdown::Side::left;
      s.ic_s = 0.26 + (k - 1) * kStep;
      s.to_s = s.ic_s + kContact;
      s.plate = 0;
      stances.push_back(s);
    }
  }
};

void BM_JointLoad30sTrial(benchmark::State& state) {
  const Trial trial;
  touchdown::KneeLoadData data;
  const touchdown::JointLoadOptions options;
  for (auto _ : state) {
    const touchdown::GroundWrenchSignals ground = touchdown::prepare_ground_wrench(trial.plate, trial.body.up, 12.0);
    double sum = 0;
    for (const touchdown::Stance& s : trial.stances) {
      const touchdown::JointLoadMetrics m = touchdown::compute_joint_load(trial.body, s, &ground, 70.0, options, data);
      sum += m.pf_stress_peak_mpa.value.value_or(0.0);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["stances"] = static_cast<double>(trial.stances.size());
}
BENCHMARK(BM_JointLoad30sTrial)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {
// The ground-wrench preparation alone (zeroing, COP x F, 12 Hz filter of six channels).
void BM_GroundWrench30s(benchmark::State& state) {
  const Trial trial;
  for (auto _ : state) {
    const touchdown::GroundWrenchSignals ground = touchdown::prepare_ground_wrench(trial.plate, trial.body.up, 12.0);
    benchmark::DoNotOptimize(ground.force_n.data());
  }
}
BENCHMARK(BM_GroundWrench30s)->Unit(benchmark::kMillisecond);
}  // namespace
