/* host_twin.h: the array loops of `cuda-accurate-host`, the CPU twin of `cuda-accurate`: the
 * device's per-element arithmetic compiled for the host, one element at a time, with the same
 * roundings.  Included by cuda_accurate_host_f32.c (f32, f16, bf16 storage: table_math.h) and
 * cuda_accurate_host_f64.c (f64: element.h), which define the per-element values. */
#ifndef SCEBENCH_HOST_TWIN_H
#define SCEBENCH_HOST_TWIN_H

#include <stddef.h>

#include "registry.h"

/* Before including: the per-element values of the format family, as binary64 values that the
 * store rounds once (storage_store):
 *   static double twin_loss_value(enum format format, scalar x, scalar z);
 *   static double twin_gradient_value(enum format format, scalar x, scalar z);
 *   static void twin_fused_values(enum format format, scalar x, scalar z, double *loss, double *gradient); */

static void twin_loss(enum format format, size_t n, const void *x, const void *z, void *out)
{
    for (size_t i = 0; i < n; i++) {
        scalar xi = (scalar)storage_load(format, x, i), zi = (scalar)storage_load(format, z, i);
        storage_store(format, out, i, twin_loss_value(format, xi, zi));
    }
}

static void twin_gradient(enum format format, size_t n, const void *x, const void *z, void *out)
{
    for (size_t i = 0; i < n; i++) {
        scalar xi = (scalar)storage_load(format, x, i), zi = (scalar)storage_load(format, z, i);
        storage_store(format, out, i, twin_gradient_value(format, xi, zi));
    }
}

static void twin_fused(enum format format, size_t n, const void *x, const void *z, void *loss, void *gradient)
{
    for (size_t i = 0; i < n; i++) {
        scalar xi = (scalar)storage_load(format, x, i), zi = (scalar)storage_load(format, z, i);
        double loss_value, gradient_value;
        twin_fused_values(format, xi, zi, &loss_value, &gradient_value);
        storage_store(format, loss, i, loss_value);
        storage_store(format, gradient, i, gradient_value);
    }
}

/* The stored losses summed in binary64, in order. */
static double twin_mean(enum format format, size_t n, const void *x, const void *z)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        scalar xi = (scalar)storage_load(format, x, i), zi = (scalar)storage_load(format, z, i);
        total += round_to_format(format, twin_loss_value(format, xi, zi));
    }
    return total / (double)n;
}

/* Defines cuda_twin_{loss,gradient,fused,mean}_SUFFIX, declared in cuda_twin.h. */
#define TWIN_KERNELS(suffix, format)                                                                 \
    void cuda_twin_loss_##suffix(size_t n, const void *x, const void *z, void *out)                  \
    {                                                                                                \
        twin_loss(format, n, x, z, out);                                                             \
    }                                                                                                \
    void cuda_twin_gradient_##suffix(size_t n, const void *x, const void *z, void *out)              \
    {                                                                                                \
        twin_gradient(format, n, x, z, out);                                                         \
    }                                                                                                \
    void cuda_twin_fused_##suffix(size_t n, const void *x, const void *z, void *loss, void *gradient) \
    {                                                                                                \
        twin_fused(format, n, x, z, loss, gradient);                                                 \
    }                                                                                                \
    double cuda_twin_mean_##suffix(size_t n, const void *x, const void *z) { return twin_mean(format, n, x, z); }

#endif
