#include <cmath>
#include <utility>

#include "touchdown/metrics.hpp"

namespace touchdown {

Measured Measured::of(double value, std::string unit, std::string method) {
  if (!std::isfinite(value))
    return absent(std::move(unit), "computation gave a non-finite value", std::move(method));
  return Measured{value, std::move(unit), std::move(method), {}};
}

Measured Measured::absent(std::string unit, std::string reason, std::string method) {
  return Measured{std::nullopt, std::move(unit), std::move(method), std::move(reason)};
}

std::string_view to_string(StrikePattern pattern) {
  switch (pattern) {
    case StrikePattern::rearfoot: return "rearfoot";
    case StrikePattern::midfoot: return "midfoot";
    case StrikePattern::forefoot: return "forefoot";
  }
  return "rearfoot";
}

std::string_view to_string(FsaThresholds thresholds) {
  switch (thresholds) {
    case FsaThresholds::altman_davis_2012: return "altman_davis_2012";
    case FsaThresholds::mo2021: return "mo2021";
  }
  return "altman_davis_2012";
}

std::string_view to_string(Ground ground) {
  switch (ground) {
    case Ground::automatic: return "automatic";
    case Ground::overground: return "overground";
    case Ground::treadmill: return "treadmill";
  }
  return "automatic";
}

}  // namespace touchdown
