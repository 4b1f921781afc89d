// C3D reading speed: MB/s and frames/s over every conformance file and over a generated 10-minute trial
// (60 markers @200 Hz, 16 analog channels @2 kHz, written with write_c3d), each next to a baseline in the
// same run: read(2) of the same bytes in 4 MiB chunks plus a float -> double conversion of every word.
// The reader's time over the baseline's is the number to watch. The generated-trial benchmark also
// reports the peak resident-memory growth while reading, as a multiple of the file size.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace {
namespace fs = std::filesystem;

struct FileSet {
  std::vector<fs::path> paths;
  std::uint64_t bytes = 0;
  std::uint64_t frames = 0;
};

const FileSet& conformance_files() {
  static const FileSet set = [] {
    FileSet s;
    const fs::path root = fs::path(TOUCHDOWN_DATA_DIR) / "c3d-conformance";
    if (!fs::exists(root)) return s;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      std::string extension = entry.path().extension().string();
      std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
      if (!entry.is_regular_file() || extension != ".c3d") continue;
      try {
        const auto trial = touchdown::read_c3d(entry.path());
        s.paths.push_back(entry.path());
        s.bytes += fs::file_size(entry.path());
        s.frames += trial.points.frames;
      } catch (const touchdown::InputError&) {
        // deliberately broken files (Empty.c3d) are not timed
      }
    }
    std::sort(s.paths.begin(), s.paths.end());
    return s;
  }();
  return set;
}

// The generated 10-minute trial, written once per run and removed at exit.
struct GeneratedFile {
  fs::path path;
  std::uint64_t frames = 0;
  GeneratedFile() {
    constexpr std::size_t frames_10min = 200 * 600;
    touchdown::Trial t;
    t.points.rate_hz = 200;
    t.points.frames = frames_10min;
    std::mt19937 random(7);
    std::normal_distribution<float> noise(0.0F, 1.0F);
    for (int k = 0; k < 60; ++k) {
      touchdown::PointTrack track;
      track.label = "M" + std::to_string(k);
      track.samples.resize(frames_10min);
      for (std::size_t f = 0; f < frames_10min; ++f) {
        const float phase = static_cast<float>(f) * 0.01F + static_cast<float>(k);
        track.samples[f] = {1000 * std::sin(phase) + noise(random), 500 + 10 * static_cast<float>(k), 900 * std::cos(phase)};
      }
      t.points.tracks.push_back(std::move(track));
    }
    t.analog.rate_hz = 2000;
    t.analog.samples_per_channel = frames_10min * 10;
    for (int c = 0; c < 16; ++c) {
      touchdown::AnalogChannel channel;
      channel.label = "A" + std::to_string(c);
      channel.samples.resize(t.analog.samples_per_channel);
      for (auto& v : channel.samples) v = noise(random);
      t.analog.channels.push_back(std::move(channel));
    }
    path = fs::temp_directory_path() / ("touchdown_bench_" + std::to_string(::getpid()) + ".c3d");
    touchdown::write_c3d(t, path);
    frames = frames_10min;
  }
  ~GeneratedFile() { fs::remove(path); }
  GeneratedFile(const GeneratedFile&) = delete;
  GeneratedFile& operator=(const GeneratedFile&) = delete;
};

const GeneratedFile& generated() {
  static const GeneratedFile file;
  return file;
}

// Baseline: the bytes through read(2) in 4 MiB chunks and every 32-bit word converted to double into a
// freshly allocated array (a reader returns new memory, so the baseline pays for its first touch too).
double read_and_convert(const fs::path& path, std::vector<std::byte>& buffer) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  buffer.resize(std::size_t{4} << 20U);
  std::vector<double> out(static_cast<std::size_t>(fs::file_size(path) / 4));
  std::size_t words = 0;
  while (true) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got <= 0) break;
    const std::size_t n = std::min(static_cast<std::size_t>(got) / 4, out.size() - words);
    for (std::size_t i = 0; i < n; ++i) {
      float v;
      std::memcpy(&v, buffer.data() + 4 * i, 4);
      out[words + i] = v;
    }
    words += n;
  }
  ::close(fd);
  return words > 0 ? out[words / 2] : 0.0;
}

long status_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  return -1;
}

void set_rates(benchmark::State& state, std::uint64_t bytes, std::uint64_t frames) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["frames/s"] = benchmark::Counter(static_cast<double>(state.iterations() * frames), benchmark::Counter::kIsRate);
}

void BM_C3dRead_Conformance(benchmark::State& state) {
  const auto& set = conformance_files();
  if (set.paths.empty()) {
    state.SkipWithError("c3d-conformance data not found");
    return;
  }
  for (auto _ : state)
    for (const auto& path : set.paths) benchmark::DoNotOptimize(touchdown::read_c3d(path));
  set_rates(state, set.bytes, set.frames);
  state.counters["files"] = static_cast<double>(set.paths.size());
}

void BM_Baseline_Conformance(benchmark::State& state) {
  const auto& set = conformance_files();
  std::vector<std::byte> buffer;
  for (auto _ : state)
    for (const auto& path : set.paths) benchmark::DoNotOptimize(read_and_convert(path, buffer));
  set_rates(state, set.bytes, set.frames);
}

void BM_C3dRead_Generated10min(benchmark::State& state) {
  const auto& file = generated();
  const auto bytes = fs::file_size(file.path);
  double peak_ratio = 0;
  {
    // Peak RSS growth of one read (Linux: writing 5 to clear_refs resets VmHWM to the current RSS).
    std::ofstream("/proc/self/clear_refs") << "5";
    const long before = status_kb("VmRSS:");
    { const auto trial = touchdown::read_c3d(file.path); benchmark::DoNotOptimize(trial); }
    const long peak = status_kb("VmHWM:");
    if (before > 0 && peak > 0) peak_ratio = static_cast<double>(peak - before) * 1024.0 / static_cast<double>(bytes);
  }
  for (auto _ : state) benchmark::DoNotOptimize(touchdown::read_c3d(file.path));
  set_rates(state, bytes, file.frames);
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["peak_rss_growth_x_file"] = peak_ratio;
}

void BM_Baseline_Generated10min(benchmark::State& state) {
  const auto& file = generated();
  std::vector<std::byte> buffer;
  for (auto _ : state) benchmark::DoNotOptimize(read_and_convert(file.path, buffer));
  set_rates(state, fs::file_size(file.path), file.frames);
}

BENCHMARK(BM_C3dRead_Conformance)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Baseline_Conformance)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_C3dRead_Generated10min)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Baseline_Generated10min)->Unit(benchmark::kMillisecond);

}  // namespace
