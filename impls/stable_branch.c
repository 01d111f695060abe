/* stable-branch: the textbook loss rewritten per sign of x so exp never overflows.
 *
 *   loss  x >= 0 ? x*(1-z) + log1p(exp(-x)) : -x*z + log1p(exp(x))
 *   grad  s - z,  s = 1/(1+exp(-x))
 *
 * Origin: the standard stable rewrite found in numerics texts and hand-written kernels:
 * each branch takes exp of -|x| and uses log1p, so neither overflow nor log(1+e) rounding
 * to 0 occurs.
 *
 * Weaknesses:
 *   - the loss has none to speak of: both terms of each branch are nonnegative, so they add
 *     without cancellation, 1-z is exact for z >= 1/2, and the error stays within about
 *     1.5 ulp (a few roundings; log1p(e) is accurate down to the subnormals).
 *   - the gradient is the textbook one: exp(-x) overflows for x < -88.72 (f32, bf16),
 *     -709.78 (f64), -11.09 (f16), where s = 0 flushes the z = 0 gradient; s rounds to 1 for
 *     x >= 16.64 (f32), 36.74 (f64), 7.62 (f16), 5.55 (bf16), so s - z cancels for z = 1,
 *     x >> 0 and is 0 from there on; s - z also cancels near s = z.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real one = real_const(1);
    if (x >= real_const(0))
        return real_add(real_mul(x, real_sub(one, z)), real_log1p(real_exp(real_neg(x))));
    return real_add(real_mul(real_neg(x), z), real_log1p(real_exp(x)));
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(real_sigmoid(x), z);
}

#else

#include "registry.h"
#define FORMULA stable_branch
#define FORMULA_SOURCE "stable_branch.c"
#include "scalar_template.h"

const struct implementation implementation_stable_branch = {
    .name = "stable-branch",
    .family = "stable",
    .formula = "x >= 0 ? x*(1-z) + log1p(exp(-x)) : -x*z + log1p(exp(x))",
    .gradient = "s - z, s = 1/(1+exp(-x))",
    .origin = "the stable per-sign rewrite of the textbook loss (numerics texts, hand-written kernels)",
    .weaknesses = "loss: none beyond about 1.5 ulp; gradient: s - z cancels for z = 1, x >> 0 "
                  "(0 for x >= 16.64 f32) and s = 0 for x < -88.72 (f32)",
    .kernels = SCALAR_KERNELS,
};

#endif
