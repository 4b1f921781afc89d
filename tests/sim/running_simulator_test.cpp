// The generated Trial and its truth, checked the way an analysis would see them: from markers and plate
// channels, with independent formulas (C3D User Guide plate math, Harrington regression, joint angles).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <vector>

#include "touchdown/error.hpp"
#include "touchdown/simulate.hpp"

using namespace touchdown;

namespace {

constexpr double kPi = std::numbers::pi;

Vec3 sub(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 add(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 scale(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
double norm(Vec3 a) { return std::sqrt(dot(a, a)); }
Vec3 unit(Vec3 a) { return scale(1.0 / norm(a), a); }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
Vec3 mid(Vec3 a, Vec3 b) { return scale(0.5, add(a, b)); }

Vec3 marker(const Trial& trial, const char* label, std::size_t frame) {
  const Vec3f& v = trial.points.tracks.at(*trial.points.find(label)).samples.at(frame);
  return {v.x, v.y, v.z};
}

double heel_toe_angle_deg(const Trial& trial, Side side, std::size_t frame) {
  const Vec3 heel = marker(trial, side == Side::left ? "LHEE" : "RHEE", frame);
  const Vec3 toe = marker(trial, side == Side::left ? "LTOE" : "RTOE", frame);
  return std::atan2(toe.z - heel.z, std::hypot(toe.x - heel.x, toe.y - heel.y)) * 180.0 / kPi;
}

// Sagittal knee flexion from hip centre, epicondyle midpoint and malleolus midpoint (0 = straight).
double knee_flexion_deg(const Trial& trial, const SimulatedTruth& truth, Side side, std::size_t frame) {
  const bool left = side == Side::left;
  const Vec3 hip = left ? truth.hip_centre_left_mm[frame] : truth.hip_centre_right_mm[frame];
  const Vec3 knee = mid(marker(trial, left ? "LKNE" : "RKNE", frame), marker(trial, left ? "LKNM" : "RKNM", frame));
  const Vec3 ankle = mid(marker(trial, left ? "LANK" : "RANK", frame), marker(trial, left ? "LMED" : "RMED", frame));
  const Vec3 thigh = sub(hip, knee), shank = sub(ankle, knee);
  return 180.0 - std::acos(dot(thigh, shank) / (norm(thigh) * norm(shank))) * 180.0 / kPi;
}

// C3D type-2 plate, written from the C3D User Guide: axes from the corners, COP from the moments about
// the plate origin (ORIGIN = plate origin -> surface centre, plate frame), reaction = -(plate force).
struct PlateReading {
  Vec3 reaction_n, cop_mm;
};
PlateReading read_type2(const Trial& trial, const ForcePlate& plate, std::size_t sample) {
  const auto& c = plate.corners;
  const Vec3 x = unit(sub(add(c[0], c[3]), add(c[1], c[2])));
  const Vec3 y = unit(sub(add(c[0], c[1]), add(c[2], c[3])));
  const Vec3 z = cross(x, y);
  const Vec3 centre = scale(0.25, add(add(c[0], c[1]), add(c[2], c[3])));
  double ch[6];
  for (int k = 0; k < 6; ++k) ch[k] = trial.analog.channels[plate.channels[static_cast<std::size_t>(k)]].samples[sample];
  const double fx = ch[0], fy = ch[1], fz = ch[2], mx = ch[3], my = ch[4];
  const Vec3 o = plate.origin;
  const double px = (o.z * fx - my) / fz - o.x, py = (o.z * fy + mx) / fz - o.y;
  PlateReading r;
  r.reaction_n = scale(-1.0, add(add(scale(fx, x), scale(fy, y)), scale(fz, z)));
  r.cop_mm = add(centre, add(scale(px, x), scale(py, y)));
  return r;
}

std::vector<RunnerParameters> variants() {
  std::vector<RunnerParameters> all;
  for (RunnerParameters p : {demo_heel_striker(), demo_forefoot_striker()}) {
    all.push_back(p);
    p.treadmill = false;
    p.name += " (overground)";
    all.push_back(p);
  }
  return all;
}

}  // namespace

TEST(SimulateRunning, TrialDescribesItself) {
  const SimulatedTrial sim = simulate_running(demo_heel_striker());
  EXPECT_EQ(sim.trial.source.format, "generated");
  EXPECT_EQ(sim.trial.up.axis, (Axis{2, 1}));
  EXPECT_EQ(sim.trial.progression.axis, (Axis{0, 1}));
  EXPECT_EQ(sim.trial.up.method, "simulated");
  EXPECT_EQ(sim.trial.subject.mass_kg, 70.0);
  EXPECT_EQ(sim.trial.subject.height_m, 1.75);
  EXPECT_EQ(sim.trial.points.units, "mm");
  EXPECT_EQ(sim.trial.points.frames, 2000u);  // 10 s at 200 Hz
  EXPECT_EQ(sim.trial.analog.samples_per_channel, 10000u);
  EXPECT_EQ(sim.trial.points.tracks.size(), 20u);
  for (const char* label : {"LASI", "RASI", "LPSI", "RPSI", "LTHI", "LKNE", "LKNM", "LTIB", "LANK", "LMED", "LHEE",
                            "LTOE", "RTHI", "RKNE", "RKNM", "RTIB", "RANK", "RMED", "RHEE", "RTOE"})
    EXPECT_TRUE(sim.trial.points.find(label).has_value()) << label;
  EXPECT_EQ(sim.static_trial.points.frames, 200u);
  EXPECT_TRUE(sim.trial.events.empty());  // the analysis must find the events itself
}

TEST(SimulateRunning, StancesAlternateAndFollowCadenceAndDutyFactor) {
  for (const RunnerParameters& p : variants()) {
    const SimulatedTrial sim = simulate_running(p);
    const SimulatedTruth& truth = sim.truth;
    ASSERT_GE(truth.steps.size(), 20u) << p.name;
    for (std::size_t i = 1; i < truth.steps.size(); ++i) {
      EXPECT_NE(truth.steps[i].side, truth.steps[i - 1].side) << p.name;
      EXPECT_NEAR(truth.steps[i].ic_s - truth.steps[i - 1].ic_s, truth.step_time_s, 1e-9);
      EXPECT_LT(truth.steps[i - 1].to_s, truth.steps[i].ic_s);  // a flight phase between steps
    }
    for (const SimulatedStep& step : truth.steps) {
      // Events fall exactly on point frames.
      EXPECT_NEAR(step.ic_s * p.point_rate_hz, static_cast<double>(step.ic_frame), 1e-6);
      EXPECT_NEAR(step.to_s * p.point_rate_hz, static_cast<double>(step.to_frame), 1e-6);
      EXPECT_NEAR(step.to_s - step.ic_s, truth.contact_time_s, 1e-9);
    }
    // Duty factor = contact time / stride time, stride = 2 steps = 120 / cadence.
    EXPECT_NEAR(truth.contact_time_s, truth.duty_factor * 120.0 / truth.cadence_spm, 1e-12);
    // Rounding to whole frames moves the step and contact times by at most half a frame.
    const double frame = 1.0 / p.point_rate_hz;
    EXPECT_NEAR(truth.step_time_s, 60.0 / p.cadence_spm, 0.5 * frame) << p.name;
    EXPECT_NEAR(truth.contact_time_s, p.duty_factor * 120.0 / (60.0 / truth.step_time_s), 0.5 * frame) << p.name;
  }
}

TEST(SimulateRunning, FootStrikeAngleIsHeelToToeAtContactMinusStanding) {
  for (const RunnerParameters& p : variants()) {
    const SimulatedTrial sim = simulate_running(p);
    // Standing angle from the static trial's markers.
    const double standing = heel_toe_angle_deg(sim.static_trial, Side::left, 0);
    EXPECT_NEAR(standing, sim.truth.standing_foot_angle_deg, 1e-4);  // float storage of mm coordinates
    EXPECT_NEAR(heel_toe_angle_deg(sim.static_trial, Side::right, 0), standing, 1e-4);
    EXPECT_GT(std::abs(standing), 0.5);  // not levelled, so the subtraction is tested
    for (const SimulatedStep& step : sim.truth.steps) {
      // Truth, computed in double precision from the model's markers: the parameter, exactly.
      EXPECT_NEAR(step.foot_strike_angle_deg, p.foot_strike_angle_deg, 1e-6) << p.name;
      // From the stored float markers at the IC frame. Floats keep ~7 digits: at up to 17 m from the lab
      // origin (overground) a coordinate is good to ~1 um, i.e. 1e-5 rad over the 0.2 m heel-toe line.
      EXPECT_NEAR(heel_toe_angle_deg(sim.trial, step.side, step.ic_frame) - standing, p.foot_strike_angle_deg, 2e-3)
          << p.name;
    }
  }
}

TEST(SimulateRunning, KneeFlexionFromMarkersMatchesAtContactAndPeak) {
  for (const RunnerParameters& p : variants()) {
    const SimulatedTrial sim = simulate_running(p);
    for (const SimulatedStep& step : sim.truth.steps) {
      EXPECT_NEAR(step.knee_flexion_ic_deg, p.knee_flexion_ic_deg, 1e-9);
      // Markers are floats (~1 um): 1e-5 rad over 0.43 m segments, far inside 0.01 deg.
      EXPECT_NEAR(knee_flexion_deg(sim.trial, sim.truth, step.side, step.ic_frame), p.knee_flexion_ic_deg, 0.01)
          << p.name;
      double peak = 0;
      for (std::size_t f = step.ic_frame; f <= step.to_frame; ++f)
        peak = std::max(peak, knee_flexion_deg(sim.trial, sim.truth, step.side, f));
      // Frames sample the curve every 5 ms: near its maximum the curve is flat to second order
      // (|curvature| < 5000 deg/s^2 -> < 0.016 deg at 2.5 ms from the peak).
      EXPECT_NEAR(peak, p.knee_flexion_peak_stance_deg, 0.02) << p.name;
      EXPECT_LE(peak, p.knee_flexion_peak_stance_deg + 0.01);
    }
  }
}

TEST(SimulateRunning, PelvisMarkersGiveTheHipCentresByHarrington) {
  const SimulatedTrial sim = simulate_running(demo_forefoot_striker());
  for (std::size_t f = 0; f < sim.trial.points.frames; f += 97) {
    const Vec3 lasi = marker(sim.trial, "LASI", f), rasi = marker(sim.trial, "RASI", f);
    const Vec3 mid_psis = mid(marker(sim.trial, "LPSI", f), marker(sim.trial, "RPSI", f));
    // Harrington et al. 2007 (J Biomech 40:595), pelvis frame: origin mid-ASIS, z to the right ASIS,
    // x anterior (mid-PSIS -> mid-ASIS, made orthogonal to z), y = z x x; PW, PD in mm.
    const Vec3 origin = mid(lasi, rasi);
    const Vec3 z = unit(sub(rasi, lasi));
    const Vec3 back = sub(origin, mid_psis);
    const Vec3 x = unit(sub(back, scale(dot(back, z), z)));
    const Vec3 y = cross(z, x);
    const double pw = norm(sub(rasi, lasi)), pd = norm(sub(origin, mid_psis));
    const Vec3 common = add(origin, add(scale(-0.24 * pd - 9.9, x), scale(-0.30 * pw - 10.9, y)));
    const Vec3 right = add(common, scale(0.33 * pw + 7.3, z)), left = add(common, scale(-(0.33 * pw + 7.3), z));
    // Float markers (~1e-4 mm at treadmill coordinates), amplified a little by the regression.
    EXPECT_NEAR(norm(sub(right, sim.truth.hip_centre_right_mm[f])), 0.0, 0.01);
    EXPECT_NEAR(norm(sub(left, sim.truth.hip_centre_left_mm[f])), 0.0, 0.01);
  }
}

TEST(SimulateRunning, VerticalForceIsZeroInFlightAndAveragesBodyWeightOverStrides) {
  for (const RunnerParameters& p : variants()) {
    if (!p.treadmill) continue;  // one plate sees every step
    const SimulatedTrial sim = simulate_running(p);
    const SimulatedTruth& truth = sim.truth;
    ASSERT_EQ(sim.trial.force_plates.size(), 1u);
    const auto& fz = sim.trial.analog.channels[sim.trial.force_plates[0].channels[2]].samples;
    const double rate = p.analog_rate_hz;
    for (std::size_t i = 1; i < truth.steps.size(); ++i) {
      // Strictly inside the flight between two stances: no force at all.
      const auto from = static_cast<std::size_t>(std::lround(truth.steps[i - 1].to_s * rate)) + 1;
      const auto to = static_cast<std::size_t>(std::lround(truth.steps[i].ic_s * rate));
      for (std::size_t j = from; j < to; ++j) EXPECT_EQ(fz[j], 0.0f) << p.name << " sample " << j;
      // Strictly inside the stance: loaded.
      for (auto j = static_cast<std::size_t>(std::lround(truth.steps[i].ic_s * rate)) + 1;
           j < static_cast<std::size_t>(std::lround(truth.steps[i].to_s * rate)); ++j)
        EXPECT_GT(fz[j], 0.0f);
    }
    // Impulse-momentum: over whole strides the mean vertical GRF is body weight.
    const auto begin = static_cast<std::size_t>(std::lround(truth.steps.front().ic_s * rate));
    const std::size_t strides = (truth.steps.size() - 1) / 2;
    const auto end = begin + static_cast<std::size_t>(std::lround(static_cast<double>(strides) * truth.stride_time_s * rate));
    double sum = 0;
    for (std::size_t j = begin; j < end; ++j) sum += fz[j];
    EXPECT_NEAR(sum / static_cast<double>(end - begin), truth.body_weight_n, 0.01 * truth.body_weight_n) << p.name;
  }
}

TEST(SimulateRunning, PlateMathRecoversTheForcesAndTheCentreOfPressure) {
  for (const RunnerParameters& p : variants()) {
    const SimulatedTrial sim = simulate_running(p);
    const SimulatedTruth& truth = sim.truth;
    std::size_t checked = 0;
    for (const SimulatedStep& step : truth.steps) {
      if (!step.plate) continue;
      const ForcePlate& plate = sim.trial.force_plates[*step.plate];
      EXPECT_EQ(plate.type, 2);
      const auto first = static_cast<std::size_t>(std::lround(step.ic_s * p.analog_rate_hz));
      const auto last = static_cast<std::size_t>(std::lround(step.to_s * p.analog_rate_hz));
      std::size_t loaded = first;
      while (loaded < last && read_type2(sim.trial, plate, loaded).reaction_n.z < 20.0) ++loaded;
      // First sample above a 20 N threshold: within 2 ms of the true IC (the force rises from zero with a
      // finite slope).
      EXPECT_LE(static_cast<double>(loaded - first) / p.analog_rate_hz, 0.002) << p.name;
      const PlateReading at_onset = read_type2(sim.trial, plate, loaded);
      // The reaction pushes the foot up; the COP lies on the surface, within the foot's plane (lab y of the
      // ankle) and inside the plate.
      EXPECT_GT(at_onset.reaction_n.z, 0.0);
      EXPECT_NEAR(at_onset.cop_mm.z, 0.0, 1e-9);
      // Over the first samples the foot pivots about its contact point, so the COP is the truth's COP at
      // IC, carried back by the belt on a treadmill (3.3 mm per ms) and forward by the heel pad settling
      // (at the touchdown speed at first; second-order terms < 0.01 mm within 2 ms).
      const double elapsed = static_cast<double>(loaded - first) / p.analog_rate_hz;
      const double belt_mm = p.treadmill ? 1000.0 * p.speed_m_s * elapsed : 0.0;
      const double settle_mm = 1000.0 * p.touchdown_speed_m_s * elapsed;
      EXPECT_NEAR(at_onset.cop_mm.x + belt_mm, step.cop_ic_mm.x + settle_mm, 0.02) << p.name;
      EXPECT_NEAR(at_onset.cop_mm.y, step.cop_ic_mm.y, 0.01) << p.name;
      // Strike index from the plate COP (moved with the foot back to IC) and the heel/toe markers at IC,
      // as an analysis would compute it.
      const bool left = step.side == Side::left;
      const Vec3 heel = marker(sim.trial, left ? "LHEE" : "RHEE", step.ic_frame);
      const Vec3 toe = marker(sim.trial, left ? "LTOE" : "RTOE", step.ic_frame);
      const Vec3 cop{at_onset.cop_mm.x + belt_mm - settle_mm, at_onset.cop_mm.y, 0.0};
      const double index = ((cop.x - heel.x) * (toe.x - heel.x) + (cop.y - heel.y) * (toe.y - heel.y)) /
                           (std::pow(toe.x - heel.x, 2) + std::pow(toe.y - heel.y, 2));
      EXPECT_NEAR(index, step.strike_index_markers, 1e-4) << p.name;  // float markers, 0.02 mm COP error
      // Mid-stance: the active peak, in body weights, from the decoded vertical force.
      const auto middle = static_cast<std::size_t>(std::lround((step.ic_s + step.active_peak_s) * p.analog_rate_hz));
      // Up to half a sample from the maximum: the hump is flat there to second order (< 2e-4 BW).
      EXPECT_NEAR(read_type2(sim.trial, plate, middle).reaction_n.z / truth.body_weight_n, step.active_peak_bw, 2e-4);
      // The impact peak, if any, at its sample (0.5 ms from the true time: flat to second order).
      if (step.impact_peak_bw) {
        const auto impact = static_cast<std::size_t>(std::lround((step.ic_s + *step.impact_peak_s) * p.analog_rate_hz));
        EXPECT_NEAR(read_type2(sim.trial, plate, impact).reaction_n.z / truth.body_weight_n, *step.impact_peak_bw, 2e-3);
      }
      ++checked;
    }
    EXPECT_GE(checked, p.treadmill ? 20u : 3u) << p.name;
  }
}

TEST(SimulateRunning, StrikeIndexSeparatesRearfootFromForefoot) {
  // Cavanagh & Lafortune 1980 thirds: rearfoot 0-33 %, forefoot 68-100 %.
  const SimulatedStep rear = simulate_running(demo_heel_striker()).truth.steps.front();
  const SimulatedStep fore = simulate_running(demo_forefoot_striker()).truth.steps.front();
  EXPECT_LT(rear.strike_index, 0.33);
  EXPECT_LT(rear.strike_index_markers, 0.33);
  EXPECT_GT(fore.strike_index, 0.68);
  EXPECT_GT(fore.strike_index_markers, 0.68);
  EXPECT_TRUE(rear.impact_peak_bw.has_value());
  EXPECT_FALSE(fore.impact_peak_bw.has_value());
  EXPECT_EQ(rear.loading_window, "impact");
  EXPECT_EQ(fore.loading_window, "blackmore13");
  EXPECT_GT(rear.valr_bw_s, fore.valr_bw_s);  // the point of the demo: heel strikes load faster
}

TEST(SimulateRunning, OvergroundPlatesEachMeasureOneStep) {
  RunnerParameters p = demo_heel_striker();
  p.treadmill = false;
  const SimulatedTrial sim = simulate_running(p);
  ASSERT_EQ(sim.trial.force_plates.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    const ForcePlate& plate = sim.trial.force_plates[k];
    const SimulatedStep* measured = nullptr;
    for (const SimulatedStep& step : sim.truth.steps)
      if (step.plate == k) measured = &step;
    ASSERT_NE(measured, nullptr);
    EXPECT_EQ(plate.assigned_side, measured->side);
    const auto& fz = sim.trial.analog.channels[plate.channels[2]].samples;
    for (std::size_t j = 0; j < fz.size(); ++j) {
      const double t = static_cast<double>(j) / p.analog_rate_hz;
      if (t < measured->ic_s - 1e-9 || t > measured->to_s + 1e-9) {
        EXPECT_EQ(fz[j], 0.0f) << "plate " << k;
      }
    }
  }
}

TEST(SimulateRunning, SameSeedSameNoiseOtherSeedOtherNoise) {
  RunnerParameters p = demo_forefoot_striker();
  p.duration_s = 3.0;
  p.noise_mm = 1.0;
  p.force_noise_n = 2.0;
  const SimulatedTrial a = simulate_running(p), b = simulate_running(p);
  p.seed += 1;
  const SimulatedTrial c = simulate_running(p);
  RunnerParameters clean = p;
  clean.noise_mm = 0.0;
  const SimulatedTrial d = simulate_running(clean);
  double sum = 0, sum_squares = 0;
  std::size_t n = 0, differing = 0;
  for (std::size_t m = 0; m < a.trial.points.tracks.size(); ++m)
    for (std::size_t f = 0; f < a.trial.points.frames; ++f) {
      const Vec3f va = a.trial.points.tracks[m].samples[f], vb = b.trial.points.tracks[m].samples[f];
      const Vec3f vc = c.trial.points.tracks[m].samples[f], vd = d.trial.points.tracks[m].samples[f];
      EXPECT_EQ(va.x, vb.x);
      EXPECT_EQ(va.z, vb.z);
      differing += va.x != vc.x;
      const double e = static_cast<double>(vc.x) - static_cast<double>(vd.x);
      sum += e, sum_squares += e * e, ++n;
    }
  EXPECT_GT(differing, n / 2);
  // 12000 Gaussian samples: the standard deviation is within 3 % of 1 mm at ~4 sigma.
  const double mean = sum / static_cast<double>(n);
  EXPECT_NEAR(std::sqrt(sum_squares / static_cast<double>(n) - mean * mean), 1.0, 0.03);
  EXPECT_NEAR(mean, 0.0, 0.04);
  EXPECT_EQ(a.trial.analog.channels[2].samples, b.trial.analog.channels[2].samples);
}

TEST(SimulateRunning, OptionalEventsAreTheTruth) {
  RunnerParameters p = demo_heel_striker();
  p.include_events = true;
  const SimulatedTrial sim = simulate_running(p);
  ASSERT_EQ(sim.trial.events.size(), 2 * sim.truth.steps.size());
  EXPECT_EQ(sim.trial.events[0].label, "Foot Strike");
  EXPECT_DOUBLE_EQ(sim.trial.events[0].time_s, sim.truth.steps[0].ic_s);
  EXPECT_EQ(sim.trial.events[1].label, "Foot Off");
  EXPECT_DOUBLE_EQ(sim.trial.events[1].time_s, sim.truth.steps[0].to_s);
}

TEST(SimulateRunning, StaticTrialStandsStraight) {
  const SimulatedTrial sim = simulate_running(demo_heel_striker());
  // In the static trial the hip centres sit above the ankles at standing height.
  const Vec3 lank = mid(marker(sim.static_trial, "LANK", 0), marker(sim.static_trial, "LMED", 0));
  const Vec3 lkne = mid(marker(sim.static_trial, "LKNE", 0), marker(sim.static_trial, "LKNM", 0));
  EXPECT_NEAR(lkne.x, lank.x, 1e-3);
  EXPECT_NEAR(lkne.z - lank.z, 1000.0 * sim.truth.shank_length_m, 1e-3);
  EXPECT_NEAR(sim.truth.leg_length_m, 0.491 * 1.75, 1e-12);  // Winter: thigh 0.245 H + shank 0.246 H
}

TEST(SimulateRunning, RejectsParametersOutOfRange) {
  auto with = [](auto change) {
    RunnerParameters p;
    change(p);
    return p;
  };
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.duty_factor = 0.55; })), InputError);
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.mass_kg = std::nan(""); })), InputError);
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.analog_rate_hz = 1100; })), InputError);
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.duration_s = 1e7; })), InputError);
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.impact_peak_bw = 3.0; })), InputError);
  EXPECT_THROW((void)simulate_running(with([](RunnerParameters& p) { p.knee_flexion_peak_stance_deg = 4.0; })),
               InputError);
  try {
    (void)simulate_running(with([](RunnerParameters& p) { p.cadence_spm = 500; }));
    FAIL() << "cadence 500 accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cadence_spm"), std::string::npos) << e.what();
  }
}

namespace {

// Zero-lag 4th-order Butterworth low-pass (2nd order forward and back, Winter's 0.802 cut-off correction,
// reflected ends): the default marker filter of the analysis (metrics.md), written here independently.
std::vector<double> lowpass(const std::vector<double>& x, double rate_hz, double cutoff_hz) {
  const double wc = std::tan(kPi * (cutoff_hz / 0.802) / rate_hz);
  const double k1 = std::sqrt(2.0) * wc, k2 = wc * wc;
  const double a0 = k2 / (1 + k1 + k2), a1 = 2 * a0, a2 = a0;
  const double b1 = 2 * a0 * (1 / k2 - 1), b2 = 1 - (a0 + a1 + a2 + b1);
  auto pass = [&](const std::vector<double>& v) {
    const std::size_t pad = 200;
    std::vector<double> e;
    for (std::size_t i = pad; i > 0; --i) e.push_back(2 * v.front() - v[i]);
    e.insert(e.end(), v.begin(), v.end());
    for (std::size_t i = 1; i <= pad; ++i) e.push_back(2 * v.back() - v[v.size() - 1 - i]);
    std::vector<double> y(e.size());
    y[0] = e[0], y[1] = e[1];
    for (std::size_t i = 2; i < e.size(); ++i)
      y[i] = a0 * e[i] + a1 * e[i - 1] + a2 * e[i - 2] + b1 * y[i - 1] + b2 * y[i - 2];
    return std::vector<double>(y.begin() + pad, y.begin() + pad + static_cast<std::ptrdiff_t>(v.size()));
  };
  std::vector<double> y = pass(x);
  std::reverse(y.begin(), y.end());
  y = pass(y);
  std::reverse(y.begin(), y.end());
  return y;
}

}  // namespace

TEST(SimulateRunning, KeyAnglesSurviveTheAnalysisLowPass) {
  // The kinematics are smooth (C2 through contact), so a 12 Hz zero-lag filter barely moves the values
  // the analysis reports at IC. Bounds: measured 0.2-0.4 deg (knee) and 0.2 deg (foot); a corner at IC
  // would cost several degrees.
  for (const RunnerParameters& p : {demo_heel_striker(), demo_forefoot_striker()}) {
    SimulatedTrial sim = simulate_running(p);
    Trial& trial = sim.trial;
    for (PointTrack& track : trial.points.tracks) {
      for (int axis = 0; axis < 3; ++axis) {
        std::vector<double> v;
        for (const Vec3f& s : track.samples) v.push_back(axis == 0 ? s.x : axis == 1 ? s.y : s.z);
        v = lowpass(v, p.point_rate_hz, 12.0);
        for (std::size_t f = 0; f < v.size(); ++f) {
          float& c = axis == 0 ? track.samples[f].x : axis == 1 ? track.samples[f].y : track.samples[f].z;
          c = static_cast<float>(v[f]);
        }
      }
    }
    for (std::vector<Vec3>* hips : {&sim.truth.hip_centre_left_mm, &sim.truth.hip_centre_right_mm}) {
      for (int axis = 0; axis < 3; ++axis) {
        std::vector<double> v;
        for (const Vec3& h : *hips) v.push_back(h[axis]);
        v = lowpass(v, p.point_rate_hz, 12.0);
        for (std::size_t f = 0; f < v.size(); ++f) (*hips)[f][axis] = v[f];
      }
    }
    const double standing = sim.truth.standing_foot_angle_deg;
    for (const SimulatedStep& step : sim.truth.steps) {
      if (step.ic_frame < 100 || step.ic_frame + 100 > trial.points.frames) continue;  // filter edges
      EXPECT_NEAR(knee_flexion_deg(trial, sim.truth, step.side, step.ic_frame), p.knee_flexion_ic_deg, 0.5) << p.name;
      EXPECT_NEAR(heel_toe_angle_deg(trial, step.side, step.ic_frame) - standing, p.foot_strike_angle_deg, 0.3)
          << p.name;
    }
  }
}

TEST(SimulateRunning, TypicalRunnersAreAllFeasible) {
  // Recreational to fast running: every combination must simulate, with finite markers and exact truth.
  // The active peak scales with 1/duty factor, as it does in runners (the stance carries the step's impulse).
  for (double speed : {2.5, 3.5, 4.5})
    for (double cadence : {165.0, 180.0})
      for (double duty : {0.33, 0.36})
        for (double strike : {-8.0, 0.0, 20.0})
          for (double knee : {5.0, 15.0})
            for (double impact : {0.0, 1.7}) {
              RunnerParameters p;
              p.speed_m_s = speed, p.cadence_spm = cadence, p.duty_factor = duty;
              p.foot_strike_angle_deg = strike, p.knee_flexion_ic_deg = knee, p.impact_peak_bw = impact;
              p.active_peak_bw = 0.9 / duty;
              p.duration_s = 1.5;
              SimulatedTrial sim;
              ASSERT_NO_THROW(sim = simulate_running(p))
                  << speed << " m/s " << cadence << " spm duty " << duty << " FSA " << strike << " knee " << knee;
              for (const PointTrack& track : sim.trial.points.tracks)
                for (const Vec3f& v : track.samples) ASSERT_TRUE(v.valid()) << track.label;
              ASSERT_FALSE(sim.truth.steps.empty());
              EXPECT_NEAR(sim.truth.steps[0].foot_strike_angle_deg, strike, 1e-6);
              EXPECT_NEAR(sim.truth.steps[0].knee_flexion_ic_deg, knee, 1e-9);
              EXPECT_EQ(sim.truth.steps[0].impact_peak_bw.has_value(), impact > 0);
            }
}
