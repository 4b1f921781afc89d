// Format sniffing by content (extensions lie): C3D has 0x50 as its second byte (C3D User Guide,
// header word 1); TRC starts with "PathFileType"; MOT/STO tables have an "endheader" line.
#include "touchdown/read.hpp"

#include <cstdio>
#include <memory>
#include <string>

#include "touchdown/axes.hpp"
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"
#include "touchdown/opensim_text.hpp"

namespace touchdown {
namespace {
enum class Format { c3d, trc, table, unknown };

std::string read_prefix(const std::filesystem::path& path, std::size_t limit) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw InputError(path.string(), std::filesystem::exists(path, error) ? "is not a regular file" : "no such file");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(path.string(), "cannot open for reading");
  std::string bytes(limit, '\0');
  bytes.resize(std::fread(bytes.data(), 1, limit, file.get()));
  return bytes;
}

bool has_endheader_line(std::string_view text) {
  for (std::size_t at = text.find("endheader"); at != std::string_view::npos; at = text.find("endheader", at + 1)) {
    const bool starts_line = at == 0 || text[at - 1] == '\n' || text[at - 1] == ' ' || text[at - 1] == '\t';
    const std::size_t after = at + 9;
    const bool ends_line = after >= text.size() || text[after] == '\r' || text[after] == '\n' || text[after] == '\t' || text[after] == ' ';
    if (starts_line && ends_line) return true;
  }
  return false;
}

Format sniff(std::string_view head) {
  std::string_view text = head;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.substr(0, 12) == "PathFileType") return Format::trc;
  const bool c3d_magic = head.size() >= 2 && static_cast<unsigned char>(head[1]) == 0x50;
  const auto first = head.empty() ? 0 : static_cast<unsigned char>(head[0]);
  // Byte 1 is the parameter section's block number: a small integer, never printable text in practice.
  if (c3d_magic && (first < 0x20 || first > 0x7e)) return Format::c3d;
  if (has_endheader_line(text)) return Format::table;
  if (c3d_magic) return Format::c3d;
  return Format::unknown;
}
}  // namespace

Trial read_trial(const std::filesystem::path& path, const std::optional<std::filesystem::path>& forces) {
  // STO headers can be long (free text); 1 MiB covers every header seen.
  const std::string head = read_prefix(path, std::size_t{1} << 20);
  if (head.empty()) throw InputError(path.string(), "empty file", 0);
  Trial trial;
  switch (sniff(head)) {
    case Format::c3d:
      if (forces) throw InputError(forces->string(), "a separate force file applies to TRC marker files; " + path.string() +
                                                         " is a C3D file with its own force plates");
      trial = read_c3d(path);
      break;
    case Format::trc:
      trial = forces ? read_trc_with_forces(path, *forces) : read_trc(path);
      break;
    case Format::table:
      if (forces) throw InputError(forces->string(), "a separate force file applies to TRC marker files; " + path.string() +
                                                         " is a MOT/STO table");
      trial = read_mot(path);
      break;
    case Format::unknown:
      throw InputError(path.string(), "unrecognised content: not C3D (second byte is not 0x50), TRC (no 'PathFileType' "
                                      "first line) or MOT/STO (no 'endheader' line)",
                       0);
  }
  detect_axes(trial);
  return trial;
}

}  // namespace touchdown
