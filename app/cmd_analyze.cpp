// touchdown analyze [TRIAL] [--static STATIC] [--mass KG] [--json OUT] [--csv OUT] ...
// With no TRIAL: the built-in demo (a simulated heel striker and forefoot striker with known answers).
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "touchdown/analysis.hpp"
#include "touchdown/error.hpp"
#include "touchdown/read.hpp"
#include "touchdown/session_json.hpp"
#include "touchdown/simulate.hpp"

namespace touchdown::cli {
namespace {

struct Output {
  bool quiet = false;
  bool progress = false;  // only on a terminal
};

std::string format_stat(const SummaryStat& stat, int precision) {
  if (!stat.mean) return "-";
  std::ostringstream text;
  text << std::fixed << std::setprecision(precision) << *stat.mean;
  if (stat.sd) text << " ± " << *stat.sd;
  return text.str();
}

// Pads to `width` terminal columns; counts UTF-8 code points, not bytes (the table holds "±").
std::string pad(const std::string& text, std::size_t width) {
  std::size_t columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80;
  return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

const SummaryStat* find_stat(const SideSummary& side, std::string_view name) {
  auto it = side.stats.find(std::string(name));
  return it == side.stats.end() ? nullptr : &it->second;
}

void print_session(const std::string& title, const Session& session, std::ostream& out) {
  out << "\n" << title << "\n";
  const auto& lines = std::vector<std::pair<std::string_view, int>>{
      {"foot_strike_angle_deg", 1}, {"strike_index_pct", 0},        {"knee_flexion_ic_deg", 1},
      {"knee_flexion_excursion_deg", 1}, {"shank_angle_ic_deg", 1}, {"overstride_m", 3},
      {"contact_time_s", 3},       {"flight_time_s", 3},           {"impact_peak_bw", 2},
      {"active_peak_bw", 2},       {"valr_bw_s", 1},               {"vilr_bw_s", 1},
      {"braking_impulse_bws", 3},  {"leg_stiffness_kn_m", 1},     {"knee_extensor_moment_peak_nm_kg", 2},
      {"pf_stress_peak_mpa", 1},   {"tf_compression_peak_bw", 1}};
  out << "  " << std::left << pad("metric (mean ± SD)", 34) << std::setw(30) << "left" << "right\n";
  out << "  " << std::setw(34) << "strike pattern" << std::setw(30) << session.left.strike_pattern.text
      << session.right.strike_pattern.text << "\n";
  out << "  " << std::setw(34) << "  by foot strike angle" << std::setw(30) << session.left.strike_pattern_fsa.text
      << session.right.strike_pattern_fsa.text << "\n";
  if (session.left.strike_pattern_si.majority || session.right.strike_pattern_si.majority)
    out << "  " << std::setw(34) << "  by strike index" << std::setw(30) << session.left.strike_pattern_si.text
        << session.right.strike_pattern_si.text << "\n";
  for (const auto& [name, precision] : lines) {
    const SummaryStat* l = find_stat(session.left, name);
    const SummaryStat* r = find_stat(session.right, name);
    if (!l || !r || (!l->mean && !r->mean)) continue;
    out << "  " << pad(std::string(name), 34) << pad(format_stat(*l, precision), 30) << format_stat(*r, precision)
        << "\n";
  }
  out << std::right;
  if (session.pf_load_per_km.value)
    out << "  patellofemoral load " << std::fixed << std::setprecision(0) << *session.pf_load_per_km.value << " "
        << session.pf_load_per_km.unit << " (both knees)\n"
        << std::defaultfloat;
  if (session.cadence_spm.value)
    out << "  cadence " << std::fixed << std::setprecision(1) << *session.cadence_spm.value << " steps/min\n"
        << std::defaultfloat;
}

void write_text_file(const std::string& path, const std::string& content, const std::string& what) {
  if (path == "-") {
    std::cout << content;
    return;
  }
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InputError(path, "cannot open for writing the " + what);
  file << content;
  if (!file) throw InputError(path, "could not write the " + what);
}

AnalysisOptions options_from(const ParsedArgs& parsed, const Output& output) {
  AnalysisOptions options;
  if (auto mass = parsed.number("mass")) {
    if (*mass <= 0 || *mass > 400) throw UsageError("--mass must be a body mass in kg (0-400)");
    options.metrics.body_mass_kg = *mass;
    options.metrics.body_mass_source = "--mass";
  }
  if (auto cutoff = parsed.number("cutoff")) {
    if (*cutoff <= 0) throw UsageError("--cutoff must be positive (Hz)");
    options.body.cutoff_hz = *cutoff;
  }
  if (auto speed = parsed.number("speed")) {
    if (*speed <= 0) throw UsageError("--speed must be positive (m/s)");
    options.metrics.spatiotemporal.ground = Ground::treadmill;
    options.metrics.spatiotemporal.treadmill_speed_m_s = *speed;
  }
  if (auto thresholds = parsed.value("thresholds")) {
    if (*thresholds == "mo2021")
      options.metrics.foot_strike.thresholds = FsaThresholds::mo2021;
    else if (*thresholds != "altman_davis_2012" && *thresholds != "altman-davis")
      throw UsageError("--thresholds must be altman_davis_2012 (default) or mo2021");
  }
  if (auto events = parsed.value("events")) {
    if (*events == "force") options.events = EventSource::force;
    else if (*events == "markers") options.events = EventSource::markers;
    else if (*events != "auto") throw UsageError("--events must be auto, force or markers");
  }
  if (auto profile = parsed.value("profile")) options.body.profile_toml = *profile;
  if (output.progress) {
    options.progress = [](std::string_view stage) { std::cerr << "  " << stage << "...\n"; };
  }
  return options;
}

// The demo: two simulated runners with known answers; prints what the analysis found next to the truth.
int run_demo(const ParsedArgs& parsed, const Output& output) {
  nlohmann::json all = {{"demo", true}, {"sessions", nlohmann::json::array()}};
  std::ostringstream csv;
  bool first_csv = true;
  for (const RunnerParameters& runner : {demo_heel_striker(), demo_forefoot_striker()}) {
    if (output.progress) std::cerr << "simulating " << runner.name << "\n";
    SimulatedTrial sim = simulate_running(runner);
    AnalysisOptions options = options_from(parsed, output);
    AnalysisResult result = analyze_trial(sim.trial, &sim.static_trial, options);
    nlohmann::json session = to_json(result.session);
    session["runner"] = runner.name;
    nlohmann::json truth = {{"foot_strike_angle_deg", runner.foot_strike_angle_deg},
                            {"knee_flexion_ic_deg", runner.knee_flexion_ic_deg},
                            {"contact_time_s", sim.truth.contact_time_s},
                            {"cadence_spm", sim.truth.cadence_spm},
                            {"steps", sim.truth.steps.size()}};
    if (!sim.truth.steps.empty()) {
      const auto& step = sim.truth.steps.front();
      truth["knee_flexion_excursion_deg"] = step.knee_flexion_excursion_deg;
      truth["impact_peak_bw"] = step.impact_peak_bw ? nlohmann::json(*step.impact_peak_bw) : nlohmann::json(nullptr);
      truth["valr_bw_s"] = step.valr_bw_s;
      truth["braking_impulse_bws"] = step.braking_impulse_bw_s;
    }
    session["truth"] = truth;
    all["sessions"].push_back(session);
    if (!output.quiet) {
      print_session(runner.name, result.session, std::cout);
      std::cout << std::fixed << std::setprecision(1) << "  known answers: foot strike angle "
                << runner.foot_strike_angle_deg << " deg, knee flexion at IC " << runner.knee_flexion_ic_deg
                << " deg, contact " << std::setprecision(3) << sim.truth.contact_time_s << " s, cadence "
                << std::setprecision(1) << sim.truth.cadence_spm << " steps/min, " << sim.truth.steps.size()
                << " complete stances\n"
                << std::defaultfloat;
    }
    std::ostringstream rows;
    write_csv(rows, result.session);
    std::string text = rows.str();
    if (!first_csv) text = text.substr(text.find('\n') + 1);  // one header for both runners
    csv << text;
    first_csv = false;
  }
  if (auto json_path = parsed.value("json")) write_text_file(*json_path, all.dump(2) + "\n", "JSON result");
  if (auto csv_path = parsed.value("csv")) write_text_file(*csv_path, csv.str(), "CSV result");
  if (!output.quiet && parsed.value("json")) std::cerr << "wrote " << *parsed.value("json") << "\n";
  return 0;
}

}  // namespace

int run_analyze(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {"quiet"},
                           {"static", "mass", "json", "csv", "forces", "cutoff", "speed", "thresholds",
                            "events", "profile"});
  Output output;
  output.quiet = parsed.has("quiet");
  output.progress = !output.quiet && isatty(STDERR_FILENO);
  if (parsed.positional.size() > 1) throw UsageError("expected at most one TRIAL");
  if (parsed.positional.empty()) return run_demo(parsed, output);

  const std::string trial_path = parsed.positional[0];
  std::optional<std::filesystem::path> forces;
  if (auto f = parsed.value("forces")) forces = *f;
  if (output.progress) std::cerr << "reading " << trial_path << "\n";
  Trial trial = read_trial(trial_path, forces);
  std::optional<Trial> static_trial;
  if (auto s = parsed.value("static")) static_trial = read_trial(*s);
  AnalysisOptions options = options_from(parsed, output);
  AnalysisResult result = analyze_trial(trial, static_trial ? &*static_trial : nullptr, options);

  nlohmann::json json = to_json(result.session);
  if (result.marker_events) {
    // Force and marker events side by side: the disagreement per stance, in ms.
    nlohmann::json agreement = nlohmann::json::array();
    for (const auto& stance : result.events.stances) {
      nlohmann::json row = {{"side", std::string(to_string(stance.side))}, {"ic_s", stance.ic_s}};
      row["ic_marker_minus_force_ms"] =
          stance.ic_disagreement_s ? nlohmann::json(*stance.ic_disagreement_s * 1000) : nlohmann::json(nullptr);
      row["to_marker_minus_force_ms"] =
          stance.to_disagreement_s ? nlohmann::json(*stance.to_disagreement_s * 1000) : nlohmann::json(nullptr);
      agreement.push_back(row);
    }
    json["event_agreement"] = agreement;
  }
  if (auto json_path = parsed.value("json")) write_text_file(*json_path, json.dump(2) + "\n", "JSON result");
  if (auto csv_path = parsed.value("csv")) {
    std::ostringstream rows;
    write_csv(rows, result.session);
    write_text_file(*csv_path, rows.str(), "CSV result");
  }
  if (!output.quiet && parsed.value("json") != "-" && parsed.value("csv") != "-") {
    print_session(trial_path, result.session, std::cout);
    for (const auto& w : result.session.provenance.warnings) std::cerr << "warning: " << w << "\n";
  }
  return 0;
}

}  // namespace touchdown::cli
