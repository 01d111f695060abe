/* sleef-u10: the branchless formula over SLEEF's u10 vector functions, the vector peer of simd.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|))   (Sleef_expf16_u10avx512f, Sleef_log1pf16_u10avx512f,
 *                                             or the avx2 and f64 ones)
 *   grad s - z,  s = x >= 0 ? 1/(1+e) : e/(1+e),  e = exp(-|x|)
 *
 * Origin: what a user writes with SLEEF (Debian libsleef-dev 3.5): the generic body
 * sleef_math.h in sleef_avx512_*.c and sleef_avx2_*.c, the AVX-512 one on a CPU with AVX512F
 * (and DQ, BW, VL, as simd), else AVX2, else the scalar Sleef_expf_u10/Sleef_log1pf_u10 in the
 * same loop as libm-loop.  Approximation error: SLEEF's, 1.0 ulp per call.  Weaknesses: the
 * formula's, as `branchless`, and SLEEF's expf flushing results below 2^-126 to zero.
 * Accuracy contract: none (measured, not claimed).  Without libsleef-dev at build time this
 * implementation has no kernels.
 *
 * Measured (AVX-512, sweep extreme and random 100 000, all target sets; worst input x z):
 *   f32 loss  8.4e6 ulp at 0x1.000002p+4 0x1.fffffep-1 (x - x*z cancels, z = 1 - 2^-24); 12 NaN
 *             (x = +-inf: inf - inf); 424 flush (l(x, 1) for x > 87.3: expf flushes e)
 *   f32 grad  1.4e14 ulp at 0x1.0a2b24p+4 0x1.fffffep-1 (s - z cancels); 3523 flush, 1 sign
 *   f64 loss  4.5e15 ulp at 0x1.0000000000001p+6 0x1.fffffffffffffp-1; 12 NaN; 394 flush
 *   f64 grad  1.0e31 ulp at 0x1.25e4f7b2737fap+5 0x1.fffffffffffffp-1; 11728 flush
 * (libm-loop: the same maxima, without the exp flushes.)  Speed: see simd.c. */
#include "registry.h"

#ifdef SCEBENCH_HAVE_SLEEF
#include <math.h>
#include <sleef.h>

#include "loop_template.h"

extern const struct kernel_set sleef_avx512_f32_kernels, sleef_avx512_f64_kernels;
extern const struct kernel_set sleef_avx2_f32_kernels, sleef_avx2_f64_kernels;

LOOP_KERNELS(sleef_scalar_f32, float, Sleef_expf_u10, Sleef_log1pf_u10, fabsf)
LOOP_KERNELS(sleef_scalar_f64, double, Sleef_exp_u10, Sleef_log1p_u10, fabs)

static const struct kernel_set sleef_scalar_f32_kernels = {sleef_scalar_f32_loss, sleef_scalar_f32_grad,
                                                           sleef_scalar_f32_fused, sleef_scalar_f32_mean};
static const struct kernel_set sleef_scalar_f64_kernels = {sleef_scalar_f64_loss, sleef_scalar_f64_grad,
                                                           sleef_scalar_f64_fused, sleef_scalar_f64_mean};

static const struct kernel_set *sleef_kernels(int single)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
        return single ? &sleef_avx512_f32_kernels : &sleef_avx512_f64_kernels;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c"))
        return single ? &sleef_avx2_f32_kernels : &sleef_avx2_f64_kernels;
    return single ? &sleef_scalar_f32_kernels : &sleef_scalar_f64_kernels;
}

#define SLEEF_DISPATCH(suffix, single)                                                                 \
    static void sleef_loss_##suffix(size_t n, const void *x, const void *z, void *out)                 \
    {                                                                                                 \
        sleef_kernels(single)->loss(n, x, z, out);                                                    \
    }                                                                                                 \
    static void sleef_grad_##suffix(size_t n, const void *x, const void *z, void *out)                 \
    {                                                                                                 \
        sleef_kernels(single)->grad(n, x, z, out);                                                    \
    }                                                                                                 \
    static void sleef_fused_##suffix(size_t n, const void *x, const void *z, void *loss, void *grad)   \
    {                                                                                                 \
        sleef_kernels(single)->fused(n, x, z, loss, grad);                                            \
    }                                                                                                 \
    static double sleef_mean_##suffix(size_t n, const void *x, const void *z)                          \
    {                                                                                                 \
        return sleef_kernels(single)->mean(n, x, z);                                                  \
    }

SLEEF_DISPATCH(f32, 1)
SLEEF_DISPATCH(f64, 0)

#define SLEEF_KERNEL_TABLE                                                                                     \
    {                                                                                                          \
        [FORMAT_F64] = {[MODE_NATIVE] = {sleef_loss_f64, sleef_grad_f64, sleef_fused_f64, sleef_mean_f64}},    \
        [FORMAT_F32] = {[MODE_NATIVE] = {sleef_loss_f32, sleef_grad_f32, sleef_fused_f32, sleef_mean_f32}},    \
    }
#define SLEEF_WEAKNESSES "x - x*z cancels for soft z near 1; s - z cancels near s = z and flushes for z = 1, x >> 0"
#else
#define SLEEF_KERNEL_TABLE {{{0}}}
#define SLEEF_WEAKNESSES "not built: libsleef-dev was missing at build time"
#endif

const struct implementation implementation_sleef_u10 = {
    .name = "sleef-u10",
    .family = "framework",
    .formula = "max(x,0) - x*z + log1p(exp(-|x|)) over SLEEF's u10 vector exp and log1p",
    .gradient = "s - z, s = x>=0 ? 1/(1+e) : e/(1+e), e = exp(-|x|)",
    .origin = "TensorFlow's branchless formula written with SLEEF 3.5 (AVX-512 or AVX2 chosen at run time)",
    .weaknesses = SLEEF_WEAKNESSES,
    .kernels = SLEEF_KERNEL_TABLE,
};
