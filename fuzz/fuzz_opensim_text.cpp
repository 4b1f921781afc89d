// libFuzzer harness: the TRC and MOT/STO parsers must turn any bytes into a Trial or an InputError,
// never a crash, hang, UB or a huge allocation. Each parsed trial is also put through axis detection
// and the force-plate series, which read what the parsers produced.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "touchdown/axes.hpp"
#include "touchdown/error.hpp"
#include "touchdown/force_plate.hpp"
#include "touchdown/opensim_text.hpp"

namespace {
void exercise(touchdown::Trial trial) {
  touchdown::detect_axes(trial);
  for (std::size_t p = 0; p < trial.force_plates.size(); ++p) {
    try {
      (void)touchdown::compute_plate_series(trial, p);
    } catch (const touchdown::InputError&) {
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    exercise(touchdown::parse_trc(text, "fuzz.trc"));
  } catch (const touchdown::InputError&) {
  }
  try {
    exercise(touchdown::parse_mot(text, "fuzz.mot"));
  } catch (const touchdown::InputError&) {
  }
  return 0;
}
