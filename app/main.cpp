// touchdown: command-line entry point. Each subcommand lives in its own file (app/cmd_*.cpp).
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "touchdown/error.hpp"
#include "touchdown/version.hpp"

namespace {
void print_usage(std::ostream& out) {
  out << "touchdown " << touchdown::kVersion << " - how each foot lands and what it does to the knee\n\n"
      << "Usage: touchdown <command> [options]\n\n"
      << "Commands:\n";
  for (const auto& command : touchdown::cli::commands()) out << "  " << command.usage << "\n      " << command.summary << "\n";
  out << "\nExit codes: 0 ok, 1 analysis problem, 2 bad input or usage.\n";
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "touchdown " << touchdown::kVersion << "\n";
    return 0;
  }
  for (const auto& command : touchdown::cli::commands()) {
    if (command.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
      return command.run(rest);
    } catch (const touchdown::cli::UsageError& e) {
      std::cerr << "touchdown " << command.name << ": " << e.what() << "\nUsage: " << command.usage << "\n";
      return 2;
    } catch (const touchdown::InputError& e) {
      std::cerr << "touchdown: error: " << e.what() << "\n";
      return 2;
    } catch (const touchdown::AnalysisError& e) {
      std::cerr << "touchdown: analysis failed: " << e.what() << "\n";
      return 1;
    } catch (const std::exception& e) {
      std::cerr << "touchdown: internal error: " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "touchdown: unknown command '" << args[0] << "'\n\n";
  print_usage(std::cerr);
  return 2;
}
