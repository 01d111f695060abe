/* libm-loop: the branchless formula as a plain loop over glibc, what a user writes by hand.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|))   (expf/log1pf in f32, exp/log1p in f64)
 *   grad s - z,  s = x >= 0 ? 1/(1+e) : e/(1+e),  e = exp(-|x|)
 *
 * Origin: TensorFlow's sigmoid_cross_entropy_with_logits written as a C loop (loop_template.h),
 * compiled with the project's flags (no -ffast-math, so GCC does not vectorize the libm calls);
 * the peer that `simd` is measured against, with `sleef-u10`.  Approximation error: glibc's
 * (expf, log1pf, exp, log1p within 1 ulp, mostly correctly rounded).  Weaknesses: the formula's,
 * as `branchless` (x - x*z cancels for z near 1; s - z cancels near s = z, and for z = 1,
 * x >> 0, s rounds to 1 so the gradient flushes to 0).  Accuracy contract: none.
 *
 * Measured (sweep extreme and random 100 000, all target sets; worst input x z):
 *   f32 loss  8.4e6 ulp at 0x1.000002p+4 0x1.fffffep-1 (x - x*z cancels); 12 NaN (x = +-inf)
 *   f32 grad  1.4e14 ulp at 0x1.0a2b24p+4 0x1.fffffep-1 (s - z cancels); 3524 flush
 *   f64 loss  4.5e15 ulp at 0x1.0000000000001p+6 0x1.fffffffffffffp-1; 12 NaN
 *   f64 grad  1.0e31 ulp at 0x1.25e4f7b2737fap+5 0x1.fffffffffffffp-1; 11728 flush
 * Speed: about 0.1 Gelem/s per core for the f32 mean (glibc's scalar expf and log1pf); see simd.c. */
#include <math.h>

#include "loop_template.h"
#include "registry.h"

LOOP_KERNELS(libm_f32, float, expf, log1pf, fabsf)
LOOP_KERNELS(libm_f64, double, exp, log1p, fabs)

const struct implementation implementation_libm_loop = {
    .name = "libm-loop",
    .family = "framework",
    .formula = "max(x,0) - x*z + log1p(exp(-|x|)), a scalar loop over glibc expf/log1pf (exp/log1p)",
    .gradient = "s - z, s = x>=0 ? 1/(1+e) : e/(1+e), e = exp(-|x|)",
    .origin = "TensorFlow's branchless formula as a hand-written C loop over glibc",
    .weaknesses = "x - x*z cancels for soft z near 1; s - z cancels near s = z and flushes for z = 1, x >> 0",
    .kernels = {
        [FORMAT_F64] = {[MODE_NATIVE] = {libm_f64_loss, libm_f64_grad, libm_f64_fused, libm_f64_mean}},
        [FORMAT_F32] = {[MODE_NATIVE] = {libm_f32_loss, libm_f32_grad, libm_f32_fused, libm_f32_mean}},
    },
};
