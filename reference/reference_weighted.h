/* Correctly rounded references for the weighted sigmoid cross-entropy, with MPFR.
 *
 *   loss  l_p(x,z) = (1-z) x + q softplus(-x),  q = 1 + (p-1) z = (1-z) + p z,
 *                    softplus(-x) = log1p(exp(-|x|)) + max(-x, 0)
 *   grad  g_p(x,z) = d l_p / dx = (1-z) - q sigmoid(-x) = q sigmoid(x) - p z
 *   both times w / d: a per-element weight w and an exact integer divisor d (Caffe's
 *   normalizer; 1 otherwise).
 * p is PyTorch's and TensorFlow's pos_weight.  With p = 1, w = d = 1 these are the unweighted
 * l and g of reference.h.
 *
 * As in reference.c, each value is split into an exact rational part A and a transcendental
 * part B, so that every cancellation happens in one final addition:
 *   loss, x >= 0:  A = (1-z) x,        B = q log1p(exp(-x))          (both >= 0 for z in [0,1])
 *   loss, x <  0:  A = -p z x,         B = q log1p(exp(x))           (both >= 0)
 *   grad, |x| < 1: A = (1 - z - p z)/2, B = q tanh(x/2)/2
 *   grad, x >= 1:  A = 1 - z,          B = -q e/(1+e), e = exp(-x)
 *   grad, x <= -1: A = -p z,           B = q e/(1+e),  e = exp(x)
 * (for x < 0 the loss is (1-z)x + q(log1p(e) - x) = -p z x + q log1p(e): no cancellation at
 * all for p >= 0 and z in [0,1]).  A Ziv loop evaluates B (and A w/d, when d makes it
 * inexact) at a working precision, bounds the error, and stops when both ends of the error
 * interval round to the same value of the format (subnormals and overflow included) and the
 * interval is narrower than 2^-(p+64) |y|.  When B is far below the last bit of an exact A
 * (huge |x|), the value is settled exactly as A plus a term of known sign.
 *
 * Inputs: x, z, p and w values of the format; p >= 0, w and z finite; infinite x gives the
 * limits in x (l: (1-z) w inf for +inf, p z w inf for -inf, 0 where that coefficient is 0;
 * g: (1-z) w / d and -p z w / d).  NaN anywhere, or infinite z, p or w, gives NaN.  A finite
 * value beyond the format's range (p x can exceed it) rounds to infinity and is reported as
 * EXACT_INFINITE: a returned infinity is then exact, a finite result an infinity mismatch. */
#ifndef SCEBENCH_REFERENCE_WEIGHTED_H
#define SCEBENCH_REFERENCE_WEIGHTED_H

#include <stdint.h>
#include "reference.h"

struct weighted_parameters {
    double pos_weight; /* p */
    double weight;     /* w */
    uint64_t divisor;  /* d >= 1 */
};

void reference_weighted_loss(enum format format, double x, double z, const struct weighted_parameters *parameters,
                             struct exact_value *out);
void reference_weighted_grad(enum format format, double x, double z, const struct weighted_parameters *parameters,
                             struct exact_value *out);

#endif
