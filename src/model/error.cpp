#include "touchdown/error.hpp"

namespace touchdown {
namespace {
std::string compose(const std::string& file, const std::string& problem, std::optional<std::uint64_t> offset,
                    std::optional<std::uint64_t> line) {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (offset) text += ": at byte " + std::to_string(*offset);
  if (line) text += ": line " + std::to_string(*line);
  return text + ": " + problem;
}
}  // namespace

InputError::InputError(std::string file, std::string problem, std::optional<std::uint64_t> byte_offset,
                       std::optional<std::uint64_t> line)
    : std::runtime_error(compose(file, problem, byte_offset, line)),
      file_(std::move(file)),
      problem_(std::move(problem)),
      offset_(byte_offset),
      line_(line) {}

}  // namespace touchdown
