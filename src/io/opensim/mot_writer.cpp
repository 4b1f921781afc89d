// MOT writer (OpenSim storage, version=1 header): time, the analog channels that are not already
// part of a type-100 plate, then one OpenSim GRF column group per force plate, computed by
// compute_plate_series (lab frame, N, m, N m; COP and free torque NaN below the contact threshold,
// never a zero that looks measured). Prefixes: r_/l_ for plates tied to a foot, else <n>_.
#include <algorithm>
#include <set>

#include "io/text/number_format.hpp"
#include "io/text/whole_file.hpp"
#include "touchdown/error.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {

void write_mot(const Trial& trial, const std::filesystem::path& path) {
  const AnalogSet& analog = trial.analog;
  if (!(analog.rate_hz > 0)) throw InputError(path.string(), "cannot write MOT: the trial has no analog sampling rate");
  std::set<std::size_t> grf_channels;
  for (const ForcePlate& plate : trial.force_plates)
    if (plate.type == 100) grf_channels.insert(plate.channels.begin(), plate.channels.end());

  struct Column {
    std::string label;
    const std::vector<float>* samples = nullptr;  // raw channel, or
    std::vector<double> values;                   // computed GRF component
  };
  std::vector<Column> columns;
  for (std::size_t c = 0; c < analog.channels.size(); ++c)
    if (!grf_channels.count(c)) columns.push_back({io::text::cell_label(analog.channels[c].label, '\t'), &analog.channels[c].samples, {}});

  Vec3 up{};
  up[trial.up.axis.index] = trial.up.axis.sign < 0 ? -1.0 : 1.0;
  std::set<std::string> prefixes;
  for (std::size_t p = 0; p < trial.force_plates.size(); ++p) {
    const PlateSeries series = compute_plate_series(trial, p);
    const Side side = trial.force_plates[p].assigned_side;
    std::string prefix = side == Side::right ? "r_" : side == Side::left ? "l_" : std::to_string(p + 1) + "_";
    if (!prefixes.insert(prefix).second) prefixes.insert(prefix = std::to_string(p + 1) + "_");
    auto add = [&](const std::string& name, auto component) {
      Column column{prefix + name, nullptr, {}};
      column.values.resize(series.force_n.size());
      for (std::size_t i = 0; i < series.force_n.size(); ++i) column.values[i] = component(i);
      columns.push_back(std::move(column));
    };
    for (int a = 0; a < 3; ++a) add(std::string("ground_force_v") + static_cast<char>('x' + a), [&](std::size_t i) { return series.force_n[i][a]; });
    for (int a = 0; a < 3; ++a) add(std::string("ground_force_p") + static_cast<char>('x' + a), [&](std::size_t i) { return series.cop_m[i][a]; });
    for (int a = 0; a < 3; ++a)
      add(std::string("ground_torque_") + static_cast<char>('x' + a), [&](std::size_t i) { return series.free_moment_nm[i] * up[a]; });
  }
  if (columns.empty()) throw InputError(path.string(), "cannot write MOT: the trial has no analog channels or force plates");

  std::size_t rows = analog.samples_per_channel;
  for (const Column& column : columns) rows = std::min(rows, column.samples ? column.samples->size() : column.values.size());
  std::string out;
  out.reserve(256 + rows * (columns.size() + 1) * 14);
  out += io::text::cell_label(path.filename().string(), '\t') + "\nversion=1\nnRows=" + std::to_string(rows) +
         "\nnColumns=" + std::to_string(columns.size() + 1) + "\ninDegrees=no\nendheader\ntime";
  for (const Column& column : columns) out += "\t" + column.label;
  out += '\n';
  for (std::size_t i = 0; i < rows; ++i) {
    io::text::append_time(out, static_cast<double>(i) / analog.rate_hz);
    for (const Column& column : columns) {
      out += '\t';
      if (column.samples) io::text::append_number(out, (*column.samples)[i], "NaN");
      else io::text::append_number(out, column.values[i], "NaN");
    }
    out += '\n';
  }
  io::write_whole_file(path, out);
}

}  // namespace touchdown
