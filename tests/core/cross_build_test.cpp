// cross_build_test.cpp: values recorded from the native x86-64 build that every build
// (WASM under Node, the browser's module, a sanitizer build) must reproduce, each to a
// stated tolerance:
//   - initial parameters and the relu1d data: bit-identical up to libm's last bit
//     (the normals go through log and sqrt): 1e-15 relative;
//   - the spiral data (sin, cos): 1e-12 relative;
//   - training in float, where the order of float sums may differ between SIMD widths
//     (Eigen's SSE kernels natively, scalar or SIMD128 code in WASM): a smooth run
//     (the single unit from -10, 2000 steps, w ~ -1.9e-8; its fresh batches come from
//     normal_bulk.h, the same floats in every build) to 1e-4 relative. The spiral
//     at step 1 (10000 full-batch steps) is pinned the same way in spiral_test.cpp
//     (2e-3 in loss, one point in accuracy), to train that net only once per suite.
//   - the exact landscape of a single unit (landscape_exact.h): double arithmetic, no
//     libm, a sort into a total order, no fused multiply-adds: bit-identical, every
//     value of a 256 x 256 grid (a hash of their bits, and a few values to read). Once
//     on a custom data set (no libm anywhere), once on W4's relu1d data, whose normals
//     go through log and sqrt but are rounded to float before use: a last-bit libm
//     difference would only show if it crossed a float rounding boundary.
// If a change to the engine moves these on purpose, record the new values here from
// the native build and say why in the change.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "landscape_exact.h"
#include "test_support.h"

namespace relulab {
namespace {

// Recorded from the native build (GCC 12, x86-64, Release).
constexpr double kGoldenSingleW = -1.87993727e-08, kGoldenSingleLoss = 0.525310814;

TEST(CrossBuild, InitialParametersAndData) {
  const Config add2 = testing::valid_config("task=add2&layers=4,4&out=relu&init=normal&binit=normal&seed=1");
  const std::vector<double> p = initial_parameters(add2, Layout(layer_sizes(add2), true));
  const std::vector<double> want_p = {-0.42749335575831182, -0.97881226870517191, -0.064824448961650738,
                                     -0.48384632137687039, 0.044541497977904014, 1.4401925559340008};
  for (size_t i = 0; i < want_p.size(); ++i) EXPECT_NEAR(p[i], want_p[i], 1e-15 * std::fabs(want_p[i])) << i;

  const Dataset relu1d = make_training_set(testing::valid_config("task=relu1d&seed=3"));
  const std::vector<double> want_x = {0.82154532543188619, 0.51397563705011018, 0.15314594789184913,
                                     -1.0110609980756611, 0.67225857410331213, 0.91690621107382697};
  for (size_t i = 0; i < want_x.size(); ++i) EXPECT_NEAR(relu1d.x[i], want_x[i], 1e-15 * std::fabs(want_x[i])) << i;

  const Dataset spiral = make_training_set(testing::valid_config("task=spiral&seed=1"));
  const std::vector<double> want_s = {0.46658504468770307, -0.19332462007086521, 0.48569469383631469,
                                     -0.17170249835733381, 0.39143918367977665, -0.35023646407001197};
  for (size_t i = 0; i < want_s.size(); ++i)
    EXPECT_NEAR(spiral.x[100 + i], want_s[i], 1e-12 * std::fabs(want_s[i])) << i;
}

TEST(CrossBuild, SingleUnitRun) {
  auto s = testing::trained("task=relu1d&out=relu&bias=0&weights=-10&fresh=1&steps=2000");
  ASSERT_TRUE(s);
  std::printf("single unit: w = %.9g, loss = %.9g\n", s->params()[0], s->evaluate().loss);
  EXPECT_NEAR(s->params()[0], kGoldenSingleW, 1e-4 * std::fabs(kGoldenSingleW));
  EXPECT_NEAR(s->evaluate().loss, kGoldenSingleLoss, 1e-5);
}

// FNV-1a over the bits of every value: equal hashes mean equal bits (but for a collision).
uint64_t bits_hash(const std::vector<double>& values) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (double v : values) {
    unsigned char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    for (unsigned char byte : bytes) h = (h ^ byte) * 0x100000001b3ull;
  }
  return h;
}

TEST(CrossBuild, ExactLandscapeBitForBit) {
  Grid g;  // W4's grid: [-3, 3]^2, w on x, b on y
  g.nx = g.ny = 256;
  const std::vector<double> w4 =
      exact_landscape<double>(testing::valid_config("task=relu1d&layers=&out=relu&bias=1&steps=0"), g);
  EXPECT_EQ(w4[0], 1.2282203081826171);
  EXPECT_EQ(w4[21930], 0.2503337795565338);
  EXPECT_EQ(w4[43690], 0.63100350417605955);
  EXPECT_EQ(w4[65535], 12.616578301100118);
  EXPECT_EQ(bits_hash(w4), 0x015e84aa53254592ull);
  const std::vector<double> custom = exact_landscape<double>(
      testing::valid_config(
          "task=custom&out=leaky&alpha=0.2&l2=0.3&points=-1.7,0.3,-0.4,-0.1,0.2,0.9,0.2,0.1,1.3,1.1,2.9,3.3"),
      g);
  EXPECT_EQ(custom[0], 8.777400226600971);
  EXPECT_EQ(custom[21930], 0.90486662592888312);
  EXPECT_EQ(custom[43690], 0.78060001159906756);
  EXPECT_EQ(custom[65535], 22.661400704630235);
  EXPECT_EQ(bits_hash(custom), 0xa5a1d944d7334747ull);
}

}  // namespace
}  // namespace relulab
