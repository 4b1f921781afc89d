#pragma once
// Reading a whole file into memory once, so parsers work on one contiguous buffer (no stream per cell).
#include <filesystem>
#include <string>

namespace touchdown::io {

// The file's bytes. Throws InputError naming the file when it cannot be opened or read.
std::string read_whole_file(const std::filesystem::path& path);

// Writes `text` to `path` (replacing it). Throws InputError when the file cannot be written.
void write_whole_file(const std::filesystem::path& path, const std::string& text);

}  // namespace touchdown::io
