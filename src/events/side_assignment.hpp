#pragma once
// Which foot made a force-plate stance, from the foot markers. Internal to events/.
#include <string>

#include "events/foot_kinematics.hpp"

namespace touchdown::events_detail {

struct SideDecision {
  Side side = Side::none;
  std::string reason;  // why no side could be given (empty when decided)
};

// The foot that is lower and slower (vertically) during the middle of the stance carries it.
SideDecision assign_stance_side(const Body& body, const FootKinematics& left, const FootKinematics& right, double ic_s,
                                double to_s);

}  // namespace touchdown::events_detail
