/* cuda-accurate, cuda-fast, cuda-accurate-host: scebench's CUDA kernels and the CPU twin of the
 * accurate one.
 *
 * cuda-accurate (kernels_accurate_f32.cu, kernels_accurate_f64.cu):
 *   loss l(x,z) = a + b,  a = max(x,0) - x*z >= 0,  b = log1p(e) > 0,  e = exp(-|x|)
 *   grad g(x,z) = ([x>=0] - z) -+ e/(1+e)
 * Origin: scebench: the per-element arithmetic of the `simd` kernels (impls/simd/
 * double_word_math.h, one lane per thread): one table-driven exp(-|x|), log1p of it by a
 * 16-bin table and a short polynomial, the sigmoid from the same e, every quantity a
 * double-word in the lanes' own precision (binary32 for f32, f16 and bf16 storage; binary64 for
 * f64), so that the cancellations of x - x*z and s(x) - z happen in one final addition without
 * a wider type.  f16 and bf16 results are rounded once from the binary32 double-word (rounded
 * to odd first).  The points the double-word path does not take go to a double-double rare path
 * (deep.h): x or z infinite or NaN, z outside [+0, 1] or subnormal, and gradients that cancel
 * below 2^-14 of the sigmoid term (and on to triple-binary64, deep_triple.h, for an f64 gradient
 * cancelling below 2^-40 of it).  Loss, gradient, fused loss + gradient and the mean are each
 * one pass; the mean is a fixed two-stage reduction (binary64 partials per block; double-binary64
 * for f64), so one input gives the same bits every run on a given device.
 * Accuracy contract: f32 and f64 within 1 ulp (the bounds of simd_math.h: loss 0.63 | 0.59 ulp,
 * gradient 0.75, 0.81 in the subnormal range); f16 and bf16 within 0.501 ulp.
 *
 * cuda-accurate-host (cuda_accurate_host_f32.c, cuda_accurate_host_f64.c): the same source
 * compiled for the CPU, element by element.  lane_ops.h explains why its results are the
 * device's bit for bit (the GPU tests compare them), so every CPU sweep verifies the device's
 * arithmetic; its speed means nothing.  Measured (max ulp, worst input x z; all in README):
 *   exhaustive f32, every x, z in {0, 1}:  loss 0.7657 at 0x1.5dfb1p+6 1,  grad 0.7500 at
 *     0x1.5f5eb6p+6 1 (the simd kernels' maxima: the same arithmetic);
 *   exhaustive f16, every x and z:  loss 0.5002 at -0x1.1b4p-1 0x1.4b4p-5 (single-word path),
 *     grad 0.5000;  bf16 every x and z:  0.5000 and 0.5000;
 *   extreme suite f64: loss 0.6186 at 0x1.626p+9 1, grad 0.6186;  z = s(x) rounded and its
 *     neighbours (tests/test_cuda_host.c): f64 grad 0.5065, f32 0.5000.
 *
 * cuda-fast (kernels_fast.cu): the branchless formula with the hardware approximations,
 *   loss max(x,0) - x*z + __logf(1 + __expf(-|x|)),  grad s - z with s from __expf and __fdividef,
 * computed in binary32 for f32, f16 and bf16 storage, and with CUDA's binary64 exp and log1p for
 * f64 (there are no binary64 approximations in hardware).  Origin: what -use_fast_math makes of
 * the usual kernel.  No contract: its measured error is the point (log(1 + e) loses e below
 * 2^-24, __expf has 2 + 1.5|x| ulp).
 *
 * cuda-accurate and cuda-fast run on the device (target cuda): the registry's kernels copy the
 * host arrays to the device and back (cuda_device.h), for sweeps; `scebench bench --target cuda`
 * times them on device-resident data. */
#include <stddef.h>

#include "registry.h"
#include "cuda_twin.h"
#ifdef SCEBENCH_HAVE_CUDA
#include "cuda_device.h"
#endif

#define CUDA_FORMULA "max(x,0) - x*z + log1p(exp(-|x|)) as a + b, double-words in the storage's lane precision"
#define CUDA_GRADIENT "([x>=0] - z) -+ e/(1+e), e = exp(-|x|), one final addition"
#define CUDA_WEAKNESSES "double-double rare path (special inputs, gradients cancelling below 2^-14 of the sigmoid)"
#define CUDA_CONTRACT                                                                                          \
    {                                                                                                      \
        [FORMAT_F64] = {1.0, 1.0}, [FORMAT_F32] = {1.0, 1.0}, [FORMAT_F16] = {0.501, 0.501},                \
        [FORMAT_BF16] = {0.501, 0.501},                                                                    \
    }

const struct implementation implementation_cuda_accurate_host = {
    .name = "cuda-accurate-host",
    .family = "scebench",
    .formula = CUDA_FORMULA,
    .gradient = CUDA_GRADIENT,
    .origin = "scebench: cuda-accurate's arithmetic compiled for the CPU (bit for bit the device's)",
    .weaknesses = CUDA_WEAKNESSES,
    .contract = CUDA_CONTRACT,
    .kernels = {
        [FORMAT_F64][MODE_INTERNAL] = TWIN_KERNEL_SET(f64),
        [FORMAT_F32][MODE_INTERNAL] = TWIN_KERNEL_SET(f32),
        [FORMAT_F16][MODE_INTERNAL] = TWIN_KERNEL_SET(f16),
        [FORMAT_BF16][MODE_INTERNAL] = TWIN_KERNEL_SET(bf16),
    },
};

#ifdef SCEBENCH_HAVE_CUDA

#define DEVICE_KERNELS(variant, suffix, format)                                                              \
    static void variant##_loss_##suffix(size_t n, const void *x, const void *z, void *out)                   \
    {                                                                                                        \
        cuda_run_host(variant, format, CUDA_LOSS, n, x, z, out, NULL);                                       \
    }                                                                                                        \
    static void variant##_gradient_##suffix(size_t n, const void *x, const void *z, void *out)               \
    {                                                                                                        \
        cuda_run_host(variant, format, CUDA_GRAD, n, x, z, out, NULL);                                       \
    }                                                                                                        \
    static void variant##_fused_##suffix(size_t n, const void *x, const void *z, void *loss, void *gradient) \
    {                                                                                                        \
        cuda_run_host(variant, format, CUDA_FUSED, n, x, z, loss, gradient);                                 \
    }                                                                                                        \
    static double variant##_mean_##suffix(size_t n, const void *x, const void *z)                            \
    {                                                                                                        \
        return cuda_mean_host(variant, format, n, x, z);                                                     \
    }

#define DEVICE_KERNEL_SET(variant, suffix)                                                                   \
    {                                                                                                        \
        variant##_loss_##suffix, variant##_gradient_##suffix, variant##_fused_##suffix, variant##_mean_##suffix \
    }

DEVICE_KERNELS(CUDA_ACCURATE, f64, FORMAT_F64)
DEVICE_KERNELS(CUDA_ACCURATE, f32, FORMAT_F32)
DEVICE_KERNELS(CUDA_ACCURATE, f16, FORMAT_F16)
DEVICE_KERNELS(CUDA_ACCURATE, bf16, FORMAT_BF16)
DEVICE_KERNELS(CUDA_FAST, f64, FORMAT_F64)
DEVICE_KERNELS(CUDA_FAST, f32, FORMAT_F32)
DEVICE_KERNELS(CUDA_FAST, f16, FORMAT_F16)
DEVICE_KERNELS(CUDA_FAST, bf16, FORMAT_BF16)

const struct implementation implementation_cuda_accurate = {
    .name = "cuda-accurate",
    .family = "scebench",
    .formula = CUDA_FORMULA,
    .gradient = CUDA_GRADIENT,
    .origin = "scebench: the simd kernels' double-word arithmetic, one lane per CUDA thread",
    .weaknesses = CUDA_WEAKNESSES,
    .target = TARGET_CUDA,
    .contract = CUDA_CONTRACT,
    .kernels = {
        [FORMAT_F64][MODE_INTERNAL] = DEVICE_KERNEL_SET(CUDA_ACCURATE, f64),
        [FORMAT_F32][MODE_INTERNAL] = DEVICE_KERNEL_SET(CUDA_ACCURATE, f32),
        [FORMAT_F16][MODE_INTERNAL] = DEVICE_KERNEL_SET(CUDA_ACCURATE, f16),
        [FORMAT_BF16][MODE_INTERNAL] = DEVICE_KERNEL_SET(CUDA_ACCURATE, bf16),
    },
};

const struct implementation implementation_cuda_fast = {
    .name = "cuda-fast",
    .family = "framework",
    .formula = "max(x,0) - x*z + __logf(1 + __expf(-|x|))",
    .gradient = "s - z, s = x >= 0 ? 1/(1+e) : e/(1+e) with __expf and __fdividef",
    .origin = "the usual CUDA kernel under -use_fast_math (hardware exp2 and log2 approximations)",
    .weaknesses = "log(1 + e) loses e below 2^-24; __expf's error grows with |x|; s - z cancels",
    .target = TARGET_CUDA,
    .kernels = {
        [FORMAT_F64][MODE_OPMATH] = DEVICE_KERNEL_SET(CUDA_FAST, f64),
        [FORMAT_F32][MODE_OPMATH] = DEVICE_KERNEL_SET(CUDA_FAST, f32),
        [FORMAT_F16][MODE_OPMATH] = DEVICE_KERNEL_SET(CUDA_FAST, f16),
        [FORMAT_BF16][MODE_OPMATH] = DEVICE_KERNEL_SET(CUDA_FAST, bf16),
    },
};

#endif
