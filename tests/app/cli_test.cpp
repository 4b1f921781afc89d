// The touchdown command as scripts use it: exit codes, JSON contracts, messages naming the file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_data.hpp"

using touchdown::testing::data_path;

namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun run_cli(const std::string& arguments) {
  const std::string command = std::string("\"") + TOUCHDOWN_CLI_PATH + "\" " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string quoted(const std::filesystem::path& p) { return "\"" + p.string() + "\""; }

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("touchdown_cli_test_" + std::to_string(::getpid()) + "_" + name);
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_cli("").exit_code, 2);
  EXPECT_EQ(run_cli("frobnicate").exit_code, 2);
  const CliRun bad = run_cli("analyze --mass heavy");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("--mass"), std::string::npos);
  EXPECT_EQ(run_cli("analyze --no-such-flag").exit_code, 2);
  EXPECT_EQ(run_cli("--help").exit_code, 0);
}

TEST(Cli, MissingFileIsNamedAndExitsWithTwo) {
  const CliRun run = run_cli("inspect /nonexistent/trial.c3d");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("/nonexistent/trial.c3d"), std::string::npos) << run.out;
}

TEST(Cli, EmptyC3dIsNamedWithOffsetAndExitsWithTwo) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Empty.c3d");
  const CliRun run = run_cli("inspect " + quoted(data_path("c3d-conformance/vendor/btkdata_others/Empty.c3d")));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("Empty.c3d"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("at byte 0"), std::string::npos) << run.out;
}

TEST(Cli, InspectJsonHasTheContractFields) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const CliRun run = run_cli("inspect --json " + quoted(data_path("running/rbds/c3d/RBDS001runT35.c3d")));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto j = nlohmann::json::parse(run.out);
  // running/rbds/SOURCE.txt: 32 markers @150 Hz, 6 analog channels @300 Hz, one type-4 plate, Y up, mm.
  EXPECT_EQ(j.at("points"), 32);
  EXPECT_EQ(j.at("analog_channels"), 6);
  EXPECT_EQ(j.at("frames"), 4500);  // 30 s at 150 Hz
  EXPECT_EQ(j.at("point_rate_hz"), 150.0);
  EXPECT_EQ(j.at("analog_rate_hz"), 300.0);
  EXPECT_EQ(j.at("units"), "mm");
  EXPECT_EQ(j.at("up_axis"), "+Y");
  ASSERT_EQ(j.at("force_plates").size(), 1u);
  EXPECT_EQ(j.at("force_plates")[0].at("type"), 4);
  EXPECT_TRUE(j.at("events").is_array());
  EXPECT_TRUE(j.at("warnings").is_array());
}

TEST(Cli, DemoAnalysisWritesTheStepsContract) {
  const auto json_path = temp_file("demo.json");
  const auto csv_path = temp_file("demo.csv");
  const CliRun run = run_cli("analyze --quiet --json " + quoted(json_path) + " --csv " + quoted(csv_path));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto j = read_json(json_path);
  ASSERT_EQ(j.at("sessions").size(), 2u);
  const char* contract[] = {"side", "ic_s", "to_s", "strike_pattern", "foot_strike_angle_deg", "strike_index_pct",
                            "knee_flexion_ic_deg", "knee_flexion_excursion_deg", "contact_time_s", "impact_peak_bw",
                            "valr_bw_s", "vilr_bw_s", "braking_impulse_bws"};
  for (const auto& session : j.at("sessions")) {
    ASSERT_FALSE(session.at("steps").empty());
    for (const char* field : contract) EXPECT_TRUE(session.at("steps")[0].contains(field)) << field;
    for (const char* side : {"left", "right"}) {
      EXPECT_TRUE(session.at("summary").at(side).contains("strike_pattern"));
      EXPECT_TRUE(session.at("summary").at(side).contains("foot_strike_angle_deg"));
    }
    EXPECT_TRUE(session.at("provenance").contains("version"));
  }
  EXPECT_EQ(j.at("sessions")[0].at("summary").at("left").at("strike_pattern"), "rearfoot");
  EXPECT_EQ(j.at("sessions")[1].at("summary").at("left").at("strike_pattern"), "forefoot");
  std::ifstream csv(csv_path);
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("side,ic_s,to_s", 0), 0u) << header;
  std::filesystem::remove(json_path);
  std::filesystem::remove(csv_path);
}

TEST(Cli, WalkingTrialExitsWithOne) {
  TOUCHDOWN_REQUIRE_DATA("c3d-conformance/vendor/btkdata_others/Gait.c3d");
  const CliRun run = run_cli("analyze " + quoted(data_path("c3d-conformance/vendor/btkdata_others/Gait.c3d")));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("walking"), std::string::npos) << run.out;
}

TEST(Cli, ConvertC3dToTrcKeepsMarkersAndFrames) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const auto trc = temp_file("rbds.trc");
  const CliRun convert = run_cli("convert --quiet " + quoted(data_path("running/rbds/c3d/RBDS001runT35.c3d")) + " " + quoted(trc));
  ASSERT_EQ(convert.exit_code, 0) << convert.out;
  const CliRun inspect = run_cli("inspect --json " + quoted(trc));
  ASSERT_EQ(inspect.exit_code, 0) << inspect.out;
  const auto j = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(j.at("points"), 32);
  EXPECT_EQ(j.at("frames"), 4500);
  EXPECT_EQ(j.at("point_rate_hz"), 150.0);
  std::filesystem::remove(trc);
}

TEST(Cli, AnalyzeRbdsJsonReportsEventAgreement) {
  TOUCHDOWN_REQUIRE_DATA("running/rbds/c3d/RBDS001runT35.c3d");
  const auto json_path = temp_file("rbds.json");
  const CliRun run = run_cli("analyze --quiet --mass 62 --json " + quoted(json_path) + " " +
                          quoted(data_path("running/rbds/c3d/RBDS001runT35.c3d")) + " --static " +
                          quoted(data_path("running/rbds/c3d/RBDS001static.c3d")));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto j = read_json(json_path);
  EXPECT_GT(j.at("steps").size(), 80u);
  EXPECT_EQ(j.at("summary").at("left").at("strike_pattern"), "forefoot");
  EXPECT_EQ(j.at("summary").at("right").at("strike_pattern"), "forefoot");
  EXPECT_EQ(j.at("event_agreement").size(), j.at("steps").size());
  EXPECT_EQ(j.at("provenance").at("body_mass_kg"), 62.0);
  std::filesystem::remove(json_path);
}

}  // namespace
