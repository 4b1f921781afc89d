#include <iostream>

#include "cli.hpp"

namespace touchdown::cli {
int run_inspect(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {"json"}, {});
  if (parsed.positional.size() != 1) throw UsageError("expected exactly one FILE");
  std::cerr << "inspect: readers not yet linked\n";
  return 1;
}
int run_convert(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {}, {});
  if (parsed.positional.size() != 2) throw UsageError("expected IN and OUT");
  return 1;
}
}  // namespace touchdown::cli
