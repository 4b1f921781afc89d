#include "io/c3d/header.hpp"

namespace touchdown::c3d {
namespace {
std::size_t word_offset(int word) { return static_cast<std::size_t>(2 * (word - 1)); }
}  // namespace

C3dHeader parse_header(std::span<const std::byte, kBlockSize> block, const Numbers& numbers) {
  const std::byte* b = block.data();
  auto u16 = [&](int word) { return numbers.u16(b + word_offset(word)); };
  auto f32 = [&](int word) { return numbers.f32(b + word_offset(word)); };

  C3dHeader header;
  header.parameter_block = std::to_integer<int>(b[0]);
  header.key = std::to_integer<int>(b[1]);
  header.point_count = u16(2);
  header.analog_words_per_frame = u16(3);
  header.first_frame = u16(4);
  header.last_frame = u16(5);
  header.max_gap = u16(6);
  header.scale = f32(7);
  header.data_block = u16(9);
  header.analog_samples_per_frame = u16(10);
  header.frame_rate = f32(11);
  header.event_label_key = u16(150);
  header.event_count = numbers.i16(b + word_offset(151));
  const std::size_t label_chars = header.event_label_key == kLabelKey ? 4 : 2;
  for (std::size_t i = 0; i < 18; ++i) {
    header.event_times[i] = numbers.f32(b + word_offset(153) + 4 * i);
    header.event_displayed[i] = std::to_integer<int>(b[word_offset(189) + i]) == 0;
    std::string label;
    for (std::size_t c = 0; c < label_chars; ++c) {
      const char ch = static_cast<char>(std::to_integer<unsigned char>(b[word_offset(199) + 4 * i + c]));
      if (ch == '\0') break;
      label.push_back(ch);
    }
    while (!label.empty() && label.back() == ' ') label.pop_back();
    header.event_labels[i] = std::move(label);
  }
  return header;
}

}  // namespace touchdown::c3d
