// Built-in marker-set profiles: the label conventions of the marker sets found in running labs and public
// running data, so that common files need no configuration. Each profile lists, per landmark, the labels
// it may carry, best first; "{S}" stands for the side letter (L / R). Sources of the conventions:
// - Plug-in Gait: Vicon Plug-in Gait lower-body model (Davis et al. 1991; Kadaba et al. 1990), with the
//   medial markers labs add for a knee-alignment-free static (KNM / MED / MMA);
// - CAST/ISB: Visual3D CAST marker set as used by the Running Biomechanics Data Set (Fukuchi et al. 2017,
//   PeerJ 5:e3298): R.ASIS, R.Thigh.Top.Lateral ..., statics add R.Knee / R.Knee.Medial / R.Ankle ...;
//   also the dotted names of the OpenSim "uw_running" example (R.TH1, R.SH1, R.Knee, R.Heel, R.MT1);
// - Running Injury Clinic (Calgary) 3D gait system: four-marker clusters pelvis_1..4, L_thigh_1..4,
//   L_shank_1..4, L_foot_1..4 (a heel cluster, no toe marker); statics add L_hip (greater trochanter),
//   L_lat_knee, L_med_knee, L_lat_ankle, L_med_ankle;
// - OpenSim (Hamner et al. 2010 running model; Rajagopal et al. 2016 full-body model): RASI, RPSI,
//   RTH1-3, RTB1-3, RLFC/RMFC (epicondyles), RLMAL/RMMAL, RCAL, RTOE, RMT5, joint centres RHJC/RKJC/RAJC;
// - Qualisys (Visual3D IOR / CAST naming): R_IAS, R_IPS, R_FTC, R_FLE, R_FME, R_FAL, R_TAM, R_FCC,
//   R_FM1, R_FM2, R_FM5.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

constexpr std::array<std::string_view, kLandmarkCount> kLandmarkNames = {
    "asis",          "psis",          "greater_trochanter", "hip_centre", "knee_lateral",
    "knee_medial",   "knee_centre",   "ankle_lateral",      "ankle_medial", "ankle_centre",
    "heel",          "toe",           "fifth_metatarsal"};
constexpr std::array<std::string_view, kClusterCount> kClusterNames = {"thigh", "shank", "foot"};

using Templates = std::initializer_list<std::string_view>;

std::string for_side(std::string_view label_template, char side_letter) {
  std::string out(label_template);
  for (auto at = out.find("{S}"); at != std::string::npos; at = out.find("{S}"))
    out.replace(at, 3, 1, side_letter);
  return out;
}

struct ProfileBuilder {
  MarkerProfile profile;

  explicit ProfileBuilder(std::string name) {
    profile.name = std::move(name);
    profile.source = "built-in";
  }
  ProfileBuilder& landmark(Landmark l, Templates templates) {
    for (auto t : templates) {
      profile.left.landmarks[static_cast<std::size_t>(l)].push_back(for_side(t, 'L'));
      profile.right.landmarks[static_cast<std::size_t>(l)].push_back(for_side(t, 'R'));
    }
    return *this;
  }
  ProfileBuilder& cluster(Cluster c, Templates templates) {
    for (auto t : templates) {
      profile.left.clusters[static_cast<std::size_t>(c)].push_back(for_side(t, 'L'));
      profile.right.clusters[static_cast<std::size_t>(c)].push_back(for_side(t, 'R'));
    }
    return *this;
  }
  ProfileBuilder& sacrum(Templates labels) {
    for (auto t : labels) profile.sacrum.emplace_back(t);
    return *this;
  }
  // "{S}" in a pelvis cluster label means both sides.
  ProfileBuilder& pelvis(Templates templates) {
    for (auto t : templates) {
      if (t.find("{S}") == std::string_view::npos) {
        profile.pelvis_cluster.emplace_back(t);
      } else {
        profile.pelvis_cluster.push_back(for_side(t, 'L'));
        profile.pelvis_cluster.push_back(for_side(t, 'R'));
      }
    }
    return *this;
  }
};

MarkerProfile plug_in_gait() {
  ProfileBuilder b("Plug-in Gait");
  b.landmark(Landmark::asis, {"{S}ASI"})
      .landmark(Landmark::psis, {"{S}PSI"})
      .landmark(Landmark::hip_centre, {"{S}HJC"})
      .landmark(Landmark::knee_lateral, {"{S}KNE"})
      .landmark(Landmark::knee_medial, {"{S}KNM", "{S}MKNE", "{S}KNEM"})
      .landmark(Landmark::knee_centre, {"{S}KJC"})
      .landmark(Landmark::ankle_lateral, {"{S}ANK"})
      .landmark(Landmark::ankle_medial, {"{S}MED", "{S}MMA", "{S}MANK", "{S}ANKM"})
      .landmark(Landmark::ankle_centre, {"{S}AJC"})
      .landmark(Landmark::heel, {"{S}HEE"})
      .landmark(Landmark::toe, {"{S}TOE"})
      .landmark(Landmark::fifth_metatarsal, {"{S}MT5", "{S}VMH"})
      .cluster(Cluster::thigh, {"{S}THI", "{S}THAP", "{S}THAD"})
      .cluster(Cluster::shank, {"{S}TIB", "{S}TIAP", "{S}TIAD", "{S}SHA"})
      .sacrum({"SACR", "VSAC", "SACRUM"});
  return b.profile;
}

MarkerProfile cast_isb() {
  ProfileBuilder b("CAST/ISB (Visual3D, RBDS)");
  b.landmark(Landmark::asis, {"{S}.ASIS"})
      .landmark(Landmark::psis, {"{S}.PSIS"})
      .landmark(Landmark::greater_trochanter, {"{S}.GTR", "{S}.GT", "{S}.Trochanter"})
      .landmark(Landmark::hip_centre, {"{S}.HJC", "{S}_HJC"})
      .landmark(Landmark::knee_lateral, {"{S}.Knee", "{S}.Knee.Lateral", "{S}.Knee.Lat", "{S}.LFC"})
      .landmark(Landmark::knee_medial, {"{S}.Knee.Medial", "{S}.Knee.Med", "{S}.MFC"})
      .landmark(Landmark::knee_centre, {"{S}.KJC", "{S}_KJC"})
      .landmark(Landmark::ankle_lateral, {"{S}.Ankle", "{S}.Ankle.Lateral", "{S}.Ankle.Lat", "{S}.LMAL"})
      .landmark(Landmark::ankle_medial, {"{S}.Ankle.Medial", "{S}.Ankle.Med", "{S}.MMAL"})
      .landmark(Landmark::ankle_centre, {"{S}.AJC", "{S}_AJC"})
      .landmark(Landmark::heel, {"{S}.Heel.Bottom", "{S}.Heel", "{S}.Heel.Back"})
      .landmark(Landmark::toe, {"{S}.Toe", "{S}.Hallux", "{S}.MT2", "{S}.MT1"})
      .landmark(Landmark::fifth_metatarsal, {"{S}.MT5"})
      .cluster(Cluster::thigh, {"{S}.Thigh.Top.Lateral", "{S}.Thigh.Bottom.Lateral", "{S}.Thigh.Top.Medial",
                                "{S}.Thigh.Bottom.Medial", "{S}.TH1", "{S}.TH2", "{S}.TH3", "{S}.TH4"})
      .cluster(Cluster::shank, {"{S}.Shank.Top.Lateral", "{S}.Shank.Bottom.Lateral", "{S}.Shank.Top.Medial",
                                "{S}.Shank.Bottom.Medial", "{S}.SH1", "{S}.SH2", "{S}.SH3", "{S}.SH4"})
      .cluster(Cluster::foot, {"{S}.Heel.Top", "{S}.Heel.Bottom", "{S}.Heel.Lateral", "{S}.MT1", "{S}.MT5"})
      .sacrum({"S2", "SACR", "Sacrum"})
      .pelvis({"{S}.Iliac.Crest"});
  return b.profile;
}

MarkerProfile running_injury_clinic() {
  ProfileBuilder b("Running Injury Clinic");
  b.landmark(Landmark::greater_trochanter, {"{S}_hip"})
      .landmark(Landmark::knee_lateral, {"{S}_lat_knee"})
      .landmark(Landmark::knee_medial, {"{S}_med_knee"})
      .landmark(Landmark::ankle_lateral, {"{S}_lat_ankle"})
      .landmark(Landmark::ankle_medial, {"{S}_med_ankle"})
      .cluster(Cluster::thigh, {"{S}_thigh_1", "{S}_thigh_2", "{S}_thigh_3", "{S}_thigh_4"})
      .cluster(Cluster::shank, {"{S}_shank_1", "{S}_shank_2", "{S}_shank_3", "{S}_shank_4"})
      .cluster(Cluster::foot, {"{S}_foot_1", "{S}_foot_2", "{S}_foot_3", "{S}_foot_4"})
      .pelvis({"pelvis_1", "pelvis_2", "pelvis_3", "pelvis_4"});
  return b.profile;
}

MarkerProfile opensim() {
  ProfileBuilder b("OpenSim (Hamner, Rajagopal)");
  b.landmark(Landmark::asis, {"{S}ASI"})
      .landmark(Landmark::psis, {"{S}PSI"})
      .landmark(Landmark::hip_centre, {"{S}HJC"})
      .landmark(Landmark::knee_lateral, {"{S}LFC", "{S}KNE_lat"})
      .landmark(Landmark::knee_medial, {"{S}MFC", "{S}KNE_med"})
      .landmark(Landmark::knee_centre, {"{S}KJC"})
      .landmark(Landmark::ankle_lateral, {"{S}LMAL"})
      .landmark(Landmark::ankle_medial, {"{S}MMAL"})
      .landmark(Landmark::ankle_centre, {"{S}AJC"})
      .landmark(Landmark::heel, {"{S}CAL", "{S}HEE"})
      .landmark(Landmark::toe, {"{S}TOE", "{S}MT2", "{S}MT1"})
      .landmark(Landmark::fifth_metatarsal, {"{S}MT5"})
      .cluster(Cluster::thigh, {"{S}TH1", "{S}TH2", "{S}TH3", "{S}TH4"})
      .cluster(Cluster::shank, {"{S}TB1", "{S}TB2", "{S}TB3", "{S}TB4"});
  return b.profile;
}

MarkerProfile qualisys() {
  ProfileBuilder b("Qualisys (IOR/CAST)");
  b.landmark(Landmark::asis, {"{S}_IAS"})
      .landmark(Landmark::psis, {"{S}_IPS"})
      .landmark(Landmark::greater_trochanter, {"{S}_FTC"})
      .landmark(Landmark::hip_centre, {"{S}_HJC"})
      .landmark(Landmark::knee_lateral, {"{S}_FLE"})
      .landmark(Landmark::knee_medial, {"{S}_FME"})
      .landmark(Landmark::ankle_lateral, {"{S}_FAL"})
      .landmark(Landmark::ankle_medial, {"{S}_TAM"})
      .landmark(Landmark::heel, {"{S}_FCC"})
      .landmark(Landmark::toe, {"{S}_FM2", "{S}_FM1"})
      .landmark(Landmark::fifth_metatarsal, {"{S}_FM5"})
      .cluster(Cluster::thigh, {"{S}_WAND1", "{S}_TH1", "{S}_TH2", "{S}_TH3", "{S}_TH4"})
      .cluster(Cluster::shank, {"{S}_FAX", "{S}_TTC", "{S}_WAND2", "{S}_SK1", "{S}_SK2", "{S}_SK3", "{S}_SK4"})
      .sacrum({"SACR", "S2"});
  return b.profile;
}

}  // namespace

std::string_view to_string(Landmark landmark) { return kLandmarkNames[static_cast<std::size_t>(landmark)]; }

std::optional<Landmark> landmark_from_string(std::string_view name) {
  for (std::size_t i = 0; i < kLandmarkCount; ++i)
    if (kLandmarkNames[i] == name) return static_cast<Landmark>(i);
  return std::nullopt;
}

std::string_view to_string(Cluster cluster) { return kClusterNames[static_cast<std::size_t>(cluster)]; }

const std::vector<MarkerProfile>& builtin_marker_profiles() {
  static const std::vector<MarkerProfile> profiles = {plug_in_gait(), cast_isb(), running_injury_clinic(),
                                                      opensim(), qualisys()};
  return profiles;
}

}  // namespace touchdown
