#pragma once
// The 512-byte C3D header (block 1), C3D User Guide "The Header Section". Word n (1-based, 16 bits)
// starts at byte 2(n-1); integers and floats follow the processor type of the parameter section.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "io/c3d/processor_format.hpp"

namespace touchdown::c3d {

inline constexpr std::size_t kBlockSize = 512;
inline constexpr int kParameterKey = 0x50;  // byte 2 of the file: "this is a C3D (ADTech) file"
inline constexpr std::uint16_t kLabelKey = 12345;

struct C3dHeader {
  int parameter_block = 0;               // byte 1: 512-byte block of the parameter section (1-based)
  int key = 0;                           // byte 2: 0x50
  std::uint16_t point_count = 0;         // word 2
  std::uint16_t analog_words_per_frame = 0;  // word 3: analog channels x samples per frame
  std::uint16_t first_frame = 0;         // word 4
  std::uint16_t last_frame = 0;          // word 5 (65535 when the trial is longer)
  std::uint16_t max_gap = 0;             // word 6
  float scale = 0;                       // words 7-8: POINT:SCALE (negative = float storage)
  std::uint16_t data_block = 0;          // word 9: first block of the data section
  std::uint16_t analog_samples_per_frame = 0;  // word 10
  float frame_rate = 0;                  // words 11-12
  std::uint16_t event_label_key = 0;     // word 150: 12345 when event labels have 4 characters
  int event_count = 0;                   // word 151
  std::array<float, 18> event_times{};   // words 153-188, seconds from the first sample
  std::array<bool, 18> event_displayed{};  // bytes of words 189-197: 0 = ON
  std::array<std::string, 18> event_labels;  // words 199-234, 4 characters each
};

// Decodes the header; `block` must hold the first 512 bytes of the file.
C3dHeader parse_header(std::span<const std::byte, kBlockSize> block, const Numbers& numbers);

}  // namespace touchdown::c3d
