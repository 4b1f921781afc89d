// Session -> CSV: one row per step, the unit in every numeric column's name (RFC 4180 quoting).
#include <cstdio>
#include <ostream>
#include <string>

#include "touchdown/session_json.hpp"

namespace touchdown {
namespace {

std::string quoted(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Enough digits to round-trip the value (%.17g would print noise like 0.23000000000000001).
std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace

std::vector<std::string> csv_header() {
  std::vector<std::string> header{"side", "ic_s", "to_s", "plate_index", "event_method", "strike_pattern",
                                  "strike_pattern_si", "extended_knee", "strike_pattern_fsa"};
  for (const MetricField& field : step_metric_fields()) header.emplace_back(field.name);
  return header;
}

static std::string_view pattern_cell(const StrikeClass& c) { return c.pattern ? to_string(*c.pattern) : std::string_view{}; }

void write_csv(std::ostream& out, const Session& session) {
  const std::vector<std::string> header = csv_header();
  for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
  out << '\n';
  for (const StepMetrics& step : session.steps) {
    out << to_string(step.side) << ',' << number(step.ic_s) << ',' << number(step.to_s) << ','
        << (step.plate ? std::to_string(*step.plate) : std::string{}) << ',' << quoted(step.event_method) << ','
        << pattern_cell(headline_strike_pattern(step.foot_strike)) << ',' << pattern_cell(step.foot_strike.strike_pattern_si)
        << ',' << (step.knee.extended_knee ? (*step.knee.extended_knee ? "true" : "false") : "") << ','
        << pattern_cell(step.foot_strike.strike_pattern);
    for (const MetricField& field : step_metric_fields()) {
      const Measured& m = field.get(step);
      out << ',' << (m.value ? number(*m.value) : std::string{});
    }
    out << '\n';
  }
}

}  // namespace touchdown
