#pragma once
// From marker trajectories to anatomical landmarks: marker-set profiles, static (CAST) calibration and
// the hip joint centre. The result is a Body (body.hpp); nothing downstream sees a marker name.
//
// Pipeline (build_body):
//   1. recognise the marker set: each built-in profile (or the user's TOML profile) names, per landmark,
//      the labels it may carry; the profile that finds the most of them wins;
//   2. every marker used is converted to metres, gap-filled (cubic spline, gaps <= max_gap_frames) and
//      low-pass filtered (zero-lag Butterworth, cutoff_hz) -- signal.hpp;
//   3. landmarks measured in the dynamic trial are taken as they are; landmarks that exist only in the
//      static trial are carried into the dynamic trial by their segment's marker cluster (CAST,
//      Cappozzo et al. 1995), a least-squares rigid fit per frame over the visible markers (>= 3); frames
//      where the cluster departs from its static shape by > 10 mm RMS are left missing;
//   4. the hip joint centre is a marker of the file, or predicted: Harrington et al. 2007 from ASIS/PSIS,
//      else the Running Injury Clinic trochanter rule; see src/landmarks/hip_joint_centre.hpp;
//   5. joint centres are epicondyle / malleolus midpoints (else a joint-centre marker, else the lateral
//      marker with a warning); the standing foot angle comes from the static trial;
//   6. up and progression come from the Trial when its reader decided them (detect_axes), else from the
//      body: feet -> pelvis, and the direction the runner faces (src/landmarks/anatomical_axes.hpp).
// Sources for each profile's label conventions are in src/landmarks/marker_profiles.cpp.
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "touchdown/body.hpp"
#include "touchdown/trial.hpp"

namespace touchdown {

// Anatomical points a profile can name, per side.
enum class Landmark {
  asis,                // anterior superior iliac spine
  psis,                // posterior superior iliac spine
  greater_trochanter,  //
  hip_centre,          // a hip joint centre written into the file (e.g. OpenSim RHJC)
  knee_lateral,        // lateral femoral epicondyle
  knee_medial,         // medial femoral epicondyle
  knee_centre,         // a knee joint centre written into the file
  ankle_lateral,       // lateral malleolus
  ankle_medial,        // medial malleolus
  ankle_centre,        // an ankle joint centre written into the file
  heel,                // posterior / plantar calcaneus
  toe,                 // hallux or toe marker, else second or first metatarsal head
  fifth_metatarsal,    //
};
inline constexpr std::size_t kLandmarkCount = 13;
[[nodiscard]] std::string_view to_string(Landmark landmark);
[[nodiscard]] std::optional<Landmark> landmark_from_string(std::string_view name);

// Technical marker clusters that carry static-only landmarks, per side.
enum class Cluster { thigh, shank, foot };
inline constexpr std::size_t kClusterCount = 3;
[[nodiscard]] std::string_view to_string(Cluster cluster);

// Candidate labels of one side, best first. Labels match case-insensitively, ignoring a "Subject:" prefix.
struct SideMarkerNames {
  std::array<std::vector<std::string>, kLandmarkCount> landmarks;
  std::array<std::vector<std::string>, kClusterCount> clusters;
  [[nodiscard]] const std::vector<std::string>& operator[](Landmark l) const {
    return landmarks[static_cast<std::size_t>(l)];
  }
  [[nodiscard]] const std::vector<std::string>& operator[](Cluster c) const {
    return clusters[static_cast<std::size_t>(c)];
  }
};

// A marker-set convention: which labels mean which landmark.
struct MarkerProfile {
  std::string name;
  std::string source;  // "built-in" or the TOML file path
  SideMarkerNames left, right;
  std::vector<std::string> sacrum;          // a single posterior pelvis marker (stands in for mid-PSIS)
  std::vector<std::string> pelvis_cluster;  // technical pelvis markers (besides ASIS/PSIS/sacrum)
  [[nodiscard]] const SideMarkerNames& side(Side s) const { return s == Side::left ? left : right; }
};

// Plug-in Gait, CAST/ISB (Visual3D, RBDS), Running Injury Clinic, OpenSim (Hamner/Rajagopal), Qualisys.
[[nodiscard]] const std::vector<MarkerProfile>& builtin_marker_profiles();

// User profile (TOML). Keys are Landmark / Cluster names; values a label or a list of labels, best first.
//   name = "My lab"
//   [markers]                        # both sides: "{S}" stands for the side letter (L or R)
//   heel = "{S}HEEL"
//   toe = ["{S}TOE", "{S}MT2"]
//   thigh_cluster = ["{S}TH1", "{S}TH2", "{S}TH3"]
//   [left]                           # optional: labels for one side only (no "{S}")
//   knee_lateral = "LeftKneeOut"
//   [pelvis]
//   sacrum = "SACR"
//   cluster = ["P1", "P2", "P3"]
// Throws InputError (file, line) for unreadable TOML, unknown keys and non-string labels.
[[nodiscard]] MarkerProfile load_marker_profile_toml(const std::filesystem::path& path);
[[nodiscard]] MarkerProfile parse_marker_profile_toml(std::string_view text, const std::string& name);

// How well a profile fits the labels of a dynamic (and optional static) trial.
struct ProfileMatch {
  const MarkerProfile* profile = nullptr;
  std::size_t found = 0;  // landmarks, cluster and pelvis markers found (dynamic or static)
  // Per side: can the foot (heel and toe) be built? At least one side must be for the profile to be usable.
  bool left_foot = false, right_foot = false;
  std::vector<std::string> missing;  // required landmarks not found, e.g. "left heel (LHEE, L.Heel.Bottom, ...)"
  [[nodiscard]] bool usable() const { return left_foot || right_foot; }
};
[[nodiscard]] ProfileMatch match_marker_profile(const MarkerProfile& profile, const Trial& dynamic,
                                                const Trial* static_trial);

// The best built-in profile; AnalysisError listing the missing landmarks and the closest profile if none fits.
[[nodiscard]] const MarkerProfile& recognise_marker_set(const Trial& dynamic, const Trial* static_trial);

struct BodyOptions {
  double cutoff_hz = 12;  // zero-lag Butterworth low-pass for markers (metrics.md default); 0 = no filter
  std::size_t max_gap_frames = 10;  // longer gaps stay missing
  std::optional<std::filesystem::path> profile_toml;  // use this profile instead of recognising one
};

// Builds the Body of `dynamic`. `static_trial` (may be null) is the standing calibration trial of the same
// subject in the same lab: it supplies landmarks that the dynamic trial lacks (CAST) and the standing foot
// angle. Throws AnalysisError when no marker set fits (message lists what is missing and the closest
// profile) and InputError when the trial cannot be used (2D points, unknown units, no frames).
[[nodiscard]] Body build_body(const Trial& dynamic, const Trial* static_trial, const BodyOptions& options = {});

}  // namespace touchdown
