#pragma once
// Up and progression axes of a trial, declared by the file or detected from the data, and reported.
//
// Up (positive up), first answer that the data support:
//   1. markers: the axis along which pelvis/trunk markers sit above foot markers (median over frames);
//   2. type-100 GRF tables: the axis of the largest mean ground reaction (a reaction points up);
//   3. C3D force plates: the surface normal from CORNERS (plate z points down, C3D User Guide).
//   A file-declared up axis (trial.up with a method and detected == false) is kept when the data agree
//   or cannot tell, and replaced (warning) when they disagree.
// Progression (direction of travel):
//   1. overground: displacement of the pelvis-marker centroid over the trial (> 0.5 m/s);
//   2. treadmill (pelvis nearly stationary): opposite to the horizontal velocity of foot markers while
//      they are at their lowest (in stance the foot moves with the belt);
//   3. heel-to-toe direction of the foot markers;
//   4. forces only: successive stances a step apart (overground); else COP travel in stance, which the
//      belt carries backwards on a treadmill (> 0.25 m) and roll-over moves forwards overground.
// Each finding's `method` says which rule decided, with the number behind it.
#include "touchdown/trial.hpp"

namespace touchdown {

// Fills trial.up and trial.progression. Keeps a file-declared up axis when the data agree with it;
// otherwise detects from the data and adds a warning.
void detect_axes(Trial& trial);

}  // namespace touchdown
