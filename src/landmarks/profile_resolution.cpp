#include "landmarks/profile_resolution.hpp"

#include <algorithm>

namespace touchdown::landmarks {
namespace {

ResolvedLandmark resolve(const std::vector<std::string>& candidates, const MarkerLookup& dynamic_lookup,
                         const MarkerLookup* static_lookup) {
  ResolvedLandmark out;
  // Measured beats reconstructed, even when the reconstructed candidate ranks higher: a marker seen in the
  // run carries no soft-tissue or calibration error of a cluster fit.
  for (const auto& label : candidates) {
    if (auto i = dynamic_lookup.find(label)) {
      out.availability = Availability::measured;
      out.label = label;
      out.dynamic_index = i;
      if (static_lookup) out.static_index = static_lookup->find(label);
      return out;
    }
  }
  if (!static_lookup) return out;
  for (const auto& label : candidates) {
    if (auto i = static_lookup->find(label)) {
      out.availability = Availability::static_only;
      out.label = label;
      out.static_index = i;
      return out;
    }
  }
  return out;
}

void add_unique(std::vector<std::string>& labels, const std::string& label) {
  auto same = [&](const std::string& l) { return normalise_label(l) == normalise_label(label); };
  if (std::none_of(labels.begin(), labels.end(), same)) labels.push_back(label);
}

bool in_both(const std::string& label, const MarkerLookup& dynamic_lookup, const MarkerLookup* static_lookup) {
  return static_lookup && dynamic_lookup.has(label) && static_lookup->has(label);
}

std::size_t count_found(const std::vector<std::string>& labels, const MarkerLookup& dynamic_lookup,
                        const MarkerLookup* static_lookup) {
  return static_cast<std::size_t>(std::count_if(labels.begin(), labels.end(), [&](const std::string& l) {
    return dynamic_lookup.has(l) || (static_lookup && static_lookup->has(l));
  }));
}

ResolvedSide resolve_side(const SideMarkerNames& names, const MarkerLookup& dynamic_lookup,
                          const MarkerLookup* static_lookup, std::size_t& found) {
  ResolvedSide side;
  for (std::size_t i = 0; i < kLandmarkCount; ++i) {
    side.landmarks[i] = resolve(names.landmarks[i], dynamic_lookup, static_lookup);
    if (side.landmarks[i].availability != Availability::absent) ++found;
  }
  for (std::size_t c = 0; c < kClusterCount; ++c) {
    found += count_found(names.clusters[c], dynamic_lookup, static_lookup);
    for (const auto& label : names.clusters[c])
      if (in_both(label, dynamic_lookup, static_lookup)) add_unique(side.tracking[c], label);
  }
  for (std::size_t i = 0; i < kLandmarkCount; ++i) {
    const auto& r = side.landmarks[i];
    auto segment = segment_of(static_cast<Landmark>(i));
    if (r.availability != Availability::measured || !r.static_index || !segment || *segment == Segment::pelvis)
      continue;
    add_unique(side.tracking[static_cast<std::size_t>(*segment) - 1], r.label);
  }
  return side;
}

}  // namespace

std::optional<Segment> segment_of(Landmark landmark) {
  switch (landmark) {
    case Landmark::asis:
    case Landmark::psis:
    case Landmark::hip_centre: return Segment::pelvis;
    case Landmark::greater_trochanter:
    case Landmark::knee_lateral:
    case Landmark::knee_medial:
    case Landmark::knee_centre: return Segment::thigh;
    case Landmark::ankle_lateral:
    case Landmark::ankle_medial:
    case Landmark::ankle_centre: return Segment::shank;
    case Landmark::heel:
    case Landmark::toe:
    case Landmark::fifth_metatarsal: return Segment::foot;
  }
  return std::nullopt;
}

ResolvedProfile resolve_profile(const MarkerProfile& profile, const MarkerLookup& dynamic_lookup,
                                const MarkerLookup* static_lookup) {
  ResolvedProfile out;
  out.left = resolve_side(profile.left, dynamic_lookup, static_lookup, out.found);
  out.right = resolve_side(profile.right, dynamic_lookup, static_lookup, out.found);
  out.sacrum = resolve(profile.sacrum, dynamic_lookup, static_lookup);
  if (out.sacrum.availability != Availability::absent) ++out.found;
  out.found += count_found(profile.pelvis_cluster, dynamic_lookup, static_lookup);

  for (const auto& label : profile.pelvis_cluster)
    if (in_both(label, dynamic_lookup, static_lookup)) add_unique(out.pelvis_tracking, label);
  for (const ResolvedSide* side : {&out.left, &out.right})
    for (Landmark l : {Landmark::asis, Landmark::psis})
      if (const auto& r = (*side)[l]; r.availability == Availability::measured && r.static_index)
        add_unique(out.pelvis_tracking, r.label);
  if (out.sacrum.availability == Availability::measured && out.sacrum.static_index)
    add_unique(out.pelvis_tracking, out.sacrum.label);
  return out;
}

FootPlan plan_foot(const ResolvedSide& side, bool has_static) {
  const bool trackable = has_static && side.tracking_of(Cluster::foot).size() >= kMinTrackingMarkers;
  auto buildable = [&](Landmark l) {
    auto a = side[l].availability;
    return a == Availability::measured || (a == Availability::static_only && trackable);
  };
  FootPlan plan;
  plan.heel = buildable(Landmark::heel);
  plan.toe = buildable(Landmark::toe);
  if (!plan.heel && !plan.toe && side[Landmark::heel].availability == Availability::absent &&
      side[Landmark::toe].availability == Availability::absent && trackable) {
    plan.heel = plan.toe = plan.virtual_axis = true;
  }
  return plan;
}

}  // namespace touchdown::landmarks
