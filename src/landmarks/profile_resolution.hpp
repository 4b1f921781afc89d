#pragma once
// Which label of a profile is present where: measured in the dynamic trial, or only in the static trial
// (then it must be carried by its segment's cluster). Shared by profile matching and the body builder so
// that "recognised" and "buildable" mean the same thing.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "landmarks/marker_lookup.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown::landmarks {

enum class Availability { absent, measured, static_only };

struct ResolvedLandmark {
  Availability availability = Availability::absent;
  std::string label;  // the profile candidate that matched
  std::optional<std::size_t> dynamic_index, static_index;
};

// Segments that carry landmarks; the pelvis is shared by both sides.
enum class Segment { pelvis, thigh, shank, foot };
[[nodiscard]] std::optional<Segment> segment_of(Landmark landmark);  // nullopt: none carries it

struct ResolvedSide {
  std::array<ResolvedLandmark, kLandmarkCount> landmarks;
  // Labels usable to track a segment from static to dynamic: present in both trials (cluster markers and
  // measured landmarks of the segment), without duplicates.
  std::array<std::vector<std::string>, kClusterCount> tracking;
  [[nodiscard]] const ResolvedLandmark& operator[](Landmark l) const {
    return landmarks[static_cast<std::size_t>(l)];
  }
  [[nodiscard]] const std::vector<std::string>& tracking_of(Cluster c) const {
    return tracking[static_cast<std::size_t>(c)];
  }
};

struct ResolvedProfile {
  ResolvedSide left, right;
  ResolvedLandmark sacrum;
  std::vector<std::string> pelvis_tracking;  // pelvis markers present in both trials
  std::size_t found = 0;                     // profile entries found in either trial
  [[nodiscard]] const ResolvedSide& side(Side s) const { return s == Side::left ? left : right; }
};

// `static_lookup` is null without a static trial.
[[nodiscard]] ResolvedProfile resolve_profile(const MarkerProfile& profile, const MarkerLookup& dynamic_lookup,
                                              const MarkerLookup* static_lookup);

// A rigid fit needs three markers seen in both trials.
inline constexpr std::size_t kMinTrackingMarkers = 3;

// Can heel and toe of this side be built: measured, carried by the foot cluster, or (no heel/toe labels at
// all) a virtual foot axis fixed to the foot cluster in the static trial?
struct FootPlan {
  bool heel = false, toe = false;
  bool virtual_axis = false;
  [[nodiscard]] bool usable() const { return heel && toe; }
};
[[nodiscard]] FootPlan plan_foot(const ResolvedSide& side, bool has_static);

}  // namespace touchdown::landmarks
