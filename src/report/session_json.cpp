// Session -> JSON, following the contract in include/touchdown/session_json.hpp.
#include "touchdown/session_json.hpp"

#include <string>

namespace touchdown {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json pattern_json(const StrikeClass& c) { return c.pattern ? json(std::string(to_string(*c.pattern))) : json(nullptr); }

json step_json(const StepMetrics& step) {
  json j;
  j["side"] = std::string(to_string(step.side));
  j["ic_s"] = step.ic_s;
  j["to_s"] = step.to_s;
  j["plate"] = step.plate ? json(*step.plate) : json(nullptr);
  j["event_method"] = step.event_method;
  j["strike_pattern"] = pattern_json(headline_strike_pattern(step.foot_strike));
  j["strike_pattern_basis"] = std::string(headline_strike_basis(step.foot_strike));
  j["strike_pattern_fsa"] = pattern_json(step.foot_strike.strike_pattern);
  j["strike_pattern_si"] = pattern_json(step.foot_strike.strike_pattern_si);
  j["extended_knee"] = step.knee.extended_knee ? json(*step.knee.extended_knee) : json(nullptr);
  json missing = json::object(), methods = json::object();
  if (!headline_strike_pattern(step.foot_strike).pattern)
    missing["strike_pattern"] = headline_strike_pattern(step.foot_strike).missing_reason;
  if (!step.foot_strike.strike_pattern.pattern) missing["strike_pattern_fsa"] = step.foot_strike.strike_pattern.missing_reason;
  if (!step.foot_strike.strike_pattern_si.pattern)
    missing["strike_pattern_si"] = step.foot_strike.strike_pattern_si.missing_reason;
  if (!step.knee.extended_knee) missing["extended_knee"] = "knee flexion at IC absent";
  for (const MetricField& field : step_metric_fields()) {
    const Measured& m = field.get(step);
    const std::string name(field.name);
    j[name] = optional_number(m.value);
    if (!m.value) missing[name] = m.missing_reason;
    if (!m.method.empty()) methods[name] = m.method;
  }
  j["missing"] = std::move(missing);
  j["methods"] = std::move(methods);
  return j;
}

json pattern_summary_json(const PatternSummary& p) {
  return {{"majority", p.majority ? json(std::string(to_string(*p.majority))) : json(nullptr)},
          {"text", p.text},
          {"counts", {{"rearfoot", p.rearfoot}, {"midfoot", p.midfoot}, {"forefoot", p.forefoot}, {"unclassified", p.unclassified}}}};
}

json side_json(const SideSummary& s) {
  json j;
  j["steps"] = s.steps;
  json stats = json::object(), missing = json::object();
  for (const MetricField& field : step_metric_fields()) {
    const std::string name(field.name);
    const SummaryStat& stat = s.stats.at(name);
    j[name] = optional_number(stat.mean);
    stats[name] = {{"mean", optional_number(stat.mean)}, {"sd", optional_number(stat.sd)}, {"n", stat.n}, {"unit", stat.unit}};
    if (!stat.mean) missing[name] = stat.missing_reason;
  }
  j["strike_pattern"] = s.strike_pattern.majority ? json(std::string(to_string(*s.strike_pattern.majority))) : json(nullptr);
  if (!s.strike_pattern.majority) missing["strike_pattern"] = s.strike_pattern.text;
  j["strike_pattern_text"] = s.strike_pattern.text;
  j["strike_pattern_counts"] = pattern_summary_json(s.strike_pattern)["counts"];
  j["strike_pattern_fsa"] = pattern_summary_json(s.strike_pattern_fsa);
  j["strike_pattern_si"] = pattern_summary_json(s.strike_pattern_si);
  j["extended_knee_steps"] = s.extended_knee_steps;
  j["knee_flexion_steps"] = s.knee_flexion_steps;
  j["pf_load_per_km"] = optional_number(s.pf_load_per_km.value);
  if (!s.pf_load_per_km.value) missing["pf_load_per_km"] = s.pf_load_per_km.missing_reason;
  j["stats"] = std::move(stats);
  j["missing"] = std::move(missing);
  return j;
}

json measured_json(const Measured& m) {
  json j{{"value", optional_number(m.value)}, {"unit", m.unit}, {"method", m.method}};
  if (!m.value) j["reason"] = m.missing_reason;
  return j;
}

json provenance_json(const Provenance& p) {
  json filters = json::object();
  for (const auto& [name, cutoff] : p.filter_cutoffs_hz) filters[name + "_hz"] = optional_number(cutoff);
  return {{"input", p.inputs},
          {"version", p.version},
          {"methods", p.methods},
          {"thresholds", p.thresholds},
          {"filter_cutoffs", filters},
          {"marker_set", p.marker_set},
          {"body_methods", p.body_methods},
          {"event_method", p.event_method},
          {"event_parameters", p.event_parameters},
          {"up_axis", p.up_axis},
          {"progression_axis", p.progression_axis},
          {"ground", p.ground},
          {"ground_method", p.ground_method},
          {"body_mass_kg", optional_number(p.body_mass_kg)},
          {"body_mass_source", p.body_mass_source},
          {"warnings", p.warnings}};
}

}  // namespace

nlohmann::json to_json(const Session& session) {
  json j;
  json steps = json::array();
  for (const StepMetrics& step : session.steps) steps.push_back(step_json(step));
  j["steps"] = std::move(steps);
  j["summary"] = {{"left", side_json(session.left)}, {"right", side_json(session.right)}};
  json symmetry = json::object();
  for (const auto& [name, s] : session.symmetry) {
    json entry{{"value", optional_number(s.value)}, {"unit", s.unit}, {"method", s.method}};
    if (!s.value) entry["reason"] = s.missing_reason;
    symmetry[name] = std::move(entry);
  }
  j["symmetry"] = std::move(symmetry);
  j["session"] = {{"cadence_spm", measured_json(session.cadence_spm)},
                  {"speed_m_s", measured_json(session.speed_m_s)},
                  {"pf_load_per_km", measured_json(session.pf_load_per_km)}};
  json units = json::object();
  for (const MetricField& field : step_metric_fields()) units[std::string(field.name)] = std::string(field.unit);
  units["ic_s"] = "s";
  units["pf_load_per_km"] = "BW*steps/km";
  units["to_s"] = "s";
  j["units"] = std::move(units);
  j["provenance"] = provenance_json(session.provenance);
  return j;
}

}  // namespace touchdown
