#include "touchdown/trial.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "touchdown/error.hpp"

using namespace touchdown;

TEST(PointSet, FindsLabelsExactlyThenIgnoringCase) {
  PointSet points;
  points.tracks.push_back({"LHEE", "", {}, {}});
  points.tracks.push_back({"lhee", "", {}, {}});
  points.tracks.push_back({"RTOE", "", {}, {}});
  EXPECT_EQ(points.find("lhee"), 1u);
  EXPECT_EQ(points.find("rtoe"), 2u);
  EXPECT_FALSE(points.find("RHEE").has_value());
}

TEST(PointSet, ConvertsDeclaredUnitsToMetres) {
  PointSet points;
  points.units = "mm";
  EXPECT_DOUBLE_EQ(points.to_metres(), 1e-3);
  points.units = "M";
  EXPECT_DOUBLE_EQ(points.to_metres(), 1.0);
  points.units = "px";
  EXPECT_TRUE(std::isnan(points.to_metres()));
}

TEST(Axis, NamesCarryTheSign) {
  EXPECT_EQ((Axis{1, 1}).name(), "+Y");
  EXPECT_EQ((Axis{0, -1}).name(), "-X");
}

TEST(InputError, NamesFileOffsetAndProblem) {
  InputError error("walk.c3d", "parameter section truncated", 1536);
  EXPECT_STREQ(error.what(), "walk.c3d: at byte 1536: parameter section truncated");
  EXPECT_EQ(error.byte_offset(), 1536u);
}
