// Marker-based stance detection for running without force plates.
//
// Sources: Handsaker, Forrester, Folland, Black & Allen (2016), "A kinematic algorithm to identify
// gait events during running at different speeds and with different footstrike types", J Biomech
// 49:4128 — touchdown at the vertical-acceleration peak of the heel or first-metatarsal marker,
// whichever comes first (+3.1 ms vs force plate), toe-off at the vertical-jerk peak of the hallux
// marker (+2.1 ms), each searched inside a window found first; Leitch, Stebbins, Paolini & Zavatsky
// (2011), Gait Posture 33:130 — acceleration and position of heel/hallux markers; strike type decides
// which marker lands first, so no single marker can be used. The walking methods (Zeni 2008: heel
// and toe position relative to the pelvis) assume a heel strike and double support and are not used.
//
// Algorithm, per foot:
//  1. Vertical height of the heel, toe (first metatarsal or hallux) and, when the Body has it, fifth
//     metatarsal marker above its own floor level (foot_kinematics.hpp), low-passed at `cutoff_hz`
//     when that is > 0 (Body landmarks are already filtered), differentiated by central differences
//     to velocity, acceleration and jerk.
//  2. Windowing: coarse contacts are the runs of frames where the lowest marker is within 10 mm of its
//     floor level (runs closer than 30 ms merged, runs shorter than 50 ms dropped).
//  3. IC: for each marker, its landing peak is the first peak of vertical acceleration (the ground
//     stopping the marker's downward motion) from 50 ms before to 80 ms after the coarse contact start,
//     among the peaks reached while that marker is within 15 mm of its floor and at least half as high
//     as the largest such peak. The height condition rejects the broad acceleration of a heel that is
//     still high in late swing (forefoot strikers), which Handsaker's window serves to exclude. The
//     fifth metatarsal is used because forefoot strikers often land on the lateral forefoot (RBDS
//     subject 1's left MT5 touches ~20 ms before MT1). The marker's landing time is the midpoint between
//     its acceleration peak (the centre of the deceleration) and the jerk peak on the rising edge of that
//     peak (where the deceleration builds fastest, i.e. where the load comes on): the acceleration peak
//     alone trails the force threshold by the time the shoe and heel pad take to compress, and the more
//     so the lower the filter cut-off (RBDS subject 1: +5 ms unfiltered, +9 ms at 12 Hz), while the
//     jerk peak leads it by about as much (-4 / -9 ms). IC is the earliest landing over the markers.
//     The midpoint is this project's refinement of Handsaker's rule, chosen on RBDS subject 1 and
//     checked on a second runner (RBDS "0041", a rearfoot striker): see the numbers below.
//  4. TO: the first peak of the toe marker's vertical acceleration (at least 30 % of the largest) from
//     50 ms before to 80 ms after the coarse contact end; with `toe_off_by_jerk`, the jerk peak before
//     it (Handsaker's rule for a hallux marker).
//  5. Peaks are refined to sub-frame time by the vertex of a parabola through the peak sample and its two
//     neighbours. Contacts whose search windows run past either end of the recording are partial and
//     dropped with a warning.
// Measured against 20 N force events (tests/events/marker_events_test.cpp), RBDS treadmill at 150 Hz,
// 2.5 m/s, 77 stances each: subject 1 (forefoot) IC median +0.1 ms, 90 % within 2.8 ms, worst 12 ms;
// subject 0041 (plate noise forced 63 N force thresholds) IC median -3.8 ms, 90 % within 7.8 ms.
// TO is early: with a metatarsal-head "toe" marker (RBDS MT1, Plug-in Gait TOE) the marker starts to
// rise with the heel while the toes still push, so its acceleration peak precedes force TO by 14-31 ms
// (median; subject 0041 / 1). Use force events or a hallux marker for contact times.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "events/foot_kinematics.hpp"
#include "events/marker_events_detail.hpp"
#include "touchdown/error.hpp"
#include "touchdown/signal.hpp"

namespace touchdown {
namespace events_detail {
namespace {

struct Contact {
  std::size_t first = 0, last = 0;  // frames
};

struct MarkerSignals {
  const std::vector<double>* height = nullptr;  // above the marker's floor level, m
  std::vector<double> acceleration, jerk;       // vertical
};

constexpr double kRisingEdgeS = 0.040;  // an impact's deceleration builds up within a few tens of ms

std::string format_number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::size_t frames_of(double seconds, double rate_hz) {
  return static_cast<std::size_t>(std::lround(std::max(0.0, seconds) * rate_hz));
}

// Lowest marker height above its floor per frame, NaN where every marker is missing.
std::vector<double> clearance(const FootKinematics& foot) {
  const std::size_t n = foot.heel.size();
  std::vector<double> c(n, std::numeric_limits<double>::quiet_NaN());
  auto lower = [](double current, double candidate) {
    if (std::isnan(candidate)) return current;
    return std::isnan(current) ? candidate : std::min(current, candidate);
  };
  for (std::size_t i = 0; i < n; ++i) {
    c[i] = lower(c[i], foot.heel[i]);
    c[i] = lower(c[i], foot.toe[i]);
    if (!foot.fifth.empty()) c[i] = lower(c[i], foot.fifth[i]);
  }
  return c;
}

std::vector<Contact> coarse_contacts(const std::vector<double>& c, const MarkerTuning& tuning, double rate_hz) {
  std::vector<Contact> runs;
  const std::size_t n = c.size();
  for (std::size_t i = 0; i < n;) {
    if (!(c[i] < tuning.contact_height_m)) {
      ++i;
      continue;
    }
    const std::size_t first = i;
    while (i < n && c[i] < tuning.contact_height_m) ++i;
    const Contact run{first, i - 1};
    if (!runs.empty() && run.first - runs.back().last <= frames_of(tuning.merge_gap_s, rate_hz))
      runs.back().last = run.last;
    else
      runs.push_back(run);
  }
  const std::size_t min_frames = frames_of(tuning.min_contact_s, rate_hz);
  std::erase_if(runs, [&](const Contact& r) { return r.last - r.first + 1 < min_frames; });
  return runs;
}

// Sub-frame position of a peak at sample i: vertex of the parabola through i-1, i, i+1.
double refine_peak(const std::vector<double>& s, std::size_t i) {
  if (i == 0 || i + 1 >= s.size()) return static_cast<double>(i);
  const double y0 = s[i - 1], y1 = s[i], y2 = s[i + 1];
  const double curvature = y0 - 2.0 * y1 + y2;
  if (!(curvature < 0)) return static_cast<double>(i);
  return static_cast<double>(i) + std::clamp(0.5 * (y0 - y2) / curvature, -0.5, 0.5);
}

bool is_peak(const std::vector<double>& s, std::size_t i) {
  return i > 0 && i + 1 < s.size() && !std::isnan(s[i - 1]) && !std::isnan(s[i]) && !std::isnan(s[i + 1]) &&
         s[i] >= s[i - 1] && s[i] > s[i + 1];
}

// Largest sample of s in [w0, w1] (NaN skipped); n when none.
std::size_t argmax(const std::vector<double>& s, std::size_t w0, std::size_t w1) {
  std::size_t best = s.size();
  for (std::size_t i = w0; i <= w1; ++i)
    if (!std::isnan(s[i]) && (best == s.size() || s[i] > s[best])) best = i;
  return best;
}

// First peak of the toe acceleration in [w0, w1] reaching `toe_peak_fraction` of the window's largest; n if none.
std::size_t toe_off_peak(const std::vector<double>& a, std::size_t w0, std::size_t w1, const MarkerTuning& tuning) {
  const std::size_t largest = argmax(a, w0, w1);
  if (largest >= a.size() || !(a[largest] > 0)) return a.size();
  for (std::size_t i = w0; i <= w1; ++i)
    if (is_peak(a, i) && a[i] >= tuning.toe_peak_fraction * a[largest]) return i;
  return largest;
}

// Landing time of one marker in frames [w0, w1]; NaN when it shows no landing there. The landing peak
// is the first acceleration peak reached while the marker is low and at least `landing_peak_fraction`
// of the largest such peak; the landing time is midway between that peak and the jerk peak on its
// rising edge (searched up to 40 ms before).
double landing_time(const MarkerSignals& m, std::size_t w0, std::size_t w1, double rate_hz,
                    const MarkerTuning& tuning) {
  const std::vector<double>& h = *m.height;
  const std::vector<double>& a = m.acceleration;
  auto low_peak = [&](std::size_t i) { return is_peak(a, i) && a[i] > 0 && h[i] < tuning.landing_height_m; };
  double largest = 0;
  for (std::size_t i = w0; i <= w1; ++i)
    if (low_peak(i)) largest = std::max(largest, a[i]);
  if (!(largest > 0)) return std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = w0; i <= w1; ++i) {
    if (!low_peak(i) || a[i] < tuning.landing_peak_fraction * largest) continue;
    const std::size_t reach = frames_of(kRisingEdgeS, rate_hz);
    const std::size_t edge = argmax(m.jerk, i > reach ? i - reach : 0, i);
    if (edge >= m.jerk.size()) return refine_peak(a, i);
    return 0.5 * (refine_peak(m.jerk, edge) + refine_peak(a, i));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

struct SideResult {
  std::vector<Stance> stances;
  std::size_t partial = 0, without_ic = 0, without_to = 0;
};

SideResult detect_side(const Body& body, Side side, const FootKinematics& foot, const MarkerEventOptions& options,
                       const MarkerTuning& tuning) {
  SideResult result;
  const double rate = body.rate_hz;
  std::vector<MarkerSignals> markers;
  markers.push_back({&foot.heel, signal::derivative(foot.heel_velocity, rate), {}});
  markers.push_back({&foot.toe, signal::derivative(foot.toe_velocity, rate), {}});
  if (!foot.fifth.empty()) markers.push_back({&foot.fifth, signal::derivative(foot.fifth_velocity, rate), {}});
  for (auto& m : markers) m.jerk = signal::derivative(m.acceleration, rate);
  const std::vector<double>& toe_acceleration = markers[1].acceleration;
  const std::vector<double>& toe_jerk = markers[1].jerk;

  const std::vector<Contact> contacts = coarse_contacts(clearance(foot), tuning, rate);
  const std::size_t n = foot.heel.size();
  const std::size_t ic_before = frames_of(tuning.ic_window_before_s, rate);
  const std::size_t ic_after = frames_of(tuning.ic_window_after_s, rate);
  const std::size_t to_before = frames_of(tuning.to_window_before_s, rate);
  const std::size_t to_after = frames_of(tuning.to_window_after_s, rate);
  for (std::size_t k = 0; k < contacts.size(); ++k) {
    const Contact& contact = contacts[k];
    if (contact.first < ic_before + 1 || contact.last + to_after + 2 > n) {
      ++result.partial;
      continue;
    }
    // IC window: around the coarse start, never reaching back into the previous contact.
    std::size_t w0 = contact.first - ic_before;
    if (k > 0) w0 = std::max(w0, contacts[k - 1].last + 1);
    const std::size_t w1 = std::min(contact.first + ic_after, contact.last);
    double ic = std::numeric_limits<double>::quiet_NaN();
    for (const MarkerSignals& m : markers) {
      const double candidate = landing_time(m, w0, w1, rate, tuning);
      if (!std::isnan(candidate) && (std::isnan(ic) || candidate < ic)) ic = candidate;
    }
    if (std::isnan(ic)) {
      ++result.without_ic;
      continue;
    }
    // TO window: around the coarse end, never reaching into the next contact.
    std::size_t v0 = contact.last > to_before ? contact.last - to_before : 0;
    v0 = std::max(v0, static_cast<std::size_t>(std::ceil(ic)) + 1);
    std::size_t v1 = contact.last + to_after;
    if (k + 1 < contacts.size()) v1 = std::min(v1, contacts[k + 1].first - 1);
    const std::size_t peak = v0 <= v1 ? toe_off_peak(toe_acceleration, v0, v1, tuning) : n;
    if (peak >= n) {
      ++result.without_to;
      continue;
    }
    double to = refine_peak(toe_acceleration, peak);
    if (options.toe_off_by_jerk) to = refine_peak(toe_jerk, argmax(toe_jerk, v0, peak));
    Stance stance;
    stance.side = side;
    stance.ic_s = ic / rate;
    stance.to_s = to / rate;
    stance.method = "markers";
    stance.uncertainty_s = 0.5 / rate;
    result.stances.push_back(stance);
  }
  return result;
}

}  // namespace

EventResult detect_marker_events(const Body& body, const MarkerEventOptions& options, const MarkerTuning& tuning) {
  if (!(body.rate_hz > 0) || !std::isfinite(body.rate_hz))
    throw AnalysisError("marker events: the body has no valid sampling rate (" + format_number(body.rate_hz) + " Hz)");
  if (options.cutoff_hz > 0 && !(options.cutoff_hz < body.rate_hz / 2))
    throw AnalysisError("marker events: cut-off " + format_number(options.cutoff_hz) +
                        " Hz is not below the Nyquist frequency " + format_number(body.rate_hz / 2) + " Hz");
  EventResult result;
  result.method = "markers";
  result.parameters = {
      "cutoff_hz=" + (options.cutoff_hz > 0 ? format_number(options.cutoff_hz) : std::string("none (body as given)")),
      "ic=earliest landing of heel/toe/fifth metatarsal: midpoint of its vertical jerk and acceleration peaks "
      "(after Handsaker 2016)",
      std::string("to=toe vertical ") + (options.toe_off_by_jerk ? "jerk" : "acceleration") + " peak",
      "contact_height_m=" + format_number(tuning.contact_height_m),
      "landing_height_m=" + format_number(tuning.landing_height_m),
      "rate_hz=" + format_number(body.rate_hz)};
  for (const Side side : {Side::left, Side::right}) {
    const FootKinematics foot = foot_kinematics(body, body.side(side), options.cutoff_hz);
    const std::string name(to_string(side));
    if (!foot.usable) {
      result.warnings.push_back(name + " foot: heel and toe landmarks missing or too short; no events");
      continue;
    }
    SideResult found = detect_side(body, side, foot, options, tuning);
    if (found.partial > 0)
      result.warnings.push_back(name + " foot: " + std::to_string(found.partial) +
                                " contact(s) at the start or end of the recording are partial: dropped");
    if (found.without_ic > 0 || found.without_to > 0)
      result.warnings.push_back(name + " foot: " + std::to_string(found.without_ic + found.without_to) +
                                " contact(s) without a clear landing or toe-off acceleration peak: dropped");
    result.stances.insert(result.stances.end(), found.stances.begin(), found.stances.end());
  }
  std::sort(result.stances.begin(), result.stances.end(),
            [](const Stance& a, const Stance& b) { return a.ic_s < b.ic_s; });
  return result;
}

}  // namespace events_detail

EventResult detect_marker_events(const Body& body, const MarkerEventOptions& options) {
  return events_detail::detect_marker_events(body, options, events_detail::MarkerTuning{});
}

}  // namespace touchdown
