#include "cli.hpp"

#include <cmath>
#include <cstdlib>

namespace touchdown::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"analyze",
       "touchdown analyze [TRIAL] [--static STATIC] [--forces MOT] [--mass KG] [--json OUT] [--csv OUT] [--quiet]\n"
       "                    [--events auto|force|markers] [--thresholds altman_davis_2012|mo2021] [--cutoff HZ]\n"
       "                    [--treadmill-speed M_S] [--profile MARKERS.toml]",
       "touchdowns, foot strike, knee at touchdown and loading, per step and per side; no TRIAL runs the demo", run_analyze},
      {"inspect", "touchdown inspect FILE [--forces MOT] [--json]", "summary of a C3D, TRC, MOT or STO file (counts, rates, units, axes, plates, events, warnings)", run_inspect},
      {"convert", "touchdown convert IN OUT [--forces MOT] [--quiet]", "convert a lab file: OUT ending in .trc (markers), .mot/.sto (analog and forces), .csv (markers, one row per frame) or .c3d", run_convert},
  };
  return table;
}

std::optional<std::string> ParsedArgs::value(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::optional<double> ParsedArgs::number(const std::string& key) const {
  auto text = value(key);
  if (!text) return std::nullopt;
  char* end = nullptr;
  double parsed = std::strtod(text->c_str(), &end);
  if (end == text->c_str() || *end != '\0' || !std::isfinite(parsed))
    throw UsageError("--" + key + " expects a number, got '" + *text + "'");
  return parsed;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& flag_names,
                      const std::set<std::string>& value_names) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string key = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = key.find('='); eq != std::string::npos) {
      inline_value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (flag_names.count(key) && !inline_value) {
      parsed.flags.insert(key);
    } else if (value_names.count(key)) {
      if (inline_value) {
        parsed.values[key] = *inline_value;
      } else {
        if (i + 1 >= args.size()) throw UsageError("--" + key + " needs a value");
        parsed.values[key] = args[++i];
      }
    } else {
      throw UsageError("unknown option --" + key);
    }
  }
  return parsed;
}

}  // namespace touchdown::cli
