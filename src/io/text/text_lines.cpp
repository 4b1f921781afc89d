#include "io/text/text_lines.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace touchdown::io::text {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }
}  // namespace

LineReader::LineReader(std::string_view buffer) : buffer_(buffer) {
  if (buffer_.size() >= 3 && static_cast<unsigned char>(buffer_[0]) == 0xEF &&
      static_cast<unsigned char>(buffer_[1]) == 0xBB && static_cast<unsigned char>(buffer_[2]) == 0xBF)
    position_ = 3;
}

bool LineReader::next(Line& line) {
  if (position_ >= buffer_.size()) return false;
  const char* begin = buffer_.data() + position_;
  const std::size_t remaining = buffer_.size() - position_;
  const void* found = std::memchr(begin, '\n', remaining);
  std::size_t length = found ? static_cast<std::size_t>(static_cast<const char*>(found) - begin) : remaining;
  line.offset = position_;
  line.number = ++number_;
  position_ += found ? length + 1 : length;
  last_unterminated_ = found == nullptr;
  if (length > 0 && begin[length - 1] == '\r') --length;
  line.text = std::string_view(begin, length);
  return true;
}

CellCursor::CellCursor(std::string_view line) : line_(line) {
  tabs_ = line_.find('\t') != std::string_view::npos;
}

bool CellCursor::next(std::string_view& cell) {
  if (done_) return false;
  if (tabs_) {
    const std::size_t tab = line_.find('\t', position_);
    const std::size_t end = tab == std::string_view::npos ? line_.size() : tab;
    cell = trim(line_.substr(position_, end - position_));
    if (tab == std::string_view::npos) done_ = true;
    position_ = end + 1;
    ++index_;
    return true;
  }
  while (position_ < line_.size() && is_space(line_[position_])) ++position_;
  if (position_ >= line_.size()) {
    done_ = true;
    return false;
  }
  std::size_t end = position_;
  while (end < line_.size() && !is_space(line_[end])) ++end;
  cell = line_.substr(position_, end - position_);
  position_ = end;
  ++index_;
  return true;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_space(c); });
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}
bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}
bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}
std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool parse_number(std::string_view cell, double& value) {
  if (cell.empty()) {
    value = kNaN;
    return true;
  }
  const char* first = cell.data();
  const char* last = cell.data() + cell.size();
  // from_chars rejects a leading '+', which some exporters write.
  if (*first == '+' && cell.size() > 1 && (std::isdigit(static_cast<unsigned char>(first[1])) || first[1] == '.')) ++first;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc() && end == last) {
    if (!std::isfinite(value)) value = kNaN;
    return true;
  }
  if (error == std::errc::result_out_of_range && end == last) {  // e.g. 1e999 or 1e-999
    value = kNaN;
    return true;
  }
  // MSVC runtime spellings of NaN and infinity ("1.#QNAN", "-1.#IND", "1.#INF") and "-nan(ind)".
  const std::size_t hash = cell.find('#');
  if (hash != std::string_view::npos) {
    const std::string_view tail = cell.substr(hash + 1);
    if (istarts_with(tail, "QNAN") || istarts_with(tail, "SNAN") || istarts_with(tail, "IND") || istarts_with(tail, "INF")) {
      value = kNaN;
      return true;
    }
  }
  return false;
}

std::optional<double> parse_finite(std::string_view cell) {
  double value = 0;
  if (!parse_number(trim(cell), value) || std::isnan(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_count(std::string_view cell, std::uint64_t limit) {
  const auto value = parse_finite(cell);
  if (!value || *value < 0 || *value > static_cast<double>(limit) || std::floor(*value) != *value) return std::nullopt;
  return static_cast<std::uint64_t>(*value);
}

std::string quote_cell(std::string_view cell) {
  std::string out = "'";
  for (std::size_t i = 0; i < cell.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(cell[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (cell.size() > 40) out += "...";
  return out + "'";
}

}  // namespace touchdown::io::text
