#include <gtest/gtest.h>
#include "session.h"
TEST(Smoke, Runs) { EXPECT_TRUE(relulab::parse_config("task=add2").ok()); }
