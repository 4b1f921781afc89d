#pragma once
// Test-only helpers for the landmarks tests: synthetic trials, and plain-text readers for the label lists
// of real files (RBDS tab-separated tables; TRC header lines) so that profile recognition and the CAST
// path run on real data without depending on the production readers.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/trial.hpp"

namespace touchdown::testing {

// Geometry and text helpers shared by the real-data landmark tests.
inline double distance(const Vec3& a, const Vec3& b) {
  return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}
inline bool valid(const Vec3& v) { return !std::isnan(v.x) && !std::isnan(v.y) && !std::isnan(v.z); }

// The q-quantile (0..1) by nearest rank below.
inline double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// Frame-by-frame distance between two trajectories, over the frames where both are present.
inline std::vector<double> distances(const Trajectory& a, const Trajectory& b) {
  std::vector<double> out;
  for (std::size_t f = 0; f < a.size() && f < b.size(); ++f)
    if (valid(a[f]) && valid(b[f])) out.push_back(distance(a[f], b[f]));
  return out;
}

inline bool mentions(const std::vector<std::string>& lines, const std::string& fragment) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(fragment) != std::string::npos; });
}

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) {
    while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) field.pop_back();
    while (!field.empty() && field.front() == ' ') field.erase(field.begin());
    fields.push_back(field);
  }
  return fields;
}

// A trial from marker positions in metres, stored in millimetres as most labs do.
inline Trial make_trial(const std::vector<std::pair<std::string, Trajectory>>& markers, double rate_hz = 100) {
  Trial trial;
  trial.source.path = "synthetic";
  trial.points.rate_hz = rate_hz;
  trial.points.units = "mm";
  trial.points.frames = markers.empty() ? 0 : markers.front().second.size();
  for (const auto& [label, trajectory] : markers) {
    PointTrack track;
    track.label = label;
    for (const auto& v : trajectory)
      track.samples.push_back(Vec3f{static_cast<float>(v.x * 1000), static_cast<float>(v.y * 1000),
                                    static_cast<float>(v.z * 1000)});
    trial.points.tracks.push_back(std::move(track));
  }
  return trial;
}

// RBDS marker table (Fukuchi et al. 2017): "Time" then "<label>X <label>Y <label>Z" columns, mm, tab-separated.
inline Trial read_rbds_marker_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  const auto header = split_tabs(line);
  Trial trial;
  trial.source.path = path;
  trial.points.units = "mm";
  for (std::size_t c = 1; c + 2 < header.size(); c += 3) {
    PointTrack track;
    track.label = header[c].substr(0, header[c].size() - 1);  // drop the trailing X
    trial.points.tracks.push_back(track);
  }
  std::vector<double> times;
  while (std::getline(in, line)) {
    auto fields = split_tabs(line);
    if (fields.empty() || fields[0].empty()) continue;
    fields.resize(1 + 3 * trial.points.tracks.size());  // trailing empty cells (missing markers) get cut by getline
    times.push_back(std::stod(fields[0]));
    for (std::size_t m = 0; m < trial.points.tracks.size(); ++m) {
      auto value = [&](std::size_t k) {
        const auto& f = fields[1 + 3 * m + k];
        return f.empty() || f == "nan" || f == "NaN" ? std::nanf("") : std::stof(f);
      };
      trial.points.tracks[m].samples.push_back(Vec3f{value(0), value(1), value(2)});
    }
  }
  trial.points.frames = times.size();
  // Times are printed with 3 decimals: use the whole span, not one (rounded) step.
  trial.points.rate_hz =
      times.size() > 1 ? std::round(static_cast<double>(times.size() - 1) / (times.back() - times.front())) : 0;
  return trial;
}

// Only the marker labels of a TRC file (header line 4), each given one valid sample: enough for profile
// recognition, not for building a body.
inline Trial read_trc_labels(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  for (int i = 0; i < 4 && std::getline(in, line); ++i) {
  }
  Trial trial;
  trial.source.path = path;
  trial.points.frames = 1;
  trial.points.rate_hz = 100;
  const auto fields = split_tabs(line);
  for (std::size_t i = 2; i < fields.size(); ++i) {
    if (fields[i].empty()) continue;
    PointTrack track;
    track.label = fields[i];
    track.samples.push_back(Vec3f{0, 0, 0});
    trial.points.tracks.push_back(std::move(track));
  }
  return trial;
}

// A label-only trial (one valid sample per label), for recognition tests.
inline Trial labels_only(const std::vector<std::string>& labels) {
  Trial trial;
  trial.points.frames = 1;
  trial.points.rate_hz = 100;
  for (const auto& l : labels) {
    PointTrack track;
    track.label = l;
    track.samples.push_back(Vec3f{0, 0, 0});
    trial.points.tracks.push_back(std::move(track));
  }
  return trial;
}

}  // namespace touchdown::testing
