/* An example scebench plugin: the branchless form of TensorFlow's
 * sigmoid_cross_entropy_with_logits,
 *
 *     loss l(x,z) = max(x,0) - x*z + log1p(exp(-|x|))
 *     grad g(x,z) = sigmoid(x) - z,   sigmoid(x) = 1/(1+exp(-x)) for x >= 0, else e/(1+e), e = exp(x)
 *
 * in f64 and f32, as plain C loops over the storage arrays (no intrinsics, no branches in the
 * loss).  Build and sweep it:
 *
 *     cc -O2 -fPIC -shared -I harness examples/plugin/example_plugin.c -o example_plugin.so -lm
 *     scebench sweep --plugin ./example_plugin.so:scebench_example -i example-branchless -t f32,f64 \
 *         --suite quick -o results.json
 *     scebench bench --plugin ./example_plugin.so:scebench_example -i example-branchless --sizes l1
 *
 * Known weaknesses (those of the branchless form): x - x*z cancels for z near 1 and large x,
 * sigmoid(x) - z cancels near sigmoid(x) = z; no accuracy contract is claimed. */
#include <math.h>
#include <stddef.h>

#include "scebench_plugin.h"

#define KERNELS(type, suffix, EXP, LOG1P, FABS, FMAX)                                                       \
    static void loss_##suffix(size_t n, const void *xs, const void *zs, void *outs)                         \
    {                                                                                                       \
        const type *x = xs, *z = zs;                                                                        \
        type *out = outs;                                                                                   \
        for (size_t i = 0; i < n; i++)                                                                      \
            out[i] = FMAX(x[i], (type)0) - x[i] * z[i] + LOG1P(EXP(-FABS(x[i])));                           \
    }                                                                                                       \
    static void grad_##suffix(size_t n, const void *xs, const void *zs, void *outs)                         \
    {                                                                                                       \
        const type *x = xs, *z = zs;                                                                        \
        type *out = outs;                                                                                   \
        for (size_t i = 0; i < n; i++) {                                                                    \
            type e = EXP(-FABS(x[i]));                                                                      \
            type s = x[i] >= 0 ? (type)1 / ((type)1 + e) : e / ((type)1 + e);                               \
            out[i] = s - z[i];                                                                              \
        }                                                                                                   \
    }                                                                                                       \
    static void fused_##suffix(size_t n, const void *xs, const void *zs, void *losses, void *grads)         \
    {                                                                                                       \
        loss_##suffix(n, xs, zs, losses);                                                                   \
        grad_##suffix(n, xs, zs, grads);                                                                    \
    }

KERNELS(double, f64, exp, log1p, fabs, fmax)
KERNELS(float, f32, expf, log1pf, fabsf, fmaxf)

const struct scebench_plugin scebench_example = {
    .abi_version = SCEBENCH_PLUGIN_ABI_VERSION,
    .size = sizeof(struct scebench_plugin),
    .name = "example-branchless",
    .formula = "max(x,0) - x*z + log1p(exp(-|x|))",
    .origin = "examples/plugin/example_plugin.c (TensorFlow's branchless form)",
    .formats =
        {
            [SCEBENCH_PLUGIN_F64] = {.loss = loss_f64, .grad = grad_f64, .fused = fused_f64},
            [SCEBENCH_PLUGIN_F32] = {.loss = loss_f32, .grad = grad_f32, .fused = fused_f32},
        },
};
