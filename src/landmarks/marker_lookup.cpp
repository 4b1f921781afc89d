#include "landmarks/marker_lookup.hpp"

#include <algorithm>
#include <cctype>

namespace touchdown::landmarks {

std::string normalise_label(std::string_view label) {
  if (auto colon = label.rfind(':'); colon != std::string_view::npos) label.remove_prefix(colon + 1);
  while (!label.empty() && std::isspace(static_cast<unsigned char>(label.front()))) label.remove_prefix(1);
  while (!label.empty() && std::isspace(static_cast<unsigned char>(label.back()))) label.remove_suffix(1);
  std::string out(label);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

MarkerLookup::MarkerLookup(const PointSet& points) {
  for (std::size_t i = 0; i < points.tracks.size(); ++i) {
    const auto& samples = points.tracks[i].samples;
    if (std::none_of(samples.begin(), samples.end(), [](const Vec3f& v) { return v.valid(); })) continue;
    index_.emplace(normalise_label(points.tracks[i].label), i);  // keeps the first of duplicate labels
  }
}

std::optional<std::size_t> MarkerLookup::find(std::string_view label) const {
  auto it = index_.find(normalise_label(label));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> MarkerLookup::find_any(const std::vector<std::string>& candidates) const {
  for (const auto& c : candidates)
    if (auto i = find(c)) return i;
  return std::nullopt;
}

}  // namespace touchdown::landmarks
