/* pytorch-legacy: binary_cross_entropy_with_logits with pos_weight before PyTorch 2.1.
 *
 *   loss  ((1-z) x + q (log(exp(-m) + exp(-x-m)) + m)) w,  m = max(-x,0),  q = (p-1) z + 1
 *   grad  (((p z + 1) - z) s - p z) w,  s = 1/(1+exp(-x))   (the same backward as `pytorch`)
 *
 * Origin: aten/src/ATen/native/Loss.cpp before the log_sigmoid rewrite: max_val =
 * (-input).clamp_min_(0); log_weight = (pos_weight - 1).mul(target).add_(1); loss = (1 -
 * target).mul_(input).add_(log_weight.mul_(((-max_val).exp_().add_((-input -
 * max_val).exp_())).log_().add_(max_val))); loss.mul_(weight).
 *
 * Weaknesses: log(exp(-m) + exp(-x-m)) is log(1 + e) with e = exp(-|x|): 0 once e is below half
 * an ulp of 1 (|x| >= 16.64 in f32, 36.74 in f64), so the loss of a confident correct
 * prediction (z = 1, x >> 0: (1-z) x = 0) is flushed to 0, for every p; below that threshold
 * it keeps only the absolute accuracy of 1 + e.  For x < 0, (1-z) x and q (... + m) = q(-x +
 * ...) cancel (q - (1-z) = p z): for z = 0, x << 0 the loss is again log(1 + e) lost beside x.
 * Gradient: as `pytorch`.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef WEIGHTED_INSTANCE

static real WEIGHTED(loss)(real x, real z, real p, real w)
{
    real max_val = real_max(-x, (real)0);
    real log_weight = (p - (real)1) * z + (real)1;
    real softplus = real_log(real_exp(-max_val) + real_exp(-x - max_val)) + max_val;
    real loss = ((real)1 - z) * x + log_weight * softplus;
    return loss * w;
}

static real WEIGHTED(grad)(real x, real z, real p, real w)
{
    real sigmoid = (real)1 / ((real)1 + real_exp(-x));
    real t = p * z;
    real gradient = ((t + (real)1) - z) * sigmoid - t;
    return (gradient * (real)1) * w;
}

#else

#define WEIGHTED_FORMULA pytorch_legacy
#define WEIGHTED_SOURCE "weighted_pytorch_legacy.c"
#include "weighted_template.h"

const struct weighted_implementation weighted_pytorch_legacy = {
    .name = "pytorch-legacy",
    .formula = "((1-z)*x + q*(log(exp(-m) + exp(-x-m)) + m))*w, m = max(-x,0), q = (p-1)*z + 1",
    .gradient = "(((p*z + 1) - z)*s - p*z)*w, s = 1/(1+exp(-x))",
    .origin = "PyTorch before 2.1, binary_cross_entropy_with_logits with pos_weight (ATen Loss.cpp)",
    .weaknesses = "log(1 + e) = 0 for |x| >= 16.64 (f32): z = 1, x >> 0 flushed; cancellation for x < 0, z = 0",
    .mode = MODE_NATIVE,
    .kernels = WEIGHTED_KERNELS,
};

#endif
