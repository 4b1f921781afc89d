#include "events/text_table.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "touchdown/signal.hpp"

namespace touchdown::testing {
namespace {
std::vector<std::string> split_fields(const std::string& line, bool tabs) {
  std::vector<std::string> fields;
  if (tabs) {
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) fields.push_back(field);
    if (!line.empty() && line.back() == '\t') fields.emplace_back();
  } else {
    std::istringstream in(line);
    std::string field;
    while (in >> field) fields.push_back(field);
  }
  for (auto& f : fields) {
    const auto first = f.find_first_not_of(" \r");
    const auto last = f.find_last_not_of(" \r");
    f = first == std::string::npos ? std::string() : f.substr(first, last - first + 1);
  }
  return fields;
}
}  // namespace

const std::vector<double>& TextTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return values[i];
  throw std::runtime_error("text table has no column " + name);
}

TextTable read_text_table(const std::string& path, const std::string& first_column) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  TextTable table;
  bool tabs = false;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, first_column.size(), first_column) == 0) {
      tabs = line.find('\t', start) != std::string::npos && line.find("  ") == std::string::npos;
      table.columns = split_fields(line.substr(start), tabs);
      while (!table.columns.empty() && table.columns.back().empty()) table.columns.pop_back();
      break;
    }
  }
  if (table.columns.empty()) throw std::runtime_error(path + ": no header row starting with " + first_column);
  table.values.resize(table.columns.size());
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto fields = split_fields(line.substr(line.find_first_not_of(" \t")), tabs);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const bool present = c < fields.size() && !fields[c].empty();
      table.values[c].push_back(present ? std::stod(fields[c]) : std::numeric_limits<double>::quiet_NaN());
    }
  }
  return table;
}

PlateSeries rbds_plate(const TextTable& forces, double rate_hz) {
  PlateSeries plate;
  plate.rate_hz = rate_hz;
  const auto n = forces.rows();
  const auto &fx = forces.column("Fx"), &fy = forces.column("Fy"), &fz = forces.column("Fz");
  const auto &cx = forces.column("COPx"), &cy = forces.column("COPy"), &cz = forces.column("COPz");
  const auto& ty = forces.column("Ty");
  plate.force_n.resize(n);
  plate.cop_m.resize(n);
  plate.free_moment_nm.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    plate.force_n[i] = {fx[i], fy[i], fz[i]};
    plate.cop_m[i] = {cx[i] * 1e-3, cy[i] * 1e-3, cz[i] * 1e-3};
    plate.free_moment_nm[i] = ty[i] * 1e-3;
  }
  return plate;
}

namespace {
Trajectory marker(const TextTable& markers, const std::string& name, double rate_hz, double cutoff_hz) {
  const auto &x = markers.column(name + "X"), &y = markers.column(name + "Y"), &z = markers.column(name + "Z");
  Trajectory t(markers.rows());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = {x[i] * 1e-3, y[i] * 1e-3, z[i] * 1e-3};
  signal::fill_gaps_cubic(t, 10);
  return cutoff_hz > 0 ? signal::lowpass_zero_lag(t, rate_hz, cutoff_hz) : t;
}
}  // namespace

Body rbds_body(const TextTable& markers, double rate_hz, double cutoff_hz) {
  Body body;
  body.rate_hz = rate_hz;
  body.frames = markers.rows();
  body.up = {1, 1};
  body.progression = {0, 1};
  body.left.heel = marker(markers, "L.Heel.Bottom", rate_hz, cutoff_hz);
  body.left.toe = marker(markers, "L.MT1", rate_hz, cutoff_hz);
  body.right.heel = marker(markers, "R.Heel.Bottom", rate_hz, cutoff_hz);
  body.right.toe = marker(markers, "R.MT1", rate_hz, cutoff_hz);
  body.left.fifth_metatarsal = marker(markers, "L.MT5", rate_hz, cutoff_hz);
  body.right.fifth_metatarsal = marker(markers, "R.MT5", rate_hz, cutoff_hz);
  body.marker_set = "RBDS text export (test loader)";
  return body;
}

}  // namespace touchdown::testing
