#pragma once
// Stance detection: initial contact (IC) and toe-off (TO) per foot, from forces or from markers.
// Each detector's algorithm and source are documented in its header under src/events/.
#include <optional>
#include <string>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

struct Stance {
  Side side = Side::none;
  double ic_s = 0;  // seconds from the first point frame
  double to_s = 0;
  std::optional<std::size_t> plate;  // force plate carrying it (force method)
  std::string method;                // "force", "markers"
  double uncertainty_s = 0;          // +/- half a sample of the detecting signal
  // When both force and marker events exist: marker minus force timing, in seconds.
  std::optional<double> ic_disagreement_s, to_disagreement_s;
};

struct ForceEventOptions {
  double on_threshold_n = 20.0;   // vertical GRF rises above: IC
  double off_threshold_n = 10.0;  // falls below: TO (hysteresis)
  double min_stance_s = 0.080;
  double min_flight_s = 0.020;
  // When the unloaded plate is noisier than the off threshold (treadmill vibration, drift), both thresholds
  // are raised just above that noise and the result says so; otherwise a noisy plate never "unloads".
  bool raise_thresholds_above_noise = true;
};

struct MarkerEventOptions {
  // Handsaker 2016 / Leitch 2011: IC at the first vertical-acceleration peak of heel or metatarsal
  // marker after swing; TO at the toe marker's acceleration (or jerk) peak near the end of stance.
  // Body landmarks are already low-passed by landmarks/, so by default (0) they are differentiated as
  // they are; a positive cut-off (Hz) filters the marker heights again first (for an unfiltered Body).
  double cutoff_hz = 0.0;
  bool toe_off_by_jerk = false;  // Handsaker's jerk peak, for a hallux/toe-tip marker (not a metatarsal head)
};

struct EventResult {
  std::vector<Stance> stances;  // sorted by ic_s
  std::string method;
  std::vector<std::string> parameters;  // "on_threshold_n=20", ...
  std::vector<std::string> warnings;
};

// Force-based events on every plate. `body` (optional) assigns each stance to a foot: on a treadmill
// one plate carries both feet; the foot whose heel/toe is lowest and slowest during the stance wins.
// Times are on the point clock (plate time minus nothing: both clocks start at the first frame).
EventResult detect_force_events(const std::vector<PlateSeries>& plates, const std::vector<ForcePlate>& plate_info,
                                const Body* body, const ForceEventOptions& options = {});

// Marker-based events for trials without forces.
EventResult detect_marker_events(const Body& body, const MarkerEventOptions& options = {});

// Fills ic/to disagreement of `force` stances from the nearest `markers` stances of the same side.
void compare_events(EventResult& force, const EventResult& markers);

// Throws AnalysisError when the stances show no flight phase (walking: double support) or too few steps.
void require_running(const EventResult& events, const Body& body);

}  // namespace touchdown
