/* simd_avx2_f32.c: the simd kernels (loss, gradient, fused, mean) on 8 binary32 lanes of
 * AVX2 + FMA + F16C, for f32, f16 and bf16 storage.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|)) = a + b,  grad (step(x) - z) -+ e/(1+e),  e = exp(-|x|)
 *
 * Origin: scebench; the one generic body is simd_math.h (formula, range reduction, polynomials,
 * error bounds), over the op-set simd_ops_avx2.h.  Approximation error and measured accuracy
 * (max ulp and worst input per format and function, exhaustive binary32 included): the table at
 * the top of simd.c.  Compiled with the instruction-set flags of settings.cmake; called only
 * when the CPU has them. */
#define SIMD_SINGLE 1
#define SIMD_KERNELS simd_avx2_f32_kernels
#include "simd_ops_avx2.h"
#include "simd_math.h"
