/* textbook: the cross-entropy of the sigmoid, exactly as the definition reads.
 *
 *   loss  -(z*log(s) + (1-z)*log(1-s)),  s = 1/(1+exp(-x))
 *   grad  s - z
 *
 * Origin: the textbook definition of binary cross-entropy applied to a probability computed
 * from the logit; every "from scratch" implementation starts here.
 *
 * Weaknesses:
 *   - exp(-x) overflows for x < -88.72 (f32, bf16), -709.78 (f64), -11.09 (f16): s = 0, so
 *     log(s) = -inf and the loss is +inf for z > 0 and NaN (0 * -inf) for z = 0.
 *   - s rounds to 1 once exp(-x) <= 2^-p: x >= 16.64 (f32), 36.74 (f64), 7.62 (f16),
 *     5.55 (bf16); then log(1-s) = -inf and the loss is +inf for z < 1, NaN for z = 1.
 *     Before that, 1-s keeps only the absolute accuracy of s: the loss for z < 1 and the
 *     gradient for z = 1 lose all their significant bits as x grows.
 *   - s - z cancels where s is close to z.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real one = real_const(1);
    real s = real_sigmoid(x);
    real positive_term = real_mul(z, real_log(s));
    real negative_term = real_mul(real_sub(one, z), real_log(real_sub(one, s)));
    return real_neg(real_add(positive_term, negative_term));
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(real_sigmoid(x), z);
}

#else

#include "registry.h"
#define FORMULA textbook
#define FORMULA_SOURCE "textbook.c"
#include "scalar_template.h"

const struct implementation implementation_textbook = {
    .name = "textbook",
    .family = "textbook",
    .formula = "-(z*log(s) + (1-z)*log(1-s)), s = 1/(1+exp(-x))",
    .gradient = "s - z, s = 1/(1+exp(-x))",
    .origin = "the definition of binary cross-entropy applied to sigmoid(x)",
    .weaknesses = "exp(-x) overflows for x < -88.72 (f32): inf or NaN; s rounds to 1 for x >= 16.64 (f32): "
                  "log(1-s) = -inf; 1-s and s-z cancel",
    .kernels = SCALAR_KERNELS,
};

#endif
