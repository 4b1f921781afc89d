#pragma once
// Builds C3D files byte by byte for exact-answer tests: any processor type, integer or float storage,
// any parameters, and deliberately inconsistent headers. Written from the C3D User Guide independently
// of src/io/c3d (its own number encoders, its own parameter records), so a test that round-trips through
// it checks the reader against the specification, not against itself.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "touchdown/c3d.hpp"

namespace touchdown::testing {

class C3dFileBuilder {
 public:
  struct Parameter {
    std::string group, name;
    int type = 2;  // -1 char, 1 byte, 2 int16, 4 float
    std::vector<int> dimensions;
    std::vector<double> numbers;
    std::vector<std::string> strings;  // type -1: padded to dimensions[0]
    bool locked = false;
  };

  C3dProcessor processor = C3dProcessor::intel;
  bool float_storage = true;
  // Header fields; data_block 0 means "right after the parameter section".
  int parameter_block = 2;
  int key = 0x50;
  std::uint16_t point_count = 0, analog_words = 0, first_frame = 1, last_frame = 0, data_block = 0, samples_per_frame = 0;
  float scale = -1.0F, frame_rate = 100.0F;
  std::optional<int> processor_byte;  // overrides 83 + processor
  std::vector<std::string> group_order;  // groups are declared in this order (locked when the name starts with '!')
  std::vector<Parameter> parameters;
  std::vector<double> data_words;  // the data section, one value per C3D word (int16 or float by storage)
  std::size_t extra_parameter_blocks = 0;

  void group(const std::string& name) { group_order.push_back(name); }
  // Adds a parameter, replacing one of the same group and name.
  void set(Parameter p) {
    for (auto& q : parameters)
      if (q.group == p.group && q.name == p.name) {
        q = std::move(p);
        return;
      }
    parameters.push_back(std::move(p));
  }
  void ints(const std::string& g, const std::string& n, std::vector<int> dims, std::vector<double> v, bool locked = false) {
    set({g, n, 2, std::move(dims), std::move(v), {}, locked});
  }
  void floats(const std::string& g, const std::string& n, std::vector<int> dims, std::vector<double> v) {
    set({g, n, 4, std::move(dims), std::move(v), {}, false});
  }
  void bytes(const std::string& g, const std::string& n, std::vector<int> dims, std::vector<double> v) {
    set({g, n, 1, std::move(dims), std::move(v), {}, false});
  }
  void strings(const std::string& g, const std::string& n, std::vector<std::string> v, int width = 0) {
    int w = width;
    for (const auto& s : v) w = std::max(w, static_cast<int>(s.size()));
    set({g, n, -1, {w, static_cast<int>(v.size())}, {}, std::move(v), false});
  }

  // ---- number encoders (C3D User Guide, "DEC, Intel and SGI/MIPS") ----
  void put16(std::vector<std::byte>& out, std::uint16_t v) const {
    const auto lo = static_cast<std::byte>(v & 0xFFU), hi = static_cast<std::byte>(v >> 8U);
    if (processor == C3dProcessor::mips) {
      out.push_back(hi);
      out.push_back(lo);
    } else {
      out.push_back(lo);
      out.push_back(hi);
    }
  }
  void put_float(std::vector<std::byte>& out, float f) const {
    std::uint32_t bits = std::bit_cast<std::uint32_t>(f);
    if (processor == C3dProcessor::dec) {
      // VAX F: exponent bias 128 with hidden bit 0.5 -> IEEE exponent + 2; stored high word first,
      // each word little-endian. Zero stays zero.
      if ((bits & 0x7FFFFFFFU) != 0) bits += 2U << 23U;
      put16(out, static_cast<std::uint16_t>(bits >> 16U));
      put16(out, static_cast<std::uint16_t>(bits & 0xFFFFU));
      return;
    }
    if (processor == C3dProcessor::mips) {
      put16(out, static_cast<std::uint16_t>(bits >> 16U));
      put16(out, static_cast<std::uint16_t>(bits & 0xFFFFU));
    } else {
      put16(out, static_cast<std::uint16_t>(bits & 0xFFFFU));
      put16(out, static_cast<std::uint16_t>(bits >> 16U));
    }
  }

  [[nodiscard]] std::vector<std::byte> parameter_section() const {
    std::vector<std::byte> out(4);
    out[0] = std::byte{1};
    out[1] = std::byte{0x50};
    out[3] = static_cast<std::byte>(processor_byte.value_or(83 + static_cast<int>(processor)));
    std::vector<std::string> names;
    for (const auto& g : group_order) names.push_back(g[0] == '!' ? g.substr(1) : g);
    auto id_of = [&](const std::string& g) {
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == g) return static_cast<int>(i + 1);
      return 99;
    };
    auto record = [&](const std::string& name, int id, bool locked, const std::vector<std::byte>& body) {
      const int length = static_cast<int>(name.size());
      out.push_back(static_cast<std::byte>(static_cast<std::uint8_t>(locked ? -length : length)));
      out.push_back(static_cast<std::byte>(static_cast<std::uint8_t>(id)));
      for (char c : name) out.push_back(static_cast<std::byte>(c));
      put16(out, static_cast<std::uint16_t>(2 + body.size()));
      out.insert(out.end(), body.begin(), body.end());
    };
    for (std::size_t i = 0; i < group_order.size(); ++i) {
      std::vector<std::byte> body{std::byte{0}};
      record(names[i], -static_cast<int>(i + 1), group_order[i][0] == '!', body);
    }
    for (const auto& p : parameters) {
      std::vector<std::byte> body;
      body.push_back(static_cast<std::byte>(static_cast<std::uint8_t>(p.type)));
      body.push_back(static_cast<std::byte>(p.dimensions.size()));
      for (int d : p.dimensions) body.push_back(static_cast<std::byte>(d));
      if (p.type == -1) {
        const std::size_t w = p.dimensions.empty() ? 1 : static_cast<std::size_t>(p.dimensions[0]);
        for (const auto& s : p.strings)
          for (std::size_t c = 0; c < w; ++c) body.push_back(static_cast<std::byte>(c < s.size() ? s[c] : ' '));
      } else {
        for (double v : p.numbers) {
          if (p.type == 1) body.push_back(static_cast<std::byte>(static_cast<int>(v)));
          else if (p.type == 2) put16(body, static_cast<std::uint16_t>(static_cast<std::int32_t>(std::lround(v))));
          else put_float(body, static_cast<float>(v));
        }
      }
      body.push_back(std::byte{0});  // description length
      record(p.name, id_of(p.group), p.locked, body);
    }
    out.push_back(std::byte{0});
    out.push_back(std::byte{0});
    while (out.size() % 512 != 0) out.push_back(std::byte{0});
    for (std::size_t i = 0; i < extra_parameter_blocks * 512; ++i) out.push_back(std::byte{0});
    out[2] = static_cast<std::byte>(out.size() / 512);
    return out;
  }

  [[nodiscard]] std::vector<std::byte> build() const {
    const auto section = parameter_section();
    const std::uint16_t blocks = static_cast<std::uint16_t>(section.size() / 512);
    const std::uint16_t data = data_block != 0 ? data_block : static_cast<std::uint16_t>(parameter_block + blocks);
    std::vector<std::byte> out;
    out.push_back(static_cast<std::byte>(parameter_block));
    out.push_back(static_cast<std::byte>(key));
    put16(out, point_count);
    put16(out, analog_words);
    put16(out, first_frame);
    put16(out, last_frame);
    put16(out, 0);
    put_float(out, scale);
    put16(out, data);
    put16(out, samples_per_frame);
    put_float(out, frame_rate);
    out.resize(512);
    const std::size_t parameter_at = static_cast<std::size_t>(parameter_block - 1) * 512;
    if (out.size() < parameter_at) out.resize(parameter_at);
    out.insert(out.end(), section.begin(), section.end());
    const std::size_t data_at = static_cast<std::size_t>(data - 1) * 512;
    if (out.size() < data_at) out.resize(data_at);
    out.resize(data_at);
    for (double v : data_words) {
      if (float_storage) put_float(out, static_cast<float>(v));
      else put16(out, static_cast<std::uint16_t>(static_cast<std::int32_t>(std::lround(v))));
    }
    while (out.size() % 512 != 0) out.push_back(std::byte{0});
    return out;
  }
};

}  // namespace touchdown::testing
