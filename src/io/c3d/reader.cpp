// read_c3d: header -> processor type -> parameter section -> frame layout -> Trial metadata -> data.
#include <algorithm>
#include <array>
#include <cmath>

#include "io/c3d/byte_source.hpp"
#include "io/c3d/data_layout.hpp"
#include "io/c3d/data_section.hpp"
#include "io/c3d/header.hpp"
#include "io/c3d/parameter_section.hpp"
#include "io/c3d/processor_format.hpp"
#include "io/c3d/trial_mapping.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
namespace {
using namespace c3d;

struct FileStructure {
  C3dHeader header;
  C3dParameters parameters;
  std::uint64_t parameter_block = 0;
};

// Used only when the processor byte is not 84/85/86: the processor whose reading of the header gives
// a plausible frame rate and scale.
std::optional<C3dProcessor> guess_processor(std::span<const std::byte, kBlockSize> block) {
  for (auto p : {C3dProcessor::intel, C3dProcessor::dec, C3dProcessor::mips}) {
    const auto h = parse_header(block, Numbers{p});
    const bool rate_ok = std::isfinite(h.frame_rate) && h.frame_rate > 0 && h.frame_rate < 1e6;
    const bool scale_ok = std::isfinite(h.scale) && h.scale != 0 && std::abs(h.scale) < 1e6;
    if (rate_ok && scale_ok && h.last_frame >= h.first_frame) return p;
  }
  return std::nullopt;
}

FileStructure read_structure(const ByteSource& source) {
  const std::uint64_t size = source.size();
  if (size == 0) throw InputError(source.name(), "file is empty", 0);
  if (size < kBlockSize)
    throw InputError(source.name(), "file has " + std::to_string(size) + " bytes, fewer than the 512-byte C3D header", size);
  std::array<std::byte, kBlockSize> block{};
  source.read(0, block, "C3D header");
  const int key = std::to_integer<int>(block[1]);
  if (key != kParameterKey)
    throw InputError(source.name(), "not a C3D file: byte 2 is " + std::to_string(key) + ", C3D requires 80 (0x50)", 1);

  FileStructure structure;
  std::vector<std::string> early_warnings;
  int parameter_block = std::to_integer<int>(block[0]);
  if (parameter_block < 2) {
    early_warnings.push_back("C3D: header points to parameter block " + std::to_string(parameter_block) +
                             "; the parameter section is assumed to start at block 2");
    parameter_block = 2;
  }
  const std::uint64_t start = (static_cast<std::uint64_t>(parameter_block) - 1) * kBlockSize;
  if (start + 4 > size)
    throw InputError(source.name(),
                     "parameter section pointer (block " + std::to_string(parameter_block) + ") points past the end of the file", 0);
  std::array<std::byte, 4> section_header{};
  source.read(start, section_header, "parameter section header");
  const int processor_byte = std::to_integer<int>(section_header[3]);
  const int declared_blocks = std::to_integer<int>(section_header[2]);
  auto processor = processor_from_byte(processor_byte);
  if (!processor) {
    processor = guess_processor(block);
    if (!processor)
      throw InputError(source.name(),
                       "unknown processor type " + std::to_string(processor_byte) + " (C3D: 84 Intel, 85 DEC, 86 MIPS)", start + 3);
    early_warnings.push_back("C3D: processor type byte is " + std::to_string(processor_byte) + "; the header reads as " +
                             std::string(to_string(*processor)) + " numbers, so that is used");
  }
  structure.header = parse_header(block, Numbers{*processor});
  structure.parameter_block = static_cast<std::uint64_t>(parameter_block);

  // Parameters end where the data begin (when the data follow them); never scan more than 255 blocks
  // beyond what the section declares.
  std::uint64_t limit = start + (std::max(declared_blocks, 1) + 255ULL) * kBlockSize;
  if (structure.header.data_block > parameter_block)
    limit = std::min<std::uint64_t>(limit, (std::uint64_t{structure.header.data_block} - 1) * kBlockSize);
  limit = std::max(limit, start + 4);
  structure.parameters = parse_parameter_section(source, start, std::min(limit, size), *processor, declared_blocks);
  structure.parameters.warnings.insert(structure.parameters.warnings.begin(), early_warnings.begin(), early_warnings.end());
  return structure;
}

// Largest |coordinate| among valid samples: tells metres from millimetres when POINT:UNITS is missing.
double largest_coordinate(const PointSet& points) {
  double largest = 0;
  for (const auto& track : points.tracks)
    for (const auto& s : track.samples)
      if (s.valid()) largest = std::max({largest, std::abs(double{s.x}), std::abs(double{s.y}), std::abs(double{s.z})});
  return largest;
}

Trial read_trial(const ByteSource& source, const C3dReadOptions& options) {
  FileStructure structure = read_structure(source);
  Trial trial;
  auto& warnings = trial.warnings;
  warnings = structure.parameters.warnings;
  const C3dLayout layout = decide_layout(structure.header, structure.parameters, source, warnings);
  const MappingContext context{structure.header, structure.parameters, layout, warnings};

  trial.source.path = source.name();
  trial.source.format = "c3d";
  trial.source.bytes = source.size();
  trial.source.detail = "C3D " + std::string(to_string(layout.processor)) + (layout.float_storage ? " float" : " integer") +
                        ", parameter block " + std::to_string(structure.parameter_block) + ", data block " +
                        std::to_string(layout.data_offset / kBlockSize + 1);
  if (structure.parameters.groups.empty())
    warnings.push_back("C3D: the parameter section holds no parameters; layout, rate and counts come from the header");

  map_points(context, trial.points);
  const AnalogScaling scaling = map_analog(context, trial.analog);
  trial.force_plates = map_force_plates(context, trial.analog.channels.size());
  trial.events = map_events(context);
  trial.subject = map_subject(context);
  if (auto up = declared_up_axis(context)) trial.up = *up;
  if (const auto* rotation = structure.parameters.group("ROTATION"))
    warnings.push_back("C3D: ROTATION group present (" + std::to_string(rotation->parameters.size()) +
                       " parameters); 6-DOF rotation data are not imported");

  const DecodeCounts counts = decode_data_section(source, layout, scaling, options.keep_residuals, false, trial);
  if (counts.valid_samples == 0 && counts.flagged_with_coordinates > 0) {
    // Every sample is flagged invalid yet carries coordinates (SIMI files, c3d.org sample 16): the flags
    // are a writer error, not missing data. Keep the coordinates; residuals stay -1.
    warnings.push_back("C3D: all " + std::to_string(counts.flagged_with_coordinates) +
                       " point samples with coordinates are flagged invalid (negative residual word); the flags are ignored "
                       "and the coordinates kept");
    decode_data_section(source, layout, scaling, options.keep_residuals, true, trial);
  }

  if (trial.points.units.empty() && !trial.points.tracks.empty()) {
    const double largest = largest_coordinate(trial.points);
    trial.points.units = largest > 0 && largest < 20 ? "m" : "mm";
    warnings.push_back("C3D: POINT:UNITS is missing; largest coordinate " + std::to_string(largest) + " suggests " +
                       trial.points.units);
  } else if (trial.points.units.empty()) {
    trial.points.units = "mm";
  }
  return trial;
}

}  // namespace

Trial read_c3d(const std::filesystem::path& path, const C3dReadOptions& options) {
  const FileSource source(path);
  return read_trial(source, options);
}

Trial read_c3d_bytes(std::span<const std::byte> bytes, const std::string& name, const C3dReadOptions& options) {
  const MemorySource source(bytes, name);
  return read_trial(source, options);
}

C3dParameters read_c3d_parameters(const std::filesystem::path& path) {
  const FileSource source(path);
  return read_structure(source).parameters;
}

C3dParameters read_c3d_parameters_bytes(std::span<const std::byte> bytes, const std::string& name) {
  const MemorySource source(bytes, name);
  return read_structure(source).parameters;
}

}  // namespace touchdown
