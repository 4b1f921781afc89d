// OpenSim tables: MOT (SIMM motion) and STO (storage). A free-form header ends with a line
// "endheader"; it may hold key=value pairs (version=1 storage: nRows, nColumns, inDegrees;
// OpenSim 4 tables: DataRate, DataType, version=2/3) and/or SIMM lines ("datarows 691",
// "datacolumns 19", "range 0.86 1.55", "name ..."). Then one line of column labels (the first is
// time) and the rows, tab- or space-separated. Header counts are checked against the rows: a first
// pass validates every row's width and counts the rows, so each channel is allocated once.
#include <algorithm>
#include <cmath>
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
using text::CellCursor;
using text::Line;
using text::LineReader;

constexpr float kMissingF = std::numeric_limits<float>::quiet_NaN();

struct MotHeader {
  std::optional<std::uint64_t> rows, columns;
  std::optional<double> data_rate;
  std::optional<bool> in_degrees;
  std::string data_type = "double";
  std::string version;
};

void read_header_line(std::string_view raw, MotHeader& header) {
  const std::string_view line = text::trim(raw);
  if (line.empty() || line.front() == '#') return;
  std::string_view key, value;
  if (const std::size_t equals = line.find('='); equals != std::string_view::npos) {
    key = text::trim(line.substr(0, equals));
    value = text::trim(line.substr(equals + 1));
  } else {
    std::size_t space = 0;
    while (space < line.size() && line[space] != ' ' && line[space] != '\t') ++space;
    key = line.substr(0, space);
    value = text::trim(line.substr(space));
    if (value.find_first_of(" \t") != std::string_view::npos && !text::iequals(key, "range") && !text::iequals(key, "name")) {
      // Free text ("Units are S.I. units ...", "Angles are in degrees.").
      const std::string lower = text::to_lower(line);
      if (lower.find("in degrees") != std::string::npos && !header.in_degrees) header.in_degrees = true;
      if (lower.find("in radians") != std::string::npos && !header.in_degrees) header.in_degrees = false;
      return;
    }
  }
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 40;
  if (text::iequals(key, "nRows") || text::iequals(key, "datarows")) header.rows = text::parse_count(value, kLimit);
  else if (text::iequals(key, "nColumns") || text::iequals(key, "datacolumns")) header.columns = text::parse_count(value, kLimit);
  else if (text::iequals(key, "DataRate")) header.data_rate = text::parse_finite(value);
  else if (text::iequals(key, "inDegrees")) header.in_degrees = text::istarts_with(value, "y") || text::iequals(value, "true");
  else if (text::iequals(key, "DataType")) header.data_type = std::string(value);
  else if (text::iequals(key, "version")) header.version = std::string(value);
}

// Units where the table does not say: GRF columns are set by grf_plates_from_columns; generalized
// coordinates follow inDegrees (translations of the pelvis are metres); ID outputs are named.
std::string guess_units(std::string_view label, const MotHeader& header) {
  const std::string lower = text::to_lower(label);
  if (lower.find("ground_force") != std::string::npos || lower.find("ground_torque") != std::string::npos ||
      lower.find("ground_moment") != std::string::npos)
    return "";
  if (text::iends_with(label, "_moment")) return "Nm";
  if (text::iends_with(label, "_force")) return "N";
  if (!header.in_degrees) return "";
  if (text::iends_with(label, "_tx") || text::iends_with(label, "_ty") || text::iends_with(label, "_tz")) return "m";
  return *header.in_degrees ? "deg" : "rad";
}

// Cells of a row: (all cells, cells up to the last non-empty one).
std::pair<std::size_t, std::size_t> count_cells(std::string_view row) {
  if (row.find('\t') != std::string_view::npos) {
    const std::size_t all = static_cast<std::size_t>(std::count(row.begin(), row.end(), '\t')) + 1;
    std::size_t end = row.size();
    std::size_t trailing_empty = 0;
    while (end > 0) {
      const char c = row[end - 1];
      if (c == '\t') ++trailing_empty;
      else if (c != ' ' && c != '\r') break;
      --end;
    }
    return {all, end == 0 ? 0 : all - trailing_empty};
  }
  CellCursor cursor(row);
  std::size_t all = 0;
  for (std::string_view cell; cursor.next(cell);) ++all;
  return {all, all};
}
}  // namespace

TimedTrial parse_mot_timed(std::string_view text, const std::string& name) {
  if (text::is_blank(text)) throw InputError(name, "empty file: no MOT/STO header", 0, 1);
  TimedTrial result;
  Trial& trial = result.trial;
  trial.source.path = name;
  trial.source.format = text::iends_with(name, ".sto") ? "sto" : "mot";
  trial.source.bytes = text.size();
  auto& warnings = trial.warnings;

  LineReader lines(text);
  Line line;
  MotHeader header;
  bool ended = false;
  while (lines.next(line)) {
    if (text::iequals(text::trim(line.text), "endheader")) {
      ended = true;
      break;
    }
    read_header_line(line.text, header);
  }
  if (!ended) throw InputError(name, "no 'endheader' line: not an OpenSim MOT/STO table", text.size(), std::nullopt);
  const bool vec3 = text::iequals(header.data_type, "Vec3");
  if (!vec3 && !text::iequals(header.data_type, "double"))
    throw InputError(name, "STO DataType=" + header.data_type + " is not supported (double and Vec3 are)");

  // Column labels: the first non-blank line after endheader.
  Line label_line;
  bool have_labels = false;
  while (lines.next(label_line))
    if (!text::is_blank(label_line.text)) {
      have_labels = true;
      break;
    }
  if (!have_labels) throw InputError(name, "truncated table: no column labels after endheader", text.size(), std::nullopt);
  std::vector<std::string> labels;
  {
    CellCursor cells(label_line.text);
    for (std::string_view cell; cells.next(cell);) labels.emplace_back(cell);
    while (!labels.empty() && labels.back().empty()) labels.pop_back();
  }
  const std::size_t columns = labels.size();
  if (columns < 1) throw InputError(name, "no column labels", label_line.offset, label_line.number);
  if (!text::iequals(labels[0], "time"))
    warnings.push_back("first column is '" + labels[0] + "', not 'time'; it is used as the time column");
  if (header.columns && *header.columns != columns)
    warnings.push_back("header declares " + std::to_string(*header.columns) + " columns but the label line has " +
                       std::to_string(columns) + "; using " + std::to_string(columns));

  // Pass 1: every row has exactly `columns` cells (empty trailing cells beyond that are tolerated).
  std::size_t rows = 0;
  {
    LineReader scan = lines;
    for (Line row; scan.next(row);) {
      if (text::is_blank(row.text)) continue;
      const auto [all, used] = count_cells(row.text);
      if (all < columns || used > columns)
        throw InputError(name, "row has " + std::to_string(used) + " values but there are " + std::to_string(columns) +
                                   " column labels (line " + std::to_string(label_line.number) + ")",
                         row.offset, row.number);
      ++rows;
    }
  }
  if (rows == 0) throw InputError(name, "truncated table: column labels but no data rows", text.size(), std::nullopt);
  if (header.rows && *header.rows != rows)
    warnings.push_back("header declares " + std::to_string(*header.rows) + " rows but the table has " +
                       std::to_string(rows) + "; using " + std::to_string(rows));

  // Allocate every channel once.
  const std::size_t per_column = vec3 ? 3 : 1;
  AnalogSet& analog = trial.analog;
  analog.samples_per_channel = rows;
  analog.channels.resize((columns - 1) * per_column);
  for (std::size_t c = 1; c < columns; ++c) {
    for (std::size_t k = 0; k < per_column; ++k) {
      AnalogChannel& channel = analog.channels[(c - 1) * per_column + k];
      channel.label = vec3 ? labels[c] + "_" + static_cast<char>('x' + k) : labels[c];
      channel.units = guess_units(labels[c], header);
      channel.samples.assign(rows, kMissingF);
    }
  }

  // Pass 2: parse.
  std::vector<double> times(rows);
  std::size_t row = 0;
  while (lines.next(line)) {
    if (text::is_blank(line.text)) continue;
    CellCursor cells(line.text);
    auto fail = [&](std::string_view cell, const std::string& problem) {
      const auto column = static_cast<std::uint64_t>(cell.data() - line.text.data());
      throw InputError(name, "column " + std::to_string(cells.index() + 1) + " (" +
                                 labels[std::min(cells.index(), columns - 1)] + "): " + problem,
                       line.offset + column, line.number);
    };
    std::string_view cell;
    for (std::size_t c = 0; c < columns && cells.next(cell); ++c) {
      if (c == 0) {
        const auto time = text::parse_finite(cell);
        if (!time) fail(cell, "time " + text::quote_cell(cell) + " is not a number");
        times[row] = *time;
        continue;
      }
      const std::size_t base = (c - 1) * per_column;
      if (!vec3) {
        double value = 0;
        if (!text::parse_number(cell, value)) fail(cell, text::quote_cell(cell) + " is not a number");
        analog.channels[base].samples[row] = static_cast<float>(value);
        continue;
      }
      std::string_view rest = cell;
      for (std::size_t k = 0; k < 3; ++k) {
        const std::size_t comma = rest.find(',');
        const std::string_view part = text::trim(rest.substr(0, comma));
        double value = 0;
        if ((rest.empty() && !cell.empty()) || !text::parse_number(part, value))
          fail(cell, text::quote_cell(cell) + " is not an x,y,z triple");
        analog.channels[base + k].samples[row] = static_cast<float>(value);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    ++row;
  }

  // Rate from the time column (checked for uniform steps), or the header's DataRate for one row.
  double rate = 0;
  if (rows > 1) {
    const double span = times.back() - times.front();
    if (!(span > 0)) throw InputError(name, "time column does not advance (first " + std::to_string(times.front()) +
                                            " s, last " + std::to_string(times.back()) + " s)");
    const double step = span / static_cast<double>(rows - 1);
    double smallest = std::numeric_limits<double>::infinity(), largest = -smallest;
    for (std::size_t i = 1; i < rows; ++i) {
      smallest = std::min(smallest, times[i] - times[i - 1]);
      largest = std::max(largest, times[i] - times[i - 1]);
    }
    if (smallest <= 0) warnings.push_back("time column is not strictly increasing");
    // Time columns are printed with 6-8 significant digits; 1 % of a step is far above that rounding.
    if (largest - smallest > 0.01 * step)
      warnings.push_back("time steps are not uniform (" + std::to_string(smallest) + " to " + std::to_string(largest) +
                         " s); the rate is taken from the mean step");
    rate = 1.0 / step;
    if (header.data_rate && *header.data_rate > 0 && std::abs(*header.data_rate - rate) > 0.01 * rate)
      warnings.push_back("header DataRate " + std::to_string(*header.data_rate) + " Hz disagrees with the time column (" +
                         std::to_string(rate) + " Hz); using the time column");
  } else if (header.data_rate && *header.data_rate > 0) {
    rate = *header.data_rate;
  } else {
    warnings.push_back("single-row table without DataRate: sampling rate unknown");
  }
  analog.rate_hz = rate;
  result.first_time_s = times.front();

  trial.force_plates = grf_plates_from_columns(analog, warnings);
  trial.source.detail = std::string(trial.source.format == "sto" ? "STO" : "MOT") + ": " + std::to_string(columns - 1) +
                        " columns, " + std::to_string(rows) + " rows at " + std::to_string(rate) + " Hz, time " +
                        std::to_string(times.front()) + " to " + std::to_string(times.back()) +
                        " s (trial time 0 = first row)";
  if (!header.version.empty()) trial.source.detail += ", version " + header.version;
  return result;
}

}  // namespace io

Trial parse_mot(std::string_view text, const std::string& name) { return io::parse_mot_timed(text, name).trial; }

Trial read_mot(const std::filesystem::path& path) {
  const std::string text = io::read_whole_file(path);
  return parse_mot(text, path.string());
}

}  // namespace touchdown
