#pragma once
// User-facing errors. Bugs are caught by assert; bad input is reported with these, naming the file,
// where in it (byte offset or line) and what is wrong, so the user knows what to fix.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace touchdown {

// The input (file, stream, option) cannot be used. The CLI maps it to exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string problem, std::optional<std::uint64_t> byte_offset = std::nullopt,
             std::optional<std::uint64_t> line = std::nullopt);
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] std::optional<std::uint64_t> byte_offset() const { return offset_; }
  [[nodiscard]] std::optional<std::uint64_t> line() const { return line_; }

 private:
  std::string file_, problem_;
  std::optional<std::uint64_t> offset_, line_;
};

// The input was readable but the analysis cannot produce a result (e.g. walking, no flight phase;
// required landmarks missing). The CLI maps it to exit code 1.
class AnalysisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace touchdown
