// Generating the demo runners: a 10 s treadmill trial (200 Hz markers, 1 kHz plate) and its truth.
#include <benchmark/benchmark.h>

#include "touchdown/simulate.hpp"

static void BM_SimulateHeelStriker10s(benchmark::State& state) {
  const touchdown::RunnerParameters parameters = touchdown::demo_heel_striker();
  for (auto _ : state) benchmark::DoNotOptimize(touchdown::simulate_running(parameters));
}
BENCHMARK(BM_SimulateHeelStriker10s)->Unit(benchmark::kMillisecond);

static void BM_SimulateForefootStrikerOverground10s(benchmark::State& state) {
  touchdown::RunnerParameters parameters = touchdown::demo_forefoot_striker();
  parameters.treadmill = false;
  for (auto _ : state) benchmark::DoNotOptimize(touchdown::simulate_running(parameters));
}
BENCHMARK(BM_SimulateForefootStrikerOverground10s)->Unit(benchmark::kMillisecond);
