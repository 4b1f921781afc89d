#pragma once
// The lab analysis in one call: Trial (+ static) -> Body -> force-plate series -> stances -> Session.
// No I/O and no global state: the CLI, the web app and batch runs over many files call this, in
// parallel if they like.
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/landmarks.hpp"
#include "touchdown/metrics.hpp"
#include "touchdown/session.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

enum class EventSource {
  automatic,  // force plates when they carry stances, else markers
  force,
  markers,
};

struct AnalysisOptions {
  BodyOptions body;
  PlateOptions plates;
  ForceEventOptions force_events;
  MarkerEventOptions marker_events;
  MetricsOptions metrics;  // body mass: metrics.body_mass_kg overrides the trial's subject
  EventSource events = EventSource::automatic;
  // Called at the start of each stage ("landmarks", "forces", "events", "metrics") for progress display.
  std::function<void(std::string_view stage)> progress;
};

struct AnalysisResult {
  Session session;
  Body body;
  std::vector<PlateSeries> plates;
  EventResult events;                        // the events the metrics used
  std::optional<EventResult> marker_events;  // marker events, also computed when force events were used
};

// Throws InputError for unusable input (no frames, unknown units), AnalysisError when the trial
// cannot be analysed (no marker set fits, walking, too few steps).
[[nodiscard]] AnalysisResult analyze_trial(const Trial& trial, const Trial* static_trial, const AnalysisOptions& options = {});

}  // namespace touchdown
