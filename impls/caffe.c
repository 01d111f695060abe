/* caffe: the formula of Caffe's SigmoidCrossEntropyLossLayer::Forward_cpu.
 *
 *   loss  x*([x>=0] - z) + log(1 + exp(x - 2*x*[x>=0]))
 *   grad  s - z,  s = 0.5*tanh(0.5*x) + 0.5
 *
 * Origin: Caffe's Forward_cpu accumulates loss -= x*(z - (x>=0)) - log(1 + exp(x - 2*x*(x>=0)))
 * (the same value, negated term by term, exactly); Backward_cpu subtracts the target from
 * the output of Caffe's SigmoidLayer, which computes the sigmoid as 0.5*tanh(0.5*x) + 0.5.
 *
 * Weaknesses:
 *   - the branch makes exp's argument -|x|, so nothing overflows, but the plain log(1+e)
 *     returns 0 once e = exp(-|x|) <= 2^-p: |x| >= 16.64 (f32), 36.74 (f64), 7.62 (f16),
 *     5.55 (bf16).  The loss of a confident correct prediction (z = 1, x >> 0 or z = 0,
 *     x << 0) is then flushed to 0 (f32 at x = 17, z = 1: 0 for 4.1e-8), and below that
 *     threshold log(1+e) keeps only the absolute accuracy of 1+e.
 *   - x*([x>=0] - z) loses bits for z near [x>=0].
 *   - the tanh sigmoid: 0.5*tanh(0.5*x) + 0.5 cancels for x < 0, where tanh is near -1; s
 *     keeps only the absolute accuracy of tanh near -1 (about 2^-(p+2)) and is 0 once
 *     tanh(0.5*x) rounds to -1, x <= -18.02 (f32), -38.12 (f64), -9.02 (f16), -6.94 (bf16):
 *     the z = 0 gradient (about exp(x)) is wrong in most bits well before and flushed there.
 *     For z = 1, x >> 0, s - z cancels as in the textbook form (0 for x >= 16.64 in f32).
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

static real INSTANCE(loss)(real x, real z)
{
    real nonnegative = x >= real_const(0) ? real_const(1) : real_const(0);
    real linear_term = real_mul(x, real_sub(nonnegative, z));
    real exponent = real_sub(x, real_mul(real_mul(real_const(2), x), nonnegative));
    return real_add(linear_term, real_log(real_add(real_const(1), real_exp(exponent))));
}

/* Caffe's SigmoidLayer::Forward_cpu. */
static real INSTANCE(sigmoid)(real x)
{
    real half = real_const(0.5);
    return real_add(real_mul(half, real_tanh(real_mul(half, x))), half);
}

static real INSTANCE(grad)(real x, real z)
{
    return real_sub(INSTANCE(sigmoid)(x), z);
}

#else

#include "registry.h"
#define FORMULA caffe
#define FORMULA_SOURCE "caffe.c"
#include "scalar_template.h"

const struct implementation implementation_caffe = {
    .name = "caffe",
    .family = "framework",
    .formula = "x*([x>=0] - z) + log(1 + exp(x - 2*x*[x>=0]))",
    .gradient = "s - z, s = 0.5*tanh(0.5*x) + 0.5",
    .origin = "Caffe's SigmoidCrossEntropyLossLayer::Forward_cpu and SigmoidLayer",
    .weaknesses = "log(1+e) = 0 for |x| >= 16.64 (f32): loss flushed to 0 for confident correct predictions; "
                  "tanh sigmoid cancels for x < 0 and is 0 for x <= -18.02 (f32)",
    .kernels = SCALAR_KERNELS,
};

#endif
