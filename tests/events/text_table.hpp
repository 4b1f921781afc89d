#pragma once
// Test-only loader for the tab-separated text tables of the RBDS running data set (Fukuchi et al. 2017,
// the dataset's text export) and the OpenSim GRF .mot text file, turned into the PlateSeries and Body the
// event detectors take. Production readers live in src/io/; this exists so that the event tests do not
// depend on them.
#include <string>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/trial.hpp"

namespace touchdown::testing {

struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;  // one vector per column; empty fields are NaN
  [[nodiscard]] const std::vector<double>& column(const std::string& name) const;
  [[nodiscard]] std::size_t rows() const { return values.empty() ? 0 : values.front().size(); }
};

// Reads a whitespace-separated table whose header row is the first line that starts with `first_column`
// (e.g. "Time" or "time"); lines before it are skipped (OpenSim header). Fields may be empty (NaN) when
// separated by tabs.
TextTable read_text_table(const std::string& path, const std::string& first_column);

// RBDS forces table (Fx Fy Fz COPx COPy COPz Ty; N, mm, N*mm; Y up) as one lab-frame plate series.
PlateSeries rbds_plate(const TextTable& forces, double rate_hz);

// RBDS markers table (mm, Y up, travel +X) as a Body: heel = X.Heel.Bottom, toe = X.MT1, gap-filled (10
// frames) and low-pass filtered at `cutoff_hz` like landmarks/ does.
Body rbds_body(const TextTable& markers, double rate_hz, double cutoff_hz = 12.0);

}  // namespace touchdown::testing
