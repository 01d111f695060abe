/* seed-simplified: the "mathematically equivalent" simplification of the textbook loss.
 *
 *   loss  x*(1-z) + log(1+exp(-x))
 *   grad  s - z,  s = 1/(1+exp(-x))
 *
 * Origin: substituting s = 1/(1+exp(-x)) into -(z*log(s) + (1-z)*log(1-s)) and collecting
 * terms, as derivations and tutorials do before they reach for a stable form.
 *
 * Weaknesses:
 *   - exp(-x) overflows for x < -88.72 (f32, bf16), -709.78 (f64), -11.09 (f16): the loss is
 *     +inf (z = 0) or NaN (inf - inf, z > 0), where the true loss is about -x*z.
 *   - 1+exp(-x) rounds to 1 once exp(-x) <= 2^-p: x >= 16.64 (f32), 36.74 (f64), 7.62 (f16),
 *     5.55 (bf16); the loss for z = 1 is then 0 (true value exp(-x)), and log(1+e) keeps only
 *     the absolute accuracy of 1+e below that.
 *   - x*(1-z) and log(1+exp(-x)) cancel for x << 0 (they are nearly opposite), before the
 *     overflow; 1-z loses bits for z near 1.
 *   - the gradient is the textbook one: s - z cancels near s = z and for z = 1, x >> 0.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real one = real_const(1);
    real linear_term = real_mul(x, real_sub(one, z));
    real softplus_term = real_log(real_add(one, real_exp(real_neg(x))));
    return real_add(linear_term, softplus_term);
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(real_sigmoid(x), z);
}

#else

#include "registry.h"
#define FORMULA seed_simplified
#define FORMULA_SOURCE "seed_simplified.c"
#include "scalar_template.h"

const struct implementation implementation_seed_simplified = {
    .name = "seed-simplified",
    .family = "textbook",
    .formula = "x*(1-z) + log(1+exp(-x))",
    .gradient = "s - z, s = 1/(1+exp(-x))",
    .origin = "the textbook loss simplified by substituting s = 1/(1+exp(-x))",
    .weaknesses = "exp(-x) overflows for x < -88.72 (f32): +inf or NaN; log(1+e) = 0 for x >= 16.64 (f32): "
                  "flush at z = 1; x*(1-z) and log(1+exp(-x)) cancel for x << 0",
    .kernels = SCALAR_KERNELS,
};

#endif
