// Per-step knee joint-load metrics from the stance's knee load series (metrics.md, "Joint loading"):
// peak knee extensor moment, quadriceps force, PF force and stress, TF compression, and the knee's
// negative work from IC to peak knee flexion (the loading / absorption phase). Models: joint_load.hpp.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "common/format_number.hpp"
#include "touchdown/joint_load.hpp"

namespace touchdown {
namespace {

using text::format;

struct Peak {
  double value = -std::numeric_limits<double>::infinity();
  std::size_t index = 0, valid = 0;
};
Peak peak_of(const std::vector<double>& v, std::size_t end) {
  Peak p;
  for (std::size_t i = 0; i < end && i < v.size(); ++i) {
    if (!std::isfinite(v[i])) continue;
    ++p.valid;
    if (v[i] > p.value) {
      p.value = v[i];
      p.index = i;
    }
  }
  return p;
}

std::string method_name(const KneeLoadData& d, const KneeLoadModel& model, const std::string& filter) {
  const std::string how = d.method == KneeLoadMethod::three_d
                              ? "3D Newton-Euler, foot + shank (hip centre, epicondyles, malleoli, heel, toe)"
                              : "sagittal Newton-Euler, foot + shank (medial markers missing)";
  return how + "; de Leva 1996 " + std::string(to_string(model.sex)) + " segments; ground reaction " + filter +
         ", markers at the Body's cut-off (Kristianslund 2012)";
}

}  // namespace

JointLoadMetrics joint_load_absent(const std::string& reason) {
  JointLoadMetrics m;
  m.knee_extensor_moment_peak_nm_kg = Measured::absent("N*m/kg", reason);
  m.quadriceps_force_peak_bw = Measured::absent("BW", reason);
  m.pf_force_peak_bw = Measured::absent("BW", reason);
  m.pf_stress_peak_mpa = Measured::absent("MPa", reason);
  m.tf_compression_peak_bw = Measured::absent("BW", reason);
  m.knee_negative_work_j_kg = Measured::absent("J/kg", reason);
  return m;
}

JointLoadMetrics summarize_knee_load(const KneeLoadData& d, const KneeLoadModel& model, const JointLoadOptions& options,
                                     const std::string& filter) {
  if (d.method == KneeLoadMethod::none) return joint_load_absent(d.missing_reason);
  const std::size_t n = d.size();
  const double mass = model.body_mass_kg, weight = mass * model.gravity_m_s2;
  const auto enough = [&](std::size_t valid, std::size_t of) {
    return of > 0 && static_cast<double>(of - valid) <= options.max_missing_fraction * static_cast<double>(of);
  };
  const std::string method = method_name(d, model, filter);
  JointLoadMetrics m;

  const Peak moment = peak_of(d.extensor_moment_nm, n);
  if (!enough(moment.valid, n))
    return joint_load_absent(format("knee moment missing on more than %g %% of stance frames (landmark or force gaps)",
                                    100 * options.max_missing_fraction));
  m.knee_extensor_moment_peak_nm_kg =
      Measured::of(moment.value / mass, "N*m/kg", "peak net internal knee extensor moment in stance; " + method);

  const Peak flexion = peak_of(d.flexion_deg, n);
  if (!enough(flexion.valid, n)) {
    const std::string reason = "knee flexion unavailable (hip joint centre missing)";
    m.quadriceps_force_peak_bw = Measured::absent("BW", reason);
    m.pf_force_peak_bw = Measured::absent("BW", reason);
    m.pf_stress_peak_mpa = Measured::absent("MPa", reason);
    m.tf_compression_peak_bw = Measured::absent("BW", reason);
    m.knee_negative_work_j_kg = Measured::absent("J/kg", reason);
    return m;
  }
  const std::string pf = "extensor moment / quadriceps moment arm (van Eijden 1986); ";
  const std::string sex = std::string(to_string(model.sex));
  m.quadriceps_force_peak_bw = Measured::of(peak_of(d.quadriceps_n, n).value / weight, "BW",
                                            "peak quadriceps force = " + pf + method);
  m.pf_force_peak_bw = Measured::of(peak_of(d.pf_force_n, n).value / weight, "BW",
                                    "peak PF joint reaction force = k(knee angle) x quadriceps force (Brechter & Powers "
                                    "2002), " + pf + method);
  m.pf_stress_peak_mpa = Measured::of(peak_of(d.pf_stress_mpa, n).value, "MPa",
                                      "peak PF joint reaction force / contact area (Besier 2005 " + sex +
                                          " MRI means, x1.24 weight-bearing); " + method);
  m.tf_compression_peak_bw =
      Measured::of(peak_of(d.tf_compression_n, n).value / weight, "BW",
                   "peak axial knee joint reaction force + quadriceps force along the tibia (estimate, no "
                   "co-contraction); " + method);

  // Negative work from IC to peak knee flexion: trapezoid of the negative part of the power.
  const std::size_t end = flexion.index;
  std::size_t valid = 0;
  double work = 0;
  for (std::size_t i = 0; i < end; ++i) {
    const double a = d.power_w[i], b = d.power_w[i + 1];
    if (!std::isfinite(a) || !std::isfinite(b)) continue;
    ++valid;
    work += 0.5 * (std::min(a, 0.0) + std::min(b, 0.0)) / d.rate_hz;
  }
  const std::string work_method = "integral of negative sagittal knee power (extensor moment x extension velocity) "
                                  "from IC to peak knee flexion; " + method;
  if (end == 0)
    m.knee_negative_work_j_kg = Measured::absent("J/kg", "knee flexion peaks at IC (no loading phase)", work_method);
  else if (!enough(valid, end))
    m.knee_negative_work_j_kg = Measured::absent("J/kg", "knee power missing in the loading phase", work_method);
  else
    m.knee_negative_work_j_kg = Measured::of(work / mass, "J/kg", work_method);
  return m;
}

JointLoadMetrics compute_joint_load(const Body& body, const Stance& stance, const GroundWrenchSignals* ground,
                                    std::optional<double> body_mass_kg, const JointLoadOptions& options,
                                    KneeLoadData& data) {
  if (ground == nullptr) return joint_load_absent("no force plate under this stance");
  if (!body_mass_kg || !(*body_mass_kg > 0)) return joint_load_absent("body mass unknown");
  const KneeLoadModel model{*body_mass_kg, options.sex, options.gravity_m_s2};
  compute_knee_load(body, stance, *ground, model, data);
  return summarize_knee_load(data, model, options, ground->filter);
}

double steps_per_km(double cadence_spm, double speed_m_s) { return cadence_spm / 60.0 / speed_m_s * 1000.0; }

}  // namespace touchdown
