// libFuzzer harness for the C3D reader: any byte string must give a Trial or an InputError, never a
// crash, hang, UB or huge allocation. Seed it with the conformance files:
//   build/fuzz/fuzz_c3d -max_total_time=120 -max_len=1048576 -rss_limit_mb=2048 /tmp/c3dcorpus <data dirs>
#include <cstddef>
#include <cstdint>
#include <span>

#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  try {
    const touchdown::Trial trial = touchdown::read_c3d_bytes(bytes, "fuzz.c3d");
    (void)trial;
  } catch (const touchdown::InputError&) {
  }
  try {
    const touchdown::C3dParameters parameters = touchdown::read_c3d_parameters_bytes(bytes, "fuzz.c3d");
    (void)parameters;
  } catch (const touchdown::InputError&) {
  }
  return 0;
}
