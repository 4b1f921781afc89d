// Per-side summaries (mean, sample SD, n), majority strike pattern and left-right symmetry.
// Symmetry index (Robinson et al. 1987): SI = 100 (R - L) / (0.5 (R + L)) in %; angles and quantities that
// change sign or sit near zero use the plain difference R - L in their own unit (MetricField::symmetry).
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "touchdown/session.hpp"

namespace touchdown {
namespace {

std::string most_frequent(const std::map<std::string, std::size_t>& counts) {
  std::string best;
  std::size_t best_count = 0;
  for (const auto& [reason, count] : counts) {
    if (count > best_count) {
      best = reason;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

PatternSummary summarize_patterns(std::span<const StrikeClass* const> classes) {
  PatternSummary s;
  for (const StrikeClass* c : classes) {
    if (!c->pattern) {
      ++s.unclassified;
      continue;
    }
    switch (*c->pattern) {
      case StrikePattern::rearfoot: ++s.rearfoot; break;
      case StrikePattern::midfoot: ++s.midfoot; break;
      case StrikePattern::forefoot: ++s.forefoot; break;
    }
  }
  const std::size_t classified = s.rearfoot + s.midfoot + s.forefoot;
  const std::string unclassified =
      s.unclassified > 0 ? " (" + std::to_string(s.unclassified) + " unclassified)" : std::string{};
  if (classified == 0) {
    s.text = "no step classified" + unclassified;
    return s;
  }
  const std::size_t top = std::max({s.rearfoot, s.midfoot, s.forefoot});
  std::vector<StrikePattern> leaders;
  for (auto [pattern, count] : {std::pair{StrikePattern::rearfoot, s.rearfoot}, std::pair{StrikePattern::midfoot, s.midfoot},
                                std::pair{StrikePattern::forefoot, s.forefoot}})
    if (count == top) leaders.push_back(pattern);
  if (leaders.size() > 1) {
    s.text = "tie:";
    for (std::size_t i = 0; i < leaders.size(); ++i)
      s.text += (i ? ", " : " ") + std::to_string(top) + " " + std::string(to_string(leaders[i]));
    s.text += unclassified;
    return s;
  }
  s.majority = leaders.front();
  s.text = std::string(to_string(*s.majority)) + " on " + std::to_string(top) + " of " + std::to_string(classified) +
           " steps" + unclassified;
  return s;
}

SideSummary summarize_side(std::span<const StepMetrics> steps, Side side) {
  SideSummary s;
  s.side = side;
  std::vector<const StepMetrics*> mine;
  for (const StepMetrics& step : steps)
    if (step.side == side) mine.push_back(&step);
  s.steps = mine.size();

  for (const MetricField& field : step_metric_fields()) {
    SummaryStat stat;
    stat.unit = std::string(field.unit);
    double sum = 0;
    std::map<std::string, std::size_t> reasons;
    for (const StepMetrics* step : mine) {
      const Measured& m = field.get(*step);
      if (m.value) {
        sum += *m.value;
        ++stat.n;
      } else {
        ++reasons[m.missing_reason];
      }
    }
    if (stat.n == 0) {
      stat.missing_reason = mine.empty() ? "no step on this side" : most_frequent(reasons);
    } else {
      const double mean = sum / static_cast<double>(stat.n);
      stat.mean = mean;
      if (stat.n >= 2) {
        double squares = 0;
        for (const StepMetrics* step : mine)
          if (const Measured& m = field.get(*step); m.value) squares += (*m.value - mean) * (*m.value - mean);
        stat.sd = std::sqrt(squares / static_cast<double>(stat.n - 1));
      }
    }
    s.stats.emplace(std::string(field.name), std::move(stat));
  }

  std::vector<const StrikeClass*> by_angle, by_index, headline;
  for (const StepMetrics* step : mine) {
    headline.push_back(&headline_strike_pattern(step->foot_strike));
    by_angle.push_back(&step->foot_strike.strike_pattern);
    by_index.push_back(&step->foot_strike.strike_pattern_si);
    if (step->knee.extended_knee) {
      ++s.knee_flexion_steps;
      if (*step->knee.extended_knee) ++s.extended_knee_steps;
    }
  }
  s.strike_pattern = summarize_patterns(headline);
  s.strike_pattern_fsa = summarize_patterns(by_angle);
  s.strike_pattern_si = summarize_patterns(by_index);
  return s;
}

Symmetry symmetry_of(const SummaryStat& left, const SummaryStat& right, SymmetryKind kind) {
  Symmetry s;
  if (kind == SymmetryKind::ratio) {
    s.unit = "%";
    s.method = "100*(R-L)/(0.5*(R+L)) of the side means";
  } else {
    s.unit = left.unit;
    s.method = "R-L of the side means";
  }
  if (!left.mean || !right.mean) {
    s.missing_reason = std::string("no mean on the ") + (!left.mean ? "left" : "right") + " side";
    return s;
  }
  const double l = *left.mean, r = *right.mean;
  if (kind == SymmetryKind::difference) {
    s.value = r - l;
    return s;
  }
  const double average = 0.5 * (r + l);
  if (std::abs(average) <= 1e-12 * std::max(std::abs(l), std::abs(r)) || average == 0) {
    s.missing_reason = "the mean of both sides is zero";
    return s;
  }
  s.value = 100.0 * (r - l) / average;
  return s;
}

}  // namespace touchdown
