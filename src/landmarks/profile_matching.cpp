// Choosing the marker-set profile of a trial: every built-in profile is resolved against the labels of the
// dynamic and static trials; the one that finds the most of its markers and can build at least one foot
// wins. When none can, the error says what the closest profile misses, so the user can write a profile.
#include <algorithm>
#include <string>

#include "landmarks/marker_lookup.hpp"
#include "landmarks/profile_resolution.hpp"
#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

std::string candidates_text(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "no label in the profile";
  std::string text;
  for (std::size_t i = 0; i < candidates.size() && i < 4; ++i) text += (i ? ", " : "") + candidates[i];
  if (candidates.size() > 4) text += ", ...";
  return text;
}

void add_missing_foot(std::vector<std::string>& missing, const SideMarkerNames& names,
                      const landmarks::ResolvedSide& side, std::string_view side_name) {
  for (Landmark l : {Landmark::heel, Landmark::toe}) {
    const auto& r = side[l];
    std::string what = std::string(side_name) + " " + std::string(to_string(l));
    if (r.availability == landmarks::Availability::absent) {
      missing.push_back(what + " (" + candidates_text(names[l]) + ")");
    } else if (r.availability == landmarks::Availability::static_only) {
      missing.push_back(what + " (" + r.label +
                        " only in the static trial, and fewer than 3 foot markers seen in both trials)");
    }
  }
}

std::string labels_text(const Trial& trial) {
  std::string text;
  std::size_t shown = 0;
  for (const auto& track : trial.points.tracks) {
    if (shown == 24) {
      text += ", ...";
      break;
    }
    text += (shown++ ? ", " : "") + track.label;
  }
  return text.empty() ? "none" : text;
}

}  // namespace

ProfileMatch match_marker_profile(const MarkerProfile& profile, const Trial& dynamic, const Trial* static_trial) {
  landmarks::MarkerLookup dynamic_lookup(dynamic.points);
  std::optional<landmarks::MarkerLookup> static_lookup;
  if (static_trial) static_lookup.emplace(static_trial->points);
  const auto resolved =
      landmarks::resolve_profile(profile, dynamic_lookup, static_lookup ? &*static_lookup : nullptr);

  ProfileMatch match;
  match.profile = &profile;
  match.found = resolved.found;
  const bool has_static = static_trial != nullptr;
  match.left_foot = landmarks::plan_foot(resolved.left, has_static).usable();
  match.right_foot = landmarks::plan_foot(resolved.right, has_static).usable();
  if (!match.left_foot) add_missing_foot(match.missing, profile.left, resolved.left, "left");
  if (!match.right_foot) add_missing_foot(match.missing, profile.right, resolved.right, "right");
  return match;
}

const MarkerProfile& recognise_marker_set(const Trial& dynamic, const Trial* static_trial) {
  const auto& profiles = builtin_marker_profiles();
  std::optional<ProfileMatch> best_usable, closest;
  for (const auto& profile : profiles) {
    auto match = match_marker_profile(profile, dynamic, static_trial);
    if (match.usable() && (!best_usable || match.found > best_usable->found)) best_usable = match;
    if (!closest || match.found > closest->found) closest = match;
  }
  if (best_usable) return *best_usable->profile;

  std::string message = "marker set not recognised in " +
                        (dynamic.source.path.empty() ? std::string("the trial") : dynamic.source.path) +
                        ": no built-in profile finds a heel and a toe marker (or a foot cluster with a static "
                        "trial) on either side. Closest profile: " +
                        closest->profile->name + " (" + std::to_string(closest->found) + " of its markers found); missing: ";
  for (std::size_t i = 0; i < closest->missing.size(); ++i) message += (i ? "; " : "") + closest->missing[i];
  message += ". Marker labels in the trial: " + labels_text(dynamic) +
             ". Describe the marker set in a TOML profile (BodyOptions::profile_toml).";
  throw AnalysisError(message);
}

}  // namespace touchdown
