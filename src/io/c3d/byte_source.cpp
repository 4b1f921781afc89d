#include "io/c3d/byte_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "touchdown/error.hpp"

namespace touchdown::c3d {
namespace {

OpenedFile open_regular_file(const std::filesystem::path& path) {
  OpenedFile file;
  file.name = path.string();
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) throw InputError(file.name, std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(file.fd);
    throw InputError(file.name, "not a regular file");
  }
  file.size = static_cast<std::uint64_t>(info.st_size);
  return file;
}

}  // namespace

void ByteSource::read(std::uint64_t offset, std::span<std::byte> out, const char* what) const {
  if (offset > size_ || out.size() > size_ - offset)
    throw InputError(name_,
                     std::string("file ends before the ") + what + " (" + std::to_string(out.size()) +
                         " bytes needed, " + std::to_string(offset > size_ ? 0 : size_ - offset) + " left)",
                     offset);
  read_unchecked(offset, out);
}

FileSource::FileSource(const std::filesystem::path& path) : FileSource(open_regular_file(path)) {}

FileSource::~FileSource() {
  if (fd_ >= 0) ::close(fd_);
}

void FileSource::read_unchecked(std::uint64_t offset, std::span<std::byte> out) const {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t got = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0)
      throw InputError(name(), got == 0 ? "file shrank while reading" : std::string("read failed: ") + std::strerror(errno),
                       offset + done);
    done += static_cast<std::size_t>(got);
  }
}

void MemorySource::read_unchecked(std::uint64_t offset, std::span<std::byte> out) const {
  if (!out.empty()) std::memcpy(out.data(), bytes_.data() + offset, out.size());
}

}  // namespace touchdown::c3d
