#pragma once
// Finding a marker by label the way labs write them: case-insensitive, ignoring a Vicon "Subject:" prefix
// and surrounding blanks; a label whose samples are all missing counts as absent.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "touchdown/trial.hpp"

namespace touchdown::landmarks {

[[nodiscard]] std::string normalise_label(std::string_view label);

class MarkerLookup {
 public:
  MarkerLookup() = default;
  explicit MarkerLookup(const PointSet& points);

  // Track index of `label` if present with at least one valid sample (first of duplicate labels).
  [[nodiscard]] std::optional<std::size_t> find(std::string_view label) const;
  // First of `candidates` that is present.
  [[nodiscard]] std::optional<std::size_t> find_any(const std::vector<std::string>& candidates) const;
  [[nodiscard]] bool has(std::string_view label) const { return find(label).has_value(); }

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace touchdown::landmarks
