/* pytorch: PyTorch 2.x's binary_cross_entropy_with_logits with pos_weight and weight.
 *
 *   loss  ((1-z) x - q log_sigmoid(x)) w,  q = (p-1) z + 1,
 *         log_sigmoid(x) = min(x,0) - log1p(exp(-|x|))
 *   grad  (((p z + 1) - z) s - p z) w,     s = 1/(1+exp(-x))
 *
 * Origin: aten/src/ATen/native/Loss.cpp: log_weight = (pos_weight - 1).mul(target).add_(1);
 * loss = (1 - target).mul_(input).sub_(log_weight.mul_(at::log_sigmoid(input))); then
 * loss.mul_(weight), with the CPU log_sigmoid kernel min(x,0) - log1p(exp(-|x|)).  The
 * backward is binary_cross_entropy_with_logits_backward: t = pos_weight.mul(target);
 * grad_input = t.add(1).sub_(target).mul_(input.sigmoid()).sub_(t), times grad (1 here),
 * times weight.  Since -log_sigmoid(x) = max(-x,0) + log1p(exp(-|x|)) with the same roundings
 * (negation is exact), this is also (1-z) x + q (log1p(exp(-|x|)) + max(-x,0)) operation for
 * operation: TensorFlow's weighted_cross_entropy_with_logits gives the same loss bit for bit.
 *
 * Weaknesses: as the unweighted `pytorch` for x < 0: (1-z) x and q log_sigmoid(x) = q (x - L)
 * cancel; for z = 0 (q = 1) the loss log1p(e) is lost below half an ulp of x (0 for x <=
 * -14.56 in f32, as without weights), and for soft z the cancellation costs (1-z)x/L ulps.
 * For x > 0 the terms are both nonnegative.  Gradient: exp(-x) overflows for x < -88.72
 * (f32): s = 0 and the gradient is -p z exactly, flushing the z = 0 gradient q s; for x >> 0
 * ((pz + 1) - z) s - pz cancels to (1 - z) - q sigmoid(-x) (z = 1: 0 once s rounds to 1,
 * x >= 16.64 in f32); near the zero of the gradient, s = pz/q, it cancels as s - z does.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef WEIGHTED_INSTANCE

static real WEIGHTED(log_sigmoid)(real x)
{
    return real_min(x, (real)0) - real_log1p(real_exp(-real_abs(x)));
}

static real WEIGHTED(loss)(real x, real z, real p, real w)
{
    real log_weight = (p - (real)1) * z + (real)1;
    real loss = ((real)1 - z) * x - log_weight * WEIGHTED(log_sigmoid)(x);
    return loss * w;
}

static real WEIGHTED(grad)(real x, real z, real p, real w)
{
    real sigmoid = (real)1 / ((real)1 + real_exp(-x));
    real t = p * z;
    real gradient = ((t + (real)1) - z) * sigmoid - t;
    return (gradient * (real)1) * w; /* grad_output = 1, then weight */
}

#else

#define WEIGHTED_FORMULA pytorch
#define WEIGHTED_SOURCE "weighted_pytorch.c"
#include "weighted_template.h"

const struct weighted_implementation weighted_pytorch = {
    .name = "pytorch",
    .formula = "((1-z)*x - q*log_sigmoid(x))*w, q = (p-1)*z + 1, log_sigmoid(x) = min(x,0) - log1p(exp(-|x|))",
    .gradient = "(((p*z + 1) - z)*s - p*z)*w, s = 1/(1+exp(-x))",
    .origin = "PyTorch 2.x binary_cross_entropy_with_logits and its backward (ATen Loss.cpp)",
    .weaknesses = "x < 0: (1-z)*x - q*log_sigmoid(x) cancels (0 for x <= -14.56, z = 0, f32); gradient: s = 0 "
                  "below -88.72 (f32), cancellation for z = 1, x >> 0",
    .mode = MODE_NATIVE,
    .kernels = WEIGHTED_KERNELS,
};

#endif
