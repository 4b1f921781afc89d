// simulate_running: samples the running model (running_model.hpp) into a lab Trial, a static trial and
// the exact answers. See include/touchdown/simulate.hpp for the model and the conventions.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <sstream>

#include "sim/marker_placement.hpp"
#include "sim/running_model.hpp"
#include "touchdown/error.hpp"
#include "touchdown/simulate.hpp"

namespace touchdown {
namespace {

using sim::MarkerFrame;
using sim::RunningModel;

constexpr double kPi = std::numbers::pi;

// Gaussian noise from a fully specified engine (mt19937_64) and Box-Muller, so a seed gives the same
// random sequence with every standard library (std::normal_distribution is implementation-defined).
class NoiseSource {
 public:
  explicit NoiseSource(std::uint64_t seed) : engine_(seed) {}
  double gaussian() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform(), u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    spare_ = radius * std::sin(2.0 * kPi * u2);
    has_spare_ = true;
    return radius * std::cos(2.0 * kPi * u2);
  }

 private:
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }  // in (0, 1)
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

double degrees(double radians) { return radians * 180.0 / kPi; }

double foot_angle_deg(const Vec3& heel, const Vec3& toe) {
  return degrees(std::atan2(toe.z - heel.z, std::hypot(toe.x - heel.x, toe.y - heel.y)));
}

Vec3 to_mm(const Vec3& m) { return {1000.0 * m.x, 1000.0 * m.y, 1000.0 * m.z}; }

PointSet empty_points(const RunnerParameters& p, std::size_t frames) {
  PointSet points;
  points.rate_hz = p.point_rate_hz;
  points.first_frame = 1;
  points.frames = frames;
  points.units = "mm";
  points.tracks.resize(sim::kMarkerCount);
  for (std::size_t m = 0; m < sim::kMarkerCount; ++m) {
    points.tracks[m].label = std::string(sim::kMarkerNames[m]);
    points.tracks[m].description = std::string(sim::marker_description(m));
    points.tracks[m].samples.resize(frames);
  }
  return points;
}

void store(const MarkerFrame& frame, std::size_t index, double noise_mm, NoiseSource& noise, PointSet& points) {
  for (std::size_t m = 0; m < sim::kMarkerCount; ++m) {
    Vec3 mm = to_mm(frame.position_m[m]);
    if (noise_mm > 0) {
      mm.x += noise_mm * noise.gaussian();
      mm.y += noise_mm * noise.gaussian();
      mm.z += noise_mm * noise.gaussian();
    }
    points.tracks[m].samples[index] = {static_cast<float>(mm.x), static_cast<float>(mm.y), static_cast<float>(mm.z)};
  }
}

struct StanceTiming {
  Side side = Side::none;
  double ic_s = 0, to_s = 0;
};

// Every stance whose IC and TO fall inside the trial's frames, sorted by IC.
std::vector<StanceTiming> complete_stances(const RunningModel& model) {
  const sim::GaitTiming& timing = model.timing();
  const double last = static_cast<double>(model.frames() - 1) / timing.point_rate_hz;
  std::vector<StanceTiming> stances;
  for (Side side : {Side::left, Side::right}) {
    for (double ic = timing.first_ic_s(side); ic + timing.contact_s <= last + 1e-9; ic += timing.stride_s)
      stances.push_back({side, ic, ic + timing.contact_s});
  }
  std::sort(stances.begin(), stances.end(), [](const auto& a, const auto& b) { return a.ic_s < b.ic_s; });
  return stances;
}

// Range of the COP's lab x over one stance.
std::pair<double, double> cop_x_range(const RunningModel& model, const StanceTiming& stance) {
  double lo = 1e300, hi = -1e300;
  for (int i = 0; i <= 200; ++i) {
    const double t = stance.ic_s + (stance.to_s - stance.ic_s) * i / 200;
    if (auto contact = model.contact(stance.side, t)) {
      lo = std::min(lo, contact->cop_m.x);
      hi = std::max(hi, contact->cop_m.x);
    }
  }
  return {lo, hi};
}

struct PlateLayout {
  Vec3 centre_m;
  double half_length_m = 0, half_width_m = 0;
  std::optional<double> stance_ic_s;  // overground: the stance it measures
  Side side = Side::none;
};

ForcePlate type2_plate(const PlateLayout& layout, std::size_t first_channel, double origin_z_mm, std::size_t number) {
  // Plate axes in the lab: x = +X, y = -Y, z = -Z. Corner 1 is in the plate's +x+y quadrant.
  const Vec3 c = to_mm(layout.centre_m);
  const double a = 1000.0 * layout.half_length_m, b = 1000.0 * layout.half_width_m;
  ForcePlate plate;
  plate.type = 2;
  plate.corners = {Vec3{c.x + a, c.y - b, c.z}, Vec3{c.x - a, c.y - b, c.z}, Vec3{c.x - a, c.y + b, c.z},
                   Vec3{c.x + a, c.y + b, c.z}};
  plate.origin = {0.0, 0.0, origin_z_mm};
  for (std::size_t k = 0; k < 6; ++k) plate.channels.push_back(first_channel + k);
  plate.name = "plate " + std::to_string(number);
  plate.assigned_side = layout.side;
  return plate;
}

std::string describe(const RunnerParameters& p, const sim::GaitTiming& timing) {
  std::ostringstream out;
  out.precision(3);
  out << "Touchdown running simulator: " << (p.treadmill ? "treadmill" : "overground") << ", " << p.speed_m_s
      << " m/s, " << 60.0 / timing.step_s << " steps/min, contact " << timing.contact_s << " s, foot strike angle "
      << p.foot_strike_angle_deg << " deg, knee at IC " << p.knee_flexion_ic_deg << " deg, impact peak "
      << p.impact_peak_bw << " BW, active peak " << p.active_peak_bw << " BW";
  return out.str();
}

}  // namespace

SimulatedTrial simulate_running(const RunnerParameters& parameters) {
  const RunningModel model(parameters);
  const sim::GaitTiming& timing = model.timing();
  const sim::Anthropometry& body = model.body();
  const sim::GroundReaction& grf = model.grf();
  const std::size_t frames = model.frames();
  const double bw = model.body_weight_n();

  SimulatedTrial result;
  SimulatedTruth& truth = result.truth;
  Trial& trial = result.trial;
  trial.source = {"simulated: " + parameters.name, "generated", describe(parameters, timing), 0};
  trial.subject = {parameters.name, parameters.mass_kg, parameters.height_m};
  trial.up = {Axis{2, 1}, "simulated", true};
  trial.progression = {Axis{0, 1}, "simulated", true};

  // Markers.
  NoiseSource marker_noise(parameters.seed);
  trial.points = empty_points(parameters, frames);
  truth.hip_centre_left_mm.resize(frames);
  truth.hip_centre_right_mm.resize(frames);
  MarkerFrame frame;
  for (std::size_t i = 0; i < frames; ++i) {
    sim::place_running_markers(model, static_cast<double>(i) / timing.point_rate_hz, frame);
    store(frame, i, parameters.noise_mm, marker_noise, trial.points);
    truth.hip_centre_left_mm[i] = to_mm(frame.hip_left_m);
    truth.hip_centre_right_mm[i] = to_mm(frame.hip_right_m);
  }

  // Force plates: where they are, then their channels.
  const std::vector<StanceTiming> stances = complete_stances(model);
  std::vector<PlateLayout> layouts;
  if (parameters.treadmill) {
    if (!stances.empty()) {
      const auto [lo, hi] = cop_x_range(model, stances.front());
      layouts.push_back({{0.5 * (lo + hi), 0.0, 0.0}, 0.8, 0.25, std::nullopt, Side::none});
    } else {
      layouts.push_back({{0.0, 0.0, 0.0}, 0.8, 0.25, std::nullopt, Side::none});
    }
  } else {
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(parameters.overground_plates), stances.size());
    const std::size_t first = (stances.size() - count) / 2;
    for (std::size_t k = first; k < first + count; ++k) {
      const auto [lo, hi] = cop_x_range(model, stances[k]);
      PlateLayout layout{{0.5 * (lo + hi), 0.0, 0.0}, 0.3, 0.2, stances[k].ic_s, stances[k].side};
      // No other foot may touch it (the neighbouring steps land a step length away).
      for (const StanceTiming& other : {k > 0 ? stances[k - 1] : stances[k], k + 1 < stances.size() ? stances[k + 1] : stances[k]}) {
        if (other.ic_s == stances[k].ic_s) continue;
        const auto [olo, ohi] = cop_x_range(model, other);
        if (ohi > layout.centre_m.x - layout.half_length_m && olo < layout.centre_m.x + layout.half_length_m)
          throw InputError("runner parameters (" + parameters.name + ")",
                           "steps are too short for 600 mm overground plates to measure one foot at a time; "
                           "use treadmill = true");
      }
      layouts.push_back(layout);
    }
  }
  const std::size_t per_frame = static_cast<std::size_t>(std::lround(parameters.analog_rate_hz / parameters.point_rate_hz));
  const std::size_t samples = frames * per_frame;
  trial.analog.rate_hz = parameters.analog_rate_hz;
  trial.analog.samples_per_channel = samples;
  static constexpr std::array<const char*, 6> kChannel = {"Fx", "Fy", "Fz", "Mx", "My", "Mz"};
  for (std::size_t p = 0; p < layouts.size(); ++p) {
    trial.force_plates.push_back(type2_plate(layouts[p], trial.analog.channels.size(), parameters.plate_origin_z_mm, p + 1));
    for (std::size_t k = 0; k < 6; ++k) {
      AnalogChannel channel;
      channel.label = std::string(kChannel[k]) + std::to_string(p + 1);
      channel.description = std::string(k < 3 ? "force" : "moment") + " on plate " + std::to_string(p + 1) +
                            " (plate frame, about the plate origin)";
      channel.units = k < 3 ? "N" : "Nmm";
      channel.samples.assign(samples, 0.0f);
      trial.analog.channels.push_back(std::move(channel));
    }
  }
  NoiseSource force_noise(parameters.seed ^ 0x9E3779B97F4A7C15ULL);
  const double oz = parameters.plate_origin_z_mm;
  for (std::size_t j = 0; j < samples; ++j) {
    const double t = static_cast<double>(j) / parameters.analog_rate_hz;
    std::vector<std::array<double, 6>> sums(layouts.size(), std::array<double, 6>{});
    for (Side side : {Side::left, Side::right}) {
      const auto contact = model.contact(side, t);
      if (!contact) continue;
      for (std::size_t p = 0; p < layouts.size(); ++p) {
        if (layouts[p].stance_ic_s && std::abs(*layouts[p].stance_ic_s - contact->ic_s) > 1e-9) continue;
        if (layouts[p].stance_ic_s && layouts[p].side != side) continue;
        // Force of the foot on the plate (minus the reaction), in plate axes (x = X, y = -Y, z = -Z).
        const double fx = -contact->force_n.x, fy = contact->force_n.y, fz = contact->force_n.z;
        // COP relative to the plate origin, plate axes, mm: surface centre + ORIGIN (0, 0, oz).
        const double px = 1000.0 * (contact->cop_m.x - layouts[p].centre_m.x);
        const double py = -1000.0 * (contact->cop_m.y - layouts[p].centre_m.y);
        const double pz = oz;
        std::array<double, 6>& s = sums[p];
        s[0] += fx;
        s[1] += fy;
        s[2] += fz;
        s[3] += py * fz - pz * fy;
        s[4] += pz * fx - px * fz;
        s[5] += px * fy - py * fx;
        break;
      }
    }
    for (std::size_t p = 0; p < layouts.size(); ++p)
      for (std::size_t k = 0; k < 6; ++k) {
        double value = sums[p][k];
        if (k < 3 && parameters.force_noise_n > 0) value += parameters.force_noise_n * force_noise.gaussian();
        trial.analog.channels[6 * p + k].samples[j] = static_cast<float>(value);
      }
  }

  // Static trial.
  Trial& standing = result.static_trial;
  standing.source = {"simulated: " + parameters.name + " (static)", "generated",
                     "Touchdown running simulator: standing still", 0};
  standing.subject = trial.subject;
  standing.up = trial.up;
  standing.progression = trial.progression;
  const std::size_t static_frames = static_cast<std::size_t>(std::lround(parameters.static_duration_s * parameters.point_rate_hz));
  standing.points = empty_points(parameters, static_frames);
  NoiseSource static_noise(parameters.seed + 0x5851F42D4C957F2DULL);
  MarkerFrame still;
  sim::place_standing_markers(model, still);
  for (std::size_t i = 0; i < static_frames; ++i) store(still, i, parameters.noise_mm, static_noise, standing.points);

  // Truth.
  truth.speed_m_s = parameters.speed_m_s;
  truth.step_time_s = timing.step_s;
  truth.stride_time_s = timing.stride_s;
  truth.cadence_spm = 60.0 / timing.step_s;
  truth.contact_time_s = timing.contact_s;
  truth.flight_time_s = timing.flight_s;
  truth.duty_factor = timing.contact_s / timing.stride_s;
  truth.body_weight_n = bw;
  truth.thigh_length_m = body.thigh_m;
  truth.shank_length_m = body.shank_m;
  truth.foot_length_m = body.foot_length_m;
  truth.leg_length_m = body.leg_length_m();
  const Vec3 standing_heel = still.position_m[10], standing_toe = still.position_m[11];
  truth.standing_foot_angle_deg = foot_angle_deg(standing_heel, standing_toe);
  truth.vertical_oscillation_m = model.gait().pelvis_height_range();

  const sim::GaitModel& gait = model.gait();
  const sim::LegPose at_ic = gait.stance_pose(0.0);
  const double peak_first_half = [&] {
    double best = -1e300;
    for (int i = 0; i <= 2000; ++i) best = std::max(best, gait.knee_flexion(0.5 * timing.contact_s * i / 2000));
    return std::min(best, sim::rad(parameters.knee_flexion_peak_stance_deg));
  }();
  const sim::LoadingRates blackmore = grf.loading_rates(grf.vertical_bw(0.13 * timing.contact_s), 0.13 * timing.contact_s);
  const std::optional<sim::LoadingRates> impact =
      grf.impact_peak_bw() ? std::optional(grf.loading_rates(*grf.impact_peak_bw(), *grf.impact_peak_time_s()))
                           : std::nullopt;
  for (const StanceTiming& stance : stances) {
    SimulatedStep step;
    step.side = stance.side;
    step.ic_s = stance.ic_s;
    step.to_s = stance.to_s;
    step.ic_frame = static_cast<std::size_t>(std::lround(stance.ic_s * timing.point_rate_hz));
    step.to_frame = static_cast<std::size_t>(std::lround(stance.to_s * timing.point_rate_hz));
    for (std::size_t p = 0; p < layouts.size(); ++p)
      if (!layouts[p].stance_ic_s || (std::abs(*layouts[p].stance_ic_s - stance.ic_s) < 1e-9 && layouts[p].side == stance.side))
        step.plate = p;

    MarkerFrame ic;
    sim::place_running_markers(model, stance.ic_s, ic);
    const std::size_t heel = stance.side == Side::left ? 10 : 18, toe = heel + 1;
    step.foot_angle_ic_deg = foot_angle_deg(ic.position_m[heel], ic.position_m[toe]);
    step.foot_strike_angle_deg = step.foot_angle_ic_deg - truth.standing_foot_angle_deg;
    step.foot_angular_velocity_ic_deg_s = degrees(gait.foot_pitch_rate_ic());
    const auto contact = model.contact(stance.side, stance.ic_s);
    const Vec3 cop = contact ? contact->cop_m : Vec3{};
    step.cop_ic_mm = to_mm(cop);
    step.strike_index = gait.initial_cop().x / body.foot_length_m;
    const Vec3 h = ic.position_m[heel], k = ic.position_m[toe];
    const double dx = k.x - h.x, dy = k.y - h.y;
    step.strike_index_markers = ((cop.x - h.x) * dx + (cop.y - h.y) * dy) / (dx * dx + dy * dy);

    step.knee_flexion_ic_deg = degrees(at_ic.knee_flexion);
    step.knee_flexion_peak_deg = parameters.knee_flexion_peak_stance_deg;
    step.knee_flexion_peak_s = gait.knee_peak_time_s();
    step.knee_flexion_peak_first_half_deg = degrees(peak_first_half);
    step.knee_flexion_excursion_deg = step.knee_flexion_peak_first_half_deg - step.knee_flexion_ic_deg;
    step.knee_flexion_to_deg = degrees(gait.knee_flexion(timing.contact_s));
    step.shank_angle_ic_deg = degrees(at_ic.shank);
    step.ankle_ahead_of_hip_ic_m = gait.ankle_ahead_of_hip_at_ic();
    double pelvis_x = 0;
    for (std::size_t m = 0; m < 4; ++m) pelvis_x += 0.25 * ic.position_m[m].x;
    step.heel_ahead_of_pelvis_ic_m = ic.position_m[heel].x - pelvis_x;

    step.contact_time_s = timing.contact_s;
    step.impact_peak_bw = grf.impact_peak_bw();
    step.impact_peak_s = grf.impact_peak_time_s();
    step.active_peak_bw = grf.active_peak_bw();
    step.active_peak_s = grf.active_peak_time_s();
    step.valr_blackmore13_bw_s = blackmore.valr_bw_s;
    step.vilr_blackmore13_bw_s = blackmore.vilr_bw_s;
    if (impact) {
      step.loading_window = "impact";
      step.valr_bw_s = impact->valr_bw_s;
      step.vilr_bw_s = impact->vilr_bw_s;
    } else {
      step.loading_window = "blackmore13";
      step.valr_bw_s = blackmore.valr_bw_s;
      step.vilr_bw_s = blackmore.vilr_bw_s;
    }
    step.braking_peak_bw = grf.braking_peak_bw();
    step.braking_impulse_bw_s = grf.braking_impulse_bw_s();
    step.propulsive_impulse_bw_s = grf.propulsive_impulse_bw_s();
    truth.steps.push_back(std::move(step));

    if (parameters.include_events) {
      trial.events.push_back({"Foot Strike", stance.side, stance.ic_s, "generated"});
      trial.events.push_back({"Foot Off", stance.side, stance.to_s, "generated"});
    }
  }
  return result;
}

}  // namespace touchdown
