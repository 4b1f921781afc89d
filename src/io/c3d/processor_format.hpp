#pragma once
// Numbers as the three C3D processor types store them (C3D User Guide, "DEC, Intel and SGI/MIPS"):
//   Intel (84): little-endian integers, IEEE-754 little-endian floats.
//   DEC   (85): little-endian integers, VAX F-floating floats: the two 16-bit halves swapped relative to
//               IEEE and an exponent bias of 128 with the hidden bit worth 0.5 (value = IEEE reading / 4).
//   MIPS  (86): big-endian integers and IEEE-754 big-endian floats.
// The Word<P> helpers are used in the data-section hot loop; Numbers dispatches at run time for the
// header and the parameter section.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

#include "touchdown/c3d.hpp"

namespace touchdown::c3d {

inline std::uint16_t load_le16(const std::byte* p) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(p[0]) | (std::to_integer<unsigned>(p[1]) << 8U));
}
inline std::uint16_t load_be16(const std::byte* p) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(p[1]) | (std::to_integer<unsigned>(p[0]) << 8U));
}
inline std::uint32_t load_le32(const std::byte* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}
inline std::uint32_t load_be32(const std::byte* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
  return v;
}

// VAX F-floating, given the 4 stored bytes read as a little-endian 32-bit word.
inline float dec_float_from_le_bits(std::uint32_t stored) {
  const std::uint32_t bits = (stored << 16U) | (stored >> 16U);  // IEEE field order
  const std::uint32_t exponent = (bits >> 23U) & 0xFFU;
  if (exponent > 2U) return std::bit_cast<float>(bits - (2U << 23U));  // exact: same fraction, exponent - 2
  if (exponent == 0U)  // true zero; sign set with exponent 0 is the VAX "reserved operand" (never valid data)
    return (bits >> 31U) != 0U ? std::numeric_limits<float>::quiet_NaN() : 0.0F;
  // Exponents 1 and 2 become IEEE subnormals.
  const float magnitude = std::ldexp(static_cast<float>((bits & 0x7FFFFFU) | 0x800000U), static_cast<int>(exponent) - 152);
  return (bits >> 31U) != 0U ? -magnitude : magnitude;
}

template <C3dProcessor P>
struct Word {
  static std::uint16_t u16(const std::byte* p) {
    if constexpr (P == C3dProcessor::mips) return load_be16(p);
    else return load_le16(p);
  }
  static std::int16_t i16(const std::byte* p) { return static_cast<std::int16_t>(u16(p)); }
  static float f32(const std::byte* p) {
    if constexpr (P == C3dProcessor::intel) return std::bit_cast<float>(load_le32(p));
    else if constexpr (P == C3dProcessor::mips) return std::bit_cast<float>(load_be32(p));
    else return dec_float_from_le_bits(load_le32(p));
  }
};

struct Numbers {
  C3dProcessor processor = C3dProcessor::intel;
  [[nodiscard]] std::uint16_t u16(const std::byte* p) const {
    return processor == C3dProcessor::mips ? load_be16(p) : load_le16(p);
  }
  [[nodiscard]] std::int16_t i16(const std::byte* p) const { return static_cast<std::int16_t>(u16(p)); }
  [[nodiscard]] float f32(const std::byte* p) const {
    switch (processor) {
      case C3dProcessor::intel: return Word<C3dProcessor::intel>::f32(p);
      case C3dProcessor::dec: return Word<C3dProcessor::dec>::f32(p);
      case C3dProcessor::mips: return Word<C3dProcessor::mips>::f32(p);
    }
    return 0.0F;
  }
};

// The processor byte of the parameter section (83 + type) -> processor, if valid.
inline std::optional<C3dProcessor> processor_from_byte(int byte) {
  if (byte == 84) return C3dProcessor::intel;
  if (byte == 85) return C3dProcessor::dec;
  if (byte == 86) return C3dProcessor::mips;
  return std::nullopt;
}

}  // namespace touchdown::c3d
