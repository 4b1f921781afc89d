// Throughput of the TRC parser on the BMC running files, against a floor that only splits the same
// buffer into lines (the least any text reader must do). Reported as bytes/s by Google Benchmark.
#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "touchdown/opensim_text.hpp"

namespace {
std::string load(const char* relative) {
  const std::filesystem::path path = std::filesystem::path(TOUCHDOWN_DATA_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void split_lines(benchmark::State& state, const char* relative) {
  const std::string text = load(relative);
  if (text.empty()) {
    state.SkipWithError("data file not available");
    return;
  }
  for (auto _ : state) {
    std::size_t lines = 0, longest = 0;
    const char* at = text.data();
    const char* end = text.data() + text.size();
    while (at < end) {
      const void* newline = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
      const char* stop = newline ? static_cast<const char*>(newline) : end;
      longest = std::max(longest, static_cast<std::size_t>(stop - at));
      ++lines;
      at = stop + 1;
    }
    benchmark::DoNotOptimize(lines);
    benchmark::DoNotOptimize(longest);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void parse_trc_file(benchmark::State& state, const char* relative) {
  const std::string text = load(relative);
  if (text.empty()) {
    state.SkipWithError("data file not available");
    return;
  }
  for (auto _ : state) {
    touchdown::Trial trial = touchdown::parse_trc(text, relative);
    benchmark::DoNotOptimize(trial.points.tracks.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
}  // namespace

BENCHMARK_CAPTURE(split_lines, bmc_motion_capture_run, "running/bmc_opensim/motion_capture_run.trc");
BENCHMARK_CAPTURE(parse_trc_file, bmc_motion_capture_run, "running/bmc_opensim/motion_capture_run.trc");
BENCHMARK_CAPTURE(split_lines, bmc_static_run, "running/bmc_opensim/static_run.trc");
BENCHMARK_CAPTURE(parse_trc_file, bmc_static_run, "running/bmc_opensim/static_run.trc");
