#pragma once
// Zero-copy line and cell iteration over a whole-file text buffer, and locale-free number parsing
// (std::from_chars), shared by the TRC and MOT/STO readers. Nothing here allocates per line or cell.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace touchdown::io::text {

struct Line {
  std::string_view text;     // without "\n" / "\r\n"
  std::uint64_t number = 0;  // 1-based line number
  std::uint64_t offset = 0;  // byte offset of the line's first character in the buffer
};

// Iterates the lines of a buffer. A UTF-8 byte-order mark at the start is skipped.
class LineReader {
 public:
  explicit LineReader(std::string_view buffer);
  bool next(Line& line);
  [[nodiscard]] bool at_end() const { return position_ >= buffer_.size(); }
  // True when the last line returned by next() ended the buffer without a line terminator.
  [[nodiscard]] bool last_line_unterminated() const { return last_unterminated_; }

 private:
  std::string_view buffer_;
  std::size_t position_ = 0;
  std::uint64_t number_ = 0;
  bool last_unterminated_ = false;
};

// Splits one line into cells. Lines that contain a tab are tab-separated (empty cells are kept, they
// mean "missing"); other lines are separated by runs of spaces. Cells are trimmed of spaces.
class CellCursor {
 public:
  explicit CellCursor(std::string_view line);
  bool next(std::string_view& cell);
  [[nodiscard]] std::size_t index() const { return index_; }  // 0-based index of the last cell returned
  [[nodiscard]] bool tab_separated() const { return tabs_; }

 private:
  std::string_view line_;
  std::size_t position_ = 0;
  std::size_t index_ = static_cast<std::size_t>(-1);
  bool tabs_ = false;
  bool done_ = false;
};

[[nodiscard]] bool is_blank(std::string_view line);  // only spaces, tabs, CR
[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);
[[nodiscard]] bool istarts_with(std::string_view text, std::string_view prefix);
[[nodiscard]] bool iends_with(std::string_view text, std::string_view suffix);
[[nodiscard]] std::string to_lower(std::string_view text);

// Parses a numeric cell. Empty cells and NaN spellings ("NaN", "nan", "-nan(ind)", "1.#QNAN",
// "-1.#IND") give NaN (missing); infinities are not measurements either and give NaN. Returns
// false when the cell is not a number at all.
[[nodiscard]] bool parse_number(std::string_view cell, double& value);
// A finite number, or nothing.
[[nodiscard]] std::optional<double> parse_finite(std::string_view cell);
// A non-negative integer that fits `limit`, or nothing ("123", "123.0" and " 123 " are accepted).
[[nodiscard]] std::optional<std::uint64_t> parse_count(std::string_view cell, std::uint64_t limit);

// Cell text for error messages: at most 40 characters, non-printable bytes as '?'.
[[nodiscard]] std::string quote_cell(std::string_view cell);

}  // namespace touchdown::io::text
