#pragma once
// A Session: the per-step metrics of one trial, per-side summaries, left-right symmetry and the
// provenance needed to compare two sessions (methods, thresholds, filter cut-offs, version).
// build_session() is the one entry point the CLI, the web app and batch runs call.
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/events.hpp"
#include "touchdown/metrics.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

// Mean, sample SD (n - 1) and n of one metric on one side. `mean` is absent when n = 0 (the reason is
// the most frequent reason the steps gave), `sd` when n < 2.
struct SummaryStat {
  std::optional<double> mean, sd;
  std::size_t n = 0;
  std::string unit;
  std::string missing_reason;
};

// Majority strike pattern (plurality) with the counts behind it, e.g. "rearfoot on 46 of 48 steps".
struct PatternSummary {
  std::optional<StrikePattern> majority;  // absent when no step is classified or on a tie
  std::size_t rearfoot = 0, midfoot = 0, forefoot = 0;
  std::size_t unclassified = 0;
  std::string text;  // "rearfoot on 46 of 48 steps", "tie: 2 rearfoot, 2 forefoot", ...
};

struct SideSummary {
  Side side = Side::none;
  std::size_t steps = 0;
  std::map<std::string, SummaryStat> stats;  // keyed by MetricField::name
  PatternSummary strike_pattern;             // headline: per step by strike index when a plate gives one, else FSA
  PatternSummary strike_pattern_fsa;         // by foot strike angle
  PatternSummary strike_pattern_si;          // by strike index
  std::size_t extended_knee_steps = 0;       // steps flagged extended-knee
  std::size_t knee_flexion_steps = 0;        // steps with a knee flexion at IC
  // Cumulative patellofemoral load of this knee per km (Willson et al. 2014): mean per-step peak PF force
  // (BW) x this leg's steps per km (half the steps per km from cadence and speed). Unit BW*steps/km.
  Measured pf_load_per_km;
};

// Left-right symmetry of one metric, from the two side means.
struct Symmetry {
  std::optional<double> value;
  std::string unit;    // "%" (ratio) or the metric's unit (difference)
  std::string method;  // "100*(R-L)/(0.5*(R+L))" or "R-L"
  std::string missing_reason;
};

struct Provenance {
  std::vector<std::string> inputs;  // input file(s)
  std::string version;              // touchdown::kVersion
  std::string marker_set;
  std::vector<std::string> body_methods;  // how the Body was built (from Body::methods)
  std::string event_method;
  std::vector<std::string> event_parameters;
  std::string up_axis, progression_axis;  // "+Z", "-X", ...
  std::string ground;                     // "overground" / "treadmill" / "automatic" (unknown)
  std::string ground_method;
  std::optional<double> body_mass_kg;
  std::string body_mass_source;
  std::map<std::string, std::vector<std::string>> methods;          // metric -> distinct methods used
  std::map<std::string, double> thresholds;                         // name -> value
  std::map<std::string, std::optional<double>> filter_cutoffs_hz;  // name -> Hz; empty = unfiltered
  std::vector<std::string> warnings;
};

struct Session {
  std::vector<StepMetrics> steps;  // sorted by ic_s
  SideSummary left, right;
  std::map<std::string, Symmetry> symmetry;  // keyed by MetricField::name
  Measured cadence_spm;                      // 60 / mean step time, both feet
  Measured speed_m_s;                        // belt speed, or mean step speed overground
  // Both knees: mean per-step peak PF force over every step x steps per km (BW*steps/km).
  Measured pf_load_per_km;
  Provenance provenance;

  [[nodiscard]] const SideSummary& summary(Side side) const { return side == Side::left ? left : right; }
};

// What the caller knows about where the inputs came from (recorded as provenance).
struct SessionInputs {
  std::vector<std::string> input_files;
  std::string event_method;                  // EventResult::method
  std::vector<std::string> event_parameters;  // EventResult::parameters
  std::vector<std::string> warnings;          // reader / event warnings to carry into the report
  std::optional<double> marker_cutoff_hz;     // the Body's marker filter cut-off, when known
};

// Computes every per-step metric for `stances` (any order; stances with Side::none are skipped with a
// warning), the per-side summaries, symmetry, cadence and provenance. Knee joint loading (joint_load.hpp)
// filters each plate's ground reaction at the markers' cut-off (SessionInputs::marker_cutoff_hz) unless
// options.joint_load.cutoff_hz says otherwise. Without a body mass, and with
// options.estimate_body_mass_from_grf, the mass is estimated from the GRF over whole strides and the
// provenance says so. `plates[stance.plate]` must be the series of the plate a stance names; a stance
// naming a plate outside `plates` gets force metrics absent with a reason.
[[nodiscard]] Session build_session(const Body& body, std::span<const Stance> stances,
                                    std::span<const PlateSeries> plates, const MetricsOptions& options,
                                    const SessionInputs& inputs);

// Summary of one side from finished steps (exposed for tests).
[[nodiscard]] SideSummary summarize_side(std::span<const StepMetrics> steps, Side side);
[[nodiscard]] PatternSummary summarize_patterns(std::span<const StrikeClass* const> classes);
[[nodiscard]] Symmetry symmetry_of(const SummaryStat& left, const SummaryStat& right, SymmetryKind kind);

}  // namespace touchdown
