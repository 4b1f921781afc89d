#include "io/c3d/parameter_section.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "io/c3d/header.hpp"
#include "io/c3d/processor_format.hpp"
#include "io/c3d/text.hpp"
#include "touchdown/error.hpp"

namespace touchdown::c3d {
namespace {

// Names are 7-bit ASCII identifiers; anything else means we are reading something that is not a record.
bool plausible_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

std::string trimmed_text(const std::byte* p, std::size_t n) {
  std::string text;
  text.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const char c = static_cast<char>(std::to_integer<unsigned char>(p[i]));
    if (c == '\0') break;
    text.push_back(c);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.pop_back();
  return text;
}

struct PendingParameter {
  int group_id = 0;
  C3dParameter parameter;
};

class SectionParser {
 public:
  SectionParser(std::span<const std::byte> bytes, std::uint64_t base, const ByteSource& source, C3dProcessor processor,
                int declared_blocks)
      : bytes_(bytes), base_(base), source_(source), numbers_{processor}, declared_blocks_(declared_blocks) {}

  C3dParameters parse() {
    C3dParameters result;
    result.processor = numbers_.processor;
    result.section_offset = base_;
    result.declared_blocks = declared_blocks_;

    const std::uint64_t declared_end = 4 + static_cast<std::uint64_t>(declared_blocks_) * kBlockSize;
    bool warned_past_declared = false;
    std::uint64_t pos = 4;
    std::size_t records = 0;
    while (true) {
      if (pos + 2 > bytes_.size()) {
        warn(result, pos, "parameter section ends without a terminating record; reading stops here");
        break;
      }
      const int name_length = static_cast<std::int8_t>(std::to_integer<unsigned char>(bytes_[pos]));
      const int id = static_cast<std::int8_t>(std::to_integer<unsigned char>(bytes_[pos + 1]));
      if (name_length == 0) break;  // terminator (C3D: a zero name length ends the section)
      const std::uint64_t n = static_cast<std::uint64_t>(name_length < 0 ? -name_length : name_length);
      const std::uint64_t offset_at = pos + 2 + n;
      if (id == 0 || offset_at + 2 > bytes_.size()) {
        fail_or_stop(result, records, pos, id == 0 ? "record with group id 0" : "record runs past the end of the section");
        break;
      }
      std::string name = trimmed_text(bytes_.data() + pos + 2, n);
      if (!plausible_name(name)) {
        fail_or_stop(result, records, pos, "record name is not ASCII text");
        break;
      }
      int offset = numbers_.i16(bytes_.data() + offset_at);
      if (offset != 0 && !plausible_next(offset_at, offset)) {
        // Some writers store an offset in the other byte order (c3d.org sample02 sgi_*.c3d: one offset
        // above 255 in little-endian in a big-endian file). Accept the swapped value if it lands on a record.
        const int swapped = static_cast<std::int16_t>(static_cast<std::uint16_t>(((offset & 0xFF) << 8) | ((offset >> 8) & 0xFF)));
        if (plausible_next(offset_at, swapped)) {
          warn(result, pos,
               "offset of record '" + name + "' (" + std::to_string(offset) + ") is stored in the wrong byte order; read as " +
                   std::to_string(swapped));
          offset = swapped;
        }
      }
      const bool last = offset == 0;
      const std::uint64_t next = offset_at + static_cast<std::uint64_t>(offset > 0 ? offset : 0);
      bool bad_offset = false;
      std::uint64_t body_end = bytes_.size();
      if (!last) {
        if (offset < 0 || next <= offset_at + 2 || next > bytes_.size()) bad_offset = true;
        else body_end = next;
      }
      if (!warned_past_declared && declared_blocks_ > 0 && std::min<std::uint64_t>(body_end, bytes_.size()) > declared_end &&
          !bad_offset && !last) {
        warned_past_declared = true;
        warn(result, pos,
             "parameter records continue past the " + std::to_string(declared_blocks_) +
                 " blocks the parameter section header declares; they are read anyway");
      }

      const std::string record_name = name;
      if (id < 0) {
        read_group(result, pos, offset_at + 2, body_end, std::move(name), -id, name_length < 0);
      } else {
        read_parameter(result, pos, offset_at + 2, body_end, last, std::move(name), id, name_length < 0);
      }
      ++records;
      if (bad_offset) {
        warn(result, pos,
             "record '" + record_name + "' has an invalid offset to the next record (" + std::to_string(offset) +
                 "); the parameter section is read up to here");
        break;
      }
      if (last) break;
      pos = next;
    }
    attach(result);
    return result;
  }

 private:
  // Does the record pointer `offset` (counted from the offset word at `offset_at`) land on a record
  // header or on the terminating zero?
  [[nodiscard]] bool plausible_next(std::uint64_t offset_at, int offset) const {
    if (offset <= 2) return false;
    const std::uint64_t next = offset_at + static_cast<std::uint64_t>(offset);
    if (next + 2 > bytes_.size()) return false;
    const int name_length = static_cast<std::int8_t>(std::to_integer<unsigned char>(bytes_[next]));
    if (name_length == 0) return true;
    const int id = static_cast<std::int8_t>(std::to_integer<unsigned char>(bytes_[next + 1]));
    const std::uint64_t n = static_cast<std::uint64_t>(name_length < 0 ? -name_length : name_length);
    if (id == 0 || next + 2 + n + 2 > bytes_.size()) return false;
    return plausible_name(trimmed_text(bytes_.data() + next + 2, n));
  }

  void warn(C3dParameters& result, std::uint64_t pos, const std::string& what) const {
    result.warnings.push_back("C3D parameter section, byte " + std::to_string(base_ + pos) + ": " + what);
  }
  void fail_or_stop(C3dParameters& result, std::size_t records, std::uint64_t pos, const std::string& what) const {
    if (records == 0) throw InputError(source_.name(), "parameter section is not readable: " + what, base_ + pos);
    warn(result, pos, what + "; the rest of the parameter section is ignored");
  }
  void read_group(C3dParameters& result, std::uint64_t pos, std::uint64_t at, std::uint64_t end, std::string name, int id,
                  bool locked) {
    C3dGroup group;
    group.id = id;
    group.name = std::move(name);
    group.locked = locked;
    group.offset = base_ + pos;
    if (at < end) {
      const std::uint64_t length = std::to_integer<unsigned>(bytes_[at]);
      const std::uint64_t available = end - at - 1;
      group.description = trimmed_text(bytes_.data() + at + 1, std::min(length, available));
    }
    for (const auto& existing : groups_)
      if (existing.id == id)
        warn(result, pos, "group id " + std::to_string(id) + " is used twice ('" + existing.name + "' and '" + group.name +
                              "'); parameters go to the first");
    groups_.push_back(std::move(group));
  }

  void read_parameter(C3dParameters& result, std::uint64_t pos, std::uint64_t at, std::uint64_t end, bool last, std::string name,
                      int group_id, bool locked) {
    C3dParameter parameter;
    parameter.name = std::move(name);
    parameter.locked = locked;
    parameter.offset = base_ + pos;
    if (at + 2 > end) {
      warn(result, pos, "parameter '" + parameter.name + "' is truncated; ignored");
      return;
    }
    parameter.type = static_cast<std::int8_t>(std::to_integer<unsigned char>(bytes_[at]));
    const std::uint64_t dimension_count = std::to_integer<unsigned>(bytes_[at + 1]);
    if (parameter.type != -1 && parameter.type != 1 && parameter.type != 2 && parameter.type != 4) {
      warn(result, pos, "parameter '" + parameter.name + "' has unknown type " + std::to_string(parameter.type) + "; ignored");
      return;
    }
    if (at + 2 + dimension_count > end) {
      warn(result, pos, "parameter '" + parameter.name + "' dimensions run past its record; ignored");
      return;
    }
    std::uint64_t count = 1;
    bool huge = false;
    for (std::uint64_t d = 0; d < dimension_count; ++d) {
      const int dim = std::to_integer<int>(bytes_[at + 2 + d]);
      parameter.dimensions.push_back(dim);
      count *= static_cast<std::uint64_t>(dim);
      if (count > (std::uint64_t{1} << 40)) huge = true;
    }
    const std::uint64_t element = static_cast<std::uint64_t>(parameter.type < 0 ? 1 : parameter.type);
    const std::uint64_t data_at = at + 2 + dimension_count;
    const std::uint64_t data_bytes = huge ? ~std::uint64_t{0} : count * element;
    std::uint64_t data_end = 0;
    if (!huge && data_bytes <= end - data_at) {
      data_end = data_at + data_bytes;
    } else if (!huge && last && data_bytes <= source_.size() - (base_ + data_at)) {
      // The last parameter overflows the parameter section (BTK parameterOverflow.c3d): its values are
      // still in the file, so read them from there.
      overflow_.resize(data_bytes);
      source_.read(base_ + data_at, overflow_, "overflowing parameter values");
      decode_values(parameter, overflow_.data(), count);
      warn(result, pos, "values of parameter '" + parameter.name + "' extend past the parameter section; read from the file");
      pending_.push_back({group_id, std::move(parameter)});
      return;
    } else {
      warn(result, pos, "values of parameter '" + parameter.name + "' run past its record; ignored");
      return;
    }
    decode_values(parameter, bytes_.data() + data_at, count);
    if (data_end < end) {
      const std::uint64_t length = std::to_integer<unsigned>(bytes_[data_end]);
      parameter.description = trimmed_text(bytes_.data() + data_end + 1, std::min(length, end - data_end - 1));
    }
    pending_.push_back({group_id, std::move(parameter)});
  }

  void decode_values(C3dParameter& parameter, const std::byte* data, std::uint64_t count) const {
    if (parameter.type == -1) {
      const std::size_t width = parameter.dimensions.empty() ? 1 : static_cast<std::size_t>(parameter.dimensions[0]);
      if (width == 0 || count == 0) return;
      const std::size_t strings = static_cast<std::size_t>(count) / width;
      parameter.strings.reserve(strings);
      for (std::size_t s = 0; s < strings; ++s) parameter.strings.push_back(trimmed_text(data + s * width, width));
      return;
    }
    parameter.numbers.resize(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < parameter.numbers.size(); ++i) {
      switch (parameter.type) {
        case 1: parameter.numbers[i] = std::to_integer<unsigned>(data[i]); break;
        case 2: parameter.numbers[i] = numbers_.i16(data + 2 * i); break;
        default: parameter.numbers[i] = numbers_.f32(data + 4 * i); break;
      }
    }
  }

  void attach(C3dParameters& result) {
    for (auto& pending : pending_) {
      auto it = std::find_if(groups_.begin(), groups_.end(), [&](const C3dGroup& g) { return g.id == pending.group_id; });
      if (it == groups_.end()) {
        C3dGroup orphan;
        orphan.id = pending.group_id;
        orphan.name = "GROUP" + std::to_string(pending.group_id);
        result.warnings.push_back("C3D parameter section: parameter '" + pending.parameter.name + "' belongs to group id " +
                                  std::to_string(pending.group_id) + " which is not defined; kept under '" + orphan.name + "'");
        groups_.push_back(std::move(orphan));
        it = groups_.end() - 1;
      }
      it->parameters.push_back(std::move(pending.parameter));
    }
    result.groups = std::move(groups_);
  }

  std::span<const std::byte> bytes_;
  std::uint64_t base_;
  const ByteSource& source_;
  Numbers numbers_;
  int declared_blocks_;
  std::vector<C3dGroup> groups_;
  std::vector<PendingParameter> pending_;
  std::vector<std::byte> overflow_;
};

}  // namespace

C3dParameters parse_parameter_section(const ByteSource& source, std::uint64_t start, std::uint64_t limit,
                                      C3dProcessor processor, int declared_blocks) {
  limit = std::min(limit, source.size());
  if (start + 4 > limit) throw InputError(source.name(), "parameter section is outside the file", start);
  std::span<const std::byte> bytes;
  std::vector<std::byte> buffer;
  if (auto memory = source.in_memory(); !memory.empty()) {
    bytes = memory.subspan(start, limit - start);
  } else {
    buffer.resize(limit - start);
    source.read(start, buffer, "parameter section");
    bytes = buffer;
  }
  return SectionParser(bytes, start, source, processor, declared_blocks).parse();
}

}  // namespace touchdown::c3d

// ---- public lookup helpers ----
namespace touchdown {
using c3d::iequals;

double C3dParameter::unsigned_number(std::size_t i) const {
  const double v = numbers[i];
  return type == 2 && v < 0 ? v + 65536.0 : v;
}

const C3dParameter* C3dGroup::find(std::string_view parameter) const {
  for (const auto& p : parameters)
    if (iequals(p.name, parameter)) return &p;
  return nullptr;
}

const C3dGroup* C3dParameters::group(std::string_view name) const {
  for (const auto& g : groups)
    if (iequals(g.name, name)) return &g;
  return nullptr;
}

const C3dParameter* C3dParameters::find(std::string_view group_name, std::string_view parameter) const {
  for (const auto& g : groups)
    if (iequals(g.name, group_name))
      if (const auto* p = g.find(parameter)) return p;
  return nullptr;
}

std::string_view to_string(C3dProcessor processor) {
  switch (processor) {
    case C3dProcessor::intel: return "Intel";
    case C3dProcessor::dec: return "DEC";
    case C3dProcessor::mips: return "MIPS";
  }
  return "unknown";
}

}  // namespace touchdown
