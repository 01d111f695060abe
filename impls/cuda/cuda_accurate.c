/* cuda-accurate, cuda-fast, cuda-accurate-host: scebench's CUDA kernels and the CPU twin of the
 * accurate one.
 *
 * cuda-accurate:
 *   loss l(x,z) = a + b,  a = max(x,0) - x*z = x([x>=0] - z) >= 0,  b = log1p(e^-|x|) > 0
 *   grad g(x,z) = ([x>=0] - z) -+ s,  s = e^-|x|/(1 + e^-|x|)
 * Origin: scebench, built for the GPU's budget of about 60 instructions per f32 element
 * (table_math.h explains the choices).  f32, f16, bf16 storage (kernels_accurate_f32.cu,
 * table_math.h): one 16-byte table entry at the nearest multiple of ln2/64 below t = |x|
 * (log1p and sigmoid there, softplus_table.h) and a short polynomial in the remainder, in
 * binary64, for the f32 loss and every gradient; for the f16 and bf16 loss, b read whole from a
 * table indexed by the bit pattern of |x| and a + b in binary32.  f64 storage
 * (kernels_accurate_f64.cu, element.h): the double-word arithmetic of the simd kernels
 * (impls/simd/double_word_math.h), one lane per thread.  Special inputs (x infinite or NaN, z
 * outside [+0, 1] or NaN; f64 also z subnormal) and gradients cancelling below 2^-14 of s (and,
 * for f64, on to triple words below 2^-40) go to a double-double rare path (deep.h).  Loss,
 * gradient, fused loss + gradient, the mean and the mean + gradient are each one pass; the mean
 * is a fixed two-stage reduction (per-thread sums, binary32 compensated for f32, then binary64
 * partials per block; double-binary64 for f64), so one input gives the same bits every run on a
 * given device.
 * Accuracy contract: f32 and f64 within 1 ulp; f16 and bf16 within 0.501 ulp.  Error bounds:
 * table_math.h (f32 0.5 + 2^-10 ulp for the loss, 0.5 + 2^-6 for the gradient; f16 0.5 +
 * 2^-11.4, bf16 0.5 + 2^-14.4), simd_math.h for f64.
 *
 * cuda-accurate-host (cuda_accurate_host_f32.c, cuda_accurate_host_f64.c): the same source
 * compiled for the CPU, element by element, with the same tables: its results are the device's
 * bit for bit (every operation is one IEEE operation spelled so that no compiler fuses it; the
 * GPU test compares them), so every CPU sweep verifies the device's arithmetic; its speed
 * means nothing.  Measured (max ulp, worst input x z; all in README):
 *   exhaustive f32, every x, z in {0, 1}:  see README (scripts/gpu-check --f32-exhaustive);
 *   exhaustive f16, every x and every z in [0, 1]:  loss 0.5002, grad 0.5000;
 *     bf16 every x and z:  loss 0.5000, grad 0.5000;
 *   extreme suite: f32 loss 0.5000 at 0x1.28p+5 0x1.e66666p-1, grad 0.5000;
 *     f64 loss 0.6186 at 0x1.626p+9 1, grad 0.6186.
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

#define CUDA_FORMULA "x([x>=0] - z) + log1p(exp(-|x|)), log1p and sigmoid tabulated at multiples of ln2/64 (f16, bf16: per pattern of |x|)"
#define CUDA_GRADIENT "([x>=0] - z) -+ s, s = e/(1+e) by its Taylor series about the table point, in binary64"
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
    .origin = "scebench: table lookups and binary64 polynomials sized to the GPU's instruction budget",
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
