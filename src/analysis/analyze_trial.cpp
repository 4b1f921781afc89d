#include "touchdown/analysis.hpp"

#include <algorithm>
#include <cmath>

#include "touchdown/error.hpp"

namespace touchdown {
namespace {

void report(const AnalysisOptions& options, std::string_view stage) {
  if (options.progress) options.progress(stage);
}

// A plate "carries stances" when its vertical force exceeds the IC threshold somewhere; an
// instrumented lab often declares plates nobody stepped on.
bool any_loaded(const std::vector<PlateSeries>& plates, Axis up, double threshold_n) {
  for (const auto& plate : plates)
    for (const auto& f : plate.force_n)
      if (f[up.index] * up.sign > threshold_n) return true;
  return false;
}

}  // namespace

AnalysisResult analyze_trial(const Trial& trial, const Trial* static_trial, const AnalysisOptions& options) {
  AnalysisResult result;
  report(options, "landmarks");
  result.body = build_body(trial, static_trial, options.body);

  report(options, "forces");
  for (std::size_t i = 0; i < trial.force_plates.size(); ++i)
    result.plates.push_back(compute_plate_series(trial, i, options.plates));

  report(options, "events");
  const bool have_forces = any_loaded(result.plates, result.body.up, options.force_events.on_threshold_n);
  if (options.events == EventSource::force && !have_forces)
    throw AnalysisError(trial.source.path + ": force events requested but no force plate carries a stance");
  const bool use_force = options.events == EventSource::force || (options.events == EventSource::automatic && have_forces);
  EventResult markers = detect_marker_events(result.body, options.marker_events);
  if (use_force) {
    result.events = detect_force_events(result.plates, trial.force_plates, &result.body, options.force_events);
    compare_events(result.events, markers);
    result.marker_events = std::move(markers);
  } else {
    result.events = std::move(markers);
  }
  require_running(result.events, result.body);

  report(options, "metrics");
  MetricsOptions metrics = options.metrics;
  if (!metrics.body_mass_kg && trial.subject.mass_kg) {
    metrics.body_mass_kg = trial.subject.mass_kg;
    metrics.body_mass_source = "trial subject";
  }
  SessionInputs inputs;
  inputs.input_files.push_back(trial.source.path);
  if (static_trial) inputs.input_files.push_back(static_trial->source.path);
  inputs.event_method = result.events.method;
  inputs.event_parameters = result.events.parameters;
  inputs.warnings = trial.warnings;
  if (static_trial)
    for (const auto& w : static_trial->warnings) inputs.warnings.push_back("static: " + w);
  for (const auto& w : result.body.warnings) inputs.warnings.push_back(w);
  for (const auto& w : result.events.warnings) inputs.warnings.push_back(w);
  inputs.marker_cutoff_hz = options.body.cutoff_hz;
  result.session = build_session(result.body, result.events.stances, result.plates, metrics, inputs);
  return result;
}

}  // namespace touchdown
