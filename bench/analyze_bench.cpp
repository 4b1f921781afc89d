// End-to-end lab analysis of the 30 s RBDS treadmill trial (read, static calibration, filtering,
// events, metrics, JSON), against reading the same files alone as the baseline in the same run.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "touchdown/analysis.hpp"
#include "touchdown/read.hpp"
#include "touchdown/session_json.hpp"

namespace {

const std::filesystem::path kRun = std::filesystem::path(TOUCHDOWN_DATA_DIR) / "running/rbds/c3d/RBDS001runT35.c3d";
const std::filesystem::path kStatic = std::filesystem::path(TOUCHDOWN_DATA_DIR) / "running/rbds/c3d/RBDS001static.c3d";

void BM_ReadRbdsBaseline(benchmark::State& state) {
  if (!std::filesystem::exists(kRun)) {
    state.SkipWithError("shared/data not available");
    return;
  }
  for (auto _ : state) {
    touchdown::Trial run = touchdown::read_trial(kRun);
    touchdown::Trial standing = touchdown::read_trial(kStatic);
    benchmark::DoNotOptimize(run.points.tracks.data());
    benchmark::DoNotOptimize(standing.points.tracks.data());
  }
}
BENCHMARK(BM_ReadRbdsBaseline)->Unit(benchmark::kMillisecond);

void BM_AnalyzeRbdsEndToEnd(benchmark::State& state) {
  if (!std::filesystem::exists(kRun)) {
    state.SkipWithError("shared/data not available");
    return;
  }
  std::size_t steps = 0;
  for (auto _ : state) {
    touchdown::Trial run = touchdown::read_trial(kRun);
    touchdown::Trial standing = touchdown::read_trial(kStatic);
    touchdown::AnalysisOptions options;
    options.metrics.body_mass_kg = 62.0;
    touchdown::AnalysisResult result = touchdown::analyze_trial(run, &standing, options);
    std::string json = touchdown::to_json(result.session).dump();
    steps = result.session.steps.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_AnalyzeRbdsEndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
