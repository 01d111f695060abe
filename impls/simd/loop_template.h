/* loop_template.h: the branchless formula as a plain scalar loop, one body for every type.
 *
 *   loss max(x,0) - x*z + log1p(e),  grad s - z,  s = x >= 0 ? 1/(1+e) : e/(1+e),  e = exp(-|x|)
 *
 * LOOP_KERNELS(name, type, exp, log1p, fabs) defines name_loss, name_grad, name_fused (one pass,
 * e computed once) and name_mean (one pass, summed in double), over arrays of `type`, with the
 * given exp and log1p (glibc's for libm-loop, SLEEF's scalar u10 for sleef-u10 on a CPU without
 * AVX2).  Plain IEEE operations, evaluated as written (the build has -ffp-contract=off).
 * Origin, accuracy and weaknesses: the files that use it (libm_loop.c, sleef_u10.c). */
#ifndef SCEBENCH_LOOP_TEMPLATE_H
#define SCEBENCH_LOOP_TEMPLATE_H

#include <stddef.h>

#define LOOP_KERNELS(name, type, exp, log1p, fabs)                                                  \
    static inline type name##_loss_of(type x, type z, type e)                                      \
    {                                                                                              \
        type relu = x > 0 ? x : (type)0;                                                           \
        return relu - x * z + log1p(e);                                                            \
    }                                                                                              \
    static inline type name##_grad_of(type x, type z, type e)                                      \
    {                                                                                              \
        type s = x >= 0 ? (type)1 / ((type)1 + e) : e / ((type)1 + e);                             \
        return s - z;                                                                              \
    }                                                                                              \
    static void name##_loss(size_t n, const void *xs, const void *zs, void *outs)                  \
    {                                                                                              \
        const type *x = xs, *z = zs;                                                               \
        type *out = outs;                                                                          \
        for (size_t i = 0; i < n; i++)                                                             \
            out[i] = name##_loss_of(x[i], z[i], exp(-fabs(x[i])));                                 \
    }                                                                                              \
    static void name##_grad(size_t n, const void *xs, const void *zs, void *outs)                  \
    {                                                                                              \
        const type *x = xs, *z = zs;                                                               \
        type *out = outs;                                                                          \
        for (size_t i = 0; i < n; i++)                                                             \
            out[i] = name##_grad_of(x[i], z[i], exp(-fabs(x[i])));                                 \
    }                                                                                              \
    static void name##_fused(size_t n, const void *xs, const void *zs, void *losses, void *grads)  \
    {                                                                                              \
        const type *x = xs, *z = zs;                                                               \
        type *loss = losses, *grad = grads;                                                        \
        for (size_t i = 0; i < n; i++) {                                                           \
            type e = exp(-fabs(x[i]));                                                             \
            loss[i] = name##_loss_of(x[i], z[i], e);                                               \
            grad[i] = name##_grad_of(x[i], z[i], e);                                               \
        }                                                                                          \
    }                                                                                              \
    static double name##_mean(size_t n, const void *xs, const void *zs)                            \
    {                                                                                              \
        const type *x = xs, *z = zs;                                                               \
        double total = 0.0;                                                                        \
        for (size_t i = 0; i < n; i++)                                                             \
            total += (double)name##_loss_of(x[i], z[i], exp(-fabs(x[i])));                         \
        return total / (double)n;                                                                  \
    }

#endif
