/* pytorch: PyTorch 2.x's binary_cross_entropy_with_logits (the composite, no pos_weight).
 *
 *   loss  (1-z)*x - log_sigmoid(x),  log_sigmoid(x) = min(x,0) - log1p(exp(-|x|))
 *   grad  s - z,  s = 1/(1+exp(-x))
 *
 * Origin: aten/src/ATen/native/Loss.cpp, (1 - target).mul_(input).sub_(log_sigmoid(input)),
 * with the CPU log_sigmoid kernel min(x,0) - log1p(exp(-|x|)); the backward is written by
 * hand as (sigmoid(input) - target) * grad_output.
 *
 * Weaknesses:
 *   - for x < 0, (1-z)*x and log_sigmoid(x) = x - log1p(e) are close and cancel; with z = 0
 *     the loss log1p(e) ~ exp(x) is lost once it is below half an ulp of x: the loss is
 *     exactly 0 for x <= -14.56 (f32; at x = -16 it is 0 for a true 1.1e-7), -33.27 (f64),
 *     -6.24 (f16), -4.16 (bf16), and wrong in most bits well before.
 *   - (1-z)*x also cancels against the log for small soft z with x < 0 (f32, x = -10,
 *     z = 2^-10: 405 ulp).
 *   - gradient: exp(-x) overflows for x < -88.72 (f32, bf16), -709.78 (f64), -11.09 (f16):
 *     s = 0, the z = 0 gradient is flushed; s rounds to 1 for x >= 16.64 (f32) and s - z
 *     cancels for z = 1, x >> 0.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(log_sigmoid)(real x)
{
    real minimum = real_min(x, real_const(0));
    return real_sub(minimum, real_log1p(real_exp(real_neg(real_abs(x)))));
}

static real INSTANCE(loss)(real x, real z)
{
    return real_sub(real_mul(real_sub(real_const(1), z), x), INSTANCE(log_sigmoid)(x));
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(real_sigmoid(x), z);
}

#else

#include "registry.h"
#define FORMULA pytorch
#define FORMULA_SOURCE "pytorch.c"
#include "scalar_template.h"

const struct implementation implementation_pytorch = {
    .name = "pytorch",
    .family = "framework",
    .formula = "(1-z)*x - log_sigmoid(x), log_sigmoid(x) = min(x,0) - log1p(exp(-|x|))",
    .gradient = "s - z, s = 1/(1+exp(-x))",
    .origin = "PyTorch 2.x binary_cross_entropy_with_logits (ATen Loss.cpp, CPU log_sigmoid)",
    .weaknesses = "(1-z)*x - log_sigmoid(x) cancels for x < 0: 0 for x <= -14.56, z = 0 (f32); "
                  "gradient s - z cancels for z = 1, x >> 0 and s = 0 for x < -88.72 (f32)",
    .kernels = SCALAR_KERNELS,
};

#endif
