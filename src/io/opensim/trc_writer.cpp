// TRC writer: the OpenSim/Motion Analysis layout (see trc_reader.cpp), tab-separated, missing
// samples written as NaN (OpenSim reads NaN; empty cells are not accepted everywhere).
#include <algorithm>
#include <limits>

#include "io/text/number_format.hpp"
#include "io/text/whole_file.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {

void write_trc(const Trial& trial, const std::filesystem::path& path) {
  const PointSet& points = trial.points;
  if (!(points.rate_hz > 0)) throw InputError(path.string(), "cannot write TRC: the trial has no point sampling rate");
  if (points.dimensions != 3)
    throw InputError(path.string(), "cannot write TRC: it holds 3D markers and this trial has 2D keypoints (write CSV)");
  std::size_t frames = points.frames;
  for (const PointTrack& track : points.tracks) frames = std::min(frames, track.samples.size());
  const std::size_t markers = points.tracks.size();

  std::string out;
  out.reserve(256 + frames * (16 + markers * 3 * 12));
  out += "PathFileType\t4\t(X/Y/Z)\t" + io::text::cell_label(path.filename().string(), '\t') + "\n";
  out += "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n";
  std::string rate;
  io::text::append_time(rate, points.rate_hz);
  out += rate + "\t" + rate + "\t" + std::to_string(frames) + "\t" + std::to_string(markers) + "\t" + points.units + "\t" +
         rate + "\t" + std::to_string(points.first_frame) + "\t" + std::to_string(frames) + "\n";
  out += "Frame#\tTime";
  for (const PointTrack& track : points.tracks) out += "\t" + io::text::cell_label(track.label, '\t') + "\t\t";
  out += "\n\t";
  for (std::size_t m = 1; m <= markers; ++m) {
    const std::string n = std::to_string(m);
    out += "\tX" + n + "\tY" + n + "\tZ" + n;
  }
  out += "\n\n";
  for (std::size_t f = 0; f < frames; ++f) {
    const std::int64_t frame_number = points.first_frame + static_cast<std::int64_t>(f);
    out += std::to_string(frame_number);
    out += '\t';
    io::text::append_time(out, static_cast<double>(frame_number - 1) / points.rate_hz);
    for (const PointTrack& track : points.tracks) {
      const Vec3f& s = track.samples[f];
      const bool seen = s.valid();
      for (float value : {s.x, s.y, s.z}) {
        out += '\t';
        io::text::append_number(out, seen ? value : std::numeric_limits<float>::quiet_NaN(), "NaN");
      }
    }
    out += '\n';
  }
  io::write_whole_file(path, out);
}

}  // namespace touchdown
