#pragma once
// Shared command-line plumbing: the subcommand table and a small option parser.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace touchdown::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string usage;
  std::string summary;
  std::function<int(const std::vector<std::string>&)> run;
};
const std::vector<Command>& commands();

// Parses `--flag`, `--key VALUE` and `--key=VALUE`; everything else is positional.
// Unknown options are a UsageError, so a typo never silently changes a result.
struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  [[nodiscard]] bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  [[nodiscard]] std::optional<std::string> value(const std::string& key) const;
  [[nodiscard]] std::optional<double> number(const std::string& key) const;
};
ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& flag_names,
                      const std::set<std::string>& value_names);

int run_inspect(const std::vector<std::string>& args);
int run_convert(const std::vector<std::string>& args);
int run_analyze(const std::vector<std::string>& args);

}  // namespace touchdown::cli
