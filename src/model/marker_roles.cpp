#include "model/marker_roles.hpp"

#include <string>

namespace touchdown::model {
namespace {
struct Token {
  std::string_view prefix;
  MarkerRole role;
};
// Matched against the start of the label once the side and any "Subject:" prefix are removed
// (Qualisys names: L_IAS/L_IPS pelvis, CV7/TV8/SNJ/SXS trunk, L_HDF head, L_FCC heel, L_FM1 toe).
// Longer, more specific prefixes come first.
constexpr Token kTokens[] = {
    {"foot.med", MarkerRole::toe}, {"foot.lat", MarkerRole::toe}, {"foot_med", MarkerRole::toe}, {"foot_lat", MarkerRole::toe},
    {"heel", MarkerRole::heel}, {"hee", MarkerRole::heel}, {"calc", MarkerRole::heel}, {"cal", MarkerRole::heel},
    {"fcc", MarkerRole::heel},
    {"toe", MarkerRole::toe}, {"mt", MarkerRole::toe}, {"met", MarkerRole::toe}, {"fm", MarkerRole::toe},
    {"hallux", MarkerRole::toe}, {"hal", MarkerRole::toe},
    {"foot", MarkerRole::foot}, {"ankle", MarkerRole::foot}, {"ank", MarkerRole::foot}, {"lmal", MarkerRole::foot},
    {"mmal", MarkerRole::foot}, {"mal", MarkerRole::foot},
    {"asis", MarkerRole::pelvis}, {"asi", MarkerRole::pelvis}, {"psis", MarkerRole::pelvis}, {"psi", MarkerRole::pelvis},
    {"sacr", MarkerRole::pelvis}, {"v.sacr", MarkerRole::pelvis}, {"pelvis", MarkerRole::pelvis}, {"pelv", MarkerRole::pelvis},
    {"iliac", MarkerRole::pelvis}, {"eias", MarkerRole::pelvis}, {"eips", MarkerRole::pelvis}, {"eas", MarkerRole::pelvis},
    {"eps", MarkerRole::pelvis}, {"crete", MarkerRole::pelvis}, {"s2", MarkerRole::pelvis},
    {"ias", MarkerRole::pelvis}, {"ips", MarkerRole::pelvis},  // Qualisys/ISB: L_IAS, R_IPS
    {"c7", MarkerRole::trunk}, {"t8", MarkerRole::trunk}, {"t10", MarkerRole::trunk}, {"t12", MarkerRole::trunk},
    {"clav", MarkerRole::trunk}, {"strn", MarkerRole::trunk}, {"stern", MarkerRole::trunk}, {"ij", MarkerRole::trunk},
    {"px", MarkerRole::trunk}, {"head", MarkerRole::trunk}, {"tete", MarkerRole::trunk}, {"fhd", MarkerRole::trunk},
    {"bhd", MarkerRole::trunk}, {"acr", MarkerRole::trunk}, {"sho", MarkerRole::trunk},
    {"cv7", MarkerRole::trunk}, {"tv", MarkerRole::trunk}, {"snj", MarkerRole::trunk}, {"sxs", MarkerRole::trunk},
    {"hdf", MarkerRole::trunk}, {"hdb", MarkerRole::trunk}, {"xiph", MarkerRole::trunk},
};

MarkerRole role_of(std::string_view core) {
  for (const Token& token : kTokens)
    if (core.substr(0, token.prefix.size()) == token.prefix) return token.role;
  return MarkerRole::unknown;
}

bool separator(char c) { return c == '.' || c == '_' || c == ' ' || c == '-'; }
}  // namespace

MarkerName classify_marker(std::string_view label) {
  if (const std::size_t colon = label.rfind(':'); colon != std::string_view::npos) label = label.substr(colon + 1);
  std::string lower(label);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::string_view core = lower;
  MarkerName name;

  // Side as a word: "left_", "right."
  for (const auto& [word, side] : {std::pair{std::string_view("left"), Side::left}, std::pair{std::string_view("right"), Side::right}}) {
    if (core.substr(0, word.size()) == word && core.size() > word.size() && separator(core[word.size()])) {
      name.side = side;
      core.remove_prefix(word.size() + 1);
    }
  }
  // Side as a suffix: "calcn_r", "toes_l", "heel.r".
  if (name.side == Side::none && core.size() > 2 && separator(core[core.size() - 2]) &&
      (core.back() == 'l' || core.back() == 'r')) {
    const MarkerRole role = role_of(core.substr(0, core.size() - 2));
    if (role != MarkerRole::unknown) {
      name.side = core.back() == 'l' ? Side::left : Side::right;
      name.role = role;
      return name;
    }
  }
  // Side as a leading letter: "LHEE", "R.Heel", "l_foot_1" (only when the rest is a known marker).
  if (name.side == Side::none && core.size() > 1 && (core[0] == 'l' || core[0] == 'r')) {
    std::string_view rest = core.substr(1);
    if (!rest.empty() && separator(rest[0])) rest.remove_prefix(1);
    const MarkerRole role = role_of(rest);
    if (role != MarkerRole::unknown) {
      name.side = core[0] == 'l' ? Side::left : Side::right;
      name.role = role;
      return name;
    }
  }
  name.role = role_of(core);
  return name;
}

}  // namespace touchdown::model
