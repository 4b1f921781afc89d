#pragma once
// Up and progression axes of a trial, declared by the file or detected from the data, and reported.
#include "touchdown/trial.hpp"

namespace touchdown {

// Fills trial.up and trial.progression. Keeps a file-declared up axis when the data agree with it;
// otherwise detects from the data and adds a warning.
void detect_axes(Trial& trial);

}  // namespace touchdown
