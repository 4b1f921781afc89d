#pragma once
// Where a C3D file's bytes come from: a file read with pread (never loaded whole, so a 1 GB file
// costs a 4 MiB buffer, not 1 GB) or a span in memory (fuzzing, uploads). Every read is bounds-checked
// and a short read is an InputError naming the byte offset.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace touchdown::c3d {

class ByteSource {
 public:
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  virtual ~ByteSource() = default;

  [[nodiscard]] std::uint64_t size() const { return size_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  // Fills `out` with the bytes at `offset`; throws InputError when the file ends before.
  void read(std::uint64_t offset, std::span<std::byte> out, const char* what) const;
  // The whole content when it is already in memory (no copy needed), else an empty span.
  [[nodiscard]] virtual std::span<const std::byte> in_memory() const { return {}; }

 protected:
  ByteSource(std::string name, std::uint64_t size) : name_(std::move(name)), size_(size) {}
  virtual void read_unchecked(std::uint64_t offset, std::span<std::byte> out) const = 0;

 private:
  std::string name_;
  std::uint64_t size_ = 0;
};

struct OpenedFile {
  std::string name;
  int fd = -1;
  std::uint64_t size = 0;
};

class FileSource final : public ByteSource {
 public:
  explicit FileSource(const std::filesystem::path& path);
  ~FileSource() override;

 private:
  explicit FileSource(OpenedFile file) : ByteSource(std::move(file.name), file.size), fd_(file.fd) {}
  void read_unchecked(std::uint64_t offset, std::span<std::byte> out) const override;
  int fd_ = -1;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::span<const std::byte> bytes, std::string name) : ByteSource(std::move(name), bytes.size()), bytes_(bytes) {}
  [[nodiscard]] std::span<const std::byte> in_memory() const override { return bytes_; }

 private:
  void read_unchecked(std::uint64_t offset, std::span<std::byte> out) const override;
  std::span<const std::byte> bytes_;
};

}  // namespace touchdown::c3d
