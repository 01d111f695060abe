/* branchless: TensorFlow's sigmoid_cross_entropy_with_logits.
 *
 *   loss  max(x,0) - x*z + log1p(exp(-|x|))
 *   grad  [x>=0] - z + (x>=0 ? -e/(1+e) : e/(1+e)),  e = exp(-|x|)
 *
 * Origin: tf.nn.sigmoid_cross_entropy_with_logits (nn_impl.py): relu_logits - logits*labels
 * + log1p(exp(neg_abs_logits)), with relu and -|x| selected by where(x >= 0); the gradient is
 * what TensorFlow's autodiff builds from those ops: the where selects 1 or 0, the product
 * -z, and log1p(exp(-|x|)) contributes -+e/(1+e) through the sign of -|x|.
 *
 * Weaknesses:
 *   - for x > 0 and soft z near 1, x - x*z cancels: x*z is rounded first, so the result
 *     carries an absolute error of ulp(x)/2, about 1/(2(1-z)) ulp of the loss (f32, x = 100,
 *     z = 1 - 2^-20: 524288 ulp).  Hard targets are exact there (x - x = 0, then log1p(e)),
 *     and for x < 0 the terms do not cancel.  Nothing overflows or flushes early.
 *   - gradient: [x>=0] - z is exact for hard z and for z in [1/2, 1]; the sum cancels where
 *     s is close to z (f32 near x = 0.18, z = 0.54: 145 ulp); e/(1+e) is accurate down to
 *     the subnormal range, so the tails are good.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real relu = real_max(x, real_const(0));
    real softplus_term = real_log1p(real_exp(real_neg(real_abs(x))));
    return real_add(real_sub(relu, real_mul(x, z)), softplus_term);
}

static real INSTANCE(grad)(real x, real z)
{
    real e = real_exp(real_neg(real_abs(x)));
    real fraction = real_div(e, real_add(real_const(1), e));
    real step = x >= real_const(0) ? real_const(1) : real_const(0);
    real softplus_term = x >= real_const(0) ? real_neg(fraction) : fraction;
    return real_add(real_sub(step, z), softplus_term);
}

#else

#include "registry.h"
#define FORMULA branchless
#define FORMULA_SOURCE "branchless.c"
#include "scalar_template.h"

const struct implementation implementation_branchless = {
    .name = "branchless",
    .family = "framework",
    .formula = "max(x,0) - x*z + log1p(exp(-|x|))",
    .gradient = "[x>=0] - z + (x>=0 ? -e/(1+e) : e/(1+e)), e = exp(-|x|)",
    .origin = "TensorFlow's tf.nn.sigmoid_cross_entropy_with_logits and its autodiff gradient",
    .weaknesses = "max(x,0) - x*z cancels for x > 0, soft z near 1; gradient cancels near s = z; "
                  "no overflow or flush",
    .kernels = SCALAR_KERNELS,
};

#endif
