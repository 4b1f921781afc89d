// TEMPORARY (branch opensim): the C3D reader is written on branch `c3d`. Until it is merged, these
// definitions let read_trial link. DELETE THIS FILE when merging `c3d` (the real reader replaces it).
#include "touchdown/c3d.hpp"
#include "touchdown/error.hpp"

namespace touchdown {
Trial read_c3d(const std::filesystem::path& path, const C3dReadOptions&) {
  throw InputError(path.string(), "C3D reader not built in this branch (pending merge of branch c3d)");
}
Trial read_c3d_bytes(std::span<const std::byte>, const std::string& name, const C3dReadOptions&) {
  throw InputError(name, "C3D reader not built in this branch (pending merge of branch c3d)");
}
void write_c3d(const Trial&, const std::filesystem::path& path) {
  throw InputError(path.string(), "C3D writer not built in this branch (pending merge of branch c3d)");
}
}  // namespace touchdown
