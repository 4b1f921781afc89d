// CSV of marker trajectories: one row per point frame, columns frame, time_s, then <label>_x_<units>,
// <label>_y_<units>, <label>_z_<units>; a missing sample is an empty cell (never a zero).
#include <algorithm>
#include <limits>

#include "io/text/number_format.hpp"
#include "io/text/whole_file.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {

void write_csv(const Trial& trial, const std::filesystem::path& path) {
  const PointSet& points = trial.points;
  if (!(points.rate_hz > 0)) throw InputError(path.string(), "cannot write CSV: the trial has no point sampling rate");
  std::size_t frames = points.frames;
  for (const PointTrack& track : points.tracks) frames = std::min(frames, track.samples.size());
  std::string out;
  out.reserve(256 + frames * (16 + points.tracks.size() * 3 * 12));
  out += "frame,time_s";
  const std::string units = io::text::cell_label(points.units, ',');
  for (const PointTrack& track : points.tracks) {
    const std::string label = io::text::cell_label(track.label, ',');
    for (const char* axis : {"_x_", "_y_", "_z_"}) out += "," + label + axis + units;
  }
  out += '\n';
  for (std::size_t f = 0; f < frames; ++f) {
    out += std::to_string(points.first_frame + static_cast<std::int64_t>(f));
    out += ',';
    io::text::append_time(out, points.time_of_frame(f));
    for (const PointTrack& track : points.tracks) {
      const Vec3f& s = track.samples[f];
      for (float value : {s.x, s.y, s.z}) {
        out += ',';
        if (s.valid()) io::text::append_number(out, value, "");
      }
    }
    out += '\n';
  }
  io::write_whole_file(path, out);
}

}  // namespace touchdown
