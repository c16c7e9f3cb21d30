// last_tenth.h: the rule that tells a failed run that is still improving from one
// stuck on a plateau, by its loss over the last tenth of training. A run of S steps
// has W = floor(S / 10) steps in its last tenth, which begins at step C = S - W. With
// L_C and L_S its loss on the whole training set at steps C and S, it is improving when
//   L_C - L_S > kImprovingDrop * L_C,  L_C finite and > 0.
// Sessions measure L_C when they reach step C; sweeps on lanes stop a run there to
// measure it (sweep.cpp); classify (sweep.h) applies the rule.
#pragma once
#include <cmath>
#include <cstdint>

namespace relulab {

// The relative drop over the last tenth above which a run counts as improving. On the
// adder (tests/core/add2_sweep_test.cpp) ReLU runs frozen on a plateau drop by exactly
// 0, and sigmoid runs that are slow, not stuck, by more than 2e-4.
constexpr double kImprovingDrop = 1e-4;

// C: the step where the last tenth of a run of `steps` steps begins.
constexpr int64_t last_tenth_start(int64_t steps) { return steps - steps / 10; }

// Whether the loss fell over the last tenth by more than kImprovingDrop of L_C.
inline bool still_improving(double loss_at_last_tenth, double final_loss) {
  return std::isfinite(loss_at_last_tenth) && loss_at_last_tenth > 0 &&
         loss_at_last_tenth - final_loss > kImprovingDrop * loss_at_last_tenth;
}

}  // namespace relulab
