// TRC (Track Row Column) marker files, as written by Motion Analysis, OpenSim and BTK:
//   line 1  PathFileType <version> (X/Y/Z) <file name>
//   line 2  DataRate CameraRate NumFrames NumMarkers Units OrigDataRate OrigDataStartFrame OrigNumFrames
//   line 3  the values of line 2
//   line 4  Frame# Time <label> '' '' <label> '' '' ...
//   line 5  '' '' X1 Y1 Z1 X2 ...            (optional blank line after it)
//   data    <frame> <time> x y z x y z ...   (tab-separated; empty or NaN cells = not seen)
// Rows may stop early (trailing markers not seen). Header counts are checked against the rows: a
// first pass counts the data rows and the widest row, so the trajectories are allocated once at their
// real size (OpenSim's row appends cost minutes on long trials); disagreements become warnings.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "io/opensim/opensim_detail.hpp"
#include "io/text/text_lines.hpp"
#include "io/text/whole_file.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {
namespace io {
namespace {
using io::text::CellCursor;
using io::text::Line;
using io::text::LineReader;

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

struct TrcHeader {
  std::optional<double> data_rate, camera_rate;
  std::optional<std::uint64_t> frames, markers;
  std::string units;
};

std::string normalise_units(std::string_view raw, std::vector<std::string>& warnings) {
  const std::string units = io::text::to_lower(io::text::trim(raw));
  if (units == "mm" || units == "millimeters" || units == "millimetres") return "mm";
  if (units == "m" || units == "meters" || units == "metres") return "m";
  if (units == "cm" || units == "centimeters" || units == "centimetres") return "cm";
  if (units.empty()) {
    warnings.push_back("TRC header has no Units value; assuming mm");
    return "mm";
  }
  warnings.push_back("TRC Units '" + std::string(raw) + "' is not mm, cm or m; coordinates kept as written");
  return std::string(io::text::trim(raw));
}

TrcHeader parse_header_values(const Line& keys, const Line& values, const std::string& name,
                              std::vector<std::string>& warnings) {
  TrcHeader header;
  std::vector<std::string_view> value_cells;
  CellCursor value_cursor(values.text);
  for (std::string_view cell; value_cursor.next(cell);) value_cells.push_back(cell);
  CellCursor key_cursor(keys.text);
  bool units_seen = false;
  for (std::string_view key; key_cursor.next(key);) {
    const std::size_t i = key_cursor.index();
    const std::string_view value = i < value_cells.size() ? value_cells[i] : std::string_view();
    // Counts are bounded by the file size: a row needs at least one byte, a marker three tabs.
    if (io::text::iequals(key, "DataRate")) header.data_rate = io::text::parse_finite(value);
    else if (io::text::iequals(key, "CameraRate")) header.camera_rate = io::text::parse_finite(value);
    else if (io::text::iequals(key, "NumFrames")) header.frames = io::text::parse_count(value, std::uint64_t{1} << 40);
    else if (io::text::iequals(key, "NumMarkers")) header.markers = io::text::parse_count(value, std::uint64_t{1} << 40);
    else if (io::text::iequals(key, "Units")) {
      header.units = normalise_units(value, warnings);
      units_seen = true;
    }
  }
  if (!units_seen) header.units = normalise_units("", warnings);
  if (!io::text::iequals(io::text::trim(keys.text).substr(0, 8), "DataRate") && !header.data_rate)
    warnings.push_back(name + ": line 2 does not start with DataRate; header keys read by name where present");
  return header;
}

// Labels sit every third cell from cell 2 in files written to the format; some writers put one label
// per cell. Either way the result is one label per marker, "" where a column has none.
std::vector<std::string> parse_labels(const Line& line) {
  std::vector<std::pair<std::size_t, std::string_view>> found;
  CellCursor cells(line.text);
  for (std::string_view cell; cells.next(cell);)
    if (cells.index() >= 2 && !cell.empty()) found.emplace_back(cells.index() - 2, cell);
  const bool every_third = std::all_of(found.begin(), found.end(), [](const auto& f) { return f.first % 3 == 0; });
  std::vector<std::string> labels;
  if (every_third && cells.tab_separated()) {
    if (!found.empty()) labels.resize(found.back().first / 3 + 1);
    for (const auto& [column, label] : found) labels[column / 3] = std::string(label);
  } else {
    for (const auto& entry : found) labels.emplace_back(entry.second);
  }
  return labels;
}

bool looks_like_data(std::string_view line) {
  CellCursor cells(line);
  std::string_view first, second;
  if (!cells.next(first) || !cells.next(second)) return false;
  return io::text::parse_finite(first).has_value() && io::text::parse_finite(second).has_value();
}

// Number of coordinate cells up to the last non-empty one (0 for a row with frame and time only).
std::size_t coordinate_cells(std::string_view row) {
  std::size_t end = row.size();
  while (end > 0 && (row[end - 1] == '\t' || row[end - 1] == ' ' || row[end - 1] == '\r')) --end;
  const std::string_view used = row.substr(0, end);
  std::size_t cells = 0;
  if (used.find('\t') != std::string_view::npos) {
    cells = static_cast<std::size_t>(std::count(used.begin(), used.end(), '\t')) + 1;
  } else {
    CellCursor cursor(used);
    for (std::string_view cell; cursor.next(cell);) ++cells;
  }
  return cells > 2 ? cells - 2 : 0;
}

}  // namespace

TimedTrial parse_trc_timed(std::string_view text, const std::string& name) {
  if (io::text::is_blank(text)) throw InputError(name, "empty file: no TRC header", 0, 1);
  TimedTrial result;
  Trial& trial = result.trial;
  trial.source.path = name;
  trial.source.format = "trc";
  trial.source.bytes = text.size();
  auto& warnings = trial.warnings;

  LineReader lines(text);
  Line first, keys, values, label_line;
  auto require = [&](Line& line, const char* what) {
    if (!lines.next(line))
      throw InputError(name, std::string("truncated TRC header: the file ends before ") + what, text.size(),
                       std::nullopt);
  };
  require(first, "line 1");
  if (!io::text::istarts_with(io::text::trim(first.text), "PathFileType"))
    throw InputError(name, "not a TRC file: line 1 must start with 'PathFileType'", first.offset, first.number);
  require(keys, "the header keys (line 2)");
  require(values, "the header values (line 3)");
  require(label_line, "the marker labels (line 4)");
  const TrcHeader header = parse_header_values(keys, values, name, warnings);
  const std::vector<std::string> labels = parse_labels(label_line);

  // Line 5 names the coordinates (X1 Y1 Z1 ...); a few writers omit it and start the data.
  Line line;
  std::vector<Line> pending;  // at most one data line read ahead
  if (lines.next(line) && looks_like_data(line.text)) pending.push_back(line);

  // Pass 1: count data rows and the widest one. Blank lines are skipped wherever they are.
  std::size_t rows = 0, widest = 0;
  std::uint64_t first_data_line = 0;
  {
    LineReader scan = lines;
    auto account = [&](const Line& row) {
      if (io::text::is_blank(row.text)) return;
      if (rows++ == 0) first_data_line = row.number;
      widest = std::max(widest, coordinate_cells(row.text));
    };
    for (const Line& row : pending) account(row);
    for (Line row; scan.next(row);) account(row);
  }
  if (rows == 0) throw InputError(name, "truncated TRC file: header but no data rows", text.size(), std::nullopt);

  const std::size_t data_markers = (widest + 2) / 3;
  std::size_t markers = std::max(labels.size(), data_markers);
  if (header.markers && *header.markers != labels.size())
    warnings.push_back("TRC header NumMarkers = " + std::to_string(*header.markers) + " but line 4 names " +
                       std::to_string(labels.size()) + " markers");
  if (header.markers && *header.markers > markers && *header.markers <= text.size()) markers = static_cast<std::size_t>(*header.markers);
  if (data_markers > labels.size())
    warnings.push_back("TRC rows hold values for " + std::to_string(data_markers) + " markers but only " +
                       std::to_string(labels.size()) + " are labelled; the others are named unlabeled_<n>");
  if (header.frames && *header.frames != rows)
    warnings.push_back("TRC header NumFrames = " + std::to_string(*header.frames) + " but the file has " +
                       std::to_string(rows) + " data rows; using " + std::to_string(rows));
  // Every stored sample is NaN-initialised memory; refuse headers/rows that would make it out of all
  // proportion to the file (a written sample takes at least three bytes, so 16x the file size leaves
  // room for rows that stop early) once it exceeds 64 MiB.
  const double samples = static_cast<double>(rows) * static_cast<double>(markers);
  if (samples * sizeof(Vec3f) > 64.0 * 1024 * 1024 && samples * 3.0 > 16.0 * static_cast<double>(text.size()))
    throw InputError(name, "implausible TRC: " + std::to_string(markers) + " markers x " + std::to_string(rows) +
                               " rows cannot come from a file of " + std::to_string(text.size()) + " bytes",
                     std::nullopt, first_data_line);

  PointSet& points = trial.points;
  points.units = header.units;
  points.frames = rows;
  points.tracks.resize(markers);
  for (std::size_t m = 0; m < markers; ++m) {
    PointTrack& track = points.tracks[m];
    track.label = m < labels.size() && !labels[m].empty() ? labels[m] : "unlabeled_" + std::to_string(m + 1);
    track.samples.assign(rows, Vec3f{kMissing, kMissing, kMissing});
  }

  // Pass 2: parse.
  double first_time = 0, last_time = 0;
  std::size_t row = 0;
  bool last_unterminated = false;
  auto parse_row = [&](const Line& current) {
    if (io::text::is_blank(current.text)) return;
    CellCursor cells(current.text);
    auto fail = [&](std::string_view cell, const std::string& problem) {
      const auto column = static_cast<std::uint64_t>(cell.data() - current.text.data());
      throw InputError(name, "column " + std::to_string(cells.index() + 1) + ": " + problem,
                       current.offset + column, current.number);
    };
    std::string_view cell;
    if (!cells.next(cell)) fail(current.text, "empty row");
    const auto frame_number = io::text::parse_finite(cell);
    if (!frame_number) fail(cell, "Frame# " + io::text::quote_cell(cell) + " is not a number");
    if (!cells.next(cell)) fail(current.text.substr(current.text.size()), "row ends before the Time column");
    const auto time = io::text::parse_finite(cell);
    if (!time) fail(cell, "Time " + io::text::quote_cell(cell) + " is not a number");
    if (row == 0) {
      first_time = *time;
      points.first_frame = static_cast<std::int64_t>(std::llround(std::clamp(*frame_number, -9e15, 9e15)));
    }
    last_time = *time;
    std::size_t coordinate = 0;
    while (cells.next(cell)) {
      double value = 0;
      if (!io::text::parse_number(cell, value)) fail(cell, io::text::quote_cell(cell) + " is not a number");
      const std::size_t marker = coordinate / 3;
      if (marker < markers) {
        Vec3f& sample = points.tracks[marker].samples[row];
        (coordinate % 3 == 0 ? sample.x : coordinate % 3 == 1 ? sample.y : sample.z) = static_cast<float>(value);
      }
      ++coordinate;
    }
    // A marker is seen or not: a partly empty triple is missing as a whole.
    const std::size_t touched = std::min(markers, (coordinate + 2) / 3);
    for (std::size_t m = 0; m < touched; ++m) {
      Vec3f& sample = points.tracks[m].samples[row];
      if (!sample.valid()) sample = Vec3f{kMissing, kMissing, kMissing};
    }
    ++row;
  };
  for (const Line& current : pending) parse_row(current);
  while (lines.next(line)) {
    parse_row(line);
    last_unterminated = lines.last_line_unterminated() && !io::text::is_blank(line.text);
  }
  if (last_unterminated && rows > 1 && coordinate_cells(line.text) < widest)
    warnings.push_back("TRC last row (line " + std::to_string(line.number) + ") is shorter than the others and has no "
                       "line end: the file may be truncated");

  // Sampling rate: the header's DataRate, checked against the Time column.
  const double time_rate = rows > 1 && last_time > first_time ? static_cast<double>(rows - 1) / (last_time - first_time) : 0.0;
  double rate = header.data_rate.value_or(0.0);
  if (!(rate > 0) && header.camera_rate && *header.camera_rate > 0) {
    rate = *header.camera_rate;
    warnings.push_back("TRC DataRate missing; using CameraRate");
  }
  if (!(rate > 0)) {
    if (!(time_rate > 0)) throw InputError(name, "no sampling rate: DataRate is missing and the Time column does not advance");
    rate = time_rate;
    warnings.push_back("TRC DataRate missing; rate taken from the Time column");
  } else if (time_rate > 0 && std::abs(time_rate - rate) > 0.01 * rate) {
    warnings.push_back("TRC DataRate " + std::to_string(rate) + " Hz disagrees with the Time column (" +
                       std::to_string(time_rate) + " Hz); using DataRate");
  }
  points.rate_hz = rate;
  trial.source.detail = "TRC: " + std::to_string(markers) + " markers, " + std::to_string(rows) + " frames at " +
                        std::to_string(rate) + " Hz, first frame " + std::to_string(points.first_frame) +
                        ", Time column starts at " + std::to_string(first_time) + " s";
  result.first_time_s = first_time;
  return result;
}

}  // namespace io

Trial parse_trc(std::string_view text, const std::string& name) { return io::parse_trc_timed(text, name).trial; }

Trial read_trc(const std::filesystem::path& path) {
  const std::string text = io::read_whole_file(path);
  return parse_trc(text, path.string());
}

}  // namespace touchdown
