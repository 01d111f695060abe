/* sleef_avx2_f64.c: the sleef-u10 peer's kernels (loss, gradient, fused, mean) for f64, with
 * Sleef_expd4_u10avx2 and Sleef_log1pd4_u10avx2.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|)),  grad s - z,  s = x>=0 ? 1/(1+e) : e/(1+e)
 *
 * Origin: the branchless formula over SLEEF's u10 functions; the one generic body is
 * sleef_math.h over the op-set simd_ops_avx2.h.  Approximation error: SLEEF's 1.0 ulp per call;
 * measured accuracy and worst inputs: the table in sleef_u10.c.  Built only with libsleef-dev
 * (settings.cmake); called only when the CPU has the instruction set. */
#ifdef SCEBENCH_HAVE_SLEEF
#define SIMD_SINGLE 0
#define SLEEF_KERNELS sleef_avx2_f64_kernels
#define SLEEF_EXP Sleef_expd4_u10avx2
#define SLEEF_LOG1P Sleef_log1pd4_u10avx2
#include <sleef.h>
#include "simd_ops_avx2.h"
#include "sleef_math.h"
#else
typedef int sleef_avx2_f64_not_built; /* ISO C wants a declaration in every file */
#endif
