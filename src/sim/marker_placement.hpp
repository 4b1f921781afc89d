#pragma once
// Plug-in Gait lower-body markers on the simulated runner (internal).
//
// Names and sites (Vicon Plug-in Gait; knee and ankle medial markers as in the "KNM/MED" variant so that
// joint centres are epicondyle and malleolus midpoints): LASI/RASI, LPSI/RPSI (pelvis, a rigid body
// translating with the centre of mass, tilted 12 deg anteriorly), and per side THI (lateral thigh wand,
// 60 % down the femur), KNE/KNM (lateral/medial femoral epicondyles), TIB (lateral shank wand, 60 % down
// the tibia), ANK/MED (lateral/medial malleoli), HEE (posterior calcaneus), TOE (dorsum, second
// metatarsal head). Each leg moves in its own sagittal plane through its hip joint centre, so the
// epicondyle and malleolus midpoints lie in that plane and the 3D knee angle equals the sagittal one.
// The pelvis markers are placed so that Harrington et al. (2007) on (LASI, RASI, mid-PSIS) gives the
// model's hip joint centres exactly.
#include <array>
#include <cstddef>
#include <string_view>

#include "sim/running_model.hpp"

namespace touchdown::sim {

inline constexpr std::size_t kMarkerCount = 20;
inline constexpr std::array<std::string_view, kMarkerCount> kMarkerNames = {
    "LASI", "RASI", "LPSI", "RPSI", "LTHI", "LKNE", "LKNM", "LTIB", "LANK", "LMED",
    "LHEE", "LTOE", "RTHI", "RKNE", "RKNM", "RTIB", "RANK", "RMED", "RHEE", "RTOE"};
[[nodiscard]] std::string_view marker_description(std::size_t index);

struct MarkerFrame {
  std::array<Vec3, kMarkerCount> position_m;  // lab frame, metres
  Vec3 hip_left_m, hip_right_m;               // model hip joint centres
};

// The running body at time t.
void place_running_markers(const RunningModel& model, double t, MarkerFrame& out);
// Standing still: legs straight and vertical, feet flat, pelvis at standing height, at the lab origin.
void place_standing_markers(const RunningModel& model, MarkerFrame& out);

}  // namespace touchdown::sim
