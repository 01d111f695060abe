/* host_twin.h: the array loops of `cuda-accurate-host`, the CPU twin of `cuda-accurate`: the
 * device's per-element arithmetic (element.h, deep.h) compiled for the host, one element at a
 * time, with the same roundings (lane_ops.h says why the bits agree).  Included by
 * cuda_accurate_host_f32.c (binary32 lanes: f32, f16, bf16 storage) and
 * cuda_accurate_host_f64.c (binary64 lanes: f64).
 *
 * Two flags per format: `narrow_lane` when the format is narrower than the lanes (the lane
 * value is rounded to odd for the store), `narrow_deep` when it is narrower than binary64 (the
 * rare path's double-double is rounded to odd). */
#ifndef SCEBENCH_HOST_TWIN_H
#define SCEBENCH_HOST_TWIN_H

#include <stddef.h>

#include "registry.h"
#include "deep.h"
#include "element.h"

static int narrow_lane(enum format format) { return format == FORMAT_F16 || format == FORMAT_BF16; }
static int narrow_deep(enum format format) { return format != FORMAT_F64; }

static double twin_loss_value(enum format format, scalar x, scalar z)
{
    vector value;
#if SIMD_SINGLE
    if (narrow_lane(format))
        return loss_lane_16bit(x, z, &value) ? (double)value : deep_loss(x, z, 1);
#endif
    if (loss_lane(x, z, narrow_lane(format), &value))
        return (double)value;
    return deep_loss(x, z, narrow_deep(format));
}

static double twin_gradient_value(enum format format, scalar x, scalar z)
{
    vector value;
    if (gradient_lane(x, z, narrow_lane(format), &value))
        return (double)value;
    return deep_gradient(x, z, narrow_deep(format));
}

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
        vector loss_value, gradient_value;
        unsigned taken = fused_lane(xi, zi, narrow_lane(format), &loss_value, &gradient_value);
        if (narrow_lane(format)) /* the loss kernel's single-word path, so that fused == loss */
            storage_store(format, loss, i, twin_loss_value(format, xi, zi));
        else
            storage_store(format, loss, i, taken & 1 ? (double)loss_value : deep_loss(xi, zi, narrow_deep(format)));
        storage_store(format, gradient, i,
                      taken & 2 ? (double)gradient_value : deep_gradient(xi, zi, narrow_deep(format)));
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
