// CSV of marker trajectories: one row per point frame, columns frame, time_s, then <label>_x_<units>,
// <label>_y_<units>, <label>_z_<units> (no z for 2D keypoints); a missing sample is an empty cell.
#include <algorithm>
#include <cmath>
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
  const bool planar = points.dimensions == 2;  // image keypoints: x, y only
  for (const PointTrack& track : points.tracks) {
    const std::string label = io::text::cell_label(track.label, ',');
    out += "," + label + "_x_" + units + "," + label + "_y_" + units;
    if (!planar) out += "," + label + "_z_" + units;
  }
  out += '\n';
  for (std::size_t f = 0; f < frames; ++f) {
    out += std::to_string(points.first_frame + static_cast<std::int64_t>(f));
    out += ',';
    io::text::append_time(out, points.time_of_frame(f));
    for (const PointTrack& track : points.tracks) {
      const Vec3f& s = track.samples[f];
      const bool seen = planar ? !std::isnan(s.x) && !std::isnan(s.y) : s.valid();
      for (int axis = 0; axis < (planar ? 2 : 3); ++axis) {
        out += ',';
        if (seen) io::text::append_number(out, axis == 0 ? s.x : axis == 1 ? s.y : s.z, "");
      }
    }
    out += '\n';
  }
  io::write_whole_file(path, out);
}

}  // namespace touchdown
