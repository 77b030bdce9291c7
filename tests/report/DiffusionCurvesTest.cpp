// Diffusion curves: attribution of adoptions to campaigns and the censoring of late campaigns.
#include "pilotsim/report/DiffusionCurves.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace pilotsim {
namespace {

TEST(DiffusionCurvesTest, SharesByMonthsSinceStartAveragedOverCampaigns) {
  // Level 1: campaign A (units 0-3, start 0) and B (units 4-7, start 2), both lineage 9 in
  // replicate 0, last measured month 4.
  const std::vector<DiffusionCampaign> campaigns{{0, 9, 0, 4, 0, 1}, {0, 9, 4, 8, 2, 1}};
  const std::vector<DiffusionAdoption> adoptions{
      {0, 9, 1, 0},  // A, age 0
      {0, 9, 2, 2},  // A, age 2
      {0, 9, 5, 3},  // B, age 1
      {0, 8, 3, 1},  // another lineage: no campaign
      {1, 9, 0, 1},  // another replicate: no campaign
  };
  const auto curves = diffusionCurves(campaigns, adoptions, 4);
  ASSERT_EQ(curves.size(), 1u);
  EXPECT_EQ(curves[0].level, 1);
  EXPECT_EQ(curves[0].campaigns, 2);
  // A observed at ages 0..4, B at ages 0..2.
  ASSERT_EQ(curves[0].share.size(), 5u);
  EXPECT_DOUBLE_EQ(curves[0].share[0].mean, (0.25 + 0.0) / 2);
  EXPECT_DOUBLE_EQ(curves[0].share[1].mean, (0.25 + 0.25) / 2);
  EXPECT_DOUBLE_EQ(curves[0].share[2].mean, (0.5 + 0.25) / 2);
  EXPECT_EQ(curves[0].share[2].n, 2);
  EXPECT_DOUBLE_EQ(curves[0].share[3].mean, 0.5);  // B no longer observed
  EXPECT_EQ(curves[0].share[3].n, 1);
}

TEST(DiffusionCurvesTest, AdoptionGoesToTheLatestCoveringCampaignThatHadStarted) {
  // A narrow campaign (units 0-1, level 2, start 0) and a wider one of the same lineage from higher
  // up (units 0-3, level 1, start 3).
  const std::vector<DiffusionCampaign> campaigns{{0, 5, 0, 2, 0, 2}, {0, 5, 0, 4, 3, 1}};
  const std::vector<DiffusionAdoption> adoptions{{0, 5, 1, 2}, {0, 5, 0, 4}, {0, 5, 3, 5}};
  const auto curves = diffusionCurves(campaigns, adoptions, 5);
  ASSERT_EQ(curves.size(), 2u);
  // Level 1 (the wider campaign) first: units 0 and 3 at ages 1 and 2, out of 4.
  EXPECT_EQ(curves[0].level, 1);
  EXPECT_DOUBLE_EQ(curves[0].share[0].mean, 0);
  EXPECT_DOUBLE_EQ(curves[0].share[1].mean, 0.25);
  EXPECT_DOUBLE_EQ(curves[0].share[2].mean, 0.5);
  // Level 2: unit 1 at age 2, out of 2; unit 0's adoption at month 4 went to the wider campaign.
  EXPECT_EQ(curves[1].level, 2);
  EXPECT_DOUBLE_EQ(curves[1].share[5].mean, 0.5);
}

}  // namespace
}  // namespace pilotsim
