/* pytorch-legacy: binary_cross_entropy_with_logits as PyTorch computed it before 2024.
 *
 *   loss  (1-z)*x + m + log(exp(-m) + exp(-x-m)),  m = max(-x,0)
 *   grad  s - z,  s = 1/(1+exp(-x))
 *
 * Origin: aten/src/ATen/native/Loss.cpp up to PyTorch 2.2: max_val = (-input).clamp_min_(0);
 * (1 - target).mul_(input).add_(max_val).add_((-max_val).exp_().add_((-input - max_val).exp_()).log_()).
 *
 * Weaknesses:
 *   - the log-sum-exp log(exp(-m) + exp(-x-m)) is log(1 + e) with e = exp(-|x|), taken with
 *     a plain log: it is 0 once e <= 2^-p, |x| >= 16.64 (f32), 36.74 (f64), 7.62 (f16),
 *     5.55 (bf16), so the loss of a confident correct prediction (z = 1, x >> 0) is flushed
 *     to 0, and below that threshold it keeps only the absolute accuracy of 1 + e.
 *   - for x < 0, (1-z)*x + m = (1-z)*x - x cancels to -z*x with the rounding of (1-z)*x:
 *     for z = 0 it is exact, and the result is log(1 + e) ~ e, flushed to 0 for x <= -16.64
 *     (f32) like the z = 1 case.
 *   - gradient: as the textbook one, exp(-x) overflows for x < -88.72 (f32) and s - z
 *     cancels for z = 1, x >> 0.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real m = real_max(real_neg(x), real_const(0));
    real log_sum_exp = real_log(real_add(real_exp(real_neg(m)), real_exp(real_sub(real_neg(x), m))));
    return real_add(real_add(real_mul(real_sub(real_const(1), z), x), m), log_sum_exp);
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(real_sigmoid(x), z);
}

#else

#include "registry.h"
#define FORMULA pytorch_legacy
#define FORMULA_SOURCE "pytorch_legacy.c"
#include "scalar_template.h"

const struct implementation implementation_pytorch_legacy = {
    .name = "pytorch-legacy",
    .family = "framework",
    .formula = "(1-z)*x + m + log(exp(-m) + exp(-x-m)), m = max(-x,0)",
    .gradient = "s - z, s = 1/(1+exp(-x))",
    .origin = "PyTorch binary_cross_entropy_with_logits before 2024 (ATen Loss.cpp, max_val form)",
    .weaknesses = "log(1+e) with plain log: loss flushed to 0 for |x| >= 16.64 (f32) on confident correct "
                  "predictions; gradient s - z cancels for z = 1, x >> 0",
    .kernels = SCALAR_KERNELS,
};

#endif
