// build_session: every per-step metric, the per-side summaries, symmetry, cadence and provenance.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "touchdown/joint_load.hpp"
#include "touchdown/session.hpp"
#include "touchdown/version.hpp"

namespace touchdown {
namespace {

LoadingMetrics loading_absent(const std::string& reason) {
  LoadingMetrics m;
  for (Measured* x : {&m.impact_peak_bw, &m.active_peak_bw, &m.braking_peak_bw}) *x = Measured::absent("BW", reason);
  m.valr_bw_s = Measured::absent("BW/s", reason);
  m.vilr_bw_s = Measured::absent("BW/s", reason);
  m.braking_impulse_bws = Measured::absent("BW*s", reason);
  m.propulsive_impulse_bws = Measured::absent("BW*s", reason);
  m.leg_stiffness_kn_m = Measured::absent("kN/m", reason);
  return m;
}

// Mean of one metric over every step (both feet) and how many steps had it.
struct StepMean {
  std::optional<double> mean;
  std::size_t n = 0;
};
StepMean mean_over_steps(const std::vector<StepMetrics>& steps, const Measured& (*get)(const StepMetrics&)) {
  StepMean result;
  double sum = 0;
  for (const StepMetrics& step : steps)
    if (const Measured& m = get(step); m.value) {
      sum += *m.value;
      ++result.n;
    }
  if (result.n > 0) result.mean = sum / static_cast<double>(result.n);
  return result;
}

// Cut-off for the ground reaction in inverse dynamics: the option, else the markers' (Kristianslund 2012).
struct InverseDynamicsCutoff {
  std::optional<double> hz;  // nullopt = unfiltered
  std::string note;          // set when the markers' cut-off had to be assumed
};
InverseDynamicsCutoff inverse_dynamics_cutoff(const MetricsOptions& options, const SessionInputs& inputs) {
  InverseDynamicsCutoff c;
  std::optional<double> hz = options.joint_load.cutoff_hz ? options.joint_load.cutoff_hz : inputs.marker_cutoff_hz;
  if (!hz) {
    hz = 12.0;
    c.note = "inverse dynamics: marker filter cut-off unknown; the ground reaction is filtered at 12 Hz (the default "
             "marker cut-off)";
  } else if (options.joint_load.cutoff_hz && inputs.marker_cutoff_hz && *options.joint_load.cutoff_hz != *inputs.marker_cutoff_hz) {
    c.note = "inverse dynamics: ground reaction cut-off differs from the marker cut-off (Kristianslund 2012 advises "
             "the same)";
  }
  if (*hz > 0) c.hz = hz;
  return c;
}

// Cumulative PF load per km (Willson et al. 2014): mean per-step peak PF force x steps per km.
Measured pf_load_per_km(const SummaryStat& pf_force, double share_of_steps, const Session& session, const std::string& who) {
  const std::string unit = "BW*steps/km";
  if (!pf_force.mean) return Measured::absent(unit, "no peak PF force: " + pf_force.missing_reason);
  if (!session.cadence_spm.value) return Measured::absent(unit, "cadence unknown: " + session.cadence_spm.missing_reason);
  if (!session.speed_m_s.value || !(*session.speed_m_s.value > 0))
    return Measured::absent(unit, "running speed unknown: " + session.speed_m_s.missing_reason);
  const double per_km = share_of_steps * steps_per_km(*session.cadence_spm.value, *session.speed_m_s.value);
  return Measured::of(*pf_force.mean * per_km, unit,
                      "mean per-step peak PF force (BW) x " + who + " steps per km (cadence / speed); Willson 2014");
}

Provenance make_provenance(const Body& body, const MetricsOptions& options, const SessionInputs& inputs,
                           const GroundInfo& ground, const std::vector<StepMetrics>& steps) {
  Provenance p;
  p.inputs = inputs.input_files;
  p.version = kVersion;
  p.marker_set = body.marker_set;
  p.body_methods = body.methods;
  p.event_method = inputs.event_method;
  p.event_parameters = inputs.event_parameters;
  p.up_axis = body.up.name();
  p.progression_axis = body.progression.name();
  p.ground = std::string(to_string(ground.ground));
  p.ground_method = ground.method;
  p.body_mass_kg = options.body_mass_kg;
  p.body_mass_source = options.body_mass_kg ? options.body_mass_source : "unknown";

  const bool mo = options.foot_strike.thresholds == FsaThresholds::mo2021;
  p.thresholds = {
      {"fsa_rearfoot_above_deg", mo ? 7.4 : 8.0},
      {"fsa_forefoot_below_deg", mo ? -0.8 : -1.6},
      {"strike_index_rearfoot_below_pct", 33.5},
      {"strike_index_forefoot_from_pct", 67.5},
      {"extended_knee_below_deg", options.knee.extended_knee_threshold_deg},
      {"impact_window_fraction_of_stance", options.loading.impact_window_fraction},
      {"impact_min_prominence_fraction_of_active_peak", options.loading.impact_min_prominence_fraction},
      {"blackmore_fraction_of_stance", options.loading.blackmore_fraction},
      {"strike_index_window_fraction_of_stance", options.foot_strike.strike_index_window_fraction},
      {"max_step_time_s", options.spatiotemporal.max_step_time_s},
      {"overground_min_speed_m_s", options.spatiotemporal.overground_min_speed_m_s},
      {"gravity_m_s2", options.loading.gravity_m_s2},
  };
  p.filter_cutoffs_hz["forces"] = options.loading.force_cutoff_hz;
  if (inputs.marker_cutoff_hz) p.filter_cutoffs_hz["markers"] = inputs.marker_cutoff_hz;
  p.filter_cutoffs_hz["inverse_dynamics_forces"] = inverse_dynamics_cutoff(options, inputs).hz;
  p.thresholds["joint_load_max_missing_fraction"] = options.joint_load.max_missing_fraction;
  p.methods["segment_inertia"] = {"de Leva 1996 " + std::string(to_string(options.joint_load.sex))};
  p.methods["joint_load_models"] = {
      "inverse dynamics: Newton-Euler foot + shank from the ground reaction (Winter), de Leva 1996 inertia",
      "same cut-off for ground reaction and markers (Kristianslund, Krosshaug & van den Bogert 2012)",
      "quadriceps force: extensor moment / effective quadriceps moment arm (van Eijden et al. 1986 cubic fit)",
      "PF joint reaction force: k(knee angle) x quadriceps force (Brechter & Powers 2002 fit of van Eijden 1986)",
      "PF stress: PF force / contact area (Besier et al. 2005 MRI means, x1.24 weight-bearing)",
      "TF compression: axial knee joint reaction force + quadriceps force along the tibia (estimate)",
      "cumulative PF load per km: per-step peak x steps per km (Willson et al. 2014)"};

  for (const MetricField& field : step_metric_fields()) {
    std::set<std::string> seen;
    auto& list = p.methods[std::string(field.name)];
    for (const StepMetrics& step : steps) {
      const std::string& method = field.get(step).method;
      if (!method.empty() && seen.insert(method).second) list.push_back(method);
    }
  }
  if (!steps.empty()) {
    p.methods["strike_pattern"] = {steps.front().foot_strike.strike_pattern.method};
    p.methods["strike_pattern_si"] = {steps.front().foot_strike.strike_pattern_si.method};
  }
  char extended[64];
  std::snprintf(extended, sizeof extended, "knee_flexion_ic_deg < %g deg", options.knee.extended_knee_threshold_deg);
  p.methods["extended_knee"] = {extended};
  p.warnings = inputs.warnings;
  p.warnings.insert(p.warnings.end(), body.warnings.begin(), body.warnings.end());
  return p;
}

}  // namespace

Session build_session(const Body& body, std::span<const Stance> stances, std::span<const PlateSeries> plates,
                      const MetricsOptions& requested, const SessionInputs& inputs) {
  Session session;
  MetricsOptions options = requested;  // the body mass may be estimated below
  std::vector<std::string> warnings;
  std::vector<Stance> sorted;
  sorted.reserve(stances.size());
  for (const Stance& s : stances) {
    if (s.side == Side::none)
      warnings.push_back("stance at " + std::to_string(s.ic_s) + " s skipped: not assigned to a foot");
    else if (!std::isfinite(s.ic_s) || !std::isfinite(s.to_s) || !(s.to_s > s.ic_s))
      warnings.push_back("stance at " + std::to_string(s.ic_s) + " s skipped: toe-off is not after initial contact");
    else
      sorted.push_back(s);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Stance& a, const Stance& b) { return a.ic_s < b.ic_s; });

  if (!options.body_mass_kg && options.estimate_body_mass_from_grf && !plates.empty()) {
    const MassEstimate estimate = estimate_body_mass_from_grf(plates, sorted, body.up, options.loading.gravity_m_s2);
    if (estimate.mass_kg) {
      options.body_mass_kg = estimate.mass_kg;
      options.body_mass_source = estimate.method;
      char text[64];
      std::snprintf(text, sizeof text, "body mass %.1f kg ", *estimate.mass_kg);
      warnings.push_back(text + estimate.method);
    } else {
      warnings.push_back("body mass unknown and not estimated from the GRF: " + estimate.missing_reason);
    }
  }
  const InverseDynamicsCutoff id_cutoff = inverse_dynamics_cutoff(options, inputs);
  if (!id_cutoff.note.empty()) warnings.push_back(id_cutoff.note);
  std::vector<std::optional<GroundWrenchSignals>> wrenches(plates.size());  // prepared once per plate, on first use
  auto wrench_of = [&](const Stance& s) -> const GroundWrenchSignals* {
    if (!s.plate || *s.plate >= plates.size()) return nullptr;
    auto& slot = wrenches[*s.plate];
    if (!slot) slot = prepare_ground_wrench(plates[*s.plate], body.up, id_cutoff.hz);
    return &*slot;
  };
  KneeLoadData knee_load;  // workspace reused by every stance

  const GroundInfo ground = detect_ground(body, options.spatiotemporal);
  std::vector<std::optional<ForceSignals>> forces(plates.size());  // prepared once per plate, on first use
  auto forces_of = [&](const Stance& s) -> const ForceSignals* {
    if (!s.plate || *s.plate >= plates.size()) return nullptr;
    auto& slot = forces[*s.plate];
    if (!slot) slot = prepare_force_signals(plates[*s.plate], body.up, body.progression, options.loading.force_cutoff_hz);
    return &*slot;
  };

  session.steps.reserve(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Stance& s = sorted[i];
    StepMetrics step;
    step.side = s.side;
    step.ic_s = s.ic_s;
    step.to_s = s.to_s;
    step.plate = s.plate;
    step.event_method = s.method;
    step.timing = compute_spatiotemporal(sorted, i, &body, ground, options.spatiotemporal);
    const PlateSeries* plate = s.plate && *s.plate < plates.size() ? &plates[*s.plate] : nullptr;
    step.foot_strike = compute_foot_strike(body, s, plate, options.foot_strike);
    step.knee = compute_knee(body, s, options.knee);
    if (const ForceSignals* f = forces_of(s))
      step.loading = compute_loading(*f, s, options.body_mass_kg, options.loading);
    else
      step.loading = loading_absent(s.plate ? "stance names plate " + std::to_string(*s.plate) + " but only " +
                                                  std::to_string(plates.size()) + " plate series were given"
                                            : "no force plate under this stance");
    if (const GroundWrenchSignals* w = wrench_of(s))
      step.joint_load = compute_joint_load(body, s, w, options.body_mass_kg, options.joint_load, knee_load);
    else
      step.joint_load = joint_load_absent(step.loading.active_peak_bw.missing_reason);
    session.steps.push_back(std::move(step));
  }

  // Session speed: the belt speed, or the mean of the overground step speeds.
  if (ground.ground == Ground::treadmill && ground.treadmill_speed_m_s) {
    session.speed_m_s = Measured::of(*ground.treadmill_speed_m_s, "m/s", "treadmill belt speed (given)");
  } else if (const StepMean speed = mean_over_steps(
                 session.steps, [](const StepMetrics& m) -> const Measured& { return m.timing.speed_m_s; });
             speed.mean) {
    session.speed_m_s = Measured::of(*speed.mean, "m/s", "mean step speed over " + std::to_string(speed.n) + " steps");
  } else {
    session.speed_m_s = Measured::absent(
        "m/s", session.steps.empty() ? "no steps" : session.steps.front().timing.speed_m_s.missing_reason);
  }

  // Leg stiffness needs the step's speed (else the session's) for the Morin model.
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    StepMetrics& step = session.steps[i];
    if (sorted[i].plate && forces_of(sorted[i]) == nullptr) continue;  // plate named but not given: reason already set
    const std::optional<double> speed = step.timing.speed_m_s.value ? step.timing.speed_m_s.value : session.speed_m_s.value;
    step.loading.leg_stiffness_kn_m = compute_leg_stiffness(body, forces_of(sorted[i]), sorted[i], step.timing, speed,
                                                            options.body_mass_kg, options.loading);
  }

  const StepMean step_time =
      mean_over_steps(session.steps, [](const StepMetrics& m) -> const Measured& { return m.timing.step_time_s; });
  session.cadence_spm = step_time.mean ? Measured::of(60.0 / *step_time.mean, "steps/min",
                                                      "60 / mean step time over " + std::to_string(step_time.n) +
                                                          " steps (both feet)")
                                       : Measured::absent("steps/min", "no step time (no consecutive left-right contacts)");

  session.left = summarize_side(session.steps, Side::left);
  session.right = summarize_side(session.steps, Side::right);
  // One knee takes every other step; the session value counts both knees.
  session.left.pf_load_per_km = pf_load_per_km(session.left.stats.at("pf_force_peak_bw"), 0.5, session, "this leg's");
  session.right.pf_load_per_km = pf_load_per_km(session.right.stats.at("pf_force_peak_bw"), 0.5, session, "this leg's");
  {
    SummaryStat both;
    const StepMean pf = mean_over_steps(session.steps, [](const StepMetrics& m) -> const Measured& {
      return m.joint_load.pf_force_peak_bw;
    });
    both.mean = pf.mean;
    both.n = pf.n;
    if (!pf.mean) both.missing_reason = session.left.stats.at("pf_force_peak_bw").missing_reason;
    session.pf_load_per_km = pf_load_per_km(both, 1.0, session, "all");
  }
  for (const MetricField& field : step_metric_fields()) {
    const std::string name(field.name);
    session.symmetry.emplace(name, symmetry_of(session.left.stats.at(name), session.right.stats.at(name), field.symmetry));
  }
  session.provenance = make_provenance(body, options, inputs, ground, session.steps);
  if (session.pf_load_per_km.value) session.provenance.methods["pf_load_per_km"] = {session.pf_load_per_km.method};
  session.provenance.warnings.insert(session.provenance.warnings.end(), warnings.begin(), warnings.end());
  return session;
}

}  // namespace touchdown
