// A marker-set profile written by the user in TOML (format in landmarks.hpp), for labels no built-in
// profile knows. Every key is checked: a typo must not silently drop a landmark.
#include <fstream>
#include <sstream>
#include <string>

#include <toml++/toml.h>

#include "touchdown/error.hpp"
#include "touchdown/landmarks.hpp"

namespace touchdown {
namespace {

constexpr std::string_view kSideToken = "{S}";

std::optional<std::uint64_t> line_of(const toml::node& node) {
  const auto& where = node.source();
  if (where.begin.line == 0) return std::nullopt;
  return where.begin.line;
}

// A label or an array of labels.
std::vector<std::string> labels_of(const toml::node& node, std::string_view key, const std::string& file) {
  std::vector<std::string> labels;
  auto take = [&](const toml::node& item) {
    auto text = item.value<std::string>();
    if (!text || text->empty())
      throw InputError(file, "'" + std::string(key) + "' must be a marker label or a list of labels (non-empty strings)",
                       std::nullopt, line_of(item));
    labels.push_back(*text);
  };
  if (const auto* array = node.as_array()) {
    for (const auto& item : *array) take(item);
    if (labels.empty())
      throw InputError(file, "'" + std::string(key) + "' is an empty list", std::nullopt, line_of(node));
  } else {
    take(node);
  }
  return labels;
}

std::string with_side(std::string label, char side_letter) {
  for (auto at = label.find(kSideToken); at != std::string::npos; at = label.find(kSideToken))
    label.replace(at, kSideToken.size(), 1, side_letter);
  return label;
}

std::optional<Cluster> cluster_from_key(std::string_view key) {
  for (Cluster c : {Cluster::thigh, Cluster::shank, Cluster::foot})
    if (key == std::string(to_string(c)) + "_cluster") return c;
  return std::nullopt;
}

// Adds one side's entries of `table`. `both_sides`: labels are templates and must contain "{S}".
void add_side_table(const toml::table& table, std::string_view table_name, SideMarkerNames& names, char side_letter,
                    bool both_sides, const std::string& file) {
  for (const auto& [key_node, value] : table) {
    const std::string key(key_node.str());
    auto labels = labels_of(value, key, file);
    for (auto& label : labels) {
      if (both_sides && label.find(kSideToken) == std::string::npos)
        throw InputError(file,
                         "label '" + label + "' in [" + std::string(table_name) +
                             "] applies to both sides and needs \"{S}\" where the side letter goes (e.g. \"{S}HEE\"); "
                             "put side-specific labels under [left] or [right]",
                         std::nullopt, line_of(value));
      label = with_side(label, side_letter);
    }
    std::vector<std::string>* target = nullptr;
    if (auto l = landmark_from_string(key)) target = &names.landmarks[static_cast<std::size_t>(*l)];
    else if (auto c = cluster_from_key(key)) target = &names.clusters[static_cast<std::size_t>(*c)];
    if (!target)
      throw InputError(file,
                       "unknown key '" + key + "' in [" + std::string(table_name) +
                           "]; expected a landmark (asis, psis, greater_trochanter, hip_centre, knee_lateral, "
                           "knee_medial, knee_centre, ankle_lateral, ankle_medial, ankle_centre, heel, toe, "
                           "fifth_metatarsal) or thigh_cluster, shank_cluster, foot_cluster",
                       std::nullopt, line_of(value));
    // Side-specific labels go first: they are the user's most specific statement.
    if (both_sides) target->insert(target->end(), labels.begin(), labels.end());
    else target->insert(target->begin(), labels.begin(), labels.end());
  }
}

}  // namespace

MarkerProfile parse_marker_profile_toml(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw InputError(name, "not valid TOML: " + std::string(e.description()), std::nullopt,
                     e.source().begin.line ? std::optional<std::uint64_t>(e.source().begin.line) : std::nullopt);
  }

  MarkerProfile profile;
  profile.source = name;
  profile.name = "user profile " + name;
  const toml::table* markers = nullptr;
  const toml::table* left = nullptr;
  const toml::table* right = nullptr;
  for (const auto& [key_node, value] : root) {
    const std::string key(key_node.str());
    if (key == "name" || key == "description") {
      auto s = value.value<std::string>();
      if (!s) throw InputError(name, "'" + key + "' must be a string", std::nullopt, line_of(value));
      if (key == "name") profile.name = *s;
      continue;
    }
    const auto* table = value.as_table();
    if (key == "markers" || key == "left" || key == "right" || key == "pelvis") {
      if (!table) throw InputError(name, "'" + key + "' must be a table ([" + key + "])", std::nullopt, line_of(value));
      if (key == "markers") markers = table;
      if (key == "left") left = table;
      if (key == "right") right = table;
      if (key == "pelvis") {
        for (const auto& [pkey_node, pvalue] : *table) {
          const std::string pkey(pkey_node.str());
          if (pkey == "sacrum") profile.sacrum = labels_of(pvalue, pkey, name);
          else if (pkey == "cluster") profile.pelvis_cluster = labels_of(pvalue, pkey, name);
          else
            throw InputError(name, "unknown key '" + pkey + "' in [pelvis]; expected sacrum or cluster", std::nullopt,
                             line_of(pvalue));
        }
      }
      continue;
    }
    throw InputError(name, "unknown key '" + key + "'; expected name, description, [markers], [left], [right], [pelvis]",
                     std::nullopt, line_of(value));
  }
  if (markers) {
    add_side_table(*markers, "markers", profile.left, 'L', true, name);
    add_side_table(*markers, "markers", profile.right, 'R', true, name);
  }
  if (left) add_side_table(*left, "left", profile.left, 'L', false, name);
  if (right) add_side_table(*right, "right", profile.right, 'R', false, name);
  if (!markers && !left && !right)
    throw InputError(name, "the profile names no markers: add a [markers], [left] or [right] table");
  return profile;
}

MarkerProfile load_marker_profile_toml(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open the marker profile");
  // A profile is a few hundred bytes; refuse anything that is clearly not one before reading it.
  constexpr std::uintmax_t kMaxProfileBytes = 1 << 20;
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxProfileBytes)
    throw InputError(path.string(), "marker profile is " + std::to_string(size) + " bytes; a profile is at most 1 MiB");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_marker_profile_toml(text.str(), path.string());
}

}  // namespace touchdown
