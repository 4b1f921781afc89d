// Force event detection on 30 s of 300 Hz vertical GRF (a treadmill run: half-sine stances of 0.25 s
// every 0.36 s), against a baseline loop that only scans the samples with the same hysteresis.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "touchdown/events.hpp"

namespace {

touchdown::PlateSeries treadmill_run(double seconds, double rate) {
  touchdown::PlateSeries plate;
  plate.rate_hz = rate;
  const auto n = static_cast<std::size_t>(seconds * rate);
  plate.force_n.assign(n, touchdown::Vec3{});
  plate.cop_m.assign(n, touchdown::Vec3{0.3, 0.0, 0.2});
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    const double phase = std::fmod(t + 0.1, 0.36);
    if (phase < 0.25) plate.force_n[i].y = 1600.0 * std::sin(std::numbers::pi * phase / 0.25);
  }
  return plate;
}

void BM_DetectForceEvents(benchmark::State& state) {
  const std::vector<touchdown::PlateSeries> plates{treadmill_run(30.0, 300.0)};
  for (auto _ : state) {
    auto events = touchdown::detect_force_events(plates, {}, nullptr);
    benchmark::DoNotOptimize(events.stances.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plates[0].force_n.size()));
}
BENCHMARK(BM_DetectForceEvents);

// Without the unloaded-noise estimate (thresholds fixed at 20 N / 10 N).
void BM_DetectForceEventsFixedThresholds(benchmark::State& state) {
  const std::vector<touchdown::PlateSeries> plates{treadmill_run(30.0, 300.0)};
  touchdown::ForceEventOptions options;
  options.raise_thresholds_above_noise = false;
  for (auto _ : state) {
    auto events = touchdown::detect_force_events(plates, {}, nullptr, options);
    benchmark::DoNotOptimize(events.stances.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plates[0].force_n.size()));
}
BENCHMARK(BM_DetectForceEventsFixedThresholds);

// The least any detector must do: read every sample once and apply the thresholds.
void BM_ScanSamplesBaseline(benchmark::State& state) {
  const touchdown::PlateSeries plate = treadmill_run(30.0, 300.0);
  for (auto _ : state) {
    bool loaded = false;
    std::size_t stances = 0;
    for (const touchdown::Vec3& f : plate.force_n) {
      if (!loaded && f.y > 20.0) {
        loaded = true;
        ++stances;
      } else if (loaded && f.y < 10.0) {
        loaded = false;
      }
    }
    benchmark::DoNotOptimize(stances);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plate.force_n.size()));
}
BENCHMARK(BM_ScanSamplesBaseline);

}  // namespace
