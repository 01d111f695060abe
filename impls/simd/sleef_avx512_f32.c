/* sleef_avx512_f32.c: the sleef-u10 peer's kernels (loss, gradient, fused, mean) for f32, with
 * Sleef_expf16_u10avx512f and Sleef_log1pf16_u10avx512f.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|)),  grad s - z,  s = x>=0 ? 1/(1+e) : e/(1+e)
 *
 * Origin: the branchless formula over SLEEF's u10 functions; the one generic body is
 * sleef_math.h over the op-set simd_ops_avx512.h.  Approximation error: SLEEF's 1.0 ulp per call;
 * measured accuracy and worst inputs: the table in sleef_u10.c.  Built only with libsleef-dev
 * (settings.cmake); called only when the CPU has the instruction set. */
#ifdef SCEBENCH_HAVE_SLEEF
#define SIMD_SINGLE 1
#define SLEEF_KERNELS sleef_avx512_f32_kernels
#define SLEEF_EXP Sleef_expf16_u10avx512f
#define SLEEF_LOG1P Sleef_log1pf16_u10avx512f
#include <sleef.h>
#include "simd_ops_avx512.h"
#include "sleef_math.h"
#else
typedef int sleef_avx512_f32_not_built; /* ISO C wants a declaration in every file */
#endif
