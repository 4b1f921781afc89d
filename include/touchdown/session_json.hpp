#pragma once
// Session output: JSON (the contract the CLI, web app and tests rely on) and CSV (one row per step).
//
// JSON contract (names never change; fields may be added):
//   steps[]    : side ("left"/"right"), ic_s, to_s, strike_pattern ("rearfoot"/"midfoot"/"forefoot"),
//                foot_strike_angle_deg, strike_index_pct, knee_flexion_ic_deg, knee_flexion_excursion_deg,
//                contact_time_s, impact_peak_bw, valr_bw_s, vilr_bw_s, braking_impulse_bws, ... (every
//                MetricField); a missing metric is null and `missing` {name: reason} says why; `methods`
//                {name: method}; strike_pattern_si, extended_knee, plate, event_method.
//   summary    : {"left": {...}, "right": {...}}, each with the mean of every metric under its name,
//                the majority strike_pattern (+ strike_pattern_text, strike_pattern_counts),
//                stats.<name> {mean, sd, n}, steps, missing {name: reason}, pf_load_per_km (this knee,
//                BW*steps/km).
//   symmetry   : {name: {value, unit, method} or {value: null, reason}}.
//   session    : cadence_spm, speed_m_s, pf_load_per_km (both knees) as {value, unit, method} (+ reason).
//   units      : {name: unit}.
//   provenance : input, version, methods, thresholds, filter_cutoffs, marker_set, body_methods,
//                event_method, event_parameters, up_axis, progression_axis, ground, ground_method,
//                body_mass_kg, body_mass_source, warnings.
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "touchdown/session.hpp"

namespace touchdown {

[[nodiscard]] nlohmann::json to_json(const Session& session);

// CSV header: side, ic_s, to_s, plate_index, event_method, strike_pattern, strike_pattern_si,
// extended_knee, then every MetricField name (each carries its unit: _deg, _s, _bw, _pct ...).
[[nodiscard]] std::vector<std::string> csv_header();
// One row per step; a missing value is an empty cell; text cells are quoted when they need it.
void write_csv(std::ostream& out, const Session& session);

}  // namespace touchdown
