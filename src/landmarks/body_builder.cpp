// Building the Body: the marker-set profile says which label is which landmark; markers are converted to
// metres, gap-filled and filtered; landmarks seen only in the static trial are carried by their segment's
// cluster (CAST); the hip joint centre is measured or predicted; joint centres are marker midpoints.
// Every choice taken is written to Body::methods, everything missing to Body::warnings.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "landmarks/anatomical_axes.hpp"
#include "landmarks/cluster_calibration.hpp"
#include "landmarks/functional_joint_centre.hpp"
#include "landmarks/hip_joint_centre.hpp"
#include "landmarks/length_units.hpp"
#include "landmarks/marker_lookup.hpp"
#include "landmarks/profile_resolution.hpp"
#include "landmarks/vec3_math.hpp"
#include "common/format_number.hpp"
#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"
#include "touchdown/metrics.hpp"
#include "touchdown/signal.hpp"

namespace touchdown {
namespace {

using namespace landmarks;

// Length of the virtual foot axis of heel-cluster marker sets. Only its direction is used for angles; the
// value is a typical rearfoot-to-forefoot distance so that plots look like a foot.
constexpr double kVirtualFootAxisM = 0.15;
constexpr std::array<Side, 2> kSides = {Side::left, Side::right};

std::string side_name(Side s) { return std::string(to_string(s)); }

using text::format;

std::string trial_name(const Trial& trial, const char* role) {
  return trial.source.path.empty() ? std::string(role) : trial.source.path;
}

// Checks what the builder relies on and returns metres per point unit.
LengthScale validate_trial(const Trial& trial, const char* role) {
  const auto& points = trial.points;
  const std::string name = trial_name(trial, role);
  if (points.dimensions != 3)
    throw InputError(name, "points are " + std::to_string(points.dimensions) +
                               "-dimensional; marker landmarks need 3D marker trajectories");
  if (points.frames == 0 || points.tracks.empty()) throw InputError(name, "the trial has no marker frames");
  if (!(points.rate_hz > 0)) throw InputError(name, "the point rate is not positive");
  for (const auto& track : points.tracks)
    if (track.samples.size() != points.frames)
      throw InputError(name, "marker '" + track.label + "' has " + std::to_string(track.samples.size()) +
                                 " samples for " + std::to_string(points.frames) + " frames");
  auto scale = length_scale(points);
  if (!scale)
    throw InputError(name, "point units '" + points.units +
                               "' are not a length unit (mm, cm, m) and the marker spread does not tell them");
  return *scale;
}

Vec3 mean_of(const Trajectory& t) {
  Vec3 sum{0, 0, 0};
  std::size_t n = 0;
  for (const auto& v : t)
    if (valid(v)) {
      sum = sum + v;
      ++n;
    }
  return n ? (1.0 / static_cast<double>(n)) * sum : kMissing;
}

Trajectory midpoints(const Trajectory& a, const Trajectory& b) {
  Trajectory out(a.size(), kMissing);
  for (std::size_t f = 0; f < a.size(); ++f) out[f] = midpoint(a[f], b[f]);  // NaN propagates
  return out;
}

double valid_fraction(const Trajectory& t) {
  if (t.empty()) return 0;
  return static_cast<double>(std::count_if(t.begin(), t.end(), [](const Vec3& v) { return valid(v); })) /
         static_cast<double>(t.size());
}

// One point that ties a segment's static pose to its motion.
struct TrackingPoint {
  std::string name;
  Vec3 static_position;
  const Trajectory* dynamic = nullptr;
};

// Landmarks of one side while the body is being built: dynamic trajectories (empty = unavailable) and
// standing positions (from the static trial).
struct SideWork {
  std::array<Trajectory, kLandmarkCount> dynamic;
  std::array<std::optional<Vec3>, kLandmarkCount> standing;
  Trajectory& at(Landmark l) { return dynamic[static_cast<std::size_t>(l)]; }
  std::optional<Vec3>& standing_at(Landmark l) { return standing[static_cast<std::size_t>(l)]; }
  Trajectory hip, knee, ankle;  // joint centres
  std::optional<Vec3> standing_hip, standing_knee, standing_ankle;
};

// A first-metatarsal marker sits medially on the forefoot: when the foot is inverted at touchdown (many
// forefoot strikers land on the lateral forefoot), heel -> MT1 tilts up although the forefoot lands first,
// and the foot strike angle reads several degrees too positive. The midpoint of the first and fifth
// metatarsal heads lies on the foot's long axis (near the second/third metatarsal heads), so inversion
// cancels out. Used for the dynamic and the standing pose alike, so the standing angle stays consistent.
bool is_first_metatarsal_label(const std::string& label) {
  std::string upper;
  for (char c : label) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* suffix : {"MT1", "FM1", "MH1"})
    if (upper.size() >= 3 && upper.compare(upper.size() - 3, 3, suffix) == 0) return true;
  return false;
}

class BodyBuilder {
 public:
  BodyBuilder(const Trial& dynamic, const Trial* static_trial, const MarkerProfile& profile,
              const BodyOptions& options, const LengthScale& dynamic_scale, const LengthScale& static_scale)
      : dynamic_(dynamic),
        static_(static_trial),
        profile_(profile),
        options_(options),
        dynamic_lookup_(dynamic.points),
        dynamic_scale_(dynamic_scale.metres_per_unit),
        static_scale_(static_scale.metres_per_unit),
        processed_(dynamic.points.tracks.size()) {
    if (dynamic_scale.inferred) body_.warnings.push_back(trial_name(dynamic, "dynamic trial") + ": " + *dynamic_scale.inferred);
    if (static_trial && static_scale.inferred)
      body_.warnings.push_back(trial_name(*static_trial, "static trial") + ": " + *static_scale.inferred);
    if (static_) static_lookup_.emplace(static_->points);
    resolved_ = resolve_profile(profile_, dynamic_lookup_, static_lookup_ ? &*static_lookup_ : nullptr);
  }

  Body build() {
    body_.rate_hz = dynamic_.points.rate_hz;
    body_.frames = dynamic_.points.frames;
    body_.marker_set = profile_.name;
    body_.methods.push_back("marker set: " + profile_.name + " (" + profile_.source + ")");
    body_.methods.push_back(signal_method());
    if (!static_) body_.methods.push_back("no static trial: only landmarks measured in the dynamic trial are used");

    take_markers();
    build_pelvis_and_hips();
    for (Side s : kSides) build_knee(s);
    for (Side s : kSides) build_ankle(s);
    decide_axes();
    for (Side s : kSides) build_foot(s);
    finish();
    return std::move(body_);
  }

 private:
  SideWork& work(Side s) { return s == Side::left ? left_ : right_; }
  SideLandmarks& out(Side s) { return s == Side::left ? body_.left : body_.right; }

  std::string signal_method() const {
    std::string text = "markers: gap fill by cubic spline up to " + std::to_string(options_.max_gap_frames) + " frames";
    if (options_.cutoff_hz > 0)
      text += ", zero-lag 4th-order Butterworth low-pass " + format("%.3g", options_.cutoff_hz) + " Hz";
    else
      text += ", no low-pass filter";
    return text;
  }

  // A dynamic marker in metres, gap-filled and filtered; done once per marker.
  const Trajectory& dynamic_marker(std::size_t index) {
    auto& cached = processed_[index];
    if (cached) return *cached;
    const auto& samples = dynamic_.points.tracks[index].samples;
    Trajectory t(samples.size(), kMissing);
    for (std::size_t f = 0; f < samples.size(); ++f)
      if (samples[f].valid())
        t[f] = Vec3{samples[f].x * dynamic_scale_, samples[f].y * dynamic_scale_, samples[f].z * dynamic_scale_};
    signal::fill_gaps_cubic(t, options_.max_gap_frames);
    if (options_.cutoff_hz > 0) t = signal::lowpass_zero_lag(t, dynamic_.points.rate_hz, options_.cutoff_hz);
    cached = std::move(t);
    return *cached;
  }

  // A static marker's mean position over the frames that see it, in metres. The subject stands still, so
  // the mean is the best single pose.
  std::optional<Vec3> static_marker(std::optional<std::size_t> index) const {
    if (!static_ || !index) return std::nullopt;
    Vec3 sum{0, 0, 0};
    std::size_t n = 0;
    for (const auto& v : static_->points.tracks[*index].samples)
      if (v.valid()) {
        sum = sum + Vec3{v.x, v.y, v.z};
        ++n;
      }
    if (n == 0) return std::nullopt;
    return (static_scale_ / static_cast<double>(n)) * sum;
  }
  std::optional<Vec3> static_marker(const std::string& label) const {
    return static_lookup_ ? static_marker(static_lookup_->find(label)) : std::nullopt;
  }

  void take_markers() {
    for (Side s : kSides) {
      const auto& side = resolved_.side(s);
      auto& w = work(s);
      for (std::size_t i = 0; i < kLandmarkCount; ++i) {
        const auto& r = side.landmarks[i];
        if (r.availability == Availability::measured) w.dynamic[i] = dynamic_marker(*r.dynamic_index);
        w.standing[i] = static_marker(r.static_index);
      }
    }
    if (resolved_.sacrum.availability == Availability::measured)
      sacrum_ = dynamic_marker(*resolved_.sacrum.dynamic_index);
    standing_sacrum_ = static_marker(resolved_.sacrum.static_index);
  }

  std::vector<TrackingPoint> tracking_points(const std::vector<std::string>& labels) {
    std::vector<TrackingPoint> points;
    for (const auto& label : labels) {
      auto standing = static_marker(label);
      auto index = dynamic_lookup_.find(label);
      if (standing && index) points.push_back({label, *standing, &dynamic_marker(*index)});
    }
    return points;
  }

  // Carries `standing_points` from the static pose into every dynamic frame with the cluster `tracking`.
  // Returns an empty vector (and warns) when the cluster cannot be fitted.
  std::vector<Trajectory> carry(const std::string& segment, const std::vector<TrackingPoint>& tracking,
                                const std::vector<std::pair<std::string, Vec3>>& standing_points) {
    if (standing_points.empty()) return {};
    std::string names;
    for (const auto& p : standing_points) names += (names.empty() ? "" : ", ") + p.first;
    if (tracking.size() < kMinTrackingMarkers) {
      body_.warnings.push_back(segment + ": " + names + " exist only in the static trial and the segment has " +
                               std::to_string(tracking.size()) +
                               " markers seen in both trials (3 needed to carry them); left missing");
      return {};
    }
    std::vector<Vec3> standing_markers, standing_targets;
    std::vector<const Trajectory*> dynamic_markers;
    std::string markers;
    for (const auto& t : tracking) {
      standing_markers.push_back(t.static_position);
      dynamic_markers.push_back(t.dynamic);
      markers += (markers.empty() ? "" : ", ") + t.name;
    }
    for (const auto& p : standing_points) standing_targets.push_back(p.second);
    ClusterCalibration calibration(std::move(standing_markers), std::move(standing_targets));
    std::vector<double> residual;
    auto points = calibration.reconstruct(dynamic_markers, &residual);
    double sum = 0;
    std::size_t fitted = 0, rejected = 0;
    for (double r : residual) {
      if (std::isnan(r)) continue;
      if (r > kMaxClusterRmsM) {
        ++rejected;
        continue;
      }
      sum += r;
      ++fitted;
    }
    if (rejected > 0)
      body_.warnings.push_back(segment + ": " + std::to_string(rejected) + " frames left missing because the cluster (" +
                               markers + ") departs from its static shape by more than " +
                               format("%.0f", 1000.0 * kMaxClusterRmsM) +
                               " mm RMS there (a marker mislabelled, badly gap-filled or sliding on the skin)");
    if (fitted == 0) {
      body_.warnings.push_back(segment + ": the cluster (" + markers + ") could not be fitted in any frame; " + names +
                               " left missing");
      return {};
    }
    body_.methods.push_back(segment + ": " + names + " carried from the static trial by the cluster (" + markers +
                            ") [CAST, Cappozzo 1995]; mean fit RMS " +
                            format("%.1f", 1000.0 * sum / static_cast<double>(fitted)) + " mm, fitted in " +
                            format("%.1f", 100.0 * static_cast<double>(fitted) / static_cast<double>(residual.size())) +
                            " % of frames");
    return points;
  }

  void carry_into(const std::string& segment, const std::vector<TrackingPoint>& tracking,
                  const std::vector<std::pair<std::string, Vec3>>& standing_points,
                  const std::vector<Trajectory*>& destinations) {
    auto points = carry(segment, tracking, standing_points);
    for (std::size_t i = 0; i < points.size(); ++i) *destinations[i] = std::move(points[i]);
  }

  // ---- pelvis and hip joint centres ----------------------------------------------------------------------
  void build_pelvis_and_hips() {
    // Standing hip centres: written in the static file, predicted from the standing pelvis, or from the
    // standing trochanters.
    std::array<std::string, 2> standing_hip_method;
    for (Side s : kSides) {
      auto& w = work(s);
      if (auto hjc = w.standing_at(Landmark::hip_centre)) {
        w.standing_hip = hjc;
        standing_hip_method[s == Side::left ? 0 : 1] = "marker " + resolved_.side(s)[Landmark::hip_centre].label;
      }
    }
    if (auto standing = harrington(left_.standing_at(Landmark::asis), right_.standing_at(Landmark::asis),
                                   standing_mid_psis())) {
      for (Side s : kSides)
        if (!work(s).standing_hip) {
          work(s).standing_hip = s == Side::left ? standing->left : standing->right;
          standing_hip_method[s == Side::left ? 0 : 1] = "Harrington et al. 2007 regression (ASIS, PSIS)";
        }
    }
    if ((!left_.standing_hip || !right_.standing_hip) && left_.standing_at(Landmark::greater_trochanter) &&
        right_.standing_at(Landmark::greater_trochanter)) {
      auto hips = hip_centres_from_trochanters(*right_.standing_at(Landmark::greater_trochanter),
                                               *left_.standing_at(Landmark::greater_trochanter));
      for (Side s : kSides)
        if (!work(s).standing_hip) {
          work(s).standing_hip = s == Side::left ? hips.left : hips.right;
          standing_hip_method[s == Side::left ? 0 : 1] = "trochanters";
        }
    }

    // Pelvis cluster, first pass: pelvis landmarks seen only in the static trial.
    auto tracking = tracking_points(resolved_.pelvis_tracking);
    std::vector<std::pair<std::string, Vec3>> carried;
    std::vector<Trajectory*> destinations;
    for (Side s : kSides) {
      for (Landmark l : {Landmark::asis, Landmark::psis}) {
        const auto& r = resolved_.side(s)[l];
        if (r.availability == Availability::static_only && work(s).standing_at(l)) {
          destinations.push_back(&work(s).at(l));
          carried.emplace_back(r.label, *work(s).standing_at(l));
        }
      }
    }
    if (resolved_.sacrum.availability == Availability::static_only && standing_sacrum_) {
      destinations.push_back(&sacrum_);
      carried.emplace_back(resolved_.sacrum.label, *standing_sacrum_);
    }
    carry_into("pelvis", tracking, carried, destinations);

    // Second pass, only for what the pelvis landmarks cannot give: standing hip centres of sides without
    // a hip marker or a regression, and the cluster centroid when there is no ASIS/PSIS pelvis centre.
    auto dynamic_hips = harrington_trajectories();
    carried.clear();
    destinations.clear();
    std::array<Trajectory, 2> carried_hip;
    for (Side s : kSides) {
      auto& w = work(s);
      const std::size_t k = s == Side::left ? 0 : 1;
      if (w.at(Landmark::hip_centre).empty() && dynamic_hips[k].empty() && w.standing_hip) {
        destinations.push_back(&carried_hip[k]);
        carried.emplace_back(side_name(s) + " hip centre", *w.standing_hip);
      }
    }
    Trajectory cluster_centre;
    const bool asis_psis_centre =
        !left_.at(Landmark::asis).empty() && !right_.at(Landmark::asis).empty() && !dynamic_mid_psis().empty();
    if (!asis_psis_centre && tracking.size() >= kMinTrackingMarkers) {
      Vec3 centroid{0, 0, 0};
      for (const auto& t : tracking) centroid = centroid + t.static_position;
      destinations.push_back(&cluster_centre);
      carried.emplace_back("cluster centroid", (1.0 / static_cast<double>(tracking.size())) * centroid);
    }
    carry_into("pelvis", tracking, carried, destinations);

    // Dynamic hip centres, best source first.
    for (Side s : kSides) {
      auto& w = work(s);
      const std::size_t k = s == Side::left ? 0 : 1;
      const std::string who = side_name(s) + " hip centre: ";
      if (!w.at(Landmark::hip_centre).empty()) {
        w.hip = w.at(Landmark::hip_centre);
        body_.methods.push_back(who + "marker " + resolved_.side(s)[Landmark::hip_centre].label);
      } else if (!dynamic_hips[k].empty()) {
        w.hip = std::move(dynamic_hips[k]);
        body_.methods.push_back(who + "Harrington et al. 2007 regression on pelvic width and depth (ASIS, PSIS)");
      } else if (!carried_hip[k].empty()) {
        w.hip = std::move(carried_hip[k]);
        body_.methods.push_back(who + (standing_hip_method[k] == "trochanters"
                                           ? "a quarter of the inter-trochanteric distance medial to the greater "
                                             "trochanter in the static trial (Running Injury Clinic), carried by the pelvis cluster"
                                           : standing_hip_method[k] + " in the static trial, carried by the pelvis cluster"));
      } else if (!w.at(Landmark::greater_trochanter).empty() &&
                 !work(s == Side::left ? Side::right : Side::left).at(Landmark::greater_trochanter).empty()) {
        const auto& right_gt = right_.at(Landmark::greater_trochanter);
        const auto& left_gt = left_.at(Landmark::greater_trochanter);
        w.hip.assign(body_.frames, kMissing);
        for (std::size_t f = 0; f < body_.frames; ++f) {
          if (!valid(right_gt[f]) || !valid(left_gt[f])) continue;
          auto hips = hip_centres_from_trochanters(right_gt[f], left_gt[f]);
          w.hip[f] = s == Side::left ? hips.left : hips.right;
        }
        body_.methods.push_back(who + "a quarter of the inter-trochanteric distance medial to the greater "
                                      "trochanter marker (Running Injury Clinic)");
      } else {
        body_.warnings.push_back(who + "not available (no hip marker, no ASIS and PSIS/sacrum, no trochanters)");
      }
    }

    // Pelvis centre.
    const Trajectory mid_psis = dynamic_mid_psis();
    const auto& rasis = right_.at(Landmark::asis);
    const auto& lasis = left_.at(Landmark::asis);
    if (!rasis.empty() && !lasis.empty() && !mid_psis.empty()) {
      body_.pelvis_centre = midpoints(midpoints(rasis, lasis), mid_psis);
      body_.methods.push_back("pelvis centre: mean of mid-ASIS and mid-PSIS");
    } else if (!cluster_centre.empty()) {
      body_.pelvis_centre = std::move(cluster_centre);
      body_.methods.push_back("pelvis centre: centroid of the pelvis cluster");
    } else if (!left_.hip.empty() && !right_.hip.empty()) {
      body_.pelvis_centre = midpoints(left_.hip, right_.hip);
      body_.methods.push_back("pelvis centre: midpoint of the hip joint centres");
    } else {
      body_.warnings.push_back("pelvis centre: not available (no pelvis markers)");
    }
  }

  std::optional<Vec3> standing_mid_psis() {
    auto l = left_.standing_at(Landmark::psis), r = right_.standing_at(Landmark::psis);
    if (l && r) return midpoint(*l, *r);
    return standing_sacrum_;
  }

  static std::optional<HipCentres> harrington(const std::optional<Vec3>& left_asis,
                                              const std::optional<Vec3>& right_asis,
                                              const std::optional<Vec3>& mid_psis) {
    if (!left_asis || !right_asis || !mid_psis) return std::nullopt;
    return hip_centres_harrington(*right_asis, *left_asis, *mid_psis);
  }

  Trajectory dynamic_mid_psis() {
    const auto& l = left_.at(Landmark::psis);
    const auto& r = right_.at(Landmark::psis);
    if (!l.empty() && !r.empty()) return midpoints(l, r);
    return sacrum_;
  }

  std::array<Trajectory, 2> harrington_trajectories() {
    std::array<Trajectory, 2> hips;  // left, right
    const auto& rasis = right_.at(Landmark::asis);
    const auto& lasis = left_.at(Landmark::asis);
    const Trajectory mid_psis = dynamic_mid_psis();
    if (rasis.empty() || lasis.empty() || mid_psis.empty()) return hips;
    hips[0].assign(body_.frames, kMissing);
    hips[1].assign(body_.frames, kMissing);
    for (std::size_t f = 0; f < body_.frames; ++f) {
      if (auto h = hip_centres_harrington(rasis[f], lasis[f], mid_psis[f])) {
        hips[0][f] = h->left;
        hips[1][f] = h->right;
      }
    }
    return hips;
  }

  // ---- knee and ankle --------------------------------------------------------------------------------------
  // Carries the side's static-only landmarks of `cluster` and adds `extra` tracking points when the
  // cluster alone has fewer than three markers.
  void use_metatarsal_midpoint_as_toe(Side s, SideWork& w) {
    const auto& side = resolved_.side(s);
    if (!is_first_metatarsal_label(side[Landmark::toe].label)) return;
    Trajectory& toe = w.at(Landmark::toe);
    const Trajectory& fifth = w.at(Landmark::fifth_metatarsal);
    if (toe.empty() || fifth.size() != toe.size()) return;
    toe = midpoints(toe, fifth);
    auto& standing_toe = w.standing_at(Landmark::toe);
    const auto& standing_fifth = w.standing_at(Landmark::fifth_metatarsal);
    if (standing_toe && standing_fifth) standing_toe = midpoint(*standing_toe, *standing_fifth);
    else standing_toe.reset();  // a standing angle from another point would not match the dynamic axis
    body_.methods.push_back(side_name(s) + " foot: toe = midpoint of " + side[Landmark::toe].label + " and " +
                            side[Landmark::fifth_metatarsal].label +
                            " (foot long axis; a first-metatarsal marker alone reads inversion as toes-up)");
  }

  void carry_segment(Side s, Cluster cluster, const std::vector<Landmark>& landmarks,
                     std::vector<TrackingPoint> extra) {
    auto& w = work(s);
    const auto& side = resolved_.side(s);
    std::vector<std::pair<std::string, Vec3>> carried;
    std::vector<Landmark> targets;
    for (Landmark l : landmarks) {
      if (side[l].availability == Availability::static_only && w.standing_at(l)) {
        carried.emplace_back(side[l].label, *w.standing_at(l));
        targets.push_back(l);
      }
    }
    if (carried.empty()) return;
    auto tracking = tracking_points(side.tracking_of(cluster));
    for (auto& e : extra)
      if (tracking.size() < kMinTrackingMarkers && e.dynamic && !e.dynamic->empty()) tracking.push_back(std::move(e));
    auto points = carry(side_name(s) + " " + std::string(to_string(cluster)), tracking, carried);
    for (std::size_t i = 0; i < points.size(); ++i) w.at(targets[i]) = std::move(points[i]);
  }

  // Joint centre: midpoint of the lateral and medial markers; else a centre written in the file; else the
  // lateral marker alone (its offset from the centre is mostly medio-lateral, so sagittal angles barely
  // change), with a warning.
  void joint_centre(Side s, const char* joint, Landmark lateral, Landmark medial, Landmark centre,
                    Trajectory& dynamic_out, std::optional<Vec3>& standing_out) {
    auto& w = work(s);
    const std::string who = side_name(s) + " " + joint + " centre: ";
    const auto& side = resolved_.side(s);
    if (!w.at(lateral).empty() && !w.at(medial).empty()) {
      dynamic_out = midpoints(w.at(lateral), w.at(medial));
      body_.methods.push_back(who + "midpoint of " + side[lateral].label + " and " + side[medial].label);
    } else if (!w.at(centre).empty()) {
      dynamic_out = w.at(centre);
      body_.methods.push_back(who + "marker " + side[centre].label);
    } else if (!w.at(lateral).empty()) {
      dynamic_out = w.at(lateral);
      body_.warnings.push_back(who + "lateral marker " + side[lateral].label +
                               " used as the centre (no medial marker in either trial)");
    } else if (!w.at(medial).empty()) {
      dynamic_out = w.at(medial);
      body_.warnings.push_back(who + "medial marker " + side[medial].label + " used as the centre (no lateral marker)");
    } else {
      body_.warnings.push_back(who + "not available (no " + joint + " marker in the dynamic or static trial)");
    }
    if (w.standing_at(lateral) && w.standing_at(medial)) standing_out = midpoint(*w.standing_at(lateral), *w.standing_at(medial));
    else if (w.standing_at(centre)) standing_out = w.standing_at(centre);
    else if (w.standing_at(lateral)) standing_out = w.standing_at(lateral);
  }

  // The markers a joint centre needs: both epicondyles (malleoli) when the profile finds them, else also a
  // joint-centre marker written in the file.
  std::vector<Landmark> joint_markers(Side s, Landmark lateral, Landmark medial, Landmark centre) const {
    const auto& side = resolved_.side(s);
    if (side[lateral].availability != Availability::absent && side[medial].availability != Availability::absent)
      return {lateral, medial};
    return {lateral, medial, centre};
  }

  // ---- functional joint centres (no joint markers in either trial) ------------------------------------
  bool no_joint_markers(Side s, Landmark lateral, Landmark medial, Landmark centre) const {
    const auto& side = resolved_.side(s);
    return side[lateral].availability == Availability::absent && side[medial].availability == Availability::absent &&
           side[centre].availability == Availability::absent;
  }

  // A segment's markers measured in the dynamic trial: its cluster labels, then `landmarks` (each once).
  std::pair<std::vector<const Trajectory*>, std::string> dynamic_segment(Side s, Cluster cluster,
                                                                        const std::vector<Landmark>& landmarks) {
    std::vector<const Trajectory*> markers;
    std::vector<std::size_t> seen;
    std::string names;
    auto add = [&](const std::string& label) {
      auto index = dynamic_lookup_.find(label);
      if (!index || std::find(seen.begin(), seen.end(), *index) != seen.end()) return;
      seen.push_back(*index);
      markers.push_back(&dynamic_marker(*index));
      names += (names.empty() ? "" : ", ") + label;
    };
    for (const auto& label : profile_.side(s)[cluster]) add(label);
    for (Landmark l : landmarks)
      if (resolved_.side(s)[l].availability == Availability::measured) add(resolved_.side(s)[l].label);
    return {std::move(markers), std::move(names)};
  }

  // SCoRE centre of `proximal` against `distal` (src/landmarks/functional_joint_centre.hpp) into `centre`.
  // A hinge centre is slid along its axis to the point nearest `proximal_centre` (the hip, for the knee) when
  // given, else nearest the midpoint of the cluster centroids (the ankle; see functional_joint_centre.hpp).
  void functional_centre(Side s, const char* joint, const char* proximal_name, Cluster proximal_cluster,
                         const char* distal_name, Cluster distal_cluster, const std::vector<Landmark>& distal_landmarks,
                         const Trajectory& proximal_centre, const char* proximal_centre_name, Trajectory& centre) {
    const std::string who = side_name(s) + " " + joint + " centre: ";
    const auto [proximal, proximal_labels] = dynamic_segment(s, proximal_cluster, {});
    const auto [distal, distal_labels] = dynamic_segment(s, distal_cluster, distal_landmarks);
    FunctionalJointOptions options;
    options.axial_reference = proximal_centre;
    const auto result = functional_joint_centre(proximal, distal, options);
    if (result.centre.empty()) {
      body_.warnings.push_back(who + "not available (no " + joint + " markers in the dynamic or static trial; " +
                               "functional centre of " + proximal_name + " (" + proximal_labels + ") and " +
                               distal_name + " (" + distal_labels + ") impossible: " + result.problem + ")");
      return;
    }
    centre = result.centre;
    const auto& fit = *result.fit;
    body_.methods.push_back(who + "functional joint centre (SCoRE, Ehrig 2006), residual " +
                            format("%.1f", 1000.0 * fit.rms_residual) + " mm over " + std::to_string(fit.frames) +
                            " frames; " + proximal_name + " (" + proximal_labels + ") against " + distal_name + " (" +
                            distal_labels + "), relative rotation range " + format("%.0f", fit.rotation_range_deg) +
                            " deg; on the flexion axis (SARA, Ehrig 2007) at the point nearest " +
                            (fit.slid_along_axis == ScoreFit::Slide::reference
                                 ? std::string("the ") + proximal_centre_name + " centre"
                                 : std::string("the midpoint of the two cluster centroids")));
  }

  void build_knee(Side s) {
    auto& w = work(s);
    if (no_joint_markers(s, Landmark::knee_lateral, Landmark::knee_medial, Landmark::knee_centre)) {
      functional_centre(s, "knee", "thigh", Cluster::thigh, "shank", Cluster::shank, {}, w.hip, "hip", w.knee);
      if (!w.knee.empty())
        body_.warnings.push_back(side_name(s) + " knee: no epicondyle markers; knee flexion uses the sagittal-plane "
                                 "projection of the hip, functional knee and ankle centres");
      return;
    }
    std::vector<TrackingPoint> extra;
    if (w.standing_hip && !w.hip.empty()) extra.push_back({side_name(s) + " hip centre", *w.standing_hip, &w.hip});
    carry_segment(s, Cluster::thigh, joint_markers(s, Landmark::knee_lateral, Landmark::knee_medial, Landmark::knee_centre),
                  std::move(extra));
    joint_centre(s, "knee", Landmark::knee_lateral, Landmark::knee_medial, Landmark::knee_centre, w.knee,
                 w.standing_knee);
  }

  void build_ankle(Side s) {
    auto& w = work(s);
    if (no_joint_markers(s, Landmark::ankle_lateral, Landmark::ankle_medial, Landmark::ankle_centre)) {
      functional_centre(s, "ankle", "shank", Cluster::shank, "foot", Cluster::foot,
                        {Landmark::heel, Landmark::toe, Landmark::fifth_metatarsal}, Trajectory{}, "", w.ankle);
      return;
    }
    std::vector<TrackingPoint> extra;
    const auto& knee = resolved_.side(s)[Landmark::knee_lateral];
    if (knee.availability == Availability::measured && w.standing_at(Landmark::knee_lateral))
      extra.push_back({knee.label, *w.standing_at(Landmark::knee_lateral), &w.at(Landmark::knee_lateral)});
    carry_segment(s, Cluster::shank,
                  joint_markers(s, Landmark::ankle_lateral, Landmark::ankle_medial, Landmark::ankle_centre),
                  std::move(extra));
    joint_centre(s, "ankle", Landmark::ankle_lateral, Landmark::ankle_medial, Landmark::ankle_centre, w.ankle,
                 w.standing_ankle);
  }

  // ---- axes ------------------------------------------------------------------------------------------------
  void decide_axes() {
    // Up: from the feet to the pelvis and knees.
    std::vector<Vec3> upper, lower;
    auto add_mean = [](std::vector<Vec3>& into, const Trajectory& t) {
      if (t.empty()) return;
      if (auto m = mean_of(t); valid(m)) into.push_back(m);
    };
    add_mean(upper, body_.pelvis_centre);
    for (Side s : kSides) {
      auto& w = work(s);
      add_mean(upper, w.hip);
      add_mean(upper, w.knee);
      add_mean(lower, w.ankle);
      add_mean(lower, w.at(Landmark::heel));
      add_mean(lower, w.at(Landmark::toe));
      for (const auto& t : tracking_points(resolved_.side(s).tracking_of(Cluster::foot))) add_mean(lower, *t.dynamic);
    }
    std::optional<Axis> anatomical_up;
    if (!upper.empty() && !lower.empty()) anatomical_up = nearest_axis(average(upper) - average(lower));

    // The static trial must be recorded in the same lab frame: its landmarks are used as they are.
    std::vector<Vec3> standing_upper, standing_lower;
    for (Side s : kSides) {
      auto& w = work(s);
      for (const auto& p : {w.standing_hip, w.standing_knee}) if (p) standing_upper.push_back(*p);
      for (const auto& p : {w.standing_ankle, w.standing_at(Landmark::heel), w.standing_at(Landmark::toe)})
        if (p) standing_lower.push_back(*p);
    }
    if (anatomical_up && !standing_upper.empty() && !standing_lower.empty()) {
      auto standing_up = nearest_axis(average(standing_upper) - average(standing_lower));
      if (standing_up && !(*standing_up == *anatomical_up))
        body_.warnings.push_back("the static trial stands along " + standing_up->name() + " but the run is upright along " +
                                 anatomical_up->name() + ": were they recorded in different lab frames?");
    }

    if (!dynamic_.up.method.empty()) {
      body_.up = dynamic_.up.axis;
      body_.methods.push_back("up axis: " + body_.up.name() + " (" + dynamic_.up.method + ")");
      if (anatomical_up && !(*anatomical_up == body_.up))
        body_.warnings.push_back("up axis " + body_.up.name() + " from the trial disagrees with the body (feet -> pelvis/knees: " +
                                 anatomical_up->name() + ")");
    } else if (anatomical_up) {
      body_.up = *anatomical_up;
      body_.methods.push_back("up axis: " + body_.up.name() + " (lab axis nearest to the feet -> pelvis/knees direction)");
    } else {
      throw AnalysisError("cannot tell the up axis of " + trial_name(dynamic_, "the trial") +
                          ": no pelvis or knee landmarks above foot landmarks, and the trial does not declare it");
    }

    // Progression: the way the runner faces, preferably standing.
    auto forward = facing_direction();
    std::optional<Axis> anatomical_forward;
    if (forward) anatomical_forward = nearest_axis(horizontal_part(forward->first, body_.up), body_.up.index);
    if (!dynamic_.progression.method.empty() && dynamic_.progression.axis.index != body_.up.index) {
      body_.progression = dynamic_.progression.axis;
      body_.methods.push_back("progression axis: " + body_.progression.name() + " (" + dynamic_.progression.method + ")");
      if (anatomical_forward && !(*anatomical_forward == body_.progression))
        body_.warnings.push_back("progression axis " + body_.progression.name() +
                                 " from the trial disagrees with the direction the runner faces (" +
                                 forward->second + ": " + anatomical_forward->name() + ")");
    } else if (anatomical_forward) {
      body_.progression = *anatomical_forward;
      body_.methods.push_back("progression axis: " + body_.progression.name() + " (lab axis nearest to " +
                              forward->second + ")");
    } else {
      throw AnalysisError("cannot tell the direction of progression of " + trial_name(dynamic_, "the trial") +
                          ": no foot, pelvis or ankle landmarks show which way the runner faces");
    }
  }

  static Vec3 average(const std::vector<Vec3>& points) {
    Vec3 sum{0, 0, 0};
    for (const auto& p : points) sum = sum + p;
    return (1.0 / static_cast<double>(points.size())) * sum;
  }

  // Mean direction the body faces and how it was found.
  std::optional<std::pair<Vec3, std::string>> facing_direction() {
    // A landmark's standing position, else its mean over the run.
    auto where = [&](Side s, Landmark l) -> std::optional<Vec3> {
      if (auto p = work(s).standing_at(l)) return p;
      if (!work(s).at(l).empty())
        if (auto m = mean_of(work(s).at(l)); valid(m)) return m;
      return std::nullopt;
    };
    Vec3 sum{0, 0, 0};
    int n = 0;
    for (Side s : kSides)
      if (auto heel = where(s, Landmark::heel), toe = where(s, Landmark::toe); heel && toe) {
        sum = sum + (*toe - *heel);
        ++n;
      }
    if (n) return std::pair{sum, std::string("heel -> toe")};

    auto lasis = where(Side::left, Landmark::asis), rasis = where(Side::right, Landmark::asis);
    auto lpsis = where(Side::left, Landmark::psis), rpsis = where(Side::right, Landmark::psis);
    std::optional<Vec3> posterior = lpsis && rpsis ? std::optional<Vec3>(midpoint(*lpsis, *rpsis)) : standing_sacrum_;
    if (!posterior && !sacrum_.empty()) posterior = mean_of(sacrum_);
    if (lasis && rasis && posterior && valid(*posterior))
      return std::pair{midpoint(*lasis, *rasis) - *posterior, std::string("mid-PSIS -> mid-ASIS")};

    for (Side s : kSides) {
      auto& w = work(s);
      const Vec3 ankle = w.standing_ankle ? *w.standing_ankle : (w.ankle.empty() ? kMissing : mean_of(w.ankle));
      auto cluster = tracking_points(resolved_.side(s).tracking_of(Cluster::foot));
      if (!valid(ankle) || cluster.empty()) continue;
      Vec3 centroid{0, 0, 0};
      for (const auto& t : cluster) centroid = centroid + t.static_position;
      centroid = (1.0 / static_cast<double>(cluster.size())) * centroid;
      sum = sum + (ankle - centroid);
      ++n;
    }
    if (n) return std::pair{sum, std::string("heel cluster -> ankle centre")};
    return std::nullopt;
  }

  // ---- foot ------------------------------------------------------------------------------------------------
  void build_foot(Side s) {
    auto& w = work(s);
    auto& o = out(s);
    const auto& side = resolved_.side(s);
    const std::string who = side_name(s) + " foot: ";
    const auto plan = plan_foot(side, static_ != nullptr);
    if (!plan.usable()) {
      body_.warnings.push_back(who + "no heel and toe (" + (side[Landmark::heel].label.empty() ? "heel missing" : "heel " + side[Landmark::heel].label) +
                               ", " + (side[Landmark::toe].label.empty() ? "toe missing" : "toe " + side[Landmark::toe].label) +
                               "); this side has no foot landmarks");
      return;
    }
    if (plan.virtual_axis) {
      build_virtual_foot(s);
    } else {
      std::vector<TrackingPoint> extra;
      const auto& ankle = side[Landmark::ankle_lateral];
      if (ankle.availability == Availability::measured && w.standing_at(Landmark::ankle_lateral))
        extra.push_back({ankle.label, *w.standing_at(Landmark::ankle_lateral), &w.at(Landmark::ankle_lateral)});
      carry_segment(s, Cluster::foot, {Landmark::heel, Landmark::toe, Landmark::fifth_metatarsal}, std::move(extra));
      body_.methods.push_back(who + "heel " + side[Landmark::heel].label + ", toe " + side[Landmark::toe].label);
    }
    use_metatarsal_midpoint_as_toe(s, w);
    o.heel = w.at(Landmark::heel);
    o.toe = w.at(Landmark::toe);
    o.fifth_metatarsal = w.at(Landmark::fifth_metatarsal);
    if (o.heel.empty() || o.toe.empty()) {
      o.heel.clear();
      o.toe.clear();
      return;
    }
    auto standing_heel = w.standing_at(Landmark::heel), standing_toe = w.standing_at(Landmark::toe);
    if (standing_heel && standing_toe) {
      // The very definition the foot strike angle uses at initial contact (metrics.hpp), so that the two
      // subtract cleanly.
      const double angle = sagittal_foot_angle_deg(*standing_heel, *standing_toe, body_.up, body_.progression);
      if (!std::isnan(angle)) o.standing_foot_angle_deg = angle;
      if (o.standing_foot_angle_deg)
        body_.methods.push_back(who + "standing foot angle " + format("%.1f", *o.standing_foot_angle_deg) +
                                " deg (static trial, heel -> toe to the floor)");
    } else if (static_) {
      body_.warnings.push_back(who + "heel or toe marker missing in the static trial; no standing foot angle");
    }
  }

  // Heel-cluster marker sets (Running Injury Clinic) have no toe marker. Following the RIC 3D gait system,
  // whose foot long axis is the lab's anterior axis in the standing trial, the heel is the lowest cluster
  // marker and the toe a point kVirtualFootAxisM ahead of it along the progression axis in the standing
  // pose, carried by the cluster. The standing foot angle is zero by construction.
  void build_virtual_foot(Side s) {
    auto& w = work(s);
    auto tracking = tracking_points(resolved_.side(s).tracking_of(Cluster::foot));
    if (tracking.size() < kMinTrackingMarkers) return;
    const auto lowest = std::min_element(tracking.begin(), tracking.end(), [&](const auto& a, const auto& b) {
      return a.static_position[body_.up.index] * body_.up.sign < b.static_position[body_.up.index] * body_.up.sign;
    });
    const Vec3 standing_heel = lowest->static_position;
    const Vec3 standing_toe = standing_heel + kVirtualFootAxisM * unit(body_.progression);
    auto points = carry(side_name(s) + " foot", tracking, {{"virtual toe", standing_toe}});
    if (points.empty()) return;
    w.at(Landmark::heel) = *lowest->dynamic;
    w.at(Landmark::toe) = std::move(points[0]);
    w.standing_at(Landmark::heel) = standing_heel;
    w.standing_at(Landmark::toe) = standing_toe;
    out(s).virtual_foot_axis = true;
    body_.methods.push_back(side_name(s) + " foot: no toe marker; heel = lowest foot-cluster marker " + lowest->name +
                            ", toe = virtual point " + format("%.2f", kVirtualFootAxisM) +
                            " m ahead of it along the progression axis in the standing pose (Running Injury Clinic "
                            "foot axis)");
  }

  // ---- output ----------------------------------------------------------------------------------------------
  void finish() {
    double leg_sum = 0;
    int legs = 0;
    bool standing = true;
    for (Side s : kSides) {
      auto& w = work(s);
      auto& o = out(s);
      o.hip_centre = std::move(w.hip);
      o.knee_lateral = std::move(w.at(Landmark::knee_lateral));
      o.knee_medial = std::move(w.at(Landmark::knee_medial));
      o.knee_centre = std::move(w.knee);
      o.ankle_lateral = std::move(w.at(Landmark::ankle_lateral));
      o.ankle_medial = std::move(w.at(Landmark::ankle_medial));
      o.ankle_centre = std::move(w.ankle);
      if (w.standing_hip && w.standing_ankle) {
        leg_sum += distance(*w.standing_hip, *w.standing_ankle);
        ++legs;
      }
    }
    if (legs == 0) {
      standing = false;
      for (Side s : kSides) {
        const auto& o = out(s);
        if (o.hip_centre.empty() || o.ankle_centre.empty()) continue;
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t f = 0; f < body_.frames; ++f)
          if (valid(o.hip_centre[f]) && valid(o.ankle_centre[f])) {
            sum += distance(o.hip_centre[f], o.ankle_centre[f]);
            ++n;
          }
        if (n) {
          leg_sum += sum / static_cast<double>(n);
          ++legs;
        }
      }
    }
    if (legs) {
      body_.leg_length_m = leg_sum / legs;
      body_.methods.push_back("leg length " + format("%.3f", body_.leg_length_m) + " m (hip centre to ankle centre, " +
                              (standing ? "standing" : "mean over the run") + ")");
    } else {
      body_.warnings.push_back("leg length unknown (no hip and ankle centres)");
    }
    for (Side s : kSides) {
      const auto& o = out(s);
      for (const auto* t : {&o.heel, &o.toe, &o.knee_centre, &o.ankle_centre, &o.hip_centre}) {
        if (t->empty()) continue;
        if (double v = valid_fraction(*t); v < 0.9) {
          body_.warnings.push_back(side_name(s) + " landmarks: only " + format("%.0f", 100.0 * v) +
                                   " % of frames valid in at least one landmark trajectory (long marker gaps)");
          break;
        }
      }
    }
    if (body_.left.empty() && body_.right.empty())
      throw AnalysisError("no foot landmarks could be built for " + trial_name(dynamic_, "the trial") +
                          " (heel and toe missing on both sides)");
  }

  const Trial& dynamic_;
  const Trial* static_;
  const MarkerProfile& profile_;
  const BodyOptions& options_;
  MarkerLookup dynamic_lookup_;
  std::optional<MarkerLookup> static_lookup_;
  double dynamic_scale_, static_scale_;
  ResolvedProfile resolved_;
  std::vector<std::optional<Trajectory>> processed_;
  SideWork left_, right_;
  Trajectory sacrum_;
  std::optional<Vec3> standing_sacrum_;
  Body body_;
};

}  // namespace

Body build_body(const Trial& dynamic, const Trial* static_trial, const BodyOptions& options) {
  const LengthScale dynamic_scale = validate_trial(dynamic, "dynamic trial");
  const LengthScale static_scale = static_trial ? validate_trial(*static_trial, "static trial") : LengthScale{};
  if (options.cutoff_hz > 0 && !(options.cutoff_hz < 0.5 * dynamic.points.rate_hz))
    throw InputError("BodyOptions::cutoff_hz", "cut-off " + format("%.3g", options.cutoff_hz) +
                                                   " Hz is not below the Nyquist frequency of the markers (" +
                                                   format("%.3g", 0.5 * dynamic.points.rate_hz) + " Hz)");

  std::optional<MarkerProfile> user_profile;
  const MarkerProfile* profile = nullptr;
  if (options.profile_toml) {
    user_profile = load_marker_profile_toml(*options.profile_toml);
    auto match = match_marker_profile(*user_profile, dynamic, static_trial);
    if (!match.usable()) {
      std::string missing;
      for (const auto& m : match.missing) missing += (missing.empty() ? "" : "; ") + m;
      throw AnalysisError("marker profile " + user_profile->source + " does not fit " +
                          trial_name(dynamic, "the trial") + ": missing " + missing);
    }
    profile = &*user_profile;
  } else {
    profile = &recognise_marker_set(dynamic, static_trial);
  }
  return BodyBuilder(dynamic, static_trial, *profile, options, dynamic_scale, static_scale).build();
}

}  // namespace touchdown
