// touchdown convert IN OUT: lab files into the formats OpenSim and spreadsheets read.
#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"
#include "touchdown/read.hpp"

namespace touchdown::cli {

int run_convert(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {"quiet"}, {"forces"});
  if (parsed.positional.size() != 2) throw UsageError("expected IN and OUT");
  std::filesystem::path out = parsed.positional[1];
  std::string ext = out.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".trc" && ext != ".mot" && ext != ".sto" && ext != ".csv" && ext != ".c3d")
    throw UsageError("OUT must end in .trc, .mot, .sto, .csv or .c3d (got '" + out.string() + "')");
  std::optional<std::filesystem::path> forces;
  if (auto f = parsed.value("forces")) forces = *f;
  Trial trial = read_trial(parsed.positional[0], forces);
  if (ext == ".trc") {
    if (trial.points.tracks.empty()) throw InputError(trial.source.path, "has no marker trajectories to write as TRC");
    write_trc(trial, out);
  } else if (ext == ".mot" || ext == ".sto") {
    if (trial.analog.channels.empty()) throw InputError(trial.source.path, "has no analog or force channels to write as MOT");
    write_mot(trial, out);
  } else if (ext == ".csv") {
    write_csv(trial, out);
  } else {
    write_c3d(trial, out);
  }
  if (!parsed.has("quiet")) std::cerr << "wrote " << out.string() << "\n";
  return 0;
}

}  // namespace touchdown::cli
