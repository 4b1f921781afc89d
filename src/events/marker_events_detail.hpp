#pragma once
// Tunable constants of the marker event detector, exposed inside events/ and to tests so each step can
// be checked alone. Production uses the defaults (see marker_events.cpp for the reasons).
#include "touchdown/events.hpp"

namespace touchdown::events_detail {

struct MarkerTuning {
  double contact_height_m = 0.010;   // coarse contact: the lowest foot marker within this of its floor
  double landing_height_m = 0.015;   // an IC peak counts only while its marker is this close to its floor
  double landing_peak_fraction = 0.5;  // ... and at least this fraction of that marker's largest such peak
  double merge_gap_s = 0.030;        // coarse contacts closer than this are one contact (marker jitter)
  double min_contact_s = 0.050;      // shorter coarse contacts are not stances
  double ic_window_before_s = 0.050, ic_window_after_s = 0.080;  // IC search around the coarse start
  double to_window_before_s = 0.050, to_window_after_s = 0.080;  // TO search around the coarse end
  double toe_peak_fraction = 0.3;    // TO: first toe-acceleration peak at least this fraction of the window's largest
};

EventResult detect_marker_events(const Body& body, const MarkerEventOptions& options, const MarkerTuning& tuning);

}  // namespace touchdown::events_detail
