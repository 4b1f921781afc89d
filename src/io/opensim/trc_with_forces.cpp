// A TRC marker file with the ground reactions of a MOT/STO table attached as analog channels and
// type-100 force plates, on one clock: analog sample 0 is the instant of point frame 0, as in C3D.
#include <cmath>
#include <limits>

#include "io/opensim/opensim_detail.hpp"
#include "io/text/whole_file.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {
namespace io {

void attach_forces(TimedTrial& markers, TimedTrial forces) {
  Trial& trial = markers.trial;
  Trial& table = forces.trial;
  for (const std::string& warning : table.warnings) trial.warnings.push_back("forces: " + warning);
  if (!trial.analog.channels.empty())
    throw InputError(table.source.path, "the marker trial already has analog channels; cannot attach a second clock");
  const double rate = table.analog.rate_hz;
  if (!(rate > 0)) throw InputError(table.source.path, "force table has no usable sampling rate");

  // Where the table's first row falls on the analog clock that starts with point frame 0.
  const double shift = (forces.first_time_s - markers.first_time_s) * rate;
  const double whole = std::round(shift);
  if (std::abs(shift - whole) > 0.05)
    trial.warnings.push_back("force rows fall between analog samples of the marker clock (offset " +
                             std::to_string(shift - whole) + " samples); placed at the nearest sample");
  std::size_t samples = table.analog.samples_per_channel;
  if (whole > 0) {
    const auto pad = static_cast<std::size_t>(whole);
    if (pad > 16 * (samples + trial.points.frames + 1))
      throw InputError(table.source.path, "force table starts " + std::to_string(forces.first_time_s - markers.first_time_s) +
                                              " s after the markers; refusing to pad that much");
    for (AnalogChannel& channel : table.analog.channels)
      channel.samples.insert(channel.samples.begin(), pad, std::numeric_limits<float>::quiet_NaN());
    samples += pad;
    trial.warnings.push_back("forces start " + std::to_string(forces.first_time_s - markers.first_time_s) +
                             " s after the markers: " + std::to_string(pad) + " leading samples are missing (NaN)");
  } else if (whole < 0) {
    const auto drop = std::min(samples, static_cast<std::size_t>(-whole));
    for (AnalogChannel& channel : table.analog.channels)
      channel.samples.erase(channel.samples.begin(), channel.samples.begin() + static_cast<std::ptrdiff_t>(drop));
    samples -= drop;
    trial.warnings.push_back("forces start " + std::to_string(markers.first_time_s - forces.first_time_s) +
                             " s before the markers: the first " + std::to_string(drop) + " force samples are dropped");
  }
  if (trial.points.rate_hz > 0) {
    const double ratio = rate / trial.points.rate_hz;
    if (std::abs(ratio - std::round(ratio)) > 1e-6)
      trial.warnings.push_back("force rate " + std::to_string(rate) + " Hz is not a whole multiple of the marker rate " +
                               std::to_string(trial.points.rate_hz) + " Hz");
  }
  trial.analog = std::move(table.analog);
  trial.analog.samples_per_channel = samples;
  trial.force_plates = std::move(table.force_plates);
  if (trial.force_plates.empty()) trial.warnings.push_back("forces: no ground_force_* column groups found");
  trial.source.detail += "; forces from " + table.source.path + " (" + table.source.detail + ")";
}

}  // namespace io

Trial read_trc_with_forces(const std::filesystem::path& trc, const std::filesystem::path& mot) {
  const std::string marker_text = io::read_whole_file(trc);
  io::TimedTrial markers = io::parse_trc_timed(marker_text, trc.string());
  const std::string force_text = io::read_whole_file(mot);
  io::attach_forces(markers, io::parse_mot_timed(force_text, mot.string()));
  return std::move(markers.trial);
}

}  // namespace touchdown
