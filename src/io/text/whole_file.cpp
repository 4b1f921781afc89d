#include "io/text/whole_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "touchdown/error.hpp"

namespace touchdown::io {
namespace {
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;
}  // namespace

std::string read_whole_file(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw InputError(path.string(), "is a directory, not a file");
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) throw InputError(path.string(), std::string("cannot open: ") + std::strerror(errno));
  // The size comes from the file system, so the buffer is never larger than the file itself.
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw InputError(path.string(), "cannot determine the file size: " + error.message());
  std::string bytes(static_cast<std::size_t>(size), '\0');
  const std::size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), file.get());
  if (got != bytes.size()) throw InputError(path.string(), "read error after " + std::to_string(got) + " bytes", got);
  return bytes;
}

void write_whole_file(const std::filesystem::path& path, const std::string& text) {
  FilePtr file(std::fopen(path.c_str(), "wb"));
  if (!file) throw InputError(path.string(), std::string("cannot create: ") + std::strerror(errno));
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file.get()) != text.size())
    throw InputError(path.string(), "write error (disk full?)");
  if (std::fflush(file.get()) != 0) throw InputError(path.string(), "write error on flush");
}

}  // namespace touchdown::io
