/* keras-probs: Keras' binary cross-entropy on probabilities, fed sigmoid(x).
 *
 *   loss  -(z*log(p) + (1-z)*log(1-p)),  p = clip(s, eps, 1-eps),  s = 1/(1+exp(-x)),
 *         eps = 1e-7, and 1 - 1e-7, each rounded to the computing format
 *   grad  eps <= s <= 1-eps ? (-z/p + (1-z)/(1-p)) * (s*(1-s)) : 0
 *
 * Origin: keras.ops.binary_crossentropy with from_logits=False (Keras 3's NumPy backend, and
 * every backend's path for probabilities): output = clip(output, epsilon(), 1 - epsilon()),
 * target*log(output) + (1-target)*log(1-output), negated; applied to sigmoid(logits), as a
 * model with a sigmoid output layer does.  The gradient is TensorFlow's autodiff: clip passes
 * the gradient on [eps, 1-eps] (ends included) and 0 outside, sigmoid's gradient op is
 * s*(1-s).
 *
 * Weaknesses:
 *   - the clip bounds the loss: for f32, s < 1e-7 (x < -16.12) gives p = 1e-7 and the z = 1
 *     loss stays at -log(1e-7) = 16.12 instead of -x.  At the top, f32's s steps from
 *     1 - 2^-23 (the clip bound itself) straight to 1 at x = 16.64, so 1-p >= 2^-23: the z = 0
 *     loss stops at 15.94 instead of x, and the z = 1 loss at 1.19e-7 instead of exp(-x).
 *   - f16 and bf16: 1 - 1e-7 rounds to 1, so the upper clip is no clip: s rounds to 1 for
 *     x >= 7.62 (f16), 5.55 (bf16), log(1-p) = -inf and the loss is +inf (z < 1) or NaN.
 *     In f16, 1e-7 rounds to 2^-23 and exp(-x) overflows below x = -11.09, where s = 0 is
 *     clipped to 2^-23: the z = 1 loss stops at 15.95.
 *   - the gradient is 0 wherever the clip is active: f32 x < -16.12 with z = 1 gives 0
 *     instead of -1 (a vanishing gradient for the most wrong predictions), and so does
 *     x >= 16.64 with z = 0; in f16/bf16 the unclipped s = 1 gives (1-z)/0 * 0 = NaN.
 *     Inside, 1-s cancels for x >> 0 and s - z's cancellation is there as well.
 *   - a NaN input gives the gradient 0 (it is outside the clip), not NaN.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

/* np.clip(s, eps, 1 - eps) = minimum(maximum(s, eps), 1 - eps). */
static real INSTANCE(clip)(real s)
{
    return real_min(real_max(s, real_const(1e-7)), real_const(1.0 - 1e-7));
}

static real INSTANCE(loss)(real x, real z)
{
    real one = real_const(1);
    real p = INSTANCE(clip)(real_sigmoid(x));
    real positive_term = real_mul(z, real_log(p));
    real negative_term = real_mul(real_sub(one, z), real_log(real_sub(one, p)));
    return real_neg(real_add(positive_term, negative_term));
}

static real INSTANCE(grad)(real x, real z)
{
    real one = real_const(1);
    real s = real_sigmoid(x);
    /* TF's Maximum and Minimum gradients pass where s >= eps and s <= 1 - eps; a NaN s
     * passes neither, so a NaN input gets gradient 0, as in TensorFlow. */
    if (!(s >= real_const(1e-7) && s <= real_const(1.0 - 1e-7)))
        return real_const(0);
    real p = INSTANCE(clip)(s);
    real dloss_dp = real_add(real_div(real_neg(z), p), real_div(real_sub(one, z), real_sub(one, p)));
    return real_mul(dloss_dp, real_mul(s, real_sub(one, s)));
}

#else

#include "registry.h"
#define FORMULA keras_probs
#define FORMULA_SOURCE "keras_probs.c"
#include "scalar_template.h"

const struct implementation implementation_keras_probs = {
    .name = "keras-probs",
    .family = "framework",
    .formula = "-(z*log(p) + (1-z)*log(1-p)), p = clip(s, 1e-7, 1-1e-7), s = 1/(1+exp(-x))",
    .gradient = "eps <= s <= 1-eps ? (-z/p + (1-z)/(1-p)) * (s*(1-s)) : 0",
    .origin = "Keras binary_crossentropy with from_logits=False (NumPy backend) on sigmoid(x); TF autodiff gradient",
    .weaknesses = "clip bounds the loss (16.12 for z = 1, x < -16.12, f32) and zeroes the gradient there; "
                  "f16/bf16: 1-1e-7 rounds to 1, inf/NaN for x >= 7.62 (f16)",
    .kernels = SCALAR_KERNELS,
};

#endif
