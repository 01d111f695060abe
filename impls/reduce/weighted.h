/* The registry of weighted implementations: the loss with pos_weight p and a per-element
 * weight w, and its gradient,
 *
 *   l_p(x,z) w = ((1-z) x + (1 + (p-1) z) softplus(-x)) w,  softplus(-x) = log1p(exp(-|x|)) + max(-x,0)
 *   g_p(x,z) w = ((1-z) - (1 + (p-1) z) sigmoid(-x)) w = (q sigmoid(x) - p z) w,  q = 1 + (p-1) z
 *
 * for the frameworks that have pos_weight (PyTorch's binary_cross_entropy_with_logits,
 * TensorFlow's weighted_cross_entropy_with_logits) and for scebench's accurate version, in
 * f64 and f32.  Each lives in its own file (weighted_*.c) that opens with its formula, origin,
 * weaknesses and contract. */
#ifndef SCEBENCH_WEIGHTED_H
#define SCEBENCH_WEIGHTED_H

#include <stddef.h>
#include "registry.h"

/* out[i] = f(x[i], z[i]; p, w[i]) for i < n, arrays in the storage of the format (double or
 * float), p a value of the format. */
typedef void weighted_kernel_fn(size_t n, const void *x, const void *z, const void *w, double pos_weight, void *out);

struct weighted_implementation {
    const char *name;    /* "pytorch" */
    const char *formula;
    const char *gradient;
    const char *origin;
    const char *weaknesses;
    enum mode mode;      /* native (the format's arithmetic) or internal (its own precision) */
    double contract[FORMAT_COUNT][FUNCTION_COUNT]; /* 0: none */
    weighted_kernel_fn *kernels[FORMAT_COUNT][FUNCTION_COUNT]; /* f64 and f32 */
};

extern const struct weighted_implementation *const weighted_implementations[];
extern const size_t weighted_implementation_count;

const struct weighted_implementation *weighted_find(const char *name);

#endif
